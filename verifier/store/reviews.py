"""Write past fact checks into the store and read them back as plain records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert
from sqlmodel import Session, col, func, select

from verifier.reviews.read import ReviewRecord
from verifier.store.db import session_scope
from verifier.store.models import AuditEntry, Review, ReviewPublic, ReviewState

RECORD_FIELDS = tuple(f.name for f in fields(ReviewRecord))


@dataclass(frozen=True, slots=True)
class ReviewsWritten:
    """How an import changed the store: reviews added, changed, and found as they were."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: tuple[str, ...] = ()  # each review's id in the store, in the order given


def write_reviews(
    engine: Engine, records: Sequence[ReviewRecord], *, origin: str, token: str | None = None
) -> ReviewsWritten:
    """Add RECORDS or update the stored reviews they match (by id, else by URL), in one go.

    A review imported again is the same review: matched by its id, or by its URL when a
    publisher's feed gives it no stable id. With TOKEN (an API write) each change is audited.
    """
    incoming = _last_of_each(records)
    updated = unchanged = 0
    ids: list[str] = []
    added: list[dict[str, Any]] = []
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        by_id = _stored(session, col(Review.id), [r.id for r in incoming])
        by_url = _stored(session, col(Review.url), [r.url for r in incoming if r.url])
        for record in incoming:
            row = by_id.get(record.id) or (by_url.get(record.url) if record.url else None)
            values = _values(record)
            if row is None:
                ids.append(record.id)
                added.append({**values, "origin": origin, "imported_at": now})
                continue
            ids.append(row.id)
            values.pop("id")  # matched by URL, a review keeps the id it was stored under
            if all(getattr(row, name) == value for name, value in values.items()):
                unchanged += 1
                continue
            before = _public(row)
            for name, value in values.items():
                setattr(row, name, value)
            row.origin = origin
            row.imported_at = now
            session.add(row)
            updated += 1
            _audit(session, token, "update", row.id, before, _public(row))
        if added:
            first = session.exec(select(func.coalesce(func.max(Review.seq), 0))).one() + 1
            for seq, values in enumerate(added, start=first):
                values["seq"] = seq
            # Inserted as plain rows: building a model object per review costs ten times more.
            session.execute(insert(Review), added)
            for values in added if token is not None else ():
                _audit(session, token, "create", values["id"], None, _public(values))
        if added or updated:
            state = session.get(ReviewState, 1, with_for_update=True) or ReviewState(id=1)
            state.version += 1
            session.add(state)
    return ReviewsWritten(new=len(added), updated=updated, unchanged=unchanged, ids=tuple(ids))


def reviews_version(session: Session) -> int:
    """Return the reviews' import counter (0 before any import)."""
    state = session.get(ReviewState, 1)
    return 0 if state is None else state.version


def read_reviews(session: Session) -> list[ReviewRecord]:
    """Return every stored review as a plain record, in the order they were first imported."""
    rows = session.exec(select(Review).order_by(col(Review.seq)))
    return [ReviewRecord(**{name: getattr(row, name) for name in RECORD_FIELDS}) for row in rows]


def _last_of_each(records: Sequence[ReviewRecord]) -> list[ReviewRecord]:
    """Return RECORDS with each review once: a later record of the same id or URL wins."""
    kept: dict[str, ReviewRecord] = {}
    url_key: dict[str, str] = {}
    for record in records:
        key = url_key.get(record.url, record.id) if record.url else record.id
        kept.pop(key, None)
        kept[key] = record
        if record.url:
            url_key[record.url] = key
    return list(kept.values())


def _stored(session: Session, column: Any, keys: list[str]) -> dict[str, Review]:
    """Return the stored reviews whose COLUMN is one of KEYS, by that key."""
    found: dict[str, Review] = {}
    # In slices: a database caps how many values one IN may list.
    for start in range(0, len(keys), 500):
        for row in session.exec(select(Review).where(column.in_(keys[start : start + 500]))):
            found[str(getattr(row, column.key))] = row
    return found


def _values(record: ReviewRecord) -> dict[str, Any]:
    """Return RECORD's fields as the review table stores them."""
    return {name: getattr(record, name) for name in RECORD_FIELDS}


def _public(row: Review | dict[str, Any]) -> dict[str, Any]:
    """Return ROW (a model or a row's values) as the API shows a review."""
    shown: dict[str, Any] = ReviewPublic.model_validate(row).model_dump(mode="json")
    return shown


def _audit(
    session: Session,
    token: str | None,
    action: str,
    record_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    """Record an API write of a review in the audit log, in the transaction that makes it."""
    if token is None:
        return
    # No store version: a review is no fact, and the facts' index need not follow it.
    session.add(
        AuditEntry(
            token=token,
            action=action,
            kind="review",
            record_id=record_id,
            before=before,
            after=after,
        )
    )
