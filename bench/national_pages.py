"""Every list page, person page, statistics page and export over the national data set, against a minimal page.

    DATABASE_URL=postgres://… .venv/bin/python bench/national_pages.py          # after bench/national.py
    BENCH_ROUNDS=3 BENCH_DOC= BENCH_EXPLAIN=1 …

Through Django's test client, as an administrator of the whole ministry (scope: everything), each page is
fetched once to warm up, then BENCH_ROUNDS times (median reported). For each page the script also records
the number of SQL queries, the same count for a second subject of a different size (a small unit against
the ministry, another person) — equal counts mean the page's queries do not grow with the data — and,
with BENCH_EXPLAIN (default on for PostgreSQL), runs EXPLAIN on every SELECT of the page and lists the
sequential scans of a large table (person, membership, rating, award, recognition, author, discipline).
After `bench/national.py --workflow` the list also has the councils, a council, a closed meeting, a decided
dossier and its decision (the ministry's against a provincial department's), the live scene's open meeting and
issued decision (`workflow_pages`). The minimal page is the log-in form (anonymous). Updates the section "National scale: pages (issue 19)" of
docs/performance.md (BENCH_DOC, empty to skip).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("REQUIRE_2FA", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("AXES_ENABLED", "false")

MARK_START = "<!-- bench:national-pages:start -->"
MARK_END = "<!-- bench:national-pages:end -->"
LARGE_TABLES = (
    "org_person",
    "org_membership",
    "awards_rating",
    "awards_award",
    "awards_recognition",
    "awards_recognitionauthor",
    "awards_discipline",
)


@dataclass
class Page:
    name: str
    url: str
    other: str | None = None  # the same page for a subject of another size
    anonymous: bool = False
    seconds: float = 0.0
    size: int = 0
    queries: int = 0
    other_queries: int | None = None
    seq_scans: list[str] = field(default_factory=list)


def pages() -> list[Page]:
    from django.db.models import Count

    from bench.national import PREFIX, RESTRUCTURE_DAY
    from tdkt.awards.models import Award
    from tdkt.org.models import Membership, Unit

    root = Unit.objects.get(code=PREFIX)
    merged = Unit.objects.filter(code__startswith=f"{PREFIX}-T", kind="cuc").order_by("code").first()
    region = Unit.objects.filter(code__startswith=f"{PREFIX}-KV").order_by("code").first()
    team = Unit.objects.filter(code__startswith=f"{merged.code}-CC1-D").order_by("code").first()
    # a person with a long history (many awards) and one with a short one
    busy = (
        Award.objects.filter(person__isnull=False, person_id__lt=5000)
        .values("person_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["person_id"]
    )
    quiet = Membership.objects.filter(valid_from__year=2024).order_by("person_id").first().person_id
    year = 2024
    stats = "/reports/?year_from={}&year_to={}&unit={}"
    form = "/reports/forms/{}/?year={}&unit={}"
    return [
        *_base_pages(root, merged, region, team, busy, quiet, year, stats, form),
        *workflow_pages(root, merged, year),
    ], RESTRUCTURE_DAY


def workflow_pages(root, merged, year: int) -> list[Page]:
    """Councils, meetings, dossiers and decisions, when `bench/national.py --workflow` has run: the ministry's
    (the largest: the ministry's and the State's forms of the whole sector) against a provincial department's,
    and the live scene's open meeting and issued decision."""
    from bench.national_workflow import LIVE_ISSUER  # lazy: after django.setup()
    from tdkt.councils.models import Council, Meeting  # lazy: after django.setup()
    from tdkt.decisions.models import Decision  # lazy: after django.setup()
    from tdkt.proposals.models import Proposal  # lazy: after django.setup()

    big = Council.objects.filter(unit=root).order_by("pk").first()
    small = Council.objects.filter(unit=merged).order_by("pk").first()
    if big is None or small is None:
        return []
    held = year + 1  # the meeting on a year's titles is held in January of the next year

    def meeting(council):
        return Meeting.objects.filter(council=council, held_at__year=held).order_by("pk").first()

    def dossier(unit):
        return (
            Proposal.objects.filter(receiving_unit=unit, year=year, status="decided").order_by("pk").first()
        )

    proposal, other = dossier(root), dossier(merged)
    decision = Decision.objects.filter(proposal=proposal).first()
    other_decision = Decision.objects.filter(proposal=other).first()
    listed = [
        Page("Danh sách hội đồng", "/councils/"),
        Page("Hội đồng TĐKT (Bộ)", f"/councils/{big.pk}/", f"/councils/{small.pk}/"),
        Page(
            f"Phiên họp đã kết thúc (Bộ, xét năm {year})",
            f"/councils/meetings/{meeting(big).pk}/",
            f"/councils/meetings/{meeting(small).pk}/",
        ),
        Page("Hồ sơ đề nghị (đã có quyết định)", f"/proposals/{proposal.pk}/", f"/proposals/{other.pk}/"),
        Page("Quyết định (đã ban hành)", f"/decisions/{decision.pk}/", f"/decisions/{other_decision.pk}/"),
    ]
    live_meeting = Meeting.objects.filter(council__unit__code=f"{root.code}-HQ", status="open").first()
    live_decision = Decision.objects.filter(issuer__symbol=LIVE_ISSUER, status="issued").first()
    if live_meeting:
        listed.append(
            Page("Phiên họp đang diễn ra (phiếu đang mở)", f"/councils/meetings/{live_meeting.pk}/")
        )
    if live_decision:
        listed.append(Page("Quyết định cuối năm (in bằng khen)", f"/decisions/{live_decision.pk}/"))
    return listed


def _base_pages(root, merged, region, team, busy, quiet, year, stats, form) -> list[Page]:
    return [
        Page("Trang đăng nhập (trang tối thiểu)", "/accounts/login/", anonymous=True),
        Page("Bảng điều khiển", "/"),
        Page("Cây đơn vị", "/units/"),
        Page("Đơn vị: Cục tỉnh đã sáp nhập", f"/units/{merged.pk}/", f"/units/{team.pk}/"),
        Page("Đơn vị: Chi cục khu vực (sau 2025)", f"/units/{region.pk}/"),
        Page("Lịch sử sắp xếp tổ chức", "/units/history/"),
        Page("Danh sách cá nhân, trang 1", "/people/", f"/people/?unit={team.pk}"),
        Page("Danh sách cá nhân, trang 2.000", "/people/?page=2000"),
        Page("Tìm cá nhân theo tên", "/people/?q=nguyen+van+hung", "/people/?q=QG00000042"),
        Page("Hồ sơ cá nhân", f"/people/{busy}/", f"/people/{quiet}/"),
        Page(
            "Khen thưởng và xét của cá nhân", f"/eligibility/people/{busy}/", f"/eligibility/people/{quiet}/"
        ),
        Page("Khen thưởng của đơn vị", f"/eligibility/units/{merged.pk}/", f"/eligibility/units/{team.pk}/"),
        Page(
            "Thống kê khen thưởng (Bộ, 1 năm)",
            stats.format(year, year, root.pk),
            stats.format(year, year, team.pk),
        ),  # fmt: skip
        Page(
            "Bản ghi khen thưởng (Bộ), trang 1",
            f"/reports/records/?year_from={year}&year_to={year}&unit={root.pk}",
            f"/reports/records/?year_from={year}&year_to={year}&unit={team.pk}",
        ),  # fmt: skip
        Page(
            "Biểu 0602 (Bộ)", form.format("0602", year + 1, root.pk), form.format("0602", year + 1, merged.pk)
        ),
        Page(
            "Biểu 0603 (Bộ)", form.format("0603", year + 1, root.pk), form.format("0603", year + 1, merged.pk)
        ),
        Page(
            "Xuất Excel: thống kê (Bộ, 1 năm)",
            stats.format(year, year, root.pk).replace("/?", "/export.xlsx?"),
        ),
        Page(
            "Xuất Excel: Biểu 0603 (Bộ)",
            form.format("0603", year + 1, root.pk).replace("/?year", "/export.xlsx?year"),
        ),  # fmt: skip
        Page(
            "Xuất Excel: bản ghi của một Cục tỉnh, 1 năm",
            f"/reports/records/export.xlsx?year_from={year}&year_to={year}&unit={merged.pk}",
        ),  # fmt: skip
        Page("Xuất Excel: cá nhân của một Đội", f"/people/export.xlsx?unit={team.pk}"),
        Page("Xuất Excel: đơn vị", "/units/export.xlsx"),
        Page("Danh sách đề nghị", "/proposals/"),
        Page("Danh sách quyết định", "/decisions/"),
        Page("Sáng kiến: thống kê", "/initiatives/stats/"),
    ]


def _admin():
    from django.contrib.auth.models import User

    from bench.national import PREFIX
    from tdkt.org import services
    from tdkt.org.models import Unit

    user = User.objects.filter(username="bench-admin").first()
    if user is None:
        user = User.objects.create_user(username="bench-admin", password="bench-admin-password")
        services.assign_role(user=user, role="admin", unit=Unit.objects.get(code=PREFIX))
    return user


def _explain(captured) -> list[str]:
    """Sequential scans of a large table in the plans of the page's SELECTs."""
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            stack = [plan[0]["Plan"]]
            while stack:
                node = stack.pop()
                table = node.get("Relation Name")
                if node["Node Type"] == "Seq Scan" and table in LARGE_TABLES:
                    found.append(f"{table} ({node.get('Plan Rows', 0):,} rows est.): {sql[:160]}")
                stack.extend(node.get("Plans", []))
    return found


def measure(rounds: int, explain: bool) -> list[Page]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    listed, _day = pages()
    admin = Client()
    admin.force_login(_admin())
    anonymous = Client()
    for page in listed:
        client = anonymous if page.anonymous else admin
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        assert response.status_code == 200, (page.url, response.status_code, response.content[:300])
        page.queries = len(captured)
        if page.other:
            with CaptureQueriesContext(connection) as other:
                assert client.get(page.other).status_code == 200, page.other
            page.other_queries = len(other)
        if explain and connection.vendor == "postgresql":
            page.seq_scans = _explain(captured.captured_queries)
        times = []
        # the warm-up call was timed with the query capture: a page of several seconds is measured once
        heavy = (
            captured.final_queries is not None
            and sum(float(q["time"]) for q in captured.captured_queries) > 5
        )
        for _ in range(1 if heavy else rounds):
            reset_queries()
            t0 = time.perf_counter()
            response = client.get(page.url)
            if hasattr(response, "streaming_content"):
                page.size = sum(len(chunk) for chunk in response.streaming_content)
            else:
                page.size = len(response.content)
            times.append(time.perf_counter() - t0)
        page.seconds = statistics.median(times)
        print(
            f"  {page.name}: {page.seconds * 1000:,.0f} ms, {page.queries} truy vấn"
            + (f" (đối tượng khác: {page.other_queries})" if page.other else "")
            + (f", {len(page.seq_scans)} seq scan" if page.seq_scans else ""),
            flush=True,
        )
    return listed


def _count(sql: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def markdown(listed: list[Page], rounds: int) -> str:
    from django.db import connection

    minimal = listed[0].seconds
    totals = {t: _count(f"SELECT count(*) FROM {t}") for t in ("org_person", "awards_award", "org_unit")}
    lines = [
        MARK_START,
        "## National scale: pages (issue 19)",
        "",
        f"`bench/national_pages.py` on {connection.vendor} after `bench/national.py`: "
        f"{totals['org_person']:,} people, {totals['awards_award']:,} award records, {totals['org_unit']:,} units "
        f"(with the 2025 merge). Django test client as an administrator of the whole ministry, median of {rounds} "
        f"warm runs (one for a page over 5 s), {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC. *Queries*: SQL statements of one request; *other*: "
        "the same page for a subject of another size (a team instead of the ministry or a department, a new "
        "person instead of a veteran) — equal means the count does not grow with the data. *Seq scans*: "
        "sequential scans of a large table in the EXPLAIN of the page's SELECTs.",
        "",
        "| Page | Time | × minimal | Size | Queries | Other | Seq scans |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for page in listed:
        lines.append(
            f"| {page.name} (`{page.url.split('?')[0]}`) | {page.seconds * 1000:,.0f} ms | "
            f"{page.seconds / minimal:,.1f} | {page.size / 1024:,.0f} KiB | {page.queries} | "
            f"{page.other_queries if page.other_queries is not None else '—'} | "
            f"{'; '.join(s.split(':')[0] for s in page.seq_scans) or 'none'} |"
        )
    lines += ["", MARK_END]
    return "\n".join(lines)


def main() -> int:
    import django

    django.setup()
    from bench.reports import update_doc

    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    explain = os.environ.get("BENCH_EXPLAIN", "1") not in ("", "0")
    listed = measure(rounds, explain)
    for page in listed:
        for scan in page.seq_scans:
            print(f"  seq scan — {page.name}: {scan}")
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        update_doc(doc, markdown(listed, rounds), MARK_START, MARK_END)  # its own block, not the reports'
        print(f"  đã ghi {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
