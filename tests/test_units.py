"""Units (pint) and currencies (Babel) read after a figure, and compared after conversion."""

from __future__ import annotations

import pytest

from verifier.core.units import convert, currency_code, family, parse_unit, unit_after
from verifier.core.values import find_quantities, format_quantity, parse_quantity


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("ft", "foot"),
        ("feet", "foot"),
        ("metres", "meter"),
        ("km²", "kilometer ** 2"),
        ("km2", "kilometer ** 2"),
        ("square miles", "mile ** 2"),
        ("sq ft", "foot ** 2"),
        ("hectares", "hectare"),
        ("GB", "gigabyte"),
        ("TB", "terabyte"),
        ("MB", "megabyte"),
        ("GHz", "gigahertz"),
        ("mAh", "milliampere_hour"),
        ("km/h", "kilometer / hour"),
        ("mph", "mile_per_hour"),
        ("°C", "degree_Celsius"),
        ("degrees Fahrenheit", "degree_Fahrenheit"),
        ("kilos", "kilogram"),
        ("metric tons", "metric_ton"),
        ("decades", "decade_of_years"),
        ("Mbps", "megabit / second"),
    ],
)
def test_units_writers_use_are_read(text: str, unit: str) -> None:
    assert parse_unit(text) == unit


@pytest.mark.parametrize(
    "text",
    ["in", "at", "a", "has", "league", "points", "bars", "C", "mb", "tons", "members"],
)
def test_words_that_only_look_like_units_are_not(text: str) -> None:
    assert parse_unit(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("won 5 league titles", [("5", "count", None)]),
        ("10 in 2017", [("10", "count", None)]),
        ("The Slate 14 has a 36 cm screen", [("36 cm", "quantity", "centimeter")]),
        ("a 6.1-inch screen", [("6.1-inch", "quantity", "inch")]),
        ("5 ft 7 in tall", [("5 ft 7 in", "quantity", "foot")]),
        ("a 9.58-second run", [("9.58-second", "quantity", "second")]),
        ("256 MB of storage", [("256 MB", "quantity", "megabyte")]),
    ],
)
def test_figures_take_the_unit_that_follows(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert [(q.text, q.kind, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (5280, "foot", "meter", 1609.344),
        (1, "terabyte", "gigabyte", 1000),
        (4.7, "ampere_hour", "milliampere_hour", 4700),
        (100, "degree_Celsius", "degree_Fahrenheit", 212),
        (1, "mile ** 2", "kilometer ** 2", 2.589988),
    ],
)
def test_conversion(value: float, source: str, target: str, expected: float) -> None:
    converted = convert(value, source, target)
    assert converted == pytest.approx(expected, rel=1e-6)


def test_units_of_different_kinds_do_not_convert() -> None:
    assert convert(1, "gigabyte", "gigahertz") is None  # pint calls both of them countable
    assert convert(1, "meter", "kilogram") is None
    assert family("gigabyte") != family("gigahertz")


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        ("USD", {"USD"}),
        ("CHF", {"CHF"}),
        ("€", {"EUR"}),
        ("US$", {"USD"}),
        ("CN¥", {"CNY"}),
        ("₽", {"RUB"}),
        ("kronor", {"SEK"}),
        ("Swiss francs", {"CHF"}),
        ("dollars", {"USD"}),
        ("pounds sterling", {"GBP"}),
        ("yen", {"JPY"}),
        ("kr", {"SEK", "NOK", "DKK", "ISK"}),
        ("units", set()),
    ],
)
def test_currencies_by_code_symbol_and_name(written: str, codes: set[str]) -> None:
    assert currency_code(written) == codes


@pytest.mark.parametrize(
    ("text", "unit", "shown"),
    [
        ("CHF 300 million", "CHF", "CHF 300 million"),
        ("4.5 billion Swedish kronor", "SEK", "SEK 4.5 billion"),
        ("¥2.7 trillion", "JPY", "¥2.7 trillion"),
        ("5 million pounds", "GBP", "£5 million"),
        ("Rs 500 crore", "INR|LKR|NPR|PKR", "5 billion"),
    ],
)
def test_money_in_any_currency(text: str, unit: str, shown: str) -> None:
    [money] = find_quantities(text)
    assert (money.kind, money.unit, format_quantity(money)) == ("money", unit, shown)


def test_pounds_after_a_bare_figure_weigh() -> None:
    [weight] = find_quantities("he weighed 200 pounds")
    assert (weight.kind, weight.unit) == ("quantity", "pound")


def test_fact_values_take_any_unit() -> None:
    everest = parse_quantity("8,849 m", kind="quantity")
    assert everest is not None and (everest.value, everest.unit) == (8849, "meter")
    assert parse_quantity("CHF 300 million", kind="money") is not None
    assert unit_after(" km of track", 0) is not None


def test_a_spaced_k_is_kelvin_and_a_joined_one_thousands() -> None:
    assert [(q.unit, q.value) for q in find_quantities("hafnium melts at 2,506 K")] == [
        ("kelvin", 2506)
    ]
    assert [(q.kind, q.value) for q in find_quantities("a 10K race")] == [("count", 10000)]
