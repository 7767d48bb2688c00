"""GET /api/openapi.json and /api/docs: the API's OpenAPI 3.1 document, and a page reading it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template

from verifier.api.spec import document, documented

bp = Blueprint("api_docs", __name__, url_prefix="/api")


def type_text(schema: dict[str, Any]) -> str:
    """Describe a JSON schema in a few words: string, array of Citation, Span or null."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    if "anyOf" in schema or "oneOf" in schema:
        return " or ".join(type_text(s) for s in schema.get("anyOf", schema.get("oneOf", [])))
    if "allOf" in schema:
        return " and ".join(type_text(s) for s in schema["allOf"])
    if "const" in schema:
        return repr(schema["const"])
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if schema.get("type") == "array":
        return f"array of {type_text(schema.get('items', {}))}"
    kind = str(schema.get("type", "any"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


@bp.get("/openapi.json")
@documented("OpenAPI")
def openapi() -> Response:
    """Return the OpenAPI 3.1 document of this API."""
    return jsonify(document(current_app._get_current_object()))  # type: ignore[attr-defined]


@bp.get("/docs")
@documented("HtmlPage", media_type="text/html")
def docs() -> str:
    """Show the API's documentation, read from its OpenAPI document."""
    spec = document(current_app._get_current_object())  # type: ignore[attr-defined]
    return render_template("api_docs.html", spec=spec, type_text=type_text)
