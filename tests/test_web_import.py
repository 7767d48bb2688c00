"""The import page: upload a table, preview its facts, confirm with a write token."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.apps import seeded_app
from verifier.extensions import Store
from verifier.store import tokens
from verifier.store.db import session_scope

CSV = "Country,Capital\nNorway,Oslo\nSweden,Stockholm\n"


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """Return an app on a seeded store."""
    return seeded_app(tmp_path, RATELIMIT_CHECK="1000 per second")


@pytest.fixture
def token(app: Flask) -> str:
    """Return a valid write token."""
    with session_scope(Store.engine(app)) as session:
        return tokens.create_token(session, "desk")


def csrf(client: FlaskClient) -> str:
    """Return the CSRF token of the import page's form."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/import").get_data(True))
    assert found is not None
    return found[1]


def upload(client: FlaskClient, content: bytes, token: str, **fields: str) -> Any:
    """Post CONTENT as capitals.csv for a preview."""
    data: dict[str, Any] = {
        "csrf_token": csrf(client),
        "action": "preview",
        "format": "csv",
        "token": token,
        "file": (io.BytesIO(content), "capitals.csv"),
        **fields,
    }
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_the_page_offers_an_upload_form(app: Flask) -> None:
    page = app.test_client().get("/import").get_data(as_text=True)
    assert 'type="file"' in page and 'name="token"' in page and "Preview" in page


def test_preview_then_confirm_writes_the_facts(app: Flask, token: str) -> None:
    client = app.test_client()
    preview = upload(client, CSV.encode(), token, source_title="Capitals")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "2 facts about 2 entities" in page and "Norway | Capital: Oslo" in page
    check = client.post("/api/v1/verify", json={"claim": "The capital of Norway is Oslo."})
    assert check.get_json()["verdict"] == "unknown"  # a preview writes nothing
    confirm = {
        "csrf_token": csrf(client),
        "action": "confirm",
        "format": "csv",
        "name": "capitals.csv",
        "content": CSV,
        "source_title": "Capitals",
        "source_tier": "reference",
        "token": token,
    }
    done = client.post("/import", data=confirm)
    assert done.status_code == 200 and "Imported for desk: 2 facts" in done.get_data(True)
    check = client.post("/api/v1/verify", json={"claim": "The capital of Norway is Oslo."})
    assert check.get_json()["verdict"] == "supported"


def test_a_wrong_token_is_refused_readably(app: Flask) -> None:
    response = upload(app.test_client(), CSV.encode(), "not-a-token")
    assert response.status_code == 403
    assert "The write token is not valid" in response.get_data(as_text=True)


def test_bad_rows_are_listed_with_row_and_column(app: Flask, token: str) -> None:
    response = upload(app.test_client(), b"Country,Capital\nNorway,\n", token)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "capitals.csv, row 2, column &#39;Capital&#39;: the cell is empty" in page


def test_a_file_that_is_not_utf8_is_refused(app: Flask, token: str) -> None:
    response = upload(
        app.test_client(), "Country,Capital\nNorway,Osl\xe9\n".encode("latin-1"), token
    )
    assert response.status_code == 400
    assert "not UTF-8 text" in response.get_data(as_text=True)
