"""Read JSON Lines one object at a time, naming each line that is not one."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any


def json_objects(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Yield each non-blank line's 1-based number with its JSON object, or with why it is none."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            # The parser counts lines within this one line; only its column means anything.
            yield number, f"not valid JSON: {exc.msg} (column {exc.colno})"
            continue
        yield number, item if isinstance(item, dict) else "not a JSON object"
