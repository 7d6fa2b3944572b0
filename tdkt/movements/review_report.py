"""The báo cáo sơ kết / tổng kết of a movement as a Word document (issue 17, item 2).

For a review (`MovementReview`: a movement and a period) the report gathers, over the participating units and
the units under them: the registrations (units registered, titles registered), the titles and awards
conferred in the period (the award history), the initiatives and research recognised, the targets' attainment,
the exemplary models recognised, and the awards given at the review itself. Two charts are drawn as PNG
images with Pillow (attainment per unit; awards per title or form).

The layout follows NĐ 30/2020/NĐ-CP (A4, margins 20/20/30/15 mm, Times New Roman, the issuer at the top left,
quốc hiệu and tiêu ngữ at the top right, number and symbol, place and date, the title, the body, nơi nhận and
the signature). The built-in template is made with python-docx at run time and carries docxtpl (Jinja) tags;
an administrator may download it, edit it in Word keeping the tags, and upload it in its place
(`save_template`): an upload must open and render with sample data, and `reset_template` goes back.

`sections(review)` yields the steps of the background job (`tasks.generate_review_report`), so the progress
page can count them; `render(review)` does everything at once.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError
from PIL import Image, ImageDraw, ImageFont

from tdkt.awards.models import Award, Recognition
from tdkt.core.text import format_date, format_decimal
from tdkt.exemplars.models import Exemplar
from tdkt.exemplars.models import Status as ExemplarStatus
from tdkt.movements.models import MovementReview, RegisteredTitle, Registration, ReviewTemplate, Target
from tdkt.org.models import Membership
from tdkt.org.selectors import scope_ids

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
CHART_WIDTH_MM = 150

# The steps of the background job, in order: (key, label shown on the progress page).
STEPS = [
    ("registrations", "Đăng ký thi đua"),
    ("awards", "Danh hiệu thi đua, hình thức khen thưởng"),
    ("initiatives", "Sáng kiến, đề tài"),
    ("targets", "Kết quả thực hiện chỉ tiêu"),
    ("exemplars", "Điển hình tiên tiến"),
    ("document", "Lập văn bản"),
]


# --- data ------------------------------------------------------------------------------------------------------


def _unit_ids(movement) -> set[int]:
    roots = list(movement.participants.values_list("unit_id", flat=True)) or [movement.launching_unit_id]
    return scope_ids(roots)


def _years(review) -> list[int]:
    return list(range(review.period_from.year, review.period_to.year + 1))


def _in_period(review, date_field: str, year_field: str) -> Q:
    """Dated in the period, or (undated) of a year the period touches."""
    return Q(**{f"{date_field}__range": (review.period_from, review.period_to)}) | Q(
        **{f"{date_field}__isnull": True, f"{year_field}__in": _years(review)}
    )


def registrations(review, unit_ids) -> dict:
    regs = Registration.objects.filter(movement=review.movement, year__in=_years(review), status="submitted")
    participants = review.movement.participants.count()
    registered_units = regs.values("unit_id").distinct().count()
    titles = Counter()
    for name, person_id in RegisteredTitle.objects.filter(registration__in=regs).values_list(
        "kind__name", "person_id"
    ):
        titles[(name, "Cá nhân" if person_id else "Tập thể")] += 1
    rows = [{"title": n, "subject": s, "count": c} for (n, s), c in sorted(titles.items())]
    return {
        "participants": participants,
        "registered_units": registered_units,
        "registered_people": RegisteredTitle.objects.filter(registration__in=regs, person__isnull=False)
        .values("person_id")
        .distinct()
        .count(),
        "rows": rows,
    }


def awards(review, unit_ids) -> dict:
    people = Membership.objects.filter(unit_id__in=unit_ids, valid_from__lte=review.period_to).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=review.period_from)
    )
    qs = Award.objects.filter(revoked=False).filter(_in_period(review, "decision_date", "year"))
    qs = qs.filter(Q(unit_id__in=unit_ids) | Q(person_id__in=people.values("person_id")))
    counts = Counter()
    for name, category, person_id in qs.values_list("kind__name", "kind__category", "person_id"):
        counts[(category, name, bool(person_id))] += 1
    by_kind: dict[tuple[str, str], dict] = {}
    for (category, name, individual), n in counts.items():
        row = by_kind.setdefault(
            (category, name), {"name": name, "category": category, "people": 0, "units": 0}
        )
        row["people" if individual else "units"] += n
    rows = sorted(by_kind.values(), key=lambda r: (r["category"] != "title", r["name"]))
    for row in rows:
        row["total"] = row["people"] + row["units"]
        row["category_label"] = "Danh hiệu thi đua" if row["category"] == "title" else "Hình thức khen thưởng"
    return {"rows": rows, "total": sum(r["total"] for r in rows)}


def initiatives(review, unit_ids) -> dict:
    qs = Recognition.objects.filter(revoked=False, unit_id__in=unit_ids).filter(
        _in_period(review, "decision_date", "year")
    )
    counts = Counter(qs.values_list("kind", "scope"))
    labels_kind = dict(Recognition.Kind.choices)
    labels_scope = dict(Recognition.Scope.choices)
    rows = [
        {"kind": str(labels_kind[k]), "scope": str(labels_scope[s]), "count": n}
        for (k, s), n in sorted(counts.items())
    ]
    return {
        "rows": rows,
        "initiatives": sum(n for (k, _s), n in counts.items() if k == Recognition.Kind.INITIATIVE),
        "research": sum(n for (k, _s), n in counts.items() if k == Recognition.Kind.RESEARCH),
        "titles": list(qs.order_by("title").values_list("title", flat=True)[:50]),
    }


def _number(value) -> str:
    """1000 → "1.000"; 6452.7 → "6.452,7"; 0 → "0" (no trailing decimal zeros)."""
    text = format_decimal(value, 3)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text or "0"


def targets(review, unit_ids) -> dict:
    qs = (
        Target.objects.filter(person__isnull=True, year__in=_years(review))
        .filter(Q(movement=review.movement) | Q(movement__isnull=True, unit_id__in=unit_ids))
        .select_related("unit")
        .order_by("code", "-attainment", "unit__code")
    )
    rows = []
    for t in qs[:200]:
        rows.append(
            {
                "unit": t.unit.name,
                "name": t.name,
                "year": t.year,
                "planned": _number(t.planned),
                "actual": _number(t.actual_total) if t.actual_total is not None else "",
                "unit_label": t.unit_label,
                "attainment": f"{format_decimal(t.attainment, 2)} %" if t.attainment is not None else "",
                "value": float(t.attainment) if t.attainment is not None else None,
            }
        )
    reached = sum(1 for r in rows if r["value"] is not None and r["value"] >= 100)
    return {"rows": rows, "reached": reached, "count": len(rows)}


def exemplars(review, unit_ids) -> dict:
    qs = (
        Exemplar.objects.filter(
            unit_id__in=unit_ids, status__in=[ExemplarStatus.RECOGNISED, ExemplarStatus.REPLICATED]
        )
        .filter(Q(recognised_on__lte=review.period_to) | Q(recognised_on__isnull=True))
        .select_related("unit")
        .order_by("name")
    )
    rows = [
        {
            "name": e.name,
            "unit": e.unit.name,
            "status": e.get_status_display(),
            "recognised_on": format_date(e.recognised_on) if e.recognised_on else "",
            "new": bool(e.recognised_on and review.period_from <= e.recognised_on <= review.period_to),
        }
        for e in qs[:100]
    ]
    return {"rows": rows, "new": sum(1 for r in rows if r["new"])}


COLLECTORS = {
    "registrations": registrations,
    "awards": awards,
    "initiatives": initiatives,
    "targets": targets,
    "exemplars": exemplars,
}


# --- charts ----------------------------------------------------------------------------------------------------


@cache
def _font(size: int):
    path = Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:  # pragma: no cover - the font ships with the project
        return ImageFont.load_default()


def bar_chart(
    title: str, bars: list[tuple[str, float]], *, suffix: str = "", reference: float | None = None
) -> bytes:
    """A horizontal bar chart as PNG: one bar per (label, value), the value written at its end; an optional
    reference line (100 % for attainment)."""
    bars = bars[:15]
    width, row, top, left, right = 1400, 54, 90, 520, 160
    height = top + row * max(len(bars), 1) + 40
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), title, fill="black", font=_font(34))
    peak = max([v for _l, v in bars] + [reference or 0, 1])
    scale = (width - left - right) / peak
    for i, (label, value) in enumerate(bars):
        y = top + i * row
        text = label if len(label) <= 34 else label[:33] + "…"
        draw.text((20, y + 10), text, fill="black", font=_font(26))
        draw.rectangle([left, y + 8, left + max(2, value * scale), y + row - 8], fill="#1f5fa8")
        shown = format_decimal(value, 2 if suffix else 0) + suffix
        draw.text((left + value * scale + 10, y + 10), shown, fill="black", font=_font(26))
    if reference:
        x = left + reference * scale
        draw.line([x, top - 10, x, height - 30], fill="#c0392b", width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def charts(data: dict) -> dict[str, bytes | None]:
    attained = [
        (f"{r['unit']} – {r['name']}", r["value"]) for r in data["targets"]["rows"] if r["value"] is not None
    ]
    attained.sort(key=lambda b: -b[1])
    given = [(r["name"], float(r["total"])) for r in data["awards"]["rows"]]
    given.sort(key=lambda b: -b[1])
    return {
        "chart_targets": bar_chart("Tỷ lệ hoàn thành chỉ tiêu (%)", attained, suffix=" %", reference=100)
        if attained
        else None,
        "chart_awards": bar_chart("Số lượt khen thưởng theo danh hiệu, hình thức", given) if given else None,
    }


# --- the document ----------------------------------------------------------------------------------------------


def context(review, data: dict) -> dict:
    movement = review.movement
    unit = movement.launching_unit
    parent = unit.parent
    kind = review.get_kind_display()
    return {
        "parent_name": (parent.name if parent else "").upper(),
        "issuer_name": unit.name.upper(),
        "place": getattr(settings, "TDKT_DOCUMENT_PLACE", "") or "Hà Nội",
        "date_line": _date_line(review.held_on),
        "document": review.document or "……",
        "kind": kind,
        "kind_upper": kind.upper(),
        "movement_name": movement.name,
        "slogan": movement.slogan,
        "period": f"{format_date(review.period_from)} – {format_date(review.period_to)}",
        "registrations": data["registrations"],
        "awards": data["awards"],
        "initiatives": data["initiatives"],
        "targets": data["targets"],
        "exemplars": data["exemplars"],
        "awards_given": review.awards_list(),
        "note": review.note,
    }


def _date_line(day: date) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def sample_context() -> dict:
    """Plausible values for every tag of the built-in template (to check an uploaded one)."""
    table = {"rows": [], "total": 0}
    return {
        "parent_name": "TỔNG CỤC HẢI QUAN",
        "issuer_name": "CỤC HẢI QUAN TỈNH A",
        "place": "Hà Nội",
        "date_line": "ngày 05 tháng 01 năm 2026",
        "document": "05/BC-HQA",
        "kind": "Sơ kết",
        "kind_upper": "SƠ KẾT",
        "movement_name": "Phong trào thi đua",
        "slogan": "Đoàn kết – Kỷ cương – Sáng tạo – Hiệu quả",
        "period": "01/01/2026 – 30/06/2026",
        "registrations": {"participants": 1, "registered_units": 1, "registered_people": 1, "rows": []},
        "awards": table,
        "initiatives": {"rows": [], "initiatives": 0, "research": 0, "titles": []},
        "targets": {"rows": [], "reached": 0, "count": 0},
        "exemplars": {"rows": [], "new": 0},
        "awards_given": [],
        "note": "",
        "chart_targets": "",
        "chart_awards": "",
    }


class _Builder:
    """python-docx helpers for the built-in template (fonts, paragraphs, tag rows of tables)."""

    def __init__(self):
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(14)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    def para(
        self, text="", *, container=None, bold=False, italic=False, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    ):
        target = container if container is not None else self.doc
        paragraph = (
            target.add_paragraph() if container is None or not _empty(container) else container.paragraphs[0]
        )
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(3)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
        return paragraph

    def heading(self, text: str):
        self.para(text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)

    def table(self, headers: list[str], cells: list[str], loop: str):
        """Header row, then `{%tr for … %}`, the data row, `{%tr endfor %}` (docxtpl repeats the data row)."""
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self.para(text, container=cell, bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.para(f"{{%tr for r in {loop} %}}", container=table.rows[1].cells[0], size=12)
        for cell, text in zip(table.rows[2].cells, cells, strict=True):
            self.para(text, container=cell, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        self.para("{%tr endfor %}", container=table.rows[3].cells[0], size=12)
        return table


def _empty(container) -> bool:
    return len(container.paragraphs) == 1 and not container.paragraphs[0].text


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


@cache
def builtin_template() -> bytes:
    b = _Builder()
    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    head = b.doc.add_table(rows=1, cols=2)
    _no_borders(head)
    issuer, motto = head.rows[0].cells
    b.para("{{ parent_name }}", container=issuer, size=13, align=center)
    b.para("{{ issuer_name }}", container=issuer, bold=True, size=13, align=center)
    b.para("Số: {{ document }}", container=issuer, size=13, align=center)
    b.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", container=motto, bold=True, size=13, align=center)
    b.para("Độc lập - Tự do - Hạnh phúc", container=motto, bold=True, size=14, align=center)
    b.para("{{ place }}, {{ date_line }}", container=motto, italic=True, size=14, align=center)
    b.para("BÁO CÁO", bold=True, align=center)
    b.para("{{ kind_upper }} PHONG TRÀO THI ĐUA", bold=True, align=center)
    b.para("“{{ movement_name }}”", bold=True, align=center)
    b.para("(Kỳ {{ period }})", italic=True, align=center)
    b.para("{%p if slogan %}", align=center)
    b.para("Khẩu hiệu: {{ slogan }}", italic=True, align=center)
    b.para("{%p endif %}", align=center)

    b.heading("I. KẾT QUẢ ĐĂNG KÝ THI ĐUA")
    b.para(
        "{{ registrations.registered_units }}/{{ registrations.participants }} đơn vị tham gia đã đăng ký thi đua, "
        "với {{ registrations.registered_people }} cá nhân đăng ký danh hiệu."
    )
    b.table(
        ["Danh hiệu đăng ký", "Đối tượng", "Số lượng"],
        ["{{ r.title }}", "{{ r.subject }}", "{{ r.count }}"],
        "registrations.rows",
    )

    b.heading("II. DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG")
    b.para("Trong kỳ, các tập thể, cá nhân tham gia phong trào được khen thưởng {{ awards.total }} lượt:")
    b.table(
        ["Danh hiệu, hình thức", "Loại", "Cá nhân", "Tập thể"],
        ["{{ r.name }}", "{{ r.category_label }}", "{{ r.people }}", "{{ r.units }}"],
        "awards.rows",
    )
    b.para("{{ chart_awards }}", align=center)

    b.heading("III. SÁNG KIẾN, ĐỀ TÀI")
    b.para(
        "{{ initiatives.initiatives }} sáng kiến và {{ initiatives.research }} đề tài, đề án, công trình khoa học "
        "được công nhận trong kỳ."
    )
    b.table(
        ["Loại", "Phạm vi ảnh hưởng", "Số lượng"],
        ["{{ r.kind }}", "{{ r.scope }}", "{{ r.count }}"],
        "initiatives.rows",
    )

    b.heading("IV. KẾT QUẢ THỰC HIỆN CHỈ TIÊU")
    b.para("{{ targets.reached }}/{{ targets.count }} chỉ tiêu của các đơn vị đạt hoặc vượt kế hoạch.")
    b.table(
        ["Đơn vị", "Chỉ tiêu", "Năm", "Kế hoạch", "Thực hiện", "Tỷ lệ"],
        [
            "{{ r.unit }}",
            "{{ r.name }}",
            "{{ r.year }}",
            "{{ r.planned }} {{ r.unit_label }}",
            "{{ r.actual }}",
            "{{ r.attainment }}",
        ],
        "targets.rows",
    )
    b.para("{{ chart_targets }}", align=center)

    b.heading("V. ĐIỂN HÌNH TIÊN TIẾN")
    b.para(
        "{{ exemplars.rows|length }} mô hình, điển hình tiên tiến, trong đó {{ exemplars.new }} được công nhận trong kỳ."
    )
    b.table(
        ["Mô hình, điển hình", "Đơn vị", "Trạng thái", "Ngày công nhận"],
        ["{{ r.name }}", "{{ r.unit }}", "{{ r.status }}", "{{ r.recognised_on }}"],
        "exemplars.rows",
    )

    b.heading("VI. KHEN THƯỞNG TẠI HỘI NGHỊ {{ kind_upper }}")
    b.para("{%p for a in awards_given %}")
    b.para("- {{ a }}")
    b.para("{%p endfor %}")
    b.para("{%p if note %}")
    b.para("{{ note }}")
    b.para("{%p endif %}")

    sign = b.doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    recipients, signer = sign.rows[0].cells
    b.para("Nơi nhận:", container=recipients, bold=True, italic=True, size=12, align=left)
    b.para("- Các đơn vị tham gia phong trào;", container=recipients, size=11, align=left)
    b.para("- Lưu: VT, TĐKT.", container=recipients, size=11, align=left)
    b.para("THỦ TRƯỞNG ĐƠN VỊ", container=signer, bold=True, align=center)
    b.para("(Ký, ghi rõ họ tên, đóng dấu)", container=signer, italic=True, size=13, align=center)
    out = io.BytesIO()
    b.doc.save(out)
    return out.getvalue()


def template_source() -> bytes:
    uploaded = ReviewTemplate.objects.order_by("-created_at").first()
    if uploaded is not None and uploaded.file:
        with uploaded.file.open("rb") as handle:
            return handle.read()
    return builtin_template()


def render_bytes(source: bytes, values: dict, images: dict[str, bytes | None]) -> bytes:
    tpl = DocxTemplate(io.BytesIO(source))
    full = dict(values)
    for key, png in images.items():
        full[key] = InlineImage(tpl, io.BytesIO(png), width=Mm(CHART_WIDTH_MM)) if png else ""
    tpl.render(full, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def collect(review, progress=None) -> dict:
    unit_ids = _unit_ids(review.movement)
    data = {}
    for step, (key, _label) in enumerate(STEPS[:-1], start=1):
        data[key] = COLLECTORS[key](review, unit_ids)
        if progress:
            progress(step)
    return data


def render(review: MovementReview, progress=None) -> bytes:
    data = collect(review, progress)
    document = render_bytes(template_source(), context(review, data), charts(data))
    if progress:
        progress(len(STEPS))
    return document


def file_name(review: MovementReview) -> str:
    kind = "so-ket" if review.kind == MovementReview.Kind.MIDTERM else "tong-ket"
    return f"bao-cao-{kind}-phong-trao-{review.movement_id}-{review.period_to:%Y%m%d}.docx"


# --- replacing the template ------------------------------------------------------------------------------------


def check_template(data: bytes) -> None:
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError("Tệp mẫu quá lớn (tối đa 5 MB).")
    try:
        render_bytes(data, sample_context(), {"chart_targets": None, "chart_awards": None})
    except (TemplateError, ValueError, KeyError) as exc:
        raise ValidationError(f"Mẫu không dùng được: {exc}") from exc
    except Exception as exc:  # not a Word file at all (zip, XML errors)
        raise ValidationError("Tệp không phải văn bản Word (.docx) hợp lệ.") from exc


@transaction.atomic
def save_template(uploaded, user) -> ReviewTemplate:
    """Check an uploaded .docx (it must render with sample data) and use it instead of the built-in one."""
    name = getattr(uploaded, "name", "") or ""
    if not name.lower().endswith(".docx"):
        raise ValidationError("Chỉ nhận tệp Word có đuôi .docx.")
    data = uploaded.read()
    check_template(data)
    old = list(ReviewTemplate.objects.select_for_update())
    template = ReviewTemplate(uploaded_by=user)
    template.file.save("bao-cao-so-ket-tong-ket.docx", ContentFile(data), save=False)
    template.save()
    for row in old:
        storage, file_name_ = row.file.storage, row.file.name
        row.delete()
        transaction.on_commit(lambda s=storage, n=file_name_: s.delete(n))
    return template


@transaction.atomic
def reset_template() -> bool:
    rows = list(ReviewTemplate.objects.select_for_update())
    for row in rows:
        storage, name = row.file.storage, row.file.name
        row.delete()
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    return bool(rows)
