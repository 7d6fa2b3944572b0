"""`make bench-reports`: the official forms and the statistics over a large award history (PostgreSQL),
each measured side by side with the bare SQL GROUP BY that answers the same question.

Environment:
  BENCH_PEOPLE   people to generate when the database has none of the benchmark's (default 1,000,000)
  BENCH_REPEAT   timed runs of each query, the median is reported (default 5)
  BENCH_SEED     generator seed (default 2025)
  BENCH_DOC      file to update (default docs/performance.md; empty to skip)

The baseline is hand-written SQL over the same tables with the same meaning: the awards decided in the year,
not revoked, of the form's level, whose collective is in the subtree or whose person was a member there in
the achievement year, grouped by the form's dimensions. The product's path adds what the page needs: the
ORM's query, the catalogue's columns and summing groups into cells.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

NATIONAL = "QG"  # bench.national.PREFIX
MARK_START = "<!-- bench:reports:start -->"
MARK_END = "<!-- bench:reports:end -->"

BARE_FORM = """
SELECT k.code, a.person_id IS NULL, a.recipient_class, a.submitting_body, a.award_type, count(*)
FROM awards_award a JOIN awards_awardkind k ON k.id = a.kind_id
WHERE NOT a.revoked AND a.decision_date >= %(start)s AND a.decision_date < %(end)s AND k.level = %(level)s
  AND (a.unit_id = ANY(%(units)s) OR EXISTS (
        SELECT 1 FROM org_membership m
        WHERE m.person_id = a.person_id AND m.unit_id = ANY(%(units)s)
          AND m.valid_from <= make_date(a.year, 12, 31)
          AND (m.valid_to IS NULL OR m.valid_to >= make_date(a.year, 1, 1))))
GROUP BY 1, 2, 3, 4, 5
"""

SCOPE = """
FROM awards_award a JOIN awards_awardkind k ON k.id = a.kind_id
WHERE NOT a.revoked AND a.year BETWEEN %(first)s AND %(last)s
  AND (a.unit_id = ANY(%(units)s) OR EXISTS (
        SELECT 1 FROM org_membership m
        WHERE m.person_id = a.person_id AND m.unit_id = ANY(%(units)s)
          AND m.valid_from <= make_date(a.year, 12, 31)
          AND (m.valid_to IS NULL OR m.valid_to >= make_date(a.year, 1, 1))))
"""
TALLY = (
    "count(DISTINCT a.unit_id), count(DISTINCT a.person_id), "
    "count(*) FILTER (WHERE a.unit_id IS NOT NULL), count(*) FILTER (WHERE a.person_id IS NOT NULL)"
)
# The statistics page answers four tallies: the total, by title or form, by year, by level.
BARE_STATS = [
    f"SELECT {TALLY} {SCOPE}",
    f"SELECT a.kind_id, {TALLY} {SCOPE} GROUP BY 1",
    f"SELECT a.year, {TALLY} {SCOPE} GROUP BY 1",
    f"SELECT k.level, {TALLY} {SCOPE} GROUP BY 1",
]


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").replace("_", "").replace(",", "") or default)


def _median(fn, repeat: int) -> float:
    t0 = time.perf_counter()
    fn()  # warm the cache: both paths are measured warm
    if time.perf_counter() - t0 > 10:
        repeat = 1  # a question of more than 10 s (a whole ministry at national scale): one warm run
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _progress(row) -> None:
    name, product, bare = row
    print(
        f"  {name}: {product * 1000:.0f} ms, GROUP BY {bare * 1000:.0f} ms, {product / bare:.2f} ×",
        flush=True,
    )


def measure(repeat: int) -> list[tuple[str, float, float]]:
    from datetime import date

    from django.db import connection

    from tdkt.org.models import Unit
    from tdkt.org.selectors import scope_ids
    from tdkt.reports.official import FORMS, compute
    from tdkt.reports.selectors import ReportFilter, award_report

    rows = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(extract(year FROM decision_date))::int FROM awards_award")
        year = cursor.fetchone()[0]
    if Unit.objects.filter(code=NATIONAL).exists():
        # the national set (bench/national.py): the ministry, a provincial department merged on 1 March 2025
        # and the regional unit it was merged into; the last full year of decisions
        codes = os.environ.get("BENCH_REPORT_UNITS", f"{NATIONAL},{NATIONAL}-T01,{NATIONAL}-KV01").split(",")
        units = [Unit.objects.get(code=c) for c in codes]
        year = _int("BENCH_FORM_YEAR", year - 1)
    else:
        units = [Unit.objects.get(code="BENCH"), Unit.objects.get(code="BENCH-C01")]
    for unit in units:
        units = sorted(scope_ids([unit.pk]))
        for short, form in FORMS.items():
            if short not in ("0602", "0603"):
                continue  # 0601 counts movements, not award records
            level = {"0602": "nha_nuoc", "0603": "bo"}[short]
            params = {"start": date(year, 1, 1), "end": date(year + 1, 1, 1), "level": level, "units": units}

            def bare(params=params):
                with connection.cursor() as cursor:
                    cursor.execute(BARE_FORM, params)
                    cursor.fetchall()

            def product(form=form, unit=unit):
                compute(form, unit, year, None)

            rows.append(
                (f"Biểu {short}, {unit.name}, năm {year}", _median(product, repeat), _median(bare, repeat))
            )
            _progress(rows[-1])
        first, last = year - _int("BENCH_STATS_YEARS", 1) + 1, year

        def bare_stats(units=units, first=first, last=last):
            with connection.cursor() as cursor:
                for sql in BARE_STATS:
                    cursor.execute(sql, {"first": first, "last": last, "units": units})
                    cursor.fetchall()

        def stats(unit=unit, first=first, last=last):
            award_report(ReportFilter(year_from=first, year_to=last, unit=unit), None)

        rows.append(
            (f"Thống kê {first}–{last}, {unit.name}", _median(stats, repeat), _median(bare_stats, repeat))
        )
        _progress(rows[-1])
    return rows


def markdown(rows, awards: int, seconds: float) -> str:
    """The section; the names keep their commas (only the figures were meant to use dots, as in Vietnamese)."""
    made = f" (generated in {seconds:.0f} s)" if seconds else ""
    lines = [
        MARK_START,
        "## Reports: official forms and statistics over the award history",
        "",
        f"`make bench-reports` on PostgreSQL, {awards:,} award records{made}, "
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC. Median of warm runs (one warm run for a question "
        "of more than 10 s); the baseline is the hand-written GROUP BY with the same meaning "
        "(see `bench/reports.py`). Target: the product ≤ 2 × the baseline.",
        "",
        "| Question | Product | Bare GROUP BY | Ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, product, bare in rows:
        lines.append(
            f"| {name} | {product * 1000:,.0f} ms | {bare * 1000:,.0f} ms | {product / bare:.2f} × |"
        )
    lines += ["", MARK_END]
    return "\n".join(lines)


def update_doc(path: str, text: str, start: str = MARK_START, end: str = MARK_END) -> None:
    """Replace the block between `start` and `end` (the markers `text` begins and ends with), or append it."""
    doc = Path(path)
    current = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if start in current and end in current:
        head, rest = current.split(start, 1)
        tail = rest.split(end, 1)[1]
        current = head + text + tail
    else:
        current = current.rstrip() + "\n\n" + text + "\n"
    doc.write_text(current, encoding="utf-8")


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import DEFAULT_SEED, STAFF_PREFIX, YEARS, generate
    from tdkt.awards.models import Award
    from tdkt.org.models import Person

    if connection.vendor != "postgresql":
        print("bench/reports.py đo trên PostgreSQL (make bench-reports).")
        return 2
    n_people = _int("BENCH_PEOPLE", 1_000_000)
    repeat = _int("BENCH_REPEAT", 5)
    call_command("migrate", verbosity=0, interactive=False)
    seconds = 0.0
    if (
        not Person.objects.filter(staff_code__startswith=STAFF_PREFIX).exists()
        and not Person.objects.filter(staff_code__startswith=NATIONAL).exists()
    ):
        t0 = time.perf_counter()
        generate(n_people, YEARS, _int("BENCH_SEED", DEFAULT_SEED))
        seconds = time.perf_counter() - t0
    awards = Award.objects.count()
    print(f"TĐKT bench (báo cáo): {awards:,} khen thưởng")
    rows = measure(repeat)
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        update_doc(doc, markdown(rows, awards, seconds))
        print(f"  đã ghi {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
