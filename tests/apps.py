"""Apps for the API and page tests, each on its own SQLite store seeded from facts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from verifier.app import create_app


def seeded_app(folder: Path, **config: Any) -> Flask:
    """Create an app on a new store in FOLDER, seeded from the bundled facts, with CONFIG."""
    return create_app({"DATABASE_URL": f"sqlite:///{folder}/t.sqlite3", **config})
