"""Rating groups and a multi-year target, in Chromium, as the department's TĐKT officer.

1. On the ratings page of the border office the officer names a group with similar tasks ("Đội kiểm soát",
   five people by staff code) and enters one month's points for six people of the office (four more were
   scored at HTT before): two members of the group reach HTXS by points (95 and 91,5) where 20 % of five
   allows one, so the page warns, naming the group; the office's ten would allow two, so only the group's
   cap lowers 91,5 to HTT at the roll-up, flagged with the group, while 95 stays HTXS.
2. The officer sets a target over 2021–2025 (Decree 335/2025 reads results over a term) and enters the five
   yearly results of Lạng Sơn's 2006–2010 duties (the demo's split of 6.452,7 tỷ đồng): the target's page
   shows the table by year with the running total, the total and the attainment in Vietnamese figures.

No console error, no CSP violation, nothing fetched from outside.
"""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tdkt.movements import services
from tdkt.org import services as org_services
from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP = "Đội kiểm soát"
# staff code → one month's points; the first five are the group
POINTS = {
    "HQ000001": "95",  # Nguyễn Văn An
    "HQ000002": "91,5",  # Trần Thị Bình
    "HQ000003": "80",  # Lê Văn Cường
    "HQ000004": "78",  # Đặng Thị Hoa
    "HQ000005": "75",  # Phạm Minh Đức
    "HQ000006": "72",  # Vũ Thị Yến, outside the group
}
LANG_SON_YEARS = ["544,4", "785,3", "1.132,7", "1.633,8", "2.356,5"]  # 6.452,7 tỷ đồng over five years


def test_a_group_cap_lowers_a_rating_and_a_term_target_reads_by_year(
    page, live_server, logged_in, customs, officer, browser_log
):
    year = timezone.localdate().year
    for i, given in enumerate(["Khánh", "Lan", "Minh", "Nga"], start=7):  # scored at HTT, outside the group
        person = org_services.create_person(
            family_name="Hồ",
            middle_name="Văn",
            given_name=given,
            gender="nam",
            staff_code=f"HQ{i:06d}",
            unit=customs.border,
            since=date(year, 1, 1),
        )
        services.record_period_score(person=person, unit=customs.border, year=year, period=1, points=70 + i)
    logged_in("canbo.hq", PASSWORD, totp_user=officer)

    # 1. the group, the points, the warning, the roll-up
    page.goto(f"{live_server.url}/movements/ratings/{customs.border.pk}/?year={year}")
    groups = page.locator("#group-form")
    groups.get_by_label("Tên nhóm").fill(GROUP)
    groups.get_by_label("Mã cán bộ trong nhóm").fill(", ".join(list(POINTS)[:5]))
    groups.get_by_role("button", name="Lưu nhóm").click()
    expect(page.locator(".alert-success")).to_contain_text(f"Đã lưu nhóm «{GROUP}».")
    expect(page.locator("#rating-groups")).to_contain_text(f"{GROUP} (5)")
    expect(page.locator("#cap-warnings")).to_have_count(0)

    for n, (code, points) in enumerate(POINTS.items(), start=1):
        scores = page.locator("#score-form")
        scores.get_by_label("Mã cán bộ", exact=True).fill(code)
        scores.get_by_label("Tháng / quý").fill("1")
        scores.get_by_label("Điểm", exact=True).fill(points)
        scores.get_by_role("button", name="Ghi điểm kỳ").click()
        expect(page.get_by_text(f"{n + 4} người đã có điểm theo kỳ ({n + 4} lượt chấm)")).to_be_visible()

    warning = page.locator("#cap-warnings li")
    expect(warning).to_have_count(1)  # the office's ten allow two HTXS: only the group is over
    expect(warning).to_have_text(
        f"Nhóm «{GROUP}»: 2 người đạt HTXS theo điểm, tối đa 1 (trên 5 người từ HTT trở lên); "
        "khi tổng hợp, 1 người điểm thấp nhất sẽ xếp HTT."
    )

    page.locator("#roll-up").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã xếp loại 10 người")
    rows = page.locator("#ratings tbody tr")
    expect(rows).to_have_count(10)
    expect(rows.nth(0)).to_contain_text("Nguyễn Văn An")
    expect(rows.nth(0).locator("td").nth(5)).to_have_text("HTXS")
    lowered = rows.nth(1)
    expect(lowered).to_contain_text("Trần Thị Bình")
    expect(lowered.locator("td").nth(1)).to_have_text(GROUP)
    expect(lowered.locator("td").nth(3)).to_have_text("91,5")
    expect(lowered.locator("td").nth(4)).to_have_text("HTXS")  # by the points
    expect(lowered.locator("td").nth(5)).to_have_text(f"HTT vượt tỷ lệ HTXS của nhóm «{GROUP}»")
    expect(page.locator("#rating-counts")).to_contain_text("HTXS: 1")
    expect(page.locator("#rating-counts")).to_contain_text("HTT: 9")

    # 2. a target over five years, its yearly results, its page
    page.goto(f"{live_server.url}/movements/targets/?year=2021")
    form = page.locator("#target-form")
    form.get_by_label("Đơn vị", exact=True).select_option(str(customs.hq.pk))
    form.get_by_label("Năm", exact=True).fill("2021")
    form.get_by_label("Đến năm (chỉ tiêu nhiều năm)").fill("2025")
    form.get_by_label("Mã chỉ tiêu").fill("THU_XNK_2021_2025")
    form.get_by_label("Tên chỉ tiêu").fill("Thu thuế xuất nhập khẩu giai đoạn 2021–2025")
    form.get_by_label("Đơn vị tính").fill("tỷ đồng")
    form.get_by_label("Chỉ tiêu được giao").fill("6.000")
    form.get_by_label("Kỳ báo cáo").select_option("year")
    form.get_by_role("button", name="Giao chỉ tiêu").click()
    expect(page.locator("h1")).to_contain_text("2021–2025")
    expect(page.locator("#planned")).to_have_text("6.000 tỷ đồng")
    for period, value in enumerate(LANG_SON_YEARS, start=1):
        actual = page.locator("#actual-form")
        actual.get_by_label("Kỳ", exact=True).fill(str(period))
        actual.get_by_label("Kết quả trong kỳ").fill(value)
        actual.get_by_role("button", name="Ghi kết quả").click()
        expect(page.locator("#actuals tbody")).to_contain_text(value)

    by_year = page.locator("#by-year tbody tr")
    expect(by_year).to_have_count(5)
    running = ["544,4", "1.329,7", "2.462,4", "4.096,2", "6.452,7"]
    for i, (value, total) in enumerate(zip(LANG_SON_YEARS, running, strict=True)):
        cells = by_year.nth(i).locator("td")
        expect(cells.nth(0)).to_have_text(str(2021 + i))
        expect(cells.nth(1)).to_have_text(value)
        expect(cells.nth(2)).to_have_text(total)
        expect(cells.nth(3)).to_have_text("1")
    expect(page.locator("#actual-total")).to_have_text("6.452,7")
    expect(page.locator("#attainment")).to_have_text("107,55 %")  # 6.452,7 of 6.000
    browser_log.assert_clean()
