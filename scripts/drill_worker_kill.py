"""Fault drill: processes killed (SIGKILL) in the middle of a certificate batch and of an import.

    scripts/with-postgres.sh .venv/bin/python scripts/drill_worker_kill.py
    DATABASE_URL=sqlite:///var/drill-kill.sqlite3 .venv/bin/python scripts/drill_worker_kill.py

Certificate batch: an issued decision of DRILL_LINES (400) lines is queued; `tdkt db_worker` starts, and once
the batch has printed its first chunk the worker is killed with SIGKILL. The batch is then "running" with no
worker. `tdkt certificates recover --minutes 0` queues it again (the drill does not wait the 10 minutes a
real installation waits), a new worker prints it, and the drill checks: done, every line printed, two
attempts, one PDF file for the batch with one page per line, the dead run's task result marked failed.

Import: `tdkt org import people` of DRILL_PEOPLE (3,000) rows is killed with SIGKILL while it writes
(PostgreSQL: its INSERT seen in pg_stat_activity; SQLite: after half the time a full run takes). The drill
checks that not one person was written, runs the import to the end (all rows written), then once more
(nothing changes: rows matched, not duplicated).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="tdkt-drill-media-"))
BIN = Path(sys.executable).parent
LINES = int(os.environ.get("DRILL_LINES", "400"))
PEOPLE = int(os.environ.get("DRILL_PEOPLE", "3000"))


def setup():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def org():
    from tdkt.org import services
    from tdkt.org.models import Unit, UnitKind

    start = date(2020, 1, 1)

    def unit(code, name, kind, parent):
        return Unit.objects.filter(code=code).first() or services.create_unit(
            code=code, name=name, kind=kind, parent=parent, valid_from=start
        )

    root = unit("HQ", "Cục Hải quan", UnitKind.DEPARTMENT, None)
    a = unit("A", "Chi cục Hải quan A", UnitKind.SUB_DEPARTMENT, root)
    a1 = unit("A1", "Đội Nghiệp vụ A1", UnitKind.TEAM, a)
    b = unit("B", "Chi cục Hải quan B", UnitKind.SUB_DEPARTMENT, root)
    return type("Org", (), {"root": root, "a": a, "a1": a1, "b": b})


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "tdkt"), *args], cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise SystemExit(f"FAILED: {what} did not happen within {timeout:.0f} s")


def certificate_drill() -> bool:
    from django.conf import settings
    from django.db import connection
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from tdkt.decisions import tasks
    from tdkt.decisions.models import CertificateBatch
    from tdkt.decisions.tests import doc_factories as f

    decision = f.decision(org(), units=LINES, number=None)
    decision.status, decision.number, decision.year, decision.signed_on = (
        "issued",
        9000 + decision.pk,
        2026,
        date(2026, 1, 5),
    )
    decision.save()
    batch = tasks.start_batch(decision, None)
    connection.close()
    worker = spawn("db_worker", "--no-startup-delay")
    try:
        done = wait_for(
            lambda: CertificateBatch.objects.filter(pk=batch.pk, done__gt=0).values_list("done", flat=True).first(),
            300, "the first chunk",
        )  # fmt: skip
    finally:
        kill(worker)
    batch.refresh_from_db()
    print(f"certificate batch {batch.pk}: worker killed at {done}/{batch.total}, status {batch.status}")
    if batch.status != CertificateBatch.Status.RUNNING:
        print("  (the batch finished before the kill: raise DRILL_LINES)")
        return False
    out = subprocess.run(
        [str(BIN / "tdkt"), "certificates", "recover", "--minutes", "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"  tdkt certificates recover: {out.stdout.strip()}")
    connection.close()
    worker = spawn("db_worker", "--no-startup-delay")
    try:
        wait_for(
            lambda: CertificateBatch.objects.filter(pk=batch.pk, status="done").exists(),
            600,
            "the retried batch",
        )
    finally:
        kill(worker)
    batch.refresh_from_db()
    files = sorted(Path(settings.MEDIA_ROOT).rglob(f"*-lo-{batch.pk}*.pdf"))
    pages = 0
    if files:
        info = subprocess.run(["pdfinfo", str(files[0])], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    print(f"  after recovery: {batch.status} {batch.done}/{batch.total}, attempts {batch.attempts}, "
          f"files {[p.name for p in files]}, {pages} pages")  # fmt: skip
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    print(f"  task results: {statuses}")
    ok = (
        batch.status == "done"
        and batch.done == batch.total == LINES
        and batch.attempts == 2
        and len(files) == 1
        and pages == LINES
        and statuses.count(TaskResultStatus.FAILED) == 1
        and statuses.count(TaskResultStatus.SUCCESSFUL) == 1
    )
    return ok


def import_drill() -> bool:
    from django.contrib.auth.models import User
    from django.db import connection

    from tdkt.core.xlsx import write_table
    from tdkt.org.importing import PERSON_COLUMNS
    from tdkt.org.models import Person

    if not User.objects.filter(is_superuser=True).exists():
        User.objects.create_superuser("drill-admin", password="mat-khau-Dien-tap-2026")
    org()
    headers = [c.header_vi for c in PERSON_COLUMNS]
    row = {c.key: None for c in PERSON_COLUMNS}
    rows = []
    for i in range(PEOPLE):
        row.update(staff_code=f"DK-{i:05d}", full_name=f"Nguyễn Văn Diễn {i}", gender="nam", unit_code="A1",
                   since="01/01/2021", date_of_birth="02/03/1990")  # fmt: skip
        rows.append([row[c.key] for c in PERSON_COLUMNS])
    path = Path(tempfile.mkdtemp(prefix="tdkt-drill-")) / "can-bo.xlsx"
    path.write_bytes(write_table(headers, rows, "Cán bộ"))
    before = Person.objects.count()
    connection.close()

    def writing() -> bool:
        if connection.vendor != "postgresql":
            return False
        with connection.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND xact_start IS NOT NULL AND query ILIKE 'INSERT INTO \"org_person\"%%'"
            )
            return cur.fetchone()[0] > 0

    started = time.monotonic()
    if connection.vendor == "postgresql":
        proc = spawn("org", "import", "people", str(path))
        wait_for(lambda: writing() or proc.poll() is not None, 600, "the import's writes")
    else:  # time a full dry run, then kill a real run half-way
        subprocess.run(
            [str(BIN / "tdkt"), "org", "import", "people", str(path), "--dry-run"],
            check=True,
            capture_output=True,
        )
        half = (time.monotonic() - started) / 2
        proc = spawn("org", "import", "people", str(path))
        time.sleep(half)
    finished_before_kill = proc.poll() is not None
    kill(proc)
    connection.close()
    after_kill = Person.objects.count()
    print(f"import of {PEOPLE:,} people killed after {time.monotonic() - started:.1f} s "
          f"(finished first: {finished_before_kill}); people: {before:,} → {after_kill:,}")  # fmt: skip
    subprocess.run([str(BIN / "tdkt"), "org", "import", "people", str(path)], check=True, capture_output=True)
    after_run = Person.objects.count()
    subprocess.run([str(BIN / "tdkt"), "org", "import", "people", str(path)], check=True, capture_output=True)
    after_again = Person.objects.count()
    print(f"  run to the end: {after_run:,}; again: {after_again:,}")
    return (
        not finished_before_kill
        and after_kill == before
        and after_run == before + PEOPLE
        and after_again == after_run
    )


def main() -> int:
    setup()
    ok_batch = certificate_drill()
    ok_import = import_drill()
    print("OK" if ok_batch and ok_import else "FAILED")
    return 0 if ok_batch and ok_import else 1


if __name__ == "__main__":
    sys.exit(main())
