"""Configuration: defaults, then VERIFIER_* environment variables, then the caller's."""

from __future__ import annotations

from typing import Any

from verifier.resources import bundled

DEFAULTS: dict[str, Any] = {
    # None means a SQLite file in the instance folder.
    "DATABASE_URL": None,
    # Seed an empty store from FACTS_DIR when the app starts.
    "SEED_ON_START": True,
    "FACTS_DIR": None,
    # Folder with sources' full texts, for quote checks; None skips them.
    "SOURCES_DIR": None,
    "SECRET_KEY": "dev-only-change-me",
    # The session cookie carries only the check form's CSRF token; Lax keeps other sites'
    # forms from sending it as well.
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Request limits, each answered with 413: bytes of a request body, characters of one
    # claim and of one draft, claims in one batch. 4 MiB holds a full batch of long claims.
    "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
    # A form field's bytes: Werkzeug's own 500 kB would refuse a draft within MAX_DRAFT_CHARS
    # once percent-encoded (up to 12 bytes a character), so the body limit bounds it instead.
    "MAX_FORM_MEMORY_SIZE": 4 * 1024 * 1024,
    "MAX_CLAIM_CHARS": 2_000,
    "MAX_DRAFT_CHARS": 200_000,
    "MAX_BATCH_CLAIMS": 1_000,
    # Facts per page in the facts browser and GET /api/v1/facts.
    "FACTS_PER_PAGE": 50,
    # Requests per client to the check endpoints (Flask-Limiter notation); storage is in
    # memory per process unless a Redis URL is given (redis://127.0.0.1:6379).
    "RATELIMIT_CHECK": "60 per minute",
    "RATELIMIT_STORAGE_URL": None,
    # Who publishes the ClaimReview JSON-LD.
    "ORGANIZATION_NAME": "Claim verifier",
    "ORGANIZATION_URL": None,
}


def sqlite_url(instance_path: str) -> str:
    """Return the default database URL: a SQLite file inside the instance folder."""
    return f"sqlite:///{instance_path}/verifier.sqlite3"


def facts_dir(config: dict[str, Any]) -> str:
    """Return the folder the store is seeded from."""
    return str(config.get("FACTS_DIR") or bundled("facts"))
