"""Read a fact's stored value and period into typed values the engine compares."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TypeAlias

from verifier.core.dates import PartialDate, parse_date, shift_day
from verifier.core.model import AttributeRecord, FactRecord, FactValue, ValueKind
from verifier.core.values import Qualifier, Quantity, parse_quantity

TypedValue: TypeAlias = Quantity | PartialDate | str | tuple[str, ...] | bool

# How fact files write a yes-or-no value.
FLAG_WORDS = {"yes": True, "no": False, "true": True, "false": False}

QUOTE_GAP = " … "
_SPACE = re.compile(r"\s+")


def read_value(
    attribute: AttributeRecord, value: FactValue, qualifier: str = "exact"
) -> TypedValue:
    """Return VALUE typed for ATTRIBUTE's kind, or raise ValueError saying what is wrong."""
    key = tuple(value) if isinstance(value, list) else value
    try:
        hash(key)
    except TypeError:  # a table, or a list of tables, where a value belongs
        raise ValueError(f"a {attribute.kind} value cannot be {value!r}") from None
    return _read_value(attribute.kind, key, qualifier)


# Cached: a store of a million facts repeats most values, and each is read once per worker.
@lru_cache(maxsize=1 << 18, typed=True)
def _read_value(
    kind: ValueKind, value: int | float | str | tuple[str, ...], qualifier: str
) -> TypedValue:
    """Return VALUE typed as KIND, or raise ValueError: read_value's work, for hashable values."""
    try:
        qual = Qualifier(qualifier)
    except ValueError:
        allowed = ", ".join(q.value for q in Qualifier)
        raise ValueError(f"unknown qualifier {qualifier!r} (use one of: {allowed})") from None
    if kind is ValueKind.LIST:
        if not isinstance(value, tuple) or not all(isinstance(v, str) and v for v in value):
            raise ValueError(f"a {kind} value must be a list of entity ids, got {_shown(value)}")
        return value
    if isinstance(value, tuple):
        raise ValueError(f"a {kind} value must be a single value, got a list")
    if kind is ValueKind.DATE:
        parsed_date = parse_date(str(value))
        if parsed_date is None:
            raise ValueError(f"unparseable date {value!r} (use YYYY, YYYY-MM, YYYY-MM-DD or YYYYs)")
        if qual is Qualifier.ABOUT:
            # A source's "c. 1850": a year, or a decade, known only roughly.
            if parsed_date.month is not None:
                raise ValueError(f"only a year or a decade can be 'about', got {value!r}")
            return replace(parsed_date, circa=True)
        return parsed_date
    if kind is ValueKind.FLAG:
        flag = FLAG_WORDS.get(str(value).strip().casefold())
        if flag is None:
            raise ValueError(f'a flag value is "yes" or "no", got {value!r}')
        return flag
    if kind in (ValueKind.PLACE, ValueKind.TEXT):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"a {kind} value must be non-empty text, got {value!r}")
        return value
    if kind is ValueKind.COUNT and isinstance(value, float):
        raise ValueError(f"a count must be a whole number, got {value!r}")
    if isinstance(value, bool):
        raise ValueError(f"a {kind} value cannot be true or false")
    quantity = parse_quantity(str(value), kind=kind.value)
    if quantity is None:
        raise ValueError(f"{value!r} is not a {kind} value")
    if qual is not Qualifier.EXACT:
        quantity = replace(quantity, qualifier=qual)
    return quantity


def _shown(value: int | float | str | tuple[str, ...]) -> str:
    """Return VALUE as the fact file wrote it: a list in brackets."""
    return repr(list(value)) if isinstance(value, tuple) else repr(value)


def read_period_bound(text: str | None, field: str) -> PartialDate | None:
    """Parse a period bound, or raise ValueError naming FIELD."""
    if text is None or text == "":
        return None
    parsed = parse_date(text)
    if parsed is None:
        raise ValueError(f"unparseable date {text!r} in {field}")
    return parsed


@dataclass(frozen=True, slots=True)
class Period:
    """The days a fact holds on: from START to END inclusive; None is open."""

    start: date | None
    end: date | None

    def contains(self, day: date) -> bool:
        """Return whether the fact holds on DAY."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def meets(self, other: Period) -> bool:
        """Return whether the two periods share a day."""
        return (self.start is None or other.end is None or self.start <= other.end) and (
            other.start is None or self.end is None or other.start <= self.end
        )

    def overlaps(self, first: date, last: date) -> bool:
        """Return whether the fact holds on any day from FIRST to LAST."""
        return (self.start is None or self.start <= last) and (
            self.end is None or first <= self.end
        )


def period_start(fact: FactRecord) -> PartialDate | None:
    """Return when FACT starts to hold: its valid_from, else when it was observed."""
    return read_period_bound(fact.valid_from or fact.observed, "valid_from")


def effective_periods(facts: list[FactRecord]) -> dict[str, Period]:
    """Give each fact of one entity, attribute and object the days it holds on.

    A fact with an open end holds until a fact with another value starts, so "8 from
    2017" ends where "10 from 2024" begins, while a later report of the same 10 does
    not end it, nor does a later partial list: it names some items, not all.
    """
    if len(facts) == 1:  # most groups: nothing else to end the fact
        only = facts[0]
        start, until = period_start(only), read_period_bound(only.valid_until, "valid_until")
        return {
            only.id: Period(
                None if start is None else start.start, None if until is None else until.end
            )
        }
    starts = {f.id: period_start(f) for f in facts}
    periods: dict[str, Period] = {}
    for fact in facts:
        start = starts[fact.id]
        until = read_period_bound(fact.valid_until, "valid_until")
        if until is not None:
            end: date | None = until.end
        elif start is None:
            end = None
        else:
            later = [
                s.start
                for f in facts
                if (s := starts[f.id]) is not None
                and s.start > start.start
                and f.value != fact.value
                and _supersedes(f)
            ]
            end = shift_day(min(later), -1) if later else None
        periods[fact.id] = Period(None if start is None else start.start, end)
    return periods


def _supersedes(fact: FactRecord) -> bool:
    """Return whether a later FACT replaces earlier ones: any value but an incomplete list."""
    return not isinstance(fact.value, list) or bool(fact.complete)


def normalise_space(text: str) -> str:
    """Collapse every run of white space to one space, so line breaks do not break a quote."""
    return _SPACE.sub(" ", text).strip()


def quote_found(quote: str, haystack: str) -> str | None:
    """Return the first excerpt of QUOTE missing from HAYSTACK (in order), or None if all occur.

    HAYSTACK is the source's text with its white space normalised (normalise_space).
    """
    position = 0
    for excerpt in quote.split(QUOTE_GAP):
        needle = normalise_space(excerpt)
        found = haystack.find(needle, position)
        if not needle or found < 0:
            return excerpt
        position = found + len(needle)
    return None
