"""Past fact checks a claim matches: the index, and the records each match points to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from verifier.reviews.match import (
    ALREADY_CHECKED,
    ReviewIndex,
    ReviewText,
    says_more_than_names,
)
from verifier.reviews.read import ReviewRecord

# How many past checks a result shows at most: more would bury the verdict under pointers.
SHOWN = 3
# How many of BM25's best the check of a claim ranks again: on the CLEF development tweets
# 10 keeps every match above ALREADY_CHECKED that 50 finds, at under half the time, which
# counts in a draft of hundreds of sentences.
CHECK_CANDIDATES = 10


@dataclass(frozen=True, slots=True)
class PastCheck:
    """A past fact check a claim matched, and how closely (0 to 1)."""

    review: ReviewRecord
    score: float

    def to_dict(self) -> dict[str, Any]:
        """Return the match as plain JSON-ready data."""
        review = self.review
        return {
            "id": review.id,
            "score": self.score,
            "claim": review.claim,
            "title": review.title,
            "url": review.url,
            "rating": review.rating,
            "verdict": review.verdict,
            "publisher": review.publisher,
            "published": review.published,
        }


class PastChecks:
    """Every stored review, indexed to find the ones a claim repeats."""

    def __init__(self, records: Sequence[ReviewRecord], *, version: int = 0) -> None:
        """Index RECORDS, the reviews at store VERSION."""
        self.version = version
        self._records = {record.id: record for record in records}
        self._index = ReviewIndex(
            [
                ReviewText(r.id, r.claim, title=r.title, summary=r.summary, published=r.published)
                for r in records
            ]
        )

    def __len__(self) -> int:
        """Return how many reviews are indexed."""
        return len(self._records)

    def search(
        self,
        text: str,
        *,
        top: int = 5,
        candidates: int | None = None,
        when: date | None = None,
    ) -> list[PastCheck]:
        """Return the TOP reviews closest to TEXT (said on WHEN, if known), best first."""
        return [
            PastCheck(self._records[match.id], match.score)
            for match in self._index.search(text, top=top, candidates=candidates, when=when)
        ]

    def already_checked(self, text: str, *, when: date | None = None) -> list[PastCheck]:
        """Return the reviews TEXT very likely repeats: close enough, and not by names alone."""
        if not self._records:
            return []
        found = self.search(text, top=SHOWN, candidates=CHECK_CANDIDATES, when=when)
        return [
            past
            for past in found
            if past.score >= ALREADY_CHECKED and says_more_than_names(text, past.review.claim)
        ]

    def already_checked_each(
        self, texts: Sequence[str], *, when: date | None = None
    ) -> list[list[PastCheck]]:
        """Return, for each of TEXTS, the reviews it very likely repeats (a text repeated, once)."""
        found = {text: self.already_checked(text, when=when) for text in dict.fromkeys(texts)}
        return [found[text] for text in texts]
