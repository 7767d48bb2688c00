"""Refuse what no route should read: bodies past the limit however sent, NUL bytes, huge URLs.

Also answers a store that is busy (a locked SQLite file) with 503 and Retry-After instead
of a 500. Registered before every other hook, so rate limits and views never see such input.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, ServiceUnavailable

from verifier.errors import ApiError, handle_http_error

# The longest path and query string the app reads (gunicorn reads request lines up to 8190).
MAX_URL_CHARS = 4096
# Seconds a client should wait before retrying when the store is busy.
BUSY_RETRY_SECONDS = 1
# Set in the WSGI environ when a body without Content-Length ran past the limit.
TOO_LARGE_KEY = "verifier.body_too_large"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class BoundedBody:
    """WSGI middleware: read a body sent without Content-Length (chunked) up to the limit.

    Werkzeug reads such a body only up to MAX_CONTENT_LENGTH and silently drops the rest;
    here one byte more is read, so a body past the limit is refused, never cut.
    """

    def __init__(self, app: WSGIApp, limit: Callable[[], int | None]) -> None:
        """Wrap APP; LIMIT returns the largest body in bytes, or None for no limit."""
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Buffer a terminated body of unknown length, flagging it when past the limit."""
        most = self.limit()
        if (
            most is not None
            and not environ.get("CONTENT_LENGTH")
            and environ.get("wsgi.input_terminated")
        ):
            body = environ["wsgi.input"].read(most + 1)
            if len(body) > most:
                environ[TOO_LARGE_KEY] = True
                body = b""
            # Still a terminated stream of unknown length to Werkzeug, now one that ends.
            environ["wsgi.input"] = io.BytesIO(body)
        return self.app(environ, start_response)


def _has_nul(value: Any) -> bool:
    """Return whether VALUE, or any string inside it, holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _refuse_bad_input() -> None:
    """Refuse a body past the limit, a URL past MAX_URL_CHARS, and NUL bytes anywhere."""
    if request.environ.get(TOO_LARGE_KEY):
        raise RequestEntityTooLarge()
    # The request line's URL as sent (gunicorn and Werkzeug keep it): request.full_path
    # would quote and join it again on every request.
    environ = request.environ
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    length = len(raw) if raw else len(request.full_path)
    if length > MAX_URL_CHARS:
        raise ApiError(
            414, f"The URL is longer than {MAX_URL_CHARS} characters; send the data in a body."
        )
    where = [request.path, *request.args.keys(), *request.args.values()]
    if request.form:
        where += [*request.form.keys(), *request.form.values()]
    if _has_nul(where) or (request.is_json and _has_nul(request.get_json(silent=True))):
        raise ApiError(400, "The request holds a NUL character (\\u0000); remove it and resend.")


def _busy(error: OperationalError) -> HTTPException | tuple[Any, int]:
    """Answer a store busy with another writer with 503 and Retry-After; re-raise the rest."""
    if "locked" not in str(error.orig):
        raise error
    message = "The store is busy with another write; retry in a moment."
    answered = handle_http_error(ApiError(503, message, code="store_busy"))
    if isinstance(answered, HTTPException):  # a page: Werkzeug's own 503, with the header
        return ServiceUnavailable(message, retry_after=BUSY_RETRY_SECONDS)
    response, status = answered
    response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response, status


def init_app(app: Flask) -> None:
    """Guard APP's input; call before anything else registers a request hook."""
    app.wsgi_app = BoundedBody(  # type: ignore[method-assign]
        app.wsgi_app, lambda: app.config.get("MAX_CONTENT_LENGTH")
    )
    app.before_request(_refuse_bad_input)
    app.register_error_handler(OperationalError, _busy)
