"""Explain a verdict in one line an editor can read, and cite the facts it rests on.

The last stage of the engine: it turns the decisions about a claim's parts into a
result: verdict, explanation, citations with the source's own words, the spans the
engine read, the parts, the nearest facts when nothing decides, and a correction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from rapidfuzz import fuzz

from verifier.core.align import Check, TextValue, stretch
from verifier.core.dates import PartialDate, parse_date
from verifier.core.decide import Leftover, PartDecision, Refutation, combine
from verifier.core.english import Marker
from verifier.core.index import Index, IndexedFact
from verifier.core.mentions import Mention
from verifier.core.model import AttributeRecord, SourceRecord, ValueKind
from verifier.core.read import ClaimDate, Reading
from verifier.core.result import CheckResult, Citation, PartResult, SourceRef, Span, Verdict
from verifier.core.values import Quantity, format_quantity

RELATED_LIMIT = 3
# Why a word the store cannot decide leaves a claim unknown, by the kind of word.
_MARKER_REASONS = {
    Marker.MODAL: "makes it a possibility or an expectation, which the sources do not state",
    Marker.FUTURE: "speaks of a change still to come",
    Marker.UNIVERSAL: "speaks of every one of them, which the store cannot count",
    Marker.EXCLUSIVE: "rules out others, which the store cannot show",
    Marker.RANK: "ranks it, which the sources do not",
    Marker.CHANGE: "speaks of a change the store does not measure",
    Marker.COMPARISON: "compares it with something the store does not decide",
    Marker.TIME_RELATION: "ties it to a time the store does not date",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """The stretch of a claim a result covers, and the parts of it it decides."""

    start: int
    end: int
    decisions: list[PartDecision]


def result(
    reading: Reading, index: Index, unit: Unit, *, as_of: date, suggest: bool
) -> CheckResult:
    """Build the result for one unit of a claim: the whole claim, or a claim in a sentence."""
    decisions = unit.decisions
    verdict = combine(decisions)
    explainer = _Explainer(reading, index)
    basis = explainer.basis(decisions, verdict)
    disputed = any(c.disputed for c in basis)
    citations = explainer.citations(decisions, verdict)
    checks = [c for d in decisions for c in d.checks]
    outcome = CheckResult(
        claim=reading.text,
        verdict=verdict,
        confidence=_confidence(verdict, basis, disputed),
        explanation=explainer.claim(decisions, verdict),
        disputed=disputed,
        as_of=as_of.isoformat(),
        citations=citations,
        spans=explainer.spans(decisions, (unit.start, unit.end)),
        start=unit.start,
        end=unit.end,
        subjects=list(dict.fromkeys(c.subject.key for c in checks)),
        parts=[explainer.part_result(d) for d in decisions if not d.empty],
    )
    if verdict is Verdict.UNKNOWN:
        outcome.related = explainer.related(exclude={c.fact_id for c in citations})
    contradicted = [c for d in decisions for c in d.checks if c.verdict is Verdict.CONTRADICTED]
    if (
        suggest
        and verdict is Verdict.CONTRADICTED
        and not any(d.negated or d.refuted for d in decisions)
    ):
        outcome.suggestion = explainer.suggest(contradicted)
    return outcome


class _Explainer:
    """Words and citations for the decisions about one reading."""

    def __init__(self, reading: Reading, index: Index) -> None:
        """Keep the reading and the index the decisions were made with."""
        self.reading = reading
        self.index = index

    # -- which checks and facts a verdict rests on ------------------------------------------

    def basis(self, decisions: Sequence[PartDecision], verdict: Verdict) -> list[Check]:
        """Return the checks the claim's verdict rests on."""
        if verdict is Verdict.CONTRADICTED:
            chosen = [d for d in decisions if d.verdict is Verdict.CONTRADICTED]
        else:
            chosen = [d for d in decisions if not d.empty]
        return [c for d in chosen for c in d.basis]

    def citations(self, decisions: Sequence[PartDecision], verdict: Verdict) -> list[Citation]:
        """Return the facts the verdict rests on, every side of a dispute included."""
        chosen = (
            [d for d in decisions if d.verdict is Verdict.CONTRADICTED]
            if verdict is Verdict.CONTRADICTED
            else [d for d in decisions if not d.empty]
        )
        return _unique([c for d in chosen for c in self.part_citations(d)])

    def part_citations(self, decision: PartDecision) -> list[Citation]:
        """Return the citations of one part, the weightiest first, then the extra facts."""
        cited = [
            self.cite(f, v)
            for c in decision.basis
            for f, v in sorted(c.cited, key=lambda fv: _weight(fv[0]), reverse=True)
        ]
        cited += [self.cite(f, Verdict.CONTRADICTED) for f, _ in decision.extra]
        cited += [self.cite(f, Verdict.SUPPORTED) for f in decision.linked]
        return _unique(cited)

    # -- explanations --------------------------------------------------------------------

    def claim(self, decisions: Sequence[PartDecision], verdict: Verdict) -> str:
        """Say in one line why the claim got its verdict."""
        meaningful = [d for d in decisions if not d.empty]
        if verdict is Verdict.CONTRADICTED:
            meaningful = [d for d in meaningful if d.verdict is Verdict.CONTRADICTED]
        if not meaningful:
            return self._nothing(decisions)
        lines = [self.part(d) for d in meaningful]
        return " ".join(dict.fromkeys(line for line in lines if line))

    def part(self, decision: PartDecision) -> str:
        """Say in one line what the store says of one part."""
        if decision.restated:
            return "Its clause's source says this too."
        checks = decision.checks
        if not checks:
            return self._undecided(decision, self._nothing([decision]))
        basis = decision.basis
        if decision.ambiguous and not basis:
            return (
                "The claim could speak of more than one fact here, so the verifier does not guess."
            )
        if not basis:
            check = checks[0]
            line = (
                f"The store has no fact on {self.subject_name(check)}'s "
                f"{check.attribute.name} for the time the claim speaks of."
            )
            return self._undecided(decision, line)
        said = list(dict.fromkeys(self._checks(basis)))
        line = "; ".join([said[0], *(_lower_first(s) for s in said[1:])]) + "."
        line += "".join(self._extra(decision))
        if decision.negated:
            line = "The claim denies what it names. " + line
        if any(c.disputed for c in basis):
            line += " " + self._dispute(basis)
        if decision.verdict is Verdict.UNKNOWN:
            line = self._undecided(decision, line)
        return line

    def _nothing(self, decisions: Sequence[PartDecision]) -> str:
        """Say that the store holds nothing that decides the claim."""
        reading = self.reading
        holds = [m for m in reading.entities if any(d.part.holds(m.first) for d in decisions)]
        names = sorted({self.index.entities[m.key].name for m in holds})
        if names:
            return f"The store has no fact that decides this claim about {join_names(names)}."
        return "The claim names nothing the store has facts about."

    def _undecided(self, decision: PartDecision, line: str) -> str:
        """Add what the store could not decide in a part to LINE."""
        words = [left for left in decision.leftovers if left.kind != "marker"]
        markers = [left for left in decision.leftovers if left.kind == "marker"]
        reasons = [
            f"“{left.text}” {_MARKER_REASONS[left.marker]}"
            for left in markers
            if left.marker is not None
        ]
        if words:
            quoted = join_names([f"“{left.text}”" for left in _merge(self.reading.text, words)])
            reasons.append(f"nothing in the store decides {quoted}")
        if not reasons:
            return line
        tail = "; ".join(reasons)
        return f"{line} But {tail}."

    def _extra(self, decision: PartDecision) -> list[str]:
        """Explain the facts that refute a marker: the list, the other entity, the earlier value."""
        lines = []
        named = {c.value.key for c in decision.checks if isinstance(c.value, Mention)}
        for fact, why in decision.extra:
            attribute = self.index.attributes[fact.record.attribute]
            if why is Refutation.EARLIER_VALUE:
                lines.append(
                    f" Before that the source says {self.render_fact(fact, attribute)}"
                    f"{_period_text(fact)}, so the change went the other way."
                )
            elif why is Refutation.LIST_NAMES_OTHERS and isinstance(fact.value, tuple):
                others = join_names(self.name(v) for v in fact.value if v not in named)
                lines.append(f" The list also names {others}.")
            else:
                lines.append(
                    f" The store gives {self.name(fact.record.entity)} the same {attribute.name}"
                    f" ({self.render_fact(fact, attribute)}), so it was not the only one."
                )
        return lines

    def _checks(self, basis: Sequence[Check]) -> Iterator[str]:
        """Say what each check states, naming the items of one list together."""
        listed: dict[tuple[str, str, str], list[str]] = {}
        for check in basis:
            best = max((f for f, _ in check.cited), key=_weight)
            if (
                check.verdict is Verdict.SUPPORTED
                and isinstance(check.value, Mention)
                and isinstance(best.value, tuple)
            ):
                owner = self.subject_name(check)
                key = (owner, check.attribute.name, _period_text(best))
                listed.setdefault(key, []).append(self.index.entities[check.value.key].name)
            else:
                yield self._check(check)
        for (owner, name, period), items in listed.items():
            items = list(dict.fromkeys(items))
            yield f"The source names {join_names(items)} in the “{name}” list for {owner}{period}"

    def _check(self, check: Check) -> str:
        """Say what the claim states and what the source says, for one check."""
        facts = [f for f, _ in check.cited]
        best = max(facts, key=_weight)
        if isinstance(check.value, Mention) and isinstance(best.value, tuple):
            item = self.index.entities[check.value.key].name
            period = _period_text(best)
            owner = self.subject_name(check)
            scope = "complete " if best.record.complete else ""
            when = f", {period.strip(' ()')}" if period else ""
            return (
                f"{item} is not in the {scope}“{check.attribute.name}” list for {owner} "
                f"({len(best.value)} named{when})"
            )
        claimed = self.render_claimed(check)
        stated = self.render_fact(best, check.attribute)
        return f"The claim says {claimed}; the source says {stated}{_period_text(best)}"

    def _dispute(self, basis: list[Check]) -> str:
        """Say which sources disagree and which one decides."""
        sides = []
        for check in basis:
            for fact, verdict in check.cited:
                sides.append(
                    f"{fact.source.title} ({fact.source.tier}) says "
                    f"{self.render_fact(fact, check.attribute)}"
                    f"{' and supports it' if verdict is Verdict.SUPPORTED else ''}"
                )
        ranks = {f.source.tier.rank for c in basis for f, _ in c.cited}
        rule = (
            "the higher tier decides"
            if len(ranks) > 1
            else "sources of the same tier disagree, so the store cannot decide"
        )
        return "Sources disagree: " + "; ".join(dict.fromkeys(sides)) + f" ({rule})."

    def part_result(self, decision: PartDecision) -> PartResult:
        """Return one part as the result lists it."""
        part = decision.part
        text = self.reading.text
        return PartResult(
            text=text[part.start : part.end],
            start=part.start,
            end=part.end,
            role=str(part.role),
            verdict=decision.verdict,
            explanation=self.part(decision),
            citations=self.part_citations(decision) if decision.checks else [],
        )

    # -- rendering -----------------------------------------------------------------------

    def subject_name(self, check: Check) -> str:
        """Return the short name of the check's subject."""
        entity = self.index.entities[check.subject.key]
        short = [a for a in entity.aliases if a.isupper() and 2 <= len(a) <= 6]
        return short[0] if short else entity.name

    def render_claimed(self, check: Check) -> str:
        """Render the value the claim states, with its unit."""
        value = check.value
        if isinstance(value, Quantity):
            text = format_quantity(value)
            if check.attribute.kind is ValueKind.COUNT and check.attribute.unit:
                text = f"{text} {check.attribute.unit}"
            return text
        if isinstance(value, ClaimDate):
            # "over a century ago" carries its relation in its own label.
            said = value.mention.relation is None
            prefix = {"before": "before ", "after": "after ", "since": "since "}.get(
                value.relation, ""
            )
            return (prefix if said else "") + value.mention.label
        if isinstance(value, TextValue):
            phrase = check.phrase
            # "the longest river in Poland": the phrase is a word of the value.
            joined = phrase.tokens and phrase.last == value.tokens[0]
            start = phrase.start if joined else value.start
            return f"“{self.reading.text[start : value.end]}”"
        return self.index.entities[value.key].name

    def render_fact(self, fact: IndexedFact, attribute: AttributeRecord) -> str:
        """Render a fact's value for an editor."""
        value = fact.value
        if isinstance(value, Quantity):
            return format_quantity(value)
        if isinstance(value, PartialDate):
            return value.label
        if isinstance(value, tuple):
            return join_names([self.name(v) for v in value])
        if isinstance(value, bool):
            return f"{attribute.name}: {'yes' if value else 'no'}"
        if attribute.kind is ValueKind.PLACE:
            return self.name(value)
        return f"“{value}”" if attribute.kind is ValueKind.TEXT else value

    def name(self, entity_id: str) -> str:
        """Return an entity's name, or its id when unknown."""
        entity = self.index.entities.get(entity_id)
        return entity.name if entity else entity_id

    def cite(self, fact: IndexedFact, verdict: Verdict) -> Citation:
        """Build the citation of one fact."""
        attribute = self.index.attributes[fact.record.attribute]
        return Citation(
            fact_id=fact.record.id,
            statement=fact.record.statement,
            value=self.render_fact(fact, attribute).strip("“”"),
            period=_period_text(fact).strip(" ()") or None,
            source=_source_ref(fact.source),
            quote=fact.record.quote,
            quoted_from=_source_ref(fact.quoted_from) if fact.quoted_from else None,
            verdict=verdict,
        )

    def related(self, *, exclude: set[str]) -> list[Citation]:
        """Return the facts nearest the claim, as evidence for an unknown verdict."""
        reading = self.reading
        pool: list[IndexedFact] = []
        for mention in reading.entities:
            pool.extend(self.index.by_entity.get(mention.key, ()))
        seen: dict[str, IndexedFact] = {f.record.id: f for f in pool if f.record.id not in exclude}
        ranked = sorted(
            seen.values(),
            key=lambda f: -fuzz.token_set_ratio(reading.text, f.record.statement),
        )
        return [self.cite(f, Verdict.UNKNOWN) for f in ranked[:RELATED_LIMIT]]

    def spans(self, decisions: Sequence[PartDecision], within: tuple[int, int]) -> list[Span]:
        """List the stretches of the claim the engine read, inside WITHIN."""
        reading = self.reading
        checks = [c for d in decisions for c in d.checks]
        stretches: list[tuple[int, int, str, str | None]] = [
            (m.start, m.end, "entity", m.key) for m in reading.entities
        ]
        for check in checks:
            subject = check.subject
            if check.implied:
                stretches.append((subject.start, subject.end, "context", subject.key))
            stretches.append(
                (check.phrase.start, check.phrase.end, "attribute", check.attribute.id)
            )
            stretches.append((check.value.start, check.value.end, "value", check.attribute.id))
        for decision in decisions:
            negation = reading.negation_in(decision.part)
            if negation is not None:
                stretches.append((negation[0], negation[1], "negation", None))
            stretches += [
                (left.start, left.end, "unaccounted", None) for left in decision.leftovers
            ]
        spans = {
            (start, end, role, ref): Span(start, end, reading.text[start:end], role, ref)
            for start, end, role, ref in stretches
            if within[0] <= start < end <= within[1]
        }
        return sorted(spans.values(), key=lambda s: (s.start, s.end, s.role))

    def suggest(self, checks: Sequence[Check]) -> str | None:
        """Return the claim with every contradicted value replaced by its source's.

        None when a value has no single replacement: "both joined in 2019" is corrected
        when both joined in 2017, not when one joined in 2017 and the other in 2018.
        """
        edits: dict[tuple[int, int], str] = {}
        for check in checks:
            edit = self._replacement(check)
            if edit is None:
                return None
            span, replacement = edit
            if edits.setdefault(span, replacement) != replacement:
                return None
        text = self.reading.text
        spans = sorted(edits)
        if not spans or any(a[1] > b[0] for a, b in pairwise(spans)):
            return None
        for start, end in reversed(spans):
            text = text[:start] + edits[start, end] + text[end:]
        return text

    def _replacement(self, check: Check) -> tuple[tuple[int, int], str] | None:
        """Return the span of CHECK's value in the claim and the source's value to put there."""
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
            replacement = self.name(best.value)
        elif isinstance(value, TextValue) and isinstance(best.value, str):
            replacement = best.value
        else:
            return None
        return (value.start, value.end), replacement


def units(decisions: Sequence[PartDecision], reading: Reading) -> list[Unit]:
    """Split a sentence into the claims a draft shows: one per part and subject.

    "Finland and Iceland joined the NRU in 2012" holds a claim about each country; a part
    the store reads nothing in is a claim only beside one it does read.
    """
    found: list[Unit] = []
    checked = any(d.checks for d in decisions)
    for decision in decisions:
        if not decision.checks:
            # A clause the store reads nothing in, beside one it does, is shown too, so that
            # a sentence is never marked supported while part of it is undecided.
            if checked and not decision.empty and not decision.restated:
                part = decision.part
                found.append(Unit(part.start, part.end, [decision]))
            continue
        by_subject: dict[str, list[Check]] = {}
        for check in decision.checks:
            by_subject.setdefault(check.subject.key, []).append(check)
        groups = list(by_subject.values())
        merged: dict[tuple[int, int], list[Check]] = {}
        for group in groups:
            start = min(stretch(c)[0] for c in group)
            end = max(stretch(c)[1] for c in group)
            merged.setdefault((start, end), []).extend(group)
        for (start, end), checks in sorted(merged.items()):
            found.append(Unit(start, end, [_subset(decision, checks, reading)]))
    return found


def _subset(decision: PartDecision, checks: list[Check], reading: Reading) -> PartDecision:
    """Return the decision of a part as it stands for some of its checks only."""
    if len(checks) == len(decision.checks):
        return decision
    verdicts = {c.verdict for c in checks}
    if decision.verdict is Verdict.UNKNOWN:
        verdict = Verdict.UNKNOWN
    elif decision.negated:
        verdict = (
            Verdict.CONTRADICTED
            if verdicts == {Verdict.SUPPORTED}
            else Verdict.SUPPORTED
            if Verdict.CONTRADICTED in verdicts
            else Verdict.UNKNOWN
        )
    else:
        verdict = (
            Verdict.CONTRADICTED
            if Verdict.CONTRADICTED in verdicts
            else Verdict.SUPPORTED
            if verdicts == {Verdict.SUPPORTED}
            else Verdict.UNKNOWN
        )
    return PartDecision(
        decision.part,
        checks,
        verdict=verdict,
        disputed=any(c.disputed for c in checks),
        negated=decision.negated,
        leftovers=decision.leftovers,
        extra=decision.extra,
        linked=decision.linked,
        refuted=decision.refuted,
        ambiguous=decision.ambiguous,
    )


def _merge(text: str, leftovers: Sequence[Leftover]) -> list[Leftover]:
    """Join leftovers that only spaces or grammar separate, so "its rival" reads as one."""
    merged: list[Leftover] = []
    for left in leftovers:
        if (
            merged
            and len(text[merged[-1].end : left.start].split()) <= 1
            and left.start - merged[-1].end <= 12
        ):
            last = merged[-1]
            merged[-1] = Leftover(
                last.kind,
                last.start,
                left.end,
                text[last.start : left.end],
                last.blocks or left.blocks,
            )
        else:
            merged.append(left)
    return merged


def _weight(fact: IndexedFact) -> tuple[int, bool, date]:
    """Rank facts for an explanation: higher tier, a stated start ("since 2024"), the latest."""
    return (fact.source.tier.rank, bool(fact.record.valid_from), fact.period.start or date.min)


# A year written out in a date ("June 15, 2004", "2004"), as against one taken from context.
_YEAR = re.compile(r"\b\d{3,4}\b")


def _date_like(claimed: ClaimDate, stored: PartialDate) -> str:
    """Render STORED at the precision and in the style of the claimed date."""
    mention = claimed.mention
    if mention.support or mention.bounds:
        return stored.label
    precision = mention.date.precision
    if precision == "year" and stored.year:
        return str(stored.year)
    if precision == "decade":
        return f"{stored.year // 10 * 10}s"
    if precision == "month" and stored.month:
        return PartialDate(stored.year, stored.month, None, False).label
    if stored.precision != "day":
        return stored.label
    month = stored.label.split(" ")[1]
    # "signed on July 7" took its year from the sentence: the correction leaves it out too.
    year = (
        f" {stored.year}" if _YEAR.search(mention.text) or stored.year != mention.date.year else ""
    )
    if mention.text[:1].isalpha():
        # The claim wrote "June 15, 2004": answer in the same order.
        return f"{month} {stored.day}{',' if year else ''}{year}"
    return f"{stored.day} {month}{year}"


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


def _lower_first(sentence: str) -> str:
    """Return SENTENCE to follow a semicolon: "The" lower-cased, a name kept."""
    return "the" + sentence[3:] if sentence.startswith("The ") else sentence
