"""The session cookie, for the pages only: the JSON API reads no cookies."""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from verifier.errors import API_PREFIX


class PageSessions(SecureCookieSessionInterface):
    """Open the signed-cookie session for pages; give API requests none at all.

    A session costs an itsdangerous serializer and a cookie read on every request; the API
    never uses one (its writes carry a token, and it is exempt from CSRF), so it is spared.
    """

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """Return the page's session, or None (Flask's null session) under the API."""
        if request.path.startswith(API_PREFIX):
            return None
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    """Use page-only sessions in APP."""
    app.session_interface = PageSessions()
