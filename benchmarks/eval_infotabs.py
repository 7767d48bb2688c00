"""Score the engine on InfoTabS: infobox tables turned into facts, crowd-written claims.

Every table of ../shared/eval/infotabs/tables/ is imported as facts (verifier.importers.infobox)
into one store; each claim is checked with its own table's entity as the context it speaks of.
E is read as supported, C as contradicted and N as unknown. Prints the precision of supported
and of contradicted, how many claims were decided, and the claims wrongly decided.

    .venv/bin/python benchmarks/eval_infotabs.py [--infotabs DIR] [--as-of YYYY-MM-DD] [--show N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from verifier.evaluation import score_infotabs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "infotabs"


def main() -> None:
    """Import the tables, check every claim, print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--infotabs", type=Path, default=DEFAULT)
    # The tables were taken from Wikipedia in 2019; ages and "present" speak of then.
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2019, 6, 1))
    parser.add_argument("--show", type=int, default=0, help="print this many wrong verdicts")
    args = parser.parse_args()
    scores = score_infotabs(args.infotabs, as_of=args.as_of)
    total = len(scores.labels)
    print(f"facts: {scores.facts} from {scores.tables} tables; claims: {total}")
    for verdict in ("supported", "contradicted"):
        print(
            f"{verdict}: {scores.called(verdict)} called, precision {scores.precision(verdict):.3f}"
        )
    decided = scores.called("supported") + scores.called("contradicted")
    print(f"decided (supported or contradicted): {decided} of {total} ({decided / total:.1%})")
    wrong = Counter(line.split(":")[0].split(" ", 1)[1] for line in scores.wrong)
    print("wrong decisions (label -> called):", dict(sorted(wrong.items())))
    for line in scores.wrong[: args.show]:
        print(line)


if __name__ == "__main__":
    main()
