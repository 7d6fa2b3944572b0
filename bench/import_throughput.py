"""Award import throughput against openpyxl's read-only iteration of the same file (issue 14, item 9).

    scripts/with-postgres.sh .venv/bin/python bench/import_throughput.py
    BENCH_IMPORT_ROWS=100000 BENCH_IMPORT_PEOPLE=20000 …

Generates BENCH_IMPORT_PEOPLE people (bench/generate.py), writes an .xlsx of BENCH_IMPORT_ROWS award rows
naming them (name, date of birth, unit, title, year, decision), then times: (a) openpyxl `read_only=True`
iterating every row's values, the floor; (b) `import_awards(dry_run=True)`: reading, checking and matching
every row; (c) the real import (the rows the matcher could not settle skipped, as an officer would), written
in chunks; (d) the same file again, which writes nothing. Target: (b) and (c) at ≥ 25 % of (a)'s rows per
second. BENCH_IMPORT_AGAIN=0 leaves out (d).
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
        .values_list("person__full_name", "person__date_of_birth", "unit__versions__name", "valid_from")
        .order_by("person_id")[: max(1, rows // 5)]
    )
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for i in range(rows):
        name, dob, unit, since = people[i % len(people)]
        # a year in which the person was a member of the unit (the matcher checks it)
        first = max(since.year, 2016, (dob.year + 19) if dob else 2016)
        years = list(range(first, 2026)) or [2025]
        year = years[(i // len(people)) % len(years)]
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


def update_doc(path: Path, block: str) -> None:
    """Replace this benchmark's section (its heading is the block's first line) or append it.
    (`bench.certificates.update_doc` looks for the certificates' heading whatever the block.)"""
    heading = block.splitlines()[0]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + block
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + block + (text[end:] if end >= 0 else "")
    path.write_text(text, encoding="utf-8")


def main() -> int:
    import django

    django.setup()
    import openpyxl
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import STAFF_PREFIX, generate
    from tdkt.awards.importing import import_awards
    from tdkt.awards.models import Award
    from tdkt.core.text import format_decimal, format_number
    from tdkt.org.models import Person

    rows = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
    n_people = int(os.environ.get("BENCH_IMPORT_PEOPLE", "20000"))
    # the documented limits (config/settings.py: 20 MB, 200,000 rows) stand: the file must fit them
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
    print(f"floor: {floor:.1f} s, dry run: {dry:.1f} s", flush=True)
    table = [
        ("openpyxl read-only iteration (floor)", floor),
        ("import, dry run (read, check, match)", dry),
    ]
    # the officer skips the rows the matcher could not settle (namesakes), as on the page
    skip = {r.row: "skip" for r in report.unresolved}
    before = Award.objects.count()
    start = time.perf_counter()
    written = import_awards(data, file_name="bench.xlsx", actor=None, dry_run=False, resolutions=skip)
    full = time.perf_counter() - start
    created = Award.objects.count() - before
    assert written.outcome == "imported", written.summary()
    table.append(("import (read, check, match, write in chunks)", full))
    print(f"import: {full:.1f} s", flush=True)
    if os.environ.get("BENCH_IMPORT_AGAIN", "1") == "1":
        start = time.perf_counter()
        again = import_awards(data, file_name="bench.xlsx", actor=None, dry_run=False, resolutions=skip)
        table.append(("the same file again (nothing to write)", time.perf_counter() - start))
        assert again.counts["new"] == 0 and Award.objects.count() == before + created
    share, share_full = floor / dry, floor / full
    lines = [
        HEADING,
        "",
        f"`bench/import_throughput.py` on {connection.vendor}: {format_number(rows)} award rows naming "
        f"{format_number(min(n_people, rows // 5))} people, file {format_decimal(len(data) / 1048576, 1)} MiB "
        f"(limits {format_number(settings.TDKT_IMPORT_MAX_ROWS)} rows, "
        f"{format_decimal(settings.TDKT_IMPORT_MAX_BYTES / 1048576, 0)} MiB); "
        f"dry-run outcome “{report.outcome}”, {format_number(len(report.errors))} errors, "
        f"{format_number(len(skip))} rows skipped (namesakes); {format_number(created)} awards written"
        + (", none on the second import." if len(table) > 3 else "."),
        "",
        "| Step | Time | Rows per second |",
        "|---|---|---|",
        *[f"| {what} | {format_decimal(t, 1)} s | {format_number(rows / t)} |" for what, t in table],
        "",
        f"The dry run reaches {format_decimal(100 * share, 1)} % of the floor's rate, the import with its "
        f"writing {format_decimal(100 * share_full, 1)} % (target: at least 25 %).",
        "",
    ]
    block = "\n".join(lines)
    print(block)
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        update_doc(Path(doc), block)
    return 0 if min(share, share_full) >= 0.25 else 1


if __name__ == "__main__":
    sys.exit(main())
