"""Pure tests for tdkt.core.xlsx (no Django, no database)."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from tdkt.core.text import to_tcvn3, to_vni
from tdkt.core.xlsx import (
    FORMULA_MESSAGE,
    ColumnSpec,
    ImportIssue,
    SpreadsheetError,
    TableRow,
    make_template,
    read_table,
    write_issue_report,
    write_table,
)


@pytest.fixture(autouse=True)
def _fast_hashing():
    """Shadow the project-wide autouse fixture that needs Django: these tests are pure."""


COLUMNS = [
    ColumnSpec("ho_ten", "Họ và tên", aliases=("Họ tên",)),
    ColumnSpec("ngay_sinh", "Ngày sinh"),
    ColumnSpec("don_vi", "Đơn vị", required=False, help_vi="Tên đơn vị công tác."),
    ColumnSpec("cccd", "Số CCCD", required=False, number_format="@"),
]


def xlsx(*rows, title=None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.title = title
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def reopen(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


# --------------------------------------------------------------------------- header matching


@pytest.mark.parametrize(
    "headers",
    [
        ["Họ và tên", "Ngày sinh", "Đơn vị"],
        ["NGÀY SINH", "họ và tên", "ĐƠN VỊ"],
        ["ngay sinh", "HO VA TEN", "don vi"],
        ["  Ngày   sinh ", "Họ tên", "Don Vi"],
        ["Họ và tên (*)", "Ngày sinh:", "Đơn  vị"],
        ["ĐƠN VỊ", "NGÀY SINH", "HỌ VÀ TÊN"],
    ],
)
def test_headers_any_order_case_and_diacritics(headers):
    values = {"Họ và tên": "Nguyễn Văn An", "Ngày sinh": "05/03/1990", "Đơn vị": "Phòng A"}
    by_fold = {
        "ho va ten": "Họ và tên",
        "ho ten": "Họ và tên",
        "ngay sinh": "Ngày sinh",
        "don vi": "Đơn vị",
    }
    from tdkt.core.xlsx import _header_key

    row = [values[by_fold[_header_key(h)]] for h in headers]
    table = read_table(xlsx(headers, row), COLUMNS)
    assert table.header_row == 1
    assert len(table.rows) == 1
    assert table.rows[0] == {
        "ho_ten": "Nguyễn Văn An",
        "ngay_sinh": "05/03/1990",
        "don_vi": "Phòng A",
        "cccd": None,
    }
    assert table.rows[0].number == 2
    assert table.missing_columns == ["cccd"]


def test_title_rows_blank_rows_and_unknown_columns():
    data = xlsx(
        ["DANH SÁCH CÁN BỘ"],
        [],
        ["STT", "Ghi chú", "Họ và tên", "Ngày sinh", "Số CCCD"],
        [1, "x", "  Nguyễn   Văn An ", dt.date(1990, 3, 5), "001090000001"],
        [None, None, None, None, None],
        [2, "chỉ ghi chú", None, None, None],
        [3, None, "Trần Thị Bình", "1/2/85", "  "],
    )
    table = read_table(data, COLUMNS)
    assert table.header_row == 3
    assert table.columns == {"ho_ten": "C", "ngay_sinh": "D", "cccd": "E"}
    assert table.unknown_headers == ["STT", "Ghi chú"]
    assert [r.number for r in table.rows] == [4, 7]
    first, second = table.rows
    assert isinstance(first, TableRow)
    assert first["ho_ten"] == "Nguyễn Văn An"
    assert first["ngay_sinh"].date() == dt.date(1990, 3, 5)
    assert first["cccd"] == "001090000001"
    assert second["cccd"] is None
    assert table.issues == []


def test_missing_required_column():
    with pytest.raises(SpreadsheetError) as exc:
        read_table(xlsx(["Họ và tên", "Đơn vị"], ["A", "B"]), COLUMNS)
    assert "Ngày sinh" in exc.value.message
    assert "Thiếu cột" in exc.value.message


def test_no_header_row():
    with pytest.raises(SpreadsheetError, match="tiêu đề"):
        read_table(xlsx(["a", "b"], [1, 2]), COLUMNS)


def test_duplicate_headers():
    with pytest.raises(SpreadsheetError) as exc:
        read_table(xlsx(["Họ và tên", "Ngày sinh", "HO TEN"], ["A", "1/1/90", "B"]), COLUMNS)
    assert "hai lần" in exc.value.message
    assert "A" in exc.value.message and "C" in exc.value.message


# --------------------------------------------------------------------------- cell contents


def test_formulas_are_refused():
    data = xlsx(
        ["Họ và tên", "Ngày sinh", "Đơn vị"],
        ["Nguyễn Văn An", "=DATE(1990,1,1)", '=CONCAT("Phòng ", "A")'],
        ["Trần Thị Bình", "01/01/1991", "Phòng B"],
    )
    table = read_table(data, COLUMNS)
    assert len(table.rows) == 2
    assert table.rows[0]["ngay_sinh"] is None
    assert table.rows[0]["don_vi"] is None
    assert table.issues == [
        ImportIssue(2, "Ngày sinh", FORMULA_MESSAGE),
        ImportIssue(2, "Đơn vị", FORMULA_MESSAGE),
    ]
    assert FORMULA_MESSAGE == "Ô chứa công thức; hãy dán giá trị"


def test_text_that_looks_like_a_formula_is_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh"])
    ws.append(["x", "y"])
    ws["A2"].value = "=not a formula"
    ws["A2"].data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    table = read_table(buf.getvalue(), COLUMNS)
    assert table.rows[0]["ho_ten"] == "=not a formula"
    assert table.issues == []


def test_error_values_are_reported():
    table = read_table(xlsx(["Họ và tên", "Ngày sinh"], ["A", "#N/A"]), COLUMNS)
    assert table.rows[0]["ngay_sinh"] is None
    assert table.issues[0].row == 2
    assert "#N/A" in table.issues[0].message


def test_legacy_tcvn3_cells_are_converted():
    data = xlsx(
        [to_tcvn3("Họ và tên"), to_tcvn3("Ngày sinh"), to_tcvn3("Đơn vị")],
        ["NguyÔn V¨n An", "05/03/1990", "§éi NghiÖp vô"],
        [to_tcvn3("Trần Thị Bình"), "01/01/1991", to_tcvn3("Chi cục Hải quan")],
        [to_tcvn3("Lê Cơ"), "01/01/1992", to_tcvn3("Hà Nội")],
    )
    table = read_table(data, COLUMNS)
    assert table.legacy_encoding == "tcvn3"
    assert [r["ho_ten"] for r in table.rows] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Cơ"]
    assert [r["don_vi"] for r in table.rows] == ["Đội Nghiệp vụ", "Chi cục Hải quan", "Hà Nội"]


def test_legacy_vni_cells_are_converted():
    data = xlsx(
        ["Họ và tên", "Ngày sinh"],
        [to_vni("Nguyễn Văn An"), "05/03/1990"],
        [to_vni("Lê Cơ"), "05/03/1990"],
    )
    table = read_table(data, COLUMNS)
    assert table.legacy_encoding == "vni"
    assert [r["ho_ten"] for r in table.rows] == ["Nguyễn Văn An", "Lê Cơ"]


def test_unicode_cells_untouched():
    names = ["Tôi là giáo viên", "Hoà", "Nguyễn Văn An", "café"]
    table = read_table(xlsx(["Họ và tên", "Ngày sinh"], *[[n, 1] for n in names]), COLUMNS)
    assert table.legacy_encoding is None
    assert [r["ho_ten"] for r in table.rows] == names


# --------------------------------------------------------------------------- hostile / broken files


def test_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "danh_sach.xlsx"
    path.write_text("Họ và tên,Ngày sinh\nNguyễn Văn An,05/03/1990\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="không phải bảng tính"):
        read_table(path, COLUMNS)
    with pytest.raises(SpreadsheetError, match="không phải bảng tính"):
        read_table(str(path), COLUMNS)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(SpreadsheetError, match="rỗng"):
        read_table(path, COLUMNS)
    with pytest.raises(SpreadsheetError, match="rỗng"):
        read_table(io.BytesIO(b""), COLUMNS)


def test_missing_file(tmp_path):
    with pytest.raises(SpreadsheetError):
        read_table(tmp_path / "nope.xlsx", COLUMNS)


def test_file_too_big():
    data = xlsx(["Họ và tên", "Ngày sinh"], ["A", 1])
    with pytest.raises(SpreadsheetError, match="quá lớn"):
        read_table(io.BytesIO(data), COLUMNS, max_bytes=len(data) - 1)

    class Upload(io.BytesIO):  # like Django's UploadedFile, which knows its size
        size = 10**9

    with pytest.raises(SpreadsheetError, match="quá lớn"):
        read_table(Upload(data), COLUMNS)
    assert read_table(io.BytesIO(data), COLUMNS, max_bytes=len(data)).rows


def test_zip_bomb_like_file():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    data = buf.getvalue()
    assert len(data) < 200_000
    with pytest.raises(SpreadsheetError, match="độc hại|giải nén"):
        read_table(data, COLUMNS)


def test_uncompressed_size_limit():
    data = xlsx(["Họ và tên", "Ngày sinh"], *[[f"Người {i}", i] for i in range(200)])
    with pytest.raises(SpreadsheetError, match="giải nén"):
        read_table(data, COLUMNS, max_uncompressed=len(data))


def test_corrupt_zip():
    data = xlsx(["Họ và tên", "Ngày sinh"], ["A", 1])
    with pytest.raises(SpreadsheetError, match="hỏng"):
        read_table(data[: len(data) // 2], COLUMNS)
    with pytest.raises(SpreadsheetError):
        read_table(b"PK\x03\x04" + b"\x00" * 100, COLUMNS)


def test_zip_that_is_not_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    with pytest.raises(SpreadsheetError, match="không phải bảng tính"):
        read_table(buf.getvalue(), COLUMNS)


def test_workbook_with_broken_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types")
        zf.writestr("xl/workbook.xml", "<<<")
    with pytest.raises(SpreadsheetError, match="hỏng"):
        read_table(buf.getvalue(), COLUMNS)


def test_old_xls_and_password_protected():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(SpreadsheetError, match=r"\.xls"):
        read_table(ole + "Workbook".encode("utf-16-le"), COLUMNS)
    with pytest.raises(SpreadsheetError, match="mật khẩu"):
        read_table(ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64, COLUMNS)


def test_too_many_rows():
    rows = [[f"Người {i}", "01/01/1990"] for i in range(11)]
    data = xlsx(["Họ và tên", "Ngày sinh"], *rows)
    with pytest.raises(SpreadsheetError, match="quá nhiều dòng"):
        read_table(data, COLUMNS, max_rows=10)
    assert len(read_table(data, COLUMNS, max_rows=11).rows) == 11


def test_stored_dimension_is_not_trusted():
    # Some generators write a wrong <dimension ref="A1"/>; rows must still be read.
    data = xlsx(["Họ và tên", "Ngày sinh"], ["A", 1], ["B", 2])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:B3"/>', b'<dimension ref="A1"/>')
            zf.writestr(info.filename, content)
    table = read_table(out.getvalue(), COLUMNS)
    assert [r["ho_ten"] for r in table.rows] == ["A", "B"]


# --------------------------------------------------------------------------- writing


def test_issue_report_reopens():
    issues = [
        ImportIssue(2, "Ngày sinh", FORMULA_MESSAGE),
        ImportIssue(5, None, "Thiếu họ và tên."),
        ImportIssue(None, None, "Tệp có 2 dòng trùng nhau."),
    ]
    data = write_issue_report(issues, "Lỗi nhập cán bộ")
    wb = reopen(data)
    ws = wb.active
    assert ws.title == "Lỗi nhập cán bộ"
    rows = list(ws.values)
    assert rows[0] == ("Dòng", "Cột", "Nội dung lỗi")
    assert rows[1] == (2, "Ngày sinh", FORMULA_MESSAGE)
    assert rows[2] == (5, None, "Thiếu họ và tên.")
    assert rows[3] == (None, None, "Tệp có 2 dòng trùng nhau.")
    assert ws["A1"].font.b and ws["C1"].font.b
    assert ws.freeze_panes == "A2"


def test_write_table_reopens_with_types_and_formats():
    rows = [
        [1, "Nguyễn Văn An", dt.date(2026, 3, 5), 1800000, 70.3249, Decimal("12.50"), True],
        [2, '=HYPERLINK("http://x")', dt.datetime(2026, 3, 5, 8, 30), None, 0.5, Decimal("3"), False],
        [3, "ký tự\x01 lạ", dt.datetime(2026, 1, 1, 1, 0, tzinfo=dt.UTC), -5, 1.0, None, None],
    ]
    headers = ["STT", "Họ và tên", "Ngày", "Số tiền", "Tỉ lệ", "Điểm", "Đạt"]
    data = write_table(headers, rows, "Danh sách: khen thưởng/2026 [bản nháp]")
    ws = reopen(data).active
    assert ws.title == "Danh sách khen thưởng 2026 bản"
    assert len(ws.title) <= 31
    assert [c.value for c in ws[1]] == headers
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G4"
    assert ws["A2"].value == 1 and ws["A2"].number_format == "#,##0"
    assert ws["C2"].value == dt.datetime(2026, 3, 5) and ws["C2"].number_format == "dd/mm/yyyy"
    assert ws["C3"].number_format == "dd/mm/yyyy hh:mm"
    assert ws["C4"].value == dt.datetime(2026, 1, 1, 8, 0)  # converted to Vietnam time
    assert ws["D2"].value == 1800000 and ws["D2"].number_format == "#,##0"
    assert ws["E2"].number_format == "#,##0.00"
    assert ws["F2"].value == 12.5 and ws["F2"].number_format == "#,##0.00"
    assert ws["F3"].number_format == "#,##0"
    assert ws["G2"].value == "Có" and ws["G3"].value == "Không"
    assert ws["B3"].value == '=HYPERLINK("http://x")' and ws["B3"].data_type == "s"
    assert ws["B4"].value == "ký tự lạ"
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert 8 <= widths["A"] < widths["B"] <= 62


def test_write_table_round_trips_through_read_table():
    headers = ["Họ và tên", "Ngày sinh"]
    data = write_table(headers, [["Nguyễn Văn An", dt.date(1990, 3, 5)]])
    table = read_table(data, COLUMNS)
    assert table.rows[0]["ho_ten"] == "Nguyễn Văn An"
    assert table.rows[0]["ngay_sinh"] == dt.datetime(1990, 3, 5)


def test_make_template():
    data = make_template(
        COLUMNS,
        "Mẫu nhập cán bộ",
        example_rows=[
            {"ho_ten": "Nguyễn Văn An", "ngay_sinh": dt.date(1990, 3, 5), "cccd": "001090000001"},
            ["Trần Thị Bình", dt.date(1991, 1, 2), "Phòng A", "079191000002"],
        ],
    )
    wb = reopen(data)
    assert wb.sheetnames == ["Mẫu nhập cán bộ", "Hướng dẫn"]
    ws = wb["Mẫu nhập cán bộ"]
    assert [c.value for c in ws[1]] == ["Họ và tên", "Ngày sinh", "Đơn vị", "Số CCCD"]
    assert ws.freeze_panes == "A2"
    assert ws["D2"].value == "001090000001" and ws["D2"].number_format == "@"
    assert ws["B3"].number_format == "dd/mm/yyyy"
    guide = wb["Hướng dẫn"]
    text = "\n".join(str(v) for row in guide.values for v in row if v is not None)
    for spec in COLUMNS:
        assert spec.header_vi in text
    assert "Tên đơn vị công tác." in text
    assert "Họ tên" in text  # accepted alias is listed
    assert "công thức" in text
    # The template is importable as is (examples become rows).
    table = read_table(data, COLUMNS)
    assert [r["ho_ten"] for r in table.rows] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert table.rows[1]["don_vi"] == "Phòng A"


def test_read_from_path_and_named_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["khác"])
    ws = wb.create_sheet("Dữ liệu")
    ws.append(["Họ và tên", "Ngày sinh"])
    ws.append(["A", 1])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    assert read_table(path, COLUMNS, sheet="Dữ liệu").rows[0]["ho_ten"] == "A"
    with pytest.raises(SpreadsheetError, match="tiêu đề"):
        read_table(path, COLUMNS)
    with pytest.raises(SpreadsheetError, match="trang tính"):
        read_table(path, COLUMNS, sheet="Không có")
