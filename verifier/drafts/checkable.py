"""Tell whether a sentence states a checkable fact, and say why in a few words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verifier.core.engine import Verifier
from verifier.core.explain import join_names as join_prose
from verifier.core.model import ValueKind
from verifier.core.result import CheckResult

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
# A photo caption names where people stand or credits the picture: "(left)", "(L-R)",
# "/Courtesy of Yonhap", "Photo: AP", "REUTERS/Jane Doe", "(Getty Images)". Single letters
# such as "(R)" are left out: in running text they are a politician's party.
_CAPTION = re.compile(
    r"\((?:left|right|cent(?:er|re)|L-R|R-L|left\s+to\s+right|right\s+to\s+left|"
    r"(?:second\s+|third\s+)?from\s+(?:left|right))\)"
    r"|\b(?:courtesy\s+of|photo(?:graph)?\s*(?:by\b|:|credit)|image\s*(?:by\b|:|credit)"
    r"|credit:|getty\s+images|file\s+photo)"
    r"|(?-i:\b[A-Z]{3,}/[A-Z][a-z]+ [A-Z][a-z]+)",
    _F,
)
_BYLINE = re.compile(r"^(?:by|written\s+by|reporting\s+by)\s+\D+$", _F)
# Words a title leaves in lower case ("Founding of the SCO").
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)
# A list item, which may lack a full stop and is still a claim: "- The SCO has 10 members".
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–—]|\d{1,2}[.)])\s")
# Full stops, including the ideographic and full-width ones.
_FINAL_STOP = re.compile(r"[.!?…\u3002\uff01\uff1f][\"”’'»)\]]*$")


@dataclass(frozen=True, slots=True)
class Judgement:
    """Whether a sentence is checkable, and the short reason an editor reads."""

    checkable: bool
    reason: str


def judge(
    verifier: Verifier,
    sentence: str,
    claims: Sequence[CheckResult],
    *,
    figures: bool,
    dates: bool,
) -> Judgement:
    """Judge SENTENCE, given the CLAIMS the engine found and whether it holds FIGURES or DATES."""
    states = _stated(verifier, claims, figures=figures, dates=dates)
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


def fragment(line: str, *, alone: bool) -> str | None:
    """Say why LINE, a whole line of a draft, is a caption, byline or heading; None if prose.

    A fragment's words are no claim the writer makes: a caption's "(left)" or a heading's
    "India and Pakistan Join" would otherwise get verdicts. A text of one line is always
    the claim the editor asked about.
    """
    stripped = line.strip()
    if alone or not stripped:
        return None
    if _CAPTION.search(stripped):
        return "a photo caption or credit, not a sentence of the story"
    if _FINAL_STOP.search(stripped) or _LIST_ITEM.match(stripped):
        return None
    if _BYLINE.match(stripped):
        return "a byline, not a sentence of the story"
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", stripped) if w.lower() not in _MINOR_WORDS]
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "a heading, not a sentence of the story"
    return None


def _stated(
    verifier: Verifier, claims: Sequence[CheckResult], *, figures: bool, dates: bool
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
    if figures:
        found.add("a figure")
    if dates:
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
