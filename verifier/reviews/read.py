"""Read past fact checks as fact-checkers publish them: ClaimReview JSON-LD, the Google Fact
Check Tools API's answer, or JSON Lines; each record plain, each bad one named by its place."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from verifier.core.dates import parse_date
from verifier.jsonlines import json_objects

Format = Literal["claimreview", "jsonl"]
FORMATS: tuple[Format, ...] = ("claimreview", "jsonl")
# The scale every rating is read on, worst first; "other" is any rating off the scale.
SCALE = ("false", "mostly false", "mixed", "mostly true", "true")
OTHER = "other"
# What a review's fields may hold at most: a claim is a sentence or a paragraph, not a page.
MAX_CLAIM_CHARS = 5_000
MAX_FIELD_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One past fact check: the claim it reviewed, its rating, and where it was published."""

    id: str
    claim: str
    rating: str | None = None  # the publisher's own words: "Pants on Fire", "Mostly false"
    verdict: str = OTHER  # the rating on SCALE, or "other"
    title: str | None = None
    summary: str | None = None  # a line under the title: what the check found, in brief
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, as precise as the publisher gave it
    language: str | None = None


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that cannot be read: where it is ("line 3", "item 2") and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        """Return where the record is and what is wrong, in one line."""
        return f"{self.where}: {self.message}"


def read_reviews(text: str, *, format: Format) -> tuple[list[ReviewRecord], list[BadRecord]]:
    """Return the reviews TEXT holds in FORMAT and every record that cannot be read."""
    if not text.strip():
        return [], [BadRecord("the file", "is empty: it holds no review")]
    if format == "jsonl":
        return _read_lines(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [BadRecord(f"line {exc.lineno}", f"not valid JSON: {exc.msg}")]
    found: list[ReviewRecord] = []
    bad: list[BadRecord] = []
    for where, item, claim in _claim_reviews(data):
        try:
            found.append(_from_claimreview(item, claim))
        except ValueError as exc:
            bad.append(BadRecord(where, str(exc)))
    if not found and not bad:
        bad.append(BadRecord("the file", "holds no ClaimReview (no @type ClaimReview, no claims)"))
    return found, bad


def normalise_rating(
    text: str | None, value: Any = None, best: Any = None, worst: Any = None
) -> str:
    """Return the rating on SCALE, from its words, else from its number; "other" if neither."""
    if text:
        words = " ".join(re.findall(r"[^\W_]+(?:-[^\W_]+)*", text.lower()))
        phrases = _rating_phrases()
        for phrase in sorted(phrases, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", words):
                return phrases[phrase]
    try:
        number, high, low = (
            float(value),
            float(best if best is not None else 5),
            float(worst if worst is not None else 1),
        )
    except (TypeError, ValueError):
        return OTHER
    if high == low or not min(low, high) <= number <= max(low, high):
        return OTHER
    # A 1-5 scale: 1 false, 2 mostly false, 3 mixed, 4 mostly true, 5 true.
    return SCALE[round((number - low) / (high - low) * (len(SCALE) - 1))]


@cache
def _rating_phrases() -> dict[str, str]:
    """Return each rating phrase of ratings.toml and the point of SCALE it stands for."""
    data = tomllib.loads(files(__package__).joinpath("ratings.toml").read_text(encoding="utf-8"))
    return {phrase: point for point, phrases in data["scale"].items() for phrase in phrases}


def _read_lines(text: str) -> tuple[list[ReviewRecord], list[BadRecord]]:
    """Read JSON Lines of reviews: "id" and "claim" required, every other field optional."""
    found: list[ReviewRecord] = []
    bad: list[BadRecord] = []
    for number, item in json_objects(text.splitlines()):
        where = f"line {number}"
        if isinstance(item, str):
            bad.append(BadRecord(where, item))
            continue
        unknown = set(item) - {
            "id",
            "claim",
            "title",
            "summary",
            "url",
            "date",
            "rating",
            "publisher",
            "author",
            "language",
        }
        try:
            if unknown:
                raise ValueError(f"unknown field {sorted(unknown)[0]!r}")
            rating = _text(item, "rating")
            found.append(
                ReviewRecord(
                    id=_required(item, "id", MAX_FIELD_CHARS),
                    claim=_required(item, "claim", MAX_CLAIM_CHARS),
                    rating=rating,
                    verdict=normalise_rating(rating),
                    title=_text(item, "title"),
                    summary=_text(item, "summary"),
                    url=_url(_text(item, "url")),
                    publisher=_text(item, "publisher"),
                    author=_text(item, "author"),
                    published=_date(_text(item, "date")),
                    language=_text(item, "language"),
                )
            )
        except ValueError as exc:
            bad.append(BadRecord(where, str(exc)))
    return found, bad


def _claim_reviews(data: Any) -> Iterator[tuple[str, dict[str, Any], dict[str, Any] | None]]:
    """Yield each ClaimReview in DATA with its place, and the Google API's claim around it."""
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        # The Google Fact Check Tools API: {"claims": [{"text", "claimReview": [...]}, ...]}.
        for i, claim in enumerate(data["claims"], start=1):
            reviews = claim.get("claimReview") if isinstance(claim, dict) else None
            if not isinstance(reviews, list) or not reviews:
                yield f"claims[{i}]", {}, None
                continue
            for j, review in enumerate(reviews, start=1):
                yield (
                    f"claims[{i}].claimReview[{j}]",
                    review if isinstance(review, dict) else {},
                    claim,
                )
        return
    items = data.get("@graph") if isinstance(data, dict) and "@graph" in data else data
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        yield "the file", {}, None
        return
    for i, item in enumerate(items, start=1):
        if isinstance(item, dict) and _is_claim_review(item):
            yield f"item {i}", item, None
        elif not isinstance(item, dict):
            yield f"item {i}", {}, None


def _is_claim_review(item: dict[str, Any]) -> bool:
    """Return whether ITEM's @type names ClaimReview."""
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "ClaimReview" for k in kinds)


def _from_claimreview(item: dict[str, Any], claim: dict[str, Any] | None) -> ReviewRecord:
    """Return the review ITEM states (CLAIM: the Google API's claim it belongs to)."""
    if not item:
        raise ValueError("not a ClaimReview object")
    if claim is not None:
        # The Google API's shape: the claim's text beside its reviews, fields in camelCase.
        text = _required(claim, "text", MAX_CLAIM_CHARS)
        publisher = _object(item.get("publisher"))
        rating = _text(item, "textualRating")
        url = _url(_text(item, "url"))
        return ReviewRecord(
            id=_review_id(item.get("@id"), url, text, publisher.get("name")),
            claim=text,
            rating=rating,
            verdict=normalise_rating(rating),
            title=_text(item, "title"),
            url=url,
            publisher=_text(publisher, "name") or _text(publisher, "site"),
            published=_date(_text(item, "reviewDate")),
            language=_text(item, "languageCode"),
        )
    text = _required(item, "claimReviewed", MAX_CLAIM_CHARS)
    rating_data = _object(item.get("reviewRating"))
    rating = _text(rating_data, "alternateName") or _text(rating_data, "name")
    author = _party(item.get("author"))
    url = _url(_text(item, "url"))
    # The fact-checker is the review's publisher, or its author when that is an organisation.
    organisation = _party(item.get("publisher"))[0] or (
        author[0] if author[1] != "Person" else None
    )
    return ReviewRecord(
        id=_review_id(item.get("@id"), url, text, organisation),
        claim=text,
        rating=rating,
        verdict=normalise_rating(
            rating,
            rating_data.get("ratingValue"),
            rating_data.get("bestRating"),
            rating_data.get("worstRating"),
        ),
        title=_text(item, "headline") or _text(item, "name"),
        url=url,
        publisher=organisation,
        author=author[0] if author[1] == "Person" else None,
        published=_date(_text(item, "datePublished")),
        language=_language(item.get("inLanguage")),
    )


def _object(value: Any) -> dict[str, Any]:
    """Return VALUE when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def _party(value: Any) -> tuple[str | None, str | None]:
    """Return the name and @type of an author or publisher (an object, a list, or a name)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return (value.strip() or None), None
    if isinstance(value, dict):
        kind = value.get("@type")
        return _text(value, "name"), kind if isinstance(kind, str) else None
    return None, None


def _language(value: Any) -> str | None:
    """Return a language code given as text or as a Language object."""
    if isinstance(value, dict):
        return _text(value, "alternateName") or _text(value, "name")
    return value.strip() or None if isinstance(value, str) else None


def _review_id(given: Any, url: str | None, claim: str, publisher: str | None) -> str:
    """Return the review's id: its @id, else its URL, else a digest of publisher and claim."""
    if isinstance(given, str) and given.strip():
        return given.strip()[:MAX_FIELD_CHARS]
    if url:
        return url
    digest = hashlib.sha256(f"{publisher or ''}\n{claim}".encode()).hexdigest()[:16]
    return f"review-{digest}"


def _required(item: dict[str, Any], key: str, most: int) -> str:
    """Return ITEM[KEY] as non-blank text of at most MOST characters, or say what is wrong."""
    value = _text(item, key, most)
    if value is None:
        raise ValueError(f'missing field "{key}"')
    return value


def _text(item: dict[str, Any], key: str, most: int = MAX_CLAIM_CHARS) -> str | None:
    """Return ITEM[KEY] as stripped text (None when missing or blank) of at most MOST characters."""
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be text, not {type(value).__name__}')
    value = " ".join(value.split())
    if len(value) > most:
        raise ValueError(f'"{key}" is {len(value):,} characters long; the limit is {most:,}')
    return value or None


def _url(value: str | None) -> str | None:
    """Return VALUE when it is an http(s) address; refuse anything else."""
    if value is not None and not re.match(r"https?://[^\s/]+", value, re.IGNORECASE):
        raise ValueError(f"url {value!r} is not an http:// or https:// address")
    return value


def _date(value: str | None) -> str | None:
    """Return VALUE as an ISO date ("2015-05-26") as precise as given; refuse what is no date."""
    if value is None:
        return None
    # A timestamp ("2021-03-06T12:00:00Z") dates the review by its day.
    day = re.match(r"\d{4}-\d{2}-\d{2}(?=T|\s|$)", value)
    parsed = parse_date(day.group() if day else value)
    if parsed is None:
        raise ValueError(f"date {value!r} is not a date (write it as YYYY-MM-DD)")
    return parsed.iso
