"""The fact catalogs written for tests in other domains, read straight from their files."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from verifier.core.engine import Verifier
from verifier.core.model import Catalog
from verifier.store import loader

CATALOGS = Path(__file__).resolve().parent / "catalogs"


@cache
def catalog(name: str) -> Catalog:
    """Return the catalog of tests/catalogs/NAME, checked as the loader checks it."""
    folder = CATALOGS / name
    facts = loader.validate(folder, sources_dir=folder / "sources")
    assert facts.problems == [], [str(p) for p in facts.problems]
    return facts.catalog()


@cache
def verifier(name: str) -> Verifier:
    """Return a verifier over the catalog of tests/catalogs/NAME."""
    return Verifier(catalog(name))
