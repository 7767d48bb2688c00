"""Decide each check against the facts of its time, then each part, then the whole claim.

The fourth stage of the engine. A check compares the value a part states with the facts
that hold at the time the part speaks of (VERDICTS.md's ranges, dates, lists, places,
tiers). A part is decided only when every element in it is accounted for: by a check, by
the words of the facts it rests on, or by English grammar; words that change the meaning
("only", "could", "rose to") are decided here or leave the part unknown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from rapidfuzz import fuzz

from verifier.core.align import Alignment, Check, TextValue
from verifier.core.dates import CIRCA_SUPPORT_YEARS, PartialDate, shift_day
from verifier.core.english import AMOUNT_WORDS, GRAMMAR, REFERENCE_SHIFTERS, TITLES, Marker
from verifier.core.index import Index, IndexedFact
from verifier.core.mentions import Mention
from verifier.core.model import ValueKind
from verifier.core.read import ClaimDate, MarkerMention, Part, Reading, Role
from verifier.core.result import Verdict
from verifier.core.retrieve import PRONOUNS, shares_words
from verifier.core.text import STOPWORDS, Token, fold_text, stem, tokenize, word_classes
from verifier.core.units import convert, parse_unit
from verifier.core.values import (
    PERCENTAGE_POINT,
    Interval,
    Quantity,
    claim_range,
    compare_ranges,
    fact_range,
)

OBSERVATION_DAYS = 365
# Markers whose word the store's own words may account for ("is expected to", "largest").
_SAID_BY_SOURCE = frozenset(
    {Marker.MODAL, Marker.RANK, Marker.UNIVERSAL, Marker.COMPARISON, Marker.EXCLUSIVE}
)
# Markers that leave a part unknown, never contradicted, while they stand undecided.
_BLOCKING = frozenset(
    {
        Marker.MODAL,
        Marker.UNIVERSAL,
        Marker.COMPARISON,
        Marker.CHANGE,
        Marker.TIME_RELATION,
        Marker.FUTURE,
        Marker.EXCLUSIVE,
    }
)
_POSSESSIVES = frozenset({"its", "their", "his", "her"})
# Words that join two clauses ("..., while Nairobi lies at 1,795 m") without relating times.
_CLAUSE_JOINERS = frozenset({"while", "as", "whereas"})
# How the word opening a clause that sets the time relates it: "After she won, ...".
_TIME_WORDS = {"after": "after", "before": "before", "since": "since", "until": "before",
               "by": "before"}  # fmt: skip
# How far a doubled or halved value may stray from twice or half the one before.
_FACTOR_TOLERANCE = 0.1
_ITEM_SPLIT = (",", ";", " and ", " or ", "/")
# How many words after a ranking word must stand in the source as in the claim:
# "the first woman", "the largest regional organization".
_RANKED_WORDS = 2
# Words that state a value after an attribute's name: "her occupation was painter".
_COPULAS = frozenset({"is", "was", "are", "were", "remains", "remained", "as", "became"})
# How alike two texts must be spelled (rapidfuzz ratio) to be taken for one name spelled
# two ways ("Bombay", "Mumbai" are not; "Tchaikovsky", "Chaikovsky" are).
_SPELLING_RATIO = 80
# The most words a text value stated as one may have before it reads as a sentence.
_TEXT_VALUE_WORDS = 6


class Refutation(StrEnum):
    """Why a fact shows a marker of the claim to be false."""

    LIST_NAMES_OTHERS = "list-names-others"
    SAME_VALUE_ELSEWHERE = "same-value-elsewhere"
    EARLIER_VALUE = "earlier-value"


@dataclass(frozen=True, slots=True)
class Leftover:
    """Something a part states that nothing accounts for."""

    kind: str  # "name", "marker", "figure" or "word"
    start: int
    end: int
    text: str
    blocks: bool  # stops "contradicted" too: the claim may be about something else
    marker: Marker | None = None


@dataclass(slots=True)
class PartDecision:
    """What the store says of one part."""

    part: Part
    checks: list[Check]
    verdict: Verdict = Verdict.UNKNOWN
    disputed: bool = False
    negated: bool = False
    empty: bool = False  # only grammar: nothing to decide
    leftovers: list[Leftover] = field(default_factory=list)
    # Facts that refute a marker, with why: a list that names others too ("only"),
    # another entity with the same value ("the only one"), the earlier value a change
    # starts from ("rose to").
    extra: list[tuple[IndexedFact, Refutation]] = field(default_factory=list)
    # Facts that tie a name to the subject it owns: "Marlow Reyes's Glass Harbour".
    linked: list[IndexedFact] = field(default_factory=list)
    refuted: bool = False  # "only" or a change word the store shows to be false
    ambiguous: bool = False  # a value could belong to more than one attribute
    restated: bool = False  # accounted for entirely by the words of its clause's facts

    @property
    def basis(self) -> list[Check]:
        """Return the checks the verdict rests on."""
        if self.verdict is Verdict.UNKNOWN:
            return [c for c in self.checks if c.cited]
        wanted = self.verdict.negated() if self.negated else self.verdict
        decisive = [c for c in self.checks if c.verdict is wanted]
        return decisive or [c for c in self.checks if c.cited]


def decide(
    reading: Reading, alignment: Alignment, index: Index, *, as_of: date, tolerance: float
) -> list[PartDecision]:
    """Decide every check, then every part of READING."""
    judge = _Judge(reading, alignment, index, as_of, tolerance)
    for check in alignment.checks:
        judge.check(check)
    # A reading found only through the store's words, or of a text value, that decides
    # nothing is no reading at all: its words are simply not accounted for.
    kept = [
        c
        for c in alignment.checks
        if c.verdict is not Verdict.UNKNOWN
        or (c.lead != "words" and c.attribute.kind is not ValueKind.TEXT)
    ]
    decisions: list[PartDecision] = []
    for part in reading.parts:
        checks = [c for c in kept if c.part.index == part.index]
        decisions.append(judge.part(part, checks, decisions))
    return decisions


def combine(decisions: Sequence[PartDecision]) -> Verdict:
    """Return the claim's verdict: contradicted if a part is, supported if every part is."""
    meaningful = [d for d in decisions if not d.empty]
    if any(d.verdict is Verdict.CONTRADICTED for d in meaningful):
        return Verdict.CONTRADICTED
    supported = all(d.verdict is Verdict.SUPPORTED for d in meaningful)
    if meaningful and supported and any(d.checks for d in meaningful):
        return Verdict.SUPPORTED
    return Verdict.UNKNOWN


class _Judge:
    """Decide checks and parts of one reading."""

    def __init__(
        self,
        reading: Reading,
        alignment: Alignment,
        index: Index,
        as_of: date,
        tolerance: float,
    ) -> None:
        """Keep what every decision needs."""
        self.reading = reading
        self.alignment = alignment
        self.index = index
        self.as_of = as_of
        self.tolerance = tolerance
        self.values = {(c.value.start, c.value.end) for c in alignment.checks}
        self.scopes: dict[int, list[ClaimDate]] = {}
        # The clauses that set another's time ("When ..., "), once a check used them.
        self.time_used: set[int] = set()
        self.event_used = False

    # -- checks --------------------------------------------------------------------------

    def check(self, check: Check) -> None:
        """Judge the check's value against the facts that hold at the claim's time."""
        if check.ambiguous:
            check.note = "ambiguous"
            return
        facts = [
            f
            for f in self.index.facts(check.subject.key, check.attribute.id)
            if not check.objects or f.record.object in check.objects
        ]
        when = self._scope(check) if check.attribute.temporal else None
        outcomes: list[_Outcome] = []
        buckets = self._at_time(facts, check, when)
        check.held = [f for bucket in buckets for f in bucket]
        for bucket in buckets:
            judged = [(f, v) for f in bucket if (v := self._judge(check, f)) is not None]
            if judged:
                outcomes.append(_Outcome(*_by_tier(judged), _held(bucket)))
        if not outcomes:
            check.note = "values not comparable" if facts else "no fact for that time"
            return
        if when is not None and when.ends is not None:
            verdict, chosen = _throughout(outcomes, when.ends, facts)
        else:
            verdict, chosen = _at_some_time(outcomes)
            if verdict is Verdict.CONTRADICTED and when is not None and _gap(facts, when):
                # The store says nothing of part of that time, when the claim may hold.
                verdict, chosen = Verdict.UNKNOWN, outcomes
        check.verdict = verdict
        check.disputed = any(o.disputed for o in outcomes)
        check.cited = [c for o in chosen for c in o.cited]

    def _at_time(
        self, facts: list[IndexedFact], check: Check, when: _When | None
    ) -> list[list[IndexedFact]]:
        """Group the facts that hold at the time the check speaks of, one group per period."""
        if not check.attribute.temporal:
            return [facts] if facts else []
        if when is not None:
            held = [f for f in facts if f.period.overlaps(when.first, when.last)]
        elif self.reading.tense(self._tense_part(check.part)) == "past":
            held = [f for f in facts if f.period.start is None or f.period.start <= self.as_of]
        else:
            held = [f for f in facts if f.period.contains(self.as_of)] or _reported_soon_after(
                facts, self.as_of
            )
        buckets: dict[date | None, list[IndexedFact]] = defaultdict(list)
        for fact in held:
            buckets[fact.period.start].append(fact)
        return [buckets[k] for k in sorted(buckets, key=lambda d: (d is not None, d))]

    def _tense_part(self, part: Part) -> Part:
        """Return the part whose verb sets PART's tense: its clause, for a participle."""
        dependent = part.role in (Role.PARTICIPLE, Role.RELATIVE) and part.parent is not None
        if dependent and part.parent is not None and self.reading.tense(part) == "unmarked":
            return self.reading.parts[part.parent]
        return part

    def _scope(self, check: Check) -> _When | None:
        """Return the time the check speaks of, when the claim names it.

        A date the part states that is no value of this check sets its time ("in 2018",
        "as of 2019"); so does a date another check of a past-tense part states ("Iceland's
        accession in 2021 took the union to five members" counts the members of 2021). A
        dependent part (", raising the number to 11") takes the time of its clause. "Since
        2016" and "from 2001 to 2014" speak of a stretch the value must hold throughout.
        """
        part = check.part
        reading = self.reading
        dated = self._dates_of(part)
        past = reading.tense(self._tense_part(part)) == "past"
        spans: list[ClaimDate] = []
        for claimed in dated:
            if claimed is check.value or (claimed.start, claimed.end) == (
                check.value.start,
                check.value.end,
            ):
                continue
            is_value = (claimed.start, claimed.end) in self.values
            if claimed.relation == "scope" or not is_value or past:
                spans.append(claimed)
        self.scopes[id(check)] = spans
        if spans:
            first = min(_scope_first(d) for d in spans)
            last = max(_scope_last(d, self.as_of) for d in spans)
            stretch = next((d for d in spans if d.relation == "since" or _is_range(d)), None)
            ends = None
            if stretch is not None and len(spans) == 1:
                mention = stretch.mention
                if stretch.relation == "since":
                    ends = ((mention.first, mention.last), (self.as_of, self.as_of))
                else:
                    ends = (
                        (mention.first, date(mention.first.year, 12, 31)),
                        (date(mention.last.year, 1, 1), mention.last),
                    )
            return _When(first, last, ends)
        scope = reading.event_scope
        if scope is not None:
            holder = reading.part_of(scope[0])
            if holder.index == part.index or holder.role is Role.TIME:
                event = self._event_time(check.subject.key, scope[2])
                if event is not None:
                    self.time_used.add(holder.index)
                    self.event_used = True
                    return _When(event[0], event[1], None)
        return None

    def _dates_of(self, part: Part) -> list[ClaimDate]:
        """Return the dates that may set a part's time: its own, its clause's, or those of
        a clause that sets the claim's time ("When she won the prize in 1903, ...")."""
        reading = self.reading
        occasions = self.alignment.occasions
        # The year in an event's name gives way to the event's own day.
        dates = [
            d
            for d in [*reading.dates, *self.alignment.anchors]
            if not any(o.start <= d.start and d.end <= o.end for o in occasions)
        ]
        own = [d for d in [*dates, *occasions] if part.holds(reading.token_at(d.start))]
        if own:
            return own
        if part.role is Role.MAIN:
            return self._time_clause_dates(part)
        if part.parent is None:
            return own
        return self._dates_of(reading.parts[part.parent])

    def _time_clause_dates(self, part: Part) -> list[ClaimDate]:
        """Return the dates of the clause that sets the time of PART, related by its word."""
        reading = self.reading
        dates = [*reading.dates, *self.alignment.anchors]
        found: list[ClaimDate] = []
        for clause in reading.parts:
            if clause.role is not Role.TIME or clause.index == part.index:
                continue
            relation = _TIME_WORDS.get(reading.tokens[clause.first].norm, "at")
            for claimed in dates:
                if clause.holds(reading.token_at(claimed.start)):
                    found.append(ClaimDate(claimed.mention, relation, claimed.cue))
                    self.time_used.add(clause.index)
        return found

    def _event_time(self, entity: str, word: str) -> tuple[date, date] | None:
        """Return the day of ENTITY's event named by WORD ("founded"), from its best source."""
        wanted = stem(word.casefold())
        for attribute_id in self.index.attributes_of(entity):
            attribute = self.index.attributes[attribute_id]
            if attribute.kind is not ValueKind.DATE:
                continue
            if any(wanted in {stem(w.casefold()) for w in p.split()} for p in attribute.phrases):
                facts = sorted(
                    self.index.facts(entity, attribute_id), key=lambda f: -f.source.tier.rank
                )
                for fact in facts:
                    if isinstance(fact.value, PartialDate):
                        return (fact.value.start, fact.value.start)
        return None

    def _judge(self, check: Check, fact: IndexedFact) -> Verdict | None:
        """Compare the claimed value with one fact's value, or None when they do not compare."""
        value, stored = check.value, fact.value
        if isinstance(value, Quantity) and isinstance(stored, Quantity):
            return self._judge_quantity(check, value, stored)
        if isinstance(value, ClaimDate) and isinstance(stored, PartialDate):
            return judge_date(value, stored)
        if isinstance(value, Mention) and isinstance(stored, tuple):
            if value.key in stored:
                return Verdict.SUPPORTED
            return Verdict.CONTRADICTED if fact.record.complete else Verdict.UNKNOWN
        if isinstance(value, Mention) and isinstance(stored, str):
            return self._judge_place(value.key, stored, multi=check.attribute.multi)
        if isinstance(value, TextValue) and isinstance(stored, str):
            return self._judge_text(check, value, fact)
        if isinstance(value, TextValue) and isinstance(stored, bool):
            # The claim says the subject is what the phrase names; a negation flips it later.
            return Verdict.SUPPORTED if stored else Verdict.CONTRADICTED
        return None

    def _judge_quantity(self, check: Check, value: Quantity, stored: Quantity) -> Verdict | None:
        """Apply the range rule to two figures, converting units; never across currencies."""
        claimed = claim_range(value, tolerance=self.tolerance)
        if value.kind == "money" or stored.kind == "money":
            if not value.unit or not stored.unit or stored.unit not in value.unit.split("|"):
                return None
            return Verdict(compare_ranges(claimed, fact_range(stored)))
        if check.attribute.kind is ValueKind.QUANTITY:
            target = stored.unit or _attribute_unit(check)
            if target and not value.unit:
                return None  # "three" is no figure of "155 lb"
            source = value.unit or target
            if (source == PERCENTAGE_POINT) != (target == PERCENTAGE_POINT):
                return None
            if source and target and source != target:
                low = convert(claimed.low, source, target)
                high = convert(claimed.high, source, target)
                if low is None or high is None:
                    return None
                claimed = Interval(low, high, claimed.low_open, claimed.high_open)
        return Verdict(compare_ranges(claimed, fact_range(stored)))

    def _judge_place(self, claimed: str, stored: str, *, multi: bool) -> Verdict:
        """Compare two places: the same, one inside the other, or different."""
        containers = self.index.containers
        if claimed == stored or claimed in containers.get(stored, set()):
            return Verdict.SUPPORTED
        if stored in containers.get(claimed, set()) or multi:
            return Verdict.UNKNOWN
        return Verdict.CONTRADICTED

    def _judge_text(self, check: Check, value: TextValue, fact: IndexedFact) -> Verdict | None:
        """Compare the words a claim gives as a value with a fact's text.

        Supported when every word of the claim's value is among the fact's own words and
        the claim names one whole item of the value ("chemist" of "physicist, chemist");
        contradicted, for a single-valued attribute read through its phrase, when the
        claim's value shares no word with the fact's.
        """
        words = [
            self.reading.tokens[i]
            for i in value.tokens
            if self.reading.tokens[i].norm not in STOPWORDS | GRAMMAR
        ]
        if not words or not isinstance(fact.value, str):
            return None
        evidence = self.index.evidence(fact)
        items = [tokenize(item) for item in _items(fact.value)]
        # The phrase may be a word of the value itself: "the longest river in Poland".
        phrase = [self.reading.tokens[i] for i in check.phrase.tokens]
        named = any(
            item
            and all(
                any(_same_word(w, i) for w in [*words, *phrase])
                for i in item
                if i.norm not in STOPWORDS | GRAMMAR
            )
            for item in items
        )
        # The word for what the subject is ("an indie folk album") need not be the source's.
        kind = self.index.entities[check.subject.key].kind
        said = [w for w in words if fold_text(kind) not in w.lemmas]
        if named and all(shares_words(w, evidence) for w in said):
            return Verdict.SUPPORTED
        value_forms = frozenset(
            form for t in tokenize(fact.value) for form in (t.norm, t.stem, *t.lemmas)
        )
        claimed = fold_text(" ".join(w.norm for w in words))
        spelled_alike = any(
            fuzz.ratio(claimed, fold_text(item)) >= _SPELLING_RATIO for item in _items(fact.value)
        )
        # The fact's value named elsewhere in the part ("Wayne County is home to ...") is
        # what the claim says of it; the words after the phrase are something else.
        elsewhere = any(
            shares_words(self.reading.tokens[i], value_forms)
            for i in range(check.part.first, check.part.last)
            if check.part.holds(i)
            and i not in value.tokens
            and not check.subject.first <= i < check.subject.last
            and self.reading.tokens[i].norm not in STOPWORDS | GRAMMAR
        )
        if (
            check.lead == "phrase"
            and not check.attribute.multi
            and self._stated_as_value(check, value)
            and not spelled_alike
            and not elsewhere
            and not any(shares_words(w, value_forms) for w in words)
        ):
            return Verdict.CONTRADICTED
        return Verdict.UNKNOWN

    def _stated_as_value(self, check: Check, value: TextValue) -> bool:
        """Return whether a text value is stated as one: "her occupation was painter".

        The phrase must name the attribute and a copula follow it; only then is a value
        that shares no word with the fact's a different value, not another sentence.
        """
        reading = self.reading
        dated = [(d.start, d.end) for d in reading.dates]
        # "France's currency in 1999 was the euro": the time and the subject aside.
        between = [
            t.norm
            for i, t in enumerate(reading.tokens[check.phrase.last : value.tokens[0]])
            if not check.subject.first <= i + check.phrase.last < check.subject.last
            and not any(a <= t.start < b for a, b in dated)
            and t.norm not in ("of", "in", "on", "at", "during", "the", "a", "an")
        ]
        if value.tokens[0] < check.phrase.first:
            between = ["is"]  # the value before the phrase: "X is the currency of Y"
        copula = bool(between) and between[0] in _COPULAS and len(between) <= 3
        # "was also a creator of the book" describes, it does not name: "a", "an" before
        # the value, or a verb starting it ("was handed out"), state no value.
        first = reading.tokens[value.tokens[0]]
        article = reading.tokens[value.tokens[0] - 1].norm in ("a", "an")
        verb = bool({"VERB", "AUX"} & word_classes(first.norm)) and not {
            "NOUN",
            "PROPN",
            "ADJ",
        } & word_classes(first.norm)
        markers = any(m.first in value.tokens for m in reading.markers)
        if article or verb or markers:
            return False
        starts = [d.start for d in reading.dates] + [q.start for q in reading.quantities]
        figures = any(value.start <= start < value.end for start in starts)
        return copula and not figures and len(value.tokens) <= _TEXT_VALUE_WORDS

    # -- parts ---------------------------------------------------------------------------

    def part(self, part: Part, checks: list[Check], earlier: list[PartDecision]) -> PartDecision:
        """Decide one part from its checks, its markers and whatever is left over."""
        decision = PartDecision(part, checks)
        reading = self.reading
        negation = reading.negation_in(part)
        live = [c for c in checks if not c.ambiguous]
        evidence = self._evidence(live)
        consumed = self._consumed(part, live)
        if negation is not None and live:
            consumed.update(
                range(reading.token_at(negation[0]), reading.token_at(negation[1] - 1) + 1)
            )
        markers = self._settle_markers(part, live, decision, evidence, consumed)
        for owner, fact in self._owners(part, live):
            consumed.update(range(owner.first, owner.last))
            decision.linked.append(fact)
        decision.leftovers = self._leftovers(part, live, consumed, evidence, markers)
        if not checks:
            self._without_checks(part, decision, earlier)
            return decision
        decision.ambiguous = len(live) < len(checks)
        blocked = any(left.blocks for left in decision.leftovers)
        contradicted = any(c.verdict is Verdict.CONTRADICTED for c in live)
        if (contradicted or decision.refuted) and not blocked:
            decision.verdict = Verdict.CONTRADICTED
        elif (
            all(c.verdict is Verdict.SUPPORTED for c in live)
            and not decision.leftovers
            and not decision.ambiguous
        ):
            decision.verdict = Verdict.SUPPORTED
        decision.disputed = any(c.disputed for c in live)
        if negation is not None and decision.verdict is not Verdict.UNKNOWN:
            decision.negated = True
            decision.verdict = decision.verdict.negated()
        return decision

    def _without_checks(
        self, part: Part, decision: PartDecision, earlier: list[PartDecision]
    ) -> None:
        """Decide a part the store reads nothing in: empty, restated, or unknown."""
        if not decision.leftovers:
            decision.empty = True
            return
        parent = (
            earlier[part.parent] if part.parent is not None and part.parent < len(earlier) else None
        )
        if parent is not None and parent.verdict is Verdict.SUPPORTED and not parent.negated:
            # "... thwarted due to opposition from India": the clause's own source says it.
            facts = [f for c in parent.basis for f, v in c.cited if v is Verdict.SUPPORTED]
            forms = (
                frozenset().union(*(self.index.evidence(f) for f in facts))
                if facts
                else frozenset()
            )
            if forms and all(self._said(left, forms) for left in decision.leftovers):
                decision.verdict = Verdict.SUPPORTED
                decision.restated = True
                decision.leftovers = []

    def _said(self, left: Leftover, forms: frozenset[str]) -> bool:
        """Return whether every word of a leftover is among a fact's word FORMS."""
        return all(shares_words(t, forms) for t in tokenize(left.text))

    def _evidence(self, checks: list[Check]) -> frozenset[str]:
        """Return the word forms of the facts the part's decided checks rest on."""
        facts = [
            f
            for c in checks
            if c.verdict is not Verdict.UNKNOWN
            for f, v in c.cited
            if v is c.verdict
        ]
        if not facts:
            return frozenset()
        return frozenset().union(*(self.index.evidence(f) for f in facts))

    def _consumed(self, part: Part, checks: list[Check]) -> set[int]:
        """Return the tokens the checks read: subjects, phrases, values, counted nouns, times."""
        reading = self.reading
        used: set[int] = set()

        def cover(start: int, end: int) -> None:
            first = reading.token_at(start)
            last = reading.token_at(max(start, end - 1))
            used.update(range(first, last + 1))

        for check in checks:
            used.update(range(check.subject.first, check.subject.last))
            used.update(check.phrase.tokens or range(check.phrase.first, check.phrase.last))
            for phrase in reading.attributes:
                if phrase.key == check.attribute.id:
                    used.update(phrase.tokens)
            if isinstance(check.value, TextValue):
                used.update(check.value.tokens)
            else:
                cover(check.value.start, check.value.end)
            used.update(check.counted)
            if isinstance(check.value, ClaimDate) and check.value.cue is not None:
                cover(*check.value.cue)
            for mention in reading.entities:
                if mention.key in check.objects:
                    used.update(range(mention.first, mention.last))
            for claimed in self.scopes.get(id(check), ()):
                cover(claimed.start, claimed.end)
                if claimed.cue is not None:
                    cover(*claimed.cue)
        if reading.event_scope is not None and self.event_used:
            cover(reading.event_scope[0], reading.event_scope[1])
        used.update(self.alignment.anchored)
        used.update(self._containing_places(part, checks))
        return {i for i in used if part.holds(i)}

    def _owners(self, part: Part, checks: list[Check]) -> list[tuple[Mention, IndexedFact]]:
        """Return the names that own a subject ("Marlow Reyes's Glass Harbour", "Veridian's
        Pulse 7") with the fact that ties them, when the store has one."""
        reading = self.reading
        found: list[tuple[Mention, IndexedFact]] = []
        for check in checks:
            subject = check.subject
            owner = next((m for m in reading.entities if m.last == subject.first), None)
            if owner is None or not part.holds(owner.first):
                continue
            between = reading.text[owner.end : subject.start]
            if between not in ("'s ", "’s ", "' ", "’ "):
                continue
            tie = self._tie(owner.key, subject.key) or self._tie(subject.key, owner.key)
            if tie is not None:
                found.append((owner, tie))
        return found

    def _tie(self, entity: str, other: str) -> IndexedFact | None:
        """Return a fact of ENTITY whose value is OTHER or names it.

        Only the entity itself: a probe launched from a site in a country is not that
        country's probe.
        """
        names = {fold_text(n) for n in self.index.entities[other].names}
        for fact in self.index.by_entity.get(entity, ()):
            items = fact.value if isinstance(fact.value, tuple) else (fact.value,)
            if any(isinstance(i, str) and (i == other or fold_text(i) in names) for i in items):
                return fact
        return None

    def _containing_places(self, part: Part, checks: list[Check]) -> set[int]:
        """Return the tokens of places named only to locate another: "Bergen, Norway"."""
        reading = self.reading
        places = {c.value.key for c in checks if isinstance(c.value, Mention)}
        places.update(c.subject.key for c in checks)
        found: set[int] = set()
        for mention in reading.entities:
            if part.holds(mention.first) and any(
                mention.key in self.index.containers.get(p, set()) for p in places
            ):
                found.update(range(mention.first, mention.last))
        return found

    def _settle_markers(
        self,
        part: Part,
        checks: list[Check],
        decision: PartDecision,
        evidence: frozenset[str],
        consumed: set[int],
    ) -> list[MarkerMention]:
        """Decide the part's markers where the store can; return those left standing."""
        reading = self.reading
        standing: list[MarkerMention] = []
        for marker in reading.markers_in(part):
            tokens = range(marker.first, marker.last)
            if any(i in consumed for i in tokens):
                continue
            if marker.kind in _SAID_BY_SOURCE and self._said_by_source(marker, checks, evidence):
                consumed.update(tokens)
                continue
            settled = False
            if marker.kind is Marker.EXCLUSIVE:
                settled = self._exclusive(marker, checks, decision)
            elif marker.kind is Marker.CHANGE:
                settled = self._change(marker, checks, decision)
            elif marker.kind is Marker.FUTURE:
                # What an event will be is scheduled; what anything else will be is a guess.
                events = self.index.vocabulary.event_kinds
                settled = bool(checks) and all(
                    not c.attribute.temporal or self.index.entities[c.subject.key].kind in events
                    for c in checks
                )
            elif marker.kind is Marker.TIME_RELATION:
                # "When ..." opening a clause whose time a check used; "..., while ..."
                # joining two clauses.
                settled = (part.role is Role.TIME and part.index in self.time_used) or (
                    marker.first == part.first and marker.word in _CLAUSE_JOINERS
                )
            if settled:
                consumed.update(tokens)
            else:
                standing.append(marker)
        return standing

    def _said_by_source(
        self, marker: MarkerMention, checks: list[Check], evidence: frozenset[str]
    ) -> bool:
        """Return whether the facts the part rests on say the marker the same way.

        "Is expected to" needs the source's words; "the first woman" needs them in that
        order, so "the first African woman" does not account for it.
        """
        reading = self.reading
        words = [reading.tokens[i] for i in range(marker.first, marker.last)]
        if not all(shares_words(t, evidence) for t in words):
            return False
        if marker.kind is Marker.MODAL:
            return True
        phrase = [t for t in words if not t.is_stopword]
        for token in reading.tokens[marker.last :]:
            if token.is_stopword or token.norm in GRAMMAR:
                if len(phrase) > len(words):
                    break
                continue
            phrase.append(token)
            if len(phrase) >= len(words) + _RANKED_WORDS:
                break
        facts = [f for c in checks for f, v in c.cited if v is c.verdict]
        return any(
            _in_order(phrase, sentence) for fact in facts for sentence in self.index.sentences(fact)
        )

    def _exclusive(
        self, marker: MarkerMention, checks: list[Check], decision: PartDecision
    ) -> bool:
        """Decide "only": against a complete list, or against another entity's same value."""
        reading = self.reading
        after = marker.last
        if any(reading.token_at(q.start) in (after, after + 1) for q in reading.quantities):
            return True  # "only 10 members" reads as the figure
        lists = [
            c for c in checks if isinstance(c.value, Mention) and c.attribute.kind is ValueKind.LIST
        ]
        # "Its only observers are ..." rules out other items of the list; "the only
        # scientist to win ..." other entities with the same value.
        following = next(
            (
                i
                for i in range(after, len(reading.tokens))
                if not reading.tokens[i].is_stopword and reading.tokens[i].norm not in GRAMMAR
            ),
            -1,
        )
        lists = [
            c
            for c in lists
            if following in c.phrase.tokens
            or (isinstance(c.value, Mention) and c.value.first <= following < c.value.last)
        ]
        if lists:
            named = {c.value.key for c in lists if isinstance(c.value, Mention)}
            for check in lists:
                for fact in check.held:
                    if not isinstance(fact.value, tuple):
                        continue
                    others = set(fact.value) - named
                    if others:
                        decision.extra.append((fact, Refutation.LIST_NAMES_OTHERS))
                        decision.refuted = True
                        return True
                    if fact.record.complete and named <= set(fact.value):
                        return True
            return False
        for check in checks:
            if check.verdict is not Verdict.SUPPORTED:
                continue
            rival = self._same_value_elsewhere(check)
            if rival is not None:
                decision.extra.append((rival, Refutation.SAME_VALUE_ELSEWHERE))
                decision.refuted = True
                return True
        return False

    def _same_value_elsewhere(self, check: Check) -> IndexedFact | None:
        """Return a fact giving another entity of the same kind the claimed value."""
        kind = self.index.entities[check.subject.key].kind
        for fact in self.index.by_attribute.get(check.attribute.id, ()):
            if fact.record.entity == check.subject.key:
                continue
            if self.index.entities[fact.record.entity].kind != kind:
                continue
            if check.objects and fact.record.object not in check.objects:
                continue
            if self._judge(check, fact) is Verdict.SUPPORTED:
                return fact
        return None

    def _change(self, marker: MarkerMention, checks: list[Check], decision: PartDecision) -> bool:
        """Decide "rose to 10": the value after the change, and which way it went."""
        reading = self.reading
        to = next(
            (
                i
                for i in range(marker.last, min(marker.last + 8, len(reading.tokens)))
                if reading.tokens[i].norm == "to"
            ),
            None,
        )
        if to is None:
            return False
        target = next(
            (
                c
                for c in checks
                if isinstance(c.value, Quantity) and self._follows(to, c.value.start)
            ),
            None,
        )
        if target is None or target.verdict is Verdict.UNKNOWN:
            return False
        if not target.attribute.temporal:
            return False  # a value that never changes (a launch price) says nothing of a change
        if target.verdict is Verdict.CONTRADICTED:
            return True  # the value after the change is wrong, whichever way it went
        if not marker.direction and marker.factor is None:
            return True
        holding = [f for f, v in target.cited if isinstance(f.value, Quantity)]
        if not holding:
            return False
        current = holding[0]
        before = self._previous(current)
        if (
            before is None
            or not isinstance(before.value, Quantity)
            or not isinstance(current.value, Quantity)
            or before.value.high is not None
            or current.value.high is not None
        ):
            return False  # no earlier figure, or a range: which way it went is not said
        new, old = current.value.value, before.value.value
        agrees = (new > old) if marker.direction == "up" else (new < old)
        if marker.factor is not None and old:
            agrees = agrees and abs(new / old - marker.factor) <= marker.factor * _FACTOR_TOLERANCE
        if not agrees and target.verdict is Verdict.SUPPORTED:
            decision.extra.append((before, Refutation.EARLIER_VALUE))
            decision.refuted = True
        return True

    def _follows(self, token: int, start: int) -> bool:
        """Return whether the text at START comes right after TOKEN, grammar aside:
        "to ten", "to a total of ten"."""
        reading = self.reading
        first = reading.token_at(start)
        between = reading.tokens[token + 1 : first]
        return (
            token < first
            and len(between) <= 4
            and all(t.norm in GRAMMAR or t.norm in STOPWORDS for t in between)
        )

    def _previous(self, fact: IndexedFact) -> IndexedFact | None:
        """Return the fact of the same group that held just before FACT, with another value."""
        start = fact.period.start
        if start is None:
            return None
        earlier = [
            f
            for f in self.index.facts(fact.record.entity, fact.record.attribute)
            if f.period.start is not None and f.period.start < start and f.value != fact.value
        ]
        return max(
            earlier, key=lambda f: (f.period.start or date.min, f.source.tier.rank), default=None
        )

    def _leftovers(
        self,
        part: Part,
        checks: list[Check],
        consumed: set[int],
        evidence: frozenset[str],
        markers: list[MarkerMention],
    ) -> list[Leftover]:
        """Return what the part states that nothing accounts for."""
        reading = self.reading
        tokens = reading.tokens
        found: list[Leftover] = []
        covered = set(consumed)
        for marker in markers:
            covered.update(range(marker.first, marker.last))
            found.append(
                Leftover(
                    "marker",
                    marker.start,
                    marker.end,
                    reading.text[marker.start : marker.end],
                    blocks=marker.kind in _BLOCKING,
                    marker=marker.kind,
                )
            )
        titled = self._titles(part)
        covered.update(titled)
        describing = self._describing(part, checks)
        named = [(m.first, m.last, m.start, m.end) for m in reading.entities]
        named += [(n.first, n.last, n.start, n.end) for n in reading.names]
        for first, last, start, end in sorted(named):
            if not part.holds(first) or first in covered:
                continue
            covered.update(range(first, last))
            if self._names_said(first, last, evidence):
                continue
            # A name that only says which event a stated date is ("at the 2022 Oslo
            # summit") cannot be what the claim is about.
            blocks = not all(i in describing for i in range(first, last))
            found.append(self._leftover("name", start, end, blocks=blocks))
        stated = [(q.start, q.end) for q in reading.quantities]
        stated += [(d.start, d.end) for d in reading.dates]
        for start, end in stated:
            first = reading.token_at(start)
            if not part.holds(first) or first in covered:
                continue
            last = reading.token_at(max(start, end - 1))
            covered.update(range(first, last + 1))
            digits = [t.norm for t in tokens[first : last + 1] if t.norm.isdigit()]
            if digits and all(d in evidence for d in digits):
                continue  # the same figure in the source's own words
            found.append(self._leftover("figure", start, end, blocks=False))
        subjects = [c.subject for c in checks]
        kinds = frozenset(
            fold_text(self.index.entities[c.subject.key].kind)
            for c in checks
            if c.subject.key in self.index.entities
        )
        for i in range(part.first, part.last):
            token = tokens[i]
            referring = self.index.vocabulary.referring_nouns
            if not part.holds(i) or i in covered or _is_grammar(token, checks, referring, kinds):
                continue
            if shares_words(token, evidence):
                continue
            # "... while Bo Strand will chair the next one": a subject taken from before may
            # not be the one this part speaks of.
            shifted = token.norm in REFERENCE_SHIFTERS and any(c.implied for c in checks)
            blocks = shifted or self._shifts_subject(i, subjects)
            found.append(self._leftover("word", token.start, token.end, blocks=blocks))
        return sorted(found, key=lambda left: left.start)

    def _leftover(self, kind: str, start: int, end: int, *, blocks: bool) -> Leftover:
        """Build a leftover over START..END of the claim."""
        return Leftover(kind, start, end, self.reading.text[start:end], blocks)

    def _names_said(self, first: int, last: int, evidence: frozenset[str]) -> bool:
        """Return whether every word of a name is among the cited facts' own words."""
        words = [t for t in self.reading.tokens[first:last] if t.norm not in STOPWORDS]
        return bool(evidence) and bool(words) and all(shares_words(t, evidence) for t in words)

    def _describing(self, part: Part, checks: list[Check]) -> set[int]:
        """Return the tokens that only say which event a date is, or where a place lies.

        "The 2022 Oslo expo" names the event a stated date is: from the date over
        capitalised words to an event noun of the vocabulary, and on over "in" and a
        place ("the 2019 Rail Expo in Bergen"); so does a name that holds the date. A
        place after a stated place and a comma locates it: "Bergen, Norway".
        """
        reading = self.reading
        tokens = reading.tokens
        nouns = self.index.vocabulary.event_nouns
        dates = [c.value for c in checks if isinstance(c.value, ClaimDate)]
        dates += [d for c in checks for d in self.scopes.get(id(c), ())]
        found: set[int] = set()
        for claimed in dates:
            for mention in reading.entities:
                if mention.start <= claimed.start and claimed.end <= mention.end:
                    found.update(range(mention.first, mention.last))
            i = reading.token_at(claimed.end)
            run: list[int] = []
            while (
                i < part.last and len(run) < 5 and tokens[i].capital and tokens[i].norm not in nouns
            ):
                run.append(i)
                i += 1
            if i < part.last and tokens[i].norm in nouns:
                found.update(run)
                found.add(i)
                if i + 2 < part.last and tokens[i + 1].norm == "in" and tokens[i + 2].capital:
                    found.update(range(i + 1, i + 3))
        for check in checks:
            value = check.value
            if isinstance(value, Mention) and check.attribute.kind is ValueKind.PLACE:
                after = next((m for m in reading.entities if m.first == value.last), None)
                text = reading.text[value.end : after.start] if after else ""
                if after is not None and text.strip() == ",":
                    found.update(range(after.first, after.last))
        return found

    def _titles(self, part: Part) -> set[int]:
        """Return the tokens of titles before a name: "Norwegian Prime Minister Ada Lind"."""
        reading = self.reading
        found: set[int] = set()
        for mention in reading.entities:
            i = mention.first - 1
            while i >= part.first and part.holds(i):
                token = reading.tokens[i]
                # A capitalised word counts only before a title ("Chinese President"),
                # never before the name itself ("NASA's Pilgrim probe").
                before_title = i + 1 in found and reading.tokens[i + 1].norm in TITLES
                if token.norm in TITLES or (before_title and token.capital):
                    found.add(i)
                    i -= 1
                    continue
                break
        return found

    def _shifts_subject(self, token: int, subjects: list[Mention]) -> bool:
        """Return whether the word makes the claim about another entity: "the NRU's rival".

        That is a noun right after a possessive subject, or before "of" and the subject.
        """
        reading = self.reading
        for subject in subjects:
            if token == subject.last:
                between = reading.text[
                    reading.tokens[subject.last - 1].end : reading.tokens[token].start
                ]
                last_word = reading.tokens[subject.last - 1].norm
                if "'" in between or "’" in between or last_word in _POSSESSIVES:
                    return True
            after = [t.norm for t in reading.tokens[token + 1 : token + 3]]
            if after[:1] == ["of"] and subject.first in (token + 2, token + 3):
                return True
        return False


def _is_grammar(
    token: Token, checks: list[Check], referring: frozenset[str], kinds: frozenset[str]
) -> bool:
    """Return whether a word is English grammar here ("has", "the", "year" by a date).

    REFERRING are the vocabulary's nouns that refer to a subject ("a body with 10 members");
    KINDS are the kinds of the checks' subjects ("album", "company").
    """
    norm = token.norm
    if norm in GRAMMAR or norm in STOPWORDS or norm in PRONOUNS or norm in referring:
        return True
    if token.lemmas & kinds:
        return True  # what the subject is: "Glass Harbour is an indie folk album"
    if norm in AMOUNT_WORDS and any(
        isinstance(c.value, Quantity) and c.verdict is not Verdict.UNKNOWN for c in checks
    ):
        return True
    dated = any(c.attribute.kind is ValueKind.DATE for c in checks)
    return dated and norm in ("year", "date", "day", "month", "years")


def _in_order(phrase: list[Token], sentence: tuple[Token, ...]) -> bool:
    """Return whether PHRASE's words stand one after another somewhere in SENTENCE."""
    size = len(phrase)
    return any(
        all(_same_word(phrase[k], sentence[start + k]) for k in range(size))
        for start in range(len(sentence) - size + 1)
    )


def _same_word(claimed: Token, stored: Token) -> bool:
    """Return whether two words say the same: a form or a synonym in common."""
    return shares_words(claimed, frozenset({stored.norm, stored.stem, *stored.lemmas}))


def _items(text: str) -> list[str]:
    """Split a text value into its items: "physicist, chemist" holds two."""
    items = [text]
    for separator in _ITEM_SPLIT:
        items = [piece for item in items for piece in item.split(separator)]
    return [i.strip() for i in items if i.strip()]


def _attribute_unit(check: Check) -> str | None:
    """Return the unit the attribute's facts are in, as the attribute declares it."""
    return parse_unit(check.attribute.unit) if check.attribute.unit else None


def _scope_first(claimed: ClaimDate) -> date:
    """Return the first day a date used as a time covers ("after 2017" starts in 2018)."""
    if claimed.relation == "before":
        return date.min
    if claimed.relation == "after":
        return shift_day(claimed.mention.last, 1)
    return claimed.mention.first


def _scope_last(claimed: ClaimDate, as_of: date) -> date:
    """Return the last day a date used as a time covers ("since 2021" runs to the reference)."""
    if claimed.relation == "before":
        return shift_day(claimed.mention.first, -1)
    if claimed.relation in ("after", "since"):
        return max(as_of, claimed.mention.last)
    return claimed.mention.last


def _is_range(claimed: ClaimDate) -> bool:
    """Return whether a date spans more than one year ("from 2001 to 2005")."""
    return (
        claimed.mention.last.year > claimed.mention.first.year and not claimed.mention.date.decade
    )


def judge_date(claimed: ClaimDate, stored: PartialDate) -> Verdict:
    """Apply the range rule to a claimed date and a fact's date.

    The fact must lie inside one of the spans the claim supports; it contradicts when it
    lies outside every span the claim could mean.
    """
    mention = claimed.mention
    if stored.circa and mention.circa and not stored.decade:
        # "circa 1850" repeats the source's "c. 1850"; it cannot be held to a closer year.
        near = abs(mention.date.year - stored.year) <= CIRCA_SUPPORT_YEARS
        if near and mention.date.precision == "year":
            return Verdict.SUPPORTED
    if claimed.relation == "before":
        if stored.end < mention.first:
            return Verdict.SUPPORTED
        return Verdict.CONTRADICTED if stored.start >= mention.first else Verdict.UNKNOWN
    if claimed.relation == "after":
        if stored.start > mention.last:
            return Verdict.SUPPORTED
        return Verdict.CONTRADICTED if stored.end <= mention.last else Verdict.UNKNOWN
    if any(low <= stored.start and stored.end <= high for low, high in mention.supports):
        return Verdict.SUPPORTED
    if all(stored.end < low or high < stored.start for low, high in mention.outer + mention.also):
        return Verdict.CONTRADICTED
    return Verdict.UNKNOWN


@dataclass(frozen=True, slots=True)
class _When:
    """The time a check speaks of: FIRST to LAST, and for a stretch its first and last unit."""

    first: date
    last: date
    # "Since 2016", "from 2001 to 2014": the value must hold from within the first unit
    # to within the last, and throughout between them.
    ends: tuple[tuple[date, date], tuple[date, date]] | None


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What the facts of one period say of a check."""

    verdict: Verdict
    disputed: bool
    cited: list[tuple[IndexedFact, Verdict]]
    held: tuple[date, date]  # the days the period's facts hold on


def _held(bucket: list[IndexedFact]) -> tuple[date, date]:
    """Return the days the facts of one period hold on, open ends made day bounds."""
    start = min((f.period.start or date.min) for f in bucket)
    ends = [f.period.end for f in bucket]
    end = date.max if any(e is None for e in ends) else max(e for e in ends if e is not None)
    return start, end


def _at_some_time(outcomes: list[_Outcome]) -> tuple[Verdict, list[_Outcome]]:
    """Decide a claim about a point or a period: supported when it held at some time in it."""
    supported = [o for o in outcomes if o.verdict is Verdict.SUPPORTED]
    if supported:
        return Verdict.SUPPORTED, supported[:1]
    if all(o.verdict is Verdict.CONTRADICTED for o in outcomes):
        # The latest period first: the explanation names what holds now.
        return Verdict.CONTRADICTED, list(reversed(outcomes))
    return Verdict.UNKNOWN, outcomes


def _throughout(
    outcomes: list[_Outcome],
    ends: tuple[tuple[date, date], tuple[date, date]],
    facts: list[IndexedFact],
) -> tuple[Verdict, list[_Outcome]]:
    """Decide "since 2016" or "from 2001 to 2014": it held from within the first unit to
    within the last, and on every day between."""
    (first_start, first_end), (last_start, last_end) = ends
    inner = (shift_day(first_end, 1), shift_day(last_start, -1))

    def meeting(low: date, high: date) -> list[_Outcome]:
        return [o for o in outcomes if o.held[0] <= high and low <= o.held[1]]

    between = meeting(*inner) if inner[0] <= inner[1] else []
    at_first, at_last = meeting(first_start, first_end), meeting(last_start, last_end)
    refuting = [o for o in between if o.verdict is Verdict.CONTRADICTED]
    for edge in (at_first, at_last):
        if edge and all(o.verdict is Verdict.CONTRADICTED for o in edge):
            refuting.extend(edge)
    if refuting:
        unique = {id(o): o for o in reversed(refuting)}
        return Verdict.CONTRADICTED, list(unique.values())
    gap = inner[0] <= inner[1] and _gap(facts, _When(inner[0], inner[1], None))
    if (
        not gap
        and all(o.verdict is Verdict.SUPPORTED for o in between)
        and any(o.verdict is Verdict.SUPPORTED for o in at_first)
        and any(o.verdict is Verdict.SUPPORTED for o in at_last)
    ):
        return Verdict.SUPPORTED, [o for o in outcomes if o.verdict is Verdict.SUPPORTED]
    return Verdict.UNKNOWN, outcomes


def _gap(facts: list[IndexedFact], when: _When) -> bool:
    """Return whether, from the first fact on, some day of WHEN has no fact that holds on it."""
    periods = sorted(((f.period.start or date.min), (f.period.end or date.max)) for f in facts)
    if not periods:
        return True
    day = max(when.first, periods[0][0])
    for start, end in periods:
        if start > day:
            return day <= when.last
        if end >= day:
            if end >= when.last:
                return False
            day = shift_day(end, 1)
    return day <= when.last


def _by_tier(
    judged: list[tuple[IndexedFact, Verdict]],
) -> tuple[Verdict, bool, list[tuple[IndexedFact, Verdict]]]:
    """Let the highest tier decide; the same tier disagreeing decides nothing."""
    verdicts = {v for _, v in judged}
    disputed = {Verdict.SUPPORTED, Verdict.CONTRADICTED} <= verdicts
    top = max(f.source.tier.rank for f, _ in judged)
    top_verdicts = {v for f, v in judged if f.source.tier.rank == top}
    verdict = top_verdicts.pop() if len(top_verdicts) == 1 else Verdict.UNKNOWN
    cited = judged if disputed else [(f, v) for f, v in judged if f.source.tier.rank == top]
    return verdict, disputed, cited


def _reported_soon_after(facts: list[IndexedFact], as_of: date) -> list[IndexedFact]:
    """Return the earliest measurement published within a year after AS_OF.

    A figure "as of August 28" describes the state a text dated August 25 also speaks
    of; a figure published long after does not.
    """
    later = [
        f
        for f in facts
        if f.record.observed
        and not f.record.valid_from
        and f.period.start is not None
        and as_of < f.period.start <= shift_day(as_of, OBSERVATION_DAYS)
    ]
    if not later:
        return []
    first = min(f.period.start for f in later if f.period.start is not None)
    return [f for f in later if f.period.start == first]
