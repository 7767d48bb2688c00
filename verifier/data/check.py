"""What a check shows, on the check page and from POST /api/v1/check alike."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from typing import Annotated, Any

from flask import current_app
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from verifier.budget import Budget
from verifier.data.claimreview import claim_review
from verifier.data.reviews import already_checked
from verifier.data.schemas import TOO_LARGE, Day, limit
from verifier.drafts import DraftResult, DraftSentence, check_draft
from verifier.extensions import Store
from verifier.reviews.past import PastCheck

# The error type of a draft with nothing in it but blanks.
EMPTY = "empty"


def _draft_within_limit(value: str, info: ValidationInfo) -> str:
    """Refuse a draft that is blank or longer than MAX_DRAFT_CHARS."""
    if not value.strip():
        raise PydanticCustomError(EMPTY, "There is nothing to check: paste a claim or a draft.")
    most = limit(info, "MAX_DRAFT_CHARS")
    # Counted as the editor typed it: a form sends each line break as CR LF, one keystroke.
    length = len(value) - value.count("\r\n")
    if length > most:
        raise PydanticCustomError(
            TOO_LARGE,
            "The text is {length} characters long; the limit is {limit}. Check it in parts.",
            {"length": f"{length:,}", "limit": f"{most:,}"},
        )
    return value


Draft = Annotated[
    str,
    Field(
        description="One claim or a whole draft, not blank; it is split into sentences and "
        "every claim in them is checked. At most MAX_DRAFT_CHARS characters."
    ),
    AfterValidator(_draft_within_limit),
]


class CheckRequest(BaseModel):
    """A claim or a draft to check."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "The SCO has twelve member states. It was founded in 2001.",
                    "as_of": "2025-08-28",
                },
            ]
        },
    )

    text: Draft
    as_of: Day | None = None


@dataclass(frozen=True, slots=True)
class CheckedText:
    """A checked text, and for each of its sentences the past fact checks it repeats."""

    result: DraftResult
    past: list[list[PastCheck]]  # one list per sentence, in the text's order

    def past_by_number(self) -> dict[int, list[PastCheck]]:
        """Return the past fact checks of each claim's sentence, by claim number (from 1)."""
        numbers = count(1)
        return {
            next(numbers): past
            for sentence, past in zip(self.result.sentences, self.past, strict=True)
            for _claim in sentence.claims
        }

    def repeated(self) -> list[tuple[DraftSentence, list[PastCheck]]]:
        """Return each sentence that repeats a past fact check, with those checks."""
        return [
            (sentence, past)
            for sentence, past in zip(self.result.sentences, self.past, strict=True)
            if past
        ]

    def past_without_claims(self) -> list[tuple[DraftSentence, list[PastCheck]]]:
        """Return the sentences with no claim the store can check that repeat a past check."""
        return [(sentence, past) for sentence, past in self.repeated() if not sentence.claims]

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data, each sentence and claim with already_checked."""
        data = self.result.to_dict()
        sentences = []
        for sentence, past in zip(data["sentences"], self.past, strict=True):
            shown = [p.to_dict() for p in past]
            claims = [{**claim, "already_checked": shown} for claim in sentence["claims"]]
            sentences.append({**sentence, "already_checked": shown, "claims": claims})
        summary = {**data["summary"], "already_checked": len(self.repeated())}
        return {**data, "summary": summary, "sentences": sentences}


def check_text(body: CheckRequest) -> CheckedText:
    """Check every sentence of BODY's text as of its date, and find what was checked before."""
    budget = Budget(current_app.config["CHECK_BUDGET_SECONDS"])
    result = check_draft(Store.verifier(), body.text, as_of=body.as_of, budget=budget)
    return CheckedText(result, already_checked(result.sentences, when=body.as_of))


def claim_reviews(result: DraftResult) -> dict[str, Any]:
    """Return RESULT's claims as a ClaimReview graph, each identified as the page numbers it."""
    return {
        "@graph": [
            {"identifier": f"claim-{number}", **claim_review(claim)}
            for number, claim in enumerate(result.claims, start=1)
        ]
    }
