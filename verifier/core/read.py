"""Read a claim: its parts, and in each the names, phrases, figures, dates, markers and time.

This is the first stage of the engine (read, retrieve, align, decide, explain). It knows
English and the names and phrases the store lists, never which facts the store holds.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from verifier.core.dates import DateMention, find_dates
from verifier.core.english import (
    CAUSES,
    COMPARATIVES,
    EXCLUSIVES,
    FALL,
    FUTURE,
    GRAMMAR,
    MODAL_VERBS,
    MODALS,
    MONTHS_AND_DAYS,
    MOVE,
    RANKS,
    RISE,
    SCHEDULE_VERBS,
    TIME_RELATIONS,
    UNIVERSALS,
    Marker,
)
from verifier.core.index import Index
from verifier.core.mentions import Mention, best_disjoint
from verifier.core.text import (
    Token,
    fold_text,
    is_base_verb,
    is_english,
    is_past_form,
    is_past_participle,
    tokenize,
    word_classes,
    word_set,
)
from verifier.core.values import Qualifier, Quantity, find_quantities

# The longest stretch read as one part when no clause mark cuts it (a long clause of
# news copy runs to about 200 characters).
MAX_PART_CHARS = 300
_NEGATION = re.compile(
    r"\b(?:not(?!\s+only\b)|never|no\s+longer|neither|nor)\b|n[’']t\b", re.IGNORECASE
)
# Words before a date that make it the time the claim speaks of, never the value it states.
_SCOPE_ONLY = re.compile(r"\b(?:by|as\s+of|through|until|till|during)\s*$", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:before|prior\s+to|earlier\s+than)\s*$", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|later\s+than)\s*$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)
_CUE = re.compile(
    r"\b(?:by|as\s+of|through|until|till|during|before|prior\s+to|earlier\s+than|after"
    r"|later\s+than|since|in|on|at|from|of)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# Where one clause ends and another begins: "..., and", ";", "..., while", "..., but".
# "political, economic, and security cooperation" is a list, not a new clause: a comma
# and a conjunction break a clause only when a new subject follows.
_CLAUSE_BREAK = re.compile(
    r"[;:]\s*|\s[—–]\s?|,\s+(?=(?:but|while|whereas|although|though)\s)"
    r"|,\s+(?=(?:and|as|yet|so)\s+(?:[A-Z0-9]|(?:the|its|their|it|they|this|these|he|she"
    r"|his|her|on|in|at|by|after|before|during|since|from)\b))"
)
_RELATIVE = re.compile(r",\s+(?=(?:which|who|whose|whom|where)\b)", re.IGNORECASE)
_PARTICIPLE = re.compile(r",\s+(?=(?P<word>[a-z]+ing)\b)")
# ", founded in 1998, ...": a past participle that says more of what precedes.
_PAST_PARTICIPLE = re.compile(
    r",\s+(?=(?P<word>[a-z]+)\s+(?:in|on|by|at|from|as|with|during|since|under|near)\b)"
)
# "When she won the prize in 1903, ..." at the start of a claim.
_TIME_CLAUSE = re.compile(
    r"\s*(?P<word>When|While|Once|After|Before|Since|Until|By\s+the\s+time)\s+"
    r"(?P<clause>[^,]+),"
)
_AND_VERB = re.compile(r"\s+(?=(?:and|but)\s+(?P<word>[a-z]+)\b)")
_PARENTHESIS = re.compile(r"\s*\((?P<inside>[^()]*)\)")
_CAUSE = re.compile(
    r"(?:,\s*)?\b(?:"
    + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(CAUSES, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# "to" before a verb: a purpose ("founded to elevate cooperation"), unless a verb that
# takes such a complement comes first ("agreed to join", "is expected to attend").
_TO_VERB = re.compile(r"\s+to\s+(?P<word>[a-z]+)\b")
_COMPLEMENT_VERBS = word_set(
    """
    agree agreed agrees decide decided decides vote voted votes want wanted wants try tried
    tries begin began begins start started starts continue continued continues refuse
    refused refuses fail failed fails need needed needs seem seemed seems appear appeared
    appears has have had used going able unable ought likely due set about
    """
)
_PAST = frozenset({"had", "was", "were", "did", "used"})
_PRESENT = frozenset({"has", "have", "is", "are", "currently", "now", "today", "presently"})
# "when it was founded", "at its founding": the time of an event the store knows.
_AT_EVENT = re.compile(
    r"\b(?:when\s+(?:it|they|the\s+\w+)\s+(?:was|were)\s+(?P<verb>[^\W\d_]+)"
    r"|at\s+(?:its|their|the)\s+(?:time\s+of\s+(?:its\s+)?)?(?P<noun>[^\W\d_]+))",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset({"on", "of", "for", "about", "in", "towards", "against", "by", "to"})
# Words that may join the words of one name: "Council of Heads of State".
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "de", "du", "von", "van", "al", "bin"})


class Role(StrEnum):
    """What a part of a claim is, which says whose subject and time it may take."""

    MAIN = "main"  # a clause of its own
    RELATIVE = "relative"  # ", which was founded in 2001": its subject is what precedes
    PARTICIPLE = "participle"  # ", raising the number to 11": the preceding event's
    CONJUNCT = "conjunct"  # "... and has 10 members": the preceding clause's subject
    CAUSE = "cause"  # "because ...", "due to ..."
    PURPOSE = "purpose"  # "to elevate cooperation", "in order to ..."
    ASIDE = "aside"  # words in parentheses
    LIFESPAN = "lifespan"  # "(1867-1934)" after a name
    TIME = "time"  # "When she won in 1903, ...": its time is the time of what follows


@dataclass(frozen=True, slots=True)
class ClaimDate:
    """A date the claim states, with how it is related: at, before, after, since, or scope."""

    mention: DateMention
    relation: str
    cue: tuple[int, int] | None = None  # the words that relate it ("before", "as of")

    @property
    def start(self) -> int:
        """Return where the date starts in the claim."""
        return self.mention.start

    @property
    def end(self) -> int:
        """Return where the date ends in the claim."""
        return self.mention.end


@dataclass(frozen=True, slots=True)
class Name:
    """A capitalised name the store does not know: tokens FIRST to LAST - 1."""

    first: int
    last: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class MarkerMention:
    """A word that changes what the claim says: tokens FIRST to LAST - 1."""

    kind: Marker
    first: int
    last: int
    start: int
    end: int
    word: str
    direction: str = ""  # for a change: "up", "down", or "" when it does not say
    factor: float | None = None  # "doubled" is 2, "halved" 0.5


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a claim: tokens FIRST to LAST - 1, less those of its asides (HOLES)."""

    index: int
    first: int
    last: int
    start: int
    end: int
    role: Role
    parent: int | None
    holes: tuple[tuple[int, int], ...] = ()

    def holds(self, token: int) -> bool:
        """Return whether TOKEN belongs to this part (and not to one of its asides)."""
        return self.first <= token < self.last and not any(a <= token < b for a, b in self.holes)

    def tokens(self) -> range:
        """Return the indexes of the tokens the part spans, asides included."""
        return range(self.first, self.last)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the engine read in one claim."""

    text: str
    tokens: list[Token]
    entities: list[Mention]
    names: list[Name]
    attributes: list[Mention]
    dates: list[ClaimDate]
    quantities: list[Quantity]
    markers: list[MarkerMention]
    parts: list[Part]
    negations: list[tuple[int, int]]
    event_scope: tuple[int, int, str] | None  # span and word of "when it was founded"
    owner: tuple[int, ...]  # per token: the index of the part it belongs to
    ends: tuple[int, ...]  # per token: where it ends, to find a token by its offset
    # The tokens inside a known name, and inside a phrase of the store: looked up per
    # token by later stages, so kept as sets rather than searched mention by mention.
    named: frozenset[int] = frozenset()
    phrased: frozenset[int] = frozenset()

    def token_at(self, offset: int) -> int:
        """Return the index of the token at or after character OFFSET."""
        return bisect_right(self.ends, offset)

    def part_of(self, start: int) -> Part:
        """Return the part that holds the text at character offset START."""
        index = min(self.token_at(start), len(self.tokens) - 1)
        return self.parts[self.owner[index]] if self.tokens else self.parts[0]

    def tense(self, part: Part) -> str:
        """Return "past", "present" or "unmarked", from the part's own words.

        A past auxiliary ("was", "had") makes it past; then a present word ("has", "now");
        then a verb in the simple past ("took", "lifted"), which a present verb outweighs:
        "Founded in 1999, the union now has 5 members" speaks of now.
        """
        words = {t.norm for i, t in enumerate(self.tokens) if part.holds(i)}
        if words & _PAST:
            return "past"
        if words & _PRESENT:
            return "present"
        return "past" if any(is_past_form(w) for w in words) else "unmarked"

    def negation_in(self, part: Part) -> tuple[int, int] | None:
        """Return the negation inside PART, if any."""
        for start, end in self.negations:
            if part.holds(self.token_at(start)):
                return (start, end)
        return None

    def markers_in(self, part: Part) -> list[MarkerMention]:
        """Return the markers inside PART."""
        return [m for m in self.markers if part.holds(m.first)]


def read_claim(text: str, index: Index, *, as_of: date) -> Reading:
    """Read TEXT against the names, phrases and vocabulary INDEX knows."""
    tokens = tokenize(text)
    entities = best_disjoint(index.names.find(tokens))
    attributes = [
        m
        for m in index.phrases.find(tokens)
        if not any(e.first <= m.first and m.last <= e.last for e in entities)
    ]
    nouns = index.vocabulary.event_nouns
    dates = [_relate(text, d) for d in find_dates(text, reference=as_of, event_nouns=nouns)]
    # A figure inside a name ("Pulse 7", "Slate 14") is part of the name, not a value.
    quantities = [
        _after_change(text, tokens, q)
        for q in find_quantities(text, event_nouns=nouns)
        if not any(e.start < q.end and q.start < e.end for e in entities)
    ]
    event = _AT_EVENT.search(text)
    event_scope = None
    if event is not None:
        event_scope = (event.start(), event.end(), event.group("verb") or event.group("noun"))
    taken = _taken(tokens, entities, dates, quantities)
    parts, owner = _parts(text, tokens, entities, index.to_phrases)
    return Reading(
        text=text,
        tokens=tokens,
        entities=entities,
        names=_names(text, tokens, taken),
        attributes=attributes,
        dates=dates,
        quantities=quantities,
        markers=_markers(text, tokens, taken),
        parts=parts,
        negations=[m.span() for m in _NEGATION.finditer(text)],
        event_scope=event_scope,
        owner=owner,
        ends=tuple(t.end for t in tokens),
        named=frozenset(i for m in entities for i in range(m.first, m.last)),
        phrased=frozenset(i for m in attributes for i in m.tokens),
    )


def _after_change(text: str, tokens: list[Token], quantity: Quantity) -> Quantity:
    """Read "pushed membership up to nine" as nine: after a verb of change, "up to" is no limit."""
    if quantity.qualifier is not Qualifier.AT_MOST or not quantity.text.lower().startswith("up to"):
        return quantity
    first = next((i for i, t in enumerate(tokens) if t.start >= quantity.start), len(tokens))
    if not any(_changes(tokens, i) for i in range(max(0, first - 6), first)):
        return quantity
    offset = len(quantity.text) - len(quantity.text[5:].lstrip())
    return replace(
        quantity,
        qualifier=Qualifier.EXACT,
        start=quantity.start + offset,
        text=quantity.text[offset:],
    )


def _relate(text: str, mention: DateMention) -> ClaimDate:
    """Tell whether a date is stated (at, before, after, since) or only sets the claim's time."""
    before = text[max(0, mention.start - 20) : mention.start]
    cue_match = _CUE.search(before)
    cue = None
    if cue_match is not None:
        offset = max(0, mention.start - 20)
        cue = (offset + cue_match.start(), offset + cue_match.end())
    if mention.relation is not None:
        return ClaimDate(mention, mention.relation, cue)
    if _SCOPE_ONLY.search(before):
        return ClaimDate(mention, "scope", cue)
    if _BEFORE.search(before):
        return ClaimDate(mention, "before", cue)
    if _AFTER.search(before):
        return ClaimDate(mention, "after", cue)
    if _SINCE.search(before):
        return ClaimDate(mention, "since", cue)
    return ClaimDate(mention, "at", cue)


def _taken(
    tokens: list[Token],
    entities: list[Mention],
    dates: list[ClaimDate],
    quantities: list[Quantity],
) -> list[bool]:
    """Mark the tokens inside a known name, a date or a figure."""
    spans = [(m.start, m.end) for m in entities] + [(d.start, d.end) for d in dates]
    spans += [(q.start, q.end) for q in quantities]
    return [any(a <= t.start < b for a, b in spans) for t in tokens]


def _names(text: str, tokens: list[Token], taken: list[bool]) -> list[Name]:
    """Find capitalised names the store does not know ("UEFA", "Council of Transport Ministers").

    A capital that only opens the sentence, a month, or a title is no name.
    """
    found: list[Name] = []
    run: list[int] = []

    def close() -> None:
        while run and tokens[run[-1]].norm in _NAME_JOINERS:
            run.pop()
        if run:
            first, last = run[0], run[-1] + 1
            start, end = tokens[first].start, tokens[last - 1].end
            found.append(Name(first, last, start, end, text[start:end]))
        run.clear()

    for i, token in enumerate(tokens):
        if taken[i] or not _is_name_word(text, tokens, i):
            if run and token.norm in _NAME_JOINERS and not taken[i]:
                run.append(i)
                continue
            close()
            continue
        run.append(i)
    close()
    return found


def _is_name_word(text: str, tokens: list[Token], i: int) -> bool:
    """Return whether token I is a capitalised word that names something."""
    token = tokens[i]
    if not token.capital or token.norm in MONTHS_AND_DAYS or token.norm in ("i",):
        return False
    if token.norm.isdigit():
        return False
    opens = i == 0 or bool(re.search(r"[.!?:;\"“(\[—–]\s*$", text[: token.start]))
    if opens:
        # At the start of a sentence a capital says nothing; only a word English does
        # not know is a name there ("Marie", but not "Founded").
        return not is_english(token.norm) and token.norm not in GRAMMAR
    return True


def _markers(text: str, tokens: list[Token], taken: list[bool]) -> list[MarkerMention]:
    """Find the words that change what a claim says, outside names, dates and figures."""
    found: list[MarkerMention] = []
    skip_until = -1
    for i, token in enumerate(tokens):
        # A marker inside a phrase the store lists ("will be held in") is settled when a
        # check reads that phrase, and stands when none does.
        if i < skip_until or taken[i]:
            continue
        word = token.norm
        following = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        kind: Marker | None = None
        last = i + 1
        direction = ""
        factor: float | None = None
        if word in EXCLUSIVES:
            kind = Marker.EXCLUSIVE
        elif word in UNIVERSALS:
            kind = Marker.UNIVERSAL
        elif word in RANKS:
            kind = Marker.RANK
        elif word in MODALS and (word != "may" or text[token.start] == "m"):
            kind = Marker.MODAL
        elif word in MODAL_VERBS and following == "to":
            kind, last = Marker.MODAL, i + 2
        elif word in SCHEDULE_VERBS and following == "to":
            kind, last = Marker.FUTURE, i + 2
        elif word in FUTURE:
            kind = Marker.FUTURE
        elif _changes(tokens, i):
            kind = Marker.CHANGE
            direction = "up" if word in RISE else "down" if word in FALL else ""
            factor = _factor(word)
        elif word in COMPARATIVES:
            kind = Marker.COMPARISON
        elif word in TIME_RELATIONS:
            kind = Marker.TIME_RELATION
        if kind is not None:
            found.append(
                MarkerMention(
                    kind,
                    i,
                    last,
                    token.start,
                    tokens[last - 1].end,
                    word,
                    direction,
                    factor,
                )
            )
            skip_until = last
    return found


def _changes(tokens: list[Token], i: int) -> bool:
    """Return whether token I is a verb of change.

    Not after a preposition ("the treaty on reducing forces" names no change), not "falls
    on" a date (it happens then), and a verb that does not say which way ("took", "brought")
    only with a "to" after it ("took the bloc to ten members").
    """
    word = tokens[i].norm
    if word not in RISE | FALL | MOVE or (i and tokens[i - 1].norm in _PREPOSITIONS):
        return False
    following = [t.norm for t in tokens[i + 1 : i + 7]]
    if word in FALL and following[:1] in (["on"], ["in"], ["within"], ["during"]):
        return False
    if following[:1] in (["off"], ["out"]):
        return False  # "lifted off", "dropped out": no change of a value
    return word not in MOVE or "to" in following


def _factor(word: str) -> float | None:
    """Return by how much a change word multiplies: "doubled" 2, "halved" 0.5."""
    for stem, factor in (("doubl", 2.0), ("tripl", 3.0), ("halv", 0.5)):
        if word.startswith(stem):
            return factor
    return None


# -- parts ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cut:
    """A stretch of the claim that forms a part of its own, before tokens are assigned."""

    start: int
    end: int
    role: Role


def _parts(
    text: str, tokens: list[Token], entities: list[Mention], to_phrases: frozenset[str]
) -> tuple[list[Part], tuple[int, ...]]:
    """Split the claim into parts and say, per token, which part it belongs to.

    TO_PHRASES are the store's phrases that end in "to" ("established to"), after which
    "to" and a verb state the attribute's value rather than a purpose.
    """
    cuts = _cuts(text, tokens, entities, to_phrases)
    # Each token belongs to the innermost (shortest) cut that holds it, or to the main part.
    owner_cut: list[int] = []
    for token in tokens:
        holding = [
            (c.end - c.start, n) for n, c in enumerate(cuts) if c.start <= token.start < c.end
        ]
        owner_cut.append(min(holding)[1] if holding else -1)
    first_token: dict[int, int] = {}
    for i, o in enumerate(owner_cut):
        first_token.setdefault(o, i)
    order = sorted(first_token, key=first_token.__getitem__)
    numbering = {cut: n for n, cut in enumerate(order)}
    owner = tuple(numbering[o] for o in owner_cut)
    parts: list[Part] = []
    for cut_index in order:
        members = [i for i, o in enumerate(owner_cut) if o == cut_index]
        first, last = members[0], members[-1] + 1
        holes = _holes(owner, numbering[cut_index], first, last)
        if cut_index < 0:
            role, parent = Role.MAIN, None
        else:
            cut = cuts[cut_index]
            role = cut.role
            before = first - 1
            parent = owner[before] if before >= 0 and role is not Role.MAIN else None
        parts.append(
            Part(
                index=len(parts),
                first=first,
                last=last,
                start=tokens[first].start,
                end=tokens[last - 1].end,
                role=role,
                parent=parent,
                holes=holes,
            )
        )
    if not parts:
        parts.append(Part(0, 0, 0, 0, len(text), Role.MAIN, None))
    return parts, owner


def _holes(owner: tuple[int, ...], part: int, first: int, last: int) -> tuple[tuple[int, int], ...]:
    """Return the runs of tokens between FIRST and LAST that belong to other parts."""
    holes: list[tuple[int, int]] = []
    i = first
    while i < last:
        if owner[i] != part:
            j = i
            while j < last and owner[j] != part:
                j += 1
            holes.append((i, j))
            i = j
        else:
            i += 1
    return tuple(holes)


def _run_on_breaks(text: str, breaks: list[tuple[int, Role]]) -> list[int]:
    """Return where to cut stretches longer than MAX_PART_CHARS that no clause mark cuts.

    Aligning a part costs more than linearly in its names and values, so a run-on
    stretch is read as pieces of bounded size: a piece the store cannot decide alone
    makes the claim unknown, never supported.
    """
    found: list[int] = []
    bounds = [0, *(b for b, _ in breaks), len(text)]
    for low, high in itertools.pairwise(bounds):
        position = low
        while high - position > MAX_PART_CHARS:
            window = text[position : position + MAX_PART_CHARS]
            spaces = [m.end() for m in _SPACE_RUN.finditer(window, MAX_PART_CHARS // 2)]
            position += spaces[-1] if spaces else MAX_PART_CHARS
            found.append(position)
    return found


def _cuts(
    text: str, tokens: list[Token], entities: list[Mention], to_phrases: frozenset[str]
) -> list[_Cut]:
    """Find the stretches of TEXT that are parts of their own."""
    cuts: list[_Cut] = []
    # "When she won the prize in 1903, she had two children": a clause that sets the time.
    when = _TIME_CLAUSE.match(text)
    if when is not None and any(_finite_or_past(w) for w in when["clause"].split()):
        cuts.append(_Cut(when.start("word"), when.end("clause"), Role.TIME))
    # Clauses of their own run to the next break.
    breaks = sorted(
        [(m.end(), Role.MAIN) for m in _CLAUSE_BREAK.finditer(text)]
        + [(m.end(), Role.CONJUNCT) for m in _AND_VERB.finditer(text) if _finite(m["word"])]
    )
    breaks = sorted(breaks + [(b, Role.MAIN) for b in _run_on_breaks(text, breaks)])
    ends = [b for b, _ in breaks[1:]] + ([len(text)] if breaks else [])
    for (start, role), end in zip(breaks, ends, strict=True):
        if start < end:
            cuts.append(_Cut(start, end, role))
    # Relative and participle clauses run to the next comma, or to the end of their clause.
    for pattern, role in (
        (_RELATIVE, Role.RELATIVE),
        (_PARTICIPLE, Role.PARTICIPLE),
        (_PAST_PARTICIPLE, Role.RELATIVE),
    ):
        for m in pattern.finditer(text):
            if role is Role.PARTICIPLE and not _participle(m["word"]):
                continue
            start = m.end()
            end = _clause_end(text, start, breaks)
            if pattern is _PAST_PARTICIPLE and not (
                is_past_participle(m["word"]) and text[end : end + 1] == ","
            ):
                continue  # ", died in 1934." ends the sentence: it is its verb, no aside
            cuts.append(_Cut(start, end, role))
    # Causes and purposes run to the next comma or the end of their clause.
    for m in _CAUSE.finditer(text):
        start = m.start() + (len(m.group()) - len(m.group().lstrip(", ")))
        cuts.append(_Cut(start, _clause_end(text, start, breaks), Role.CAUSE))
    for m in _TO_VERB.finditer(text):
        before = text[: m.start()].split()
        if not before or not _purpose(before[-1], m["word"]):
            continue
        if any(w.lower().strip(",") in EXCLUSIVES | RANKS for w in before[-4:]):
            continue  # "the only country to join": which one, not why
        if to_phrases and fold_text(" ".join(before[-4:])).endswith(tuple(to_phrases)):
            continue  # "established to strengthen": the store's phrase and its value
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        cuts.append(_Cut(start, _clause_end(text, start, breaks), Role.PURPOSE))
    # Words in parentheses: a lifespan after a name, or an aside of three words or more.
    for m in _PARENTHESIS.finditer(text):
        inside = m["inside"]
        start, end = m.start("inside"), m.end("inside")
        if _LIFESPAN.fullmatch(inside.strip()) and any(
            e.end <= m.start() + 1 and text[e.end : m.start()].strip() == "" for e in entities
        ):
            cuts.append(_Cut(start, end, Role.LIFESPAN))
        elif len(inside.split()) >= 3:
            cuts.append(_Cut(start, end, Role.ASIDE))
    return [c for c in cuts if any(c.start <= t.start < c.end for t in tokens)]


# A comma that ends a clause, not one inside a figure ("1,200").
_COMMA = re.compile(r",(?=\s|$)")
_SPACE_RUN = re.compile(r"\s+")
_LIFESPAN = re.compile(
    r"(?:b\.\s*|born\s+)?\d{3,4}\s*[-–—]\s*(?:\d{2,4})?|\d{3,4}\s*[-–—]\s*\d{2,4}"
)


def _clause_end(text: str, start: int, breaks: list[tuple[int, Role]]) -> int:
    """Return where the stretch starting at START ends: the next comma or clause break."""
    found = _COMMA.search(text, start)
    comma = found.start() if found else -1
    later = [b for b, _ in breaks if b > start]
    candidates = [c for c in (comma, *later) if c > start]
    end = min(candidates) if candidates else len(text)
    # A break's offset is where the next clause starts: back up over its separator.
    while end > start and end <= len(text) and text[end - 1 : end] in (" ", ";", ":", "—", "–"):
        end -= 1
    return end


def _finite(word: str) -> bool:
    """Return whether WORD after "and" starts a new verb phrase ("and has", "and was")."""
    tags = word_classes(word)
    return bool(tags & {"VERB", "AUX"}) and "NOUN" not in tags


def _finite_or_past(word: str) -> bool:
    """Return whether WORD is a verb that makes a clause: "won", "took", "has", "opened"."""
    word = word.lower().strip(".,;")
    return word in _PAST | _PRESENT or is_past_form(word)


def _participle(word: str) -> bool:
    """Return whether WORD after a comma opens a participle clause ("raising", "bringing")."""
    if word in ("including", "according", "following", "notwithstanding"):
        return False
    return "VERB" in word_classes(word)


def _purpose(previous: str, word: str) -> bool:
    """Return whether "to WORD" after PREVIOUS states a purpose ("founded to elevate")."""
    previous = previous.lower().strip(",.;:")
    complement = _COMPLEMENT_VERBS | MODAL_VERBS | SCHEDULE_VERBS
    if previous in complement or word in ("date", "be"):
        return False
    return is_base_verb(word)
