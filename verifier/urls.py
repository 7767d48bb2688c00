"""Absolute URLs of the app, from its configured public address, never the Host header."""

from __future__ import annotations

from flask import current_app


def public_url(path: str) -> str:
    """Return PATH as an absolute URL under the configured PUBLIC_URL."""
    return str(current_app.config["PUBLIC_URL"]).rstrip("/") + path
