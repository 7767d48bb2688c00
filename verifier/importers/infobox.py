"""Turn infobox tables ({key: [values...]}, the entity's name under "title") into sourced facts.

Each table is one entity and one source, whose text is the table rendered a row a line, so
every fact's quote is a row of it, verbatim. The same key across tables is one attribute;
its values are typed by what they read as: dates at their precision, figures with units
and currencies, durations, and text (lists kept as items: "Rock, hard rock").
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.core.text import fold_text
from verifier.importers.cells import TypedValue, clean, settle_flag, type_cell
from verifier.importers.records import (
    Imported,
    ImportFailed,
    ImportProblem,
    SourceOptions,
    read_text_file,
    slug,
)

# Keys whose values are other names of the table's entity.
_NAME_KEYS = frozenset(
    {"birth name", "also known as", "native name", "other names", "alternative names",
     "nickname", "nicknames", "full name", "born as"}
)  # fmt: skip
# What an entity is, from the keys its table has: the first rule whose keys it holds.
_KINDS = (
    ({"born"}, "person"),
    ({"died"}, "person"),
    ({"directed by"}, "film"),
    ({"label", "released"}, "album"),
    ({"labels", "genres"}, "musician"),
    ({"genres", "years active"}, "musician"),
    ({"capital"}, "country"),
    ({"main ingredients"}, "dish"),
    ({"artist", "medium"}, "painting"),
    ({"sire"}, "animal"),
)


@dataclass(frozen=True, slots=True)
class Table:
    """One infobox: the entity's name, and its rows in order."""

    name: str
    title: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def read_table(path: Path) -> Table:
    """Read an infobox table from a JSON file, or raise ImportFailed saying what is wrong."""
    return parse_table(read_text_file(path, str(path)), path.stem, name=str(path))


def parse_table(text: str, stem: str, *, name: str) -> Table:
    """Read an infobox table from JSON TEXT (file NAME), or raise ImportFailed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = ImportProblem(name, f"not valid JSON: {exc.msg}", row=exc.lineno)
        raise ImportFailed([problem]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("title"), (str, list)):
        problem = ImportProblem(
            name, 'a table is an object of {"key": [values...]}, the name under "title"'
        )
        raise ImportFailed([problem])
    rows: list[tuple[str, tuple[str, ...]]] = []
    for key, values in data.items():
        cells = values if isinstance(values, list) else [values]
        cleaned = tuple(c for c in (clean(str(v)) for v in cells) if c)
        if cleaned:
            rows.append((clean(key).rstrip(":"), cleaned))
    title = dict(rows).get("title", ("",))[0]
    if not title:
        raise ImportFailed([ImportProblem(name, 'the "title" (the entity\'s name) is empty')])
    return Table(stem, title, tuple(r for r in rows if r[0] != "title"))


def import_tables(tables: list[Table], *, options: SourceOptions | None = None) -> Imported:
    """Return the sources, entities, attributes and facts the TABLES state.

    OPTIONS fill each table's source record; an id or title only for a single table.
    """
    options = options or SourceOptions()
    if len(tables) > 1 and (options.source_id or options.title):
        problem = ImportProblem("tables", "--source-id and --title name one source: give one table")
        raise ImportFailed([problem])
    imported = Imported()
    typed: dict[str, list[tuple[Table, str, TypedValue, str]]] = defaultdict(list)
    ids: Counter[str] = Counter()
    entity_of: dict[str, str] = {}
    source_of: dict[str, str] = {}
    for table in tables:
        entity = slug(table.title) or slug(table.name)
        ids[entity] += 1
        if ids[entity] > 1:
            entity = f"{entity}-{slug(table.name)}"
        entity_of[table.name] = entity
        record = options.record(f"{entity}-infobox", f"Infobox: {table.title}", "Wikipedia")
        source_of[table.name] = record["id"]
        imported.texts[record["text_file"]] = render(table)
        imported.sources.append(record)
        imported.entities.append(_entity(entity, table))
        for key, cells in table.rows:
            if fold_text(key) in _NAME_KEYS:
                continue
            line = _line(key, cells)
            for cell in cells:
                for value in type_cell(cell):
                    typed[_attribute_id(key, value.suffix)].append((table, key, value, line))
    for attribute_id, readings in sorted(typed.items()):
        _add_attribute(imported, attribute_id, readings, entity_of, source_of)
    starts = [a["id"] for a in imported.attributes if a["id"] in ("born", "founded", "established")]
    ends = [a["id"] for a in imported.attributes if a["id"] in ("died", "dissolved")]
    imported.vocabulary = {"lifespan-start": starts, "lifespan-end": ends}
    return imported


def render(table: Table) -> str:
    """Return the table as the text its facts quote: the name, then a row a line."""
    return "\n".join([table.title, *(_line(key, cells) for key, cells in table.rows)]) + "\n"


def _line(key: str, cells: tuple[str, ...]) -> str:
    """Return one row as a line of the rendered table."""
    return f"{key}: {'; '.join(cells)}"


def _entity(entity: str, table: Table) -> dict[str, Any]:
    """Return the table's entity, its kind guessed from the keys its table has."""
    keys = {fold_text(k) for k, _ in table.rows}
    kind = next((k for needed, k in _KINDS if needed <= keys), "thing")
    aliases = [
        cell
        for key, cells in table.rows
        if fold_text(key) in _NAME_KEYS
        for cell in (c.strip() for text in cells for c in text.split(","))
        if 2 <= len(cell) <= 60 and fold_text(cell) != fold_text(table.title)
    ]
    return {"id": entity, "name": table.title, "kind": kind, "aliases": sorted(set(aliases))}


def _attribute_id(key: str, suffix: str) -> str:
    """Return the attribute id of a key: "Spouse(s)" and "Spouses" are one attribute."""
    base = slug(re.sub(r"\(s\)|\(\s*\d{4}\s*\)", "", key))
    return f"{base}-{suffix}" if suffix else base


def _add_attribute(
    imported: Imported,
    attribute_id: str,
    readings: list[tuple[Table, str, TypedValue, str]],
    entity_of: dict[str, str],
    source_of: dict[str, str],
) -> None:
    """Add one attribute and its facts: the kind most of its values have."""
    read = {value.kind for _, _, value, _ in readings}
    readings = [(table, k, settle_flag(v, read), line) for table, k, v, line in readings]
    kinds = Counter(value.kind for _, _, value, _ in readings)
    kind = kinds.most_common(1)[0][0]
    key = readings[0][1]
    name = fold_text(re.sub(r"\(s\)|\(\s*\d{4}\s*\)", "", key))
    suffix = readings[0][2].suffix
    phrases = _phrases(name, suffix)
    per_entity: dict[str, list[tuple[TypedValue, str]]] = defaultdict(list)
    sources: dict[str, str] = {}
    for table, _, value, line in readings:
        if value.kind == kind:
            per_entity[entity_of[table.name]].append((value, line))
            sources[entity_of[table.name]] = source_of[table.name]
    # A text attribute holding lists ("Rock, hard rock") may hold more than one value.
    multi = kind == "text" and any(
        len(values) > 1 or "," in str(values[0][0].value) for values in per_entity.values()
    )
    imported.attributes.append(
        {"id": attribute_id, "name": f"{name} {suffix}".strip(), "kind": kind,
         "multi": multi, "phrases": phrases}
    )  # fmt: skip
    for entity, values in sorted(per_entity.items()):
        if kind == "text":
            joined = ", ".join(dict.fromkeys(str(v.value) for v, _ in values))
            values = [(TypedValue(suffix, "text", joined), values[0][1])]
        elif len(values) > 1:
            values = values[:1]  # one value per source for a single-valued attribute
        for value, line in values:
            fact: dict[str, Any] = {
                "id": f"{entity}-{attribute_id}"[:120],
                "entity": entity,
                "attribute": attribute_id,
                "value": value.value,
                "statement": f"{name.capitalize()} of {_title(imported, entity)}: {value.value}.",
                "source": sources[entity],
                "quote": line,
            }
            if value.observed:
                fact["observed"] = value.observed
            if value.qualifier != "exact":
                fact["qualifier"] = value.qualifier
            imported.facts.append(fact)


def _title(imported: Imported, entity: str) -> str:
    """Return the name of an entity already imported."""
    return str(next(e["name"] for e in imported.entities if e["id"] == entity))


def _phrases(name: str, suffix: str) -> list[str]:
    """Return the words a writer may use for a key: the key, singular and plural, "by" dropped."""
    forms = {name}
    if name.endswith("s") and len(name) > 3:
        forms.add(name[:-1])
    if name.endswith(" by"):
        forms.add(name[: -len(" by")])
    if suffix == "place":
        forms = {f"{form} in" for form in forms}
    return sorted(forms)
