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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel

from verifier.core.dates import find_dates
from verifier.core.model import Catalog
from verifier.core.text import fold_text
from verifier.core.values import find_quantities
from verifier.store.loader import KINDS, catalog_of

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
_AGE = re.compile(r"\(\s*aged?\s*\d+\s*\)", re.IGNORECASE)
_ISO_ECHO = re.compile(r"\(\s*\d{4}(?:-\d{2}){0,2}\s*\)")
_DURATION = re.compile(r"^(?:(?P<h>\d{1,2})\s*:\s*)?(?P<m>\d{1,3})\s*:\s*(?P<s>\d{2})$")
_OBSERVED = re.compile(r"\(\s*(?P<year>\d{4})\s*\)")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"1\d{3}|20\d\d")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Table:
    """One infobox: the entity's name, and its rows in order."""

    name: str
    title: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass
class Imported:
    """The records a set of tables makes, as the fact files write them, and the texts."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    attributes: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # text file name -> rendered table

    def catalog(self) -> Catalog:
        """Return the records as the engine's catalog, each checked as the loader checks it."""
        models: dict[str, type[SQLModel]] = {kind: model for kind, (model, _table) in KINDS.items()}
        return catalog_of(
            {
                kind: [models[kind].model_validate(r) for r in rows]
                for kind, rows in self.records().items()
            }
        )

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """Return the records by kind, as the loader reads them."""
        vocabulary = [{"id": k, "words": v} for k, v in sorted(self.vocabulary.items())]
        return {
            "source": self.sources,
            "entity": self.entities,
            "attribute": self.attributes,
            "fact": self.facts,
            "vocabulary": vocabulary,
        }


@dataclass(frozen=True, slots=True)
class _Value:
    """One typed value read from a cell: the attribute it belongs to, its kind and value."""

    suffix: str  # "" for the key's own attribute, "place" for "born ... in Dartford"
    kind: str
    value: Any
    observed: str | None = None


def read_table(path: Path) -> Table:
    """Read an infobox table from a JSON file, or raise ValueError saying what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable JSON table: {exc}") from exc
    if not isinstance(data, dict) or not data.get("title"):
        raise ValueError(f'{path}: a table is an object with the entity\'s name under "title"')
    rows: list[tuple[str, tuple[str, ...]]] = []
    for key, values in data.items():
        cells = values if isinstance(values, list) else [values]
        cleaned = tuple(c for c in (_clean(str(v)) for v in cells) if c)
        if cleaned:
            rows.append((_clean(key).rstrip(":"), cleaned))
    title = dict(rows).get("title", ("",))[0]
    return Table(path.stem, title, tuple(r for r in rows if r[0] != "title"))


def import_tables(tables: list[Table], *, tier: str = "reference") -> Imported:
    """Return the sources, entities, attributes and facts the TABLES state."""
    imported = Imported()
    typed: dict[str, list[tuple[Table, str, _Value, str]]] = defaultdict(list)
    ids: Counter[str] = Counter()
    entity_of: dict[str, str] = {}
    for table in tables:
        entity = _slug(table.title) or _slug(table.name)
        ids[entity] += 1
        if ids[entity] > 1:
            entity = f"{entity}-{_slug(table.name)}"
        entity_of[table.name] = entity
        text = render(table)
        source = f"{entity}-infobox"
        imported.texts[f"{source}.txt"] = text
        imported.sources.append(
            {"id": source, "title": f"Infobox: {table.title}", "publisher": "Wikipedia",
             "tier": tier, "text_file": f"{source}.txt"}
        )  # fmt: skip
        imported.entities.append(_entity(entity, table))
        for key, cells in table.rows:
            if fold_text(key) in _NAME_KEYS:
                continue
            line = _line(key, cells)
            for cell in cells:
                for value in _type(cell):
                    typed[_attribute_id(key, value.suffix)].append((table, key, value, line))
    for attribute_id, readings in sorted(typed.items()):
        _add_attribute(imported, attribute_id, readings, entity_of)
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


def _clean(text: str) -> str:
    """Collapse white space, including the non-breaking spaces infoboxes are full of."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def _slug(text: str) -> str:
    """Return a fact-file id for TEXT: lower case, digits and hyphens."""
    return _SLUG.sub("-", fold_text(text)).strip("-")[:80]


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
    base = _slug(re.sub(r"\(s\)|\(\s*\d{4}\s*\)", "", key))
    return f"{base}-{suffix}" if suffix else base


def _type(cell: str) -> list[_Value]:
    """Read one cell as typed values: a date and a place, a figure, a duration, or text."""
    observed = _OBSERVED.search(cell)
    text = _ISO_ECHO.sub(" ", _AGE.sub(" ", cell))
    text = _clean(text).strip(" ,;")
    duration = _DURATION.match(text)
    if duration is not None:
        hours, minutes, seconds = duration["h"], duration["m"], duration["s"]
        written = (
            f"{minutes} min {int(seconds)} s"
            if not hours
            else (f"{hours} h {minutes} min {int(seconds)} s")
        )
        return [_Value("", "quantity", written)]
    if _YEAR.fullmatch(text):
        return [_Value("", "date", text)]  # a year alone: "1995"
    dates = find_dates(text)
    if dates and dates[0].start <= 3 and not dates[0].support:
        first = dates[0]
        rest = _clean(text[first.end :]).strip(" ,;()")
        found = [_Value("", "date", first.date.iso)]
        if rest and not find_dates(rest) and len(rest) <= 80:
            found.append(_Value("place", "text", rest))
        return found
    quantities = find_quantities(text)
    if quantities and quantities[0].start == 0:
        figure = quantities[0]
        year = observed["year"] if observed and observed.start() > figure.end else None
        kind = figure.kind if figure.kind != "percent" else "percent"
        if figure.kind == "count" and figure.end < len(text) - 2:
            return [_Value("", "text", text)]
        return [_Value("", kind, figure.text if kind != "count" else int(figure.value), year)]
    return [_Value("", "text", text)] if text else []


def _add_attribute(
    imported: Imported,
    attribute_id: str,
    readings: list[tuple[Table, str, _Value, str]],
    entity_of: dict[str, str],
) -> None:
    """Add one attribute and its facts: the kind most of its values have."""
    kinds = Counter(value.kind for _, _, value, _ in readings)
    kind = kinds.most_common(1)[0][0]
    key = readings[0][1]
    name = fold_text(re.sub(r"\(s\)|\(\s*\d{4}\s*\)", "", key))
    suffix = readings[0][2].suffix
    phrases = _phrases(name, suffix)
    per_entity: dict[str, list[tuple[_Value, str]]] = defaultdict(list)
    for table, _, value, line in readings:
        if value.kind == kind:
            per_entity[entity_of[table.name]].append((value, line))
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
            values = [(_Value(suffix, "text", joined), values[0][1])]
        elif len(values) > 1:
            values = values[:1]  # one value per source for a single-valued attribute
        for value, line in values:
            fact: dict[str, Any] = {
                "id": f"{entity}-{attribute_id}"[:120],
                "entity": entity,
                "attribute": attribute_id,
                "value": value.value,
                "statement": f"{name.capitalize()} of {_title(imported, entity)}: {value.value}.",
                "source": f"{entity}-infobox",
                "quote": line,
            }
            if value.observed:
                fact["observed"] = value.observed
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
