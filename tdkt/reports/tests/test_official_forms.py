"""The official forms 0602 and 0603.N/BNV-TĐKT, cell by cell, against a history counted by hand.

The history (decided in 2025 unless said otherwise), for the subtree of sub-department A, into which
sub-department M was merged on 1/3/2025:
- Huân chương Lao động hạng Ba: to a Phó Chi cục trưởng of A (lãnh đạo khác) and to collective A1;
- Bằng khen của Thủ tướng: to a civil servant of M (direct worker), decided 10/2/2025 before the merger;
- Chiến sĩ thi đua toàn quốc: to a Phó Cục trưởng of A (lãnh đạo cấp vụ), ad hoc;
- Bằng khen của bộ: to A and to the civil servant of M; Chiến sĩ thi đua cấp bộ: to the Phó Chi cục trưởng;
  Tập thể lao động xuất sắc to A (not a column of 0603);
- outside the report: a Bằng khen of the Thủ tướng decided in 2024; a Bằng khen of the bộ to unit B;
  a revoked Bằng khen of the bộ; a Bằng khen of the bộ with no decision date (listed as incomplete);
- one Huân chương imported without its recipient class (listed as incomplete, not guessed).
"""

from datetime import date

import pytest
from openpyxl import load_workbook

from conftest import login
from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind
from tdkt.org import services as org_services
from tdkt.org.models import Position
from tdkt.reports.official import FORMS, cell_records, compute, incomplete_records

pytestmark = pytest.mark.django_db


def kind(code):
    return AwardKind.objects.get(code=code)


@pytest.fixture
def history(org):
    post = {
        code: Position.objects.get_or_create(
            code=code, defaults={"name": code, "grade": g, "is_leadership": lead}
        )[0]
        for code, g, lead in [
            ("pho_chi_cuc_truong", 50, True),
            ("pho_cuc_truong", 70, True),
            ("cong_chuc", 10, False),
        ]
    }
    merged = org_services.create_unit(
        code="M", name="Chi cục Hải quan M", kind="chi_cuc", parent=org.root, valid_from=date(2020, 1, 1)
    )

    def person(given, unit, position):
        return org_services.create_person(
            family_name="Nguyễn",
            middle_name="Văn",
            given_name=given,
            gender="nam",
            unit=unit,
            position=post[position],
            since=date(2020, 1, 1),
        )

    deputy = person("An", org.a, "pho_chi_cuc_truong")
    director = person("Bình", org.a, "pho_cuc_truong")
    worker_m = person("Cường", merged, "cong_chuc")
    outsider = person("Dũng", org.b, "cong_chuc")
    org_services.merge_units(units=[merged], into=org.a, parent=org.root, on=date(2025, 3, 1))
    stranger = org_services.create_person(family_name="Trần", middle_name="Thị", given_name="Em", gender="nu")

    d = date(2025, 6, 1)
    record = awards.record_award
    record(kind=kind("HCLD3"), year=2024, person=deputy, decision_number="1/QĐ-CTN", decision_date=d)
    record(kind=kind("HCLD3"), year=2024, unit=org.a1, decision_number="1/QĐ-CTN", decision_date=d)
    record(
        kind=kind("BK_TTG"),
        year=2024,
        person=worker_m,
        decision_number="2/QĐ-TTg",
        decision_date=date(2025, 2, 10),
    )
    record(
        kind=kind("CSTD_TQ"),
        year=2024,
        person=director,
        decision_number="3/QĐ-TTg",
        decision_date=d,
        award_type="dot_xuat",
    )
    record(kind=kind("BK_BO"), year=2024, unit=org.a, decision_number="10/QĐ-BTC", decision_date=d)
    record(kind=kind("BK_BO"), year=2024, person=worker_m, decision_number="10/QĐ-BTC", decision_date=d)
    record(kind=kind("CSTD_BO"), year=2024, person=deputy, decision_number="11/QĐ-BTC", decision_date=d)
    record(kind=kind("TTLDXS"), year=2024, unit=org.a, decision_number="12/QĐ-BTC", decision_date=d)
    # Outside: another year, another subtree, revoked.
    record(
        kind=kind("BK_TTG"),
        year=2023,
        person=deputy,
        decision_number="9/QĐ-TTg",
        decision_date=date(2024, 5, 1),
    )
    record(kind=kind("BK_BO"), year=2024, person=outsider, decision_number="10/QĐ-BTC", decision_date=d)
    revoked = record(
        kind=kind("BK_BO"), year=2024, person=director, decision_number="13/QĐ-BTC", decision_date=d
    )
    awards.revoke_award(award=revoked, reason="Khai man thành tích")
    # Incomplete: no decision date; no recipient class.
    record(kind=kind("BK_BO"), year=2025, person=director, decision_number="14/QĐ-BTC")
    org_services.add_membership(
        person=stranger, unit=org.a, position=post["cong_chuc"], valid_from=date(2020, 1, 1)
    )
    record(
        kind=kind("HCLD3"),
        year=2020,
        person=stranger,
        decision_number="1/QĐ-CTN",
        decision_date=d,
        recipient_class="",
    )
    return org


def test_form_0602_counts_state_awards_by_column_recipient_and_type(history):
    result = compute(FORMS["0602"], history.a, 2025, None)
    assert [c.code for c in result.columns][:5] == ["1", "2.1", "2.2", "2.3", "2.4"]  # as printed
    hcld3, hcld3_person = [c.code for c in result.columns if c.group == "Huân chương Lao động hạng Ba"]
    assert result.cell("01", "1") == 5  # two HCLĐ3 + stranger's HCLĐ3, BK TTg, CSTĐTQ
    assert (result.cell("01", hcld3), result.cell("01", hcld3_person)) == (1, 2)
    assert (result.cell("01", "7.1"), result.cell("01", "7.2"), result.cell("01", "8")) == (0, 1, 1)
    assert result.cell("02", "1") == 5 and result.cell("03", "1") == 0  # a ministry sector submits
    assert result.cell("06", "1") == 1 and result.cell("07", "1") == 0  # the collective A1
    assert result.cell("09", "1") == 3  # the stranger has no class: not counted among individuals
    assert (result.cell("11", "1"), result.cell("13", "1"), result.cell("14", "1")) == (1, 1, 1)
    assert result.cell("15", "1") == 4 and result.cell("17", "1") == 1  # merit, and one ad hoc
    assert [(gap.field, gap.count) for gap in result.incomplete] == [("recipient", 1)]


def test_form_0603_counts_only_its_columns_and_lists_what_it_cannot_place(history):
    result = compute(FORMS["0603"], history.a, 2025, None)
    assert [result.cell("01", c) for c in "12345"] == [3, 2, 1, 0, 0]  # TTLĐXS, B's, revoked: out
    assert (result.cell("02", "1"), result.cell("05", "1")) == (1, 2)
    assert (result.cell("07", "2"), result.cell("09", "3"), result.cell("10", "2")) == (0, 1, 1)
    assert [(gap.field, gap.count) for gap in result.incomplete] == [("period", 1)]
    undated = incomplete_records(FORMS["0603"], history.a, 2025, None, "period")
    assert [a.decision_number for a in undated] == ["14/QĐ-BTC"]


def test_a_merged_unit_counts_in_its_successor_before_and_after_the_merger(history):
    """The Bằng khen of the Thủ tướng to M's civil servant was decided before M joined A."""
    records = cell_records(FORMS["0602"], history.a, 2025, None, row="14", column="7.2")
    assert [a.person.given_name for a in records] == ["Cường"]


def test_each_cell_leads_to_exactly_the_records_it_counts(history):
    form = FORMS["0602"]
    result = compute(form, history.a, 2025, None)
    for row in form.rows:
        for column in result.columns:
            records = cell_records(form, history.a, 2025, None, row=row.code, column=column.code)
            assert records.count() == result.cell(row.code, column.code), (row.code, column.code)


def test_a_user_sees_only_the_awards_within_their_units(history):
    result = compute(FORMS["0603"], history.root, 2025, {history.b.pk})
    assert result.cell("01", "1") == 1  # only B's Bằng khen of the bộ


def test_the_spreadsheet_has_the_official_layout(history):
    from tdkt.reports.official_xlsx import form_xlsx

    result = compute(FORMS["0603"], history.a, 2025, None)
    import io

    ws = load_workbook(io.BytesIO(form_xlsx(result, reporting_unit="Chi cục Hải quan A"))).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Biểu số: 0603.N/BNV-TĐKT" in texts
    assert any("15 tháng 12" in t for t in texts)
    assert any("Bộ Nội vụ" in t for t in texts)
    assert "Năm 2025" in texts
    header = [ws.cell(row=7, column=c).value for c in range(1, 9)]
    assert header == ["A", "B", "C", "1", "2", "3", "4", "5"]
    total = [ws.cell(row=8, column=c).value for c in range(1, 9)]
    assert total[1:] == ["01", "Lượt", 3, 2, 1, 0, 0]
    assert any("Ngày quyết định" in t for t in texts)  # the incomplete list


# --- the page, the drill-down, the export, the API and the command line --------------------------------


def test_the_page_shows_each_cell_as_a_link_to_its_records(client, history, officer_a):
    login(client, officer_a)
    page = client.get(f"/reports/forms/0603/?unit={history.a.pk}&year=2025")
    assert page.status_code == 200
    html = page.content.decode()
    assert "0603.N/BNV-TĐKT" in html
    assert f"/reports/forms/0603/records/?unit={history.a.pk}&amp;year=2025&amp;row=10&amp;col=2" in html
    records = client.get(f"/reports/forms/0603/records/?unit={history.a.pk}&year=2025&row=10&col=2")
    assert records.status_code == 200
    assert "Cường" in records.content.decode() and "Bình" not in records.content.decode()
    gaps = client.get(f"/reports/forms/0603/records/?unit={history.a.pk}&year=2025&missing=period")
    assert "14/QĐ-BTC" in gaps.content.decode()


def test_an_outsider_cannot_open_a_form_of_a_unit_they_do_not_see(client, history, outsider_b):
    login(client, outsider_b)
    page = client.get(f"/reports/forms/0603/?unit={history.a.pk}&year=2025")
    assert "official-table" not in page.content.decode()  # the unit is not a choice: the form is invalid
    assert client.get(f"/reports/forms/0603/records/?unit={history.a.pk}&year=2025&row=01").status_code == 404
    assert client.get(f"/api/reports/forms/0603/?unit={history.a.pk}&year=2025").status_code == 404


def test_an_unknown_form_or_cell_is_not_found(client, history, officer_a):
    login(client, officer_a)
    assert client.get("/reports/forms/0699/").status_code == 404
    url = f"/reports/forms/0603/records/?unit={history.a.pk}&year=2025&row=99"
    assert client.get(url).status_code == 404


def test_the_export_is_the_form_as_xlsx(client, history, officer_a):
    import io

    login(client, officer_a)
    response = client.get(f"/reports/forms/0602/export.xlsx?unit={history.a.pk}&year=2025")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    assert client.get("/reports/forms/0602/export.xlsx?year=2025").status_code == 400


def test_the_api_gives_the_cells_and_the_gaps(client, history, officer_a):
    login(client, officer_a)
    data = client.get(f"/api/reports/forms/0603/?unit={history.a.pk}&year=2025").json()
    assert data["form"] == "0603.N/BNV-TĐKT"
    total = next(row for row in data["rows"] if row["code"] == "01")
    assert total["cells"] == {"1": 3, "2": 2, "3": 1, "4": 0, "5": 0}
    assert data["incomplete"] == [{"field": "period", "label": data["incomplete"][0]["label"], "count": 1}]
    assert client.get(f"/api/reports/forms/0603/?unit={history.a.pk}&year=1900").status_code == 400


def test_the_command_writes_the_form_and_refuses_unknown_units_and_years(history, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "0603.xlsx"
    call_command(
        "reports", "form", "0603", "--unit", "chi cuc hai quan a", "--year", "2025", "--out", str(out)
    )
    assert load_workbook(out).active["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    for args in (
        ["--unit", "Không có", "--year", "2025"],
        ["--unit", "Chi cục Hải quan A", "--year", "1800"],
    ):
        with pytest.raises(SystemExit) as exit_:
            call_command("reports", "form", "0603", *args, "--out", str(tmp_path / "x.xlsx"))
        assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "reports", "form", "0699", "--unit", "Chi cục Hải quan A", "--year", "2025", "--out", "x"
        )
    assert exit_.value.code == 2


def test_filling_the_dimensions_never_overwrites_a_recorded_value(history):
    from tdkt.awards.models import Award

    award = Award.objects.get(decision_number="1/QĐ-CTN", person__given_name="Em")
    assert award.recipient_class == ""
    Award.objects.filter(pk=award.pk).update(recipient_class="doanh_nhan")
    Award.objects.filter(decision_number="11/QĐ-BTC").update(recipient_class="")
    assert awards.fill_report_dimensions() == 1
    assert Award.objects.get(pk=award.pk).recipient_class == "doanh_nhan"
    assert Award.objects.get(decision_number="11/QĐ-BTC").recipient_class == "lanh_dao_khac"


# --- form 0601: movements -----------------------------------------------------------------------------


@pytest.fixture
def movements(org):
    """Launched in 2025 in A's subtree: a one-year regular movement of A, a three-month thematic one of team
    A1 (cluster scope); a 2021–2025 phase launched by A in 2021; a draft of A; a movement of B."""
    from tdkt.movements import services as movements

    def launched(unit, name, start, end, on, **fields):
        movement = movements.create_movement(
            launching_unit=unit, name=name, starts_on=start, ends_on=end, **fields
        )
        return movements.launch_movement(movement=movement, on=on)

    launched(org.a, "Thi đua năm 2025", date(2025, 1, 1), date(2025, 12, 31), date(2025, 1, 10))
    launched(
        org.a1,
        "Trăm ngày thông quan nhanh",
        date(2025, 3, 1),
        date(2025, 5, 31),
        date(2025, 2, 20),
        kind="chuyen_de",
        scope="cum_khoi",
    )
    launched(
        org.a, "Giai đoạn 2021–2025", date(2021, 1, 1), date(2025, 12, 31), date(2021, 1, 5), kind="giai_doan"
    )
    launched(org.b, "Thi đua của B", date(2025, 1, 1), date(2025, 12, 31), date(2025, 1, 10))
    movements.create_movement(
        launching_unit=org.a, name="Dự thảo", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)
    )
    return org


def test_form_0601_counts_the_movements_launched_in_the_year_by_scope_duration_and_method(movements):
    result = compute(FORMS["0601"], movements.a, 2025, None)
    assert [result.cell("01", c) for c in "1234"] == [2, 0, 0, 2]  # both launched by the agency's units
    assert (result.cell("04", "1"), result.cell("05", "1")) == (1, 1)  # cluster scope; unit scope
    assert (result.cell("06", "1"), result.cell("07", "1")) == (1, 1)  # three months; one year
    assert (result.cell("11", "1"), result.cell("12", "1")) == (1, 1)  # thematic; regular
    records = cell_records(FORMS["0601"], movements.a, 2025, None, row="11", column="1")
    assert [m.name for m in records] == ["Trăm ngày thông quan nhanh"]
    assert compute(FORMS["0601"], movements.a, 2021, None).cell("10", "1") == 1  # the five-year phase


def test_form_0601_page_drills_down_to_the_movements(client, movements, officer_a):
    login(client, officer_a)
    page = client.get(f"/reports/forms/0601/records/?unit={movements.a.pk}&year=2025&row=01&col=1")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Thi đua năm 2025" in html and "Trăm ngày thông quan nhanh" in html and "Thi đua của B" not in html


def test_the_command_writes_form_0601_from_the_movements(movements, tmp_path, capsys):
    from django.core.management import call_command

    out = tmp_path / "0601.xlsx"
    call_command(
        "reports", "form", "0601", "--unit", "Chi cục Hải quan A", "--year", "2025", "--out", str(out)
    )
    assert "tổng số 2 phong trào" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert ws["A1"].value == "Biểu số: 0601.N/BNV-TĐKT"
    by_code = {row[1]: row for row in ws.iter_rows(min_row=8, values_only=True) if row[1]}
    # Launched in 2025 in A's subtree: A's one-year movement and A1's thematic one (B's and the draft are not).
    assert by_code["01"][2:7] == ("Phong trào", 2, 0, 0, 2)  # total; both launched by units of the agency
    assert by_code["04"][3] == 1  # A1's movement is of cluster scope
    assert by_code["07"][3] == 1  # A's movement lasts one year
