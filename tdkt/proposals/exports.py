"""Exports of a dossier (reads only): the candidate list as a spreadsheet, safe file names for packages."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from tdkt.core.xlsx import export_heading, write_table
from tdkt.proposals.models import Candidate, Proposal
from tdkt.rules.selectors import verdict_label


def candidates_xlsx(proposal: Proposal, candidates: Iterable[Candidate] | None = None, *, user=None) -> bytes:
    rows = []
    items = candidates if candidates is not None else proposal.candidates.select_related("person", "unit")
    for number, c in enumerate(items, start=1):
        report = c.report or {}
        verdict = (c.verdict or {}).get("verdict")
        rows.append(
            [
                number,
                c.person.full_name if c.person_id else c.unit.name,
                _("Cá nhân") if c.person_id else _("Tập thể"),
                c.person.date_of_birth if c.person_id else None,
                report.get("position", ""),
                report.get("unit_name", ""),
                str(verdict_label(verdict)) if verdict else "",
                c.get_result_display(),
                report.get("summary", ""),
            ]
        )
    headers = [
        _("STT"),
        _("Họ và tên / Tên tập thể"),
        _("Đối tượng"),
        _("Ngày sinh"),
        _("Chức vụ"),
        _("Đơn vị"),
        _("Kiểm tra điều kiện"),
        _("Kết quả xét"),
        _("Tóm tắt thành tích"),
    ]
    heading = export_heading(
        _("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"),
        [
            _("Hồ sơ: %(title)s") % {"title": proposal.title},
            _("Đơn vị đề nghị: %(unit)s") % {"unit": proposal.proposing_unit.name},
            _("Danh hiệu / hình thức: %(kind)s") % {"kind": proposal.award_kind.name},
            _("Năm thành tích: %(year)s") % {"year": proposal.year},
        ],
        user=user,
    )
    return write_table(headers, rows, _("Danh sách đề nghị"), heading=heading)


def safe_name(text: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)
    return keep.strip("-")[:80] or "tep"
