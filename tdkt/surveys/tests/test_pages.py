"""Staff pages: works / wrong method / outsider 404, import, links, reminders, results and exports."""

import io
import json
import re

import openpyxl
import pytest

from tdkt.surveys.models import Invitation
from tdkt.surveys.tests.conftest import respond
from tdkt.surveys.tests.test_services import GOOD, _workbook

pytestmark = pytest.mark.django_db


def urls(s):
    return [
        "/surveys/",
        f"/surveys/{s.pk}/",
        f"/surveys/{s.pk}/results/",
        f"/surveys/{s.pk}/results.xlsx",
        f"/surveys/{s.pk}/invitations/import/",
        f"/surveys/{s.pk}/invitations/template/",
        f"/surveys/{s.pk}/invitations/pending.xlsx",
    ]


def test_pages_work_for_the_officer_running_the_survey(as_user, officer_hq, survey):
    client = as_user(officer_hq)
    for url in urls(survey):
        assert client.get(url).status_code == 200, url


def test_leaders_read_results_but_do_not_run_the_survey(as_user, leader_hq, survey):
    client = as_user(leader_hq)
    assert client.get(f"/surveys/{survey.pk}/results/").status_code == 200
    assert "Nhập danh sách từ Excel" not in client.get(f"/surveys/{survey.pk}/").content.decode()
    assert client.get(f"/surveys/{survey.pk}/invitations/import/").status_code == 403
    assert (
        client.post(f"/surveys/{survey.pk}/open/", {"lock_version": survey.lock_version}).status_code == 403
    )


def test_outsiders_get_404(as_user, outsider_c, survey):
    client = as_user(outsider_c)
    for url in urls(survey)[1:]:
        assert client.get(url).status_code == 404, url
    assert survey.title not in client.get("/surveys/").content.decode()
    assert client.post(f"/surveys/{survey.pk}/open/").status_code == 404


def test_officers_of_rated_branches_cannot_run_the_survey(as_user, outsider_b, survey):
    client = as_user(outsider_b)
    assert client.get(f"/surveys/{survey.pk}/results/").status_code == 200
    assert (
        client.post(f"/surveys/{survey.pk}/open/", {"lock_version": survey.lock_version}).status_code == 403
    )


def test_wrong_methods_are_405(as_user, officer_hq, survey):
    client = as_user(officer_hq)
    assert client.get(f"/surveys/{survey.pk}/open/").status_code == 405
    assert client.get(f"/surveys/{survey.pk}/invitations/links/").status_code == 405
    assert client.post(f"/surveys/{survey.pk}/results/").status_code == 405


def test_an_officer_creates_a_survey_opens_it_and_imports_enterprises(as_user, officer_hq, org):
    client = as_user(officer_hq)
    page = client.post(
        "/surveys/",
        {"unit": org.root.pk, "year": 2024, "title": "CDCI 2024", "version": "", "min_cell_size": 5},
    )
    assert page.status_code == 302
    survey = org.root.surveys.get(year=2024)
    client.post(f"/surveys/{survey.pk}/open/", {"lock_version": survey.lock_version})
    survey.refresh_from_db()
    assert survey.status == "open"
    upload = _workbook(GOOD)
    upload.name = "dn.xlsx"
    checked = client.post(f"/surveys/{survey.pk}/invitations/import/", {"file": upload})
    assert "sẽ thêm 2" in checked.content.decode() and not survey.invitations.exists()
    upload.seek(0)
    client.post(f"/surveys/{survey.pk}/invitations/import/", {"file": upload, "apply": "on"})
    assert survey.invitations.count() == 2


def test_links_are_handed_out_once_in_a_spreadsheet(as_user, officer_hq, open_survey):
    from tdkt.surveys import selectors, services

    services.add_invitation(survey=open_survey, tax_code="5700100256", enterprise_name="Công ty Hạ Long")
    response = as_user(officer_hq).post(f"/surveys/{open_survey.pk}/invitations/links/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header[-1] == "Đường dẫn khảo sát" and row[0] == "5700100256"
    token = row[-1].rstrip("/").rsplit("/", 1)[1]
    assert selectors.invitation_for_token(token) == Invitation.objects.get()


def test_results_page_and_export_show_aggregates_only(as_user, officer_hq, open_survey, org):
    respond(open_survey, "5700000001", org.a, 5, comment="Thủ tục nhanh")
    respond(open_survey, "5700000002", org.a, 4)
    respond(open_survey, "5700000003", org.b, 2)
    client = as_user(officer_hq)
    html = client.get(f"/surveys/{open_survey.pk}/results/").content.decode()
    assert "3/3 doanh nghiệp" in html and "100,00 %" in html
    assert "Thủ tục nhanh" in html and "5700000001" not in html and "Công ty TNHH Thử nghiệm" not in html
    assert "Chưa đủ 2 phiếu để công bố" in html  # branch B
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/surveys/{open_survey.pk}/results.xlsx").content)
    ).active
    assert sheet["A1"].value == f"KẾT QUẢ KHẢO SÁT CDCI NĂM {open_survey.year}"
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=6)]  # below the title block and header
    assert rows[0][:3] == [1, org.a.name, 2] and rows[0][3] > 0
    assert rows[1][:4] == [None, org.b.name, 1, None]
    assert rows[-1][1] == "Toàn cục"


def test_the_results_page_charts_the_ranking_and_the_components(as_user, officer_hq, open_survey, org):
    respond(open_survey, "5700000001", org.a, 5)
    respond(open_survey, "5700000002", org.a, 4)
    response = as_user(officer_hq).get(f"/surveys/{open_survey.pk}/results/")
    html = response.content.decode()
    assert 'id="chart-ranking"' in html and 'id="chart-components"' in html
    data = json.loads(re.search(r'id="cdci-chart-data"[^>]*>(.*?)</script>', html, re.S)[1])
    results = response.context["results"]
    assert data["ranking"]["labels"] == [org.a.name]  # only published branches are ranked
    assert data["components"]["labels"] == [c.name for c in results.components]
    means = data["components"]["datasets"][0]["data"]
    assert len(means) == len(results.components) and all(0 <= m <= 100 for m in means)
    assert means == [round(results.component_stats[c.code].mean, 2) for c in results.components]


def test_the_survey_list_query_count_does_not_grow(as_user, officer_hq, org, django_assert_max_num_queries):
    from tdkt.surveys import services

    for year in range(2015, 2020):
        services.create_survey(unit=org.root, year=year, title=f"CDCI {year}", branches=[org.a])
    client = as_user(officer_hq)
    with django_assert_max_num_queries(12):
        assert client.get("/surveys/").status_code == 200


def test_the_audit_tab_lists_questionnaire_changes_for_those_who_run_the_survey(
    as_user, officer_hq, leader_hq, survey
):
    from decimal import Decimal

    client = as_user(officer_hq)
    client.post(
        f"/surveys/{survey.pk}/weights/",
        {"lock_version": survey.lock_version, **{f"w-{c.code}": "10" for c in survey.components.all()}},
    )
    assert set(survey.components.values_list("weight", flat=True)) == {Decimal("10")}
    page = client.get(f"/surveys/{survey.pk}/audit/")
    assert page.status_code == 200 and "Chỉ số thành phần" in page.content.decode()
    stale = client.post(f"/surveys/{survey.pk}/weights/", {"lock_version": survey.lock_version}, follow=True)
    assert "người khác sửa" in stale.content.decode()
    assert as_user(leader_hq).get(f"/surveys/{survey.pk}/audit/").status_code == 403


def test_while_drafting_the_officer_chooses_the_branches(as_user, officer_hq, survey, org):
    client = as_user(officer_hq)
    page = client.get(f"/surveys/{survey.pk}/").content.decode()
    assert f'id="bu-{org.a1.pk}"' in page  # the team under A may be offered too
    client.post(f"/surveys/{survey.pk}/branches/", {"lock_version": survey.lock_version, "unit": [org.b.pk]})
    assert [b.unit for b in survey.branches.all()] == [org.b]
    survey.refresh_from_db()
    refused = client.post(
        f"/surveys/{survey.pk}/branches/", {"lock_version": survey.lock_version}, follow=True
    )
    assert "Chọn ít nhất một chi cục" in refused.content.decode()
    assert survey.branches.count() == 1


def test_a_rated_branch_reads_the_results_but_not_the_invitations(as_user, leader_a, open_survey, org):
    client = as_user(leader_a)
    assert client.get(f"/surveys/{open_survey.pk}/results/").status_code == 200
    assert "Nhập danh sách từ Excel" not in client.get(f"/surveys/{open_survey.pk}/").content.decode()
    assert client.get(f"/surveys/{open_survey.pk}/invitations/pending.xlsx").status_code == 403


def test_reminders_mail_those_with_an_address_and_hand_out_the_other_links(
    as_user, officer_hq, open_survey, mailoutbox
):
    client = as_user(officer_hq)
    client.post(
        f"/surveys/{open_survey.pk}/invitations/add/",
        {"tax_code": "5700100256", "enterprise_name": "Có thư", "email": "dn@halong.vn"},
    )
    client.post(
        f"/surveys/{open_survey.pk}/invitations/add/",
        {"tax_code": "5700100257", "enterprise_name": "Không thư"},
    )
    refused = client.post(
        f"/surveys/{open_survey.pk}/invitations/add/",
        {"tax_code": "57", "enterprise_name": "Sai"},
        follow=True,
    )
    assert "Mã số thuế phải gồm 10 chữ số" in refused.content.decode()
    response = client.post(f"/surveys/{open_survey.pk}/invitations/reminders/")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["dn@halong.vn"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["5700100257"]
    assert Invitation.objects.get(tax_code="5700100257").reminders_sent == 1
