"""Write one record as the API asks: checked as the loader checks files, audited, all or nothing.

A write builds the catalog of the part of the store it can affect (the rows it touches, their
groups and what they name: see scope.py) with the change, and runs the loader's checks on it;
only then does it write the row, its audit entry and the new store version in one
transaction, so a refused write changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, SQLModel

from verifier.core.model import Catalog, ValueKind
from verifier.store.db import session_scope
from verifier.store.loader import (
    FILE_ORIGIN,
    KINDS,
    begin_write,
    catalog_of,
    parse_record,
    read_source_texts,
)
from verifier.store.models import (
    AttributePublic,
    AuditEntry,
    EntityPublic,
    FactPublic,
    SourcePublic,
)
from verifier.store.scope import scoped_rows
from verifier.store.validate import Problem, SourceTexts, check_catalog

API_ORIGIN = "api"
PUBLIC: dict[str, type[SQLModel]] = {
    "source": SourcePublic,
    "entity": EntityPublic,
    "attribute": AttributePublic,
    "fact": FactPublic,
}
# Where the written record's problems are located, to tell them from other records' problems.
WRITTEN = "request"
Loc = tuple[int | str, ...]

# The field each of check_catalog's messages is about, per kind; a fact's other problems
# (an unreadable value, a place or list item that is no entity, a count that disagrees with
# a list, two values) are about its value.
_FIELDS: dict[str, tuple[tuple[re.Pattern[str], str | None], ...]] = {
    "source": (
        (re.compile(r"in published$"), "published"),
        (re.compile(r"^text_file: "), "text_file"),
    ),
    "attribute": ((re.compile(r"count"), "counts"),),
    "fact": (
        (re.compile(r"^unparseable date .* in (?P<field>valid_from|valid_until|observed)$"), None),
        (re.compile(r"^unknown source .* in quoted_from$"), "quoted_from"),
        (re.compile(r"^unknown object entity "), "object"),
        (re.compile(r"^unknown entity "), "entity"),
        (re.compile(r"^unknown source "), "source"),
        (re.compile(r"^unknown attribute "), "attribute"),
        (re.compile(r"^unknown qualifier "), "qualifier"),
        (re.compile(r"^only a list fact can be marked complete"), "complete"),
        (re.compile(r"does not change over time: drop the period$"), "valid_from"),
        (re.compile(r"^period overlaps "), "valid_from"),
        (re.compile(r"^(quote not found verbatim|missing quote)"), "quote"),
        (re.compile(r""), "value"),
    ),
}


class WriteRefused(Exception):
    """A write the store refused; nothing changed."""

    def __init__(self, message: str, loc: Loc | None = None) -> None:
        """Say what is wrong and, when one field is, where (as pydantic locates fields)."""
        super().__init__(message)
        self.message = message
        self.loc = loc


class UnknownRecord(WriteRefused):
    """No record has the id the write names."""


class RecordConflict(WriteRefused):
    """The write clashes with the store: an id in use, a record in use, a file's record."""


class InvalidRecord(WriteRefused):
    """The record, or the store with it, fails the loader's checks."""

    def __init__(self, problems: list[str], loc: Loc | None) -> None:
        """Keep every problem, so the caller can report them all at once."""
        super().__init__(
            f"{len(problems)} problem(s); nothing was written: {'; '.join(problems)}", loc
        )
        self.problems = problems


def create_record(
    engine: Engine,
    kind: str,
    item: Mapping[str, Any],
    *,
    token: str,
    sources_dir: Path | None = None,
) -> dict[str, Any]:
    """Add ITEM as a new record of KIND for TOKEN; return it as the API shows it."""
    record = _parse(kind, item)
    record_id = _id_of(record)
    table = KINDS[kind][1]
    with session_scope(engine) as session:
        version = begin_write(session)
        if session.get(table, record_id) is not None:
            raise RecordConflict(
                f"A {kind} with id {record_id!r} exists already; change it with PUT instead.",
                ("id",),
            )
        rows = scoped_rows(session, [(kind, record_id, record)])
        rows[kind].append(record)
        _check(rows, kind, record_id, sources_dir)
        session.add(table.model_validate({**record.model_dump(), "origin": API_ORIGIN}))
        after = _public(kind, record)
        _audit(session, version, token, "create", kind, record_id, None, after)
    return after


def update_record(
    engine: Engine,
    kind: str,
    record_id: str,
    item: Mapping[str, Any],
    *,
    token: str,
    sources_dir: Path | None = None,
) -> dict[str, Any]:
    """Replace the record KIND RECORD_ID with ITEM for TOKEN; return it as the API shows it."""
    if item.get("id", record_id) != record_id:
        raise InvalidRecord(
            [f"id: {item.get('id')!r} differs from the id in the path; ids never change"],
            ("id",),
        )
    with session_scope(engine) as session:
        version = begin_write(session)
        row = _writable(session, kind, record_id)
        record = _parse(kind, {**item, "id": record_id})
        rows = scoped_rows(session, [(kind, record_id, record)])
        rows[kind] = [record if _id_of(r) == record_id else r for r in rows[kind]]
        _check(rows, kind, record_id, sources_dir)
        before = _public(kind, row)
        for name, value in record.model_dump().items():
            setattr(row, name, value)
        row.updated_at = datetime.now(UTC)
        session.add(row)
        after = _public(kind, record)
        _audit(session, version, token, "update", kind, record_id, before, after)
    return after


def delete_record(
    engine: Engine, kind: str, record_id: str, *, token: str, sources_dir: Path | None = None
) -> dict[str, Any]:
    """Delete the record KIND RECORD_ID for TOKEN; return it as it was."""
    with session_scope(engine) as session:
        version = begin_write(session)
        row = _writable(session, kind, record_id)
        rows = scoped_rows(session, [(kind, record_id, None)])
        users = users_of(catalog_of(rows), kind, record_id)
        if users:
            raise RecordConflict(
                f"The {kind} {record_id!r} is still used by {', '.join(users)}; "
                "change or delete those first."
            )
        rows[kind] = [r for r in rows[kind] if _id_of(r) != record_id]
        _check(rows, kind, record_id, sources_dir)
        before = _public(kind, row)
        session.delete(row)
        _audit(session, version, token, "delete", kind, record_id, before, None)
    return before


def import_records(
    engine: Engine,
    records: Mapping[str, list[SQLModel]],
    texts: Mapping[str, str],
    *,
    token: str,
    sources_dir: Path | None = None,
) -> dict[str, int]:
    """Write an import's RECORDS for TOKEN in one transaction, each checked and audited.

    TEXTS are the imported sources' texts by source id: quotes are checked against them,
    and they are written into SOURCES_DIR (as each source's text_file) once the records
    are stored. A record the API wrote before is replaced; one from the fact files is
    refused, as a single write would be. Returns how many records of each kind were written.
    """
    written: dict[str, int] = {}
    with session_scope(engine) as session:
        version = begin_write(session)
        rows = scoped_rows(
            session, [(kind, _id_of(r), r) for kind, incoming in records.items() for r in incoming]
        )
        records = {**records, "vocabulary": _merged_vocabulary(rows, records.get("vocabulary", []))}
        for kind, incoming in records.items():
            ids = {_id_of(r) for r in incoming}
            for row in rows[kind]:
                if _id_of(row) in ids and getattr(row, "origin") == FILE_ORIGIN:  # noqa: B009
                    raise RecordConflict(
                        f"The {kind} {_id_of(row)!r} comes from the fact files; import under "
                        "another id (--source-id) or change it in the files.",
                        ("content",),
                    )
            rows[kind] = [r for r in rows[kind] if _id_of(r) not in ids] + list(incoming)
        catalog = catalog_of(rows)
        known = read_source_texts(catalog, sources_dir)
        merged = SourceTexts({**known.texts, **texts}, known.unreadable)
        problems = check_catalog(catalog, texts=merged, locate=lambda kind, record: "import")
        if problems:
            raise InvalidRecord([_line(p) for p in problems], ("content",))
        for kind, incoming in records.items():
            table = KINDS[kind][1]
            for record in incoming:
                record_id = _id_of(record)
                existing = session.get(table, record_id)
                after = _public(kind, record)
                if existing is None:
                    session.add(table.model_validate({**record.model_dump(), "origin": API_ORIGIN}))
                    _audit(session, version, token, "create", kind, record_id, None, after)
                else:
                    before = _public(kind, existing)
                    for name, value in record.model_dump().items():
                        setattr(existing, name, value)
                    existing.updated_at = datetime.now(UTC)
                    session.add(existing)
                    _audit(session, version, token, "update", kind, record_id, before, after)
            session.flush()
            written[kind] = len(incoming)
        if sources_dir is not None:
            for source in records.get("source", []):
                name = str(getattr(source, "text_file", "") or "")
                if name and _id_of(source) in texts:
                    (sources_dir / name).write_text(texts[_id_of(source)], encoding="utf-8")
    return written


def _merged_vocabulary(
    rows: Mapping[str, list[SQLModel]], incoming: list[SQLModel]
) -> list[SQLModel]:
    """Return an import's vocabulary lists merged into the stored ones the API wrote.

    A list the fact files define stays theirs (a load would undo a change), so an import
    adds no words to it; a list the API wrote gains the import's words.
    """
    stored = {_id_of(r): r for r in rows.get("vocabulary", [])}
    merged: list[SQLModel] = []
    for record in incoming:
        existing = stored.get(_id_of(record))
        if existing is None:
            merged.append(record)
        elif getattr(existing, "origin") != FILE_ORIGIN:  # noqa: B009
            words = [*getattr(existing, "words"), *getattr(record, "words")]  # noqa: B009
            merged.append(
                type(record).model_validate(
                    {**record.model_dump(), "words": list(dict.fromkeys(words))}
                )
            )
    return merged


def users_of(catalog: Catalog, kind: str, record_id: str) -> list[str]:
    """Return the records of CATALOG that refer to the record KIND RECORD_ID, as labels."""
    users: list[str] = []
    if kind == "source":
        users = [f"fact {f.id!r}" for f in catalog.facts if record_id in (f.source, f.quoted_from)]
    elif kind == "attribute":
        users = [f"attribute {a.id!r}" for a in catalog.attributes if a.counts == record_id]
        users += [f"fact {f.id!r}" for f in catalog.facts if f.attribute == record_id]
    elif kind == "entity":
        kinds = {a.id: a.kind for a in catalog.attributes}
        for fact in catalog.facts:
            named = kinds.get(fact.attribute) in (ValueKind.PLACE, ValueKind.LIST) and (
                fact.value == record_id
                or (isinstance(fact.value, list) and record_id in fact.value)
            )
            if named or record_id in (fact.entity, fact.object):
                users.append(f"fact {fact.id!r}")
    return users


def problem_field(kind: str, message: str) -> str | None:
    """Return the field a check_catalog MESSAGE about a record of KIND is about."""
    for pattern, field in _FIELDS.get(kind, ()):
        found = pattern.search(message)
        if found:
            return field or found.group("field")
    return None


def _parse(kind: str, item: Mapping[str, Any]) -> SQLModel:
    """Validate ITEM's fields as a record of KIND, as the loader validates a file's record."""
    record, problems = parse_record(KINDS[kind][0], item)
    if record is None:
        raise InvalidRecord([message for _loc, message in problems], problems[0][0])
    return record


def _writable(session: Session, kind: str, record_id: str) -> SQLModel:
    """Return the row KIND RECORD_ID, if it exists and was written through the API."""
    row = session.get(KINDS[kind][1], record_id)
    if row is None:
        raise UnknownRecord(f"No {kind} with id {record_id!r}.")
    if getattr(row, "origin") == FILE_ORIGIN:  # noqa: B009 - every table has an origin
        # The next `facts load` would undo the change, so it belongs in the files.
        raise RecordConflict(
            f"The {kind} {record_id!r} comes from the fact files; change it there and run "
            "`verifier facts load`."
        )
    return row


def _check(
    rows: Mapping[str, list[SQLModel]], kind: str, record_id: str, sources_dir: Path | None
) -> None:
    """Refuse the write unless the store as ROWS would hold it passes every loader check."""
    catalog = catalog_of(rows)

    def locate(problem_kind: str, problem_id: str) -> str:
        """Tell the written record's problems from those of records it affects."""
        return WRITTEN if (problem_kind, problem_id) == (kind, record_id) else "store"

    problems = check_catalog(catalog, texts=read_source_texts(catalog, sources_dir), locate=locate)
    if problems:
        own = next((p for p in problems if p.file == WRITTEN), None)
        field = None if own is None else problem_field(kind, own.message)
        raise InvalidRecord([_line(p) for p in problems], None if field is None else (field,))


def _line(problem: Problem) -> str:
    """Write PROBLEM as its record and what is wrong, without the loader's file."""
    return f"{problem.record}: {problem.message}"


def _id_of(record: SQLModel) -> str:
    """Return the id of a record or row."""
    return str(getattr(record, "id"))  # noqa: B009 - every record has an id


def _public(kind: str, record: SQLModel) -> dict[str, Any]:
    """Return RECORD as the API shows a record of KIND."""
    shown: dict[str, Any] = PUBLIC[kind].model_validate(record).model_dump(mode="json")
    return shown


def _audit(
    session: Session,
    version: int,
    token: str,
    action: str,
    kind: str,
    record_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Record the change in the audit log, in the transaction that makes it."""
    session.add(
        AuditEntry(
            token=token,
            action=action,
            kind=kind,
            record_id=record_id,
            before=before,
            after=after,
            version=version,
        )
    )
