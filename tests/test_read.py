"""Reading a claim: its parts, the words that change its meaning, names, tense."""

from __future__ import annotations

from datetime import date

import pytest

from tests.engine_catalog import CATALOG
from verifier.core.english import Marker
from verifier.core.index import Index
from verifier.core.read import Reading, Role, read_claim

AS_OF = date(2024, 6, 1)


@pytest.fixture(scope="module")
def index() -> Index:
    """Return an index over the test catalog."""
    return Index(CATALOG)


def read(index: Index, text: str) -> Reading:
    """Read TEXT as of the tests' reference date."""
    return read_claim(text, index, as_of=AS_OF)


def parts(index: Index, text: str) -> list[tuple[str, str]]:
    """Return each part's role and its words, asides left out."""
    reading = read(index, text)
    return [
        (
            str(part.role),
            " ".join(t.norm for i, t in enumerate(reading.tokens) if part.holds(i)),
        )
        for part in reading.parts
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The NRU has 5 member states.", [("main", "the nru has 5 member states")]),
        (
            "The NRU was founded in 1999, and it has 5 member states.",
            [("main", "the nru was founded in 1999"), ("main", "and it has 5 member states")],
        ),
        (
            "The NRU was founded in 1999 and has 5 member states.",
            [("main", "the nru was founded in 1999"), ("conjunct", "and has 5 member states")],
        ),
        (
            "The NRU, which has 5 member states, was founded in 1999.",
            [("main", "the nru was founded in 1999"), ("relative", "which has 5 member states")],
        ),
        (
            "Iceland joined in 2021, raising the number of members to 5.",
            [
                ("main", "iceland joined in 2021"),
                ("participle", "raising the number of members to 5"),
            ],
        ),
        (
            "The NRU, founded in 1998, has 5 members.",
            [("main", "the nru has 5 members"), ("relative", "founded in 1998")],
        ),
        (
            "The NRU grew because Finland joined.",
            [("main", "the nru grew"), ("cause", "because finland joined")],
        ),
        (
            "The NRU was founded to link northern railways.",
            [("main", "the nru was founded"), ("purpose", "to link northern railways")],
        ),
        (
            "Finland was the only country to join in 2012.",
            [("main", "finland was the only country to join in 2012")],
        ),
        (
            "Ada Lind (1950–2020) chaired the expo.",
            [("main", "ada lind chaired the expo"), ("lifespan", "1950 2020")],
        ),
        (
            "When Finland joined in 2012, the NRU had 4 members.",
            [("time", "when finland joined in 2012"), ("main", "the nru had 4 members")],
        ),
    ],
)
def test_a_claim_is_read_as_parts(index: Index, text: str, expected: list[tuple[str, str]]) -> None:
    assert parts(index, text) == expected


def test_a_dependent_part_knows_the_clause_it_hangs_on(index: Index) -> None:
    reading = read(index, "The NRU, which has 5 member states, was founded in 1999.")
    main, relative = reading.parts
    assert relative.role is Role.RELATIVE and relative.parent == main.index
    assert main.holes == ((relative.first, relative.last),)


@pytest.mark.parametrize(
    ("text", "kind", "word"),
    [
        ("Finland is the only member of the NRU.", Marker.EXCLUSIVE, "only"),
        ("All members joined in 2012.", Marker.UNIVERSAL, "all"),
        ("The NRU is the largest rail union.", Marker.RANK, "largest"),
        ("The NRU could soon have 6 members.", Marker.MODAL, "could"),
        ("The NRU plans to admit Estonia.", Marker.MODAL, "plans"),
        ("The NRU will have 6 members.", Marker.FUTURE, "will"),
        ("The expo is expected to open in Bergen.", Marker.FUTURE, "expected"),
        ("The NRU's membership rose to 5.", Marker.CHANGE, "rose"),
        ("Finland's accession took the NRU to four members.", Marker.CHANGE, "took"),
        ("The NRU has more members than the league.", Marker.COMPARISON, "more"),
        ("Iceland joined after Finland did.", Marker.TIME_RELATION, "after"),
    ],
)
def test_words_that_change_meaning_are_found(
    index: Index, text: str, kind: Marker, word: str
) -> None:
    assert (kind, word) in {(m.kind, m.word) for m in read(index, text).markers}


@pytest.mark.parametrize(
    "text",
    [
        "The NRU has more than 3 members.",  # a qualifier of the figure, read with it
        "The treaty on reducing freight tolls was signed in 1999.",  # a noun, no change
        "The expo falls on 12 September 2023.",  # it happens then
        "Iceland took part in the expo.",  # no "to": no change
        "The expo will be held in Bergen in May.",
    ],
)
def test_words_that_only_look_like_markers_are_not(index: Index, text: str) -> None:
    kinds = {m.kind for m in read(index, text).markers}
    assert Marker.CHANGE not in kinds and Marker.COMPARISON not in kinds


def test_up_to_after_a_change_is_the_new_value(index: Index) -> None:
    [quantity] = read(index, "Iceland's accession pushed the NRU up to five members.").quantities
    assert quantity.text == "five" and quantity.qualifier.value == "exact"


def test_names_the_store_does_not_know_are_found(index: Index) -> None:
    reading = read(index, "The NRU's rival, the Southern Freight League, has 12 members.")
    assert [n.text for n in reading.names] == ["Southern Freight League"]
    opening = read(index, "Founded in 1999, the NRU has 5 members.")
    assert opening.names == []  # a capital that only opens the sentence names nothing
    assert [n.text for n in read(index, "Marek joined the NRU.").names] == ["Marek"]


def test_a_figure_inside_a_name_is_not_a_value(index: Index) -> None:
    reading = read(index, "Rail Expo 2023 takes place in Bergen.")
    assert reading.quantities == []


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The NRU has 5 members.", "present"),
        ("The NRU had 3 members.", "past"),
        ("Finland's accession took the NRU to four members.", "past"),
        ("Founded in 1999, the NRU now has 5 members.", "present"),
        ("The NRU's member count: 5.", "unmarked"),
    ],
)
def test_tense(index: Index, text: str, tense: str) -> None:
    reading = read(index, text)
    assert reading.tense(reading.parts[0]) == tense
