"""The movement pages: work for who may use them, refuse the wrong method, 404 for outsiders, stay paged."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import login
from tdkt.core.text import format_date
from tdkt.movements import services
from tdkt.movements.models import Actual, Movement, Registration, Target, UnitNotification

pytestmark = pytest.mark.django_db
START = timezone.localdate()


def _xlsx(rows) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã cán bộ", "Năm", "Mã chỉ tiêu", "Kỳ", "Kết quả", "Ghi chú"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "ket-qua.xlsx"
    return buffer


def test_an_officer_drafts_and_launches_a_movement(client, org, officer_a):
    login(client, officer_a)
    assert client.get(reverse("movements:movement_list")).status_code == 200
    response = client.post(
        reverse("movements:movement_list"),
        {
            "name": "Phong trào thi đua thực hiện văn hóa công sở",
            "slogan": "Kỷ cương – Văn hóa",
            "kind": "chuyen_de",
            "scope": "co_quan",
            "level": "co_quan_don_vi",
            "launching_unit": org.a.pk,
            "participants_mode": "subtree",
            "starts_on": START.isoformat(),
            "ends_on": (START + timedelta(days=110)).isoformat(),
            "directive_documents": "Quyết định số 1847/QĐ-TTg\nKế hoạch số 01/KH-HQ",
        },
    )
    movement = Movement.objects.get()
    assert response.status_code == 302 and movement.launching_unit == org.a
    page = client.get(reverse("movements:movement_detail", args=[movement.pk])).content.decode()
    assert "Kỷ cương – Văn hóa" in page and "Quyết định số 1847/QĐ-TTg" in page and format_date(START) in page
    assert client.get(reverse("movements:movement_launch", args=[movement.pk])).status_code == 405
    client.post(reverse("movements:movement_launch", args=[movement.pk]))
    movement.refresh_from_db()
    assert movement.status == "launched"
    assert set(UnitNotification.objects.values_list("unit__code", flat=True)) == {"A", "A1"}
    notices = client.get(reverse("movements:notifications")).content.decode()
    assert "văn hóa công sở" in notices


def test_a_bad_movement_form_shows_a_message_and_writes_nothing(client, org, officer_a):
    login(client, officer_a)
    response = client.post(
        reverse("movements:movement_list"),
        {
            "name": "X",
            "kind": "chuyen_de",
            "scope": "co_quan",
            "level": "co_quan_don_vi",
            "launching_unit": org.a.pk,
            "participants_mode": "subtree",
            "starts_on": "2020-05-01",
            "ends_on": "2020-04-01",
        },
        follow=True,
    )
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in response.content.decode()
    assert not Movement.objects.exists()


def test_outsiders_get_404_and_non_officers_403(client, org, launched, outsider_b, leader_a):
    own = services.create_movement(
        launching_unit=org.a, name="Của A", starts_on=date(2020, 1, 1), ends_on=date(2020, 6, 30)
    )
    login(client, outsider_b)
    # B takes part in HQ's movement, so it sees it; A's own draft is not B's business
    assert client.get(reverse("movements:movement_detail", args=[launched.pk])).status_code == 200
    assert client.get(reverse("movements:movement_detail", args=[own.pk])).status_code == 404
    assert client.post(reverse("movements:movement_launch", args=[own.pk])).status_code == 404
    assert client.get(reverse("movements:register", args=[launched.pk, org.a.pk])).status_code == 404
    login(client, leader_a)
    assert client.get(reverse("movements:movement_detail", args=[own.pk])).status_code == 200
    assert client.post(reverse("movements:movement_launch", args=[own.pk])).status_code == 403
    assert client.get(reverse("movements:register", args=[launched.pk, org.a.pk])).status_code == 403


def test_a_unit_registers_through_the_page(client, org, launched, officer_a, person_a, settings):
    login(client, officer_a)
    url = reverse("movements:register", args=[launched.pk, org.a.pk])
    # the deadline of the fixture is past today, so move it
    Movement.objects.filter(pk=launched.pk).update(registration_deadline=None)
    page = client.get(url).content.decode()
    assert "Nguyễn Văn An" in page
    from tdkt.awards.models import AwardKind

    txs = AwardKind.objects.get(code="TTLDXS")
    response = client.post(
        url,
        {
            "year": 2020,
            "pledge": "Hoàn thành xuất sắc nhiệm vụ",
            "collective": [txs.pk],
            f"person_{person_a.pk}": "CSTDCS",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    detail = client.get(reverse("movements:registration_detail", args=[registration.pk])).content.decode()
    assert "Tập thể lao động xuất sắc" in detail and "Chiến sĩ thi đua cơ sở" in detail
    assert "Nguyễn Văn An" in detail


def test_targets_actuals_and_the_leaderboard(client, org, officer_a, outsider_b):
    login(client, officer_a)
    response = client.post(
        reverse("movements:target_list"),
        {
            "unit": org.a.pk,
            "year": 2019,
            "code": "thu_nsnn",
            "name": "Thu ngân sách",
            "measure": "thu_nsnn",
            "unit_label": "tỷ đồng",
            "planned": "108.800",
            "period": "month",
            "aggregation": "sum",
            "higher_is_better": "on",
        },
    )
    target = Target.objects.get()
    assert response.status_code == 302 and target.code == "THU_NSNN"
    client.post(reverse("movements:actual_save", args=[target.pk]), {"period": 8, "value": "76.508"})
    page = client.get(reverse("movements:target_detail", args=[target.pk])).content.decode()
    assert "70,32 %" in page and "108.800 tỷ đồng" in page and "76.508" in page
    board = client.get(reverse("movements:leaderboard"), {"year": 2019, "code": "THU_NSNN"}).content.decode()
    assert "Chi cục Hải quan A" in board and "70,32 %" in board
    assert client.get(reverse("movements:target_list"), {"year": 2019}).status_code == 200
    export = client.get(reverse("movements:targets_export"), {"year": 2019})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert sheet["A1"].value == "CHỈ TIÊU THI ĐUA NĂM 2019" and sheet["A2"].value == "Bộ lọc: Năm: 2019"
    assert [c.value for c in sheet[6]][:4] == ["A", "Chi cục Hải quan A", None, "THU_NSNN"]  # below the title
    client.post(
        reverse("movements:target_adjust", args=[target.pk]),
        {"planned": "100.000", "reason": "Điều chỉnh dự toán", "lock_version": target.lock_version},
    )
    assert "76,51 %" in client.get(reverse("movements:target_detail", args=[target.pk])).content.decode()
    login(client, outsider_b)
    assert client.get(reverse("movements:target_detail", args=[target.pk])).status_code == 404
    assert (
        client.post(
            reverse("movements:actual_save", args=[target.pk]), {"period": 9, "value": "1"}
        ).status_code
        == 404
    )
    assert (
        "Chi cục Hải quan A"
        not in client.get(reverse("movements:leaderboard"), {"year": 2019}).content.decode()
    )


def test_the_import_validates_first_and_is_idempotent(client, org, revenue, officer_a):
    login(client, officer_a)
    url = reverse("movements:actuals_import")
    bad = _xlsx(
        [
            ["A", "", 2019, "THU_NSNN", 1, "9.000", ""],
            ["A", "", 2019, "THU_NSNN", 13, "1", ""],
            ["B", "", 2019, "THU_NSNN", 2, "1", ""],
        ]
    )
    page = client.post(url, {"file": bad}).content.decode()
    assert "Dòng 3" in page and "Dòng 4" in page and "chưa ghi dòng nào" in page
    assert not Actual.objects.exists()
    rows = [["A", "", 2019, "THU_NSNN", m, v, ""] for m, v in [(1, "9.000"), (2, "9.500"), (3, 10000)]]
    response = client.post(url, {"file": _xlsx(rows)}, follow=True)
    assert "Đã nhập: 3 kỳ mới, 0 kỳ sửa, 0 kỳ không đổi." in response.content.decode()
    response = client.post(url, {"file": _xlsx(rows)}, follow=True)
    assert "Đã nhập: 0 kỳ mới, 0 kỳ sửa, 3 kỳ không đổi." in response.content.decode()
    revenue.refresh_from_db()
    assert revenue.actual_total == 28500 and Actual.objects.count() == 3
    rows[2][5] = "12.000"
    response = client.post(url, {"file": _xlsx(rows)}, follow=True)
    assert "Đã nhập: 0 kỳ mới, 1 kỳ sửa, 2 kỳ không đổi." in response.content.decode()
    revenue.refresh_from_db()
    assert revenue.actual_total == 30500 and revenue.periods_reported == 3
    template = client.get(reverse("movements:actuals_template"))
    assert openpyxl.load_workbook(io.BytesIO(template.content)).active["A1"].value == "Mã đơn vị"


def test_lists_are_paged_with_a_constant_number_of_queries(
    client, org, admin_user, django_assert_max_num_queries
):
    login(client, admin_user)

    def add(n):
        start = Target.objects.count()
        for i in range(start, start + n):
            services.create_target(
                unit=org.a, year=2020, code=f"C{i}", name=f"Chỉ tiêu {i}", unit_label="vụ", planned=10
            )
            services.create_movement(
                launching_unit=org.a,
                name=f"Phong trào {i}",
                starts_on=date(2020, 1, 1),
                ends_on=date(2020, 12, 31),
            )

    add(3)
    for url in (reverse("movements:target_list") + "?year=2020", reverse("movements:movement_list")):
        with django_assert_max_num_queries(20) as small:
            client.get(url)
        add(60)
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get(url)
        assert response.status_code == 200 and "Trang 1/" in response.content.decode()


def test_a_movement_with_many_participants_is_paged(client, org, admin_user, django_assert_max_num_queries):
    from tdkt.org import services as org_services

    for i in range(60):
        org_services.create_unit(
            code=f"T{i:02d}", name=f"Đội {i:02d}", kind="doi", parent=org.b, valid_from=date(2020, 1, 1)
        )
    movement = services.create_movement(
        launching_unit=org.root, name="Toàn ngành", starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31)
    )
    services.launch_movement(movement=movement, on=date(2020, 1, 2))
    login(client, admin_user)
    url = reverse("movements:movement_detail", args=[movement.pk])
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "Trang 1/2" in page and page.count("Đăng ký thi đua</a>") == 50
    assert "Trang 2/2" in client.get(url, {"page": 2}).content.decode()


def _staff(unit, n: int, start: int = 0):
    """`n` people of `unit` since 2020 (direct rows: the test is about the page, not about hiring)."""
    from datetime import date

    from tdkt.org.models import Membership, Person

    for i in range(start, start + n):
        person = Person.objects.create(
            family_name="Phạm",
            middle_name="Văn",
            given_name=f"Cán bộ {i:04d}",
            gender="nam",
            staff_code=f"P-{i:04d}",
        )
        Membership.objects.create(person=person, unit=unit, valid_from=date(2020, 1, 1))


def test_the_registration_page_pages_its_people_with_constant_queries(client, org, launched, officer_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.movements.views import REGISTRATION_PAGE_SIZE

    Movement.objects.filter(pk=launched.pk).update(registration_deadline=None)
    login(client, officer_a)
    url = reverse("movements:register", args=[launched.pk, org.a.pk]) + "?year=2020"
    _staff(org.a1, 3)
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _staff(org.a1, REGISTRATION_PAGE_SIZE + 47, start=3)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert page.count('name="person_') == REGISTRATION_PAGE_SIZE
    assert f"trong {REGISTRATION_PAGE_SIZE + 50} người" in page and "Trang 1/2" in page
    last = client.get(url + "&page=2").content.decode()
    assert last.count('name="person_') == 50 and "Cán bộ 0149" in last
    found = client.get(url + "&q=can bo 0042").content.decode()
    assert found.count('name="person_') == 1 and "Cán bộ 0042" in found


def test_saving_one_page_keeps_the_titles_of_the_other_pages(client, org, launched, officer_a):
    from tdkt.movements.views import REGISTRATION_PAGE_SIZE
    from tdkt.org.models import Person

    Movement.objects.filter(pk=launched.pk).update(registration_deadline=None)
    _staff(org.a1, REGISTRATION_PAGE_SIZE + 5)
    people = list(Person.objects.order_by("sort_key", "pk"))
    first, last = people[0], people[-1]
    login(client, officer_a)
    url = reverse("movements:register", args=[launched.pk, org.a.pk])
    base = {"year": 2020, "pledge": "Hoàn thành xuất sắc nhiệm vụ"}
    assert client.post(url, {**base, "page": 1, f"person_{first.pk}": "LDTT"}).status_code == 302
    registration = Registration.objects.get()
    assert (
        client.post(
            url, {**base, "page": 2, "lock_version": registration.lock_version, f"person_{last.pk}": "CSTDCS"}
        ).status_code
        == 302
    )
    titles = dict(registration.titles.values_list("person_id", "kind__code"))
    assert titles == {first.pk: "LDTT", last.pk: "CSTDCS"}
    registration.refresh_from_db()
    # emptying page 2 removes only its person's title
    client.post(url, {**base, "page": 2, "lock_version": registration.lock_version})
    assert dict(registration.titles.values_list("person_id", "kind__code")) == {first.pk: "LDTT"}
