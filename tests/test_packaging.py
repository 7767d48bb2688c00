"""The built wheel carries the templates and the seed facts."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_templates_and_facts(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "verifier/_bundled/templates/base.html" in names
    assert "verifier/_bundled/facts/sources.toml" in names
    assert "verifier/_bundled/static/site.css" in names
    assert any(n.startswith("verifier/_bundled/facts/sco/") for n in names)
    assert "verifier/store/migrations/versions/0001_create_store.py" in names
    assert "verifier/reviews/ratings.toml" in names
