"""Bad parameters are a 400 with a Vietnamese message in the documented JSON, never a server error; API
errors of every kind (unknown URL, unexpected exception) are JSON too."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import login
from tdkt.org import services as org_services

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/people/", {"born_from": "0"}),
        ("/api/people/", {"born_to": "10000"}),
        ("/api/people/", {"born_from": "-2.7e+123"}),
        ("/api/people/", {"unit": HUGE}),
        ("/api/people/", {"unit": "-2.7e+123"}),
        ("/api/units/", {"under": "-2.7e+123"}),
        ("/api/units/", {"under": HUGE}),
        ("/api/units/", {"under": "1.5"}),
        ("/api/ballots/", {"meeting": HUGE}),
        ("/api/ballots/", {"meeting": "-3"}),
        ("/api/council-meetings/", {"council": HUGE}),
        ("/api/council-meetings/", {"council": "٣"}),
        # Found by the fuzzing (tests/test_api_fuzz.py): a year no date can hold, an id no column can.
        ("/api/movements/", {"year": "0"}),
        ("/api/movements/", {"year": "10000"}),
        ("/api/registrations/", {"movement": HUGE}),
        ("/api/registrations/", {"year": "٣"}),
    ],
)
def test_bad_list_parameters_are_a_400_in_json(client, officer_a, url, params):
    response = login(client, officer_a).get(url, params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and body["detail"] and body["errors"]


@pytest.mark.parametrize(
    "url",
    [
        f"/api/people/{HUGE}/",
        f"/api/units/{HUGE}/",
        f"/api/ballots/{HUGE}/",
        f"/api/council-meetings/{HUGE}/",
        f"/api/units/{HUGE}/history/",
    ],
)
def test_a_huge_id_in_the_path_is_not_a_server_error(client, officer_a, url):
    response = login(client, officer_a).get(url)
    assert response.status_code in (400, 404)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "name, params",
    [("org:person_list", {"born_from": "0"}), ("org:person_list", {"unit": HUGE})],
)
def test_the_matching_pages_do_not_fail_on_them(client, officer_a, name, params):
    response = login(client, officer_a).get(reverse(name), params)
    assert response.status_code == 400
    assert "Phải" in response.content.decode()  # the field's Vietnamese message


@pytest.mark.parametrize(
    ("name", "params"),
    [("org:unit_export", {"under": "-2.7e+123"}), ("org:person_export", {"born_from": "0"})],
)
def test_an_export_with_a_bad_filter_is_refused_not_answered_unfiltered(client, officer_a, name, params):
    response = login(client, officer_a).get(reverse(name), params)
    assert response.status_code == 400
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain") and "Bộ lọc không hợp lệ" in body
    assert "Phải" in body or "không hợp lệ" in body.split(".", 1)[1]  # the field's own message follows


def test_a_page_with_a_huge_id_is_not_a_server_error(client, officer_a):
    response = login(client, officer_a).get(f"/people/{HUGE}/")
    assert response.status_code in (400, 404)


def test_an_unknown_api_url_answers_json(client, officer_a):
    response = login(client, officer_a).get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy.", "code": "not_found"}


def test_an_unexpected_api_error_is_a_json_500(client, officer_a, monkeypatch):
    from tdkt.org.api import views

    def boom(self):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(views.UnitViewSet, "get_queryset", boom)
    client.raise_request_exception = False
    response = login(client, officer_a).get("/api/units/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Lỗi máy chủ; hãy thử lại sau.", "code": "server_error"}


def test_renaming_a_dissolved_unit_is_a_400_with_a_message(client, admin_user, org):
    org_services.dissolve_unit(unit=org.b, on=date(2024, 1, 1))
    org.b.refresh_from_db()
    response = login(client, admin_user).post(
        f"/api/units/{org.b.pk}/rename/",
        {"name": "Chi cục mới", "on": "2023-06-01", "lock_version": org.b.lock_version},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert "giải thể" in response.json()["detail"]
