"""The eligibility pages: the "Khen thưởng" tab, a unit's candidates with the Excel export, the parameters."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind
from tdkt.org import services as org_services
from tdkt.rules import services
from tdkt.rules.models import ParameterOverride

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def html(response) -> str:
    return response.content.decode()


def give(code, year, *, person=None, unit=None, number="", on=None):
    return awards.record_award(
        kind=AwardKind.objects.get(code=code),
        year=year,
        person=person,
        unit=unit,
        decision_number=number,
        decision_date=on,
    )


@pytest.fixture
def history(person_a, org):
    """An: a ministry Bằng khen in 2021, then four good years with two CSTDCS — Bằng khen of the Prime
    Minister is not yet possible in 2026, at the earliest in 2027; a CSTDCS of 2024 was revoked."""
    give("BK_BO", 2021, person=person_a, number="1234/QĐ-BTC", on=date(2021, 12, 1))
    for year, value in {2022: "HTT", 2023: "HTXS", 2024: "HTT", 2025: "HTT"}.items():
        awards.set_rating(person=person_a, year=year, value=value)
        give("LDTT", year, person=person_a, number=f"{year}/QĐ-LDTT")
    for year in (2023, 2025):
        give("CSTDCS", year, person=person_a, number=f"{year}/QĐ-CS")
    wrong = give("CSTDCS", 2024, person=person_a, number="2024/QĐ-CS")
    awards.revoke_award(
        award=wrong, reason="Sai tiêu chuẩn sáng kiến", decision_number="77/QĐ-HQA", on=date(2025, 4, 1)
    )
    awards.set_unit_result(unit=org.a1, year=2025, value="HTXS")
    give("TTLDTT", 2024, unit=org.a1, number="5/QĐ-HQA")
    return person_a


def test_history_as_set_up_gives_bk_ttg_in_2027_at_the_earliest(history):
    verdict = services.evaluate_person(history, "BK_TTG", 2026)
    assert verdict.verdict == "not_eligible"
    assert verdict.earliest_year == 2027


# Who may open which page ------------------------------------------------------------------------------------

GET_PAGES = [
    "rules:person_awards",
    "rules:unit_awards",
    "rules:unit_candidates",
    "rules:unit_candidates_export",
]


def url_for(name, org, person):
    return reverse(name, args=[person.pk if name == "rules:person_awards" else org.a.pk])


@pytest.mark.parametrize("name", GET_PAGES)
def test_pages_work_for_officer_a(name, as_user, officer_a, org, history):
    response = as_user(officer_a).get(url_for(name, org, history), {"year": 2025})
    assert response.status_code == 200


@pytest.mark.parametrize("name", GET_PAGES)
def test_post_to_a_get_page_is_405(name, as_user, officer_a, org, history):
    assert as_user(officer_a).post(url_for(name, org, history)).status_code == 405


@pytest.mark.parametrize("name", GET_PAGES)
def test_outsider_b_gets_404(name, as_user, outsider_b, org, history):
    assert as_user(outsider_b).get(url_for(name, org, history)).status_code == 404


@pytest.mark.parametrize("name", GET_PAGES + ["rules:parameters"])
def test_anonymous_is_sent_to_log_in(name, client, org, history):
    url = reverse(name) if name == "rules:parameters" else url_for(name, org, history)
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_sees_their_own_tab_only(as_user, staff_a, person_a, person_b):
    client = as_user(staff_a)
    assert client.get(reverse("rules:person_awards", args=[person_a.pk])).status_code == 200
    assert client.get(reverse("rules:person_awards", args=[person_b.pk])).status_code == 404


# The "Khen thưởng" tab -----------------------------------------------------------------------------------------


def test_the_tab_is_registered_on_person_and_unit_pages(as_user, officer_a, org, person_a):
    client = as_user(officer_a)
    person_page = html(client.get(reverse("org:person_detail", args=[person_a.pk])))
    assert reverse("rules:person_awards", args=[person_a.pk]) in person_page
    assert "Khen thưởng" in person_page
    unit_page = html(client.get(reverse("org:unit_detail", args=[org.a.pk])))
    assert reverse("rules:unit_awards", args=[org.a.pk]) in unit_page


def test_tab_shows_history_and_what_is_missing_for_bk_ttg(as_user, officer_a, history):
    response = as_user(officer_a).get(
        reverse("rules:person_awards", args=[history.pk]), {"year": 2025}, **HTMX
    )
    page = html(response)
    assert "<html" not in page  # the fragment only
    # the timeline: decisions, the revoked title struck through with its reason
    assert "1234/QĐ-BTC" in page and "01/12/2021" in page
    assert "<del>" in page and "Sai tiêu chuẩn sáng kiến" in page and "77/QĐ-HQA" in page
    assert "Hoàn thành xuất sắc nhiệm vụ" in page  # ratings per year
    # the outlook
    assert "Đủ điều kiện hiện nay / sắp tới" in page
    assert "Bằng khen của Thủ tướng Chính phủ" in page
    section = page[page.index('id="outlook-BK_TTG"') :]
    section = section[: section.index("</details>")]
    assert "Chưa đủ điều kiện" in section
    assert "Sớm nhất: năm 2027" in section
    assert "Chuỗi năm liên tục" in section  # what is missing, in words
    assert "Luật Thi đua, khen thưởng 2022, Điều 73" in section  # the legal basis
    assert "Lao động tiên tiến" in page and "Đủ điều kiện" in page


def test_full_page_has_layout_and_breadcrumb(as_user, officer_a, history):
    page = html(as_user(officer_a).get(reverse("rules:person_awards", args=[history.pk])))
    assert "<html" in page and reverse("org:person_detail", args=[history.pk]) in page


def test_ask_form_answers_one_award_and_year(as_user, officer_a, history):
    url = reverse("rules:person_awards", args=[history.pk])
    response = as_user(officer_a).get(
        url, {"year": 2025, "award": "BK_BO", "ask_year": 2024}, HTTP_HX_TARGET="ask-answer", **HTMX
    )
    page = html(response)
    assert 'id="outlook"' not in page  # only the answer
    assert "Bằng khen của bộ, ban, ngành, tỉnh – 2024" in page
    assert "Căn cứ" in page
    missing_year = as_user(officer_a).get(url, {"award": "BK_BO"}, HTTP_HX_TARGET="ask-answer", **HTMX)
    assert "Nhập năm cần xét." in html(missing_year)


def test_bad_year_is_explained_not_a_crash(as_user, officer_a, history):
    response = as_user(officer_a).get(reverse("rules:person_awards", args=[history.pk]), {"year": "abc"})
    assert response.status_code == 200


def test_unit_tab_shows_own_awards_across_a_rename(as_user, officer_a, org, history):
    org_services.rename_unit(unit=org.a1, name="Đội Kiểm soát A1", on=date(2025, 6, 1))
    page = html(
        as_user(officer_a).get(reverse("rules:unit_awards", args=[org.a1.pk]), {"year": 2025}, **HTMX)
    )
    assert "Tập thể lao động tiên tiến" in page and "5/QĐ-HQA" in page
    assert "khi đó mang tên Đội Nghiệp vụ A1" in page
    assert "Tập thể lao động xuất sắc" in page  # the outlook of a collective
    assert reverse("rules:unit_candidates", args=[org.a1.pk]) in page


# Candidates of a unit ---------------------------------------------------------------------------------------------


def test_candidates_page_lists_people_and_sub_units_with_reasons(as_user, officer_a, org, history):
    client = as_user(officer_a)
    page = html(client.get(reverse("rules:unit_candidates", args=[org.a.pk]), {"year": 2025}))
    assert "Nguyễn Văn An" in page  # by default one title at the unit's own level
    assert 'id="group-LDTT"' in page and 'id="group-BK_TTG"' not in page
    url = reverse("rules:unit_candidates", args=[org.a.pk])
    page = html(client.get(url, {"year": 2025, "award": "TTLDXS"}))
    assert "Đội Nghiệp vụ A1" in page and 'id="group-TTLDXS"' in page
    assert "Cảnh báo tỷ lệ" in page  # the TTLDXS quota is not confirmed
    assert "quota.ttldxs_of_ttldtt" in page


def test_candidates_filters_by_award_and_verdict(as_user, officer_a, org, history):
    client = as_user(officer_a)
    url = reverse("rules:unit_candidates", args=[org.a.pk])
    page = html(client.get(url, {"year": 2025, "award": "BK_TTG"}, **HTMX))
    assert 'id="group-BK_TTG"' in page and 'id="group-LDTT"' not in page
    assert "Nguyễn Văn An" in page
    page = html(client.get(url, {"year": 2025, "award": "BK_TTG", "verdict": "eligible"}, **HTMX))
    assert "Nguyễn Văn An" not in page


def test_candidates_export_opens_in_excel(as_user, officer_a, org, history):
    response = as_user(officer_a).get(
        reverse("rules:unit_candidates_export", args=[org.a.pk]), {"year": 2025, "award": "LDTT"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH XÉT KHEN THƯỞNG NĂM 2025"
    assert rows[4][:7] == (
        "STT",
        "Danh hiệu, hình thức",
        "Năm xét",
        "Đối tượng",
        "Họ và tên / tên tập thể",
        "Đơn vị",
        "Kết quả",
    )
    an = next(r for r in rows[1:] if r[4] == "Nguyễn Văn An")
    assert an[1] == "Lao động tiên tiến" and an[2] == 2025 and an[6] == "Đủ điều kiện"


# Parameters ---------------------------------------------------------------------------------------------------------


def test_parameters_page_for_admin_lists_every_parameter(as_user, admin_user):
    page = html(as_user(admin_user).get(reverse("rules:parameters")))
    for text in (
        "LTDKT2022-ND98",
        "LTDKT2013-ND91",
        "vote_threshold.CSTD_BO",
        "Đã xác nhận",
        "Nguồn thứ cấp",
        "Chưa xác nhận",
        "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7",
    ):
        assert text in page


def test_admin_edits_a_parameter(as_user, admin_user):
    client = as_user(admin_user)
    url = reverse("rules:parameters")
    response = client.post(
        url,
        {
            "rule_set": "LTDKT2022-ND98",
            "key": "vote_threshold.CSTD_BO",
            "value": "0,95",
            "note": "Văn bản 12/HD-BTC",
            "action": "set",
        },
    )
    assert response.status_code == 302
    row = ParameterOverride.objects.get(rule_set="LTDKT2022-ND98", key="vote_threshold.CSTD_BO")
    assert row.value == 0.95 and row.changed_by == admin_user and row.note == "Văn bản 12/HD-BTC"
    assert LogEntry.objects.get_for_object(row).exists()
    page = html(client.get(url, {"rule_set": "LTDKT2022-ND98"}))
    assert "0,95" in page and "Văn bản 12/HD-BTC" in page
    bad = client.post(
        url,
        {
            "rule_set": "LTDKT2022-ND98",
            "key": "vote_threshold.CSTD_BO",
            "value": "2",
            "note": "x",
            "action": "set",
        },
    )
    assert bad.status_code == 400 and "phải là số trong khoảng (0, 1]" in html(bad)
    no_note = client.post(
        url,
        {
            "rule_set": "LTDKT2022-ND98",
            "key": "hcld3.tenure.1",
            "value": "[4, 6]",
            "note": "",
            "action": "set",
        },
    )
    assert no_note.status_code == 400 and "Ghi rõ căn cứ" in html(no_note)
    reset = client.post(
        url, {"rule_set": "LTDKT2022-ND98", "key": "vote_threshold.CSTD_BO", "action": "reset"}
    )
    assert reset.status_code == 302
    assert not ParameterOverride.objects.exists()


def test_officer_may_not_see_or_edit_parameters(as_user, officer_a):
    client = as_user(officer_a)
    assert client.get(reverse("rules:parameters")).status_code == 404
    response = client.post(
        reverse("rules:parameters"),
        {"rule_set": "LTDKT2022-ND98", "key": "vote_threshold.CSTD_BO", "value": "0.5", "note": "x"},
    )
    assert response.status_code == 404
    assert not ParameterOverride.objects.exists()


def test_set_parameter_service_validates_in_vietnamese(admin_user, officer_a):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        services.set_parameter(
            rule_set="LTDKT2022-ND98", key="bk_ttg.run_years", value=4, note="x", actor=officer_a
        )
    with pytest.raises(ValidationError, match="không tồn tại"):
        services.set_parameter(
            rule_set="KHONG-CO", key="bk_ttg.run_years", value=4, note="x", actor=admin_user
        )
    with pytest.raises(ValidationError, match="không có tham số"):
        services.set_parameter(
            rule_set="LTDKT2022-ND98", key="bk_ttg.nothing", value=4, note="x", actor=admin_user
        )
    with pytest.raises(ValidationError, match="số nguyên không âm"):
        services.set_parameter(
            rule_set="LTDKT2022-ND98", key="bk_ttg.run_years", value="năm", note="x", actor=admin_user
        )
    row = services.set_parameter(
        rule_set="LTDKT2022-ND98", key="hcld3.tenure.1", value=(4, 6), note="x", actor=admin_user
    )
    assert row.value == [4, 6]


@pytest.mark.parametrize(
    "text, value",
    [
        ("0,9", 0.9),
        ("null", None),
        ("", None),
        ("true", True),
        ("có", True),
        ("[3, 5]", [3, 5]),
        ("3 – 5", [3, 5]),
        ("members", "members"),
        ('"htt_only"', "htt_only"),
        ("4", 4),
    ],
)
def test_parse_parameter_value(text, value):
    assert services.parse_parameter_value(text) == value
