"""POST /api/v1/verify and /verify/batch: results, limits, validation, ClaimReview JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask, redirect, url_for
from flask.testing import FlaskClient

from tests.apps import seeded_app
from verifier.cli import main
from verifier.extensions import Store

TWELVE = "The SCO has twelve member states."
TEN = "The SCO has 10 member states."
AS_OF = "2025-08-28"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return one app for the module, with small limits and no rate limit to trip."""
    return seeded_app(
        tmp_path_factory.mktemp("verify"),
        MAX_CLAIM_CHARS=100,
        MAX_BATCH_CLAIMS=3,
        RATELIMIT_CHECK="1000 per second",
        ORGANIZATION_NAME="Desk",
        ORGANIZATION_URL="https://desk.example/",
    )


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    """Return a test client."""
    yield app.test_client()


def test_verify_returns_the_engines_result(app: Flask, client: FlaskClient) -> None:
    response = client.post("/api/v1/verify", json={"claim": TWELVE, "as_of": AS_OF})
    assert response.status_code == 200
    body = response.get_json()
    assert body["verdict"] == "contradicted"
    assert body["citations"][0]["quote"]
    with app.app_context():
        expected = Store.verifier().check(TWELVE, as_of=date(2025, 8, 28)).to_dict()
    # No past fact check is stored: the result says so with an empty list.
    assert body == {**expected, "already_checked": []}


def test_verify_defaults_as_of_to_today(client: FlaskClient) -> None:
    body = client.post("/api/v1/verify", json={"claim": TEN}).get_json()
    assert body["as_of"] == date.today().isoformat()


def test_batch_keeps_order_and_ids(client: FlaskClient) -> None:
    claims = [
        {"id": "b", "claim": TWELVE},
        {"id": "a", "claim": TEN},
        {"id": "c", "claim": "The moon is made of cheese."},
    ]
    response = client.post("/api/v1/verify/batch", json={"claims": claims, "as_of": AS_OF})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == ["b", "a", "c"]
    assert [r["verdict"] for r in results] == ["contradicted", "supported", "unknown"]
    assert [r["claim"] for r in results] == [c["claim"] for c in claims]


def error(response: Any, status: int) -> dict[str, Any]:
    """Return the error object of RESPONSE, asserting its status."""
    assert response.status_code == status, response.get_json()
    found: dict[str, Any] = response.get_json()["error"]
    return found


def test_claim_over_the_limit_is_413_naming_the_field(client: FlaskClient) -> None:
    found = error(client.post("/api/v1/verify", json={"claim": "x" * 101}), 413)
    assert found["field"] == "claim"
    assert "101 characters" in found["message"] and "100" in found["message"]
    batch = {"claims": [{"id": "1", "claim": "y" * 101}]}
    assert error(client.post("/api/v1/verify/batch", json=batch), 413)["field"] == "claims[0].claim"


def test_batch_over_the_limit_is_413(client: FlaskClient) -> None:
    claims = [{"id": str(i), "claim": TEN} for i in range(4)]
    found = error(client.post("/api/v1/verify/batch", json={"claims": claims}), 413)
    assert found["field"] == "claims"
    assert "4 claims" in found["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "claim"),
        ({"claim": ""}, "claim"),
        ({"claim": 12}, "claim"),
        ({"claim": TEN, "as_of": 1756339200}, "as_of"),
        ({"claim": TEN, "as_of": "2025-02-30"}, "as_of"),
        ({"claim": TEN, "asof": AS_OF}, "asof"),
        ({"claim": TEN, "url": "not a url"}, "url"),
    ],
)
def test_verify_validation_names_the_field(
    client: FlaskClient, body: dict[str, Any], field: str
) -> None:
    found = error(client.post("/api/v1/verify", json=body), 422)
    assert found["field"] == field
    assert found["message"].startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"claims": []}, "claims"),
        ({"claims": "x"}, "claims"),
        ({"claims": [{"claim": TEN}]}, "claims[0].id"),
        ({"claims": [{"id": "1", "claim": TEN}, {"id": "2"}]}, "claims[1].claim"),
        ({"claims": [{"id": "1", "claim": TEN}, {"id": "1", "claim": TWELVE}]}, "claims"),
    ],
)
def test_batch_validation_names_the_field(
    client: FlaskClient, body: dict[str, Any], field: str
) -> None:
    assert error(client.post("/api/v1/verify/batch", json=body), 422)["field"] == field


def test_body_must_be_an_object(client: FlaskClient) -> None:
    found = error(client.post("/api/v1/verify", json=[TEN]), 422)
    assert found["field"] is None


def claim_review_of(response: Any) -> dict[str, Any]:
    """Return the ClaimReview of RESPONSE, asserting it is JSON-LD."""
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    review: dict[str, Any] = response.get_json()
    assert review["@context"] == "https://schema.org"
    return review


def test_claimreview_by_query_parameter(client: FlaskClient) -> None:
    review = claim_review_of(
        client.post(
            "/api/v1/verify?format=claimreview",
            json={"claim": TWELVE, "as_of": AS_OF, "url": "https://news.example/story"},
        )
    )
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == TWELVE
    rating = review["reviewRating"]
    assert rating["alternateName"] == "contradicted"
    assert (rating["ratingValue"], rating["worstRating"], rating["bestRating"]) == (1, 1, 5)
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "appearance": [{"@type": "CreativeWork", "url": "https://news.example/story"}],
    }
    assert review["author"] == {
        "@type": "Organization",
        "name": "Desk",
        "url": "https://desk.example/",
    }
    assert date.fromisoformat(review["datePublished"]) == date.today()
    assert review["url"].startswith("http://127.0.0.1:5000/facts/sco-member-count")


def test_claimreview_urls_come_from_the_public_url_not_the_host_header(
    client: FlaskClient,
) -> None:
    response = client.post(
        "/api/v1/verify?format=claimreview",
        json={"claim": "The SCO has 10 member states."},
        headers={"Host": "evil.example"},
    )
    assert response.get_json()["url"].startswith("http://127.0.0.1:5000/facts/")


def test_a_redirect_never_names_the_host_header(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    # Werkzeug builds absolute redirects (a missing trailing slash, url_for(_external=True))
    # from the Host header; the app makes them relative.
    app.add_url_rule("/away", "away", lambda: redirect(url_for("check.index", _external=True)))
    response = app.test_client().get("/away", headers={"Host": "evil.example"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_claimreview_by_accept_header(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/verify",
        json={"claim": TEN, "as_of": AS_OF},
        headers={"Accept": "application/ld+json"},
    )
    review = claim_review_of(response)
    assert review["reviewRating"]["alternateName"] == "supported"
    assert review["reviewRating"]["ratingValue"] == 5
    assert review["itemReviewed"] == {"@type": "Claim"}
    assert "Accept" in response.headers["Vary"]


def test_unknown_verdict_as_claimreview(client: FlaskClient) -> None:
    review = claim_review_of(
        client.post(
            "/api/v1/verify?format=claimreview", json={"claim": "The moon is made of cheese."}
        )
    )
    assert review["reviewRating"]["alternateName"] == "unknown"
    assert review["reviewRating"]["ratingValue"] == 3


def test_batch_as_claimreview_graph(client: FlaskClient) -> None:
    claims = [{"id": "x", "claim": TEN}, {"id": "y", "claim": TWELVE, "url": "https://a.example/"}]
    graph = claim_review_of(
        client.post(
            "/api/v1/verify/batch?format=claimreview", json={"claims": claims, "as_of": AS_OF}
        )
    )["@graph"]
    assert [(r["identifier"], r["reviewRating"]["alternateName"]) for r in graph] == [
        ("x", "supported"),
        ("y", "contradicted"),
    ]
    assert graph[1]["itemReviewed"]["appearance"][0]["url"] == "https://a.example/"


def test_unknown_format_is_422(client: FlaskClient) -> None:
    found = error(client.post("/api/v1/verify?format=xml", json={"claim": TEN}), 422)
    assert found["field"] == "format"


@pytest.mark.parametrize(
    "claim",
    [TWELVE, TEN, "The SCO was not founded in 1999.", "The SCO has a secretariat in Beijing."],
)
def test_cli_and_api_give_the_same_result(app: Flask, client: FlaskClient, claim: str) -> None:
    cli = CliRunner().invoke(
        main,
        ["--database-url", app.config["DATABASE_URL"], "check", claim, "--as-of", AS_OF, "--json"],
    )
    assert cli.exit_code == 0, cli.output
    api = client.post("/api/v1/verify", json={"claim": claim, "as_of": AS_OF}).get_json()
    assert json.loads(cli.stdout) == api


def test_verify_lists_the_parts_of_a_claim(client: FlaskClient) -> None:
    claim = "The SCO was founded in 2001, and it has 12 member states."
    body = client.post("/api/v1/verify", json={"claim": claim, "as_of": AS_OF}).get_json()
    assert body["verdict"] == "contradicted"
    assert [(p["text"], p["verdict"]) for p in body["parts"]] == [
        ("The SCO was founded in 2001", "supported"),
        ("and it has 12 member states", "contradicted"),
    ]
    for part in body["parts"]:
        assert claim[part["start"] : part["end"]] == part["text"]
        assert part["citations"] and part["explanation"]


def test_the_openapi_document_describes_the_parts(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    parts = schemas["CheckedClaim"]["properties"]["parts"]
    assert parts["type"] == "array"
    assert {"text", "start", "end", "verdict", "citations"} <= set(
        schemas["PartResult"]["properties"]
    )
