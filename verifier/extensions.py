"""The store as a Flask extension: one engine per app, schema upgraded at start."""

from __future__ import annotations

import math
import time
from abc import ABC, abstractmethod
from pathlib import Path
from threading import Lock, Thread
from typing import Generic, TypeVar

from flask import Flask, current_app
from sqlalchemy import Engine
from sqlmodel import Session

from verifier.config import facts_dir, sqlite_url
from verifier.core.engine import Verifier
from verifier.reviews.past import PastChecks
from verifier.store import db, loader, reviews

EXTENSION = "verifier.store"
VERIFIER = "verifier.engine"
REVIEWS = "verifier.reviews"
# From this many facts a worker indexes the store anew in the background, answering from
# the version it has meanwhile (about 5 s of indexing on one core).
BACKGROUND_INDEX_FACTS = 200_000
# Likewise from this many past fact checks (about 2 s of indexing on one core).
BACKGROUND_INDEX_REVIEWS = 20_000
T = TypeVar("T")


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

        Every worker keeps its own and reads the store's version at most every
        VERSION_CHECK_SECONDS (see _Following).
        """
        return Store._cache(app).get(Store.engine(app or current_app))

    @staticmethod
    def changed(app: Flask | None = None) -> None:
        """Note that this process wrote to the store: its next check reads the new version."""
        Store._cache(app).stale()

    @staticmethod
    def reviews(app: Flask | None = None) -> PastChecks:
        """Return the past fact checks, indexed anew after any import (as verifier() is)."""
        target = app or current_app
        if REVIEWS not in target.extensions:
            target.extensions[REVIEWS] = _ReviewsCache(_interval(target))
        cache: _ReviewsCache = target.extensions[REVIEWS]
        return cache.get(Store.engine(target))

    @staticmethod
    def reviews_changed(app: Flask | None = None) -> None:
        """Note that this process imported reviews: the next match reads them anew."""
        cache: _ReviewsCache | None = (app or current_app).extensions.get(REVIEWS)
        if cache is not None:
            cache.stale()

    @staticmethod
    def _cache(app: Flask | None) -> _VerifierCache:
        """Return the app's verifier cache, made on first use."""
        target = app or current_app
        if VERIFIER not in target.extensions:
            target.extensions[VERIFIER] = _VerifierCache(_interval(target))
        cache: _VerifierCache = target.extensions[VERIFIER]
        return cache


def _interval(app: Flask) -> float:
    """Return how many seconds a worker may answer from an index before reading the version."""
    return float(app.config.get("VERSION_CHECK_SECONDS", 0.0))


class _Following(ABC, Generic[T]):
    """One index per process, made anew or brought up to date when its store version changes.

    Every worker process keeps its own and reads the version (one small query) at most every
    INTERVAL seconds, so a write through any worker or instance reaches every worker's index
    within that time. A large index is made anew in a thread while requests go on against
    the one before: indexing takes longer than a request may.
    """

    def __init__(self, interval: float) -> None:
        """Start empty; read the version at most every INTERVAL seconds."""
        self._lock = Lock()
        self._current: T | None = None
        self._interval = interval
        self._checked = -math.inf
        self._indexing: Thread | None = None

    def stale(self) -> None:
        """Read the version on the next call, however recently it was read."""
        self._checked = -math.inf

    def get(self, engine: Engine) -> T:
        """Return the index for the store version now (see _follow)."""
        current = self._current
        now = time.monotonic()
        if current is not None and now - self._checked < self._interval:
            return current
        with db.session_scope(engine) as session:
            version = self._version(session)
        self._checked = now
        if current is not None and self._version_of(current) == version:
            return current
        with self._lock:
            if self._current is not None and self._version_of(self._current) == version:
                return self._current
            return self._follow(engine)

    def _follow(self, engine: Engine) -> T:
        """Make the index anew: at once when there is none or it is small, else in a thread."""
        current = self._current
        if current is None or not self._large(current):
            with db.session_scope(engine) as session:
                self._current = self._make(session)
            return self._current
        if self._indexing is None or not self._indexing.is_alive():
            self._indexing = Thread(target=self._index_anew, args=(engine,), daemon=True)
            self._indexing.start()
        return current

    def _index_anew(self, engine: Engine) -> None:
        """Index the store as it is now, then answer from it."""
        with db.session_scope(engine) as session:
            fresh = self._make(session)
        with self._lock:
            self._current = fresh
        self.stale()

    @abstractmethod
    def _version(self, session: Session) -> int:
        """Return the store's version of what this index holds."""

    @abstractmethod
    def _version_of(self, index: T) -> int:
        """Return the version INDEX was made at."""

    @abstractmethod
    def _large(self, index: T) -> bool:
        """Return whether INDEX is too large to make again within a request."""

    @abstractmethod
    def _make(self, session: Session) -> T:
        """Make the index of the store as SESSION reads it."""


class _ReviewsCache(_Following[PastChecks]):
    """The past fact checks, indexed anew after any import."""

    def _version(self, session: Session) -> int:
        """Return the reviews' import counter."""
        return reviews.reviews_version(session)

    def _version_of(self, index: PastChecks) -> int:
        """Return the import counter INDEX was made at."""
        return index.version

    def _large(self, index: PastChecks) -> bool:
        """Return whether INDEX holds BACKGROUND_INDEX_REVIEWS reviews or more."""
        return len(index) >= BACKGROUND_INDEX_REVIEWS

    def _make(self, session: Session) -> PastChecks:
        """Index every stored review."""
        return PastChecks(reviews.read_reviews(session), version=reviews.reviews_version(session))


class _VerifierCache(_Following[Verifier]):
    """The fact store's verifier, brought up to date by the writes since, or made anew."""

    def _version(self, session: Session) -> int:
        """Return the fact store's write counter."""
        return db.store_version(session)

    def _version_of(self, index: Verifier) -> int:
        """Return the write counter INDEX was made at."""
        return int(index.version)

    def _large(self, index: Verifier) -> bool:
        """Return whether INDEX holds BACKGROUND_INDEX_FACTS facts or more."""
        return index.index.size >= BACKGROUND_INDEX_FACTS

    def _make(self, session: Session) -> Verifier:
        """Index the whole store."""
        return Verifier(db.read_catalog(session))

    def _follow(self, engine: Engine) -> Verifier:
        """Bring the verifier up to the store's version by the facts written since, or anew."""
        current = self._current
        if current is not None:
            with db.session_scope(engine) as session:
                version = db.store_version(session)
                changes = db.store_changes(session, int(current.version), version)
            if changes is not None:
                current.apply(changes, str(version))
                return current
        return super()._follow(engine)
