"""Locate the templates and seed facts, in a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """Return the folder NAME ("templates" or "facts"), wherever this install keeps it."""
    # A wheel carries them inside the package (see force-include in pyproject.toml);
    # a checkout or an editable install keeps them at the top of the repository.
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name
