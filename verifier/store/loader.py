"""Read fact files, check them as a whole, and write them in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import rtoml
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, Table, bindparam, delete, insert, update
from sqlmodel import Session, SQLModel, select

from verifier.core.model import VOCABULARY_LISTS, Catalog, FactRecord
from verifier.store.db import (
    attribute_record,
    bump_version,
    entity_record,
    fact_record,
    session_scope,
    source_record,
    vocabulary_of,
)
from verifier.store.models import (
    Attribute,
    AttributeCreate,
    Entity,
    EntityCreate,
    Fact,
    FactCreate,
    Source,
    SourceCreate,
    VocabularyList,
    VocabularyListCreate,
)
from verifier.store.validate import Problem, SourceTexts, check_catalog

FILE_ORIGIN = "files"
# Rows per bulk statement of a load: large enough to amortise a round trip, small enough
# to stay under SQLite's and PostgreSQL's limits on bound parameters.
WRITE_BATCH = 2_000
# Each table a file may hold, the model that validates it and the table it fills,
# in the order rows must be written so that foreign keys resolve.
KINDS: dict[str, tuple[type[SQLModel], type[SQLModel]]] = {
    "source": (SourceCreate, Source),
    "entity": (EntityCreate, Entity),
    "attribute": (AttributeCreate, Attribute),
    "fact": (FactCreate, Fact),
    "vocabulary": (VocabularyListCreate, VocabularyList),
}
# Kinds a file writes as arrays of tables ([[fact]]); the vocabulary is one table of lists.
RECORD_KINDS = ("source", "entity", "attribute", "fact")
M = TypeVar("M", bound=SQLModel)
N = TypeVar("N", bound=SQLModel)
T = TypeVar("T")
# A record read from a file: a SQLModel of its kind, or for a fact the engine's record.
Record = SQLModel | FactRecord
# Told how many records were done since it was last called, and how many there are.
Progress = Callable[[int, int], None]
# A field's location in a record, as pydantic gives it, and what is wrong there.
FieldProblem = tuple[tuple[int | str, ...], str]


class LoadError(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep every problem so the caller can report them all at once."""
        super().__init__(f"{len(problems)} problem(s) in the fact files")
        self.problems = problems


@dataclass
class FactSet:
    """The records read from a folder of fact files, and where each came from."""

    # Facts are kept as the engine's plain records once validated: a pydantic model holds a
    # kilobyte more, a gigabyte at a million facts.
    records: dict[str, list[Record]] = field(default_factory=lambda: {k: [] for k in KINDS})
    locations: dict[tuple[str, str], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, kind: str, record_id: str) -> str:
        """Return the file a record came from."""
        return self.locations.get((kind, record_id), "(store)")

    def catalog(self) -> Catalog:
        """Return the records as the engine's plain catalog."""
        return catalog_of(self.records)


def catalog_of(records: Mapping[str, Iterable[Record]]) -> Catalog:
    """Return RECORDS (rows or Create models, by kind) as the engine's plain catalog."""

    def rows(kind: str, table: type[M], create: type[N]) -> list[M | N]:
        """Return the records of KIND as they are: rows of TABLE and CREATE models share fields."""
        # Not re-validated as rows: a SQLModel table model's validation is slow, and a
        # million facts went through it twice.
        return [
            r if isinstance(r, (table, create)) else table.model_validate(r) for r in records[kind]
        ]

    return Catalog(
        sources=tuple(source_record(r) for r in rows("source", Source, SourceCreate)),
        entities=tuple(entity_record(r) for r in rows("entity", Entity, EntityCreate)),
        attributes=tuple(
            attribute_record(r) for r in rows("attribute", Attribute, AttributeCreate)
        ),
        facts=tuple(_fact_of(r) for r in records["fact"]),
        vocabulary=vocabulary_of(rows("vocabulary", VocabularyList, VocabularyListCreate)),
    )


def _fact_of(record: Record) -> FactRecord:
    """Return a fact record, row or Create model as the engine's plain record."""
    if isinstance(record, FactRecord):
        return record
    if isinstance(record, (Fact, FactCreate)):
        return fact_record(record)
    return fact_record(Fact.model_validate(record))


def stored_rows(session: Session, *, besides_files: bool = False) -> dict[str, list[SQLModel]]:
    """Return the store's rows by kind, ordered by id: all, or those not from fact files."""
    found: dict[str, list[SQLModel]] = {}
    for kind, (_model, table) in KINDS.items():
        statement = select(table).order_by(table.id)  # type: ignore[attr-defined]
        if besides_files:
            statement = statement.where(table.origin != FILE_ORIGIN)  # type: ignore[attr-defined]
        found[kind] = list(session.exec(statement))
    return found


def begin_write(session: Session) -> int:
    """Bump the store's version first, so the transaction holds the write lock from the start.

    The lock (the version row on PostgreSQL, the database on SQLite) makes writers wait for
    each other, so no other write lands between checking the store and writing to it.
    Returns the version the write makes.
    """
    version = bump_version(session)
    session.flush()
    return version


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load changed, per kind of record."""

    added: dict[str, int]
    updated: dict[str, int]
    removed: dict[str, int]
    unchanged: dict[str, int]

    @property
    def changed(self) -> bool:
        """Return whether the load wrote anything."""
        return any(self.added.values()) or any(self.updated.values()) or any(self.removed.values())


def read_fact_files(path: Path) -> FactSet:
    """Read every TOML file at PATH (a file or a folder, recursively) into one fact set."""
    facts = FactSet()
    if not path.exists():
        facts.problems.append(Problem(str(path), "path", "no such file or folder"))
        return facts
    files = [path] if path.is_file() else sorted(path.rglob("*.toml"))
    if not files:
        facts.problems.append(Problem(str(path), "path", "no .toml fact files found"))
    for file in files:
        _read_file(file, _display(file, path), facts)
    return facts


def _display(file: Path, root: Path) -> str:
    """Return FILE's name as the user gave it, relative to the loaded folder."""
    if root.is_file():
        return str(root)
    return str(root / file.relative_to(root))


def _read_file(file: Path, name: str, facts: FactSet) -> None:
    """Parse one TOML file into FACTS, recording every problem."""
    try:
        # rtoml (Rust) parses ten times faster than tomllib: a million facts are 500 MB of TOML.
        data = rtoml.loads(file.read_text(encoding="utf-8"))
    except (rtoml.TomlParsingError, UnicodeDecodeError) as exc:
        facts.problems.append(Problem(name, "file", f"not valid TOML: {exc}"))
        return
    for key in data:
        if key not in KINDS:
            facts.problems.append(
                Problem(
                    name,
                    "file",
                    f"unknown table [[{key}]] (use source, entity, attribute, fact, "
                    "or one [vocabulary] table)",
                )
            )
    _read_vocabulary(data.get("vocabulary"), name, facts)
    for kind in RECORD_KINDS:
        model = KINDS[kind][0]
        items = data.get(kind, [])
        if not isinstance(items, list):
            facts.problems.append(Problem(name, "file", f"write [[{kind}]] tables, not [{kind}]"))
            continue
        for index, item in enumerate(items, start=1):
            _read_record(kind, model, item, index, name, facts)


def _read_vocabulary(table: Any, name: str, facts: FactSet) -> None:
    """Add a file's [vocabulary] lists to FACTS, merging lists that earlier files began."""
    if table is None:
        return
    if not isinstance(table, dict):
        facts.problems.append(Problem(name, "file", "write one [vocabulary] table of lists"))
        return
    for key, words in table.items():
        label = f"vocabulary {key!r}"
        if key not in VOCABULARY_LISTS:
            known = ", ".join(VOCABULARY_LISTS)
            facts.problems.append(Problem(name, label, f"unknown list (use one of: {known})"))
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            facts.problems.append(Problem(name, label, "must be a list of non-empty strings"))
            continue
        existing = next(
            (
                r
                for r in facts.records["vocabulary"]
                if isinstance(r, VocabularyListCreate) and r.id == key
            ),
            None,
        )
        if existing is None:
            facts.records["vocabulary"].append(VocabularyListCreate(id=key, words=list(words)))
            facts.locations[("vocabulary", key)] = name
        else:
            existing.words = list(dict.fromkeys([*existing.words, *words]))


def _read_record(
    kind: str, model: type[SQLModel], item: dict[str, Any], index: int, name: str, facts: FactSet
) -> None:
    """Validate one record's fields and add it to FACTS."""
    label = f"{kind} {item.get('id', f'#{index}')!r}"
    record, problems = parse_record(model, item)
    facts.problems.extend(Problem(name, label, message) for _loc, message in problems)
    if record is None:
        return
    record_id = str(getattr(record, "id"))  # noqa: B009 - every Create model has an id
    if (kind, record_id) in facts.locations:
        first = facts.locations[(kind, record_id)]
        facts.problems.append(Problem(name, label, f"duplicate id (first defined in {first})"))
        return
    facts.locations[(kind, record_id)] = name
    facts.records[kind].append(fact_record(record) if isinstance(record, FactCreate) else record)


def record_fields(record: Record) -> dict[str, Any]:
    """Return a record's fields by name, as its table's columns take them."""
    if isinstance(record, FactRecord):
        return {f.name: getattr(record, f.name) for f in fields(FactRecord)}
    return record.model_dump()


def parse_record(model: type[M], item: Mapping[str, Any]) -> tuple[M | None, list[FieldProblem]]:
    """Validate ITEM's fields as MODEL: the record, or None and every field's problem."""
    unknown = sorted(set(item) - set(model.model_fields))
    if unknown:
        return None, [((unknown[0],), f"unknown field(s): {', '.join(unknown)}")]
    try:
        return model.model_validate(item), []
    except ValidationError as exc:
        return None, [
            (error["loc"], f"{'.'.join(str(p) for p in error['loc']) or 'record'}: {error['msg']}")
            for error in exc.errors()
        ]


def read_source_texts(catalog: Catalog, sources_dir: Path | None) -> SourceTexts:
    """Return the full text of every source whose text file is in SOURCES_DIR.

    A text file must resolve inside SOURCES_DIR (a symlink out of it is refused, so a
    write cannot probe the server's files through the quote check) and decode as UTF-8.
    """
    found = SourceTexts({}, {})
    if sources_dir is None:
        return found
    folder = sources_dir.resolve()
    for source in catalog.sources:
        if not source.text_file:
            continue
        file = (folder / source.text_file).resolve()
        if not file.is_relative_to(folder):
            found.unreadable[source.id] = "text_file: resolves outside the sources folder"
        elif file.is_file():
            try:
                found.texts[source.id] = file.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                found.unreadable[source.id] = (
                    f"text_file: {source.text_file!r} is not UTF-8 text (byte {exc.start})"
                )
    return found


def validate(
    path: Path,
    *,
    sources_dir: Path | None = None,
    kept: Mapping[str, Iterable[SQLModel]] | None = None,
) -> FactSet:
    """Read and check the fact files at PATH; the returned set lists every problem.

    KEPT are store rows the files do not manage (written through the API): a load keeps
    them, so they are checked with the files, and a file may not reuse their ids.
    """
    facts = read_fact_files(path)
    records = {kind: list(facts.records[kind]) for kind in KINDS}
    for kind, rows in (kept or {}).items():
        for row in rows:
            record_id = str(getattr(row, "id"))  # noqa: B009 - every table has an id
            origin = str(getattr(row, "origin"))  # noqa: B009 - and an origin
            if (kind, record_id) in facts.locations:
                facts.problems.append(
                    Problem(
                        facts.locate(kind, record_id),
                        f"{kind} {record_id!r}",
                        f"id already used by a {kind} in the store with origin {origin!r}; "
                        f"choose another id or delete that {kind} first",
                    )
                )
                continue
            facts.locations[(kind, record_id)] = f"(store, origin {origin!r})"
            records[kind].append(row)
    catalog = catalog_of(records)
    facts.problems.extend(
        check_catalog(catalog, texts=read_source_texts(catalog, sources_dir), locate=facts.locate)
    )
    return facts


def load(
    engine: Engine,
    path: Path,
    *,
    sources_dir: Path | None = None,
    progress: Progress | None = None,
) -> LoadReport:
    """Make the store's file-managed records equal to the files at PATH, all or nothing.

    Rows written through the API are kept, and checked together with the files. PROGRESS,
    when given, is called as records are written: with how many were done since its last
    call, and how many the files hold.
    """
    with session_scope(engine) as session:
        begin_write(session)
        facts = validate(
            path, sources_dir=sources_dir, kept=stored_rows(session, besides_files=True)
        )
        if facts.problems:
            raise LoadError(facts.problems)
        report = _sync(session, facts, progress or (lambda _done, _total: None))
        if not report.changed:
            # Undo the version bump: a load that changes nothing must not rebuild every index.
            session.rollback()
    return report


def _sync(session: Session, facts: FactSet, progress: Progress) -> LoadReport:
    """Upsert every record of FACTS and delete file-managed rows the files no longer hold.

    Rows go in as bulk statements of WRITE_BATCH rows, not one ORM object each: a million
    facts load in minutes, not hours.
    """
    connection = session.connection()
    total = sum(len(records) for records in facts.records.values())

    def done(count: int) -> None:
        progress(count, total)

    added: dict[str, int] = {}
    updated: dict[str, int] = {}
    unchanged: dict[str, int] = {}
    now = datetime.now(UTC)
    for kind, (_model, table) in KINDS.items():
        columns = _table(table)
        added[kind] = updated[kind] = unchanged[kind] = 0
        inserts: list[dict[str, Any]] = []
        changes: list[dict[str, Any]] = []
        # A batch of records at a time, with the stored rows of the same ids: memory stays
        # bounded by the batch, whatever the store holds.
        for records in _batches(facts.records[kind]):
            ids = [str(getattr(r, "id")) for r in records]  # noqa: B009
            stored = connection.execute(select(*columns.c).where(columns.c.id.in_(ids)))
            existing = {row.id: row._mapping for row in stored}
            for record in records:
                values = record_fields(record)
                row = existing.get(values["id"])
                if row is not None and not _differs(row, values):
                    unchanged[kind] += 1
                    continue
                batch = inserts if row is None else changes
                batch.append({**values, "origin": FILE_ORIGIN, "updated_at": now})
                added[kind] += row is None
                updated[kind] += row is not None
            _write_rows(connection, columns, inserts, changes, done)
        done(unchanged[kind])
    removed = {kind: 0 for kind in KINDS}
    for kind, (_model, table) in reversed(KINDS.items()):
        columns = _table(table)
        keep = {str(getattr(r, "id")) for r in facts.records[kind]}  # noqa: B009
        stored = connection.execute(select(columns.c.id).where(columns.c.origin == FILE_ORIGIN))
        gone = [row_id for (row_id,) in stored if row_id not in keep]
        for batch in _batches(gone):
            connection.execute(delete(columns).where(columns.c.id.in_(batch)))
            done(len(batch))
        removed[kind] = len(gone)
    return LoadReport(added, updated, removed, unchanged)


def _write_rows(
    connection: Connection,
    columns: Table,
    inserts: list[dict[str, Any]],
    changes: list[dict[str, Any]],
    progress: Callable[[int], None],
) -> None:
    """Insert INSERTS and update CHANGES (rows by id) as bulk statements, then empty both."""
    if inserts:
        connection.execute(insert(columns), inserts)
    if changes:
        # Bound by primary key: "row_id" names the row, the other fields are its new values.
        statement = (
            update(columns)
            .where(columns.c.id == bindparam("row_id"))
            .values({name: bindparam(name) for name in changes[0] if name != "id"})
        )
        connection.execute(statement, [{**c, "row_id": c["id"]} for c in changes])
    progress(len(inserts) + len(changes))
    inserts.clear()
    changes.clear()


def _table(model: type[SQLModel]) -> Table:
    """Return the database table of a table model."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _batches(items: list[T]) -> Iterator[list[T]]:
    """Yield ITEMS in batches of WRITE_BATCH."""
    for start in range(0, len(items), WRITE_BATCH):
        yield items[start : start + WRITE_BATCH]


def _differs(row: Mapping[Any, Any], fields: dict[str, Any]) -> bool:
    """Return whether any field of a stored ROW differs from FIELDS."""
    return any(row[name] != value for name, value in fields.items())
