"""`verifier check` and `verifier eval` against the seeded store."""

from __future__ import annotations

import json
import re
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


def run(
    database: str, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """Run the CLI; return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, ["--database-url", database, *args], input=stdin, env=env)
    return result.exit_code, result.stdout, result.stderr


SEEDED = re.compile(
    r"verifier: the store was empty; loaded (\d+) facts from the bundled facts/ \(.+\)"
)


def test_check_prints_verdict_explanation_and_source(database: str) -> None:
    code, out, _ = run(
        database, "check", "The SCO has twelve member states.", "--as-of", "2025-08-28"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("CONTRADICTED")
    assert lines[1] == "The claim says 12 member states; the source says 10 (since 2024)."
    assert "Corrected: The SCO has 10 member states." in out
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
    code, out, err = run(database, "check", "--claims", str(file), "--as-of", "2025-08-28")
    assert code == 1  # every line is answered, and the status says some could not be read
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", "b", "c", None, "d"]
    assert [r["line"] for r in results] == [1, 2, 3, 4, 5]
    assert results[0]["verdict"] == "supported"
    assert results[1]["verdict"] == "contradicted"  # its own as_of wins: 6 members in 2010
    for bad in results[2:]:
        assert set(bad) == {"id", "line", "error"} and bad["error"]["message"]
    assert {"verdict", "disputed", "explanation", "citations"} <= set(results[0])
    assert err.splitlines() == [
        f'{file}, line 3: field "claim" must be a non-empty string',
        f"{file}, line 4: not valid JSON: Expecting value (column 1)",
        f"{file}, line 5: field \"as_of\" must be a date as YYYY-MM-DD, got 'yesterday'",
    ]


def test_check_claims_never_uses_the_line_number_as_an_id(database: str, tmp_path: Path) -> None:
    file = tmp_path / "claims.jsonl"
    file.write_text('\n\n{"claim": "The SCO was founded in 2001."}\n[1, 2]\n')
    code, out, err = run(database, "check", "--claims", str(file))
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert results[0]["id"] is None and results[0]["line"] == 3
    assert results[0]["verdict"] == "supported"
    assert results[1] == {"id": None, "line": 4, "error": {"message": "not a JSON object"}}
    assert err == f"{file}, line 4: not a JSON object\n"


def test_check_claims_file_of_good_lines_exits_zero(database: str, tmp_path: Path) -> None:
    file = tmp_path / "claims.jsonl"
    file.write_text('{"id": 7, "claim": "The SCO was founded in 2001."}\n')
    code, out, err = run(database, "check", "--claims", str(file))
    assert (code, err) == (0, "")
    assert json.loads(out)["id"] == 7


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


GOOD = json.dumps({"id": "1", "claim": "The SCO has 10 member states.", "label": "supported"})


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"claim": "x", "label": "supported"', "not valid JSON: Expecting ',' delimiter"),
        ('{"claim": x}', "not valid JSON: Expecting value (column 11)"),
        ('["x", "supported"]', "not a JSON object"),
        ('{"claim": "x"}', 'missing field "label"'),
        ('{"label": "supported"}', 'missing field "claim"'),
        (
            '{"claim": "x", "label": "maybe"}',
            "field \"label\" must be one of supported, contradicted, unknown, got 'maybe'",
        ),
        ('{"claim": "x", "label": "unknown", "as_of": 2025}', 'field "as_of" must be a date'),
        ('{"claim": "x", "label": "unknown", "context": "sco"}', 'field "context" must be'),
    ],
)
def test_eval_names_the_file_and_line_of_a_bad_line(
    database: str, tmp_path: Path, bad: str, message: str
) -> None:
    file = tmp_path / "bad.jsonl"
    file.write_text(f"{GOOD}\n\n{bad}\n{GOOD}\n")
    code, out, err = run(database, "eval", str(file))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"Error: {file}, line 3: {message}")
    assert err.count("line") == 1  # the parser's own "line 1" is not repeated


def test_eval_of_a_file_without_claims_is_refused(database: str, tmp_path: Path) -> None:
    file = tmp_path / "empty.jsonl"
    file.write_text("\n")
    code, _, err = run(database, "eval", str(file))
    assert (code, err) == (1, f"Error: {file}: no labelled claims\n")


def test_check_and_eval_seed_an_empty_store_and_say_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    code, out, err = run(url, "check", "The SCO has 10 member states.", "--as-of", "2025-08-28")
    assert code == 0 and out.startswith("SUPPORTED")
    seeded = SEEDED.fullmatch(err.strip())
    assert seeded is not None, err
    code, listed, _ = run(url, "facts", "list")
    assert int(seeded[1]) == len(listed.splitlines()) > 100
    # Seeded once: the next command says nothing more.
    file = tmp_path / "labelled.jsonl"
    file.write_text(GOOD + "\n")
    code, out, err = run(url, "eval", str(file), "--as-of", "2025-08-28")
    assert (code, err) == (0, "") and "accuracy: 1.000" in out


def test_eval_seeds_an_empty_store(tmp_path: Path) -> None:
    file = tmp_path / "labelled.jsonl"
    file.write_text(GOOD + "\n")
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    code, out, err = run(url, "eval", str(file), "--as-of", "2025-08-28")
    assert code == 0 and "accuracy: 1.000" in out
    assert SEEDED.fullmatch(err.strip()), err


@pytest.mark.parametrize(
    "args",
    [
        ("check", "The SCO has 10 member states."),
        ("check", "--claims", "-"),
        ("eval", "-"),
        ("facts", "list"),
        ("facts", "show", "sco-member-count-2024"),
        ("facts", "export"),
        ("sources", "list"),
    ],
)
def test_an_empty_store_with_seeding_off_is_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    stdin = GOOD + "\n"
    code, out, err = run(url, *args, stdin=stdin, env={"VERIFIER_SEED_ON_START": "false"})
    assert code == 1 and out == ""
    assert err == (
        "Error: the store is empty and VERIFIER_SEED_ON_START is off; "
        "load facts with: verifier facts load PATH\n"
    )


def test_eval_on_our_own_claims_calls_nothing_wrongly_supported(database: str) -> None:
    """Claims we wrote about the sources, in wordings the shared dev set does not use."""
    extra = Path(__file__).parent / "data" / "claims-extra.jsonl"
    code, out, _ = run(database, "eval", str(extra))
    assert code == 0
    scores = dict(line.split(": ", 1) for line in out.splitlines()[:4])
    assert scores["wrongly called supported"] == "0"
    assert float(scores["accuracy"]) >= 0.95


def test_check_and_eval_take_the_database_url_after_the_command(
    database: str, tmp_path: Path
) -> None:
    # Were the option ignored, the default store here would be empty, and refused.
    env = {"VERIFIER_INSTANCE_PATH": str(tmp_path / "instance"), "VERIFIER_SEED_ON_START": "0"}
    claim = ["The SCO has 10 member states.", "--as-of", "2025-08-28"]
    result = CliRunner().invoke(main, ["check", *claim, "--database-url", database], env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("SUPPORTED")
    file = tmp_path / "labelled.jsonl"
    file.write_text(GOOD + "\n")
    result = CliRunner().invoke(main, ["eval", str(file), "--database-url", database], env=env)
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_blank_claim_is_refused_before_the_store_is_touched(tmp_path: Path) -> None:
    code, _, err = run(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "check", "  ")
    assert code == 2 and err.splitlines()[-1] == "Error: the claim is empty"
    assert not (tmp_path / "fresh.sqlite3").exists()
