"""Properties that hold for any claim: what the store cannot decide never makes it supported,
and a claim stating a fact's own value, in any unit or scale, is never contradicted."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.catalog_sets import verifier
from tests.engine_catalog import CATALOG, fact
from verifier.core.engine import Verifier
from verifier.core.model import Catalog
from verifier.core.result import Verdict
from verifier.core.units import convert

AS_OF = date(2024, 6, 1)
ENGINE = Verifier(CATALOG)

# Claims the test catalog supports, each with the verb a modal word goes before.
SUPPORTED = [
    ("The Northern Rail Union has 5 member states.", "has", "have"),
    ("The Northern Rail Union was founded in 1999.", "was", "have been"),
    ("Sweden is a member of the NRU.", "is", "be"),
    ("Rail Expo 2023 takes place in Bergen.", "takes", "take"),
    ("The NRU carries more than a fifth of world rail freight.", "carries", "carry"),
    ("Finland joined the NRU in 2012.", "joined", "have joined"),
]

# Clauses about things the store says nothing of, in many shapes.
UNDECIDABLE = st.sampled_from(
    [
        "and its trains are often late",
        "while critics call it slow",
        "but the weather was mild",
        "which pleased its chairman",
        "and Bo Strand praised the plan",
        "and the Southern Freight League has 12 members",
        "after the Harbour Accord was signed",
        "and it plans to add night trains",
    ]
)
MODALS = st.sampled_from(["could", "may", "might", "would", "should"])
CAUSES = st.sampled_from(
    ["because tolls were cut", "due to strong demand", "thanks to new funding"]
)


def verdict(claim: str) -> Verdict:
    """Return the verdict on CLAIM against the test catalog."""
    return ENGINE.check(claim, as_of=AS_OF).verdict


def test_the_claims_the_properties_start_from_are_supported() -> None:
    assert [verdict(claim) for claim, _, _ in SUPPORTED] == [Verdict.SUPPORTED] * len(SUPPORTED)


@settings(max_examples=60, deadline=None)
@given(claim=st.sampled_from(SUPPORTED), clause=UNDECIDABLE)
def test_a_clause_the_store_cannot_decide_never_leaves_a_claim_supported(
    claim: tuple[str, str, str], clause: str
) -> None:
    text = claim[0].rstrip(".") + ", " + clause + "."
    assert verdict(text) is not Verdict.SUPPORTED


@settings(max_examples=40, deadline=None)
@given(claim=st.sampled_from(SUPPORTED), modal=MODALS)
def test_a_possibility_is_never_supported(claim: tuple[str, str, str], modal: str) -> None:
    text, verb, base = claim
    changed = text.replace(f" {verb} ", f" {modal} {base} ", 1)
    assert changed != text
    assert verdict(changed) is not Verdict.SUPPORTED


@settings(max_examples=30, deadline=None)
@given(claim=st.sampled_from(SUPPORTED), cause=CAUSES)
def test_a_cause_is_never_supported(claim: tuple[str, str, str], cause: str) -> None:
    assert verdict(claim[0].rstrip(".") + " " + cause + ".") is not Verdict.SUPPORTED


@settings(max_examples=20, deadline=None)
@given(item=st.sampled_from(["Norway", "Sweden", "Denmark", "Finland", "Iceland"]))
def test_only_is_never_supported_against_a_list_that_names_others(item: str) -> None:
    # The member list is complete and names five countries.
    assert verdict(f"{item} is the only member state of the NRU.") is Verdict.CONTRADICTED
    assert verdict(f"Only {item} is a member of the NRU.") is Verdict.CONTRADICTED


# Lengths and areas stated in the people-and-places catalog, in their own units.
LENGTHS = [
    ("The Vistula is", "long", 1047.0, "kilometer"),
    ("Mount Everest is", "high", 8849.0, "meter"),
]
UNITS = {
    "kilometer": [("km", "kilometer"), ("kilometres", "kilometer"), ("miles", "mile"),
                  ("metres", "meter")],
    "meter": [("m", "meter"), ("metres", "meter"), ("feet", "foot"), ("ft", "foot"),
              ("km", "kilometer")],
}  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    which=st.sampled_from(LENGTHS),
    unit_index=st.integers(min_value=0, max_value=4),
    digits=st.integers(min_value=1, max_value=6),
    about=st.booleans(),
)
def test_a_claim_stating_the_facts_own_value_is_never_contradicted(
    which: tuple[str, str, float, str], unit_index: int, digits: int, about: bool
) -> None:
    opening, adjective, value, unit = which
    written, target = UNITS[unit][unit_index % len(UNITS[unit])]
    converted = convert(value, unit, target)
    assert converted is not None
    figure = f"{converted:,.{max(0, digits - len(str(int(converted))))}f}"
    claim = f"{opening} {'about ' if about else ''}{figure} {written} {adjective}."
    result = verifier("people-places").check(claim, as_of=AS_OF)
    assert result.verdict is not Verdict.CONTRADICTED, (claim, result.explanation)


@settings(max_examples=40, deadline=None)
@given(
    scale=st.sampled_from(
        [("$24.6 trillion", True), ("$24,600 billion", True), ("24.6 trillion dollars", True),
         ("US$24,600,000 million", True), ("$24.6 billion", False), ("$2.46 trillion", False)]
    )
)  # fmt: skip
def test_scales_are_the_same_value_whichever_word_writes_them(scale: tuple[str, bool]) -> None:
    written, same = scale
    gdp = fact("gdp", "nru", "budget", "$24.6 trillion", observed="2024")
    catalog = Catalog(
        CATALOG.sources, CATALOG.entities, CATALOG.attributes, (gdp,), vocabulary=CATALOG.vocabulary
    )
    found = Verifier(catalog).check(f"The NRU's annual budget is {written}.", as_of=AS_OF)
    assert found.verdict is (Verdict.SUPPORTED if same else Verdict.CONTRADICTED)
