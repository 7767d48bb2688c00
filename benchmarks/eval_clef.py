"""Score matching claims to past fact checks on CLEF CheckThat! Task 2, through the CLI.

For each development split: writes the corpus of Snopes fact checks as JSON Lines, imports
it into a fresh SQLite store with `verifier reviews import`, writes the tweets as
`{"id", "text"}` lines, runs `verifier reviews match --top 5`, and scores the matches with
MAP@5 as the task defines it (trectools `get_map(depth=5)`: each tweet's average precision
over its top five, divided by its number of relevant fact checks; the run scores each match
by its rank, so trectools keeps the order printed). Also prints precision@1, and how many
best matches a check would show as "already checked" (the threshold, and more shared than
names) and how many of those are right.

    .venv/bin/python benchmarks/eval_clef.py [--eval DIR] [--split 2020-dev 2022-dev-test]
    .venv/bin/python benchmarks/eval_clef.py --corpus C --queries Q.tsv --qrels R.tsv

The second form scores any split of the same layout, the held-out test tweets for one:
a corpus (the 2020 TSV or the 2022 JSON Lines), a TSV of id and tweet, and its qrels.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from verifier.reviews.match import ALREADY_CHECKED, says_more_than_names

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval"
VERIFIER = str(Path(sys.executable).parent / "verifier")
# Each split: its corpus, its tweets and its judgements, relative to the eval folder.
SPLITS = {
    "2020-dev": (
        "clef2020-t2/verified_claims.docs.tsv",
        "clef2020-t2/dev/tweets.queries.tsv",
        "clef2020-t2/dev/tweet-vclaim-pairs.qrels",
    ),
    "2020-train": (
        "clef2020-t2/verified_claims.docs.tsv",
        "clef2020-t2/train/tweets.queries.tsv",
        "clef2020-t2/train/tweet-vclaim-pairs.qrels",
    ),
    "2022-dev-test": (
        "clef2022-t2a/vclaims.jsonl",
        "clef2022-t2a/CT2022-Task2A-EN-Dev-Test_Queries.tsv",
        "clef2022-t2a/CT2022-Task2A-EN-Dev-Test_QRELs.tsv",
    ),
    "2022-train": (
        "clef2022-t2a/vclaims.jsonl",
        "clef2022-t2a/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
        "clef2022-t2a/CT2022-Task2A-EN-Train_QRELs.tsv",
    ),
}
DEPTH = 5
DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")


def run(*arguments: str) -> str:
    """Run `verifier ARGUMENTS`; return what it printed, or stop with its error."""
    done = subprocess.run([VERIFIER, *arguments], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"verifier {' '.join(arguments[:4])} ... failed:\n{done.stderr}")
    return done.stdout


def corpus_records(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the corpus at PATH as `reviews import --format jsonl` records."""
    if path.suffix == ".tsv":
        with path.open(encoding="utf-8", newline="") as file:
            rows = csv.reader(file, delimiter="\t")
            next(rows)  # the header
            for row in rows:
                yield {"id": row[0], "claim": row[1], "title": row[2] or None}
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        record = {
            "id": item["vclaim_id"],
            "claim": item["vclaim"],
            "title": item.get("title") or None,
            "summary": item.get("subtitle") or None,
            "author": item.get("author") or None,
            "url": item.get("page_url") or None,
            # A few dates are scraping debris ("21February 2009", a sentence): left out.
            "date": item["date"] if DATE.fullmatch(item.get("date") or "") else None,
            "publisher": "Snopes",
        }
        yield {key: value for key, value in record.items() if value}


def queries(path: Path) -> dict[str, str]:
    """Return the tweets at PATH by id (a header line, where there is one, is skipped)."""
    found: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 2 and row[0] not in ("id", "iclaim_id"):
                found[row[0]] = row[1]
    return found


def infotabs_claims(path: Path) -> list[str]:
    """Return the InfoTabS development claims (the hypothesis column)."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file, delimiter="\t")
        column = next(rows).index("hypothesis")
        return [row[column] for row in rows]


def qrels(path: Path) -> dict[str, set[str]]:
    """Return the relevant fact checks of each tweet."""
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            relevant[parts[0]].add(parts[2])
    return relevant


def average_precision(ranked: list[tuple[str, float]], relevant: set[str]) -> float:
    """Return AP@DEPTH as trectools computes it: by score, then id descending; over all relevant."""
    # Two stable sorts: by id descending, then by score, so ties keep the ids descending.
    by_id = sorted(ranked, key=lambda m: m[0], reverse=True)
    ordered = sorted(by_id, key=lambda m: -m[1])[:DEPTH]
    hits = 0
    total = 0.0
    for rank, (doc, _score) in enumerate(ordered, start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def already_checked_on_ordinary_claims(url: str, folder: Path, claims: list[str]) -> None:
    """Print how many of CLAIMS, ordinary sentences on other subjects, would show a past check.

    None of them repeats a Snopes check of the corpus (they describe Wikipedia infoboxes),
    so each one shown is a false "already checked", printed for a person to judge.
    """
    lines = folder / "ordinary.jsonl"
    lines.write_text(
        "".join(json.dumps({"id": i, "text": c}) + "\n" for i, c in enumerate(claims)),
        encoding="utf-8",
    )
    output = run("--database-url", url, "reviews", "match", "--queries", str(lines), "--top", "1")
    shown = []
    for item in map(json.loads, output.splitlines()):
        best = item["matches"][0] if item["matches"] else None
        text = claims[item["id"]]
        if best and best["score"] >= ALREADY_CHECKED and says_more_than_names(text, best["claim"]):
            shown.append(f"  {best['score']:.3f} {text}  ->  {best['claim']}")
    print(f"ordinary claims shown as already checked: {len(shown)} of {len(claims)}")
    print("\n".join(shown))


def score_split(
    name: str,
    folder: Path,
    eval_dir: Path,
    files: tuple[str, str, str],
    ordinary: list[str] | None = None,
) -> None:
    """Import the split's corpus, match its tweets, and print the figures."""
    corpus, query_file, qrel_file = (eval_dir / f for f in files)
    url = f"sqlite:///{folder / (name + '.sqlite3')}"
    reviews = folder / f"{name}-reviews.jsonl"
    reviews.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records(corpus)),
        encoding="utf-8",
    )
    started = time.perf_counter()
    print(run("--database-url", url, "reviews", "import", str(reviews)).strip())
    imported = time.perf_counter() - started
    tweets = queries(query_file)
    relevant = qrels(qrel_file)
    lines = folder / f"{name}-queries.jsonl"
    lines.write_text(
        "".join(
            json.dumps({"id": qid, "text": tweets[qid]}, ensure_ascii=False) + "\n"
            for qid in relevant
        ),
        encoding="utf-8",
    )
    started = time.perf_counter()
    output = run("--database-url", url, "reviews", "match", "--queries", str(lines), "--top", "5")
    matched = time.perf_counter() - started
    # Scored by rank, as a run file of this ranking would be: the printed scores are rounded
    # to 4 places, and trectools would order their ties by id instead of as matched.
    results = {
        (item := json.loads(line))["id"]: [
            (m["id"], float(DEPTH - rank)) for rank, m in enumerate(item["matches"])
        ]
        for line in output.splitlines()
    }
    # The best match shown as "already checked", as a check would show it.
    firsts = {
        item["id"]: item["matches"][0]
        for item in map(json.loads, output.splitlines())
        if item["matches"]
    }
    aps = [average_precision(results.get(qid, []), docs) for qid, docs in relevant.items()]
    right = [(results.get(qid) or [("", 0.0)])[0][0] in docs for qid, docs in relevant.items()]
    shown = [
        qid in firsts
        and firsts[qid]["score"] >= ALREADY_CHECKED
        and says_more_than_names(tweets[qid], firsts[qid]["claim"])
        for qid in relevant
    ]
    shown_right = sum(r and s for r, s in zip(right, shown, strict=True))
    precision = shown_right / max(sum(shown), 1)
    if ordinary:
        already_checked_on_ordinary_claims(url, folder, ordinary)
    print(
        f"{name}: {len(relevant)} tweets, MAP@5 {sum(aps) / len(aps):.3f}, "
        f"P@1 {sum(right) / len(right):.3f}; already checked (score >= {ALREADY_CHECKED}): "
        f"{sum(shown)} shown, {shown_right} right "
        f"(precision {precision:.3f}, recall {shown_right / len(right):.3f}); "
        f"import {imported:.1f} s, match {matched:.1f} s"
    )


def main() -> None:
    """Score every split asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT, help="the shared eval folder")
    parser.add_argument(
        "--split", nargs="+", choices=sorted(SPLITS), default=["2020-dev", "2022-dev-test"]
    )
    parser.add_argument("--corpus", type=Path, help="a corpus of fact checks (.tsv or .jsonl)")
    parser.add_argument("--queries", type=Path, help="its tweets: a TSV of id and text")
    parser.add_argument("--qrels", type=Path, help="their judgements: qid 0 docid 1")
    parser.add_argument(
        "--ordinary",
        action="store_true",
        help="also match the InfoTabS claims (ordinary sentences no Snopes check covers) and "
        "print those shown as already checked",
    )
    args = parser.parse_args()
    ordinary = (
        infotabs_claims(args.eval / "infotabs" / "infotabs_dev.tsv") if args.ordinary else None
    )
    given = (args.corpus, args.queries, args.qrels)
    if any(given) and not all(given):
        parser.error("give --corpus, --queries and --qrels together")
    with tempfile.TemporaryDirectory(prefix="clef-") as tmp:
        if all(given):
            files = (
                str(args.corpus.resolve()),
                str(args.queries.resolve()),
                str(args.qrels.resolve()),
            )
            score_split("custom", Path(tmp), Path.cwd(), files)
            return
        for name in args.split:
            score_split(name, Path(tmp), args.eval, SPLITS[name], ordinary)


if __name__ == "__main__":
    main()
