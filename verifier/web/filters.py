"""Template filters the pages write counts with: "1 claim", "12,400 facts"."""

from __future__ import annotations

from flask import Flask

from verifier.drafts.render import plural


def number(count: int) -> str:
    """Return COUNT with thousands separators."""
    return f"{count:,}"


def init_app(app: Flask) -> None:
    """Register the filters on APP's templates."""
    app.add_template_filter(plural)
    app.add_template_filter(number)
