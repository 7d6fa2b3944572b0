"""Year-end load: locust against gunicorn (+ the task worker) on the demo data plus N generated people.

    scripts/with-postgres.sh .venv/bin/python bench/load.py                   # 50 then 200 users, 120 s each
    LOAD_USERS=50 LOAD_SECONDS=60 scripts/with-postgres.sh .venv/bin/python bench/load.py

Needs the bench requirements (`.venv/bin/uv pip install -r requirements-bench.lock`). On an existing
database (e.g. the national data set of `bench/`), set LOAD_PEOPLE=0 to skip the demo load.

On the national data set (LOAD_PEOPLE=0 LOAD_EXTRA_PEOPLE=0, after `bench/national.py --workflow-only`, which
leaves the account `qg.admin`) the plan comes from that database instead of the demo's accounts: the officers
`qg.canbo.kv*` each proposing for their own regional unit, the staff `qg.nhanvien.*` and their persons, the
members of the open council meeting (`qg.hoidong.*`) and its open ballots, `qg.admin` as the clerk, and the
decision issued by the live scene for certificate batches (see `bench/national_workflow.py`):

    DATABASE_URL=postgres://… LOAD_PEOPLE=0 LOAD_EXTRA_PEOPLE=0 .venv/bin/python bench/load.py

1. migrate; `tdkt demo load --people LOAD_PEOPLE` (default 400; idempotent), then LOAD_EXTRA_PEOPLE (3000) more
   people under the demo Cục through the people import (once);
2. the plan: load accounts (LOAD_OFFICERS officers at the demo Cục, LOAD_STAFF staff members each linked to a
   person), the demo council members and their open ballots, an issued decision with lines for certificate
   batches, a 100-row award file for import checks; written to a JSON file for `bench/load_locustfile.py`;
3. gunicorn (LOAD_GUNICORN_WORKERS × LOAD_GUNICORN_THREADS, default 4 × 8) and `tdkt db_worker`;
4. for each level in LOAD_USERS (default "50,200"): counts of proposals, ballot receipts, sealed votes and
   certificate batches; locust headless for LOAD_SECONDS (default 120); counts again, compared with the writes
   locust saw succeed (0 lost, 0 duplicated: new proposals = successful creates, one receipt and one sealed
   vote per member and ballot, every batch done by the end); p50/p95/p99 per page next to the minimal page
   (the log-in page asked in the same run); the ratio p95 / p95 of the minimal page.

gunicorn keeps idle connections 30 s (`--keep-alive 30`, as a proxy in front would): with its default of 2 s,
a user waiting 1–3 s between pages races the server closing the connection and sees "connection reset".
The second factor is switched off for the run (REQUIRE_2FA=0): it is a log-in step, not a page.
Exit status 1 on any failed request, lost or duplicated write, or unfinished batch.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["REQUIRE_2FA"] = "0"
os.environ["AXES_ENABLED"] = "false"
# Every simulated user signs in from 127.0.0.1: the per-address sign-in limit (60 per 10 minutes) would refuse
# them as one client. Behind a proxy each client has its own address (BEHIND_PROXY, X-Real-IP).
os.environ.setdefault("SIGN_IN_RATE", "1000000")
BIN = Path(sys.executable).parent
from bench import national_workflow  # noqa: E402  (after sys.path)

PEOPLE = int(os.environ.get("LOAD_PEOPLE", "400"))
EXTRA = int(os.environ.get("LOAD_EXTRA_PEOPLE", "3000"))
LEVELS = [int(x) for x in os.environ.get("LOAD_USERS", "50,200").split(",") if x]
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
OFFICERS = int(os.environ.get("LOAD_OFFICERS", "20"))
STAFF = int(os.environ.get("LOAD_STAFF", "40"))
WORKERS = int(os.environ.get("LOAD_GUNICORN_WORKERS", "4"))
THREADS = int(os.environ.get("LOAD_GUNICORN_THREADS", "8"))
PASSWORD = "tdkt-demo-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(workdir: Path) -> dict:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db.models import Count

    from tdkt.awards.models import AwardKind
    from tdkt.core.xlsx import write_table
    from tdkt.councils.models import Ballot, Meeting
    from tdkt.decisions.models import Decision
    from tdkt.org import services as org
    from tdkt.org.models import Membership, Person, RoleAssignment
    from tdkt.org.permissions import visible_people
    from tdkt.proposals.permissions import visible_proposals

    call_command("migrate", verbosity=0)
    if PEOPLE:
        t0 = time.perf_counter()
        call_command("demo", "load", "--people", str(PEOPLE), stdout=open(os.devnull, "w"))
        print(f"Dữ liệu minh họa ({PEOPLE:,} người): {time.perf_counter() - t0:.0f} s")
    if not PEOPLE and User.objects.filter(username=national_workflow.ADMIN).exists():
        return _national_plan(workdir)
    hq = RoleAssignment.objects.filter(user__username="canbo.tdkt", role="officer").first().unit
    if EXTRA and not Person.objects.filter(staff_code__startswith="LT-").exists():
        # More people through the real import (services, audit), all under the demo Cục.
        from tdkt.org.importing import PERSON_COLUMNS, import_people

        t0 = time.perf_counter()
        given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Nga", "Phúc", "Quân"]
        rows = []
        for i in range(EXTRA):
            values = {
                "staff_code": f"LT-{i:06d}",
                "full_name": f"{['Nguyễn', 'Trần', 'Lê', 'Phạm'][i % 4]} Văn {given[i % len(given)]}",
                "gender": "nam",
                "date_of_birth": f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1965 + i % 35}",
                "unit_code": hq.code,
                "since": "01/01/2020",
            }
            rows.append([values.get(c.key) for c in PERSON_COLUMNS])
        data = write_table([c.header_vi for c in PERSON_COLUMNS], rows, "Cán bộ")
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        result = import_people(data, actor=admin)
        assert result.written, (result.error, result.issues[:3])
        print(f"Nhập thêm {EXTRA:,} người: {time.perf_counter() - t0:.0f} s")

    def account(username: str, role: str, unit) -> User:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.save()
            org.assign_role(user=user, role=role, unit=unit)
        return user

    officers = [account(f"load.officer.{i}", "officer", hq).username for i in range(OFFICERS)]
    staff_person = {}
    memberships = (
        Membership.objects.filter(valid_to__isnull=True, person__user__isnull=True)
        .select_related("person", "unit")
        .order_by("person_id")[:STAFF]
    )
    for i, m in enumerate(memberships):
        user = account(f"load.staff.{i}", "staff", m.unit)
        Person.objects.filter(pk=m.person_id).update(user=user)
        staff_person[user.username] = m.person_id
    for m in Person.objects.filter(user__username__startswith="load.staff."):
        staff_person[m.user.username] = m.pk
    officer = User.objects.get(username=officers[0])
    ballots = list(
        Ballot.objects.filter(status=Ballot.Status.OPEN, meeting__status=Meeting.Status.OPEN).values_list(
            "pk", flat=True
        )
    )
    decision = (
        Decision.objects.filter(status=Decision.Status.ISSUED)
        .annotate(n=Count("lines"))
        .filter(n__gt=0)
        .order_by("n")
        .first()
    )
    people = list(visible_people(officer).order_by("pk").values_list("pk", flat=True)[:500])
    return {
        "password": PASSWORD,
        "officer": officers,
        "staff": sorted(staff_person),
        "staff_person": staff_person,
        "council": [f"hoidong.{i}" for i in range(1, 6)],
        "clerk": ["admin"],
        "officer_unit": hq.pk,
        "award_kind": AwardKind.objects.get(code="LDTT").pk,
        "proposals": list(visible_proposals(officer).values_list("pk", flat=True)[:200]),
        "people": people,
        "ballots": ballots,
        "decision": decision.pk,
        "import_file": _import_file(workdir, people),
    }


def _import_file(workdir: Path, people: list[int]) -> str:
    """A 100-row award file naming people the clerk may see (for the import checks)."""
    from tdkt.awards.importing import COLUMNS
    from tdkt.core.xlsx import write_table
    from tdkt.org.models import Person

    rows = [
        (p.full_name, p.date_of_birth, "Cục Hải quan", "Lao động tiên tiến", 2024, f"{i}/QĐ-HQ")
        for i, p in enumerate(Person.objects.filter(pk__in=people[:100]))
    ]
    import_file = workdir / "khen-thuong.xlsx"
    import_file.write_bytes(write_table([c.header_vi for c in COLUMNS[:6]], rows, "Khen thưởng"))
    return str(import_file)


def _national_plan(workdir: Path) -> dict:
    """The plan on the national data set after `bench/national.py --workflow` (LOAD_PEOPLE=0): the accounts,
    the open ballots and the issued decision of its live scene (see `bench/national_workflow.py`)."""
    from django.contrib.auth.models import User

    from bench.national import PREFIX
    from tdkt.awards.models import AwardKind
    from tdkt.councils.models import Ballot, CouncilMember, Meeting
    from tdkt.decisions.models import Decision
    from tdkt.org.models import Person, RoleAssignment
    from tdkt.org.permissions import visible_people
    from tdkt.proposals.permissions import visible_proposals

    officer_units = dict(
        RoleAssignment.objects.filter(user__username__startswith="qg.canbo.kv", role="officer")
        .order_by("user__username")
        .values_list("user__username", "unit_id")
    )
    if not officer_units:
        raise RuntimeError("Chưa có cảnh cuối năm: chạy bench/national.py --workflow-only trước.")
    officer = User.objects.get(username=min(officer_units))
    staff_person = dict(
        Person.objects.filter(user__username__startswith="qg.nhanvien.").values_list("user__username", "pk")
    )
    meetings = Meeting.objects.filter(status=Meeting.Status.OPEN, council__unit__code__startswith=PREFIX)
    ballots = list(
        Ballot.objects.filter(status=Ballot.Status.OPEN, meeting__in=meetings).values_list("pk", flat=True)
    )
    council = sorted(
        CouncilMember.objects.filter(council__meetings__in=meetings, user__isnull=False)
        .values_list("user__username", flat=True)
        .distinct()
    )
    decision = Decision.objects.get(
        issuer__symbol=national_workflow.LIVE_ISSUER, status=Decision.Status.ISSUED
    )
    # Each officer reads the people and dossiers of their own region (another region's answer 404).
    people_by_unit, proposals_by_unit = {}, {}
    for username, unit in officer_units.items():
        if unit not in people_by_unit:
            user = User.objects.get(username=username)
            people_by_unit[unit] = list(
                visible_people(user).order_by("pk").values_list("pk", flat=True)[:500]
            )
            proposals_by_unit[unit] = list(
                visible_proposals(user).order_by("-pk").values_list("pk", flat=True)[:200]
            )
    people = people_by_unit[officer_units[officer.username]]
    return {
        "password": national_workflow.PASSWORD,
        "officer": sorted(officer_units),
        "officer_units": officer_units,
        "staff": sorted(staff_person),
        "staff_person": staff_person,
        "council": council,
        "clerk": [national_workflow.ADMIN],
        "officer_unit": officer_units[officer.username],
        "award_kind": AwardKind.objects.get(code="LDTT").pk,
        "proposals": proposals_by_unit[officer_units[officer.username]],
        "people": people,
        "people_by_unit": people_by_unit,
        "proposals_by_unit": proposals_by_unit,
        "ballots": ballots,
        "decision": decision.pk,
        "import_file": _import_file(workdir, people),
        "national": True,
    }


def counts(plan: dict) -> dict:
    from tdkt.councils.models import BallotReceipt, SealedVote
    from tdkt.decisions.models import CertificateBatch
    from tdkt.proposals.models import Proposal

    ballots = plan["ballots"]
    return {
        "proposals": Proposal.objects.filter(title__contains="(tải)").count(),
        "receipts": BallotReceipt.objects.filter(ballot_id__in=ballots).count(),
        "sealed": SealedVote.objects.filter(ballot_id__in=ballots).count(),
        "batches": CertificateBatch.objects.filter(decision_id=plan["decision"]).count(),
    }


def _stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def run_level(users: int, base: str, plan_file: Path, plan: dict, workdir: Path) -> tuple[list[str], bool]:
    from tdkt.councils.models import BallotReceipt
    from tdkt.decisions.models import CertificateBatch

    before = counts(plan)
    prefix = workdir / f"u{users}"
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "load_locustfile.py"), "--headless", "-u", str(users),
         "-r", str(max(users // 10, 1)), "-t", f"{SECONDS}s", "--host", base, "--csv", str(prefix),
         "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"],
        env={**os.environ, "LOAD_PLAN": str(plan_file)}, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    # Batches still running finish before the counts are compared.
    for _ in range(120):
        if not CertificateBatch.objects.filter(
            decision_id=plan["decision"], status__in=["queued", "running"]
        ).exists():
            break
        time.sleep(1)
    after = counts(plan)
    stats = {row["Name"]: row for row in _stats(prefix)}

    def ok(name: str) -> int:
        row = stats.get(name)
        return int(row["Request Count"]) - int(row["Failure Count"]) if row else 0

    failures = sum(int(r["Failure Count"]) for name, r in stats.items() if name != "Aggregated")
    requests = int(stats["Aggregated"]["Request Count"])
    new_proposals = after["proposals"] - before["proposals"]
    duplicated_votes = (
        BallotReceipt.objects.filter(ballot_id__in=plan["ballots"])
        .values("ballot_id", "member_id")
        .distinct()
        .count()
        != after["receipts"]
    )
    unfinished = CertificateBatch.objects.filter(decision_id=plan["decision"]).exclude(status="done").count()
    checks = {
        "failed requests": failures,
        "proposals created (seen by locust) vs recorded": f"{ok('proposals: create (write)')} / {new_proposals}",
        "ballot receipts vs sealed votes": f"{after['receipts']} / {after['sealed']}",
        "batches started vs recorded": f"{ok('certificates: start batch (write)')} / "
        f"{after['batches'] - before['batches']}",
        "batches not done": unfinished,
    }
    good = (
        failures == 0
        # None lost: every create locust saw succeed is in the database. A create whose user was stopped at the
        # end of the run while its request was in flight is recorded without being counted: reported, allowed.
        and 0 <= new_proposals - ok("proposals: create (write)") <= users
        and after["receipts"] == after["sealed"]
        and not duplicated_votes
        # The same for certificate batches started in the last seconds (the clerk's request still in flight).
        and 0 <= after["batches"] - before["batches"] - ok("certificates: start batch (write)") <= users
        and unfinished == 0
    )
    minimal = stats.get("minimal: log-in page")
    ref95 = float(minimal["95%"]) if minimal else 0.0
    lines = [
        f"#### {users} users, {SECONDS} s ({requests:,} requests, {wall:.0f} s wall; load average "
        f"{load_before:.1f} → {load_after:.1f} on {os.cpu_count()} CPU shared with other work)",
        "",
        "| Page | Requests | Failures | p50 ms | p95 ms | p99 ms | p95 / minimal p95 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in sorted(
        stats.items(), key=lambda kv: (kv[0] == "Aggregated", not kv[0].startswith("minimal"), kv[0])
    ):
        ratio = f"{float(r['95%']) / ref95:.1f} ×" if ref95 else "–"
        lines.append(
            f"| {name} | {int(r['Request Count']):,} | {r['Failure Count']} | {r['50%']} | {r['95%']} | {r['99%']} "
            f"| {ratio} |"
        )
    lines += [
        "",
        "Checks: " + "; ".join(f"{k}: {v}" for k, v in checks.items()) + f" → {'OK' if good else 'FAILED'}",
        "",
    ]
    return lines, good


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="tdkt-load-"))
    plan = prepare(workdir)
    plan_file = workdir / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    from django.db import connection

    connection.close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "STATIC_MANIFEST": "false"}
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(WORKERS), "--threads",
         str(THREADS), "--timeout", "120", "--keep-alive", "30", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    worker = subprocess.Popen(
        [str(BIN / "tdkt"), "db_worker", "--no-startup-delay"], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    report, all_good = [], True
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        from django.db import connection as db

        vendor = db.vendor
        for users in LEVELS:
            lines, good = run_level(users, base, plan_file, plan, workdir)
            all_good &= good
            report += lines
            print("\n".join(lines), flush=True)
    finally:
        for proc in (server, worker):
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a saturated server still busy after 30 s
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
    data = (
        "the national data set after its workflow step"
        if plan.get("national")
        else f"{PEOPLE:,} demo + {EXTRA:,} imported people"
    )
    print(f"({vendor}, gunicorn {WORKERS}×{THREADS}, {data}; files in {workdir})")
    return 0 if all_good else 1


if __name__ == "__main__":
    sys.exit(main())
