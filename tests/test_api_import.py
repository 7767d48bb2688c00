"""POST /api/v1/import: a table into the store through the API, with a token, audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.apps import app_on, token_header

CSV = "Country,Capital,Area (km²)\nNorway,Oslo,385207\nSweden,Stockholm,450295\n"
TABLE = {"title": ["Ada Lind"], "Born": ["12 March 1901"], "Occupation": ["Engineer"]}


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """Return an app on a seeded store that keeps source texts in tmp_path/sources."""
    sources = tmp_path / "sources"
    sources.mkdir()
    yield from app_on(database_url, SOURCES_DIR=str(sources))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    """Return the header of a valid token named desk."""
    return token_header(app)


def post(client: FlaskClient, auth: dict[str, str], **body: Any) -> Any:
    """Post an import of BODY (a CSV named capitals.csv unless said otherwise)."""
    return client.post(
        "/api/v1/import",
        json={"format": "csv", "name": "capitals.csv", "content": CSV, **body},
        headers=auth,
    )


def verdict(client: FlaskClient, claim: str) -> str:
    """Return the verdict the API gives CLAIM."""
    return str(client.post("/api/v1/verify", json={"claim": claim}).get_json()["verdict"])


def test_a_dry_run_previews_and_writes_nothing(client: FlaskClient, auth: dict[str, str]) -> None:
    response = post(client, auth, dry_run=True)
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert report["written"] is False
    assert report["counts"] == {"sources": 1, "entities": 2, "attributes": 2, "facts": 4}
    assert {f["id"] for f in report["facts"]} >= {"norway-capital", "sweden-area"}
    assert verdict(client, "The capital of Norway is Oslo.") == "unknown"


def test_an_import_is_written_checked_audited_and_used(
    client: FlaskClient, auth: dict[str, str], tmp_path: Path
) -> None:
    response = post(client, auth, source={"title": "Capitals", "publisher": "Desk"})
    assert response.status_code == 200, response.get_json()
    assert verdict(client, "The capital of Norway is Oslo.") == "supported"
    assert verdict(client, "The capital of Norway is Bergen.") == "contradicted"
    fact = client.get("/api/v1/facts/norway-capital").get_json()
    assert fact["quote"] == "Norway | Capital: Oslo"
    assert (
        (tmp_path / "sources" / "capitals.txt").read_text(encoding="utf-8").startswith("Capitals\n")
    )
    audit = client.get("/api/v1/audit", headers=auth).get_json()
    assert {(e["action"], e["kind"], e["record_id"]) for e in audit["entries"]} >= {
        ("create", "fact", "norway-capital"),
        ("create", "source", "capitals"),
    }
    # The same table again replaces what the first import wrote.
    assert post(client, auth).status_code == 200


def test_an_infobox_table_through_the_api(client: FlaskClient, auth: dict[str, str]) -> None:
    response = post(client, auth, format="infobox", name="T1.json", content=json.dumps(TABLE))
    assert response.status_code == 200, response.get_json()
    assert verdict(client, "Ada Lind was born in 1901.") == "supported"


def test_an_import_needs_a_token(client: FlaskClient) -> None:
    assert post(client, {}).status_code == 401


@pytest.mark.parametrize(
    ("body", "status", "said"),
    [
        ({"content": "Country,Capital\nNorway,\n"}, 422, "row 2, column 'Capital'"),
        ({"content": "Country,Capital\nNorway,Oslo,x\n"}, 422, "3 cells"),
        ({"format": "xls"}, 422, "format"),
        ({"source": {"url": "javascript:alert(1)"}}, 422, "url"),
        ({"format": "infobox", "content": "{oops"}, 422, "not valid JSON"),
        ({"source": {"id": "article-000"}}, 409, "comes from the fact files"),
    ],
)
def test_a_bad_import_says_why_and_writes_nothing(
    client: FlaskClient, auth: dict[str, str], body: dict[str, Any], status: int, said: str
) -> None:
    before = client.get("/api/v1/health").get_json()["store"]
    response = post(client, auth, **body)
    assert response.status_code == status, response.get_json()
    assert said in response.get_json()["error"]["message"]
    assert client.get("/api/v1/health").get_json()["store"] == before
