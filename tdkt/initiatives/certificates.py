"""Giấy chứng nhận sáng kiến as PDF: HTML + CSS rendered by WeasyPrint (A4 landscape), with the bundled
Liberation Serif fonts (full Vietnamese), as the award certificates of `tdkt.decisions.certificates`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import get_template

from tdkt.core.text import format_date, format_decimal
from tdkt.initiatives.models import Initiative, Kind

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
TEMPLATE = "initiatives/certificate.html"


def certificate_context(initiative: Initiative) -> dict:
    authors = [
        {"name": a.person.full_name, "share": format_decimal(a.share)}
        for a in initiative.authors.select_related("person").order_by("order", "id")
    ]
    day = initiative.decision_date
    return {
        "title": f"Giấy chứng nhận sáng kiến {initiative.certificate_number}",
        "heading": "GIẤY CHỨNG NHẬN SÁNG KIẾN"
        if initiative.kind == Kind.INITIATIVE
        else "GIẤY CHỨNG NHẬN ĐỀ TÀI",
        "unit": initiative.unit.name,
        "initiative": initiative.title,
        "field": initiative.get_field_display(),
        "scope": initiative.get_scope_display(),
        "authors": authors,
        "number": initiative.certificate_number,
        "decision": initiative.decision_number,
        "decision_date": format_date(day) if day else "",
        "date_line": f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}" if day else "",
        "signer": initiative.signer_name,
    }


def render_pdf(initiative: Initiative) -> bytes:
    if initiative.recognition_id is None:
        raise ValueError("Sáng kiến chưa được công nhận.")
    html = get_template(TEMPLATE).render(certificate_context(initiative))
    from weasyprint import HTML  # imported here: slow to import, only the download needs it
    from weasyprint.text.fonts import FontConfiguration

    return HTML(string=html, base_url=str(FONT_DIR) + "/").write_pdf(font_config=FontConfiguration())
