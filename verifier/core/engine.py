"""Decide a claim against the store, explain the decision and cite its facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz

from verifier.core.dates import PartialDate, parse_date
from verifier.core.index import Index, IndexedFact
from verifier.core.mentions import Mention
from verifier.core.model import AttributeRecord, Catalog, SourceRecord, ValueKind
from verifier.core.reading import ClaimDate, Reading, read_claim
from verifier.core.result import CheckResult, Citation, SourceRef, Span, Verdict
from verifier.core.text import fold_text, stem
from verifier.core.values import (
    DEFAULT_TOLERANCE,
    Quantity,
    claim_range,
    compare_ranges,
    fact_range,
    format_quantity,
)

ClaimValue = Quantity | ClaimDate | Mention
PLACE_KINDS = frozenset(
    {
        "city",
        "country",
        "region",
        "place",
        "province",
        "state",
        "town",
        "capital",
        "territory",
        "continent",
    }
)
# Words that place what follows: "in Oslo", "at the 2017 Rail Expo".
_LOCATIVE = frozenset({"in", "at", "near", "inside", "within"})
# Entities of this kind are events: a date stated about one, with no other phrase, is its date.
EVENT_KIND = "event"
# Words that may stand between two subjects the claim names together ("Finland and Iceland").
_COORDINATION = frozenset({"and", "both", "as", "well", "or", "plus"})
# Words that refer back to what the text spoke of before.
_PLURAL_ANAPHORS = frozenset({"both", "they", "their", "them"})
_ANAPHORS = _PLURAL_ANAPHORS | frozenset(
    {
        "it",
        "its",
        "organization",
        "organisation",
        "bloc",
        "group",
        "grouping",
        "alliance",
        "forum",
        "body",
    }
)
# How far a subject taken from context is trusted, against 1.0 for a subject named outright.
CONTEXT_SCORE = 0.85
# How much better the best reading of a value must score than one of another attribute.
AMBIGUITY_MARGIN = 0.5
# Readings scoring below this are too weak to decide anything.
MIN_SCORE = 1.0
# What it costs a reading to join words from two clauses ("Finland was admitted in 2012,
# and Iceland's membership was approved in 2021").
CLAUSE_PENALTY = 2.0
# How many words may stand between a list item and the list's phrase.
LINK_WORDS = 4
# Words that deny ("is not one of"): they do not separate an item from its list.
_NEGATION_WORDS = frozenset({"not", "never", "no", "longer", "t"})
# Words that link an item to the list it belongs to: "Estonia is an observer".
_COPULAS = frozenset(
    {
        "is",
        "be",
        "been",
        "are",
        "was",
        "were",
        "remains",
        "remain",
        "remained",
        "became",
        "become",
        "becomes",
        "include",
        "includes",
        "included",
        "including",
    }
)
# "The summit" means the summit nearest the reference date, if one lies within this.
NEAREST_EVENT_DAYS = 366
OBSERVATION_WINDOW = timedelta(days=365)
RELATED_LIMIT = 3


@dataclass(slots=True)
class Check:
    """One fact group the claim speaks of, the value it states, and what the store says."""

    subject: Mention
    attribute: AttributeRecord
    phrase: Mention
    value: ClaimValue
    objects: set[str]
    score: float
    verdict: Verdict = Verdict.UNKNOWN
    disputed: bool = False
    cited: list[tuple[IndexedFact, Verdict]] = field(default_factory=list)
    note: str = ""
    implied: bool = False
    ambiguous: bool = False


class Verifier:
    """Check claims against one version of the store."""

    def __init__(self, catalog: Catalog, *, tolerance: float = DEFAULT_TOLERANCE) -> None:
        """Index CATALOG; TOLERANCE is how far "about X" may stray from X (0.10 is 10%)."""
        self.index = Index(catalog)
        self.tolerance = tolerance

    @property
    def version(self) -> str:
        """Return the store version this verifier was built from."""
        return self.index.version

    def check(
        self, claim: str, *, as_of: date | None = None, context: Sequence[str] = ()
    ) -> CheckResult:
        """Decide CLAIM as a whole, as of AS_OF (default today).

        CONTEXT lists the entity ids the surrounding text spoke of, most recent first;
        "it", "both" or "the organization" in the claim may refer to them.
        """
        reference = as_of or date.today()
        reading, checks = self._read(claim, reference, context)
        return self._result(
            reading,
            checks,
            reference,
            negated=reading.negation is not None,
            span=(0, len(claim)),
            strict=True,
        )

    def claims(
        self, text: str, *, as_of: date | None = None, context: Sequence[str] = ()
    ) -> list[CheckResult]:
        """Find every claim in TEXT (one sentence) and decide each on its own.

        "Finland and Iceland joined in 2012" holds a claim about each country; "$24.6
        trillion, which is more than 23% of world GDP" holds one per figure. Each result's
        start and end give the claim's stretch of TEXT.
        """
        return self.read_sentence(text, as_of=as_of, context=context)[0]

    def read_sentence(
        self, text: str, *, as_of: date | None = None, context: Sequence[str] = ()
    ) -> tuple[list[CheckResult], list[tuple[int, int, str]]]:
        """Return the claims in TEXT and the entities it names, as (start, end, entity id).

        One reading serves both, so a draft is read once per sentence.
        """
        reference = as_of or date.today()
        reading, checks = self._read(text, reference, context)
        # One claim per subject and value; subjects that share the very same words
        # ("both", taken from context) make one claim about all of them.
        by_span: dict[tuple[int, int], list[Check]] = defaultdict(list)
        for check in checks:
            stretches: list[Mention | ClaimValue] = [check.value]
            if check.phrase.size:
                stretches.append(check.phrase)
            if not check.implied:
                stretches.append(check.subject)
            start = min(s.start for s in stretches)
            end = max(s.end for s in stretches)
            by_span[(start, end)].append(check)
        results = []
        for (start, end), group in sorted(by_span.items()):
            negated = reading.negation is not None and start <= reading.negation[0] < end
            results.append(
                self._result(
                    reading, group, reference, negated=negated, span=(start, end), strict=False
                )
            )
        return results, [(m.start, m.end, m.key) for m in reading.entities]

    def _read(self, text: str, as_of: date, context: Sequence[str]) -> tuple[Reading, list[Check]]:
        """Read TEXT and decide every check it holds."""
        reading = read_claim(text, self.index, as_of=as_of)
        checks = self._select(self._candidates(reading, context, as_of), reading)
        used = {(c.value.start, c.value.end) for c in checks}
        for check in checks:
            self._decide(check, reading, as_of, used)
        return reading, checks

    # -- finding what the claim speaks of -------------------------------------------------

    def _candidates(self, reading: Reading, context: Sequence[str], as_of: date) -> list[Check]:
        """Pair every attribute phrase with the subjects and values it could concern."""
        candidates: list[Check] = []
        for phrase in reading.attributes:
            attribute = self.index.attributes[phrase.key]
            subjects = [m for m in reading.entities if self.index.facts(m.key, attribute.id)]
            implied = not subjects
            if implied:
                subjects = self._from_context(reading, attribute, context, phrase)
            if not subjects:
                subjects = self._implied_subjects(reading, attribute, as_of)
            for subject in subjects:
                facts = self.index.facts(subject.key, attribute.id)
                objects = {f.record.object for f in facts if f.record.object}
                named = {m.key for m in reading.entities if m.key in objects}
                for value in self._values(reading, attribute, subject, named, facts, phrase):
                    score = (
                        2 * subject.score
                        + 0.5 * phrase.size
                        + (1.0 if named else 0.0)
                        - 0.2 * _distance(reading, phrase, value)
                        - 0.1 * _distance(reading, subject, phrase)
                        - 0.05 * _distance(reading, subject, value)
                        - (
                            CLAUSE_PENALTY
                            if not _same_clause(reading, phrase, value)
                            or not (implied or _same_clause(reading, subject, phrase))
                            else 0.0
                        )
                    )
                    if score < MIN_SCORE:
                        continue
                    candidates.append(
                        Check(subject, attribute, phrase, value, named, score, implied=implied)
                    )
        candidates.extend(self._event_dates(reading))
        return candidates

    def _event_dates(self, reading: Reading) -> list[Check]:
        """Read a date stated about an event ("the strike began in 1987") as its date."""
        found: list[Check] = []
        for mention in reading.entities:
            if self.index.entities[mention.key].kind != EVENT_KIND:
                continue
            dated = [
                self.index.attributes[a]
                for a in self.index.attributes_of(mention.key)
                if self.index.attributes[a].kind is ValueKind.DATE
            ]
            if len(dated) != 1:
                continue
            implicit = Mention(
                dated[0].id, mention.first, mention.last, mention.start, mention.end, 1.0, 0
            )
            for value in reading.dates:
                if value.relation != "scope":
                    # Below any reading with a phrase of its own: a stated phrase says more.
                    score = 2 * mention.score - 0.5 - 0.1 * _gap(reading, mention, value)
                    found.append(Check(mention, dated[0], implicit, value, set(), score))
        return found

    def _from_context(
        self,
        reading: Reading,
        attribute: AttributeRecord,
        context: Sequence[str],
        phrase: Mention,
    ) -> list[Mention]:
        """Return the entities "it", "both" or "the organization" refer to, from CONTEXT."""
        if not context:
            return []
        anaphor = next((t for t in reading.tokens if t.norm in _ANAPHORS), None)
        named = {m.key for m in reading.entities}
        owners = [
            e
            for e in dict.fromkeys(context)
            if e not in named and self.index.facts(e, attribute.id)
        ]
        if not owners:
            return []
        wanted = 2 if anaphor is not None and anaphor.norm in _PLURAL_ANAPHORS else 1
        index = reading.tokens.index(anaphor) if anaphor is not None else phrase.first
        start, end = (
            (anaphor.start, anaphor.end) if anaphor is not None else (phrase.start, phrase.start)
        )
        return [Mention(e, index, index + 1, start, end, CONTEXT_SCORE, 1) for e in owners[:wanted]]

    def _implied_subjects(
        self, reading: Reading, attribute: AttributeRecord, as_of: date
    ) -> list[Mention]:
        """Return the entity a common noun stands for: "the summit", "the NRU summit".

        The noun must end a name of the entity; a name before it ("the NRU summit")
        must be part of one of the entity's names too. When several entities remain,
        the one dated nearest the reference date, within a year, is meant.
        """
        named = {m.last: m for m in reading.entities}
        inside = [(m.first, m.last) for m in reading.entities]
        for position, token in enumerate(reading.tokens[1:], start=1):
            if (
                token.capital
                or not token.norm.isalpha()
                or any(a <= position < b for a, b in inside)
            ):
                continue  # only a common noun stands for a name: "the summit", not "the NRU"
            before = named.get(position)
            dated = next(
                (d for d in reading.dates if reading.token_at(d.start) == position - 1), None
            )
            article = position - 2 if dated is not None else position - 1
            if (article < 0 or reading.tokens[article].norm != "the") and before is None:
                continue
            owners = [
                e for e in self.index.heads.get(token.norm, ()) if self.index.facts(e, attribute.id)
            ]
            if dated is not None:
                # "the 1999 summit": the one whose own date falls in 1999.
                owners = [e for e in owners if self._dated_within(e, dated.mention.date)]
            if before is not None:
                words = {
                    w for n in self.index.entities[before.key].names for w in fold_text(n).split()
                }
                owners = [e for e in owners if self._named_with(e, words)]
            if len(owners) > 1:
                owners = self._nearest_in_time(owners, as_of)
            if len(owners) == 1:
                first, start = position, token.start
                if dated is not None:
                    first, start = position - 1, dated.start
                if before is not None:
                    first, start = before.first, before.start
                return [Mention(owners[0], first, position + 1, start, token.end, 0.8, 1)]
        return []

    def _dated_within(self, entity: str, when: PartialDate) -> bool:
        """Return whether one of ENTITY's dates falls within WHEN."""
        return any(
            isinstance(f.value, PartialDate) and when.start <= f.value.start <= when.end
            for f in self.index.by_entity.get(entity, ())
        )

    def _named_with(self, entity: str, words: set[str]) -> bool:
        """Return whether one of ENTITY's names holds one of WORDS ("NRU" in "NRU summit")."""
        return any(words & set(fold_text(n).split()) for n in self.index.entities[entity].names)

    def _nearest_in_time(self, entities: list[str], as_of: date) -> list[str]:
        """Return the entity whose dates lie nearest AS_OF, if within a year."""
        gaps: dict[str, int] = {}
        for entity in entities:
            days = [
                abs((f.value.start - as_of).days)
                for f in self.index.by_entity.get(entity, ())
                if isinstance(f.value, PartialDate)
            ]
            if days and min(days) <= NEAREST_EVENT_DAYS:
                gaps[entity] = min(days)
        if not gaps:
            return []
        best = min(gaps.values())
        return [e for e, gap in gaps.items() if gap == best]

    def _values(
        self,
        reading: Reading,
        attribute: AttributeRecord,
        subject: Mention,
        objects: set[str],
        facts: Sequence[IndexedFact],
        phrase: Mention,
    ) -> list[ClaimValue]:
        """Return the values in the claim that could be the attribute's value."""
        kind = attribute.kind
        if kind is ValueKind.COUNT:
            return [
                q
                for q in reading.quantities
                if q.kind == "count" and self._counts_fit(reading, q, attribute, subject)
            ]
        if kind in (ValueKind.QUANTITY, ValueKind.MONEY, ValueKind.PERCENT):
            wanted = {
                ValueKind.QUANTITY: ("quantity", "count"),
                ValueKind.MONEY: ("money",),
                ValueKind.PERCENT: ("percent",),
            }[kind]
            return [q for q in reading.quantities if q.kind in wanted]
        if kind is ValueKind.DATE:
            return [d for d in reading.dates if d.relation != "scope"]
        if kind in (ValueKind.PLACE, ValueKind.LIST):
            kinds = self._value_kinds(facts)
            return [
                m
                for m in reading.entities
                if m.key != subject.key
                and m.key not in objects
                and _kind_fits(
                    self.index.entities[m.key].kind, kinds, places_nest=kind is ValueKind.PLACE
                )
                and (
                    _linked(reading, m, phrase, subject)
                    if kind is ValueKind.LIST
                    else not kinds & PLACE_KINDS or _placed(reading, m)
                )
            ]
        return []

    def _counts_fit(
        self, reading: Reading, quantity: Quantity, attribute: AttributeRecord, subject: Mention
    ) -> bool:
        """Return whether what a number counts fits the attribute ("3 billion people" does not).

        The words right after the number must name the attribute, its unit, or the kind
        of thing in the list it counts ("14 other countries" counts countries); a number
        followed by no such noun ("rose to 10.") fits.
        """
        after = reading.tokens[reading.token_at(quantity.end) :][:3]
        if not after or after[0].is_stopword:
            return True
        allowed = set(self.index.word_stems[attribute.id])
        if attribute.counts:
            for kind in self._value_kinds(self.index.facts(subject.key, attribute.counts)):
                allowed.add(stem(kind))
        return any(t.stem in allowed for t in after)

    def _value_kinds(self, facts: Sequence[IndexedFact]) -> set[str]:
        """Return the kinds of entity the facts' values are."""
        kinds: set[str] = set()
        for fact in facts:
            items = fact.value if isinstance(fact.value, tuple) else (fact.value,)
            for item in items:
                if isinstance(item, str) and item in self.index.entities:
                    kinds.add(self.index.entities[item].kind)
        return kinds

    def _select(self, candidates: list[Check], reading: Reading) -> list[Check]:
        """Keep, for each value, the best-scoring reading and the subjects named with it."""
        by_value: dict[tuple[int, int], list[Check]] = defaultdict(list)
        for check in candidates:
            by_value[(check.value.start, check.value.end)].append(check)
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
                    and all(
                        other.subject.key != c.subject.key for c in chosen if c.value is best.value
                    )
                ):
                    chosen.append(other)
        # The subject of one check is not also the value of another: in "Iceland's
        # membership was approved in 2021", Iceland is who joined, not a member named.
        subjects = {(c.subject.start, c.subject.end) for c in chosen if not c.implied}
        chosen = [
            c
            for c in chosen
            if not (isinstance(c.value, Mention) and (c.value.start, c.value.end) in subjects)
        ]
        return sorted(chosen, key=lambda c: c.value.start)

    # -- deciding ---------------------------------------------------------------------------

    def _decide(
        self, check: Check, reading: Reading, as_of: date, used: set[tuple[int, int]]
    ) -> None:
        """Judge the check's value against the facts that hold at the claim's time."""
        if check.ambiguous:
            check.note = "ambiguous"
            return
        facts = [
            f
            for f in self.index.facts(check.subject.key, check.attribute.id)
            if not check.objects or f.record.object in check.objects
        ]
        buckets = self._at_time(facts, check, reading, as_of, used)
        if not buckets:
            check.note = "no fact for that time"
            return
        outcomes: list[tuple[Verdict, bool, list[tuple[IndexedFact, Verdict]]]] = []
        for bucket in buckets:
            judged = [(f, v) for f in bucket if (v := self._judge(check, f)) is not None]
            if judged:
                outcomes.append(_by_tier(judged))
        if not outcomes:
            check.note = "values not comparable"
            return
        supported = [o for o in outcomes if o[0] is Verdict.SUPPORTED]
        if supported:
            check.verdict, check.disputed, check.cited = supported[0]
        elif all(o[0] is Verdict.CONTRADICTED for o in outcomes):
            check.verdict = Verdict.CONTRADICTED
            check.disputed = any(o[1] for o in outcomes)
            # The latest period first: the explanation names what holds now.
            check.cited = [c for o in reversed(outcomes) for c in o[2]]
        else:
            check.verdict = Verdict.UNKNOWN
            check.disputed = any(o[1] for o in outcomes)
            check.cited = [c for o in outcomes for c in o[2]]

    def _at_time(
        self,
        facts: list[IndexedFact],
        check: Check,
        reading: Reading,
        as_of: date,
        used: set[tuple[int, int]],
    ) -> list[list[IndexedFact]]:
        """Group the facts that hold at the time the claim speaks of, one group per period."""
        if not check.attribute.temporal:
            return [facts] if facts else []
        scope = self._scope(check, reading, used)
        if scope is not None:
            held = [f for f in facts if f.period.overlaps(*scope)]
        elif reading.tense == "past":
            held = [f for f in facts if f.period.start is None or f.period.start <= as_of]
        else:
            held = [f for f in facts if f.period.contains(as_of)] or _reported_soon_after(
                facts, as_of
            )
        buckets: dict[date | None, list[IndexedFact]] = defaultdict(list)
        for fact in held:
            buckets[fact.period.start].append(fact)
        return [buckets[k] for k in sorted(buckets, key=lambda d: (d is not None, d))]

    def _scope(
        self, check: Check, reading: Reading, used: set[tuple[int, int]]
    ) -> tuple[date, date] | None:
        """Return the days the claim speaks of, when it names them; USED dates are values."""
        spans = [
            d
            for d in reading.dates
            if (d.relation == "scope" or ((d.start, d.end) not in used and d.relation == "at"))
            and _same_clause(reading, d, check.value)
        ]
        if spans:
            return (
                min(d.mention.date.start for d in spans),
                max(d.mention.date.end for d in spans),
            )
        if reading.event_scope is not None:
            return self._event_time(check.subject.key, reading.event_scope[2])
        return None

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
            if (
                check.attribute.kind is ValueKind.QUANTITY
                and value.unit
                and stored.unit
                and stem(value.unit.casefold()) != stem(stored.unit.casefold())
            ):
                return None
            if value.kind == "money" and value.unit and stored.unit and value.unit != stored.unit:
                return None
            claimed = claim_range(value, tolerance=self.tolerance)
            return Verdict(compare_ranges(claimed, fact_range(stored)))
        if isinstance(value, ClaimDate) and isinstance(stored, PartialDate):
            return _judge_date(value, stored)
        if isinstance(value, Mention) and isinstance(stored, tuple):
            if value.key in stored:
                return Verdict.SUPPORTED
            return Verdict.CONTRADICTED if fact.record.complete else Verdict.UNKNOWN
        if isinstance(value, Mention) and isinstance(stored, str):
            return self._judge_place(value.key, stored, multi=check.attribute.multi)
        return None

    def _judge_place(self, claimed: str, stored: str, *, multi: bool) -> Verdict:
        """Compare two places: the same, one inside the other, or different."""
        if claimed == stored or claimed in self.index.containers.get(stored, set()):
            return Verdict.SUPPORTED
        if stored in self.index.containers.get(claimed, set()) or multi:
            return Verdict.UNKNOWN
        return Verdict.CONTRADICTED

    # -- answering --------------------------------------------------------------------------

    def _result(
        self,
        reading: Reading,
        checks: list[Check],
        as_of: date,
        *,
        negated: bool,
        span: tuple[int, int],
        strict: bool,
    ) -> CheckResult:
        """Combine CHECKS into one verdict with its explanation and citations.

        STRICT (a whole claim) also requires every figure and date in the text to be
        checked before the claim counts as supported.
        """
        decided = [c for c in checks if c.verdict is not Verdict.UNKNOWN]
        contradicted = [c for c in checks if c.verdict is Verdict.CONTRADICTED]
        unchecked = self._unchecked_values(reading, checks) if strict else []
        if contradicted:
            verdict, basis = Verdict.CONTRADICTED, contradicted
        elif checks and len(decided) == len(checks) and not unchecked:
            verdict, basis = Verdict.SUPPORTED, decided
        else:
            verdict, basis = Verdict.UNKNOWN, [c for c in checks if c.cited]
        if negated:
            verdict = verdict.negated()
        disputed = any(c.disputed for c in basis)
        citations = [
            self._cite(f, v)
            for c in basis
            for f, v in sorted(c.cited, key=lambda fv: _weight(fv[0]), reverse=True)
        ]
        confidence = _confidence(verdict, basis, disputed)
        result = CheckResult(
            claim=reading.text,
            verdict=verdict,
            confidence=confidence,
            explanation=self._explain(reading, checks, basis, verdict, negated, unchecked),
            disputed=disputed,
            as_of=as_of.isoformat(),
            citations=_unique(citations),
            spans=self._spans(reading, checks, span),
            start=span[0],
            end=span[1],
            subjects=list(dict.fromkeys(c.subject.key for c in checks)),
        )
        if verdict is Verdict.UNKNOWN:
            result.related = self._related(reading, exclude={c.fact_id for c in result.citations})
        if verdict is Verdict.CONTRADICTED and not negated and len(contradicted) == 1 and strict:
            result.suggestion = self._suggest(reading, contradicted[0])
        return result

    def _unchecked_values(self, reading: Reading, checks: list[Check]) -> list[str]:
        """Return the figures and dates the claim states that no check covered."""
        used = {(c.value.start, c.value.end) for c in checks}
        temporal = any(c.attribute.temporal for c in checks)
        missing = [q.text for q in reading.quantities if (q.start, q.end) not in used]
        named = [(c.subject.start, c.subject.end) for c in checks]
        for claim_date in reading.dates:
            if (claim_date.start, claim_date.end) in used or claim_date.relation == "scope":
                continue
            if any(a <= claim_date.start and claim_date.end <= b for a, b in named):
                continue  # part of how the subject is named: "the 2023 expo"
            if not (temporal and claim_date.relation == "at"):
                missing.append(claim_date.mention.text)
        return missing

    def _explain(
        self,
        reading: Reading,
        checks: list[Check],
        basis: list[Check],
        verdict: Verdict,
        negated: bool,
        unchecked: list[str],
    ) -> str:
        """Say in one line why the claim got its verdict."""
        if not checks:
            names = [self.index.entities[m.key].name for m in reading.entities]
            if names:
                return (
                    f"The store has no fact that decides this claim about "
                    f"{join_names(sorted(set(names)))}."
                )
            return "The claim names nothing the store has facts about."
        if verdict is Verdict.UNKNOWN and not basis:
            check = checks[0]
            if check.note == "ambiguous":
                return (
                    "The claim could speak of more than one fact here, so the verifier "
                    "does not guess."
                )
            return (
                f"The store has no fact on {self._subject_name(check)}'s "
                f"{check.attribute.name} for the time the claim speaks of."
            )
        parts = [self._explain_check(c) for c in basis]
        line = "; ".join(dict.fromkeys(parts)) + "."
        if negated and verdict is not Verdict.UNKNOWN:
            line = "The claim denies what it names. " + line
        if (
            verdict is Verdict.UNKNOWN
            and unchecked
            and all(c.verdict is Verdict.SUPPORTED for c in basis)
        ):
            line += f" Nothing in the store covers {join_names(unchecked)}."
        if any(c.disputed for c in basis):
            line += " " + self._explain_dispute(basis)
        return line

    def _explain_check(self, check: Check) -> str:
        """Say what the claim states and what the source says, for one check."""
        facts = [f for f, _ in check.cited]
        best = max(facts, key=_weight)
        if isinstance(check.value, Mention) and isinstance(best.value, tuple):
            item = self.index.entities[check.value.key].name
            period = _period_text(best)
            owner = self._subject_name(check)
            if check.verdict is Verdict.SUPPORTED:
                name = check.attribute.name
                return f"The source names {item} in the {owner}'s “{name}” list{period}"
            scope = "complete " if best.record.complete else ""
            when = f", {period.strip(' ()')}" if period else ""
            return (
                f"{item} is not in the {scope}“{check.attribute.name}” list of the {owner} "
                f"({len(best.value)} named{when})"
            )
        claimed = self._render_claimed(check)
        stated = self._render_fact(best, check.attribute)
        return f"The claim says {claimed}; the source says {stated}{_period_text(best)}"

    def _explain_dispute(self, basis: list[Check]) -> str:
        """Say which sources disagree and which one decides."""
        sides = []
        for check in basis:
            for fact, verdict in check.cited:
                sides.append(
                    f"{fact.source.title} ({fact.source.tier}) says "
                    f"{self._render_fact(fact, check.attribute)}"
                    f"{' and supports it' if verdict is Verdict.SUPPORTED else ''}"
                )
        ranks = {f.source.tier.rank for c in basis for f, _ in c.cited}
        rule = (
            "the higher tier decides"
            if len(ranks) > 1
            else "sources of the same tier disagree, so the store cannot decide"
        )
        return "Sources disagree: " + "; ".join(dict.fromkeys(sides)) + f" ({rule})."

    def _subject_name(self, check: Check) -> str:
        """Return the short name of the check's subject."""
        entity = self.index.entities[check.subject.key]
        short = [a for a in entity.aliases if a.isupper() and 2 <= len(a) <= 6]
        return short[0] if short else entity.name

    def _render_claimed(self, check: Check) -> str:
        """Render the value the claim states, with its unit."""
        value = check.value
        if isinstance(value, Quantity):
            text = format_quantity(value)
            if check.attribute.kind is ValueKind.COUNT and check.attribute.unit:
                text = f"{text} {check.attribute.unit}"
            return text
        if isinstance(value, ClaimDate):
            prefix = {"before": "before ", "after": "after "}.get(value.relation, "")
            return prefix + value.mention.date.label
        return self.index.entities[value.key].name

    def _render_fact(self, fact: IndexedFact, attribute: AttributeRecord) -> str:
        """Render a fact's value for an editor."""
        value = fact.value
        if isinstance(value, Quantity):
            return format_quantity(value)
        if isinstance(value, PartialDate):
            return value.label
        if isinstance(value, tuple):
            return join_names([self._name(v) for v in value])
        return self._name(value) if attribute.kind is ValueKind.PLACE else value

    def _name(self, entity_id: str) -> str:
        """Return an entity's name, or its id when unknown."""
        entity = self.index.entities.get(entity_id)
        return entity.name if entity else entity_id

    def _cite(self, fact: IndexedFact, verdict: Verdict) -> Citation:
        """Build the citation of one fact."""
        attribute = self.index.attributes[fact.record.attribute]
        return Citation(
            fact_id=fact.record.id,
            statement=fact.record.statement,
            value=self._render_fact(fact, attribute),
            period=_period_text(fact).strip(" ()") or None,
            source=_source_ref(fact.source),
            quote=fact.record.quote,
            quoted_from=_source_ref(fact.quoted_from) if fact.quoted_from else None,
            verdict=verdict,
        )

    def _related(self, reading: Reading, *, exclude: set[str]) -> list[Citation]:
        """Return the facts nearest the claim, as evidence for an unknown verdict."""
        pool: list[IndexedFact] = []
        for mention in reading.entities:
            pool.extend(self.index.by_entity.get(mention.key, ()))
        for phrase in reading.attributes:
            for mention in reading.entities:
                pool.extend(self.index.facts(mention.key, phrase.key))
        seen: dict[str, IndexedFact] = {f.record.id: f for f in pool if f.record.id not in exclude}
        ranked = sorted(
            seen.values(),
            key=lambda f: -fuzz.token_set_ratio(reading.text, f.record.statement),
        )
        return [self._cite(f, Verdict.UNKNOWN) for f in ranked[:RELATED_LIMIT]]

    def _spans(self, reading: Reading, checks: list[Check], within: tuple[int, int]) -> list[Span]:
        """List the stretches of the claim the engine read, inside WITHIN."""
        text = reading.text
        spans = [
            Span(m.start, m.end, text[m.start : m.end], "entity", m.key)
            for m in reading.entities
            if within[0] <= m.start and m.end <= within[1]
        ]
        spans += [
            Span(
                c.subject.start,
                c.subject.end,
                text[c.subject.start : c.subject.end],
                "context",
                c.subject.key,
            )
            for c in checks
            if c.implied
        ]
        for check in checks:
            phrase = check.phrase
            spans.append(
                Span(
                    phrase.start,
                    phrase.end,
                    text[phrase.start : phrase.end],
                    "attribute",
                    check.attribute.id,
                )
            )
            value = check.value
            spans.append(
                Span(
                    value.start,
                    value.end,
                    text[value.start : value.end],
                    "value",
                    check.attribute.id,
                )
            )
        if reading.negation is not None and within[0] <= reading.negation[0] < within[1]:
            start, end = reading.negation
            spans.append(Span(start, end, text[start:end], "negation"))
        unique = {(s.start, s.end, s.role, s.ref): s for s in spans}
        return sorted(unique.values(), key=lambda s: (s.start, s.end, s.role))

    def _suggest(self, reading: Reading, check: Check) -> str | None:
        """Return the claim with the contradicted value replaced by the source's."""
        best = max(
            (f for f, v in check.cited if v is Verdict.CONTRADICTED),
            key=lambda f: f.source.tier.rank,
            default=None,
        )
        if best is None or isinstance(best.value, tuple):
            return None
        value = check.value
        if isinstance(value, Quantity) and isinstance(best.value, Quantity):
            replacement = format_quantity(best.value)
        elif isinstance(value, ClaimDate) and isinstance(best.value, PartialDate):
            replacement = _date_like(value, best.value)
        elif isinstance(value, Mention) and isinstance(best.value, str):
            replacement = self._name(best.value)
        else:
            return None
        return reading.text[: value.start] + replacement + reading.text[value.end :]


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
        and as_of < f.period.start <= as_of + OBSERVATION_WINDOW
    ]
    if not later:
        return []
    first = min(f.period.start for f in later if f.period.start is not None)
    return [f for f in later if f.period.start == first]


def _weight(fact: IndexedFact) -> tuple[int, bool, date]:
    """Rank facts for an explanation: higher tier, a stated start ("since 2024"), the latest."""
    return (fact.source.tier.rank, bool(fact.record.valid_from), fact.period.start or date.min)


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


def _judge_date(claimed: ClaimDate, stored: PartialDate) -> Verdict:
    """Apply the range rule to a claimed date and a fact's date."""
    low: date | None = claimed.mention.date.start
    high: date | None = claimed.mention.date.end
    if claimed.relation == "before":
        low, high = None, claimed.mention.date.start
        if stored.end < high:
            return Verdict.SUPPORTED
        return Verdict.CONTRADICTED if stored.start >= high else Verdict.UNKNOWN
    if claimed.relation == "after":
        low = claimed.mention.date.end
        if stored.start > low:
            return Verdict.SUPPORTED
        return Verdict.CONTRADICTED if stored.end <= low else Verdict.UNKNOWN
    assert low is not None and high is not None
    if low <= stored.start and stored.end <= high:
        return Verdict.SUPPORTED
    if stored.end < low or high < stored.start:
        return Verdict.CONTRADICTED
    return Verdict.UNKNOWN


def _date_like(claimed: ClaimDate, stored: PartialDate) -> str:
    """Render STORED at the precision and in the style of the claimed date."""
    precision = claimed.mention.date.precision
    if precision == "year" and stored.year:
        return str(stored.year)
    if precision == "decade":
        return f"{stored.year // 10 * 10}s"
    if precision == "month" and stored.month:
        return PartialDate(stored.year, stored.month, None, False).label
    if stored.precision == "day" and claimed.mention.text[:1].isalpha():
        # The claim wrote "June 15, 2004": answer in the same order.
        return f"{stored.label.split(' ', 1)[1].split(' ')[0]} {stored.day}, {stored.year}"
    return stored.label


def _period_text(fact: IndexedFact) -> str:
    """Say when a fact holds: " (since 2024)", " (as of August 2025)", or ""."""
    record = fact.record
    if record.valid_from and record.valid_until:
        return f" ({_label(record.valid_from)}–{_label(record.valid_until)})"
    if record.valid_from:
        return f" (since {_label(record.valid_from)})"
    if record.observed:
        return f" (as of {_label(record.observed)})"
    return ""


def _label(text: str) -> str:
    """Render a stored partial date for an editor."""
    parsed = parse_date(text)
    return parsed.label if parsed else text


def _source_ref(source: SourceRecord) -> SourceRef:
    """Build the citation view of a source."""
    return SourceRef(
        source.id, source.title, source.publisher, source.published, source.url, str(source.tier)
    )


def _confidence(verdict: Verdict, basis: list[Check], disputed: bool) -> float:
    """Rate how sure the verdict is, from how well the claim matched the store."""
    if not basis:
        return 0.6 if verdict is Verdict.UNKNOWN else 0.5
    match = min(c.subject.score * (0.85 + 0.15 * min(1.0, c.phrase.size / 2)) for c in basis)
    if verdict is Verdict.UNKNOWN:
        return round(0.5 + 0.2 * match, 3)
    return round(match * (0.8 if disputed else 1.0), 3)


def _gap(reading: Reading, first: Mention | ClaimValue, second: Mention | ClaimValue) -> int:
    """Return how many tokens of any kind lie between two stretches of the claim."""
    a0, a1 = reading.token_at(first.start), reading.token_at(max(first.start, first.end - 1))
    b0, b1 = reading.token_at(second.start), reading.token_at(max(second.start, second.end - 1))
    return max(0, b0 - a1 - 1, a0 - b1 - 1)


def _distance(reading: Reading, first: Mention | ClaimValue, second: Mention | ClaimValue) -> int:
    """Return how many meaningful words lie between two stretches of the claim.

    Names, figures, dates and stopwords do not count: "launched [the Northern Rail Union]
    in 1999" puts the date right after the verb.
    """
    a0, a1 = reading.token_at(first.start), reading.token_at(max(first.start, first.end - 1))
    b0, b1 = reading.token_at(second.start), reading.token_at(max(second.start, second.end - 1))
    if a1 < b0:
        low, high = a1 + 1, b0
    elif b1 < a0:
        low, high = b1 + 1, a0
    else:
        return 0
    return sum(1 for i in range(low, high) if reading.filler[i])


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
    "Estonia is one of the NRU's observers", "observer member Estonia", but not
    "Latvia, as well as observer member Estonia". The list's OWNER may stand between."""
    low, high = (
        (item.last, phrase.first) if item.first < phrase.first else (phrase.last, item.first)
    )
    between = [
        t
        for i, t in enumerate(reading.tokens[low:high], start=low)
        if not owner.first <= i < owner.last and t.norm not in _NEGATION_WORDS
    ]
    if len(between) <= 1:
        return True
    return len(between) <= LINK_WORDS and any(t.norm in _COPULAS for t in between)


def _same_clause(
    reading: Reading, first: Mention | ClaimValue, second: Mention | ClaimValue
) -> bool:
    """Return whether no clause boundary (", and", ";", ", while") lies between two stretches."""
    low, high = sorted((first.start, second.start))
    return not any(low < b < high for b in reading.clause_breaks)


def _coordinated(reading: Reading, first: Mention, second: Mention) -> bool:
    """Return whether two subjects are named together ("Finland and Iceland")."""
    low, high = sorted((first, second), key=lambda m: m.first)
    between = reading.tokens[low.last : high.first]
    return all(t.norm in _COORDINATION for t in between)


def _kind_fits(kind: str, wanted: set[str], *, places_nest: bool) -> bool:
    """Return whether an entity of KIND can stand where entities of WANTED kinds stand.

    A claimed place may be wider or narrower than the sourced one (Norway for Oslo)
    when PLACES_NEST; a list of countries never holds a city.
    """
    if not wanted or kind in wanted:
        return True
    return places_nest and kind in PLACE_KINDS and bool(wanted & PLACE_KINDS)


def join_names(items: Iterable[str]) -> str:
    """Join names as prose: "a, b and c"."""
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _unique(citations: list[Citation]) -> list[Citation]:
    """Drop repeated citations of the same fact, keeping the first."""
    seen: dict[str, Citation] = {}
    for citation in citations:
        seen.setdefault(citation.fact_id, citation)
    return list(seen.values())
