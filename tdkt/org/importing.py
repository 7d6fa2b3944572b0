"""Spreadsheet import of units and people: validate every row, then write all rows or none.

`import_units(fileobj, actor=..., dry_run=...)` and `import_people(...)` are the service-layer entry
points, for the import page and the command line alike. Each reads the first sheet through
`tdkt.core.xlsx.read_table` (headers matched ignoring case, diacritics and order; formulas and hostile
files refused), checks every row and collects an `ImportIssue(row, column, message)` for every problem
(in Vietnamese). Only when the whole file is valid does it write, in one transaction, through the
services of `tdkt.org.services` (so the audit log records who changed what). Importing the same file
again changes nothing: units are matched by code, people by staff code (or name and date of birth),
and a row equal to what is stored counts as "không đổi".
"""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from auditlog.context import auditlog_value, set_actor
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Upper
from django.utils import translation
from django.utils.translation import gettext as _

from tdkt.core.text import fold, format_date, nfc, parse_date, split_full_name
from tdkt.core.xlsx import ColumnSpec, ImportIssue, SpreadsheetError, Table, TableRow, read_table
from tdkt.org import permissions, services
from tdkt.org.models import Gender, Person, Position, Unit, UnitKind

logger = logging.getLogger(__name__)

UNITS = "units"
PEOPLE = "people"

# Column headers are part of the file format: they stay Vietnamese whatever the interface language.
UNIT_COLUMNS = (
    ColumnSpec(
        "code",
        "Mã đơn vị",
        aliases=("Mã ĐV",),
        number_format="@",
        help_vi="Mã duy nhất của đơn vị; dùng để nhận diện khi nhập lại.",
    ),
    ColumnSpec("name", "Tên đơn vị", help_vi="Tên đầy đủ hiện tại."),
    ColumnSpec("short_name", "Tên viết tắt", required=False),
    ColumnSpec(
        "kind",
        "Loại đơn vị",
        help_vi="Tên loại đơn vị, ví dụ: Cục, Chi cục, Phòng, Đội, Tổ, Vụ, Ban, Văn phòng, Khác (hoặc mã loại: "
        "cuc, chi_cuc, doi…).",
    ),
    ColumnSpec(
        "parent_code",
        "Mã đơn vị cấp trên",
        aliases=("Mã cấp trên",),
        required=False,
        number_format="@",
        help_vi="Để trống nếu là đơn vị cấp cao nhất. Đơn vị cấp trên phải đã có hoặc có trong tệp.",
    ),
    ColumnSpec(
        "valid_from",
        "Hiệu lực từ",
        aliases=("Ngày thành lập",),
        number_format="dd/mm/yyyy",
        help_vi="Ngày đơn vị bắt đầu hoạt động, dạng dd/mm/yyyy.",
    ),
    ColumnSpec(
        "valid_to",
        "Hiệu lực đến",
        aliases=("Ngày giải thể",),
        required=False,
        number_format="dd/mm/yyyy",
        help_vi="Để trống nếu đơn vị còn hoạt động.",
    ),
)

PERSON_COLUMNS = (
    ColumnSpec(
        "staff_code",
        "Mã cán bộ",
        aliases=("Mã CB", "Mã số cán bộ"),
        required=False,
        number_format="@",
        help_vi="Nên có: dùng để nhận diện khi nhập lại. Không có mã thì nhận diện theo họ tên và ngày sinh.",
    ),
    ColumnSpec(
        "full_name",
        "Họ và tên",
        aliases=("Họ tên",),
        required=False,
        help_vi="Hoặc dùng ba cột Họ, Tên đệm, Tên.",
    ),
    ColumnSpec("family_name", "Họ", required=False),
    ColumnSpec("middle_name", "Tên đệm", aliases=("Đệm",), required=False),
    ColumnSpec("given_name", "Tên", required=False),
    ColumnSpec("gender", "Giới tính", help_vi="Nam hoặc Nữ."),
    ColumnSpec(
        "date_of_birth",
        "Ngày sinh",
        required=False,
        number_format="dd/mm/yyyy",
        help_vi="Dạng dd/mm/yyyy; bắt buộc khi không có Mã cán bộ.",
    ),
    ColumnSpec(
        "unit_code", "Mã đơn vị", number_format="@", help_vi="Đơn vị công tác; phải đã có trong hệ thống."
    ),
    ColumnSpec("position", "Chức vụ", required=False, help_vi="Tên hoặc mã chức vụ; để trống nếu không có."),
    ColumnSpec(
        "since",
        "Từ ngày",
        aliases=("Ngày bắt đầu",),
        number_format="dd/mm/yyyy",
        help_vi="Ngày bắt đầu công tác tại đơn vị, dạng dd/mm/yyyy.",
    ),
)

COLUMNS = {UNITS: UNIT_COLUMNS, PEOPLE: PERSON_COLUMNS}
HEADER = {spec.key: spec.header_vi for spec in (*UNIT_COLUMNS, *PERSON_COLUMNS)}
PERSON_HEADER = {spec.key: spec.header_vi for spec in PERSON_COLUMNS}

EXAMPLES = {
    UNITS: [
        {
            "code": "HQ-HN",
            "name": "Cục Hải quan Hà Nội",
            "short_name": "HQHN",
            "kind": "Cục",
            "parent_code": "",
            "valid_from": date(2020, 1, 1),
        },
        {
            "code": "HQ-HN-NB",
            "name": "Chi cục Hải quan Nội Bài",
            "short_name": "",
            "kind": "Chi cục",
            "parent_code": "HQ-HN",
            "valid_from": date(2020, 1, 1),
        },
    ],
    PEOPLE: [
        {
            "staff_code": "CB-0001",
            "full_name": "Nguyễn Văn An",
            "gender": "Nam",
            "date_of_birth": date(1985, 4, 12),
            "unit_code": "HQ-HN-NB",
            "position": "",
            "since": date(2020, 1, 1),
        },
    ],
}


@dataclass
class ImportResult:
    """What an import did (or, with `dry_run`, would do)."""

    kind: str
    dry_run: bool
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    error: str = ""  # the file as a whole was refused (not a spreadsheet, missing columns…)

    @property
    def ok(self) -> bool:
        return not self.error and not self.issues

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run or a failed write."""


# Cell helpers -------------------------------------------------------------------------------------


def _text(value) -> str:
    """A cell as text: numbers without a trailing '.0' (codes typed as numbers), dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return format_date(value)
    return nfc(str(value))


class _Row:
    """One data row being checked: its parsed values and the issues found."""

    def __init__(self, source: TableRow, result: ImportResult, flagged: set[tuple[int | None, str | None]]):
        self.source = source
        self.number = source.number
        self.result = result
        # Cells the reader already refused (formulas, error values) are not checked again.
        self.bad: set[str | None] = {key for key in source if (self.number, HEADER.get(key)) in flagged}
        self.failed = bool(self.bad)

    def issue(self, key: str | None, message: str) -> None:
        self.failed = True
        self.bad.add(key)
        self.result.issues.append(ImportIssue(self.number, HEADER.get(key) if key else None, message))

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        if key in self.bad:
            return ""
        value = _text(self.source.get(key))
        if required and not value:
            self.issue(key, _("Thiếu giá trị bắt buộc."))
        elif max_length and len(value) > max_length:
            self.issue(key, _("Dài quá %(n)s ký tự.") % {"n": max_length})
        return value

    def date(self, key: str, *, required: bool = False) -> date | None:
        if key in self.bad:
            return None
        value = self.source.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.issue(key, _("Thiếu giá trị bắt buộc."))
            return None
        try:
            day = parse_date(value)
        except ValueError as exc:
            self.issue(key, str(exc))
            return None
        if not date(1900, 1, 1) <= day <= date(2100, 12, 31):
            self.issue(key, _("Ngày %(day)s nằm ngoài khoảng hợp lệ.") % {"day": format_date(day)})
            return None
        return day


def _d(day: date | None) -> str:
    return format_date(day) if day else ""


def _messages(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return _("Không ghi được dòng này (dữ liệu trùng hoặc xung đột với dữ liệu đã có).")


def _out_of_scope(code: str) -> str:
    # The same words whether the unit is missing or only hidden, so an import reveals nothing.
    return _("Mã đơn vị %(code)s không tồn tại hoặc nằm ngoài phạm vi bạn được quản lý.") % {"code": code}


def _code_key(code: str) -> str:
    """Codes match ignoring case ("a1" is the unit "A1")."""
    return code.upper()


def _units_by_code(codes) -> dict[str, Unit]:
    keys = {_code_key(c) for c in codes if c}
    found = Unit.objects.annotate(code_key=Upper("code")).filter(code_key__in=keys).select_related("parent")
    return {_code_key(u.code): u for u in found}


def _fresh(actor):
    """The actor as stored now: `permissions` caches a user's scope on the user object, which a long-lived
    object (a command-line session, the previous import's new units) would see out of date."""
    return get_user_model()._default_manager.get(pk=actor.pk)


def _read(
    fileobj, kind: str, result: ImportResult, max_bytes: int | None, max_rows: int | None
) -> Table | None:
    try:
        table = read_table(
            fileobj,
            COLUMNS[kind],
            max_bytes=max_bytes or settings.TDKT_IMPORT_MAX_BYTES,
            max_rows=max_rows or settings.TDKT_IMPORT_MAX_ROWS,
        )
    except SpreadsheetError as exc:
        result.error = exc.message
        return None
    except Exception:  # an unreadable upload must never become a server error
        logger.exception("import: unreadable spreadsheet")
        result.error = _("Tệp bảng tính bị hỏng hoặc không đúng định dạng .xlsx.")
        return None
    if not table.rows:
        result.error = _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
        return None
    result.total = len(table.rows)
    result.issues.extend(table.issues)
    return table


def _run(result: ImportResult, actor, apply) -> ImportResult:
    """Write through `apply(result)` in one transaction; undo it all on a dry run or on any issue."""
    result.issues.sort(key=lambda i: i.row or 0)  # stable: within a row, in column order
    if result.issues:
        return result
    try:
        with _actor(actor), transaction.atomic():
            apply(result)
            if result.issues or result.dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if result.issues:
        result.issues.sort(key=lambda i: i.row or 0)  # stable: within a row, in column order
        result.created = result.updated = result.unchanged = 0
    return result


@contextlib.contextmanager
def _actor(actor):
    """Name `actor` in the audit log entries of the import, keeping the request's address if there is one.

    The audit log's context does not restore what it replaced, so the request's context (set by the audit
    middleware) is put back afterwards for the rest of the request.
    """
    previous = auditlog_value.get(None)
    extra = {k: previous.get(k) for k in ("remote_addr", "remote_port")} if previous else {}
    try:
        with set_actor(actor, **extra):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


def _write(row: _Row, action) -> bool:
    """Run one row's writes in a savepoint; a refusal by the services becomes an issue of that row."""
    try:
        with transaction.atomic():
            action()
    except (ValidationError, IntegrityError) as exc:
        row.issue(None, _messages(exc))
        return False
    return True


# Units --------------------------------------------------------------------------------------------


def _kind_labels() -> list[str]:
    """The Vietnamese labels of the unit kinds, whatever the interface language (files are Vietnamese)."""
    with translation.override("vi"):
        return [str(label) for label in UnitKind.labels]


def _kind_lookup() -> dict[str, str]:
    """Folded label, part of a label ("Vụ", "Văn phòng") or code -> kind code."""
    lookup: dict[str, str] = {}
    for value in UnitKind.values:
        lookup[fold(value)] = value
        lookup[fold(value.replace("_", " "))] = value
    for labels in (_kind_labels(), [str(label) for label in UnitKind.labels]):
        for value, label in zip(UnitKind.values, labels, strict=True):
            lookup.setdefault(fold(label), value)
            for part in label.split(","):
                lookup.setdefault(fold(part), value)
    return lookup


class _UnitRow(_Row):
    existing: Unit | None = None
    parent: Unit | None = None
    parent_row: _UnitRow | None = None
    unit: Unit | None = None

    def parse(self, kinds: dict[str, str]) -> None:
        self.code = self.text("code", required=True, max_length=40)
        self.name = self.text("name", required=True, max_length=255)
        self.short_name = self.text("short_name", max_length=80)
        kind_text = self.text("kind", required=True)
        self.kind = kinds.get(fold(kind_text), "")
        if kind_text and not self.kind:
            self.issue(
                "kind",
                _("Loại đơn vị «%(kind)s» không có trong danh mục (%(choices)s).")
                % {"kind": kind_text, "choices": "; ".join(_kind_labels())},
            )
        self.parent_code = self.text("parent_code", max_length=40)
        self.valid_from = self.date("valid_from", required=True)
        self.valid_to = self.date("valid_to")
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            self.issue("valid_to", _("Ngày hiệu lực đến phải sau ngày hiệu lực từ."))


def import_units(
    fileobj, *, actor, dry_run: bool = False, max_bytes: int | None = None, max_rows: int | None = None
) -> ImportResult:
    """Import units from an .xlsx file (columns: see `UNIT_COLUMNS`)."""
    result = ImportResult(UNITS, dry_run)
    table = _read(fileobj, UNITS, result, max_bytes, max_rows)
    if table is None:
        return result
    kinds = _kind_lookup()
    flagged = {(i.row, i.column) for i in table.issues}
    rows = [_UnitRow(source, result, flagged) for source in table.rows]
    for row in rows:
        row.parse(kinds)
    _check_units(rows, _fresh(actor))
    return _run(result, actor, lambda res: _apply_units(rows, res, actor))


def _check_units(rows: list[_UnitRow], actor) -> None:
    by_code: dict[str, _UnitRow] = {}
    for row in rows:
        if not row.code:
            continue
        first = by_code.setdefault(_code_key(row.code), row)
        if first is not row:
            row.issue(
                "code",
                _("Mã đơn vị %(code)s trùng với dòng %(row)s.") % {"code": row.code, "row": first.number},
            )
    stored = _units_by_code({r.code for r in rows} | {r.parent_code for r in rows})
    editable: dict[int, bool] = {}

    def can_edit(unit: Unit) -> bool:
        if unit.pk not in editable:
            editable[unit.pk] = permissions.can_edit_unit(actor, unit)
        return editable[unit.pk]

    for row in rows:
        if not row.code:
            continue
        row.existing = stored.get(_code_key(row.code))
        parent_key = _code_key(row.parent_code)
        if row.existing is not None and not can_edit(row.existing):
            row.issue(
                "code",
                _("Mã đơn vị %(code)s đã được dùng cho một đơn vị nằm ngoài phạm vi bạn được quản lý.")
                % {"code": row.code},
            )
            continue
        if row.parent_code:
            if parent_key == _code_key(row.code):
                row.issue("parent_code", _("Đơn vị không thể là cấp trên của chính nó."))
            elif parent_key in by_code and row.existing is None:
                row.parent_row = by_code[parent_key]
            elif parent_key in stored and can_edit(stored[parent_key]):
                row.parent = stored[parent_key]
            elif parent_key in stored:
                row.issue("parent_code", _out_of_scope(row.parent_code))
            elif parent_key in by_code:  # an existing unit cannot be moved under a new one by import
                row.parent_row = by_code[parent_key]
            else:
                row.issue(
                    "parent_code",
                    _("Đơn vị cấp trên %(code)s không tồn tại và không có trong tệp.")
                    % {"code": row.parent_code},
                )
        elif row.existing is None and not permissions.is_admin(actor):
            row.issue(
                "parent_code",
                _("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất; hãy ghi Mã đơn vị cấp trên."),
            )
        if row.existing is not None:
            _compare_unit(row)
        else:
            _check_new_unit_dates(row)
    _check_cycles(rows)


def _compare_unit(row: _UnitRow) -> None:
    """An existing unit: name, short name and kind may be corrected; restructuring needs its own page."""
    unit = row.existing
    if (
        row.parent_row is not None
        or (row.parent_code and row.parent is not None and row.parent.pk != unit.parent_id)
        or (not row.parent_code and unit.parent_id is not None)
    ):
        current = unit.parent.code if unit.parent_id else _("(không có)")
        row.issue(
            "parent_code",
            _(
                "Đơn vị %(code)s hiện trực thuộc %(parent)s. Chuyển đơn vị cấp trên là một sự kiện "
                "tổ chức (có ngày và văn bản): hãy dùng chức năng Chuyển đơn vị, không nhập từ tệp."
            )
            % {"code": unit.code, "parent": current},
        )
    if row.valid_from and row.valid_from != unit.valid_from:
        row.issue(
            "valid_from",
            _("Đơn vị %(code)s đã có hiệu lực từ %(day)s; không sửa ngày này bằng nhập tệp.")
            % {"code": unit.code, "day": _d(unit.valid_from)},
        )
    if "valid_to" not in row.bad and row.valid_to != unit.valid_to:
        row.issue(
            "valid_to",
            _(
                "Đơn vị %(code)s có hiệu lực đến «%(day)s»; giải thể là một sự kiện tổ chức: hãy dùng "
                "chức năng Giải thể, không nhập từ tệp."
            )
            % {"code": unit.code, "day": _d(unit.valid_to)},
        )


def _check_new_unit_dates(row: _UnitRow) -> None:
    if not row.valid_from:
        return
    parent_from, parent_to, parent_code = None, None, row.parent_code
    if row.parent is not None:
        parent_from, parent_to = row.parent.valid_from, row.parent.valid_to
    elif row.parent_row is not None and row.parent_row.valid_from:
        parent_from, parent_to = row.parent_row.valid_from, row.parent_row.valid_to
    if parent_from is None:
        return
    inside = parent_from <= row.valid_from and (parent_to is None or row.valid_from < parent_to)
    if inside and parent_to is not None:
        inside = row.valid_to is not None and row.valid_to <= parent_to
    if not inside:
        row.issue(
            "valid_from",
            _(
                "Hiệu lực của đơn vị phải nằm trong hiệu lực của đơn vị cấp trên %(code)s "
                "(từ %(start)s%(end)s)."
            )
            % {
                "code": parent_code,
                "start": _d(parent_from),
                "end": _(" đến %(day)s") % {"day": _d(parent_to)} if parent_to else "",
            },
        )


def _check_cycles(rows: list[_UnitRow]) -> None:
    for row in rows:
        seen, current = {id(row)}, row.parent_row
        while current is not None:
            if id(current) in seen:
                row.issue("parent_code", _("Các đơn vị trong tệp là cấp trên của nhau theo vòng tròn."))
                break
            seen.add(id(current))
            current = current.parent_row


def _depth(row: _UnitRow) -> int:
    depth, current = 0, row.parent_row
    while current is not None:
        depth, current = depth + 1, current.parent_row
    return depth


def _apply_units(rows: list[_UnitRow], result: ImportResult, actor) -> None:
    new_rows = []
    for row in sorted(rows, key=_depth):  # parents before children
        if row.existing is not None:
            unit = row.unit = row.existing
            changed = (row.name, row.short_name, row.kind) != (unit.name, unit.short_name, unit.kind)
            if not changed:
                result.unchanged += 1
                continue

            def update(unit=unit, row=row):
                unit.kind = row.kind
                services.update_unit_details(
                    unit=unit, name=row.name, short_name=row.short_name, expected_version=None
                )

            if _write(row, update):
                result.updated += 1
            continue

        def create(row=row):
            parent = row.parent if row.parent_row is None else row.parent_row.unit
            row.unit = services.create_unit(
                code=row.code,
                name=row.name,
                short_name=row.short_name,
                kind=row.kind,
                parent=parent,
                valid_from=row.valid_from,
                actor=actor,
            )

        if _write(row, create):
            result.created += 1
            new_rows.append(row)
    # Units that ended long ago: children end before their parents.
    for row in sorted((r for r in new_rows if r.valid_to), key=_depth, reverse=True):
        _write(
            row,
            lambda row=row: services.dissolve_unit(
                unit=row.unit, on=row.valid_to, actor=actor, note=_("Nhập từ tệp Excel")
            ),
        )


# People -------------------------------------------------------------------------------------------


_GENDERS = {
    "nam": Gender.MALE,
    "nu": Gender.FEMALE,
    "m": Gender.MALE,
    "f": Gender.FEMALE,
    "male": Gender.MALE,
    "female": Gender.FEMALE,
}


class _PersonRow(_Row):
    existing: Person | None = None
    unit: Unit | None = None
    position: Position | None = None
    membership = None

    def parse(self, positions: dict[str, Position], has_parts: bool) -> None:
        self.staff_code = self.text("staff_code", max_length=30)
        self._parse_name(has_parts)
        gender_text = self.text("gender", required=True)
        self.gender = _GENDERS.get(fold(gender_text), "")
        if gender_text and not self.gender:
            self.issue(
                "gender", _("Giới tính «%(value)s» không hợp lệ; ghi Nam hoặc Nữ.") % {"value": gender_text}
            )
        self.date_of_birth = self.date("date_of_birth")
        if self.date_of_birth and self.date_of_birth > date.today():
            self.issue("date_of_birth", _("Ngày sinh ở tương lai."))
        if not self.staff_code and not self.date_of_birth and not {"staff_code", "date_of_birth"} & self.bad:
            self.issue("date_of_birth", _("Cần Mã cán bộ hoặc Ngày sinh để nhận diện cán bộ."))
        self.unit_code = self.text("unit_code", required=True, max_length=40)
        position_text = self.text("position")
        if position_text:
            self.position = positions.get(position_text.lower()) or positions.get(fold(position_text))
            if self.position is None:
                self.issue(
                    "position",
                    _("Chức vụ «%(value)s» không có trong danh mục chức vụ.") % {"value": position_text},
                )
        self.since = self.date("since", required=True)
        if self.since and self.date_of_birth and self.since <= self.date_of_birth:
            self.issue("since", _("Từ ngày phải sau ngày sinh."))

    def _parse_name(self, has_parts: bool) -> None:
        family = self.text("family_name")
        middle = self.text("middle_name")
        given = self.text("given_name")
        full = self.text("full_name")
        column = "full_name"
        if has_parts and (family or given or not full):
            column = "given_name" if family else "family_name"
        elif full:
            family, middle, given = split_full_name(full)
        if not family and not given:
            self.issue(column, _("Thiếu họ và tên."))
        elif not family or not given:
            self.issue(column, _("Họ và tên phải có cả họ và tên."))
        limits = (("family_name", family, 60), ("middle_name", middle, 80), ("given_name", given, 60))
        for key, value, limit in limits:
            if len(value) > limit:
                self.issue(
                    key if has_parts else "full_name",
                    _("%(part)s dài quá %(n)s ký tự.") % {"part": PERSON_HEADER[key], "n": limit},
                )
        self.family_name, self.middle_name, self.given_name = family, middle, given

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    def identity(self):
        if self.staff_code:
            return ("code", _code_key(self.staff_code))
        if self.full_name and self.date_of_birth:
            return ("name", fold(self.full_name), self.date_of_birth)
        return None


def _position_lookup() -> dict[str, Position]:
    lookup: dict[str, Position] = {}
    for position in Position.objects.all():
        lookup.setdefault(position.code.lower(), position)
        lookup.setdefault(fold(position.name), position)
    return lookup


def import_people(
    fileobj, *, actor, dry_run: bool = False, max_bytes: int | None = None, max_rows: int | None = None
) -> ImportResult:
    """Import people and their current unit from an .xlsx file (columns: see `PERSON_COLUMNS`)."""
    result = ImportResult(PEOPLE, dry_run)
    table = _read(fileobj, PEOPLE, result, max_bytes, max_rows)
    if table is None:
        return result
    present = set(table.columns)
    has_parts = {"family_name", "given_name"} <= present
    if "full_name" not in present and not has_parts:
        result.error = _("Thiếu cột «Họ và tên» (hoặc hai cột «Họ» và «Tên»).")
        result.total = 0
        result.issues.clear()
        return result
    positions = _position_lookup()
    flagged = {(i.row, i.column) for i in table.issues}
    rows = [_PersonRow(source, result, flagged) for source in table.rows]
    for row in rows:
        row.parse(positions, has_parts)
    _check_people(rows, _fresh(actor))
    return _run(result, actor, lambda res: _apply_people(rows, res))


def _check_people(rows: list[_PersonRow], actor) -> None:
    units = _units_by_code({r.unit_code for r in rows})
    editable: dict[int, bool] = {}
    for row in rows:
        if not row.unit_code:
            continue
        unit = units.get(_code_key(row.unit_code))
        if unit is None or not editable.setdefault(unit.pk, permissions.can_edit_unit(actor, unit)):
            row.issue("unit_code", _out_of_scope(row.unit_code))
            continue
        row.unit = unit
        if row.since and not unit.is_active_on(row.since):
            row.issue(
                "since",
                _("Đơn vị %(code)s chỉ có hiệu lực từ %(start)s%(end)s; Từ ngày %(day)s nằm ngoài khoảng đó.")
                % {
                    "code": unit.code,
                    "start": _d(unit.valid_from),
                    "day": _d(row.since),
                    "end": _(" đến %(day)s") % {"day": _d(unit.valid_to)} if unit.valid_to else "",
                },
            )
    _match_people(rows)
    seen: dict[object, _PersonRow] = {}
    for row in rows:
        keys = [row.identity()] if row.identity() else []
        if row.existing is not None:
            keys.append(("pk", row.existing.pk))
        for key in keys:
            first = seen.setdefault(key, row)
            if first is not row:
                column = "staff_code" if key[0] == "code" else "full_name"
                row.issue(column, _("Cán bộ này trùng với dòng %(row)s.") % {"row": first.number})
                break
    for row in rows:
        if row.failed or row.existing is None:
            continue
        if not permissions.can_edit_person(actor, row.existing):
            column = "staff_code" if row.staff_code else "full_name"
            row.issue(
                column,
                _("Cán bộ này đã có trong hệ thống và thuộc đơn vị nằm ngoài phạm vi bạn được quản lý."),
            )
            continue
        _plan_membership(row)


def _match_people(rows: list[_PersonRow]) -> None:
    """Find each row's stored person: by staff code; else by name and date of birth."""
    candidates = [r for r in rows if not r.failed]
    codes = {_code_key(r.staff_code) for r in candidates if r.staff_code}
    by_code = {
        _code_key(p.staff_code): p
        for p in Person.objects.annotate(code_key=Upper("staff_code")).filter(code_key__in=codes)
    }
    by_name: dict[tuple, list[Person]] = defaultdict(list)
    dobs = {r.date_of_birth for r in candidates if r.date_of_birth}
    for person in Person.objects.filter(date_of_birth__in=dobs):
        by_name[(fold(person.full_name), person.date_of_birth)].append(person)
    for row in candidates:
        if row.staff_code and _code_key(row.staff_code) in by_code:
            row.existing = by_code[_code_key(row.staff_code)]
            continue
        same = by_name.get((fold(row.full_name), row.date_of_birth), []) if row.date_of_birth else []
        if row.staff_code:  # a new code: it may name a person first imported without one
            same = [p for p in same if not p.staff_code]
        if len(same) > 1:
            row.issue(
                "staff_code" if row.staff_code else "full_name",
                _("Có %(n)s người cùng họ tên và ngày sinh trong hệ thống; hãy ghi Mã cán bộ để phân biệt.")
                % {"n": len(same)},
            )
        elif same:
            row.existing = same[0]


def _plan_membership(row: _PersonRow) -> None:
    """For a stored person: is this row's (unit, position, since) already there, new, or impossible?"""
    person = row.existing
    memberships = list(person.memberships.all())
    row.membership = next(
        (m for m in memberships if m.unit_id == row.unit.pk and m.valid_from == row.since), None
    )
    if row.membership is not None:
        return
    current = next((m for m in memberships if m.valid_to is None), None)
    if current is not None and row.since <= current.valid_from:
        row.issue(
            "since",
            _("Cán bộ đang công tác tại %(unit)s từ %(day)s; Từ ngày của đơn vị mới phải sau ngày đó.")
            % {"unit": current.unit.code, "day": _d(current.valid_from)},
        )


def _person_changes(row: _PersonRow) -> dict:
    """Fields the row changes; a blank staff code or date of birth keeps the stored value."""
    person = row.existing
    wanted = {
        "family_name": row.family_name,
        "middle_name": row.middle_name,
        "given_name": row.given_name,
        "gender": row.gender,
    }
    if row.date_of_birth:
        wanted["date_of_birth"] = row.date_of_birth
    changes = {k: v for k, v in wanted.items() if getattr(person, k) != v}
    if row.staff_code and _code_key(row.staff_code) != _code_key(person.staff_code or ""):
        changes["staff_code"] = row.staff_code
    return changes


def _apply_people(rows: list[_PersonRow], result: ImportResult) -> None:
    for row in rows:
        if row.existing is None:

            def create(row=row):
                services.create_person(
                    family_name=row.family_name,
                    middle_name=row.middle_name,
                    given_name=row.given_name,
                    gender=row.gender,
                    date_of_birth=row.date_of_birth,
                    staff_code=row.staff_code or None,
                    unit=row.unit,
                    position=row.position,
                    since=row.since,
                )

            if _write(row, create):
                result.created += 1
            continue
        changes = _person_changes(row)
        membership = row.membership
        new_position = (
            membership is not None and row.position is not None and membership.position_id != row.position.pk
        )
        if not changes and membership is not None and not new_position:
            result.unchanged += 1
            continue

        def update(row=row, changes=changes, membership=membership, new_position=new_position):
            if changes:
                services.update_person(person=row.existing, expected_version=None, **changes)
            if membership is None:
                services.add_membership(
                    person=row.existing, unit=row.unit, position=row.position, valid_from=row.since
                )
            elif new_position:
                membership.position = row.position
                membership.full_clean()
                membership.save()

        if _write(row, update):
            result.updated += 1


def run_import(kind: str, fileobj, *, actor, dry_run: bool = False) -> ImportResult:
    """`import_units` or `import_people` by name (`"units"` / `"people"`)."""
    if kind == UNITS:
        return import_units(fileobj, actor=actor, dry_run=dry_run)
    if kind == PEOPLE:
        return import_people(fileobj, actor=actor, dry_run=dry_run)
    raise ValueError(f"unknown import kind: {kind}")


__all__ = [
    "PEOPLE",
    "UNITS",
    "EXAMPLES",
    "COLUMNS",
    "ImportResult",
    "import_units",
    "import_people",
    "run_import",
]
