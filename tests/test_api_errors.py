"""Every error under /api has one JSON shape: {"error": {status, code, message, field}}."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask, abort
from werkzeug.test import TestResponse

from tests.apps import seeded_app


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """Return an app on a fresh store, with a low rate limit for the 429 case."""
    return seeded_app(tmp_path, RATELIMIT_CHECK="1 per minute", MAX_CONTENT_LENGTH=1000)


def error_of(response: TestResponse, status: int) -> dict[str, Any]:
    """Assert RESPONSE is a JSON error of STATUS in the shared shape; return its error object."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "code", "message", "field"}
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and len(error["message"]) > 10
    return error


def test_400_names_the_json_problem(app: Flask) -> None:
    response = app.test_client().post(
        "/api/v1/verify", data="{not json", content_type="application/json"
    )
    error = error_of(response, 400)
    assert error["code"] == "bad_request"
    assert "not valid JSON" in error["message"]


@pytest.mark.parametrize(("status", "code"), [(401, "unauthorized"), (403, "forbidden")])
def test_401_and_403_from_any_api_view(app: Flask, status: int, code: str) -> None:
    # No route refuses callers yet; a view that does gets the same shape.
    app.add_url_rule("/api/v1/guarded", "guarded", lambda: abort(status))
    error = error_of(app.test_client().get("/api/v1/guarded"), status)
    assert error["code"] == code


def test_404_for_an_unknown_route_and_an_unknown_fact(app: Flask) -> None:
    client = app.test_client()
    error = error_of(client.get("/api/v1/nothing-here"), 404)
    assert error["code"] == "not_found"
    assert "/api/openapi.json" in error["message"]
    error = error_of(client.get("/api/v1/facts/no-such-fact"), 404)
    assert "'no-such-fact'" in error["message"]


def test_405_says_which_method_to_use(app: Flask) -> None:
    response = app.test_client().get("/api/v1/verify")
    error = error_of(response, 405)
    assert error["code"] == "method_not_allowed"
    assert "POST" in error["message"]
    assert "POST" in response.headers["Allow"]


def test_413_for_a_body_over_max_content_length(app: Flask) -> None:
    response = app.test_client().post("/api/v1/verify", json={"claim": "x" * 2000})
    error = error_of(response, 413)
    assert error["code"] == "too_large"
    assert "1000 bytes" in error["message"]


def test_415_for_a_body_that_is_not_json(app: Flask) -> None:
    response = app.test_client().post("/api/v1/verify", data={"claim": "The SCO has 10 members."})
    error = error_of(response, 415)
    assert error["code"] == "unsupported_media_type"
    assert "Content-Type: application/json" in error["message"]


def test_422_names_the_failing_field(app: Flask) -> None:
    response = app.test_client().post(
        "/api/v1/verify", json={"claim": "The SCO has 10 members.", "as_of": "28/08/2025"}
    )
    error = error_of(response, 422)
    assert error["code"] == "invalid"
    assert error["field"] == "as_of"
    assert "YYYY-MM-DD" in error["message"]


def test_429_with_retry_after(app: Flask) -> None:
    client = app.test_client()
    body = {"claim": "The SCO has 10 members."}
    assert client.post("/api/v1/verify", json=body).status_code == 200
    response = client.post("/api/v1/verify", json=body)
    error = error_of(response, 429)
    assert error["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0


def test_500_hides_the_exception(app: Flask) -> None:
    def boom() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/v1/boom", "boom", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    error = error_of(app.test_client().get("/api/v1/boom"), 500)
    assert error["code"] == "internal_error"
    assert "secret" not in error["message"]


def test_pages_keep_html_errors(app: Flask) -> None:
    response = app.test_client().get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
