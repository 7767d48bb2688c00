"""The bodies the JSON API reads, validated by pydantic against the app's configured limits."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    Strict,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from verifier.config import DEFAULTS

# The only error type read_json answers with 413 instead of 422.
TOO_LARGE = "too_large"


def limit(info: ValidationInfo, key: str) -> int:
    """Return the limit KEY from the validation context (the app's config), else its default."""
    context: dict[str, Any] = info.context or {}
    return int(context.get(key) or DEFAULTS[key])


def _claim_within_limit(value: str, info: ValidationInfo) -> str:
    """Refuse a blank claim, and one longer than MAX_CLAIM_CHARS."""
    if not value.strip():
        raise PydanticCustomError("blank", "The claim is blank; send a sentence to check.")
    most = limit(info, "MAX_CLAIM_CHARS")
    if len(value) > most:
        raise PydanticCustomError(
            TOO_LARGE,
            "The claim is {length} characters long; the limit is {limit}. "
            "Send a draft to the draft check instead.",
            {"length": len(value), "limit": most},
        )
    return value


# Strict, so only "YYYY-MM-DD" is a date: lax mode would also take Unix timestamps.
Day = Annotated[
    date, Strict(), Field(description="The reference date, YYYY-MM-DD; today if left out.")
]
Claim = Annotated[
    str,
    # The pattern only documents "not blank"; the validator says so in words.
    Field(min_length=1, description="One sentence to check.", json_schema_extra={"pattern": r"\S"}),
    AfterValidator(_claim_within_limit),
]
Appearance = Annotated[
    HttpUrl,
    Field(description="Where the claim appeared; ClaimReview JSON-LD cites it as the appearance."),
]


class VerifyRequest(BaseModel):
    """A claim to check."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "claim": "The SCO has twelve member states.",
                    "as_of": "2025-08-28",
                    "url": "https://news.example/story",
                },
            ]
        },
    )

    claim: Claim
    as_of: Day | None = None
    url: Appearance | None = None


class BatchItem(BaseModel):
    """One claim of a batch, with the caller's id for it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, description="The caller's id, echoed back.")
    claim: Claim
    url: Appearance | None = None


class BatchRequest(BaseModel):
    """Claims to check in one request; results come back in the same order."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "claims": [
                        {"id": "p1", "claim": "The SCO has 10 member states."},
                        {"id": "p2", "claim": "The SCO was founded in 2001."},
                    ],
                    "as_of": "2025-08-28",
                },
            ]
        },
    )

    claims: list[BatchItem] = Field(min_length=1)
    as_of: Day | None = None

    @field_validator("claims", mode="before")
    @classmethod
    def _not_too_many(cls, value: Any, info: ValidationInfo) -> Any:
        """Refuse more than MAX_BATCH_CLAIMS claims before validating any of them."""
        most = limit(info, "MAX_BATCH_CLAIMS")
        if isinstance(value, list) and len(value) > most:
            raise PydanticCustomError(
                TOO_LARGE,
                "The batch has {count} claims; the limit is {limit}. Split it into batches.",
                {"count": len(value), "limit": most},
            )
        return value

    @field_validator("claims")
    @classmethod
    def _unique_ids(cls, value: list[BatchItem]) -> list[BatchItem]:
        """Refuse a batch where two claims share an id, since results are matched by id."""
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            if item.id in seen:
                raise PydanticCustomError(
                    "duplicate_id",
                    "The id {id!r} is used by claims {first} and {second}; ids must be unique.",
                    {"id": item.id, "first": seen[item.id], "second": index},
                )
            seen[item.id] = index
        return value


class FactQuery(BaseModel):
    """What to search the facts for, from the query string."""

    q: str = Field(default="", max_length=200, description="Words to find in a fact or its quote.")
    entity: str | None = Field(default=None, description="Only facts about this entity id.")
    attribute: str | None = Field(default=None, description="Only facts of this attribute id.")
    page: int = Field(default=1, ge=1, le=1_000_000, description="Page number, from 1.")


class ErrorDetail(BaseModel):
    """What went wrong, for a developer to act on."""

    status: int = Field(description="The HTTP status.")
    code: str = Field(description="A stable code, e.g. invalid, too_large, rate_limited.")
    message: str = Field(description="What went wrong and what to change.")
    field: str | None = Field(description="The failing field, e.g. claims[3].claim, or null.")


class ErrorResponse(BaseModel):
    """The shape of every error under /api."""

    error: ErrorDetail
