"""A Flask hello-world JSON endpoint on the verify route: load_api.py's yardstick for overhead.

Served by gunicorn with the same settings as `verifier serve`, it shows what a request costs
before the app does any work; the verifier's rate is reported as a share of this one.
"""

from __future__ import annotations

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue

app = Flask(__name__)


@app.post("/api/v1/verify")
def verify() -> ResponseReturnValue:
    """Answer every claim with the same small JSON object."""
    return jsonify({"verdict": "unknown"})


@app.get("/api/v1/health")
def health() -> ResponseReturnValue:
    """Answer that the server is up."""
    return jsonify({"status": "ok"})
