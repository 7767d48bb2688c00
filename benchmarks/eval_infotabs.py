"""Score the verifier on InfoTabS through the command line: import, load, eval.

Imports every table of ../shared/eval/infotabs/tables/ with `verifier facts import --format
infobox`, loads the fact files into a fresh SQLite store with `verifier facts load`, writes
the 1,800 development claims as `verifier eval` reads them (E = supported, C =
contradicted, N = unknown; the claim's own table's entity as the context it speaks of) and
runs `verifier eval`. Prints its scores: precision of supported and of contradicted,
coverage (E and C claims decided rightly) and the claims wrongly called supported.

    .venv/bin/python benchmarks/eval_infotabs.py [--infotabs DIR] [--as-of 2020-01-01] [--show]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "infotabs"
VERIFIER = str(Path(sys.executable).parent / "verifier")
LABELS = {"E": "supported", "C": "contradicted", "N": "unknown"}


def run(*arguments: str) -> str:
    """Run `verifier ARGUMENTS`; return what it printed, or stop with its error."""
    done = subprocess.run([VERIFIER, *arguments], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"verifier {' '.join(arguments[:3])} ... failed:\n{done.stderr}")
    return done.stdout


def main() -> None:
    """Import, load and score; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--infotabs", type=Path, default=DEFAULT)
    parser.add_argument("--as-of", default="2020-01-01", help="the date the claims speak from")
    parser.add_argument("--show", action="store_true", help="print every claim missed")
    args = parser.parse_args()
    tables = sorted((args.infotabs / "tables").glob("*.json"))
    with tempfile.TemporaryDirectory(prefix="infotabs-") as tmp:
        folder = Path(tmp)
        facts = folder / "facts"
        url = f"sqlite:///{folder / 'store.sqlite3'}"
        started = time.perf_counter()
        print(run("facts", "import", "--format", "infobox", "--out", str(facts), *map(str, tables)))
        print(run("--database-url", url, "facts", "load", str(facts), "--sources-dir",
                  str(facts / "sources")))  # fmt: skip
        print(f"imported and loaded {len(tables)} tables in {time.perf_counter() - started:.1f} s")
        entity_of = {}
        for path in facts.glob("*.toml"):
            for entity in tomllib.loads(path.read_text(encoding="utf-8")).get("entity", []):
                entity_of[entity["name"]] = entity["id"]
        titles = {p.stem: json.loads(p.read_text(encoding="utf-8"))["title"] for p in tables}
        claims = folder / "claims.jsonl"
        with (
            (args.infotabs / "infotabs_dev.tsv").open(encoding="utf-8") as rows,
            claims.open("w", encoding="utf-8") as out,
        ):
            for row in csv.DictReader(rows, delimiter="\t"):
                title = titles[row["table_id"]]
                title = title[0] if isinstance(title, list) else title
                line = {
                    "id": row["table_id"],
                    "claim": row["hypothesis"],
                    "label": LABELS[row["label"]],
                    "as_of": args.as_of,
                    "context": [entity_of[" ".join(title.split())]],
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        report = run("--database-url", url, "eval", str(claims))
    summary, _, misses = report.partition("\nmisses: ")
    print(summary)
    if args.show:
        print("misses: " + misses)


if __name__ == "__main__":
    main()
