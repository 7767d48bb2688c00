"""Workers follow writes by the facts written since their version, not by reading the store anew."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.catalog_sets import catalog
from tests.factset import FACTS, write_set
from tests.test_api_writes import ENTITY, FACT, SOURCE
from verifier import extensions
from verifier.app import create_app
from verifier.core.engine import Verifier
from verifier.core.index import Changes, Index
from verifier.core.model import EntityRecord
from verifier.core.text import tokenize
from verifier.extensions import Store
from verifier.store import loader, tokens
from verifier.store.db import session_scope

AS_OF = "2025-08-28"
CLAIM = "The Baltic Rail Alliance was founded in 2005."


def make_app(database_url: str, sources_dir: Path, interval: float) -> Flask:
    """Return an app on the store at DATABASE_URL that reads the version every INTERVAL s."""
    return create_app(
        {
            "DATABASE_URL": database_url,
            "SEED_ON_START": False,
            "SOURCES_DIR": str(sources_dir),
            "RATELIMIT_CHECK": "1000 per second",
            "VERSION_CHECK_SECONDS": interval,
        }
    )


@contextmanager
def two_apps(
    database_url: str, tmp_path: Path, interval: float
) -> Iterator[tuple[Flask, Flask, str]]:
    """Yield two apps on one loaded store (two workers, or two instances) and a write token."""
    facts_dir, sources_dir = write_set(tmp_path)
    writer = make_app(database_url, sources_dir, interval)
    reader = make_app(database_url, sources_dir, interval)
    loader.load(Store.engine(writer), facts_dir, sources_dir=sources_dir)
    with session_scope(Store.engine(writer)) as session:
        token = tokens.create_token(session, "desk")
    try:
        yield writer, reader, token
    finally:
        for app in (writer, reader):
            Store.engine(app).dispose()


@pytest.fixture
def apps(database_url: str, tmp_path: Path) -> Iterator[tuple[Flask, Flask, str]]:
    """Return two apps that read the store's version on every check."""
    with two_apps(database_url, tmp_path, 0.0) as found:
        yield found


def write(client: FlaskClient, method: str, path: str, body: Any, token: str) -> None:
    """Send one write, which must succeed."""
    headers = {"Authorization": f"Bearer {token}"}
    response = client.open(path, method=method, json=body, headers=headers)
    assert response.status_code in (200, 201), response.get_json()


def verdict(app: Flask, claim: str = CLAIM) -> str:
    """Return the verdict APP gives CLAIM."""
    answer = app.test_client().post("/api/v1/verify", json={"claim": claim, "as_of": AS_OF})
    return str(answer.get_json()["verdict"])


def test_another_worker_follows_fact_writes_without_reindexing(
    apps: tuple[Flask, Flask, str],
) -> None:
    writer, reader, token = apps
    client = writer.test_client()
    write(client, "POST", "/api/v1/entities", ENTITY, token)
    write(client, "POST", "/api/v1/sources", SOURCE, token)
    assert verdict(reader) == "unknown"
    indexed = Store.verifier(reader)
    write(client, "POST", "/api/v1/facts", FACT, token)
    assert verdict(reader) == "supported"
    write(client, "PUT", f"/api/v1/facts/{FACT['id']}", {**FACT, "value": "2009"}, token)
    assert verdict(reader) == "contradicted"
    write(client, "DELETE", f"/api/v1/facts/{FACT['id']}", None, token)
    assert verdict(reader) == "unknown"
    # The same index, brought up to date by the three facts written, not built again.
    assert Store.verifier(reader) is indexed


def test_a_new_entity_is_followed_and_a_source_change_reindexes(
    apps: tuple[Flask, Flask, str],
) -> None:
    writer, reader, token = apps
    client = writer.test_client()
    indexed = Store.verifier(reader)
    write(client, "POST", "/api/v1/entities", ENTITY, token)
    write(client, "POST", "/api/v1/sources", SOURCE, token)
    write(client, "POST", "/api/v1/facts", FACT, token)
    # The entity and its fact followed; the source written between them made a new index.
    assert verdict(reader) == "supported"
    assert Store.verifier(reader) is not indexed
    indexed = Store.verifier(reader)
    renamed = {**ENTITY, "name": "Baltic Railway Alliance", "aliases": []}
    write(client, "PUT", f"/api/v1/entities/{ENTITY['id']}", renamed, token)
    assert verdict(reader, "The Baltic Railway Alliance was founded in 2005.") == "supported"
    assert verdict(reader, "The BRA was founded in 2005.") == "unknown"  # the alias is gone
    assert Store.verifier(reader) is indexed


def test_a_worker_reads_the_version_at_most_every_interval(
    database_url: str, tmp_path: Path
) -> None:
    with two_apps(database_url, tmp_path, 3600.0) as (writer, reader, token):
        client = writer.test_client()
        assert verdict(reader) == verdict(writer) == "unknown"
        for plural, body in (("entities", ENTITY), ("sources", SOURCE), ("facts", FACT)):
            write(client, "POST", f"/api/v1/{plural}", body, token)
        # The worker that wrote uses its write at once; another only after its interval.
        assert verdict(writer) == "supported"
        assert verdict(reader) == "unknown"
        Store.changed(reader)
        assert verdict(reader) == "supported"


@pytest.mark.parametrize("name", ["people-places", "companies-products"])
def test_following_writes_gives_the_index_a_fresh_build_gives(name: str) -> None:
    before = catalog(name)
    facts, entities = list(before.facts), list(before.entities)
    changed = replace(facts[3], value=facts[7].value, statement="Changed.")
    moved = replace(facts[5], entity=facts[11].entity, attribute=facts[11].attribute)
    added = replace(facts[9], id="a-new-fact")
    gone = facts[13]
    renamed = replace(entities[2], name="Quite Another Name", aliases=("QAN",))
    new_entity = EntityRecord("a-new-entity", "Brand New Entity", "thing", ("BNE",))
    changes = Changes(
        facts_before=[facts[3], facts[5], gone],
        facts_after=[changed, moved, added],
        entities_before=[entities[2]],
        entities_after=[renamed, new_entity],
    )
    kept_facts = [f for f in facts if f.id not in {f.id for f in changes.facts_before}]
    kept_entities = [e for e in entities if e.id != entities[2].id]
    after = replace(
        before,
        facts=(*kept_facts, changed, moved, added),
        entities=(*kept_entities, renamed, new_entity),
        version="2",
    )
    followed = Verifier(before)
    followed.apply(changes, "2")
    assert followed.version == "2"
    assert _shape(followed.index) == _shape(Index(after))


def _shape(index: Index) -> tuple[Any, ...]:
    """Return what an index holds about facts, in a comparable form."""

    def ids(lists: dict[Any, Any]) -> dict[Any, list[str]]:
        return {k: sorted(f.record.id for f in v) for k, v in lists.items() if v}

    periods = {
        f.record.id: (f.record, f.value, f.period) for group in index.groups.values() for f in group
    }
    text = " ".join(n for e in index.entities.values() for n in e.names)
    found = sorted({(m.key, m.first, m.last) for m in index.names.find(tokenize(text))})
    return (
        found,
        index.entities,
        {k: v for k, v in index.heads.items() if v},
        index.size,
        ids(index.groups),
        ids(index.by_entity),
        ids(index.by_attribute),
        periods,
        index.containers,
    )


def test_a_large_store_is_indexed_anew_in_the_background(
    apps: tuple[Flask, Flask, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every store counts as large here: a load is indexed in a thread, checks go on meanwhile.
    monkeypatch.setattr(extensions, "BACKGROUND_INDEX_FACTS", 0)
    writer, reader, _ = apps
    claim = "The Northern Rail Union was founded in Oslo."
    assert verdict(reader, claim) == "supported"
    # The same files without the fact that the union was founded in Oslo.
    cut = FACTS.index('[[fact]]\nid = "nru-founded-place"')
    edited = FACTS[:cut] + FACTS[FACTS.index('[[fact]]\nid = "nru-members-1999"') :]
    facts_dir, sources_dir = write_set(tmp_path, facts=edited)
    loader.load(Store.engine(writer), facts_dir, sources_dir=sources_dir)
    answers = [verdict(reader, claim)]  # from the index it has, while the new one is made
    deadline = time.monotonic() + 30
    while answers[-1] != "unknown" and time.monotonic() < deadline:
        time.sleep(0.05)
        answers.append(verdict(reader, claim))
    assert answers[0] == "supported"  # the version before, until the new index is ready
    assert answers[-1] == "unknown"
