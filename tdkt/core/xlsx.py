"""Safe spreadsheet (.xlsx) import and export helpers.

Import: :func:`read_table` reads the first visible worksheet of an uploaded
workbook, finds the header row, maps headers to :class:`ColumnSpec` keys
(ignoring case, diacritics, ``đ``, punctuation, extra spaces and column order)
and returns a :class:`Table`. Every problem with the file as a whole raises
:class:`SpreadsheetError` carrying a Vietnamese message meant for the user;
problems with single cells are collected as :class:`ImportIssue` objects.

Export: :func:`write_table`, :func:`write_issue_report` and
:func:`make_template` build workbooks in memory and return their bytes.

Pure Python + openpyxl; no Django.
"""

from __future__ import annotations

import datetime as _dt
import io
import itertools
import os
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from .text import detect_legacy, fold, format_date, format_decimal, format_number, nfc, to_unicode

__all__ = [
    "ColumnSpec",
    "ImportIssue",
    "SpreadsheetError",
    "Table",
    "TableRow",
    "read_table",
    "write_issue_report",
    "write_table",
    "make_template",
    "FORMULA_MESSAGE",
    "DATE_FORMAT",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5000
#: Headers are looked for in this many rows at the top of the sheet.
HEADER_SEARCH_ROWS = 10
#: Columns to the right of this one are ignored.
MAX_COLUMNS = 256
#: Zip archives with more entries than this are refused.
MAX_ZIP_ENTRIES = 1000
#: An entry larger than 1 MiB compressed more than this ratio is refused.
MAX_COMPRESSION_RATIO = 200

FORMULA_MESSAGE = "Ô chứa công thức; hãy dán giá trị"
#: Text starting with one of these would be read as a formula by a spreadsheet (formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_VN_TZ = _dt.timezone(_dt.timedelta(hours=7))  # Vietnam has no DST
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")


class SpreadsheetError(Exception):
    """The uploaded file cannot be used; ``message`` is Vietnamese and can be
    shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ColumnSpec:
    """One expected column.

    ``key``: name used in the returned row dicts. ``header_vi``: the header
    written in templates and matched on import; ``aliases``: other accepted
    headers. ``required``: the column must be present in the file (whether
    its cells may be blank is the caller's business). ``help_vi``: guidance
    shown in the template's "Hướng dẫn" sheet. ``number_format``: Excel
    format applied to the column in templates (e.g. ``"@"`` to keep leading
    zeros, ``"dd/mm/yyyy"`` for dates).
    """

    key: str
    header_vi: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    help_vi: str = ""
    number_format: str | None = None


@dataclass
class ImportIssue:
    """A problem found while importing: ``row`` is the Excel row number
    (``None`` for the whole file), ``column`` a column header (or ``None``)."""

    row: int | None
    column: str | None
    message: str


class TableRow(dict):
    """A data row: ``{column key: value}`` plus ``number``, the Excel row number."""

    def __init__(self, number: int, values: Mapping[str, Any] | None = None):
        super().__init__(values or {})
        self.number = number

    def __repr__(self) -> str:
        return f"TableRow({self.number}, {dict.__repr__(self)})"


@dataclass
class Table:
    """Result of :func:`read_table`."""

    rows: list[TableRow]
    issues: list[ImportIssue] = field(default_factory=list)
    header_row: int = 1
    #: column key -> column letter in the file
    columns: dict[str, str] = field(default_factory=dict)
    #: optional columns absent from the file (their values are ``None``)
    missing_columns: list[str] = field(default_factory=list)
    #: headers in the file that matched no column (ignored)
    unknown_headers: list[str] = field(default_factory=list)
    sheet_name: str = ""
    #: ``"tcvn3"``/``"vni"`` when the text was converted from a legacy encoding
    legacy_encoding: str | None = None


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


def _format_size(n: int) -> str:
    if n >= 1024 * 1024:
        return format_decimal(n / (1024 * 1024), 1) + " MB"
    return format_decimal(n / 1024, 0) + " KB"


def _header_key(value: Any) -> str:
    """Header comparison form: folded, punctuation turned into spaces."""
    if value is None:
        return ""
    text = fold(to_unicode(str(value)))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _read_bytes(source: Any, max_bytes: int) -> bytes:
    too_big = f"Tệp quá lớn; dung lượng tối đa là {_format_size(max_bytes)}."
    if isinstance(source, str | os.PathLike):
        try:
            if os.path.getsize(source) > max_bytes:
                raise SpreadsheetError(too_big)
            with open(source, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError:
            raise SpreadsheetError("Không mở được tệp.") from None
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        size = getattr(source, "size", None)  # e.g. Django's UploadedFile
        if isinstance(size, int) and size > max_bytes:
            raise SpreadsheetError(too_big)
        try:
            if hasattr(source, "seek"):
                source.seek(0)
            data = source.read(max_bytes + 1)
        except (OSError, ValueError):
            raise SpreadsheetError("Không đọc được tệp tải lên.") from None
        if not isinstance(data, bytes | bytearray):
            raise SpreadsheetError("Không đọc được tệp tải lên.")
        data = bytes(data)
    if len(data) > max_bytes:
        raise SpreadsheetError(too_big)
    if not data:
        raise SpreadsheetError("Tệp rỗng (0 byte).")
    return data


def _check_container(data: bytes, max_uncompressed: int) -> None:
    """Refuse anything that is not a sane .xlsx zip, before openpyxl sees it."""
    if data.startswith(_OLE2_MAGIC):
        utf16 = "EncryptionInfo".encode("utf-16-le")
        if utf16 in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise SpreadsheetError(
                "Tệp được bảo vệ bằng mật khẩu. Hãy mở tệp trong Excel, bỏ mật khẩu rồi lưu lại và tải lên."
            )
        raise SpreadsheetError(
            "Tệp .xls (Excel 97–2003) không được hỗ trợ. Hãy mở tệp trong Excel và "
            "lưu lại dưới dạng “Excel Workbook (*.xlsx)”."
        )
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise SpreadsheetError(
            "Tệp không phải bảng tính Excel (.xlsx). Nếu là tệp CSV hoặc tệp khác, hãy mở bằng "
            "Excel và lưu lại dưới dạng “Excel Workbook (*.xlsx)”."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError("Tệp bảng tính bị hỏng, không đọc được.") from None
    if not infos:
        raise SpreadsheetError("Tệp bảng tính bị hỏng, không đọc được.")
    if len(infos) > MAX_ZIP_ENTRIES:
        raise SpreadsheetError("Tệp có cấu trúc bất thường (quá nhiều thành phần); không thể xử lý.")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise SpreadsheetError("Tệp có tỉ lệ nén bất thường (có thể là tệp độc hại); không thể xử lý.")
    if total > max_uncompressed:
        raise SpreadsheetError(
            f"Nội dung tệp sau khi giải nén quá lớn (hơn {_format_size(max_uncompressed)}); không thể xử lý."
        )
    names = {info.filename for info in infos}
    if "mimetype" in names and not any(n.startswith("xl/") for n in names):
        raise SpreadsheetError(
            "Tệp OpenDocument (.ods) chưa được hỗ trợ. Hãy lưu lại dưới dạng “Excel Workbook (*.xlsx)”."
        )
    if "xl/workbook.bin" in names:
        raise SpreadsheetError("Tệp .xlsb chưa được hỗ trợ. Hãy lưu lại dưới dạng “Excel Workbook (*.xlsx)”.")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise SpreadsheetError(
            "Tệp không phải bảng tính Excel (.xlsx). Hãy chọn đúng tệp bảng tính hoặc lưu lại "
            "dưới dạng “Excel Workbook (*.xlsx)”."
        )


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or isinstance(
        getattr(cell, "value", None), ArrayFormula | DataTableFormula
    )


def _match_headers(
    header_cells: Sequence[Any], columns: Sequence[ColumnSpec]
) -> tuple[dict[str, int], list[tuple[str, int, int]], list[str]]:
    """Map spec keys to 0-based column indexes.

    Returns (mapping, duplicates as (header_vi, first index, second index),
    unknown non-empty headers).
    """
    lookup: dict[str, ColumnSpec] = {}
    for spec in columns:
        for name in (spec.header_vi, *spec.aliases):
            lookup.setdefault(_header_key(name), spec)
    mapping: dict[str, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    unknown: list[str] = []
    for idx, cell in enumerate(header_cells):
        value = getattr(cell, "value", None)
        key = _header_key(value)
        if not key:
            continue
        spec = lookup.get(key)
        if spec is None:
            unknown.append(nfc(to_unicode(str(value))))
        elif spec.key in mapping:
            duplicates.append((spec.header_vi, mapping[spec.key], idx))
        else:
            mapping[spec.key] = idx
    return mapping, duplicates, unknown


def read_table(
    fileobj_or_path: Any,
    columns: Sequence[ColumnSpec],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_uncompressed: int | None = None,
    sheet: str | None = None,
) -> Table:
    """Read a table from an .xlsx workbook.

    ``fileobj_or_path``: a path, ``bytes`` or a binary file object (Django
    ``UploadedFile`` works). The first visible worksheet is used unless
    ``sheet`` names one. The header row is the row among the first
    :data:`HEADER_SEARCH_ROWS` that matches most columns, so title rows above
    the table are fine. Fully blank data rows are skipped.

    Cell values: text is repaired from TCVN3/VNI when needed (detected on
    the whole sheet, then cell by cell) and normalised with
    :func:`~tdkt.core.text.nfc`; blank text becomes ``None``; numbers,
    dates (``datetime``) and booleans are returned as openpyxl gives them.
    A formula cell yields ``None`` plus an :class:`ImportIssue`
    (:data:`FORMULA_MESSAGE`); an error value (``#N/A``...) likewise.

    Raises :class:`SpreadsheetError` for: empty file, file over ``max_bytes``,
    not an .xlsx (text, .xls, .ods, .xlsb...), password protection, corrupt
    zip, uncompressed content over ``max_uncompressed`` (default 20 ×
    ``max_bytes``) or suspicious compression (zip bomb), no header row,
    missing required columns, a column present twice, more than
    ``max_rows`` data rows.
    """
    if max_uncompressed is None:
        max_uncompressed = 20 * max_bytes
    data = _read_bytes(fileobj_or_path, max_bytes)
    _check_container(data, max_uncompressed)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
        except SpreadsheetError:
            raise
        except Exception:
            raise SpreadsheetError("Tệp bảng tính bị hỏng hoặc không đúng định dạng .xlsx.") from None
        try:
            return _read_sheet(wb, columns, sheet, max_rows)
        except SpreadsheetError:
            raise
        except Exception:
            raise SpreadsheetError("Tệp bảng tính bị hỏng, không đọc được nội dung.") from None
        finally:
            wb.close()


def _read_sheet(wb: Any, columns: Sequence[ColumnSpec], sheet: str | None, max_rows: int) -> Table:
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise SpreadsheetError(f"Không có trang tính «{sheet}» trong tệp.")
        ws = wb[sheet]
    else:
        visible = [w for w in wb.worksheets if getattr(w, "sheet_state", "visible") == "visible"]
        if not visible:
            raise SpreadsheetError("Tệp không có trang tính nào.")
        ws = visible[0]
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # do not trust the stored <dimension>

    specs = {spec.key: spec for spec in columns}
    rows_iter = enumerate(ws.iter_rows(min_row=1, max_col=MAX_COLUMNS), start=1)
    # Phase 1: buffer the top rows and pick the best header row among them.
    top = list(itertools.islice(rows_iter, HEADER_SEARCH_ROWS))
    best = None  # (matched count, row number, mapping, duplicates, unknown headers)
    for row_number, cells in top:
        m, dups, unknown = _match_headers(cells, columns)
        if m and (best is None or len(m) > best[0]):
            best = (len(m), row_number, m, dups, unknown)
    header_row = _accept_header(best, specs)
    mapping = best[2]

    # Phase 2: data rows (the rest of the buffer, then the stream).
    raw_rows = []
    for row_number, cells in itertools.chain(top, rows_iter):
        if row_number <= header_row:
            continue
        values, issues = _collect_row(cells, row_number, mapping, specs)
        if values is None and not issues:
            continue
        if len(raw_rows) >= max_rows:
            raise SpreadsheetError(
                f"Tệp có quá nhiều dòng dữ liệu (nhiều hơn {format_number(max_rows)} dòng). "
                "Hãy chia thành nhiều tệp nhỏ hơn."
            )
        raw_rows.append((row_number, values or [], issues))
    return _build_table(ws, columns, specs, best, header_row, mapping, raw_rows)


def _accept_header(best, specs: Mapping[str, ColumnSpec]) -> int:
    if best is None:
        wanted = ", ".join(f"«{s.header_vi}»" for s in specs.values() if s.required) or ", ".join(
            f"«{s.header_vi}»" for s in specs.values()
        )
        raise SpreadsheetError(
            f"Không tìm thấy dòng tiêu đề cột. Tệp cần có các cột: {wanted}. "
            "Hãy dùng tệp mẫu hoặc kiểm tra lại tiêu đề cột."
        )
    _, row, mapping, dups, _ = best
    if dups:
        header, first, second = dups[0]
        raise SpreadsheetError(
            f"Cột «{header}» xuất hiện hai lần (cột {get_column_letter(first + 1)} và "
            f"{get_column_letter(second + 1)}, dòng {row}). Hãy xoá hoặc đổi tên một cột."
        )
    missing = [s.header_vi for s in specs.values() if s.required and s.key not in mapping]
    if missing:
        raise SpreadsheetError(
            "Thiếu cột bắt buộc: " + ", ".join(f"«{h}»" for h in missing) + f" (dòng tiêu đề là dòng {row})."
        )
    return row


def _collect_row(cells, row_number: int, mapping: Mapping[str, int], specs: Mapping[str, ColumnSpec]):
    """Return (list of (key, raw value)) or None if blank, and cell issues."""
    values: list[tuple[str, Any]] = []
    issues: list[ImportIssue] = []
    blank = True
    for key, idx in mapping.items():
        cell = cells[idx] if idx < len(cells) else None
        if cell is None:
            values.append((key, None))
            continue
        if _is_formula(cell):
            issues.append(ImportIssue(row_number, specs[key].header_vi, FORMULA_MESSAGE))
            values.append((key, None))
            continue
        value = cell.value
        if getattr(cell, "data_type", None) == "e":
            issues.append(ImportIssue(row_number, specs[key].header_vi, f"Ô chứa giá trị lỗi {value}."))
            values.append((key, None))
            continue
        if isinstance(value, str) and not value.strip():
            value = None
        if value is not None:
            blank = False
        values.append((key, value))
    return (None if blank else values), issues


def _build_table(ws, columns, specs, best, header_row, mapping, raw_rows) -> Table:
    texts = [v for _, values, _ in raw_rows for _, v in values if isinstance(v, str)]
    legacy = detect_legacy(" ".join(texts)) if texts else None

    rows: list[TableRow] = []
    issues: list[ImportIssue] = []
    for row_number, values, cell_issues in raw_rows:
        row = TableRow(row_number, dict.fromkeys(specs))
        for key, value in values:
            if isinstance(value, str):
                value = nfc(to_unicode(value, hint=legacy)) or None
            row[key] = value
        rows.append(row)
        issues.extend(cell_issues)
    return Table(
        rows=rows,
        issues=issues,
        header_row=header_row,
        columns={key: get_column_letter(idx + 1) for key, idx in mapping.items()},
        missing_columns=[s.key for s in columns if s.key not in mapping],
        unknown_headers=best[4],
        sheet_name=ws.title,
        legacy_encoding=legacy,
    )


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str | None, default: str = "Dữ liệu") -> str:
    text = _SHEET_TITLE_BAD.sub(" ", nfc(title)).strip("' ")
    text = " ".join(text.split())[:31].strip("' ")
    return text or default


def _clean_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(format_number(value))
    if isinstance(value, float | Decimal):
        return len(format_decimal(value, 2))
    if isinstance(value, _dt.datetime):
        return 16
    if isinstance(value, _dt.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _set_value(cell: Any, value: Any, number_format: str | None = None) -> None:
    """Write ``value`` with a sensible type and Vietnamese-friendly format.

    Text is always stored as text (a leading ``=`` never becomes a formula); text starting with one of
    :data:`FORMULA_PREFIXES` also gets Excel's quote prefix, so it stays text when edited.
    Numbers use ``#,##0``/``#,##0.00`` — Excel shows them with the viewer's
    separators (``1.234.567`` and ``70,32`` on Vietnamese Windows). Dates use
    ``dd/mm/yyyy``. Booleans become "Có"/"Không". Aware datetimes are
    converted to Vietnam time.
    """
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = "Có" if value else "Không"
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = INT_FORMAT
    elif isinstance(value, float):
        cell.value = value
        cell.number_format = DECIMAL_FORMAT
    elif isinstance(value, Decimal):
        if not value.is_finite():
            cell.value = str(value)
        else:
            cell.value = value
            places = min(max(-value.as_tuple().exponent, 0), 6)  # type: ignore[operator]
            cell.number_format = INT_FORMAT if places == 0 else "#,##0." + "0" * places
    elif isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_VN_TZ).replace(tzinfo=None)
        cell.value = value
        cell.number_format = DATE_FORMAT if value.time() == _dt.time(0) else DATETIME_FORMAT
    elif isinstance(value, _dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        text = _clean_text(str(value))
        cell.value = text
        cell.data_type = "s"  # never a formula
        if text.startswith(FORMULA_PREFIXES):
            # Excel's own "text, not a formula" mark (the hidden apostrophe): the cell stays text even when
            # someone edits it and presses Enter, or saves the sheet as CSV and opens that again.
            cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format


def _style_header(
    ws: Any, headers: Sequence[str], fills: Sequence[PatternFill] | None = None, row: int = 1
) -> None:
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col)
        _set_value(cell, header)
        cell.font = _HEADER_FONT
        cell.fill = fills[col - 1] if fills else _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
    ws.freeze_panes = f"A{row + 1}"


def _set_widths(ws: Any, widths: Sequence[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)


def _save(wb: Any) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# The most rows a list export writes: a spreadsheet of more is of no use to anyone and would hold a worker for
# minutes; exports that stop there say so above the table and ask for a narrower filter.
EXPORT_MAX_ROWS = 100_000


def write_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str = "Dữ liệu",
    *,
    heading: Sequence[str] = (),
    formats: Sequence[str | None] = (),
) -> bytes:
    """Export rows as an .xlsx file and return its bytes.

    Row 1 holds the bold, frozen headers (with an auto-filter); ``title``
    becomes the sheet name (cut to Excel's 31 characters) and the document
    title. Values are typed as described in :func:`_set_value`; column
    widths follow the content (8–60 characters).

    With ``heading`` (e.g. the title, then the filters applied and the date), those lines come first, the
    first in bold, then a blank row, and the table below them. ``formats`` gives, column by column, an Excel
    number format overriding the one the value's type gets (``None``: the type's).
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _sheet_title(title)
    wb.properties.title = nfc(title) or None
    headers = [nfc(str(h)) for h in headers]
    top = len(heading) + 1 if heading else 0  # rows above the header row
    for r, line in enumerate(heading, start=1):
        cell = ws.cell(row=r, column=1)
        _set_value(cell, nfc(str(line)))
        cell.font = Font(bold=r == 1, size=13 if r == 1 else 11)
    _style_header(ws, headers, row=top + 1)
    widths = [len(h) for h in headers]
    row_count = 0
    for r, row in enumerate(rows, start=top + 2):
        row_count += 1
        for c, value in enumerate(row, start=1):
            _set_value(ws.cell(row=r, column=c), value, formats[c - 1] if c <= len(formats) else None)
            if c > len(widths):
                widths.append(0)
            widths[c - 1] = max(widths[c - 1], _display_width(value))
    _set_widths(ws, widths)
    if headers:
        last = get_column_letter(max(len(headers), 1))
        ws.auto_filter.ref = f"A{top + 1}:{last}{top + row_count + 1}"
    return _save(wb)


def describe_filters(form: Any, shown: Mapping[str, str] | None = None) -> list[str]:
    """The filters of a bound, validated (filter) form in words, one "Label: value" per field set, in the
    form's order; empty fields are left out, choices and objects by their display name. ``shown`` gives the
    words for a field whose value alone says nothing (e.g. an id)."""
    from django import forms as django_forms  # lazy: the module reads and writes sheets without Django too
    from django.utils.translation import gettext as _

    data = getattr(form, "cleaned_data", None) or {}
    shown = shown or {}
    parts = []
    for name, field_ in form.fields.items():
        value = data.get(name)
        if value in (None, "", [], ()) or (hasattr(value, "exists") and not value.exists()):
            continue
        if isinstance(value, bool):
            # A yes/no/any choice says which; a checkbox (unticked reads False) only when ticked.
            if isinstance(field_, django_forms.NullBooleanField) and not isinstance(
                field_.widget, django_forms.CheckboxInput
            ):
                parts.append(f"{field_.label}: {_('Có') if value else _('Không')}")
            elif value:
                parts.append(str(field_.label))
            continue
        if name in shown:
            value_text = shown[name]
        elif isinstance(field_, django_forms.ChoiceField) and not isinstance(
            field_, django_forms.ModelChoiceField
        ):
            choices = dict(field_.choices)
            values = value if isinstance(value, list | tuple) else [value]
            value_text = ", ".join(str(choices.get(v, v)) for v in values)
        elif hasattr(value, "__iter__") and not isinstance(value, str):
            value_text = ", ".join(str(v) for v in value)
        elif isinstance(value, _dt.date):
            value_text = format_date(value)
        else:
            value_text = str(value)
        parts.append(f"{field_.label}: {value_text}" if field_.label else value_text)
    return parts


def export_heading(title: str, filters: Iterable[Any] = (), *, user: Any = None) -> list[str]:
    """The title block of an export (``write_table(heading=...)``): the title, the filters applied in words,
    then the date and, with ``user``, who made it."""
    from django.utils import timezone  # lazy: the module reads and writes sheets without Django too
    from django.utils.translation import gettext as _

    described = "; ".join(str(f) for f in filters if f)
    lines = [
        str(title),
        _("Bộ lọc: %(filters)s") % {"filters": described or _("không lọc (toàn bộ phạm vi được xem)")},
    ]
    day = format_date(timezone.localdate())
    if user is not None:
        person = user.get_full_name() or user.get_username()
        lines.append(_("Lập ngày %(day)s, người lập: %(user)s") % {"day": day, "user": person})
    else:
        lines.append(_("Lập ngày %(day)s") % {"day": day})
    return lines


def write_issue_report(issues: Iterable[ImportIssue], title: str = "Báo cáo lỗi nhập dữ liệu") -> bytes:
    """An .xlsx listing import problems: columns Dòng, Cột, Nội dung lỗi."""
    rows = [(i.row, i.column or "", i.message) for i in issues]
    data = write_table(["Dòng", "Cột", "Nội dung lỗi"], rows, title)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    for (cell,) in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["C"].width = max(ws.column_dimensions["C"].width or 0, 40)
    return _save(wb)


def make_template(
    columns: Sequence[ColumnSpec],
    title: str = "Mẫu nhập dữ liệu",
    example_rows: Iterable[Sequence[Any] | Mapping[str, Any]] = (),
) -> bytes:
    """A downloadable import template.

    Sheet 1 (named after ``title``) has the ``header_vi`` headers — required
    columns highlighted — and the optional ``example_rows`` (sequences in
    column order or dicts by key). Sheet "Hướng dẫn" explains every column
    (required or not, accepted alternative headers, ``help_vi``) and the
    general rules of the import.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _sheet_title(title, "Mẫu nhập")
    wb.properties.title = nfc(title) or None
    _style_header(
        ws,
        [c.header_vi for c in columns],
        [_REQUIRED_FILL if c.required else _HEADER_FILL for c in columns],
    )
    widths = [len(c.header_vi) for c in columns]
    for r, example in enumerate(example_rows, start=2):
        if isinstance(example, Mapping):
            values = [example.get(c.key) for c in columns]
        else:
            values = list(example)
        for c, (spec, value) in enumerate(zip(columns, values, strict=False), start=1):
            _set_value(ws.cell(row=r, column=c), value, spec.number_format)
            widths[c - 1] = max(widths[c - 1], _display_width(value))
    for c, spec in enumerate(columns, start=1):
        if spec.number_format:
            ws.column_dimensions[get_column_letter(c)].number_format = spec.number_format
    _set_widths(ws, widths)

    guide = wb.create_sheet("Hướng dẫn")
    guide["A1"] = "Hướng dẫn điền " + (nfc(title) or "mẫu nhập dữ liệu")
    guide["A1"].font = Font(bold=True, size=13)
    notes = [
        "• Giữ nguyên dòng tiêu đề; có thể đổi thứ tự cột, không phân biệt chữ hoa/thường và dấu.",
        "• Các cột tô màu cam là bắt buộc phải có trong tệp.",
        "• Không dùng công thức: hãy sao chép rồi dán giá trị (Paste Values).",
        "• Ngày ghi theo dạng dd/mm/yyyy, ví dụ 05/03/2026.",
        "• Xoá các dòng ví dụ trước khi tải tệp lên; lưu tệp dưới dạng .xlsx.",
    ]
    for i, note in enumerate(notes, start=2):
        guide.cell(row=i, column=1, value=note)
    start = len(notes) + 3
    guide_headers = ["Cột", "Tiêu đề cột", "Bắt buộc", "Tên khác được chấp nhận", "Hướng dẫn"]
    for c, h in enumerate(guide_headers, start=1):
        cell = guide.cell(row=start, column=c, value=h)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for r, spec in enumerate(columns, start=start + 1):
        line = [
            get_column_letter(r - start),
            spec.header_vi,
            "Có" if spec.required else "Không",
            "; ".join(spec.aliases),
            spec.help_vi,
        ]
        for c, value in enumerate(line, start=1):
            cell = guide.cell(row=r, column=c)
            _set_value(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (6, 28, 10, 30, 60), strict=True):
        guide.column_dimensions[letter].width = width
    return _save(wb)


def write_cell(cell: Any, value: Any, number_format: str | None = None) -> None:
    """Write one value as `write_table` does (typed, text never a formula), for custom layouts."""
    _set_value(cell, value, number_format)
