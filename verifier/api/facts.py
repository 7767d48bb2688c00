"""GET /api/v1/facts and /api/v1/sources: the store's facts and sources, as the pages show them."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from verifier.api.spec import documented
from verifier.data.facts import (
    FactPage,
    FactWithSource,
    SourceDetail,
    SourceList,
    fact_detail,
    fact_page,
    source_detail,
    source_list,
)
from verifier.data.requests import read_args
from verifier.data.schemas import FactQuery
from verifier.errors import ApiError

bp = Blueprint("api_facts", __name__, url_prefix="/api/v1")


@bp.get("/facts")
@documented(FactPage, query=FactQuery)
def facts() -> Response:
    """Search the facts by text, entity and attribute, a page at a time."""
    return jsonify(fact_page(read_args(FactQuery)).model_dump(mode="json"))


@bp.get("/facts/<fact_id>")
@documented(FactWithSource)
def fact(fact_id: str) -> Response:
    """Return one fact with its source and quote."""
    found = fact_detail(fact_id)
    if found is None:
        raise ApiError(404, f"No fact with id {fact_id!r}; find ids with GET /api/v1/facts?q=.")
    return jsonify(found.model_dump(mode="json"))


@bp.get("/sources")
@documented(SourceList)
def sources() -> Response:
    """List every source with its number of facts."""
    return jsonify(source_list().model_dump(mode="json"))


@bp.get("/sources/<source_id>")
@documented(SourceDetail)
def source(source_id: str) -> Response:
    """Return one source with the facts taken from it."""
    found = source_detail(source_id)
    if found is None:
        raise ApiError(404, f"No source with id {source_id!r}; list them with GET /api/v1/sources.")
    return jsonify(found.model_dump(mode="json"))
