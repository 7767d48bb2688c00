"""Browse and search the facts, each with its source and quote, and a page per source."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from verifier.data.facts import fact_detail, fact_page, filter_choices, source_detail, source_list
from verifier.data.requests import read_args
from verifier.data.schemas import FactQuery

bp = Blueprint("facts", __name__)


@bp.get("/facts")
def index() -> str:
    """Show the facts matching the query string."""
    entities, attributes = filter_choices()
    return render_template(
        "facts.html",
        page=fact_page(read_args(FactQuery)),
        entities=entities,
        attributes=attributes,
    )


@bp.get("/facts/<fact_id>")
def fact(fact_id: str) -> str:
    """Show one fact with its source and quote."""
    found = fact_detail(fact_id)
    if found is None:
        abort(404)
    return render_template("fact.html", fact=found)


@bp.get("/sources")
def sources() -> str:
    """Show every source."""
    return render_template("sources.html", listing=source_list())


@bp.get("/sources/<source_id>")
def source(source_id: str) -> str:
    """Show one source and the facts taken from it."""
    found = source_detail(source_id)
    if found is None:
        abort(404)
    return render_template("source.html", source=found)
