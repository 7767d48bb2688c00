"""The facts and sources as the pages and the API show them: a page of facts, one fact, a source."""

from __future__ import annotations

from math import ceil

from flask import current_app
from pydantic import BaseModel
from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, func, select

from verifier.data.schemas import FactQuery
from verifier.extensions import Store
from verifier.store.db import session_scope
from verifier.store.models import Attribute, Entity, Fact, FactPublic, Source, SourcePublic


class FactWithSource(FactPublic):
    """A fact with its source written out and its ids named, where the store keeps only ids."""

    source: SourcePublic  # type: ignore[assignment]
    entity_name: str
    attribute_name: str
    object_name: str | None = None
    # A list value's members by name, in the fact's order; None for any other value.
    value_names: list[str] | None = None
    # The source the quote is taken from when it is not the fact's own (reference notes).
    quoted_source: SourcePublic | None = None


class FactPage(BaseModel):
    """One page of facts matching a query."""

    facts: list[FactWithSource]
    total: int
    page: int
    pages: int
    per_page: int
    q: str
    entity: str | None
    attribute: str | None


class SourceSummary(SourcePublic):
    """A source and how many facts the store takes from it."""

    fact_count: int


class SourceList(BaseModel):
    """Every source in the store."""

    sources: list[SourceSummary]


class SourceDetail(SourcePublic):
    """A source with the facts taken from it."""

    facts: list[FactPublic]


class Choice(BaseModel):
    """An entity or attribute the facts can be filtered by."""

    id: str
    name: str


def _like(text: str) -> str:
    """Return a LIKE pattern matching TEXT anywhere, its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(query: FactQuery) -> list[ColumnElement[bool]]:
    """Return the WHERE conditions of QUERY."""
    conditions: list[ColumnElement[bool]] = []
    if query.entity:
        conditions.append(col(Fact.entity) == query.entity)
    if query.attribute:
        conditions.append(col(Fact.attribute) == query.attribute)
    for word in query.q.split():
        pattern = _like(word)
        conditions.append(
            or_(
                col(Fact.statement).ilike(pattern, escape="\\"),
                col(Fact.quote).ilike(pattern, escape="\\"),
                col(Fact.id).ilike(pattern, escape="\\"),
                col(Entity.name).ilike(pattern, escape="\\"),
            )
        )
    return conditions


def _with_sources(session: Session, facts: list[Fact]) -> list[FactWithSource]:
    """Attach each fact's source and quoted source, and the names of its entities and attribute."""
    source_ids = {f.source for f in facts} | {f.quoted_from for f in facts if f.quoted_from}
    sources = {s.id: s for s in session.exec(select(Source).where(col(Source.id).in_(source_ids)))}
    entity_ids = {f.entity for f in facts} | {f.object for f in facts if f.object}
    entity_ids |= {m for f in facts if isinstance(f.value, list) for m in map(str, f.value)}
    entities = dict(
        session.exec(select(Entity.id, Entity.name).where(col(Entity.id).in_(entity_ids))).all()
    )
    attributes = dict(
        session.exec(
            select(Attribute.id, Attribute.name).where(
                col(Attribute.id).in_({f.attribute for f in facts})
            )
        ).all()
    )
    return [
        FactWithSource.model_validate(
            fact,
            update={
                "source": SourcePublic.model_validate(sources[fact.source]),
                "entity_name": entities.get(fact.entity, fact.entity),
                "attribute_name": attributes.get(fact.attribute, fact.attribute),
                "object_name": None if fact.object is None else entities.get(fact.object),
                "value_names": [entities.get(str(m), str(m)) for m in fact.value]
                if isinstance(fact.value, list)
                else None,
                "quoted_source": None
                if fact.quoted_from is None
                else SourcePublic.model_validate(sources[fact.quoted_from]),
            },
        )
        for fact in facts
    ]


def fact_page(query: FactQuery) -> FactPage:
    """Return the page of facts matching QUERY, ordered by entity, attribute and id."""
    per_page = int(current_app.config["FACTS_PER_PAGE"])
    conditions = _conditions(query)
    with session_scope(Store.engine()) as session:
        joined = select(Fact).join(Entity, col(Entity.id) == col(Fact.entity)).where(*conditions)
        total = session.exec(select(func.count()).select_from(joined.subquery())).one()
        rows = session.exec(
            joined.order_by(col(Fact.entity), col(Fact.attribute), col(Fact.id))
            .offset((query.page - 1) * per_page)
            .limit(per_page)
        ).all()
        facts = _with_sources(session, list(rows))
    return FactPage(
        facts=facts,
        total=total,
        page=query.page,
        pages=max(1, ceil(total / per_page)),
        per_page=per_page,
        q=query.q,
        entity=query.entity,
        attribute=query.attribute,
    )


def fact_detail(fact_id: str) -> FactWithSource | None:
    """Return the fact FACT_ID with its source, or None."""
    with session_scope(Store.engine()) as session:
        fact = session.get(Fact, fact_id)
        return None if fact is None else _with_sources(session, [fact])[0]


def source_list() -> SourceList:
    """Return every source with its number of facts, ordered by title."""
    with session_scope(Store.engine()) as session:
        counts = dict(
            session.exec(select(Fact.source, func.count()).group_by(col(Fact.source))).all()
        )
        sources = session.exec(select(Source).order_by(col(Source.title))).all()
        return SourceList(
            sources=[
                SourceSummary.model_validate(s, update={"fact_count": counts.get(s.id, 0)})
                for s in sources
            ]
        )


def source_detail(source_id: str) -> SourceDetail | None:
    """Return the source SOURCE_ID with its facts, or None."""
    with session_scope(Store.engine()) as session:
        source = session.get(Source, source_id)
        if source is None:
            return None
        facts = session.exec(
            select(Fact).where(Fact.source == source_id).order_by(col(Fact.entity), col(Fact.id))
        ).all()
        return SourceDetail.model_validate(
            source, update={"facts": [FactPublic.model_validate(f) for f in facts]}
        )


def filter_choices() -> tuple[list[Choice], list[Choice]]:
    """Return the entities and attributes that have facts, for the search form."""
    with session_scope(Store.engine()) as session:
        entities = session.exec(
            select(Entity).where(col(Entity.id).in_(select(Fact.entity))).order_by(col(Entity.name))
        ).all()
        attributes = session.exec(
            select(Attribute)
            .where(col(Attribute.id).in_(select(Fact.attribute)))
            .order_by(col(Attribute.name))
        ).all()
        return (
            [Choice(id=e.id, name=e.name) for e in entities],
            [Choice(id=a.id, name=a.name) for a in attributes],
        )
