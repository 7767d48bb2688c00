"""Several `verifier serve` instances on one PostgreSQL and one Redis act as one service."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from tests.conftest import empty_postgres
from tests.test_api_limits import REDIS_URL, require_redis
from tests.test_api_writes import ENTITY, FACT, SOURCE
from tests.test_serve import serving

CLAIM = {"claim": "The Baltic Rail Alliance was founded in 2005.", "as_of": "2025-08-28"}
# How many checks a client may make, counted across both instances.
LIMIT = 40


def test_two_instances_share_the_store_and_the_rate_limit(tmp_path: Path) -> None:
    require_redis()
    url = empty_postgres()
    settings = {
        "VERIFIER_RATELIMIT_STORAGE_URL": REDIS_URL,
        # A fresh prefix, so counts left by earlier runs do not count here.
        "VERIFIER_RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        # Per day: a fixed window that a test run does not cross (bar at midnight UTC).
        "VERIFIER_RATELIMIT_CHECK": f"{LIMIT} per day",
    }
    with (
        serving(url, tmp_path / "one", token="one", **settings) as one,
        serving(url, tmp_path / "two", token="two", **settings) as two,
    ):
        assert two.request("POST", "/api/v1/verify", CLAIM)[1]["verdict"] == "unknown"
        sent = 1
        for plural, body in (("entities", ENTITY), ("sources", SOURCE), ("facts", FACT)):
            assert one.request("POST", f"/api/v1/{plural}", body, token=True)[0] == 201
        written = time.monotonic()
        # Two's workers read the store's version at most every half second.
        while two.request("POST", "/api/v1/verify", CLAIM)[1]["verdict"] != "supported":
            sent += 1
            assert time.monotonic() - written < 5, "the other instance never used the write"
            time.sleep(0.2)
        sent += 1
        statuses = [
            server.request("POST", "/api/v1/verify", CLAIM)[0]
            for _ in range(LIMIT)
            for server in (one, two)
        ]
        # One limit for both: however the checks were spread, no more than LIMIT passed.
        assert statuses.count(200) == LIMIT - sent
        assert statuses.count(429) == LIMIT + sent
