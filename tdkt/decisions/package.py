"""The dossier package for the higher level (e.g. the Central Emulation Board): Word and PDF, never JSON or HTML.

It lives here, not in `proposals`, because the Word documents are this app's (`documents.py`); the dossier
page links to it by URL name. Contents:

- `danh-sach-de-nghi.xlsx`: the candidate list;
- `to-trinh.docx`: the Tờ trình;
- `bao-cao-thanh-tich/NNN-name.docx` and `.pdf`: each achievement report, to edit and to read as printed;
- `tai-lieu/…`: the uploaded attachments as they were uploaded;
- `dien-bien-ho-so.xlsx`: the status history (who moved the dossier, when, why);
- `muc-luc.xlsx`: what the package holds.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import PurePath

from django.template.loader import render_to_string

from tdkt.core.xlsx import write_table
from tdkt.decisions import documents
from tdkt.decisions.certificates import FONT_DIR
from tdkt.proposals.exports import candidates_xlsx, safe_name
from tdkt.proposals.services import REPORT_FIELDS

logger = logging.getLogger(__name__)


def report_pdf(proposal, candidate, name: str) -> bytes:
    """The achievement report as a printed page (the same layout as the page's print view)."""

    fields = [(label, (candidate.report or {}).get(key, "")) for key, label in REPORT_FIELDS.items()]
    html = render_to_string(
        "proposals/report_print.html",
        {"proposal": proposal, "candidate": candidate, "name": name, "fields": fields},
    )
    # Imported here: WeasyPrint takes seconds to import and only downloads need it.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(FONT_DIR) + "/").write_pdf()


def central_package(proposal) -> bytes:

    candidates = list(
        proposal.candidates.exclude(result="withdrawn")
        .select_related("person", "unit")
        .order_by("order", "id")
    )
    contents: list[tuple[str, str]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(path: str, data: bytes, what: str) -> None:
            archive.writestr(path, data)
            contents.append((path, what))

        put("danh-sach-de-nghi.xlsx", candidates_xlsx(proposal, candidates), "Danh sách đề nghị khen thưởng")
        put("to-trinh.docx", documents.render_submission(proposal)[1], "Tờ trình đề nghị khen thưởng")
        for number, candidate in enumerate(candidates, start=1):
            name = candidate.person.full_name if candidate.person_id else candidate.unit.name
            base = f"bao-cao-thanh-tich/{number:03d}-{safe_name(name)}"
            put(f"{base}.docx", documents.render_report(candidate)[1], f"Báo cáo thành tích – {name} (Word)")
            put(f"{base}.pdf", report_pdf(proposal, candidate, name), f"Báo cáo thành tích – {name} (PDF)")
        for attachment in proposal.attachments.all().order_by("id"):
            try:
                with attachment.file.open("rb") as handle:
                    content = handle.read()
            except (FileNotFoundError, OSError):
                logger.warning("attachment %s missing from storage", attachment.pk)
                continue
            file_name = safe_name(PurePath(attachment.file.name).name)
            put(f"tai-lieu/{attachment.pk}-{file_name}", content, attachment.name)
        history = [
            [
                event.get_from_status_display() if event.from_status else "",
                event.get_to_status_display(),
                (event.actor.get_full_name() or event.actor.get_username()) if event.actor else "Hệ thống",
                event.at.strftime("%d/%m/%Y %H:%M"),
                event.reason,
            ]
            for event in proposal.events.select_related("actor")
        ]
        put(
            "dien-bien-ho-so.xlsx",
            write_table(
                ["Từ trạng thái", "Sang trạng thái", "Người thực hiện", "Lúc", "Lý do"], history, "Diễn biến"
            ),
            "Diễn biến hồ sơ",
        )
        archive.writestr(
            "muc-luc.xlsx",
            write_table(
                ["STT", "Tệp", "Nội dung"], [[i, p, w] for i, (p, w) in enumerate(contents, 1)], "Mục lục"
            ),
        )
    return buffer.getvalue()
