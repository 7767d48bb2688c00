"""Turn a CSV table into sourced facts: wide (a row per entity) or long (a row per value).

Wide: the entity's name in one column (the first, or the map's `entity`), an attribute per
other column; a column headed by a year ("2020") holds one attribute's values observed
that year, and "Population (2020)" likewise; "Area (km²)" gives the unit of bare figures.
Long: columns `entity`, `attribute`, `value`, and optionally `unit`, `year`, `source`.
A map file (TOML) may name each column's attribute id, name, kind, unit and phrases.

The table is the source: its rendered text holds a line per value, which each fact quotes.
Rows are read one at a time. Every problem names the file, row and column; nothing is
returned unless all is valid, or, with skip_bad, the bad cells are left out and listed.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier.core.model import ValueKind
from verifier.importers.cells import TypedValue, clean, settle_flag, type_cell
from verifier.importers.records import (
    Imported,
    ImportFailed,
    ImportProblem,
    SourceOptions,
    slug,
)

SHAPES = ("wide", "long")
LONG_COLUMNS = ("entity", "attribute", "value")
LONG_OPTIONAL = ("unit", "year", "source")
KINDS = tuple(k.value for k in ValueKind if k not in (ValueKind.PLACE, ValueKind.LIST))
# A year heading a column, or in parentheses after its name: "2020", "Population (2020)".
_YEAR_HEADER = re.compile(r"^(?P<year>1\d{3}|20\d\d)$")
_HEADER_YEAR = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<year>1\d{3}|20\d\d)\s*\)$")
# A unit in parentheses after a column's name: "Area (km²)", "GDP (US$ billion)".
_HEADER_UNIT = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<unit>[^()]+?)\s*\)$")
# A figure without a unit, which a unit in the column's header completes.
_NUMBER = re.compile(
    r"[-+]?\d[\d,]*(?:\.\d+)?(?:\s*(?:thousand|million|billion|trillion|k|m|mn|bn|tn))?",
    re.IGNORECASE,
)
# The latest year a whole number among dates may be read as.
YEAR_MAX = 2100
# A spreadsheet formula: kept as the text it is, never evaluated.
_FORMULA = ("=", "@")


@dataclass(frozen=True, slots=True)
class Column:
    """What the map says of one column: its attribute, kind, unit and phrases, or skip it."""

    attribute: str | None = None
    name: str | None = None
    kind: str | None = None
    unit: str | None = None
    phrases: tuple[str, ...] = ()
    skip: bool = False


@dataclass(frozen=True, slots=True)
class TableMap:
    """A map file: the entity column and kind, each column's attribute, the year columns'."""

    entity: str | None = None
    entity_kind: str = "thing"
    columns: dict[str, Column] = field(default_factory=dict)
    years: Column | None = None


@dataclass(slots=True)
class _Cell:
    """One value read from the table, before its attribute's kind is settled."""

    row: int
    column: str
    entity: str
    attribute: str
    value: TypedValue
    year: str | None
    line: str
    source: str


def read_map(path: Path) -> TableMap:
    """Read a map file, or raise ImportFailed naming what is wrong in it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ImportFailed([ImportProblem(str(path), f"not a readable TOML map: {exc}")]) from exc
    return read_map_data(data, name=str(path))


def read_map_data(data: dict[str, Any], *, name: str) -> TableMap:
    """Read a map from its parsed TOML DATA (file NAME), or raise ImportFailed."""
    problems: list[ImportProblem] = []

    def column(label: str, table: Any) -> Column:
        if not isinstance(table, dict):
            problems.append(ImportProblem(name, f"{label}: write a table of fields"))
            return Column()
        unknown = set(table) - {"attribute", "name", "kind", "unit", "phrases", "skip"}
        if unknown:
            problems.append(ImportProblem(name, f"{label}: unknown fields {sorted(unknown)}"))
        kind = table.get("kind")
        if kind is not None and kind not in KINDS:
            problems.append(ImportProblem(name, f"{label}: kind must be one of {KINDS}"))
        return Column(
            attribute=table.get("attribute"),
            name=table.get("name"),
            kind=kind,
            unit=table.get("unit"),
            phrases=tuple(table.get("phrases", ())),
            skip=bool(table.get("skip", False)),
        )

    columns = {str(k): column(f"columns.{k}", v) for k, v in dict(data.get("columns", {})).items()}
    years = column("years", data["years"]) if "years" in data else None
    unknown = set(data) - {"entity", "entity_kind", "columns", "years"}
    if unknown:
        problems.append(ImportProblem(name, f"unknown keys {sorted(unknown)}"))
    if problems:
        raise ImportFailed(problems)
    return TableMap(
        entity=data.get("entity"),
        entity_kind=str(data.get("entity_kind", "thing")),
        columns=columns,
        years=years,
    )


def import_csv(
    rows: Iterable[list[str]],
    *,
    name: str,
    stem: str,
    shape: str | None = None,
    mapping: TableMap | None = None,
    options: SourceOptions | None = None,
    skip_bad: bool = False,
) -> tuple[Imported, list[ImportProblem]]:
    """Import the CSV ROWS of the file NAME; return the records and the problems skipped.

    Raise ImportFailed listing every problem, unless SKIP_BAD leaves the bad cells out.
    """
    reader = _Reader(name, stem, mapping or TableMap(), options or SourceOptions())
    reader.read(rows, shape)
    imported = reader.records()
    if reader.problems and not skip_bad:
        raise ImportFailed(reader.problems)
    if not imported.facts:
        raise ImportFailed([*reader.problems, ImportProblem(name, "no values to import")])
    return imported, reader.problems


class _Reader:
    """The state of one CSV file's import."""

    def __init__(self, name: str, stem: str, mapping: TableMap, options: SourceOptions) -> None:
        """Start reading the file NAME."""
        self.name = name
        self.stem = stem
        self.mapping = mapping
        self.options = options
        self.problems: list[ImportProblem] = []
        self.cells: list[_Cell] = []
        self.entities: dict[str, tuple[str, int]] = {}  # entity id -> (name, first row)
        self.lines: dict[str, list[str]] = defaultdict(list)  # source id -> rendered lines
        self.source_titles: dict[str, str] = {}
        self.attribute_names: dict[str, tuple[str, ...]] = {}  # id -> name, then phrases
        self.default_source = options.record(slug(stem) or "table", f"Table: {stem}", "")

    def problem(self, message: str, row: int | None = None, column: str | None = None) -> None:
        """Record a problem at ROW and COLUMN."""
        self.problems.append(ImportProblem(self.name, message, row, column))

    def read(self, rows: Iterable[list[str]], shape: str | None) -> None:
        """Read every row, the first being the header."""
        iterator = iter(rows)
        try:
            header = [clean(h) for h in next(iterator)]
        except StopIteration:
            self.problem("the file is empty")
            return
        except (UnicodeDecodeError, csv.Error) as exc:
            self.problem(_unreadable(exc), row=1)
            return
        if not self._header_ok(header):
            return
        lowered = [h.lower() for h in header]
        if shape is None:
            shape = "long" if all(c in lowered for c in LONG_COLUMNS) else "wide"
        if shape == "long" and not all(c in lowered for c in LONG_COLUMNS):
            self.problem(f"a long table has the columns {', '.join(LONG_COLUMNS)}", row=1)
            return
        number = 1
        while True:
            number += 1
            try:
                row = next(iterator)
            except StopIteration:
                break
            except (UnicodeDecodeError, csv.Error) as exc:
                self.problem(_unreadable(exc), row=number)
                break
            if not any(cell.strip() for cell in row):
                continue  # a blank line between blocks
            if len(row) != len(header):
                self.problem(f"{len(row)} cells where the header has {len(header)}", row=number)
                continue
            if shape == "long":
                self._long_row(dict(zip(lowered, row, strict=True)), number)
            else:
                self._wide_row(header, row, number)

    def _header_ok(self, header: list[str]) -> bool:
        """Check the header: no blank or repeated column names."""
        ok = True
        seen: set[str] = set()
        for position, heading in enumerate(header, start=1):
            if not heading:
                self.problem(f"column {position} has no name", row=1)
                ok = False
            elif heading.lower() in seen:
                self.problem("the column name is repeated", row=1, column=heading)
                ok = False
            seen.add(heading.lower())
        return ok

    def _entity(self, cell: str, number: int, column: str, *, unique: bool) -> str | None:
        """Return the id of the entity a row names, checking it is named once when UNIQUE."""
        named = clean(cell)
        if not named:
            self.problem("the entity's name is empty", row=number, column=column)
            return None
        entity = slug(named)
        if not entity:
            self.problem(f"{named!r} makes no id", row=number, column=column)
            return None
        first = self.entities.get(entity)
        if first is None:
            self.entities[entity] = (named, number)
        elif unique:
            self.problem(
                f"{named!r} is named again (first in row {first[1]})", row=number, column=column
            )
            return None
        return entity

    def _wide_row(self, header: list[str], row: list[str], number: int) -> None:
        """Read a row of a wide table: the entity, then a value per column."""
        column = self.mapping.entity or header[0]
        if column not in header:
            if number == 2:
                self.problem(f"no column {column!r} names the entities", row=1)
            return
        at = header.index(column)
        entity = self._entity(row[at], number, column, unique=True)
        if entity is None:
            return
        for heading, cell in zip(header, row, strict=True):
            if heading == column:
                continue
            mapped = self.mapping.columns.get(heading, Column())
            if mapped.skip:
                continue
            year: str | None = None
            if _YEAR_HEADER.match(heading):
                # A column per year: one attribute, named by the map or by the file.
                mapped = self.mapping.years or Column(attribute=slug(self.stem), name=self.stem)
                attribute_name, year = mapped.name or mapped.attribute or self.stem, heading
            elif dated := _HEADER_YEAR.match(heading):
                attribute_name, year = dated["name"], dated["year"]
            else:
                attribute_name = heading
            self._cell(entity, heading, attribute_name, mapped, cell, number, year, row[at])

    def _long_row(self, fields: dict[str, str], number: int) -> None:
        """Read a row of a long table: entity, attribute, value, and unit, year, source."""
        entity = self._entity(fields["entity"], number, "entity", unique=False)
        attribute = clean(fields["attribute"])
        if entity is None:
            return
        if not attribute:
            self.problem("the attribute is empty", row=number, column="attribute")
            return
        year = clean(fields.get("year", "")) or None
        if year is not None and not _YEAR_HEADER.match(year):
            self.problem(f"{year!r} is not a year", row=number, column="year")
            return
        mapped = self.mapping.columns.get(attribute, Column())
        if mapped.skip:
            return
        unit = clean(fields.get("unit", ""))
        if unit and mapped.unit is None:
            mapped = Column(mapped.attribute, mapped.name, mapped.kind, unit, mapped.phrases)
        source = clean(fields.get("source", ""))
        named = fields["entity"]
        self._cell(entity, "value", attribute, mapped, fields["value"], number, year, named, source)

    def _cell(
        self,
        entity: str,
        column: str,
        attribute_name: str,
        mapped: Column,
        raw: str,
        number: int,
        year: str | None,
        entity_name: str,
        source_name: str = "",
    ) -> None:
        """Read one value cell into a typed cell of its attribute."""
        cell = clean(raw)
        if not cell:
            self.problem("the cell is empty", row=number, column=column)
            return
        unit = mapped.unit
        if unit is None and year is None:
            found = _HEADER_UNIT.match(attribute_name)
            if found is not None:
                attribute_name, unit = found["name"], found["unit"]
        attribute = mapped.attribute or slug(attribute_name)
        if not attribute:
            self.problem(f"{attribute_name!r} makes no attribute id", row=number, column=column)
            return
        value = _typed(cell, unit, mapped.kind)
        if value is None:
            self.problem(f"{cell!r} is not a {mapped.kind}", row=number, column=column)
            return
        source = self._source(source_name)
        line = f"{clean(entity_name)} | {attribute_name}{f' ({year})' if year else ''}: {cell}"
        if unit and value.value != cell:
            line += f" ({unit})"
        self.lines[source].append(line)
        names = (mapped.name or attribute_name, *mapped.phrases)
        self.attribute_names.setdefault(attribute, names)
        self.cells.append(_Cell(number, column, entity, attribute, value, year, line, source))

    def _source(self, name: str) -> str:
        """Return the id of the source a row names, or of the table itself."""
        if not name:
            return str(self.default_source["id"])
        source = slug(name) or str(self.default_source["id"])
        self.source_titles.setdefault(source, name)
        return source

    def records(self) -> Imported:
        """Settle each attribute's kind and return the records."""
        imported = Imported()
        by_attribute: dict[str, list[_Cell]] = defaultdict(list)
        for cell in self.cells:
            by_attribute[cell.attribute].append(cell)
        seen: dict[str, int] = {}
        for attribute, cells in sorted(by_attribute.items()):
            kind = _settle(cells)
            names = self.attribute_names[attribute]
            name = clean(names[0])
            temporal = any(c.year for c in cells)
            record: dict[str, Any] = {
                "id": attribute,
                "name": name,
                "kind": kind,
                "temporal": temporal,
                "multi": False,
                "phrases": sorted({name.lower(), *(clean(p).lower() for p in names[1:])} - {""}),
            }
            imported.attributes.append(record)
            for cell in cells:
                if cell.value.kind != kind:
                    self.problem(
                        f"{cell.value.value!r} is not a {kind} like the rest of {name!r}",
                        row=cell.row,
                        column=cell.column,
                    )
                    continue
                fact_id = f"{cell.entity}-{attribute}" + (f"-{cell.year}" if cell.year else "")
                if fact_id in seen:
                    self.problem(
                        f"a second value for {name!r} (first in row {seen[fact_id]})",
                        row=cell.row,
                        column=cell.column,
                    )
                    continue
                seen[fact_id] = cell.row
                entity_name = self.entities[cell.entity][0]
                when = f" in {cell.year}" if cell.year else ""
                fact: dict[str, Any] = {
                    "id": fact_id,
                    "entity": cell.entity,
                    "attribute": attribute,
                    "value": cell.value.value,
                    "statement": f"{name} of {entity_name}{when}: {cell.value.value}.",
                    "source": cell.source,
                    "quote": cell.line,
                }
                if cell.year:
                    fact["observed"] = cell.year
                imported.facts.append(fact)
        kind = self.mapping.entity_kind
        imported.entities = [
            {"id": entity, "name": named, "kind": kind, "aliases": []}
            for entity, (named, _) in sorted(self.entities.items())
        ]
        for source, lines in sorted(self.lines.items()):
            if source == self.default_source["id"]:
                record = dict(self.default_source)
            else:
                record = self.options.record(source, self.source_titles[source], "")
                record["id"] = source
                record["text_file"] = f"{source}.txt"
            title = str(record["title"])
            imported.sources.append(record)
            imported.texts[str(record["text_file"])] = "\n".join([title, *lines]) + "\n"
        return imported


def _settle(cells: list[_Cell]) -> str:
    """Return the kind of an attribute from its cells, making the few mixtures agree.

    Years before 1000 read as counts among later years ("872", "1523"), a number that
    looks like a year among larger counts ("1697" among populations), and whole numbers
    among scaled figures ("5379475", "10.4 million") are rewritten in the settled kind.
    """
    kinds = Counter(c.value.kind for c in cells)
    for cell in cells:
        cell.value = settle_flag(cell.value, kinds)
    kinds = Counter(c.value.kind for c in cells)
    if set(kinds) == {"date", "count"}:
        if all(0 < int(c.value.value) <= YEAR_MAX for c in cells if c.value.kind == "count"):
            for cell in cells:
                if cell.value.kind == "count":
                    cell.value = TypedValue("", "date", f"{int(cell.value.value):04d}")
            return "date"
        # Among larger counts, a bare four-digit number ("1697") is a count too.
        for cell in cells:
            if cell.value.kind == "date" and str(cell.value.value).isdigit():
                cell.value = TypedValue("", "count", int(cell.value.value))
        kinds = Counter(c.value.kind for c in cells)
    if set(kinds) == {"count", "quantity"}:
        for cell in cells:
            if cell.value.kind == "count":
                cell.value = TypedValue("", "quantity", str(cell.value.value))
        return "quantity"
    return kinds.most_common(1)[0][0]


def _typed(cell: str, unit: str | None, kind: str | None) -> TypedValue | None:
    """Return the value CELL states, read with UNIT, as KIND when the map says; None if not."""
    if cell.startswith(_FORMULA):
        return TypedValue("", "text", cell) if kind in (None, "text") else None
    text = f"{cell} {unit}" if unit and _bare_number(cell) else cell
    if unit == "%" and _bare_number(cell):
        text = f"{cell}%"
    candidates = type_cell(text) or [TypedValue("", "text", cell)]
    if kind is None:
        return candidates[0]
    if kind == "text":
        return TypedValue("", "text", cell)
    return next((c for c in candidates if c.kind == kind), None)


def _bare_number(cell: str) -> bool:
    """Return whether CELL is a number without a unit: "1,234.5", "-3", "482 billion"."""
    return bool(_NUMBER.fullmatch(cell))


def _unreadable(exc: Exception) -> str:
    """Say why a row could not be read."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start} of the block being read)"
    return f"not valid CSV: {exc}"
