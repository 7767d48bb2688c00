"""Benchmark checking a 10,000-word draft against the store seeded from facts/.

The draft repeats the shared source articles, each round with its paragraphs shuffled and
its years and figures nudged, so no two rounds read the same. Prints the draft's size, the
time to check it (best and median of several runs, one core), and where that time goes.
Run: .venv/bin/python benchmarks/bench_draft.py [--words 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from verifier.app import create_app
from verifier.core.engine import Verifier
from verifier.drafts import check_draft, split_sentences
from verifier.extensions import Store

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    ROOT.parent / "shared" / "sources" / "000_38ea044f9b3c9840.txt",
    ROOT.parent / "shared" / "sources" / "004_62723ae6f9fd94e4.txt",
    ROOT.parent / "shared" / "eval" / "draft-000-injected.txt",
]
AS_OF = date(2025, 8, 28)
TARGET_SECONDS = 1.0


def build_draft(words: int, seed: int = 5) -> str:
    """Return a draft of about WORDS words made from the source articles, perturbed."""
    rng = random.Random(seed)
    paragraphs = [
        p
        for path in TEXTS
        if path.is_file()
        for p in path.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    if not paragraphs:
        raise SystemExit(f"no article texts found at {TEXTS[0].parent}")
    out: list[str] = []
    count = 0
    while count < words:
        rng.shuffle(paragraphs)
        for paragraph in paragraphs:
            # Nudge years and small figures, so later rounds state other (often wrong) values.
            text = re.sub(
                r"\b(19|20)(\d\d)\b",
                lambda m: str(int(m.group()) + rng.choice((0, 0, 1, -1))),
                paragraph,
            )
            text = re.sub(
                r"\b([1-9]\d?)\b(?=\s(?:member|leaders|other|joint))",
                lambda m: str(int(m.group()) + rng.choice((0, 1, 2))),
                text,
            )
            out.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\r\n".join(out)


def seeded_verifier(folder: Path) -> Verifier:
    """Return a verifier over a fresh SQLite store that the app seeds from facts/."""
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'store.sqlite3'}"})
    with app.app_context():
        return Store.verifier()


def main() -> None:
    """Check the draft several times and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="Also print the top functions.")
    args = parser.parse_args()
    draft = build_draft(args.words)
    with tempfile.TemporaryDirectory() as folder:
        verifier = seeded_verifier(Path(folder))
        check_draft(verifier, draft, as_of=AS_OF)  # warm the regexes and caches once
        started = time.perf_counter()
        sentences = split_sentences(draft)
        segmenting = time.perf_counter() - started
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = check_draft(verifier, draft, as_of=AS_OF)
            times.append(time.perf_counter() - started)
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(check_draft, verifier, draft, as_of=AS_OF)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(15)
    counts = ", ".join(f"{n} {verdict}" for verdict, n in result.counts().items())
    best = min(times)
    print(
        f"draft: {len(draft.split())} words, {len(draft)} characters, "
        f"{len(sentences)} sentences, {len(result.claims)} claims ({counts})"
    )
    print(f"segmenting alone: {segmenting * 1000:.1f} ms")
    print(
        f"check_draft over {args.runs} runs: best {best:.3f} s, "
        f"median {statistics.median(times):.3f} s, "
        f"{len(draft.split()) / best:,.0f} words/s"
    )
    print(
        f"target: under {TARGET_SECONDS:.1f} s on one core: "
        f"{'met' if best < TARGET_SECONDS else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
