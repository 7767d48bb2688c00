"""Infobox tables as facts, and the engine on InfoTabS' crowd-written claims about them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from verifier.core.engine import Verifier
from verifier.core.facts import normalise_space, quote_found
from verifier.core.result import Verdict
from verifier.evaluation import score_infotabs
from verifier.importers.infobox import import_tables, read_table, render
from verifier.importers.records import Imported, ImportFailed

TABLE = {
    "title": ["Ada Lind"],
    "Born": ["( 1950-03-03 ) 3 March 1950 (age 69) Bergen, Norway"],
    "Died": ["4 May 2020 (2020-05-04) (aged 70) Oslo"],
    "Occupation": ["Engineer", "railway planner"],
    "Nationality": ["Norwegian"],
    "Height": ["5 ft 9 in (175 cm)"],
    "Years active": ["1975-2015"],
    "First built": ["1999"],
    "Length": ["49:01"],
    "Budget": ["$6.9 million"],
    "Also known as": ["A. Lind"],
}


@pytest.fixture
def imported(tmp_path: Path) -> Verifier:
    """Return a verifier over the facts of one table."""
    path = tmp_path / "T1.json"
    path.write_text(json.dumps(TABLE), encoding="utf-8")
    return Verifier(import_tables([read_table(path)]).catalog())


def test_values_are_typed(tmp_path: Path) -> None:
    path = tmp_path / "T1.json"
    path.write_text(json.dumps(TABLE), encoding="utf-8")
    table = read_table(path)
    result = import_tables([table])
    values = {f["attribute"]: f["value"] for f in result.facts}
    kinds = {a["id"]: a["kind"] for a in result.attributes}
    assert values["born"] == "1950-03-03" and kinds["born"] == "date"
    assert values["born-place"] == "Bergen, Norway"
    assert values["died"] == "2020-05-04" and values["died-place"] == "Oslo"
    assert values["first-built"] == "1999" and kinds["first-built"] == "date"
    assert values["height"] == "5 ft 9 in" and kinds["height"] == "quantity"
    assert values["length"] == "49 min 1 s"
    assert values["budget"] == "$6.9 million" and kinds["budget"] == "money"
    assert values["occupation"] == "Engineer, railway planner" and kinds["occupation"] == "text"
    [entity] = result.entities
    assert entity["kind"] == "person" and entity["aliases"] == ["A. Lind"]
    assert result.vocabulary["lifespan-start"] == ["born"]


def test_every_quote_is_in_the_rendered_table(tmp_path: Path) -> None:
    path = tmp_path / "T1.json"
    path.write_text(json.dumps(TABLE), encoding="utf-8")
    table = read_table(path)
    result = import_tables([table])
    text = render(table)
    assert result.texts == {"ada-lind-infobox.txt": text}
    for fact in result.facts:
        assert quote_found(fact["quote"], normalise_space(text)) is None, fact


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Ada Lind was born in 1950.", Verdict.SUPPORTED),
        ("Ada Lind was born in the spring of 1950.", Verdict.SUPPORTED),
        ("Ada Lind was born in 1951.", Verdict.CONTRADICTED),
        ("Ada Lind (1950–2020) was a railway planner.", Verdict.SUPPORTED),
        ("Ada Lind was an engineer.", Verdict.SUPPORTED),
        ("Ada Lind's nationality was Swedish.", Verdict.CONTRADICTED),
        ("Ada Lind's height was about 175 cm.", Verdict.SUPPORTED),
        ("Ada Lind's height was 175 cm.", Verdict.UNKNOWN),  # 5 ft 9 in is 174-176.5 cm
        ("Ada Lind was a famous engineer.", Verdict.UNKNOWN),
        # A comparison with something the table does not hold is no value to contradict.
        ("Ada Lind's nationality is the same as her husband's.", Verdict.UNKNOWN),
        ("Ada Lind's nationality was different from her mother's.", Verdict.UNKNOWN),
    ],
)
def test_claims_about_a_table(imported: Verifier, claim: str, expected: Verdict) -> None:
    assert imported.check(claim, as_of=date(2021, 1, 1)).verdict is expected


PAINTING = {
    "title": ["The Mill"],
    "Artist": ["Jan Berk"],
    "Built": ["c. 1720"],
    "Founded": ["1851"],
}


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # The source gives the year only roughly: no one year is supported by it.
        ("The Mill was built in 1720.", Verdict.UNKNOWN),
        ("The Mill was built circa 1720.", Verdict.SUPPORTED),
        ("The Mill was built in the 18th century.", Verdict.SUPPORTED),
        ("The Mill was built in the 1720s.", Verdict.UNKNOWN),
        ("The Mill was built in 1790.", Verdict.CONTRADICTED),
        ("The Mill was built circa 1760.", Verdict.CONTRADICTED),
        # A claim's rough year against a source's exact one.
        ("The Mill was founded circa 1850.", Verdict.SUPPORTED),
        ("The Mill was founded in about 1880.", Verdict.CONTRADICTED),
    ],
)
def test_a_circa_year(tmp_path: Path, claim: str, expected: Verdict) -> None:
    result = import_one(tmp_path, PAINTING)
    year = next(f for f in result.facts if f["attribute"] == "built")
    assert (year["value"], year["qualifier"]) == ("1720", "about")
    assert verdict_of(result, claim) is expected


def import_one(tmp_path: Path, table: dict[str, list[str]]) -> Imported:
    """Return what the infobox TABLE imports as."""
    path = tmp_path / "T.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    return import_tables([read_table(path)])


def verdict_of(imported: Imported, claim: str) -> Verdict:
    """Return the verdict on CLAIM of a store holding only IMPORTED."""
    return Verifier(imported.catalog()).check(claim, as_of=date(2021, 1, 1)).verdict


def test_a_table_that_is_no_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ImportFailed, match="title"):
        read_table(path)


def test_infotabs_precision(shared_eval: Path) -> None:
    """InfoTabS' development split: what the engine decides, it decides rightly."""
    # The date the claims speak from, as the issue that set the yardstick says.
    scores = score_infotabs(shared_eval / "infotabs", as_of=date(2020, 1, 1))
    assert len(scores.labels) == 1800
    assert scores.precision("supported") >= 0.85, scores.wrong
    assert scores.precision("contradicted") >= 0.9, scores.wrong
    assert scores.called("supported") + scores.called("contradicted") >= 50


RACE = {
    "title": ["Skyrace Bergen"],
    "Mixed gender": ["yes"],
    "Contact": ["no"],
    "Venue": ["Bergen"],
}


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Skyrace Bergen is mixed gender.", Verdict.SUPPORTED),
        ("Skyrace Bergen is not mixed gender.", Verdict.CONTRADICTED),
        ("Skyrace Bergen is contact.", Verdict.CONTRADICTED),
        # The phrase as a word of something else says nothing of the flag.
        ("Skyrace Bergen is a contact point for runners.", Verdict.UNKNOWN),
        ("Skyrace Bergen is a mixed gender race held in Bergen.", Verdict.UNKNOWN),
    ],
)
def test_a_yes_or_no_row(tmp_path: Path, claim: str, expected: Verdict) -> None:
    result = import_one(tmp_path, RACE)
    assert {a["id"]: a["kind"] for a in result.attributes}["mixed-gender"] == "flag"
    assert verdict_of(result, claim) is expected
