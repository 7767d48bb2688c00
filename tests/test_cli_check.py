"""`verifier check` and `verifier eval` against the seeded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import main


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the URL of a store seeded from facts/."""
    url = f"sqlite:///{tmp_path_factory.mktemp('check') / 'store.sqlite3'}"
    result = CliRunner().invoke(main, ["--database-url", url, "facts", "load"])
    assert result.exit_code == 0, result.output
    return url


def run(database: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run the CLI; return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, ["--database-url", database, *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_check_prints_verdict_explanation_and_source(database: str) -> None:
    code, out, _ = run(
        database, "check", "The SCO has twelve member states.", "--as-of", "2025-08-28"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("CONTRADICTED")
    assert lines[1] == "The claim says 12 member states; the source says 10 (since 2024)."
    assert "Suggested: The SCO has 10 member states." in out
    assert "“" in out  # the verbatim quote


def test_check_json_is_the_full_result(database: str) -> None:
    code, out, _ = run(
        database, "check", "The SCO has 10 member states.", "--as-of", "2025-08-28", "--json"
    )
    result = json.loads(out)
    assert code == 0 and result["verdict"] == "supported"
    assert {
        "confidence",
        "explanation",
        "citations",
        "disputed",
        "spans",
        "related",
        "suggestion",
        "as_of",
    } <= set(result)
    citation = result["citations"][0]
    assert {"statement", "quote", "source"} <= set(citation)
    assert {"title", "publisher", "published", "url", "tier"} <= set(citation["source"])


def test_check_claims_file_keeps_ids_and_survives_bad_lines(database: str, tmp_path: Path) -> None:
    lines = [
        {"id": "a", "claim": "The SCO was founded in 2001."},
        {"id": "b", "claim": "The SCO has 10 member states.", "as_of": "2010-01-01"},
        {"id": "c", "claim": ""},
        "not json",
        {"id": "d", "claim": "The SCO has 10 member states.", "as_of": "yesterday"},
    ]
    file = tmp_path / "claims.jsonl"
    file.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines))
    code, out, _ = run(database, "check", "--claims", str(file), "--as-of", "2025-08-28")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", "b", "c", 4, "d"]
    assert results[0]["verdict"] == "supported"
    assert results[1]["verdict"] == "contradicted"  # its own as_of wins: 6 members in 2010
    for bad in results[2:]:
        assert "message" in bad["error"]
    assert {"verdict", "disputed", "explanation", "citations"} <= set(results[0])


def test_check_needs_exactly_one_input(database: str) -> None:
    code, _, err = run(database, "check")
    assert code == 2 and "give either a CLAIM or --claims FILE" in err


def test_bad_as_of_is_a_usage_error(database: str) -> None:
    code, _, err = run(database, "check", "x", "--as-of", "tomorrow")
    assert code == 2 and "YYYY-MM-DD" in err


def test_eval_reports_scores_and_misses(database: str, tmp_path: Path) -> None:
    file = tmp_path / "labelled.jsonl"
    file.write_text(
        "\n".join(
            json.dumps(x)
            for x in [
                {
                    "id": "1",
                    "claim": "The SCO has 10 member states.",
                    "label": "supported",
                    "as_of": "2025-08-28",
                },
                {
                    "id": "2",
                    "claim": "The SCO has 12 member states.",
                    "label": "contradicted",
                    "as_of": "2025-08-28",
                },
                {
                    "id": "3",
                    "claim": "The SCO has 10 member states.",
                    "label": "unknown",
                    "as_of": "2025-08-28",
                },
            ]
        )
    )
    code, out, _ = run(database, "eval", str(file))
    assert code == 0
    assert "accuracy: 0.667" in out
    assert "wrongly called supported: 1" in out
    assert "  3: expected unknown, got supported" in out


def test_eval_on_the_dev_set_meets_the_bar(database: str, shared_eval: Path) -> None:
    code, out, _ = run(database, "eval", str(shared_eval / "claims-dev.jsonl"))
    assert code == 0
    scores = dict(line.split(": ", 1) for line in out.splitlines()[:4])
    assert float(scores["macro-F1"]) == 1.0
    assert scores["wrongly called supported"] == "0"


def test_eval_rejects_a_bad_label(database: str, tmp_path: Path) -> None:
    file = tmp_path / "bad.jsonl"
    file.write_text(json.dumps({"claim": "x", "label": "maybe"}))
    code, _, err = run(database, "eval", str(file))
    assert code == 1 and err.startswith("Error: line 1:")


def test_eval_on_our_own_claims_calls_nothing_wrongly_supported(database: str) -> None:
    """Claims we wrote about the sources, in wordings the shared dev set does not use."""
    extra = Path(__file__).parent / "data" / "claims-extra.jsonl"
    code, out, _ = run(database, "eval", str(extra))
    assert code == 0
    scores = dict(line.split(": ", 1) for line in out.splitlines()[:4])
    assert scores["wrongly called supported"] == "0"
    assert float(scores["accuracy"]) >= 0.95
