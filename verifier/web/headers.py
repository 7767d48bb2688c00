"""Security headers on every response: no inline script, no framing, no sniffing."""

from __future__ import annotations

from flask import Flask, Response, request

# Everything from our own origin only, and never inline script: an injected <script> or
# onclick= does not run. Inline <style> is allowed because the draft report carries its
# styles in the page (it is also saved as one file); CSS cannot run code. No page may be
# framed (clickjacking): frame-ancestors for browsers that read CSP, X-Frame-Options for
# older ones.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def _add_headers(response: Response) -> Response:
    """Add the security headers a view has not set itself."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _relative_location(response: Response) -> Response:
    """Make a redirect to this app relative, so a forged Host header is never echoed."""
    location = response.headers.get("Location")
    if location and location.startswith(request.host_url):
        response.headers["Location"] = "/" + location[len(request.host_url) :]
    return response


def init_app(app: Flask) -> None:
    """Add the security headers to every response of APP."""
    app.after_request(_add_headers)
    app.after_request(_relative_location)
