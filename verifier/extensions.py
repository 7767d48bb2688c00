"""The store as a Flask extension: one engine per app, schema upgraded at start."""

from __future__ import annotations

from pathlib import Path
from threading import Lock

from flask import Flask, current_app
from sqlalchemy import Engine

from verifier.config import facts_dir, sqlite_url
from verifier.core.engine import Verifier
from verifier.store import db, loader

EXTENSION = "verifier.store"
VERIFIER = "verifier.engine"


class Store:
    """Attach the fact store to an app with init_app, as Flask extensions do."""

    def __init__(self, app: Flask | None = None) -> None:
        """Attach to APP when given."""
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Open the database, upgrade its schema, and seed it when empty."""
        url = app.config.get("DATABASE_URL") or sqlite_url(app.instance_path)
        if url.startswith("sqlite:///"):
            Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = url
        engine = db.make_engine(url)
        db.upgrade(engine)
        app.extensions[EXTENSION] = engine
        if app.config.get("SEED_ON_START"):
            with db.session_scope(engine) as session:
                empty = db.is_empty(session)
            if empty:
                sources = app.config.get("SOURCES_DIR")
                loader.load(
                    engine,
                    Path(facts_dir(app.config)),
                    sources_dir=Path(sources) if sources else None,
                )

    @staticmethod
    def engine(app: Flask | None = None) -> Engine:
        """Return the engine of APP, or of the current app."""
        target = app or current_app
        engine: Engine = target.extensions[EXTENSION]
        return engine

    @staticmethod
    def summary() -> dict[str, int]:
        """Count what the current app's store holds."""
        with db.session_scope(Store.engine()) as session:
            return db.count_records(session)

    @staticmethod
    def verifier(app: Flask | None = None) -> Verifier:
        """Return a verifier for the store's current version, rebuilding it after any write.

        Every worker process keeps its own; reading the version counter costs one
        small query, so a fact written through one worker is used by every
        worker's next check.
        """
        target = app or current_app
        cache: _VerifierCache = target.extensions.setdefault(VERIFIER, _VerifierCache())
        return cache.get(Store.engine(target))


class _VerifierCache:
    """One verifier per process, rebuilt when the store's version changes."""

    def __init__(self) -> None:
        """Start empty."""
        self._lock = Lock()
        self._verifier: Verifier | None = None

    def get(self, engine: Engine) -> Verifier:
        """Return the verifier for the current store version."""
        with db.session_scope(engine) as session:
            version = str(db.store_version(session))
        current = self._verifier
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._verifier is None or self._verifier.version != version:
                with db.session_scope(engine) as session:
                    self._verifier = Verifier(db.read_catalog(session))
            return self._verifier
