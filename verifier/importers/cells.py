"""Read a table's cell as typed values: dates at their precision, figures, durations, text."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from verifier.core.dates import find_dates
from verifier.core.facts import FLAG_WORDS
from verifier.core.values import find_quantities, parse_quantity

_AGE = re.compile(r"\(\s*aged?\s*\d+\s*\)", re.IGNORECASE)
_ISO_ECHO = re.compile(r"\(\s*\d{4}(?:-\d{2}){0,2}\s*\)")
_DURATION = re.compile(r"^(?:(?P<h>\d{1,2})\s*:\s*)?(?P<m>\d{1,3})\s*:\s*(?P<s>\d{2})$")
_OBSERVED = re.compile(r"\(\s*(?P<year>\d{4})\s*\)")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"1\d{3}|20\d\d")
# "c. 1850", "circa 1850s", "ca.1850": a year or decade the source gives as approximate.
_CIRCA = re.compile(r"(?:c\.|ca\.|circa)\s*(?P<year>(?:1\d{3}|20\d\d)s?)", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"(?:1\d{3}|20\d\d)\s*(?:–|—|-|to)\s*(?:1\d{3}|20\d\d|present)")


@dataclass(frozen=True, slots=True)
class TypedValue:
    """One typed value read from a cell: the attribute it belongs to, its kind and value."""

    suffix: str  # "" for the key's own attribute, "place" for "born ... in Dartford"
    kind: str
    value: Any
    observed: str | None = None
    qualifier: str = "exact"


def clean(text: str) -> str:
    """Collapse white space, including the non-breaking spaces infoboxes are full of."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def type_cell(cell: str) -> list[TypedValue]:
    """Read one cell as typed values: a date and a place, a figure, a duration, or text."""
    observed = _OBSERVED.search(cell)
    text = _ISO_ECHO.sub(" ", _AGE.sub(" ", cell))
    text = clean(text).strip(" ,;")
    duration = _DURATION.match(text)
    if duration is not None:
        hours, minutes, seconds = duration["h"], duration["m"], duration["s"]
        written = (
            f"{int(minutes)} min {int(seconds)} s"
            if not hours
            else (f"{int(hours)} h {int(minutes)} min {int(seconds)} s")
        )
        return [TypedValue("", "quantity", written)]
    if _YEAR.fullmatch(text):
        return [TypedValue("", "date", text)]  # a year alone: "1995"
    if text.casefold() in FLAG_WORDS:
        return [TypedValue("", "flag", text)]
    circa = _CIRCA.fullmatch(text)
    if circa is not None:
        return [TypedValue("", "date", circa["year"].lower(), qualifier="about")]
    stated = _range(text)
    if stated is not None:
        return [stated]
    dates = find_dates(text)
    if dates and dates[0].start <= 3 and not dates[0].support:
        first = dates[0]
        rest = clean(text[first.end :]).strip(" ,;()")
        found = [TypedValue("", "date", first.date.iso)]
        if rest and not find_dates(rest) and len(rest) <= 80:
            found.append(TypedValue("place", "text", rest))
        return found
    quantities = find_quantities(text)
    if quantities and quantities[0].start == 0:
        figure = quantities[0]
        year = observed["year"] if observed and observed.start() > figure.end else None
        kind = figure.kind
        if kind == "count" and figure.end < len(text) - 2:
            return [TypedValue("", "text", text)]
        if kind == "count" and not re.fullmatch(r"[\d,]+", figure.text.strip()):
            # "5.4 million" is exact to a tenth of a million: a whole number would claim more.
            kind = "quantity"
        return [TypedValue("", kind, figure.text if kind != "count" else int(figure.value), year)]
    return [TypedValue("", "text", text)] if text else []


def settle_flag(value: TypedValue, kinds: Collection[str]) -> TypedValue:
    """Return VALUE as text when it is a yes or a no among values of other KINDS."""
    if value.kind == "flag" and set(kinds) - {"flag"}:
        return replace(value, kind="text")
    return value


def _range(text: str) -> TypedValue | None:
    """Return a range of figures ("300–500", "$5–10 million", "2–3%") as one value.

    A range of years ("1975–2015") is left as text: the fact format has no span of dates.
    """
    if _YEAR_RANGE.fullmatch(text):
        return None
    for kind in ("money", "percent", "quantity", "count"):
        found = parse_quantity(text, kind=kind)
        if found is not None and found.high is not None:
            return TypedValue("", kind, text)
    return None
