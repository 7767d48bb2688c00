"""The `verifier facts` and `verifier sources` commands, and the options all commands share."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import click
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
    assert not (tmp_path / "v.sqlite3").exists()


def test_show_unknown_fact_is_one_line_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.sqlite3'}"
    run(url, "facts", "load", str(write_set(tmp_path)[0]))
    code, _, err = run(url, "facts", "show", "nope")
    assert code == 1 and err == "Error: no fact with id 'nope'\n"


def test_listing_an_empty_store_seeds_it_first(tmp_path: Path) -> None:
    code, out, err = run(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "facts", "list")
    assert code == 0 and "sco-member-count-2024\t" in out
    assert err.startswith("verifier: the store was empty; loaded ")


def test_load_into_an_empty_store_loads_only_the_files_given(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    code, out, err = run(url, "facts", "load", str(write_set(tmp_path)[0]))
    assert (code, err) == (0, "") and "facts: 6 added" in out
    assert len(run(url, "facts", "list")[1].splitlines()) == 6


def test_unreachable_database_is_one_line_error() -> None:
    code, _, err = run("postgresql+psycopg://nobody@127.0.0.1:1/none", "facts", "list")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and err.startswith("Error: cannot open the database")


def _commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Yield every command under GROUP with the words that reach it, groups included."""
    yield path, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def test_every_option_of_every_command_has_help() -> None:
    missing = [
        f"verifier {' '.join(path)} {option.opts[0]}"
        for path, command in _commands(main)
        for option in command.params
        if isinstance(option, click.Option) and option.name != "help" and not option.help
    ]
    assert missing == []


# Every command that opens the store takes --database-url after it as well as before.
STORE_COMMANDS = {
    ("check",),
    ("eval",),
    ("serve",),
    ("facts", "load"),
    ("facts", "list"),
    ("facts", "show"),
    ("facts", "export"),
    ("sources", "list"),
    ("tokens", "create"),
    ("tokens", "list"),
    ("tokens", "revoke"),
    ("db", "upgrade"),
    ("reviews", "import"),
    ("reviews", "match"),
}


def test_every_store_command_takes_the_database_url_after_it() -> None:
    taking = {
        path
        for path, command in _commands(main)
        if path and any("--database-url" in p.opts for p in command.params)
    }
    assert taking == STORE_COMMANDS


def test_database_url_after_the_subcommand_is_used(tmp_path: Path) -> None:
    facts_dir, _ = write_set(tmp_path)
    url = f"sqlite:///{tmp_path / 'after.sqlite3'}"
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"

    def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
        result = CliRunner().invoke(main, list(args), env=env)
        return result.exit_code, result.stdout

    code, out = invoke("facts", "load", str(facts_dir), "--database-url", url)
    assert code == 0 and "facts: 6 added" in out
    assert invoke("facts", "list", "--database-url", url)[1].count("\n") == 6
    assert invoke("--database-url", url, "facts", "list")[1].count("\n") == 6
    assert invoke("facts", "list", env={"VERIFIER_DATABASE_URL": url})[1].count("\n") == 6
    # The one nearest the command wins: after it, then before it, then the environment.
    shown = invoke("--database-url", other, "facts", "show", "nru-founded", "--database-url", url)
    assert shown[0] == 0 and json.loads(shown[1])["id"] == "nru-founded"
    shown = invoke(
        "facts", "show", "nru-founded", "--database-url", url, env={"VERIFIER_DATABASE_URL": other}
    )
    assert shown[0] == 0
    assert invoke("tokens", "create", "desk", "--database-url", url)[0] == 0
    assert invoke("tokens", "list", "--database-url", url)[1].startswith("desk\t")
    assert invoke("tokens", "revoke", "desk", "--database-url", url)[0] == 0
    assert invoke("db", "upgrade", "--database-url", url)[1] == f"schema up to date: {url}\n"
    assert not (tmp_path / "other.sqlite3").exists()
