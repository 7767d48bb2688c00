"""The app factory: configuration layers, seeding on first start, the health route."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factset import write_set
from verifier.app import create_app


def test_first_start_seeds_an_empty_store(database_url: str, tmp_path: Path) -> None:
    facts_dir, _ = write_set(tmp_path)
    app = create_app({"DATABASE_URL": database_url, "FACTS_DIR": str(facts_dir)})
    response = app.test_client().get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json()["store"]["facts"] == 6
    page = app.test_client().get("/")
    assert b"6 facts" in page.data


def test_default_database_is_sqlite_in_the_instance_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts_dir, _ = write_set(tmp_path)
    monkeypatch.setenv("VERIFIER_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("VERIFIER_DATABASE_URL", raising=False)
    app = create_app({"FACTS_DIR": str(facts_dir)})
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'instance'}/verifier.sqlite3"
    assert (tmp_path / "instance" / "verifier.sqlite3").is_file()


def test_environment_then_test_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts_dir, _ = write_set(tmp_path)
    monkeypatch.setenv("VERIFIER_SEED_ON_START", "false")
    monkeypatch.setenv("VERIFIER_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    app = create_app({"FACTS_DIR": str(facts_dir)})
    assert app.config["SEED_ON_START"] is False
    assert app.config["DATABASE_URL"].endswith("env.sqlite3")
    assert app.test_client().get("/api/v1/health").get_json()["store"]["facts"] == 0
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}"})
    assert app.config["DATABASE_URL"].endswith("test.sqlite3")


def test_second_start_does_not_reseed(tmp_path: Path) -> None:
    facts_dir, _ = write_set(tmp_path)
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    create_app({"DATABASE_URL": url, "FACTS_DIR": str(facts_dir)})
    (facts_dir / "topic" / "union.toml").write_text("")
    app = create_app({"DATABASE_URL": url, "FACTS_DIR": str(facts_dir)})
    assert app.test_client().get("/api/v1/health").get_json()["store"]["facts"] == 6


def test_importing_creates_no_app_and_no_engine() -> None:
    import verifier.app as module

    assert not any(type(v).__name__ in {"Flask", "Engine"} for v in vars(module).values())
