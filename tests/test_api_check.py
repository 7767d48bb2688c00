"""POST /api/v1/check: a draft's result, its limits and errors, ClaimReview, the rate limit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from tests.apps import seeded_app
from tests.test_api_verify import error
from verifier.data.check import CheckedText
from verifier.drafts import check_draft
from verifier.extensions import Store

DRAFT = "The SCO has 12 member states.\nIt was founded in 2001. <b>Critics</b> will object."
AS_OF = "2025-08-28"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return one app for the module, drafts up to 200 characters, no rate limit to trip."""
    return seeded_app(
        tmp_path_factory.mktemp("check"), MAX_DRAFT_CHARS=200, RATELIMIT_CHECK="1000 per second"
    )


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client."""
    return app.test_client()


def test_check_returns_the_drafts_result(app: Flask, client: FlaskClient) -> None:
    response = client.post("/api/v1/check", json={"text": DRAFT, "as_of": AS_OF})
    assert response.status_code == 200
    body = response.get_json()
    with app.app_context():
        result = check_draft(Store.verifier(), DRAFT, as_of=date(2025, 8, 28))
    # No past fact check is stored: each claim says so with an empty list.
    assert body == CheckedText(result, [[] for _ in result.sentences]).to_dict()
    assert all(c["already_checked"] == [] for s in body["sentences"] for c in s["claims"])
    assert body["summary"]["already_checked"] == 0
    assert body["summary"]["verdicts"] == {"contradicted": 1, "unknown": 0, "supported": 1}
    claim = body["summary"]["ranked"][0]
    assert DRAFT[claim["start"] : claim["end"]] == claim["claim"] == "SCO has 12 member states"
    assert [s["checkable"] for s in body["sentences"]] == [True, True, False]


def test_check_defaults_as_of_to_today(client: FlaskClient) -> None:
    body = client.post("/api/v1/check", json={"text": "The SCO has 10 member states."}).get_json()
    assert body["as_of"] == date.today().isoformat()


def test_a_draft_over_the_limit_is_413_naming_the_field(client: FlaskClient) -> None:
    found = error(client.post("/api/v1/check", json={"text": "x" * 201}), 413)
    assert found["field"] == "text" and found["code"] == "too_large"
    assert "201 characters" in found["message"] and "200" in found["message"]
    assert client.post("/api/v1/check", json={"text": "x" * 200}).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": " \n\t "}, "text"),
        ({"text": ["a draft"]}, "text"),
        ({"text": DRAFT, "as_of": "2025-02-30"}, "as_of"),
        ({"text": DRAFT, "as_of": 1756339200}, "as_of"),
        ({"text": DRAFT, "claim": "x"}, "claim"),
    ],
)
def test_check_validation_names_the_field(
    client: FlaskClient, body: dict[str, Any], field: str
) -> None:
    found = error(client.post("/api/v1/check", json=body), 422)
    assert found["field"] == field
    assert found["message"].startswith(f"{field}: ")


def test_a_blank_draft_says_there_is_nothing_to_check(client: FlaskClient) -> None:
    found = error(client.post("/api/v1/check", json={"text": "   "}), 422)
    assert "nothing to check" in found["message"]


def test_check_reads_only_json(client: FlaskClient) -> None:
    assert error(client.post("/api/v1/check", data={"text": DRAFT}), 415)["code"] == (
        "unsupported_media_type"
    )
    bad = client.post("/api/v1/check", data="{", content_type="application/json")
    assert error(bad, 400)["code"] == "bad_request"


def test_check_needs_no_csrf_token(app: Flask, client: FlaskClient) -> None:
    # The pages are CSRF-protected; the JSON API uses no cookies and is exempt.
    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert client.post("/api/v1/check", json={"text": DRAFT}).status_code == 200


def test_claimreview_graph_has_one_review_per_claim(client: FlaskClient) -> None:
    plain = client.post("/api/v1/check", json={"text": DRAFT, "as_of": AS_OF}).get_json()
    response = client.post("/api/v1/check?format=claimreview", json={"text": DRAFT, "as_of": AS_OF})
    assert response.mimetype == "application/ld+json"
    assert "Accept" in response.headers["Vary"]
    graph = response.get_json()
    assert graph["@context"] == "https://schema.org"
    claims = [c for s in plain["sentences"] for c in s["claims"]]
    assert [r["identifier"] for r in graph["@graph"]] == [
        f"claim-{n}" for n in range(1, len(claims) + 1)
    ]
    assert [r["claimReviewed"] for r in graph["@graph"]] == [c["claim"] for c in claims]
    assert [r["reviewRating"]["alternateName"] for r in graph["@graph"]] == [
        c["verdict"] for c in claims
    ]
    by_accept = client.post(
        "/api/v1/check",
        json={"text": DRAFT, "as_of": AS_OF},
        headers={"Accept": "application/ld+json"},
    )
    assert by_accept.mimetype == "application/ld+json"


def test_check_is_documented_and_answers_as_documented(client: FlaskClient) -> None:
    document = client.get("/api/openapi.json").get_json()
    operation = document["paths"]["/api/v1/check"]["post"]
    assert set(operation["responses"]) >= {"200", "400", "413", "415", "422", "429"}
    for media, query in (("application/json", ""), ("application/ld+json", "?format=claimreview")):
        schema = operation["responses"]["200"]["content"][media]["schema"]
        validator = Draft202012Validator({**schema, "components": document["components"]})
        response = client.post(f"/api/v1/check{query}", json={"text": DRAFT, "as_of": AS_OF})
        validator.validate(response.get_json())
    # The documented shape refuses keys it does not name, so a new key cannot go unnoticed.
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    drifted = client.post("/api/v1/check", json={"text": DRAFT}).get_json()
    drifted["summary"]["words"] = 12
    assert not validator.is_valid(drifted)


def test_check_and_verify_share_one_rate_limit(tmp_path: Path) -> None:
    client = seeded_app(tmp_path, RATELIMIT_CHECK="2 per minute").test_client()
    assert (
        client.post("/api/v1/verify", json={"claim": "The SCO has 10 member states."}).status_code
        == 200
    )
    assert client.post("/api/v1/check", json={"text": DRAFT}).status_code == 200
    limited = client.post("/api/v1/check", json={"text": DRAFT})
    assert error(limited, 429)["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
