"""Word documents: the data of each document, the template in force, rendering and template uploads.

Four kinds (`DocumentTemplate.Kind`): Tờ trình (a proposal), Biên bản (a council meeting), Quyết định
with its annex (a decision) and Báo cáo thành tích (a candidate). Each is a docxtpl template filled
with a plain dict; the built-in templates come from `docx_defaults`, and an administrator may replace
any of them with an uploaded .docx (`save_template`), which must open and render with sample data.

Number and date follow NĐ 30/2020: "Số: 05/QĐ-CHQ" (a leading zero below 10) and
"Hà Nội, ngày 05 tháng 01 năm 2026" (a leading zero for days below 10 and for months 1 and 2).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from tdkt.awards.models import Award
from tdkt.core.text import fold
from tdkt.councils.selectors import meeting_minutes_data
from tdkt.decisions import docx_defaults
from tdkt.decisions.models import Decision, DocumentTemplate
from tdkt.decisions.selectors import decision_document_data

logger = logging.getLogger(__name__)

Kind = DocumentTemplate.Kind
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
BLANK = "\u2026\u2026"  # "……" where a value is not known yet


# ---------------------------------------------------------------------------
# Small formatting helpers
# ---------------------------------------------------------------------------


def date_parts(day: date | None) -> dict:
    """Day, month and year as written on a document (NĐ 30/2020): 05, 01, 2026 but 15, 3, 2026."""
    if day is None:
        return {"day": BLANK, "month": BLANK, "year": str(timezone.localdate().year)}
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return {"day": f"{day.day:02d}", "month": month, "year": str(day.year)}


def date_line(place: str, day: date | None) -> str:
    p = date_parts(day)
    return f"{place}, ngày {p['day']} tháng {p['month']} năm {p['year']}"


def count_text(persons: int, units: int) -> str:
    parts = []
    if persons:
        parts.append(f"{persons:02d} cá nhân")
    if units:
        parts.append(f"{units:02d} tập thể")
    return " và ".join(parts) or "00 cá nhân"


def file_name(*parts) -> str:
    """An ASCII file name: ("Quyết định", "05/QĐ-CHQ") -> "quyet-dinh-05-qd-chq"."""
    text = "-".join(fold(str(p)) for p in parts if p)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "van-ban"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _as_list(value) -> list[str]:
    """A report field that may be a string (one item a line), a list of strings or a list of dicts."""
    if not value:
        return []
    if isinstance(value, str):
        return _lines(value)
    if isinstance(value, dict):
        value = [value]
    items = []
    for item in value:
        if isinstance(item, dict):
            items.append(", ".join(str(v) for v in item.values() if v not in (None, "")))
        elif item not in (None, ""):
            items.append(str(item))
    return items


def _person_detail(person, on: date | None = None) -> str:
    """ "Chức vụ, đơn vị" of a person's current (or dated) membership."""
    memberships = person.memberships.select_related("unit", "position").order_by("-valid_from")
    on = on or timezone.localdate()
    for m in memberships:
        if m.valid_from <= on and (m.valid_to is None or m.valid_to >= on):
            return ", ".join(x for x in (m.position.name if m.position else "", m.unit.name) if x)
    m = memberships.first()
    return m.unit.name if m else ""


def _merge(own: dict, extra: dict | None) -> dict:
    """Add the keys of a service's document data that the built-in template does not define."""
    for key, value in (extra or {}).items():
        own.setdefault(key, value)
    return own


def _service_data(module: str, func: str, obj) -> dict | None:
    """Call another app's `…_document_data(obj)` when it exists; its extra keys reach the template."""
    try:
        mod = __import__(module, fromlist=[func])
    except ImportError:
        return None
    fn = getattr(mod, func, None)
    if fn is None:
        return None
    try:
        data = fn(obj)
    except Exception:  # a helper of another app must not stop the document
        logger.exception("%s.%s failed", module, func)
        return None
    return data if isinstance(data, dict) else None


# ---------------------------------------------------------------------------
# Data of each document
# ---------------------------------------------------------------------------


def decision_context(decision: Decision) -> dict:
    """The Quyết định and its annex: `selectors.decision_document_data`, flattened for the template.

    The nested data stays available too (`issuer`, `signer`, `annex`, …) for edited templates.
    """

    data = decision_document_data(decision)
    issuer = decision.issuer
    annex = data["annex"]
    rows = annex["rows"]
    persons = sum(1 for row in rows if row.get("is_person"))
    kinds = list(dict.fromkeys(row["award"] for row in rows))
    award_name = ", ".join(kinds) or BLANK
    signer = data["signer"]
    sign = signer["lines"]
    ctx = {
        **data,
        "parent_name": issuer.parent_name,
        "issuer_name": issuer.name,
        "symbol": issuer.symbol,
        "number_label": decision.number_label or f"       /QĐ-{issuer.symbol}",
        "place": issuer.place,
        **date_parts(decision.signed_on),
        "date_line": data["place_date"],
        "date_short": decision.signed_on.strftime("%d/%m/%Y") if decision.signed_on else BLANK,
        "head_title": data["authority_heading"],
        "award_name": award_name,
        "annex_title": f"CÁ NHÂN, TẬP THỂ ĐƯỢC TẶNG {award_name.upper()}",
        "annex_reference": annex["reference"],
        "lines_count": len(rows),
        "persons_count": persons,
        "units_count": len(rows) - persons,
        "rows": rows,
        "total_amount": annex["total"],
        "signer_name": signer["name"],
        "authority_line": sign[0] if len(sign) > 1 else "",
        "title_line": sign[-1] if sign else "",
        "recipients": data["recipients"] or ["Như Điều 3", "Lưu: VT, TĐKT"],
    }
    return ctx


def proposal_context(proposal) -> dict:
    unit = proposal.proposing_unit
    candidates = list(
        proposal.candidates.exclude(result="withdrawn")
        .select_related("person", "unit")
        .order_by("order", "id")
    )
    rows = []
    for i, c in enumerate(candidates, start=1):
        if c.person_id:
            name, detail = c.person.full_name, (c.report or {}).get("position") or _person_detail(c.person)
        else:
            name, detail = c.unit.name, (c.unit.parent.name if c.unit.parent_id else "")
        rows.append({"stt": i, "name": name, "detail": detail, "result": c.get_result_display()})
    persons = sum(1 for c in candidates if c.person_id)
    award = proposal.award_kind.name
    today = timezone.localdate()
    ctx = {
        "parent_name": unit.parent.name if unit.parent_id else "",
        "issuer_name": unit.name,
        "symbol": unit.short_name or unit.code,
        "place": "Hà Nội",
        **date_parts(today),
        "date_line": date_line("Hà Nội", today),
        "summary": f"Về việc đề nghị tặng {award} năm {proposal.year}",
        "receiver_name": proposal.receiving_unit.name,
        "award_name": award,
        "year": str(today.year),
        "achievement_year": proposal.year,
        "movement": proposal.movement,
        "intro": (
            "Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành; căn cứ thành tích "
            f"đạt được năm {proposal.year}"
            + (f" trong phong trào thi đua «{proposal.movement}»" if proposal.movement else "")
            + f", {unit.name} đã tổ chức bình xét theo quy định."
        ),
        "candidates_count_text": count_text(persons, len(candidates) - persons),
        "rows": rows,
        "signer_name": "",
        "authority_line": "",
        "title_line": "THỦ TRƯỞNG ĐƠN VỊ",
        "recipients": ["Như trên", f"Lưu: VT, {unit.short_name or unit.code}"],
    }
    return _merge(ctx, _service_data("tdkt.proposals.services", "submission_document_data", proposal))


def _ballot_row(i: int, ballot: dict) -> dict:
    counted = ballot.get("yes") is not None
    base = ballot.get("base_count") or 0
    ratio = f"{ballot['yes'] * 100 / base:.2f}".replace(".", ",") + " %" if counted and base else ""
    result = ("Đạt" if ballot.get("passed") else "Không đạt") if counted else "Chưa kiểm phiếu"
    return {
        **ballot,
        "stt": i,
        "yes": ballot["yes"] if counted else "",
        "no": ballot["no"] if counted else "",
        "abstain": ballot["abstain"] if counted else "",
        "ratio": ratio,
        "result": result,
    }


def meeting_context(meeting) -> dict:
    """The Biên bản: `councils.selectors.meeting_minutes_data`, flattened for the template."""

    data = meeting_minutes_data(meeting)
    unit = meeting.council.unit
    held = data["meeting"]["held_at"]
    on = data["meeting"]["date"]
    p = date_parts(on)
    quorum = data["quorum"]
    present = [m for m in data["attendance"] if m["present"]]
    absent = [m for m in data["attendance"] if not m["present"]]
    return {
        **data,
        "parent_name": unit.name,
        "issuer_name": data["council"]["name"],
        "place": "Hà Nội",
        **p,
        "date_line": date_line("Hà Nội", on),
        "summary": data["meeting"]["title"],
        "council_name": data["council"]["name"],
        "held_at": f"{held:%H} giờ {held:%M}, ngày {p['day']} tháng {p['month']} năm {p['year']}",
        "location": data["meeting"]["location"] or BLANK,
        "agenda": data["agenda"] or data["meeting"]["title"],
        "chair_name": data["chair"] or BLANK,
        "secretary_name": data["secretary"] or BLANK,
        "members_count": quorum["members"],
        "present_count": quorum["present"],
        "absent_text": f", vắng {len(absent)} ({', '.join(m['name'] for m in absent)})" if absent else "",
        "quorum_text": f"tối thiểu {quorum['ratio_text']} số thành viên, cần {quorum['required']}",
        "present": [{"name": m["name"], "role": m["role_label"]} for m in present],
        "rows": [_ballot_row(i, b) for i, b in enumerate(data["ballots"], start=1)],
        "note": data["note"],
        "signer_name": data["chair"],
        "left_signer_name": data["secretary"],
        "authority_line": "",
        "title_line": "CHỦ TỊCH HỘI ĐỒNG",
    }


def candidate_context(candidate) -> dict:

    proposal = candidate.proposal
    report = candidate.report or {}
    unit = proposal.proposing_unit
    award = proposal.award_kind.name
    if candidate.person_id:
        person = candidate.person
        subject = person.full_name
        profile = [
            ("Họ và tên", person.full_name),
            ("Ngày sinh", person.date_of_birth.strftime("%d/%m/%Y") if person.date_of_birth else ""),
            ("Giới tính", person.get_gender_display()),
            ("Chức vụ, đơn vị công tác", report.get("position") or _person_detail(person)),
        ]
        awards = Award.objects.filter(person=person)
    else:
        subject = candidate.unit.name
        profile = [("Tên tập thể", candidate.unit.name)]
        if candidate.unit.parent_id:
            profile.append(("Đơn vị cấp trên", candidate.unit.parent.name))
        awards = Award.objects.filter(unit=candidate.unit)
    for key, label in (
        ("education", "Trình độ chuyên môn"),
        ("political", "Trình độ lý luận chính trị"),
        ("joined", "Ngày vào ngành"),
        ("members", "Số thành viên"),
    ):
        if report.get(key):
            profile.append((label, str(report[key])))
    rows = [
        {
            "stt": i,
            "year": a.year,
            "award": a.kind.name,
            "decision": ", ".join(
                x
                for x in (a.decision_number, a.decision_date.strftime("%d/%m/%Y") if a.decision_date else "")
                if x
            ),
        }
        for i, a in enumerate(
            awards.filter(revoked=False).select_related("kind").order_by("year", "id"), start=1
        )
    ]
    today = timezone.localdate()
    ctx = {
        "parent_name": unit.parent.name if unit.parent_id else "",
        "issuer_name": unit.name,
        "place": "Hà Nội",
        **date_parts(today),
        "date_line": date_line("Hà Nội", today),
        "summary": f"Đề nghị tặng {award} năm {proposal.year}",
        "subject_name": subject,
        "award_name": award,
        "achievement_year": proposal.year,
        "profile": [{"label": label, "value": value or BLANK} for label, value in profile],
        "achievements_summary": report.get("summary") or report.get("tom_tat") or "",
        "achievements": _as_list(report.get("achievements") or report.get("thanh_tich")),
        "initiatives": _as_list(report.get("initiatives") or report.get("sang_kien")),
        "rows": rows,
        "report": report,
        "signer_name": subject if candidate.person_id else "",
        "left_signer_name": "",
        "authority_line": "",
        "title_line": "NGƯỜI BÁO CÁO" if candidate.person_id else "THỦ TRƯỞNG ĐƠN VỊ",
    }
    return _merge(ctx, _service_data("tdkt.proposals.services", "report_document_data", candidate))


# ---------------------------------------------------------------------------
# Templates in force, rendering, uploads
# ---------------------------------------------------------------------------


def uploaded_template(kind: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(kind=kind).first()


def template_source(kind: str) -> bytes:
    """The .docx in force: the uploaded replacement if any, else the built-in one."""
    uploaded = uploaded_template(kind)
    if uploaded is not None:
        try:
            with uploaded.file.open("rb") as f:
                return f.read()
        except OSError:
            logger.exception("Mẫu %s tải lên không đọc được; dùng mẫu mặc định", kind)
    return docx_defaults.template_bytes(kind)


def _env() -> SandboxedEnvironment:
    """A sandbox: uploaded templates cannot reach Python internals."""
    return SandboxedEnvironment()


def render_bytes(source: bytes, context: dict) -> bytes:
    tpl = DocxTemplate(io.BytesIO(source))
    tpl.render(context, jinja_env=_env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render(kind: str, context: dict) -> bytes:
    return render_bytes(template_source(kind), context)


def render_decision(decision: Decision) -> tuple[str, bytes]:
    label = decision.number_label or f"du-thao-{decision.pk}"
    name = file_name("quyet-dinh", label, decision.year or "")
    return f"{name}.docx", render(Kind.DECISION, decision_context(decision))


def render_submission(proposal) -> tuple[str, bytes]:
    return f"{file_name('to-trinh', proposal.pk, proposal.year)}.docx", render(
        Kind.SUBMISSION, proposal_context(proposal)
    )


def render_minutes(meeting) -> tuple[str, bytes]:
    on = timezone.localtime(meeting.held_at).date()
    return f"{file_name('bien-ban', meeting.pk, on.isoformat())}.docx", render(
        Kind.MINUTES, meeting_context(meeting)
    )


def render_report(candidate) -> tuple[str, bytes]:
    return f"{file_name('bao-cao-thanh-tich', str(candidate))}.docx", render(
        Kind.REPORT, candidate_context(candidate)
    )


def sample_context(kind: str) -> dict:
    """Plausible data for every tag of the built-in templates (used to check an upload)."""
    common = {
        "parent_name": "Bộ Tài chính",
        "issuer_name": "Cục Hải quan",
        "symbol": "CHQ",
        "place": "Hà Nội",
        **date_parts(date(2026, 1, 5)),
        "date_line": "Hà Nội, ngày 05 tháng 01 năm 2026",
        "date_short": "05/01/2026",
        "summary": "Về việc tặng Bằng khen",
        "award_name": "Bằng khen của Cục trưởng",
        "signer_name": "Nguyễn Văn A",
        "left_signer_name": "Trần Thị B",
        "authority_line": "KT. CỤC TRƯỞNG",
        "title_line": "PHÓ CỤC TRƯỞNG",
        "recipients": ["Như Điều 3", "Lưu: VT, TĐKT"],
        "achievement_year": 2025,
        "year": "2026",
    }
    if kind == Kind.DECISION:
        return {
            **common,
            "number_label": "05/QĐ-CHQ",
            "head_title": "CỤC TRƯỞNG CỤC HẢI QUAN",
            "head_title_sentence": "Cục trưởng Cục Hải quan",
            "legal_bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
            "annex_title": "CÁ NHÂN, TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN",
            "lines_count": 1,
            "persons_count": 1,
            "units_count": 0,
            "articles": [
                {"label": "Điều 1.", "text": "Tặng Bằng khen …"},
                {"label": "Điều 2.", "text": "Quyết định này có hiệu lực kể từ ngày ký."},
            ],
            "annex_reference": "(Kèm theo Quyết định số 05/QĐ-CHQ ngày 05/01/2026 của Cục trưởng Cục Hải quan)",
            "rows": [
                {
                    "stt": 1,
                    "name": "Nguyễn Văn An",
                    "detail": "Đội trưởng",
                    "award": "Bằng khen",
                    "year": 2025,
                    "multiple": "1",
                    "amount": "1.800.000",
                }
            ],
            "total_amount": "1.800.000",
        }
    if kind == Kind.SUBMISSION:
        return {
            **common,
            "receiver_name": "Cục Hải quan",
            "intro": "Căn cứ …",
            "movement": "",
            "candidates_count_text": "01 cá nhân",
            "rows": [{"stt": 1, "name": "Nguyễn Văn An", "detail": "Đội trưởng", "result": "Đạt"}],
        }
    if kind == Kind.MINUTES:
        return {
            **common,
            "council_name": "Hội đồng Thi đua – Khen thưởng",
            "held_at": "08 giờ 30, ngày 05 tháng 01 năm 2026",
            "location": "Phòng họp số 1",
            "agenda": "Xét khen thưởng năm 2025",
            "chair_name": "Nguyễn Văn A",
            "secretary_name": "Trần Thị B",
            "members_count": 9,
            "present_count": 8,
            "absent_text": ", vắng 1",
            "quorum_text": "tối thiểu 67 % số thành viên",
            "present": [{"name": "Nguyễn Văn A", "role": "Chủ tịch"}],
            "rows": [
                {
                    "stt": 1,
                    "subject": "Nguyễn Văn An",
                    "yes": 8,
                    "no": 0,
                    "abstain": 0,
                    "ratio": "88,89 %",
                    "result": "Đạt",
                }
            ],
            "note": "",
        }
    if kind == Kind.REPORT:
        return {
            **common,
            "subject_name": "Nguyễn Văn An",
            "profile": [{"label": "Họ và tên", "value": "Nguyễn Văn An"}],
            "achievements_summary": "Hoàn thành xuất sắc nhiệm vụ.",
            "achievements": ["Thu ngân sách vượt chỉ tiêu"],
            "initiatives": ["Sáng kiến A"],
            "rows": [
                {"stt": 1, "year": 2024, "award": "Lao động tiên tiến", "decision": "12/QĐ-CHQ, 05/01/2025"}
            ],
            "report": {},
        }
    raise ValueError(kind)


def check_template(kind: str, data: bytes) -> None:
    """Raise ValidationError (Vietnamese) unless `data` is a .docx that docxtpl renders with sample data."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError("Tệp mẫu quá lớn (tối đa 5 MB).")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(
            "Tệp không phải là văn bản Word (.docx). Hãy lưu mẫu dưới dạng .docx rồi tải lên lại."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ValidationError("Tệp nén này không phải là văn bản Word (.docx).")
    except zipfile.BadZipFile:
        raise ValidationError("Tệp .docx bị hỏng, không mở được.") from None
    try:
        rendered = render_bytes(data, sample_context(kind))
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (dòng {line} của nội dung mẫu)" if line else ""
        raise ValidationError(
            f"Mẫu có thẻ không hợp lệ{where}: {exc.message or exc}. "
            "Hãy kiểm tra các thẻ {{ … }} và {% … %} (mở, đóng đủ cặp, không bị ngắt định dạng giữa chừng)."
        ) from None
    except Exception as exc:  # docxtpl/lxml raise many kinds of errors on a broken file
        raise ValidationError(f"Không tạo được văn bản từ mẫu này: {exc}") from None
    try:
        Document(io.BytesIO(rendered))
    except Exception:
        raise ValidationError("Văn bản tạo từ mẫu này không mở được bằng Word.") from None


@transaction.atomic
def save_template(kind: str, uploaded, user) -> DocumentTemplate:
    """Check and store an uploaded template, replacing the previous upload of the same kind."""
    name = getattr(uploaded, "name", "") or ""
    if not name.lower().endswith(".docx"):
        raise ValidationError("Chỉ nhận tệp Word có đuôi .docx.")
    data = uploaded.read()
    check_template(kind, data)
    template = DocumentTemplate.objects.select_for_update().filter(kind=kind).first()
    old_name = template.file.name if template else None
    template = template or DocumentTemplate(kind=kind)
    template.uploaded_by = user
    template.file.save(f"{kind}.docx", ContentFile(data), save=False)
    template.save()
    if old_name and old_name != template.file.name:
        storage = template.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return template


@transaction.atomic
def reset_template(kind: str) -> bool:
    """Remove the uploaded replacement: the built-in template is used again."""
    template = DocumentTemplate.objects.select_for_update().filter(kind=kind).first()
    if template is None:
        return False
    storage, name = template.file.storage, template.file.name
    template.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    return True
