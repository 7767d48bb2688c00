"""Tests for reading dates: whole values, dates in running text, relative dates, ranges."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.core.dates import (
    DateMention,
    PartialDate,
    compare_dates,
    date_spans,
    find_dates,
    parse_date,
)

REF_000 = date(2025, 8, 25)  # article 000's publication date (shared/sources/reference-notes.md)
REF_004 = date(2025, 8, 28)  # article 004's


# The event nouns a store's vocabulary would list (facts/vocabulary.toml).
EVENT_NOUNS = frozenset({"summit", "summits", "elections", "expo"})


def found(text: str, reference: date | None = None) -> list[tuple[str, str]]:
    """Return (iso, text) for every date in TEXT."""
    dates = find_dates(text, reference=reference, event_nouns=EVENT_NOUNS)
    return [(m.date.iso, m.text) for m in dates]


def test_a_year_before_an_event_noun_needs_the_vocabulary() -> None:
    text = "Belarus joined the SCO at 2024 Astana Summit."
    assert find_dates(text) == []
    assert [d.text for d in find_dates(text, event_nouns=frozenset({"summit"}))] == ["2024"]


# --------------------------------------------------------------------------- PartialDate


@pytest.mark.parametrize(
    ("value", "precision", "start", "end", "iso", "label"),
    [
        (PartialDate(2001, 6, 15), "day", date(2001, 6, 15), date(2001, 6, 15), "2001-06-15",
         "15 June 2001"),
        (PartialDate(2001, 6), "month", date(2001, 6, 1), date(2001, 6, 30), "2001-06",
         "June 2001"),
        (PartialDate(2001), "year", date(2001, 1, 1), date(2001, 12, 31), "2001", "2001"),
        (PartialDate(1990, decade=True), "decade", date(1990, 1, 1), date(1999, 12, 31), "1990s",
         "the 1990s"),
        (PartialDate(2000, 2), "month", date(2000, 2, 1), date(2000, 2, 29), "2000-02",
         "February 2000"),
        (PartialDate(1900, 2), "month", date(1900, 2, 1), date(1900, 2, 28), "1900-02",
         "February 1900"),
        (PartialDate(2024, 12, 31), "day", date(2024, 12, 31), date(2024, 12, 31), "2024-12-31",
         "31 December 2024"),
        (PartialDate(987), "year", date(987, 1, 1), date(987, 12, 31), "0987", "987"),
    ],
)  # fmt: skip
def test_partial_date_properties(
    value: PartialDate, precision: str, start: date, end: date, iso: str, label: str
) -> None:
    assert value.precision == precision
    assert value.start == start
    assert value.end == end
    assert value.iso == iso
    assert value.label == label


@pytest.mark.parametrize(
    ("year", "month", "day", "decade"),
    [
        (0, None, None, False),
        (10000, None, None, False),
        (2001, 13, None, False),
        (2001, 0, None, False),
        (2001, 2, 29, False),
        (2001, 4, 31, False),
        (2001, None, 5, False),
        (1995, None, None, True),
        (1990, 5, None, True),
    ],
)
def test_partial_date_rejects_impossible_dates(
    year: int, month: int | None, day: int | None, decade: bool
) -> None:
    with pytest.raises(ValueError):
        PartialDate(year, month, day, decade)


def test_partial_date_is_frozen_and_slotted() -> None:
    value = PartialDate(2001)
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.year = 2002  # type: ignore[misc]
    assert not hasattr(value, "__dict__")


# --------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2001", "2001"),
        ("2001-06", "2001-06"),
        ("2001-06-15", "2001-06-15"),
        ("1990s", "1990s"),
        ("the 1990s", "1990s"),
        ("The 2020s", "2020s"),
        ("1990's", "1990s"),
        ("15 June 2001", "2001-06-15"),
        ("15th June 2001", "2001-06-15"),
        ("the 15th of June 2001", "2001-06-15"),
        ("June 15, 2001", "2001-06-15"),
        ("June 15 2001", "2001-06-15"),
        ("June 15th, 2001", "2001-06-15"),
        ("Jun 15, 2001", "2001-06-15"),
        ("Sept. 11, 2001", "2001-09-11"),
        ("June 2001", "2001-06"),
        ("June, 2001", "2001-06"),
        ("June of 2001", "2001-06"),
        ("  2001\n", "2001"),
        ("2000-02-29", "2000-02-29"),
        ("0987", "0987"),
        # Not one date.
        ("", None),
        ("June", None),
        ("15 June", None),
        ("in 2001", None),
        ("on June 15, 2001", None),
        ("2001-13", None),
        ("2001-02-29", None),
        ("June 31, 2001", None),
        ("2001-6-15", None),
        ("20011", None),
        ("0000", None),
        ("1995s", None),
        ("10 member states", None),
        ("$24.6 trillion", None),
        ("2001 and 2002", None),
        ("may 2001", None),
        ("yesterday", None),
        ("abc", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    parsed = parse_date(text)
    assert (parsed.iso if parsed else None) == iso


# --------------------------------------------------------------------------- find_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The SCO was founded on June 15, 2001.", [("2001-06-15", "June 15, 2001")]),
        ("It was founded on 15 June 2001 in Shanghai.", [("2001-06-15", "15 June 2001")]),
        ("It was founded in June 2001.", [("2001-06", "June 2001")]),
        ("At the July 2015 Ufa Summit in Russia", [("2015-07", "July 2015")]),
        ("The SCO was founded in 2001.", [("2001", "2001")]),
        ("annual summits were held in Almaty (1998), Bishkek (1999), and Dushanbe (2000).",
         [("1998", "1998"), ("1999", "1999"), ("2000", "2000")]),
        ("At the 2017 Astana Summit in Kazakhstan, both officially joined.", [("2017", "2017")]),
        ("Belarus joined the SCO at 2024 Astana Summit.", [("2024", "2024")]),
        ("the 2022 Samarkand summit", [("2022", "2022")]),
        ("inactive since September 2021), remain observers", [("2021-09", "September 2021")]),
        ("the consumer boom of the 2020s", [("2020s", "2020s")]),
        ("in the 1990s and early 2000s", [("1990s", "1990s"), ("2000s", "early 2000s")]),
        ("By 2007 the SCO had launched more than 20 joint projects.", [("2007", "2007")]),
        # A range of years is one span; its date is its first year, its text the whole.
        ("from 2001 to 2005", [("2001", "from 2001 to 2005")]),
        ("between 1998 and 2000", [("1998", "between 1998 and 2000")]),
        ("in 2014 and 2022", [("2014", "2014"), ("2022", "2022")]),
        ("during 1996-1997", [("1996", "1996-1997")]),
        ("in mid-2001", [("2001", "mid-2001")]),
        ("published 2001-06-15 by the ministry", [("2001-06-15", "2001-06-15")]),
        ("In 2002, the six leaders signed the Charter on July 7, defining its goals.",
         [("2002", "2002"), ("2002-07-07", "July 7")]),
        ("Founded in June 2001, it met on the 15th.",
         [("2001-06", "June 2001"), ("2001-06-15", "the 15th")]),
        # A day the month of its sentence lacks is no date at all.
        ("Since September 2021, it met on the 31st.", [("2021-09", "September 2021")]),
        ("as of 2019", [("2019", "2019")]),
        ("the 2030 Agenda", [("2030", "2030")]),
        # Not dates.
        ("The SCO has 10 member states.", []),
        ("The combined GDP is about $24.6 trillion.", []),
        ("The 25th Meeting of the SCO Council of Heads of State", []),
        ("on the 25th anniversary of the treaty", []),
        ("raising the number of member states to 10.", []),
        ("Boeing 737 jets and 2000 soldiers", []),
        ("the 2000 delegates arrived", []),
        ("a total of 1500 troops", []),
        ("COVID-2019 and Agenda 2030", []),
        ("We may 2001 times", []),
        ("it cost $2001 in 1999", [("1999", "1999")]),
        ("a figure of 2,001 votes and 2001.5 points", []),
        ("Prime Minister May said", []),
        ("The summit is on the 31st.", []),  # relative: needs a reference
        ("It will be held this year.", []),
        ("in April this year", []),
        ("until early May", []),
        ("on July 7", []),
        ("year 3000 and 999 and 2101", []),
    ],
)  # fmt: skip
def test_find_dates_without_reference(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("will be held this year in Tianjin", REF_000, [("2025", "this year")]),
        ("as it did last year", REF_000, [("2024", "last year")]),
        ("and again next year", REF_000, [("2026", "next year")]),
        ("earlier this month", REF_004, [("2025-08", "this month")]),
        ("since last month", date(2025, 1, 10), [("2024-12", "last month")]),
        ("starting on the 31st.", REF_004, [("2025-08-31", "the 31st")]),
        ("On the 27th (local time), Foreign Policy reported", REF_004,
         [("2025-08-27", "the 27th")]),
        ("On the 8th of this month, the dispute", REF_004,
         [("2025-08-08", "the 8th of this month")]),
        ("on the 3rd of last month", REF_004, [("2025-07-03", "the 3rd of last month")]),
        ("conflict in April this year, nearly", REF_004, [("2025-04", "April this year")]),
        ("in April last year", REF_004, [("2024-04", "April last year")]),
        ("Military clashes continued until early May, but", REF_004, [("2025-05", "early May")]),
        ("during the June SCO defense ministers' meeting", REF_004, [("2025-06", "June")]),
        ("last June", REF_004, [("2025-06", "last June")]),
        ("last October", REF_004, [("2024-10", "last October")]),
        ("next March", REF_004, [("2026-03", "next March")]),
        ("this December", REF_004, [("2025-12", "this December")]),
        ("on June 28 in Osaka", REF_004, [("2025-06-28", "June 28")]),
        ("today", REF_004, [("2025-08-28", "today")]),
        ("Yesterday, leaders met", date(2025, 3, 1), [("2025-02-28", "Yesterday")]),
        ("until tomorrow", date(2024, 12, 31), [("2025-01-01", "tomorrow")]),
        # The sentence's own year wins over the reference.
        ("In 2002 the Charter was signed on July 7.", REF_000,
         [("2002", "2002"), ("2002-07-07", "July 7")]),
        ("In 2002 leaders met. On July 7 they signed.", REF_000,
         [("2002", "2002"), ("2025-07-07", "July 7")]),
        ("In St. Petersburg in 2002 they signed it on July 7.", REF_000,
         [("2002", "2002"), ("2002-07-07", "July 7")]),
        # A day the reference month does not have.
        ("on the 31st.", date(2025, 9, 10), []),
        # Absolute dates are unaffected by a reference.
        ("on June 15, 2001", REF_004, [("2001-06-15", "June 15, 2001")]),
        ("The 25th SCO summit", REF_004, []),
    ],
)  # fmt: skip
def test_find_dates_with_reference(
    text: str, reference: date, expected: list[tuple[str, str]]
) -> None:
    assert found(text, reference) == expected


def test_relative_flag_and_preposition() -> None:
    text = "Inactive since 2021, it met on the 31st and in 2001, as of 2019."
    mentions = find_dates(text, reference=REF_004)
    assert [(m.text, m.preposition, m.relative) for m in mentions] == [
        ("2021", "since", False),
        ("the 31st", "on", True),
        ("2001", "in", False),
        ("2019", "as of", False),
    ]
    assert find_dates("At the 2017 Astana Summit")[0].preposition == "at"
    assert find_dates("(1998)")[0].preposition is None


def test_source_000_dates_resolve_against_its_publication_date() -> None:
    text = (
        "The 25th Meeting of the SCO Council of Heads of State will be held this year in "
        "Tianjin, China.\nThe organization was first founded through the Treaty on Deepening "
        "Military Trust in Border Regions, signed in Shanghai on April 26, 1996, by Russia."
    )
    assert found(text, REF_000) == [("2025", "this year"), ("1996-04-26", "April 26, 1996")]


@pytest.mark.parametrize(
    "prefix", ["", "\r\n", "😀 ", "🇺🇳🇺🇳 ", "naïve café — ", "\u200b", "“Quote” ", "\t\r\n\r\n"]
)
def test_offsets_are_character_offsets(prefix: str) -> None:
    text = prefix + "Founded on June 15, 2001 and joined in 2017.\r\nIt met this year."
    mentions = find_dates(text, reference=REF_004)
    assert [m.text for m in mentions] == ["June 15, 2001", "2017", "this year"]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert mentions[0].start == len(prefix) + len("Founded on ")


def test_date_spans_include_unresolvable_dates() -> None:
    text = "Signed on July 7 and on the 31st, not in the 25th round; founded in 2001."
    spans = [text[s:e] for s, e in date_spans(text)]
    assert spans == ["July 7", "the 31st", "2001"]
    assert found(text) == [("2001", "2001")]


def test_mention_is_frozen() -> None:
    mention = find_dates("in 2001")[0]
    assert isinstance(mention, DateMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("claim", "fact", "expected"),
    [
        ("2001", "2001-06-15", "supported"),  # "founded in 2001" vs "June 15, 2001"
        ("2001-07", "2001-06-15", "contradicted"),  # "founded in July 2001"
        ("2001-06", "2001-06-15", "supported"),
        ("2001-06-15", "2001-06-15", "supported"),
        ("2001-06-15", "2001", "unknown"),
        ("2001-06-14", "2001-06-15", "contradicted"),
        ("2003", "2001-06-15", "contradicted"),
        ("2000s", "2001-06-15", "supported"),
        ("1990s", "2001", "contradicted"),
        ("2001", "2000s", "unknown"),
        ("2002", "2002-06-07", "supported"),
    ],
)
def test_compare_dates(claim: str, fact: str, expected: str) -> None:
    claim_date, fact_date = parse_date(claim), parse_date(fact)
    assert claim_date is not None and fact_date is not None
    assert compare_dates(claim_date, fact_date) == expected


# --------------------------------------------------------------------------- properties

partial_dates = st.one_of(
    st.dates(min_value=date(1000, 1, 1), max_value=date(2100, 12, 31)).map(
        lambda d: PartialDate(d.year, d.month, d.day)
    ),
    st.tuples(st.integers(1000, 2100), st.integers(1, 12)).map(lambda t: PartialDate(*t)),
    st.integers(1000, 2100).map(PartialDate),
    st.integers(100, 209).map(lambda y: PartialDate(y * 10, decade=True)),
)


@given(partial_dates)
def test_iso_and_label_round_trip(value: PartialDate) -> None:
    assert parse_date(value.iso) == value
    assert parse_date(value.label) == value
    assert value.start <= value.end
    assert value.contains(value) and value.overlaps(value)
    assert compare_dates(value, value) == "supported"


@given(partial_dates, st.sampled_from(["", "\r\n", "😀 ", "A note. "]))
def test_label_is_found_in_running_text(value: PartialDate, prefix: str) -> None:
    text = f"{prefix}It happened in {value.label}, they say."
    mentions = find_dates(text)
    assert [m.date for m in mentions] == [value]
    assert text[mentions[0].start : mentions[0].end] == mentions[0].text


@given(st.text(max_size=120), st.dates(min_value=date(1000, 1, 1)))
def test_find_dates_never_fails_and_offsets_slice_back(text: str, reference: date) -> None:
    for mention in find_dates(text, reference=reference):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start < mention.end


# --------------------------------------------------------------------------- spans of time


def spans(text: str, reference: date = date(2025, 8, 28)) -> list[tuple[str, str, str]]:
    """Return (text, support, outer) for every date in TEXT, spans as first/last days."""

    def show(ranges: tuple[tuple[date, date], ...]) -> str:
        return " | ".join(f"{a.isoformat()}..{b.isoformat()}" for a, b in ranges)

    return [
        (m.text, show(m.supports), show(m.outer))
        for m in find_dates(text, reference=reference, event_nouns=EVENT_NOUNS)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Seasons are meteorological months; "the winter of Y" may mean either winter.
        ("in summer 2023", [("summer 2023", "2023-06-01..2023-08-31", "2023-06-01..2023-08-31")]),
        (
            "in the winter of 2024",
            [(
                "the winter of 2024",
                "2024-01-01..2024-02-29 | 2024-12-01..2024-12-31",
                "2023-12-01..2024-02-29 | 2024-12-01..2025-02-28",
            )],
        ),
        (
            "winter 2023/24",
            [("winter 2023/24", "2023-12-01..2024-02-29", "2023-12-01..2024-02-29")],
        ),
        # Centuries are counted both ways: support the years both agree on.
        (
            "in the 19th century",
            [("the 19th century", "1801-01-01..1899-12-31", "1800-01-01..1900-12-31")],
        ),
        (
            "the early twentieth century",
            [("the early twentieth century", "1901-01-01..1933-12-31", "1900-01-01..1950-12-31")],
        ),
        ("in the 1800s", [("1800s", "1800-01-01..1899-12-31", "1800-01-01..1899-12-31")]),
        ("in the 2000s", [("2000s", "2000-01-01..2009-12-31", "2000-01-01..2099-12-31")]),
        # Early, mid and late: thirds to support, halves to contradict.
        ("in early 2024", [("early 2024", "2024-01-01..2024-04-30", "2024-01-01..2024-06-30")]),
        ("in mid-2024", [("mid-2024", "2024-05-01..2024-08-31", "2024-04-01..2024-09-30")]),
        ("the late 1990s", [("late 1990s", "1997-01-01..1999-12-31", "1995-01-01..1999-12-31")]),
        (
            "in late May 2024",
            [("late May 2024", "2024-05-22..2024-05-31", "2024-05-16..2024-05-31")],
        ),
        # Ranges of years.
        (
            "between 2001 and 2005",
            [("between 2001 and 2005", "2001-01-01..2005-12-31", "2001-01-01..2005-12-31")],
        ),
        ("the 1998-99 season", [("1998-99", "1998-01-01..1999-12-31", "1998-01-01..1999-12-31")]),
        # Counted back from the reference date.
        ("20 years ago", [("20 years ago", "2005-01-01..2005-12-31", "2005-01-01..2005-12-31")]),
        (
            "almost 25 years ago",
            [("almost 25 years ago", "2000-01-01..2000-12-31", "1999-01-01..2001-12-31")],
        ),
    ],
)  # fmt: skip
def test_spans_of_time(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert spans(text) == expected


def test_more_than_n_years_ago_is_before_that_day() -> None:
    [mention] = find_dates("over 70 years ago", reference=date(2025, 8, 28))
    assert (mention.relation, mention.date.iso, mention.label) == (
        "before",
        "1955-08-28",
        "over 70 years ago (before 28 August 1955)",
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The mill was built circa 1723.", "circa 1723"),
        ("It opened c. 1850 in Leeds.", "c. 1850"),
        ("It was founded in about 1850.", "about 1850"),
        ("It was founded in around 1850.", "around 1850"),
    ],
)
def test_a_year_said_roughly_is_approximate(text: str, said: str) -> None:
    [mention] = find_dates(text)
    year = mention.date.year
    assert (mention.text, mention.circa, mention.label) == (said, True, said)
    assert mention.supports == ((date(year - 2, 1, 1), date(year + 2, 12, 31)),)
    assert mention.outer == ((date(year - 10, 1, 1), date(year + 10, 12, 31)),)


@pytest.mark.parametrize(
    "text",
    ["The population is about 1850.", "About 1850 people live there.", "around 2000 delegates"],
)
def test_a_rough_figure_is_no_year(text: str) -> None:
    assert find_dates(text) == []


def test_a_circa_date_covers_the_years_around_it() -> None:
    circa = PartialDate(1850, circa=True)
    assert (circa.start, circa.end, circa.label) == (
        date(1840, 1, 1),
        date(1860, 12, 31),
        "c. 1850",
    )
    decade = PartialDate(1850, decade=True, circa=True)
    assert (decade.start, decade.end, decade.label) == (
        date(1840, 1, 1),
        date(1869, 12, 31),
        "c. 1850s",
    )
    with pytest.raises(ValueError, match="only a year or a decade"):
        PartialDate(1850, 3, circa=True)


def test_n_years_ago_names_its_year() -> None:
    [mention] = find_dates("25 years ago", reference=date(2020, 1, 1))
    assert mention.label == "25 years ago (1995)"
    # Read as an age is counted too, it does not contradict a day from 2 January 1994.
    assert mention.also == ((date(1994, 1, 2), date(1995, 12, 31)),)
    [leap] = find_dates("4 years ago", reference=date(2024, 2, 29))
    assert leap.also == ((date(2019, 3, 1), date(2020, 12, 31)),)
