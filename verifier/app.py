"""The application factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from verifier.config import DEFAULTS, secret_key
from verifier.extensions import Store
from verifier.resources import bundled

store = Store()
csrf = CSRFProtect()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: config from defaults, then VERIFIER_* variables, then TEST_CONFIG."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("VERIFIER_INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder=str(bundled("templates")),
        static_folder=str(bundled("static")),
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("VERIFIER")
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.instance_path)
    # Keys in the order the result gives them (verdict first), not sorted: quicker, and
    # what a reader of the JSON expects.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    trusted = int(app.config.get("TRUSTED_PROXIES") or 0)
    if trusted:
        # Behind TRUSTED proxies, the client's address and scheme are the ones they report.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted)  # type: ignore[method-assign]
    store.init_app(app)

    from verifier import errors, guards
    from verifier.api import auth, limits
    from verifier.api.audit import bp as api_audit
    from verifier.api.check import bp as api_check
    from verifier.api.docs import bp as api_docs
    from verifier.api.facts import bp as api_facts
    from verifier.api.health import bp as api_health
    from verifier.api.imports import bp as api_import
    from verifier.api.review_imports import bp as api_review_imports
    from verifier.api.reviews import bp as api_reviews
    from verifier.api.verify import bp as api_verify
    from verifier.api.writes import bp as api_writes
    from verifier.web import filters, headers, sessions
    from verifier.web.check import bp as web_check
    from verifier.web.facts import bp as web_facts
    from verifier.web.imports import bp as web_imports

    guards.init_app(app)
    errors.init_app(app)
    headers.init_app(app)
    filters.init_app(app)
    sessions.init_app(app)
    limits.init_app(app, api_verify, api_check, web_check)
    auth.init_app(app, api_writes, api_audit, api_import, api_review_imports)
    # Pages post forms with the session cookie, so they need a CSRF token; the JSON API
    # reads no cookies, so a forged cross-site request gains nothing there.
    csrf.init_app(app)
    api = (
        api_health,
        api_verify,
        api_check,
        api_facts,
        api_writes,
        api_import,
        api_reviews,
        api_review_imports,
        api_audit,
        api_docs,
    )
    for blueprint in api:
        csrf.exempt(blueprint)
    # The check page is the home page; it shows the store's summary too.
    app.register_blueprint(web_check)
    app.register_blueprint(web_facts)
    app.register_blueprint(web_imports)
    for blueprint in api:
        app.register_blueprint(blueprint)
    return app
