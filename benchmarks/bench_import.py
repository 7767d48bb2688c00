"""Benchmark `verifier facts import` on a 100,000-row CSV, then `facts load` of the result.

Writes a synthetic long-shape table (entity, attribute, value, unit, year: 5,000 regions,
4 statistics and 5 years each), imports it through the command line, and loads the fact files
into a fresh SQLite store and, when reachable, PostgreSQL. Prints the seconds of each step
and the peak memory. Targets: import under 60 s, each load under 2 minutes.

    .venv/bin/python benchmarks/bench_import.py [--rows 100000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VERIFIER = str(Path(sys.executable).parent / "verifier")
POSTGRES = os.environ.get(
    "VERIFIER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
STATISTICS = [
    ("population", "", lambda r: str(r.randrange(1_000, 9_000_000))),
    ("area", "km²", lambda r: f"{r.randrange(10, 90_000):,}"),
    ("unemployment rate", "%", lambda r: f"{r.uniform(1, 20):.1f}"),
    ("GDP", "USD", lambda r: f"{r.uniform(0.1, 900):.1f} billion"),
]
YEARS = [2019, 2020, 2021, 2022, 2023]


def write_table(path: Path, rows: int) -> None:
    """Write ROWS rows of statistics about synthetic regions to PATH."""
    rng = random.Random(7)
    per_region = len(STATISTICS) * len(YEARS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["entity", "attribute", "value", "unit", "year"])
        for n in range(rows // per_region + 1):
            region = f"Region {n:05d}"
            for name, unit, value in STATISTICS:
                for year in YEARS:
                    if n * per_region >= rows:
                        return
                    out.writerow([region, name, value(rng), unit, year])


def timed(*arguments: str) -> float:
    """Run `verifier ARGUMENTS`, stop on failure, and return the seconds it took."""
    started = time.perf_counter()
    done = subprocess.run([VERIFIER, *arguments], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"verifier {' '.join(arguments[:3])} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    """Write the table, import it, load it; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=POSTGRES, help="PostgreSQL URL ('' to skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        table = folder / "statistics.csv"
        write_table(table, args.rows)
        out = folder / "facts"
        seconds = timed("facts", "import", "--format", "csv", "--out", str(out), str(table))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
        print(f"import of {args.rows:,} rows: {seconds:.1f} s ({size:.0f} MiB of fact files)")
        targets = [("SQLite", f"sqlite:///{folder / 'store.sqlite3'}")]
        if args.postgres:
            targets.append(("PostgreSQL", args.postgres))
        for label, url in targets:
            seconds = timed(
                "--database-url",
                url,
                "facts",
                "load",
                str(out),
                "--sources-dir",
                str(out / "sources"),
            )
            print(f"load into {label}: {seconds:.1f} s")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of a step: {children:.0f} MiB")


if __name__ == "__main__":
    main()
