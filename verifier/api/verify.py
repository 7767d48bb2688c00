"""POST /api/v1/verify and /api/v1/verify/batch: check claims against the store."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from verifier.api.spec import documented
from verifier.budget import Budget
from verifier.data.claimreview import claim_review, jsonld, wants_claimreview
from verifier.data.requests import read_json
from verifier.data.reviews import CheckedClaim, already_checked, with_already_checked
from verifier.data.schemas import BatchRequest, VerifyRequest
from verifier.extensions import Store

bp = Blueprint("api_verify", __name__, url_prefix="/api/v1")


def _json(data: object) -> Response:
    """Return DATA as JSON that varies with Accept, since Accept can ask for ClaimReview."""
    response = jsonify(data)
    response.vary.add("Accept")
    return response


@bp.post("/verify")
@documented(CheckedClaim, body=VerifyRequest, claimreview="ClaimReview")
def verify() -> Response:
    """Check one claim: verdict, confidence, explanation and citations."""
    body = read_json(VerifyRequest)
    as_claimreview = wants_claimreview()
    result = Store.verifier().check(body.claim, as_of=body.as_of)
    if as_claimreview:
        return jsonld(claim_review(result, str(body.url) if body.url else None))
    return _json(with_already_checked(result, already_checked([result], when=body.as_of)[0]))


@bp.post("/verify/batch")
@documented("BatchResults", body=BatchRequest, claimreview="ClaimReviewGraph")
def verify_batch() -> Response:
    """Check many claims; results come back in the order sent, each with its id."""
    body = read_json(BatchRequest)
    as_claimreview = wants_claimreview()
    verifier = Store.verifier()
    budget = Budget(current_app.config["CHECK_BUDGET_SECONDS"])
    checked = []
    for item in body.claims:
        checked.append((item, verifier.check(item.claim, as_of=body.as_of)))
        budget.spend()
    if as_claimreview:
        return jsonld(
            {
                "@graph": [
                    {
                        "identifier": item.id,
                        **claim_review(result, str(item.url) if item.url else None),
                    }
                    for item, result in checked
                ]
            }
        )
    past = already_checked([result for _item, result in checked], when=body.as_of)
    return _json(
        {
            "results": [
                {"id": item.id, **with_already_checked(result, found)}
                for (item, result), found in zip(checked, past, strict=True)
            ]
        }
    )
