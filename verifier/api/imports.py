"""POST /api/v1/import: a CSV or infobox table into the store, with a token, audited.

The same import as `verifier facts import`; the records are checked against the whole
store as one write and written in one transaction, or not at all. `dry_run` previews.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel, Field

from verifier.api.auth import token_name
from verifier.api.spec import documented
from verifier.data.requests import import_refused, read_json
from verifier.errors import ApiError
from verifier.importers.records import ImportFailed
from verifier.imports import ImportRequest, commit, prepare, summary
from verifier.store import writes

bp = Blueprint("api_import", __name__, url_prefix="/api/v1")


class ImportCounts(BaseModel):
    """How many records of each kind the table makes."""

    sources: int
    entities: int
    attributes: int
    facts: int


class ImportedFact(BaseModel):
    """One fact the table makes."""

    id: str
    entity: str
    attribute: str
    value: object
    statement: str
    quote: str


class ImportReport(BaseModel):
    """What the import made (or, in a dry run, would make), and the cells it left out."""

    written: bool = Field(description="False for a dry run: nothing was written.")
    counts: ImportCounts
    skipped: list[str] = Field(description="Each bad cell left out with skip_bad, located.")
    facts: list[ImportedFact]


@bp.post("/import")
@documented(ImportReport, body=ImportRequest, errors=(409,))
def import_table() -> Response:
    """Import a CSV or infobox table as sources, entities, attributes and facts."""
    body = read_json(ImportRequest)
    try:
        result = prepare(body)
    except ImportFailed as exc:
        raise import_refused(exc.problems, what="problem(s)") from None
    report = summary(result)
    if body.dry_run:
        return jsonify({"written": False, **report})
    try:
        commit(result, token_name())
    except writes.WriteRefused as exc:
        status = 409 if isinstance(exc, writes.RecordConflict) else 422
        raise ApiError(status, exc.message, field="content") from None
    # 200, not 201: the import is an action with a report; its records have their own URLs.
    return jsonify({"written": True, **report})
