"""Open the database, upgrade its schema, and read it as plain records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, Table, event, inspect
from sqlmodel import Session, SQLModel, col, create_engine, func, select

from verifier.core.index import Changes
from verifier.core.model import (
    AttributeRecord,
    Catalog,
    EntityRecord,
    FactRecord,
    SourceRecord,
    Tier,
    ValueKind,
    Vocabulary,
)
from verifier.store.models import (
    Attribute,
    AttributeCreate,
    AuditEntry,
    Entity,
    EntityCreate,
    Fact,
    FactCreate,
    Source,
    SourceCreate,
    StoreState,
    VocabularyList,
    VocabularyListCreate,
)


def make_engine(url: str) -> Engine:
    """Create an engine for URL, with foreign keys enforced on SQLite."""
    is_sqlite = url.startswith("sqlite")
    connect_args: dict[str, Any] = {"check_same_thread": False} if is_sqlite else {}
    engine = create_engine(url, connect_args=connect_args, pool_pre_ping=not is_sqlite)
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Enforce foreign keys and let readers run beside a writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to REVISION with Alembic, keeping every stored row."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(resources.files("verifier.store") / "migrations"))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """Return the schema revision the database is at, or None when it has none."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return None if row is None else str(row[0])


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on any error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def store_version(session: Session) -> int:
    """Return the store's write counter (0 for a store never written)."""
    state = session.get(StoreState, 1)
    return 0 if state is None else state.version


def bump_version(session: Session) -> int:
    """Increment the store's write counter inside the caller's transaction."""
    state = session.get(StoreState, 1, with_for_update=True)
    if state is None:
        state = StoreState(id=1, version=0)
    state.version += 1
    session.add(state)
    return state.version


# Past this many records written since a worker's version, indexing the store anew is as quick.
MAX_FOLLOWED_RECORDS = 1_000
# The kinds of record a worker follows write by write; a source or an attribute written
# (rare, and cited by many facts) has it index the store anew.
FOLLOWED_KINDS = frozenset({"fact", "entity"})


def store_changes(session: Session, since: int, until: int) -> Changes | None:
    """Return the entities and facts written after version SINCE up to UNTIL, before and after.

    None when a worker must read the store anew instead: a version no audit entry made
    (a `facts load`), a write of another kind, or more than MAX_FOLLOWED_RECORDS records.
    """
    entries = list(
        session.exec(
            select(AuditEntry)
            .where(col(AuditEntry.version) > since, col(AuditEntry.version) <= until)
            .order_by(col(AuditEntry.id))
        )
    )
    if {e.version for e in entries} != set(range(since + 1, until + 1)):
        return None
    if any(e.kind not in FOLLOWED_KINDS for e in entries):
        return None
    first: dict[tuple[str, str], AuditEntry] = {}
    for entry in entries:
        first.setdefault((entry.kind, entry.record_id), entry)
    if len(first) > MAX_FOLLOWED_RECORDS:
        return None
    # Each record as it was at SINCE: the "before" of its first change since (none: new).
    was = [e for e in first.values() if e.before]
    fact_ids = [record_id for kind, record_id in first if kind == "fact"]
    entity_ids = [record_id for kind, record_id in first if kind == "entity"]
    return Changes(
        facts_before=[
            fact_record(FactCreate.model_validate(e.before)) for e in was if e.kind == "fact"
        ],
        facts_after=[
            fact_record(r) for r in session.exec(select(Fact).where(col(Fact.id).in_(fact_ids)))
        ],
        entities_before=[
            entity_record(EntityCreate.model_validate(e.before)) for e in was if e.kind == "entity"
        ],
        entities_after=[
            entity_record(r)
            for r in session.exec(select(Entity).where(col(Entity.id).in_(entity_ids)))
        ],
    )


def is_empty(session: Session) -> bool:
    """Return whether the store holds no fact and no source."""
    return (
        session.exec(select(Fact.id).limit(1)).first() is None
        and session.exec(select(Source.id).limit(1)).first() is None
    )


def count_records(session: Session) -> dict[str, int]:
    """Count the facts, sources and entities the store holds."""
    return {
        "facts": session.exec(select(func.count()).select_from(Fact)).one(),
        "sources": session.exec(select(func.count()).select_from(Source)).one(),
        "entities": session.exec(select(func.count()).select_from(Entity)).one(),
    }


def source_record(row: Source | SourceCreate) -> SourceRecord:
    """Convert a source row into the engine's plain record."""
    return SourceRecord(
        id=row.id,
        title=row.title,
        publisher=row.publisher,
        tier=Tier(row.tier),
        published=row.published,
        url=row.url,
        language=row.language,
        text_file=row.text_file,
        note=row.note,
    )


def entity_record(row: Entity | EntityCreate) -> EntityRecord:
    """Convert an entity row into the engine's plain record."""
    return EntityRecord(id=row.id, name=row.name, kind=row.kind, aliases=tuple(row.aliases))


def attribute_record(row: Attribute | AttributeCreate) -> AttributeRecord:
    """Convert an attribute row into the engine's plain record."""
    return AttributeRecord(
        id=row.id,
        name=row.name,
        kind=ValueKind(row.kind),
        unit=row.unit,
        temporal=row.temporal,
        multi=row.multi,
        counts=row.counts,
        phrases=tuple(row.phrases),
    )


def fact_record(row: Fact | FactCreate) -> FactRecord:
    """Convert a fact row into the engine's plain record."""
    return FactRecord(
        id=row.id,
        entity=row.entity,
        attribute=row.attribute,
        value=row.value,
        statement=row.statement,
        source=row.source,
        qualifier=row.qualifier,
        object=row.object,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        observed=row.observed,
        complete=row.complete,
        quote=row.quote,
        quoted_from=row.quoted_from,
        note=row.note,
    )


def vocabulary_of(rows: Iterable[VocabularyList | VocabularyListCreate]) -> Vocabulary:
    """Convert the vocabulary's rows into the engine's plain vocabulary."""
    return Vocabulary.from_lists({row.id: list(row.words) for row in rows})


def read_catalog(session: Session) -> Catalog:
    """Read the whole store as one consistent snapshot of plain records.

    Rows are read as plain tuples, not ORM objects: a worker reads a million facts when it
    starts, and building an ORM object for each would take longer than indexing them.
    """

    def rows(table: type[SQLModel]) -> list[Any]:
        """Return TABLE's rows as named tuples, ordered by id."""
        columns: Table = table.__table__  # type: ignore[attr-defined]
        return list(session.connection().execute(columns.select().order_by(columns.c.id)))

    # The fact columns in FactRecord's order: each row makes a record positionally, which
    # is three times quicker than by name at a million rows.
    facts: Table = Fact.__table__  # type: ignore[attr-defined]
    ordered = select(*(facts.c[f.name] for f in fields(FactRecord))).order_by(facts.c.id)
    return Catalog(
        sources=tuple(source_record(r) for r in rows(Source)),
        entities=tuple(entity_record(r) for r in rows(Entity)),
        attributes=tuple(attribute_record(r) for r in rows(Attribute)),
        facts=tuple(FactRecord(*r) for r in session.connection().execute(ordered)),
        version=str(store_version(session)),
        vocabulary=vocabulary_of(session.exec(select(VocabularyList))),
    )
