"""The facts pages: search and browse by text, entity and attribute, and a page per source."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from markupsafe import escape

from tests.apps import seeded_app
from verifier.data.facts import fact_detail, fact_page, source_detail
from verifier.data.schemas import FactQuery


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """Return a client of one app for the module, five facts a page."""
    return seeded_app(tmp_path_factory.mktemp("pages"), FACTS_PER_PAGE=5).test_client()


def page_text(client: FlaskClient, url: str, status: int = 200) -> str:
    """GET URL as a page, asserting STATUS, and return its HTML."""
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_search_page_shows_what_the_api_returns(client: FlaskClient) -> None:
    html = page_text(client, "/facts?entity=sco&attribute=member-count")
    api = client.get("/api/v1/facts?entity=sco&attribute=member-count").get_json()
    with client.application.test_request_context():
        shared = fact_page(FactQuery(entity="sco", attribute="member-count"))
    assert shared.model_dump(mode="json") == api
    assert f"{api['total']} facts" in html
    for fact in api["facts"]:
        assert str(escape(fact["statement"])) in html
        assert str(escape(fact["quote"])) in html
        assert str(escape(fact["source"]["title"])) in html
        assert f'href="/sources/{fact["source"]["id"]}"' in html


def test_text_search_and_filters_keep_their_values(client: FlaskClient) -> None:
    html = page_text(client, "/facts?q=Tianjin&entity=sco")
    assert 'value="Tianjin"' in html
    assert '<option value="sco" selected>' in html
    assert page_text(client, "/facts?q=zzzz-nothing").count('class="fact"') == 0


def test_pages_link_to_each_other(client: FlaskClient) -> None:
    first = page_text(client, "/facts?entity=sco")
    assert 'rel="next" href="/facts?entity=sco&amp;page=2"' in first
    assert 'rel="prev"' not in first
    second = page_text(client, "/facts?entity=sco&page=2")
    assert 'rel="prev" href="/facts?entity=sco&amp;page=1"' in second
    assert first.count('class="fact"') == 5


def test_bad_page_number_is_an_error_page(client: FlaskClient) -> None:
    assert "page" in page_text(client, "/facts?page=nope", 422)


def test_fact_page_shows_source_and_quote(client: FlaskClient) -> None:
    html = page_text(client, "/facts/sco-member-count-2024")
    with client.application.app_context():
        fact = fact_detail("sco-member-count-2024")
    assert fact is not None and fact.quote
    assert str(escape(fact.quote)) in html
    assert str(escape(fact.source.title)) in html
    page_text(client, "/facts/no-such-fact", 404)


def test_sources_page_and_a_page_per_source(client: FlaskClient) -> None:
    listing = page_text(client, "/sources")
    assert 'href="/sources/sco-charter"' in listing
    html = page_text(client, "/sources/sco-charter")
    with client.application.app_context():
        source = source_detail("sco-charter")
    assert source is not None and source.facts
    assert str(escape(source.title)) in html
    for fact in source.facts:
        assert f'href="/facts/{fact.id}"' in html
    page_text(client, "/sources/no-such-source", 404)


def test_navigation_links_the_pages(client: FlaskClient) -> None:
    html = page_text(client, "/")
    for href in ("/facts", "/sources", "/api/docs"):
        assert f'href="{href}"' in html
