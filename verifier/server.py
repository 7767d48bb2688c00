"""Run the app under gunicorn, a production WSGI server."""

from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]


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


def run_gunicorn(app: Flask, *, host: str, port: int, workers: int) -> None:
    """Serve APP on HOST:PORT with WORKERS processes until stopped."""
    _Server(app, {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-"}).run()
