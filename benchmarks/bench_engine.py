"""Benchmark the claim engine on synthetic stores of 1,000 and 100,000 facts (or --sizes).

Prints claims per second, p50 and p95 latency per claim, index build time and peak
memory, for each store size; then the time of claims at the 2,000-character limit, run-on
sentences built from the store's own claims (target: under 50 ms on one core).
Run: taskset -c 0 .venv/bin/python benchmarks/bench_engine.py
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time
from datetime import date

from verifier.core.engine import Verifier
from verifier.core.model import (
    AttributeRecord,
    Catalog,
    EntityRecord,
    FactRecord,
    SourceRecord,
    Tier,
    ValueKind,
)

# Claims at the API's length limit, timed per store size.
LONG_CHARS = 2_000
LONG_CLAIMS = 50

REGIONS = [
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Baltic",
    "Alpine",
    "Atlantic",
    "Pacific",
    "Arctic",
    "Andean",
    "Sahel",
    "Caspian",
    "Danube",
    "Nordic",
    "Iberian",
    "Balkan",
    "Caribbean",
    "Levant",
    "Mekong",
    "Amazon",
    "Pamir",
    "Sahara",
    "Adriatic",
    "Aegean",
    "Ionian",
    "Celtic",
    "Saxon",
    "Gobi",
    "Yangtze",
    "Ganges",
    "Indus",
    "Nile",
    "Zambezi",
    "Congo",
    "Volga",
    "Rhine",
    "Tigris",
    "Euphrates",
    "Orinoco",
]
SECTORS = [
    "Grain",
    "Rail",
    "Energy",
    "Shipping",
    "Fisheries",
    "Textile",
    "Steel",
    "Timber",
    "Water",
    "Coffee",
    "Cocoa",
    "Cotton",
    "Copper",
    "Salt",
    "Silk",
    "Tea",
    "Rice",
    "Wool",
    "Dairy",
    "Solar",
    "Wind",
    "Aviation",
    "Postal",
    "Customs",
    "Health",
    "Education",
    "Science",
    "Border",
    "Security",
    "Trade",
]
KINDS = [
    "Union",
    "Council",
    "Forum",
    "Alliance",
    "Organization",
    "Pact",
    "League",
    "Community",
    "Commission",
    "Partnership",
]
QUALIFIERS = [
    "Joint",
    "United",
    "Regional",
    "International",
    "Federal",
    "Transnational",
    "Greater",
    "Free",
    "Common",
    "Continental",
]
COUNTRIES = [f"{r}ia" for r in REGIONS] + [f"{r}stan" for r in REGIONS]
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
        "members", "members", ValueKind.LIST, None, True, phrases=("member", "full member")
    ),
    AttributeRecord(
        "founding-date",
        "founding date",
        ValueKind.DATE,
        phrases=("founded", "established", "created"),
    ),
    AttributeRecord(
        "budget", "annual budget", ValueKind.MONEY, "USD", True, phrases=("budget", "annual budget")
    ),
    AttributeRecord(
        "gdp-share",
        "share of world GDP",
        ValueKind.PERCENT,
        "%",
        True,
        phrases=("world GDP", "global GDP"),
    ),
    AttributeRecord(
        "staff", "staff", ValueKind.COUNT, "employees", True, phrases=("staff", "employees")
    ),
    AttributeRecord(
        "headquarters",
        "headquarters",
        ValueKind.PLACE,
        phrases=("headquartered in", "headquarters"),
    ),
    AttributeRecord(
        "projects",
        "joint projects",
        ValueKind.COUNT,
        "projects",
        True,
        phrases=("joint projects", "projects"),
    ),
    *tuple(
        AttributeRecord(
            f"metric-{n}",
            f"metric {n}",
            ValueKind.QUANTITY,
            "tonnes",
            True,
            phrases=(f"{sector.lower()} output",),
        )
        for n, sector in enumerate(SECTORS)
    ),
)
SOURCE = SourceRecord("synthetic", "Synthetic yearbook", "Benchmark Press", Tier.REFERENCE, "2024")


def build(target: int, seed: int = 7) -> tuple[Catalog, list[str]]:
    """Build a catalog of about TARGET facts and a mixed list of claims about it."""
    rng = random.Random(seed)
    names = [f"{r} {s} {k}" for r in REGIONS for s in SECTORS for k in KINDS]
    rng.shuffle(names)
    # Past 12,000 organizations (about 120,000 facts), the same names with a qualifier.
    more = [f"{q} {name}" for q in QUALIFIERS for name in names]
    rng.shuffle(more)
    names += more
    entities = [EntityRecord(f"c{i}", c, "country") for i, c in enumerate(COUNTRIES)]
    facts: list[FactRecord] = []
    claims: list[str] = []
    org = 0
    while len(facts) < target:
        name = names[org]
        eid = f"org{org}"
        org += 1
        short = "".join(w[0] for w in name.split())
        entities.append(EntityRecord(eid, name, "organization", (short + str(org),)))
        year = rng.randint(1950, 2015)
        members = rng.sample(range(len(COUNTRIES)), rng.randint(3, 12))
        gdp = rng.randint(5, 60)
        facts += [
            FactRecord(
                f"{eid}-founded",
                eid,
                "founding-date",
                f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                f"The {name} was founded in {year}.",
                "synthetic",
            ),
            FactRecord(
                f"{eid}-count",
                eid,
                "member-count",
                len(members),
                f"The {name} has {len(members)} member states.",
                "synthetic",
                valid_from=str(year),
            ),
            FactRecord(
                f"{eid}-members",
                eid,
                "members",
                [f"c{m}" for m in members],
                f"The {name}'s members are listed.",
                "synthetic",
                valid_from=str(year),
                complete=True,
            ),
            FactRecord(
                f"{eid}-gdp",
                eid,
                "gdp-share",
                f"{gdp}%",
                f"The {name} accounts for more than {gdp}% of world GDP.",
                "synthetic",
                qualifier="more-than",
                observed="2024",
            ),
            FactRecord(
                f"{eid}-budget",
                eid,
                "budget",
                f"${rng.randint(2, 900)} million",
                f"The {name}'s annual budget is given.",
                "synthetic",
                observed="2024",
            ),
            FactRecord(
                f"{eid}-hq",
                eid,
                "headquarters",
                f"c{members[0]}",
                f"The {name} is headquartered in {COUNTRIES[members[0]]}.",
                "synthetic",
            ),
            FactRecord(
                f"{eid}-staff",
                eid,
                "staff",
                rng.randint(10, 5000),
                f"The {name} has staff.",
                "synthetic",
                valid_from=str(year),
            ),
        ]
        for n in rng.sample(range(len(SECTORS)), 3):
            facts.append(
                FactRecord(
                    f"{eid}-m{n}",
                    eid,
                    f"metric-{n}",
                    f"{rng.randint(1, 999)} tonnes",
                    f"The {name}'s output is measured.",
                    "synthetic",
                    observed="2023",
                )
            )
        member = COUNTRIES[members[0]]
        claims += [
            f"The {name} has {len(members)} member states.",
            f"The {name} has {len(members) + 2} member countries.",
            f"The {name} was founded in {year + rng.choice((0, 3))}.",
            f"{member} is a member of the {name}.",
            f"The {name.replace('a', 'e', 1)} accounts for more than {gdp - 5}% of world GDP.",
            f"The {name} has a secretariat in {member}.",
            f"{short}{org} has about {len(members)} members.",
            f"In {year + 1} the {name} had {len(members)} members, headquartered in {member}.",
        ]
    return Catalog((SOURCE,), tuple(entities), ATTRIBUTES, tuple(facts), version="bench"), claims


def run(size: int, sample: int) -> None:
    """Build a store of SIZE facts and time SAMPLE claims against it."""
    catalog, claims = build(size)
    gc.collect()
    before = _rss_mib()
    started = time.perf_counter()
    verifier = Verifier(catalog)
    built = time.perf_counter() - started
    gc.collect()
    index_mib = _rss_mib() - before
    rng = random.Random(1)
    picked = rng.sample(claims, min(sample + 20, len(claims)))
    for claim in picked[:20]:
        verifier.check(claim, as_of=date(2025, 1, 1))  # warm caches, as a running server has
    timings = []
    # Claims not checked before: the verifier keeps recent results, and a repeated claim
    # would time the lookup, not the check.
    for claim in picked[20:]:
        t0 = time.perf_counter()
        verifier.check(claim, as_of=date(2025, 1, 1))
        timings.append(time.perf_counter() - t0)
    timings.sort()
    p50 = statistics.median(timings) * 1000
    p95 = timings[int(len(timings) * 0.95) - 1] * 1000
    print(
        f"{len(catalog.facts):>7} facts, {len(catalog.entities):>6} entities: "
        f"index {built:.2f} s, {len(timings)} claims, {len(timings) / sum(timings):.0f} claims/s, "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, the index adds {index_mib:.0f} MiB, "
        f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    long_claims = [_run_on(rng, claims) for _ in range(LONG_CLAIMS)]
    timings = []
    for claim in long_claims:
        t0 = time.perf_counter()
        verifier.check(claim, as_of=date(2025, 1, 1))
        timings.append(time.perf_counter() - t0)
    print(
        f"{'':>7} {LONG_CHARS:,}-character run-on claims: {len(timings)}, "
        f"p50 {statistics.median(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms"
    )


def _rss_mib() -> float:
    """Return the process's resident memory now, in MiB (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def _run_on(rng: random.Random, claims: list[str]) -> str:
    """Return a claim of LONG_CHARS characters: the store's claims joined without stops."""
    pieces: list[str] = []
    while sum(len(p) + 5 for p in pieces) < LONG_CHARS:
        pieces.append(rng.choice(claims).rstrip("."))
    return " and ".join(pieces)[:LONG_CHARS]


def main() -> None:
    """Run the benchmark for each store size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--claims", type=int, default=2_000)
    args = parser.parse_args()
    for size in args.sizes:
        run(size, args.claims)


if __name__ == "__main__":
    main()
