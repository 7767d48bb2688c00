"""Tell whether a sentence states a checkable fact, and say why in a few words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from verifier.core.dates import find_dates
from verifier.core.engine import Verifier
from verifier.core.explain import join_names as join_prose
from verifier.core.model import ValueKind
from verifier.core.result import CheckResult
from verifier.core.values import find_quantities

# What a claim states, by the kind of the attribute it reads a value for.
_STATES = {
    ValueKind.COUNT: "a figure",
    ValueKind.QUANTITY: "a figure",
    ValueKind.MONEY: "a figure",
    ValueKind.PERCENT: "a figure",
    ValueKind.DATE: "a date",
    ValueKind.PLACE: "a place",
    ValueKind.LIST: "a membership or role",
    ValueKind.TEXT: "a fact",
}
_ORDER = ("a figure", "a date", "a place", "a membership or role", "an event", "a fact")

_F = re.IGNORECASE
# A quotation of at least a few words, in double or single quotes; a single quote only
# opens after a space or the start and closes before a non-letter, so "SCO's" is no quote.
_QUOTATION = re.compile(
    r"[\"“”]\s*\w[^\"“”]{10,}[\"“”]|(?<!\w)['‘]\w[^'‘’]{10,}?[.,!?\w]['’](?!\w)"
)
_REPORTED = re.compile(
    r"\b(?:sa(?:y|ys|id)|claim(?:s|ed)?|stated|not(?:es|ed)|add(?:s|ed|ing)|"
    r"cit(?:es|ed)|argu(?:es|ed)|pointed\s+out|told|wrote|asked)\b",
    _F,
)
_OPINION = re.compile(
    r"\b(?:critics?|criticis(?:m|ms|ed|es)|criticiz(?:ed|es)|experts?|analysts?|"
    r"analy[sz](?:ed|es)|believ(?:e|es|ed)|think|thinks|argu(?:e|es|ed)|opinion|"
    r"sees?|seem(?:s|ed)?|appears?|arguably|perhaps|should|must|merely|mere)\b",
    _F,
)
_PREDICTION = re.compile(
    r"\b(?:will|won['’]t|likely|expected\s+to|going\s+to|could|(?-i:may)|might|aims?\s+to|"
    r"plans?\s+to|set\s+to|is\s+to|are\s+to)\b",
    _F,
)  # "may", never the month "May"
# Full stops, including the ideographic and full-width ones.
_FINAL_STOP = re.compile(r"[.!?…\u3002\uff01\uff1f][\"”’'»)\]]*$")


@dataclass(frozen=True, slots=True)
class Judgement:
    """Whether a sentence is checkable, and the short reason an editor reads."""

    checkable: bool
    reason: str


def judge(
    verifier: Verifier, sentence: str, claims: Sequence[CheckResult], *, as_of: date
) -> Judgement:
    """Judge SENTENCE, given the CLAIMS the engine found in it."""
    states = _stated(verifier, sentence, claims, as_of)
    view = _view(sentence)
    if states:
        what = join_prose(states)
        reason = f"{view}, but states {what}" if view else f"states {what}"
        if not claims:
            reason += "; no claim the store covers was found"
        return Judgement(True, reason)
    if not _FINAL_STOP.search(sentence):
        return Judgement(False, "a heading or caption with nothing to check")
    if view:
        return Judgement(False, view)
    return Judgement(False, "no figure, date, place, membership or event to check")


def _stated(
    verifier: Verifier, sentence: str, claims: Sequence[CheckResult], as_of: date
) -> list[str]:
    """Return what the sentence states that a fact-checker could verify, in a fixed order."""
    found: set[str] = set()
    index = verifier.index
    for claim in claims:
        for span in claim.spans:
            if span.role == "attribute" and span.ref in index.attributes:
                found.add(_STATES[index.attributes[span.ref].kind])
        if any(
            index.entities[s].kind in index.vocabulary.event_kinds
            for s in claim.subjects
            if s in index.entities
        ):
            found.add("an event")
    # Figures and dates the store knows nothing about are still facts an editor can check.
    nouns = index.vocabulary.event_nouns
    if find_quantities(sentence, event_nouns=nouns):
        found.add("a figure")
    if find_dates(sentence, reference=as_of, event_nouns=nouns):
        found.add("a date")
    return [s for s in _ORDER if s in found]


def _view(sentence: str) -> str | None:
    """Name what makes the sentence a view rather than a statement of fact, if anything."""
    quoted = _QUOTATION.search(sentence)
    if quoted is not None and (
        _REPORTED.search(sentence) or len(quoted.group()) > len(sentence) / 2
    ):
        return "a quoted view"
    if sentence.rstrip(" \"”’'").endswith(("?", "!")):
        return "rhetoric (a question or exclamation)"
    for pattern, label in ((_OPINION, "an opinion"), (_PREDICTION, "a prediction")):
        marker = pattern.search(sentence)
        if marker is not None:
            return f"{label} (“{marker.group()}”)"
    return None
