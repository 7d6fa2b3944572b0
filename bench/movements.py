"""Benchmark: the actuals import and the annual rating roll-up for a Cục of N people (default 3,000).

On a throw-away SQLite database (or the database of DATABASE_URL if set): a Cục with 30 teams and N people
(bulk-created), one monthly target per person. Then, timed:

1. the .xlsx import of one month's actuals for every person (N rows), validated first then written;
2. the same file again (every row unchanged: the idempotent path);
3. the roll-up of 12 monthly scores per person (12 × N rows) into the annual ratings of the Cục, with the
   HTXS cap, each rating written to the award history.

Writes the figures to the "Movements: actuals import and rating roll-up" section of docs/performance.md.

    .venv/bin/python bench/movements.py                # N = 3,000
    BENCH_PEOPLE=500 .venv/bin/python bench/movements.py
"""

from __future__ import annotations

import io
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_tmp = tempfile.mkdtemp(prefix="tdkt-bench-movements-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")

HEADING = "## Movements: actuals import and rating roll-up"
YEAR = 2026


def update_doc(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    start = text.find(HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + block
    else:
        end = text.find("\n## ", start + len(HEADING))
        after = "" if end < 0 else text[end + 1 :]
        text = text[:start] + block + ("\n" + after if after else "")
    path.write_text(text, encoding="utf-8")


def main() -> int:
    import django

    django.setup()
    import openpyxl
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from tdkt.awards.models import Rating
    from tdkt.movements import importing, services
    from tdkt.movements.models import Actual, AnnualRating, PeriodScore, Target
    from tdkt.org import services as org_services
    from tdkt.org.models import Membership, Person, UnitKind

    n = int(os.environ.get("BENCH_PEOPLE", "3000"))
    call_command("migrate", verbosity=0, interactive=False)
    start = date(2020, 1, 1)
    cuc = org_services.create_unit(
        code="BENCH",
        name="Cục Hải quan (đo hiệu năng)",
        kind=UnitKind.DEPARTMENT,
        parent=None,
        valid_from=start,
    )
    teams = [
        org_services.create_unit(
            code=f"BENCH-{i:02d}", name=f"Đội Nghiệp vụ {i}", kind=UnitKind.TEAM, parent=cuc, valid_from=start
        )
        for i in range(1, 31)
    ]
    rng = random.Random(2026)
    people = Person.objects.bulk_create(
        [
            Person(
                family_name=rng.choice(["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"]),
                middle_name=rng.choice(["Văn", "Thị", "Minh", "Đức"]),
                given_name=rng.choice(["An", "Bình", "Chi", "Dũng", "Hà", "Lan", "Nam", "Yến"]),
                gender="nam",
                staff_code=f"B{i:06d}",
            ).compute_derived()
            for i in range(n)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(person=p, unit=teams[i % len(teams)], valid_from=start) for i, p in enumerate(people)]
    )
    Target.objects.bulk_create(
        [
            Target(
                unit=teams[i % len(teams)],
                person=p,
                year=YEAR,
                code="HS",
                name="Hồ sơ xử lý",
                unit_label="hồ sơ",
                planned=1200,
            )
            for i, p in enumerate(people)
        ]
    )
    admin = User.objects.create_superuser("bench", password="x")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã cán bộ", "Năm", "Mã chỉ tiêu", "Kỳ", "Kết quả"])
    for i, p in enumerate(people):
        ws.append([teams[i % len(teams)].code, p.staff_code, YEAR, "HS", 1, rng.randint(60, 140)])
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()

    started = time.perf_counter()
    first = importing.import_actuals(io.BytesIO(data), actor=admin)
    import_seconds = time.perf_counter() - started
    assert first.ok and first.created == n, first.issues[:3]
    started = time.perf_counter()
    again = importing.import_actuals(io.BytesIO(data), actor=admin)
    again_seconds = time.perf_counter() - started
    assert again.ok and again.unchanged == n
    assert Actual.objects.count() == n

    level = {p.pk: rng.randint(58, 97) for p in people}  # each person's usual level, months around it
    PeriodScore.objects.bulk_create(
        [
            PeriodScore(
                person=p,
                unit=cuc,
                year=YEAR,
                kind="month",
                period=m,
                points=min(100, level[p.pk] + rng.randint(-3, 3)),
            )
            for p in people
            for m in range(1, 13)
        ],
        batch_size=5000,
    )
    started = time.perf_counter()
    rows = services.roll_up_ratings(unit=cuc, year=YEAR, actor=admin)
    roll_seconds = time.perf_counter() - started
    assert len(rows) == n and AnnualRating.objects.count() == n
    assert Rating.objects.filter(year=YEAR).count() == n
    htxs = sum(1 for r in rows if r.value == "HTXS")
    capped = sum(1 for r in rows if r.capped)

    def num(x) -> str:
        return f"{x:,}".replace(",", ".")

    def sec(x) -> str:
        return f"{x:.1f}".replace(".", ",")

    vendor = connection.vendor
    machine = f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, {vendor}"
    block = (
        f"{HEADING}\n\n"
        f"`bench/movements.py`, {num(n)} people in one Cục (30 teams), {machine}, {date.today():%d/%m/%Y}:\n\n"
        "| Step | Rows | Seconds |\n|---|---:|---:|\n"
        f"| Import of one month's actuals (.xlsx, validated first, then written) | {num(n)} | {sec(import_seconds)} |\n"
        f"| The same file again (all unchanged) | {num(n)} | {sec(again_seconds)} |\n"
        f"| Annual roll-up of 12 monthly scores a person, written to the history | {num(12 * n)} scores → {num(n)} "
        f"ratings | {sec(roll_seconds)} |\n\n"
        f"The roll-up kept {htxs} HTXS and lowered {capped} over the 20 % cap. One shared machine; the figures "
        "vary with its load.\n"
    )
    print(block)
    update_doc(ROOT / "docs" / "performance.md", block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
