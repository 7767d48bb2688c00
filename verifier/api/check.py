"""POST /api/v1/check: check a claim or a whole draft sentence by sentence, as the page does."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel, ConfigDict, Field

from verifier.api.spec import documented
from verifier.data.check import CheckRequest, check_text, claim_reviews
from verifier.data.claimreview import jsonld, wants_claimreview
from verifier.data.requests import read_json
from verifier.data.reviews import CheckedClaim, PastCheckModel

bp = Blueprint("api_check", __name__, url_prefix="/api/v1")

# The models below only describe DraftResult.to_dict() for the OpenAPI document; extra="forbid"
# makes the document's schemas refuse keys they do not name, so the tests catch any drift.
# CheckedSentence leaves it out: pydantic would pass it on to the CheckedClaim dataclass and so
# to the CheckedClaim schema the batch answer extends with an id.


class RankedClaim(BaseModel):
    """A claim in the summary's reading order: the contradicted first, then unknown, supported."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(description="Offset of the claim's first character in the text.")
    end: int = Field(description="Offset just past the claim's last character.")
    claim: str
    verdict: str
    disputed: bool
    explanation: str
    suggestion: str | None = Field(
        description="For a contradicted claim, its sentence with the sources' values put in, "
        "ready to copy; null where no single correction can be written."
    )


class DraftSummary(BaseModel):
    """How many sentences, checkable sentences and claims the text has, and their verdicts."""

    model_config = ConfigDict(extra="forbid")

    sentences: int
    checkable: int
    claims: int
    verdicts: dict[str, int] = Field(description="Claims per verdict, contradicted first.")
    not_verified: int = Field(
        description="Figures and dates read in the text that no decided claim rests on."
    )
    relative_dates: int = Field(
        description='Dates read against as_of: "the 31st", "this year", "last June".'
    )
    already_checked: int = Field(
        description="Sentences that very likely repeat a past fact check (see already_checked)."
    )
    ranked: list[RankedClaim]


class ReadValueModel(BaseModel):
    """A figure or date read in a sentence, and whether a decided claim rests on it."""

    model_config = ConfigDict(extra="forbid", title="ReadValue")

    start: int
    end: int
    text: str
    kind: str = Field(description='"figure" or "date".')
    verified: bool = Field(description="Whether a supported or contradicted claim rests on it.")
    read_as: str | None = Field(
        description="For a relative date, the day or span it was read as; else null."
    )


class CheckedSentence(BaseModel):
    """One sentence of the text: where it is, whether it is checkable and why, and its claims."""

    start: int
    end: int
    text: str
    checkable: bool
    reason: str = Field(description="Why the sentence is or is not checkable, in a few words.")
    verdict: str | None = Field(
        description="The worst verdict among its claims (contradicted, unknown, supported); "
        "null when it holds none. Captions, bylines and headings hold none."
    )
    claims: list[CheckedClaim] = Field(
        description="Each claim, its offsets into the text; its already_checked is its sentence's."
    )
    already_checked: list[PastCheckModel] = Field(
        description="The past fact checks the sentence very likely repeats, whether or not "
        "the store can check it; none for a caption, byline or heading."
    )
    values: list[ReadValueModel] = Field(description="Every figure and date read in it.")


class DraftCheck(BaseModel):
    """A checked text: a summary, then every sentence with its claims; offsets index the text."""

    model_config = ConfigDict(extra="forbid")

    as_of: str = Field(description="The reference date the text was read at.")
    dated: bool = Field(
        description="Whether as_of was given; if not, the text was read as of today."
    )
    suggested_as_of: str | None = Field(
        description="For an undated text with relative dates: the day its dateline gives, "
        "to check it again as of; null otherwise."
    )
    summary: DraftSummary
    sentences: list[CheckedSentence]


@bp.post("/check")
@documented(DraftCheck, body=CheckRequest, claimreview="ClaimReviewGraph")
def check() -> Response:
    """Check a claim or a whole draft: its sentences, every claim's verdict and offsets."""
    body = read_json(CheckRequest)
    as_claimreview = wants_claimreview()
    checked = check_text(body)
    if as_claimreview:
        return jsonld(claim_reviews(checked.result))
    response = jsonify(checked.to_dict())
    # Accept can ask for ClaimReview instead, so caches must key on it.
    response.vary.add("Accept")
    return response
