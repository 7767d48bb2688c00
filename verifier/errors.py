"""One JSON error shape for every error under /api: {"error": {status, code, message, field}}."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from verifier.budget import OverBudget

API_PREFIX = "/api"

# A stable code per status, so clients can branch without parsing messages.
CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(HTTPException):
    """An HTTP error with a code and, for validation, the field that failed."""

    def __init__(
        self, status: int, message: str, *, field: str | None = None, code: str | None = None
    ) -> None:
        """Describe the error: STATUS, a MESSAGE a developer can act on, and the FIELD."""
        super().__init__(description=message)
        self.code = status
        self.error_code = code or CODES.get(status, "error")
        self.field = field


def error_body(status: int, code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """Return the error shape every JSON error uses."""
    return {"error": {"status": status, "code": code, "message": message, "field": field}}


def _message(error: HTTPException) -> str:
    """Return a message that tells the caller what to change."""
    status = error.code or 500
    if isinstance(error, ApiError):
        return error.description or ""
    if status == 404:
        return (
            f"No resource at {request.method} {request.path}; "
            "the routes are listed in /api/openapi.json."
        )
    if isinstance(error, MethodNotAllowed):
        allowed = ", ".join(error.valid_methods or [])
        return f"{request.method} is not allowed on {request.path}; use {allowed}."
    if status == 413:
        limit = request.max_content_length
        return f"The request body is larger than the limit of {limit} bytes."
    if status == 429:
        return (
            f"Too many requests (the limit is {error.description}); retry after the "
            "seconds the Retry-After header gives."
        )
    if status == 500:
        # Never echo the exception: it may carry internals. Flask has logged it.
        return "The server failed to answer this request; the error has been logged."
    return error.description or (error.name or "Error")


def handle_http_error(error: HTTPException) -> HTTPException | tuple[Response, int]:
    """Answer errors under /api in the JSON shape; leave pages their HTML error."""
    if not request.path.startswith(API_PREFIX):
        return error
    status = error.code or 500
    code = error.error_code if isinstance(error, ApiError) else CODES.get(status, "error")
    field = error.field if isinstance(error, ApiError) else None
    response = jsonify(error_body(status, code, _message(error), field))
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response, status


def _over_budget(error: OverBudget) -> HTTPException | tuple[Response, int]:
    """Answer a check that ran out of time with 503 and the budget it spent."""
    return handle_http_error(ApiError(503, str(error), code="over_budget"))


def init_app(app: Flask) -> None:
    """Register the JSON error handlers on APP."""
    app.register_error_handler(OverBudget, _over_budget)
    # Unhandled exceptions reach this handler too, as InternalServerError, unless Flask
    # propagates them (in testing), so a crash under /api still answers in the JSON shape.
    app.register_error_handler(HTTPException, handle_http_error)
