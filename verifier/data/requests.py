"""Read a request's JSON body or query string into a model, answering errors in the API's shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from flask import current_app, request
from pydantic import BaseModel, ValidationError

from verifier.data.schemas import TOO_LARGE
from verifier.errors import ApiError

M = TypeVar("M", bound=BaseModel)

# The config keys validators read their limits from.
LIMIT_KEYS = ("MAX_CLAIM_CHARS", "MAX_DRAFT_CHARS", "MAX_BATCH_CLAIMS")


def read_json(model: type[M]) -> M:
    """Parse and validate the JSON body as MODEL: 415, 413, 400 or 422 when it is not one."""
    if not request.is_json:
        raise ApiError(
            415,
            "Send the body as JSON with the header Content-Type: application/json "
            f"(got {request.mimetype or 'no Content-Type'}).",
        )
    # Past MAX_CONTENT_LENGTH this raises RequestEntityTooLarge (413) before reading the body.
    raw = request.get_data(cache=True)
    context = {key: current_app.config.get(key) for key in LIMIT_KEYS}
    try:
        return model.model_validate_json(raw, context=context)
    except ValidationError as exc:
        raise validation_error(exc) from None


def read_args(model: type[M]) -> M:
    """Validate the query string as MODEL: 422 naming the parameter when it is not one."""
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as exc:
        raise validation_error(exc) from None


# How many problems a refused import's message names; the count says how many more there are.
NAMED_PROBLEMS = 20


def import_refused(problems: Sequence[object], *, what: str, hint: str = "") -> ApiError:
    """Return the 422 of an import refused for PROBLEMS (of WHAT), naming the first of them."""
    named = "; ".join(str(p) for p in problems[:NAMED_PROBLEMS])
    more = len(problems) - NAMED_PROBLEMS
    return ApiError(
        422,
        f"{len(problems)} {what}; nothing was written{hint}: {named}"
        + (f" (and {more} more)" if more > 0 else ""),
        field="content",
    )


def validation_error(exc: ValidationError) -> ApiError:
    """Turn the first validation error into 400 (bad JSON), 413 (over a limit) or 422."""
    first = exc.errors(include_url=False)[0]
    field = field_path(first["loc"])
    message = first["msg"]
    if first["type"] == "json_invalid":
        return ApiError(400, f"The body is not valid JSON: {first['ctx']['error']}.")
    status = 413 if first["type"] == TOO_LARGE else 422
    return ApiError(status, f"{field or 'body'}: {message}", field=field)


def field_path(loc: tuple[Any, ...]) -> str | None:
    """Write a pydantic location as claims[3].claim, or None for the whole body."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or None
