"""The store's tables and the shapes the API reads and writes, one model per role."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import urlsplit

from pydantic import field_validator
from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from verifier.core.model import FactValue, Tier, ValueKind
from verifier.reviews.read import OTHER as OTHER_RATING

SLUG = r"^[a-z0-9][a-z0-9-]*$"
# Caps that keep an id fit for a URL and a Location header, and a name fit for a page.
MAX_ID_CHARS = 200
MAX_NAME_CHARS = 500


def _now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


class SourceBase(SQLModel):
    """Fields every view of a source shares."""

    title: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    publisher: str = ""
    published: str | None = None
    url: str | None = None
    language: str = "en"
    tier: Tier = Field(sa_type=String)  # plain text, so a new tier needs no enum migration
    text_file: str | None = None
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        """Accept only an http or https address: a page links it and ClaimReview cites it."""
        if value:
            parsed = urlsplit(value)
            if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
                raise ValueError("use an http:// or https:// address")
        return value

    @field_validator("text_file")
    @classmethod
    def _inside_sources(cls, value: str | None) -> str | None:
        """Accept only a relative name inside the sources folder: no absolute path, no '..'."""
        if value is not None:
            path = PurePosixPath(value)
            if (
                not value.strip()
                or path.is_absolute()
                or ".." in path.parts
                or "\\" in value
                or "\x00" in value
                or PureWindowsPath(value).drive
            ):
                raise ValueError(
                    "give a file name inside the sources folder, like 'report.txt' "
                    "(no absolute path, no '..')"
                )
        return value


class Source(SourceBase, table=True):
    """A source facts are taken from."""

    id: str = Field(primary_key=True)
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class SourceCreate(SourceBase):
    """A source as written by a fact file or the API."""

    id: str = Field(max_length=MAX_ID_CHARS, schema_extra={"pattern": SLUG})


class SourcePublic(SourceBase):
    """A source as the API returns it."""

    id: str


class EntityBase(SQLModel):
    """Fields every view of an entity shares."""

    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    kind: str = "thing"
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)


class Entity(EntityBase, table=True):
    """A thing facts are about."""

    id: str = Field(primary_key=True)
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class EntityCreate(EntityBase):
    """An entity as written by a fact file or the API."""

    id: str = Field(max_length=MAX_ID_CHARS, schema_extra={"pattern": SLUG})


class EntityPublic(EntityBase):
    """An entity as the API returns it."""

    id: str


class AttributeBase(SQLModel):
    """Fields every view of an attribute shares."""

    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
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

    id: str = Field(max_length=MAX_ID_CHARS, schema_extra={"pattern": SLUG})


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
    object: str | None = Field(default=None, foreign_key="entity.id", index=True)
    source: str = Field(foreign_key="source.id", index=True)
    quoted_from: str | None = Field(default=None, foreign_key="source.id", index=True)
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class FactCreate(FactBase):
    """A fact as written by a fact file or the API."""

    id: str = Field(max_length=MAX_ID_CHARS, schema_extra={"pattern": SLUG})


class FactPublic(FactBase):
    """A fact as the API returns it."""

    id: str


class VocabularyListBase(SQLModel):
    """Fields every view of a vocabulary list shares."""

    words: list[str] = Field(default_factory=list, sa_type=JSON)


class VocabularyList(VocabularyListBase, table=True):
    """One list of the store's vocabulary ("place-kinds", "event-nouns", ...)."""

    id: str = Field(primary_key=True)
    origin: str = "files"
    updated_at: datetime = Field(default_factory=_now)


class VocabularyListCreate(VocabularyListBase):
    """A vocabulary list as the fact files' [vocabulary] tables give it."""

    id: str = Field(max_length=MAX_ID_CHARS, schema_extra={"pattern": SLUG})


class VocabularyListPublic(VocabularyListBase):
    """A vocabulary list as the API returns it."""

    id: str


class StoreState(SQLModel, table=True):
    """A counter bumped on every write, so readers know when to rebuild their index."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: datetime = Field(default_factory=_now)


class ApiTokenBase(SQLModel):
    """Fields every view of an API token shares."""

    name: str = Field(min_length=1, max_length=100, schema_extra={"pattern": SLUG})


class ApiToken(ApiTokenBase, table=True):
    """A bearer token allowed to write; the store keeps only its hash."""

    id: int | None = Field(default=None, primary_key=True)
    # Names stay unique even after revocation, so the audit log's names are unambiguous.
    name: str = Field(unique=True)
    token_hash: str = Field(unique=True)
    created_at: datetime = Field(default_factory=_now)
    revoked_at: datetime | None = None


class ApiTokenCreate(ApiTokenBase):
    """A token as `verifier tokens create` names it."""


class ApiTokenPublic(ApiTokenBase):
    """A token as `verifier tokens list` shows it: never the token itself."""

    created_at: datetime
    revoked_at: datetime | None


class AuditEntryBase(SQLModel):
    """Fields every view of an audit entry shares."""

    token: str = Field(description="The name of the token that made the change.")
    at: datetime = Field(default_factory=_now, description="When the change was written (UTC).")
    action: str = Field(description="create, update or delete.")
    kind: str = Field(description="source, entity, attribute, fact, vocabulary or review.")
    record_id: str = Field(description="The id of the record changed.")
    before: dict[str, Any] | None = Field(
        default=None, sa_type=JSON, description="The record before the change; null on create."
    )
    after: dict[str, Any] | None = Field(
        default=None, sa_type=JSON, description="The record after the change; null on delete."
    )


class AuditEntry(AuditEntryBase, table=True):
    """One change written through the API, recorded in the same transaction as the change."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=_now, index=True)
    # The store version the change made: workers read the changes since the one they hold.
    version: int | None = Field(default=None, index=True)


class AuditEntryPublic(AuditEntryBase):
    """An audit entry as the API returns it."""

    id: int


class ReviewBase(SQLModel):
    """Fields every view of a past fact check shares: a pointer to a verdict, not a fact."""

    claim: str = Field(description="The claim the fact-checker reviewed, in their words.")
    rating: str | None = Field(
        default=None, description='The publisher\'s own rating: "Pants on Fire", "Mostly false".'
    )
    verdict: str = Field(
        default=OTHER_RATING,
        description="The rating on one scale: false, mostly false, mixed, mostly true, true, "
        "or other where the publisher's words allow none.",
    )
    title: str | None = None
    summary: str | None = Field(default=None, description="A line under the title, if any.")
    url: str | None = None
    publisher: str | None = Field(default=None, description="The fact-checker.")
    author: str | None = None
    published: str | None = Field(
        default=None, description="When the check was published: an ISO date, as precise as given."
    )
    language: str | None = None


class Review(ReviewBase, table=True):
    """A past fact check, imported from ClaimReview or JSON Lines, kept apart from facts."""

    id: str = Field(primary_key=True)
    # Importing a review again finds it by id, or by URL when its id was made up anew.
    url: str | None = Field(default=None, index=True)
    origin: str = Field(description="Where it came from: file:NAME or api:TOKEN.")
    imported_at: datetime = Field(default_factory=_now)
    # The order reviews were first imported in: of two matching a claim equally well, the
    # earlier comes first, as a publisher's feed lists a check before its copies.
    seq: int = Field(default=0, index=True)


class ReviewPublic(ReviewBase):
    """A past fact check as the API returns it."""

    id: str
    origin: str
    imported_at: datetime


class ReviewState(SQLModel, table=True):
    """A counter bumped on every import of reviews, so readers know when to index them anew."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
