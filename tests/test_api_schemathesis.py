"""Property-based API test: every operation in /api/openapi.json answers as the document says.

Schemathesis reads the document from the app itself, so routes others add are covered as soon
as they are documented. It sends valid and invalid requests to each operation, in process, and
checks that none gets a 5xx and that every answer's status, content type and body are documented.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests.apps import seeded_app
from verifier.app import create_app
from verifier.extensions import Store
from verifier.store.db import session_scope

# Only the checks the contract promises; Schemathesis' others (e.g. that every invalid request
# is refused) judge choices the API leaves open, such as ignoring an unknown query parameter.
CHECKS: list[CheckFunction] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# A rate limit the run never reaches, so 429s do not hide what the routes answer.
CONFIG = {"RATELIMIT_CHECK": "1000000 per minute"}


@pytest.fixture(scope="module")
def api_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return an app on its own seeded store, with a rate limit the run never reaches."""
    folder: Path = tmp_path_factory.mktemp("schemathesis")
    return seeded_app(folder, **CONFIG)


@pytest.fixture(scope="module")
def seeded_ids(api_app: Flask) -> dict[str, str]:
    """Return an id of each kind of record, from the first fact the API lists."""
    fact = api_app.test_client().get("/api/v1/facts").get_json()["facts"][0]
    return {
        "fact_id": fact["id"],
        "source_id": fact["source"]["id"],
        "entity_id": fact["entity"],
        "attribute_id": fact["attribute"],
    }


@pytest.fixture(scope="module")
def auth_headers(api_app: Flask) -> dict[str, str]:
    """Return a valid bearer token's header, so the write routes are exercised past the 401."""
    try:
        from verifier.store.tokens import create_token
    except ImportError:
        # Without tokens there are no secured routes; every answer is still checked.
        return {}
    with session_scope(Store.engine(api_app)) as session:
        token = create_token(session, "schemathesis")
    return {"Authorization": f"Bearer {token}"}


def load_schema() -> OpenApiSchema:
    """Load the OpenAPI document through the app's own route, as a client would."""
    # Operations are collected at import, before fixtures exist, so the document comes from
    # an app on an empty in-memory store: it depends on the routes and the config, not on data.
    app = create_app({"DATABASE_URL": "sqlite://", "SEED_ON_START": False, **CONFIG})
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


schema = load_schema()

Operation = APIOperation[Any, Any, Any, Any]

# Path parameters the seeded store has ids for, taken from its first fact.
SEEDED = ("fact_id", "source_id", "entity_id", "attribute_id")


def path_names(operation: Operation) -> list[str]:
    """Return the names of OPERATION's path parameters."""
    return re.findall(r"\{([^}]+)\}", operation.path)


def reads_by_seeded_id() -> list[Operation]:
    """Return the GET operations whose path parameters are all ids the seeded store holds."""
    found = []
    for result in schema.get_all_operations():
        # An operation the document gets wrong fails the fuzzing test; it cannot be read here.
        if not isinstance(result, Ok):
            continue
        operation = result.ok()
        names = path_names(operation)
        if operation.method.lower() == "get" and names and set(names) <= set(SEEDED):
            found.append(operation)
    return found


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    # The same cases on every run and no example database, so CI failures reproduce.
    derandomize=True,
    database=None,
    # A document with many operations and a store on disk is slow to Hypothesis, not wrong.
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(
    case: schemathesis.Case[Operation], api_app: Flask, auth_headers: dict[str, str]
) -> None:
    """Send a generated request to the seeded app and check the answer against the document."""
    case.call_and_validate(app=api_app, headers=auth_headers, checks=CHECKS)


# Generated ids almost never exist, so the fuzzing above mostly sees 404 on these routes;
# a real id checks the found record's body against the document too.
@pytest.mark.parametrize("operation", reads_by_seeded_id(), ids=lambda op: op.label)
def test_seeded_records_answer_as_documented(
    operation: Operation, api_app: Flask, seeded_ids: dict[str, str]
) -> None:
    """Read a record the store holds by its id and check the answer against the document."""
    ids = {name: seeded_ids[name] for name in path_names(operation)}
    case = operation.Case(path_parameters=ids)
    response = case.call_and_validate(app=api_app, checks=CHECKS)
    assert response.status_code == 200
