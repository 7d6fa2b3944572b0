"""`tdkt reports form 0601|0602|0603 --unit NAME --year YEAR --out FILE.xlsx`: an official annual form.

Exit status 0 when the file was written; 2 with a message for an unknown form, unit or year. The whole
agency's data is counted (no user scope). What the form could not place is printed after the summary.

`tdkt reports fill-dimensions`: derive, where the history allows, the recipient class and submitting body
of awards recorded before those fields existed or imported without them.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from tdkt.awards.services import fill_report_dimensions
from tdkt.reports.official import FORMS, check_year, compute, units_named
from tdkt.reports.official_xlsx import form_xlsx


class Command(BaseCommand):
    help = "Báo cáo: biểu mẫu thống kê thi đua, khen thưởng theo Thông tư 02/2023/TT-BNV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{form,fill-dimensions}")
        form = sub.add_parser("form", help="Lập biểu thống kê ra tệp .xlsx.")
        form.add_argument("code", help="Mã biểu: 0601, 0602 hoặc 0603")
        form.add_argument("--unit", required=True, metavar="NAME", help="Tên đơn vị báo cáo")
        form.add_argument("--year", required=True, type=int, metavar="YEAR", help="Năm báo cáo")
        form.add_argument("--out", required=True, metavar="FILE.xlsx", help="Tệp kết quả")
        sub.add_parser("fill-dimensions", help="Bổ sung đối tượng được khen, cơ quan trình khen còn trống.")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, action, **options):
        if action == "fill-dimensions":
            changed = fill_report_dimensions()
            self.stdout.write(f"Đã bổ sung thông tin thống kê cho {changed} khen thưởng.")
            return
        code, name, year, out = options["code"], options["unit"], options["year"], options["out"]
        if code not in FORMS:
            self.fail(f"Không có biểu {code}. Các biểu: {', '.join(sorted(FORMS))}.")
        problem = check_year(year)
        if problem:
            self.fail(problem)
        units = units_named(name, year)
        if not units:
            self.fail(f"Không tìm thấy đơn vị «{name}».")
        if len(units) > 1:
            listed = "; ".join(f"{u.name} (mã {u.code})" for u in units)
            self.fail(f"Có nhiều đơn vị tên «{name}»: {listed}. Hãy ghi tên đầy đủ hơn.")
        unit = units[0]
        result = compute(FORMS[code], unit, year, None)
        Path(out).write_bytes(form_xlsx(result, reporting_unit=unit.name))
        total = result.form.rows[0]  # row 01, "Tổng số", counted in its own measure (lượt, phong trào)
        measure = str(total.measure).lower()
        self.stdout.write(
            f"{result.form.code} năm {year} của {unit.name}: tổng số {result.cell(total.code, '1')} {measure} → {out}"
        )
        for gap in result.incomplete:
            self.stdout.write(f"  Chưa xếp được {gap.count} bản ghi: thiếu {gap.label}.")
