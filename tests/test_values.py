"""Tests for reading figures and comparing them as VERDICTS' ranges."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from verifier.core.dates import find_dates
from verifier.core.facts import read_value
from verifier.core.model import AttributeRecord, ValueKind
from verifier.core.values import (
    Interval,
    Qualifier,
    Quantity,
    claim_range,
    compare_ranges,
    fact_range,
    find_quantities,
    format_quantity,
    parse_quantity,
)

INF = math.inf
T = 10**12
B = 10**9
M = 10**6


def one(text: str) -> Quantity:
    """Return the only figure in TEXT."""
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def bounds(interval: Interval) -> tuple[float, float, bool, bool]:
    """Return an interval's fields as a tuple."""
    return (interval.low, interval.high, interval.low_open, interval.high_open)


def approx(expected: tuple[float, float, bool, bool]) -> object:
    """Compare interval tuples with float tolerance on the bounds."""
    low, high, low_open, high_open = expected
    return (pytest.approx(low), pytest.approx(high), low_open, high_open)


# --------------------------------------------------------------------------- find_quantities

# text -> [(expression text, value, kind, unit, step, qualifier)]
FIND_CASES: list[tuple[str, list[tuple[str, float, str, str | None, float, str]]]] = [
    # Real wording from the sources and the dev claims.
    ("The combined GDP of SCO member states is about $24.6 trillion.",
     [("about $24.6 trillion", 24.6 * T, "money", "USD", 0.1 * T, "about")]),
    ("which accounts for more than 23% of the world's GDP.",
     [("more than 23%", 23, "percent", "%", 1, "more-than")]),
    ("the combined population of the 10 full member states exceeds 40% of the world's population",
     [("10", 10, "count", None, 1, "exact"), ("exceeds 40%", 40, "percent", "%", 1, "more-than")]),
    ("This surpasses 80% of the U.S. GDP (about $30.5 trillion).",
     [("surpasses 80%", 80, "percent", "%", 1, "more-than"),
      ("about $30.5 trillion", 30.5 * T, "money", "USD", 0.1 * T, "about")]),
    ("with leaders from more than 20 member, observer, dialogue partner, and guest countries",
     [("more than 20", 20, "count", None, 1, "more-than")]),
    ("alongside representatives from over 10 international organizations.",
     [("over 10", 10, "count", None, 1, "more-than")]),
    ("while 14 other countries—including Turkey—have become dialogue partners",
     [("14", 14, "count", None, 1, "exact")]),
    ("The SCO has twelve member states.", [("twelve", 12, "count", None, 1, "exact")]),
    ("SCO member states produce roughly half of the world's GDP.",
     [("roughly half", 50, "percent", "%", 0, "about")]),
    ("Less than a fifth of the world's population lives in SCO member states.",
     [("Less than a fifth", 20, "percent", "%", 0, "less-than")]),
    ("The SCO summit in Tianjin will last two days.",
     [("two days", 2, "quantity", "day", 1, "exact")]),
    ("The combined population of SCO members is 3 billion people.",
     [("3 billion", 3 * B, "count", None, B, "exact")]),
    ("The SCO's annual budget is $10 million.",
     [("$10 million", 10 * M, "money", "USD", M, "exact")]),
    ("who will meet Xi for the first time in seven years.",
     [("seven years", 7, "quantity", "year", 1, "exact")]),
    ("In 2018 the SCO had eight member states.", [("eight", 8, "count", None, 1, "exact")]),
    # Separators, decimals and number words.
    ("1,500 people", [("1,500", 1500, "count", None, 1, "exact")]),
    ("1,234,567.89 units", [("1,234,567.89", 1234567.89, "quantity", None, 0.01, "exact")]),
    ("a ratio of 24.60", [("24.60", 24.6, "quantity", None, 0.01, "exact")]),
    ("fourteen states", [("fourteen", 14, "count", None, 1, "exact")]),
    ("twenty-five members", [("twenty-five", 25, "count", None, 1, "exact")]),
    ("twenty five members", [("twenty five", 25, "count", None, 1, "exact")]),
    ("two hundred delegates", [("two hundred", 200, "count", None, 1, "exact")]),
    ("two hundred and five leaders", [("two hundred and five", 205, "count", None, 1, "exact")]),
    ("a hundred people", [("a hundred", 100, "count", None, 100, "exact")]),
    ("three million people", [("three million", 3 * M, "count", None, M, "exact")]),
    ("one hundred thousand troops", [("one hundred thousand", 100_000, "count", None, 1000,
                                      "exact")]),
    ("Ten countries joined.", [("Ten", 10, "count", None, 1, "exact")]),
    ("ten twelve", [("ten", 10, "count", None, 1, "exact"), ("twelve", 12, "count", None, 1,
                                                            "exact")]),
    # Fractions and shares.
    ("a fifth", [("a fifth", 20, "percent", "%", 0, "exact")]),
    ("one fifth of exports", [("one fifth", 20, "percent", "%", 0, "exact")]),
    ("one-fifth of exports", [("one-fifth", 20, "percent", "%", 0, "exact")]),
    ("half of the world's GDP", [("half", 50, "percent", "%", 0, "exact")]),
    ("half the world's population", [("half", 50, "percent", "%", 0, "exact")]),
    ("a quarter of all trade", [("a quarter", 25, "percent", "%", 0, "exact")]),
    ("three quarters of members", [("three quarters", 75, "percent", "%", 0, "exact")]),
    ("two-thirds of members", [("two-thirds", 200 / 3, "percent", "%", 0, "exact")]),
    ("two thirds of members", [("two thirds", 200 / 3, "percent", "%", 0, "exact")]),
    ("a third of voters", [("a third", 100 / 3, "percent", "%", 0, "exact")]),
    ("a tenth.", [("a tenth", 10, "percent", "%", 0, "exact")]),
    ("one in three adults", [("one in three", 100 / 3, "percent", "%", 0, "exact")]),
    ("1 in 5 people", [("1 in 5", 20, "percent", "%", 0, "exact")]),
    ("nine out of ten doctors", [("nine out of ten", 90, "percent", "%", 0, "exact")]),
    ("over a fifth", [("over a fifth", 20, "percent", "%", 0, "more-than")]),
    ("more than half", [("more than half", 50, "percent", "%", 0, "more-than")]),
    ("nearly two-thirds", [("nearly two-thirds", 200 / 3, "percent", "%", 0, "nearly")]),
    ("half a million people", [("half a million", 500_000, "count", None, 100_000, "exact")]),
    ("a quarter of a million", [("a quarter of a million", 250_000, "count", None, 100_000,
                                 "exact")]),
    ("two and a half days", [("two and a half days", 2.5, "quantity", "day", 0.1, "exact")]),
    ("half an hour", [("half an hour", 0.5, "quantity", "hour", 0.1, "exact")]),
    # Percentages.
    ("23 percent", [("23 percent", 23, "percent", "%", 1, "exact")]),
    ("23 per cent", [("23 per cent", 23, "percent", "%", 1, "exact")]),
    ("23%", [("23%", 23, "percent", "%", 1, "exact")]),
    ("23.5 %", [("23.5 %", 23.5, "percent", "%", 0.1, "exact")]),
    ("twenty-three percent", [("twenty-three percent", 23, "percent", "%", 1, "exact")]),
    ("5 percentage points", [("5 percentage points", 5, "quantity", "percentage point", 1,
                              "exact")]),
    # Scales, short forms and currencies.
    ("$24.6tn", [("$24.6tn", 24.6 * T, "money", "USD", 0.1 * T, "exact")]),
    ("$24.6 tn", [("$24.6 tn", 24.6 * T, "money", "USD", 0.1 * T, "exact")]),
    ("US$5bn", [("US$5bn", 5 * B, "money", "USD", B, "exact")]),
    ("USD 3 billion", [("USD 3 billion", 3 * B, "money", "USD", B, "exact")]),
    ("24.6 trillion dollars", [("24.6 trillion dollars", 24.6 * T, "money", "USD", 0.1 * T,
                                "exact")]),
    ("23 trillion US dollars", [("23 trillion US dollars", 23 * T, "money", "USD", T, "exact")]),
    ("24.6 trillion USD", [("24.6 trillion USD", 24.6 * T, "money", "USD", 0.1 * T, "exact")]),
    ("twenty trillion dollars", [("twenty trillion dollars", 20 * T, "money", "USD", T,
                                  "exact")]),
    ("a million dollars", [("a million dollars", M, "money", "USD", M, "exact")]),
    ("$1,500", [("$1,500", 1500, "money", "USD", 1, "exact")]),
    ("$5m", [("$5m", 5 * M, "money", "USD", M, "exact")]),
    ("$5b", [("$5b", 5 * B, "money", "USD", B, "exact")]),
    ("€5m", [("€5m", 5 * M, "money", "EUR", M, "exact")]),
    ("£2.5 billion", [("£2.5 billion", 2.5 * B, "money", "GBP", 0.1 * B, "exact")]),
    ("HK$3 billion", [("HK$3 billion", 3 * B, "money", "HKD", B, "exact")]),
    ("3 trillion yuan", [("3 trillion yuan", 3 * T, "money", "CNY", T, "exact")]),
    ("10k runners", [("10k", 10_000, "count", None, 1000, "exact")]),
    ("5m people", [("5m", 5 * M, "count", None, M, "exact")]),
    ("3.5 million", [("3.5 million", 3.5 * M, "count", None, 0.1 * M, "exact")]),
    ("1.25 million", [("1.25 million", 1.25 * M, "count", None, 0.01 * M, "exact")]),
    ("10 thousand", [("10 thousand", 10_000, "count", None, 1000, "exact")]),
    # Units.
    ("a 5-year plan", [("5-year", 5, "quantity", "year", 1, "exact")]),
    ("a two-day summit", [("two-day", 2, "quantity", "day", 1, "exact")]),
    ("100km", [("100km", 100, "quantity", "kilometer", 1, "exact")]),
    ("3,000 square kilometres", [("3,000 square kilometres", 3000, "quantity",
                                  "kilometer ** 2", 1, "exact")]),
    ("1 day", [("1 day", 1, "quantity", "day", 1, "exact")]),
    # Qualifiers in front, and after.
    ("about 10", [("about 10", 10, "count", None, 1, "about")]),
    ("around 10", [("around 10", 10, "count", None, 1, "about")]),
    ("roughly 10", [("roughly 10", 10, "count", None, 1, "about")]),
    ("approximately 10", [("approximately 10", 10, "count", None, 1, "about")]),
    ("some 20 countries", [("some 20", 20, "count", None, 1, "about")]),
    ("close to 30", [("close to 30", 30, "count", None, 1, "about")]),
    ("an estimated 3 billion", [("an estimated 3 billion", 3 * B, "count", None, B, "about")]),
    ("~5%", [("~5%", 5, "percent", "%", 1, "about")]),
    ("nearly 50%", [("nearly 50%", 50, "percent", "%", 1, "nearly")]),
    ("almost 50%", [("almost 50%", 50, "percent", "%", 1, "nearly")]),
    ("just under 50%", [("just under 50%", 50, "percent", "%", 1, "nearly")]),
    ("more than 5", [("more than 5", 5, "count", None, 1, "more-than")]),
    ("over 5", [("over 5", 5, "count", None, 1, "more-than")]),
    ("Over 20 leaders came.", [("Over 20", 20, "count", None, 1, "more-than")]),
    ("above 5", [("above 5", 5, "count", None, 1, "more-than")]),
    ("exceeds 5", [("exceeds 5", 5, "count", None, 1, "more-than")]),
    ("exceeding 5", [("exceeding 5", 5, "count", None, 1, "more-than")]),
    ("surpasses 5", [("surpasses 5", 5, "count", None, 1, "more-than")]),
    ("well over 5", [("well over 5", 5, "count", None, 1, "more-than")]),
    ("in excess of $5 billion", [("in excess of $5 billion", 5 * B, "money", "USD", B,
                                  "more-than")]),
    ("at least 5", [("at least 5", 5, "count", None, 1, "at-least")]),
    ("no fewer than 5", [("no fewer than 5", 5, "count", None, 1, "at-least")]),
    ("less than 5", [("less than 5", 5, "count", None, 1, "less-than")]),
    ("under 5", [("under 5", 5, "count", None, 1, "less-than")]),
    ("below 5", [("below 5", 5, "count", None, 1, "less-than")]),
    ("fewer than 5", [("fewer than 5", 5, "count", None, 1, "less-than")]),
    ("at most 5", [("at most 5", 5, "count", None, 1, "at-most")]),
    ("up to 5", [("up to 5", 5, "count", None, 1, "at-most")]),
    ("no more than 5", [("no more than 5", 5, "count", None, 1, "at-most")]),
    ("10 or more states", [("10 or more", 10, "count", None, 1, "at-least")]),
    ("10 or fewer states", [("10 or fewer", 10, "count", None, 1, "at-most")]),
    ("20+ leaders", [("20+", 20, "count", None, 1, "at-least")]),
    ("exactly 10", [("exactly 10", 10, "count", None, 1, "exact")]),
    ("More  than\n23 %", [("More  than\n23 %", 23, "percent", "%", 1, "more-than")]),
    # Not figures: dates, ordinals, names, pronouns.
    ("The SCO was founded on June 15, 2001.", []),
    ("India and Pakistan officially joined the SCO in 2017.", []),
    ("At the 2017 Astana Summit in Kazakhstan, both officially joined.", []),
    ("Subsequent annual summits were held in Almaty (1998), Bishkek (1999).", []),
    ("since September 2021", []),
    ("in the 1990s", []),
    ("The 25th SCO summit takes place in Tianjin.", []),
    ("starting on the 31st.", []),
    ("the twenty-first century", []),
    ("G20 Leaders Summit", []),
    ("COVID-19 cases", []),
    ("Article 5 of the treaty", []),
    ("a fleet of Boeing 737 jets", []),
    ("5G networks", []),
    ("the Shanghai Five", []),
    ("the Group of Seven", []),
    ("one of the members", []),
    ("no one knows", []),
    ("the one-China policy", []),
    ("a third country", []),
    ("the first half of the year", []),
    ("cut in half", []),
    ("at 10:30 am", []),
    ("open 24/7", []),
    ("version 3.11.2", []),
    ("the membership process for India and Pakistan began at the 2015 Ufa Summit.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_quantities(
    text: str, expected: list[tuple[str, float, str, str | None, float, str]]
) -> None:
    got = find_quantities(text)
    assert [(q.text, q.kind, q.unit, q.qualifier.value) for q in got] == [
        (e[0], e[2], e[3], e[5]) for e in expected
    ]
    for q, e in zip(got, expected, strict=True):
        assert q.value == pytest.approx(e[1])
        assert q.step == pytest.approx(e[4])
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "prefix", ["", "\r\n", "😀 ", "🇺🇳🇺🇳 ", "naïve café — ", "\u200b", "“Quote” ", "\t\r\n\r\n"]
)
def test_offsets_are_character_offsets(prefix: str) -> None:
    text = prefix + "GDP is about $24.6 trillion,\r\nover a fifth of the world, in 2001 and 10."
    got = find_quantities(text)
    assert [q.text for q in got] == ["about $24.6 trillion", "over a fifth", "10"]
    for q in got:
        assert text[q.start : q.end] == q.text
    assert got[0].start == len(prefix) + len("GDP is ")


def test_quantity_is_frozen_and_slotted() -> None:
    q = one("10")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 11  # type: ignore[misc]
    assert not hasattr(q, "__dict__")


def test_qualifier_values_match_fact_files() -> None:
    assert [q.value for q in Qualifier] == [
        "exact", "about", "more-than", "less-than", "at-least", "at-most", "nearly",
    ]  # fmt: skip
    assert Qualifier("more-than") is Qualifier.MORE_THAN


def test_dates_and_quantities_do_not_overlap_in_the_sources(shared_sources: Path) -> None:
    for path in sorted(shared_sources.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        dates = find_dates(text)
        for q in find_quantities(text):
            assert text[q.start : q.end] == q.text
            assert not any(d.start < q.end and q.start < d.end for d in dates), q


# --------------------------------------------------------------------------- parse_quantity


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("$24.6 trillion", "money", (24.6 * T, "USD", 0.1 * T, "exact")),
        ("23%", "percent", (23, "%", 1, "exact")),
        ("23.5 percent", "percent", (23.5, "%", 0.1, "exact")),
        ("a fifth", "percent", (20, "%", 0, "exact")),
        ("two-thirds", "percent", (200 / 3, "%", 0, "exact")),
        ("half", "percent", (50, "%", 0, "exact")),
        ("2 days", "quantity", (2, "day", 1, "exact")),
        ("two days", "quantity", (2, "day", 1, "exact")),
        ("10", "count", (10, None, 1, "exact")),
        ("ten", "count", (10, None, 1, "exact")),
        (" 10 ", "count", (10, None, 1, "exact")),
        ("3 billion", "count", (3 * B, None, B, "exact")),
        ("10", "quantity", (10, None, 1, "exact")),
        ("24.6", "quantity", (24.6, None, 0.1, "exact")),
        ("more than 23%", "percent", (23, "%", 1, "more-than")),
        ("about $30.5 trillion", "money", (30.5 * T, "USD", 0.1 * T, "about")),
        # Wrong kind, or not one whole value.
        ("10", "percent", None),
        ("10", "money", None),
        ("24.6", "count", None),
        ("$24.6 trillion", "percent", None),
        ("23%", "money", None),
        ("2 days", "count", None),
        ("10 member states", "count", None),
        ("10 and 12", "count", None),
        ("", "count", None),
        ("x", "count", None),
        ("June 15, 2001", "count", None),
        ("10", "date", None),
        ("a third country", "percent", None),
    ],
)
def test_parse_quantity(
    text: str, kind: str, expected: tuple[float, str | None, float, str] | None
) -> None:
    q = parse_quantity(text, kind=kind)
    if expected is None:
        assert q is None
        return
    assert q is not None
    assert q.kind == kind
    assert q.value == pytest.approx(expected[0])
    assert q.step == pytest.approx(expected[2])
    assert (q.unit, q.qualifier.value) == (expected[1], expected[3])


def test_parse_quantity_accepts_numbers_from_toml() -> None:
    assert parse_quantity(10, kind="count") == parse_quantity("10", kind="count")
    q = parse_quantity(23.5, kind="quantity")
    assert q is not None and q.value == 23.5 and q.step == pytest.approx(0.1)
    assert parse_quantity(True, kind="count") is None


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Counts are exact.
        ("10", (10, 10, False, False)),
        ("ten", (10, 10, False, False)),
        ("about 10", (10, 10, False, False)),
        # Other figures are exact to their last significant digit.
        ("$24.6 trillion", (24.55 * T, 24.65 * T, False, True)),
        ("about $24.6 trillion", (24.55 * T, 24.65 * T, False, True)),
        ("23%", (22.5, 23.5, False, True)),
        ("2 days", (1.5, 2.5, False, True)),
        ("3 billion", (2.5 * B, 3.5 * B, False, True)),
        ("a fifth", (20, 20, False, False)),
        # "more than X": up to the next step of X's last significant digit.
        ("more than 23%", (23, 24, True, True)),
        ("more than 40%", (40, 50, True, True)),
        ("exceeds 40%", (40, 50, True, True)),
        ("surpasses 80%", (80, 90, True, True)),
        ("more than $24.6 trillion", (24.6 * T, 24.7 * T, True, True)),
        ("more than 3 billion", (3 * B, 4 * B, True, True)),
        ("more than a fifth", (20, 30, True, True)),
        ("over 20 leaders", (21, 29, False, False)),
        ("over 10 international organizations", (11, 19, False, False)),
        ("more than 100", (101, 199, False, False)),
        ("more than 1,500", (1501, 1599, False, False)),
        ("more than 5", (6, INF, False, False)),
        ("at least 20", (20, 29, False, False)),
        ("at least 5", (5, INF, False, False)),
        # ... and "less than X" mirrors it.
        ("less than 23%", (22, 23, True, True)),
        ("under 40%", (30, 40, True, True)),
        ("at least 23%", (23, 24, False, True)),
        ("at most 40%", (30, 40, True, False)),
        ("nearly 50%", (40, 50, True, False)),
        ("fewer than 20 leaders", (11, 19, False, False)),
        ("fewer than 5", (0, 4, False, False)),
        ("at most 20", (11, 20, False, False)),
        ("at most 5", (0, 5, False, False)),
        ("nearly 20 countries", (11, 19, False, False)),
    ],
)
def test_fact_range(text: str, expected: tuple[float, float, bool, bool]) -> None:
    assert bounds(fact_range(one(text))) == approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 member states", (10, 10, False, False)),
        ("twelve", (12, 12, False, False)),
        ("23 trillion dollars", (22.5 * T, 23.5 * T, False, True)),
        ("$24.6 billion", (24.55 * B, 24.65 * B, False, True)),
        ("23%", (22.5, 23.5, False, True)),
        ("3 billion people", (2.5 * B, 3.5 * B, False, True)),
        ("about 23%", (20.7, 25.3, False, False)),
        ("around $40 trillion", (36 * T, 44 * T, False, False)),
        ("roughly 10", (9, 11, False, False)),
        ("about 5 members", (4, 6, False, False)),  # a count's tolerance is at least one
        ("nearly 5 members", (4, 5, False, False)),
        ("some 20", (18, 22, False, False)),
        ("approximately 100", (90, 110, False, False)),
        ("close to 30", (27, 33, False, False)),
        ("about 2 days", (1.5, 2.5, False, False)),  # never narrower than its own digit
        ("roughly half", (45, 55, False, False)),
        ("a quarter", (22.5, 27.5, False, False)),  # a bare fraction is a rounded share
        ("nearly 50%", (45, 50, False, False)),
        ("almost 20", (18, 20, False, False)),
        ("more than 30 percent", (30, INF, True, False)),
        ("over a fifth", (20, INF, True, False)),
        ("exceeds 45%", (45, INF, True, False)),
        ("above 5", (5, INF, True, False)),
        ("at least 5", (5, INF, False, False)),
        ("less than a fifth", (-INF, 20, False, True)),
        ("under 5", (-INF, 5, False, True)),
        ("below 5", (-INF, 5, False, True)),
        ("fewer than 5", (-INF, 5, False, True)),
        ("at most 5", (-INF, 5, False, False)),
        ("up to 5", (-INF, 5, False, False)),
    ],
)
def test_claim_range(text: str, expected: tuple[float, float, bool, bool]) -> None:
    assert bounds(claim_range(one(text))) == approx(expected)


def test_claim_range_tolerance_is_a_parameter() -> None:
    assert bounds(claim_range(one("about 100"), tolerance=0.05)) == approx((95, 105, False, False))
    assert bounds(claim_range(one("nearly 100"), tolerance=0.2)) == approx((80, 100, False, False))


@pytest.mark.parametrize(
    ("claim", "fact", "expected"),
    [
        # VERDICTS, word for word.
        ("over a fifth", "more than 23% of world GDP", "supported"),
        ("about 23%", "more than 23% of world GDP", "supported"),
        ("more than 30 percent", "more than 23% of world GDP", "contradicted"),
        ("23%", "more than 23% of world GDP", "unknown"),
        ("exceeds 45%", "more than 40% of the world's population", "unknown"),
        ("about $25 trillion", "about $24.6 trillion", "supported"),
        ("$24.6 billion", "about $24.6 trillion", "contradicted"),
        ("around $40 trillion", "about $24.6 trillion", "contradicted"),
        ("more than 5 member states", "10 member states", "supported"),
        ("23 trillion dollars", "$23 trillion", "supported"),
        # The dev claims' figures against the sources' figures.
        ("about $24.6 trillion", "about $24.6 trillion", "supported"),
        ("more than 23%", "more than 23%", "supported"),
        ("roughly half", "more than 23%", "contradicted"),
        ("exceeds 40%", "exceeds 40%", "supported"),
        ("Less than a fifth", "exceeds 40%", "contradicted"),
        ("about $30.5 trillion", "about $30.5 trillion", "supported"),
        ("14", "14", "supported"),
        ("9", "14", "contradicted"),
        ("twelve", "10", "contradicted"),
        ("ten", "10", "supported"),
        ("eight", "8", "supported"),
        ("more than 20", "more than 20", "supported"),
        ("over 10", "over 10", "supported"),
        ("exceeds 80%", "surpasses 80%", "supported"),
        ("more than 20", "over 20", "supported"),
        ("two days", "2 days", "supported"),
        ("about $15 trillion", "about $24.6 trillion", "contradicted"),
        # Open against closed bounds.
        ("fewer than 10", "10", "contradicted"),
        ("at most 10", "10", "supported"),
        ("at least 10", "10", "supported"),
        ("more than 10", "10", "contradicted"),
        ("less than 24%", "more than 23%", "supported"),
        ("at most 23%", "more than 23%", "contradicted"),
        ("at least 24%", "more than 23%", "contradicted"),
        ("more than 24%", "more than 23%", "contradicted"),
        ("25 leaders", "over 20 leaders", "unknown"),
        ("over 30 leaders", "over 20 leaders", "contradicted"),
        ("more than 25 leaders", "over 20 leaders", "unknown"),
        # Billions are not trillions; digits decide.
        ("$24.6 billion", "$24.6 trillion", "contradicted"),
        ("$24.6 trillion", "$24.6 trillion", "supported"),
        ("$25 trillion", "$24.6 trillion", "supported"),
        ("$24 trillion", "$24.6 trillion", "contradicted"),
        # A figure of a thousand or more is exact to its last non-zero digit.
        ("24,600 billion dollars", "$24.6 trillion", "supported"),
        ("US$24.6tn", "$24.6 trillion", "supported"),
        ("3 days", "2 days", "contradicted"),
        # Words, fractions and shares against percentages.
        ("a quarter", "25%", "supported"),
        ("two-thirds", "67%", "supported"),
        ("one in three", "33%", "supported"),
        ("half", "a fifth", "contradicted"),
        ("nearly 25%", "more than 23%", "supported"),
        ("almost half", "more than 40%", "unknown"),
    ],
)
def test_compare(claim: str, fact: str, expected: str) -> None:
    assert compare_ranges(claim_range(one(claim)), fact_range(one(fact))) == expected


@pytest.mark.parametrize(
    ("a", "b", "contains", "overlaps"),
    [
        (Interval(0, 10), Interval(0, 10), True, True),
        (Interval(0, 10, low_open=True), Interval(0, 10), False, True),
        (Interval(0, 10), Interval(0, 10, True, True), True, True),
        (Interval(0, 10, True, True), Interval(0, 10, True, True), True, True),
        (Interval(0, 10), Interval(10, 20), False, True),
        (Interval(0, 10, high_open=True), Interval(10, 20), False, False),
        (Interval(0, 10), Interval(10, 20, low_open=True), False, False),
        (Interval(0, 10), Interval(11, 20), False, False),
        (Interval(-INF, INF), Interval(5, 5), True, True),
        (Interval(-INF, 5, high_open=True), Interval(5, 5), False, False),
        (Interval(5, INF, low_open=True), Interval(5, INF), False, True),
        (Interval(5, 5), Interval(5, 5), True, True),
        # Floating-point noise at an edge is no gap.
        (Interval(0.1 + 0.2, 1), Interval(0.3, 1), True, True),
        (Interval(24.6e12 - 0.05e12, 24.65e12), Interval(24.55e12, 24.65e12), True, True),
        (Interval(0, 0.1 + 0.2, high_open=True), Interval(0.3, 1), False, False),
    ],
)
def test_interval(a: Interval, b: Interval, contains: bool, overlaps: bool) -> None:
    assert a.contains(b) is contains
    assert a.overlaps(b) is overlaps
    assert b.overlaps(a) is overlaps


def test_interval_str() -> None:
    assert str(Interval(23, 24, True, True)) == "(23, 24)"
    assert str(Interval(5, INF)) == "[5, inf)"
    assert str(Interval(-INF, 5, high_open=True)) == "(-inf, 5)"


# --------------------------------------------------------------------------- format_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$24.6 trillion", "$24.6 trillion"),
        ("about $24.6 trillion", "about $24.6 trillion"),
        ("US$5bn", "$5 billion"),
        ("$10 million", "$10 million"),
        ("$1,500", "$1,500"),
        ("€5m", "€5 million"),
        ("3 trillion yuan", "CN¥3 trillion"),
        ("more than 23%", "more than 23%"),
        ("exceeds 40 per cent", "more than 40%"),
        ("23.5 percent", "23.5%"),
        ("10", "10"),
        ("ten", "10"),
        ("1,500", "1,500"),
        ("3 billion", "3 billion"),
        ("over 20 leaders", "more than 20"),
        ("2 days", "2 days"),
        ("1 day", "1 day"),
        ("two centuries", "2 centuries"),
        ("a fifth", "a fifth"),
        ("less than a fifth", "less than a fifth"),
        ("roughly half", "about half"),
        ("two-thirds", "two-thirds"),
        ("one in three", "a third"),
        ("nine out of ten", "90%"),
        ("at least 5", "at least 5"),
        ("up to 5", "at most 5"),
        ("nearly 50%", "nearly 50%"),
    ],
)
def test_format_quantity(text: str, expected: str) -> None:
    assert format_quantity(one(text)) == expected


# --------------------------------------------------------------------------- properties

QUALIFIER_WORDS = {
    "exact": "", "about": "about ", "more-than": "more than ", "less-than": "less than ",
    "at-least": "at least ", "at-most": "at most ", "nearly": "nearly ",
}  # fmt: skip


@st.composite
def figures(draw: st.DrawFn) -> str:
    """Draw a figure as a writer would put it: digits, scale, currency or percent, qualifier."""
    whole = draw(st.integers(1, 999))
    decimals = draw(st.sampled_from(["", "", f".{draw(st.integers(0, 9))}"]))
    number = f"{whole:,}{decimals}"
    shape = draw(st.sampled_from(["count", "money", "percent", "days", "fraction"]))
    if shape == "count":
        body = str(whole)
    elif shape == "money":
        body = f"${number} {draw(st.sampled_from(['million', 'billion', 'trillion']))}"
    elif shape == "percent":
        body = f"{number}{draw(st.sampled_from(['%', ' percent', ' per cent']))}"
    elif shape == "days":
        body = f"{number} days"
    else:
        body = draw(st.sampled_from(["a fifth", "half", "a quarter", "two-thirds", "a third"]))
    return QUALIFIER_WORDS[draw(st.sampled_from(sorted(QUALIFIER_WORDS)))] + body


@given(figures())
def test_a_claim_stating_the_facts_own_figure_is_never_contradicted(text: str) -> None:
    q = one(text)
    verdict = compare_ranges(claim_range(q), fact_range(q))
    assert verdict != "contradicted"
    if q.qualifier in (
        Qualifier.EXACT,
        Qualifier.ABOUT,
        Qualifier.MORE_THAN,
        Qualifier.LESS_THAN,
        Qualifier.AT_LEAST,
        Qualifier.AT_MOST,
    ):
        assert verdict == "supported"  # fmt: skip


@given(figures())
def test_a_fact_figure_parses_back_whole(text: str) -> None:
    q = one(text)
    assert q.text == text
    assert parse_quantity(text, kind=q.kind) == q
    again = one(format_quantity(q))
    assert again.value == pytest.approx(q.value)
    assert (again.kind, again.qualifier) == (q.kind, q.qualifier)


@given(st.text(max_size=20), figures(), st.text(max_size=20))
def test_offsets_always_slice_back(prefix: str, figure: str, suffix: str) -> None:
    text = f"{prefix} {figure} {suffix}"
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.start < q.end


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_find_quantities_never_fails(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.kind in ("count", "quantity", "money", "percent")


@given(figures(), figures())
def test_ranges_are_well_formed(claim_text: str, fact_text: str) -> None:
    claim, fact = claim_range(one(claim_text)), fact_range(one(fact_text))
    for interval in (claim, fact):
        assert interval.low <= interval.high
    assume(fact.low < fact.high)
    assert claim.contains(fact) <= claim.overlaps(fact)


# --------------------------------------------------------------------------- speed


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 3 and 4 million visitors", 3_000_000, 4_000_000),
        ("3 to 4 million visitors", 3_000_000, 4_000_000),
        ("aged 20-25", 20, 25),
        ("a 300–500 km stretch", 300, 500),
        ("between $5 and $10 million", 5_000_000, 10_000_000),
    ],
)
def test_a_stated_range_is_one_figure(text: str, low: float, high: float) -> None:
    [found] = find_quantities(text)
    assert (found.value, found.high) == (low, high)
    assert claim_range(found) == fact_range(found) == Interval(low, high)


@pytest.mark.parametrize(
    "text", ["rose from 10 to 12 members", "won 4-3", "scores 3-1", "the 2019-20 season"]
)
def test_a_change_or_a_score_is_no_range(text: str) -> None:
    assert all(q.high is None for q in find_quantities(text))


def test_a_fact_file_range_reads_as_one_value() -> None:
    found = parse_quantity("$5–10 million", kind="money")
    assert found is not None and (found.value, found.high) == (5_000_000, 10_000_000)
    assert parse_quantity("500–300", kind="count") is None  # the low end must come first


@pytest.mark.parametrize(
    ("value", "expected"), [("yes", True), ("No", False), ("true", True), ("FALSE", False)]
)
def test_a_flag_reads_yes_or_no(value: str, expected: bool) -> None:
    flag = AttributeRecord("mixed-gender", "mixed gender", ValueKind.FLAG)
    assert read_value(flag, value) is expected


@pytest.mark.parametrize("value", ["maybe", "", 1])
def test_a_flag_refuses_anything_else(value: str | int) -> None:
    flag = AttributeRecord("mixed-gender", "mixed gender", ValueKind.FLAG)
    with pytest.raises(ValueError, match='a flag value is "yes" or "no"'):
        read_value(flag, value)
