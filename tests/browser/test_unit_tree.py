"""An officer sets up the second factor, then reads the unit tree before and after the 2025 restructuring."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import OFFICER_ENROLMENT_CODE, PASSWORD, RED_NAVBAR, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _set_up_totp(page, live_server, username: str) -> None:
    """The real log-in form, then the real set-up page: the code is computed from the secret shown."""
    page.goto(f"{live_server.url}/units/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/units/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/"))
    expect(page.get_by_role("heading", name="Xác thực hai lớp")).to_be_visible()
    expect(page.get_by_role("img", name="Mã QR cài đặt xác thực hai lớp")).to_be_visible()
    page.get_by_label("Mã đăng ký một lần").fill(OFFICER_ENROLMENT_CODE)
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret

    page.get_by_label("Mã xác thực 6 chữ số").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Mã xác thực không đúng")

    page.get_by_label("Mã xác thực 6 chữ số").fill(totp_code(secret))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(f"{live_server.url}/units/")
    expect(page.get_by_role("alert")).to_contain_text("Đã xác thực hai lớp")


def _tree_on(page, day: str):
    page.get_by_label("Cây đơn vị vào ngày").fill(day)
    page.get_by_label("Cây đơn vị vào ngày").press("Enter")
    expect(page.locator("#tree-heading")).to_contain_text(f"vào ngày {day}")
    expect(page).to_have_url(re.compile(r"\?on=" + re.escape(day.replace("/", "%2F"))))
    return page.get_by_role("navigation", name=re.compile(r"đơn vị vào ngày"))


def test_officer_reads_the_tree_before_and_after_the_restructuring(
    page, live_server, officer, customs, settings
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code may follow the wrong one within a second

    _set_up_totp(page, live_server, "canbo.hq")
    assert TOTPDevice.objects.get(user=officer).confirmed

    expect(page.get_by_role("heading", name="Cây đơn vị", exact=True)).to_be_visible()
    expect(page.locator("nav.navbar")).to_have_css("background-color", RED_NAVBAR)

    tree = _tree_on(page, "01/06/2024")
    expect(page.locator("#tree-heading")).to_contain_text("4 đơn vị vào ngày 01/06/2024")
    top = tree.locator(":scope > ul > li")
    expect(top).to_have_count(1)
    expect(top.locator(":scope > a")).to_have_text("Tổng cục Hải quan")
    under_top = top.locator(":scope > ul > li > a")
    expect(under_top).to_have_text(["Cục Hải quan Cao Bằng", "Cục Hải quan Lạng Sơn"])  # sorted by code
    langson = top.locator(":scope > ul > li").filter(
        has=page.get_by_role("link", name="Cục Hải quan Lạng Sơn")
    )
    expect(langson.get_by_role("link")).to_have_text(
        ["Cục Hải quan Lạng Sơn", "Chi cục Hải quan cửa khẩu Hữu Nghị"]
    )
    expect(tree).not_to_contain_text("khu vực VI")
    expect(page.locator("#note-before-restructuring")).to_contain_text("01/03/2025")

    tree = _tree_on(page, "01/01/2026")
    expect(page.locator("#tree-heading")).to_contain_text("3 đơn vị vào ngày 01/01/2026")
    top = tree.locator(":scope > ul > li")
    expect(top.locator(":scope > a")).to_have_text("Cục Hải quan")
    expect(top.locator(":scope > ul > li > a")).to_have_text(["Chi cục Hải quan khu vực VI"])
    expect(tree.get_by_role("link")).to_have_text(
        ["Cục Hải quan", "Chi cục Hải quan khu vực VI", "Hải quan cửa khẩu quốc tế Hữu Nghị"]
    )
    expect(tree).to_contain_text("(KV VI)")
    expect(tree).not_to_contain_text("Tổng cục Hải quan")
    expect(tree).not_to_contain_text("Lạng Sơn")
    expect(page.locator("#note-after-restructuring")).to_contain_text("382/QĐ-BTC")

    page.go_back()
    expect(page.locator("#tree-heading")).to_contain_text("vào ngày 01/06/2024")
    expect(page.get_by_role("link", name="Cục Hải quan Lạng Sơn")).to_be_visible()


def test_quick_date_link_and_invalid_date(page, live_server, officer, customs, logged_in):
    logged_in("canbo.hq", PASSWORD, totp_user=officer)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đơn vị").click()
    expect(page.locator("#tree-heading")).to_contain_text("hôm nay")

    page.get_by_role("link", name="01/01/2024").click()
    expect(page.locator("#tree-heading")).to_contain_text("vào ngày 01/01/2024")
    expect(page.get_by_role("link", name="Tổng cục Hải quan")).to_be_visible()

    page.get_by_label("Cây đơn vị vào ngày").fill("31/02/2024")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#tree-on")).to_have_class(re.compile(r"is-invalid"))
    expect(page.locator(".invalid-feedback")).to_be_visible()

    expect(page.locator("#tree-heading")).to_contain_text("hôm nay")
    page.get_by_role("link", name="Chi cục Hải quan khu vực VI").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chi cục Hải quan khu vực VI")


def test_dashboard_names_each_restructuring_once(page, live_server, officer, customs, logged_in):
    logged_in("canbo.hq", PASSWORD, totp_user=officer)
    events = page.locator("main .list-group-item")
    merge = events.filter(has_text="Sáp nhập, hợp nhất").filter(has_text="khu vực VI")
    expect(merge).to_have_text(
        re.compile(
            r"01/03/2025 – Sáp nhập, hợp nhất \(382/QĐ-BTC\):\s+Cục Hải quan Cao Bằng, Cục Hải quan Lạng Sơn\s+→\s+"
            r"Chi cục Hải quan khu vực VI\s*$"
        )
    )
    # A rename links the same unit before and after: it is named once, with no arrow.
    expect(events.filter(has_text="Đổi tên")).to_have_text(
        re.compile(r"Đổi tên \(382/QĐ-BTC\):\s+Cục Hải quan\s*$")
    )
    expect(events.filter(has_text="20/10/1984")).to_have_text(re.compile(r"Thành lập:\s+Cục Hải quan\s*$"))
    expect(page.locator("main")).not_to_contain_text(", →")
