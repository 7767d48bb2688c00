"""POST /api/v1/reviews: import past fact checks (ClaimReview or JSON Lines), with a token.

The same import as `verifier reviews import`: every record is read first, and nothing is
written while one is bad, unless skip_bad asks for the good ones; each change is audited.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from verifier.api.auth import token_name
from verifier.api.spec import documented
from verifier.data.requests import import_refused, read_json
from verifier.data.reviews import ImportRefused, ReviewsImport, ReviewsImported, import_reviews

bp = Blueprint("api_review_imports", __name__, url_prefix="/api/v1")


@bp.post("/reviews")
@documented(ReviewsImported, body=ReviewsImport)
def import_past_checks() -> Response:
    """Import past fact checks; one imported again (same id or URL) is updated, not doubled."""
    body = read_json(ReviewsImport)
    try:
        report = import_reviews(body, token=token_name())
    except ImportRefused as exc:
        hint = "" if body.skip_bad else " (skip_bad imports the good ones)"
        raise import_refused(exc.bad, what="bad record(s)", hint=hint) from None
    # 200, not 201: the import is an action with a report; each review has its own URL.
    return jsonify(report)
