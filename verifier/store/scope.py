"""Read the part of the store a write can affect, so the write is checked without the rest.

Every check the loader runs is about one record, one group of facts (an entity, an
attribute and an object) or a count and the list it counts. The store was valid before a
write, so only the records the write touches, their groups and the records they name can
break: those rows, closed over what they refer to, are checked as a catalog of their own,
and give the same problems as the whole store would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import String, cast, or_
from sqlmodel import Session, SQLModel, col, select

from verifier.core.model import ValueKind
from verifier.store.models import Attribute, Entity, Fact, FactCreate, Source, VocabularyList

# Ids per IN (...) list: far below every database's limit on bound parameters.
_CHUNK = 500


def scoped_rows(
    session: Session, touched: Iterable[tuple[str, str, SQLModel | None]]
) -> dict[str, list[SQLModel]]:
    """Return, by kind, the stored rows a write of TOUCHED records is checked against.

    TOUCHED holds (kind, id, record) for each record written: the new record, or None for
    a deletion. Attributes and the vocabulary are read whole (a store has few); facts are
    those of the touched records' groups, of the counts and lists that pair with them, and
    those that name a touched source, attribute or deleted entity; entities and sources
    are those the facts name.
    """
    attributes = list(session.exec(select(Attribute).order_by(Attribute.id)))
    kinds = {a.id: ValueKind(a.kind) for a in attributes}
    # Counts and the lists they count are checked together ("5 members" against the list).
    partners: dict[str, set[str]] = {}
    for attribute in attributes:
        if attribute.counts:
            partners.setdefault(attribute.id, set()).add(attribute.counts)
            partners.setdefault(attribute.counts, set()).add(attribute.id)
    groups: set[tuple[str, str]] = set()
    conditions: list[Any] = []
    entity_ids: set[str] = set()
    source_ids: set[str] = set()
    written: list[Any] = []  # the facts written: what they name is read too
    for kind, record_id, record in touched:
        if kind == "fact":
            if record is not None:
                written.append(record)
            stored = session.get(Fact, record_id)
            for fact in (record, stored):
                if fact is not None:
                    entity, attribute = getattr(fact, "entity"), getattr(fact, "attribute")  # noqa: B009
                    groups.update((entity, a) for a in {attribute, *partners.get(attribute, set())})
        elif kind == "attribute":
            named = {record_id, *partners.get(record_id, set())}
            conditions.append(col(Fact.attribute).in_(named))
        elif kind == "source":
            source_ids.add(record_id)
            conditions.append(
                or_(col(Fact.source) == record_id, col(Fact.quoted_from) == record_id)
            )
        elif kind == "entity":
            entity_ids.add(record_id)
            if record is None:  # a deletion: every fact that names the entity
                conditions.append(_names_entity(record_id))
    facts: dict[str, Fact] = {}
    for subject, attribute_id in sorted(groups):
        statement = select(Fact).where(Fact.entity == subject, Fact.attribute == attribute_id)
        facts.update((f.id, f) for f in session.exec(statement))
    for condition in conditions:
        facts.update((f.id, f) for f in session.exec(select(Fact).where(condition)))
    for fact in [*facts.values(), *written]:
        entity_ids.update(_entities_named(fact, kinds))
        source_ids.update(s for s in (fact.source, fact.quoted_from) if s)
    vocabulary = session.exec(select(VocabularyList).order_by(VocabularyList.id))
    return {
        "source": _rows_by_id(session, Source, source_ids),
        "entity": _rows_by_id(session, Entity, entity_ids),
        "attribute": [*attributes],
        "fact": [facts[fact_id] for fact_id in sorted(facts)],
        "vocabulary": [*vocabulary],
    }


def _names_entity(entity_id: str) -> Any:
    """Return the condition on facts that name ENTITY_ID: as subject, object, place or item."""
    # A place or list value is JSON text holding the id in quotes; the match is checked
    # exactly on the rows it returns (users_of), so a look-alike id costs only a row read.
    quoted = f'%"{entity_id}"%'
    return or_(
        col(Fact.entity) == entity_id,
        col(Fact.object) == entity_id,
        cast(Fact.value, String).like(quoted),
    )


def _entities_named(fact: Fact | FactCreate, kinds: dict[str, ValueKind]) -> Iterator[str]:
    """Yield the entity ids FACT names: its subject, its object, a place or list items."""
    yield fact.entity
    if fact.object:
        yield fact.object
    kind = kinds.get(fact.attribute)
    if kind is ValueKind.PLACE and isinstance(fact.value, str):
        yield fact.value
    elif kind is ValueKind.LIST and isinstance(fact.value, list):
        yield from (v for v in fact.value if isinstance(v, str))


def _rows_by_id(session: Session, table: type[SQLModel], ids: set[str]) -> list[SQLModel]:
    """Return the rows of TABLE with the given IDS, ordered by id."""
    key = getattr(table, "id")  # noqa: B009 - every record table has an id
    found: list[SQLModel] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        found.extend(session.exec(select(table).where(key.in_(chunk))))
    return sorted(found, key=lambda r: str(getattr(r, "id")))  # noqa: B009
