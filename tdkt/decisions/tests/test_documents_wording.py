"""The words of a decision: counts as "02 cá nhân và 01 tập thể", the award's kind, the decree in force on the
signing day, one punctuation mark per recipient, and an amount or a reason on every annex line."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from tdkt.awards.models import AwardType
from tdkt.decisions import documents, selectors
from tdkt.decisions.models import Decision
from tdkt.decisions.tests import doc_factories as f

pytestmark = pytest.mark.django_db


def _texts(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out.extend(cell.text for cell in row.cells)
    return out


def test_article_one_counts_people_and_collectives_with_two_digits(org, person_a, person_b):
    decision = f.decision(org, persons=[person_a, person_b], units=1)
    article = selectors.decision_document_data(decision)["articles"][0]["text"]
    assert "cho 02 cá nhân và 01 tập thể (có danh sách kèm theo)" in article
    assert "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025" in article


def test_an_ad_hoc_award_is_not_worded_as_a_year_of_duties(org, person_a):
    decision = f.decision(org, persons=[person_a], units=0)
    decision.lines.update(award_kind=decision.lines.first().award_kind)
    kind = decision.lines.first().award_kind
    kind.default_type = AwardType.AD_HOC
    kind.save()
    article = selectors.decision_document_data(decision)["articles"][0]["text"]
    assert "thành tích xuất sắc đột xuất" in article
    assert "nhiệm vụ năm" not in article


@pytest.mark.parametrize(
    ("award_type", "expected"),
    [
        (AwardType.MERIT, "thực hiện nhiệm vụ năm 2025"),
        (AwardType.AD_HOC, "đột xuất"),
        (AwardType.CONTRIBUTION, "quá trình cống hiến"),
        (AwardType.SERVICE_YEARS, "niên hạn"),
        (AwardType.THEMATIC, "phong trào thi đua"),
    ],
)
def test_the_reason_of_an_award_follows_its_kind(award_type, expected):
    assert expected in selectors.achievement_phrase(award_type, "2025")


def test_the_decree_in_force_on_the_signing_day():
    assert selectors.decree_in_force(date(2025, 6, 30))["number"] == "98/2023/NĐ-CP"
    assert selectors.decree_in_force(date(2025, 7, 1))["number"] == "152/2025/NĐ-CP"
    assert "98/2023/NĐ-CP" in selectors.default_legal_bases(date(2024, 12, 31))[1]
    assert "152/2025/NĐ-CP" in selectors.default_legal_bases(date(2026, 1, 5))[1]


def test_article_two_cites_the_decree_of_the_signing_day(org, person_a):
    decision = f.decision(org, persons=[person_a], units=0)
    Decision.objects.filter(pk=decision.pk).update(signed_on=date(2025, 3, 1))
    decision.refresh_from_db()
    cash_article = selectors.decision_document_data(decision)["articles"][1]["text"]
    assert "Nghị định số 98/2023/NĐ-CP" in cash_article


def test_a_decision_without_bases_prints_those_of_its_day(org, person_a):
    decision = f.decision(org, persons=[person_a], units=0)
    Decision.objects.filter(pk=decision.pk).update(legal_bases="")
    decision.refresh_from_db()
    assert selectors.decision_document_data(decision)["legal_bases"][1].startswith(
        "Căn cứ Nghị định số 152/2025/NĐ-CP"
    )


def test_the_create_form_starts_from_the_bases_in_force(as_user, officer_a, org):
    f.issuer(org)
    body = as_user(officer_a).get("/decisions/new/").content.decode()
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in body
    assert selectors.decree_in_force(date.today())["number"] in body


def test_recipients_print_one_mark_each(org, person_a):
    decision = f.decision(org, persons=[person_a], units=0)
    Decision.objects.filter(pk=decision.pk).update(
        recipients="Như Điều 3;\nCục Hải quan (để báo cáo);\nLưu: VT, TCCB."
    )
    decision.refresh_from_db()
    texts = _texts(documents.render_decision(decision)[1])
    joined = "\n".join(texts)
    assert "- Như Điều 3;" in joined and "- Lưu: VT, TCCB." in joined
    assert ";;" not in joined and ".." not in joined.replace("…", "")


def test_every_annex_line_has_an_amount_or_says_why_not(org, person_a, monkeypatch):
    draft = f.decision(org, persons=[person_a], units=1, number=None)
    rows = selectors.decision_document_data(draft)["annex"]["rows"]
    assert all(row["amount"] for row in rows), rows
    assert {row["amount"] for row in rows} == {"Tính khi ban hành"}
    assert {row["multiple_text"] for row in rows} == {"1"}
    draft.lines.update(cash_multiple=None)
    from tdkt.awards import selectors as award_selectors

    monkeypatch.setattr(award_selectors, "cash_multiple", lambda *args: None)
    rows = selectors.decision_document_data(draft)["annex"]["rows"]
    assert {row["amount"] for row in rows} == {"Không kèm tiền thưởng"}


def test_the_decision_page_says_why_a_line_has_no_amount(as_user, officer_a, org, person_a):
    draft = f.decision(org, persons=[person_a], units=0, number=None)
    body = as_user(officer_a).get(f"/decisions/{draft.pk}/").content.decode()
    assert "Tính khi ban hành" in body


def test_certificate_wording_fits_the_award_kind(org, person_a):
    from tdkt.decisions import certificates

    decision = f.decision(org, persons=[person_a], units=0)
    line = decision.lines.select_related("award_kind").get()
    assert certificates.certificate_item(line, 1, 2026, decision)["achievement"] == (
        "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025"
    )
    line.award_kind.default_type = AwardType.AD_HOC
    line.award_kind.save()
    assert certificates.certificate_item(line, 1, 2026, decision)["achievement"] == (
        "Đã có thành tích xuất sắc đột xuất"
    )
