"""Reading past fact checks: ClaimReview JSON-LD in each shape, JSON Lines, bad records."""

from __future__ import annotations

import json
from typing import Any

import pytest

from verifier.reviews.read import BadRecord, ReviewRecord, normalise_rating, read_reviews

REVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "@id": "https://checks.example/2024/bridge#review",
    "claimReviewed": "The  Golden Gate Bridge\nis painted gold.",
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Pants on Fire",
    },
    "url": "https://checks.example/2024/bridge",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "datePublished": "2024-03-01T10:00:00Z",
    "headline": "No, the bridge is orange",
    "inLanguage": "en",
}
EXPECTED = ReviewRecord(
    id="https://checks.example/2024/bridge#review",
    claim="The Golden Gate Bridge is painted gold.",
    rating="Pants on Fire",
    verdict="false",
    title="No, the bridge is orange",
    url="https://checks.example/2024/bridge",
    publisher="Example Checks",
    published="2024-03-01",
    language="en",
)


@pytest.mark.parametrize(
    "data",
    [REVIEW, [REVIEW], {"@context": "https://schema.org", "@graph": [REVIEW]}],
    ids=["object", "list", "graph"],
)
def test_claimreview_reads_in_every_published_shape(data: Any) -> None:
    assert read_reviews(json.dumps(data), format="claimreview") == ([EXPECTED], [])


def test_the_google_fact_check_api_answer_reads_claim_by_claim() -> None:
    answer = {
        "claims": [
            {
                "text": "Drinking hot water cures the flu",
                "claimant": "a post",
                "claimReview": [
                    {
                        "publisher": {"name": "Health Checks", "site": "health.example"},
                        "url": "https://health.example/hot-water",
                        "title": "Hot water does not cure the flu",
                        "reviewDate": "2021-01-02T00:00:00Z",
                        "textualRating": "Mostly False",
                        "languageCode": "en",
                    },
                    {"url": "https://other.example/flu", "textualRating": "Unproven"},
                ],
            }
        ]
    }
    found, bad = read_reviews(json.dumps(answer), format="claimreview")
    assert bad == []
    assert [(r.id, r.publisher, r.verdict, r.published) for r in found] == [
        ("https://health.example/hot-water", "Health Checks", "mostly false", "2021-01-02"),
        ("https://other.example/flu", None, "other", None),
    ]
    assert {r.claim for r in found} == {"Drinking hot water cures the flu"}


def test_json_lines_read_with_each_bad_line_named() -> None:
    text = "\n".join(
        [
            json.dumps(
                {
                    "id": "a",
                    "claim": "Cats sleep 16 hours a day.",
                    "date": "26 May 2015",
                    "rating": "Mostly True",
                    "publisher": "Pet Checks",
                }
            ),
            "",
            json.dumps({"id": "b"}),
            "{not json",
            json.dumps({"id": "c", "claim": "x", "url": "javascript:alert(1)"}),
            json.dumps({"id": "d", "claim": "x", "date": "someday"}),
            json.dumps({"id": "e", "claim": "x", "colour": "red"}),
            json.dumps(["id", "claim"]),
        ]
    )
    found, bad = read_reviews(text, format="jsonl")
    assert found == [
        ReviewRecord(
            id="a",
            claim="Cats sleep 16 hours a day.",
            rating="Mostly True",
            verdict="mostly true",
            publisher="Pet Checks",
            published="2015-05-26",
        )
    ]
    assert [b.where for b in bad] == ["line 3", "line 4", "line 5", "line 6", "line 7", "line 8"]
    assert bad[0].message == 'missing field "claim"'
    assert bad[1].message.startswith("not valid JSON")
    assert "not an http:// or https:// address" in bad[2].message
    assert "is not a date" in bad[3].message
    assert bad[4].message == "unknown field 'colour'"
    assert bad[5].message == "not a JSON object"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("{", "line 1", "not valid JSON"),
        ('{"@type": "WebPage"}', "the file", "holds no ClaimReview"),
        ('[{"@type": "ClaimReview"}]', "item 1", 'missing field "claimReviewed"'),
        ('[{"@type": "ClaimReview", "claimReviewed": ["a"]}]', "item 1", "must be text"),
        ('{"claims": [{"text": "x"}]}', "claims[1]", "not a ClaimReview"),
        ("7", "the file", "not a ClaimReview"),
    ],
)
def test_a_bad_claimreview_file_names_the_record(text: str, where: str, message: str) -> None:
    found, bad = read_reviews(text, format="claimreview")
    assert found == []
    assert [b.where for b in bad] == [where] and message in bad[0].message
    assert isinstance(bad[0], BadRecord)


@pytest.mark.parametrize(
    ("words", "number", "verdict"),
    [
        ("False", None, "false"),
        ("Pants on Fire!", None, "false"),
        ("Not true", None, "false"),
        ("Mostly false", None, "mostly false"),
        ("Half True", None, "mixed"),
        ("MOSTLY TRUE", None, "mostly true"),
        ("True", None, "true"),
        ("Unproven", None, "other"),
        ("Satire", 3, "mixed"),  # words off the scale: the number decides
        (None, 1, "false"),
        (None, 5, "true"),
        (None, 9, "other"),
        (None, None, "other"),
    ],
)
def test_ratings_read_on_one_scale(words: str | None, number: int | None, verdict: str) -> None:
    assert normalise_rating(words, number, 5, 1) == verdict


def test_a_review_without_id_or_url_gets_a_stable_id() -> None:
    review = {k: v for k, v in REVIEW.items() if k not in ("@id", "url")}
    first = read_reviews(json.dumps(review), format="claimreview")[0][0]
    again = read_reviews(json.dumps([review]), format="claimreview")[0][0]
    assert first.id == again.id and first.id.startswith("review-")
