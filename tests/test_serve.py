"""`verifier serve` under bounded loopback load and faults: killed workers, killed connections.

Each test starts gunicorn with two workers on a free port, sends a few hundred requests
from eight threads, and counts what failed: the bar is what a newsroom can live with
(a killed worker costs at most the one request it was serving; terminated PostgreSQL
connections cost a handful and none after recovery; concurrent writers never see a 5xx).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from verifier.store.db import make_engine

VERIFIER = str(Path(sys.executable).parent / "verifier")
CLAIM = {"claim": "The SCO has 10 member states.", "as_of": "2025-08-28"}
THREADS = 8
START_SECONDS = 60
# The check budget the servers run with: short, so the budget test is quick.
BUDGET_SECONDS = 3


@dataclass
class Server:
    """A running `verifier serve`: its master process, port, store URL and a write token."""

    process: subprocess.Popen[bytes]
    port: int
    url: str
    token: str

    def request(
        self, method: str, path: str, body: Any = None, *, token: bool = False
    ) -> tuple[int, dict[str, Any]]:
        """Send one request; return the status and JSON body (status 0 when the link broke)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            connection.request(
                method, path, json.dumps(body) if body is not None else None, headers
            )
            response = connection.getresponse()
            raw = response.read()
            return response.status, json.loads(raw) if raw.startswith(b"{") else {}
        except (OSError, http.client.HTTPException):
            return 0, {}
        finally:
            connection.close()

    def workers(self) -> list[int]:
        """Return the process ids of the master's workers."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    status = (entry / "status").read_text()
                except OSError:
                    continue
                if f"\nPPid:\t{self.process.pid}\n" in status:
                    found.append(int(entry.name))
        return found


def _free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[Server]:
    """Start `verifier serve` with two workers on DATABASE_URL; stop it afterwards."""
    with serving(database_url, tmp_path, VERIFIER_RATELIMIT_CHECK="100000 per minute") as found:
        yield found


@contextmanager
def serving(
    database_url: str, tmp_path: Path, *, token: str = "desk", **settings: str
) -> Iterator[Server]:
    """Run `verifier serve` with two workers on DATABASE_URL and SETTINGS until the block ends.

    A write token named TOKEN is made first.
    """
    env = {
        **os.environ,
        "VERIFIER_INSTANCE_PATH": str(tmp_path / "instance"),
        "VERIFIER_CHECK_BUDGET_SECONDS": str(BUDGET_SECONDS),
        **settings,
    }
    # The URL after the subcommand, where users type it (before it works too).
    store = ["--database-url", database_url]
    made = subprocess.run(
        [VERIFIER, "tokens", "create", token, *store], env=env, capture_output=True, check=True
    )
    port = _free_port()
    tmp_path.mkdir(parents=True, exist_ok=True)
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [VERIFIER, "serve", *store, "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    found = Server(process, port, database_url, made.stdout.decode().strip())
    try:
        deadline = time.monotonic() + START_SECONDS
        while found.request("GET", "/api/v1/health")[0] != 200:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield found
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def load(server: Server, count: int, during: Any = None) -> list[int]:
    """Send COUNT checks from THREADS threads, running DURING once a third are sent."""
    sent = threading.Event()
    done = 0
    lock = threading.Lock()

    def one(_: int) -> int:
        nonlocal done
        status = server.request("POST", "/api/v1/verify", CLAIM)[0]
        with lock:
            done += 1
            if done == count // 3:
                sent.set()
        return status

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(one, i) for i in range(count)]
        if during is not None:
            sent.wait(60)
            during()
        return [f.result() for f in futures]


def failures(statuses: list[int]) -> int:
    """Return how many answers were not 200."""
    return sum(1 for s in statuses if s != 200)


def test_a_bounded_load_sees_no_errors(server: Server) -> None:
    assert failures(load(server, 300)) == 0


def test_concurrent_writers_see_no_server_errors(server: Server) -> None:
    def write(n: int) -> int:
        source = {"id": f"desk-{n}", "title": f"Desk note {n}", "tier": "reference"}
        return server.request("POST", "/api/v1/sources", source, token=True)[0]

    before = server.request("GET", "/api/v1/health")[1]["store"]["sources"]
    with ThreadPoolExecutor(THREADS) as pool:
        statuses = list(pool.map(write, range(80)))
    assert statuses.count(201) == 80, statuses
    assert server.request("GET", "/api/v1/health")[1]["store"]["sources"] == before + 80


def test_a_killed_worker_costs_at_most_one_request(server: Server) -> None:
    victim = server.workers()[0]
    statuses = load(server, 300, during=lambda: os.kill(victim, signal.SIGKILL))
    assert failures(statuses) <= 1, statuses
    # gunicorn starts a new worker; everything after is answered.
    assert failures(load(server, 60)) == 0


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_terminated_database_connections_cost_a_handful(server: Server) -> None:
    engine = make_engine(server.url)

    def terminate() -> None:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )

    try:
        statuses = load(server, 300, during=terminate)
    finally:
        engine.dispose()
    assert failures(statuses) <= 4, statuses
    assert failures(load(server, 60)) == 0


def test_long_run_on_texts_stop_at_the_budget_in_json(server: Server) -> None:
    # Names and figures in every word and no full stop, near the draft limit: the costliest
    # text there is. Two at once used to hold both workers until gunicorn killed them.
    words = "the SCO India Pakistan member states 10 2017 summit Tianjin founded 2001 and "
    run_on = {"text": (words * 2_600)[:190_000]}
    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: server.request("POST", "/api/v1/check", run_on), [0, 1]))
    assert time.monotonic() - started < 4 * BUDGET_SECONDS
    for status, body in answers:
        assert (status, body["error"]["code"]) == (503, "over_budget")
    assert failures(load(server, 16)) == 0


def test_the_limit_holds_across_workers_without_redis(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'limited.sqlite3'}"
    with serving(url, tmp_path, VERIFIER_RATELIMIT_CHECK="10 per minute") as limited:
        statuses = load(limited, 40)
    # Two workers, each allowing half: never more than the limit in all.
    assert 1 <= statuses.count(200) <= 10 and statuses.count(429) == 40 - statuses.count(200)


def test_serve_seeds_the_store_given_after_the_subcommand(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    with serving(url, tmp_path) as named:
        served = named.request("GET", "/api/v1/health")[1]["store"]["facts"]
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT count(*) FROM fact")).scalar_one()
    finally:
        engine.dispose()
    assert served == stored > 100


def test_gunicorns_own_errors_are_json(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET /" + b"a" * 9_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414") and b"application/json" in head
    assert json.loads(body)["error"]["code"] == "uri_too_long"
