"""A generic catalog for engine tests: a fictional union, its members, figures and events."""

from __future__ import annotations

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

SOURCES = (
    SourceRecord("gazette", "The Rail Gazette", "Rail Gazette Ltd", Tier.NEWS, "2024-05-01"),
    SourceRecord("herald", "The Harbour Herald", "Herald Media", Tier.NEWS, "2024-05-02"),
    SourceRecord(
        "treaty",
        "Founding treaty of the union",
        "Union secretariat",
        Tier.PRIMARY,
        "1999-03-03",
        url="https://example.org/treaty",
    ),
    SourceRecord("yearbook", "Rail Yearbook", "Yearbook Press", Tier.REFERENCE, "2020"),
)

ENTITIES = (
    EntityRecord("nru", "Northern Rail Union", "organization", ("NRU", "Northern Rail Org.")),
    EntityRecord("oslo", "Oslo", "city"),
    EntityRecord("bergen", "Bergen", "city"),
    EntityRecord("norway", "Norway", "country"),
    EntityRecord("sweden", "Sweden", "country"),
    EntityRecord("denmark", "Denmark", "country"),
    EntityRecord("finland", "Finland", "country"),
    EntityRecord("iceland", "Iceland", "country"),
    EntityRecord("estonia", "Estonia", "country"),
    EntityRecord("latvia", "Latvia", "country"),
    EntityRecord("ada", "Ada Lind", "person"),
    EntityRecord("bo", "Bo Strand", "person"),
    EntityRecord("expo", "Rail Expo 2023", "event", ("the 2023 Rail Expo",)),
    EntityRecord("great-strike", "the great rail strike", "event", ("great rail strike",)),
)

ATTRIBUTES = (
    AttributeRecord(
        "member-count",
        "member count",
        ValueKind.COUNT,
        "member states",
        True,
        counts="members",
        phrases=("member states", "members", "member countries"),
    ),
    AttributeRecord(
        "members",
        "members",
        ValueKind.LIST,
        None,
        True,
        phrases=("member", "full member", "member state"),
    ),
    AttributeRecord(
        "observers", "observers", ValueKind.LIST, None, True, multi=True, phrases=("observer",)
    ),
    AttributeRecord(
        "founding-date",
        "founding date",
        ValueKind.DATE,
        phrases=("founded", "established", "created"),
    ),
    AttributeRecord(
        "founding-place", "founding place", ValueKind.PLACE, phrases=("founded", "established")
    ),
    AttributeRecord(
        "accession-date",
        "accession date",
        ValueKind.DATE,
        phrases=("joined", "admitted", "accession"),
    ),
    AttributeRecord(
        "world-trade-share",
        "share of world rail freight",
        ValueKind.PERCENT,
        "%",
        True,
        phrases=("world rail freight", "global rail freight", "carries"),
    ),
    AttributeRecord(
        "budget", "annual budget", ValueKind.MONEY, "EUR", True, phrases=("budget", "annual budget")
    ),
    AttributeRecord(
        "track-length",
        "track length",
        ValueKind.QUANTITY,
        "km",
        True,
        phrases=("track", "tracks", "rail network"),
    ),
    AttributeRecord("chair", "chair", ValueKind.PLACE, phrases=("chaired by", "chair")),
    AttributeRecord("date", "date", ValueKind.DATE, phrases=("took place", "held")),
    AttributeRecord("located-in", "located in", ValueKind.PLACE, phrases=("located in",)),
    AttributeRecord("place", "place", ValueKind.PLACE, phrases=("held in", "takes place")),
)


def fact(
    fact_id: str,
    entity: str,
    attribute: str,
    value: object,
    source: str = "gazette",
    **extra: object,
) -> FactRecord:
    """Build a fact with a generic statement and quote."""
    return FactRecord(
        id=fact_id,
        entity=entity,
        attribute=attribute,
        value=value,  # type: ignore[arg-type]
        statement=f"{entity} {attribute} is {value}.",
        source=source,
        quote=f"quote for {fact_id}",
        **extra,  # type: ignore[arg-type]
    )


FACTS = (
    fact("count-1999", "nru", "member-count", 3, valid_from="1999-03-03"),
    fact("count-2012", "nru", "member-count", 4, valid_from="2012"),
    fact("count-2021", "nru", "member-count", 5, valid_from="2021"),
    fact(
        "members-2021",
        "nru",
        "members",
        ["norway", "sweden", "denmark", "finland", "iceland"],
        valid_from="2021",
        complete=True,
    ),
    fact("observers", "nru", "observers", ["estonia"], valid_from="2021", complete=False),
    # A later partial list adds to an earlier one; it does not replace it.
    fact("observers-herald", "nru", "observers", ["latvia"], source="herald", observed="2024-05"),
    fact("founded", "nru", "founding-date", "1999-03-03", source="treaty"),
    fact("founded-news", "nru", "founding-date", "1999-03-03"),
    fact("founded-place", "nru", "founding-place", "oslo", source="treaty"),
    fact("finland-joined", "finland", "accession-date", "2012", object="nru"),
    fact("iceland-joined", "iceland", "accession-date", "2021-06", object="nru"),
    fact("share", "nru", "world-trade-share", "23%", qualifier="more-than", observed="2024-05"),
    fact("budget", "nru", "budget", "€24.6 million", qualifier="about", observed="2024"),
    fact("tracks", "nru", "track-length", "41,500 km", observed="2024"),
    fact("expo-date", "expo", "date", "2023-09-12"),
    fact("expo-date-herald", "expo", "date", "2023-10-01", source="herald"),
    fact("expo-place", "expo", "place", "bergen"),
    fact("expo-chair", "expo", "chair", "ada"),
    fact("bergen-in-norway", "bergen", "located-in", "norway"),
    fact("oslo-in-norway", "oslo", "located-in", "norway"),
    fact("strike-date", "great-strike", "date", "1987-05"),
    # Two news sources disagree on the strike's date; the yearbook settles it.
    fact("strike-date-herald", "great-strike", "date", "1988-05", source="herald"),
    fact("strike-date-yearbook", "great-strike", "date", "1987-05-04", source="yearbook"),
)

VOCABULARY = Vocabulary(
    place_kinds=frozenset({"city", "country"}),
    event_kinds=frozenset({"event"}),
    containment=("located-in",),
    referring_nouns=frozenset({"union", "organization"}),
    event_nouns=frozenset({"expo", "strike"}),
)

CATALOG = Catalog(SOURCES, ENTITIES, ATTRIBUTES, FACTS, version="test", vocabulary=VOCABULARY)
