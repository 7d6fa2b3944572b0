"""The giao ước thi đua of a cluster for a year, as a Word document built with python-docx.

Layout after NĐ 30/2020 in broad strokes (Times New Roman 13–14 pt, the national motto, a centred title):
the members with their roles, the criteria with their maximum points, the pledge and a signature block with
one column per member.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tdkt.core.text import format_decimal
from tdkt.movements.models import ClusterMember, ScoringCriterion

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paragraph(doc, text: str, *, bold=False, italic=False, size=13, center=False):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), "Times New Roman"
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def pledge_docx(cluster, year: int) -> bytes:
    members = list(
        ClusterMember.objects.filter(cluster=cluster, year=year)
        .select_related("unit")
        .order_by("role", "unit__code")
    )
    order = {ClusterMember.Role.HEAD: 0, ClusterMember.Role.DEPUTY: 1, ClusterMember.Role.MEMBER: 2}
    members.sort(key=lambda m: (order[m.role], m.unit.code))
    criteria = list(ScoringCriterion.objects.filter(cluster=cluster, year=year).order_by("order", "id"))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    _paragraph(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    _paragraph(doc, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, center=True)
    _paragraph(doc, f"BẢN GIAO ƯỚC THI ĐUA NĂM {year}", bold=True, size=14, center=True)
    _paragraph(doc, cluster.name.upper(), bold=True, center=True)
    _paragraph(
        doc,
        f"Các đơn vị thành viên {cluster.get_kind_display().lower()} cùng ký giao ước thi đua năm {year}:",
    )
    for i, member in enumerate(members, start=1):
        _paragraph(doc, f"{i}. {member.unit.name} – {member.get_role_display()}")
    if criteria:
        _paragraph(doc, "Nội dung và thang điểm thi đua:", bold=True)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["STT", "Tiêu chí", "Điểm tối đa"], strict=True):
            cell.text = text
        for i, criterion in enumerate(criteria, start=1):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(i), criterion.name
            cells[2].text = format_decimal(
                criterion.max_points, 0 if criterion.max_points == int(criterion.max_points) else 2
            )
        total = sum(c.max_points for c in criteria)
        cells = table.add_row().cells
        cells[1].text, cells[2].text = "Tổng cộng", format_decimal(total, 0 if total == int(total) else 2)
    _paragraph(
        doc,
        "Các đơn vị cam kết thực hiện đầy đủ nội dung giao ước, tự chấm điểm và chấm chéo trung thực, "
        "bình xét đơn vị dẫn đầu công khai, dân chủ vào cuối năm.",
    )
    if members:
        signatures = doc.add_table(rows=2, cols=len(members))
        for cell, member in zip(signatures.rows[0].cells, members, strict=True):
            cell.text = f"TM. {member.unit.name.upper()}"
        for cell in signatures.rows[1].cells:
            cell.text = "(Ký, ghi rõ họ tên, đóng dấu)"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
