"""Plain records the engine reasons over, independent of any storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

FactValue: TypeAlias = int | float | str | list[str]


class Tier(StrEnum):
    """Rank of a source when sources disagree."""

    PRIMARY = "primary"
    REFERENCE = "reference"
    NEWS = "news"

    @property
    def rank(self) -> int:
        """Return a number that is higher for more authoritative tiers."""
        return {"primary": 3, "reference": 2, "news": 1}[self.value]


class ValueKind(StrEnum):
    """The kind of value an attribute takes."""

    COUNT = "count"
    QUANTITY = "quantity"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    PLACE = "place"
    TEXT = "text"
    LIST = "list"
    FLAG = "flag"  # yes or no: "Mixed gender: yes"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """Where facts come from."""

    id: str
    title: str
    publisher: str
    tier: Tier
    published: str | None = None
    url: str | None = None
    language: str = "en"
    text_file: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A thing facts are about, with the names writers use for it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Return the canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class AttributeRecord:
    """What is measured about an entity, and the phrases writers use for it."""

    id: str
    name: str
    kind: ValueKind
    unit: str | None = None
    temporal: bool = False
    multi: bool = False
    counts: str | None = None
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FactRecord:
    """One sourced statement: an entity's attribute has a value, per a source."""

    id: str
    entity: str
    attribute: str
    value: FactValue
    statement: str
    source: str
    qualifier: str = "exact"
    object: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    observed: str | None = None
    complete: bool | None = None
    quote: str | None = None
    quoted_from: str | None = None
    note: str | None = None


# The lists a store's vocabulary may hold (facts/README.md), by their name in fact files.
VOCABULARY_LISTS = (
    "place-kinds",
    "event-kinds",
    "containment",
    "referring-nouns",
    "event-nouns",
    "lifespan-start",
    "lifespan-end",
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The few domain words the engine needs, from the store rather than from its code."""

    place_kinds: frozenset[str] = frozenset()  # entity kinds that are places
    event_kinds: frozenset[str] = frozenset()  # entity kinds that are events
    containment: tuple[str, ...] = ()  # attributes that put a place inside another
    referring_nouns: frozenset[str] = frozenset()  # "the bloc", "the organization"
    event_nouns: frozenset[str] = frozenset()  # "the 2017 summit"
    lifespan_start: tuple[str, ...] = ()  # attributes that start an entity's life
    lifespan_end: tuple[str, ...] = ()  # attributes that end it

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]]) -> Vocabulary:
        """Build the vocabulary from lists named as in fact files ("place-kinds", ...)."""

        def words(name: str) -> list[str]:
            return [w.casefold() for w in lists.get(name, [])]

        return cls(
            place_kinds=frozenset(words("place-kinds")),
            event_kinds=frozenset(words("event-kinds")),
            containment=tuple(lists.get("containment", [])),
            referring_nouns=frozenset(words("referring-nouns")),
            event_nouns=frozenset(words("event-nouns")),
            lifespan_start=tuple(lists.get("lifespan-start", [])),
            lifespan_end=tuple(lists.get("lifespan-end", [])),
        )


@dataclass(frozen=True, slots=True)
class Catalog:
    """A consistent snapshot of the store, handed to the engine."""

    sources: tuple[SourceRecord, ...] = ()
    entities: tuple[EntityRecord, ...] = ()
    attributes: tuple[AttributeRecord, ...] = ()
    facts: tuple[FactRecord, ...] = ()
    version: str = field(default="")
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
