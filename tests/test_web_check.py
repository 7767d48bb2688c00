"""The check page at /: the form, the marked draft, citations, errors, CSRF and ClaimReview."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import extruct
import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from tests.apps import seeded_app
from verifier.data.check import CheckRequest, check_text
from verifier.web.check import jsonld_script

DRAFT = "The SCO has 12 member states.\nIt was founded in 2001."
# The sources disagree on the Charter's date: one side supports the claim, the other decides.
DISPUTED = "In 2002, the six leaders met in St. Petersburg and signed the SCO Charter on July 7."
AS_OF = "2025-08-28"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return one app for the module, drafts up to 300 characters."""
    return seeded_app(
        tmp_path_factory.mktemp("check-page"),
        MAX_DRAFT_CHARS=300,
        RATELIMIT_CHECK="1000 per second",
    )


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client, its session cookie kept between requests."""
    return app.test_client()


def token(client: FlaskClient) -> str:
    """GET the page and return its form's CSRF token."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").get_data(as_text=True))
    assert found is not None
    return found.group(1)


def post(client: FlaskClient, text: str, as_of: str = AS_OF, status: int = 200) -> str:
    """Submit the form as a browser does, asserting STATUS; return the page."""
    response = client.post("/", data={"text": text, "as_of": as_of, "csrf_token": token(client)})
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def textarea(page: str) -> str:
    """Return the text the page's form holds, unescaped as a browser reads it."""
    found = re.search(r"<textarea[^>]*>\n(.*?)</textarea>", page, re.DOTALL)
    assert found is not None
    return (
        found.group(1)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", '"')
        .replace("&#39;", "'")
        .replace("&amp;", "&")
    )


def test_home_is_the_check_form_with_the_store_summary(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<form method="post" action="/#result" id="check-form">' in page
    assert 'name="csrf_token"' in page and '<textarea id="text" name="text"' in page
    assert 'type="date" id="as_of" name="as_of"' in page
    summary = client.get("/api/v1/health").get_json()["store"]
    assert f"The fact store holds {summary['facts']} facts about {summary['entities']}" in page
    assert 'class="result"' not in page and "application/ld+json" not in page


def test_result_page_shows_what_the_api_returns(app: Flask, client: FlaskClient) -> None:
    page = post(client, DRAFT)
    api = client.post("/api/v1/check", json={"text": DRAFT, "as_of": AS_OF}).get_json()
    with app.test_request_context():
        shared = check_text(CheckRequest(text=DRAFT, as_of=date(2025, 8, 28)))
    assert shared.to_dict() == api
    for verdict, count in api["summary"]["verdicts"].items():
        assert re.search(rf"<strong>{count}</strong> {verdict}</li>", page)
    claims = [c for s in api["sentences"] for c in s["claims"]]
    assert [c["verdict"] for c in claims] == ["contradicted", "supported"]
    for number, claim in enumerate(claims, start=1):
        verdict = claim["verdict"]
        assert f'<mark class="v-{verdict}">{escape(claim["claim"])}</mark>' in page
        # Colour, icon and word: the badge after the claim links to its card.
        icon = "✗" if verdict == "contradicted" else "✓"
        assert re.search(
            rf'<a class="badge v-{verdict}" href="#claim-{number}"[^>]*>'
            rf"{icon} {number} {verdict}</a>",
            page,
        )
        card = re.search(
            rf'<details class="claim v-{verdict}" id="claim-{number}"[^>]*>(.*?)</details>',
            page,
            re.DOTALL,
        )
        assert card is not None
        assert str(escape(claim["explanation"])) in card.group(1)
        for cited in claim["citations"]:
            assert f"<strong>{escape(cited['value'])}</strong>" in card.group(1)
            assert f"“{escape(cited['quote'])}”" in card.group(1)
            assert str(escape(cited["source"]["title"])) in card.group(1)
            assert f">{cited['source']['tier']}</span>" in card.group(1)
            assert f'href="/facts/{cited["fact_id"]}"' in card.group(1)
    assert textarea(page) == DRAFT


def test_contradicted_claims_are_listed_first(client: FlaskClient) -> None:
    page = post(client, "The SCO was founded in 2001. The SCO has 12 member states.")
    cards = re.findall(r'<details class="claim v-(\w+)" id="claim-(\d+)"( open)?>', page)
    # What needs the editor starts open; a supported claim opens on demand.
    assert cards == [("contradicted", "2", " open"), ("supported", "1", "")]


def test_a_disputed_claim_shows_every_side(client: FlaskClient) -> None:
    page = post(client, DISPUTED, as_of="2025-08-25")
    card = re.search(r'<details class="claim v-contradicted"[^>]*>(.*?)</details>', page, re.DOTALL)
    assert card is not None
    assert "sources disagree" in card.group(1)
    assert "✓ Supports the claim" in card.group(1) and "✗ Contradicts the claim" in card.group(1)


def test_markup_in_a_draft_is_escaped(client: FlaskClient) -> None:
    draft = '<script>alert("x")</script><img src=x onerror=alert(1)>\nThe SCO has 12 member states.'
    page = post(client, draft)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert textarea(page) == draft


def test_the_page_runs_no_inline_script(client: FlaskClient) -> None:
    response = client.post("/", data={"text": DRAFT, "as_of": AS_OF, "csrf_token": token(client)})
    policy = dict(
        d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    scripts = re.findall(r"<script\b[^>]*>", response.get_data(as_text=True))
    # A file of our own, and the JSON-LD data block, which browsers never run.
    assert scripts == [
        '<script src="/static/check.js" defer>',
        '<script type="application/ld+json">',
    ]
    assert client.get("/static/check.js").status_code == 200
    assert client.get("/static/site.css").mimetype == "text/css"


@pytest.mark.parametrize(
    ("text", "as_of", "status", "message"),
    [
        ("", AS_OF, 400, "There is nothing to check: paste a claim or a draft."),
        (" \r\n\t", AS_OF, 400, "There is nothing to check: paste a claim or a draft."),
        (
            "The SCO has 10 member states. " * 11,
            AS_OF,
            413,
            "The text is 330 characters long; the limit is 300. Check it in parts.",
        ),
        (DRAFT, "2025-02-30", 400, "“2025-02-30” is not a date the check can use"),
        (DRAFT, "28/08/2025", 400, "“28/08/2025” is not a date the check can use"),
    ],
)
def test_bad_input_gets_a_message_and_keeps_the_form(
    client: FlaskClient, text: str, as_of: str, status: int, message: str
) -> None:
    page = post(client, text, as_of=as_of, status=status)
    found = re.search(r'<p class="form-error[^"]*" role="alert" id="([\w-]+)"[^>]*>(.*?)</p>', page)
    assert found is not None and found.group(2).startswith(str(escape(message)))
    assert textarea(page) == text
    assert f'name="as_of" value="{as_of}"' in page
    # The message is tied to the field it is about, and only that field is marked invalid.
    invalid = re.findall(r'<(?:input|textarea)[^>]* id="(\w+)"[^>]*aria-invalid="true"', page)
    invalid += re.findall(r'<(?:input|textarea)[^>]*aria-invalid="true"[^>]* id="(\w+)"', page)
    field = "as_of" if "not a date" in message else "text"
    assert set(invalid) == {field}
    assert re.search(rf'id="{field}"[^>]*aria-describedby="[^"]*{found.group(1)}', page)
    assert 'class="result"' not in page


def test_a_form_past_the_body_limit_gets_a_message(tmp_path: Path) -> None:
    client = seeded_app(tmp_path, MAX_CONTENT_LENGTH=1000).test_client()
    response = client.post("/", data={"text": "x" * 2000, "csrf_token": token(client)})
    assert response.status_code == 413
    assert "larger than the 1,000 bytes a form may carry" in response.get_data(as_text=True)


def test_an_empty_date_means_today(client: FlaskClient) -> None:
    page = post(client, DRAFT, as_of="")
    assert f"read as of {date.today().isoformat()}" in page


def test_a_post_without_its_csrf_token_is_refused(client: FlaskClient) -> None:
    client.get("/")
    response = client.post("/", data={"text": DRAFT, "as_of": AS_OF})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "nothing was checked" in page and textarea(page) == DRAFT
    assert 'class="result"' not in page
    forged = client.post("/", data={"text": DRAFT, "csrf_token": "forged"})
    assert forged.status_code == 400


def test_claimreview_is_embedded_as_a_crawler_reads_it(client: FlaskClient) -> None:
    page = post(client, DRAFT)
    data: dict[str, Any] = extruct.extract(page, base_url="http://localhost/", syntaxes=["json-ld"])
    [block] = data["json-ld"]
    assert block["@context"] == "https://schema.org"
    reviews = block["@graph"]
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["contradicted", "supported"]
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] and review["url"].startswith("http://127.0.0.1:5000/facts/")
        rating = review["reviewRating"]
        assert {"ratingValue", "bestRating", "worstRating", "alternateName"} <= set(rating)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["author"]["name"] == "Claim verifier"
        date.fromisoformat(review["datePublished"])
    # The same reviews the API gives; the publication date is left out in case a day passed.
    api = client.post(
        "/api/v1/check?format=claimreview", json={"text": DRAFT, "as_of": AS_OF}
    ).get_json()
    for graph in (api, block):
        for review in graph["@graph"]:
            del review["datePublished"]
    assert block == api


def test_jsonld_cannot_close_its_script_element() -> None:
    html = str(jsonld_script({"claimReviewed": "</script><script>alert(1)</script> & 'x'"}))
    assert html.count("</script>") == 1 and html.endswith("</script>")
    assert "<script>alert" not in html and "&" not in html.removeprefix("<script").split(">", 1)[1]
    assert extruct.extract(html, syntaxes=["json-ld"])["json-ld"][0]["claimReviewed"] == (
        "</script><script>alert(1)</script> & 'x'"
    )
