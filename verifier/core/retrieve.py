"""Find what each part of a claim may speak of: its subjects, and their attributes in the store.

The second stage of the engine. A part names its subject outright, refers back to one
("it", "both", "the bloc"), takes it from the clause it hangs on (", which ...",
", raising ..."), or names it by a common noun ("the summit"). Attributes come from the
phrases the store lists for them and from the store's own words: the statements and
quotes of the subject's facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from verifier.core.dates import PartialDate
from verifier.core.english import GRAMMAR, SYNONYMS_OF
from verifier.core.index import Index
from verifier.core.mentions import Mention
from verifier.core.model import AttributeRecord, ValueKind
from verifier.core.read import ClaimDate, Part, Reading, Role
from verifier.core.text import STOPWORDS, Token, fold_text

# Pronouns that refer back to what the text spoke of before; the plural ones to two things.
PLURAL_PRONOUNS = frozenset({"both", "they", "their", "them", "theirs"})
PRONOUNS = PLURAL_PRONOUNS | frozenset({"it", "its"})
# How far a subject taken from context is trusted, against 1.0 for a subject named outright.
CONTEXT_SCORE = 0.85
# A subject a common noun stands for ("the summit") is trusted a little less.
IMPLIED_SCORE = 0.8
# "The summit" means the summit nearest the reference date, if one lies within this.
NEAREST_EVENT_DAYS = 366
# How many of the store's own words a lead records as the words that found it.
STORE_WORDS_COUNTED = 3


@dataclass(frozen=True, slots=True)
class Lead:
    """A subject and an attribute a part may speak of, and the words that say so."""

    part: Part
    subject: Mention
    attribute: AttributeRecord
    phrase: Mention
    implied: bool  # the subject is not named in the part: taken from context or a noun
    kind: str  # "phrase", "words" (the store's own words) or "event" (a date about an event)


def retrieve(reading: Reading, index: Index, *, context: Sequence[str], as_of: date) -> list[Lead]:
    """Return every lead in every part of READING; CONTEXT lists entities named before."""
    leads: list[Lead] = []
    for part in reading.parts:
        leads.extend(_part_leads(reading, index, part, context, as_of))
    return leads


def _part_leads(
    reading: Reading, index: Index, part: Part, context: Sequence[str], as_of: date
) -> list[Lead]:
    """Return the leads of one part."""
    leads: list[Lead] = []
    phrases = [m for m in reading.attributes if part.holds(m.first)]
    named = [m for m in reading.entities if part.holds(m.first)]
    related = _related(reading, index, part, named)
    inherited = _inherited(reading, part)
    implied_by: dict[str, list[Mention]] = {}  # the same noun stands for the same entity
    for phrase in phrases:
        attribute = index.attributes[phrase.key]
        # "Frida Kahlo's husband was born in ...": the husband was born, not Frida Kahlo.
        owners = [owner for _, relation, owner in related if relation is not phrase]
        direct = [m for m in named if m not in owners]
        subjects = [
            m
            for m, relation in [*((m, None) for m in direct), *((d, r) for d, r, _ in related)]
            if index.facts(m.key, attribute.id) and relation is not phrase
        ]
        implied = not subjects
        if implied:
            subjects = [m for m in inherited if index.facts(m.key, attribute.id)]
        if not subjects:
            earlier = _earlier(reading, part)
            subjects = _referred(reading, index, part, attribute, earlier, phrase)
        if not subjects:
            subjects = _from_context(reading, index, part, attribute, context, phrase)
        if not subjects:
            if attribute.id not in implied_by:
                implied_by[attribute.id] = _implied_subjects(reading, index, part, attribute, as_of)
            subjects = implied_by[attribute.id]
        leads.extend(Lead(part, s, attribute, phrase, implied, "phrase") for s in subjects)
    said = {(lead.subject.key, lead.attribute.id) for lead in leads}
    words = [i for i in content_words(reading, part) if not _in_phrase(reading, i)]
    firsts: dict[str, Mention] = {}
    for mention in named or inherited[:1]:
        # A name said twice finds the same facts twice: look its words up once.
        firsts.setdefault(mention.key, mention)
    for subject in firsts.values():
        leads.extend(_word_leads(reading, index, part, words, subject, said, implied=not named))
    leads.extend(_event_leads(reading, index, part, named))
    return leads


def _inherited(reading: Reading, part: Part) -> list[Mention]:
    """Return the subjects a dependent part takes from the clause it hangs on, nearest first.

    ", which ..." takes the name right before it; ", raising ...", "... and has ...",
    a cause or a purpose take every name of the clause before them.
    """
    if part.parent is None or part.role is Role.MAIN:
        return []
    parent = reading.parts[part.parent]
    before = [m for m in reading.entities if parent.holds(m.first) and m.last <= part.first]
    before.sort(key=lambda m: -m.first)
    if part.role is Role.RELATIVE:
        return before[:1]
    return before + _inherited(reading, parent)


def _related(
    reading: Reading, index: Index, part: Part, named: list[Mention]
) -> list[tuple[Mention, Mention, Mention]]:
    """Return the entities a part names through another: "Frida Kahlo's husband", "the
    capital of Kenya", each with the phrase that relates them and the entity named.

    The relation must be an attribute the store lists (a place or a list of entities) and
    the store must give it one value only; "X's rival", which it does not list, names no one.
    """
    found: list[tuple[Mention, Mention, Mention]] = []
    text = reading.text
    tokens = reading.tokens
    phrases = [
        phrase
        for phrase in reading.attributes
        if part.holds(phrase.first)
        and index.attributes[phrase.key].kind in (ValueKind.PLACE, ValueKind.LIST)
        # "the union's founding states" names no founding place
        and not any(o.overlaps(phrase) and o.size > phrase.size for o in reading.attributes)
    ]
    for owner, phrase in ((o, p) for o in named for p in phrases):
        attribute = index.attributes[phrase.key]
        possessive = phrase.first == owner.last and any(
            q in text[tokens[owner.last - 1].end : phrase.start] for q in "'’"
        )
        of = owner.first - phrase.last in (1, 2) and [
            t.norm for t in tokens[phrase.last : owner.first]
        ] in (["of"], ["of", "the"])
        if not (possessive or of):
            continue
        values = {
            item
            for fact in index.facts(owner.key, attribute.id)
            for item in (fact.value if isinstance(fact.value, tuple) else (fact.value,))
            if isinstance(item, str)
        }
        if len(values) != 1:
            continue
        first, last = min(owner.first, phrase.first), max(owner.last, phrase.last)
        mention = Mention(
            values.pop(), first, last, tokens[first].start, tokens[last - 1].end, 0.9, 1
        )
        found.append((mention, phrase, owner))
    return found


def _earlier(reading: Reading, part: Part) -> list[str]:
    """Return the entities named in the parts before PART, the nearest first."""
    before = [m for m in reading.entities if m.last <= part.first and not part.holds(m.first)]
    return list(dict.fromkeys(m.key for m in sorted(before, key=lambda m: -m.first)))


def _from_context(
    reading: Reading,
    index: Index,
    part: Part,
    attribute: AttributeRecord,
    context: Sequence[str],
    phrase: Mention,
) -> list[Mention]:
    """Return the entities "it", "both" or "the organization" refer to, from CONTEXT."""
    named = {m.key for m in reading.entities}
    return _referred(
        reading, index, part, attribute, [e for e in context if e not in named], phrase
    )


def _referred(
    reading: Reading,
    index: Index,
    part: Part,
    attribute: AttributeRecord,
    candidates: Sequence[str],
    phrase: Mention,
) -> list[Mention]:
    """Return the CANDIDATES "it", "both" or "the organization" may refer to, or the one a
    clause that names no subject speaks of: "... and Turkey became a full member"."""
    if not candidates:
        return []
    referring = PRONOUNS | index.vocabulary.referring_nouns
    anaphor = next(
        (i for i in range(part.first, part.last) if reading.tokens[i].norm in referring), None
    )
    owners = [e for e in dict.fromkeys(candidates) if index.facts(e, attribute.id)]
    if not owners:
        return []
    plural = anaphor is not None and reading.tokens[anaphor].norm in PLURAL_PRONOUNS
    wanted = 2 if plural else 1
    if anaphor is not None:
        token = reading.tokens[anaphor]
        return [
            Mention(e, anaphor, anaphor + 1, token.start, token.end, CONTEXT_SCORE, 1)
            for e in owners[:wanted]
        ]
    start = phrase.start
    return [
        Mention(e, phrase.first, phrase.first + 1, start, start, CONTEXT_SCORE, 1)
        for e in owners[:wanted]
    ]


def _implied_subjects(
    reading: Reading, index: Index, part: Part, attribute: AttributeRecord, as_of: date
) -> list[Mention]:
    """Return the entity a common noun stands for: "the summit", "the NRU summit".

    The noun must end a name of the entity; a name before it ("the NRU summit") must be
    part of one of the entity's names too. When several entities remain, the one dated
    nearest the reference date, within a year, is meant.
    """
    named = {m.last: m for m in reading.entities}
    inside = reading.named
    dates: dict[int, ClaimDate] = {}
    for claimed in reading.dates:
        dates.setdefault(reading.token_at(claimed.start), claimed)
    for position in range(max(1, part.first), part.last):
        token = reading.tokens[position]
        if (
            position in inside
            or not part.holds(position)
            or token.capital
            or not token.norm.isalpha()
        ):
            continue  # only a common noun stands for a name: "the summit", not "the NRU"
        before = named.get(position)
        dated = dates.get(position - 1)
        article = position - 2 if dated is not None else position - 1
        if (article < 0 or reading.tokens[article].norm != "the") and before is None:
            continue
        owners = [e for e in index.heads.get(token.norm, ()) if index.facts(e, attribute.id)]
        if dated is not None:
            # "the 1999 summit": the one whose own date falls in 1999.
            owners = [e for e in owners if _dated_within(index, e, dated.mention.date)]
        if before is not None:
            words = {w for n in index.entities[before.key].names for w in fold_text(n).split()}
            owners = [e for e in owners if _named_with(index, e, words)]
        if len(owners) > 1:
            owners = _nearest_in_time(index, owners, as_of)
        if len(owners) == 1:
            first, start = position, token.start
            if dated is not None:
                first, start = position - 1, dated.start
            if before is not None:
                first, start = before.first, before.start
            return [Mention(owners[0], first, position + 1, start, token.end, IMPLIED_SCORE, 1)]
    return []


def _dated_within(index: Index, entity: str, when: PartialDate) -> bool:
    """Return whether one of ENTITY's dates falls within WHEN."""
    return any(
        isinstance(f.value, PartialDate) and when.start <= f.value.start <= when.end
        for f in index.by_entity.get(entity, ())
    )


def _named_with(index: Index, entity: str, words: set[str]) -> bool:
    """Return whether one of ENTITY's names holds one of WORDS ("NRU" in "NRU summit")."""
    return any(words & set(fold_text(n).split()) for n in index.entities[entity].names)


def _nearest_in_time(index: Index, entities: list[str], as_of: date) -> list[str]:
    """Return the entity whose dates lie nearest AS_OF, if within a year."""
    gaps: dict[str, int] = {}
    for entity in entities:
        days = [
            abs((f.value.start - as_of).days)
            for f in index.by_entity.get(entity, ())
            if isinstance(f.value, PartialDate)
        ]
        if days and min(days) <= NEAREST_EVENT_DAYS:
            gaps[entity] = min(days)
    if not gaps:
        return []
    best = min(gaps.values())
    return [e for e, gap in gaps.items() if gap == best]


def content_words(reading: Reading, part: Part) -> list[int]:
    """Return the part's tokens that carry content: outside names, dates, figures and grammar."""
    named = reading.named
    # Only the dates and figures that reach into the part: a long claim holds many.
    spans = [(d.start, d.end) for d in reading.dates]
    spans += [(q.start, q.end) for q in reading.quantities]
    taken = [(a, b) for a, b in spans if a < part.end and part.start < b]
    found = []
    for i in range(part.first, part.last):
        token = reading.tokens[i]
        if i in named or not part.holds(i) or token.norm in STOPWORDS or token.norm in GRAMMAR:
            continue
        if any(a <= token.start < b for a, b in taken):
            continue
        found.append(i)
    return found


def shares_words(token: Token, forms: frozenset[str]) -> bool:
    """Return whether TOKEN, or an English synonym of it, is among a fact's word FORMS."""
    if token.norm in forms or token.stem in forms or token.lemmas & forms:
        return True
    return bool(SYNONYMS_OF.get(token.norm, frozenset()) & forms)


def _word_leads(
    reading: Reading,
    index: Index,
    part: Part,
    words: list[int],
    subject: Mention,
    said: set[tuple[str, str]],
    *,
    implied: bool,
) -> list[Lead]:
    """Return the attributes of SUBJECT whose facts' own words the part uses.

    "Iceland's membership was approved in 2021" finds Iceland's accession date through
    the word "approved" in the fact's statement. Words that every attribute of the
    subject uses say nothing about which one is meant and are not counted.
    """
    if not words:
        return []
    kinds = _stated_kinds(reading, part)
    matched: dict[str, list[int]] = {}
    groups = index.attributes_of(subject.key)
    uses: dict[int, int] = dict.fromkeys(words, 0)
    for attribute_id in groups:
        attribute = index.attributes[attribute_id]
        forms: frozenset[str] = frozenset().union(
            *(index.evidence(f) for f in index.facts(subject.key, attribute_id))
        )
        hits = [i for i in words if shares_words(reading.tokens[i], forms)]
        for i in hits:
            uses[i] += 1
        if hits and (subject.key, attribute_id) not in said and attribute.kind in kinds:
            matched[attribute_id] = hits
    # A word most of the subject's facts use ("summit" of a summit) says nothing of which.
    common = {i for i, count in uses.items() if len(groups) > 2 and count > len(groups) / 2}
    leads = []
    for attribute_id, hits in matched.items():
        useful = [i for i in hits if i not in common]
        if not useful:
            continue
        counted = useful[:STORE_WORDS_COUNTED]
        token = reading.tokens[counted[0]]
        last = reading.tokens[counted[-1]]
        # Size 0: a reading from the store's words only stands in where no phrase reads
        # the value, so it never outweighs one.
        phrase = Mention(
            attribute_id,
            counted[0],
            counted[-1] + 1,
            token.start,
            last.end,
            1.0,
            0,
            tuple(counted),
        )
        leads.append(Lead(part, subject, index.attributes[attribute_id], phrase, implied, "words"))
    return leads


def _in_phrase(reading: Reading, token: int) -> bool:
    """Return whether TOKEN is a word of an attribute phrase the store lists."""
    return token in reading.phrased


def _stated_kinds(reading: Reading, part: Part) -> set[ValueKind]:
    """Return the kinds of attribute the values stated in PART could be values of."""
    kinds = {ValueKind.TEXT}
    if any(part.holds(reading.token_at(d.start)) for d in reading.dates):
        kinds.add(ValueKind.DATE)
    for quantity in reading.quantities:
        if part.holds(reading.token_at(quantity.start)):
            kinds.update(
                {
                    "count": {ValueKind.COUNT, ValueKind.QUANTITY},
                    "quantity": {ValueKind.QUANTITY},
                    "money": {ValueKind.MONEY},
                    "percent": {ValueKind.PERCENT},
                }[quantity.kind]
            )
    if sum(part.holds(m.first) for m in reading.entities) >= 2:
        kinds.update({ValueKind.PLACE, ValueKind.LIST})
    return kinds


def _event_leads(reading: Reading, index: Index, part: Part, named: list[Mention]) -> list[Lead]:
    """Read a date stated about an event ("the strike began in 1987") as its date."""
    leads: list[Lead] = []
    for mention in named:
        if index.entities[mention.key].kind not in index.vocabulary.event_kinds:
            continue
        dated = [
            index.attributes[a]
            for a in index.attributes_of(mention.key)
            if index.attributes[a].kind is ValueKind.DATE
        ]
        if len(dated) != 1:
            continue
        implicit = Mention(
            dated[0].id, mention.first, mention.last, mention.start, mention.end, 1.0, 0
        )
        leads.append(Lead(part, mention, dated[0], implicit, False, "event"))
    return leads
