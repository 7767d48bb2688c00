"""Read counts, amounts and shares in English text and compare them as VERDICTS' ranges."""

# VERDICTS reads a fact and a claim as ranges of possible true values, each in its own
# way (fact_range, claim_range); compare_ranges turns the two into a verdict. Runs of
# number words are converted by text2num (strict and fast: it rejects "ten ten", which
# lets the reader split such runs); fractions, scales, currencies and qualifiers are read
# here, since no library reads them with offsets.

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from typing import Literal, TypeAlias

from text_to_num import text2num as _text2num  # type: ignore[import-untyped]

from verifier.core.dates import date_spans
from verifier.core.units import (
    UnitMatch,
    convert,
    currency_code,
    currency_label,
    parse_unit,
    unit_after,
    unit_label,
)

QuantityKind: TypeAlias = Literal["count", "quantity", "money", "percent"]
Comparison: TypeAlias = Literal["supported", "contradicted", "unknown"]

KINDS: tuple[QuantityKind, ...] = ("count", "quantity", "money", "percent")
DEFAULT_TOLERANCE = 0.10


class Qualifier(StrEnum):
    """How a text qualifies a figure, spelled as in fact files."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more-than"
    LESS_THAN = "less-than"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
    NEARLY = "nearly"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in text: its value in base units, precision, qualifier and place."""

    value: float
    kind: QuantityKind
    unit: str | None
    step: float
    qualifier: Qualifier
    start: int
    end: int
    text: str
    # A range a source states ("300–500 km"): VALUE is its low end, HIGH its high end.
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Interval:
    """A range of numbers; either end may be open or infinite."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def contains(self, other: Interval) -> bool:
        """Return whether every number in OTHER is also in this interval."""
        if _close(self.low, other.low):
            low_ok = not self.low_open or other.low_open
        else:
            low_ok = self.low < other.low
        if _close(self.high, other.high):
            high_ok = not self.high_open or other.high_open
        else:
            high_ok = other.high < self.high
        return low_ok and high_ok

    def overlaps(self, other: Interval) -> bool:
        """Return whether this interval and OTHER share at least one number."""
        if _close(self.low, other.low):
            low, low_open = self.low, self.low_open or other.low_open
        elif self.low > other.low:
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if _close(self.high, other.high):
            high, high_open = self.high, self.high_open or other.high_open
        elif self.high < other.high:
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        if _close(low, high):
            return not (low_open or high_open)
        return low < high

    def __str__(self) -> str:
        """Return the interval in the usual notation, e.g. (23, 24]."""
        left = "(" if self.low_open or math.isinf(self.low) else "["
        right = ")" if self.high_open or math.isinf(self.high) else "]"
        return f"{left}{self.low:g}, {self.high:g}{right}"


def _close(a: float, b: float) -> bool:
    """Tell whether two bounds are equal up to floating-point noise."""
    if a == b:
        return True
    if math.isinf(a) or math.isinf(b):
        return False
    # Bounds such as 24.6e12 - 0.05e12 are computed, so exact equality is too strict.
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def compare_ranges(claim: Interval, fact: Interval) -> Comparison:
    """Return the verdict VERDICTS gives a claim range C against a fact range F."""
    if claim.contains(fact):
        return "supported"
    if not claim.overlaps(fact):
        return "contradicted"
    return "unknown"


# ---------------------------------------------------------------------------
# Reading a figure as a range


def _rounding_step(q: Quantity) -> float:
    """Return the place of the last non-zero digit: 10 for 40, 1 for 23, 0.1 for 24.6."""
    if q.value == 0:
        return q.step or 1.0
    if q.step == 0:
        # An exact fraction has no last digit; its leading digit is how a writer rounds it.
        return float(10 ** math.floor(math.log10(abs(q.value))))
    step = Decimal(repr(q.step))
    mantissa = int((Decimal(repr(q.value)) / step).to_integral_value())
    while mantissa and mantissa % 10 == 0:
        mantissa //= 10
        step *= 10
    return float(step)


def significant_step(q: Quantity) -> float:
    """Return the place of Q's last significant digit.

    A figure of a thousand or more is exact to its last non-zero digit ("24,600 billion"
    to the hundred billion, as "24.6 trillion" is; "$600 million" to the hundred million);
    a smaller one to its last digit.
    """
    if q.step and abs(q.value) >= 1000:
        return _rounding_step(q)
    return q.step


def _digit_range(q: Quantity) -> Interval:
    """Return the figure exact to its last significant digit: [value - step/2, value + step/2)."""
    if q.step == 0:
        return Interval(q.value, q.value)
    half = significant_step(q) / 2
    # Half-open as rounding is: 2.5 rounds to 3, so "2 days" and "3 days" do not overlap.
    return Interval(q.value - half, q.value + half, high_open=True)


def _is_whole_count(q: Quantity) -> bool:
    """Tell whether Q is a count written out in full, so it is exact."""
    return q.kind == "count" and q.step <= 1


def fact_range(q: Quantity) -> Interval:
    """Return the range VERDICTS reads a FACT's figure as (the source's best estimate)."""
    v = q.value
    qual = q.qualifier
    if q.high is not None:
        return Interval(v, q.high)  # the source says no more than that it lies between
    if qual in (Qualifier.EXACT, Qualifier.ABOUT):
        return Interval(v, v) if _is_whole_count(q) else _digit_range(q)
    r = _rounding_step(q)
    if _is_whole_count(q):
        return _count_fact_range(v, r, qual)
    if qual is Qualifier.MORE_THAN:
        return Interval(v, v + r, low_open=True, high_open=True)
    if qual is Qualifier.AT_LEAST:
        return Interval(v, v + r, high_open=True)
    if qual is Qualifier.LESS_THAN:
        return Interval(v - r, v, low_open=True, high_open=True)
    if qual is Qualifier.AT_MOST:
        return Interval(v - r, v, low_open=True)
    # "nearly X": below X, at most one rounding step; X itself may be a rounded 49.96.
    return Interval(v - r, v, low_open=True)


def _count_fact_range(v: float, r: float, qual: Qualifier) -> Interval:
    """Return the whole numbers a qualified count can be ("over 20 leaders" is 21-29)."""
    if r <= 1:
        # "more than 5 member states" is no rounded figure, so nothing bounds it above.
        below, above = (0.0, v - 1), (v + 1, math.inf)
        return {
            Qualifier.MORE_THAN: Interval(*above),
            Qualifier.AT_LEAST: Interval(v, math.inf),
            Qualifier.LESS_THAN: Interval(*below),
            Qualifier.AT_MOST: Interval(0.0, v),
        }.get(qual, Interval(*below))
    return {
        Qualifier.MORE_THAN: Interval(v + 1, v + r - 1),
        Qualifier.AT_LEAST: Interval(v, v + r - 1),
        Qualifier.LESS_THAN: Interval(max(0.0, v - r + 1), v - 1),
        Qualifier.AT_MOST: Interval(max(0.0, v - r + 1), v),
    }.get(qual, Interval(max(0.0, v - r + 1), v - 1))


def claim_range(q: Quantity, *, tolerance: float = DEFAULT_TOLERANCE) -> Interval:
    """Return the range VERDICTS reads a CLAIM's figure as (what an editor must defend)."""
    v = q.value
    qual = q.qualifier
    if q.high is not None:
        return Interval(v, q.high)  # "between 3 and 4 million": it lies within
    if qual is Qualifier.EXACT:
        if _is_whole_count(q):
            return Interval(v, v)
        if q.step == 0:
            # "a quarter of world GDP": a fraction word is how writers round a share.
            return _about(q, tolerance)
        return _digit_range(q)
    if qual is Qualifier.ABOUT:
        return _about(q, tolerance)
    if qual is Qualifier.NEARLY:
        low = v - abs(v) * tolerance
        if _is_whole_count(q):
            low = min(low, v - 1)  # "nearly 5 states" is true of 4, whatever the tolerance
        return Interval(low, v)
    if qual is Qualifier.MORE_THAN:
        return Interval(v, math.inf, low_open=True)
    if qual is Qualifier.AT_LEAST:
        return Interval(v, math.inf)
    if qual is Qualifier.LESS_THAN:
        return Interval(-math.inf, v, high_open=True)
    return Interval(-math.inf, v)


def _about(q: Quantity, tolerance: float) -> Interval:
    """Return the figure within TOLERANCE, never narrower than its own last digit."""
    spread = max(abs(q.value) * tolerance, q.step / 2)
    if _is_whole_count(q):
        spread = max(spread, 1.0)  # "about 5 members" allows 4 and 6
    return Interval(q.value - spread, q.value + spread)


# ---------------------------------------------------------------------------
# Vocabulary

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER_WORDS = frozenset([*_UNITS, *_TEENS, *_TENS, "hundred", *_SCALES])
_SMALL = {w: i for i, w in enumerate([*_UNITS, *_TEENS])}
_SMALL.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
_SHORT_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9,
                 "tn": 10**12, "trn": 10**12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7,
                 "crores": 10**7}  # fmt: skip
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5,
                 "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
                 "hundredth": 100}  # fmt: skip
_ORDINAL_WORDS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
                  "|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
                  "|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth"
                  "|eightieth|ninetieth|hundredth|thousandth|millionth")  # fmt: skip

# "Percentage points" measure a difference of shares; pint has no such unit.
PERCENTAGE_POINT = "percentage point"
_POINTS_AFTER = re.compile(r"\s+percentage\s+points?\b", re.IGNORECASE)

_QUALIFIER_WORDS: dict[str, Qualifier] = {}
for _qual, _words in {
    Qualifier.EXACT: ("exactly", "precisely", "just"),
    Qualifier.ABOUT: ("about", "around", "roughly", "approximately", "approx.", "some",
                      "close to", "circa", "an estimated", "estimated", "~"),
    Qualifier.NEARLY: ("nearly", "almost", "just under", "just below", "slightly less than",
                       "slightly under", "a little under", "a little less than",
                       "not quite", "just shy of", "shy of"),
    Qualifier.MORE_THAN: ("more than", "over", "above", "exceeds", "exceeding", "exceeded",
                          "exceed", "surpasses", "surpassing", "surpassed", "surpass",
                          "greater than", "higher than", "larger than", "in excess of", "tops",
                          "topped", "topping", "passed", "passes", "passing",
                          "upwards of", "upward of", "north of", "well over", "just over",
                          "well above", "just above", "slightly more than", "slightly over",
                          "a little over", "a little more than", "well in excess of",
                          "much more than", "far more than", "well more than"),
    Qualifier.AT_LEAST: ("at least", "no fewer than", "no less than", "not less than",
                         "not fewer than", "a minimum of", "at a minimum"),
    Qualifier.LESS_THAN: ("less than", "under", "below", "fewer than", "lower than",
                          "smaller than", "well under", "well below", "far fewer than",
                          "far less than", "much less than"),
    Qualifier.AT_MOST: ("at most", "up to", "no more than", "not more than", "a maximum of",
                        "as many as", "as much as", "at a maximum", "no greater than"),
}.items():  # fmt: skip
    for _word in _words:
        _QUALIFIER_WORDS[_word] = _qual

# Capitalised words that may stand right before a figure without making it part of a
# name: sentence openers and function words. Any other capitalised word before a bare
# number ("Article 5", "Boeing 737", "Agenda 2030") names something.
_OPENERS = frozenset({
    "a", "an", "the", "in", "on", "at", "by", "of", "for", "from", "to", "with", "and", "or",
    "but", "nor", "since", "until", "after", "before", "during", "over", "under", "about",
    "around", "some", "nearly", "almost", "more", "less", "fewer", "only", "just", "exactly",
    "roughly", "approximately", "above", "below", "up", "all", "both", "each", "every", "its",
    "their", "our", "his", "her", "these", "those", "this", "that", "another", "than", "total",
    "totalling", "totaling", "among", "between", "within", "without", "per", "while", "when",
    "where", "as", "if", "whereas", "although", "though", "because", "so", "yet", "then",
    "there", "here", "today", "now", "currently", "still", "also", "even", "well", "far", "much",
    "many",
})  # fmt: skip
_NAME_KEYWORDS = re.compile(
    r"(?:\b(?:Article|Articles|Section|Sections|Resolution|Chapter|Part|Clause|Paragraph|Rule"
    r"|Title|Amendment|Protocol|Route|Highway|Flight|Room|No|Nos|Number|Vol|Volume|Page|Pages"
    r"|Figure|Table|Level|Phase|Stage|Step|Model|Version|Windows|Agenda|Vision|Formula|Annex"
    r"|Item|Line|Platform|Gate|Unit|Block|Building)\.?|#)\s*$"
)

# ---------------------------------------------------------------------------
# Patterns

_FLAGS = re.IGNORECASE
_NW = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_SMALL_WORDS = "|".join(sorted(_SMALL, key=len, reverse=True))
_DEN = (r"halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?"
        r"|tenths?|hundredths?")  # fmt: skip
_SCALE_WORDS = "thousand|million|billion|trillion"

_STARTER = re.compile(rf"(?<![\w.,])\d|\b(?:a|an|{_NW}|half)\b", _FLAGS)
_DIGITS = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?")
_WORDS = re.compile(
    rf"(?P<a>an?\s+(?=(?:hundred|{_SCALE_WORDS})\b))?(?:{_NW})\b"
    rf"(?:(?:\s+and\s+|[\s-]+)(?:{_NW})\b)*",
    _FLAGS,
)
_WORD_TOKEN = re.compile(rf"\b(?:{_NW}|an?)\b", _FLAGS)
_FRACTION = re.compile(
    rf"(?P<num>an?|{_SMALL_WORDS})[\s-]+(?P<den>{_DEN})\b(?!-\w)"
    rf"(?P<of_scale>(?:(?:\s+of)?\s+an?)?\s+(?P<scale>{_SCALE_WORDS})\b)?",
    _FLAGS,
)
_HALF = re.compile(
    rf"half\b(?!-\w)(?:\s+(?:an?\s+)?(?P<scale>{_SCALE_WORDS})\b|\s+an?\s+(?P<noun>[a-z]+)\b)?",
    _FLAGS,
)
_RATIO = re.compile(
    rf"(?P<num>\d{{1,3}}|{_SMALL_WORDS})\s+(?:in|out\s+of)\s+"
    rf"(?P<den>\d{{1,3}}(?![\d,.]\d)|an?\s+hundred|{_SMALL_WORDS}|hundred|thousand)\b",
    _FLAGS,
)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", _FLAGS)
_COMPOUND = re.compile(r"\s*(?:and\s+)?(?P<num>\d+(?:\.\d+)?)(?=\s*[^\W\d_])")
_SCALE_AFTER = re.compile(
    rf"(?P<sp>[\s-]*)(?P<scale>{_SCALE_WORDS}|lakhs?|crores?|trn|tn|bn|mln|mn|k|m|b)(?![\w-])",
    _FLAGS,
)
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s*cent\b|pct\b)", _FLAGS)
# A currency written after a figure: an ISO code or an English name of up to three words.
_CURRENCY_AFTER = re.compile(r"\s*(?P<cur>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})")
_OR_MORE = re.compile(
    r"(?P<plus>\+)|\s+or\s+(?P<dir>more|greater|higher|above|fewer|less|lower|below)\b", _FLAGS
)
# A currency symbol or ISO code right before a figure: "$", "US$", "€", "CHF ", "Rs. ".
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![\w.$])(?P<sym>(?:[A-Z]{1,3}|U\.S\.)?\$|CN¥|[€£¥₹₩₪₱₫₽₺₴₦₸₼₾฿₮]|zł|Rs\.?|kr"
    r"|Fr\.|FCFA)|(?<![\w.])(?P<iso>[A-Z]{3})\s)\s?$"
)
_QUALIFIER_BEFORE = re.compile(
    r"(?:(?<![\w-])(?P<q>"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(_QUALIFIER_WORDS, key=len, reverse=True)
        if w != "~"
    )
    + r")\s+|(?P<tilde>~)\s*)$",
    _FLAGS,
)
# A fraction like "a third" counts only when it is a share, not an ordinal ("a third country").
_SHARE_FOLLOWS = re.compile(
    r"(?:\s+of\b|\s*[,.;:!?)\]\"\u201d\u2019]|\s*$|\s+(?:the|its|their|his|her|our|all|this"
    r"|that|these|those|world|global|and|or|but|in|to|for|is|are|was|were)\b)",
    _FLAGS,
)
_ONE_BLOCKED_AFTER = re.compile(
    r"(?:\s+(?:of|another|more|other|day|time|point|such|by|or\s+two|after|hand|way)\b"
    r"|['\u2019]s\b|-(?!(?:" + _NW + r")\b)[a-z])",
    _FLAGS,
)
_ONE_BLOCKED_BEFORE = re.compile(
    r"\b(?:no|any|every|each|the|this|that|which|at|some|someone|anyone|no\s+one|such|a"
    r"|another|only\s+the)\s+$",
    _FLAGS,
)
_HALF_BLOCKED_BEFORE = re.compile(
    r"\b(?:first|second|latter|other|former|better|the|its|in|by|into)\s+$", _FLAGS
)
_ORDINAL_SUFFIX = re.compile(rf"-(?:{_ORDINAL_WORDS})\b|(?:st|nd|rd|th)\b", _FLAGS)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"\u201c\u2018(\[]|\u2014|\u2013)\s*$")


@dataclass(slots=True)
class _Core:
    """The number at the heart of a figure, before its scale, unit and qualifier are read."""

    end: int
    value: Decimal
    step: Decimal
    share: bool = False  # a fraction or "one in three": read as a percent
    words: bool = False
    fraction: Fraction | None = None
    scaled: bool = False
    unit: str | None = None


def _words_value(words: str) -> int | None:
    """Return the integer that number words spell, or None when they spell none."""
    words = re.sub(r"^an?\s+", "one ", words.strip(), flags=_FLAGS).lower()
    try:
        return int(_text2num(words, "en"))
    except ValueError:
        return None


def _small_value(word: str) -> int | None:
    """Return the value of digits or of a small number word ("a hundred" too)."""
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word in ("a hundred", "an hundred", "hundred"):
        return 100
    if word == "thousand":
        return 1000
    return _SMALL.get(word)


def _parse_words(text: str, pos: int) -> _Core | None:
    """Read a run of number words at POS; keep the longest prefix text2num accepts."""
    m = _WORDS.match(text, pos)
    if m is None:
        return None
    tokens = list(_WORD_TOKEN.finditer(text, pos, m.end()))
    for count in range(len(tokens), 0, -1):
        end = tokens[count - 1].end()
        if tokens[count - 1].group().lower() in ("a", "an"):
            continue
        value = _words_value(text[pos:end])
        if value is None:
            continue
        last = tokens[count - 1].group().lower()
        # "three million" is as precise as "3 million"; "two hundred" as "200".
        step = _SCALES.get(last, 1)
        if m.group("a") and count == 2:
            step = _SCALES.get(last, 100)
        return _Core(end, Decimal(value), Decimal(step), words=True, scaled=last in _SCALES)
    return None


def _parse_fraction(text: str, pos: int) -> _Core | None:
    """Read "a fifth", "two-thirds", "a quarter of a million" at POS."""
    m = _FRACTION.match(text, pos)
    if m is None:
        return None
    num_word, den_word = m["num"].lower(), m["den"].lower()
    num = 1 if num_word in ("a", "an") else _SMALL.get(num_word)
    plural = den_word.endswith("s")
    den = _DENOMINATORS.get("half" if den_word == "halves" else den_word.removesuffix("s"))
    if num is None or den is None or num == 0 or num >= den or plural != (num > 1):
        return None
    frac = Fraction(num, den)
    if m["scale"]:
        scale = _SCALES[m["scale"].lower()]
        value = Decimal(frac.numerator * scale) / frac.denominator
        return _Core(m.end(), value, Decimal(scale) / 10, fraction=frac, scaled=True)
    if num == 1 and den != 2 and not _SHARE_FOLLOWS.match(text, m.end("den")):
        return None
    return _Core(m.end("den"), Decimal(0), Decimal(0), share=True, fraction=frac)


def _parse_half(text: str, pos: int) -> _Core | None:
    """Read "half" alone, "half a million" or "half an hour" at POS."""
    m = _HALF.match(text, pos)
    if m is None or _HALF_BLOCKED_BEFORE.search(text, max(0, pos - 12), pos):
        return None
    if m["scale"] and m["noun"] is None:
        scale = _SCALES[m["scale"].lower()]
        return _Core(m.end(), Decimal(scale) / 2, Decimal(scale) / 10, scaled=True)
    unit = parse_unit(m["noun"]) if m["noun"] else None
    if unit is not None:
        return _Core(m.end(), Decimal("0.5"), Decimal("0.1"), unit=unit)
    return _Core(pos + 4, Decimal(0), Decimal(0), share=True, fraction=Fraction(1, 2))


def _parse_ratio(text: str, pos: int) -> _Core | None:
    """Read "one in three" or "nine out of ten" at POS as a share."""
    m = _RATIO.match(text, pos)
    if m is None:
        return None
    num, den = _small_value(m["num"]), _small_value(m["den"])
    if num is None or den is None or not 0 < num < den:
        return None
    return _Core(m.end(), Decimal(0), Decimal(0), share=True, fraction=Fraction(num, den))


def _parse_digits(text: str, pos: int) -> _Core | None:
    """Read "1,500" or "24.6" at POS, refusing digits that belong to a name or a code."""
    m = _DIGITS.match(text, pos)
    if m is None:
        return None
    end = m.end()
    before = text[pos - 1] if pos else ""
    if before.isalpha() or (before in "-/:._" and pos >= 2 and text[pos - 2].isalnum()):
        return None  # "G20", "COVID-19", "24/7", "10:30", "v2.1"
    after = text[end : end + 2]
    if after[:1] in ("/", ":", ".") and after[1:2].isdigit():
        return None  # "10:30", "24/7", "3.11.2"
    digits = m["int"].replace(",", "")
    frac = m["frac"] or ""
    value = Decimal(f"{digits}.{frac}") if frac else Decimal(digits)
    return _Core(end, value, Decimal(1).scaleb(-len(frac)))


def _read_core(text: str, pos: int) -> _Core | None:
    """Read the number starting at POS, trying the most specific forms first."""
    char = text[pos]
    if char.isdigit():
        return _parse_ratio(text, pos) or _parse_digits(text, pos)
    word = text[pos : pos + 4].lower()
    if word.startswith("half"):
        return _parse_half(text, pos)
    return _parse_fraction(text, pos) or _parse_ratio(text, pos) or _parse_words(text, pos)


def _is_capitalised_midsentence(text: str, pos: int) -> bool:
    """Tell whether the word at POS has a capital although no sentence starts there."""
    return text[pos].isupper() and not _SENTENCE_START.search(text, max(0, pos - 4), pos)


def _blocked(text: str, pos: int, core: _Core) -> bool:
    """Tell whether the number at POS is part of a name, an ordinal or a pronoun."""
    suffix = _ORDINAL_SUFFIX.match(text, core.end)
    if suffix is not None and (core.words or not suffix.group().startswith("-")):
        return True  # "25th", "twenty-fifth"; but "9.58-second" is a time
    if core.words or core.fraction is not None:
        if _is_capitalised_midsentence(text, pos):
            return True  # "the Big Four", "Group of Seven"
        # "one of the", "no one", "one-sided" use "one" as a pronoun or in a compound.
        return text[pos : core.end].lower() == "one" and bool(
            _ONE_BLOCKED_AFTER.match(text, core.end)
            or _ONE_BLOCKED_BEFORE.search(text, max(0, pos - 14), pos)
        )
    if _NAME_KEYWORDS.search(text, max(0, pos - 12), pos):
        return True
    after = text[core.end : core.end + 1]
    return after.isalpha() and not (
        _SCALE_AFTER.match(text, core.end)
        or unit_after(text, core.end)
        or _PERCENT_AFTER.match(text, core.end)
    )  # "5G", "3D"


def _name_before(text: str, start: int) -> bool:
    """Tell whether a capitalised word that is no opener stands right before START."""
    m = re.search(r"(?<![\w.])([A-Z][A-Za-z]*)\s$", text[max(0, start - 24) : start])
    if m is None:
        return False
    word = m.group(1)
    return word.lower() not in _OPENERS and word.upper() != word


def find_quantities(text: str, *, event_nouns: frozenset[str] = frozenset()) -> list[Quantity]:
    """Return every figure in TEXT with its qualifier, skipping dates, ordinals and names."""
    masked = date_spans(text, event_nouns=event_nouns)
    found: list[Quantity] = []
    pos = 0
    while True:
        m = _STARTER.search(text, pos)
        if m is None:
            break
        start = m.start()
        core = _read_core(text, start)
        if core is None or _blocked(text, start, core):
            pos = m.end() if core is None else max(m.end(), core.end)
            continue
        if any(s < core.end and start < e for s, e in masked):
            pos = max(m.end(), core.end)
            continue
        quantity = _extend(text, start, core)
        if quantity is not None:
            found.append(quantity)
            pos = quantity.end
        else:
            pos = max(m.end(), core.end)
    return _joined_ranges(text, found)


def _joined_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """Join "between 3 and 4 million", "3 to 4 million", "300–500 km" into one range each.

    Read apart, "between 3 and 4 million visitors" would state 3 visitors.
    """
    joined: list[Quantity] = []
    starts = {q.start for q in found}
    for quantity in found:
        hyphened = _HYPHEN_HIGH.match(text, quantity.end)
        read_apart = hyphened is not None and any(quantity.end < s < hyphened.end() for s in starts)
        if hyphened is not None and not read_apart and quantity.high is None:
            # "aged 20-25": the second figure is not read on its own after a hyphen.
            stated = _RANGE.fullmatch(text[quantity.start : hyphened.end()])
            merged = _parse_range(stated, kind=quantity.kind) if stated else None
            if merged is not None:
                quantity = replace(merged, start=quantity.start, end=hyphened.end())
        last = joined[-1] if joined else None
        if last is not None and last.high is None and quantity.high is None:
            gap = text[last.end : quantity.start]
            said = _BETWEEN.search(text, 0, last.start)
            between = said is not None
            # "rose from 10 to 12" is a change, read as such elsewhere, not a range.
            changed = _FROM.search(text, 0, last.start) is not None
            if (_RANGE_GAP.fullmatch(gap) and not changed) or (between and _AND_GAP.fullmatch(gap)):
                written = text[last.start : quantity.end]
                merged = None
                for kind in (quantity.kind, "quantity", "count"):
                    stated = _RANGE.fullmatch(re.sub(r"\s+and\s+", " to ", written))
                    merged = _parse_range(stated, kind=kind) if stated else None
                    if merged is not None:
                        break
                if merged is not None:
                    # "between" belongs to the figure, as "more than" does.
                    first = last.start if said is None else said.start()
                    joined[-1] = replace(
                        merged, start=first, end=quantity.end, text=text[first : quantity.end]
                    )
                    continue
        joined.append(quantity)
    return joined


def _extend(text: str, start: int, core: _Core) -> Quantity | None:
    """Read the scale, unit, currency and qualifier around a number into a Quantity."""
    value, step, end = core.value, core.step, core.end
    kind: QuantityKind = "count"
    unit = core.unit
    if core.fraction is not None and core.share:
        # A share is a percent: "half of the world's GDP" is 50.
        value = Decimal(core.fraction.numerator * 100) / core.fraction.denominator
        return _finish(text, start, end, value, Decimal(0), "percent", "%", core)
    if not core.scaled:
        half = _AND_A_HALF.match(text, end)
        if half is not None and step >= 1:
            value, step, end = value + Decimal("0.5"), Decimal("0.1"), half.end()
    money: frozenset[str] = frozenset()
    before = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if before is not None and not core.words:
        money = currency_code(before["sym"] or before["iso"])
        if money:
            start = before.start()
    scaled = core.scaled
    if not scaled:
        sc = _SCALE_AFTER.match(text, end)
        if sc is not None and _scale_allowed(sc, bool(money), core):
            scale = _SCALES.get(sc["scale"].lower()) or _SHORT_SCALES[sc["scale"].lower()]
            value, step, end, scaled = value * scale, step * scale, sc.end(), True
    pct = _PERCENT_AFTER.match(text, end)
    points = _POINTS_AFTER.match(text, end)
    after = _currency_after(text, end, scaled=scaled)
    if pct is not None and not money:
        kind, unit, end = "percent", "%", pct.end()
    elif after is not None and (not money or money & after[0]):
        money, end = (money & after[0]) or after[0], after[1]
        kind = "money"
    elif money:
        kind = "money"
    elif points is not None and unit is None:
        kind, unit, end = "quantity", PERCENTAGE_POINT, points.end()
    elif unit is None and (found := unit_after(text, end)) is not None:
        kind, unit, end = "quantity", found.unit, found.end
        value, step, end = _compound(text, end, unit, value, step)
    elif unit is not None:
        kind = "quantity"
    if kind == "money":
        unit = "|".join(sorted(money))
    elif kind == "count" and value != value.to_integral_value():
        kind = "quantity"
    if kind == "count" and not core.words and step == 1 and _name_before(text, start):
        return None  # "Boeing 737", "Agenda 2030"
    return _finish(text, start, end, value, step, kind, unit, core)


def _compound(
    text: str, end: int, unit: str, value: Decimal, step: Decimal
) -> tuple[Decimal, Decimal, int]:
    """Add the smaller units that follow: "5 ft 7 in", "2 h 30 min", "1 h 1 min 8 s"."""
    current = unit
    while (m := _COMPOUND.match(text, end)) is not None:
        second = unit_after(text, m.end("num"))
        written = text[m.end("num") :].lstrip()
        if second is None and current == "foot" and re.match(r"in\b\.?", written):
            skipped = len(text[m.end("num") :]) - len(written)
            second = UnitMatch("inch", m.end("num") + skipped + 2)
        smaller = None if second is None else convert(1.0, second.unit, current)
        if second is None or smaller is None or smaller >= 1:
            break
        one = Decimal(repr(convert(1.0, second.unit, unit)))
        part = Decimal(m["num"])
        exponent = part.as_tuple().exponent
        places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
        value, step, end, current = value + one * part, one * places, second.end, second.unit
    return value, step, end


def _currency_after(text: str, end: int, *, scaled: bool) -> tuple[frozenset[str], int] | None:
    """Return the currencies named right after a figure and where the name ends, longest first.

    "Pounds" after a bare figure weighs ("200 pounds"); after a scale word it is money
    ("5 million pounds").
    """
    m = _CURRENCY_AFTER.match(text, end)
    if m is None or m.start("cur") == end:
        return None
    words = list(re.finditer(r"[^\W\d_]+", m["cur"]))
    for count in range(len(words), 0, -1):
        last = m.start("cur") + words[count - 1].end()
        written = text[m.start("cur") : last]
        if not scaled and written.casefold() in ("pound", "pounds"):
            continue
        codes = currency_code(written)
        if codes and (written.isupper() or not written[:1].isupper() or count > 1):
            return codes, last
    return None


def _scale_allowed(sc: re.Match[str], money: bool, core: _Core) -> bool:
    """Tell whether a scale word after a number multiplies it."""
    word = sc["scale"].lower()
    spaced = bool(sc["sp"])
    if word in _SCALES:
        return spaced or core.words
    if core.words:
        return False
    if word in ("k", "m", "b"):
        # "10k", "$5m", "5bn": short forms sit right after the digits.
        return not spaced and (word != "b" or money)
    return "-" not in sc["sp"]


def _finish(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    step: Decimal,
    kind: QuantityKind,
    unit: str | None,
    core: _Core,
) -> Quantity:
    """Attach the qualifier before the figure (or "or more" after it) and build the Quantity."""
    qualifier = Qualifier.EXACT
    q = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if q is not None:
        word = "~" if q["tilde"] else " ".join(q["q"].lower().split())
        qualifier, start = _QUALIFIER_WORDS[word], q.start()
    else:
        more = _OR_MORE.match(text, end)
        if more is not None:
            up = more["plus"] or more["dir"].lower() in ("more", "greater", "higher", "above")
            qualifier = Qualifier.AT_LEAST if up else Qualifier.AT_MOST
            end = more.end()
    return Quantity(
        value=float(value),
        kind=kind,
        unit=unit,
        step=float(step),
        qualifier=qualifier,
        start=start,
        end=end,
        text=text[start:end],
    )


# ---------------------------------------------------------------------------
# Whole values, as fact files write them


# Stores repeat values ("10", "23%"): parse each once while indexing many facts.
@lru_cache(maxsize=65536)
def parse_quantity(text: str | int | float, *, kind: str) -> Quantity | None:
    """Return the one value of KIND a whole string states, or None when it states no such value."""
    if isinstance(text, bool) or kind not in KINDS:
        return None
    source = str(text).strip()
    stated = _RANGE.fullmatch(source)
    if stated is not None:
        return _parse_range(stated, kind=kind)
    found = find_quantities(source)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(source):
        return None
    q = found[0]
    if kind == q.kind:
        return q
    if kind == "quantity" and q.kind == "count":
        return replace(q, kind="quantity")
    if kind == "count" and q.kind == "quantity" and q.unit is None and q.value.is_integer():
        return replace(q, kind="count")
    return None


# What joins the two ends of a range in a claim: "300–500", "3 to 4 million", and "and"
# after "between".
_RANGE_GAP = re.compile(r"\s*(?:–|—|-|to)\s*")
_AND_GAP = re.compile(r"\s+and\s+")
_BETWEEN = re.compile(r"\bbetween\s+\S*$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+\S*$", re.IGNORECASE)
_HYPHEN_HIGH = re.compile(r"[-–—]\d[\d,.]*(?!\d)")
# A range a fact file states: "300–500", "300 to 500 km", "$5–10 million", "2–3%".
_RANGE = re.compile(
    r"(?P<pre>[^\d\s]*)\s*(?P<low>\d[\d,.]*)\s*(?:–|—|-|to)\s*[^\d\s]*?\s*"
    r"(?P<high>\d[\d,.]*)(?P<rest>.*)"
)


def _parse_range(stated: re.Match[str], *, kind: str) -> Quantity | None:
    """Return the range STATED as one quantity of KIND, or None when its ends do not agree."""
    pre, rest = stated["pre"], stated["rest"]
    low = parse_quantity(f"{pre}{stated['low']}{rest}", kind=kind)
    high = parse_quantity(f"{pre}{stated['high']}{rest}", kind=kind)
    if low is None or high is None or low.unit != high.unit or not low.value < high.value:
        return None
    text = stated.string
    return replace(low, high=high.value, end=len(text), text=text)


_FRACTION_NAMES = {50.0: "half", 25.0: "a quarter", 75.0: "three quarters", 20.0: "a fifth",
                   10.0: "a tenth"}  # fmt: skip
_QUALIFIER_TEXT = {
    Qualifier.EXACT: "", Qualifier.ABOUT: "about ", Qualifier.MORE_THAN: "more than ",
    Qualifier.LESS_THAN: "less than ", Qualifier.AT_LEAST: "at least ",
    Qualifier.AT_MOST: "at most ", Qualifier.NEARLY: "nearly ",
}  # fmt: skip
_SCALE_NAMES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _digits(value: float, step: float) -> str:
    """Write VALUE with as many decimals as STEP keeps, grouping thousands."""
    decimals = 0 if step <= 0 or step >= 1 else max(0, -math.floor(math.log10(step) + 1e-9))
    if step <= 0:
        return f"{value:,.{4}f}".rstrip("0").rstrip(".")
    return f"{value:,.{decimals}f}"


def _number(q: Quantity) -> str:
    """Write the number of Q, with a scale word for millions and more."""
    step = significant_step(q)
    for scale, name in _SCALE_NAMES:
        if abs(q.value) >= scale and (step == 0 or step >= scale / 1000):
            return f"{_digits(q.value / scale, step / scale)} {name}"
    return _digits(q.value, q.step)


def format_quantity(q: Quantity) -> str:
    """Return Q as an editor reads it: "$24.6 trillion", "more than 23%", "10", "2 days"."""
    if q.high is not None:
        return q.text  # a range, as its source wrote it
    prefix = _QUALIFIER_TEXT[q.qualifier]
    if q.kind == "percent":
        if q.step == 0:
            thirds = {round(100 / 3, 6): "a third", round(200 / 3, 6): "two-thirds"}
            name = _FRACTION_NAMES.get(q.value) or thirds.get(round(q.value, 6))
            if name:
                return prefix + name
        return f"{prefix}{_digits(q.value, q.step)}%"
    if q.kind == "money":
        codes = (q.unit or "").split("|")
        sign = currency_label(codes[0]) if len(codes) == 1 and codes[0] else ""
        return f"{prefix}{sign}{_number(q)}"
    number = _number(q)
    if q.kind == "quantity" and q.unit == PERCENTAGE_POINT:
        return f"{prefix}{number} percentage point{'s' if q.value != 1 else ''}"
    if q.kind == "quantity" and q.unit:
        return f"{prefix}{number} {unit_label(q.unit, plural=q.value != 1)}"
    return prefix + number
