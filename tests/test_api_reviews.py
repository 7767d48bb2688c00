"""Past fact checks through the API: import with a token, search, and already_checked on results."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.apps import app_on, token_header
from verifier import extensions
from verifier.extensions import Store
from verifier.reviews.match import ALREADY_CHECKED
from verifier.reviews.read import read_reviews
from verifier.store.reviews import write_reviews

DATA = Path(__file__).parent / "data" / "reviews"
RECORDS = [
    json.loads(line)
    for line in (DATA / "past-checks.jsonl").read_text(encoding="utf-8").splitlines()
]
GRAPH = json.loads((DATA / "claimreview-graph.json").read_text(encoding="utf-8"))
GOLD = "The Golden Gate Bridge is painted gold."


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """Return an app on a seeded store, with no rate limit to trip."""
    yield from app_on(database_url)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    """Return the header of a valid token named desk."""
    return token_header(app)


def post(client: FlaskClient, auth: dict[str, str], **body: Any) -> Any:
    """Post an import of BODY (the JSON Lines records unless said otherwise)."""
    return client.post(
        "/api/v1/reviews", json={"format": "jsonl", "content": RECORDS, **body}, headers=auth
    )


def page(client: FlaskClient, text: str) -> str:
    """Check TEXT on the page, as an editor's browser posts the form, and return the page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").get_data(as_text=True))
    assert found is not None
    data = {"text": text, "as_of": "2025-08-28", "csrf_token": found.group(1)}
    return client.post("/", data=data).get_data(as_text=True)


def test_importing_needs_a_token(client: FlaskClient) -> None:
    response = client.post("/api/v1/reviews", json={"format": "jsonl", "content": RECORDS})
    assert response.status_code == 401
    assert client.get("/api/v1/reviews", query_string={"q": GOLD}).get_json()["reviews"] == 0


def test_an_import_is_written_audited_and_idempotent(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    response = post(client, auth)
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert (report["new"], report["updated"], report["unchanged"]) == (8, 0, 0)
    assert report["ids"][0] == "pc-bridge-gold" and report["skipped"] == []
    again = post(client, auth).get_json()
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 8)
    entries = client.get("/api/v1/audit", headers=auth).get_json()["entries"]
    assert len(entries) == 8
    assert {(e["kind"], e["action"], e["token"]) for e in entries} == {("review", "create", "desk")}
    stored = client.get("/api/v1/reviews/pc-bridge-gold").get_json()
    assert (stored["rating"], stored["verdict"], stored["origin"]) == ("False", "false", "api:desk")


@pytest.mark.parametrize(
    "body",
    [
        {"format": "claimreview", "content": GRAPH},
        {"format": "claimreview", "content": json.dumps(GRAPH)},
        {"content": GRAPH["@graph"]},
        {"format": "claimreview", "content": GRAPH["@graph"][0]},
    ],
    ids=["graph", "graph-as-text", "list", "object"],
)
def test_claimreview_imports_in_each_shape(
    client: FlaskClient, auth: dict[str, str], body: dict[str, Any]
) -> None:
    response = client.post("/api/v1/reviews", json=body, headers=auth)
    assert response.status_code == 200, response.get_json()
    first = "https://desk.example/checks/tokyo-population"
    assert response.get_json()["ids"][0] == first
    # An id that is a URL is read back under its own path.
    shown = client.get(f"/api/v1/reviews/{first}").get_json()
    assert shown["publisher"] == "Desk Checks" and shown["published"] == "2025-02-03"


def test_jsonl_imports_as_text_too(client: FlaskClient, auth: dict[str, str]) -> None:
    text = "\n".join(json.dumps(r) for r in RECORDS)
    response = post(client, auth, content=text)
    assert response.status_code == 200 and response.get_json()["new"] == 8


def test_a_bad_record_writes_nothing_unless_skip_bad(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    records = [*RECORDS[:2], {"id": "x", "claim": "A claim.", "url": "ftp://nope"}, {"id": "y"}]
    response = post(client, auth, content=records)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["field"] == "content"
    assert "2 bad record(s); nothing was written" in error["message"]
    assert "line 3: url 'ftp://nope'" in error["message"]
    assert 'line 4: missing field "claim"' in error["message"]
    assert client.get("/api/v1/reviews", query_string={"q": GOLD}).get_json()["reviews"] == 0
    skipped = post(client, auth, content=records, skip_bad=True).get_json()
    assert skipped["new"] == 2 and len(skipped["skipped"]) == 2


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"format": "claimreview", "content": {"@type": "Article"}}, 422),
        ({"format": "csv", "content": "a,b"}, 422),
        ({"format": "jsonl"}, 422),
        ({"format": "jsonl", "content": []}, 422),
        ({"format": "jsonl", "content": RECORDS, "extra": 1}, 422),
    ],
)
def test_bodies_that_are_no_import_are_refused(
    client: FlaskClient, auth: dict[str, str], body: dict[str, Any], status: int
) -> None:
    response = client.post("/api/v1/reviews", json=body, headers=auth)
    assert response.status_code == status
    assert response.get_json()["error"]["message"]


def test_search_lists_the_closest_past_checks(client: FlaskClient, auth: dict[str, str]) -> None:
    post(client, auth)
    found = client.get(
        "/api/v1/reviews", query_string={"q": "can you really see the Great Wall from space?"}
    ).get_json()
    assert found["reviews"] == 8 and found["threshold"] == ALREADY_CHECKED
    assert found["matches"][0]["id"] == "pc-great-wall-space"
    assert found["matches"][0]["rating"] == "Mostly False"
    top = client.get("/api/v1/reviews", query_string={"q": GOLD, "top": 1}).get_json()
    assert [m["id"] for m in top["matches"]] == ["pc-bridge-gold"]
    dated = {"q": GOLD, "top": 1, "date": "2024-03-02"}
    assert client.get("/api/v1/reviews", query_string=dated).get_json() == {
        **top,
        "matches": top["matches"],
    }


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": "  "},
        {"q": GOLD, "top": 0},
        {"q": GOLD, "top": "x"},
        {"q": GOLD, "date": "May"},
        {"q": GOLD, "date": "2024-02-31"},
    ],
)
def test_a_search_without_a_text_is_refused(client: FlaskClient, query: dict[str, Any]) -> None:
    response = client.get("/api/v1/reviews", query_string=query)
    assert response.status_code == 422
    assert response.get_json()["error"]["message"]


def test_an_unknown_review_is_404(client: FlaskClient) -> None:
    response = client.get("/api/v1/reviews/nope")
    assert response.status_code == 404
    assert "GET /api/v1/reviews?q=" in response.get_json()["error"]["message"]


def test_verify_and_batch_carry_already_checked(client: FlaskClient, auth: dict[str, str]) -> None:
    assert client.post("/api/v1/verify", json={"claim": GOLD}).get_json()["already_checked"] == []
    post(client, auth)
    body = client.post("/api/v1/verify", json={"claim": GOLD}).get_json()
    past = body["already_checked"]
    assert [p["id"] for p in past] == ["pc-bridge-gold"]
    assert past[0]["score"] >= ALREADY_CHECKED and past[0]["publisher"] == "Example Checks"
    batch = client.post(
        "/api/v1/verify/batch",
        json={
            "claims": [{"id": "a", "claim": GOLD}, {"id": "b", "claim": "The SCO has 10 members."}]
        },
    ).get_json()["results"]
    assert [len(r["already_checked"]) for r in batch] == [1, 0]


def test_a_claim_that_only_names_the_same_thing_is_not_already_checked(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    post(client, auth)
    claim = "The Golden Gate Bridge is in San Francisco."
    found = client.get("/api/v1/reviews", query_string={"q": claim}).get_json()["matches"]
    # The closest, and close enough by the score: only its name is in common.
    assert found[0]["id"] == "pc-bridge-gold" and found[0]["score"] >= ALREADY_CHECKED
    body = client.post("/api/v1/verify", json={"claim": claim}).get_json()
    assert body["already_checked"] == []


def test_check_carries_already_checked_for_each_claim(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    post(client, auth)
    text = f"The SCO was founded in 2001. {GOLD} Lightning never strikes the same place twice."
    body = client.post("/api/v1/check", json={"text": text, "as_of": "2025-08-28"}).get_json()
    checked = {s["text"]: [p["id"] for p in s["already_checked"]] for s in body["sentences"]}
    assert checked == {
        "The SCO was founded in 2001.": [],
        GOLD: ["pc-bridge-gold"],
        "Lightning never strikes the same place twice.": ["pc-lightning"],
    }
    assert body["summary"]["already_checked"] == 2
    # A claim carries its sentence's past checks: here none, the store's fact decides it.
    founded = body["sentences"][0]["claims"][0]
    assert founded["verdict"] == "supported" and founded["already_checked"] == []


def test_headings_and_captions_are_not_matched(client: FlaskClient, auth: dict[str, str]) -> None:
    post(client, auth)
    text = "Lightning Never Strikes Twice\n\nThe SCO was founded in 2001.\n"
    body = client.post("/api/v1/check", json={"text": text, "as_of": "2025-08-28"}).get_json()
    assert [s["already_checked"] for s in body["sentences"]] == [[], []]


def test_the_page_says_already_checked_by_whom_with_a_link(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    post(client, auth)
    shown = page(client, GOLD)
    assert "Already checked by <strong>Example Checks</strong> (2024-03-01)" in shown
    assert 'href="https://checks.example/bridge-gold"' in shown
    assert "rated <strong>“False”</strong>" in shown
    assert "<strong>1</strong> already checked" in shown


def test_the_page_lists_sentences_the_store_cannot_check_but_were_checked_before(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    post(client, auth)
    text = "The SCO was founded in 2001. Goldfish have a memory of three seconds."
    shown = page(client, text)
    assert "Checked before by fact-checkers" in shown
    assert "“Goldfish have a memory of three seconds.”" in shown
    assert "Already checked by <strong>Science Checks</strong>" in shown


def test_a_large_set_of_reviews_is_indexed_anew_in_the_background(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every set counts as large here: checks go on against the old index while one is made.
    monkeypatch.setattr(extensions, "BACKGROUND_INDEX_REVIEWS", 0)

    def past() -> list[str]:
        body = client.post("/api/v1/verify", json={"claim": GOLD}).get_json()
        return [p["id"] for p in body["already_checked"]]

    assert past() == []
    records, _bad = read_reviews("\n".join(map(json.dumps, RECORDS)), format="jsonl")
    write_reviews(Store.engine(app), records, origin="file:test")
    answers = [past()]
    deadline = time.monotonic() + 30
    while not answers[-1] and time.monotonic() < deadline:
        time.sleep(0.05)
        answers.append(past())
    assert answers[0] == []  # the index before, until the new one is ready
    assert answers[-1] == ["pc-bridge-gold"]
