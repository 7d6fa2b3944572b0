"""Word documents: NĐ 30/2020 layout of the Quyết định (and its annex), the other three documents, the
replaceable templates, and the download pages (works / wrong method / outsider 404)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from tdkt.decisions import documents, docx_defaults
from tdkt.decisions.models import DocumentTemplate
from tdkt.decisions.tests import doc_factories as f

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"


def all_paragraphs(doc):
    """Body paragraphs and the paragraphs of every table cell, in order."""
    out = []
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            out.extend(p for p in doc.paragraphs if p._p is child)
        elif child.tag == qn("w:tbl"):
            table = next(t for t in doc.tables if t._tbl is child)
            seen = set()
            for row in table.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend(cell.paragraphs)
    return out


def following(doc, paragraph):
    """The paragraph after `paragraph` (in the same cell or body)."""
    items = all_paragraphs(doc)
    index = next(i for i, p in enumerate(items) if p._p is paragraph._p)
    return items[index + 1]


def find(doc, text, *, exact=True):
    for p in all_paragraphs(doc):
        if (p.text == text) if exact else (text in p.text):
            return p
    raise AssertionError(f"{text!r} not found in {[p.text for p in all_paragraphs(doc)]}")


def runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def sizes(paragraph):
    return {r.font.size.pt for r in runs(paragraph)}


def has_bottom_border(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:pBdr")) is not None


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def decision(org, person_a):
    return f.decision(org, persons=[person_a], units=2)


@pytest.fixture
def decision_doc(decision):
    name, data = documents.render_decision(decision)
    assert name == "quyet-dinh-05-qd-chq-2026.docx"
    return open_docx(data)


# --- formats ------------------------------------------------------------------------------------------------------


def test_date_parts_follow_decree_30():
    assert documents.date_line("Hà Nội", date(2026, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2026"
    assert documents.date_line("Hà Nội", date(2026, 2, 28)) == "Hà Nội, ngày 28 tháng 02 năm 2026"
    # From March on the month has no leading zero (NĐ 30/2020: only days below 10 and months 1, 2).
    assert documents.date_line("Hà Nội", date(2026, 3, 9)) == "Hà Nội, ngày 09 tháng 3 năm 2026"
    assert documents.date_line("Hà Nội", date(2026, 12, 15)) == "Hà Nội, ngày 15 tháng 12 năm 2026"


# --- the Quyết định -------------------------------------------------------------------------------------------------


def test_decision_page_a4_and_margins(decision_doc):
    for section in decision_doc.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        assert 20 <= round(section.top_margin.mm) <= 25
        assert 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20


def test_decision_font_is_times_new_roman_everywhere(decision_doc):
    assert decision_doc.styles["Normal"].font.name == FONT
    texts = [r for p in all_paragraphs(decision_doc) for r in runs(p)]
    assert texts
    assert {r.font.name for r in texts} == {FONT}
    assert all(8 <= r.font.size.pt <= 14 for r in texts)


def test_decision_heading(decision_doc):
    qh = find(decision_doc, QUOC_HIEU)
    assert qh.text.isupper()
    assert all(r.font.bold for r in runs(qh))
    assert all(12 <= s <= 13 for s in sizes(qh))
    tn = find(decision_doc, TIEU_NGU)
    assert all(r.font.bold for r in runs(tn))
    assert all(13 <= s <= 14 for s in sizes(tn))
    assert has_bottom_border(following(decision_doc, tn)), "a solid line under the tiêu ngữ"
    # Issuer block: superior body in capitals, issuing body in bold capitals with a line under.
    upper = find(decision_doc, "BỘ TÀI CHÍNH")
    assert not any(r.font.bold for r in runs(upper))
    issuer = find(decision_doc, "CỤC HẢI QUAN")
    assert all(r.font.bold for r in runs(issuer))
    assert has_bottom_border(following(decision_doc, issuer))
    number = find(decision_doc, "Số: 05/QĐ-CHQ")
    assert sizes(number) == {13}
    when = find(decision_doc, "Hà Nội, ngày 05 tháng 01 năm 2026")
    assert all(r.font.italic for r in runs(when))
    assert all(13 <= s <= 14 for s in sizes(when))


def test_decision_body(decision_doc):
    title = find(decision_doc, "QUYẾT ĐỊNH")
    assert all(r.font.bold for r in runs(title))
    summary = find(decision_doc, "Về việc tặng Bằng khen", exact=False)
    assert all(r.font.bold for r in runs(summary))
    basis = find(decision_doc, "Căn cứ Luật Thi đua, khen thưởng", exact=False)
    assert all(r.font.italic for r in runs(basis))
    article = find(decision_doc, "Điều 1.", exact=False)
    assert article.runs[0].text.startswith("Điều 1.") and article.runs[0].font.bold
    assert not article.runs[-1].font.bold
    assert "01 cá nhân" in article.text or "1 cá nhân" in article.text
    find(decision_doc, "5.400.000", exact=False)  # total cash in Điều 2
    # Signature block.
    assert all(r.font.bold for r in runs(find(decision_doc, "KT. CỤC TRƯỞNG")))
    assert all(r.font.bold for r in runs(find(decision_doc, "PHÓ CỤC TRƯỞNG")))
    assert all(r.font.bold for r in runs(find(decision_doc, "Nguyễn Văn Cẩn")))
    where = find(decision_doc, "Nơi nhận:")
    assert all(r.font.bold and r.font.italic for r in runs(where))
    assert sizes(where) == {12}
    item = find(decision_doc, "- Như Điều 3;", exact=False)
    assert sizes(item) == {11}


def test_decision_page_numbers_top_centre_not_on_first_page(decision_doc):
    section = decision_doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centred
    instr = "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert "PAGE" in instr
    assert not section.first_page_header.paragraphs[0].text.strip()


def test_decision_annex_table(decision_doc, decision):
    annex = next(t for t in decision_doc.tables if t.rows[0].cells[0].text == "STT")
    rows = [[c.text for c in r.cells] for r in annex.rows]
    body = rows[1:-1]
    assert len(body) == decision.lines.count() == 3
    assert [r[0] for r in body] == ["1", "2", "3"]
    assert body[0][1] == "Nguyễn Văn An"
    assert rows[0][4:] == ["Hệ số", "Số tiền (đồng)"]
    assert {r[4] for r in body} == {"1"}, "every line shows its multiple of the base salary"
    assert {r[5] for r in body} == {"1.800.000"}
    assert rows[-1][5] == "5.400.000"
    find(decision_doc, "(Kèm theo Quyết định số 05/QĐ-CHQ ngày 05/01/2026", exact=False)
    # The annex starts on a new page.
    xml = decision_doc.element.body.xml
    assert 'w:type="page"' in xml


def test_number_below_ten_has_leading_zero_and_draft_leaves_room(org, person_a):
    draft = f.decision(org, persons=[person_a], units=0, number=None)
    doc = open_docx(documents.render_decision(draft)[1])
    find(doc, "Số:", exact=False)
    assert "QĐ-CHQ" in find(doc, "Số:", exact=False).text
    find(doc, "Hà Nội, ngày", exact=False)


def test_escaping_of_special_characters(org):
    d = f.decision(org, units=1)
    d.lines.update(subject_name="Đội <Kiểm soát> & Phòng chống")
    doc = open_docx(documents.render_decision(d)[1])
    find(doc, "Đội <Kiểm soát> & Phòng chống")


# --- the other documents ----------------------------------------------------------------------------------------


def _heading_ok(doc):
    qh = find(doc, QUOC_HIEU)
    assert all(r.font.bold for r in runs(qh))
    find(doc, TIEU_NGU)
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210
    assert {r.font.name for p in all_paragraphs(doc) for r in runs(p)} == {FONT}


def test_submission_document(org, person_a):
    proposal, _candidate = f.proposal(org, person_a)
    name, data = documents.render_submission(proposal)
    doc = open_docx(data)
    _heading_ok(doc)
    find(doc, "TỜ TRÌNH")
    find(doc, "Kính gửi: Cục Hải quan")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert table.rows[1].cells[1].text == "Nguyễn Văn An"


def test_report_document(org, person_a):
    _proposal, candidate = f.proposal(org, person_a)
    doc = open_docx(documents.render_report(candidate)[1])
    _heading_ok(doc)
    find(doc, "BÁO CÁO THÀNH TÍCH")
    find(doc, "- Họ và tên: Nguyễn Văn An")
    find(doc, "- Thu ngân sách vượt 12 % chỉ tiêu")
    find(doc, "Sáng kiến «Số hóa hồ sơ hải quan»", exact=False)


def test_minutes_document(org, person_a, person_b):
    meeting = f.meeting(org, [person_a, person_b])
    doc = open_docx(documents.render_minutes(meeting)[1])
    _heading_ok(doc)
    find(doc, "BIÊN BẢN")
    find(doc, "Thời gian: 08 giờ 30, ngày 03 tháng 01 năm 2026.")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    row = [c.text for c in table.rows[1].cells]
    assert row[1] == "Đề nghị tặng Bằng khen cho ông Nguyễn Văn An"
    assert row[2] == "2" and row[5] == "Đạt"


# --- replaceable templates ------------------------------------------------------------------------------------------


def _edited_builtin(extra: str) -> bytes:
    doc = open_docx(docx_defaults.template_bytes("quyet_dinh"))
    doc.paragraphs[1].insert_paragraph_before(extra)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_builtin_templates_render_with_sample_data():
    for kind in DocumentTemplate.Kind.values:
        documents.check_template(kind, docx_defaults.template_bytes(kind))


def test_uploaded_template_replaces_builtin_and_reset_restores(as_user, admin_user, decision):
    client = as_user(admin_user)
    url = reverse("decisions:doc_template_upload", args=["quyet_dinh"])
    upload = SimpleUploadedFile("mau.docx", _edited_builtin("MẪU RIÊNG CỦA CỤC – {{ number_label }}"))
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert DocumentTemplate.objects.filter(kind="quyet_dinh").exists()
    doc = open_docx(client.get(reverse("decisions:doc_decision", args=[decision.pk])).content)
    find(doc, "MẪU RIÊNG CỦA CỤC – 05/QĐ-CHQ")
    # The current template can be downloaded to edit again.
    current = client.get(reverse("decisions:doc_template_download", args=["quyet_dinh", "current"]))
    assert "MẪU RIÊNG" in "".join(p.text for p in open_docx(current.content).paragraphs)
    # Reset: the built-in template is used again.
    assert client.post(reverse("decisions:doc_template_reset", args=["quyet_dinh"])).status_code == 302
    assert not DocumentTemplate.objects.exists()
    doc = open_docx(client.get(reverse("decisions:doc_decision", args=[decision.pk])).content)
    assert not any("MẪU RIÊNG" in p.text for p in all_paragraphs(doc))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("mau.docx", b"day khong phai la docx", "không phải là văn bản Word"),
        ("mau.txt", b"x", "đuôi .docx"),
        ("mau.docx", None, "thẻ không hợp lệ"),
    ],
)
def test_broken_upload_refused(as_user, admin_user, name, content, message):
    if content is None:
        content = _edited_builtin("{% for x in %} hỏng {{ number_label ")
    client = as_user(admin_user)
    response = client.post(
        reverse("decisions:doc_template_upload", args=["quyet_dinh"]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_templates_page(as_user, admin_user):
    client = as_user(admin_user)
    page = client.get(reverse("decisions:doc_templates"))
    assert page.status_code == 200
    assert "Biên bản họp Hội đồng" in page.content.decode()
    builtin = client.get(reverse("decisions:doc_template_download", args=["bien_ban", "builtin"]))
    assert builtin.status_code == 200
    assert "{{ held_at }}" in "".join(p.text for p in open_docx(builtin.content).paragraphs)


# --- pages: works / wrong method / outsider 404 ---------------------------------------------------------------------


def test_decision_download_pages(as_user, officer_a, decision):
    url = reverse("decisions:doc_decision", args=[decision.pk])
    client = as_user(officer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCX
    assert 'filename="quyet-dinh-05-qd-chq-2026.docx"' in response["Content-Disposition"]
    assert client.post(url).status_code == 405


def test_decision_download_outsider(as_user, outsider_b, decision):
    assert as_user(outsider_b).get(reverse("decisions:doc_decision", args=[decision.pk])).status_code == 404


def test_submission_and_report_pages(as_user, officer_a, org, person_a):
    proposal, candidate = f.proposal(org, person_a)
    client = as_user(officer_a)
    for url in (
        reverse("decisions:doc_submission", args=[proposal.pk]),
        reverse("decisions:doc_report", args=[proposal.pk, candidate.pk]),
    ):
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 405


def test_submission_and_report_outsider(as_user, outsider_b, org, person_a):
    proposal, candidate = f.proposal(org, person_a)
    client = as_user(outsider_b)
    assert client.get(reverse("decisions:doc_submission", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("decisions:doc_report", args=[proposal.pk, candidate.pk])).status_code == 404


def test_minutes_pages(as_user, officer_a, outsider_b, org, person_a, person_b):
    meeting = f.meeting(org, [person_a, person_b])
    url = reverse("decisions:doc_minutes", args=[meeting.pk])
    client = as_user(officer_a)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
    client.logout()
    assert as_user(outsider_b).get(url).status_code == 404


def test_templates_page_admin_only(as_user, officer_a, admin_user):
    url = reverse("decisions:doc_templates")
    assert as_user(officer_a).get(url).status_code == 404
    assert (
        as_user(officer_a).post(reverse("decisions:doc_template_reset", args=["quyet_dinh"])).status_code
        == 404
    )
    assert as_user(admin_user).post(url).status_code == 405
