"""Every part of a claim accounted for: parts, words that change meaning, time, units, text.

The claims are about the people-and-places and companies-and-products catalogs in
tests/catalogs/, which were written by people who did not read the engine.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.catalog_sets import verifier
from verifier.core.result import Verdict

S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNKNOWN
AS_OF = date(2025, 6, 1)


def people(claim: str, as_of: date = AS_OF) -> Verdict:
    """Return the verdict on CLAIM against the people-and-places catalog."""
    return verifier("people-places").check(claim, as_of=as_of).verdict


def companies(claim: str, as_of: date = AS_OF) -> Verdict:
    """Return the verdict on CLAIM against the companies-and-products catalog."""
    return verifier("companies-products").check(claim, as_of=as_of).verdict


PARTS = [
    # Every part supported; one part contradicted; one part nothing decides.
    ("Marie Curie was born in Warsaw and died in 1934.", S),
    ("Marie Curie was born in Warsaw, and Pierre Curie was born in Warsaw.", C),
    ("Marie Curie was born in Warsaw, and Pierre Curie was born in Lyon.", U),  # Lyon?
    ("Marie Curie was born in Warsaw, and she loved the violin.", U),
    # A contrast joins two claims like "and" does.
    ("Marie Curie was born in Warsaw, while Pierre Curie was born in Paris.", S),
    ("Marie Curie was born in Warsaw, but Pierre Curie was born in Warsaw.", C),
    # Items named together are each checked against the list, "the" or not.
    ("Marie Curie won the Nobel Prize in Physics and the Nobel Prize in Chemistry.", S),
    ("Marie Curie won the Nobel Prize in Physics and the Nobel Peace Prize.", C),
    ("Pierre Curie won the Nobel Prize in Physics and the Nobel Prize in Chemistry.", C),
    ("Marie Curie, who was born in Warsaw, died in 1934.", S),
    ("Marie Curie, who was born in Kraków, died in 1934.", C),
    # A name the store does not know may be what the claim is about.
    ("Marie Curie and her colleague Henri Becquerel were born in Warsaw.", U),
    # "X's rival" is someone else; "X's husband" the store knows.
    ("Frida Kahlo's rival was born in Guanajuato.", U),
    ("Frida Kahlo's husband was born in Guanajuato.", S),
    ("Frida Kahlo's husband was born in Paris.", C),
    ("The capital of Kenya is Nairobi.", S),
    ("Kraków is the capital of Poland.", C),
]

MARKERS = [
    # "only": against a complete list, or against another entity with the same value.
    ("The Nobel Prize in Physics was the only Nobel Prize Marie Curie won.", C),
    ("Pierre Curie's only Nobel Prize was the Nobel Prize in Physics.", S),
    ("Marie Curie was the only scientist to win the Nobel Prize in Physics in 1903.", C),
    # Possibility, universals, comparison: the store cannot decide them.
    ("Marie Curie could have been born in Warsaw.", U),
    ("All of Marie Curie's children were born in Paris.", U),
    ("Mont Blanc is taller than the Matterhorn.", U),
    # Ranks are decided only by the source's own words, in the same order.
    ("Mont Blanc is the highest peak in the Alps.", S),
    ("Wangari Maathai was the first woman to win the Nobel Peace Prize.", U),
    ("Wangari Maathai was the first African woman to receive the Nobel Peace Prize.", S),
    # "will": a scheduled event is decided, a prediction is not.
    ("The second round of the Paris election will be held on 22 March 2026.", S),
    ("Paris will have 2.5 million inhabitants.", U),
    # A cause or a purpose is nothing the store decides; the rest of the claim still is.
    ("Marie Curie moved to Paris because she wanted to study.", U),
    ("Marie Curie's death caused grief in Paris.", U),
    ("Because she wanted to study, Marie Curie was born in Kraków.", C),
]

TIME = [
    # Seasons, centuries, decades, ranges, years ago.
    ("Frida Kahlo died in the summer of 1954.", S),
    ("Frida Kahlo died in the winter of 1954.", C),
    ("Marie Curie was born in the 19th century.", S),
    ("Marie Curie was born in the late 1860s.", S),
    ("Marie Curie was born between 1860 and 1870.", S),
    ("Marie Curie was born more than 150 years ago.", S),
    ("Marie Curie was born over a century ago.", S),
    ("Marie Curie was born over three centuries ago.", C),
    # A stretch of time must hold throughout.
    ("Sadiq Khan has been mayor of London since 2016.", S),
    ("Sadiq Khan has been mayor of London since 2010.", C),
    ("Bertrand Delanoë was mayor of Paris from 2001 to 2014.", S),
    # No fact for part of the time: the store cannot contradict it.
    ("Claudia Sheinbaum was mayor of Mexico City in 2024.", U),
    # A count stated with an event is checked at the event's date.
    ("When Marie Curie won the Nobel Prize in Physics in 1903, she had two children.", C),
    ("When Marie Curie won the Nobel Prize in Physics in 1903, she had one child.", S),
    # A lifespan in parentheses is checked against the entity's start and end.
    ("Diego Rivera (1886–1957) was a muralist.", S),
    ("Diego Rivera (1886–1960) was a muralist.", C),
]

VALUES = [
    # Units convert; a claim at its own precision.
    ("Mount Everest is 29,032 feet high.", U),  # 8,848.95 m: neither side's digits settle it
    ("Mount Everest is about 29,000 feet high.", S),
    ("Mount Everest is about 20,000 feet high.", C),
    ("The Vistula is about 650 miles long.", S),
    ("The Vistula is 651 miles long.", U),  # 1,047.7 km against 1,047: digits unsettled
    ("Usain Bolt's 100 m world record is 9.58 seconds.", S),
    # Text values: the same text or one of its items; another for a single value.
    ("Marie Curie was a chemist.", S),
    ("Poland's currency is the zloty.", S),
    ("France's currency in 1999 was the euro.", C),
]

MONEY_AND_UNITS = [
    ("The Pulse 7 has 256 MB of storage.", C),
    ("The Slate 14 has a 36 cm screen.", S),
    ("The Pulse 7 has a 4.7 Ah battery.", S),
]


TABLES = {"parts": PARTS, "markers": MARKERS, "time": TIME, "values": VALUES}


@pytest.mark.parametrize(
    ("claim", "expected"),
    [case for table in TABLES.values() for case in table],
    ids=[f"{name}: {claim}" for name, table in TABLES.items() for claim, _ in table],
)
def test_every_part_is_accounted_for(claim: str, expected: Verdict) -> None:
    assert people(claim) is expected


@pytest.mark.parametrize(("claim", "expected"), MONEY_AND_UNITS)
def test_units_in_another_domain(claim: str, expected: Verdict) -> None:
    assert companies(claim) is expected


def test_parts_are_listed_with_their_own_verdicts() -> None:
    claim = "Marie Curie was born in Warsaw, and Pierre Curie was born in Warsaw."
    result = verifier("people-places").check(claim, as_of=AS_OF)
    assert [(p.text, p.verdict) for p in result.parts] == [
        ("Marie Curie was born in Warsaw", S),
        ("and Pierre Curie was born in Warsaw", C),
    ]
    for part in result.parts:
        assert claim[part.start : part.end] == part.text and part.citations
    assert result.explanation == "The claim says Warsaw; the source says Paris."


def test_an_unknown_part_is_named_in_the_explanation() -> None:
    result = verifier("people-places").check(
        "Marie Curie was born in Warsaw, and she loved the violin.", as_of=AS_OF
    )
    assert result.verdict is U
    assert "nothing in the store decides “loved the violin”" in result.explanation
    assert {s.text for s in result.spans if s.role == "unaccounted"} == {"loved", "violin"}


def test_only_names_the_other_entity() -> None:
    result = verifier("people-places").check(
        "Marie Curie was the only scientist to win the Nobel Prize in Physics in 1903.",
        as_of=AS_OF,
    )
    assert "Pierre Curie" in result.explanation
    assert any(c.fact_id.startswith("pierre-curie-") for c in result.citations)


def test_a_span_counted_back_names_its_day() -> None:
    result = verifier("people-places").check(
        "Marie Curie was born over a century ago.", as_of=AS_OF
    )
    assert result.explanation == (
        "The claim says over a century ago (before 1 June 1925); the source says 7 November 1867."
    )


def test_items_of_one_list_are_named_together() -> None:
    result = verifier("people-places").check(
        "Marie Curie won the Nobel Prize in Physics and the Nobel Prize in Chemistry.", as_of=AS_OF
    )
    assert result.explanation == (
        "The source names Nobel Prize in Physics and Nobel Prize in Chemistry"
        " in the “Nobel Prizes” list for Marie Curie."
    )
