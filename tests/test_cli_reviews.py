"""`verifier reviews import` and `reviews match`: every input shape, bad input, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import select

from verifier.cli import main
from verifier.store.db import make_engine, session_scope, upgrade
from verifier.store.models import Review

DATA = Path(__file__).parent / "data" / "reviews"
PAST = DATA / "past-checks.jsonl"


def run(url: str, *args: str, stdin: str | None = None) -> Result:
    """Run the CLI on the store at URL."""
    return CliRunner().invoke(main, ["--database-url", url, *args], input=stdin)


def stored(url: str) -> dict[str, Review]:
    """Return the stored reviews by id."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            rows = list(session.exec(select(Review)))
            for row in rows:
                session.expunge(row)
        return {row.id: row for row in rows}
    finally:
        engine.dispose()


def test_import_json_lines_then_again_changes_nothing(database_url: str) -> None:
    first = run(database_url, "reviews", "import", str(PAST))
    assert first.exit_code == 0, first.output
    assert "imported 8 reviews" in first.stdout and "8 new, 0 updated" in first.stdout
    again = run(database_url, "reviews", "import", str(PAST), "--format", "jsonl")
    assert again.exit_code == 0, again.output
    assert "0 new, 0 updated, 8 unchanged" in again.stdout
    reviews = stored(database_url)
    assert len(reviews) == 8
    gold = reviews["pc-bridge-gold"]
    assert (gold.rating, gold.verdict, gold.publisher) == ("False", "false", "Example Checks")
    assert (gold.published, gold.origin) == ("2024-03-01", "file:past-checks.jsonl")


def test_a_changed_rating_updates_the_review(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    run(url, "reviews", "import", str(PAST))
    changed = tmp_path / "changed.jsonl"
    changed.write_text(
        json.dumps({"id": "pc-goldfish", "claim": "Goldfish remember for 3 s.", "rating": "True"})
        + "\n",
        encoding="utf-8",
    )
    result = run(url, "reviews", "import", str(changed))
    assert "0 new, 1 updated, 0 unchanged" in result.stdout, result.output
    goldfish = stored(url)["pc-goldfish"]
    assert (goldfish.claim, goldfish.verdict) == ("Goldfish remember for 3 s.", "true")


def test_a_review_found_by_its_url_keeps_its_id(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    run(url, "reviews", "import", str(PAST))
    moved = tmp_path / "moved.jsonl"
    record = {
        "id": "another-id",
        "claim": "The Golden Gate Bridge is painted gold.",
        "url": "https://checks.example/bridge-gold",
        "rating": "Pants on Fire",
    }
    moved.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run(url, "reviews", "import", str(moved))
    assert "0 new, 1 updated" in result.stdout, result.output
    reviews = stored(url)
    assert "another-id" not in reviews and reviews["pc-bridge-gold"].rating == "Pants on Fire"


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        (
            "claimreview-graph.json",
            {
                "https://desk.example/checks/tokyo-population",
                "https://desk.example/checks/venus-day",
            },
        ),
        (
            "google-api.json",
            {"https://health.example/hot-water-flu", "https://health.example/carrots"},
        ),
    ],
)
def test_claimreview_files_import_in_each_shape(tmp_path: Path, name: str, ids: set[str]) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    result = run(url, "reviews", "import", str(DATA / name))
    assert result.exit_code == 0, result.output
    assert set(stored(url)) == ids


def test_claimreview_comes_from_stdin(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    text = (DATA / "claimreview-graph.json").read_text(encoding="utf-8")
    result = run(url, "reviews", "import", "-", "--format", "claimreview", stdin=text)
    assert result.exit_code == 0, result.output
    assert len(stored(url)) == 2


def test_a_bad_record_writes_nothing_and_is_named(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    bad = tmp_path / "bad.jsonl"
    lines = PAST.read_text(encoding="utf-8").splitlines()
    lines[2] = '{"id": "no-claim", "title": "A title without its claim"}'
    lines.insert(4, "not json at all")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(url, "reviews", "import", str(bad))
    assert result.exit_code == 1
    assert 'bad.jsonl, line 3: missing field "claim"' in result.stderr
    assert "bad.jsonl, line 5: not valid JSON" in result.stderr
    assert "2 bad record(s); nothing was written" in result.stderr
    assert stored(url) == {}
    skipped = run(url, "reviews", "import", str(bad), "--skip-bad")
    assert skipped.exit_code == 0, skipped.output
    assert "skipped: " in skipped.stderr and "2 bad left out" in skipped.stdout
    assert len(stored(url)) == 7


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "holds no review"),
        ("{not json", "not valid JSON"),
        ('{"@type": "Article"}', "holds no ClaimReview"),
    ],
)
def test_files_that_hold_no_review_are_refused(tmp_path: Path, content: str, message: str) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    path = tmp_path / "reviews.json"
    path.write_text(content, encoding="utf-8")
    result = run(url, "reviews", "import", str(path))
    assert result.exit_code == 1 and message in result.stderr, result.output
    assert stored(url) == {}


def test_a_file_not_in_utf8_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "a", "claim": "Caf\u00e9s close at noon."}\n'.encode("latin-1"))
    result = run(url, "reviews", "import", str(path))
    assert result.exit_code == 1 and "is not UTF-8 text" in result.stderr


def test_match_prints_the_closest_past_checks_best_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    run(url, "reviews", "import", str(PAST))
    queries = "\n".join(
        json.dumps(q)
        for q in [
            {"id": "q1", "text": "RT @someone: you can see the great wall of China from space!!"},
            {"id": 2, "text": "Is the Golden Gate bridge really painted gold? https://t.co/x"},
        ]
    )
    result = run(url, "reviews", "match", "--queries", "-", "--top", "2", stdin=queries)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q1", 2]
    # At most --top; a past check sharing no word with the text is no match at all.
    assert all(1 <= len(line["matches"]) <= 2 for line in lines)
    assert lines[0]["matches"][0]["id"] == "pc-great-wall-space"
    assert lines[1]["matches"][0]["id"] == "pc-bridge-gold"
    best = lines[1]["matches"][0]
    assert set(best) >= {"id", "score", "claim", "title", "url", "rating"}
    assert best["rating"] == "False" and best["url"] == "https://checks.example/bridge-gold"
    for line in lines:
        scores = [m["score"] for m in line["matches"]]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_match_answers_each_bad_line_and_goes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    run(url, "reviews", "import", str(PAST))
    queries = "\n".join(
        [
            '{"id": "a", "text": "Lightning never strikes twice in the same spot."}',
            '{"id": "b"}',
            "[1, 2]",
            '{"text": "no id"}',
            '{"id": "c", "text": "   "}',
        ]
    )
    result = run(url, "reviews", "match", "--queries", "-", stdin=queries)
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["matches"][0]["id"] == "pc-lightning"
    assert [line.get("line") for line in lines[1:]] == [2, 3, 4, 5]
    assert all("error" in line for line in lines[1:])
    assert '<stdin>, line 2: needs a "text"' in result.stderr


def test_match_on_a_store_without_reviews_says_how_to_add_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    result = run(url, "reviews", "match", "--queries", "-", stdin='{"id": 1, "text": "x y z"}')
    assert result.exit_code == 1
    assert "holds no reviews" in result.stderr and "verifier reviews import" in result.stderr


def test_check_shows_the_past_checks_a_claim_repeats(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    run(url, "facts", "load")
    run(url, "reviews", "import", str(PAST))
    claim = "The Golden Gate Bridge is painted gold."
    text = run(url, "check", claim)
    assert text.exit_code == 0, text.output
    assert "Already checked:" in text.stdout
    assert "Example Checks, 2024-03-01, rated “False”" in text.stdout
    data = json.loads(run(url, "check", claim, "--json").stdout)
    assert [p["id"] for p in data["already_checked"]] == ["pc-bridge-gold"]
    other = json.loads(run(url, "check", "The SCO was founded in 2001.", "--json").stdout)
    assert other["already_checked"] == []


def test_a_draft_check_names_the_sentences_checked_before(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    run(url, "facts", "load")
    run(url, "reviews", "import", str(PAST))
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The SCO was founded in 2001. Lightning never strikes the same place twice.\n",
        encoding="utf-8",
    )
    text = run(url, "check", "--file", str(draft), "--as-of", "2025-08-28")
    assert text.exit_code == 0, text.output
    assert "already checked: “Lightning never strikes the same place twice.”" in text.stdout
    assert "Weather Desk, 2022-05-02, rated “Pants on Fire”" in text.stdout
    data = json.loads(run(url, "check", "--file", str(draft), "--format", "json").stdout)
    assert [[p["id"] for p in s["already_checked"]] for s in data["sentences"]] == [
        [],
        ["pc-lightning"],
    ]
    assert data["summary"]["already_checked"] == 1
    html = run(url, "check", "--file", str(draft), "--format", "html").stdout
    assert "Checked before by fact-checkers" in html
    assert 'href="https://checks.example/lightning"' in html


def test_match_ranks_checks_published_near_the_date_given(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    twins = tmp_path / "twins.jsonl"
    twins.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {
                    "id": "y2012",
                    "claim": "A shark swam on a flooded highway.",
                    "date": "2012-10-30",
                },
                {
                    "id": "y2017",
                    "claim": "A shark swims on a flooded highway.",
                    "date": "2017-08-28",
                },
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    run(url, "reviews", "import", str(twins))
    queries = "\n".join(
        json.dumps(q)
        for q in [
            {"id": "a", "text": "Shark on the flooded highway", "date": "2012-11-01"},
            {"id": "b", "text": "Shark on the flooded highway", "date": "2017-08-29"},
            {"id": "c", "text": "Shark on the flooded highway", "date": "last week"},
        ]
    )
    result = run(url, "reviews", "match", "--queries", "-", stdin=queries)
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [lines[0]["matches"][0]["id"], lines[1]["matches"][0]["id"]] == ["y2012", "y2017"]
    assert lines[2]["error"]["message"] == "\"date\" must be a date as YYYY-MM-DD, got 'last week'"
