"""The `verifier facts` and `verifier sources` commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from tests.factset import FACTS, write_set
from verifier.cli import main


def run(database_url: str, *args: str) -> tuple[int, str, str]:
    """Run the CLI against DATABASE_URL; return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, ["--database-url", database_url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_load_list_show_export(database_url: str, tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    code, out, err = run(
        database_url, "facts", "load", str(facts_dir), "--sources-dir", str(sources_dir)
    )
    assert code == 0, err
    assert "facts: 6 added" in out

    code, out, _ = run(database_url, "facts", "list", "--attribute", "member-count")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "nru-members-1999",
        "nru-members-2012",
    ]

    code, out, _ = run(database_url, "facts", "show", "nru-members-2012")
    shown = json.loads(out)
    assert shown["value"] == 4 and shown["source"]["title"] == "The Rail Gazette"

    code, out, _ = run(database_url, "facts", "export", "--format", "json")
    assert {row["id"] for row in json.loads(out)} >= {"nru-founded", "nru-member-list"}

    code, out, _ = run(database_url, "facts", "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6
    listed = next(r for r in rows if r["id"] == "nru-member-list")
    assert json.loads(listed["value"]) == ["norway", "sweden", "denmark", "finland"]

    code, out, _ = run(database_url, "sources", "list")
    assert out.splitlines()[0].startswith("gazette\tnews\t2024-05-01")


def test_reload_reports_nothing_changed(database_url: str, tmp_path: Path) -> None:
    facts_dir, _ = write_set(tmp_path)
    run(database_url, "facts", "load", str(facts_dir))
    code, out, _ = run(database_url, "facts", "load", str(facts_dir))
    assert code == 0 and "0 added, 0 updated, 0 removed" in out


def test_broken_load_exits_non_zero_naming_each_problem(database_url: str, tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    run(database_url, "facts", "load", str(facts_dir))
    write_set(tmp_path, facts=FACTS.replace('value = "oslo"', 'value = "bergen"'))
    code, _, err = run(
        database_url, "facts", "load", str(facts_dir), "--sources-dir", str(sources_dir)
    )
    assert code == 1
    assert "union.toml: fact 'nru-founded-place': place 'bergen' is not a known entity" in err
    assert err.strip().splitlines()[-1] == "Error: 1 problem(s); nothing was written"
    code, out, _ = run(database_url, "facts", "show", "nru-founded-place")
    assert json.loads(out)["value"] == "oslo"


def test_validate_writes_nothing(tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    url = f"sqlite:///{tmp_path / 'v.sqlite3'}"
    code, out, _ = run(url, "facts", "validate", str(facts_dir), "--sources-dir", str(sources_dir))
    assert code == 0 and "valid" in out
    code, out, _ = run(url, "facts", "list")
    assert out == ""


def test_show_unknown_fact_is_one_line_error(tmp_path: Path) -> None:
    code, _, err = run(f"sqlite:///{tmp_path / 'e.sqlite3'}", "facts", "show", "nope")
    assert code == 1 and err.strip() == "Error: no fact with id 'nope'"


def test_unreachable_database_is_one_line_error() -> None:
    code, _, err = run("postgresql+psycopg://nobody@127.0.0.1:1/none", "facts", "list")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and err.startswith("Error: cannot open the database")
