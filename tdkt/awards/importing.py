"""Import of award history (lịch sử khen thưởng) from the .xlsx lists offices keep.

One row per award: Họ và tên, Ngày sinh, Đơn vị, Danh hiệu / Hình thức, Năm, Số quyết định, Ngày quyết
định, Cơ quan ban hành (plus the optional Loại hình, Ghi chú). The file is read by
`tdkt.core.xlsx.read_table` (headers in any order, case and diacritics ignored, TCVN3/VNI text
repaired, NFC), then every row is checked before anything is written:

1. the cells: required values, the year (1945–2100), dates (dd/mm/yyyy, d/m/yy, Excel serials), the
   award kind (by code or by name, with the usual variants and abbreviations);
2. the subject: a person, by folded name + date of birth + a membership during the achievement year
   (or on the decision date) in the row's unit or under it — the unit found by code or by any name it
   bore then (renamed and merged units keep their old names as `UnitVersion` rows); or, for a row
   without a date of birth whose name is a unit's name, that collective;
3. the kind's subject (individual / collective) against the match.

A row that matches nobody ("unmatched") or several people ("ambiguous") is shown to the officer, who
chooses the person (or unit) or skips the row; these choices are the `resolutions`
({excel row: person id | unit id | "skip"}). Nothing is written while the file has an error or an
unresolved row; then all new awards are written in one transaction through
`tdkt.awards.services.record_award` (source "import"). An award already in the history (same kind,
subject, year and decision number) is "unchanged", so importing the same file twice changes nothing.
Every run, dry or not, is recorded as an `ImportBatch` with its report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q

from tdkt.awards import services
from tdkt.awards.models import Award, AwardKind, AwardType, ImportBatch, SubjectKind
from tdkt.core.text import fold, format_date, nfc, parse_date
from tdkt.core.xlsx import ColumnSpec, ImportIssue, SpreadsheetError, make_template, read_table
from tdkt.org import permissions, selectors
from tdkt.org.models import Membership, Person, Unit, UnitVersion

YEAR_MIN, YEAR_MAX = 1945, 2100
SKIP = "skip"
PROGRESS_EVERY = 1000  # rows between two progress reports
WRITE_CHUNK = 2000  # awards per INSERT
CHOICE_CHUNK = 2000  # candidates per query when recognising earlier choices
Progress = Callable[[str, int, int], None]

COLUMNS = [
    ColumnSpec(
        "name",
        "Họ và tên",
        (
            "Họ tên",
            "Tên",
            "Họ và tên / Tên tập thể",
            "Tên cá nhân, tập thể",
            "Cá nhân, tập thể",
            "Tên đối tượng",
        ),
        help_vi="Họ và tên cá nhân; với khen thưởng tập thể, ghi tên tập thể (để trống Ngày sinh).",
    ),
    ColumnSpec(
        "dob",
        "Ngày sinh",
        ("Ngày tháng năm sinh", "Sinh ngày"),
        number_format="dd/mm/yyyy",
        help_vi="dd/mm/yyyy. Để trống nếu là tập thể.",
    ),
    ColumnSpec(
        "unit",
        "Đơn vị",
        ("Đơn vị công tác", "Mã đơn vị", "Đơn vị khi khen thưởng"),
        help_vi="Mã hoặc tên đơn vị tại thời điểm khen thưởng (tên cũ trước khi đổi tên, sáp nhập "
        "vẫn được chấp nhận).",
    ),
    ColumnSpec(
        "kind",
        "Danh hiệu / Hình thức",
        (
            "Danh hiệu",
            "Hình thức",
            "Hình thức khen thưởng",
            "Danh hiệu thi đua",
            "Danh hiệu, hình thức",
            "Danh hiệu, hình thức khen thưởng",
            "Mã danh hiệu",
        ),
        help_vi="Mã (LDTT, CSTDCS, BK_BO…) hoặc tên danh hiệu, hình thức khen thưởng.",
    ),
    ColumnSpec(
        "year",
        "Năm",
        ("Năm thành tích", "Năm khen thưởng"),
        help_vi="Năm thành tích, ví dụ 2024; một giai đoạn như 2023-2024 là thời gian thành tích, năm là năm cuối.",
    ),
    ColumnSpec(
        "decision_number",
        "Số quyết định",
        ("Số QĐ", "Quyết định số", "Số quyết định khen thưởng"),
        number_format="@",
        help_vi="Ví dụ 123/QĐ-HQHN.",
    ),
    ColumnSpec(
        "decision_date",
        "Ngày quyết định",
        ("Ngày QĐ", "Ngày ký", "Ngày ký quyết định"),
        required=False,
        number_format="dd/mm/yyyy",
        help_vi="dd/mm/yyyy.",
    ),
    ColumnSpec(
        "issuer",
        "Cơ quan ban hành",
        ("Cấp quyết định", "Cơ quan quyết định", "Người ký"),
        required=False,
        help_vi="Để trống thì lấy thẩm quyền theo danh mục.",
    ),
    ColumnSpec(
        "award_type",
        "Loại hình",
        ("Loại hình khen thưởng",),
        required=False,
        help_vi="Không bắt buộc: thường xuyên, chuyên đề, đột xuất, cống hiến, niên hạn, đối ngoại…",
    ),
    ColumnSpec("note", "Ghi chú", required=False),
    ColumnSpec(
        "period",
        "Thời gian thành tích",
        ("Giai đoạn thành tích", "Thành tích năm"),
        required=False,
        number_format="@",
        help_vi="Không bắt buộc: thời gian thành tích quyết định ghi, ví dụ 2023 hoặc 2023-2024 "
        "(thời gian xét lần khen tiếp theo tính từ sau giai đoạn này).",
    ),
]
HEADER = {c.key: c.header_vi for c in COLUMNS}

EXAMPLE_ROWS = [
    {
        "name": "Nguyễn Văn An",
        "dob": dt.date(1985, 4, 12),
        "unit": "Chi cục Hải quan A",
        "kind": "Lao động tiên tiến",
        "year": 2024,
        "decision_number": "15/QĐ-HQA",
        "decision_date": dt.date(2025, 1, 10),
        "issuer": "Chi cục trưởng Chi cục Hải quan A",
    },
    {
        "name": "Nguyễn Văn An",
        "dob": dt.date(1985, 4, 12),
        "unit": "A",
        "kind": "CSTĐCS",
        "year": 2024,
        "decision_number": "16/QĐ-HQA",
        "decision_date": dt.date(2025, 1, 10),
    },
    {
        "name": "Đội Nghiệp vụ A1",
        "dob": None,
        "unit": "Chi cục Hải quan A",
        "kind": "Tập thể lao động xuất sắc",
        "year": 2024,
        "decision_number": "250/QĐ-BTC",
        "decision_date": dt.date(2025, 3, 3),
        "issuer": "Bộ trưởng Bộ Tài chính",
    },
]


def template_bytes() -> bytes:
    return make_template(COLUMNS, "Lịch sử khen thưởng", EXAMPLE_ROWS)


# ---------------------------------------------------------------------------------------------------
# The award kind named in a cell
# ---------------------------------------------------------------------------------------------------

_ORDINALS = {"1": ("nhat", "1", "i"), "2": ("nhi", "2", "ii"), "3": ("ba", "3", "iii")}
_ORDERS = {  # code prefix → names and abbreviations of the order (huân chương)
    "HCDL": ("huân chương độc lập", "HCĐL"),
    "HCLD": ("huân chương lao động", "HCLĐ"),
    "HCCC": ("huân chương chiến công", "HCCC"),
}
_ALIASES = {
    "AHLD": ("Anh hùng Lao động", "AHLĐ", "Danh hiệu Anh hùng Lao động"),
    "HCSV": ("Huân chương Sao vàng",),
    "HCHCM": ("Huân chương Hồ Chí Minh", "HC Hồ Chí Minh"),
    "HCHN": ("Huân chương Hữu nghị",),
    "CO_CP": ("Cờ thi đua Chính phủ", "Cờ thi đua của Chính phủ", "Cờ Chính phủ", "CTĐCP", "Cờ TĐCP"),
    "CSTD_TQ": ("Chiến sĩ thi đua toàn quốc", "CSTĐTQ", "CSTĐ toàn quốc"),
    "BK_TTG": (
        "Bằng khen Thủ tướng",
        "Bằng khen của Thủ tướng",
        "Bằng khen Thủ tướng Chính phủ",
        "Bằng khen của Thủ tướng Chính phủ",
        "BKTTg",
        "BKTTCP",
        "BK TTg",
        "BK Thủ tướng",
    ),
    "CO_BO": (
        "Cờ thi đua Bộ Tài chính",
        "Cờ thi đua của Bộ Tài chính",
        "Cờ thi đua cấp Bộ",
        "Cờ thi đua Bộ",
        "Cờ thi đua ngành Tài chính",
        "Cờ thi đua của Bộ trưởng Bộ Tài chính",
        "Cờ TĐ Bộ",
        "CTĐBTC",
    ),
    "CSTD_BO": (
        "Chiến sĩ thi đua cấp Bộ",
        "Chiến sĩ thi đua Bộ",
        "Chiến sĩ thi đua Bộ Tài chính",
        "Chiến sĩ thi đua ngành Tài chính",
        "Chiến sĩ thi đua cấp bộ, ngành",
        "CSTĐ cấp Bộ",
        "CSTĐBTC",
        "CSTĐ Bộ",
        "CSTĐ ngành",
    ),
    "BK_BO": (
        "Bằng khen Bộ Tài chính",
        "Bằng khen của Bộ Tài chính",
        "Bằng khen Bộ trưởng Bộ Tài chính",
        "Bằng khen của Bộ trưởng Bộ Tài chính",
        "Bằng khen Bộ trưởng",
        "Bằng khen của Bộ trưởng",
        "Bằng khen cấp Bộ",
        "Bằng khen Bộ",
        "BKBTC",
        "BK BTC",
        "BK Bộ",
        "BK Bộ trưởng",
    ),
    "KNC_TC": (
        "Kỷ niệm chương Vì sự nghiệp Tài chính",
        "Kỷ niệm chương Vì sự nghiệp Tài chính Việt Nam",
        "Kỷ niệm chương",
        "KNC",
    ),
    "TTLDXS": ("Tập thể lao động xuất sắc", "TTLĐXS", "Tập thể LĐXS"),
    "CSTDCS": ("Chiến sĩ thi đua cơ sở", "CSTĐCS", "CSTĐ cơ sở", "CSTĐ"),
    "GK": ("Giấy khen",),
    "TTLDTT": ("Tập thể lao động tiên tiến", "TTLĐTT", "Tập thể LĐTT"),
    "LDTT": ("Lao động tiên tiến", "LĐTT"),
}
_Y_AFTER_CONSONANT = re.compile(r"\b([bcdghklmnpqrstvx]+)y\b")


def kind_key(text: str) -> str:
    """The comparison form of an award's name: folded, "của"/"danh hiệu" dropped, sỹ = sĩ, no spaces."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(text)).split()
    words = [w for w in words if w not in ("cua", "danh", "hieu")] or words
    joined = _Y_AFTER_CONSONANT.sub(r"\1i", " ".join(words))
    return joined.replace(" ", "")


def _alias_names(code: str) -> list[str]:
    names = list(_ALIASES.get(code, ()))
    prefix, rank = code[:-1], code[-1:]
    if prefix in _ORDERS and rank in _ORDINALS:
        for order in _ORDERS[prefix]:
            for ordinal in _ORDINALS[rank]:
                names += [f"{order} hạng {ordinal}", f"{order} {ordinal}"]
    return names


class KindIndex:
    """Every accepted spelling of every award kind in the catalogue → the kind."""

    def __init__(self):
        self.kinds = list(AwardKind.objects.all())
        self.by_key: dict[str, AwardKind] = {}
        for kind in self.kinds:  # codes and catalogue names win over the aliases
            self.by_key.setdefault(kind_key(kind.code), kind)
            self.by_key.setdefault(kind_key(kind.name), kind)
        for kind in self.kinds:
            for name in _alias_names(kind.code):
                self.by_key.setdefault(kind_key(name), kind)

        self._found: dict[str, AwardKind | None] = {}

    def find(self, text: str) -> AwardKind | None:
        """A long list names a few kinds over and over: each spelling is looked up once."""
        if text not in self._found:
            self._found[text] = self.by_key.get(kind_key(text))
        return self._found[text]


_TYPE_ALIASES = {
    AwardType.MERIT: ("thuong xuyen", "cong trang", "theo cong trang", "cong trang va thanh tich"),
    AwardType.THEMATIC: ("chuyen de", "theo dot", "theo chuyen de"),
    AwardType.AD_HOC: ("dot xuat",),
    AwardType.CONTRIBUTION: ("cong hien", "qua trinh cong hien"),
    AwardType.SERVICE_YEARS: ("nien han", "theo nien han"),
    AwardType.FOREIGN: ("doi ngoai",),
    AwardType.COMMEMORATIVE: ("ky niem chuong", "ky niem"),
    AwardType.RESISTANCE: ("khang chien",),
}


def _award_type(text: str) -> str | None:
    key = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())
    for value, label in AwardType.choices:
        if key in (value.replace("_", " "), fold(str(label))) or key in _TYPE_ALIASES.get(value, ()):
            return value
    return None


# ---------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    id: int
    label: str

    def as_json(self) -> dict:
        return {"id": self.id, "label": self.label}


@dataclass
class RowResult:
    """What became of one row: status new | unchanged | unmatched | ambiguous | skipped | error."""

    row: int
    values: dict[str, str]
    status: str = "new"
    subject: str = ""  # "person" | "unit"
    subject_id: int | None = None
    subject_label: str = ""
    kind_code: str = ""
    reason: str = ""
    candidates: list[Candidate] = field(default_factory=list)  # ambiguous: the people (units) who fit
    suggestions: list[Candidate] = field(default_factory=list)  # unmatched: near misses to choose from
    choice: int | str | None = None  # the officer's resolution: a person/unit id or "skip"
    award_id: int | None = None

    @property
    def resolved(self) -> bool:
        return self.choice is not None

    @property
    def choices(self) -> list[Candidate]:
        return self.candidates or self.suggestions

    def as_json(self) -> dict:
        data = {"row": self.row, "values": self.values, "status": self.status}
        if self.subject_id is not None:
            data["subject"] = {"type": self.subject, "id": self.subject_id, "label": self.subject_label}
        if self.kind_code:
            data["kind"] = self.kind_code
        if self.reason:
            data["reason"] = self.reason
        if self.candidates or self.status == "ambiguous":
            data["candidates"] = [c.as_json() for c in self.candidates]
        if self.suggestions or self.status == "unmatched":
            data["suggestions"] = [c.as_json() for c in self.suggestions]
        if self.resolved:
            data["resolved"] = self.choice
        if self.award_id is not None:
            data["award_id"] = self.award_id
        return data


@dataclass
class ImportReport:
    """The outcome of one run. `outcome`: imported | valid (dry run, nothing to fix) | pending (rows to
    resolve) | refused (errors, or the file could not be read)."""

    file_name: str
    sha256: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    outcome: str = "refused"
    legacy_encoding: str | None = None
    batch_id: int | None = None

    def with_status(self, status: str) -> list[RowResult]:
        return [r for r in self.rows if r.status == status]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("new", "unchanged", "unmatched", "ambiguous", "skipped", "error"), 0)
        for r in self.rows:
            counts[r.status] += 1
        counts["errors"] = len(self.errors)
        counts["rows"] = len(self.rows)
        return counts

    @property
    def ok(self) -> bool:
        return self.outcome in ("imported", "valid")

    @property
    def unresolved(self) -> list[RowResult]:
        return [r for r in self.rows if r.status in ("unmatched", "ambiguous")]

    def as_json(self) -> dict:
        return {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "dry_run": self.dry_run,
            "outcome": self.outcome,
            "legacy_encoding": self.legacy_encoding,
            "counts": self.counts,
            "created": [r.as_json() for r in self.with_status("new")],
            "unchanged": [r.as_json() for r in self.with_status("unchanged")],
            "unmatched": [r.as_json() for r in self.with_status("unmatched")],
            "ambiguous": [r.as_json() for r in self.with_status("ambiguous")],
            "skipped": [r.as_json() for r in self.with_status("skipped")],
            "errors": [{"row": i.row, "column": i.column, "message": i.message} for i in self.errors],
        }

    def summary(self) -> str:
        """A short Vietnamese summary, for the console and the page."""
        c = self.counts
        if self.outcome == "refused" and not self.rows:
            return "Không nhập được tệp: " + (
                self.errors[0].message if self.errors else "lỗi không xác định."
            )
        new = "sẽ thêm mới" if self.outcome != "imported" else "đã thêm mới"
        parts = [f"{c['rows']} dòng: {c['new']} {new}, {c['unchanged']} đã có (không đổi)"]
        if c["skipped"]:
            parts.append(f"{c['skipped']} bỏ qua")
        if c["unmatched"]:
            parts.append(f"{c['unmatched']} không tìm thấy đối tượng")
        if c["ambiguous"]:
            parts.append(f"{c['ambiguous']} có nhiều đối tượng trùng khớp")
        if c["errors"]:
            parts.append(f"{c['errors']} lỗi")
        verdict = {
            "imported": "Đã nhập xong.",
            "valid": "Tệp hợp lệ (chạy thử, chưa ghi dữ liệu).",
            "pending": "Chưa nhập: cần chọn đối tượng hoặc bỏ qua các dòng chưa xác định.",
            "refused": "Chưa nhập: hãy sửa các lỗi rồi tải lại tệp.",
        }[self.outcome]
        return "; ".join(parts) + ". " + verdict

    def issues_for_report(self) -> list[ImportIssue]:
        return report_issues(self.as_json())


def report_issues(data: dict) -> list[ImportIssue]:
    """Errors plus the rows still to resolve (from a report's JSON), for the downloadable .xlsx report."""
    issues = [ImportIssue(e["row"], e["column"], e["message"]) for e in data.get("errors", [])]
    for key in ("unmatched", "ambiguous"):
        for r in data.get(key, []):
            message = r.get("reason", "")
            if r.get("candidates"):
                message += " Có thể là: " + "; ".join(c["label"] for c in r["candidates"]) + "."
            issues.append(ImportIssue(r["row"], HEADER["name"], message))
    return sorted(issues, key=lambda i: (i.row or 0, i.column or ""))


# ---------------------------------------------------------------------------------------------------
# Reading and checking the cells
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    name: str = ""
    dob: dt.date | None = None
    unit_text: str = ""
    kind: AwardKind | None = None
    year: int | None = None
    decision_number: str = ""
    decision_date: dt.date | None = None
    issuer: str = ""
    award_type: str | None = None
    note: str = ""
    period_from: int | None = None
    period_to: int | None = None

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """[1 January of the year, 1 January of the next), the achievement year."""
        return dt.date(self.year, 1, 1), dt.date(self.year + 1, 1, 1)


_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*(?:[-–—/]\s*(\d{4}))?\s*$")


def parse_period(value: Any) -> tuple[int, int]:
    """An achievement year or period: 2023, "2023", "2023-2024", "2023–2024" (en dash), "2023 - 2024" →
    (first year, last year). A Vietnamese message when it is not one."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    match = _PERIOD_RE.match(nfc(str(value)))
    if not match:
        raise ValueError(f"«{value}» không phải năm hoặc giai đoạn (ví dụ 2023 hoặc 2023-2024).")
    first = int(match[1])
    last = int(match[2]) if match[2] else first
    for year in (first, last):
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValueError(f"Năm {year} nằm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}.")
    if last < first:
        raise ValueError(f"Giai đoạn {first}–{last}: năm cuối trước năm đầu.")
    return first, last


def _text(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is str:  # read_table gives text already in NFC, spaces collapsed
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value)
    return nfc(str(value))


def _display(raw: dict) -> dict[str, str]:
    out = {}
    for spec in COLUMNS:
        value = raw.get(spec.key)
        if spec.key in ("dob", "decision_date") and value is not None and not isinstance(value, str):
            try:
                value = parse_date(value)
            except ValueError:
                pass
        out[spec.header_vi] = _text(value)
    return out


def _check_cells(
    raw: dict, number: int, kinds: KindIndex, issues: list[ImportIssue], reported: frozenset = frozenset()
) -> _Row:
    """`reported`: (row, column) pairs the reader already flagged (a formula, an error value): one message a
    cell, so an emptied formula cell is not reported again as a missing value."""
    row = _Row(number)

    def error(key: str, message: str) -> None:
        if (number, HEADER[key]) not in reported:
            issues.append(ImportIssue(number, HEADER[key], message))

    row.name = _text(raw.get("name"))
    if not row.name:
        error("name", "Thiếu họ và tên (hoặc tên tập thể).")

    for key in ("dob", "decision_date"):
        value = raw.get(key)
        if value is None or value == "":
            continue
        try:
            day = parse_date(value)
        except ValueError as exc:
            error(key, str(exc))
            continue
        if not dt.date(1900, 1, 1) <= day <= dt.date.today():
            error(key, f"Ngày {format_date(day)} không hợp lệ (trước năm 1900 hoặc sau hôm nay).")
            continue
        setattr(row, key, day)

    kind_text = _text(raw.get("kind"))
    if not kind_text:
        error("kind", "Thiếu danh hiệu / hình thức khen thưởng.")
    else:
        row.kind = kinds.find(kind_text)
        if row.kind is None:
            error("kind", f"Không tìm thấy danh hiệu, hình thức «{kind_text}» trong danh mục.")

    year = raw.get("year")
    if year is None:
        error("year", "Thiếu năm thành tích.")
    else:
        try:
            first, last = parse_period(year)
        except ValueError as exc:
            error("year", str(exc))
        else:
            row.year = last
            if first != last:
                row.period_from, row.period_to = first, last
    period = raw.get("period")
    if period not in (None, ""):
        try:
            row.period_from, row.period_to = parse_period(period)
        except ValueError as exc:
            error("period", str(exc))
    if row.period_to and row.decision_date and row.period_to > row.decision_date.year:
        error("period", f"Thời gian thành tích kết thúc năm {row.period_to}, sau năm quyết định.")

    if row.decision_date and row.decision_date.year < YEAR_MIN:
        error("decision_date", f"Ngày quyết định phải từ năm {YEAR_MIN}.")
        row.decision_date = None
    if row.dob and row.year and row.dob.year >= row.year:
        error("dob", "Ngày sinh phải trước năm thành tích.")

    row.unit_text = _text(raw.get("unit"))
    # Never cut a value to fit its column: two awards whose decision numbers differ only after the cut
    # would be taken for one.
    row.decision_number = _text(raw.get("decision_number"))
    row.issuer = _text(raw.get("issuer"))
    for key in ("decision_number", "issuer"):
        limit = Award._meta.get_field(key).max_length
        length = len(getattr(row, key))
        if length > limit:
            error(key, f"Dài {length} ký tự, quá giới hạn {limit} ký tự của cột; hãy rút gọn trong tệp.")
    row.note = _text(raw.get("note"))
    type_text = _text(raw.get("award_type"))
    if type_text:
        row.award_type = _award_type(type_text)
        if row.award_type is None:
            error("award_type", f"Loại hình «{type_text}» không hợp lệ.")
    return row


# ---------------------------------------------------------------------------------------------------
# Finding the subject
# ---------------------------------------------------------------------------------------------------


def _overlaps(valid_from: dt.date, valid_to: dt.date | None, start: dt.date, end: dt.date) -> bool:
    """[valid_from, valid_to) meets [start, end)."""
    return valid_from < end and (valid_to is None or valid_to > start)


def _person_label(person: Person, where: dict[int, str]) -> str:
    """Enough to tell two namesakes apart: birth date, staff code (or record number), latest unit."""
    dob = format_date(person.date_of_birth) if person.date_of_birth else "—"
    code = f"mã {person.staff_code}" if person.staff_code else f"hồ sơ số {person.pk}"
    place = where.get(person.pk)
    return f"{person.full_name} ({dob}, {code})" + (f" – {place}" if place else "")


class Matcher:
    """Finds people and units for the rows; loads the tree once and the people by date of birth."""

    def __init__(self, rows: list[_Row], actor):
        self.scope = permissions.visible_unit_ids(actor) if actor is not None else permissions.ALL_UNITS
        self.versions: dict[str, list[UnitVersion]] = defaultdict(list)  # folded name or code → versions
        self.units = {u.pk: u for u in Unit.objects.all()}
        for version in UnitVersion.objects.all():
            for text in {version.name, version.short_name}:
                if text:
                    self.versions[fold(text)].append(version)
        self.codes = {fold(u.code): u for u in self.units.values()}
        self._scope_cache: dict[int, set[int]] = {}
        self._folded: dict[str, str] = {}
        dobs = {r.dob for r in rows if r.dob}
        people = Person.objects.filter(date_of_birth__in=dobs) if dobs else Person.objects.none()
        self.people: dict[tuple[str, dt.date], list[Person]] = defaultdict(list)
        self.by_dob: dict[dt.date, list[Person]] = defaultdict(list)
        for person in people:
            self.people[(fold(person.full_name), person.date_of_birth)].append(person)
            self.by_dob[person.date_of_birth].append(person)
        self.memberships: dict[int, list[Membership]] = defaultdict(list)
        for m in Membership.objects.filter(person__in=people).select_related("unit"):
            self.memberships[m.person_id].append(m)
        self._current_unit: dict[int, str] = {}
        for pid, ms in self.memberships.items():
            latest = max(ms, key=lambda m: m.valid_from)
            self._current_unit[pid] = f"{latest.unit.name} từ {format_date(latest.valid_from)}"

    def fold(self, text: str) -> str:
        """`fold`, once per distinct text (a list names the same people and units many times)."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    # Units ------------------------------------------------------------------------------------------

    def in_scope(self, unit_id: int) -> bool:
        return self.scope is permissions.ALL_UNITS or unit_id in self.scope

    def units_named(self, text: str, row: _Row) -> list[Unit]:
        """Units with this code, or that bore this name during the row's year or on its decision date;
        failing that, that bore it at any time."""
        key = self.fold(text)
        if key in self.codes:
            return [self.codes[key]]
        versions = self.versions.get(key, [])
        start, end = row.period
        at_time = {
            v.unit_id
            for v in versions
            if _overlaps(v.valid_from, v.valid_to, start, end)
            or (
                row.decision_date
                and _overlaps(
                    v.valid_from, v.valid_to, row.decision_date, row.decision_date + dt.timedelta(days=1)
                )
            )
        }
        ids = at_time or {v.unit_id for v in versions}
        return [self.units[i] for i in sorted(ids)]

    def is_unit_name(self, text: str) -> bool:
        return self.fold(text) in self.versions

    def area(self, unit: Unit) -> set[int]:
        """The unit, every unit ever under it, and its predecessors (merged or renamed before)."""
        if unit.pk not in self._scope_cache:
            self._scope_cache[unit.pk] = selectors.scope_ids([unit.pk])
        return self._scope_cache[unit.pk]

    def unit_label(self, unit: Unit, row: _Row) -> str:
        then = selectors.name_on(unit, row.decision_date or row.period[1] - dt.timedelta(days=1))
        return then if then == unit.name else f"{then} (nay là {unit.name})"

    # People -----------------------------------------------------------------------------------------

    def _was_member(self, person: Person, area: set[int] | None, row: _Row) -> bool:
        start, end = row.period
        for m in self.memberships.get(person.pk, []):
            if area is not None and m.unit_id not in area:
                continue
            if _overlaps(m.valid_from, m.valid_to, start, end):
                return True
            if row.decision_date and _overlaps(
                m.valid_from, m.valid_to, row.decision_date, row.decision_date + dt.timedelta(days=1)
            ):
                return True
        return False

    def _visible(self, person: Person) -> bool:
        if self.scope is permissions.ALL_UNITS:
            return True
        return any(m.unit_id in self.scope for m in self.memberships.get(person.pk, []))

    def candidate(self, person: Person) -> Candidate:
        return Candidate(person.pk, _person_label(person, self._current_unit))

    def match_person(self, row: _Row, result: RowResult) -> None:
        named = [p for p in self.people.get((self.fold(row.name), row.dob), []) if self._visible(p)]
        areas: list[set[int]] | None = None
        if row.unit_text:
            units = self.units_named(row.unit_text, row)
            if not units:
                result.status, result.reason = "unmatched", f"Không tìm thấy đơn vị «{row.unit_text}»."
                result.suggestions = [self.candidate(p) for p in named]
                return
            areas = [self.area(u) for u in units]
        if areas is None:
            found = named
        else:
            found = [p for p in named if any(self._was_member(p, a, row) for a in areas)]
        if len(found) == 1:
            person = found[0]
            result.subject, result.subject_id = "person", person.pk
            result.subject_label = _person_label(person, self._current_unit)
        elif found:
            result.status = "ambiguous"
            result.reason = f"Có {len(found)} người cùng họ tên, ngày sinh trong đơn vị; hãy chọn đúng người."
            result.candidates = [self.candidate(p) for p in found]
        else:
            result.status = "unmatched"
            result.reason = (
                f"Không tìm thấy cá nhân có họ tên, ngày sinh này công tác tại đơn vị trong năm {row.year}."
                if row.unit_text
                else "Không tìm thấy cá nhân có họ tên, ngày sinh này."
            )
            near = named or [
                p
                for p in self.by_dob.get(row.dob, [])
                if self._visible(p) and (areas is None or any(self._was_member(p, a, row) for a in areas))
            ]
            result.suggestions = [self.candidate(p) for p in near[:20]]

    def match_unit(self, row: _Row, result: RowResult) -> None:
        units = [u for u in self.units_named(row.name, row) if self.in_scope(u.pk)]
        within: set[int] | None = None
        if row.unit_text:
            parents = self.units_named(row.unit_text, row)
            if not parents:
                result.status, result.reason = "unmatched", f"Không tìm thấy đơn vị «{row.unit_text}»."
                result.suggestions = [Candidate(u.pk, self.unit_label(u, row)) for u in units]
                return
            within = set().union(*(self.area(p) for p in parents))
            units = [u for u in units if u.pk in within]
        if len(units) == 1:
            unit = units[0]
            result.subject, result.subject_id = "unit", unit.pk
            result.subject_label = self.unit_label(unit, row)
        elif units:
            result.status = "ambiguous"
            result.reason = f"Có {len(units)} tập thể cùng tên; hãy chọn đúng tập thể."
            result.candidates = [Candidate(u.pk, self.unit_label(u, row)) for u in units]
        else:
            result.status = "unmatched"
            result.reason = f"Không tìm thấy tập thể «{row.name}» trong năm {row.year}."
            if within is not None:
                near = [self.units[i] for i in sorted(within) if i in self.units and self.in_scope(i)]
                result.suggestions = [Candidate(u.pk, self.unit_label(u, row)) for u in near[:30]]


def _subject_of(row: _Row, matcher: Matcher) -> tuple[bool, ImportIssue | None]:
    """Whether the row is about a collective, or the issue that makes it unusable.

    A row without a date of birth is a collective's when its name is a unit's name (or the kind is for
    collectives only); with a date of birth it is a person's."""
    subject = row.kind.subject_kind
    if row.dob is not None:
        if subject == SubjectKind.COLLECTIVE:
            return False, ImportIssue(row.number, HEADER["kind"], f"{row.kind.name} chỉ dành cho tập thể.")
        return False, None
    if matcher.is_unit_name(row.name) or subject == SubjectKind.COLLECTIVE:
        if subject == SubjectKind.INDIVIDUAL:
            return True, ImportIssue(row.number, HEADER["kind"], f"{row.kind.name} chỉ dành cho cá nhân.")
        return True, None
    if subject == SubjectKind.INDIVIDUAL:
        return False, ImportIssue(row.number, HEADER["dob"], "Thiếu ngày sinh của cá nhân.")
    return False, ImportIssue(
        row.number, HEADER["dob"], f"Thiếu ngày sinh của cá nhân (không có tập thể nào tên «{row.name}»)."
    )


# ---------------------------------------------------------------------------------------------------
# Resolutions chosen by the officer
# ---------------------------------------------------------------------------------------------------


def _resolution(resolutions: dict, number: int):
    value = resolutions.get(number, resolutions.get(str(number)))
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().lower() == SKIP:
        return SKIP
    try:
        return int(value)
    except (TypeError, ValueError):
        return "invalid"


def _apply_resolution(result: RowResult, choice, actor, issues: list[ImportIssue], matcher: Matcher) -> None:
    if choice is None:
        return
    if choice == SKIP:
        result.status, result.choice = "skipped", SKIP
        return
    if result.status not in ("unmatched", "ambiguous"):
        return  # a matched row keeps its match
    bad = ImportIssue(result.row, HEADER["name"], "Lựa chọn đối tượng cho dòng này không hợp lệ.")
    if choice == "invalid":
        issues.append(bad)
        return
    if result.status == "ambiguous" and choice not in {c.id for c in result.candidates}:
        issues.append(bad)
        return
    if result.subject == "unit":
        unit = matcher.units.get(choice)
        if unit is None or not matcher.in_scope(unit.pk):
            issues.append(bad)
            return
        result.subject_id, result.subject_label = unit.pk, unit.name
    else:
        people = permissions.visible_people(actor) if actor is not None else Person.objects.all()
        person = people.filter(pk=choice).first()
        if person is None:
            issues.append(bad)
            return
        result.subject_id, result.subject_label = person.pk, person.full_name
    offered = {c.id: c.label for c in result.choices}
    result.subject_label = offered.get(choice, result.subject_label)
    result.status, result.choice, result.reason = "new", choice, ""


# ---------------------------------------------------------------------------------------------------
# The import
# ---------------------------------------------------------------------------------------------------


def _recognise_earlier_choices(rows: list[_Row], results: list[RowResult]) -> None:
    """An unmatched or ambiguous row whose award one of its candidates already has (chosen at an
    earlier import of the same list) is that candidate's, so importing the list again changes nothing.
    One query per `CHOICE_CHUNK` candidates for the whole file."""
    waiting = [
        (row, result)
        for row, result in zip(rows, results, strict=True)
        if result.status in ("unmatched", "ambiguous") and result.choices
    ]
    if not waiting:
        return
    held: set[tuple] = set()
    for subject, column in (("person", "person_id"), ("unit", "unit_id")):
        ids = sorted({c.id for _row, r in waiting if r.subject == subject for c in r.choices})
        kinds = {row.kind.pk for row, r in waiting if r.subject == subject}
        years = {row.year for row, r in waiting if r.subject == subject}
        for start in range(0, len(ids), CHOICE_CHUNK):
            held.update(
                (subject, *values)
                for values in Award.objects.filter(
                    **{f"{column}__in": ids[start : start + CHOICE_CHUNK]}, kind_id__in=kinds, year__in=years
                ).values_list(column, "kind_id", "year", "decision_number")
            )
    for row, result in waiting:
        holders = [
            c
            for c in result.choices
            if (result.subject, c.id, row.kind.pk, row.year, row.decision_number) in held
        ]
        if len({c.id for c in holders}) == 1:
            chosen = holders[0]
            result.status, result.subject_id, result.subject_label = "new", chosen.id, chosen.label
            result.reason = "Đã được chọn ở lần nhập trước."


def _mark_existing(report: ImportReport, rows: list[_Row]) -> None:
    """New rows already in the history (same kind, subject, year, decision number), or twice in the file,
    are "unchanged"."""
    ready = [(r, res) for r, res in zip(rows, report.rows, strict=True) if res.status == "new"]
    people = {res.subject_id for _r, res in ready if res.subject == "person"}
    units = {res.subject_id for _r, res in ready if res.subject == "unit"}
    existing = {}
    for pk, kind, person, unit, year, number in Award.objects.filter(
        Q(person_id__in=people) | Q(unit_id__in=units)
    ).values_list("pk", "kind_id", "person_id", "unit_id", "year", "decision_number"):
        key = (kind, "person" if person else "unit", person or unit, year, number)
        existing[key] = pk
    seen: dict[tuple, int] = {}
    for row, result in ready:
        key = (row.kind.pk, result.subject, result.subject_id, row.year, row.decision_number)
        if key in seen:
            result.status, result.reason = "unchanged", f"Trùng với dòng {seen[key]}."
        elif key in existing:
            result.status, result.award_id = "unchanged", existing[key]
        else:
            seen[key] = row.number


def import_awards(
    fileobj,
    *,
    file_name: str,
    actor,
    dry_run: bool,
    resolutions: dict | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check the file, then (unless `dry_run`, and only if every row is ready) write its awards.

    `fileobj`: a path, bytes or a binary file object. `actor`: the user (their scope limits whom rows
    can match) or None for the command line. `resolutions`: {excel row: person/unit id | "skip"}.
    `progress(stage, done, total)` is told how far the run is ("check", then "write") every
    `PROGRESS_EVERY` rows (the background job writes it where the page reads it).
    """
    tell = progress or (lambda stage, done, total: None)
    data = fileobj if isinstance(fileobj, bytes) else _read_all(fileobj)
    report = ImportReport(
        file_name=nfc(file_name)[:255], sha256=hashlib.sha256(data).hexdigest(), dry_run=dry_run
    )
    try:
        table = read_table(
            data, COLUMNS, max_rows=settings.TDKT_IMPORT_MAX_ROWS, max_bytes=settings.TDKT_IMPORT_MAX_BYTES
        )
    except SpreadsheetError as exc:
        report.errors.append(ImportIssue(None, None, exc.message))
        return _record(report, actor)
    if not table.rows:  # the page and the command line refuse a header-only file alike
        report.errors.append(ImportIssue(None, None, "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."))
        report.outcome = "refused"
        return _record(report, actor)
    report.legacy_encoding = table.legacy_encoding
    resolutions = resolutions or {}
    issues: list[ImportIssue] = list(table.issues)
    kinds = KindIndex()
    rows: list[_Row] = []
    reported = frozenset((i.row, i.column) for i in table.issues)
    total = len(table.rows)
    tell("check", 0, total)
    for raw in table.rows:
        rows.append(_check_cells(raw, raw.number, kinds, issues, reported))
        report.rows.append(RowResult(raw.number, _display(raw)))
    matcher = Matcher([r for r in rows if r.year and r.name], actor)

    bad_rows = {i.row for i in issues}
    for done, (row, result) in enumerate(zip(rows, report.rows, strict=True), start=1):
        if done % PROGRESS_EVERY == 0:
            tell("check", done, total)
        if row.number in bad_rows or row.kind is None or row.year is None or not row.name:
            result.status = "error"
            continue
        result.kind_code = row.kind.code
        collective, problem = _subject_of(row, matcher)
        if problem:
            issues.append(problem)
            result.status = "error"
            continue
        result.subject = "unit" if collective else "person"
        (matcher.match_unit if collective else matcher.match_person)(row, result)
    _recognise_earlier_choices(rows, report.rows)
    for row, result in zip(rows, report.rows, strict=True):
        if result.status != "error":
            _apply_resolution(result, _resolution(resolutions, row.number), actor, issues, matcher)
    _mark_existing(report, rows)
    for result in report.rows:  # a bad resolution makes its row an error
        if result.status != "error" and any(i.row == result.row for i in issues):
            result.status = "error"
    report.errors = sorted(issues, key=lambda i: (i.row or 0, i.column or ""))

    if report.errors:
        report.outcome = "refused"
    elif report.unresolved:
        report.outcome = "pending"
    elif dry_run:
        report.outcome = "valid"
    else:
        tell("check", total, total)
        _write(report, rows, tell)
    return _record(report, actor)


def _read_all(fileobj) -> bytes:
    if isinstance(fileobj, str) or hasattr(fileobj, "__fspath__"):
        with open(fileobj, "rb") as fh:
            return fh.read()
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    data = fileobj.read()
    return bytes(data) if data else b""


def _write(report: ImportReport, rows: list[_Row], tell: Progress) -> None:
    """Every new row, in chunks of `WRITE_CHUNK` (`services.record_imported_awards`), all in one
    transaction: a failure anywhere writes nothing."""
    by_number = {r.number: r for r in rows}
    new = [(result, by_number[result.row]) for result in report.rows if result.status == "new"]
    entries = [
        services.ImportedAward(
            kind=row.kind,
            year=row.year,
            person_id=result.subject_id if result.subject == "person" else None,
            unit_id=result.subject_id if result.subject == "unit" else None,
            decision_number=row.decision_number,
            decision_date=row.decision_date,
            issuer=row.issuer,
            award_type=row.award_type,
            note=row.note,
            period_from=row.period_from,
            period_to=row.period_to,
            row=row.number,
        )
        for result, row in new
    ]
    tell("write", 0, len(entries))
    try:
        ids = services.record_imported_awards(
            entries, chunk=WRITE_CHUNK, progress=lambda done: tell("write", done, len(entries))
        )
    except services.ImportWriteError as exc:
        report.errors.append(ImportIssue(exc.row, None, exc.message))
        for result, _row in new:
            if result.row == exc.row:
                result.status = "error"
        report.outcome = "refused"
        return
    for (result, _row), award_id in zip(new, ids, strict=True):
        result.award_id = award_id
    report.outcome = "imported"


def _record(report: ImportReport, actor) -> ImportReport:
    batch = ImportBatch.objects.create(
        file_name=report.file_name or "-",
        file_sha256=report.sha256,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        dry_run=report.dry_run,
        report=report.as_json(),
    )
    report.batch_id = batch.pk
    return report
