"""Units of measurement (pint) and currencies (Babel's CLDR data), read after a figure.

pint defines the units and converts between them; Babel knows every ISO 4217 currency
with its English names and symbols. What is ours is how English text writes them: the
forms pint reads as something else ("in" is an inch, "league" a distance) are refused,
and the few it does not know ("km2", "kilos", "Mbps") are rewritten.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pint
from babel.core import get_global
from babel.numbers import (
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
    list_currencies,
)

from verifier.core.text import word_set

# English words pint would read as units, which after a figure almost always mean
# something else: "10 in 2017", "5 league titles", "3 points", "Slate 14 has" (pint reads
# "has" as hectares). Compared without case.
_NOT_UNITS = word_set(
    """
    a an in at are as is it to of on or by and the per pi point points bar bars league leagues
    hand hands grain grains cup cups drop drops line lines stone stones ton tons barn barns
    rad rem has had his her hers us we me my am pm do does go so no nor not its was were
    be been being de du la le el et al cc ct dr pt qt sr u mil mils
    """
)
# Symbols pint knows that after a figure mean something else, compared with their case:
# "5 C" is no coulomb, "5 mb" no millibarn. ("10K" is ten thousand: a scale, read first.)
_NOT_SYMBOLS = word_set("b c k v f B C V F P T G M L mb")
# Forms pint does not know, or knows as another unit, and what they mean.
_REWRITES = {
    "km2": "km ** 2",
    "m2": "m ** 2",
    "mi2": "mi ** 2",
    "ft2": "ft ** 2",
    "cm2": "cm ** 2",
    "km3": "km ** 3",
    "m3": "m ** 3",
    "sq. km": "km ** 2",
    "sq. mi": "mi ** 2",
    "sq. ft": "ft ** 2",
    "metric ton": "metric_ton",
    "metric tons": "metric_ton",
    "metric tonne": "metric_ton",
    "metric tonnes": "metric_ton",
    "kilo": "kg",
    "kilos": "kg",
    "gramme": "g",
    "grammes": "g",
    "decade": "decade_of_years",
    "decades": "decade_of_years",
    "mbps": "Mbit / s",
    "gbps": "Gbit / s",
    "kbps": "kbit / s",
    "kb": "kB",
    "kmh": "km / h",
    "au": "astronomical_unit",
    "astronomical units": "astronomical_unit",
    "astronomical unit": "astronomical_unit",
    "nautical mile": "nmi",
    "nautical miles": "nmi",
    "light year": "light_year",
    "light years": "light_year",
    "light-year": "light_year",
    "light-years": "light_year",
    "degrees celsius": "degC",
    "degree celsius": "degC",
    "degrees c": "degC",
    "°c": "degC",
    "ºc": "degC",
    "° c": "degC",
    "degrees fahrenheit": "degF",
    "degree fahrenheit": "degF",
    "degrees f": "degF",
    "°f": "degF",
    "ºf": "degF",
    "° f": "degF",
}
# The dimensions a figure in a claim may measure; anything else is not read as a unit.
_DIMENSIONS = frozenset(
    {
        "[length]",
        "[length] ** 2",
        "[length] ** 3",
        "[mass]",
        "[time]",
        "[temperature]",
        "[length] / [time]",
        "1 / [time]",
        "[length] ** 2 * [mass] / [time] ** 3",
        "[length] ** 2 * [mass] / [time] ** 2",
        "[current] * [time]",
        "dimensionless",
    }
)
# Units of time read in full ("2 days"); every other unit is shown by its symbol.
_SPELLED = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "century"})
_UNIT_WORD = r"[^\W\d_][\w°º²³µ/.'-]*|[°º][A-Za-z]|[A-Za-z°º]+[²³23]?"
_CANDIDATE = re.compile(
    rf"(?P<sep>\s*|-)(?P<unit>(?:{_UNIT_WORD})(?:\s+(?:{_UNIT_WORD})){{0,2}})", re.UNICODE
)


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[float]:
    """Return the unit registry, built on first use (not at import)."""
    units: pint.UnitRegistry[float] = pint.UnitRegistry()
    units.define("decade_of_years = 10 * year")
    return units


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit written after a figure: its canonical name and where the text of it ends."""

    unit: str
    end: int


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> str | None:
    """Return the canonical unit TEXT names, or None when it names no unit a claim measures."""
    folded = " ".join(text.strip().split())
    if not folded or folded.lower() in _NOT_UNITS or folded in _NOT_SYMBOLS:
        return None
    expression = _REWRITES.get(folded.lower(), folded)
    try:
        unit = registry().parse_units(expression)
        if unit.dimensionless and not _is_data(str(unit)):
            return None
        if str(unit.dimensionality) not in _DIMENSIONS:
            return None
    except Exception:  # pint's parser fails in many ways on stray text
        return None
    return str(unit)


def unit_after(text: str, pos: int) -> UnitMatch | None:
    """Return the unit written right after a figure ending at POS, longest form first."""
    m = _CANDIDATE.match(text, pos)
    if m is None or (m["sep"] and m["sep"].strip(" ") not in ("", "-")):
        return None
    ends = [m.start("unit") + w.end() for w in re.finditer(r"\S+", m["unit"])]
    for count in range(len(ends), 0, -1):
        written = text[m.start("unit") : ends[count - 1]].rstrip(".")
        if count == 1 and "-" in written and written.lower() not in _REWRITES:
            written = written.split("-")[0]  # "6.1-inch" read, "km-long" too
        unit = parse_unit(written)
        if unit is not None:
            return UnitMatch(unit, m.start("unit") + len(written))
    return None


def _is_data(unit: str) -> bool:
    """Return whether UNIT measures data (bytes, bits), which pint counts as dimensionless."""
    return "byte" in unit or "bit" in unit


def family(unit: str) -> str:
    """Return what UNIT measures, so that only units of one family are compared."""
    parsed = registry().parse_units(unit)
    tag = "data " if _is_data(unit) else ""
    return tag + str(parsed.dimensionality)


def convert(value: float, source: str, target: str) -> float | None:
    """Return VALUE in SOURCE units expressed in TARGET units, or None when they differ in kind."""
    if source == target:
        return value
    if family(source) != family(target):
        return None
    if math.isinf(value):
        return value
    quantity = registry().Quantity(value, registry().parse_units(source))
    return float(quantity.to(registry().parse_units(target)).magnitude)


def unit_label(unit: str, *, plural: bool) -> str:
    """Return UNIT as an editor reads it: "km", "m²", "GB", "days"."""
    if unit in _SPELLED:
        if not plural:
            return unit
        return "centuries" if unit == "century" else unit + "s"
    if unit == "decade_of_years":
        return "decades" if plural else "decade"
    return f"{registry().parse_units(unit):~P}"


# ---------------------------------------------------------------------------
# Currencies


# Symbols writers use that English CLDR data does not list, or lists for one currency only.
_MORE_SYMBOLS: dict[str, frozenset[str]] = {
    "US$": frozenset({"USD"}),
    "U.S.$": frozenset({"USD"}),
    "C$": frozenset({"CAD"}),
    "AU$": frozenset({"AUD"}),
    "S$": frozenset({"SGD"}),
    "RMB": frozenset({"CNY"}),
    "₽": frozenset({"RUB"}),
    "₺": frozenset({"TRY"}),
    "₴": frozenset({"UAH"}),
    "₦": frozenset({"NGN"}),
    "₸": frozenset({"KZT"}),
    "₼": frozenset({"AZN"}),
    "₾": frozenset({"GEL"}),
    "฿": frozenset({"THB"}),
    "₮": frozenset({"MNT"}),
    "zł": frozenset({"PLN"}),
    "Rs": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "Rs.": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "kr": frozenset({"SEK", "NOK", "DKK", "ISK"}),
    "Fr.": frozenset({"CHF"}),
}
# Bare names that English uses for one currency above all others.
_USUAL = {"dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "euro": "EUR",
          "euros": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
          "pounds sterling": "GBP", "sterling": "GBP"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Currencies:
    """Every currency by ISO code, symbol and English name."""

    codes: frozenset[str]
    symbols: dict[str, frozenset[str]]
    names: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def currencies() -> Currencies:
    """Return the currency tables, built from Babel's data on first use.

    Every ISO code is read; names and symbols only of the currencies in use today, so
    that "units" or "marks" after a figure are not taken for a fund or an old currency.
    """
    codes = frozenset(list_currencies())
    tender: set[str] = set()
    for territory in get_global("territory_currencies"):
        tender.update(get_territory_currencies(territory, tender=True))
    symbols: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for code in sorted(tender):
        symbol = get_currency_symbol(code, "en")
        if symbol != code:
            symbols.setdefault(symbol, set()).add(code)
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en").casefold()
            names.setdefault(name, set()).add(code)
            last = name.split()[-1]
            if last != name:
                names.setdefault(last, set()).add(code)
    for symbol, more in _MORE_SYMBOLS.items():
        symbols.setdefault(symbol, set()).update(more)
    for name, code in _USUAL.items():
        names[name] = {code}
    return Currencies(
        codes=codes,
        symbols={k: frozenset(v) for k, v in symbols.items()},
        names={k: frozenset(v) for k, v in names.items()},
    )


def currency_code(written: str) -> frozenset[str]:
    """Return the ISO codes a written currency (code, symbol or name) may stand for."""
    table = currencies()
    text = " ".join(written.split())
    if text.upper() in table.codes and (text.isupper() or len(text) == 3):
        return frozenset({text.upper()})
    if text in table.symbols:
        return table.symbols[text]
    return table.names.get(text.casefold(), frozenset())


def currency_label(code: str) -> str:
    """Return how an editor writes a currency before a figure: "$", "€", or the code."""
    symbol = get_currency_symbol(code, "en")
    return code + " " if symbol.isalpha() else symbol
