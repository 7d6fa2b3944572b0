"""Pages of exemplary models: works / wrong method / no access, the showcase for staff, edits."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.exemplars import services
from tdkt.exemplars.models import Exemplar
from tdkt.exemplars.tests.conftest import PNG

pytestmark = pytest.mark.django_db


def test_pages_work_for_officer_a(as_user, officer_a, proposed):
    client = as_user(officer_a)
    for url in [
        "/exemplars/",
        "/exemplars/showcase/",
        f"/exemplars/{proposed.pk}/",
        "/exemplars/export.xlsx",
    ]:
        assert client.get(url).status_code == 200, url


def test_a_proposed_model_is_hidden_from_outsiders_a_recognised_one_is_shown_to_all_staff(
    as_user, outsider_b, staff_a, proposed, officer_a
):
    client = as_user(outsider_b)
    assert client.get(f"/exemplars/{proposed.pk}/").status_code == 404
    assert "Nụ cười công sở" not in client.get("/exemplars/").content.decode()
    services.change_status(exemplar=proposed, to="recognised", actor=officer_a)
    assert client.get(f"/exemplars/{proposed.pk}/").status_code == 200
    staff = as_user(staff_a)
    assert "Nụ cười công sở" in staff.get("/exemplars/showcase/").content.decode()
    assert staff.post(f"/exemplars/{proposed.pk}/edit/", {"name": "X", "field": "khac"}).status_code == 403


def test_wrong_methods_are_405(as_user, officer_a, proposed):
    client = as_user(officer_a)
    assert client.get(f"/exemplars/{proposed.pk}/status/").status_code == 405
    assert client.post("/exemplars/showcase/").status_code == 405


def test_an_officer_proposes_recognises_honours_and_uploads_a_photo(
    as_user, officer_a, org, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = as_user(officer_a)
    page = client.post(
        "/exemplars/",
        {
            "name": "Cà phê sáng cùng doanh nghiệp",
            "unit": org.a.pk,
            "field": "doanh_nghiep",
            "tags": "Đối thoại",
        },
    )
    exemplar = Exemplar.objects.get(name="Cà phê sáng cùng doanh nghiệp")
    assert page.status_code == 302
    client.post(
        f"/exemplars/{exemplar.pk}/status/", {"to": "recognised", "lock_version": exemplar.lock_version}
    )
    client.post(
        f"/exemplars/{exemplar.pk}/honours/add/",
        {"kind": "chao_co", "held_on": "2021-03-01", "title": "Biểu dương tại lễ chào cờ tháng 3"},
    )
    client.post(
        f"/exemplars/{exemplar.pk}/media/add/",
        {"file": SimpleUploadedFile("a.png", PNG), "caption": "Buổi đối thoại"},
    )
    exemplar.refresh_from_db()
    assert exemplar.status == "recognised" and exemplar.honours.count() == 1
    media = exemplar.media.get()
    html = client.get("/exemplars/showcase/").content.decode()
    assert f"/exemplars/media/{media.pk}/" in html and "Biểu dương tại lễ chào cờ" in html
    assert client.get(f"/exemplars/media/{media.pk}/").status_code == 200


def test_search_is_diacritic_insensitive_and_the_export_is_a_real_workbook(as_user, officer_a, proposed):
    client = as_user(officer_a)
    html = client.get("/exemplars/", {"q": "nu cuoi"}).content.decode()
    assert "Nụ cười công sở" in html
    assert "Nụ cười công sở" not in client.get("/exemplars/", {"q": "ca phe"}).content.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/exemplars/export.xlsx").content)).active
    assert sheet["A1"].value == "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN"
    assert [c.value for c in sheet[6]][:4] == [
        "Nụ cười công sở",
        proposed.unit.name,
        "Văn hóa công sở",
        "Đề xuất",
    ]


def test_an_honour_form_error_is_shown_not_saved(as_user, officer_a, recognised):
    client = as_user(officer_a)
    page = client.post(
        f"/exemplars/{recognised.pk}/honours/add/", {"kind": "chao_co", "title": "Thiếu ngày"}, follow=True
    )
    assert "Trường này là bắt buộc." in page.content.decode()
    assert not recognised.honours.exists()


def test_the_audit_tab_is_for_editors(as_user, officer_a, staff_a, recognised):
    assert as_user(officer_a).get(f"/exemplars/{recognised.pk}/audit/").status_code == 200
    assert as_user(staff_a).get(f"/exemplars/{recognised.pk}/audit/").status_code == 403


def test_the_list_query_count_does_not_grow(as_user, officer_a, org, django_assert_max_num_queries):
    for i in range(8):
        services.create_exemplar(name=f"Mô hình {i}", unit=org.a, field="khac", tags=[f"Nhãn {i}", "Chung"])
    client = as_user(officer_a)
    with django_assert_max_num_queries(14):
        assert client.get("/exemplars/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/exemplars/showcase/").status_code == 200
