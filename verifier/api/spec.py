"""The OpenAPI 3.1 document, built from the app's /api routes and the models they read and return.

Each view declares what it reads and returns with @documented; its docstring is the summary.
A route without @documented is left out of the document, which tests/test_api_openapi.py catches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any, TypeVar

from apispec import APISpec
from flask import Config, Flask
from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import JsonSchemaMode
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.routing import Rule

from verifier.api.auth import SCHEME, SECURED
from verifier.api.limits import LIMITED
from verifier.data.claimreview import CONTEXT, JSONLD
from verifier.data.reviews import CheckedClaim
from verifier.data.schemas import ErrorResponse

F = TypeVar("F", bound=Callable[..., Any])

ATTRIBUTE = "openapi_operation"
EXTENSION = "verifier.openapi"
REF = "#/components/schemas/{model}"
JSON = "application/json"

# Hand-written, for answers that are no one model: results with ids, JSON-LD, documents.
EXTRA_SCHEMAS: dict[str, dict[str, Any]] = {
    "BatchResults": {
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": {
                "type": "array",
                "description": "One result per claim, in the order sent, each with its id.",
                "items": {
                    "allOf": [
                        {"$ref": REF.format(model="CheckedClaim")},
                        {
                            "type": "object",
                            "required": ["id"],
                            "properties": {"id": {"type": "string"}},
                        },
                    ]
                },
            }
        },
    },
    "ClaimReviewGraph": {
        "type": "object",
        "description": "ClaimReviews of a batch, in the order sent, each with its id as "
        "identifier.",
        "required": ["@context", "@graph"],
        "properties": {
            "@context": {"const": CONTEXT},
            "@graph": {
                "type": "array",
                "items": {
                    "allOf": [
                        {"$ref": REF.format(model="ClaimReview")},
                        {
                            "type": "object",
                            "required": ["identifier"],
                            "properties": {"identifier": {"type": "string"}},
                        },
                    ]
                },
            },
        },
    },
    "ClaimReview": {
        "type": "object",
        "description": "A schema.org ClaimReview (JSON-LD) of one verdict.",
        "required": ["@type", "claimReviewed", "reviewRating", "author", "url"],
        "properties": {
            "@context": {"const": CONTEXT, "description": "Absent in a graph."},
            "@type": {"const": "ClaimReview"},
            "claimReviewed": {"type": "string"},
            "datePublished": {"type": "string", "format": "date"},
            "url": {"type": "string", "format": "uri"},
            "reviewRating": {
                "type": "object",
                "description": "ratingValue 1 (contradicted) to 5 (supported), "
                "3 for unknown; alternateName is the verdict.",
            },
            "itemReviewed": {"type": "object", "description": "The Claim, with its appearance."},
            "author": {"type": "object", "description": "The publishing organisation."},
        },
    },
    "OpenAPI": {"type": "object", "description": "This document."},
    "HtmlPage": {"type": "string", "description": "A page for people to read."},
}

# Any request: a NUL character (400), a URL past the app's limit (414), a failure (500).
ALWAYS = (400, 414, 500)
BODY_ERRORS = (413, 415, 422)
TOKEN_ERRORS = (401, 403)


@dataclass(frozen=True, slots=True)
class Operation:
    """What one view reads and returns, for the document."""

    response: type[Any] | str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    errors: tuple[int, ...] = ()
    claimreview: str | None = None
    media_type: str = JSON
    success: int = 200


def documented(
    response: type[Any] | str,
    *,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    errors: tuple[int, ...] = (),
    claimreview: str | None = None,
    media_type: str = JSON,
    success: int = 200,
) -> Callable[[F], F]:
    """Mark a view with what it reads (BODY, QUERY) and returns (RESPONSE, ERRORS).

    CLAIMREVIEW names the schema of the view's JSON-LD answer, when it gives one; SUCCESS is
    the status of a good answer (201 for a view that creates).
    """
    operation = Operation(response, body, query, errors, claimreview, media_type, success)

    def mark(view: F) -> F:
        """Attach the operation to VIEW."""
        setattr(view, ATTRIBUTE, operation)
        return view

    return mark


def schema_name(model: type[Any] | str) -> str:
    """Return the component name of MODEL: its class name, or the name of a hand-written one."""
    return model if isinstance(model, str) else model.__name__


def component_schemas(models: set[tuple[type[Any], JsonSchemaMode]]) -> dict[str, dict[str, Any]]:
    """Return the schemas of MODELS (type, validation or serialization) and all they nest."""
    keys: list[tuple[str, JsonSchemaMode, TypeAdapter[Any]]] = [
        (schema_name(model), mode, TypeAdapter(model)) for model, mode in models
    ]
    by_key, defs = TypeAdapter.json_schemas(keys, ref_template=REF)
    schemas: dict[str, dict[str, Any]] = dict(defs.get("$defs", {}))
    for (name, _mode), schema in by_key.items():
        # Each top-level schema is a $ref into $defs, unless pydantic inlined it.
        if "$ref" not in schema:
            schemas[name] = schema
    schemas.update(EXTRA_SCHEMAS)
    return schemas


def openapi_path(rule: str) -> str:
    """Write a Flask rule (/facts/<fact_id>) as an OpenAPI path (/facts/{fact_id})."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def _query_parameters(operation: Operation) -> list[dict[str, Any]]:
    """Return the query parameters of OPERATION."""
    parameters: list[dict[str, Any]] = []
    if operation.query is not None:
        schema = operation.query.model_json_schema()
        for name, prop in schema["properties"].items():
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": name in schema.get("required", ()),
                    "description": prop.pop("description", ""),
                    "schema": prop,
                }
            )
    if operation.claimreview:
        parameters.append(
            {
                "name": "format",
                "in": "query",
                "required": False,
                "description": "claimreview answers schema.org ClaimReview JSON-LD, as does "
                "Accept: application/ld+json.",
                "schema": {"type": "string", "enum": ["json", "claimreview"]},
            }
        )
    return parameters


def _responses(operation: Operation, statuses: tuple[int, ...]) -> dict[str, Any]:
    """Return the responses of OPERATION: its result, then each error it can answer."""
    response = {"$ref": REF.format(model=schema_name(operation.response))}
    content = {operation.media_type: {"schema": response}}
    if operation.claimreview:
        content[JSONLD] = {"schema": {"$ref": REF.format(model=operation.claimreview)}}
    responses: dict[str, Any] = {
        str(operation.success): {
            "description": HTTP_STATUS_CODES[operation.success],
            "content": content,
        }
    }
    error = {JSON: {"schema": {"$ref": REF.format(model=ErrorResponse.__name__)}}}
    for status in sorted(set(statuses)):
        responses[str(status)] = {"description": HTTP_STATUS_CODES[status], "content": error}
    return responses


def _statuses(
    rule: Rule, operation: Operation, limited: set[str], secured: set[str]
) -> tuple[int, ...]:
    """Return the error statuses RULE can answer: from what it reads, limits and tokens."""
    statuses = ALWAYS + operation.errors
    if rule.endpoint.split(".", 1)[0] in secured:
        statuses += TOKEN_ERRORS
    if operation.body is not None:
        statuses += BODY_ERRORS
    if operation.query is not None:
        statuses += (422,)
    if rule.arguments:
        statuses += (404,)
    if rule.endpoint.split(".", 1)[0] in limited:
        statuses += (429, 503)  # past the rate limit; past the time budget
    return statuses


def _operation(
    rule: Rule, view: Callable[..., Any], operation: Operation, limited: set[str], secured: set[str]
) -> dict[str, Any]:
    """Return the OpenAPI operation object of RULE."""
    blueprint = rule.endpoint.split(".", 1)[0]
    details: dict[str, Any] = {
        "summary": (view.__doc__ or "").strip().splitlines()[0],
        "operationId": rule.endpoint.replace(".", "_"),
        "tags": [blueprint.removeprefix("api_")],
        "parameters": [
            {
                "name": arg,
                "in": "path",
                "required": True,
                "schema": {"type": "string"},
                "description": "The id, as the listing gives it.",
            }
            for arg in sorted(rule.arguments)
        ]
        + _query_parameters(operation),
        "responses": _responses(operation, _statuses(rule, operation, limited, secured)),
    }
    if blueprint in secured:
        details["security"] = [{SCHEME: []}]
    if operation.body is not None:
        details["requestBody"] = {
            "required": True,
            "content": {JSON: {"schema": {"$ref": REF.format(model=schema_name(operation.body))}}},
        }
    return details


def _description(config: Config) -> str:
    """Describe the API and the limits CONFIG sets."""
    return (
        "Check claims against a sourced fact store and browse its facts. Every error has the "
        "shape of the ErrorResponse schema. Limits: a claim up to "
        f"{config['MAX_CLAIM_CHARS']} characters, a batch up to {config['MAX_BATCH_CLAIMS']} "
        f"claims, a body up to {config['MAX_CONTENT_LENGTH']} bytes (413 past them); the "
        f"check endpoints allow {config['RATELIMIT_CHECK']} per client (429 past it), a "
        "batch costing one unit per claim and a text one per sentence, and stop a request "
        f"after {config['CHECK_BUDGET_SECONDS']:g} seconds (503). "
        "Writes and the audit log need a token, sent as Authorization: Bearer <token> "
        "(401 without a valid one, 403 with a revoked one)."
    )


def build_document(app: Flask) -> dict[str, Any]:
    """Build the OpenAPI document of APP's documented /api routes."""
    spec = APISpec(
        title="Claim verifier API",
        version=version("claim-verifier"),
        openapi_version="3.1.0",
        info={"description": _description(app.config)},
    )
    models: set[tuple[type[Any], JsonSchemaMode]] = {
        (ErrorResponse, "serialization"),
        (CheckedClaim, "serialization"),
    }
    limited = set(app.extensions.get(LIMITED, ()))
    secured = set(app.extensions.get(SECURED, ()))
    if secured:
        spec.components.security_scheme(
            SCHEME,
            {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from `verifier tokens create NAME`.",
            },
        )
    # The versioned API first, then the documents about it.
    for rule in sorted(
        app.url_map.iter_rules(), key=lambda r: (not r.rule.startswith("/api/v1"), r.rule)
    ):
        view = app.view_functions[rule.endpoint]
        operation: Operation | None = getattr(view, ATTRIBUTE, None)
        if not rule.rule.startswith("/api") or operation is None:
            continue
        if operation.body is not None:
            models.add((operation.body, "validation"))
        if not isinstance(operation.response, str):
            models.add((operation.response, "serialization"))
        details = _operation(rule, view, operation, limited, secured)
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        spec.path(
            path=openapi_path(rule.rule), operations={method.lower(): details for method in methods}
        )
    for name, schema in sorted(component_schemas(models).items()):
        spec.components.schema(name, schema)
    return spec.to_dict()


def document(app: Flask) -> dict[str, Any]:
    """Return APP's OpenAPI document, built once per app."""
    if EXTENSION not in app.extensions:
        app.extensions[EXTENSION] = build_document(app)
    cached: dict[str, Any] = app.extensions[EXTENSION]
    return cached
