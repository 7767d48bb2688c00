"""Write bench_engine's synthetic store as fact files the loader reads, for the store benchmarks."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import tomli_w
from bench_engine import build

from verifier.core.model import AttributeRecord, Catalog, EntityRecord, FactRecord, SourceRecord

# Facts per file: a newsroom's files are of this order, and the loader reads one at a time.
FACTS_PER_FILE = 20_000


def write_store(folder: Path, facts: int) -> Catalog:
    """Write a store of about FACTS facts as fact files under FOLDER, and return its catalog."""
    catalog, _ = build(facts)
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder / "attributes.toml",
        {
            "source": [_source(s) for s in catalog.sources],
            "attribute": [_attribute(a) for a in catalog.attributes],
            "entity": [_entity(e) for e in catalog.entities],
        },
    )
    for start in range(0, len(catalog.facts), FACTS_PER_FILE):
        chunk = catalog.facts[start : start + FACTS_PER_FILE]
        _write(
            folder / f"facts-{start // FACTS_PER_FILE:04d}.toml",
            {"fact": [_fact(f) for f in chunk]},
        )
    return catalog


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write DATA as TOML to PATH."""
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """Drop the fields a fact file leaves out: the unset ones."""
    return {k: v for k, v in record.items() if v is not None and v != () and v is not False}


def _source(source: SourceRecord) -> dict[str, Any]:
    """Return a source as a fact file writes it."""
    return _plain({**asdict(source), "tier": source.tier.value})


def _attribute(attribute: AttributeRecord) -> dict[str, Any]:
    """Return an attribute as a fact file writes it."""
    return _plain(
        {**asdict(attribute), "kind": attribute.kind.value, "phrases": list(attribute.phrases)}
    )


def _entity(entity: EntityRecord) -> dict[str, Any]:
    """Return an entity as a fact file writes it."""
    return _plain({**asdict(entity), "aliases": list(entity.aliases)})


def _fact(fact: FactRecord) -> dict[str, Any]:
    """Return a fact as a fact file writes it."""
    found = _plain(asdict(fact))
    if found.get("qualifier") == "exact":
        del found["qualifier"]
    return found
