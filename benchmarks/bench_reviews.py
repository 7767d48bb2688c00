"""Benchmark matching tweets against 100,000 past fact checks (ClaimReview records), one core.

Builds the records from the CLEF CheckThat! corpora (2020 task 2 and 2022 task 2A, about
24,600 real fact checks) topped up with synthetic variants: each takes a real claim and title,
swaps a share of their words for words of other real claims and shuffles them, under an id of
its own, so the vocabulary and lengths stay those of real fact checks. Queries are the CLEF
dev tweets. Prints the index build time, search p50/p95/max per query, and memory; then
the cost of "already checked" on a 10,000-word draft (every sentence searched as a check
does, with fewer candidates).
Run: taskset -c 0 .venv/bin/python benchmarks/bench_reviews.py [--records 100000]
"""

from __future__ import annotations

import os

# One core: keep numpy's BLAS from starting threads (set before numpy is imported).
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from bench_draft import build_draft  # noqa: E402  (a script beside this one)

from verifier.drafts import split_sentences  # noqa: E402
from verifier.reviews.match import ReviewIndex, ReviewText  # noqa: E402
from verifier.reviews.past import CHECK_CANDIDATES, SHOWN  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
CLEF2020 = EVAL / "clef2020-t2"
CLEF2022 = EVAL / "clef2022-t2a"


def real_reviews() -> list[ReviewText]:
    """Return the CLEF 2020 and 2022 past fact checks."""
    csv.field_size_limit(sys.maxsize)
    out: list[ReviewText] = []
    with (CLEF2020 / "verified_claims.docs.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows)
        out.extend(ReviewText(f"2020-{r[0]}", r[1], r[2] or None) for r in rows)
    with (CLEF2022 / "vclaims.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            d = json.loads(line)
            out.append(
                ReviewText(
                    d["vclaim_id"],
                    d["vclaim"],
                    d.get("title"),
                    d.get("subtitle"),
                    _iso(d.get("date")),
                )
            )
    return out


def _iso(day: str | None) -> str | None:
    """Return a corpus date ("26 May 2015") as ISO, or None where it is none."""
    try:
        return datetime.strptime(day or "", "%d %B %Y").date().isoformat()
    except ValueError:
        return None


def dev_tweets() -> list[str]:
    """Return the CLEF dev tweets (2020 dev and 2022 dev-test)."""
    out: list[str] = []
    for path in (
        CLEF2020 / "dev" / "tweets.queries.tsv",
        CLEF2022 / "CT2022-Task2A-EN-Dev-Test_Queries.tsv",
    ):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t")
            next(rows)
            out.extend(r[1] for r in rows if len(r) > 1)
    return out


def variants(real: list[ReviewText], count: int, seed: int = 11) -> list[ReviewText]:
    """Return COUNT synthetic fact checks recombining the words of REAL ones."""
    rng = random.Random(seed)
    words = [w for r in real for w in r.claim.split()]

    def vary(text: str) -> str:
        parts = [rng.choice(words) if rng.random() < 0.3 else w for w in text.split()]
        cut = rng.randrange(len(parts) + 1)
        return " ".join(parts[cut:] + parts[:cut])

    out: list[ReviewText] = []
    for i in range(count):
        base = rng.choice(real)
        title = vary(base.title) if base.title else None
        out.append(ReviewText(f"synthetic-{i}", vary(base.claim), title, None))
    return out


def main() -> None:
    """Build the index at --records fact checks and time searching it with the dev tweets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the dev tweets")
    args = parser.parse_args()

    real = real_reviews()
    reviews = real[: args.records] + variants(real, max(0, args.records - len(real)))
    queries = dev_tweets()
    print(f"{len(reviews):,} fact checks ({len(real):,} real), {len(queries)} dev tweets")
    rss_before = _rss_mib()

    gc.collect()
    start = time.perf_counter()
    index = ReviewIndex(reviews)
    build = time.perf_counter() - start
    print(f"index build {build:.2f} s, RSS {_rss_mib():.0f} MiB (+{_rss_mib() - rss_before:.0f})")

    for text in queries[:20]:  # warm caches (stems, imports) before timing
        index.search(text, top=args.top)
    times: list[float] = []
    for _ in range(args.rounds):
        for text in queries:
            start = time.perf_counter()
            index.search(text, top=args.top)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"search {len(times)} queries: p50 {statistics.median(times):.2f} ms, "
        f"p95 {p95:.2f} ms, max {times[-1]:.2f} ms"
    )
    draft = build_draft(10_000)
    sentences = [draft[start:end] for start, end in split_sentences(draft)]
    start = time.perf_counter()
    for sentence in sentences:
        index.search(sentence, top=SHOWN, candidates=CHECK_CANDIDATES)
    spent = time.perf_counter() - start
    print(
        f"already checked on a {len(draft.split()):,}-word draft: {len(sentences)} sentences "
        f"in {spent:.2f} s ({spent / len(sentences) * 1000:.2f} ms each)"
    )
    print(
        f"RSS now {_rss_mib():.0f} MiB, "
        f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


def _rss_mib() -> float:
    """Return the process's resident memory now, in MiB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


if __name__ == "__main__":
    main()
