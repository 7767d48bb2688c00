"""Input no route should read, and failures that must not be 500s: each found by probing.

NUL bytes, bodies past the limit sent chunked, huge URLs, blank claims, the calendar's ends,
a locked SQLite store, source files outside the sources folder or not UTF-8, addresses that
are not web addresses, ids without a length cap, checks that run out of time.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder, run_wsgi_app

from tests.apps import seeded_app
from tests.factset import write_set
from verifier.app import create_app
from verifier.extensions import Store
from verifier.store import loader, tokens
from verifier.store.db import session_scope

CLAIM = "The SCO has 10 member states."
SOURCE = {"id": "notes", "title": "Notes", "tier": "reference"}


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """Return an app on a seeded SQLite store, limits out of the way."""
    return seeded_app(tmp_path, RATELIMIT_CHECK="1000 per second", MAX_CONTENT_LENGTH=10_000)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client."""
    return app.test_client()


def error(response: Any, status: int) -> dict[str, Any]:
    """Assert RESPONSE is STATUS in the JSON error shape and return its error."""
    assert response.status_code == status, response.get_data(as_text=True)
    found: dict[str, Any] = response.get_json()["error"]
    assert found["status"] == status and found["message"]
    return found


# -- request guards --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/verify", {"claim": "The SCO\x00 has 10 member states."}),
        ("POST", "/api/v1/check", {"text": "x\x00"}),
        ("GET", "/api/v1/facts?q=sco%00", None),
        ("GET", "/api/v1/facts/sco%00", None),
    ],
)
def test_a_nul_byte_anywhere_is_400(
    client: FlaskClient, method: str, path: str, body: dict[str, str] | None
) -> None:
    found = error(client.open(path, method=method, json=body), 400)
    assert "NUL" in found["message"]


def chunked(app: Flask, body: bytes) -> tuple[int, bytes]:
    """Send BODY to /api/v1/verify without a Content-Length, as a chunked request arrives."""
    environ = EnvironBuilder(
        path="/api/v1/verify",
        method="POST",
        input_stream=io.BytesIO(body),
        content_type="application/json",
    ).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input_terminated"] = True  # what gunicorn says of a chunked body
    environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    answer, status, _ = run_wsgi_app(app.wsgi_app, environ)
    return int(status.split()[0]), b"".join(answer)


def test_a_chunked_body_past_the_limit_is_413_not_cut(app: Flask) -> None:
    status, body = chunked(app, b'{"claim": "' + b"a" * 20_000 + b'"}')
    assert status == 413 and b'"too_large"' in body


def test_a_chunked_body_within_the_limit_is_read_whole(app: Flask) -> None:
    status, body = chunked(app, b'{"claim": "' + CLAIM.encode() + b'"}')
    assert status == 200 and b'"verdict"' in body


def test_a_url_past_the_limit_is_414(client: FlaskClient) -> None:
    found = error(client.get("/api/v1/facts?q=" + "a" * 5_000), 414)
    assert found["code"] == "uri_too_long"


@pytest.mark.parametrize("claim", [" ", "\n\t  ", "\u2003"])
def test_a_blank_claim_is_refused(client: FlaskClient, claim: str) -> None:
    found = error(client.post("/api/v1/verify", json={"claim": claim}), 422)
    assert found["field"] == "claim" and "blank" in found["message"]


@pytest.mark.parametrize(
    ("claim", "as_of"),
    [
        ("The SCO summit is tomorrow.", "9999-12-31"),
        ("The SCO summit was yesterday.", "0001-01-01"),
        ("The SCO was founded after 31 December 9999.", "9999-12-31"),
        ("The SCO was founded before 1 January 0001.", "0001-01-01"),
    ],
)
def test_the_calendars_ends_get_a_verdict(client: FlaskClient, claim: str, as_of: str) -> None:
    response = client.post("/api/v1/verify", json={"claim": claim, "as_of": as_of})
    assert response.status_code == 200
    assert response.get_json()["verdict"] in {"supported", "contradicted", "unknown"}


# -- the time budget -------------------------------------------------------------------------


def test_a_check_past_its_budget_is_503_in_the_json_shape(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, RATELIMIT_CHECK="1000 per second", CHECK_BUDGET_SECONDS=0)
    client = app.test_client()
    found = error(client.post("/api/v1/check", json={"text": f"{CLAIM} {CLAIM}"}), 503)
    assert found["code"] == "over_budget" and "0 seconds" in found["message"]
    batch = {"claims": [{"id": "1", "claim": CLAIM}, {"id": "2", "claim": CLAIM}]}
    assert error(client.post("/api/v1/verify/batch", json=batch), 503)["code"] == "over_budget"


def test_a_form_past_its_budget_keeps_the_text(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, RATELIMIT_CHECK="1000 per second", CHECK_BUDGET_SECONDS=0)
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").get_data(as_text=True))
    assert token is not None
    response = client.post("/", data={"text": f"{CLAIM} {CLAIM}", "csrf_token": token[1]})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "took longer than the 0 seconds" in page and CLAIM in page


# -- a busy store ----------------------------------------------------------------------------


def test_a_locked_sqlite_store_answers_503_with_retry_after(tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    url = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "SEED_ON_START": False})
    loader.load(Store.engine(app), facts_dir, sources_dir=sources_dir)
    with session_scope(Store.engine(app)) as session:
        token = tokens.create_token(session, "desk")
    holder = sqlite3.connect(tmp_path / "locked.sqlite3", timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another process writing, and holding on
    try:
        response = app.test_client().post(
            "/api/v1/sources", json=SOURCE, headers={"Authorization": f"Bearer {token}"}
        )
    finally:
        holder.rollback()
        holder.close()
    assert error(response, 503)["code"] == "store_busy"
    assert response.headers["Retry-After"] == "1"


# -- source records --------------------------------------------------------------------------


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[tuple[FlaskClient, str, Path]]:
    """Yield a client, a write token, and the sources folder of a store with quote checks."""
    facts_dir, sources_dir = write_set(tmp_path)
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite3'}",
            "SEED_ON_START": False,
            "SOURCES_DIR": str(sources_dir),
        }
    )
    loader.load(Store.engine(app), facts_dir, sources_dir=sources_dir)
    with session_scope(Store.engine(app)) as session:
        token = tokens.create_token(session, "desk")
    yield app.test_client(), token, sources_dir
    Store.engine(app).dispose()


def post_source(writer: tuple[FlaskClient, str, Path], **fields: str) -> Any:
    """Post the source SOURCE with FIELDS through the API."""
    client, token, _ = writer
    return client.post(
        "/api/v1/sources",
        json={**SOURCE, **fields},
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.mark.parametrize(
    "name", ["/proc/self/environ", "../../etc/passwd", "a/../../b.txt", "C:\\boot.ini", " "]
)
def test_a_text_file_outside_the_sources_folder_is_refused(
    writer: tuple[FlaskClient, str, Path], name: str
) -> None:
    assert error(post_source(writer, text_file=name), 422)["field"] == "text_file"


def test_a_symlink_out_of_the_sources_folder_is_refused(
    writer: tuple[FlaskClient, str, Path], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the password is swordfish", encoding="utf-8")
    os.symlink(secret, writer[2] / "link.txt")
    found = error(post_source(writer, text_file="link.txt"), 422)
    assert found["field"] == "text_file" and "outside the sources folder" in found["message"]


def test_a_text_file_that_is_not_utf8_is_refused(writer: tuple[FlaskClient, str, Path]) -> None:
    (writer[2] / "latin1.txt").write_bytes("Caf\xe9 noir".encode("latin-1"))
    found = error(post_source(writer, text_file="latin1.txt"), 422)
    assert found["field"] == "text_file" and "not UTF-8" in found["message"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://x.example/"])
def test_a_source_url_must_be_a_web_address(
    writer: tuple[FlaskClient, str, Path], url: str
) -> None:
    assert error(post_source(writer, url=url), 422)["field"] == "url"


def test_ids_and_names_have_a_length_cap(writer: tuple[FlaskClient, str, Path]) -> None:
    assert error(post_source(writer, id="a" * 100_000), 422)["field"] == "id"
    assert error(post_source(writer, title="T" * 10_000), 422)["field"] == "title"


# -- secrets and proxies ---------------------------------------------------------------------


def test_without_a_secret_key_one_is_made_once_and_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    instance = tmp_path / "instance"
    monkeypatch.setenv("VERIFIER_INSTANCE_PATH", str(instance))
    config = {"DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite3'}", "SEED_ON_START": False}
    first, second = create_app(config), create_app(config)
    key = first.config["SECRET_KEY"]
    assert key == second.config["SECRET_KEY"] and len(key) >= 32
    assert key != "dev-only-change-me"
    assert stat.S_IMODE((instance / "secret_key").stat().st_mode) == 0o600


def test_behind_a_trusted_proxy_limits_key_on_the_forwarded_client(tmp_path: Path) -> None:
    app = seeded_app(tmp_path, RATELIMIT_CHECK="1 per minute", TRUSTED_PROXIES=1)
    client = app.test_client()

    def verify(client_address: str) -> int:
        headers = {"X-Forwarded-For": client_address}
        return client.post("/api/v1/verify", json={"claim": CLAIM}, headers=headers).status_code

    assert [verify("203.0.113.1"), verify("203.0.113.1"), verify("203.0.113.2")] == [
        200,
        429,
        200,
    ]


def test_a_nul_byte_never_reaches_the_store(database_url: str) -> None:
    # PostgreSQL refuses NUL in text outright; the app must answer before asking it.
    app = create_app({"DATABASE_URL": database_url, "RATELIMIT_CHECK": "1000 per second"})
    client = app.test_client()
    for path in ("/api/v1/facts?q=a%00b", "/api/v1/facts/x%00", "/api/v1/sources/x%00"):
        assert "NUL" in error(client.get(path), 400)["message"]
    Store.engine(app).dispose()
