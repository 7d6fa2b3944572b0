"""Error pages: Vietnamese, inside the layout with the menu and a way back, never a bare English page."""

import pytest
from django.test import Client

from conftest import login

pytestmark = pytest.mark.django_db


def _assert_in_layout(response):
    body = response.content.decode()
    assert 'id="nav"' in body, "the menu is shown"
    assert "Về trang tổng quan" in body, "a way back"
    assert "Not Found" not in body and "Forbidden" not in body
    return body


def test_out_of_scope_unit_is_a_vietnamese_404_with_the_menu(as_user, outsider_b, org):
    response = as_user(outsider_b).get(f"/units/{org.a.pk}/")
    assert response.status_code == 404
    body = _assert_in_layout(response)
    assert "Không tìm thấy trang" in body
    assert "ngoài phạm vi" in body


def test_unknown_address_is_a_vietnamese_404(as_user, officer_a):
    response = as_user(officer_a).get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/units/")
    assert response.status_code == 404
    body = _assert_in_layout(response)
    assert 'href="http://testserver/units/"' in body, "back to the page the user came from"


def test_a_foreign_referer_is_not_offered_as_the_way_back(as_user, officer_a):
    response = as_user(officer_a).get("/khong-co-trang-nay/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_anonymous_404_has_no_menu_but_a_way_back(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and "Về trang tổng quan" in body
    assert 'id="nav"' not in body


def test_expired_csrf_token_says_reload_the_page(officer_a):
    client = login(Client(enforce_csrf_checks=True), officer_a)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    body = _assert_in_layout(response)
    assert "Phiên làm việc đã hết hạn, hãy tải lại trang" in body
    assert "Tải lại trang" in body


def test_permission_denied_is_a_vietnamese_403(rf, officer_a):
    from tdkt.core.error_views import permission_denied

    request = rf.get("/")
    request.user = officer_a
    response = permission_denied(request)
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()


def test_bad_request_is_a_vietnamese_400(client):
    response = client.get("/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_server_error_is_a_vietnamese_500_inside_the_layout(settings, officer_a):
    settings.ROOT_URLCONF = "tdkt.core.tests.urls_failing"
    client = login(Client(raise_request_exception=False), officer_a)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = _assert_in_layout(response)
    assert "Hệ thống gặp lỗi" in body


def test_server_error_page_renders_even_when_the_layout_cannot(rf, monkeypatch):
    """When the database itself fails, the menu cannot be built: a plain page, still in Vietnamese."""
    from tdkt.core import error_views
    from tdkt.portal import context_processors

    def broken(request):
        raise RuntimeError("cơ sở dữ liệu không trả lời")

    monkeypatch.setattr(context_processors, "navigation", broken)
    from django.template import engines

    engine = engines["django"].engine
    monkeypatch.setattr(engine, "template_context_processors", (broken,))
    request = rf.get("/")
    response = error_views.server_error(request)
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()
