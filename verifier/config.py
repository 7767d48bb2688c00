"""Configuration: defaults, then VERIFIER_* environment variables, then the caller's."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from verifier.resources import bundled

# The file in the instance folder that keeps the generated secret key.
SECRET_KEY_FILE = "secret_key"

DEFAULTS: dict[str, Any] = {
    # None means a SQLite file in the instance folder.
    "DATABASE_URL": None,
    # Seed an empty store from FACTS_DIR when the app starts.
    "SEED_ON_START": True,
    "FACTS_DIR": None,
    # Folder with sources' full texts, for quote checks; None skips them.
    "SOURCES_DIR": None,
    # Signs the session cookie (the form's CSRF token). None: a random key made once and
    # kept in the instance folder (mode 0600), so it survives restarts and is never public.
    "SECRET_KEY": None,
    # Where the app is reached, for absolute URLs (ClaimReview); never read from the Host
    # header, which any client can set. `serve` uses its own address when unset.
    "PUBLIC_URL": "http://127.0.0.1:5000",
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
    # At most the rate limit's amount, or a full batch could never pass it.
    "MAX_BATCH_CLAIMS": 500,
    # Seconds one check request may take before it stops with 503; `serve` gives gunicorn's
    # worker timeout more, so the app answers (in the JSON shape) before gunicorn kills it.
    "CHECK_BUDGET_SECONDS": 20.0,
    # How long a worker answers from the store version it last read before asking the
    # database again: a write through another worker or instance is used within this
    # time, and a check costs no query in between. A worker's own writes count at once.
    "VERSION_CHECK_SECONDS": 0.5,
    # Facts per page in the facts browser and GET /api/v1/facts.
    "FACTS_PER_PAGE": 50,
    # Units per client on the checks (the limits library's notation): a claim costs one, a batch
    # one per claim, a text one per MAX_CLAIM_CHARS characters begun. Counted in Redis when
    # a URL is given (redis://127.0.0.1:6379), else each worker allows its share in memory.
    "RATELIMIT_CHECK": "600 per minute",
    "RATELIMIT_STORAGE_URL": None,
    # How many reverse proxies stand in front of the app; their X-Forwarded-For and
    # X-Forwarded-Proto are believed (Werkzeug's ProxyFix), so limits key on the client.
    "TRUSTED_PROXIES": 0,
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


def secret_key(instance_path: str) -> str:
    """Return the key kept in the instance folder, making it (mode 0600) the first time."""
    path = Path(instance_path) / SECRET_KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: of two processes starting at once, one writes and the other reads.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(32)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key)
    return key
