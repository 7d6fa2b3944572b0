"""Award import throughput against openpyxl's read-only iteration of the same file (issue 14, item 9).

    scripts/with-postgres.sh .venv/bin/python bench/import_throughput.py
    BENCH_IMPORT_ROWS=100000 BENCH_IMPORT_PEOPLE=20000 BENCH_IMPORT_WRITE=1 …

Generates BENCH_IMPORT_PEOPLE people (bench/generate.py), writes an .xlsx of BENCH_IMPORT_ROWS award rows
naming them (name, date of birth, unit, title, year, decision), then times: (a) openpyxl `read_only=True`
iterating every row's values, the floor; (b) `import_awards(dry_run=True)`: reading, checking and matching
every row; (c) with BENCH_IMPORT_WRITE=1, the real import. Target: (b) at ≥ 25 % of (a)'s rows per second.
Updates the section "Award import throughput (issue 14)" of docs/performance.md (BENCH_DOC, empty skips).
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
HEADING = "## Award import throughput (issue 14)"
HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Đơn vị",
    "Danh hiệu / Hình thức",
    "Năm",
    "Số quyết định",
    "Cơ quan ban hành",
]


def build_file(rows: int) -> bytes:
    import openpyxl

    from bench.generate import STAFF_PREFIX
    from tdkt.org.models import Membership

    people = list(
        Membership.objects.filter(valid_to__isnull=True, person__staff_code__startswith=STAFF_PREFIX)
        .values_list("person__full_name", "person__date_of_birth", "unit__versions__name")
        .order_by("person_id")[: max(1, rows // 5)]
    )
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for i in range(rows):
        name, dob, unit = people[i % len(people)]
        year = 2016 + (i // len(people)) % 9
        ws.append(
            [
                name,
                dob.strftime("%d/%m/%Y") if dob else "",
                unit,
                "Lao động tiên tiến",
                year,
                f"{i + 1}/QĐ-B",
                "Cục trưởng",
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main() -> int:
    import django

    django.setup()
    import openpyxl
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.certificates import update_doc
    from bench.generate import STAFF_PREFIX, generate
    from tdkt.awards.importing import import_awards
    from tdkt.core.text import format_decimal, format_number
    from tdkt.org.models import Person

    rows = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
    n_people = int(os.environ.get("BENCH_IMPORT_PEOPLE", "20000"))
    settings.TDKT_IMPORT_MAX_ROWS = max(settings.TDKT_IMPORT_MAX_ROWS, rows)
    settings.TDKT_IMPORT_MAX_BYTES = max(settings.TDKT_IMPORT_MAX_BYTES, 200 * 1024 * 1024)
    call_command("migrate", verbosity=0, interactive=False)
    if Person.objects.filter(staff_code__startswith=STAFF_PREFIX).count() != n_people:
        generate(n_people, log=lambda *_: None)
    data = build_file(rows)

    start = time.perf_counter()
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    count = sum(1 for _ in wb.active.iter_rows(values_only=True)) - 1
    floor = time.perf_counter() - start
    assert count == rows

    start = time.perf_counter()
    report = import_awards(data, file_name="bench.xlsx", actor=None, dry_run=True)
    dry = time.perf_counter() - start
    table = [
        ("openpyxl read-only iteration (floor)", floor),
        ("import, dry run (read, check, match)", dry),
    ]
    if os.environ.get("BENCH_IMPORT_WRITE"):
        start = time.perf_counter()
        import_awards(data, file_name="bench.xlsx", actor=None, dry_run=False)
        table.append(("import, writing", time.perf_counter() - start))
    share = floor / dry
    lines = [
        HEADING,
        "",
        f"`bench/import_throughput.py` on {connection.vendor}: {format_number(rows)} award rows naming "
        f"{format_number(min(n_people, rows // 5))} people, file {format_decimal(len(data) / 1048576, 1)} MiB; "
        f"dry-run outcome “{report.outcome}”, {format_number(len(report.errors))} errors.",
        "",
        "| Step | Time | Rows per second |",
        "|---|---|---|",
        *[f"| {what} | {format_decimal(t, 1)} s | {format_number(rows / t)} |" for what, t in table],
        "",
        f"The dry run reaches {format_decimal(100 * share, 1)} % of the floor's rate (target: at least 25 %).",
        "",
    ]
    block = "\n".join(lines)
    print(block)
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        update_doc(Path(doc), block)
    return 0 if share >= 0.25 else 1


if __name__ == "__main__":
    sys.exit(main())
