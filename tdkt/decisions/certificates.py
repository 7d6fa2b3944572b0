"""Certificates (Bằng khen, Giấy khen) as PDF: HTML + CSS rendered by WeasyPrint, A4 landscape.

The fonts are the Liberation Serif 2 files bundled in static/fonts (SIL OFL, full Vietnamese), loaded
with @font-face, so the PDF looks the same on every machine and never falls back to DejaVu.

`render_pdf(decision)` prints one page per decision line into one PDF. Large batches are rendered in
chunks (one WeasyPrint document each) whose pages are then written as one file; `progress(done)` is
called after each chunk so a background job can report how far it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template

from tdkt.decisions.documents import date_line
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.decisions.selectors import achievement_phrase, award_type_of, decision_document_data

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
FONT_FILES = [
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
]
CHUNK = 50
TEMPLATE = "decisions/certificate.html"


def layout_of(award_name: str) -> tuple[str, str]:
    """(css layout, title printed big) for an award name."""
    lowered = award_name.lower()
    if "bằng khen" in lowered:
        return "bang_khen", "BẰNG KHEN"
    if "giấy khen" in lowered:
        return "giay_khen", "GIẤY KHEN"
    return "other", award_name.upper()


def decision_fields(decision: Decision) -> dict:
    """What every certificate of the decision shares: issuer, number, date and signature."""

    issuer = decision.issuer
    sign = decision_document_data(decision)["signer"]["lines"]  # the same block as on the Quyết định
    return {
        "title": f"Bằng khen – {decision.number_label or decision.summary}",
        "granter": f"{issuer.head_title} {issuer.name}",
        "number_label": decision.number_label or "……",
        "date_short": decision.signed_on.strftime("%d/%m/%Y") if decision.signed_on else "……",
        "date_line": date_line(issuer.place, decision.signed_on),
        "signer_name": decision.signer_name,
        "authority_line": sign[0] if len(sign) > 1 else "",
        "title_line": sign[-1] if sign else "",
    }


def certificate_item(
    line: DecisionLine, serial: int, year: int | None, decision: Decision | None = None
) -> dict:
    layout, title = layout_of(line.award_kind.name)
    salutation = ""
    if line.person_id is not None and line.person is not None:
        salutation = {"nam": "Ông", "nu": "Bà"}.get(line.person.gender, "")
    report = (line.candidate.report or {}) if line.candidate_id and line.candidate else {}
    achievement = report.get("certificate_text")
    if not achievement:  # worded after the award's kind: an ad hoc award is not "nhiệm vụ năm …"
        decision = decision or line.decision
        movement = decision.proposal.movement if decision.proposal_id and decision.proposal else ""
        phrase = achievement_phrase(award_type_of(decision, line), str(line.achievement_year), movement)
        achievement = phrase[:1].upper() + phrase[1:]
    return {
        "layout": layout,
        "title": title,
        "salutation": salutation,
        "name": line.subject_name,
        "detail": line.subject_detail,
        "achievement": achievement,
        "serial": f"{year or ''}-{serial:04d}".lstrip("-"),
    }


def lines_of(decision: Decision):
    return decision.lines.select_related("award_kind", "person", "candidate").order_by("order", "id")


def render_document(shared: dict, items: list[dict]):
    """One WeasyPrint document (not yet written) for some certificates."""
    html = get_template(TEMPLATE).render({**shared, "certificates": items})
    # Imported here: WeasyPrint takes seconds to import and only the print job needs it.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(FONT_DIR) + "/").render(font_config=fonts)


def render_pdf(
    decision: Decision,
    lines: Iterable[DecisionLine] | None = None,
    *,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF of the certificates of `lines` (default: all lines of the decision), one page each."""
    shared = decision_fields(decision)
    lines = list(lines_of(decision) if lines is None else lines)
    if not lines:
        raise ValueError("Quyết định chưa có danh sách khen thưởng.")
    documents = []
    done = 0
    for start in range(0, len(lines), chunk):
        part = lines[start : start + chunk]
        items = [
            certificate_item(line, start + i + 1, decision.year, decision) for i, line in enumerate(part)
        ]
        documents.append(render_document(shared, items))
        done += len(part)
        if progress is not None:
            progress(done)
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
