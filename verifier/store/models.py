"""The store's tables and the shapes the API reads and writes, one model per role."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from verifier.core.model import FactValue, Tier, ValueKind

SLUG = r"^[a-z0-9][a-z0-9-]*$"


def _now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


class SourceBase(SQLModel):
    """Fields every view of a source shares."""

    title: str = Field(min_length=1)
    publisher: str = ""
    published: str | None = None
    url: str | None = None
    language: str = "en"
    tier: Tier = Field(sa_type=String)  # plain text, so a new tier needs no enum migration
    text_file: str | None = None
    note: str | None = None


class Source(SourceBase, table=True):
    """A source facts are taken from."""

    id: str = Field(primary_key=True)
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class SourceCreate(SourceBase):
    """A source as written by a fact file or the API."""

    id: str = Field(schema_extra={"pattern": SLUG})


class SourcePublic(SourceBase):
    """A source as the API returns it."""

    id: str


class EntityBase(SQLModel):
    """Fields every view of an entity shares."""

    name: str = Field(min_length=1)
    kind: str = "thing"
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)


class Entity(EntityBase, table=True):
    """A thing facts are about."""

    id: str = Field(primary_key=True)
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class EntityCreate(EntityBase):
    """An entity as written by a fact file or the API."""

    id: str = Field(schema_extra={"pattern": SLUG})


class EntityPublic(EntityBase):
    """An entity as the API returns it."""

    id: str


class AttributeBase(SQLModel):
    """Fields every view of an attribute shares."""

    name: str = Field(min_length=1)
    kind: ValueKind = Field(sa_type=String)
    unit: str | None = None
    temporal: bool = False
    multi: bool = False
    counts: str | None = None
    phrases: list[str] = Field(default_factory=list, sa_type=JSON)


class Attribute(AttributeBase, table=True):
    """What is measured about an entity."""

    id: str = Field(primary_key=True)
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class AttributeCreate(AttributeBase):
    """An attribute as written by a fact file or the API."""

    id: str = Field(schema_extra={"pattern": SLUG})


class AttributePublic(AttributeBase):
    """An attribute as the API returns it."""

    id: str


class FactBase(SQLModel):
    """Fields every view of a fact shares."""

    entity: str
    attribute: str
    object: str | None = None
    value: FactValue = Field(sa_type=JSON)
    qualifier: str = "exact"
    valid_from: str | None = None
    valid_until: str | None = None
    observed: str | None = None
    complete: bool | None = None
    statement: str = Field(min_length=1)
    source: str
    quote: str | None = None
    quoted_from: str | None = None
    note: str | None = None


class Fact(FactBase, table=True):
    """One sourced fact."""

    id: str = Field(primary_key=True)
    entity: str = Field(foreign_key="entity.id", index=True)
    attribute: str = Field(foreign_key="attribute.id", index=True)
    object: str | None = Field(default=None, foreign_key="entity.id")
    source: str = Field(foreign_key="source.id", index=True)
    quoted_from: str | None = Field(default=None, foreign_key="source.id")
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class FactCreate(FactBase):
    """A fact as written by a fact file or the API."""

    id: str = Field(schema_extra={"pattern": SLUG})


class FactPublic(FactBase):
    """A fact as the API returns it."""

    id: str


class StoreState(SQLModel, table=True):
    """A counter bumped on every write, so readers know when to rebuild their index."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: datetime = Field(default_factory=_now)
