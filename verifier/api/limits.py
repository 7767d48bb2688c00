"""Rate limits per client on the checks, with Flask-Limiter: one budget, counted in claims.

A request costs what it asks the engine to do: a claim one unit, a batch one per claim, a
text (API or form) one per MAX_CLAIM_CHARS characters begun. With Redis the limit is
exact across workers and instances. Without it, or while Redis is unreachable, each
worker counts in its own memory and allows its share of the limit (the limit divided by
the number of workers, at least one), so a client never gets more than the limit in all.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from typing import Any

from flask import Blueprint, Flask, current_app, request
from flask.logging import default_handler
from flask_limiter import Limiter
from limits import parse_many

# Where the app lists the blueprints that are limited, for the OpenAPI document's 429s.
LIMITED = "verifier.limited_blueprints"
# Where the app keeps its limiter, to tell whether its shared storage is reachable.
LIMITER = "verifier.limiter"
# How many workers share the limit when each counts in its own memory (`serve` sets it).
WORKERS = "SERVE_WORKERS"


def client_address() -> str:
    """Return the client's address: the peer's, or the one a trusted proxy reports."""
    return request.remote_addr or "unknown"


def _shared() -> bool:
    """Return whether the limit is counted in a store every worker shares, and reachable."""
    limiter: Limiter = current_app.extensions[LIMITER]
    dead = bool(getattr(limiter, "_storage_dead", False))
    return bool(current_app.config.get("RATELIMIT_STORAGE_URL")) and not dead


def _check_limit() -> str:
    """Return the configured limit, or this worker's share of it when counted in memory."""
    configured = str(current_app.config["RATELIMIT_CHECK"])
    workers = int(current_app.config.get(WORKERS) or 1)
    if workers <= 1 or _shared():
        return configured
    return _share(configured, workers)


@lru_cache(maxsize=64)
def _share(configured: str, workers: int) -> str:
    """Return the limit CONFIGURED divided among WORKERS (asked on every check: cached)."""
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


def init_app(app: Flask, *blueprints: Blueprint) -> Limiter:
    """Limit the POST routes of BLUEPRINTS per client, together, in memory or in Redis."""
    # Flask-Limiter reads RATELIMIT_STORAGE_URI; ours is VERIFIER_RATELIMIT_STORAGE_URL.
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get("RATELIMIT_STORAGE_URL") or "memory://"
    # Retry-After and X-RateLimit-* on limited responses, so clients know when to come back.
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # When Redis is down, keep limiting in each worker's memory, at the worker's share,
    # rather than failing checks or letting them through unlimited; Flask-Limiter logs it.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    logger = logging.getLogger("flask-limiter")
    if default_handler not in logger.handlers:
        logger.addHandler(default_handler)
    # One limiter per app: Flask-Limiter keeps its storage on the instance, not the app.
    limiter = Limiter(key_func=client_address)
    limiter.init_app(app)
    app.extensions[LIMITER] = limiter
    # One budget across all check routes, so a client cannot spend it once per route;
    # the page's GET is browsing, its POST a check like the API's.
    checks = limiter.shared_limit(_check_limit, scope="checks", methods=["POST"], cost=_cost)
    for blueprint in blueprints:
        checks(blueprint)
    app.extensions[LIMITED] = tuple(b.name for b in blueprints)
    return limiter
