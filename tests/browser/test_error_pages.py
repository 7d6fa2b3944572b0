"""Errors in the browser: an expired form says to reload in Vietnamese, inside the layout with the menu;
an out-of-scope link is a Vietnamese 404 with a way back."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_expired_form_says_reload_inside_the_layout(page, live_server, logged_in, staff_a):
    logged_in("staff_a", PASSWORD)
    page.context.clear_cookies(name="csrftoken")  # as when the session's token has expired
    page.get_by_role("button", name="Nguyễn Văn An").click()  # the user menu, in Vietnamese order
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Phiên làm việc đã hết hạn, hãy tải lại trang")).to_be_visible()
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_be_visible()
    page.get_by_role("link", name="Về trang tổng quan").click()
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()


def test_an_out_of_scope_link_is_a_vietnamese_404(page, live_server, logged_in, staff_a, org):
    logged_in("staff_a", PASSWORD)
    response = page.goto(f"{live_server.url}/units/{org.b.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    expect(page.get_by_text("Not Found")).to_have_count(0)
    expect(page.get_by_role("link", name="Về trang tổng quan")).to_be_visible()
