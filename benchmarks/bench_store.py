"""Benchmark a large store end to end: bulk load, a worker's start, API writes and how fast
every worker uses them.

Writes bench_engine's synthetic store (--facts, default 1,000,000) as fact files, loads them
with `verifier facts load` into SQLite and PostgreSQL (when reachable), then on each: the
seconds a worker takes to read and index the store, the p95 of API fact writes (each checked
against the part of the store it touches), and the seconds until another worker's check uses
a write (it reads the store's version every VERSION_CHECK_SECONDS and follows the facts
written). Targets at 1M facts: load under 5 minutes, write p95 under 100 ms, a write used by
every worker within 1 s.

    .venv/bin/python benchmarks/bench_store.py [--facts 1000000] [--postgres URL] [--writes 50]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from store_files import write_store

from verifier.app import create_app
from verifier.extensions import Store
from verifier.store import tokens
from verifier.store.db import make_engine, session_scope

VERIFIER = str(Path(sys.executable).parent / "verifier")
POSTGRES = os.environ.get(
    "VERIFIER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def load(url: str, folder: Path) -> float:
    """Run `verifier facts load FOLDER` into URL; return the seconds it took."""
    started = time.perf_counter()
    done = subprocess.run(
        [VERIFIER, "--database-url", url, "facts", "load", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"facts load failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def measure(label: str, url: str, writes: int, name: str) -> None:
    """Time a worker's start, API writes and their use by another worker on the store at URL."""
    config = {"DATABASE_URL": url, "SEED_ON_START": False, "RATELIMIT_CHECK": "100000 per second"}
    writer = create_app({**config, "VERSION_CHECK_SECONDS": 0.5})
    reader = create_app({**config, "VERSION_CHECK_SECONDS": 0.5})
    started = time.perf_counter()
    Store.verifier(reader)
    start_seconds = time.perf_counter() - started
    Store.verifier(writer)
    with session_scope(Store.engine(writer)) as session:
        token = tokens.create_token(session, f"bench-{time.time_ns()}")
    headers = {"Authorization": f"Bearer {token}"}
    client, other = writer.test_client(), reader.test_client()
    write_times: list[float] = []
    seen_times: list[float] = []
    for n in range(writes):
        fact = {
            "id": f"org0-bench-{n}-{time.time_ns()}",
            "entity": "org0",
            "attribute": "projects",
            "value": 1000 + n,
            "valid_from": f"{1900 + n}",
            "valid_until": f"{1900 + n}",
            "statement": f"The {name} had {1000 + n} joint projects in {1900 + n}.",
            "source": "synthetic",
        }
        claim = {"claim": fact["statement"], "as_of": "2025-01-01"}
        t0 = time.perf_counter()
        response = client.post("/api/v1/facts", json=fact, headers=headers)
        write_times.append(time.perf_counter() - t0)
        if response.status_code != 201:
            sys.exit(f"write refused: {response.get_json()}")
        while other.post("/api/v1/verify", json=claim).get_json()["verdict"] != "supported":
            if time.perf_counter() - t0 > 30:
                sys.exit("another worker did not use the write within 30 s")
            time.sleep(0.01)
        seen_times.append(time.perf_counter() - t0)
    write_times.sort()
    p95 = write_times[max(0, int(len(write_times) * 0.95) - 1)] * 1000
    print(
        f"{label}: a worker reads and indexes the store in {start_seconds:.1f} s; "
        f"{writes} API writes, p50 {statistics.median(write_times) * 1000:.0f} ms, "
        f"p95 {p95:.0f} ms; used by another worker after "
        f"{statistics.median(seen_times):.2f} s median, {max(seen_times):.2f} s at most"
    )
    for app in (writer, reader):
        Store.engine(app).dispose()


def reset_postgres(url: str) -> bool:
    """Empty the PostgreSQL database at URL; return False when it cannot be reached."""
    try:
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    except Exception as exc:  # any failure to connect skips PostgreSQL
        print(f"PostgreSQL skipped: {exc}")
        return False
    return True


def main() -> None:
    """Write the store, load it into each database, and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--writes", type=int, default=50)
    parser.add_argument("--postgres", default=POSTGRES, help="PostgreSQL URL ('' to skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        catalog = write_store(folder / "facts", args.facts)
        print(
            f"wrote {len(catalog.facts):,} facts as fact files in "
            f"{time.perf_counter() - started:.0f} s"
        )
        targets = [("SQLite", f"sqlite:///{folder / 'store.sqlite3'}")]
        if args.postgres and reset_postgres(args.postgres):
            targets.append(("PostgreSQL", args.postgres))
        for label, url in targets:
            seconds = load(url, folder / "facts")
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"{label}: facts load {seconds:.0f} s (peak memory of a load so far {peak:.0f} MiB)"
            )
            name = next(e.name for e in catalog.entities if e.id == "org0")
            measure(label, url, args.writes, name)


if __name__ == "__main__":
    main()
