"""Every list export opens with a title block: the title in bold on row 1, then the filters it was made with
in words (and the date and who made it), a blank row, and the table. Each case asks for its export with a
filter and finds both in the first rows of the real .xlsx."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from conftest import login
from tdkt.awards.models import AwardKind
from tdkt.exemplars.models import Status
from tdkt.org.models import UnitKind

pytestmark = pytest.mark.django_db


def _proposal(org, officer_a):
    from tdkt.proposals import services

    return services.create_proposal(
        actor=officer_a,
        title="Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2025",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="LDTT"),
        year=2025,
    )


def _survey(org):
    from tdkt.surveys import services

    survey = services.create_survey(unit=org.root, year=2021, title="Khảo sát CDCI năm 2021", min_cell_size=2)
    return services.open_survey(survey=survey, expected_version=survey.lock_version)


# name → (its url and query, made from the fixtures; its title; words the filter line must contain)
CASES = {
    "exemplars": (
        lambda org, officer_a: (reverse("exemplars:export"), {"status": Status.PROPOSED}),
        "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN",
        f"Trạng thái: {Status.PROPOSED.label}",
    ),
    "units": (
        lambda org, officer_a: (
            reverse("org:unit_export"),
            {"kind": UnitKind.SUB_DEPARTMENT, "under": org.root.pk},
        ),
        "DANH SÁCH ĐƠN VỊ",
        f"Loại đơn vị: {UnitKind.SUB_DEPARTMENT.label}; Thuộc đơn vị: Cục Hải quan",
    ),
    "people": (
        lambda org, officer_a: (reverse("org:person_export"), {"unit": org.a.pk, "gender": "nu"}),
        "DANH SÁCH CÁ NHÂN",
        "Đơn vị (gồm cấp dưới): Chi cục Hải quan A; Giới tính: Nữ",
    ),
    "targets": (
        lambda org, officer_a: (reverse("movements:targets_export"), {"year": 2019}),
        "CHỈ TIÊU THI ĐUA NĂM 2019",
        "Năm: 2019",
    ),
    "ratings": (
        lambda org, officer_a: (reverse("movements:ratings_export", args=[org.a.pk]), {"year": 2025}),
        "KẾT QUẢ XẾP LOẠI NĂM 2025",
        "Đơn vị: Chi cục Hải quan A; Năm: 2025",
    ),
    "candidates": (
        lambda org, officer_a: (
            reverse("rules:unit_candidates_export", args=[org.a.pk]),
            {"year": 2025, "award": "LDTT"},
        ),
        "DANH SÁCH XÉT KHEN THƯỞNG NĂM 2025",
        "Đơn vị: Chi cục Hải quan A; Năm đánh giá: 2025; Danh hiệu, hình thức: Lao động tiên tiến",
    ),
    "initiatives stats": (
        lambda org, officer_a: (reverse("initiatives:stats_xlsx"), {"unit": org.a.pk, "year": 2025}),
        "THỐNG KÊ SÁNG KIẾN, ĐỀ TÀI NĂM 2025",
        "Đơn vị: Chi cục Hải quan A; Năm: 2025",
    ),
    "proposals": (
        lambda org, officer_a: (reverse("proposals:export_xlsx", args=[_proposal(org, officer_a).pk]), {}),
        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "Đơn vị đề nghị: Chi cục Hải quan A",
    ),
    "decisions totals": (
        lambda org, officer_a: (reverse("decisions:totals_export"), {"year": 2024}),
        "TIỀN THƯỞNG THEO ĐƠN VỊ",
        "Bộ lọc: Năm ban hành: 2024",
    ),
    "survey pending": (
        lambda org, officer_a: (reverse("surveys:pending_export", args=[_survey(org).pk]), {}),
        "DOANH NGHIỆP CHƯA TRẢ LỜI PHIẾU KHẢO SÁT",
        "Khảo sát: Khảo sát CDCI năm 2021",
    ),
    "surveys": (
        lambda org, officer_a: (reverse("surveys:results_export", args=[_survey(org).pk]), {}),
        "KẾT QUẢ KHẢO SÁT CDCI NĂM 2021",
        "Khảo sát: Khảo sát CDCI năm 2021",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_export_opens_with_its_title_and_filters(name, client, org, officer_a, admin_user):
    where, title, filters = CASES[name]
    url, query = where(org, officer_a)
    response = login(client, admin_user).get(url, query)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    top = [sheet.cell(row=r, column=1).value for r in range(1, 5)]
    assert top[0] == title and sheet["A1"].font.bold
    assert top[1].startswith("Bộ lọc: ") and filters in top[1]
    assert top[2].startswith("Lập ngày ") and "người lập" in top[2]
    assert top[3] is None  # a blank row, then the table's header
    assert sheet.cell(row=5, column=1).font.bold
