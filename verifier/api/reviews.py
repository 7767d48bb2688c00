"""GET /api/v1/reviews: search the past fact checks, and read one."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from verifier.api.spec import documented
from verifier.data.requests import read_args
from verifier.data.reviews import ReviewMatches, ReviewSearch, review_detail, search_reviews
from verifier.errors import ApiError
from verifier.store.models import ReviewPublic

bp = Blueprint("api_reviews", __name__, url_prefix="/api/v1")


@bp.get("/reviews")
@documented(ReviewMatches, query=ReviewSearch)
def reviews() -> Response:
    """Find the past fact checks closest to a claim (q), best first, each with its score."""
    return jsonify(search_reviews(read_args(ReviewSearch)))


# A path: a review's id is often its URL.
@bp.get("/reviews/<path:review_id>")
@documented(ReviewPublic)
def review(review_id: str) -> Response:
    """Return one past fact check with where it came from."""
    found = review_detail(review_id)
    if found is None:
        raise ApiError(
            404, f"No review with id {review_id!r}; find ids with GET /api/v1/reviews?q=."
        )
    return jsonify(found.model_dump(mode="json"))
