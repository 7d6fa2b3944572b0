"""Spreadsheet import of units and people: validation, idempotence, hostile files, access, the page."""

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tdkt.core.text import to_tcvn3
from tdkt.core.xlsx import FORMULA_MESSAGE
from tdkt.org import importing
from tdkt.org.models import Membership, Person, Position, Unit, UnitEvent, UnitKind, UnitVersion

pytestmark = pytest.mark.django_db

UNIT_HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Hiệu lực từ",
    "Hiệu lực đến",
]
PERSON_HEADERS = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Từ ngày"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(headers, rows) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def upload(buffer, name="du-lieu.xlsx") -> SimpleUploadedFile:
    data = buffer.getvalue() if hasattr(buffer, "getvalue") else buffer
    return SimpleUploadedFile(name, data, content_type=XLSX)


def unit_rows():
    # The child comes first: the import must create parents before children.
    return [
        ["A21", "Tổ Kiểm soát A21", "", "Tổ", "A2", "01/02/2021", None],
        ["A2", "Đội Kiểm soát A2", "ĐKS A2", "Đội", "A", date(2021, 1, 1), None],
    ]


def person_rows():
    return [
        ["A-101", "Lê Thị Hoa", "Nữ", "12/04/1990", "A1", "Đội trưởng", "01/03/2021"],
        ["A-102", "Phạm Văn Minh", "Nam", date(1988, 1, 5), "A", "", "1/3/21"],
    ]


def counts():
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        UnitEvent.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
        LogEntry.objects.count(),
    )


@pytest.fixture
def team_lead(db):
    return Position.objects.create(code="doi-truong", name="Đội trưởng", grade=3, is_leadership=True)


# Units -----------------------------------------------------------------------------------------------


def test_units_import_creates_parents_before_children(officer_a, org):
    result = importing.import_units(workbook(UNIT_HEADERS, unit_rows()), actor=officer_a, dry_run=False)

    assert result.ok and result.written, result.issues
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    a2, a21 = Unit.objects.get(code="A2"), Unit.objects.get(code="A21")
    assert a2.parent == org.a and a21.parent == a2
    assert a2.kind == UnitKind.TEAM and a2.short_name == "ĐKS A2" and a21.valid_from == date(2021, 2, 1)
    assert a21.versions.get().parent == a2
    assert LogEntry.objects.filter(actor=officer_a, object_repr="Tổ Kiểm soát A21").exists()


def test_units_dry_run_writes_nothing_but_counts(officer_a, org):
    before = counts()
    result = importing.import_units(workbook(UNIT_HEADERS, unit_rows()), actor=officer_a, dry_run=True)
    assert result.ok and not result.written
    assert result.created == 2
    assert counts() == before


def test_units_same_file_twice_changes_nothing(officer_a, org):
    importing.import_units(workbook(UNIT_HEADERS, unit_rows()), actor=officer_a, dry_run=False)
    before = counts()

    again = importing.import_units(workbook(UNIT_HEADERS, unit_rows()), actor=officer_a, dry_run=False)

    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts() == before


def test_unit_name_correction_updates_with_audit(officer_a, org):
    rows = [
        ["a1", "Đội Nghiệp vụ số 1", "", "doi", "A", "01/01/2020", None]
    ]  # code in another case, kind code
    result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=officer_a, dry_run=False)

    assert result.ok, result.issues
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    org.a1.refresh_from_db()
    assert org.a1.name == "Đội Nghiệp vụ số 1" and org.a1.code == "A1"
    assert org.a1.versions.get(valid_to__isnull=True).name == "Đội Nghiệp vụ số 1"
    assert LogEntry.objects.get_for_object(org.a1).filter(actor=officer_a).exists()


def test_units_headers_in_other_order_upper_case_without_diacritics(officer_a, org):
    headers = ["HIEU LUC TU", "ma don vi cap tren", "LOAI DON VI", "TEN DON VI", "Ma Don Vi"]
    rows = [["01/01/2022", "A", "Phòng", "Phòng Tổng hợp", "A-TH"]]
    result = importing.import_units(workbook(headers, rows), actor=officer_a, dry_run=False)
    assert result.ok, result.issues
    assert Unit.objects.get(code="A-TH").kind == UnitKind.OFFICE


def test_unit_row_with_three_errors_reports_all_and_writes_nothing(officer_a, org):
    rows = [
        ["A5", "Đội 5", "", "Đội", "A", "01/01/2022", None],  # valid, but must not be written either
        ["A6", None, "", "Tiểu đoàn", "A", "31/02/2022", None],  # name missing, unknown kind, impossible date
        ["A5", "Đội 5 bis", "", "Đội", "ZZZ", "01/01/2022", None],  # duplicate code, unknown parent
    ]
    before = counts()

    result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=officer_a, dry_run=False)

    assert not result.ok and not result.written
    found = {(i.row, i.column) for i in result.issues}
    assert {(3, "Tên đơn vị"), (3, "Loại đơn vị"), (3, "Hiệu lực từ")} <= found
    assert {(4, "Mã đơn vị"), (4, "Mã đơn vị cấp trên")} <= found
    assert all(i.message for i in result.issues)
    assert any("31/02/2022" in i.message for i in result.issues)
    assert counts() == before


def test_unit_outside_parent_validity_and_cycle(admin_user, org):
    rows = [
        ["X1", "Đơn vị X1", "", "Phòng", "A", "01/01/2019", None],  # before A existed (2020)
        ["C1", "Vòng 1", "", "Tổ", "C2", "01/01/2022", None],
        ["C2", "Vòng 2", "", "Tổ", "C1", "01/01/2022", None],
    ]
    result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=admin_user, dry_run=False)
    found = {(i.row, i.column) for i in result.issues}
    assert (2, "Hiệu lực từ") in found
    assert {(3, "Mã đơn vị cấp trên"), (4, "Mã đơn vị cấp trên")} <= found
    assert not Unit.objects.filter(code__in=["X1", "C1", "C2"]).exists()


def test_existing_unit_cannot_be_moved_by_import(admin_user, org):
    rows = [["A1", "Đội Nghiệp vụ A1", "", "Đội", "B", "01/01/2020", None]]
    result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=admin_user, dry_run=False)
    assert [(i.row, i.column) for i in result.issues] == [(2, "Mã đơn vị cấp trên")]
    org.a1.refresh_from_db()
    assert org.a1.parent == org.a


def test_historical_unit_is_created_and_dissolved(admin_user, org):
    rows = [["A9", "Đội cũ A9", "", "Đội", "A", "01/01/2020", "01/01/2022"]]
    result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=admin_user, dry_run=False)
    assert result.ok, result.issues
    assert Unit.objects.get(code="A9").valid_to == date(2022, 1, 1)
    again = importing.import_units(workbook(UNIT_HEADERS, rows), actor=admin_user, dry_run=False)
    assert again.unchanged == 1


def test_officer_imports_units_only_in_their_subtree(officer_a, outsider_b, org):
    rows = [
        ["B7", "Đội B7", "", "Đội", "B", "01/01/2022", None],
        ["TOP", "Cục mới", "", "Cục", None, "01/01/2022", None],
    ]
    result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=officer_a, dry_run=False)
    assert {(i.row, i.column) for i in result.issues} == {
        (2, "Mã đơn vị cấp trên"),
        (3, "Mã đơn vị cấp trên"),
    }
    assert "phạm vi" in result.issues[0].message
    # Nor may an outsider rename a unit of A.
    rename = [["A1", "Tên khác", "", "Đội", "A", "01/01/2020", None]]
    result = importing.import_units(workbook(UNIT_HEADERS, rename), actor=outsider_b, dry_run=False)
    assert [(i.row, i.column) for i in result.issues] == [(2, "Mã đơn vị")]
    assert not Unit.objects.filter(code__in=["B7", "TOP"]).exists()
    org.a1.refresh_from_db()
    assert org.a1.name == "Đội Nghiệp vụ A1"


# People ----------------------------------------------------------------------------------------------


def test_people_import_creates_people_with_membership(officer_a, org, team_lead):
    result = importing.import_people(workbook(PERSON_HEADERS, person_rows()), actor=officer_a, dry_run=False)

    assert result.ok, result.issues
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    hoa = Person.objects.get(staff_code="A-101")
    assert (hoa.family_name, hoa.middle_name, hoa.given_name, hoa.gender) == ("Lê", "Thị", "Hoa", "nu")
    assert hoa.date_of_birth == date(1990, 4, 12)
    membership = hoa.memberships.get()
    assert (membership.unit, membership.position, membership.valid_from) == (
        org.a1,
        team_lead,
        date(2021, 3, 1),
    )
    minh = Person.objects.get(staff_code="A-102")
    assert minh.memberships.get().valid_from == date(2021, 3, 1) and minh.memberships.get().position is None


def test_people_same_file_twice_changes_nothing(officer_a, org, team_lead):
    importing.import_people(workbook(PERSON_HEADERS, person_rows()), actor=officer_a, dry_run=False)
    before = counts()
    again = importing.import_people(workbook(PERSON_HEADERS, person_rows()), actor=officer_a, dry_run=False)
    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts() == before


def test_people_changed_row_updates_through_services(officer_a, org, person_a, team_lead):
    rows = [
        ["A-001", "Nguyễn Văn Ân", "Nam", "12/04/1985", "A1", "doi-truong", "01/01/2020"],  # name, position
        ["A-001", "Nguyễn Văn Ân", "Nam", "12/04/1985", "A", "", "01/06/2023"],
    ]  # moves to A
    result = importing.import_people(workbook(PERSON_HEADERS, rows[:1]), actor=officer_a, dry_run=False)
    assert result.ok, result.issues
    assert result.updated == 1
    person_a.refresh_from_db()
    assert person_a.given_name == "Ân" and person_a.memberships.get().position == team_lead
    assert LogEntry.objects.get_for_object(person_a).filter(actor=officer_a).exists()
    # A transfer: a later start in another unit ends the current membership.
    result = importing.import_people(workbook(PERSON_HEADERS, rows[1:]), actor=officer_a, dry_run=False)
    assert result.ok and result.updated == 1, result.issues
    assert person_a.memberships.get(valid_to__isnull=True).unit == org.a
    assert person_a.memberships.get(unit=org.a1).valid_to == date(2023, 6, 1)


def test_people_matched_by_name_and_birth_date_without_code(officer_a, org):
    rows = [[None, "Võ Thị Lan", "Nữ", "02/09/1992", "A1", None, "01/01/2021"]]
    first = importing.import_people(workbook(PERSON_HEADERS, rows), actor=officer_a, dry_run=False)
    rows_nfd = [[None, "VÕ THỊ LAN", "nu", date(1992, 9, 2), "a1", None, date(2021, 1, 1)]]
    second = importing.import_people(workbook(PERSON_HEADERS, rows_nfd), actor=officer_a, dry_run=False)
    assert first.created == 1
    assert second.ok and second.created == 0, second.issues
    assert Person.objects.filter(date_of_birth=date(1992, 9, 2)).count() == 1


def test_people_with_separate_name_columns_in_any_order_and_case(officer_a, org):
    headers = ["TU NGAY", "ma don vi", "TEN", "ten dem", "HO", "gioi tinh", "NGAY SINH", "ma can bo"]
    rows = [["01/01/2022", "A1", "Tâm", "Minh", "Đỗ", "NAM", "03/03/1991", "A-200"]]
    result = importing.import_people(workbook(headers, rows), actor=officer_a, dry_run=False)
    assert result.ok, result.issues
    assert Person.objects.get(staff_code="A-200").full_name == "Đỗ Minh Tâm"


def test_person_row_with_three_errors_reports_all_and_writes_nothing(officer_a, org, team_lead):
    rows = [
        person_rows()[0],  # valid, but must not be written
        ["A-103", "Trần Văn Bảo", "X", "31/13/1990", "KHONG-CO", "", "01/01/2022"],
    ]
    before = counts()

    result = importing.import_people(workbook(PERSON_HEADERS, rows), actor=officer_a, dry_run=False)

    assert not result.ok
    assert sorted((i.row, i.column) for i in result.issues) == [
        (3, "Giới tính"),
        (3, "Mã đơn vị"),
        (3, "Ngày sinh"),
    ]
    assert counts() == before


def test_membership_date_outside_unit_validity(officer_a, org):
    rows = [["A-300", "Hồ Văn Sơn", "Nam", "01/01/1980", "A1", "", "01/01/2019"]]  # A1 exists from 2020
    result = importing.import_people(workbook(PERSON_HEADERS, rows), actor=officer_a, dry_run=False)
    assert [(i.row, i.column) for i in result.issues] == [(2, "Từ ngày")]
    assert "01/01/2020" in result.issues[0].message


def test_people_duplicates_and_unknown_position(officer_a, org):
    rows = [
        ["A-400", "Mai Văn Tú", "Nam", "01/01/1980", "A1", "Thủ trưởng", "01/01/2021"],
        ["a-400", "Mai Văn Tú", "Nam", "01/01/1980", "A1", "", "01/01/2021"],
        [None, "Mai Văn Tư", "Nam", None, "A1", "", "01/01/2021"],
    ]
    result = importing.import_people(workbook(PERSON_HEADERS, rows), actor=officer_a, dry_run=False)
    found = {(i.row, i.column) for i in result.issues}
    assert found == {(2, "Chức vụ"), (3, "Mã cán bộ"), (4, "Ngày sinh")}


def test_outsider_cannot_import_people_into_another_unit(outsider_b, org, person_a):
    rows = [
        ["B-200", "Đặng Văn Hùng", "Nam", "01/01/1980", "A1", "", "01/01/2021"],
        ["A-001", "Nguyễn Văn An", "Nam", "12/04/1985", "B", "", "01/01/2024"],
    ]  # a person of A, into B
    before = counts()
    result = importing.import_people(workbook(PERSON_HEADERS, rows), actor=outsider_b, dry_run=False)
    assert [(i.row, i.column) for i in result.issues] == [(2, "Mã đơn vị"), (3, "Mã cán bộ")]
    assert "phạm vi" in result.issues[0].message
    assert counts() == before


def test_tcvn3_legacy_text_is_converted(officer_a, org):
    names = ["Nguyễn Thị Hương", "Trần Đức Thắng", "Phạm Quỳnh Anh"]
    rows = [
        [f"T-{i}", to_tcvn3(name), to_tcvn3("Nữ"), "01/01/1990", "A1", None, "01/01/2021"]
        for i, name in enumerate(names)
    ]
    result = importing.import_people(
        workbook([to_tcvn3(h) for h in PERSON_HEADERS], rows), actor=officer_a, dry_run=False
    )
    assert result.ok, result.issues
    assert sorted(
        Person.objects.filter(staff_code__startswith="T-").values_list("full_name", flat=True)
    ) == sorted(names)


# Broken and hostile files ----------------------------------------------------------------------------


def test_formula_cells_are_refused(officer_a, org):
    rows = [["A7", "Đội 7", "", "Đội", "A", "=TODAY()", None]]
    before = counts()
    result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=officer_a, dry_run=False)
    assert [(i.row, i.column) for i in result.issues] == [(2, "Hiệu lực từ")]
    assert FORMULA_MESSAGE in result.issues[0].message
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Ma don vi,Ten don vi\nA8,Doi 8\n", "không phải bảng tính"),  # a text file renamed .xlsx
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),  # Excel 97-2003
        (b"", "rỗng"),
        (b"PK\x03\x04 broken zip", "hỏng"),
    ],
)
def test_broken_files_get_a_clear_message(officer_a, org, content, expected):
    result = importing.import_units(io.BytesIO(content), actor=officer_a, dry_run=False)
    assert not result.ok and expected in result.error


def test_zip_bomb_is_refused(officer_a, org):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    result = importing.import_units(io.BytesIO(buffer.getvalue()), actor=officer_a, dry_run=False)
    assert not result.ok and "nén" in result.error


def test_huge_file_is_refused(officer_a, org):
    result = importing.import_units(
        workbook(UNIT_HEADERS, unit_rows()), actor=officer_a, dry_run=False, max_bytes=1024
    )
    assert "quá lớn" in result.error


def test_empty_sheet_and_missing_columns(officer_a, org):
    empty = importing.import_units(workbook(UNIT_HEADERS, []), actor=officer_a, dry_run=False)
    assert "không có dòng dữ liệu" in empty.error
    missing = importing.import_units(
        workbook(["Mã đơn vị", "Loại đơn vị", "Hiệu lực từ"], [["A8", "Đội", "1/1/22"]]),
        actor=officer_a,
        dry_run=False,
    )
    assert "Tên đơn vị" in missing.error
    no_name = importing.import_people(
        workbook(["Mã cán bộ", "Giới tính", "Mã đơn vị", "Từ ngày"], [["X", "Nam", "A1", "1/1/22"]]),
        actor=officer_a,
        dry_run=False,
    )
    assert "Họ và tên" in no_name.error


# The page --------------------------------------------------------------------------------------------


def test_import_page_works_for_an_officer(as_user, officer_a, org):
    client = as_user(officer_a)
    page = client.get(reverse("org:import"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kiểm tra" in html and "Nhập" in html and 'hx-post="/import/"' in html
    assert " style=" not in html and "<script>" not in html

    check = client.post(
        reverse("org:import"),
        {"kind": "units", "action": "check", "file": upload(workbook(UNIT_HEADERS, unit_rows()))},
        HTTP_HX_REQUEST="true",
    )
    assert check.status_code == 200
    fragment = check.content.decode()
    assert "<html" not in fragment and 'data-count="created">2<' in fragment
    assert not Unit.objects.filter(code="A2").exists()

    done = client.post(
        reverse("org:import"),
        {"kind": "units", "action": "import", "file": upload(workbook(UNIT_HEADERS, unit_rows()))},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-count="created">2<' in done.content.decode() and "Đã nhập xong" in done.content.decode()
    assert Unit.objects.filter(code__in=["A2", "A21"]).count() == 2


def test_import_page_wrong_method(as_user, officer_a):
    client = as_user(officer_a)
    assert client.put(reverse("org:import")).status_code == 405
    assert client.post(reverse("org:import_template", args=["units"])).status_code == 405


def test_import_page_no_access(as_user, client, staff_a, leader_a):
    url = reverse("org:import")
    assert client.get(url).status_code == 302  # anonymous: to the log-in page
    assert as_user(staff_a).get(url).status_code == 404
    assert as_user(leader_a).get(reverse("org:import_template", args=["units"])).status_code == 404


def test_hostile_upload_on_the_page_is_a_message_not_a_500(as_user, officer_a):
    client = as_user(officer_a)
    response = client.post(
        reverse("org:import"),
        {"kind": "people", "action": "import", "file": upload(b"not a spreadsheet", "ca-bo.xlsx")},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode() and "không phải bảng tính" in response.content.decode()
    missing = client.post(
        reverse("org:import"), {"kind": "people", "action": "check"}, HTTP_HX_REQUEST="true"
    )
    assert "Hãy chọn tệp Excel" in missing.content.decode()


def test_error_report_downloads_and_opens(as_user, client, officer_a, admin_user, org):
    rows = [["A6", None, "", "Tiểu đoàn", "A", "31/02/2022", None]]
    officer = as_user(officer_a)
    response = officer.post(
        reverse("org:import"),
        {"kind": "units", "action": "check", "file": upload(workbook(UNIT_HEADERS, rows))},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Tải báo cáo lỗi" in html
    report_url = html.split('href="/import/report/')[1].split('"')[0]
    report = officer.get("/import/report/" + report_url)
    assert report.status_code == 200 and report["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).active
    table = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0] == ("Dòng", "Cột", "Nội dung lỗi")
    assert {(r[0], r[1]) for r in table[1:]} == {(2, "Tên đơn vị"), (2, "Loại đơn vị"), (2, "Hiệu lực từ")}
    assert officer.get(reverse("org:import_report", args=["khong-co"])).status_code == 404
    client.logout()
    assert as_user(admin_user).get("/import/report/" + report_url).status_code == 404  # another session


@pytest.mark.parametrize("kind", ["units", "people"])
def test_templates_download_and_import_back(as_user, admin_user, org, kind):
    client = as_user(admin_user)
    response = client.get(reverse("org:import_template", args=[kind]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert headers == [c.header_vi for c in importing.COLUMNS[kind]]
    if kind == "people":  # its example belongs to the unit of the units template
        units = client.get(reverse("org:import_template", args=["units"])).content
        assert importing.import_units(io.BytesIO(units), actor=admin_user, dry_run=False).ok
    result = importing.run_import(kind, io.BytesIO(response.content), actor=admin_user, dry_run=False)
    assert result.ok and result.created >= 1, result.issues
    assert client.get(reverse("org:import_template", args=["khac"])).status_code == 404


def test_service_api_reads_a_path(tmp_path, admin_user, org):
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(workbook(UNIT_HEADERS, unit_rows()).getvalue())
    result = importing.import_units(str(path), actor=admin_user, dry_run=False)
    assert result.created == 2


def test_person_imported_without_code_gets_it_later(officer_a, org):
    without = [[None, "Võ Thị Lan", "Nữ", "02/09/1992", "A1", None, "01/01/2021"]]
    importing.import_people(workbook(PERSON_HEADERS, without), actor=officer_a, dry_run=False)
    with_code = [["A-500", "Võ Thị Lan", "Nữ", "02/09/1992", "A1", None, "01/01/2021"]]
    result = importing.import_people(workbook(PERSON_HEADERS, with_code), actor=officer_a, dry_run=False)
    assert (result.created, result.updated) == (0, 1), result.issues
    assert Person.objects.get(date_of_birth=date(1992, 9, 2)).staff_code == "A-500"


def test_vietnamese_kind_labels_whatever_the_interface_language(officer_a, org):
    rows = [["A-VP", "Văn phòng A", "", "Văn phòng", "A", "01/01/2022", None]]
    with translation.override("en"):
        result = importing.import_units(workbook(UNIT_HEADERS, rows), actor=officer_a, dry_run=False)
    assert result.ok, result.issues
    assert Unit.objects.get(code="A-VP").kind == UnitKind.STAFF_BODY


def test_import_page_without_htmx_returns_the_whole_page(as_user, officer_a, org):
    response = as_user(officer_a).post(
        reverse("org:import"),
        {"kind": "units", "action": "check", "file": upload(workbook(UNIT_HEADERS, unit_rows()))},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html and 'data-count="created">2<' in html
