"""The "Khen thưởng" tab tells an officer why Nguyễn Văn An is not yet up for the Prime Minister's Bằng khen.

As in the demo: HTT/HTXS every year 2019–2025 but HT in 2022, Chiến sĩ thi đua cơ sở in 2021, 2023 and 2024,
a Bằng khen của Bộ trưởng decided in 2019. The 2022 break restarts his run in 2023, so in the review of 2025
(proposal year 2026) he has 3 consecutive good years of the 05 needed and 2 CSTĐCS in them of the 03 needed:
not yet eligible, at the earliest in 2028.
"""

import re
from datetime import date

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RATINGS = {2019: "HTXS", 2020: "HTT", 2021: "HTXS", 2022: "HT", 2023: "HTXS", 2024: "HTXS", 2025: "HTT"}
CSTDCS_YEARS = (2021, 2023, 2024)
REVIEW_YEAR = 2025  # pinned: the default review year moves with today's date


@pytest.fixture
def an(org, person_a):
    """Nguyễn Văn An of team A1, with the demo's history, recorded through the services."""
    from tdkt.awards import catalogue
    from tdkt.awards import services as awards
    from tdkt.awards.models import AwardKind

    catalogue.seed(django_apps)  # a transactional test flushes the migration's catalogue after it
    kinds = {k.code: k for k in AwardKind.objects.filter(code__in=["LDTT", "CSTDCS", "BK_BO"])}
    for year, value in RATINGS.items():
        awards.set_rating(person=person_a, year=year, value=value)
        if value != "HT":
            awards.record_award(
                kind=kinds["LDTT"],
                year=year,
                person=person_a,
                decision_number=f"{year - 2000}/QĐ-CCHQA",
                decision_date=date(year + 1, 1, 10),
            )
    for year in CSTDCS_YEARS:
        awards.record_award(
            kind=kinds["CSTDCS"],
            year=year,
            person=person_a,
            decision_number=f"{year - 1990}/QĐ-CHQ",
            decision_date=date(year + 1, 1, 20),
        )
    awards.record_award(
        kind=kinds["BK_BO"],
        year=2019,
        person=person_a,
        decision_number="3412/QĐ-BTC",
        decision_date=date(2019, 12, 10),
        issuer="Bộ trưởng Bộ Tài chính",
    )
    return person_a


@pytest.fixture
def officer_a1(org):
    """Cán bộ TĐKT of An's own team, with an enrolled authenticator (the verify step, not the set-up)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from conftest import make_user

    user = make_user("canbo.a1", role="officer", unit=org.a1)
    TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    return user


def test_prime_ministers_commendation_not_yet_eligible(page, live_server, an, officer_a1, logged_in):
    logged_in("canbo.a1", PASSWORD, totp_user=officer_a1)

    # Cá nhân → Nguyễn Văn An → the "Khen thưởng" tab.
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Cá nhân").click()
    expect(page.get_by_role("heading", name="Tìm cá nhân")).to_be_visible()
    page.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page).to_have_url(re.compile(rf"/people/{an.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn An")
    page.get_by_role("tab", name="Khen thưởng").click()
    pane = page.get_by_role("tabpanel", name="Khen thưởng")
    expect(pane.get_by_role("heading", name="Lịch sử khen thưởng")).to_be_visible()  # loaded by htmx
    expect(pane.locator("#award-timeline")).to_contain_text("Bằng khen")
    expect(pane.locator("#ratings tbody tr")).to_have_count(len(RATINGS))

    # The review of 2025: titles for 2025, commendations proposed in 2026.
    pane.get_by_label("Năm đánh giá").fill(str(REVIEW_YEAR))
    pane.get_by_role("button", name="Xem").click()
    expect(pane.get_by_text(f"Danh hiệu thi đua xét cho thành tích năm {REVIEW_YEAR}")).to_be_visible()

    name = page.locator("summary > strong").get_by_text("Bằng khen của Thủ tướng Chính phủ", exact=True)
    item = pane.locator("details.outlook-item", has=name)
    expect(item).to_have_count(1)
    summary = item.locator("summary")
    expect(summary).to_contain_text("Bằng khen của Thủ tướng Chính phủ")
    expect(summary).to_contain_text(f"đề nghị năm {REVIEW_YEAR + 1}")
    expect(summary.locator(".badge", has_text="Chưa đủ điều kiện")).to_be_visible()
    expect(summary.locator(".badge", has_text="Sớm nhất: năm 2028")).to_be_visible()

    summary.click()  # open the details: what is missing and why
    missing = item.locator(".alert", has_text="Còn thiếu:")
    expect(missing).to_be_visible()
    expect(missing.locator("li")).to_have_text(
        [
            "Chuỗi năm liên tục hoàn thành tốt nhiệm vụ trở lên chỉ có 3 năm (2023, 2024, 2025); cần 05 năm",
            "Cần 03 lần Chiến sĩ thi đua cơ sở trong chuỗi năm liên tục (hiện có 2)",
        ]
    )
    run = item.locator("tr.criterion", has_text="05 năm liên tục")
    expect(run).to_contain_text("năm 2022 xếp loại Hoàn thành nhiệm vụ: chuỗi bị gián đoạn")
    expect(run).to_contain_text("các năm liên tục: 2023, 2024, 2025")
    expect(run.locator(".badge")).to_have_text("Chưa đạt")
    prior = item.locator("tr.criterion", has_text="Bằng khen của bộ")
    expect(prior).to_contain_text("3412/QĐ-BTC ngày 10/12/2019")
    expect(prior.locator(".badge")).to_have_text("Đạt")
    expect(item.locator(".verdict")).to_contain_text("Sớm nhất: năm 2028")

    # The same question asked directly, for the proposal year 2026.
    pane.get_by_label("Danh hiệu, hình thức").select_option(label="Bằng khen của Thủ tướng Chính phủ")
    pane.get_by_label("Năm xét").fill(str(REVIEW_YEAR + 1))
    pane.get_by_role("button", name="Xét", exact=True).click()
    answer = pane.locator("#ask-answer")
    expect(answer.get_by_role("heading")).to_have_text(
        f"Bằng khen của Thủ tướng Chính phủ – {REVIEW_YEAR + 1}"
    )
    expect(answer).to_contain_text("Chưa đủ điều kiện")
    expect(answer).to_contain_text("Sớm nhất: năm 2028")
    expect(answer).to_contain_text("năm 2022 xếp loại Hoàn thành nhiệm vụ: chuỗi bị gián đoạn")
