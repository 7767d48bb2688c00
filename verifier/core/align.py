"""Bind each value a part states to the subject and attribute it belongs to.

The third stage of the engine. Every lead (a subject and an attribute a part may speak of)
is paired with the values of the right kind in the same part; each pairing is scored by
how closely the words sit, and each value keeps its best reading. When another attribute
fits a value almost as well, the reading is ambiguous and nothing is guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from verifier.core.dates import DateMention, PartialDate
from verifier.core.english import GRAMMAR, Marker
from verifier.core.index import Index, IndexedFact
from verifier.core.mentions import Mention
from verifier.core.model import AttributeRecord, ValueKind
from verifier.core.read import ClaimDate, Part, Reading, Role
from verifier.core.result import Verdict
from verifier.core.retrieve import Lead, content_words
from verifier.core.text import STOPWORDS, stem, word_set
from verifier.core.values import Quantity

# How much better the best reading of a value must score than one of another attribute.
AMBIGUITY_MARGIN = 0.5
# Readings scoring below this are too weak to decide anything.
MIN_SCORE = 1.0
# How many words may stand between a list item and the list's phrase.
LINK_WORDS = 4
# Words that place what follows: "in Oslo", "at the 2017 Rail Expo", "from Cape Ardent".
_LOCATIVE = frozenset({"in", "at", "near", "inside", "within", "from"})
# Words that may stand between two subjects the claim names together ("Finland and Iceland").
_COORDINATION = frozenset({"and", "both", "as", "well", "or", "plus", ","})
# An article may open the next item ("Finland and the Netherlands") but never joins alone.
_ARTICLES = word_set("the a an")
# The words that may stand between a place and its phrase when it is stated as the value.
_STATED_AS = word_set("is was are were remains remained became the a an of")
# Words that join items named together: "Norway and Sweden are members".
_ITEM_JOINERS = frozenset({"and", "or", "both", "nor"})
# Words that deny ("is not one of"): they do not separate an item from its list.
_NEGATION_WORDS = frozenset({"not", "never", "no", "longer", "t"})
# Words that link an item to the list it belongs to: "Estonia is an observer".
_COPULAS = word_set(
    """
    is be been are was were remains remain remained became become becomes include includes
    included including by among amongst
    """
)
# Words that relate a time to an event: "after the 2017 summit", "before its founding".
_ANCHOR_RELATIONS = {
    "before": "before",
    "after": "after",
    "since": "since",
    "following": "after",
    "until": "before",
    "till": "before",
    "prior": "before",
    "when": "at",
}


@dataclass(frozen=True, slots=True)
class TextValue:
    """The words a claim gives as a text value: tokens TOKENS, from START to END."""

    tokens: tuple[int, ...]
    start: int
    end: int
    text: str


ClaimValue = Quantity | ClaimDate | Mention | TextValue


@dataclass(slots=True)
class Check:
    """One fact group a part speaks of, the value it states, and what the store says."""

    part: Part
    subject: Mention
    attribute: AttributeRecord
    phrase: Mention
    value: ClaimValue
    objects: set[str]
    score: float
    implied: bool = False
    lead: str = "phrase"
    ambiguous: bool = False
    counted: tuple[int, ...] = ()  # the nouns a count names: "14 other countries"
    held: list[IndexedFact] = field(default_factory=list)  # the facts of the claim's time
    verdict: Verdict = Verdict.UNKNOWN
    disputed: bool = False
    cited: list[tuple[IndexedFact, Verdict]] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Every check a claim holds, and the event dates its time words point to."""

    checks: list[Check]
    anchors: list[ClaimDate]  # "after the 2017 summit": that summit's date, at its words
    anchored: frozenset[int]  # the tokens of the time words those anchors consumed
    # "At the 2024 congress, X was director": the day of the event, which sets the time of
    # the claim better than the year in its name; never a value of it.
    occasions: list[ClaimDate]


def align(reading: Reading, leads: Sequence[Lead], index: Index) -> Alignment:
    """Pair every lead with the values its part states and keep each value's best reading."""
    anchors, anchored = _anchors(reading, index)
    filler = _filler(reading)
    candidates: list[Check] = []
    for lead in leads:
        candidates.extend(_checks(reading, index, lead, anchors, filler))
    candidates.extend(_lifespans(reading, index))
    return Alignment(_select(candidates, reading), anchors, anchored, _occasions(reading, index))


def _filler(reading: Reading) -> tuple[bool, ...]:
    """Mark the tokens that separate words: meaningful, and outside names, dates and figures."""
    meaningful = {i for part in reading.parts for i in content_words(reading, part)}
    return tuple(i in meaningful for i in range(len(reading.tokens)))


def _anchors(reading: Reading, index: Index) -> tuple[list[ClaimDate], frozenset[int]]:
    """Read "after the 2017 summit" as a date: the event's date, related by the time word."""
    anchors: list[ClaimDate] = []
    used: set[int] = set()
    for marker in reading.markers:
        if marker.kind is not Marker.TIME_RELATION or marker.word not in _ANCHOR_RELATIONS:
            continue
        position = marker.last
        while position < len(reading.tokens) and reading.tokens[position].norm in ("the", "to"):
            position += 1
        event = next((m for m in reading.entities if m.first == position), None)
        mention = _event_time(reading, index, event) if event is not None else None
        if event is None or mention is None:
            # "after the launch of the Solenne Orbiter", "before its founding".
            dated = _dated_phrase(reading, index, position)
            if dated is None:
                continue
            event, mention = dated
        anchors.append(
            ClaimDate(mention, _ANCHOR_RELATIONS[marker.word], (marker.start, marker.end))
        )
        used.update(range(marker.first, event.last))
    return anchors, frozenset(used)


def _dated_phrase(
    reading: Reading, index: Index, position: int
) -> tuple[Mention, DateMention] | None:
    """Return "the launch of X" at POSITION as X's launch date, from its best source.

    The phrase must be one of a date attribute the store gives X, and X named right after
    "of" (and "the"); the returned mention runs from the phrase to X's last word.
    """
    phrase = next(
        (
            p
            for p in reading.attributes
            if p.first == position and index.attributes[p.key].kind is ValueKind.DATE
        ),
        None,
    )
    if phrase is None:
        return None
    after = phrase.last
    while after < len(reading.tokens) and reading.tokens[after].norm in ("of", "the"):
        after += 1
    owner = next((m for m in reading.entities if m.first == after), None)
    if owner is None or after == phrase.last:
        return None
    facts = [f for f in index.facts(owner.key, phrase.key) if isinstance(f.value, PartialDate)]
    if not facts:
        return None
    best = max(facts, key=lambda f: f.source.tier.rank)
    assert isinstance(best.value, PartialDate)
    text = reading.text[phrase.start : owner.end]
    span = Mention(owner.key, phrase.first, owner.last, phrase.start, owner.end, owner.score, 1)
    return span, DateMention(best.value, phrase.start, owner.end, text)


def _occasions(reading: Reading, index: Index) -> list[ClaimDate]:
    """Read "at the 2024 congress" as the time the store dates that event to."""
    found: list[ClaimDate] = []
    for event in reading.entities:
        before = [t.norm for t in reading.tokens[max(0, event.first - 2) : event.first]]
        if not (
            {"at", "during"} & set(before[-2:]) and before[-1:] in (["the"], ["at"], ["during"])
        ):
            continue
        mention = _event_time(reading, index, event)
        if mention is not None:
            found.append(ClaimDate(mention, "at"))
    return found


def _event_time(reading: Reading, index: Index, event: Mention) -> DateMention | None:
    """Return the time the store gives an event, at the event's words in the claim.

    An event dated once is that date; one with a start and an end ("opened", "closed") is
    the stretch from the first to the last day, each date from its best source.
    """
    if index.entities[event.key].kind not in index.vocabulary.event_kinds:
        return None
    best: dict[str, IndexedFact] = {}
    for fact in index.by_entity.get(event.key, ()):
        if isinstance(fact.value, PartialDate) and (
            fact.record.attribute not in best
            or fact.source.tier.rank > best[fact.record.attribute].source.tier.rank
        ):
            best[fact.record.attribute] = fact
    dates = [f.value for f in best.values() if isinstance(f.value, PartialDate)]
    if not dates:
        return None
    text = reading.text[event.start : event.end]
    if len(dates) == 1:
        return DateMention(dates[0], event.start, event.end, text)
    stretch = (min(d.start for d in dates), max(d.end for d in dates))
    first = min(dates, key=lambda d: d.start)
    return DateMention(first, event.start, event.end, text, support=(stretch,), bounds=(stretch,))


def _checks(
    reading: Reading,
    index: Index,
    lead: Lead,
    anchors: list[ClaimDate],
    filler: tuple[bool, ...],
) -> list[Check]:
    """Return a scored check for every value in the lead's part its attribute could take."""
    subject, attribute, phrase = lead.subject, lead.attribute, lead.phrase
    facts = index.facts(subject.key, attribute.id)
    objects = {f.record.object for f in facts if f.record.object}
    named = {m.key for m in reading.entities if m.key in objects}
    found: list[Check] = []
    for value in _values(reading, index, lead, named, facts, anchors):
        if lead.kind == "event":
            # Below any reading with a phrase of its own: a stated phrase says more.
            score = 2 * subject.score - 0.5 - 0.1 * _gap(reading, subject, value)
        else:
            score = (
                2 * subject.score
                + 0.5 * phrase.size
                + (1.0 if named else 0.0)
                - 0.2 * _distance(reading, filler, phrase, value)
                - 0.1 * _distance(reading, filler, subject, phrase)
                - 0.05 * _distance(reading, filler, subject, value)
            )
        if score < MIN_SCORE:
            continue
        counted = _counted(reading, index, value, attribute, subject)
        found.append(
            Check(
                lead.part,
                subject,
                attribute,
                phrase,
                value,
                named,
                score,
                implied=lead.implied,
                lead=lead.kind,
                counted=counted,
            )
        )
    return found


def _in_part(reading: Reading, part: Part, start: int) -> bool:
    """Return whether the text at START lies in PART."""
    # The offsets first: most values of a long claim lie in other parts.
    return part.start <= start < part.end and part.holds(reading.token_at(start))


def _values(
    reading: Reading,
    index: Index,
    lead: Lead,
    objects: set[str],
    facts: Sequence[IndexedFact],
    anchors: list[ClaimDate],
) -> list[ClaimValue]:
    """Return the values in the lead's part that could be the attribute's value."""
    part, attribute, subject = lead.part, lead.attribute, lead.subject
    kind = attribute.kind
    # A figure inside a phrase ("the 100 m world record") is no value of it.
    quantities = [
        q
        for q in reading.quantities
        if _in_part(reading, part, q.start) and not _in_phrase_name(reading, q)
    ]
    if kind is ValueKind.COUNT:
        return [
            q
            for q in quantities
            if q.kind == "count" and _counts_fit(reading, index, q, attribute, subject)
        ]
    if kind in (ValueKind.QUANTITY, ValueKind.MONEY, ValueKind.PERCENT):
        wanted = {
            ValueKind.QUANTITY: ("quantity", "count"),
            ValueKind.MONEY: ("money",),
            ValueKind.PERCENT: ("percent",),
        }[kind]
        return [q for q in quantities if q.kind in wanted]
    if kind is ValueKind.DATE:
        # A date inside the subject's own name ("the 2017 expo") says which one it is.
        dates = [*reading.dates, *anchors]
        return [
            d
            for d in dates
            if d.relation != "scope"
            and _in_part(reading, part, d.start)
            and not (subject.start <= d.start and d.end <= subject.end)
        ]
    if kind in (ValueKind.PLACE, ValueKind.LIST):
        kinds = _value_kinds(index, facts)
        places = index.vocabulary.place_kinds
        found = [
            m
            for m in reading.entities
            if part.holds(m.first)
            and m.key != subject.key
            and m.key not in objects
            and not _possessor(reading, m)
            and _kind_fits(index.entities[m.key].kind, kinds, places, nest=kind is ValueKind.PLACE)
        ]
        if kind is ValueKind.LIST:
            linked = [m for m in found if _linked(reading, m, lead.phrase, subject)]
            return list(_with_coordinated(reading, linked, found))
        return [
            m
            for m in found
            if not kinds & places
            or _placed(reading, m)
            or _named_as(reading, m, lead.phrase, subject)
        ]
    if kind is ValueKind.TEXT:
        text = _text_value(reading, index, lead)
        return [text] if text is not None else []
    if kind is ValueKind.FLAG:
        flag = _flag_value(reading, lead)
        return [flag] if flag is not None else []
    return []


def _in_phrase_name(reading: Reading, quantity: Quantity) -> bool:
    """Return whether a figure is written into a phrase of the store ("100 m world record")."""
    first = reading.token_at(quantity.start)
    digits = reading.tokens[first].norm.isdigit() if first < len(reading.tokens) else False
    return digits and first in reading.phrased


def _text_value(reading: Reading, index: Index, lead: Lead) -> TextValue | None:
    """Return the words a part gives as a text value.

    After a phrase of the attribute, the words that follow it ("her occupation was
    physicist"), or those before it ("the pound sterling is the currency of the UK");
    for a lead from the store's own words, every content word of the part. Names count;
    the subject does not.
    """
    part, subject = lead.part, lead.subject
    words = set(content_words(reading, part))
    words |= reading.named  # names count

    def usable(i: int) -> bool:
        return i in words and not subject.first <= i < subject.last and part.holds(i)

    if lead.kind == "words":
        chosen = [i for i in range(part.first, part.last) if usable(i)]
    else:
        chosen = [i for i in range(lead.phrase.last, part.last) if usable(i)]
        before = reading.tokens[max(0, lead.phrase.first - 2) : lead.phrase.first]
        if not chosen and any(t.norm in _COPULAS for t in before):
            chosen = [i for i in range(part.first, lead.phrase.first) if usable(i)]
    if not chosen:
        return None
    start, end = reading.tokens[chosen[0]].start, reading.tokens[chosen[-1]].end
    return TextValue(tuple(chosen), start, end, reading.text[start:end])


def _flag_value(reading: Reading, lead: Lead) -> TextValue | None:
    """Return a yes-or-no attribute's phrase when the part says it of the subject.

    Only "the race is mixed gender" or "the race is not mixed gender" says so: the phrase
    after the subject with nothing but a copula, an article or a negation between them,
    and no word after it ("a contact point" is something else).
    """
    subject, phrase, part = lead.subject, lead.phrase, lead.part
    if lead.kind != "phrase" or phrase.first < subject.last:
        return None
    between = reading.tokens[subject.last : phrase.first]
    if not all(t.norm in _STATED_AS or t.norm in _NEGATION_WORDS for t in between):
        return None
    if any(i >= phrase.last for i in content_words(reading, part)):
        return None
    start, end = reading.tokens[phrase.first].start, reading.tokens[phrase.last - 1].end
    return TextValue(tuple(range(phrase.first, phrase.last)), start, end, reading.text[start:end])


def _lifespans(reading: Reading, index: Index) -> list[Check]:
    """Read "(1867–1934)" after a name as the start and end of that entity's life."""
    checks: list[Check] = []
    vocabulary = index.vocabulary
    for part in reading.parts:
        if part.role is not Role.LIFESPAN or part.parent is None:
            continue
        subject = next((m for m in reversed(reading.entities) if m.last <= part.first), None)
        span = next((d for d in reading.dates if _in_part(reading, part, d.start)), None)
        if subject is None or span is None:
            continue
        first_year, last_year = span.mention.first.year, span.mention.last.year
        dash = max(span.mention.text.find(c) for c in "-–—")
        ends = (
            (vocabulary.lifespan_start, first_year, span.start, span.start + max(dash, 0)),
            (vocabulary.lifespan_end, last_year, span.start + dash + 1, span.end),
        )
        for attributes, year, start, end in ends:
            attribute_id = next((a for a in attributes if index.facts(subject.key, a)), None)
            if attribute_id is None or dash < 0:
                continue
            text = reading.text[start:end]
            mention = DateMention(PartialDate(year), start, end, text)
            phrase = Mention(
                attribute_id, subject.first, subject.last, subject.start, subject.end, 1.0, 0
            )
            checks.append(
                Check(
                    part,
                    subject,
                    index.attributes[attribute_id],
                    phrase,
                    ClaimDate(mention, "at"),
                    set(),
                    2 * subject.score,
                    lead="lifespan",
                )
            )
    return checks


def _counts_fit(
    reading: Reading, index: Index, quantity: Quantity, attribute: AttributeRecord, subject: Mention
) -> bool:
    """Return whether what a number counts fits the attribute ("3 billion people" does not).

    The words right after the number must name the attribute, its unit, or the kind of
    thing in the list it counts ("14 other countries" counts countries); a number
    followed by no such noun ("rose to 10.") fits.
    """
    after = reading.tokens[reading.token_at(quantity.end) :][:3]
    if not after or after[0].is_stopword:
        return True
    return any(t.stem in _count_stems(index, attribute, subject) for t in after)


def _count_stems(index: Index, attribute: AttributeRecord, subject: Mention) -> set[str]:
    """Return the word stems a count of ATTRIBUTE may name after its number."""
    allowed = set(index.word_stems[attribute.id])
    if attribute.counts:
        for kind in _value_kinds(index, index.facts(subject.key, attribute.counts)):
            allowed.add(stem(kind))
    return allowed


def _counted(
    reading: Reading,
    index: Index,
    value: ClaimValue,
    attribute: AttributeRecord,
    subject: Mention,
) -> tuple[int, ...]:
    """Return the tokens right after a count that name what it counts ("other countries")."""
    if not isinstance(value, Quantity) or attribute.kind is not ValueKind.COUNT:
        return ()
    stems = _count_stems(index, attribute, subject)
    found = []
    for i in range(
        reading.token_at(value.end), min(len(reading.tokens), reading.token_at(value.end) + 3)
    ):
        token = reading.tokens[i]
        if token.stem in stems:
            found.append(i)
        elif token.norm not in GRAMMAR and token.norm not in STOPWORDS:
            break
    return tuple(found)


def _value_kinds(index: Index, facts: Sequence[IndexedFact]) -> set[str]:
    """Return the kinds of entity the facts' values are."""
    kinds: set[str] = set()
    for fact in facts:
        items = fact.value if isinstance(fact.value, tuple) else (fact.value,)
        for item in items:
            if isinstance(item, str) and item in index.entities:
                kinds.add(index.entities[item].kind)
    return kinds


def _select(candidates: list[Check], reading: Reading) -> list[Check]:
    """Keep, for each value, the best-scoring reading and the subjects named with it."""
    by_value: dict[tuple[int, int, str], list[Check]] = defaultdict(list)
    for check in candidates:
        # Readings of a text value from the store's own words stay side by side: only
        # those that decide are kept later, so none need outscore another.
        separate = check.lead == "words" and check.attribute.kind is ValueKind.TEXT
        key = check.attribute.id if separate else ""
        by_value[(check.value.start, check.value.end, key)].append(check)
    chosen: list[Check] = []
    for options in by_value.values():
        options.sort(key=lambda c: -c.score)
        best = options[0]
        chosen.append(best)
        # Another attribute that fits the value almost as well: the claim is ambiguous
        # ("20 member, observer and dialogue partner countries"), and a guess is worse
        # than unknown.
        best.ambiguous = any(
            (
                o.attribute.id != best.attribute.id
                or (
                    o.subject.key != best.subject.key
                    and not _coordinated(reading, best.subject, o.subject)
                )
            )
            and o.phrase.size  # a reading without a phrase of its own is only a fallback
            and best.score - o.score < AMBIGUITY_MARGIN
            for o in options[1:]
        )
        for other in options[1:]:
            if (
                other.attribute.id == best.attribute.id
                and other.subject.key != best.subject.key
                and best.score - other.score < AMBIGUITY_MARGIN
                and _coordinated(reading, best.subject, other.subject)
                and all(other.subject.key != c.subject.key for c in chosen if c.value is best.value)
            ):
                chosen.append(replace(other, ambiguous=best.ambiguous))
    # The subject of one check is not also the value of another: in "Iceland's
    # membership was approved in 2021", Iceland is who joined, not a member named.
    subjects = {(c.subject.start, c.subject.end) for c in chosen if not c.implied}
    chosen = [
        c
        for c in chosen
        if not (isinstance(c.value, Mention) and (c.value.start, c.value.end) in subjects)
    ]
    return sorted(chosen, key=lambda c: c.value.start)


def stretch(check: Check) -> tuple[int, int]:
    """Return the stretch of the claim a check reads: its subject, phrase and value."""
    pieces: list[tuple[int, int]] = [(check.value.start, check.value.end)]
    if check.phrase.size:
        pieces.append((check.phrase.start, check.phrase.end))
    if not check.implied:
        pieces.append((check.subject.start, check.subject.end))
    return min(a for a, _ in pieces), max(b for _, b in pieces)


def _token_range(reading: Reading, item: Mention | ClaimValue) -> tuple[int, int]:
    """Return the first and last token a stretch of the claim covers."""
    start = reading.token_at(item.start)
    last = reading.token_at(max(item.start, item.end - 1))
    return start, last


def _gap(reading: Reading, first: Mention | ClaimValue, second: Mention | ClaimValue) -> int:
    """Return how many tokens of any kind lie between two stretches of the claim."""
    a0, a1 = _token_range(reading, first)
    b0, b1 = _token_range(reading, second)
    return max(0, b0 - a1 - 1, a0 - b1 - 1)


def _distance(
    reading: Reading,
    filler: tuple[bool, ...],
    first: Mention | ClaimValue,
    second: Mention | ClaimValue,
) -> int:
    """Return how many meaningful words lie between two stretches of the claim.

    Names, figures, dates and stopwords do not count: "launched [the Northern Rail Union]
    in 1999" puts the date right after the verb.
    """
    a0, a1 = _token_range(reading, first)
    b0, b1 = _token_range(reading, second)
    if a1 < b0:
        low, high = a1 + 1, b0
    elif b1 < a0:
        low, high = b1 + 1, a0
    else:
        return 0
    return sum(1 for i in range(low, high) if filler[i])


def _possessor(reading: Reading, mention: Mention) -> bool:
    """Return whether a name owns the name after it ("Ostrenia's Pilgrim probe"): no value."""
    following = next((m for m in reading.entities if m.first == mention.last), None)
    between = reading.text[mention.end : following.start] if following else ""
    return following is not None and between in ("'s ", "’s ", "' ", "’ ")


def _placed(reading: Reading, mention: Mention) -> bool:
    """Return whether a place is introduced as one: "in Oslo", "at the 2017 Rail Expo"."""
    for token in reversed(reading.tokens[max(0, mention.first - 3) : mention.first]):
        if token.norm in _LOCATIVE:
            return True
        if token.norm != "the" and not token.norm[:1].isdigit():
            return False
    return False


def _linked(reading: Reading, item: Mention, phrase: Mention, owner: Mention) -> bool:
    """Return whether an item is said to be in the list: "Estonia is an observer",
    "Estonia is one of the NRU's observers", "observer member Estonia", "Mongolia and
    Afghanistan are observers", but not "Latvia, as well as observer member Estonia" nor
    "the summit in Russia, the membership process". The list's OWNER may stand between."""
    low, high = (
        (item.last, phrase.first) if item.first < phrase.first else (phrase.last, item.first)
    )
    # Other items named with it stand between an item and a copula without separating them.
    named = reading.named
    between = words = 0
    copula = False
    for i in range(low, high):
        token = reading.tokens[i]
        if owner.first <= i < owner.last or token.norm in _NEGATION_WORDS:
            continue
        between += 1
        if i not in named and token.norm not in _ITEM_JOINERS:
            words += 1
            copula = copula or token.norm in _COPULAS
            if words > LINK_WORDS:
                return False  # stop early: a long clause holds many items and phrases
    gap = reading.text[min(item.end, phrase.end) : max(item.start, phrase.start)]
    if between <= 1 and not any(mark in gap for mark in ",;:—–("):
        return True
    return copula


def _with_coordinated(
    reading: Reading, linked: list[Mention], candidates: list[Mention]
) -> list[Mention]:
    """Add the items named together with a linked one: "Renata Voss and Idris Kamau flew"."""
    chosen = list(linked)
    changed = True
    while changed:
        changed = False
        for candidate in candidates:
            if candidate not in chosen and any(
                _coordinated(reading, candidate, item) for item in chosen
            ):
                chosen.append(candidate)
                changed = True
    return sorted(chosen, key=lambda m: m.first)


def _named_as(reading: Reading, place: Mention, phrase: Mention, owner: Mention) -> bool:
    """Return whether a place is stated as the value: "Nairobi is the capital of Kenya",
    "the capital of Kenya is Nairobi", but not "Kenya is one of its founding members"."""
    low, high = (
        (place.last, phrase.first) if place.first < phrase.first else (phrase.last, place.first)
    )
    between = [
        t.norm
        for i, t in enumerate(reading.tokens[low:high], start=low)
        if not owner.first <= i < owner.last
    ]
    return bool(between) and set(between) <= _STATED_AS and bool(set(between) & _COPULAS)


def _coordinated(reading: Reading, first: Mention, second: Mention) -> bool:
    """Return whether two subjects are named together ("Finland and Iceland")."""
    low, high = sorted((first, second), key=lambda m: m.first)
    if low.last >= high.first:
        return True  # adjacent, or one word standing for both ("both" after two names)
    between = {t.norm for t in reading.tokens[low.last : high.first]} - _ARTICLES
    return bool(between) and between <= _COORDINATION


def _kind_fits(kind: str, wanted: set[str], places: frozenset[str], *, nest: bool) -> bool:
    """Return whether an entity of KIND can stand where entities of WANTED kinds stand.

    A claimed place may be wider or narrower than the sourced one (Norway for Oslo)
    when NEST; a list of countries never holds a city.
    """
    if not wanted or kind in wanted:
        return True
    return nest and kind in places and bool(wanted & places)
