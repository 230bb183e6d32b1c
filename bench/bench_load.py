"""Load and soak: mixed roles (bench/locustfile.py) against the production stack on the
national-scale PostgreSQL database, driven headless by locust, loopback only, bounded in time.

1. The national database of bench_projects (BENCH_DB_NAME, default duikou_bench; built there
   once if missing) and one signed-in session per persona.
2. `deploy/serve.sh` — what `make serve` runs: collectstatic, gunicorn (deploy/gunicorn.conf.py)
   and a task worker — on 127.0.0.1:BENCH_LOAD_PORT (default 8765), DEBUG off. Worker
   recycling is off (WEB_MAX_REQUESTS=0) so that the same worker processes are measured from
   the start of the soak to its end.
3. Load: BENCH_LOAD_USERS (200) simulated users, each waiting 5–15 s between requests, for
   BENCH_LOAD_SECONDS (60; statistics reset once all users are running).
4. Soak: half as many users for BENCH_SOAK_SECONDS (60 by default to keep `make bench`
   short; BENCH_SOAK_SECONDS=600 is the 10-minute soak), with each gunicorn worker's resident
   memory at its start and end.

Figures (unit, reference, ratio):
- load.rps: requests per second answered; reference = the rate the users would make if every
  answer were instant (users / mean think time), ratio = the share of it achieved;
- load.p95_ms / load.p50_ms (all requests) and load.p95_ms.<kind> / load.p50_ms.<kind> per
  page kind; reference = the goal of 500 ms;
- load.errors: failed requests (5xx, unexpected statuses, timeouts); reference 0, ratio = count;
- soak.memory_growth: the largest growth of one worker's RSS over the soak, in percent;
  reference = the 10 % allowed.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8765"))
HOST = "127.0.0.1"  # loopback only
USERS = int(os.environ.get("BENCH_LOAD_USERS", "200"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "60"))
# A person reads a page or fills a field for 5–15 s before the next click (BENCH_THINK_MIN,
# BENCH_THINK_MAX): 200 users then ask for about 20 pages a second.
THINK_MIN = float(os.environ.get("BENCH_THINK_MIN", "5"))
THINK_MAX = float(os.environ.get("BENCH_THINK_MAX", "15"))
GOAL_P95_MS = 500.0
PERSONAS = ["coordinator", "hq_jiangsu", "wg_jiangsu_yining", "recipient_yining"]


def _sessions() -> dict[str, str]:
    """A signed-in session per persona, made as the login view would (no password hashing
    under load: that is not what is measured)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from duikou.accounts.models import User

    sessions = {}
    for user in User.objects.filter(username__in=PERSONAS):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user.username] = store.session_key
    return sessions


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _start_server(var_dir: Path, env: dict[str, str]) -> subprocess.Popen:
    env = {
        **env,
        "DUIKOU": _bin("duikou"),
        "GUNICORN": _bin("gunicorn"),
        "GRANIAN": _bin("granian"),
        "BIND": f"{HOST}:{PORT}",
        "DUIKOU_VAR_DIR": str(var_dir),
        "WEB_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    log = (var_dir / "serve.log").open("w")
    server = subprocess.Popen(
        [str(ROOT / "deploy" / "serve.sh")],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=var_dir,
    )
    deadline = time.monotonic() + 300  # collectstatic compresses every file once
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                log_text = (var_dir / "serve.log").read_text()
                raise RuntimeError(f"deploy/serve.sh exited: {log_text}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=5) as ok:
                    if ok.status == 200:
                        return server
            except OSError:
                time.sleep(1)
        raise RuntimeError("the server did not answer /healthz within 5 minutes")
    except BaseException:
        _stop(server)
        raise


def _stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _web_workers(server: subprocess.Popen) -> list:
    """The application server's worker processes (children of the gunicorn master)."""
    import psutil

    found = []
    for child in psutil.Process(server.pid).children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
            parent = " ".join(child.parent().cmdline())
        except psutil.Error:
            continue
        if ("gunicorn" in cmdline and "gunicorn" in parent) or "granian" in parent:
            found.append(child)
    return found


def _rss(workers: list) -> dict[int, int]:
    return {w.pid: w.memory_info().rss for w in workers if w.is_running()}


def _locust(users: int, seconds: int, sessions: dict[str, str], out: Path) -> list[dict]:
    env = {
        **os.environ,
        "BENCH_SESSIONS": json.dumps(sessions),
        "BENCH_THINK_MIN": str(THINK_MIN),
        "BENCH_THINK_MAX": str(THINK_MAX),
    }
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        f"http://{HOST}:{PORT}",
        "-u",
        str(users),
        "-r",
        str(max(1, users // 10)),
        "-t",
        f"{seconds}s",
        "--reset-stats",
        "--stop-timeout",
        "10",
        "--csv",
        str(out),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    with open(f"{out}.log", "w") as log:  # locust's own summary tables
        subprocess.run(
            command,
            env=env,
            timeout=seconds + 120,
            check=False,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    with open(f"{out}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def _loadavg() -> str:
    """The machine's load average (1, 5, 15 min) and cores: how busy it was besides us."""
    return " ".join(f"{v:.1f}" for v in os.getloadavg()) + f" on {os.cpu_count()} cores"


def _figure(value: float, unit: str, reference: float, ratio: float | None = None) -> dict:
    if ratio is None:
        ratio = value / reference if reference else value
    return {"value": value, "unit": unit, "reference": reference, "ratio": ratio}


def run() -> dict[str, dict]:
    from bench import bench_projects

    bench_projects._ensure_database()
    bench_projects._setup_django()
    bench_projects._prepare(
        int(os.environ.get("BENCH_PROJECTS", "1000000")),
        int(os.environ.get("BENCH_TRANSACTIONS", "10000000")),
    )
    from django.conf import settings

    sessions = _sessions()
    figures: dict[str, dict] = {}
    work = Path(tempfile.mkdtemp(prefix="duikou-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": bench_projects.DB_URL,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
    }
    server = _start_server(work, env)
    try:
        workers = _web_workers(server)
        print(
            f"   {len(workers)} web workers; load: {USERS} users for {LOAD_SECONDS} s", flush=True
        )
        rows = _locust(USERS, LOAD_SECONDS, sessions, work / "load")
        total = next(r for r in rows if r["Name"] == "Aggregated")
        offered = USERS / ((THINK_MIN + THINK_MAX) / 2)
        rps = float(total["Requests/s"])
        figures["load.rps"] = _figure(rps, "req/s", offered)
        figures["load.p50_ms"] = _figure(float(total["50%"]), "ms", GOAL_P95_MS)
        figures["load.p95_ms"] = _figure(float(total["95%"]), "ms", GOAL_P95_MS)
        figures["load.errors"] = _figure(float(total["Failure Count"]), "count", 0)
        for row in rows:
            if row["Name"] != "Aggregated" and int(row["Request Count"]):
                figures[f"load.p50_ms.{row['Name']}"] = _figure(
                    float(row["50%"]), "ms", GOAL_P95_MS
                )
                figures[f"load.p95_ms.{row['Name']}"] = _figure(
                    float(row["95%"]), "ms", GOAL_P95_MS
                )
        print(
            f"   load: {int(total['Request Count'])} requests, "
            f"{int(total['Failure Count'])} failed; load average {_loadavg()}",
            flush=True,
        )

        soak_users = max(1, USERS // 2)
        before = _rss(workers)
        print(
            f"   soak: {soak_users} users for {SOAK_SECONDS} s; RSS per worker at start (MB): "
            + ", ".join(f"{v / 2**20:.0f}" for v in before.values()),
            flush=True,
        )
        soak = _locust(soak_users, SOAK_SECONDS, sessions, work / "soak")
        print(f"   soak done; load average {_loadavg()}", flush=True)
        after = _rss(workers)
        print(
            "   RSS per worker at end (MB): "
            + ", ".join(f"{after.get(pid, 0) / 2**20:.0f}" for pid in before),
            flush=True,
        )
        soak_total = next(r for r in soak if r["Name"] == "Aggregated")
        growth = max(
            (after[pid] - before[pid]) / before[pid] * 100 for pid in before if pid in after
        )
        figures["soak.memory_growth"] = _figure(growth, "%", 10.0)
        figures["soak.errors"] = _figure(float(soak_total["Failure Count"]), "count", 0)
        figures["soak.p95_ms"] = _figure(float(soak_total["95%"]), "ms", GOAL_P95_MS)
        if set(after) != set(before):
            print("   note: a worker was replaced during the soak", flush=True)
    finally:
        _stop(server)
    return figures


if __name__ == "__main__":
    for key, figure in run().items():
        print(f"{key:<40} {figure['value']:>10.4g} {figure['unit']}")
