"""Rate limits per client on the check endpoints, with Flask-Limiter."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

# Where the app lists the blueprints that are limited, for the OpenAPI document's 429s.
LIMITED = "verifier.limited_blueprints"


def _check_limit() -> str:
    """Return the configured limit, read per request so each app keeps its own."""
    return str(current_app.config["RATELIMIT_CHECK"])


def init_app(app: Flask, *blueprints: Blueprint) -> Limiter:
    """Limit the routes of BLUEPRINTS per client address, together, in memory or in Redis."""
    # Flask-Limiter reads RATELIMIT_STORAGE_URI; ours is VERIFIER_RATELIMIT_STORAGE_URL.
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get("RATELIMIT_STORAGE_URL") or "memory://"
    # Retry-After and X-RateLimit-* on limited responses, so clients know when to come back.
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # When Redis is down, keep limiting in each worker's memory rather than failing checks.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    # One limiter per app: Flask-Limiter keeps its storage on the instance, not the app.
    limiter = Limiter(key_func=get_remote_address)
    limiter.init_app(app)
    # One budget across all check routes, so a client cannot spend it once per route.
    checks = limiter.shared_limit(_check_limit, scope="checks")
    for blueprint in blueprints:
        checks(blueprint)
    app.extensions[LIMITED] = tuple(b.name for b in blueprints)
    return limiter
