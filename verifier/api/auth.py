"""Bearer tokens on the routes that write: 401 without a valid token, 403 with a revoked one."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, g, request

from verifier.errors import ApiError
from verifier.extensions import Store
from verifier.store.db import session_scope
from verifier.store.tokens import find_token

# Where the app lists the blueprints that need a token, for the OpenAPI document's security.
SECURED = "verifier.secured_blueprints"
# The name of the security scheme in the OpenAPI document.
SCHEME = "bearerAuth"
REALM = "verifier"


class Unauthorized(ApiError):
    """401 with the WWW-Authenticate challenge that tells a client to send a bearer token."""

    def __init__(self, message: str, *, bearer_error: str | None = None) -> None:
        """Say what to send; BEARER_ERROR is RFC 6750's code when a token was sent but is bad."""
        super().__init__(401, message)
        self.bearer_error = bearer_error

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        """Add the challenge to the response's headers."""
        challenge = f'Bearer realm="{REALM}"'
        if self.bearer_error:
            challenge += f', error="{self.bearer_error}"'
        return [*super().get_headers(*args, **kwargs), ("WWW-Authenticate", challenge)]


def require_token() -> None:
    """Admit the request only with a valid, unrevoked token, remembering the token's name."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(
            "This route needs a token: send the header Authorization: Bearer <token>. "
            "An administrator makes one with `verifier tokens create NAME`."
        )
    with session_scope(Store.engine()) as session:
        found = find_token(session, token)
        if found is None:
            raise Unauthorized(
                "The bearer token is not valid; send the token exactly as "
                "`verifier tokens create` printed it.",
                bearer_error="invalid_token",
            )
        if found.revoked_at is not None:
            raise ApiError(
                403,
                f"The token {found.name!r} was revoked at {found.revoked_at:%Y-%m-%d %H:%M} UTC; "
                "ask an administrator for a new one.",
            )
        g.token_name = found.name


def token_name() -> str:
    """Return the name of the token the current request was admitted with."""
    name: str = g.token_name
    return name


def init_app(app: Flask, *blueprints: Blueprint) -> None:
    """Require a token on every route of BLUEPRINTS in APP."""
    for blueprint in blueprints:
        # Registered on the app, not the blueprint: a blueprint is shared by every app made.
        app.before_request_funcs.setdefault(blueprint.name, []).append(require_token)
    app.extensions[SECURED] = tuple(b.name for b in blueprints)
