"""An officer opens form 0603 for their sub-department from the statistics page, follows a number to the
awards it counts, and from there to the person: every number leads to its records."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer(org, person_a):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from conftest import make_user
    from tdkt.awards import services as awards
    from tdkt.awards.models import AwardKind

    for code, number in (("BK_BO", "15/QĐ-BTC"), ("CSTD_BO", "16/QĐ-BTC")):
        awards.record_award(
            kind=AwardKind.objects.get(code=code),
            year=2025,
            person=person_a,
            decision_number=number,
            decision_date=date(2026, 3, 2),
        )
    user = make_user("canbo.a", role="officer", unit=org.a)
    TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    return user


def test_from_the_statistics_to_the_record_behind_a_number(
    page, live_server, officer, logged_in, browser_log
):
    logged_in("canbo.a", PASSWORD, totp_user=officer)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Thống kê").click()
    page.get_by_role("link", name="Biểu mẫu thống kê (Thông tư 02/2023/TT-BNV)").click()
    page.get_by_role("link", name="0603.N/BNV-TĐKT").click()

    page.get_by_label("Đơn vị báo cáo").select_option(label="A – Chi cục Hải quan A")
    page.get_by_label("Năm báo cáo").fill("2026")
    page.get_by_role("button", name="Lập biểu").click()

    table = page.locator("#official-table")
    total_row = table.locator("tbody tr").first
    expect(total_row.locator("td").nth(2)).to_have_text("2")  # A, B, C then column 1: two awards
    # Row 10 (direct workers), column 2 (Bằng khen): Nguyễn Văn An's Bằng khen of the bộ.
    workers = table.locator("tbody tr", has=page.locator("td", has_text="10"))
    workers.locator("td").nth(3).get_by_role("link", name="1").click()

    records = page.locator("#official-records")
    expect(records).to_contain_text("Bằng khen của bộ, ban, ngành, tỉnh")
    expect(records).to_contain_text("15/QĐ-BTC (02/03/2026)")
    expect(records).not_to_contain_text("16/QĐ-BTC")
    records.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page.get_by_role("heading", name="Nguyễn Văn An")).to_be_visible()
    browser_log.assert_clean()


def test_a_chart_whose_values_differ_by_orders_of_magnitude_uses_a_log_scale(
    page, live_server, officer, person_a, logged_in, browser_log
):
    from tdkt.awards.models import Award, AwardKind

    ldtt = AwardKind.objects.get(code="LDTT")
    Award.objects.bulk_create(
        Award(
            kind=ldtt,
            person=person_a,
            year=2025,
            decision_number=f"{n}/QĐ-LDTT",
            decision_date=date(2026, 1, 5),
        )
        for n in range(300)
    )
    logged_in("canbo.a", PASSWORD, totp_user=officer)
    page.goto(f"{live_server.url}/reports/?year_from=2025&year_to=2025")
    expect(page.locator("#chart-by-kind")).to_have_attribute("data-scale", "log")
    expect(page.locator('[data-chart-scale-note="chart-by-kind"]')).to_be_visible()
    expect(page.locator("#chart-by-year")).to_have_attribute("data-scale", "linear")  # one year: one bar
    expect(page.locator('[data-chart-scale-note="chart-by-year"]')).to_be_hidden()
    browser_log.assert_clean()
