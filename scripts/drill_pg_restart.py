"""Fault drill: PostgreSQL restarted under load; the app must fail cleanly and recover by itself.

    scripts/with-postgres.sh .venv/bin/python scripts/drill_pg_restart.py

Starts gunicorn (2 workers × 4 threads, the settings of `make run`) on the throw-away cluster, runs
DRILL_CLIENTS (8) client threads that loop over a page (/people/, logged in), an API list (/api/units/) and
/healthz, stops PostgreSQL (`pg_ctl stop -m fast`) after DRILL_BEFORE seconds (5), starts it again DRILL_DOWN
seconds (3) later, and goes on for
DRILL_AFTER seconds (10) once it is back. Requests are classed by when they started: before the restart,
during it (in flight when the restart command ran, or started before it returned), after.

Passes (exit 0) when: no request fails before; during the outage every failure is clean (HTML: the Vietnamese
500 page; API: the JSON error format) and none hangs past the client timeout; after the restart not one
request fails, with gunicorn never restarted (no stale connection reused: CONN_HEALTH_CHECKS).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["REQUIRE_2FA"] = "0"
os.environ["AXES_ENABLED"] = "false"
BIN = Path(sys.executable).parent
CLIENTS = int(os.environ.get("DRILL_CLIENTS", "8"))
BEFORE = float(os.environ.get("DRILL_BEFORE", "5"))
AFTER = float(os.environ.get("DRILL_AFTER", "10"))
DOWN = float(os.environ.get("DRILL_DOWN", "3"))
TIMEOUT = 15
PASSWORD = "mat-khau-Dien-tap-2026"
URLS = ["/people/", "/api/units/", "/healthz"]


def prepare() -> str:
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from tdkt.org import services
    from tdkt.org.models import Unit, UnitKind

    call_command("migrate", verbosity=0)
    unit = Unit.objects.filter(code="DRILL").first() or services.create_unit(
        code="DRILL", name="Cục Diễn tập", kind=UnitKind.DEPARTMENT, parent=None, valid_from=date(2020, 1, 1)
    )
    if not User.objects.filter(username="drill").exists():
        user = User.objects.create_user("drill", password=PASSWORD)
        services.assign_role(user=user, role="officer", unit=unit)
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        data_dir = cursor.fetchone()[0]
    connection.close()
    return data_dir


def pg_ctl(*args: str) -> None:
    pgbin = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")]
    )[-1]
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*as_postgres, str(pgbin / "pg_ctl"), *args], check=True, stdout=subprocess.DEVNULL)


def login(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=TIMEOUT).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "drill", "password": PASSWORD, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(f"{base}/accounts/login/", data=data.encode(), headers={"Referer": base})
    response = opener.open(request, timeout=TIMEOUT)
    assert "/accounts/login/" not in response.url, "log-in failed"
    return opener


def clean_failure(url: str, status: int, kind: str, body: str) -> bool:
    if url.startswith("/api/") or url == "/healthz":
        return "json" in kind and '"detail"' in body if url.startswith("/api/") else status >= 500
    return "text/html" in kind and ("Hệ thống gặp lỗi" in body or "tạm thời" in body)


def main() -> int:
    data_dir = prepare()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--threads", "4",
         "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "STATIC_MANIFEST": "false"}, start_new_session=True,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    records: list[tuple[float, str, int, str, str, float]] = []  # (start, url, status, kind, body, end)
    lock = threading.Lock()
    stop = threading.Event()

    def client(opener):
        i = 0
        while not stop.is_set():
            url = URLS[i % len(URLS)]
            i += 1
            started = time.monotonic()
            try:
                r = opener.open(base + url, timeout=TIMEOUT)
                status, kind, body = (
                    r.status,
                    r.headers.get("Content-Type", ""),
                    r.read(4000).decode("utf-8", "replace"),
                )
            except urllib.error.HTTPError as e:
                status, kind, body = (
                    e.code,
                    e.headers.get("Content-Type", ""),
                    e.read(4000).decode("utf-8", "replace"),
                )
            except OSError as e:
                status, kind, body = 0, "", f"{type(e).__name__}: {e}"
            with lock:
                records.append((started, url, status, kind, body, time.monotonic()))
            time.sleep(0.05)

    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        openers = [login(base) for _ in range(CLIENTS)]
        threads = [threading.Thread(target=client, args=(o,), daemon=True) for o in openers]
        for t in threads:
            t.start()
        time.sleep(BEFORE)
        restart_at = time.monotonic()
        # Stopped, kept down DRILL_DOWN seconds, started again with the options it ran with.
        opts = shlex.split(Path(data_dir, "postmaster.opts").read_text().strip())[1:]
        opts = [o for i, o in enumerate(opts) if o != "-D" and (i == 0 or opts[i - 1] != "-D")]
        pg_ctl("-D", data_dir, "-m", "fast", "-w", "-t", "60", "stop")
        time.sleep(DOWN)
        pg_ctl(
            "-D",
            data_dir,
            "-w",
            "-t",
            "60",
            "-l",
            str(Path(data_dir).parent / "server.log"),
            "-o",
            shlex.join(opts),
            "start",
        )
        back_at = time.monotonic()
        time.sleep(AFTER)
        stop.set()
        for t in threads:
            t.join(timeout=TIMEOUT + 5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    phases = {"before": [], "during": [], "after": []}
    for rec in records:
        start, end = rec[0], rec[5]
        phase = "before" if end < restart_at else "during" if start < back_at else "after"
        phases[phase].append(rec)
    ok = True
    print(
        f"PostgreSQL down for {back_at - restart_at:.1f} s (pg_ctl stop -m fast, {DOWN:g} s, start); {CLIENTS} clients"
    )
    for phase, recs in phases.items():
        statuses = Counter(r[2] for r in recs)
        failures = [r for r in recs if r[2] != 200]
        unclean = [r for r in failures if not clean_failure(r[1], r[2], r[3], r[4])]
        print(f"  {phase:6}: {len(recs):5} requests, statuses {dict(sorted(statuses.items()))}, "
              f"failures {len(failures)}, unclean {len(unclean)}")  # fmt: skip
        for r in unclean[:3]:
            print(f"          {r[1]} {r[2]} {r[3]} {r[4][:160]!r}")
        if phase in ("before", "after") and failures:
            ok = False
        if unclean:
            ok = False
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
