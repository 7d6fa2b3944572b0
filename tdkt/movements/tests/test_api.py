"""The movements API: works for who may use it, refuses the wrong method, 404 for outsiders, JSON errors."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import login
from tdkt.movements.models import Movement, Registration, Target

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_movements_are_created_launched_and_closed(client, org, officer_a, outsider_b):
    login(client, officer_a)
    today = timezone.localdate()
    body = {
        "name": "Phong trào thi đua năm",
        "slogan": "Đoàn kết – Kỷ cương – Sáng tạo – Hiệu quả",
        "launching_unit": org.a.pk,
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=200)).isoformat(),
    }
    response = client.post(reverse("movement-list"), body, content_type=JSON)
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["status"] == "draft" and response.json()["form_0601_duration_row"] == "06"
    launched = client.post(reverse("movement-launch", args=[pk]), {}, content_type=JSON).json()
    assert launched["status"] == "launched"
    again = client.post(reverse("movement-launch", args=[pk]), {}, content_type=JSON)
    assert again.status_code == 400 and again.json()["detail"] == "Phong trào đã được phát động."
    assert client.delete(reverse("movement-detail", args=[pk])).status_code == 405
    assert [m["id"] for m in client.get(reverse("movement-list")).json()["results"]] == [pk]
    login(client, outsider_b)
    assert client.get(reverse("movement-detail", args=[pk])).status_code == 404
    assert client.post(reverse("movement-close", args=[pk]), {}, content_type=JSON).status_code == 404
    refused = client.post(reverse("movement-list"), {**body, "launching_unit": org.a.pk}, content_type=JSON)
    assert refused.status_code == 404
    assert not Movement.objects.filter(name__contains="B").exists()


def test_a_registration_through_the_api(client, org, launched, officer_a, outsider_b, person_a):
    Movement.objects.filter(pk=launched.pk).update(registration_deadline=None)
    login(client, officer_a)
    body = {
        "movement": launched.pk,
        "unit": org.a.pk,
        "year": 2020,
        "pledge": "Cam kết hoàn thành xuất sắc",
        "titles": [{"code": "TTLDXS"}, {"code": "CSTDCS", "person": person_a.pk}],
    }
    response = client.post(reverse("registration-list"), body, content_type=JSON)
    assert response.status_code == 201, response.json()
    assert response.json()["titles"] == [
        {"code": "TTLDXS", "person": None},
        {"code": "CSTDCS", "person": person_a.pk},
    ]
    wrong = client.post(
        reverse("registration-list"), {**body, "titles": [{"code": "LDTT"}]}, content_type=JSON
    )
    assert wrong.status_code == 400 and "tập thể" in wrong.json()["detail"]
    assert client.get(reverse("registration-list"), {"year": "x"}).status_code == 400
    login(client, outsider_b)
    assert client.get(reverse("registration-list")).json()["results"] == []
    assert client.post(reverse("registration-list"), body, content_type=JSON).status_code == 404
    assert Registration.objects.count() == 1


def test_targets_and_actuals(client, org, revenue, officer_a, outsider_b, leader_a):
    login(client, officer_a)
    url = reverse("target-actuals", args=[revenue.pk])
    response = client.post(url, {"period": 8, "value": "76.508"}, content_type=JSON)
    assert response.status_code == 200 and response.json() == [
        {"period": 8, "value": "76508.000", "note": "", "lock_version": 1}
    ]
    detail = client.get(reverse("target-detail", args=[revenue.pk])).json()
    assert detail["attainment_text"] == "70,32 %" and detail["periods_reported"] == 1
    bad = client.post(url, {"period": 8, "value": "abc"}, content_type=JSON)
    assert bad.status_code == 400 and "không phải là số" in str(bad.json())
    stale = client.post(url, {"period": 8, "value": "1", "lock_version": 0}, content_type=JSON)
    assert stale.status_code == 409
    adjusted = client.post(
        reverse("target-adjust", args=[revenue.pk]),
        {"planned": "100.000", "reason": "Điều chỉnh dự toán", "lock_version": detail["lock_version"]},
        content_type=JSON,
    )
    assert adjusted.json()["attainment_text"] == "76,51 %"
    history = client.get(reverse("target-adjustments", args=[revenue.pk])).json()
    assert [(h["old_planned"], h["new_planned"]) for h in history] == [("108800.000", "100000.000")]
    created = client.post(
        reverse("target-list"),
        {
            "unit": org.a1.pk,
            "year": 2020,
            "code": "BG",
            "name": "Bắt giữ",
            "unit_label": "vụ",
            "planned": "12",
        },
        content_type=JSON,
    )
    assert created.status_code == 201 and Target.objects.count() == 2
    assert [t["code"] for t in client.get(reverse("target-list"), {"year": 2019}).json()["results"]] == [
        "THU_NSNN"
    ]
    login(client, leader_a)
    assert client.post(url, {"period": 9, "value": "1"}, content_type=JSON).status_code == 403
    login(client, outsider_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("target-list")).json()["results"] == []


def test_the_api_list_has_a_constant_number_of_queries(
    client, org, admin_user, django_assert_max_num_queries
):
    from tdkt.movements import services

    login(client, admin_user)

    def add(start, n):
        for i in range(start, start + n):
            services.create_target(unit=org.a, year=2020, code=f"C{i}", name="x", unit_label="vụ", planned=1)
            services.create_movement(
                launching_unit=org.a, name=f"P{i}", starts_on=date(2020, 1, 1), ends_on=date(2020, 2, 1)
            )

    add(0, 2)
    counts = {}
    for name in ("target-list", "movement-list"):
        with django_assert_max_num_queries(15) as small:
            client.get(reverse(name))
        counts[name] = len(small.captured_queries)
    add(2, 40)
    for name, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(reverse(name)).status_code == 200


def test_office_culture_through_the_api(client, org, officer_a, outsider_b):
    """Checklists with their criteria, inspections posted with a score per criterion, results per unit."""
    from tdkt.movements import services

    checklist = services.create_checklist(
        name="Văn hóa công sở 2024", owner=org.a, year=2024, criteria=[("Trang phục", 40), ("Thái độ", 60)]
    )
    first, second = checklist.criteria.order_by("order")
    login(client, officer_a)
    listed = client.get(reverse("culture-checklist-list"), {"year": 2024}).json()["results"]
    assert [c["name"] for c in listed] == ["Văn hóa công sở 2024"] and len(listed[0]["criteria"]) == 2
    body = {
        "checklist": checklist.pk,
        "unit": org.a1.pk,
        "inspected_on": "2024-05-06",
        "scores": {str(first.pk): "30", str(second.pk): "45"},
    }
    created = client.post(reverse("inspection-list"), body, content_type=JSON)
    assert created.status_code == 201, created.json()
    assert created.json()["points"] == "75.00" and created.json()["max_points"] == "100.00"
    too_many = {**body, "scores": {str(first.pk): "41", str(second.pk): "45"}}
    refused = client.post(reverse("inspection-list"), too_many, content_type=JSON)
    assert refused.status_code == 400 and refused.json()["detail"]
    results = client.get(reverse("culture-checklist-results", args=[checklist.pk])).json()
    assert [(r["unit_name"], r["percent"]) for r in results] == [("Đội Nghiệp vụ A1", "75.00")]
    login(client, outsider_b)
    assert client.get(reverse("culture-checklist-detail", args=[checklist.pk])).status_code == 404
    assert client.get(reverse("inspection-list")).json()["count"] == 0
    assert client.post(reverse("inspection-list"), body, content_type=JSON).status_code == 404


def test_the_emulation_calendar_through_the_api(client, org, officer_a, outsider_b):
    login(client, officer_a)
    body = {"unit": org.a.pk, "kind": "so_ket", "title": "Sơ kết 6 tháng", "due_on": "2024-07-10"}
    created = client.post(reverse("calendar-entry-list"), body, content_type=JSON)
    assert created.status_code == 201, created.json()
    assert created.json()["kind_label"] == "Sơ kết" and created.json()["year"] == 2024
    rows = client.get(reverse("calendar-entry-list"), {"year": 2024}).json()["results"]
    assert [r["title"] for r in rows] == ["Sơ kết 6 tháng"]
    login(client, outsider_b)
    assert client.get(reverse("calendar-entry-list"), {"year": 2024}).json()["count"] == 0
    assert client.post(reverse("calendar-entry-list"), body, content_type=JSON).status_code == 404


def test_the_new_endpoints_are_in_the_schema(client, officer_a):
    login(client, officer_a)
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path in (
        "/api/culture-checklists/",
        "/api/culture-checklists/{id}/results/",
        "/api/inspections/",
        "/api/emulation-calendar/",
        "/api/movement-reviews/",
    ):
        assert path in paths, path
