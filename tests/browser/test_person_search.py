"""The people search: typed without diacritics, answered by htmx, listed by given name."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people_page(page, live_server, officer, logged_in):
    logged_in("canbo.hq", PASSWORD, totp_user=officer)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Cá nhân").click()
    expect(page.get_by_role("heading", name="Tìm cá nhân")).to_be_visible()
    return page


def _names(page):
    return page.locator("#results tbody tr td:first-child")


def test_list_is_sorted_by_given_name(people_page):
    page = people_page
    expect(page.locator("#result-count")).to_contain_text("6 cá nhân")
    # By given name in Vietnamese order (Đ after D, before H), whatever the order of creation.
    expect(_names(page)).to_have_text(
        ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Minh Đức", "Đặng Thị Hoa", "Vũ Thị Yến"]
    )
    expect(page.locator("#results tbody tr").first).to_contain_text("Hải quan cửa khẩu quốc tế Hữu Nghị")


def test_search_without_diacritics_via_htmx(people_page, live_server):
    page = people_page
    box = page.get_by_role("searchbox", name="Tìm theo tên hoặc mã")
    htmx_requests = []
    page.on(
        "request", lambda r: htmx_requests.append(r.url) if r.headers.get("hx-request") == "true" else None
    )

    box.press_sequentially("nguyen van an", delay=20)
    expect(page.locator("#result-count")).to_contain_text("1 cá nhân")
    expect(_names(page)).to_have_text(["Nguyễn Văn An"])
    expect(page).to_have_url(re.compile(r"/people/\?q=nguyen(\+|%20)van(\+|%20)an&"))
    assert htmx_requests, "the search should go through htmx, not a full page load"
    assert page.locator("h1").count() == 1  # the fragment replaced #results, no page inside the page

    box.fill("dang")
    expect(page.locator("#result-count")).to_contain_text("1 cá nhân")
    expect(_names(page)).to_have_text(["Đặng Thị Hoa"])

    box.fill("ĐẶNG thị")  # with diacritics and in capitals: the same person
    expect(_names(page)).to_have_text(["Đặng Thị Hoa"])

    box.fill("HQ00000")  # by staff code
    expect(page.locator("#result-count")).to_contain_text("6 cá nhân")

    box.fill("khong co ai")
    expect(page.locator("#results")).to_contain_text("Không tìm thấy cá nhân nào.")

    box.fill("nguyen van an")
    page.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Văn An")


def test_filter_by_gender_autosubmits(people_page):
    page = people_page
    page.get_by_label("Giới tính").select_option("nu")
    expect(page.locator("#result-count")).to_contain_text("3 cá nhân")
    expect(_names(page)).to_have_text(["Trần Thị Bình", "Đặng Thị Hoa", "Vũ Thị Yến"])


def test_a_bad_filter_value_answered_by_htmx_shows_its_message(people_page):
    """The server answers a bad filter with 400 and the list's fragment carrying the message; htmx must swap
    it in (by default it leaves a 4xx answer out, and the user would see nothing happen)."""
    page = people_page
    page.get_by_label("Giới tính").select_option("nu")
    expect(page.locator("#result-count")).to_contain_text("3 cá nhân")
    day = page.locator("#id_on")
    day.fill("31/02/2024")
    day.dispatch_event("change")
    expect(page.locator("#filter-errors")).to_be_visible()
    expect(page.locator("#filter-errors")).to_contain_text("Vào ngày: Nhập một ngày hợp lệ.")
    assert page.locator("h1").count() == 1
