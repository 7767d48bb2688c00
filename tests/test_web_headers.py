"""Security headers on every response, and no inline script in any template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from tests.apps import seeded_app

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return one app for the module."""
    return seeded_app(tmp_path_factory.mktemp("headers"))


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/facts", 200),
        ("GET", "/api/docs", 200),
        ("GET", "/api/v1/health", 200),
        ("POST", "/api/v1/verify", 415),
        ("GET", "/api/v1/nothing", 404),
        ("GET", "/nothing", 404),
    ],
)
def test_every_response_carries_the_headers(
    app: Flask, method: str, path: str, status: int
) -> None:
    response = app.test_client().open(path, method=method)
    assert response.status_code == status
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script(template: Path) -> None:
    text = template.read_text()
    # A script element must load a file; event-handler attributes are inline script too.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text, re.IGNORECASE)
    assert not re.search(r"\son[a-z]+\s*=", text, re.IGNORECASE)
    assert "javascript:" not in text.lower()


def test_the_api_has_no_session_and_the_pages_do(app: Flask) -> None:
    client = app.test_client()
    client.set_cookie("session", "not-a-signed-session")
    answer = client.post("/api/v1/verify", json={"claim": "The SCO was founded in 2001."})
    # The API neither reads nor sets the cookie: a garbled one changes nothing.
    assert answer.status_code == 200 and "Set-Cookie" not in answer.headers
    page = app.test_client().get("/")
    assert "session=" in page.headers.get("Set-Cookie", "")  # the form's CSRF token
