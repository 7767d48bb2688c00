"""GET /api/v1/health: is the service up, and what does its store hold."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel

from verifier.api.spec import documented
from verifier.extensions import Store

bp = Blueprint("api_health", __name__, url_prefix="/api/v1")


class StoreCounts(BaseModel):
    """What the store holds."""

    facts: int
    sources: int
    entities: int


class Health(BaseModel):
    """The service's state."""

    status: str
    store: StoreCounts


@bp.get("/health")
@documented(Health)
def health() -> Response:
    """Report that the service and its store answer."""
    return jsonify({"status": "ok", "store": Store.summary()})
