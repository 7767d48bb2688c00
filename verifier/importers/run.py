"""One import, as the CLI, the API and the page run it: read, type, check, render the files."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from verifier.importers.csvtable import TableMap, import_csv
from verifier.importers.infobox import import_tables, parse_table
from verifier.importers.records import (
    Imported,
    ImportFailed,
    ImportProblem,
    SourceOptions,
    read_text_file,
    render_files,
)

FORMATS = ("csv", "infobox")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to import: its name for messages, its stem for ids, and its text or path."""

    name: str
    stem: str
    text: str | None = None
    path: Path | None = None

    @classmethod
    def at(cls, path: Path) -> InputFile:
        """Return the file at PATH, read when imported (CSV is streamed)."""
        return cls(str(path), path.stem, path=path)

    def read_text(self) -> str:
        """Return the whole text, or raise ImportFailed when it is not UTF-8."""
        if self.text is not None:
            return self.text
        assert self.path is not None
        return read_text_file(self.path, self.name)

    def rows(self) -> Iterator[list[str]]:
        """Yield the CSV rows one at a time."""
        if self.path is None:
            yield from csv.reader(io.StringIO((self.text or "").lstrip("\ufeff")))
            return
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                yield from csv.reader(handle)
        except OSError as exc:
            raise ImportFailed([ImportProblem(self.name, f"cannot read: {exc.strerror}")]) from exc


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import made: the records, the files to write, and the cells it skipped."""

    imported: Imported
    files: dict[str, str]
    skipped: list[ImportProblem]


def run_import(
    kind: str,
    inputs: Iterable[InputFile],
    *,
    shape: str | None = None,
    mapping: TableMap | None = None,
    options: SourceOptions | None = None,
    skip_bad: bool = False,
) -> ImportResult:
    """Import INPUTS of format KIND, check the records as the loader does, render the files.

    Raise ImportFailed listing every problem; nothing is made unless all of it is valid,
    or SKIP_BAD leaves the bad cells out (they are listed in the result).
    """
    inputs = list(inputs)
    if kind not in FORMATS:
        raise ImportFailed([ImportProblem("format", f"use one of {', '.join(FORMATS)}")])
    if not inputs:
        raise ImportFailed([ImportProblem("input", "no files to import")])
    skipped: list[ImportProblem] = []
    if kind == "infobox":
        problems: list[ImportProblem] = []
        tables = []
        for item in inputs:
            try:
                tables.append(parse_table(item.read_text(), item.stem, name=item.name))
            except ImportFailed as exc:
                problems += exc.problems
        if problems:
            raise ImportFailed(problems)
        imported = import_tables(tables, options=options)
    else:
        if len(inputs) > 1 and options is not None and (options.source_id or options.title):
            problem = ImportProblem("input", "--source-id and --title name one source: one file")
            raise ImportFailed([problem])
        parts = []
        for item in inputs:
            part, bad = import_csv(
                item.rows(),
                name=item.name,
                stem=item.stem,
                shape=shape,
                mapping=mapping,
                options=options,
                skip_bad=skip_bad,
            )
            parts.append(part)
            skipped += bad
        imported = _merge(parts)
    problems = [ImportProblem(p.record, p.message) for p in imported.check()]
    if problems:
        raise ImportFailed(problems)
    return ImportResult(imported, render_files(imported), skipped)


def _merge(parts: list[Imported]) -> Imported:
    """Return the records of several files as one import: an attribute or entity once."""
    merged = Imported()
    seen: dict[str, dict[str, str]] = {"attribute": {}, "entity": {}, "source": {}, "fact": {}}
    problems: list[ImportProblem] = []
    for part in parts:
        for kind, mine, theirs in (
            ("attribute", merged.attributes, part.attributes),
            ("entity", merged.entities, part.entities),
            ("source", merged.sources, part.sources),
            ("fact", merged.facts, part.facts),
        ):
            for record in theirs:
                first = seen[kind].get(record["id"])
                if first is None:
                    seen[kind][record["id"]] = record.get("kind", "")
                    mine.append(record)
                elif kind in ("source", "fact"):
                    message = f"{record['id']!r} comes from more than one file"
                    problems.append(ImportProblem(kind, message))
                elif first != record.get("kind", ""):
                    message = (
                        f"{record['id']!r} is a {first} in one file, a {record['kind']} in another"
                    )
                    problems.append(ImportProblem(kind, message))
        merged.texts.update(part.texts)
    if problems:
        raise ImportFailed(problems)
    return merged
