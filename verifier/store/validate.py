"""Check a whole catalog before it is written: provenance, values, periods, lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from verifier.core.dates import parse_date
from verifier.core.facts import (
    QUOTE_GAP,
    effective_periods,
    normalise_space,
    quote_found,
    read_period_bound,
    read_value,
)
from verifier.core.model import AttributeRecord, Catalog, FactRecord, SourceRecord, ValueKind
from verifier.core.units import family, parse_unit, unit_label
from verifier.core.values import PERCENTAGE_POINT, Quantity


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, located by file and record."""

    file: str
    record: str
    message: str

    def __str__(self) -> str:
        """Return the problem as one line: file, record, what is wrong."""
        return f"{self.file}: {self.record}: {self.message}"


Locate = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class SourceTexts:
    """The full texts of sources, by source id, and why some could not be read."""

    texts: dict[str, str]
    unreadable: dict[str, str]


def check_catalog(catalog: Catalog, *, texts: SourceTexts, locate: Locate) -> list[Problem]:
    """Return every problem in CATALOG; TEXTS holds the sources' full texts when known."""
    problems: list[Problem] = []

    def report(kind: str, record_id: str, message: str) -> None:
        problems.append(Problem(locate(kind, record_id), f"{kind} {record_id!r}", message))

    for source_id, message in texts.unreadable.items():
        report("source", source_id, message)

    sources = {s.id: s for s in catalog.sources}
    entities = {e.id for e in catalog.entities}
    attributes = {a.id: a for a in catalog.attributes}

    for source in catalog.sources:
        if source.published and parse_date(source.published) is None:
            report("source", source.id, f"unparseable date {source.published!r} in published")
    for attribute in catalog.attributes:
        if attribute.counts is not None:
            counted = attributes.get(attribute.counts)
            if attribute.kind is not ValueKind.COUNT:
                report("attribute", attribute.id, "only a count attribute can count a list")
            elif counted is None or counted.kind is not ValueKind.LIST:
                report(
                    "attribute", attribute.id, f"counts {attribute.counts!r}, not a list attribute"
                )

    # Each text is normalised once: a table's import quotes it once per value.
    normalised = {source: _Text(text) for source, text in texts.texts.items()}
    for fact in catalog.facts:
        for message in _fact_problems(fact, sources, entities, attributes, normalised):
            report("fact", fact.id, message)
    vocabulary = catalog.vocabulary
    for key, named in (
        ("containment", vocabulary.containment),
        ("lifespan-start", vocabulary.lifespan_start),
        ("lifespan-end", vocabulary.lifespan_end),
    ):
        for attribute_id in named:
            if attribute_id not in attributes:
                report("vocabulary", key, f"unknown attribute {attribute_id!r}")

    groups: dict[tuple[str, str, str | None], list[FactRecord]] = defaultdict(list)
    for fact in catalog.facts:
        if fact.attribute in attributes:
            groups[(fact.entity, fact.attribute, fact.object)].append(fact)
    for (_, attribute_id, _), facts in groups.items():
        try:
            for fact_id, message in _group_problems(
                facts,
                multi=attributes[attribute_id].multi,
                temporal=attributes[attribute_id].temporal,
            ):
                report("fact", fact_id, message)
        except ValueError:
            continue  # an unparseable period is already reported on its fact
    for fact_id, message in _count_problems(catalog, groups):
        report("fact", fact_id, message)
    return problems


def _fact_problems(
    fact: FactRecord,
    sources: Mapping[str, SourceRecord],
    entities: set[str],
    attributes: Mapping[str, AttributeRecord],
    texts: Mapping[str, _Text],
) -> list[str]:
    """Return what is wrong with one fact on its own."""
    found: list[str] = []
    if fact.entity not in entities:
        found.append(f"unknown entity {fact.entity!r}")
    if fact.object is not None and fact.object not in entities:
        found.append(f"unknown object entity {fact.object!r}")
    if fact.source not in sources:
        found.append(f"unknown source {fact.source!r}")
    if fact.quoted_from is not None and fact.quoted_from not in sources:
        found.append(f"unknown source {fact.quoted_from!r} in quoted_from")
    attribute = attributes.get(fact.attribute)
    if attribute is None:
        found.append(f"unknown attribute {fact.attribute!r}")
    else:
        try:
            value = read_value(attribute, fact.value, fact.qualifier)
        except ValueError as exc:
            found.append(str(exc))
        else:
            if attribute.kind is ValueKind.PLACE and value not in entities:
                found.append(f"place {fact.value!r} is not a known entity id")
            mismatch = _unit_mismatch(attribute, value)
            if mismatch:
                found.append(mismatch)
            if attribute.kind is ValueKind.LIST and isinstance(value, tuple):
                unknown = [v for v in value if v not in entities]
                if unknown:
                    found.append(f"list names unknown entities: {', '.join(unknown)}")
        if fact.complete is not None and attribute.kind is not ValueKind.LIST:
            found.append("only a list fact can be marked complete")
        if not attribute.temporal and (fact.valid_from or fact.valid_until):
            found.append(f"attribute {attribute.id!r} does not change over time: drop the period")
    for field, bound in (
        ("valid_from", fact.valid_from),
        ("valid_until", fact.valid_until),
        ("observed", fact.observed),
    ):
        try:
            read_period_bound(bound, field)
        except ValueError as exc:
            found.append(str(exc))
    quoted = fact.quoted_from or fact.source
    text = texts.get(quoted)
    if fact.quote:
        missing = None if text is None else text.missing(fact.quote)
        if missing is not None:
            found.append(f"quote not found verbatim in source {quoted!r}: {missing!r}")
    elif text is not None:
        found.append(f"missing quote: source {quoted!r} has a text to quote from")
    return found


class _Text:
    """A source's text, normalised once, with its lines for the common whole-line quote."""

    def __init__(self, text: str) -> None:
        """Normalise TEXT's white space and index its lines."""
        self.haystack = normalise_space(text)
        self.lines = {normalise_space(line) for line in text.splitlines()}

    def missing(self, quote: str) -> str | None:
        """Return the first excerpt of QUOTE the text lacks, or None when all occur in order."""
        if QUOTE_GAP not in quote and normalise_space(quote) in self.lines:
            return None
        return quote_found(quote, self.haystack)


def _unit_mismatch(attribute: AttributeRecord, value: object) -> str | None:
    """Say when a quantity's unit measures something else than its attribute's ("kg" for km)."""
    if attribute.kind is not ValueKind.QUANTITY or not isinstance(value, Quantity):
        return None
    declared = parse_unit(attribute.unit) if attribute.unit else None
    if declared is None or value.unit is None or value.unit == PERCENTAGE_POINT:
        return None
    if family(value.unit) != family(declared):
        return (
            f"unit {unit_label(value.unit, plural=True)!r} does not measure what "
            f"the attribute's unit {attribute.unit!r} measures"
        )
    return None


def _group_problems(
    facts: list[FactRecord], *, multi: bool, temporal: bool
) -> list[tuple[str, str]]:
    """Return clashes among the facts of one entity, attribute and object."""
    if multi:
        return []
    found: list[tuple[str, str]] = []
    by_source: dict[str, list[FactRecord]] = defaultdict(list)
    for fact in facts:
        by_source[fact.source].append(fact)
    for source, same in by_source.items():
        if len(same) < 2:
            continue
        if not temporal:
            values = {repr(f.value) for f in same}
            if len(values) > 1:
                ids = ", ".join(f.id for f in same)
                found.extend(
                    (
                        f.id,
                        f"source {source!r} gives this single-valued attribute "
                        f"more than one value ({ids})",
                    )
                    for f in same[1:]
                )
            continue
        periods = effective_periods(same)
        ordered = sorted(same, key=lambda f: (periods[f.id].start is not None, periods[f.id].start))
        for earlier, later in pairwise(ordered):
            a, b = periods[earlier.id], periods[later.id]
            if earlier.value == later.value and a.start != b.start:
                continue  # the same value reported again (a statistic that did not change)
            if (
                a.start == b.start
                or (a.end is not None and b.start is not None and a.end >= b.start)
                or (b.start is None)
            ):
                found.append(
                    (
                        later.id,
                        f"period overlaps fact {earlier.id!r} from the same source {source!r}",
                    )
                )
    return found


def _count_problems(
    catalog: Catalog,
    groups: Mapping[tuple[str, str, str | None], list[FactRecord]],
) -> list[tuple[str, str]]:
    """Return counts that disagree with a complete list of the same thing and period."""
    found: list[tuple[str, str]] = []
    for attribute in catalog.attributes:
        if attribute.counts is None:
            continue
        for (entity, attribute_id, obj), counts in groups.items():
            if attribute_id != attribute.id:
                continue
            lists = [f for f in groups.get((entity, attribute.counts, obj), []) if f.complete]
            if not lists:
                continue
            try:
                count_periods = effective_periods(counts)
                list_periods = effective_periods(lists)
            except ValueError:
                continue
            for count in counts:
                if count.qualifier != "exact" or not isinstance(count.value, int):
                    continue
                span = count_periods[count.id]
                for listed in lists:
                    other = list_periods[listed.id]
                    if (
                        span.meets(other)
                        and isinstance(listed.value, list)
                        and len(listed.value) != count.value
                    ):
                        found.append(
                            (
                                count.id,
                                f"count {count.value} disagrees with the complete "
                                f"list {listed.id!r} of {len(listed.value)} in the same period",
                            )
                        )
    return found
