"""On a phone (390×844): the log-in and the people list are usable, the collapsed menu opens."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, RED_NAVBAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    }


def _no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px screen"


def test_login_and_people_on_a_phone(page, live_server, officer, customs, logged_in, browser_log):
    page.goto(f"{live_server.url}/accounts/login/")
    username = page.get_by_label("Tên đăng nhập")
    button = page.get_by_role("button", name="Đăng nhập")
    expect(username).to_be_visible()
    expect(button).to_be_in_viewport()
    assert button.bounding_box()["width"] > PHONE["width"] * 0.8  # a full-width button for the thumb
    expect(page.locator("nav.navbar")).to_have_css("background-color", RED_NAVBAR)
    _no_horizontal_scroll(page)

    logged_in("canbo.hq", PASSWORD, totp_user=officer)
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    menu_link = page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Cá nhân")
    toggler = page.get_by_role("button", name="Mở menu")
    expect(toggler).to_be_visible()
    expect(menu_link).to_be_hidden()  # collapsed

    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(menu_link).to_be_visible()
    menu_link.tap()
    expect(page).to_have_url(f"{live_server.url}/people/")

    expect(page.get_by_role("button", name="Mở menu")).to_have_attribute("aria-expanded", "false")
    box = page.get_by_role("searchbox", name="Tìm theo tên hoặc mã")
    expect(box).to_be_in_viewport()
    assert box.bounding_box()["width"] > PHONE["width"] * 0.8
    box.fill("dang")
    expect(page.locator("#result-count")).to_contain_text("1 cá nhân")
    expect(page.get_by_role("link", name="Đặng Thị Hoa")).to_be_visible()
    _no_horizontal_scroll(page)  # the wide table scrolls inside .table-responsive, not the page

    page.get_by_role("link", name="Đặng Thị Hoa").tap()
    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đặng Thị Hoa")
    _no_horizontal_scroll(page)
    browser_log.assert_clean()
