"""Rate limits per client on the check endpoints: in memory by default, in Redis when set."""

from __future__ import annotations

import logging
import os
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from redis import Redis
from redis.exceptions import RedisError

from tests.apps import seeded_app
from tests.conftest import missing

REDIS_URL = os.environ.get("VERIFIER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CLAIM = {"claim": "The SCO has 10 member states."}


def limited_app(tmp_path: Path, **config: Any) -> Flask:
    """Return an app allowing two checks a minute per client."""
    return seeded_app(tmp_path, RATELIMIT_CHECK="2 per minute", **config)


def exhaust(app: Flask, address: str = "10.0.0.1") -> Any:
    """Spend the limit of ADDRESS and return the answer to the request past it."""
    client = app.test_client()
    environ = {"REMOTE_ADDR": address}
    for _ in range(2):
        assert client.post("/api/v1/verify", json=CLAIM, environ_base=environ).status_code == 200
    return client.post(
        "/api/v1/verify/batch", environ_base=environ, json={"claims": [{"id": "1", **CLAIM}]}
    )


def assert_rate_limited(response: Any) -> None:
    """Assert RESPONSE is a 429 in the JSON error shape, with Retry-After."""
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert "2 per 1 minute" in response.get_json()["error"]["message"]
    assert 0 < int(response.headers["Retry-After"]) <= 60


def test_checks_past_the_limit_are_429(tmp_path: Path) -> None:
    app = limited_app(tmp_path)
    assert_rate_limited(exhaust(app))


def test_limits_are_per_client(tmp_path: Path) -> None:
    app = limited_app(tmp_path)
    exhaust(app, "10.0.0.1")
    other = app.test_client().post(
        "/api/v1/verify", json=CLAIM, environ_base={"REMOTE_ADDR": "10.0.0.2"}
    )
    assert other.status_code == 200


def test_browsing_is_not_limited(tmp_path: Path) -> None:
    app = limited_app(tmp_path)
    exhaust(app)
    client = app.test_client()
    environ = {"REMOTE_ADDR": "10.0.0.1"}
    assert all(
        client.get("/api/v1/facts", environ_base=environ).status_code == 200 for _ in range(5)
    )


def test_document_lists_429_on_limited_routes_only(tmp_path: Path) -> None:
    paths = limited_app(tmp_path).test_client().get("/api/openapi.json").get_json()["paths"]
    assert "429" in paths["/api/v1/verify"]["post"]["responses"]
    assert "429" not in paths["/api/v1/facts"]["get"]["responses"]


def test_unreachable_redis_falls_back_to_memory_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = limited_app(tmp_path, RATELIMIT_STORAGE_URL="redis://127.0.0.1:1/0")
    with caplog.at_level(logging.WARNING, logger="verifier.api.limits"):
        assert_rate_limited(exhaust(app))
    assert "Rate limit storage unreachable" in caplog.text


def test_unreachable_redis_limits_each_worker_to_its_share(tmp_path: Path) -> None:
    app = seeded_app(
        tmp_path,
        RATELIMIT_CHECK="4 per minute",
        RATELIMIT_STORAGE_URL="redis://127.0.0.1:1/0",
        SERVE_WORKERS=2,
    )
    client = app.test_client()
    answers = [client.post("/api/v1/verify", json=CLAIM).status_code for _ in range(4)]
    assert answers == [200, 200, 429, 429]


def test_each_worker_in_memory_allows_its_share(tmp_path: Path) -> None:
    # Two workers, each counting in its own memory: two each, so four in all at most.
    app = seeded_app(tmp_path, RATELIMIT_CHECK="4 per minute", SERVE_WORKERS=2)
    client = app.test_client()
    answers = [client.post("/api/v1/verify", json=CLAIM).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert (
        "2 per 1 minute" in client.post("/api/v1/verify", json=CLAIM).get_json()["error"]["message"]
    )


def test_a_batch_costs_one_unit_per_claim(tmp_path: Path) -> None:
    client = seeded_app(tmp_path, RATELIMIT_CHECK="3 per minute").test_client()
    batch = {"claims": [{"id": str(i), **CLAIM} for i in range(3)]}
    assert client.post("/api/v1/verify/batch", json=batch).status_code == 200
    assert client.post("/api/v1/verify", json=CLAIM).status_code == 429


def test_a_batch_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    client = seeded_app(tmp_path, RATELIMIT_CHECK="3 per minute").test_client()
    batch = {"claims": [{"id": str(i), **CLAIM} for i in range(4)]}
    assert client.post("/api/v1/verify/batch", json=batch).status_code == 429


def test_a_text_costs_one_unit_per_claim_length(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, RATELIMIT_CHECK="3 per minute", MAX_CLAIM_CHARS=100)
    client = app.test_client()
    text = "The SCO has 10 member states. " * 7  # 210 characters: three units
    assert client.post("/api/v1/check", json={"text": text}).status_code == 200
    assert client.post("/api/v1/check", json={"text": "The SCO"}).status_code == 429


def test_the_check_form_shares_the_limit_and_says_so(tmp_path: Path) -> None:
    client = limited_app(tmp_path).test_client()
    assert client.get("/").status_code == 200
    for expected in (200, 200, 429):
        page = client.get("/").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        response = client.post(
            "/", data={"text": "The SCO has 10 members.", **{"csrf_token": token[1]}}
        )
        assert response.status_code == expected
    page = response.get_data(as_text=True)
    assert "Too many checks from this address" in page and "The SCO has 10 members." in page
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert client.get("/").status_code == 200  # browsing is not limited


def require_redis() -> None:
    """Skip the test (fail it in CI) when Redis does not answer at REDIS_URL."""
    client = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except RedisError as exc:
        missing(f"Redis not reachable at {REDIS_URL}: {exc}")
    finally:
        client.close()


def test_limits_shared_through_redis(tmp_path: Path) -> None:
    require_redis()
    # A fresh prefix, so counts left by earlier runs do not count here.
    config = {"RATELIMIT_STORAGE_URL": REDIS_URL, "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex}
    first = limited_app(tmp_path, **config)
    exhaust(first)
    # A second app (another worker) sees the same counts.
    second = limited_app(tmp_path, **config)
    response = second.test_client().post(
        "/api/v1/verify", json=CLAIM, environ_base={"REMOTE_ADDR": "10.0.0.1"}
    )
    assert_rate_limited(response)
