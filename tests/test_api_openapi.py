"""The OpenAPI 3.1 document at /api/openapi.json covers every /api route; /api/docs reads it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from markupsafe import escape
from openapi_spec_validator import validate

from tests.apps import seeded_app
from verifier.api.spec import openapi_path

AS_OF = "2025-08-28"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return one app for the module."""
    return seeded_app(tmp_path_factory.mktemp("openapi"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def document(client: FlaskClient) -> dict[str, Any]:
    """Return the served OpenAPI document."""
    body: dict[str, Any] = client.get("/api/openapi.json").get_json()
    return body


def api_operations(app: Flask) -> set[tuple[str, str]]:
    """Return (path, method) of every route under /api, as OpenAPI writes them."""
    return {
        (openapi_path(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }


def documented(document: dict[str, Any]) -> set[tuple[str, str]]:
    """Return (path, method) of every operation DOCUMENT describes."""
    return {(path, method) for path, ops in document["paths"].items() for method in ops}


def test_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_api_route_is_documented(app: Flask, document: dict[str, Any]) -> None:
    assert api_operations(app) == documented(document)
    assert ("/api/v1/verify", "post") in documented(document)


def test_an_undocumented_route_is_caught(tmp_path: Any) -> None:
    app = seeded_app(tmp_path)
    app.add_url_rule("/api/v1/secret", "secret", lambda: "")
    served = app.test_client().get("/api/openapi.json").get_json()
    assert api_operations(app) - documented(served) == {("/api/v1/secret", "get")}


def response_validator(
    document: dict[str, Any], path: str, method: str, media: str = "application/json"
) -> Draft202012Validator:
    """Return a validator for the 200 response of PATH and METHOD as DOCUMENT describes it."""
    schema = document["paths"][path][method]["responses"]["200"]["content"][media]["schema"]
    return Draft202012Validator({**schema, "components": document["components"]})


@pytest.mark.parametrize(
    ("method", "path", "body", "documented_path"),
    [
        (
            "post",
            "/api/v1/verify",
            {"claim": "The SCO has 10 member states.", "as_of": AS_OF},
            "/api/v1/verify",
        ),
        (
            "post",
            "/api/v1/verify/batch",
            {"claims": [{"id": "1", "claim": "The SCO has twelve member states."}]},
            "/api/v1/verify/batch",
        ),
        ("get", "/api/v1/facts?entity=sco", None, "/api/v1/facts"),
        ("get", "/api/v1/facts/sco-member-count-2024", None, "/api/v1/facts/{fact_id}"),
        ("get", "/api/v1/sources", None, "/api/v1/sources"),
        ("get", "/api/v1/sources/sco-charter", None, "/api/v1/sources/{source_id}"),
        ("get", "/api/v1/health", None, "/api/v1/health"),
    ],
)
def test_responses_match_the_document(
    client: FlaskClient,
    document: dict[str, Any],
    method: str,
    path: str,
    body: Any,
    documented_path: str,
) -> None:
    response = client.open(path, method=method.upper(), json=body)
    assert response.status_code == 200
    response_validator(document, documented_path, method).validate(response.get_json())


@pytest.mark.parametrize(
    ("path", "body", "documented_path"),
    [
        ("/api/v1/verify", {"claim": "The SCO has 10 member states."}, "/api/v1/verify"),
        (
            "/api/v1/verify/batch",
            {"claims": [{"id": "1", "claim": "The moon is cheese."}]},
            "/api/v1/verify/batch",
        ),
    ],
)
def test_claimreviews_match_the_document(
    client: FlaskClient, document: dict[str, Any], path: str, body: Any, documented_path: str
) -> None:
    response = client.post(path, json=body, headers={"Accept": "application/ld+json"})
    assert response.mimetype == "application/ld+json"
    validator = response_validator(document, documented_path, "post", "application/ld+json")
    validator.validate(response.get_json())


def test_errors_match_the_document(client: FlaskClient, document: dict[str, Any]) -> None:
    response = client.post("/api/v1/verify", json={})
    schema = document["paths"]["/api/v1/verify"]["post"]["responses"]["422"]["content"][
        "application/json"
    ]["schema"]
    Draft202012Validator({**schema, "components": document["components"]}).validate(
        response.get_json()
    )


def test_limits_come_from_the_config(tmp_path: Any) -> None:
    app = seeded_app(tmp_path, MAX_CLAIM_CHARS=77)
    served = app.test_client().get("/api/openapi.json").get_json()
    assert "up to 77 characters" in served["info"]["description"]


def test_docs_page_shows_every_operation_without_outside_assets(
    client: FlaskClient, document: dict[str, Any]
) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            assert f"{method.upper()} {path}" in page
            assert str(escape(op["summary"])) in page
    for name in document["components"]["schemas"]:
        assert f'id="schema-{name}"' in page
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page.replace('href="http://localhost', ""))
