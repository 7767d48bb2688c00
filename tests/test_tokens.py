"""`verifier tokens`: a token is shown once, stored only as its hash, listed and revoked by name."""

from __future__ import annotations

import hashlib

from click.testing import CliRunner
from sqlmodel import select

from verifier.cli import main
from verifier.store.db import make_engine, session_scope
from verifier.store.models import ApiToken


def run(database_url: str, *args: str) -> tuple[int, str, str]:
    """Run the CLI against DATABASE_URL; return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, ["--database-url", database_url, *args])
    return result.exit_code, result.stdout, result.stderr


def stored(database_url: str) -> list[ApiToken]:
    """Return every stored token row."""
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        rows = list(session.exec(select(ApiToken)))
        session.expunge_all()
    engine.dispose()
    return rows


def test_create_prints_the_token_once_and_stores_only_its_hash(database_url: str) -> None:
    code, out, err = run(database_url, "tokens", "create", "desk")
    assert code == 0, err
    token = out.strip()
    assert len(token) >= 43 and "\n" not in token
    assert "cannot be shown again" in err
    [row] = stored(database_url)
    assert row.name == "desk" and row.revoked_at is None
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert token not in repr(row.model_dump())
    code, out, _ = run(database_url, "tokens", "create", "wire")
    assert code == 0 and out.strip() != token


def test_list_shows_names_and_dates_never_tokens(database_url: str) -> None:
    token = run(database_url, "tokens", "create", "desk")[1].strip()
    run(database_url, "tokens", "create", "wire")
    code, out, _ = run(database_url, "tokens", "list")
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert [line[0] for line in lines] == ["desk", "wire"]
    assert all(len(line) == 3 and line[1][:2] == "20" and line[2] == "-" for line in lines)
    assert token not in out and stored(database_url)[0].token_hash not in out


def test_revoke_marks_the_token_and_keeps_its_name(database_url: str) -> None:
    run(database_url, "tokens", "create", "desk")
    code, out, err = run(database_url, "tokens", "revoke", "desk")
    assert code == 0, err
    assert "revoked" in out
    [row] = stored(database_url)
    assert row.revoked_at is not None
    listed = run(database_url, "tokens", "list")[1].split("\t")
    assert listed[2].strip().startswith("20")
    # A revoked name is never given to a new token, so the audit log's names stay unambiguous.
    code, _, err = run(database_url, "tokens", "create", "desk")
    assert code != 0 and "exists already" in err


def test_errors_exit_non_zero_with_one_line(database_url: str) -> None:
    run(database_url, "tokens", "create", "desk")
    run(database_url, "tokens", "revoke", "desk")
    for args, expected in (
        (("revoke", "nobody"), "no token named 'nobody'"),
        (("revoke", "desk"), "revoked already"),
        (("create", "desk"), "exists already"),
        (("create", "Desk Bot"), "invalid token name"),
        (("create", ""), "invalid token name"),
    ):
        code, out, err = run(database_url, "tokens", *args)
        assert code == 1, args
        assert out == ""
        assert len(err.splitlines()) == 1 and expected in err, (args, err)
    assert [row.name for row in stored(database_url)] == ["desk"]
