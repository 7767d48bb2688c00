"""Read a claim: the entities, attribute phrases, values, negation and time it states."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from verifier.core.dates import DateMention, find_dates
from verifier.core.index import Index
from verifier.core.mentions import Mention, best_disjoint
from verifier.core.text import Token, tokenize
from verifier.core.values import Quantity, find_quantities

_NEGATION = re.compile(
    r"\b(?:not(?!\s+only\b)|never|no\s+longer|neither|nor)\b|n[’']t\b", re.IGNORECASE
)
# Words before a date that make it the time the claim speaks of, never the value it states.
_SCOPE_ONLY = re.compile(r"\b(?:by|as\s+of|through|until|till|during)\s*$", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:before|prior\s+to|earlier\s+than)\s*$", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|later\s+than)\s*$", re.IGNORECASE)
# Where one clause ends and another begins: "..., and", ";", "..., while", "..., but".
# "political, economic, and security cooperation" is a list, not a new clause: a comma
# and a conjunction break a clause only when a new subject follows.
_CLAUSE_BREAK = re.compile(
    r"[;:]|\s[—–]\s?|,\s+(?:and|but|while|whereas|although|though|as)\s+"
    r"(?=[A-Z0-9]|(?:the|its|their|it|they|this|these)\b)"
)
_PAST = frozenset({"had", "was", "were", "did", "used"})
_PRESENT = frozenset({"has", "have", "is", "are", "currently", "now", "today", "presently"})
# "when it was founded", "at its founding": the time of an event the store knows.
_AT_EVENT = re.compile(
    r"\b(?:when\s+(?:it|they|the\s+\w+)\s+(?:was|were)\s+(?P<verb>[^\W\d_]+)"
    r"|at\s+(?:its|their|the)\s+(?:time\s+of\s+(?:its\s+)?)?(?P<noun>[^\W\d_]+))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ClaimDate:
    """A date the claim states, with any "before" or "after" around it."""

    mention: DateMention
    relation: str  # "at", "before", "after" or "scope"

    @property
    def start(self) -> int:
        """Return where the date starts in the claim."""
        return self.mention.start

    @property
    def end(self) -> int:
        """Return where the date ends in the claim."""
        return self.mention.end


@dataclass(frozen=True, slots=True)
class Reading:
    """What the engine read in one claim."""

    text: str
    tokens: list[Token]
    entities: list[Mention]
    attributes: list[Mention]
    dates: list[ClaimDate]
    quantities: list[Quantity]
    negation: tuple[int, int] | None
    tense: str  # "present", "past" or "unmarked"
    event_scope: tuple[int, int, str] | None  # span and word of "when it was founded"
    clause_breaks: tuple[int, ...] = ()
    filler: tuple[bool, ...] = ()  # per token: a meaningful word outside names and values

    def token_at(self, offset: int) -> int:
        """Return the index of the token at or after character OFFSET."""
        for index, token in enumerate(self.tokens):
            if token.end > offset:
                return index
        return len(self.tokens)


def read_claim(text: str, index: Index, *, as_of: date) -> Reading:
    """Read TEXT against the names and phrases INDEX knows."""
    tokens = tokenize(text)
    entities = best_disjoint(index.names.find(tokens))
    attributes = [
        m
        for m in index.phrases.find(tokens)
        if not any(e.first <= m.first and m.last <= e.last for e in entities)
    ]
    dates = [_relate(text, d) for d in find_dates(text, reference=as_of)]
    quantities = find_quantities(text)
    negation = _NEGATION.search(text)
    words = {t.norm for t in tokens}
    tense = "past" if words & _PAST else "present" if words & _PRESENT else "unmarked"
    event = _AT_EVENT.search(text)
    event_scope = None
    if event is not None:
        event_scope = (event.start(), event.end(), event.group("verb") or event.group("noun"))
    return Reading(
        text=text,
        tokens=tokens,
        entities=entities,
        attributes=attributes,
        dates=dates,
        quantities=quantities,
        negation=None if negation is None else negation.span(),
        tense=tense,
        event_scope=event_scope,
        clause_breaks=tuple(m.start() for m in _CLAUSE_BREAK.finditer(text)),
        filler=_filler(tokens, entities, dates, quantities),
    )


def _filler(
    tokens: list[Token],
    entities: list[Mention],
    dates: list[ClaimDate],
    quantities: list[Quantity],
) -> tuple[bool, ...]:
    """Mark the tokens that separate words: meaningful, and outside names, dates and figures."""
    taken = [(m.start, m.end) for m in entities] + [(d.start, d.end) for d in dates]
    taken += [(q.start, q.end) for q in quantities]
    return tuple(not t.is_stopword and not any(a <= t.start < b for a, b in taken) for t in tokens)


def _relate(text: str, mention: DateMention) -> ClaimDate:
    """Tell whether a date is stated (at, before, after) or only sets the claim's time."""
    before = text[max(0, mention.start - 20) : mention.start]
    if _SCOPE_ONLY.search(before):
        return ClaimDate(mention, "scope")
    if _BEFORE.search(before):
        return ClaimDate(mention, "before")
    if _AFTER.search(before):
        return ClaimDate(mention, "after")
    return ClaimDate(mention, "at")
