"""The built-in Word templates, built with python-docx at run time (no binary file in the repository).

Each template follows NĐ 30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins 20/20/30/15 mm, Times New Roman,
quốc hiệu and tiêu ngữ at the top right, the issuer at the top left, page numbers centred in the top
margin from page 2 on. The texts that change carry docxtpl (Jinja) tags — `{{ number_label }}`,
`{%p for basis in legal_bases %}`, `{%tr for row in rows %}` … — so an administrator can download a
built-in template, edit it in Word keeping the tags, and upload it to replace the built-in one.

`template_bytes(kind)` returns the .docx; it is built once per process and kept in memory.
"""

from __future__ import annotations

import io
from functools import cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Page geometry (mm): A4 portrait, margins inside the ranges of NĐ 30/2020.
PAGE = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH = PAGE["width"] - PAGE["left"] - PAGE["right"]  # 165 mm
LEFT_COL, RIGHT_COL = 62, TEXT_WIDTH - 62  # the two columns of the heading and of the signature

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _set_run_font(run, *, size=None, bold=None, italic=None):
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic


def _bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _cell_width(cell, mm: float) -> None:
    cell.width = Mm(mm)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


class Builder:
    """A small layer over python-docx for the official layout."""

    def __init__(self, *, landscape: bool = False):
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = Mm(PAGE["width"])
        section.page_height = Mm(PAGE["height"])
        section.top_margin = Mm(PAGE["top"])
        section.bottom_margin = Mm(PAGE["bottom"])
        section.left_margin = Mm(PAGE["left"])
        section.right_margin = Mm(PAGE["right"])
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        for name in ("Normal", "Table Grid", "Header"):
            style = self.doc.styles[name]
            style.font.name = FONT
            style.font.size = Pt(13)
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.insert(0, fonts)
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), FONT)
            for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
                if fonts.get(qn(theme_attr)) is not None:
                    del fonts.attrib[qn(theme_attr)]
        normal = self.doc.styles["Normal"].paragraph_format
        normal.space_before = Pt(0)
        normal.space_after = Pt(0)
        normal.line_spacing = 1.0
        self._page_numbers(section)

    def _page_numbers(self, section) -> None:
        """Arabic page numbers centred in the top margin, not on the first page."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = CENTER
        run = paragraph.add_run()
        _set_run_font(run, size=13)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            elif text.strip() == "PAGE":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            else:
                t = OxmlElement("w:t")
                t.text = text
                run._r.append(t)
        first = section.first_page_header.paragraphs[0]
        _set_run_font(first.add_run(""), size=13)

    def para(
        self,
        parts,
        *,
        container=None,
        align=JUSTIFY,
        size: float = 13,
        bold: bool = False,
        italic: bool = False,
        before: float = 0,
        after: float = 0,
        first_indent: float | None = None,
        line: float | None = None,
        keep_next: bool = False,
    ):
        """Add a paragraph; `parts` is a string or a list of strings and (text, {"bold":…}) pairs."""
        target = container if container is not None else self.doc
        if container is not None and len(target.paragraphs) == 1 and not target.paragraphs[0].text:
            paragraph = (
                target.paragraphs[0] if not getattr(target, "_used", False) else target.add_paragraph()
            )
            target._used = True
        else:
            paragraph = target.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        if first_indent is not None:
            fmt.first_line_indent = Mm(first_indent)
        if line is not None:
            fmt.line_spacing = line
        if keep_next:
            fmt.keep_with_next = True
        if isinstance(parts, str):
            parts = [parts]
        for part in parts:
            text, style = (part, {}) if isinstance(part, str) else part
            run = paragraph.add_run(text)
            _set_run_font(
                run,
                size=style.get("size", size),
                bold=style.get("bold", bold),
                italic=style.get("italic", italic),
            )
        return paragraph

    def rule(self, *, container=None, width_mm: float, column_mm: float, after: float = 0):
        """A solid horizontal line `width_mm` long, centred in a column `column_mm` wide."""
        paragraph = self.para("", container=container, align=CENTER, size=2, after=after)
        side = max((column_mm - width_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        _bottom_border(paragraph)
        return paragraph

    def table(self, rows: int, widths: list[float], *, borders: bool):
        table = self.doc.add_table(rows=rows, cols=len(widths))
        if borders:
            table.style = self.doc.styles["Table Grid"]
        else:
            _no_borders(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)  # the grid, which LibreOffice and Word lay out from
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                _cell_width(cell, width)
        return table

    def heading(self, *, upper: str, issuer: str, number: str, date_line: str) -> None:
        """Issuer block (left) and quốc hiệu, tiêu ngữ (right); then number and date on one row."""
        table = self.table(2, [LEFT_COL, RIGHT_COL], borders=False)
        left, right = table.rows[0].cells
        self.para(upper, container=left, align=CENTER, size=13)
        self.para(issuer, container=left, align=CENTER, size=13, bold=True)
        self.rule(container=left, width_mm=24, column_mm=LEFT_COL)
        self.para(QUOC_HIEU, container=right, align=CENTER, size=12, bold=True)
        self.para(TIEU_NGU, container=right, align=CENTER, size=13, bold=True)
        self.rule(container=right, width_mm=62, column_mm=RIGHT_COL)
        left, right = table.rows[1].cells
        self.para(number, container=left, align=CENTER, size=13, before=6)
        self.para(date_line, container=right, align=CENTER, size=14, italic=True, before=6)
        self.para("", after=6)

    def signature(self, *, recipients: bool = True, left_title: str | None = None) -> None:
        """Nơi nhận (left) and the signature block (right)."""
        table = self.table(1, [LEFT_COL, RIGHT_COL], borders=False)
        left, right = table.rows[0].cells
        if recipients:
            self.para("Nơi nhận:", container=left, align=LEFT, size=12, bold=True, italic=True, before=6)
            self.para("{%p for r in recipients %}", container=left, align=LEFT, size=11)
            self.para("- {{ r }}{{ ';' if not loop.last else '.' }}", container=left, align=LEFT, size=11)
            self.para("{%p endfor %}", container=left, align=LEFT, size=11)
        elif left_title:
            self.para(left_title, container=left, align=CENTER, size=14, bold=True, before=6)
            for _ in range(4):
                self.para("", container=left, align=CENTER)
            self.para("{{ left_signer_name }}", container=left, align=CENTER, size=14, bold=True)
        self.para("{%p if authority_line %}", container=right, align=CENTER, size=14)
        self.para("{{ authority_line }}", container=right, align=CENTER, size=14, bold=True, before=6)
        self.para("{%p endif %}", container=right, align=CENTER, size=14)
        self.para("{{ title_line }}", container=right, align=CENTER, size=14, bold=True)
        for _ in range(4):
            self.para("", container=right, align=CENTER)
        self.para("{{ signer_name }}", container=right, align=CENTER, size=14, bold=True)

    def page_break(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def grid(
        self, headers: list[str], widths: list[float], cells: list[str], *, total: list[str] | None = None
    ):
        """A bordered table: header row, `{%tr for row in rows %}` row, data row, `{%tr endfor %}` row."""
        n_rows = 4 + (1 if total else 0)
        table = self.table(n_rows, widths, borders=True)
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self.para(text, container=cell, align=CENTER, size=12, bold=True)
        self.para("{%tr for row in rows %}", container=table.rows[1].cells[0], align=LEFT, size=12)
        for i, (cell, text) in enumerate(zip(table.rows[2].cells, cells, strict=True)):
            align = (
                CENTER if i == 0 else (RIGHT if text.endswith(("amount }}", "multiple_text }}")) else LEFT)
            )
            self.para(text, container=cell, align=align, size=12)
        self.para("{%tr endfor %}", container=table.rows[3].cells[0], align=LEFT, size=12)
        if total:
            for cell, text in zip(table.rows[4].cells, total, strict=True):
                align = RIGHT if text.startswith("{{") else CENTER
                self.para(text, container=cell, align=align, size=12, bold=True)
        # Header row repeats on every page of a long annex.
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)
        return table

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.core_properties.author = "TĐKT"
        self.doc.save(out)
        return out.getvalue()


DATE_LINE = "{{ date_line }}"  # or "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}"


def build_decision() -> bytes:
    """Quyết định khen thưởng kèm danh sách (phụ lục)."""
    b = Builder()
    b.heading(
        upper="{{ parent_name|upper }}",
        issuer="{{ issuer_name|upper }}",
        number="Số: {{ number_label }}",
        date_line=DATE_LINE,
    )
    b.para("QUYẾT ĐỊNH", align=CENTER, size=14, bold=True, before=6)
    b.para("{{ summary }}", align=CENTER, size=14, bold=True)
    b.rule(width_mm=40, column_mm=TEXT_WIDTH, after=6)
    b.para("{{ head_title }}", align=CENTER, size=14, bold=True, after=6)
    b.para("{%p for basis in legal_bases %}", size=14)
    b.para("{{ basis }}", size=14, italic=True, first_indent=12.7, after=6, line=1.1)
    b.para("{%p endfor %}", size=14)
    b.para("QUYẾT ĐỊNH:", align=CENTER, size=14, bold=True, before=6, after=6)
    b.para("{%p for article in articles %}", size=14)
    b.para(
        [("{{ article.label }} ", {"bold": True}), "{{ article.text }}"],
        size=14,
        first_indent=12.7,
        after=6,
        line=1.1,
    )
    b.para("{%p endfor %}", size=14)
    b.signature()
    # Annex: the list of persons and collectives.
    b.page_break()
    b.para("DANH SÁCH", align=CENTER, size=14, bold=True)
    b.para("{{ annex_title }}", align=CENTER, size=14, bold=True)
    b.para("{{ annex_reference }}", align=CENTER, size=13, italic=True)
    b.rule(width_mm=40, column_mm=TEXT_WIDTH, after=8)
    b.grid(
        ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức", "Hệ số", "Số tiền (đồng)"],
        [11, 43, 45, 26, 14, 26],
        [
            "{{ row.stt }}",
            "{{ row.name }}",
            "{{ row.detail }}",
            "{{ row.award }}",
            "{{ row.multiple_text }}",
            "{{ row.amount }}",
        ],
        total=["", "Tổng cộng: {{ lines_count }}", "", "", "", "{{ total_amount }}"],
    )
    return b.bytes()


def build_submission() -> bytes:
    """Tờ trình đề nghị khen thưởng (of a proposal)."""
    b = Builder()
    b.heading(
        upper="{{ parent_name|upper }}",
        issuer="{{ issuer_name|upper }}",
        number="Số:       /TTr-{{ symbol }}",
        date_line=DATE_LINE,
    )
    b.para("TỜ TRÌNH", align=CENTER, size=14, bold=True, before=6)
    b.para("{{ summary }}", align=CENTER, size=14, bold=True)
    b.rule(width_mm=40, column_mm=TEXT_WIDTH, after=6)
    b.para("Kính gửi: {{ receiver_name }}", align=CENTER, size=14, after=6)
    body = {"size": 14, "first_indent": 12.7, "after": 6, "line": 1.1}
    b.para("{{ intro }}", **body)
    b.para(
        "{{ issuer_name }} kính trình {{ receiver_name }} xem xét, đề nghị tặng {{ award_name }} "
        "cho {{ candidates_count_text }} có tên trong danh sách dưới đây:",
        **body,
    )
    b.grid(
        ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Kết quả kiểm tra"],
        [12, 55, 62, 36],
        ["{{ row.stt }}", "{{ row.name }}", "{{ row.detail }}", "{{ row.result }}"],
    )
    b.para("", after=6)
    b.para("(Kèm theo báo cáo thành tích và các tài liệu có liên quan.)", italic=True, **body)
    b.para("Kính trình {{ receiver_name }} xem xét, quyết định./.", **body)
    b.signature()
    return b.bytes()


def build_minutes() -> bytes:
    """Biên bản họp Hội đồng Thi đua – Khen thưởng (of a meeting)."""
    b = Builder()
    b.heading(
        upper="{{ parent_name|upper }}",
        issuer="{{ issuer_name|upper }}",
        number="Số:       /BB-HĐTĐKT",
        date_line=DATE_LINE,
    )
    b.para("BIÊN BẢN", align=CENTER, size=14, bold=True, before=6)
    b.para("{{ summary }}", align=CENTER, size=14, bold=True)
    b.rule(width_mm=40, column_mm=TEXT_WIDTH, after=6)
    body = {"size": 14, "first_indent": 12.7, "after": 6, "line": 1.1}
    b.para("Thời gian: {{ held_at }}.", **body)
    b.para("Địa điểm: {{ location }}.", **body)
    b.para("Chủ trì: {{ chair_name }}. Thư ký: {{ secretary_name }}.", **body)
    b.para(
        "Thành phần: {{ present_count }}/{{ members_count }} thành viên Hội đồng có mặt"
        "{{ absent_text }}; đủ điều kiện tiến hành cuộc họp theo quy chế ({{ quorum_text }}).",
        **body,
    )
    b.para("{%p for m in present %}", size=14)
    b.para("- {{ m.name }}, {{ m.role }};", size=14, first_indent=12.7)
    b.para("{%p endfor %}", size=14)
    b.para("Nội dung: {{ agenda }}", before=6, **{k: v for k, v in body.items()})
    b.para("Kết quả bỏ phiếu kín:", bold=True, **body)
    b.grid(
        ["STT", "Nội dung bỏ phiếu", "Đồng ý", "Không đồng ý", "Tỷ lệ đồng ý", "Kết quả"],
        [11, 62, 20, 22, 25, 25],
        [
            "{{ row.stt }}",
            "{{ row.subject }}",
            "{{ row.yes }}",
            "{{ row.no }}",
            "{{ row.ratio }}",
            "{{ row.result }}",
        ],
    )
    b.para("", after=6)
    b.para("{{ note }}", **body)
    b.para("Cuộc họp kết thúc vào hồi …… giờ …… cùng ngày./.", **body)
    b.signature(recipients=False, left_title="THƯ KÝ")
    return b.bytes()


def build_report() -> bytes:
    """Báo cáo thành tích đề nghị khen thưởng (of a candidate)."""
    b = Builder()
    b.heading(
        upper="{{ parent_name|upper }}",
        issuer="{{ issuer_name|upper }}",
        number="",
        date_line=DATE_LINE,
    )
    b.para("BÁO CÁO THÀNH TÍCH", align=CENTER, size=14, bold=True, before=6)
    b.para("{{ summary }}", align=CENTER, size=14, bold=True)
    b.rule(width_mm=40, column_mm=TEXT_WIDTH, after=6)
    body = {"size": 14, "first_indent": 12.7, "after": 6, "line": 1.1}
    b.para("I. SƠ LƯỢC LÝ LỊCH", bold=True, **body)
    b.para("{%p for f in profile %}", size=14)
    b.para("- {{ f.label }}: {{ f.value }}", **body)
    b.para("{%p endfor %}", size=14)
    b.para("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, **body)
    b.para("{{ achievements_summary }}", **body)
    b.para("{%p for item in achievements %}", size=14)
    b.para("- {{ item }}", **body)
    b.para("{%p endfor %}", size=14)
    b.para("{%p if initiatives %}", size=14)
    b.para("Sáng kiến, đề tài khoa học:", italic=True, **body)
    b.para("{%p endif %}", size=14)
    b.para("{%p for item in initiatives %}", size=14)
    b.para("- {{ item }}", **body)
    b.para("{%p endfor %}", size=14)
    b.para("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, **body)
    b.grid(
        ["STT", "Năm", "Danh hiệu / hình thức", "Số, ngày quyết định"],
        [12, 18, 75, 60],
        ["{{ row.stt }}", "{{ row.year }}", "{{ row.award }}", "{{ row.decision }}"],
    )
    b.para("", after=6)
    b.signature(recipients=False, left_title="THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN")
    return b.bytes()


BUILDERS = {
    "quyet_dinh": build_decision,
    "to_trinh": build_submission,
    "bien_ban": build_minutes,
    "bao_cao": build_report,
}


@cache
def template_bytes(kind: str) -> bytes:
    """The built-in template of `kind` (a `DocumentTemplate.Kind` value), built once per process."""
    try:
        builder = BUILDERS[kind]
    except KeyError:
        raise ValueError(f"Không có mẫu văn bản «{kind}».") from None
    return builder()
