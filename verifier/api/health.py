"""GET /api/v1/health: is the service up, and what does its store hold."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from verifier.web.home import store_summary

bp = Blueprint("api_health", __name__, url_prefix="/api/v1")


@bp.get("/health")
def health() -> Response:
    """Report that the service and its store answer."""
    return jsonify({"status": "ok", "store": store_summary()})
