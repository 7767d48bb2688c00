"""POST, PUT and DELETE on /api/v1/{sources,entities,attributes,facts}: writes with a token.

Each write is checked as `verifier facts load` checks the files, against the whole store as it
would be after the write; a refused write changes nothing. Every accepted write bumps the
store's version, so every worker's next check uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, url_for
from pydantic import RootModel
from sqlmodel import SQLModel

from verifier.api.auth import token_name
from verifier.api.spec import documented
from verifier.data.requests import field_path, read_json
from verifier.errors import ApiError
from verifier.extensions import Store
from verifier.store import writes
from verifier.store.models import (
    AttributeCreate,
    AttributePublic,
    EntityCreate,
    EntityPublic,
    FactCreate,
    FactPublic,
    SourceCreate,
    SourcePublic,
)

bp = Blueprint("api_writes", __name__, url_prefix="/api/v1")

# Each kind of record: the path it lives under, and the models a write reads and returns.
KINDS: dict[str, tuple[str, type[SQLModel], type[SQLModel]]] = {
    "source": ("sources", SourceCreate, SourcePublic),
    "entity": ("entities", EntityCreate, EntityPublic),
    "attribute": ("attributes", AttributeCreate, AttributePublic),
    "fact": ("facts", FactCreate, FactPublic),
}
# The status of each refusal; its code comes from verifier.errors.CODES.
STATUS: dict[type[writes.WriteRefused], int] = {
    writes.UnknownRecord: 404,
    writes.RecordConflict: 409,
    writes.InvalidRecord: 422,
}


class RecordBody(RootModel[dict[str, Any]]):
    """Any JSON object: its fields are then checked as the loader checks a file's record."""


def _write(change: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run the store's CHANGE with ARGS for the request's token, answering refusals as errors."""
    sources = current_app.config.get("SOURCES_DIR")
    try:
        written = change(
            Store.engine(),
            *args,
            token=token_name(),
            sources_dir=Path(sources) if sources else None,
        )
    except writes.WriteRefused as exc:
        field = None if exc.loc is None else field_path(exc.loc)
        raise ApiError(STATUS[type(exc)], exc.message, field=field) from None
    Store.changed()
    return written


def _register(kind: str, plural: str, create: type[SQLModel], public: type[SQLModel]) -> None:
    """Add the POST, PUT and DELETE routes of KIND to the blueprint."""
    arg = f"{kind}_id"

    def add() -> tuple[Response, int, dict[str, str]]:
        written = _write(writes.create_record, kind, read_json(RecordBody).root)
        show = f"api_facts.{kind}"  # the route that reads the record back, where there is one
        headers = (
            {"Location": url_for(show, **{arg: written["id"]})}
            if show in current_app.view_functions
            else {}
        )
        return jsonify(written), 201, headers

    def replace(**ids: str) -> Response:
        return jsonify(_write(writes.update_record, kind, ids[arg], read_json(RecordBody).root))

    def remove(**ids: str) -> Response:
        return jsonify(_write(writes.delete_record, kind, ids[arg]))

    a = "an" if kind[0] in "aeiou" else "a"
    add.__doc__ = f"Add {a} {kind}, checked as the fact files are; 409 when its id is taken."
    replace.__doc__ = (
        f"Replace {a} {kind} written through the API, checked as the fact files "
        "are; the id never changes."
    )
    remove.__doc__ = f"Delete {a} {kind} written through the API; 409 while other records use it."
    bp.add_url_rule(
        f"/{plural}",
        f"create_{kind}",
        documented(public, body=create, errors=(409,), success=201)(add),
        methods=["POST"],
    )
    bp.add_url_rule(
        f"/{plural}/<{arg}>",
        f"update_{kind}",
        documented(public, body=create, errors=(409,))(replace),
        methods=["PUT"],
    )
    bp.add_url_rule(
        f"/{plural}/<{arg}>",
        f"delete_{kind}",
        documented(public, errors=(409,))(remove),
        methods=["DELETE"],
    )


for _kind, (_plural, _create, _public) in KINDS.items():
    _register(_kind, _plural, _create, _public)
