"""In a real browser: the Content-Security-Policy holds (no violation, no JS error), every file comes from
this server's /static/, the log-in locks after five wrong passwords, the second factor throttles guesses."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import OFFICER_ENROLMENT_CODE, PASSWORD, RED_NAVBAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_keep_the_csp_and_load_everything_from_static(
    page, live_server, officer, customs, logged_in, browser_log
):
    response = page.goto(f"{live_server.url}/accounts/login/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"

    logged_in("canbo.hq", PASSWORD, totp_user=officer)  # log-in page, set-up page with its QR code
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()

    # The static files are this server's, and they work: Bootstrap + app.css style the page, htmx and
    # Bootstrap's JS are loaded.
    expect(page.locator("nav.navbar")).to_have_css("background-color", RED_NAVBAR)
    expect(page.locator("nav.navbar")).to_have_css("display", "flex")
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("typeof window.bootstrap") == "object"
    static = [u for u in browser_log.requests if "/static/" in u]
    assert any(re.search(r"/static/vendor/bootstrap/dist/css/bootstrap\.min\..*css$", u) for u in static), (
        static
    )
    assert any(re.search(r"/static/django_htmx/htmx.*\.js$", u) for u in static), static
    assert any(re.search(r"/static/css/app\..*css$", u) for u in static), static
    assert any("/static/vendor/bootstrap-icons/font/fonts/bootstrap-icons" in u for u in static), static

    # Pages with htmx swaps and lazily loaded tabs.
    page.goto(f"{live_server.url}/units/?on=01/06/2024")
    expect(page.get_by_role("link", name="Cục Hải quan Lạng Sơn")).to_be_visible()
    page.get_by_role("link", name="01/01/2024").click()
    expect(page.locator("#tree-heading")).to_contain_text("01/01/2024")
    # A style set through the CSSOM (allowed; Bootstrap's JS does it) on an element htmx swaps: htmx must
    # not copy it back as a style attribute while settling (base.html: attributesToSettle without "style").
    page.locator("#tree-on").evaluate("el => { el.style.outline = '1px solid'; }")
    page.get_by_label("Cây đơn vị vào ngày").fill("01/01/2026")
    page.get_by_label("Cây đơn vị vào ngày").press("Enter")
    expect(page.locator("#tree-heading")).to_contain_text("01/01/2026")
    page.get_by_role("link", name="01/01/2024").click()
    expect(page.locator("#tree-heading")).to_contain_text("01/01/2024")
    page.get_by_role("link", name="Cục Hải quan Lạng Sơn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cục Hải quan Lạng Sơn")
    page.goto(f"{live_server.url}/units/history/")
    expect(page.locator("main")).to_contain_text("382/QĐ-BTC")
    page.goto(f"{live_server.url}/people/")
    page.get_by_role("searchbox").fill("nguyen van an")
    expect(page.locator("#result-count")).to_contain_text("1 cá nhân")
    page.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Văn An")
    tabs = page.get_by_role("tab")
    for index in range(tabs.count()):
        tabs.nth(index).click()
        expect(page.get_by_role("tabpanel").filter(visible=True)).not_to_contain_text(
            "Đang tải", timeout=10_000
        )

    # The user menu (a Bootstrap dropdown) opens without inline script.
    page.get_by_role("button", name="Hoa Đỗ Thị").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    browser_log.assert_clean()


def test_five_wrong_passwords_lock_the_account(page, live_server, officer):
    page.goto(f"{live_server.url}/accounts/login/")
    for attempt in range(1, 6):
        page.get_by_label("Tên đăng nhập").fill("canbo.hq")
        page.get_by_label("Mật khẩu").fill(f"sai-mat-khau-{attempt}")
        page.get_by_role("button", name="Đăng nhập").click()
        if attempt < 5:
            expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    expect(page.get_by_role("heading", name="Tài khoản tạm thời bị khóa")).to_be_visible()
    expect(page.locator("main")).to_contain_text("thử lại sau 30 phút")
    expect(page.locator("nav.navbar")).to_have_css("background-color", RED_NAVBAR)

    # Even the right password is refused now.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("canbo.hq")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tài khoản tạm thời bị khóa")).to_be_visible()


def test_second_factor_throttles_guesses(page, live_server, officer, settings):
    from tests.browser.conftest import totp_code

    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("canbo.hq")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã đăng ký một lần").fill(OFFICER_ENROLMENT_CODE)
    secret = page.locator("#totp-secret").inner_text().strip()
    right = totp_code(secret)
    page.get_by_label("Mã xác thực 6 chữ số").fill("000000" if right != "000000" else "111111")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".invalid-feedback")).to_have_text("Mã xác thực không đúng hoặc đã hết hạn.")

    page.get_by_label("Mã xác thực 6 chữ số").fill(right)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("hãy chờ")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/"))
    page.goto(f"{live_server.url}/units/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/\?next=/units/"))
