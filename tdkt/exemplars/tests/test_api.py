"""/api/models/: list, read, propose, edit with lock_version, change status; scope and 404."""

import pytest

pytestmark = pytest.mark.django_db


def test_propose_edit_and_recognise_through_the_api(as_user, officer_a, org):
    client = as_user(officer_a)
    created = client.post(
        "/api/models/",
        {
            "name": "Cà phê sáng cùng doanh nghiệp",
            "unit": org.a.pk,
            "field": "doanh_nghiep",
            "tags": ["Đối thoại"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "proposed" and body["tags"] == ["Đối thoại"]
    pk, version = body["id"], body["lock_version"]
    edited = client.patch(
        f"/api/models/{pk}/",
        {"summary": "Đối thoại mỗi sáng thứ Năm", "lock_version": version},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["summary"] == "Đối thoại mỗi sáng thứ Năm"
    stale = client.patch(
        f"/api/models/{pk}/", {"summary": "Cũ", "lock_version": version}, content_type="application/json"
    )
    assert stale.status_code == 409
    moved = client.post(
        f"/api/models/{pk}/status/",
        {"to": "recognised", "lock_version": version + 1},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "recognised"
    bad = client.post(
        f"/api/models/{pk}/status/",
        {"to": "replicated", "lock_version": version + 2},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "nhân rộng" in bad.json()["detail"]
    assert [m["name"] for m in client.get("/api/models/", {"q": "ca phe"}).json()["results"]] == [
        "Cà phê sáng cùng doanh nghiệp"
    ]


def test_scope_outsiders_and_staff(as_user, outsider_b, staff_a, proposed, org):
    client = as_user(outsider_b)
    assert client.get(f"/api/models/{proposed.pk}/").status_code == 404
    refused = client.post("/api/models/", {"name": "X", "unit": org.a.pk}, content_type="application/json")
    assert refused.status_code == 404
    staff = as_user(staff_a)
    assert staff.get("/api/models/").json()["results"] == []  # proposed models are not shown to staff
    assert (
        staff.patch(
            f"/api/models/{proposed.pk}/",
            {"summary": "x", "lock_version": 1},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert staff.put(f"/api/models/{proposed.pk}/", {}, content_type="application/json").status_code == 405
