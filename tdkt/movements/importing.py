"""Import of target actuals from .xlsx: every row is checked first; nothing is written unless all pass.

Columns: Mã đơn vị, Mã cán bộ (for a person's target; may be left out), Năm, Mã chỉ tiêu, Kỳ, Kết quả,
Ghi chú. A row repeating what is stored changes nothing, so importing the same file twice is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from tdkt.core.text import parse_int
from tdkt.core.xlsx import ColumnSpec, ImportIssue, SpreadsheetError, read_table
from tdkt.movements import permissions, services
from tdkt.movements.models import Target

COLUMNS = [
    ColumnSpec("unit_code", "Mã đơn vị", help_vi="Mã đơn vị được giao chỉ tiêu"),
    ColumnSpec("staff_code", "Mã cán bộ", required=False, help_vi="Chỉ ghi với chỉ tiêu của cá nhân"),
    ColumnSpec("year", "Năm"),
    ColumnSpec("code", "Mã chỉ tiêu"),
    ColumnSpec("period", "Kỳ", aliases=("Tháng", "Quý"), help_vi="Tháng 1–12 hoặc quý 1–4"),
    ColumnSpec(
        "value", "Kết quả", aliases=("Kết quả thực hiện",), help_vi="Kết quả trong kỳ (không cộng dồn)"
    ),
    ColumnSpec("note", "Ghi chú", required=False),
]


@dataclass
class ImportResult:
    issues: list[ImportIssue] = field(default_factory=list)
    created: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.issues


def _targets_of(rows, actor) -> dict[tuple, Target]:
    """The targets the rows may name, in one query: (unit code, staff code or "", year, target code) → target."""
    codes = {str(r.get("code") or "").strip().upper() for r in rows}
    years = set()
    for r in rows:
        try:
            years.add(parse_int(r.get("year"), min_value=2000, max_value=2100))
        except ValueError:
            continue
    found = (
        permissions.visible_targets(actor)
        .filter(code__in=codes, year__in=years)
        .select_related("unit", "person")
    )
    return {(t.unit.code, t.person.staff_code if t.person else "", t.year, t.code): t for t in found}


def import_actuals(source, *, actor) -> ImportResult:
    result = ImportResult()
    try:
        table = read_table(source, COLUMNS)
    except SpreadsheetError as exc:
        result.issues.append(ImportIssue(None, None, exc.message))
        return result
    result.issues.extend(table.issues)
    targets = _targets_of(table.rows, actor)
    planned: list[tuple[Target, int, object, str, int]] = []
    seen: dict[tuple, int] = {}
    for row in table.rows:
        unit_code = str(row.get("unit_code") or "").strip()
        staff_code = str(row.get("staff_code") or "").strip()
        code = str(row.get("code") or "").strip().upper()
        try:
            year = parse_int(row.get("year"), min_value=2000, max_value=2100)
            period = parse_int(row.get("period"), min_value=1, max_value=12)
        except ValueError as exc:
            result.issues.append(ImportIssue(row.number, None, str(exc)))
            continue
        target = targets.get((unit_code, staff_code, year, code))
        if target is None:
            result.issues.append(
                ImportIssue(
                    row.number,
                    "Mã chỉ tiêu",
                    _("Không có chỉ tiêu %(code)s năm %(year)s của %(who)s trong phạm vi của bạn.")
                    % {"code": code, "year": year, "who": staff_code or unit_code},
                )
            )
            continue
        if not permissions.can_edit_target(actor, target):
            result.issues.append(
                ImportIssue(row.number, None, _("Bạn không có quyền nhập kết quả chỉ tiêu này."))
            )
            continue
        if period > target.periods_in_year:
            result.issues.append(
                ImportIssue(row.number, "Kỳ", _("Chỉ tiêu báo cáo theo quý: kỳ phải từ 1 đến 4."))
            )
            continue
        key = (target.pk, period)
        if key in seen:
            result.issues.append(
                ImportIssue(row.number, "Kỳ", _("Trùng với dòng %(row)s.") % {"row": seen[key]})
            )
            continue
        seen[key] = row.number
        try:
            value = services._decimal(row.get("value"), "value")
        except ValidationError as exc:
            result.issues.append(ImportIssue(row.number, "Kết quả", " ".join(exc.messages)))
            continue
        planned.append((target, period, value, str(row.get("note") or ""), row.number))
    if not table.rows and not result.issues:
        result.issues.append(ImportIssue(None, None, _("Tệp không có dòng dữ liệu nào.")))
    if result.issues:
        return result
    try:
        result.created, result.changed, result.unchanged = services.record_actuals(
            entries=[(target, period, value, note) for target, period, value, note, _number in planned],
            actor=actor,
        )
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        result.issues.append(ImportIssue(None, None, " ".join(messages)))
        result.created = result.changed = result.unchanged = 0
    return result
