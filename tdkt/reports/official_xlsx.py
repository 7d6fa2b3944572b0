"""An official form as .xlsx in the printed layout: title block, header with column letters and numbers,
rows with their codes, then what the form could not place."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tdkt.core.xlsx import write_cell
from tdkt.reports.official import RECEIVED, RECEIVER, REGIME, FormResult

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)


def form_xlsx(result: FormResult, *, reporting_unit: str) -> bytes:
    form, columns = result.form, result.columns
    wb = Workbook()
    ws = wb.active
    ws.title = form.short_code
    last = 3 + len(columns)  # A label, B code, C measure, then the numbered columns
    right = max(last - 3, 4)

    def put(row: int, col: int, value, *, bold=False, align=CENTER, merge_to: int | None = None):
        cell = ws.cell(row=row, column=col)
        write_cell(cell, value)
        cell.alignment = align
        if bold:
            cell.font = BOLD
        if merge_to and merge_to > col:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=merge_to)
        return cell

    # Title block: form code and regime on the left, the title in the middle, the units on the right.
    put(1, 1, _("Biểu số: %(code)s") % {"code": form.code}, bold=True, align=WRAP, merge_to=2)
    put(2, 1, _("Ban hành kèm theo %(regime)s") % {"regime": REGIME}, align=WRAP, merge_to=2)
    put(3, 1, str(RECEIVED), align=WRAP, merge_to=2)
    put(1, 3, form.title.upper(), bold=True, merge_to=right - 1)
    put(2, 3, _("Năm %(year)s") % {"year": result.year}, merge_to=right - 1)
    put(1, right, _("Đơn vị báo cáo: %(unit)s") % {"unit": reporting_unit}, align=WRAP, merge_to=last)
    put(2, right, _("Đơn vị nhận báo cáo: %(receiver)s") % {"receiver": RECEIVER}, align=WRAP, merge_to=last)
    for row in (1, 2, 3):
        ws.row_dimensions[row].height = 42

    # Header: groups, then each column's label, then the letters and numbers as the form prints them.
    head = 5
    put(head, 1, _("Chỉ tiêu"), bold=True)
    put(head, 2, _("Mã số"), bold=True)
    put(head, 3, _("Đơn vị tính"), bold=True)
    col = 4
    while col - 4 < len(columns):
        line = columns[col - 4]
        if line.group:
            # The run of adjacent columns under this group (two groups elsewhere may carry the same label).
            span = 1
            while col - 4 + span < len(columns) and columns[col - 4 + span].group == line.group:
                span += 1
            put(head, col, line.group, bold=True, merge_to=col + span - 1)
            for offset in range(span):
                put(head + 1, col + offset, str(columns[col - 4 + offset].label), bold=True)
            col += span
        else:
            put(head, col, str(line.label), bold=True)
            ws.merge_cells(start_row=head, start_column=col, end_row=head + 1, end_column=col)
            col += 1
    for c in (1, 2, 3):
        ws.merge_cells(start_row=head, start_column=c, end_row=head + 1, end_column=c)
    for c, text in enumerate(["A", "B", "C", *[line.code for line in columns]], start=1):
        put(head + 2, c, text, bold=True)
    ws.row_dimensions[head].height = 60
    ws.row_dimensions[head + 1].height = 30

    first = head + 3
    for r, (row, values) in enumerate(result.table(), start=first):
        put(r, 1, "    " * row.indent + str(row.label), bold=row.indent == 0, align=WRAP)
        put(r, 2, row.code)
        put(r, 3, str(row.measure))
        for c, (_column, value) in enumerate(values, start=4):
            write_cell(ws.cell(row=r, column=c), value)
    end = first + len(form.rows) - 1
    for row_cells in ws.iter_rows(min_row=head, max_row=end, min_col=1, max_col=last):
        for cell in row_cells:
            cell.border = BOX

    notes = end + 2
    for i, note in enumerate(form.notes):
        put(notes + i, 1, _("Ghi chú: ") + note, align=WRAP, merge_to=last)
    if result.incomplete:
        at = notes + len(form.notes) + 1
        put(at, 1, _("Bản ghi chưa đủ thông tin để xếp vào biểu"), bold=True, align=WRAP, merge_to=last)
        for i, gap in enumerate(result.incomplete, start=1):
            put(at + i, 1, _("Thiếu: %(field)s") % {"field": gap.label}, align=WRAP, merge_to=2)
            write_cell(ws.cell(row=at + i, column=3), gap.count)

    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 8
    ws.column_dimensions["C"].width = 10
    for c in range(4, last + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.freeze_panes = ws.cell(row=first, column=4)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.orientation = "landscape"
    wb.properties.title = f"{form.code} – {result.year}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
