"""Verdicts as schema.org ClaimReview JSON-LD, for search engines and fact-check aggregators."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Response, current_app, jsonify, request, url_for

from verifier.core.result import CheckResult, SourceRef, Verdict
from verifier.errors import ApiError
from verifier.urls import public_url

JSONLD = "application/ld+json"
CONTEXT = "https://schema.org"
FORMATS = ("json", "claimreview")

# Schema.org wants a number; alternateName carries the verdict itself. Unknown sits in the
# middle of the scale, and readers should go by alternateName, not the number.
RATINGS = {Verdict.CONTRADICTED: 1, Verdict.UNKNOWN: 3, Verdict.SUPPORTED: 5}
WORST, BEST = 1, 5


def wants_claimreview() -> bool:
    """Return whether the caller asked for ClaimReview, by ?format= or by Accept."""
    chosen = request.args.get("format")
    if chosen is not None:
        if chosen not in FORMATS:
            raise ApiError(
                422, f"format: use one of {', '.join(FORMATS)}, not {chosen!r}.", field="format"
            )
        return chosen == "claimreview"
    return request.accept_mimetypes.best_match(["application/json", JSONLD]) == JSONLD


def _review_url(result: CheckResult) -> str:
    """Return the page showing what the verdict rests on: its first fact, else the subject's."""
    # The API keeps no page per verdict, so the review points at the evidence it read.
    if result.citations:
        path = url_for("facts.fact", fact_id=result.citations[0].fact_id)
    elif result.subjects:
        path = url_for("facts.index", entity=result.subjects[0])
    else:
        path = url_for("facts.index")
    return public_url(path)


def _organization() -> dict[str, Any]:
    """Return the publishing organisation from the config."""
    organization: dict[str, Any] = {
        "@type": "Organization",
        "name": current_app.config["ORGANIZATION_NAME"],
    }
    if current_app.config.get("ORGANIZATION_URL"):
        organization["url"] = current_app.config["ORGANIZATION_URL"]
    return organization


def claim_review(result: CheckResult, appearance: str | None = None) -> dict[str, Any]:
    """Return RESULT as a ClaimReview (without @context), the claim seen at APPEARANCE."""
    claim: dict[str, Any] = {"@type": "Claim"}
    if appearance:
        claim["appearance"] = [{"@type": "CreativeWork", "url": appearance}]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": _review_url(result),
        "claimReviewed": result.claim,
        "datePublished": datetime.now(UTC).date().isoformat(),
        "author": _organization(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[result.verdict],
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": result.verdict.value,
            "ratingExplanation": result.explanation,
        },
        "itemReviewed": claim,
    }
    sources = {c.source.id: c.source for c in result.citations}
    if sources:
        review["isBasedOn"] = [_work(s) for s in sources.values()]
    return review


def _work(source: SourceRef) -> dict[str, Any]:
    """Return a cited source as a CreativeWork, leaving out what the store does not know."""
    work = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url,
        "datePublished": source.published,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    return {key: value for key, value in work.items() if value is not None}


def jsonld(data: dict[str, Any]) -> Response:
    """Return DATA as a JSON-LD response in the schema.org context."""
    response = jsonify({"@context": CONTEXT, **data})
    response.mimetype = JSONLD
    response.vary.add("Accept")
    return response
