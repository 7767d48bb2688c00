"""A small, generic fact set written to disk, for loader and store tests."""

from __future__ import annotations

from pathlib import Path

SOURCE_TEXT = (
    "The Northern Rail Union, founded in Oslo on 3 March 1999, now has 4 member states.\n"
    "It had 3 members until Finland joined in 2012.\n"
    "Its members are Norway, Sweden, Denmark and Finland.\n"
)

REGISTRY = """
[[source]]
id = "gazette"
title = "The Rail Gazette"
publisher = "Rail Gazette Ltd"
published = "2024-05-01"
tier = "news"
text_file = "gazette.txt"

[[source]]
id = "treaty"
title = "Founding treaty of the Northern Rail Union"
publisher = "Union secretariat"
published = "1999-03-03"
tier = "primary"

[[entity]]
id = "nru"
name = "Northern Rail Union"
kind = "organization"
aliases = ["NRU"]

[[entity]]
id = "oslo"
name = "Oslo"
kind = "city"

[[entity]]
id = "norway"
name = "Norway"
kind = "country"

[[entity]]
id = "sweden"
name = "Sweden"
kind = "country"

[[entity]]
id = "denmark"
name = "Denmark"
kind = "country"

[[entity]]
id = "finland"
name = "Finland"
kind = "country"

[[attribute]]
id = "member-count"
name = "member count"
kind = "count"
unit = "member states"
temporal = true
counts = "members"
phrases = ["member states", "members"]

[[attribute]]
id = "members"
name = "members"
kind = "list"
temporal = true
phrases = ["member", "member state"]

[[attribute]]
id = "founding-date"
name = "founding date"
kind = "date"
phrases = ["founded", "established"]

[[attribute]]
id = "founding-place"
name = "founding place"
kind = "place"
phrases = ["founded in"]
"""

FACTS = """
[[fact]]
id = "nru-founded"
entity = "nru"
attribute = "founding-date"
value = "1999-03-03"
statement = "The Northern Rail Union was founded on 3 March 1999."
source = "gazette"
quote = "The Northern Rail Union, founded in Oslo on 3 March 1999"

[[fact]]
id = "nru-founded-place"
entity = "nru"
attribute = "founding-place"
value = "oslo"
statement = "The Northern Rail Union was founded in Oslo."
source = "gazette"
quote = "founded in Oslo"

[[fact]]
id = "nru-members-1999"
entity = "nru"
attribute = "member-count"
value = 3
valid_from = "1999"
statement = "The Northern Rail Union had 3 member states from 1999."
source = "gazette"
quote = "It had 3 members until Finland joined in 2012."

[[fact]]
id = "nru-members-2012"
entity = "nru"
attribute = "member-count"
value = 4
valid_from = "2012"
statement = "The Northern Rail Union has had 4 member states since 2012."
source = "gazette"
quote = "now has 4 member states. … until Finland joined in 2012."

[[fact]]
id = "nru-member-list"
entity = "nru"
attribute = "members"
value = ["norway", "sweden", "denmark", "finland"]
valid_from = "2012"
complete = true
statement = "The Northern Rail Union's members are Norway, Sweden, Denmark and Finland."
source = "gazette"
quote = "Its members are Norway, Sweden, Denmark and Finland."

[[fact]]
id = "nru-founded-treaty"
entity = "nru"
attribute = "founding-date"
value = "1999-03-03"
statement = "The founding treaty is dated 3 March 1999."
source = "treaty"
"""


def write_set(root: Path, *, facts: str = FACTS, registry: str = REGISTRY) -> tuple[Path, Path]:
    """Write the fact set under ROOT; return the facts folder and the sources folder."""
    facts_dir = root / "facts"
    sources_dir = root / "sources"
    (facts_dir / "topic").mkdir(parents=True, exist_ok=True)
    sources_dir.mkdir(exist_ok=True)
    (facts_dir / "registry.toml").write_text(registry, encoding="utf-8")
    (facts_dir / "topic" / "union.toml").write_text(facts, encoding="utf-8")
    (sources_dir / "gazette.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return facts_dir, sources_dir
