"""Run the app under gunicorn, a production WSGI server."""

from __future__ import annotations

import gc
import json
from typing import Any

from flask import Flask
from gunicorn import util  # type: ignore[import-untyped]
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

from verifier.errors import CODES, error_body
from verifier.extensions import Store

# Seconds gunicorn gives a worker beyond the app's own check budget, so the app answers a
# slow request in the JSON error shape before gunicorn kills the worker.
TIMEOUT_MARGIN = 10
# The longest request line gunicorn reads (its maximum); the app answers a URL longer than
# MAX_URL_CHARS itself with 414, so only lines past this meet gunicorn's own plain error.
REQUEST_LINE_LIMIT = 8190


class _Server(BaseApplication):  # type: ignore[misc]
    """A gunicorn application that serves an app made in this process."""

    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        """Keep the app and gunicorn's settings."""
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Hand our settings to gunicorn."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        """Return the app each worker serves."""
        return self.application


def _post_fork(app: Flask) -> Any:
    """Return the hook that gives each worker connections of its own after the fork."""

    def post_fork(_server: Any, _worker: Any) -> None:
        # The master used the pool to upgrade and seed; a connection shared across a fork
        # breaks both sides. close=False leaves the master's sockets alone.
        Store.engine(app).dispose(close=False)

    return post_fork


def _json_error(sock: Any, status: int, reason: str, message: str) -> None:
    """Write gunicorn's own error (a request line too long, bad headers) in the API's shape."""
    body = json.dumps(
        error_body(status, CODES.get(status, "bad_request"), message or reason)
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


def run_gunicorn(app: Flask, *, host: str, port: int, workers: int) -> None:
    """Serve APP on HOST:PORT with WORKERS processes until stopped."""
    # gunicorn answers a request it cannot parse itself, before the app sees it; its page
    # is HTML, and clients of the API expect one JSON error shape for everything.
    util.write_error = _json_error
    # Index the store and the past fact checks once, here, before the workers fork: each
    # starts with the indexes in pages it shares with the master, instead of making its own.
    Store.verifier(app)
    Store.reviews(app)
    # Keep the collector off those objects: touching them would copy every shared page.
    gc.freeze()
    # The master's connections are not needed once the store is ready.
    Store.engine(app).dispose()
    budget = float(app.config["CHECK_BUDGET_SECONDS"])
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "accesslog": "-",
        "timeout": int(budget) + TIMEOUT_MARGIN,
        "limit_request_line": REQUEST_LINE_LIMIT,
        "post_fork": _post_fork(app),
    }
    _Server(app, options).run()
