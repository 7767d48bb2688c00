"""GET /api/v1/audit: who changed what through the API, and when, newest first; needs a token."""

from __future__ import annotations

from math import ceil

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel, Field
from sqlmodel import col, func, select

from verifier.api.spec import documented
from verifier.data.requests import read_args
from verifier.extensions import Store
from verifier.store.db import session_scope
from verifier.store.models import AuditEntry, AuditEntryPublic

bp = Blueprint("api_audit", __name__, url_prefix="/api/v1")

PER_PAGE = 50


class AuditQuery(BaseModel):
    """Which page of the audit log to read, from the query string."""

    page: int = Field(default=1, ge=1, le=1_000_000, description="Page number, from 1.")


class AuditPage(BaseModel):
    """One page of the audit log, newest change first."""

    entries: list[AuditEntryPublic]
    total: int
    page: int
    pages: int
    per_page: int


@bp.get("/audit")
@documented(AuditPage, query=AuditQuery)
def audit() -> Response:
    """List the changes written through the API, newest first: token, time, before and after."""
    page = read_args(AuditQuery).page
    with session_scope(Store.engine()) as session:
        total = session.exec(select(func.count()).select_from(AuditEntry)).one()
        rows = session.exec(
            select(AuditEntry)
            .order_by(col(AuditEntry.id).desc())
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
        ).all()
        entries = [AuditEntryPublic.model_validate(row) for row in rows]
    listing = AuditPage(
        entries=entries,
        total=total,
        page=page,
        pages=max(1, ceil(total / PER_PAGE)),
        per_page=PER_PAGE,
    )
    return jsonify(listing.model_dump(mode="json"))
