"""The claim engine, one table per phenomenon: claim, facts, expected verdict."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine_catalog import CATALOG
from verifier.core.engine import Verifier
from verifier.core.result import Verdict

AS_OF = date(2024, 6, 1)
S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNKNOWN


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    """Return a verifier over the test catalog."""
    return Verifier(CATALOG)


def verdict_of(verifier: Verifier, claim: str, as_of: date = AS_OF) -> Verdict:
    """Return the verdict for CLAIM."""
    return verifier.check(claim, as_of=as_of).verdict


COUNTS = [
    ("The Northern Rail Union has 5 member states.", S),
    ("The Northern Rail Union has five member states.", S),
    ("The NRU has twelve member states.", C),
    ("The NRU has more than 3 members.", S),
    ("The NRU has fewer than 4 member countries.", C),
    ("The NRU has at least 5 members.", S),
    ("The NRU has at most 4 members.", C),
    ("The NRU has about 5 members.", S),
    ("The NRU has 5 billion member states.", C),
    ("The NRU has 5 observers.", U),  # no count of observers in the store
]

NUMBER_FORMS = [
    ("The NRU carries more than a fifth of world rail freight.", S),
    ("The NRU carries about 23% of world rail freight.", S),
    ("The NRU carries more than 30 percent of world rail freight.", C),
    ("The NRU carries 23% of world rail freight.", U),
    ("The NRU carries roughly half of global rail freight.", C),
    ("The NRU carries less than a quarter of world rail freight.", S),
    ("The NRU's annual budget is about €25 million.", S),
    ("The NRU's annual budget is €24.6 billion.", C),
    ("The NRU's annual budget is around €40 million.", C),
    ("The NRU's rail network has 41,500 km of track.", S),
    ("The NRU's rail network has about 40,000 km of track.", S),
    ("The NRU's rail network has 20,000 km of track.", C),
]

DATES = [
    ("The Northern Rail Union was founded in 1999.", S),
    ("The Northern Rail Union was founded in March 1999.", S),
    ("The Northern Rail Union was founded on 3 March 1999.", S),
    ("The Northern Rail Union was founded on March 3, 1999.", S),
    ("The Northern Rail Union was founded in July 1999.", C),
    ("The Northern Rail Union was founded in 2003.", C),
    ("The Northern Rail Union was founded in the 1990s.", S),
    ("The Northern Rail Union was founded before 2000.", S),
    ("The Northern Rail Union was founded after 2005.", C),
    ("Finland joined the NRU in 2012.", S),
    ("Finland joined the NRU in 2010.", C),
    ("Iceland joined the NRU in June 2021.", S),
    ("Iceland joined the NRU in 2021.", S),
    ("Finland and Iceland joined the NRU in 2012.", C),
]

TIME = [
    ("In 2015 the NRU had four member states.", S, AS_OF),
    ("In 2015 the NRU had five member states.", C, AS_OF),
    ("As of 2005, the NRU had 3 members.", S, AS_OF),
    ("When it was founded, the NRU had 3 member states.", S, AS_OF),
    ("The NRU has 4 member states.", S, date(2015, 1, 1)),
    ("The NRU has 4 member states.", C, date(2024, 1, 1)),
    ("The NRU has 5 member states.", U, date(1990, 1, 1)),  # no fact for that time
    ("The NRU had 3 member states.", S, AS_OF),  # true at some time before today
]

NEGATION = [
    ("The NRU does not have 5 member states.", C),
    ("The NRU doesn't have twelve member states.", S),
    ("The Northern Rail Union was not founded in 2003.", S),
    ("The Northern Rail Union was never founded in 1999.", C),
    ("The NRU does not have a secretariat in Oslo.", U),
]

LISTS = [
    ("Sweden is a member of the NRU.", S),
    ("Estonia is a full member of the NRU.", C),  # the member list is complete
    ("Estonia is an observer of the NRU.", S),
    ("Iceland is an observer of the NRU.", U),  # the observer list is not complete
    ("Norway is a member state of the Northern Rail Union.", S),
    ("Latvia is an observer of the NRU.", S),  # a later partial list adds to the first
    ("Norway is one of the NRU's member states.", S),
    ("Sweden has been a member of the NRU since 2021.", S),
    ("Estonia is one of the NRU's member states.", C),
    ("Sweden, as well as observer Estonia, attended.", U),  # Sweden is not called an observer
]

PLACES = [
    ("Rail Expo 2023 takes place in Bergen.", S),
    ("Rail Expo 2023 takes place in Norway.", S),  # Bergen lies in Norway
    ("Rail Expo 2023 takes place in Oslo.", C),
    ("Rail Expo 2023 was chaired by Ada Lind.", S),
    ("The 2023 expo takes place in Bergen.", S),  # "the 2023 expo": the expo dated 2023
    ("The 2023 expo takes place in Oslo.", C),
    ("The 2019 expo takes place in Bergen.", U),  # no expo is dated 2019
    ("Rail Expo 2023 was chaired by Bo Strand.", C),
    ("The Northern Rail Union was founded in Oslo.", S),
    ("The Northern Rail Union was founded in Bergen.", C),
]

SOURCES_DISAGREE = [
    ("The great rail strike took place in 1987.", S, True),  # the reference work decides
    ("The great rail strike took place in 1988.", C, True),
    ("Rail Expo 2023 took place in September 2023.", U, True),  # two news sources disagree
    ("The Northern Rail Union was founded in 1999.", S, False),
]

TYPOS_AND_WEAK = [
    ("The Nothern Rail Unoin has 5 member states.", S),
    ("The Northern Rail Org. has 5 member states.", S),
    ("The Southern Road Union has 5 member states.", U),
    ("The NRU has a secretariat in Oslo.", U),
    ("The weather in Oslo was sunny.", U),
    ("The NRU's annual profit is €10 million.", U),
    ("The NRU has 5 member states and 3 billion passengers.", U),  # one figure unchecked
]


@pytest.mark.parametrize(("claim", "expected"), COUNTS)
def test_counts(verifier: Verifier, claim: str, expected: Verdict) -> None:
    assert verdict_of(verifier, claim) is expected


@pytest.mark.parametrize(("claim", "expected"), NUMBER_FORMS)
def test_number_words_fractions_scales_currencies(
    verifier: Verifier, claim: str, expected: Verdict
) -> None:
    assert verdict_of(verifier, claim) is expected


@pytest.mark.parametrize(("claim", "expected"), DATES)
def test_dates_with_precision(verifier: Verifier, claim: str, expected: Verdict) -> None:
    assert verdict_of(verifier, claim) is expected


@pytest.mark.parametrize(("claim", "expected", "as_of"), TIME)
def test_facts_that_change_over_time(
    verifier: Verifier, claim: str, expected: Verdict, as_of: date
) -> None:
    assert verdict_of(verifier, claim, as_of) is expected


@pytest.mark.parametrize(("claim", "expected"), NEGATION)
def test_negation(verifier: Verifier, claim: str, expected: Verdict) -> None:
    assert verdict_of(verifier, claim) is expected


@pytest.mark.parametrize(("claim", "expected"), LISTS)
def test_lists_and_membership(verifier: Verifier, claim: str, expected: Verdict) -> None:
    assert verdict_of(verifier, claim) is expected


@pytest.mark.parametrize(("claim", "expected"), PLACES)
def test_places_and_people(verifier: Verifier, claim: str, expected: Verdict) -> None:
    assert verdict_of(verifier, claim) is expected


@pytest.mark.parametrize(("claim", "expected", "disputed"), SOURCES_DISAGREE)
def test_disagreeing_sources(
    verifier: Verifier, claim: str, expected: Verdict, disputed: bool
) -> None:
    result = verifier.check(claim, as_of=AS_OF)
    assert (result.verdict, result.disputed) == (expected, disputed)
    if disputed:
        assert len({c.source.id for c in result.citations}) >= 2, "every side is cited"


@pytest.mark.parametrize(("claim", "expected"), TYPOS_AND_WEAK)
def test_typos_and_weak_matches(verifier: Verifier, claim: str, expected: Verdict) -> None:
    assert verdict_of(verifier, claim) is expected


def test_result_explains_cites_and_suggests(verifier: Verifier) -> None:
    result = verifier.check("The NRU has twelve member states.", as_of=AS_OF)
    assert result.explanation == "The claim says 12 member states; the source says 5 (since 2021)."
    assert result.suggestion == "The NRU has 5 member states."
    [citation] = result.citations
    assert citation.fact_id == "count-2021"
    assert citation.quote == "quote for count-2021"
    assert citation.source.title == "The Rail Gazette"
    assert 0 < result.confidence <= 1
    spans = {(s.role, s.text) for s in result.spans}
    assert {("entity", "NRU"), ("value", "twelve"), ("attribute", "member states")} <= spans
    for span in result.spans:
        assert result.claim[span.start : span.end] == span.text


def test_date_suggestion_keeps_the_claims_style(verifier: Verifier) -> None:
    result = verifier.check("The Northern Rail Union was founded on March 5, 1999.", as_of=AS_OF)
    assert result.suggestion == "The Northern Rail Union was founded on March 3, 1999."


def test_unknown_shows_related_facts(verifier: Verifier) -> None:
    result = verifier.check("The NRU has a secretariat in Oslo.", as_of=AS_OF)
    assert result.verdict is U and result.citations == []
    assert result.related and all(c.source.title for c in result.related)


def test_claims_splits_a_sentence_about_two_subjects(verifier: Verifier) -> None:
    text = "Finland and Iceland joined the NRU in 2012."
    results = verifier.claims(text, as_of=AS_OF)
    assert sorted((r.subjects[0], r.verdict) for r in results) == [("finland", S), ("iceland", C)]
    for result in results:
        assert text[result.start : result.end].endswith("2012")


def test_claims_takes_the_subject_from_context(verifier: Verifier) -> None:
    [result] = verifier.claims("It has 5 member states.", as_of=AS_OF, context=["nru"])
    assert result.verdict is S and result.subjects == ["nru"]


def test_the_engine_imports_neither_flask_nor_sqlmodel() -> None:
    import subprocess
    import sys

    code = (
        "import sys, verifier.core.engine; "
        "print(any(m.split('.')[0] in {'flask', 'sqlmodel'} for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=60, deadline=None)
@given(year=st.integers(min_value=1000, max_value=2100))
def test_founding_year_is_supported_only_for_its_own_year(year: int) -> None:
    verdict = Verifier(CATALOG).check(f"The NRU was founded in {year}.", as_of=AS_OF).verdict
    assert verdict is (S if year == 1999 else C)


@settings(max_examples=40, deadline=None)
@given(claim=st.sampled_from([c for c, v in COUNTS + DATES + LISTS + PLACES if v is not U]))
def test_negating_a_decided_claim_flips_it(claim: str) -> None:
    verifier = Verifier(CATALOG)
    plain = verifier.check(claim, as_of=AS_OF).verdict
    negated_claim = (
        claim.replace(" has ", " does not have ", 1)
        if " has " in claim
        else claim.replace(" is ", " is not ", 1)
        if " is " in claim
        else claim.replace(" was ", " was not ", 1)
        if " was " in claim
        else claim.replace(" joined ", " never joined ", 1)
        if " joined " in claim
        else claim.replace(" takes ", " never takes ", 1)
    )
    assert negated_claim != claim
    assert verifier.check(negated_claim, as_of=AS_OF).verdict is plain.negated()


@settings(max_examples=60, deadline=None)
@given(count=st.sampled_from([3, 4, 5]), day=st.dates(date(1999, 3, 3), date(2030, 1, 1)))
def test_stating_the_facts_own_value_is_never_contradicted(count: int, day: date) -> None:
    verdict = Verifier(CATALOG).check(f"The NRU has {count} member states.", as_of=day).verdict
    holds = {
        3: day < date(2012, 1, 1),
        4: date(2012, 1, 1) <= day < date(2021, 1, 1),
        5: day >= date(2021, 1, 1),
    }[count]
    assert verdict is not C if holds else verdict is C


def test_the_engine_names_nothing_from_the_fact_store() -> None:
    """Keep the engine generic: no name from the seed data appears in its code.

    Countries are left out: currency codes ("U.S. dollars") are generic knowledge.
    """
    import re
    import tomllib

    from tests.conftest import FACTS, ROOT

    entities = tomllib.loads((FACTS / "entities.toml").read_text(encoding="utf-8"))["entity"]
    names = {
        n
        for e in entities
        if e["kind"] != "country"
        for n in (e["name"], *e.get("aliases", []))
        if len(n) >= 3
    }
    code = {
        p.name: p.read_text(encoding="utf-8") for p in (ROOT / "verifier" / "core").glob("*.py")
    }
    found = [
        (file, name)
        for file, text in code.items()
        for name in names
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    ]
    assert found == []
