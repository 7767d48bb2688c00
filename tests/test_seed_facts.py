"""The seed facts in facts/: valid, and every quote verbatim in its source."""

from __future__ import annotations

import tomllib
from pathlib import Path

from sqlalchemy import Engine

from tests.conftest import FACTS
from verifier.core.facts import QUOTE_GAP, normalise_space
from verifier.store import loader


def test_seed_facts_validate_against_the_sources(shared_sources: Path) -> None:
    checked = loader.validate(FACTS, sources_dir=shared_sources)
    assert [str(p) for p in checked.problems] == []
    assert len(checked.records["fact"]) >= 60


def test_every_quote_occurs_verbatim_in_its_source(shared_sources: Path) -> None:
    """Check quotes independently of the loader: read the TOML, find each excerpt in order."""
    records: dict[str, list[dict[str, object]]] = {"source": [], "fact": []}
    for file in sorted(FACTS.rglob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for kind in records:
            records[kind].extend(data.get(kind, []))
    texts = {
        str(s["id"]): (shared_sources / str(s["text_file"])).read_text(encoding="utf-8")
        for s in records["source"]
        if s.get("text_file")
    }
    quoted = 0
    for fact in records["fact"]:
        holder = str(fact.get("quoted_from") or fact["source"])
        if holder not in texts:
            continue
        assert fact.get("quote"), f"fact {fact['id']} has no quote from {holder}"
        text = normalise_space(texts[holder])
        position = 0
        for excerpt in str(fact["quote"]).split(QUOTE_GAP):
            found = text.find(normalise_space(excerpt), position)
            assert found >= 0, f"fact {fact['id']}: {excerpt!r} not in {holder}"
            position = found + len(normalise_space(excerpt))
        quoted += 1
    assert quoted == len(
        [f for f in records["fact"] if str(f.get("quoted_from") or f["source"]) in texts]
    )


def test_seed_facts_load_into_each_database(engine: Engine, shared_sources: Path) -> None:
    report = loader.load(engine, FACTS, sources_dir=shared_sources)
    assert report.added["fact"] >= 60
    assert not loader.load(engine, FACTS, sources_dir=shared_sources).changed
