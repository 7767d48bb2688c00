"""Configuration: defaults, then VERIFIER_* environment variables, then the caller's."""

from __future__ import annotations

from typing import Any

from verifier.resources import bundled

DEFAULTS: dict[str, Any] = {
    # None means a SQLite file in the instance folder.
    "DATABASE_URL": None,
    # Seed an empty store from FACTS_DIR when the app starts.
    "SEED_ON_START": True,
    "FACTS_DIR": None,
    # Folder with sources' full texts, for quote checks; None skips them.
    "SOURCES_DIR": None,
    "SECRET_KEY": "dev-only-change-me",
}


def sqlite_url(instance_path: str) -> str:
    """Return the default database URL: a SQLite file inside the instance folder."""
    return f"sqlite:///{instance_path}/verifier.sqlite3"


def facts_dir(config: dict[str, Any]) -> str:
    """Return the folder the store is seeded from."""
    return str(config.get("FACTS_DIR") or bundled("facts"))
