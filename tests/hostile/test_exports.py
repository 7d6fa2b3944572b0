"""Formula injection in the shared .xlsx writer (every export of the product goes through it; the page crawl in
test_pages.py checks the exports themselves): text that a spreadsheet would read as a formula is stored as
text with Excel's quote prefix, and reads back unchanged through the import reader."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tdkt.core.xlsx import ColumnSpec, read_table, write_table

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", PAYLOADS)
def test_text_that_starts_like_a_formula_is_quoted_text(text):
    data = write_table(["Tên"], [[text], ["Bình thường"], [-5]])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    cell, plain, number = ws["A2"], ws["A3"], ws["A4"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert plain.quotePrefix is False  # ordinary text is left as it is
    assert (number.value, number.data_type) == (-5, "n")  # a negative number stays a number


@pytest.mark.parametrize("text", PAYLOADS[:5])
def test_an_export_read_back_gives_the_same_text_and_no_formula_issue(text):
    table = read_table(write_table(["Tên"], [[text]]), [ColumnSpec("name", "Tên")])
    assert table.rows[0]["name"] == text
    assert table.issues == []
