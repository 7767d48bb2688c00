"""GET /api/v1/facts and /api/v1/sources: search, pages, each fact with its source and quote."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlmodel import func, select

from tests.apps import seeded_app
from verifier.extensions import Store
from verifier.store.db import session_scope
from verifier.store.models import Fact


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """Return a client of one app for the module, ten facts a page."""
    return seeded_app(tmp_path_factory.mktemp("facts"), FACTS_PER_PAGE=10).test_client()


def get(client: FlaskClient, url: str) -> dict[str, Any]:
    """GET URL, asserting 200, and return its JSON."""
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_pages_cover_every_fact_once(client: FlaskClient) -> None:
    with client.application.app_context(), session_scope(Store.engine()) as session:
        stored = session.exec(select(func.count()).select_from(Fact)).one()
    first = get(client, "/api/v1/facts")
    assert first["total"] == stored > 100
    assert first["pages"] == -(-stored // 10)
    seen = [
        f["id"]
        for page in range(1, first["pages"] + 1)
        for f in get(client, f"/api/v1/facts?page={page}")["facts"]
    ]
    assert len(seen) == len(set(seen)) == stored
    assert get(client, f"/api/v1/facts?page={first['pages'] + 1}")["facts"] == []


def test_each_fact_carries_its_source_and_quote(client: FlaskClient) -> None:
    fact = get(client, "/api/v1/facts/sco-member-count-2024")
    assert fact["entity"] == "sco" and fact["attribute"] == "member-count"
    assert fact["quote"]
    assert fact["source"]["id"] and fact["source"]["title"] and fact["source"]["tier"]
    listed = get(client, "/api/v1/facts?q=sco-member-count-2024")["facts"]
    assert listed == [fact]


def test_filter_by_entity_and_attribute(client: FlaskClient) -> None:
    body = get(client, "/api/v1/facts?entity=sco&attribute=member-count")
    assert body["total"] >= 4
    assert {(f["entity"], f["attribute"]) for f in body["facts"]} == {("sco", "member-count")}
    assert (body["entity"], body["attribute"]) == ("sco", "member-count")


def test_text_search_needs_every_word(client: FlaskClient) -> None:
    body = get(client, "/api/v1/facts?q=Tianjin%20summit")
    assert body["total"] > 0
    for fact in body["facts"]:
        text = " ".join([fact["statement"], fact["quote"] or "", fact["id"]]).lower()
        assert "tianjin" in text and "summit" in text
    assert get(client, "/api/v1/facts?q=zzzz-nothing")["total"] == 0


def test_search_wildcards_are_literal(client: FlaskClient) -> None:
    assert get(client, "/api/v1/facts?q=%25")["total"] < get(client, "/api/v1/facts")["total"]
    assert get(client, "/api/v1/facts?q=_")["total"] == 0


def test_bad_page_is_422(client: FlaskClient) -> None:
    response = client.get("/api/v1/facts?page=0")
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == "page"


def test_sources_with_their_fact_counts(client: FlaskClient) -> None:
    sources = get(client, "/api/v1/sources")["sources"]
    assert sources
    total = get(client, "/api/v1/facts")["total"]
    assert sum(s["fact_count"] for s in sources) == total
    source = next(s for s in sources if s["fact_count"] > 0)
    detail = get(client, f"/api/v1/sources/{source['id']}")
    assert detail["title"] == source["title"]
    assert len(detail["facts"]) == source["fact_count"]
    assert {f["source"] for f in detail["facts"]} == {source["id"]}


def test_unknown_source_is_404(client: FlaskClient) -> None:
    response = client.get("/api/v1/sources/no-such-source")
    assert response.status_code == 404
    assert "GET /api/v1/sources" in response.get_json()["error"]["message"]
