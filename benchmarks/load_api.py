"""Load-test POST /api/v1/verify on loopback through `verifier serve` (gunicorn).

Starts the server on 127.0.0.1 with a seeded SQLite store in a temporary folder and a rate
limit it never reaches, waits for /api/v1/health, warms every worker up, then sends real claims
for a fixed time at a fixed concurrency: with wrk when it is installed (apt-get install -y wrk),
else with a pool of Python threads. Prints requests per second, p50/p95/p99 latency and the
error count, and always stops the server. Then the same load against a Flask hello-world
endpoint under the same gunicorn settings (hello_app.py), and the verifier's rate as a share
of it. --database-url serves a store as it is (a large one loaded with `facts load`).

Run: .venv/bin/python benchmarks/load_api.py --workers 2 --concurrency 8 --duration 20
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
PATH = "/api/v1/verify"
ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VERIFIER_SHARED_DIR", ROOT.parent / "shared"))
CLAIMS_FILE = SHARED / "eval" / "claims-dev.jsonl"
# Used when the shared evaluation claims are not beside the repository.
BUILTIN_CLAIMS: list[dict[str, str]] = [
    {"claim": "The SCO was founded in 2001.", "as_of": "2025-08-28"},
    {"claim": "The SCO has twelve member states.", "as_of": "2025-08-28"},
    {"claim": "The SCO has 10 member states.", "as_of": "2025-08-28"},
    {"claim": "The SCO was established in 2003.", "as_of": "2025-08-28"},
    {"claim": "The Shanghai Cooperation Organization was founded on June 15, 2001."},
    {"claim": "The 2025 SCO summit was held in Tianjin."},
    {"claim": "India joined the SCO in 2017."},
    {"claim": "The weather in the capital was pleasant."},
]
# Requests per worker sent before timing, so each worker has built its index.
WARMUP_PER_WORKER = 8


@dataclass(slots=True)
class Result:
    """What one load run measured."""

    driver: str
    requests: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    percentiles_ms: dict[int, float] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)

    def percentile(self, p: int) -> float:
        """Return the P-th latency percentile in milliseconds, nearest rank."""
        if p in self.percentiles_ms:
            return self.percentiles_ms[p]
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))
        return ordered[rank]


def load_claims(path: Path) -> list[dict[str, str]]:
    """Return the request bodies: the claims (and as_of) of PATH, else the built-in list."""
    if not path.is_file():
        print(f"no claims at {path}; using {len(BUILTIN_CLAIMS)} built-in claims")
        return BUILTIN_CLAIMS
    bodies = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            body = {"claim": item["claim"]}
            if item.get("as_of"):
                body["as_of"] = item["as_of"]
            bodies.append(body)
    print(f"{len(bodies)} claims from {path}")
    return bodies


def free_port() -> int:
    """Return a loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def serve_command(workers: int, port: int) -> list[str]:
    """Return the command that runs `verifier serve` from this interpreter's environment."""
    script = Path(sys.executable).with_name("verifier")
    # The venv's console script when there is one, so this is the command users run.
    prefix = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from verifier.cli import main; main()"]
    )
    return [*prefix, "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]


def request(port: int, body: bytes, timeout: float = 30.0) -> tuple[int, bytes]:
    """POST BODY to the verify route on a new connection; return the status and body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("POST", PATH, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_healthy(port: int, server: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait until /api/v1/health answers 200; fail if the server exits or TIMEOUT passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/api/v1/health")
            if connection.getresponse().status == 200:
                connection.close()
                return
            connection.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"/api/v1/health did not answer within {timeout:.0f} s")


def hello_command(workers: int, port: int) -> list[str]:
    """Return the command that serves hello_app.py under gunicorn as `verifier serve` does."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    return [
        gunicorn,
        "--chdir",
        str(Path(__file__).resolve().parent),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "hello_app:app",
    ]


@contextmanager
def running_server(
    command: list[str], port: int, folder: Path, startup: float, database_url: str | None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run COMMAND (a server) on a store in FOLDER until the block ends; yield its master.

    DATABASE_URL names a store to serve as it is; by default a new SQLite store is seeded.
    """
    env = {
        **os.environ,
        "VERIFIER_DATABASE_URL": database_url or f"sqlite:///{folder / 'verifier.sqlite3'}",
        "VERIFIER_INSTANCE_PATH": str(folder),
        "VERIFIER_SEED_ON_START": "false" if database_url else "true",
        # Every request comes from 127.0.0.1, one client to the limiter: lift the limit.
        "VERIFIER_RATELIMIT_CHECK": "1000000000 per minute",
    }
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        # A session of its own, so stopping it reaches gunicorn's workers and nothing else.
        server = subprocess.Popen(
            command,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_healthy(port, server, startup)
            yield server
        except BaseException:
            print(f"server log ({log_path}), last lines:", file=sys.stderr)
            print(
                "\n".join(log_path.read_text(errors="replace").splitlines()[-30:]), file=sys.stderr
            )
            raise
        finally:
            stop(server)


def workers_rss(master: int) -> list[int]:
    """Return the resident memory, in MiB, of each worker of the gunicorn MASTER."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if f"\nPPid:\t{master}\n" in status:
            rss = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
            found.append(int(rss.split()[1]) // 1024)
    return sorted(found)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server: SIGTERM lets gunicorn stop its workers; SIGKILL the group if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    # Workers orphaned by a killed master share its process group; end any left over.
    with suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)


def warm_up(port: int, bodies: list[bytes], workers: int, concurrency: int) -> None:
    """Send untimed requests, enough that every worker has built its index; fail on an error."""
    count = max(WARMUP_PER_WORKER * workers, concurrency)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        answers = list(pool.map(lambda i: request(port, bodies[i % len(bodies)]), range(count)))
    bad = [(status, body[:200]) for status, body in answers if status != 200]
    if bad:
        raise RuntimeError(f"warm-up requests failed: {bad[:3]}")


def lua_script(bodies: list[bytes]) -> str:
    """Return a wrk script that POSTs BODIES in turn and prints its figures as JSON."""
    literals = []
    for body in bodies:
        text = body.decode("utf-8")
        level = 0
        while f"]{'=' * level}]" in text:
            level += 1
        literals.append(f"[{'=' * level}[{text}]{'=' * level}]")
    return f"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {{{", ".join(literals)}}}
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "{PATH}", nil, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {{"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def run_wrk(
    wrk: str, port: int, bodies: list[bytes], concurrency: int, duration: int, folder: Path
) -> Result:
    """Drive the server with wrk and read the figures its script prints."""
    script = folder / "verify.lua"
    script.write_text(lua_script(bodies), encoding="utf-8")
    # Few threads: the load generator shares the machine's cores with the server's workers.
    threads = min(concurrency, 2)
    command = [
        wrk,
        f"-t{threads}",
        f"-c{concurrency}",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        f"http://{HOST}:{port}{PATH}",
    ]
    output = subprocess.run(
        command, check=True, capture_output=True, text=True, timeout=duration + 60
    ).stdout
    line = next((x for x in output.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    data = json.loads(line.removeprefix("RESULT "))
    errors: Counter[str] = Counter()
    for kind in ("connect", "read", "write", "status", "timeout"):
        if data[kind]:
            errors["HTTP 4xx/5xx" if kind == "status" else f"socket {kind}"] = data[kind]
    return Result(
        "wrk",
        data["requests"],
        data["duration_us"] / 1e6,
        percentiles_ms={p: data[f"p{p}"] / 1000 for p in (50, 95, 99)},
        errors=errors,
    )


def run_threads(port: int, bodies: list[bytes], concurrency: int, duration: int) -> Result:
    """Drive the server from CONCURRENCY Python threads, each one request at a time."""
    lock = threading.Lock()
    result = Result("python threads", 0, 0.0)
    started = time.perf_counter()
    deadline = started + duration

    def client(offset: int) -> None:
        """Send requests in a loop until the deadline, recording each one's latency."""
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        i = offset
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            try:
                status, _ = request(port, bodies[i % len(bodies)])
                if status != 200:
                    errors[f"HTTP {status}"] += 1
            except OSError as exc:
                errors[type(exc).__name__] += 1
            latencies.append((time.perf_counter() - sent) * 1000)
            i += 1
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors.update(errors)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(client, range(concurrency)))
    result.seconds = time.perf_counter() - started
    result.requests = len(result.latencies_ms)
    return result


def report(result: Result, workers: int, concurrency: int) -> None:
    """Print the run's figures."""
    errors = sum(result.errors.values())
    detail = f" ({', '.join(f'{k}: {v}' for k, v in result.errors.items())})" if errors else ""
    print(f"driver: {result.driver}; workers: {workers}; concurrency: {concurrency}")
    print(f"requests: {result.requests} in {result.seconds:.1f} s")
    print(f"requests per second: {result.requests / result.seconds:.1f}")
    print(
        f"latency p50: {result.percentile(50):.1f} ms, p95: {result.percentile(95):.1f} ms, "
        f"p99: {result.percentile(99):.1f} ms"
    )
    print(f"errors: {errors}{detail}")


def main() -> int:
    """Parse the options, run the server and the load, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--concurrency", type=int, default=8, help="requests in flight at once (default 8)"
    )
    parser.add_argument("--duration", type=int, default=20, help="seconds of load (default 20)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: free)")
    parser.add_argument(
        "--claims",
        type=Path,
        default=CLAIMS_FILE,
        help="JSON Lines with a claim (and as_of) per line",
    )
    parser.add_argument(
        "--driver",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="wrk when installed (auto), or Python threads",
    )
    parser.add_argument(
        "--startup-timeout", type=float, default=60.0, help="seconds to wait for /api/v1/health"
    )
    parser.add_argument(
        "--database-url", help="serve this store as it is (default: a new seeded SQLite store)"
    )
    parser.add_argument(
        "--no-hello",
        action="store_true",
        help="skip the run against a Flask hello-world endpoint under the same gunicorn settings",
    )
    args = parser.parse_args()
    if args.workers < 1 or args.concurrency < 1 or args.duration < 1:
        parser.error("--workers, --concurrency and --duration must be at least 1")

    wrk = shutil.which("wrk") if args.driver != "python" else None
    if args.driver == "wrk" and wrk is None:
        parser.error("wrk is not installed (apt-get install -y wrk)")
    bodies = [json.dumps(b, ensure_ascii=False).encode("utf-8") for b in load_claims(args.claims)]
    port = args.port or free_port()
    runs = [("verifier", serve_command(args.workers, port))]
    if not args.no_hello:
        runs.append(("hello-world", hello_command(args.workers, port)))
    results: dict[str, Result] = {}
    for label, command in runs:
        with tempfile.TemporaryDirectory(prefix="verifier-load-") as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            with running_server(
                command, port, folder, args.startup_timeout, args.database_url
            ) as server:
                print(
                    f"{label} up on {HOST}:{port} in {time.perf_counter() - started:.1f} s "
                    f"({args.workers} workers); warming up"
                )
                warm_up(port, bodies, args.workers, args.concurrency)
                before = workers_rss(server.pid)
                print(f"loading {PATH} for {args.duration} s at concurrency {args.concurrency}")
                if wrk is not None:
                    result = run_wrk(wrk, port, bodies, args.concurrency, args.duration, folder)
                else:
                    result = run_threads(port, bodies, args.concurrency, args.duration)
                print(
                    f"worker memory (MiB) after warm-up: {before}; after the load: "
                    f"{workers_rss(server.pid)}"
                )
        print(f"-- {label}")
        report(result, args.workers, args.concurrency)
        results[label] = result
    if "hello-world" in results:
        ours, hello = results["verifier"], results["hello-world"]
        share = (ours.requests / ours.seconds) / (hello.requests / hello.seconds)
        rate = ours.requests / ours.seconds
        print(
            f"verifier: {rate:.0f} req/s, p95 {ours.percentile(95):.1f} ms; "
            f"hello-world: {hello.requests / hello.seconds:.0f} req/s, "
            f"p95 {hello.percentile(95):.1f} ms; the verifier serves {share:.0%} of its rate"
        )
    return 1 if any(r.errors for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
