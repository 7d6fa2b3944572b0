"""The data of the Quyết định document: number and date lines in the NĐ 30/2020 formats, signer, annex."""

from datetime import date

import pytest

from tdkt.decisions import services
from tdkt.decisions.selectors import decision_document_data, place_date_line
from tdkt.decisions.tests.decisions_helpers import draft, issue, issuer, kind, manual_draft

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2026, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 9), "Hà Nội, ngày 09 tháng 02 năm 2026"),
        (date(2025, 3, 15), "Hà Nội, ngày 15 tháng 3 năm 2025"),
        (date(2025, 12, 1), "Hà Nội, ngày 01 tháng 12 năm 2025"),
    ],
)
def test_place_and_date_line(day, line):
    assert place_date_line("Hà Nội", day) == line


def test_document_data_of_an_issued_decision(issuer, org, person_a):
    decision = manual_draft(issuer, person=person_a, year=2024)
    services.add_line(decision=decision, award_kind=kind("TTLDXS"), achievement_year=2024, unit=org.a1)
    data = decision_document_data(issue(decision, date(2024, 6, 30)))
    assert data["number_line"] == "Số: 01/QĐ-HQA" and data["number_label"] == "01/QĐ-HQA"
    assert data["place_date"] == "Hà Nội, ngày 30 tháng 6 năm 2024"
    assert data["issuer"] == {
        "parent_name": "CỤC HẢI QUAN",
        "name": "CHI CỤC HẢI QUAN A",
        "symbol": "HQA",
        "place": "Hà Nội",
        "head_title": "CHI CỤC TRƯỞNG",
    }
    assert data["authority_heading"] == "CHI CỤC TRƯỞNG CHI CỤC HẢI QUAN A"
    assert data["signer"]["lines"] == ["KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG"]
    assert data["signer"]["name"] == "Nguyễn Văn Ký"
    assert data["legal_bases"][1].startswith("Căn cứ Nghị định số 152/2025")
    # typed with their marks; printed once each by the document ("- Như Điều 3;", "- Lưu: VT, TĐKT.")
    assert data["recipients"] == ["Như Điều 3", "Lưu: VT, TĐKT"]
    assert [a["label"] for a in data["articles"]] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert "4.500.000" in data["articles"][1]["text"]
    rows = data["annex"]["rows"]
    assert [(r["stt"], r["name"], r["detail"], r["award"], r["amount"]) for r in rows] == [
        (1, "Nguyễn Văn An", "Đội Nghiệp vụ A1", "Chiến sĩ thi đua cơ sở", "1.800.000"),
        (2, "Đội Nghiệp vụ A1", "Chi cục Hải quan A", "Tập thể lao động xuất sắc", "2.700.000"),
    ]
    assert data["annex"]["total"] == "4.500.000"
    assert "01/QĐ-HQA ngày 30/06/2024 của Chi cục trưởng Chi cục Hải quan A" in data["annex"]["reference"]


def test_document_data_of_a_draft_leaves_room_for_number_and_date(issuer):
    data = decision_document_data(draft(issuer))
    assert data["is_draft"] and data["number_line"] == "Số:      /QĐ-HQA"
    assert data["place_date"].startswith("Hà Nội, ngày ")
    assert data["annex"]["rows"] == [] and data["annex"]["total"] == ""


def test_prime_minister_heading_is_not_repeated():
    from tdkt.decisions.models import Issuer

    ttg = Issuer.objects.get(symbol="TTg")
    decision = services.create_decision(
        issuer=ttg, summary="Về việc tặng Bằng khen", signer_name="X", signer_title="Thủ tướng", actor=None
    )
    data = decision_document_data(decision)
    assert data["authority_heading"] == "THỦ TƯỚNG CHÍNH PHỦ"
    assert data["signer"]["lines"] == ["THỦ TƯỚNG"]
