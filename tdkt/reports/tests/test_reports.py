"""Statistics over the award history: filters, revoked awards, unit subtrees, access, page, export, API."""

import io
import re
from datetime import date

import openpyxl
import pytest
from django.contrib.staticfiles import finders

from conftest import login
from tdkt.awards import services as award_services
from tdkt.awards.models import Award, AwardKind
from tdkt.org import services as org_services
from tdkt.org.models import UnitKind
from tdkt.org.services import NewUnit
from tdkt.reports.selectors import ReportFilter, award_report

pytestmark = pytest.mark.django_db

URL, EXPORT, API = "/reports/", "/reports/export.xlsx", "/api/reports/awards/"


@pytest.fixture
def kinds(db):
    return {k.code: k for k in AwardKind.objects.all()}


@pytest.fixture
def history(org, person_a, person_b, kinds):
    """A: CO_CP 2018, team A1: HCLD3 2019, person A (team A1 since 2020): LĐTT 2020 and a revoked BK_BO 2021;
    B: CO_CP 2018, person B (since 2020): LĐTT 2020."""

    def award(code, year, **subject):
        return award_services.record_award(
            kind=kinds[code],
            year=year,
            decision_number=f"{year}-{code}",
            decision_date=date(year, 12, 1),
            **subject,
        )

    award("CO_CP", 2018, unit=org.a)
    award("CO_CP", 2018, unit=org.b)
    award("HCLD3", 2019, unit=org.a1)
    award("LDTT", 2020, person=person_a)
    award("LDTT", 2020, person=person_b)
    revoked = award("BK_BO", 2021, person=person_a)
    award_services.revoke_award(
        award=revoked, reason="Kê khai không trung thực thành tích", on=date(2021, 3, 1)
    )
    return org


def _tally(report, code):
    row = report.kind(code)
    return row.collectives, row.individuals, row.awards


# --- the selector ------------------------------------------------------------------------------------------


def test_revoked_award_is_excluded_by_default(history):
    report = award_report(ReportFilter(), None)
    assert _tally(report, "BK_BO") == (0, 0, 0)
    assert report.total.awards == 5
    with_revoked = award_report(ReportFilter(include_revoked=True), None)
    assert _tally(with_revoked, "BK_BO") == (0, 1, 1)
    assert with_revoked.total.awards == 6


def test_counts_by_kind_year_level_and_subject(history):
    report = award_report(ReportFilter(), None)
    assert _tally(report, "CO_CP") == (2, 0, 2)
    assert _tally(report, "LDTT") == (0, 2, 2)
    assert [(r.year, r.collective_awards, r.individual_awards) for r in report.by_year] == [
        (2018, 2, 0),
        (2019, 1, 0),
        (2020, 0, 2),
    ]
    assert {r.level: r.awards for r in report.by_level} == {"nha_nuoc": 3, "co_so": 2}
    assert award_report(ReportFilter(subject="individual"), None).total.awards == 2
    assert award_report(ReportFilter(subject="collective"), None).total.awards == 3
    assert award_report(ReportFilter(level="co_so"), None).total.awards == 2
    assert award_report(ReportFilter(year_from=2019, year_to=2020), None).total.awards == 3
    only = award_report(ReportFilter(kind=AwardKind.objects.get(code="CO_CP")), None)
    assert [r.code for r in only.by_kind] == ["CO_CP"]


def test_unit_subtree_filter(history):
    org = history
    under_a = award_report(ReportFilter(unit=org.a), None)
    assert _tally(under_a, "CO_CP") == (1, 0, 1)
    assert _tally(under_a, "HCLD3") == (1, 0, 1)
    assert _tally(under_a, "LDTT") == (0, 1, 1)
    under_a1 = award_report(ReportFilter(unit=org.a1), None)
    assert _tally(under_a1, "CO_CP") == (0, 0, 0)
    assert _tally(under_a1, "LDTT") == (0, 1, 1)
    assert award_report(ReportFilter(unit=org.root), None).total.awards == 5


def test_unit_filter_follows_predecessors(history):
    org = history
    merged = org_services.merge_units(
        units=[org.a, org.b],
        into=NewUnit(code="C", name="Hải quan khu vực C", kind=UnitKind.BORDER_OFFICE),
        parent=org.root,
        on=date(2022, 1, 1),
        decision="1/QĐ-TEST",
    )
    report = award_report(ReportFilter(unit=merged), None)
    assert _tally(report, "CO_CP") == (2, 0, 2)
    assert _tally(report, "LDTT") == (0, 2, 2)


def test_a_person_counts_where_they_were_that_year(history, person_a, kinds):
    org = history
    org_services.add_membership(person=person_a, unit=org.b, position=None, valid_from=date(2021, 1, 1))
    award_services.record_award(kind=kinds["LDTT"], year=2022, person=person_a, decision_number="1/QĐ")
    assert _tally(award_report(ReportFilter(unit=org.b, year_from=2022), None), "LDTT") == (0, 1, 1)
    assert _tally(award_report(ReportFilter(unit=org.a, year_from=2022), None), "LDTT") == (0, 0, 0)
    assert _tally(award_report(ReportFilter(unit=org.a, year_to=2020), None), "LDTT") == (0, 1, 1)


def test_scope_of_the_user(history, outsider_b):
    from tdkt.org.permissions import visible_unit_ids

    report = award_report(ReportFilter(), visible_unit_ids(outsider_b))
    assert _tally(report, "CO_CP") == (1, 0, 1)
    assert _tally(report, "LDTT") == (0, 1, 1)
    assert _tally(report, "HCLD3") == (0, 0, 0)


# --- the page --------------------------------------------------------------------------------------------


def test_page_works(history, officer_a, as_user):
    response = as_user(officer_a).get(URL, {"year_from": 2018, "year_to": 2020})
    assert response.status_code == 200
    report = response.context["report"]
    assert _tally(report, "CO_CP") == (1, 0, 1)  # officer of A: A's collective, not B's
    html = response.content.decode()
    assert "Cờ thi đua của Chính phủ" in html and 'id="report-chart-data"' in html
    assert 'data-chart="by_year"' in html


def test_page_refuses_post_and_anonymous(history, officer_a, client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(EXPORT).status_code == 302
    assert login(client, officer_a).post(URL).status_code == 405


def test_outsider_sees_only_their_units(history, outsider_b, as_user):
    client = as_user(outsider_b)
    report = client.get(URL).context["report"]
    assert report.total.awards == 2
    assert _tally(report, "CO_CP") == (1, 0, 1)
    assert _tally(report, "HCLD3") == (0, 0, 0)
    # A unit outside the scope is not a valid choice: no numbers.
    response = client.get(URL, {"unit": history.a.pk})
    assert response.context["report"] is None and response.context["form"].errors


def test_htmx_gets_the_results_fragment(history, officer_a, as_user):
    response = as_user(officer_a).get(URL, {"include_revoked": "on"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="report-by-kind"' in html and 'data-kind="BK_BO"' in html


def test_page_has_no_inline_script_or_style(history, officer_a, as_user):
    html = as_user(officer_a).get(URL).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\sstyle=", html)
    assert "vendor/chart.js/dist/chart.umd.min.js" in html and "js/charts.js" in html
    assert finders.find("vendor/chart.js/dist/chart.umd.min.js") and finders.find("js/charts.js")


def test_year_range_is_checked(history, officer_a, as_user):
    response = as_user(officer_a).get(URL, {"year_from": 2020, "year_to": 2018})
    assert response.context["report"] is None
    assert "Từ năm" in response.content.decode()


def test_vietnamese_number_format(admin_user, kinds, as_user, org):
    from tdkt.awards.models import Award
    from tdkt.org.models import Membership, Person

    people = Person.objects.bulk_create(
        [
            Person(family_name="Lê", middle_name="Văn", given_name=f"Số {i}", gender="nam").compute_derived()
            for i in range(1001)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(person=p, unit=org.a, valid_from=date(2020, 1, 1)) for p in people]
    )
    Award.objects.bulk_create(
        [Award(kind=kinds["LDTT"], person=p, year=2024, decision_number="5/QĐ") for p in people]
    )
    html = as_user(admin_user).get(URL).content.decode()
    assert "1.001" in html


# --- the export ------------------------------------------------------------------------------------------


def test_export_opens_with_the_right_numbers(history, admin_user, as_user):
    response = as_user(admin_user).get(EXPORT, {"year_from": 2016, "year_to": 2020})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "THỐNG KÊ KHEN THƯỞNG"
    assert rows[1][0] == "Bộ lọc: năm 2016–2020"  # the filters applied, in words
    assert rows[2][0].startswith("Lập ngày ")
    assert rows[4][:5] == ("STT", "Danh hiệu, hình thức khen thưởng", "Cấp", "Số tập thể", "Số cá nhân")
    by_name = {row[1]: row for row in rows[5:]}
    assert by_name["Cờ thi đua của Chính phủ"][3:] == (2, 0, 2, 0, 2)
    assert by_name["Lao động tiên tiến"][3:] == (0, 2, 0, 2, 2)
    assert AwardKind.objects.get(code="BK_BO").name not in by_name  # revoked
    assert by_name["Tổng cộng"][7] == 5


def test_export_follows_scope_and_filters(history, outsider_b, as_user):
    client = as_user(outsider_b)
    rows = list(
        openpyxl.load_workbook(io.BytesIO(client.get(EXPORT).content)).active.iter_rows(values_only=True)
    )
    assert rows[-1][1] == "Tổng cộng" and rows[-1][7] == 2
    assert client.get(EXPORT, {"year_from": "x"}).status_code == 400


# --- the API ---------------------------------------------------------------------------------------------


def _api_tally(data, code):
    row = next((r for r in data["by_kind"] if r["code"] == code), None)
    return (row["collectives"], row["individuals"], row["awards"]) if row else (0, 0, 0)


def test_api_returns_the_same_tallies(history, admin_user, as_user):
    client = as_user(admin_user)
    data = client.get(API, {"year_from": 2016, "year_to": 2020}).json()
    assert _api_tally(data, "CO_CP") == (2, 0, 2)
    assert _api_tally(data, "BK_BO") == (0, 0, 0)
    assert data["total"]["awards"] == 5
    assert data["filters"]["year_from"] == 2016
    data = client.get(API, {"include_revoked": "true", "kind": "BK_BO"}).json()
    assert _api_tally(data, "BK_BO") == (0, 1, 1) and len(data["by_kind"]) == 1
    data = client.get(API, {"unit": history.a1.pk, "subject": "individual"}).json()
    assert data["total"]["awards"] == 1 and data["filters"]["unit"] == history.a1.pk


def test_api_scope_errors_and_methods(history, outsider_b, as_user, client):
    assert client.get(API).status_code in (401, 403)
    api = as_user(outsider_b)
    assert api.get(API).json()["total"]["awards"] == 2
    assert api.get(API, {"unit": history.a.pk}).status_code == 404
    assert api.get(API, {"year_from": 2020, "year_to": 2019}).status_code == 400
    assert api.get(API, {"kind": "KHONG_CO"}).status_code == 400
    assert api.post(API).status_code == 405


def test_api_is_in_the_schema(admin_user, as_user):
    response = as_user(admin_user).get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/reports/awards/" in response.content


def test_staff_member_sees_no_collective_numbers(history, staff_a, as_user):
    report = as_user(staff_a).get(URL).context["report"]
    assert report.total.awards == 0


def test_nav_has_statistics(officer_a, as_user):
    assert 'href="/reports/"' in as_user(officer_a).get(URL).content.decode()


# --- from a number to its records ------------------------------------------------------------------------

RECORDS, RECORDS_EXPORT = "/reports/records/", "/reports/records/export.xlsx"


def test_each_number_of_the_page_links_to_the_records_it_counts(history, admin_user, as_user):
    client = as_user(admin_user)
    html = client.get(URL, {"year_from": 2018, "year_to": 2020}).content.decode()
    link = re.search(r'href="(/reports/records/\?[^"]*kind=CO_CP[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "year_from=2018" in link and "year_to=2020" in link  # the page's filters carry over
    records = client.get(link).content.decode()
    assert records.count("Cờ thi đua của Chính phủ") >= 2
    assert "Chi cục Hải quan A" in records and "Chi cục Hải quan B" in records
    assert "Lao động tiên tiến" not in records


def test_the_records_pages_run_in_order_and_read_only_their_own_rows(
    history, admin_user, as_user, monkeypatch, django_assert_max_num_queries
):
    from tdkt.reports import views  # lazy: the page size is the view module's, shrunk for the test

    monkeypatch.setattr(views, "RECORDS_PAGE", 3)
    expected = [
        f"{a.kind.name}|{a.subject_label}|{a.year}"
        for a in Award.objects.filter(revoked=False)
        .select_related("kind", "person", "unit")
        .order_by("-year", "kind__rank", "pk")
    ]
    client, seen = as_user(admin_user), []
    for number in range(1, (len(expected) + 2) // 3 + 1):
        html = client.get(RECORDS, {"page": number}).content.decode()
        body = html[html.index("<tbody>", html.index('id="records-table"')) : html.index("</tbody>")]
        rows = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in body.split("<tr")[1:]]
        assert len(rows) == min(3, len(expected) - len(seen))
        text = [[re.sub("<[^>]+>", "", cell).strip() for cell in cells] for cells in rows]
        seen += [f"{kind}|{subject}|{year}" for kind, subject, year, *_ in text]
    assert seen == expected
    with django_assert_max_num_queries(12):  # the last page too: its ids, then its rows with their joins
        client.get(RECORDS, {"page": number})


def test_the_records_follow_the_users_scope(history, outsider_b, as_user):
    records = as_user(outsider_b).get(RECORDS, {"kind": "CO_CP"}).content.decode()
    assert "Chi cục Hải quan B" in records and "Chi cục Hải quan A" not in records


def test_the_records_export_has_a_title_block_with_the_filters(history, admin_user, as_user):
    response = as_user(admin_user).get(RECORDS_EXPORT, {"kind": "LDTT", "year_from": 2020, "year_to": 2020})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH KHEN THƯỞNG"
    assert "Lao động tiên tiến" in rows[1][0] and "2020" in rows[1][0]
    assert rows[4][0] == "Danh hiệu, hình thức"
    assert sorted(r[2] for r in rows[5:]) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert as_user(admin_user).get(RECORDS_EXPORT, {"year_from": "x"}).status_code == 400


def test_a_revoked_award_is_listed_only_when_asked(history, admin_user, as_user):
    client = as_user(admin_user)
    assert "2021-BK_BO" not in client.get(RECORDS, {"kind": "BK_BO"}).content.decode()
    shown = client.get(RECORDS, {"kind": "BK_BO", "include_revoked": "on"}).content.decode()
    assert "2021-BK_BO" in shown and "đã hủy bỏ" in shown


def _by_the_rule(unit, year_from, year_to) -> set[int]:
    """The awards a unit's report counts, by the rule itself: the unit's subtree's own awards, and those of
    people who were members of it in the award's year (any part of the year)."""
    from tdkt.awards.models import Award
    from tdkt.org.models import Membership
    from tdkt.org.selectors import scope_ids

    units = set(scope_ids([unit.pk]))
    spans: dict[int, list] = {}
    for m in Membership.objects.filter(unit_id__in=units):
        spans.setdefault(m.person_id, []).append((m.valid_from.year, m.valid_to.year if m.valid_to else 9999))
    return {
        a.pk
        for a in Award.objects.filter(revoked=False)
        if (year_from is None or a.year >= year_from)
        and (year_to is None or a.year <= year_to)
        and (a.unit_id in units or any(lo <= a.year <= hi for lo, hi in spans.get(a.person_id, [])))
    }


@pytest.mark.parametrize(
    ("year_from", "year_to"),
    [
        (2021, 2021),
        (2022, 2022),
        (2020, 2022),
        (2018, 2023),
        (None, 2021),
        (2021, None),
        (None, None),
        (1990, 2030),
    ],
)
@pytest.mark.parametrize("small_share", [0, 1])
def test_the_unit_scope_is_the_same_for_every_kind_of_period(
    history, person_a, person_b, kinds, year_from, year_to, small_share, monkeypatch
):
    """A bounded period of up to 20 years tests membership year by year, a longer or open one in one
    correlated test; a small scope in a bounded period is read from its members' awards (every scope is
    "small" with a share of 1, none with 0): all count the same awards."""
    from tdkt.reports import selectors  # lazy: the share is the module's, set for the test
    from tdkt.reports.selectors import awards_in_scope

    monkeypatch.setattr(selectors, "SMALL_SCOPE_SHARE", small_share)

    org = history
    org_services.add_membership(person=person_a, unit=org.b, position=None, valid_from=date(2021, 7, 1))
    for year in (2021, 2022, 2023):
        award_services.record_award(
            kind=kinds["LDTT"], year=year, person=person_a, decision_number=f"{year}/A"
        )
        award_services.record_award(
            kind=kinds["LDTT"], year=year, person=person_b, decision_number=f"{year}/B"
        )
    for unit in (org.a, org.a1, org.b, org.root):
        found = set(
            awards_in_scope(ReportFilter(unit=unit, year_from=year_from, year_to=year_to), None).values_list(
                "pk", flat=True
            )
        )
        assert found == _by_the_rule(unit, year_from, year_to), (unit.code, year_from, year_to)
    # the year of the move counts for both units
    moved = set(
        awards_in_scope(ReportFilter(unit=org.a, year_from=2021, year_to=2021), None).values_list(
            "person", flat=True
        )
    )
    assert person_a.pk in moved
