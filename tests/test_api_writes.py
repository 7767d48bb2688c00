"""Writes through the API: tokens, the loader's checks on the whole store, audit, migrations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel, select
from werkzeug.test import TestResponse

from tests.factset import FACTS, REGISTRY, write_set
from verifier.app import create_app
from verifier.extensions import Store
from verifier.store import loader, tokens
from verifier.store.db import current_revision, make_engine, session_scope, store_version, upgrade
from verifier.store.models import ApiToken, Attribute, AuditEntry, Entity, Fact, Source, StoreState

AS_OF = "2025-08-28"
ENTITY = {
    "id": "baltic-rail",
    "name": "Baltic Rail Alliance",
    "kind": "organization",
    "aliases": ["BRA"],
}
ATTRIBUTE = {
    "id": "route-length",
    "name": "route length",
    "kind": "quantity",
    "unit": "km",
    "phrases": ["route length", "kilometres of track"],
}
SOURCE = {
    "id": "desk-notes",
    "title": "Desk research notes",
    "publisher": "The Desk",
    "published": "2025-01-10",
    "tier": "reference",
}
FACT = {
    "id": "baltic-rail-founded",
    "entity": "baltic-rail",
    "attribute": "founding-date",
    "value": "2005",
    "statement": "The Baltic Rail Alliance was founded in 2005.",
    "source": "desk-notes",
    "note": "From the desk's notes.",
}
RECORDS = {"entities": ENTITY, "attributes": ATTRIBUTE, "sources": SOURCE, "facts": FACT}
# Every write route, with a body that would be valid, and the audit log.
ROUTES = [
    *((("POST", f"/api/v1/{plural}", body) for plural, body in RECORDS.items())),
    *((("PUT", f"/api/v1/{plural}/{body['id']}", body) for plural, body in RECORDS.items())),
    *((("DELETE", f"/api/v1/{plural}/{body['id']}", None) for plural, body in RECORDS.items())),
    ("GET", "/api/v1/audit", None),
]
TABLES: tuple[type[SQLModel], ...] = (Source, Entity, Attribute, Fact, AuditEntry, StoreState)


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """Return an app on the small fact set, with source texts for quote checks."""
    facts_dir, sources_dir = write_set(tmp_path)
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SEED_ON_START": False,
            "SOURCES_DIR": str(sources_dir),
            "RATELIMIT_CHECK": "1000 per second",
        }
    )
    loader.load(Store.engine(app), facts_dir, sources_dir=sources_dir)
    yield app
    Store.engine(app).dispose()


@pytest.fixture
def engine(app: Flask) -> Engine:
    """Return the app's store."""
    return Store.engine(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def token(engine: Engine) -> str:
    """Return a valid token named desk."""
    with session_scope(engine) as session:
        return tokens.create_token(session, "desk")


@pytest.fixture
def revoked(engine: Engine) -> str:
    """Return a token named old that has been revoked."""
    with session_scope(engine) as session:
        made = tokens.create_token(session, "old")
    with session_scope(engine) as session:
        tokens.revoke_token(session, "old")
    return made


def send(
    client: FlaskClient, method: str, path: str, body: Any = None, token: str | None = None
) -> TestResponse:
    """Send a request, with TOKEN as a bearer token when given."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.open(path, method=method, json=body, headers=headers)


def error(response: TestResponse, status: int) -> dict[str, Any]:
    """Assert RESPONSE is the API's error of STATUS; return its detail."""
    assert response.status_code == status, response.get_json()
    body: dict[str, Any] = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "field"}
    assert body["error"]["status"] == status
    return dict(body["error"])


def snapshot(engine: Engine, tables: tuple[type[SQLModel], ...] = TABLES) -> str:
    """Return every row of TABLES, serialised, to compare before and after a request."""
    with session_scope(engine) as session:
        # warnings=False: a table row holds a tier or kind as the plain text it stores.
        data = {
            table.__name__: [
                row.model_dump(mode="json", warnings=False) for row in session.exec(select(table))
            ]
            for table in tables
        }
    return json.dumps(
        {
            name: sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
            for name, rows in data.items()
        },
        sort_keys=True,
    )


def version(engine: Engine) -> int:
    """Return the store's version."""
    with session_scope(engine) as session:
        return store_version(session)


def create_all(client: FlaskClient, token: str) -> None:
    """Create the entity, attribute, source and fact, each answering 201."""
    for plural, body in RECORDS.items():
        response = send(client, "POST", f"/api/v1/{plural}", body, token)
        assert response.status_code == 201, response.get_json()


def test_writes_and_the_audit_log_need_a_token(client: FlaskClient, engine: Engine) -> None:
    before = snapshot(engine)
    for method, path, body in ROUTES:
        detail = error(send(client, method, path, body), 401)
        assert detail["code"] == "unauthorized" and "Authorization: Bearer" in detail["message"]
        response = send(client, method, path, body)
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="verifier"'
        for header in ("Basic ZGVzazpwdw==", "Bearer", "Bearer   "):
            response = client.open(
                path, method=method, json=body, headers={"Authorization": header}
            )
            assert response.status_code == 401, (path, header)
    assert snapshot(engine) == before


def test_an_unknown_token_is_401_and_a_revoked_one_403(
    client: FlaskClient, engine: Engine, token: str, revoked: str
) -> None:
    before = snapshot(engine)
    for method, path, body in ROUTES:
        response = send(client, method, path, body, token + "x")
        error(response, 401)
        assert response.headers["WWW-Authenticate"] == (
            'Bearer realm="verifier", error="invalid_token"'
        )
        detail = error(send(client, method, path, body, revoked), 403)
        assert detail["code"] == "forbidden" and "'old' was revoked" in detail["message"]
    assert snapshot(engine) == before


def test_create_update_delete_each_kind(client: FlaskClient, engine: Engine, token: str) -> None:
    start = version(engine)
    for plural, body in RECORDS.items():
        response = send(client, "POST", f"/api/v1/{plural}", body, token)
        assert response.status_code == 201, response.get_json()
        assert response.get_json() == {**response.get_json(), **body}
        if plural in ("facts", "sources"):
            assert response.headers["Location"].endswith(f"/api/v1/{plural}/{body['id']}")
            assert client.get(response.headers["Location"]).status_code == 200
    assert version(engine) == start + 4
    with session_scope(engine) as session:
        for table, body in zip((Entity, Attribute, Source, Fact), RECORDS.values(), strict=True):
            row = session.get(table, body["id"])
            assert row is not None and row.origin == "api"  # type: ignore[attr-defined]

    changed = {
        "entities": {**ENTITY, "aliases": ["BRA", "Baltic Rail"]},
        "attributes": {**ATTRIBUTE, "phrases": ["route length"]},
        "sources": {**SOURCE, "publisher": "The Desk, research"},
        "facts": {k: v for k, v in FACT.items() if k not in ("id", "note")},
    }
    for plural, body in changed.items():
        record_id = RECORDS[plural]["id"]
        response = send(client, "PUT", f"/api/v1/{plural}/{record_id}", body, token)
        assert response.status_code == 200, response.get_json()
        assert response.get_json() == {**response.get_json(), **body, "id": record_id}
    assert client.get("/api/v1/facts/baltic-rail-founded").get_json()["note"] is None
    assert client.get("/api/v1/sources/desk-notes").get_json()["publisher"] == "The Desk, research"
    assert version(engine) == start + 8

    for plural in ("facts", "sources", "attributes", "entities"):
        record_id = RECORDS[plural]["id"]
        response = send(client, "DELETE", f"/api/v1/{plural}/{record_id}", None, token)
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["id"] == record_id
    assert client.get("/api/v1/facts/baltic-rail-founded").status_code == 404
    with session_scope(engine) as session:
        for table, body in zip((Entity, Attribute, Source, Fact), RECORDS.values(), strict=True):
            assert session.get(table, body["id"]) is None
    assert version(engine) == start + 12


def test_unknown_ids_are_404(client: FlaskClient, engine: Engine, token: str) -> None:
    before = snapshot(engine)
    for plural, body in RECORDS.items():
        for method in ("PUT", "DELETE"):
            detail = error(
                send(
                    client,
                    method,
                    f"/api/v1/{plural}/{body['id']}",
                    body if method == "PUT" else None,
                    token,
                ),
                404,
            )
            assert detail["code"] == "not_found" and repr(body["id"]) in detail["message"]
    assert snapshot(engine) == before


def test_conflicts_are_409_and_change_nothing(
    client: FlaskClient, engine: Engine, token: str
) -> None:
    create_all(client, token)
    before = snapshot(engine)
    for plural, body in RECORDS.items():
        detail = error(send(client, "POST", f"/api/v1/{plural}", body, token), 409)
        assert detail["field"] == "id" and "exists already" in detail["message"]
        assert detail["code"] == "conflict"
    # A record from the fact files is changed in the files: a load would undo an API change.
    for method, body in (("PUT", {**SOURCE, "id": "gazette"}), ("DELETE", None)):
        detail = error(send(client, method, "/api/v1/sources/gazette", body, token), 409)
        assert "comes from the fact files" in detail["message"]
    error(send(client, "POST", "/api/v1/entities", {"id": "oslo", "name": "Oslo"}, token), 409)
    # A record still in use is not deleted, and the message names who uses it.
    for plural, user in (
        ("sources", "fact 'baltic-rail-founded'"),
        ("entities", "fact 'baltic-rail-founded'"),
    ):
        record_id = RECORDS[plural]["id"]
        detail = error(send(client, "DELETE", f"/api/v1/{plural}/{record_id}", None, token), 409)
        assert f"still used by {user}" in detail["message"], detail
    assert snapshot(engine) == before


def test_references_block_deletes_of_places_lists_and_counted_attributes(
    client: FlaskClient, engine: Engine, token: str
) -> None:
    send(client, "POST", "/api/v1/entities", {"id": "tallinn", "name": "Tallinn"}, token)
    send(client, "POST", "/api/v1/entities", ENTITY, token)
    send(client, "POST", "/api/v1/sources", SOURCE, token)
    place = {
        **FACT,
        "id": "baltic-rail-seat",
        "attribute": "founding-place",
        "value": "tallinn",
        "statement": "The Baltic Rail Alliance was founded in Tallinn.",
    }
    assert send(client, "POST", "/api/v1/facts", place, token).status_code == 201
    send(client, "POST", "/api/v1/attributes", {**ATTRIBUTE, "id": "seats", "kind": "list"}, token)
    send(
        client,
        "POST",
        "/api/v1/attributes",
        {**ATTRIBUTE, "id": "seat-count", "kind": "count", "counts": "seats"},
        token,
    )
    before = snapshot(engine)
    detail = error(send(client, "DELETE", "/api/v1/entities/tallinn", None, token), 409)
    assert "fact 'baltic-rail-seat'" in detail["message"]
    detail = error(send(client, "DELETE", "/api/v1/attributes/seats", None, token), 409)
    assert "attribute 'seat-count'" in detail["message"]
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("case", "plural", "body", "field", "expected"),
    [
        ("unknown field", "facts", {**FACT, "colour": "red"}, "colour", "unknown field(s): colour"),
        (
            "missing field",
            "facts",
            {k: v for k, v in FACT.items() if k != "statement"},
            "statement",
            "statement: Field required",
        ),
        ("bad id", "entities", {**ENTITY, "id": "Baltic Rail"}, "id", "id: String should match"),
        (
            "bad list item",
            "entities",
            {**ENTITY, "aliases": ["BRA", 7]},
            "aliases[1]",
            "aliases.1: Input should be a valid string",
        ),
        (
            "unknown entity",
            "facts",
            {**FACT, "entity": "baltic-rial"},
            "entity",
            "fact 'baltic-rail-founded': unknown entity 'baltic-rial'",
        ),
        ("unknown source", "facts", {**FACT, "source": "desk"}, "source", "unknown source 'desk'"),
        (
            "unknown attribute",
            "facts",
            {**FACT, "attribute": "founding"},
            "attribute",
            "unknown attribute 'founding'",
        ),
        (
            "value of the wrong kind",
            "facts",
            {**FACT, "value": "in the spring"},
            "value",
            "unparseable date",
        ),
        (
            "unparseable period",
            "facts",
            {**FACT, "observed": "last spring"},
            "observed",
            "unparseable date 'last spring' in observed",
        ),
        (
            "quote not in the source",
            "facts",
            {**FACT, "source": "gazette", "quote": "founded in Tallinn"},
            "quote",
            "quote not found verbatim in source 'gazette'",
        ),
        ("missing quote", "facts", {**FACT, "source": "gazette"}, "quote", "missing quote"),
        (
            "count that disagrees with a list",
            "facts",
            {
                **FACT,
                "id": "nru-members-2020",
                "entity": "nru",
                "attribute": "member-count",
                "value": 5,
                "valid_from": "2020",
                "source": "treaty",
            },
            "value",
            "count 5 disagrees with the complete list 'nru-member-list'",
        ),
        (
            "unparseable published date",
            "sources",
            {**SOURCE, "id": "desk-2", "published": "January"},
            "published",
            "unparseable date 'January' in published",
        ),
        (
            "counts a non-list",
            "attributes",
            {**ATTRIBUTE, "kind": "count", "counts": "founding-date"},
            "counts",
            "not a list attribute",
        ),
    ],
)
def test_invalid_writes_are_422_with_every_problem_and_change_nothing(
    client: FlaskClient,
    engine: Engine,
    token: str,
    case: str,
    plural: str,
    body: dict[str, Any],
    field: str,
    expected: str,
) -> None:
    for setup in ("entities", "sources"):
        send(client, "POST", f"/api/v1/{setup}", RECORDS[setup], token)
    before = snapshot(engine)
    detail = error(send(client, "POST", f"/api/v1/{plural}", body, token), 422)
    assert detail["code"] == "invalid"
    assert detail["field"] == field, detail
    assert expected in detail["message"], detail
    assert "nothing was written" in detail["message"]
    assert snapshot(engine) == before


def test_every_problem_is_reported_at_once(client: FlaskClient, engine: Engine, token: str) -> None:
    before = snapshot(engine)
    detail = error(
        send(
            client,
            "POST",
            "/api/v1/facts",
            {**FACT, "entity": "nowhere", "source": "nobody"},
            token,
        ),
        422,
    )
    assert "2 problem(s)" in detail["message"]
    assert "unknown entity 'nowhere'" in detail["message"]
    assert "unknown source 'nobody'" in detail["message"]
    assert detail["field"] == "entity"
    assert snapshot(engine) == before


def test_a_put_is_checked_against_the_rest_of_the_store(
    client: FlaskClient, engine: Engine, token: str
) -> None:
    create_all(client, token)
    before = snapshot(engine)
    detail = error(
        send(
            client, "PUT", "/api/v1/facts/baltic-rail-founded", {**FACT, "entity": "nowhere"}, token
        ),
        422,
    )
    assert detail["field"] == "entity"
    detail = error(
        send(client, "PUT", "/api/v1/facts/baltic-rail-founded", {**FACT, "id": "renamed"}, token),
        422,
    )
    assert detail["field"] == "id" and "ids never change" in detail["message"]
    # A change that breaks another record names that record.
    detail = error(
        send(
            client,
            "PUT",
            "/api/v1/attributes/founding-date",
            {**ATTRIBUTE, "id": "founding-date"},
            token,
        ),
        409,
    )
    assert "comes from the fact files" in detail["message"]
    detail = error(
        send(client, "PUT", "/api/v1/entities/baltic-rail", {**ENTITY, "name": ""}, token), 422
    )
    assert detail["field"] == "name"
    assert snapshot(engine) == before


def test_a_bad_body_is_refused_like_any_api_body(client: FlaskClient, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    detail = error(
        client.post("/api/v1/facts", data="{", headers=headers, content_type="application/json"),
        400,
    )
    assert "not valid JSON" in detail["message"]
    error(client.post("/api/v1/facts", data="id=x", headers=headers), 415)
    error(send(client, "POST", "/api/v1/facts", ["a list"], token), 422)


def test_the_audit_log_records_who_when_before_and_after(
    client: FlaskClient, engine: Engine, token: str
) -> None:
    error(send(client, "POST", "/api/v1/facts", FACT, token), 422)  # refused: not audited
    create_all(client, token)
    send(client, "PUT", "/api/v1/sources/desk-notes", {**SOURCE, "tier": "news"}, token)
    send(client, "DELETE", "/api/v1/facts/baltic-rail-founded", None, token)
    with session_scope(engine) as session:
        tokens.create_token(session, "wire")
    body = send(client, "GET", "/api/v1/audit", None, token).get_json()
    assert body["total"] == 6 and body["page"] == 1 and body["pages"] == 1
    entries = body["entries"]
    assert [(e["action"], e["kind"], e["record_id"]) for e in entries] == [
        ("delete", "fact", "baltic-rail-founded"),
        ("update", "source", "desk-notes"),
        ("create", "fact", "baltic-rail-founded"),
        ("create", "source", "desk-notes"),
        ("create", "attribute", "route-length"),
        ("create", "entity", "baltic-rail"),
    ]
    assert {e["token"] for e in entries} == {"desk"}
    assert all(e["at"].startswith("20") for e in entries)
    assert entries[0]["before"]["statement"] == FACT["statement"] and entries[0]["after"] is None
    assert entries[1]["before"]["tier"] == "reference" and entries[1]["after"]["tier"] == "news"
    assert entries[2]["before"] is None and entries[2]["after"] == {**entries[2]["after"], **FACT}
    assert send(client, "GET", "/api/v1/audit?page=2", None, token).get_json()["entries"] == []
    assert error(send(client, "GET", "/api/v1/audit?page=0", None, token), 422)["field"] == "page"


def test_a_written_fact_is_used_by_the_next_check(client: FlaskClient, token: str) -> None:
    claim = {"claim": "The Baltic Rail Alliance was founded in 2005.", "as_of": AS_OF}
    assert client.post("/api/v1/verify", json=claim).get_json()["verdict"] == "unknown"
    create_all(client, token)
    result = client.post("/api/v1/verify", json=claim).get_json()
    assert result["verdict"] == "supported"
    assert result["citations"][0]["source"]["title"] == SOURCE["title"]
    wrong = {**claim, "claim": "The Baltic Rail Alliance was founded in 2009."}
    assert client.post("/api/v1/verify", json=wrong).get_json()["verdict"] == "contradicted"
    send(client, "DELETE", "/api/v1/facts/baltic-rail-founded", None, token)
    assert client.post("/api/v1/verify", json=claim).get_json()["verdict"] == "unknown"


def test_the_document_shows_the_bearer_security(client: FlaskClient) -> None:
    document = client.get("/api/openapi.json").get_json()
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from `verifier tokens create NAME`.",
    }
    for method, path, _body in ROUTES:
        documented = (
            path.replace("/baltic-rail-founded", "/{fact_id}")
            .replace("/desk-notes", "/{source_id}")
            .replace("/baltic-rail", "/{entity_id}")
            .replace("/route-length", "/{attribute_id}")
        )
        operation = document["paths"][documented][method.lower()]
        assert operation["security"] == [{"bearerAuth": []}]
        assert {"401", "403"} <= set(operation["responses"])
    assert "201" in document["paths"]["/api/v1/facts"]["post"]["responses"]
    assert "security" not in document["paths"]["/api/v1/facts"]["get"]


# The loader keeps what the API wrote, and checks the files together with it.

ICELAND = '\n[[entity]]\nid = "iceland"\nname = "Iceland"\nkind = "country"\n'
API_FACT = {
    "id": "iceland-founded",
    "entity": "iceland",
    "attribute": "founding-date",
    "value": "1944-06-17",
    "statement": "Iceland was founded in 1944.",
    "source": "treaty",
}


def test_a_load_keeps_api_rows(
    app: Flask, client: FlaskClient, engine: Engine, token: str, tmp_path: Path
) -> None:
    facts_dir, sources_dir = write_set(tmp_path, registry=REGISTRY + ICELAND)
    loader.load(engine, facts_dir, sources_dir=sources_dir)
    create_all(client, token)
    assert send(client, "POST", "/api/v1/facts", API_FACT, token).status_code == 201
    edited = FACTS.replace("The founding treaty is dated", "The treaty is dated")
    write_set(tmp_path, facts=edited, registry=REGISTRY + ICELAND)
    report = loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert report.updated["fact"] == 1 and not any(report.removed.values())
    with session_scope(engine) as session:
        for table, record_id in (
            (Fact, "iceland-founded"),
            (Fact, "baltic-rail-founded"),
            (Entity, "baltic-rail"),
            (Source, "desk-notes"),
            (Attribute, "route-length"),
        ):
            row = session.get(table, record_id)
            assert row is not None and row.origin == "api"  # type: ignore[attr-defined]
    start = version(engine)
    assert not loader.load(engine, facts_dir, sources_dir=sources_dir).changed
    assert version(engine) == start


def test_a_load_that_breaks_an_api_fact_is_refused_naming_it(
    client: FlaskClient, engine: Engine, token: str, tmp_path: Path
) -> None:
    facts_dir, sources_dir = write_set(tmp_path, registry=REGISTRY + ICELAND)
    loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert send(client, "POST", "/api/v1/facts", API_FACT, token).status_code == 201
    before = snapshot(engine)
    write_set(tmp_path)  # the registry without Iceland
    with pytest.raises(loader.LoadError) as caught:
        loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert [str(p) for p in caught.value.problems] == [
        "(store, origin 'api'): fact 'iceland-founded': unknown entity 'iceland'"
    ]
    assert snapshot(engine) == before


def test_a_file_may_not_reuse_an_api_id(
    client: FlaskClient, engine: Engine, token: str, tmp_path: Path
) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    assert send(client, "POST", "/api/v1/entities", ENTITY, token).status_code == 201
    before = snapshot(engine)
    write_set(tmp_path, registry=REGISTRY + '\n[[entity]]\nid = "baltic-rail"\nname = "BRA"\n')
    with pytest.raises(loader.LoadError) as caught:
        loader.load(engine, facts_dir, sources_dir=sources_dir)
    [problem] = caught.value.problems
    assert problem.file.endswith("registry.toml") and problem.record == "entity 'baltic-rail'"
    assert "already used by a entity in the store with origin 'api'" in problem.message
    assert snapshot(engine) == before


# Migrations: a store in use upgrades without losing anything.


def _store_rows_as_written_then(engine: Engine, facts_dir: Path) -> None:
    """Write the fact files' records as rows, as an older version's loader did."""
    facts = loader.read_fact_files(facts_dir)
    with session_scope(engine) as session:
        for kind in loader.RECORD_KINDS:
            table = loader.KINDS[kind][1]
            for record in facts.records[kind]:
                session.add(table.model_validate(loader.record_fields(record)))
            session.flush()
        session.add(StoreState(id=1, version=1))


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_upgrading_an_older_store_keeps_its_facts(
    database_url: str, tmp_path: Path, revision: str
) -> None:
    facts_dir, _sources_dir = write_set(tmp_path)
    engine = make_engine(database_url)
    try:
        upgrade(engine, revision)
        assert not inspect(engine).has_table("vocabularylist")
        _store_rows_as_written_then(engine, facts_dir)
        stored = (Source, Entity, Attribute, Fact, StoreState)
        before = snapshot(engine, stored)
        assert "nru-member-list" in before
        upgrade(engine)
        assert current_revision(engine) == "0005"
        assert snapshot(engine, stored) == before
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []
        with session_scope(engine) as session:
            tokens.create_token(session, "desk")
        with session_scope(engine) as session:
            assert [t.name for t in session.exec(select(ApiToken))] == ["desk"]
    finally:
        engine.dispose()
