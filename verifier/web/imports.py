"""The import page: upload a CSV or infobox table, preview its facts, confirm with a token."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from pydantic import ValidationError

from verifier.importers.records import ImportFailed
from verifier.imports import (
    ImportRequest,
    TokenRefused,
    commit,
    prepare,
    summary,
    token_owner,
)
from verifier.store import writes

bp = Blueprint("imports", __name__)

# Facts listed in a preview; the counts cover the rest.
PREVIEW_FACTS = 100


class NotText(Exception):
    """The uploaded file is not UTF-8 text."""


def _fields() -> dict[str, Any]:
    """Return the form's fields as an import request reads them."""
    form = request.form
    source = {
        key: form[f"source_{key}"]
        for key in ("title", "publisher", "published", "url")
        if form.get(f"source_{key}", "").strip()
    }
    source["tier"] = form.get("source_tier", "reference")
    fields: dict[str, Any] = {
        "format": form.get("format", "csv"),
        "name": form.get("name", ""),
        "content": form.get("content", ""),
        "source": source,
        "skip_bad": form.get("skip_bad") == "on",
    }
    if form.get("shape") in ("wide", "long"):
        fields["shape"] = form["shape"]
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        raw = upload.read()
        try:
            fields["content"] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotText from exc
        fields["name"] = upload.filename
    return fields


def _page(status: int = 200, **values: Any) -> tuple[str, int]:
    """Render the import page with VALUES."""
    return render_template("import.html", **values), status


@bp.route("/import", methods=["GET", "POST"])
def index() -> tuple[str, int]:
    """Show the upload form; preview an upload; write a previewed import."""
    if request.method == "GET":
        return _page()
    try:
        fields = _fields()
    except NotText:
        return _page(400, error="The file is not UTF-8 text; save it as UTF-8 and upload it again.")
    try:
        owner = token_owner(request.form.get("token", ""))
        body = ImportRequest.model_validate(fields)
        result = prepare(body)
    except TokenRefused as exc:
        return _page(403, error=str(exc), fields=fields)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        message = "Choose a file to import." if where in ("name", "content") else first["msg"]
        return _page(400, error=f"{message} ({where})", fields=fields)
    except ImportFailed as exc:
        return _page(422, problems=[str(p) for p in exc.problems], fields=fields)
    report = summary(result)
    if request.form.get("action") != "confirm":
        return _page(preview=report, fields=fields, shown=report["facts"][:PREVIEW_FACTS])
    try:
        commit(result, owner)
    except writes.WriteRefused as exc:
        return _page(409 if isinstance(exc, writes.RecordConflict) else 422, error=exc.message)
    return _page(done=report, owner=owner)
