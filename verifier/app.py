"""The application factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from verifier.config import DEFAULTS
from verifier.extensions import Store
from verifier.resources import bundled

store = Store()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: config from defaults, then VERIFIER_* variables, then TEST_CONFIG."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("VERIFIER_INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder=str(bundled("templates")),
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("VERIFIER")
    if test_config is not None:
        app.config.from_mapping(test_config)
    store.init_app(app)

    from verifier import errors
    from verifier.api import limits
    from verifier.api.docs import bp as api_docs
    from verifier.api.facts import bp as api_facts
    from verifier.api.health import bp as api_health
    from verifier.api.verify import bp as api_verify
    from verifier.web import headers
    from verifier.web.facts import bp as web_facts
    from verifier.web.home import bp as web_home

    errors.init_app(app)
    headers.init_app(app)
    limits.init_app(app, api_verify)
    app.register_blueprint(web_home)
    app.register_blueprint(web_facts)
    app.register_blueprint(api_health)
    app.register_blueprint(api_verify)
    app.register_blueprint(api_facts)
    app.register_blueprint(api_docs)
    return app
