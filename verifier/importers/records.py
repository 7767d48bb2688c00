"""What an import makes: records as the fact files write them, the sources' texts, problems.

Both importers (CSV, infobox) fill an Imported; `render_files` turns it into reviewable
fact files, the same bytes for the same input: records sorted by id, one file per source
with its facts and the entities it introduces, the attributes in a file of their own, and
each source's rendered text under sources/.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from sqlmodel import SQLModel

from verifier.core.model import Catalog, Tier
from verifier.core.text import fold_text
from verifier.store.loader import KINDS, catalog_of, parse_record
from verifier.store.validate import Problem, SourceTexts, check_catalog

SOURCES_FOLDER = "sources"
ATTRIBUTES_FILE = "attributes.toml"
_SLUG = re.compile(r"[^a-z0-9]+")
# Fact-file ids are capped at 200 characters; leave room for suffixes.
SLUG_CHARS = 80
TIERS = tuple(tier.value for tier in Tier)


def slug(text: str) -> str:
    """Return a fact-file id for TEXT: lower case, digits and hyphens."""
    return _SLUG.sub("-", fold_text(text)).strip("-")[:SLUG_CHARS].strip("-")


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing wrong with the input: the file, and where in it (row, column) when known."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        """Return the problem as one line: file, row, column, what is wrong."""
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """The input cannot be imported; every problem is listed."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        """Keep PROBLEMS; the message is the first of them."""
        super().__init__(str(problems[0]) if problems else "nothing to import")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """What the caller says of the source record; None derives it from the file."""

    source_id: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    tier: str = "reference"

    def record(self, default_id: str, default_title: str, publisher: str) -> dict[str, Any]:
        """Return the source record, the caller's fields over the defaults."""
        record: dict[str, Any] = {
            "id": self.source_id or default_id,
            "title": self.title or default_title,
            "publisher": self.publisher if self.publisher is not None else publisher,
            "tier": self.tier,
        }
        if self.url:
            record["url"] = self.url
        if self.published:
            record["published"] = self.published
        record["text_file"] = f"{record['id']}.txt"
        return record


@dataclass
class Imported:
    """The records a set of tables makes, as the fact files write them, and the texts."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    attributes: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # text file name -> rendered table

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """Return the records by kind, as the loader reads them."""
        vocabulary = [{"id": k, "words": v} for k, v in sorted(self.vocabulary.items()) if v]
        return {
            "source": self.sources,
            "entity": self.entities,
            "attribute": self.attributes,
            "fact": self.facts,
            "vocabulary": vocabulary,
        }

    def models(self) -> dict[str, list[SQLModel]]:
        """Return the records as the loader's models, or raise ImportFailed naming each bad one."""
        problems: list[ImportProblem] = []
        found: dict[str, list[SQLModel]] = {}
        for kind, rows in self.records().items():
            found[kind] = []
            for row in rows:
                model, wrong = parse_record(KINDS[kind][0], row)
                problems += [ImportProblem(f"{kind} {row.get('id')!r}", m) for _, m in wrong]
                if model is not None:
                    found[kind].append(model)
        if problems:
            raise ImportFailed(problems)
        return found

    def catalog(self) -> Catalog:
        """Return the records as the engine's catalog, each checked as the loader checks it."""
        return catalog_of(self.models())

    def check(self) -> list[Problem]:
        """Return every problem the loader would find in these records, quotes included."""
        catalog = self.catalog()
        texts = {s["id"]: self.texts[s["text_file"]] for s in self.sources if "text_file" in s}
        return check_catalog(
            catalog, texts=SourceTexts(texts, {}), locate=lambda kind, record: "import"
        )


def render_files(imported: Imported) -> dict[str, str]:
    """Return the fact files and source texts to write, by path relative to the output folder."""
    files: dict[str, str] = {}
    attributes = {
        "vocabulary": {k: v for k, v in sorted(imported.vocabulary.items()) if v},
        "attribute": sorted(imported.attributes, key=lambda r: r["id"]),
    }
    if not attributes["vocabulary"]:
        del attributes["vocabulary"]
    files[ATTRIBUTES_FILE] = _toml(attributes)
    facts_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in imported.facts:
        facts_of[fact["source"]].append(fact)
    introduced: dict[str, str] = {}
    for source in sorted(imported.sources, key=lambda r: r["id"]):
        for fact in sorted(facts_of[source["id"]], key=lambda r: r["id"]):
            introduced.setdefault(fact["entity"], source["id"])
    entities_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in imported.entities:
        entities_of[introduced.get(entity["id"], "")].append(entity)
    for source in sorted(imported.sources, key=lambda r: r["id"]):
        document: dict[str, Any] = {
            "source": [source],
            "entity": sorted(entities_of.pop(source["id"], []), key=lambda r: r["id"]),
            "fact": sorted(facts_of[source["id"]], key=lambda r: r["id"]),
        }
        files[f"{source['id']}.toml"] = _toml({k: v for k, v in document.items() if v})
    unused = [e for rows in entities_of.values() for e in rows]
    if unused:  # entities no fact names (a list item, a place): kept beside the attributes
        files["entities.toml"] = _toml({"entity": sorted(unused, key=lambda r: r["id"])})
    for name, text in sorted(imported.texts.items()):
        files[f"{SOURCES_FOLDER}/{name}"] = text
    return files


def read_text_file(path: Path, name: str) -> str:
    """Return the UTF-8 text at PATH (a byte-order mark dropped), or raise ImportFailed."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ImportFailed([ImportProblem(name, f"cannot read: {exc.strerror}")]) from exc
    except UnicodeDecodeError as exc:
        problem = ImportProblem(name, f"not UTF-8 text (byte {exc.start})")
        raise ImportFailed([problem]) from exc


def write_files(files: dict[str, str], out: Path) -> list[Path]:
    """Write FILES under OUT, creating folders; return the paths written."""
    written = []
    for name, text in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def _toml(document: dict[str, Any]) -> str:
    """Return DOCUMENT as TOML, multi-line strings kept on one line for diffs."""
    return tomli_w.dumps(document, multiline_strings=False)
