"""An import through the API or the page: what both read, preview and write.

The same code as `verifier facts import` turns the file into records; instead of files,
the records go into the store in one transaction, checked against the whole store and
audited, as every write through the API is.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, Literal

from flask import current_app
from pydantic import BaseModel, ConfigDict, Field, HttpUrl
from sqlmodel import SQLModel

from verifier.extensions import Store
from verifier.importers.csvtable import TableMap, read_map_data
from verifier.importers.records import ImportFailed, ImportProblem, SourceOptions
from verifier.importers.run import ImportResult, InputFile, run_import
from verifier.store import writes
from verifier.store.db import session_scope
from verifier.store.tokens import find_token

# Records an import may write at once: a table of this many values is a bulk load, for
# `verifier facts import` and `facts load`, which stream and report progress.
MAX_IMPORT_FACTS = 20_000


class SourceFields(BaseModel):
    """What the caller says of the source record; left out, it is derived from the file."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=200, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str | None = Field(default=None, max_length=500)
    publisher: str | None = Field(default=None, max_length=500)
    url: HttpUrl | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    tier: Literal["primary", "reference", "news"] = "reference"


class ImportRequest(BaseModel):
    """A table to import: its format, its name and text, and how to read it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "format": "csv",
                    "name": "capitals.csv",
                    "content": "Country,Capital\nNorway,Oslo\n",
                    "source": {"title": "Capitals", "publisher": "Desk", "tier": "reference"},
                }
            ]
        },
    )

    format: Literal["csv", "infobox"]
    name: str = Field(
        min_length=1, max_length=200, description="The file's name: ids and messages use it."
    )
    content: str = Field(
        min_length=1,
        description="The file's text: CSV, or an infobox table as JSON (or a list of them).",
    )
    shape: Literal["wide", "long"] | None = Field(
        default=None, description="CSV: a row per entity or per value; detected when left out."
    )
    map: str | None = Field(
        default=None, description="CSV: a map file's TOML text (column attributes and kinds)."
    )
    source: SourceFields = Field(default_factory=SourceFields)
    skip_bad: bool = Field(default=False, description="Leave bad cells out, listing each.")
    dry_run: bool = Field(default=False, description="Preview the records; write nothing.")


class TokenRefused(Exception):
    """The write token given on the page is missing, unknown or revoked."""


def token_owner(token: str) -> str:
    """Return the name of the valid token TOKEN, or raise TokenRefused saying why."""
    if not token.strip():
        raise TokenRefused("Importing writes to the store: give your write token.")
    with session_scope(Store.engine()) as session:
        found = find_token(session, token.strip())
        if found is None:
            raise TokenRefused(
                "The write token is not valid; paste it exactly as `verifier tokens create` "
                "printed it."
            )
        if found.revoked_at is not None:
            raise TokenRefused(f"The token {found.name!r} was revoked; ask for a new one.")
        return found.name


def prepare(body: ImportRequest) -> ImportResult:
    """Read BODY's file into records, checked as the loader checks them; raise ImportFailed."""
    stem = Path(body.name).stem or "table"
    mapping: TableMap | None = None
    if body.map:
        try:
            mapping = read_map_data(tomllib.loads(body.map), name="map")
        except tomllib.TOMLDecodeError as exc:
            raise ImportFailed([ImportProblem("map", f"not valid TOML: {exc}")]) from exc
    fields = body.source
    options = SourceOptions(
        fields.id,
        fields.title,
        fields.publisher,
        str(fields.url) if fields.url else None,
        fields.published,
        fields.tier,
    )
    inputs = [InputFile(body.name, stem, text=body.content)]
    if body.format == "infobox":
        inputs = _tables(body.name, stem, body.content)
    result = run_import(
        body.format,
        inputs,
        shape=body.shape,
        mapping=mapping,
        options=options,
        skip_bad=body.skip_bad,
    )
    if len(result.imported.facts) > MAX_IMPORT_FACTS:
        raise ImportFailed(
            [
                ImportProblem(
                    body.name,
                    f"{len(result.imported.facts)} facts is more than the {MAX_IMPORT_FACTS} "
                    "one request may write; use `verifier facts import` and `facts load`",
                )
            ]
        )
    return result


def commit(result: ImportResult, token: str) -> dict[str, int]:
    """Write RESULT's records into the store for TOKEN; return how many of each kind."""
    sources = current_app.config.get("SOURCES_DIR")
    sources_dir = Path(sources) if sources else None
    imported = result.imported
    if sources_dir is None:
        # No folder to keep the texts in: the sources have none, so quotes go unchecked.
        for source in imported.sources:
            source.pop("text_file", None)
    models: dict[str, list[SQLModel]] = imported.models()
    texts = {s["id"]: imported.texts[s["text_file"]] for s in imported.sources if "text_file" in s}
    written = writes.import_records(
        Store.engine(), models, texts, token=token, sources_dir=sources_dir
    )
    Store.changed()
    return written


def summary(result: ImportResult) -> dict[str, Any]:
    """Return what an import makes, as the API and the page show it before or after writing."""
    imported = result.imported
    return {
        "counts": {
            "sources": len(imported.sources),
            "entities": len(imported.entities),
            "attributes": len(imported.attributes),
            "facts": len(imported.facts),
        },
        "skipped": [str(p) for p in result.skipped],
        "facts": [
            {k: f[k] for k in ("id", "entity", "attribute", "value", "statement", "quote")}
            for f in sorted(imported.facts, key=lambda f: f["id"])
        ],
    }


def _tables(name: str, stem: str, content: str) -> list[InputFile]:
    """Return the infobox tables of CONTENT: one JSON object, or a list of them."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        problem = ImportProblem(name, f"not valid JSON: {exc.msg}", row=exc.lineno)
        raise ImportFailed([problem]) from exc
    if not isinstance(data, list):
        return [InputFile(name, stem, text=content)]
    return [
        InputFile(f"{name}[{i}]", f"{stem}-{i}", text=json.dumps(table))
        for i, table in enumerate(data, start=1)
    ]
