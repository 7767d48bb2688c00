"""Apps for the API and page tests, each on its own SQLite store seeded from facts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import Flask

from verifier.app import create_app
from verifier.extensions import Store
from verifier.store import tokens
from verifier.store.db import session_scope


def seeded_app(folder: Path, **config: Any) -> Flask:
    """Create an app on a new store in FOLDER, seeded from the bundled facts, with CONFIG."""
    return create_app({"DATABASE_URL": f"sqlite:///{folder}/t.sqlite3", **config})


def app_on(database_url: str, **config: Any) -> Iterator[Flask]:
    """Yield an app on DATABASE_URL (seeded, no rate limit to trip), closing its pool after."""
    app = create_app({"DATABASE_URL": database_url, "RATELIMIT_CHECK": "1000 per second", **config})
    yield app
    Store.engine(app).dispose()


def token_header(app: Flask, name: str = "desk") -> dict[str, str]:
    """Return the Authorization header of a new valid token called NAME."""
    with session_scope(Store.engine(app)) as session:
        return {"Authorization": f"Bearer {tokens.create_token(session, name)}"}
