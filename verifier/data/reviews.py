"""Past fact checks as the API and the pages show them: search, import, and each claim's own."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from verifier.core.result import CheckResult
from verifier.data.schemas import Claim
from verifier.drafts import DraftSentence
from verifier.extensions import Store
from verifier.reviews.match import ALREADY_CHECKED
from verifier.reviews.past import PastCheck, PastChecks
from verifier.reviews.read import BadRecord, read_reviews
from verifier.store.db import session_scope
from verifier.store.models import Review, ReviewPublic
from verifier.store.reviews import ReviewsWritten, write_reviews

# The most matches a search lists.
MAX_TOP = 100


class PastCheckModel(BaseModel):
    """A past fact check a claim matched: where it is, how it was rated, and how close it is."""

    model_config = ConfigDict(extra="forbid", title="PastCheck")

    id: str
    score: float = Field(
        description=f"How closely the claim matches the reviewed one, 0 to 1; from "
        f"{ALREADY_CHECKED} on it is very likely the same claim."
    )
    claim: str = Field(description="The claim the fact-checker reviewed.")
    title: str | None
    url: str | None
    rating: str | None = Field(description="The publisher's own rating.")
    verdict: str = Field(
        description="The rating on one scale: false, mostly false, mixed, mostly true, true, other."
    )
    publisher: str | None
    published: str | None


@dataclass(slots=True)
class CheckedClaim(CheckResult):
    """The full answer for one claim, with the past fact checks it very likely repeats."""

    # Only describes the answer for the OpenAPI document: results are CheckResults, and
    # with_already_checked adds this field to their data.
    already_checked: list[PastCheckModel] = field(default_factory=list)


def _iso_day(value: Any) -> date:
    """Read a query string's day, written YYYY-MM-DD and nothing else."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)  # a day that does not exist raises ValueError
    raise ValueError("write the day as YYYY-MM-DD")


# A day in a query string: a field named "date" would hide the type inside its model.
QueryDay = Annotated[date, BeforeValidator(_iso_day)]


class ReviewSearch(BaseModel):
    """What to look for among the past fact checks."""

    model_config = ConfigDict(extra="forbid")

    q: Claim
    top: int = Field(default=10, ge=1, le=MAX_TOP, description="How many matches to list.")
    date: QueryDay | None = Field(
        default=None,
        description="When the claim was made, YYYY-MM-DD: checks published near it rank first.",
        json_schema_extra={"format": "date"},
    )


class ReviewMatches(BaseModel):
    """The past fact checks closest to a text, best first."""

    model_config = ConfigDict(extra="forbid")

    q: str
    threshold: float = Field(
        description="The score from which a match counts as already checked on results."
    )
    reviews: int = Field(description="How many past fact checks were searched.")
    matches: list[PastCheckModel]


class ReviewsImport(BaseModel):
    """Past fact checks to import, as fact-checkers publish them."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "format": "claimreview",
                    "content": {
                        "@context": "https://schema.org",
                        "@type": "ClaimReview",
                        "url": "https://example.org/checks/moon-cheese",
                        "claimReviewed": "The moon is made of cheese.",
                        "author": {"@type": "Organization", "name": "Example Checks"},
                        "datePublished": "2024-05-01",
                        "reviewRating": {"@type": "Rating", "alternateName": "False"},
                    },
                }
            ]
        },
    )

    format: Literal["claimreview", "jsonl"] = Field(
        default="claimreview",
        description="claimreview: ClaimReview JSON-LD (an object, a list, an @graph) or the "
        "Google Fact Check Tools API's answer; jsonl: records with id and claim.",
    )
    content: Any = Field(
        description="claimreview: the JSON itself (or its text); jsonl: JSON Lines text, or "
        "a list of records {id, claim, title?, summary?, url?, date?, rating?, publisher?}."
    )
    skip_bad: bool = Field(
        default=False, description="Import the good records and list the bad ones left out."
    )


class ReviewsImported(BaseModel):
    """What an import wrote: counts, the reviews' ids, and the bad records left out."""

    model_config = ConfigDict(extra="forbid")

    new: int
    updated: int
    unchanged: int
    ids: list[str] = Field(description="The ids the imported reviews are stored under.")
    skipped: list[str] = Field(description="Each bad record left out with skip_bad, located.")


class ImportRefused(Exception):
    """An import with bad records and no skip_bad: nothing was written."""

    def __init__(self, bad: list[BadRecord]) -> None:
        """Keep the bad records."""
        super().__init__(f"{len(bad)} bad record(s)")
        self.bad = bad


def search_reviews(search: ReviewSearch) -> dict[str, Any]:
    """Return the past fact checks closest to the search's text."""
    past = Store.reviews()
    return {
        "q": search.q,
        "threshold": ALREADY_CHECKED,
        "reviews": len(past),
        "matches": [m.to_dict() for m in past.search(search.q, top=search.top, when=search.date)],
    }


def import_reviews(body: ReviewsImport, *, token: str) -> dict[str, Any]:
    """Import the body's reviews for TOKEN, all or (with skip_bad) the good ones."""
    records, bad = read_reviews(_text(body), format=body.format)
    if bad and not body.skip_bad:
        raise ImportRefused(bad)
    if not records:
        raise ImportRefused(bad or [BadRecord("content", "holds no review")])
    written: ReviewsWritten = write_reviews(
        Store.engine(), records, origin=f"api:{token}", token=token
    )
    Store.reviews_changed()
    return {
        "new": written.new,
        "updated": written.updated,
        "unchanged": written.unchanged,
        "ids": list(written.ids),
        "skipped": [str(b) for b in bad],
    }


def already_checked(
    said: Sequence[CheckResult | DraftSentence],
    *,
    past: PastChecks | None = None,
    when: date | None = None,
) -> list[list[PastCheck]]:
    """Return, for each claim or sentence, the past fact checks it very likely repeats.

    PAST is the index to search (the current app's by default); WHEN is the day the text was
    written, when the caller gave it. A caption, byline or heading repeats none: its words
    are no claim the writer makes.
    """
    texts = [
        item.claim if isinstance(item, CheckResult) else item.text if item.prose else ""
        for item in said
    ]
    index = past if past is not None else Store.reviews()
    return index.already_checked_each(texts, when=when)


def with_already_checked(result: CheckResult, past: list[PastCheck]) -> dict[str, Any]:
    """Return RESULT as JSON-ready data with the past fact checks it repeats."""
    return {**result.to_dict(), "already_checked": [p.to_dict() for p in past]}


def _text(body: ReviewsImport) -> str:
    """Return the body's content as the text a file of its format would hold."""
    content = body.content
    if isinstance(content, str):
        return content
    if body.format == "jsonl" and isinstance(content, list):
        return "\n".join(json.dumps(item) for item in content)
    return json.dumps(content)


def review_detail(review_id: str) -> ReviewPublic | None:
    """Return the stored review with REVIEW_ID, or None."""
    with session_scope(Store.engine()) as session:
        row = session.get(Review, review_id)
        return None if row is None else ReviewPublic.model_validate(row)
