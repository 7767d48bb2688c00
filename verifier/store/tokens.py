"""API tokens: made once, stored only as a hash, listed by name, revoked by name."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlmodel import Session, col, select

from verifier.store.models import ApiToken, ApiTokenCreate, ApiTokenPublic

# 32 random bytes: 256 bits, written as 43 URL-safe characters.
TOKEN_BYTES = 32


class TokenError(Exception):
    """A token command that cannot be done; nothing changed."""


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of TOKEN, the only form the store keeps.

    A plain fast hash is enough here, unlike for passwords: the tokens are 256 random bits,
    so there is nothing to guess from a leaked hash, and a salt or a slow hash would only
    stop us finding a token by its hash in one indexed query.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, name: str) -> str:
    """Store a new token named NAME and return it; it cannot be read back later."""
    try:
        ApiTokenCreate.model_validate({"name": name})
    except ValidationError:
        raise TokenError(
            f"invalid token name {name!r}: use 1 to 100 of a-z, 0-9 and '-', starting with a "
            "letter or digit"
        ) from None
    if _by_name(session, name) is not None:
        raise TokenError(f"a token named {name!r} exists already (names are never reused)")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(ApiToken(name=name, token_hash=hash_token(token)))
    return token


def list_tokens(session: Session) -> list[ApiTokenPublic]:
    """Return every token's name and dates, oldest first."""
    rows = session.exec(select(ApiToken).order_by(col(ApiToken.created_at), col(ApiToken.id)))
    return [ApiTokenPublic.model_validate(row) for row in rows]


def revoke_token(session: Session, name: str) -> ApiTokenPublic:
    """Revoke the token NAME, so it can no longer write."""
    row = _by_name(session, name)
    if row is None:
        raise TokenError(f"no token named {name!r}; see `verifier tokens list`")
    if row.revoked_at is not None:
        raise TokenError(
            f"the token {name!r} was revoked already, at {row.revoked_at:%Y-%m-%d %H:%M} UTC"
        )
    row.revoked_at = datetime.now(UTC)
    session.add(row)
    return ApiTokenPublic.model_validate(row)


def find_token(session: Session, token: str) -> ApiToken | None:
    """Return the stored token TOKEN hashes to, revoked or not, or None."""
    # Looking the hash up is safe against timing attacks: a caller controls the token, not
    # its hash, so how far a comparison gets says nothing about a stored token.
    return session.exec(select(ApiToken).where(ApiToken.token_hash == hash_token(token))).first()


def _by_name(session: Session, name: str) -> ApiToken | None:
    """Return the token named NAME, or None."""
    return session.exec(select(ApiToken).where(ApiToken.name == name)).first()
