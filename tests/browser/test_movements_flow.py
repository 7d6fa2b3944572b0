"""A movement from launch to the leaderboard, in Chromium, as the department's TĐKT officer.

The officer (real log-in with the TOTP set-up step) drafts a movement of Cục Hải quan for its whole tree and
launches it; Chi cục Hải quan khu vực VI registers (pledge, a collective title, a title for one person);
the officer sets the Chi cục's revenue target of 108.800 tỷ đồng and enters 76.508 for August: the target
shows 70,32 % and the Chi cục leads the leaderboard above its border office; September's 40.000 raises it
to 107,08 % on the target page and on the leaderboard. No console error, no CSP violation, nothing fetched
from outside.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Phong trào thi đua yêu nước năm cuối"
SLOGAN = "Đoàn kết – Kỷ cương – Đổi mới – Sáng tạo"


def test_launch_register_enter_actuals_and_rank(page, live_server, logged_in, customs, officer, browser_log):
    from tdkt.movements import services

    today = timezone.localdate()
    # the border office has a target too, half done, so the leaderboard has two rows
    other = services.create_target(
        unit=customs.border,
        year=today.year,
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_label="tỷ đồng",
        planned="1.000",
    )
    services.record_actual(target=other, period=1, value="500")

    logged_in("canbo.hq", PASSWORD, totp_user=officer)

    # 1. draft and launch the movement
    page.goto(f"{live_server.url}/movements/")
    form = page.locator("#movement-form")
    form.get_by_label("Tên phong trào").fill(NAME)
    form.get_by_label("Khẩu hiệu").fill(SLOGAN)
    form.get_by_label("Đơn vị phát động").select_option(str(customs.hq.pk))
    form.get_by_label("Từ ngày").fill(today.isoformat())
    form.get_by_label("Đến ngày").fill((today + timedelta(days=60)).isoformat())
    form.get_by_role("button", name="Lập dự thảo").click()
    expect(page.locator("h1")).to_have_text(NAME)
    expect(page.locator("#movement-status")).to_have_text("Dự thảo")
    page.get_by_role("button", name="Phát động").click()
    expect(page.locator("#movement-status")).to_have_text("Đã phát động")
    expect(page.locator("#participants")).to_contain_text("Chi cục Hải quan khu vực VI")

    # 2. the Chi cục registers
    row = page.locator("#participants tr", has_text="Chi cục Hải quan khu vực VI")
    row.get_by_role("link", name="Đăng ký thi đua").click()
    page.get_by_label("Nội dung cam kết, giao ước thi đua").fill("Vượt chỉ tiêu thu ngân sách được giao.")
    page.get_by_label("Tập thể lao động xuất sắc").check()
    page.get_by_label("Nguyễn Văn An").select_option("CSTDCS")
    page.get_by_role("button", name="Ký cam kết và đăng ký").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đăng ký thi đua.")
    row = page.locator("#participants tr", has_text="Chi cục Hải quan khu vực VI")
    expect(row).to_contain_text("đã đăng ký")
    row.get_by_role("link", name="đã đăng ký").click()
    expect(page.locator("#individual-titles")).to_contain_text("Nguyễn Văn An")
    expect(page.locator("#collective-titles")).to_contain_text("Tập thể lao động xuất sắc")

    # 3. the target and its actuals
    page.goto(f"{live_server.url}/movements/targets/?year={today.year}")
    form = page.locator("#target-form")
    form.get_by_label("Đơn vị", exact=True).select_option(str(customs.region.pk))
    form.get_by_label("Mã chỉ tiêu").fill("THU_NSNN")
    form.get_by_label("Tên chỉ tiêu").fill("Thu ngân sách nhà nước")
    form.get_by_label("Đơn vị tính").fill("tỷ đồng")
    form.get_by_label("Chỉ tiêu được giao").fill("108.800")
    form.get_by_role("button", name="Giao chỉ tiêu").click()
    expect(page.locator("#planned")).to_have_text("108.800 tỷ đồng")
    target_url = page.url
    actual = page.locator("#actual-form")
    actual.get_by_label("Kỳ", exact=True).fill("8")
    actual.get_by_label("Kết quả trong kỳ").fill("76.508")
    actual.get_by_role("button", name="Ghi kết quả").click()
    expect(page.locator("#attainment")).to_have_text("70,32 %")
    expect(page.locator("#actual-total")).to_have_text("76.508")

    # 4. the leaderboard ranks the Chi cục first
    page.goto(f"{live_server.url}/movements/targets/leaderboard/?year={today.year}&code=THU_NSNN")
    rows = page.locator("#leaderboard tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Chi cục Hải quan khu vực VI")
    expect(rows.nth(0)).to_contain_text("70,32 %")
    expect(rows.nth(1)).to_contain_text("50,00 %")

    # 5. another month moves the attainment on both pages
    page.goto(target_url)
    actual = page.locator("#actual-form")
    actual.get_by_label("Kỳ", exact=True).fill("9")
    actual.get_by_label("Kết quả trong kỳ").fill("40.000")
    actual.get_by_role("button", name="Ghi kết quả").click()
    expect(page.locator("#attainment")).to_have_text("107,08 %")
    page.goto(f"{live_server.url}/movements/targets/leaderboard/?year={today.year}&code=THU_NSNN")
    expect(page.locator("#leaderboard tbody tr").nth(0)).to_contain_text("107,08 %")
    expect(page.locator("#leaderboard-chart")).to_be_visible()
    browser_log.assert_clean()
