"""Shared fixtures: databases (SQLite everywhere, PostgreSQL where reachable), data paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from verifier.store.db import make_engine

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "facts"
SHARED = Path(os.environ.get("VERIFIER_SHARED_DIR", ROOT.parent / "shared"))
SOURCES = SHARED / "sources"
EVAL = SHARED / "eval"
POSTGRES_URL = os.environ.get(
    "VERIFIER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(what: str) -> None:
    """Skip the test because WHAT is missing, or fail it in CI, where nothing may be missing."""
    if IN_CI:
        pytest.fail(f"{what} (required in CI)")
    pytest.skip(what)


@pytest.fixture
def shared_sources() -> Path:
    """Return the folder of source texts beside the repository."""
    if not SOURCES.is_dir():
        missing(f"no source texts at {SOURCES} (set VERIFIER_SHARED_DIR)")
    return SOURCES


@pytest.fixture
def shared_eval() -> Path:
    """Return the folder of evaluation data beside the repository."""
    if not EVAL.is_dir():
        missing(f"no evaluation data at {EVAL} (set VERIFIER_SHARED_DIR)")
    return EVAL


def _reset_postgres(engine: Engine) -> None:
    """Drop everything in the public schema, so each test starts from an empty database."""
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


def empty_postgres() -> str:
    """Return the URL of the test PostgreSQL database, emptied; skip (fail in CI) without it."""
    engine = make_engine(POSTGRES_URL)
    try:
        _reset_postgres(engine)
    except OperationalError as exc:
        missing(f"PostgreSQL not reachable at {POSTGRES_URL}: {str(exc).splitlines()[0]}")
    finally:
        engine.dispose()
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of an empty database: a SQLite file, then PostgreSQL when reachable."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return empty_postgres()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """Yield an engine on an empty database with the schema at head."""
    from verifier.store.db import upgrade

    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()
