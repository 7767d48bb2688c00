"""`verifier facts import`: CSV and infobox tables into fact files that load and check.

Each value type, both CSV shapes, a map file, the source options, byte-identical output,
and every kind of bad input: a clear error with file, row and column, and nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from verifier.cli import main

WIDE = """Country,Capital,Area (km²),Population (2020),GDP (USD),Unemployment (%),Founded,Link
Norway,Oslo,385207,5379475,482 billion,3.2,872,"=HYPERLINK(""http://x"")"
Sweden,Stockholm,450295,10353442,636 billion,8.3,1523,none
"""
LONG = """entity,attribute,value,unit,year,source
Norway,area,385207,km²,,National atlas
Norway,population,5.4 million,,2021,Statistics Norway
Norway,population,5.5 million,,2023,Statistics Norway
Sweden,population,10.5 million,,2023,Statistics Sweden
"""
YEARS = """country,2019,2020,2021
Norway,5328212,5367580,5391369
Sweden,10278887,10353442,10379295
"""
TABLE = {
    "title": ["Ada Lind"],
    "Born": ["12 March 1901 Uppsala, Sweden"],
    "Died": ["3 May 1975 (aged 74) Stockholm"],
    "Occupation": ["Engineer, inventor"],
    "Height": ["5 ft 9 in"],
}


def cli(*arguments: str) -> Result:
    """Run the command line with ARGUMENTS."""
    return CliRunner().invoke(main, list(arguments))


def imported(tmp_path: Path, name: str, text: str, *options: str) -> str:
    """Write TEXT as NAME, import it to tmp_path/out, load it, and return the store's URL."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = cli("facts", "import", "--format", "csv", "--out", str(out), str(source), *options)
    assert done.exit_code == 0, done.output
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    loaded = cli(
        "--database-url", url, "facts", "load", str(out), "--sources-dir", f"{out}/sources"
    )
    assert loaded.exit_code == 0, loaded.output
    return url


def verdict(url: str, claim: str) -> str:
    """Return the verdict `verifier check` gives CLAIM on the store at URL."""
    done = cli("--database-url", url, "check", "--as-of", "2024-06-01", "--json", claim)
    assert done.exit_code == 0, done.output
    return str(json.loads(done.stdout)["verdict"])


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The capital of Norway is Oslo.", "supported"),  # text
        ("The capital of Norway is Bergen.", "contradicted"),
        ("Norway has an area of 385,207 km².", "supported"),  # a unit from the header
        ("Norway has an area of 300,000 km².", "contradicted"),
        ("Sweden's population in 2020 was 10,353,442.", "supported"),  # a year in the header
        ("Sweden's population in 2020 was 9 million.", "contradicted"),
        ("Norway's GDP is $482 billion.", "supported"),  # money
        ("Sweden's unemployment is 8.3%.", "supported"),  # a percent from the header
        ("Sweden was founded in 1523.", "supported"),  # years, read as dates
        ("Sweden was founded in 1600.", "contradicted"),
    ],
)
def test_a_wide_table_checks_end_to_end(tmp_path: Path, claim: str, expected: str) -> None:
    url = imported(tmp_path, "countries.csv", WIDE)
    assert verdict(url, claim) == expected


def test_a_formula_is_kept_as_text_never_run(tmp_path: Path) -> None:
    imported(tmp_path, "countries.csv", WIDE)
    facts = (tmp_path / "out" / "countries.toml").read_text(encoding="utf-8")
    assert 'value = "=HYPERLINK(\\"http://x\\")"' in facts


def test_a_long_table_with_units_years_and_sources(tmp_path: Path) -> None:
    url = imported(tmp_path, "stats.csv", LONG)
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [
        "attributes.toml",
        "national-atlas.toml",
        "sources",
        "statistics-norway.toml",
        "statistics-sweden.toml",
    ]
    assert verdict(url, "Norway's population in 2023 was 5.5 million.") == "supported"
    assert verdict(url, "Norway's population in 2021 was 5.9 million.") == "contradicted"
    assert verdict(url, "Norway has an area of 385,207 km².") == "supported"


def test_year_columns_are_one_attribute_observed_each_year(tmp_path: Path) -> None:
    url = imported(tmp_path, "population.csv", YEARS)
    attributes = (tmp_path / "out" / "attributes.toml").read_text(encoding="utf-8")
    assert 'id = "population"' in attributes and "temporal = true" in attributes
    assert verdict(url, "Norway's population in 2019 was 5,328,212.") == "supported"
    assert verdict(url, "Norway's population in 2021 was 5,328,212.") == "contradicted"


def test_a_map_names_attributes_kinds_and_phrases(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        'entity = "country"\nentity_kind = "country"\n'
        '[years]\nattribute = "inhabitants"\nname = "population"\nkind = "count"\n'
        'phrases = ["inhabitants", "people"]\n',
        encoding="utf-8",
    )
    url = imported(tmp_path, "population.csv", YEARS, "--map", str(mapping))
    out = tmp_path / "out"
    assert 'kind = "country"' in (out / "population.toml").read_text(encoding="utf-8")
    assert verdict(url, "Norway had 5,367,580 inhabitants in 2020.") == "supported"


def test_source_options_fill_the_source_record(tmp_path: Path) -> None:
    imported(
        tmp_path, "countries.csv", WIDE,
        "--source-id", "nordic-stats", "--title", "Nordic statistics 2020",
        "--publisher", "Nordic Council", "--url", "https://example.org/stats",
        "--published", "2020-06", "--tier", "primary",
    )  # fmt: skip
    text = (tmp_path / "out" / "nordic-stats.toml").read_text(encoding="utf-8")
    for line in (
        'title = "Nordic statistics 2020"',
        'publisher = "Nordic Council"',
        'url = "https://example.org/stats"',
        'published = "2020-06"',
        'tier = "primary"',
    ):
        assert line in text


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    source = tmp_path / "countries.csv"
    source.write_text(WIDE, encoding="utf-8")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        assert (
            cli("facts", "import", "--format", "csv", "--out", str(out), str(source)).exit_code == 0
        )
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 3


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "countries.csv"
    source.write_text(WIDE, encoding="utf-8")
    done = cli("facts", "import", "--format", "csv", "--dry-run", str(source))
    assert done.exit_code == 0
    assert "would write countries.toml" in done.output and "nothing written" in done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["countries.csv"]


BAD_CSV = [
    (
        b"Country,Capital\nNorway,Oslo,extra\n",
        "countries.csv, row 2: 3 cells where the header has 2",
    ),
    (b"Country,Capital\nNorway,Osl\xe9\n", "not UTF-8 text"),
    (
        b"Country,Capital\nNorway,Oslo\nNorway,Bergen\n",
        "row 3, column 'Country': 'Norway' is named again (first in row 2)",
    ),
    (b"Country,Capital\nNorway,\n", "row 2, column 'Capital': the cell is empty"),
    (b"Country,,Area\nNorway,x,1\n", "row 1: column 2 has no name"),
    (
        b"Country,Area (km2)\nNorway,385207\nSweden,big\n",
        "row 3, column 'Area (km2)': 'big' is not a quantity like the rest",
    ),
    (b"", "the file is empty"),
]


@pytest.mark.parametrize(("content", "problem"), BAD_CSV)
def test_bad_input_is_named_and_nothing_is_written(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    source = tmp_path / "countries.csv"
    source.write_bytes(content)
    out = tmp_path / "out"
    done = cli("facts", "import", "--format", "csv", "--out", str(out), str(source))
    assert done.exit_code == 1
    assert problem in done.output and "nothing was written" in done.output
    assert not out.exists()


def test_skip_bad_leaves_out_bad_cells_and_lists_each(tmp_path: Path) -> None:
    source = tmp_path / "countries.csv"
    source.write_text("Country,Capital,Area (km2)\nNorway,,385207\nSweden,Stockholm,big\n")
    out = tmp_path / "out"
    done = cli("facts", "import", "--format", "csv", "--skip-bad", "--out", str(out), str(source))
    assert done.exit_code == 0, done.output
    assert "skipped: " in done.output and "the cell is empty" in done.output
    assert "'big' is not a quantity" in done.output
    assert "2 facts" in done.output


def test_a_map_kind_refuses_a_value_of_another_kind(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns.Area]\nkind = "count"\n', encoding="utf-8")
    source = tmp_path / "countries.csv"
    source.write_text("Country,Area\nNorway,a lot\n", encoding="utf-8")
    done = cli(
        "facts", "import", "--format", "csv", "--map", str(mapping), "--dry-run", str(source)
    )
    assert done.exit_code == 1 and "row 2, column 'Area': 'a lot' is not a count" in done.output


def test_infobox_tables_import_load_and_check(tmp_path: Path) -> None:
    table = tmp_path / "T1.json"
    table.write_text(json.dumps(TABLE), encoding="utf-8")
    out = tmp_path / "out"
    done = cli("facts", "import", "--format", "infobox", "--out", str(out), str(table))
    assert done.exit_code == 0, done.output
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    loaded = cli(
        "--database-url", url, "facts", "load", str(out), "--sources-dir", f"{out}/sources"
    )
    assert loaded.exit_code == 0, loaded.output
    assert verdict(url, "Ada Lind was born in 1901.") == "supported"
    assert verdict(url, "Ada Lind died in 1980.") == "contradicted"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "T1.json, row 1: not valid JSON"),
        ("[1, 2]", 'the name under "title"'),
        ('{"title": [""], "Born": ["1901"]}', "is empty"),
    ],
)
def test_a_bad_infobox_is_named(tmp_path: Path, content: str, problem: str) -> None:
    table = tmp_path / "T1.json"
    table.write_text(content, encoding="utf-8")
    done = cli("facts", "import", "--format", "infobox", "--dry-run", str(table))
    assert done.exit_code == 1 and problem in done.output


def test_a_number_like_a_year_among_larger_counts_is_a_count(tmp_path: Path) -> None:
    url = imported(tmp_path, "towns.csv", "Town,Population\nAsker,94441\nVik,1697\n")
    facts = (tmp_path / "out" / "towns.toml").read_text(encoding="utf-8")
    assert "value = 1697" in facts
    assert verdict(url, "Vik has a population of 1,697.") == "supported"


def test_the_same_value_in_consecutive_years_is_no_clash(tmp_path: Path) -> None:
    # A statistic that did not change is reported again, not a second value at once:
    # the import and the load (which `imported` asserts) both accept it.
    imported(tmp_path, "rates.csv", "Country,2021,2022,2023\nNorway,3.2,3.2,3.6\n")
    facts = (tmp_path / "out" / "rates.toml").read_text(encoding="utf-8")
    assert 'id = "norway-rates-2021"' in facts and 'id = "norway-rates-2022"' in facts


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Yellowstone has 3.5 million visitors.", "unknown"),  # inside the range: not said
        ("Yellowstone has more than 2 million visitors.", "supported"),
        ("Yellowstone has 10 million visitors.", "contradicted"),
        ("Yellowstone has between 3 and 4 million visitors.", "supported"),
        ("Yellowstone has between 5 and 6 million visitors.", "contradicted"),
    ],
)
def test_a_range_is_one_value_between_its_ends(tmp_path: Path, claim: str, expected: str) -> None:
    url = imported(tmp_path, "parks.csv", "Park,Visitors\nYellowstone,3–4 million\n")
    assert 'value = "3–4 million"' in (tmp_path / "out" / "parks.toml").read_text("utf-8")
    assert verdict(url, claim) == expected


FLAGS = (
    "Country,NATO member,Motto\nNorway,yes,Alt for Norge\nSweden,no,För Sverige\nIreland,No,no\n"
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Norway is a NATO member.", "supported"),
        ("Sweden is a NATO member.", "contradicted"),
        ("Sweden is not a NATO member.", "supported"),
        ("Norway is a NATO member state.", "unknown"),  # a word the flag cannot check
    ],
)
def test_a_yes_or_no_column_is_a_flag(tmp_path: Path, claim: str, expected: str) -> None:
    url = imported(tmp_path, "alliance.csv", FLAGS)
    attributes = (tmp_path / "out" / "attributes.toml").read_text("utf-8")
    assert 'kind = "flag"' in attributes
    # "no" among other mottos is a word, not a flag.
    assert attributes.count('kind = "flag"') == 1
    assert verdict(url, claim) == expected
