"""Score the engine on InfoTabS: infobox tables turned into facts, crowd-written claims.

Every table of ../shared/eval/infotabs/tables/ is imported as facts (verifier.importers.infobox)
into one store; each claim is checked with its own table's entity as the context it speaks of,
as an editor checks a sentence against the table beside it. E is read as supported, C as
contradicted and N as unknown. Prints the precision of supported and of contradicted, how
many claims were decided, and the claims wrongly called supported.

    .venv/bin/python benchmarks/eval_infotabs.py [--infotabs DIR] [--as-of YYYY-MM-DD] [--show N]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from datetime import date
from pathlib import Path

from verifier.core.engine import Verifier
from verifier.importers.infobox import import_tables, read_table
from verifier.store.loader import catalog_of

LABELS = {"E": "supported", "C": "contradicted", "N": "unknown"}
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "infotabs"


def main() -> None:
    """Import the tables, check every claim, print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--infotabs", type=Path, default=DEFAULT)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2019, 6, 1))
    parser.add_argument("--show", type=int, default=0, help="print this many wrong verdicts")
    args = parser.parse_args()
    tables = {
        t.name: t
        for t in (read_table(p) for p in sorted((args.infotabs / "tables").glob("*.json")))
    }
    imported = import_tables(list(tables.values()))
    from verifier.store.models import (
        AttributeCreate,
        EntityCreate,
        FactCreate,
        SourceCreate,
        VocabularyListCreate,
    )

    models = {"source": SourceCreate, "entity": EntityCreate, "attribute": AttributeCreate,
              "fact": FactCreate, "vocabulary": VocabularyListCreate}  # fmt: skip
    records = {k: [models[k].model_validate(r) for r in v] for k, v in imported.records().items()}
    verifier = Verifier(catalog_of(records))
    entity_of = {e["name"]: e["id"] for e in imported.entities}
    confusion: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    with (args.infotabs / "infotabs_dev.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            table = tables[row["table_id"]]
            context = [entity_of[table.title]]
            result = verifier.check(row["hypothesis"], as_of=args.as_of, context=context)
            label = LABELS[row["label"]]
            confusion[(label, result.verdict.value)] += 1
            if result.verdict.value != "unknown" and result.verdict.value != label:
                wrong.append(
                    f"{row['table_id']} {label} -> {result.verdict.value}: "
                    f"{row['hypothesis']}\n    {result.explanation}"
                )
    total = sum(confusion.values())
    decided = {v: sum(n for (_, p), n in confusion.items() if p == v) for v in LABELS.values()}
    right = {v: confusion[(v, v)] for v in LABELS.values()}
    print(f"facts: {len(imported.facts)} from {len(tables)} tables; claims: {total}")
    for verdict in ("supported", "contradicted"):
        precision = right[verdict] / decided[verdict] if decided[verdict] else 0.0
        print(
            f"{verdict}: {decided[verdict]} called, {right[verdict]} right, "
            f"precision {precision:.3f}"
        )
    called = decided["supported"] + decided["contradicted"]
    print(f"decided (supported or contradicted): {called} of {total} ({called / total:.1%})")
    print(
        f"wrongly supported: {decided['supported'] - right['supported']}; "
        f"wrongly contradicted: {decided['contradicted'] - right['contradicted']}"
    )
    print("confusion (label -> called):", dict(sorted(confusion.items())))
    for line in wrong[: args.show]:
        print(line)


if __name__ == "__main__":
    main()
