"""Rate limits per client on the checks: one budget, counted in claims, with the limits library.

A request costs what it asks the engine to do: a claim one unit, a batch one per claim, a
text (API or form) one per MAX_CLAIM_CHARS characters begun. With Redis the limit is
exact across workers and instances. Without it, or while Redis is unreachable, each
worker counts in its own memory and allows its share of the limit (the limit divided by
the number of workers, at least one), so a client never gets more than the limit in all.

The limits library (Flask-Limiter's own core) is used directly, from one request hook:
the extension's per-request machinery cost as much as a cached check.
"""

from __future__ import annotations

import logging
import math
import time
from functools import lru_cache
from typing import Any

from flask import Blueprint, Flask, current_app, request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from redis.exceptions import RedisError
from werkzeug.exceptions import TooManyRequests

# Where the app lists the blueprints that are limited, for the OpenAPI document's 429s.
LIMITED = "verifier.limited_blueprints"
# Where the app keeps its limiter.
LIMITER = "verifier.limiter"
# How many workers share the limit when each counts in its own memory (`serve` sets it).
WORKERS = "SERVE_WORKERS"
# Seconds before a worker that lost Redis tries it again.
RETRY_SHARED_SECONDS = 5.0
# What the counts are kept under, beside the client's address and the key prefix.
SCOPE = "checks"

log = logging.getLogger(__name__)


def client_address() -> str:
    """Return the client's address: the peer's, or the one a trusted proxy reports."""
    return request.remote_addr or "unknown"


class CheckLimiter:
    """Count each client's checks in Redis, or in this worker's memory while it cannot."""

    def __init__(self, url: str | None, prefix: str) -> None:
        """Count in the storage at URL (none: memory only), keys starting with PREFIX."""
        self.prefix = prefix
        self.memory = FixedWindowRateLimiter(MemoryStorage())
        self.shared: FixedWindowRateLimiter | None = None
        if url:
            shared = storage_from_string(url)
            if not isinstance(shared, Storage):  # an asyncio storage ("async+redis://")
                raise ValueError(f"RATELIMIT_STORAGE_URL {url!r} names an asyncio storage")
            self.shared = FixedWindowRateLimiter(shared)
        self.retry_at = 0.0  # while Redis is unreachable: when to try it again

    def spend(self, limit: str, workers: int, key: str, cost: int) -> None:
        """Spend COST of KEY's LIMIT, or raise TooManyRequests with the seconds to wait."""
        counter = self._counter()
        items = _items(limit if counter is self.shared else _share(limit, workers))
        try:
            self._hit(counter, items, key, cost)
        except RedisError:
            log.warning("Rate limit storage unreachable - falling back to in-memory storage")
            self.retry_at = time.monotonic() + RETRY_SHARED_SECONDS
            self._hit(self.memory, _items(_share(limit, workers)), key, cost)

    def _counter(self) -> FixedWindowRateLimiter:
        """Return where to count: Redis when set and reachable, else this worker's memory."""
        if self.shared is not None and time.monotonic() >= self.retry_at:
            return self.shared
        return self.memory

    def _hit(
        self, counter: FixedWindowRateLimiter, items: tuple[RateLimitItem, ...], key: str, cost: int
    ) -> None:
        """Spend COST on every one of ITEMS, or raise TooManyRequests at the first spent."""
        for item in items:
            if not counter.hit(item, self.prefix, SCOPE, key, cost=cost):
                reset = counter.get_window_stats(item, self.prefix, SCOPE, key).reset_time
                wait = max(1, math.ceil(reset - time.time()))
                raise TooManyRequests(description=str(item), retry_after=wait)


@lru_cache(maxsize=64)
def _items(limit: str) -> tuple[RateLimitItem, ...]:
    """Return the limits a text like "600 per minute; 20 per second" sets (parsed once)."""
    return tuple(parse_many(limit))


@lru_cache(maxsize=64)
def _share(configured: str, workers: int) -> str:
    """Return the limit CONFIGURED divided among WORKERS, at least one each."""
    if workers <= 1:
        return configured
    return "; ".join(
        f"{max(1, item.amount // workers)} per {item.multiples} {item.GRANULARITY.name}"
        for item in parse_many(configured)
    )


def _cost() -> int:
    """Return the units this request spends: one per claim, or per claim's length of text."""
    if request.form:
        return _text_cost(request.form.get("text", ""))
    body: Any = request.get_json(silent=True)
    if not isinstance(body, dict):
        return 1
    if isinstance(body.get("claims"), list):
        return max(1, len(body["claims"]))
    if isinstance(body.get("text"), str):
        return _text_cost(body["text"])
    return 1


def _text_cost(text: str) -> int:
    """Return the units a text costs: one per MAX_CLAIM_CHARS characters begun."""
    return max(1, math.ceil(len(text) / int(current_app.config["MAX_CLAIM_CHARS"])))


def _limit_checks() -> None:
    """Spend the request's cost of its client's limit: a POST to a limited blueprint only."""
    if request.method != "POST" or request.blueprint not in current_app.extensions[LIMITED]:
        return
    config = current_app.config
    limiter: CheckLimiter = current_app.extensions[LIMITER]
    workers = int(config.get(WORKERS) or 1)
    limiter.spend(str(config["RATELIMIT_CHECK"]), workers, client_address(), _cost())


def init_app(app: Flask, *blueprints: Blueprint) -> CheckLimiter:
    """Limit the POST routes of BLUEPRINTS per client, together, in memory or in Redis."""
    limiter = CheckLimiter(
        app.config.get("RATELIMIT_STORAGE_URL"), str(app.config.get("RATELIMIT_KEY_PREFIX", ""))
    )
    app.extensions[LIMITER] = limiter
    app.extensions[LIMITED] = tuple(b.name for b in blueprints)
    # On the app, not the blueprints: they are shared by every app made in a process.
    app.before_request(_limit_checks)
    return limiter
