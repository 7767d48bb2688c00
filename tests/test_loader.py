"""The loader: every check, idempotent reloads, and all-or-nothing writes, on each database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from tests.factset import FACTS, REGISTRY, write_set
from verifier.store import loader
from verifier.store.db import session_scope, store_version
from verifier.store.models import Fact


def snapshot(engine: Engine) -> str:
    """Return every fact in the store, serialised, to compare before and after."""
    with session_scope(engine) as session:
        rows = [
            f.model_dump(mode="json", exclude={"updated_at"}) for f in session.exec(select(Fact))
        ]
    return json.dumps(sorted(rows, key=lambda r: r["id"]), sort_keys=True)


def problems_of(tmp_path: Path, facts: str = FACTS, registry: str = REGISTRY) -> list[str]:
    """Validate a variant of the fact set and return its problems as lines."""
    facts_dir, sources_dir = write_set(tmp_path, facts=facts, registry=registry)
    return [str(p) for p in loader.validate(facts_dir, sources_dir=sources_dir).problems]


def test_valid_set_has_no_problems(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == []


BROKEN = [
    ("unknown source", 'source = "treaty"\n', 'source = "tretay"\n', "unknown source 'tretay'"),
    (
        "unknown entity",
        'entity = "nru"\nattribute = "founding-place"',
        'entity = "nrux"\nattribute = "founding-place"',
        "unknown entity 'nrux'",
    ),
    (
        "unknown attribute",
        'attribute = "founding-place"',
        'attribute = "birthplace"',
        "unknown attribute 'birthplace'",
    ),
    (
        "quote not verbatim",
        'quote = "founded in Oslo"',
        'quote = "founded at Oslo"',
        "quote not found verbatim",
    ),
    (
        "quote excerpts out of order",
        'quote = "now has 4 member states. … until Finland joined',
        'quote = "until Finland joined in 2012. … now has 4 member states.',
        "quote not found verbatim",
    ),
    ("missing quote", 'quote = "founded in Oslo"\n', "\n", "missing quote"),
    (
        "unparseable date",
        'value = "1999-03-03"\nstatement = "The Northern Rail Union was',
        'value = "3rd of Marchember"\nstatement = "The Northern Rail Union was',
        "unparseable date",
    ),
    (
        "approximate day",
        'value = "1999-03-03"\nstatement = "The Northern Rail Union was',
        'value = "1999-03-03"\nqualifier = "about"\nstatement = "The Northern Rail Union was',
        "only a year or a decade can be 'about'",
    ),
    (
        "unparseable period",
        'valid_from = "1999"',
        'valid_from = "nineteen-ninety"',
        "unparseable date 'nineteen-ninety' in valid_from",
    ),
    ("list for a count", "value = 3\n", 'value = ["norway"]\n', "must be a single value"),
    ("text for a count", "value = 3\n", 'value = "several"\n', "is not a count value"),
    ("unknown place", 'value = "oslo"', 'value = "bergen"', "place 'bergen' is not a known entity"),
    (
        "unknown list item",
        '"denmark", "finland"]',
        '"denmark", "iceland"]',
        "list names unknown entities: iceland",
    ),
    (
        "count disagrees with complete list",
        "value = 4\n",
        "value = 5\n",
        "count 5 disagrees with the complete list 'nru-member-list' of 4",
    ),
    (
        "overlapping periods",
        'valid_from = "2012"\nstatement = "The Northern Rail Union has had',
        'valid_from = "1999"\nstatement = "The Northern Rail Union has had',
        "period overlaps",
    ),
    (
        "unknown qualifier",
        "value = 3\n",
        'value = 3\nqualifier = "roughly-ish"\n',
        "unknown qualifier 'roughly-ish'",
    ),
    ("unknown field", "value = 3\n", 'value = 3\ncolour = "red"\n', "unknown field(s): colour"),
    (
        "complete on a non-list",
        "value = 3\n",
        "value = 3\ncomplete = true\n",
        "only a list fact can be marked complete",
    ),
    ("bad id", 'id = "nru-founded-place"', 'id = "NRU Founded Place"', "id:"),
]


@pytest.mark.parametrize(("case", "old", "new", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_problem_is_reported_with_file_and_fact(
    tmp_path: Path, case: str, old: str, new: str, expected: str
) -> None:
    assert old in FACTS, case
    found = problems_of(tmp_path, facts=FACTS.replace(old, new, 1))
    assert any(expected in line for line in found), found
    assert all(line.startswith(str(tmp_path / "facts")) for line in found), found
    assert any("union.toml: fact '" in line for line in found), found


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    facts_dir, _ = write_set(tmp_path)
    (facts_dir / "copy.toml").write_text(FACTS.split("[[fact]]")[1].join(["[[fact]]", ""]))
    found = [str(p) for p in loader.validate(facts_dir).problems]
    assert any("duplicate id" in line and "nru-founded" in line for line in found), found


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    facts_dir, _ = write_set(tmp_path)
    (facts_dir / "broken.toml").write_text("[[fact]\nid = ")
    found = [str(p) for p in loader.validate(facts_dir).problems]
    assert any("broken.toml: file: not valid TOML" in line for line in found), found


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    facts = FACTS.replace('source = "treaty"\n', 'source = "nope"\n').replace(
        'value = "oslo"', 'value = "bergen"'
    )
    assert len(problems_of(tmp_path, facts=facts)) >= 2


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    found = loader.validate(tmp_path / "nowhere").problems
    assert found and "no such file or folder" in found[0].message


def test_quotes_unchecked_without_source_texts(tmp_path: Path) -> None:
    facts_dir, _ = write_set(tmp_path, facts=FACTS.replace('founded in Oslo"', 'anything"'))
    assert [str(p) for p in loader.validate(facts_dir).problems] == []


def test_load_then_reload_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    first = loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert first.added["fact"] == 6
    with session_scope(engine) as session:
        version = store_version(session)
    before = snapshot(engine)
    again = loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert not again.changed
    assert again.unchanged["fact"] == 6
    assert snapshot(engine) == before
    with session_scope(engine) as session:
        assert store_version(session) == version


def test_a_load_reports_its_progress_record_by_record(engine: Engine, tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    calls: list[tuple[int, int]] = []
    report = loader.load(
        engine, facts_dir, sources_dir=sources_dir, progress=lambda n, t: calls.append((n, t))
    )
    records = sum(report.added.values())
    assert {total for _, total in calls} == {records}
    assert sum(done for done, _ in calls) == records
    again: list[tuple[int, int]] = []
    loader.load(
        engine, facts_dir, sources_dir=sources_dir, progress=lambda n, t: again.append((n, t))
    )
    assert sum(done for done, _ in again) == records  # unchanged records count as done


def test_changed_fact_is_updated_and_removed_fact_removed(engine: Engine, tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    loader.load(engine, facts_dir, sources_dir=sources_dir)
    edited = FACTS.replace(
        "The founding treaty is dated 3 March 1999.",
        "The treaty founding the union is dated 3 March 1999.",
    )
    edited = (
        edited[: edited.index('[[fact]]\nid = "nru-founded-place"')]
        + edited[edited.index('[[fact]]\nid = "nru-members-1999"') :]
    )
    write_set(tmp_path, facts=edited)
    report = loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert (report.updated["fact"], report.removed["fact"], report.added["fact"]) == (1, 1, 0)
    with session_scope(engine) as session:
        assert session.get(Fact, "nru-founded-place") is None
        treaty = session.get(Fact, "nru-founded-treaty")
        assert treaty is not None and treaty.statement.startswith("The treaty founding")


def test_broken_set_changes_nothing_and_names_the_fact(engine: Engine, tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    loader.load(engine, facts_dir, sources_dir=sources_dir)
    before = snapshot(engine)
    broken = FACTS.replace("The founding treaty is dated", "The charter is dated").replace(
        'value = "oslo"', 'value = "bergen"'
    )
    write_set(tmp_path, facts=broken)
    with pytest.raises(loader.LoadError) as caught:
        loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert any("nru-founded-place" in str(p) for p in caught.value.problems)
    assert snapshot(engine) == before


def test_failed_write_rolls_back(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    loader.load(engine, facts_dir, sources_dir=sources_dir)
    before = snapshot(engine)
    write_set(tmp_path, facts=FACTS.replace("dated 3 March", "signed on 3 March"))
    original = loader._sync

    def sync_then_fail(*args: object) -> object:
        original(*args)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setattr(loader, "_sync", sync_then_fail)
    with pytest.raises(RuntimeError):
        loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert snapshot(engine) == before


VOCABULARY = """
[vocabulary]
place-kinds = ["city", "country"]
containment = ["founding-place"]
event-nouns = ["expo"]
"""


def test_vocabulary_lists_from_several_files_are_merged(tmp_path: Path) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    (facts_dir / "vocabulary.toml").write_text(VOCABULARY, encoding="utf-8")
    (facts_dir / "more.toml").write_text(
        '[vocabulary]\nplace-kinds = ["town", "city"]\n', encoding="utf-8"
    )
    facts = loader.validate(facts_dir, sources_dir=sources_dir)
    assert facts.problems == []
    vocabulary = facts.catalog().vocabulary
    assert vocabulary.place_kinds == {"city", "country", "town"}
    assert vocabulary.containment == ("founding-place",)
    assert vocabulary.event_nouns == {"expo"}


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('[vocabulary]\nplace-kind = ["city"]\n', "vocabulary 'place-kind': unknown list"),
        ('[vocabulary]\nplace-kinds = "city"\n', "must be a list of non-empty strings"),
        ('[vocabulary]\ncontainment = ["inside-of"]\n', "unknown attribute 'inside-of'"),
        ('[[vocabulary]]\nplace-kinds = ["city"]\n', "write one [vocabulary] table"),
    ],
)
def test_a_bad_vocabulary_is_reported(tmp_path: Path, table: str, expected: str) -> None:
    facts_dir, sources_dir = write_set(tmp_path)
    (facts_dir / "vocabulary.toml").write_text(table, encoding="utf-8")
    found = [str(p) for p in loader.validate(facts_dir, sources_dir=sources_dir).problems]
    assert any(expected in line for line in found), found


def test_the_vocabulary_is_stored_and_read_back(engine: Engine, tmp_path: Path) -> None:
    from verifier.store.db import read_catalog, session_scope

    facts_dir, sources_dir = write_set(tmp_path)
    (facts_dir / "vocabulary.toml").write_text(VOCABULARY, encoding="utf-8")
    report = loader.load(engine, facts_dir, sources_dir=sources_dir)
    assert report.added["vocabulary"] == 3
    with session_scope(engine) as session:
        assert read_catalog(session).vocabulary.event_nouns == {"expo"}
    (facts_dir / "vocabulary.toml").unlink()
    assert loader.load(engine, facts_dir, sources_dir=sources_dir).removed["vocabulary"] == 3


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ('"41,500 km"', "km", None),
        ('"25,787 miles"', "km", None),
        ('"2 TB"', "GB", None),
        ('"41,500 kg"', "km", "does not measure what the attribute's unit 'km' measures"),
        ('"256 GB"', "GHz", "does not measure what the attribute's unit 'GHz' measures"),
    ],
)
def test_a_quantity_must_measure_what_its_attribute_measures(
    tmp_path: Path, value: str, unit: str, expected: str | None
) -> None:
    facts = f"""
[[attribute]]
id = "track-length"
name = "track length"
kind = "quantity"
unit = "{unit}"

[[fact]]
id = "nru-tracks"
entity = "nru"
attribute = "track-length"
value = {value}
statement = "The union's network has this much track."
source = "treaty"
"""
    found = [line for line in problems_of(tmp_path, facts=FACTS + facts) if "nru-tracks" in line]
    if expected is None:
        assert found == []
    else:
        assert any(expected in line for line in found), found
