"""The home page: what the store holds."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from sqlmodel import func, select

from verifier.extensions import Store
from verifier.store.db import session_scope
from verifier.store.models import Entity, Fact, Source

bp = Blueprint("home", __name__)


def store_summary() -> dict[str, Any]:
    """Count what the store holds."""
    with session_scope(Store.engine()) as session:
        return {
            "facts": session.exec(select(func.count()).select_from(Fact)).one(),
            "sources": session.exec(select(func.count()).select_from(Source)).one(),
            "entities": session.exec(select(func.count()).select_from(Entity)).one(),
        }


@bp.get("/")
def index() -> str:
    """Show the home page."""
    return render_template("home.html", summary=store_summary())
