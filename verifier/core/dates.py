"""Find and parse dates of day, month, year or decade precision in English text."""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal, TypeAlias

Precision: TypeAlias = Literal["day", "month", "year", "decade"]
# A day and a stretch of days, named apart from DateMention's field "date".
Day: TypeAlias = date
DaySpan: TypeAlias = tuple[date, date]
Comparison: TypeAlias = Literal["supported", "contradicted", "unknown"]
# How far a date written "c. 1850" may stray from its year: sources use "circa" for
# uncertainty of a few years, so only a claim further off than this contradicts it.
CIRCA_YEARS = 10
# How far a claim's "circa 1850" may stray from a fact's exact year and still be supported.
CIRCA_SUPPORT_YEARS = 2

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_MONTHS: dict[str, int] = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
     "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to a day, a month, a year or a decade, or about a year ("c. 1850")."""

    year: int
    month: int | None = None
    day: int | None = None
    decade: bool = False
    circa: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.circa and self.month is not None:
            raise ValueError("only a year or a decade can be approximate")
        if self.decade and (self.month is not None or self.day is not None or self.year % 10):
            raise ValueError("a decade is a year ending in 0 with no month or day")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None and not 1 <= self.day <= _days_in(self.year, self.month):
            raise ValueError(f"day {self.day} does not exist in {self.year}-{self.month:02d}")

    @property
    def precision(self) -> Precision:
        """Return how finely the date is known."""
        if self.decade:
            return "decade"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def start(self) -> date:
        """Return the first day the date covers."""
        if self.circa:
            return date(max(1, self.year - CIRCA_YEARS), 1, 1)
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """Return the last day the date covers."""
        if self.circa:
            last = self.year + (9 if self.decade else 0) + CIRCA_YEARS
            return date(min(9999, last), 12, 31)
        if self.decade:
            return date(self.year + 9, 12, 31)
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, self.day or _days_in(self.year, self.month))

    @property
    def iso(self) -> str:
        """Return the date as written in fact files: 2001, 2001-06, 2001-06-15 or 1990s."""
        if self.decade:
            return f"{self.year:04d}s"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def label(self) -> str:
        """Return the date as an editor reads it: 15 June 2001, June 2001, 2001, the 1990s."""
        if self.circa:
            return f"c. {self.year}s" if self.decade else f"c. {self.year}"
        if self.decade:
            return f"the {self.year}s"
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def contains(self, other: PartialDate) -> bool:
        """Return whether every day OTHER covers lies inside this date."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: PartialDate) -> bool:
        """Return whether this date and OTHER share at least one day."""
        return self.start <= other.end and other.start <= self.end


def compare_dates(claim: PartialDate, fact: PartialDate) -> Comparison:
    """Apply the range rule: the fact inside the claim supports, disjoint contradicts."""
    if claim.contains(fact):
        return "supported"
    if not claim.overlaps(fact):
        return "contradicted"
    return "unknown"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text; START and END index the text it came from."""

    date: PartialDate
    start: int
    end: int
    text: str
    # The temporal word just before the expression ("in", "since", "as of"), lower-cased:
    # callers tell "since 2021" from "in 2021" without re-reading the text.
    preposition: str | None = None
    # True when the date was resolved against the reference date ("this year", "the 31st").
    relative: bool = False
    # Where a fact's date must lie for the claim to be supported (within one of these
    # spans), and outside which it contradicts (outside all of these); between the two it
    # is unknown. Empty for a plain date, which is both: "the 19th century" supports
    # 1801-1899 and contradicts outside 1800-1900, since writers count centuries both ways.
    support: tuple[DaySpan, ...] = ()
    bounds: tuple[DaySpan, ...] = ()
    # "over 70 years ago" says "before" by itself; None leaves it to the words around.
    relation: str | None = None
    # "circa 1850", "around 1850": the claim gives its year as approximate.
    circa: bool = False
    # Another reading's span, which a fact's date lying in does not contradict; not a time
    # the claim speaks of: "25 years ago" read as an age is counted.
    also: tuple[DaySpan, ...] = ()

    @property
    def supports(self) -> tuple[DaySpan, ...]:
        """Return the spans a fact's date must lie in for the claim to be supported."""
        return self.support or ((self.date.start, self.date.end),)

    @property
    def outer(self) -> tuple[DaySpan, ...]:
        """Return the spans the claim may mean: a date outside them and ALSO contradicts it."""
        return self.bounds or self.supports

    @property
    def first(self) -> Day:
        """Return the earliest day the date may mean."""
        return min(s for s, _ in self.outer)

    @property
    def last(self) -> Day:
        """Return the latest day the date may mean."""
        return max(e for _, e in self.outer)

    @property
    def label(self) -> str:
        """Return the date as an editor reads it: "15 June 2001", "the winter of 2024"."""
        if not (self.support or self.bounds or self.also) and self.relation is None:
            return self.date.label
        said = " ".join(self.text.split())
        if self.relation is not None:
            # "over a century ago" means nothing without the day it was counted from.
            return f"{said} ({self.relation} {self.date.label})"
        if self.also:
            return f"{said} ({self.date.label})"  # "25 years ago (1995)"
        return said


def shift_day(day: date, days: int) -> date:
    """Return DAY moved by DAYS, held within the calendar: past its ends it stays at them."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _days_in(year: int, month: int) -> int:
    """Return the number of days in MONTH of YEAR."""
    return calendar.monthrange(year, month)[1]


def _make(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """Return the date, or None when those numbers name no real date."""
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


# Month names: full names and the usual abbreviations. Matched without case and
# checked for a capital afterwards, so "may" the verb is never a month.
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![\w-])"
)
_DAY = r"(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th)?(?!\d)"
# A year is four digits that are not part of a longer number, an amount or a decimal.
_YEAR = r"(?<![\d.,$€£¥₹₽])(?P<year>\d{4})(?!\d|[.,]\d)"
_MOD = r"(?:(?:early|mid|late)[\s-]+|mid-)"

_FLAGS = re.IGNORECASE
_ISO = re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])")
_MDY = re.compile(rf"\b{_MON}\s+{_DAY}(?:,\s*|\s+){_YEAR}", _FLAGS)
_DMY = re.compile(rf"\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON},?\s+{_YEAR}", _FLAGS)
_MY = re.compile(rf"\b{_MOD}?{_MON},?\s+(?:of\s+)?{_YEAR}", _FLAGS)
_MD = re.compile(rf"\b{_MON}\s+{_DAY}(?!\s*,?\s*\d)", _FLAGS)
_DM = re.compile(rf"\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?!,?\s+\d{{4}})", _FLAGS)
_DECADE = re.compile(rf"\b(?P<mod>{_MOD})?(?P<year>1\d\d0|20\d0)['\u2019]?s\b", _FLAGS)
_YEAR_MOD = re.compile(rf"\b{_MOD}{_YEAR}", _FLAGS)
_BARE_YEAR = re.compile(r"(?<![\w.,$€£¥₹₽])(?P<year>1\d{3}|20\d\d|2100)(?!\w|%|[.,]\d)")
_MONTH_BARE = re.compile(
    rf"\b(?P<mod>{_MOD})?{_MON}(?:\s+(?P<which>this|last|next)\s+year\b)?", _FLAGS
)
_MONTH_REL = re.compile(rf"\b(?P<which>this|last|next)\s+{_MON}", _FLAGS)
_ORDINAL = re.compile(
    r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b"
    r"(?:\s+of\s+(?P<which>this|the|last|next)\s+month\b)?",
    _FLAGS,
)
_REL_UNIT = re.compile(
    r"\b(?P<which>this|last|next|the\s+current)\s+(?P<unit>year|month)\b", _FLAGS
)
_REL_DAY = re.compile(r"\b(?P<word>today|yesterday|tomorrow)\b", _FLAGS)
_SEASON = re.compile(
    r"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
    r"(?P<year>\d{4})(?:\s*[/\u2013-]\s*(?P<year2>\d{4}|\d{2}))?(?![\d%])",
    _FLAGS,
)
_ORDINAL_NUMBERS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
_CENTURY = re.compile(
    r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<num>\d{1,2})(?:st|nd|rd|th)"
    r"|(?P<word>twenty[\s-]first|" + "|".join(_ORDINAL_NUMBERS) + r"))[\s-]+century\b",
    _FLAGS,
)
_YEAR_RANGE = re.compile(
    r"\b(?:between\s+(?P<a1>\d{4})\s+and\s+(?P<a2>\d{4})"
    r"|from\s+(?P<b1>\d{4})\s+(?:to|until|till|through)\s+(?P<b2>\d{4})"
    r"|(?P<c1>\d{4})\s*[\u2013\u2014-]\s*(?P<c2>\d{4}|\d{2})(?![\d%-]))\b",
    _FLAGS,
)
_YEARS_AGO = re.compile(
    r"\b(?:(?P<q>more\s+than|over|less\s+than|under|fewer\s+than|almost|nearly|about"
    r"|around|some|roughly|exactly)\s+)?(?P<n>\d{1,4}|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety|a\s+hundred|a)\s+(?P<unit>years?|decades?|centur(?:y|ies))\s+ago\b",
    _FLAGS,
)
_ABOUT_AGO = frozenset({"almost", "nearly", "about", "around", "some", "roughly"})
_SMALL_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a hundred": 100,
}  # fmt: skip
# Seasons as meteorological months of the northern hemisphere, three months from this one.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# Words that make the four digits after them a year ("in 2001", "the 2017 summit").
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?P<word>in|since|by|from|until|till|through|throughout|of|the|a|before|after"
    r"|during|circa|c\.|ca\.|year|spring|summer|autumn|fall|winter|between|early|late|mid"
    r"|(?:in|from|since|by|until)\s+(?:around|about|approximately|roughly))\s+"
    r"|(?P<paren>\())$",
    _FLAGS,
)
# "the" and "of" also stand before counts ("the 2000 delegates", "a total of 1500 troops").
_WEAK_CONTEXT = frozenset({"the", "a", "of"})
# Words that make the year after them approximate: "circa 1850", "built around 1720".
_CIRCA = re.compile(
    r"\b(?:circa|c\.|ca\.|around|about|approximately|roughly|some\s+time\s+around)\s*$", _FLAGS
)
# A year continues a list or range of years: "1998 and 2000", "2001-2005", "2014, 2022".
_YEAR_CONTINUATION = re.compile(
    r"(?<![\d.,])(?P<prev>1\d{3}|20\d\d)\s*(?:,|and|or|to|through|until|[-\u2013\u2014])"
    r"\s*(?:and\s+)?$",
    _FLAGS,
)
# What may follow a year that names an event or a record, "the 2017 Rail Expo", "2024
# elections": the event nouns come from the store's vocabulary, not from this module.
_NAME_WORDS = r"\s+(?:[A-Z][\w\u2019'.-]*\s+){0,3}"


@lru_cache(maxsize=16)
def _event_nouns(nouns: frozenset[str]) -> re.Pattern[str] | None:
    """Return a pattern matching any of NOUNS (as whole words), or None when there are none."""
    if not nouns:
        return None
    words = "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(nouns, key=len, reverse=True)
    )
    return re.compile(rf"(?i:{words})\b")


_NEXT_WORD = re.compile(r"\s+(?P<word>[A-Za-z]+)")
_PAREN_CLOSE = re.compile(r"\s*[)\]\-\u2013\u2014,;]")
# Words before a month name alone that make it a month of some year ("in May", "early May").
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|on|since|until|till|by|from|during|through|before|after|of|the|end|beginning"
    r"|start|middle)\s+$",
    _FLAGS,
)
# "on the 31st" is a date; "the 25th Meeting" and "on the 25th anniversary" are not.
_ORDINAL_BEFORE = re.compile(
    r"\b(?:on|by|until|till|from|since|before|after|through|starting|beginning|ending)\s+$", _FLAGS
)
_ORDINAL_AFTER = re.compile(
    r"(?:\s*(?:[,.;:!?)\]\"\u201d\u2019(]|$)|\s+(?:at|in|and|when|to|with|as|after|before"
    r"|but|or|for|local|until|through|while|where|that|which)\b)",
    _FLAGS,
)
_PREPOSITION = re.compile(
    r"\b(?P<prep>as\s+of|in|on|since|by|from|until|till|through|before|after|during|at"
    r"|between|around|circa|to|of)\s+(?:the\s+)?$",
    _FLAGS,
)
# Cheap tests that let most sentences skip most patterns.
_DIGIT = re.compile(r"\d")
_MONTH_HINT = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", _FLAGS)
_DECADE_HINT = re.compile(r"0['\u2019]?s")
_MOD_HINT = re.compile(r"(?:early|mid|late)[\s-]+\d", _FLAGS)
_DAY_HINT = re.compile(r"today|yesterday|tomorrow")
_SENTENCE_END = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:St|Mr|Mrs|Ms|Dr|Prof|Gen|Jr|Sr|No|Nos|vs|Co|Corp|Inc|Ltd|Mt|Ft|Gov|Sen|Rep|Lt|Col"
    r"|Capt|Sgt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|etc|approx)|\b[A-Z])$"
)

_Need: TypeAlias = Literal["none", "year", "month", "reference"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A date expression before it is resolved against its sentence or the reference."""

    start: int
    end: int
    need: _Need
    year: int | None = None
    month: int | None = None
    day: int | None = None
    decade: bool = False
    # For "reference" candidates: what to shift ("year", "month", "day") and by how much.
    shift_unit: str = ""
    shift: int = 0
    support: tuple[tuple[date, date], ...] = ()
    bounds: tuple[tuple[date, date], ...] = ()
    relation: str | None = None


def _month_of(match: re.Match[str]) -> int | None:
    """Return the month a matched name stands for, or None when it is not capitalised."""
    name = match.group("mon")
    if not name[0].isupper():
        return None
    return _MONTHS[name.rstrip(".").lower()]


def _year_in_range(text: str) -> int | None:
    """Return the year four digits stand for, when it is a plausible year in running text."""
    year = int(text)
    return year if 1000 <= year <= 2100 else None


def _absolute(text: str, *, months: bool = True) -> list[_Candidate]:
    """Collect dates that carry their own year (or decade)."""
    # "The nineteenth century" needs no digit.
    found: list[_Candidate] = _centuries(text)
    if not _DIGIT.search(text):
        return found
    for m in _ISO.finditer(text) if "-" in text else ():
        if _make(int(m["year"]), int(m["month"]), int(m["day"])) is not None:
            found.append(
                _Candidate(
                    m.start(), m.end(), "none", int(m["year"]), int(m["month"]), int(m["day"])
                )
            )
    for pattern in (_MDY, _DMY) if months else ():
        for m in pattern.finditer(text):
            month, year = _month_of(m), _year_in_range(m["year"])
            if month is None or year is None or _make(year, month, int(m["day"])) is None:
                continue
            found.append(_Candidate(m.start(), m.end(), "none", year, month, int(m["day"])))
    for m in _MY.finditer(text) if months else ():
        month, year = _month_of(m), _year_in_range(m["year"])
        if month is not None and year is not None:
            portion = _day_portion(_modifier(m.group()), year, month)
            found.append(_Candidate(m.start(), m.end(), "none", year, month, **portion))
    for m in _DECADE.finditer(text) if _DECADE_HINT.search(text) else ():
        found.append(_decade(m))
    for m in _YEAR_MOD.finditer(text) if _MOD_HINT.search(text) else ():
        year = _year_in_range(m["year"])
        if year is not None:
            mod = _modifier(m.group())
            found.append(
                _Candidate(m.start(), m.end(), "none", year, **_portion(mod, year, 0, 12, "month"))
            )
    found += _seasons(text) + _year_ranges(text)
    return found


_HALVES = {"early": (0.0, 0.5), "mid": (0.25, 0.75), "late": (0.5, 1.0)}
_MODIFIER = re.compile(r"\b(early|mid|late)", _FLAGS)


def _modifier(text: str) -> str:
    """Return the "early", "mid" or "late" that opens TEXT."""
    m = _MODIFIER.match(text.lstrip())
    return m.group(1).lower() if m else ""


def _third(count: int, mod: str) -> tuple[int, int]:
    """Return the first and last of COUNT units that "early", "mid" or "late" surely means.

    The units split into three runs, the early one taking what is left over: a decade's
    early years are 0-3, its middle 4-6 and its late 7-9; a year's months 0-3, 4-7, 8-11.
    """
    tail = count // 3
    middle_end = count - tail
    early_end = middle_end - tail
    return {"early": (0, early_end - 1), "mid": (early_end, middle_end - 1)}.get(
        mod, (middle_end, count - 1)
    )


def _half(count: int, mod: str) -> tuple[int, int]:
    """Return the first and last of COUNT units that "early", "mid" or "late" may mean:
    the first half, the middle half, the last half, each unit they touch."""
    low, high = _HALVES[mod]
    first, last = math.floor(low * count + 1e-9), math.ceil(high * count - 1e-9) - 1
    return first, max(first, last)


def _unit_day(year: int, offset: int, unit: str, *, last: bool) -> date:
    """Return the first (or LAST) day of the unit OFFSET units after the start of YEAR."""
    if unit == "year":
        return date(year + offset, 12, 31) if last else date(year + offset, 1, 1)
    y, m = _shift_month(year, 1, offset)
    return date(y, m, _days_in(y, m)) if last else date(y, m, 1)


def _portion(mod: str, year: int, first: int, count: int, unit: str) -> dict[str, Any]:
    """Return the support and bounds "early", "mid" or "late" pick out of COUNT units.

    The units run from unit FIRST after the start of YEAR: "early 2024" is the first third
    of 2024's months for support and its first half for bounds.
    """
    if not mod:
        return {}

    def span(units: tuple[int, int]) -> tuple[date, date]:
        return (
            _unit_day(year, first + units[0], unit, last=False),
            _unit_day(year, first + units[1], unit, last=True),
        )

    return {"support": (span(_third(count, mod)),), "bounds": (span(_half(count, mod)),)}


def _day_portion(mod: str, year: int, month: int) -> dict[str, Any]:
    """Return the support and bounds "early", "mid" or "late" pick out of a month's days."""
    if not mod:
        return {}
    days = _days_in(year, month)

    def span(units: tuple[int, int]) -> tuple[date, date]:
        return date(year, month, units[0] + 1), date(year, month, units[1] + 1)

    return {"support": (span(_third(days, mod)),), "bounds": (span(_half(days, mod)),)}


def _decade(m: re.Match[str]) -> _Candidate:
    """Return "the 1990s" (a decade), "the early 1990s", or "the 1800s" (a decade or a century)."""
    year = int(m["year"])
    mod = (m["mod"] or "").strip(" -").lower()
    if year % 100 == 0 and not mod:
        # "The 1800s" is a century; "the 2000s" the decade to most writers and the
        # century to some: support the decade, contradict only outside the century.
        last = year + 99 if year < 2000 else year + 9
        support = ((date(year, 1, 1), date(last, 12, 31)),)
        bounds = ((date(year, 1, 1), date(year + 99, 12, 31)),)
        return _Candidate(
            m.start(), m.end(), "none", year, decade=True, support=support, bounds=bounds
        )
    return _Candidate(
        m.start(), m.end(), "none", year, decade=True, **_portion(mod, year, 0, 10, "year")
    )


def _seasons(text: str) -> list[_Candidate]:
    """Collect "the winter of 2024", "summer 2023", "winter 2023/24" as meteorological months."""
    found: list[_Candidate] = []
    if not re.search(r"spring|summer|autumn|fall|winter", text, _FLAGS):
        return found
    for m in _SEASON.finditer(text):
        year = _year_in_range(m["year"])
        if year is None:
            continue
        first_month = _SEASONS[m["season"].lower()]
        if m["year2"]:
            second = (
                int(m["year2"]) if len(m["year2"]) == 4 else year // 100 * 100 + int(m["year2"])
            )
            if m["season"].lower() != "winter" or second != year + 1:
                continue
            span = (date(year, 12, 1), date(second, 2, _days_in(second, 2)))
            found.append(
                _Candidate(m.start(), m.end(), "none", year, support=(span,), bounds=(span,))
            )
            continue
        if first_month != 12:
            span = (
                date(year, first_month, 1),
                _unit_day(year, first_month + 1, "month", last=True),
            )
            found.append(
                _Candidate(m.start(), m.end(), "none", year, support=(span,), bounds=(span,))
            )
            continue
        # "The winter of 2024": its months in 2024, or either winter that touches 2024.
        support = ((date(year, 1, 1), date(year, 2, _days_in(year, 2))),
                   (date(year, 12, 1), date(year, 12, 31)))  # fmt: skip
        bounds = ((date(year - 1, 12, 1), date(year, 2, _days_in(year, 2))),
                  (date(year, 12, 1), date(year + 1, 2, _days_in(year + 1, 2))))  # fmt: skip
        found.append(_Candidate(m.start(), m.end(), "none", year, support=support, bounds=bounds))
    return found


def _centuries(text: str) -> list[_Candidate]:
    """Collect "the 19th century", "the early twentieth century", "21st-century"."""
    found: list[_Candidate] = []
    if "entur" not in text:
        return found
    for m in _CENTURY.finditer(text):
        if m["num"]:
            number = int(m["num"])
        else:
            number = _ORDINAL_NUMBERS.get(" ".join(m["word"].lower().replace("-", " ").split()), 0)
        if not 11 <= number <= 21:
            continue
        base = (number - 1) * 100  # 1800 for the 19th century
        mod = (m["mod"] or "").lower()
        if mod:
            low, high = _third(100, mod)
            support = (
                (date(max(base + 1, base + low), 1, 1), date(min(base + 99, base + high), 12, 31)),
            )
            low, high = _half(101, mod)
            bounds = ((date(base + low, 1, 1), date(base + high, 12, 31)),)
        else:
            support = ((date(base + 1, 1, 1), date(base + 99, 12, 31)),)
            bounds = ((date(base, 1, 1), date(base + 100, 12, 31)),)
        found.append(
            _Candidate(m.start(), m.end(), "none", base + 1, support=support, bounds=bounds)
        )
    return found


def _year_ranges(text: str) -> list[_Candidate]:
    """Collect "between 2001 and 2005", "from 2001 to 2005" and "2001-2005" as one span."""
    found: list[_Candidate] = []
    for m in _YEAR_RANGE.finditer(text):
        first_text = m["a1"] or m["b1"] or m["c1"]
        last_text = m["a2"] or m["b2"] or m["c2"]
        first = _year_in_range(first_text)
        if first is None:
            continue
        last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
        if not first < last <= 2100:
            continue
        span = (date(first, 1, 1), date(last, 12, 31))
        found.append(_Candidate(m.start(), m.end(), "none", first, support=(span,), bounds=(span,)))
    return found


def _partial(text: str, *, months: bool = True) -> list[_Candidate]:
    """Collect dates that lack a year or month and take it from their sentence or the reference."""
    found: list[_Candidate] = []
    if months:
        found += _partial_months(text)
    if _DIGIT.search(text):
        found += _ordinal_days(text)
    lower = text.lower()
    for m in _REL_UNIT.finditer(text) if "year" in lower or "month" in lower else ():
        which = m["which"].lower()
        shift = -1 if which == "last" else 1 if which == "next" else 0
        unit = m["unit"].lower()
        found.append(_Candidate(m.start(), m.end(), "reference", shift_unit=unit, shift=shift))
    for m in _YEARS_AGO.finditer(text) if " ago" in lower else ():
        count = _SMALL_NUMBERS.get(" ".join(m["n"].lower().split())) or int(
            m["n"] if m["n"].isdigit() else 0
        )
        count *= {"d": 10, "c": 100}.get(m["unit"][0].lower(), 1)
        qualifier = " ".join((m["q"] or "").lower().split())
        relation = {"more than": "before", "over": "before", "less than": "after",
                    "under": "after", "fewer than": "after"}.get(qualifier)  # fmt: skip
        unit = "years-ago-about" if qualifier in _ABOUT_AGO else "years-ago"
        if count:
            found.append(
                _Candidate(
                    m.start(),
                    m.end(),
                    "reference",
                    shift_unit=unit,
                    shift=count,
                    relation=relation,
                )
            )
    for m in _REL_DAY.finditer(text) if _DAY_HINT.search(lower) else ():
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["word"].lower()]
        found.append(_Candidate(m.start(), m.end(), "reference", shift_unit="day", shift=shift))
    return found


def _partial_months(text: str) -> list[_Candidate]:
    """Collect month names without a year: "July 7", "15 June", "early May", "April this year"."""
    found: list[_Candidate] = []
    for pattern in (_MD, _DM):
        for m in pattern.finditer(text):
            month, day = _month_of(m), int(m["day"])
            if month is not None and 1 <= day <= 31:
                found.append(_Candidate(m.start(), m.end(), "year", month=month, day=day))
    for m in _MONTH_BARE.finditer(text):
        month = _month_of(m)
        if month is None:
            continue
        which = (m["which"] or "").lower()
        if which:
            shift = {"this": 0, "last": -1, "next": 1}[which]
            found.append(
                _Candidate(
                    m.start(), m.end(), "reference", month=month, shift_unit="year", shift=shift
                )
            )
        elif m["mod"] or _MONTH_CONTEXT.search(text, max(0, m.start() - 12), m.start()):
            found.append(_Candidate(m.start(), m.end(), "year", month=month))
    for m in _MONTH_REL.finditer(text):
        month = _month_of(m)
        if month is not None:
            which = m["which"].lower()
            shift = {"this": 0, "last": -1, "next": 1}[which]
            found.append(
                _Candidate(
                    m.start(),
                    m.end(),
                    "reference",
                    month=month,
                    shift_unit="nearest-month",
                    shift=shift,
                )
            )
    return found


def _ordinal_days(text: str) -> list[_Candidate]:
    """Collect "on the 31st" and "the 8th of this month"."""
    found: list[_Candidate] = []
    for m in _ORDINAL.finditer(text):
        day = int(m["day"])
        if not 1 <= day <= 31:
            continue
        which = (m["which"] or "").lower()
        if which in ("this", "the"):
            found.append(
                _Candidate(m.start(), m.end(), "reference", day=day, shift_unit="month", shift=0)
            )
        elif which:
            shift = -1 if which == "last" else 1
            found.append(
                _Candidate(
                    m.start(), m.end(), "reference", day=day, shift_unit="month", shift=shift
                )
            )
        elif _ORDINAL_BEFORE.search(text, max(0, m.start() - 12), m.start()) and (
            _ORDINAL_AFTER.match(text, m.end())
        ):
            found.append(_Candidate(m.start(), m.end(), "month", day=day))
    return found


def _is_year(
    text: str, m: re.Match[str], taken: list[_Candidate], nouns: re.Pattern[str] | None
) -> bool:
    """Tell whether a bare four-digit number is a year from the words around it.

    NOUNS matches the event nouns a year may name ("the 2024 elections").
    """
    start, end = m.start(), m.end()
    if start and text[start - 1] in "-\u2013\u2014":
        # Only a range of years may join a year by a dash ("1998-2000"), never "COVID-2019".
        cont = _YEAR_CONTINUATION.search(text, max(0, start - 16), start)
        return cont is not None and any(c.start <= cont.start() < c.end for c in taken)
    cont = _YEAR_CONTINUATION.search(text, max(0, start - 16), start)
    if cont is not None and any(c.start <= cont.start() < c.end for c in taken):
        return True
    context = _YEAR_CONTEXT.search(text, max(0, start - 24), start)
    if context is not None:
        if context["paren"]:
            return _PAREN_CLOSE.match(text, end) is not None
        if context["word"].lower() not in _WEAK_CONTEXT:
            return True
        # "the 2000 delegates": a count of a plural noun, not a year.
        after = _NEXT_WORD.match(text, end)
        if after is not None:
            word = after["word"]
            if word.islower() and word.endswith("s") and not (nouns and nouns.fullmatch(word)):
                return False
        return True
    if nouns is None:
        return False
    after = re.compile(_NAME_WORDS).match(text, end)
    return after is not None and nouns.match(text, after.end()) is not None


@lru_cache(maxsize=256)
def _candidates(text: str, event_nouns: frozenset[str] = frozenset()) -> tuple[_Candidate, ...]:
    """Return every date expression in TEXT, longest first where they overlap, in text order."""
    # Cached: a claim is read for its dates and again for its figures (to mask the dates).
    months = _MONTH_HINT.search(text) is not None
    found = _absolute(text, months=months) + _partial(text, months=months)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    taken: list[_Candidate] = []
    for cand in found:
        if not any(cand.start < t.end and t.start < cand.end for t in taken):
            taken.append(cand)
    nouns = _event_nouns(event_nouns)
    for m in _BARE_YEAR.finditer(text):
        if any(m.start() < t.end and t.start < m.end() for t in taken):
            continue
        if _is_year(text, m, taken, nouns):
            taken.append(_Candidate(m.start(), m.end(), "none", int(m["year"])))
    taken.sort(key=lambda c: c.start)
    return tuple(taken)


def date_spans(text: str, *, event_nouns: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Return the span of every date expression in TEXT, whether or not it can be resolved."""
    return [(c.start, c.end) for c in _candidates(text, event_nouns)]


def _same_sentence(text: str, start: int, end: int) -> bool:
    """Tell whether no sentence ends between START and END of TEXT."""
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group().startswith("\n"):
            return False
        if not _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()):
            return False
    return True


def _shift_month(year: int, month: int, shift: int) -> tuple[int, int]:
    """Return the month SHIFT months after MONTH of YEAR."""
    index = year * 12 + month - 1 + shift
    return index // 12, index % 12 + 1


def _resolve(
    cand: _Candidate, anchor: PartialDate | None, reference: date | None
) -> tuple[PartialDate, bool] | None:
    """Return the candidate's date and whether the reference was needed, or None."""
    if cand.need == "none":
        assert cand.year is not None
        if cand.decade:
            return PartialDate(cand.year, decade=True), False
        made = _make(cand.year, cand.month, cand.day)
        return None if made is None else (made, False)
    if cand.need == "year":
        # A month or day with no year takes the year its sentence names ("In 2002 ... on July 7").
        if anchor is not None and not anchor.decade:
            made = _make(anchor.year, cand.month, cand.day)
            return None if made is None else (made, False)
        if reference is None:
            return None
        made = _make(reference.year, cand.month, cand.day)
        return None if made is None else (made, True)
    if cand.need == "month":
        if anchor is not None and anchor.month is not None:
            made = _make(anchor.year, anchor.month, cand.day)
            return None if made is None else (made, False)
        if reference is None:
            return None
        made = _make(reference.year, reference.month, cand.day)
        return None if made is None else (made, True)
    if reference is None:
        return None
    return _resolve_relative(cand, reference)


def _resolve_relative(cand: _Candidate, reference: date) -> tuple[PartialDate, bool] | None:
    """Resolve "this year", "last month", "the 8th of this month", "today" against REFERENCE."""
    unit, shift = cand.shift_unit, cand.shift
    made: PartialDate | None
    if unit.startswith("years-ago"):
        year = reference.year - shift
        if year < 1:
            return None
        if cand.relation is not None:
            # "over 70 years ago": before the same day 70 years back.
            day = _on_day_of(reference, year)
            return PartialDate(year, day.month, day.day), True
        return PartialDate(year), True
    if unit == "day":
        try:
            day = reference + timedelta(days=shift)
        except OverflowError:
            return None  # "tomorrow" of the calendar's last day is no day at all
        made = PartialDate(day.year, day.month, day.day)
    elif unit == "year":
        made = _make(reference.year + shift, cand.month)
    elif unit == "nearest-month":
        # "last June" is the latest June before the reference month, "next June" the first after.
        assert cand.month is not None
        year = reference.year
        if shift < 0 and cand.month >= reference.month:
            year -= 1
        elif shift > 0 and cand.month <= reference.month:
            year += 1
        made = _make(year, cand.month)
    else:
        year, month = _shift_month(reference.year, reference.month, shift)
        made = _make(year, month, cand.day)
    return None if made is None else (made, True)


def find_dates(
    text: str, *, reference: date | None = None, event_nouns: frozenset[str] = frozenset()
) -> list[DateMention]:
    """Return every date expression in TEXT, resolving relative ones against REFERENCE.

    EVENT_NOUNS are the nouns a year may stand before to name an event ("the 2017 summit").
    """
    mentions: list[DateMention] = []
    for cand in _candidates(text, event_nouns):
        anchor: PartialDate | None = None
        if mentions and _same_sentence(text, mentions[-1].end, cand.start):
            anchor = mentions[-1].date
        resolved = _resolve(cand, anchor, reference)
        if resolved is None:
            continue
        prep = _PREPOSITION.search(text, max(0, cand.start - 16), cand.start)
        support, bounds = cand.support, cand.bounds
        also: tuple[DaySpan, ...] = ()
        if cand.shift_unit == "years-ago-about":
            year = resolved[0].year
            support = ((date(year, 1, 1), date(year, 12, 31)),)
            bounds = ((date(max(1, year - 1), 1, 1), date(min(9999, year + 1), 12, 31)),)
        elif cand.shift_unit == "years-ago" and cand.relation is None and reference is not None:
            # "25 years ago" is the year 25 back, or 25 whole years back as an age is
            # counted; it contradicts only a date outside both.
            year = resolved[0].year
            before = _on_day_of(reference, year - 1) if year > 1 else date.min
            also = ((shift_day(before, 1), date(year, 12, 31)),)
        start = cand.start
        circa = None
        if resolved[0].precision == "year" and not support and not resolved[1]:
            circa = _CIRCA.search(text, max(0, start - 24), start)
        if circa is not None:
            start = circa.start()
            support = (_years_around(resolved[0].year, CIRCA_SUPPORT_YEARS),)
            bounds = (_years_around(resolved[0].year, CIRCA_YEARS),)
        mentions.append(
            DateMention(
                date=resolved[0],
                start=start,
                end=cand.end,
                text=text[start : cand.end],
                preposition=None if prep is None else " ".join(prep["prep"].lower().split()),
                relative=resolved[1],
                support=support,
                bounds=bounds,
                relation=cand.relation,
                circa=circa is not None,
                also=also,
            )
        )
    return mentions


def _on_day_of(reference: date, year: int) -> date:
    """Return REFERENCE's month and day in YEAR (the 28th for the 29th of February)."""
    return date(year, reference.month, min(reference.day, _days_in(year, reference.month)))


def _years_around(year: int, years: int) -> DaySpan:
    """Return the days from YEARS before YEAR to YEARS after it, within the calendar."""
    return date(max(1, year - years), 1, 1), date(min(9999, year + years), 12, 31)


_ISO_WHOLE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_DECADE_WHOLE = re.compile(r"(?:the\s+)?(?P<year>\d{3}0)['\u2019]?s", _FLAGS)


@lru_cache(maxsize=65536)
def parse_date(text: str) -> PartialDate | None:
    """Return the date a whole string states, or None when it is not exactly one date."""
    text = text.strip()
    m = _ISO_WHOLE.fullmatch(text)
    if m is not None:
        year = int(m["year"])
        month = int(m["month"]) if m["month"] else None
        return _make(year, month, int(m["day"]) if m["day"] else None)
    m = _DECADE_WHOLE.fullmatch(text)
    if m is not None:
        year = int(m["year"])
        return PartialDate(year, decade=True) if year else None
    whole = [c for c in _absolute(text) if c.start == 0 and c.end == len(text)]
    resolved = _resolve(whole[0], None, None) if len(whole) == 1 else None
    return None if resolved is None else resolved[0]
