"""Reading on a phone (390 px): a read-only achievement report is text wrapped to the screen (no cut-off
grey boxes), and lists stack their rows instead of scrolling sideways."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = os.environ.get("TDKT_SCREENSHOTS")  # a folder: keep the screenshots to look at them
LONG = (
    "Hoàn thành xuất sắc nhiệm vụ được giao trong năm, chủ trì xây dựng quy trình kiểm tra sau thông quan "
    "đối với hàng hóa xuất nhập khẩu qua cửa khẩu đường bộ, phát hiện và xử lý nhiều vụ việc vi phạm. "
) * 4


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px screen"
    sideways = page.evaluate(
        "[...document.querySelectorAll('.table-responsive, textarea, .form-control')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className)"
    )
    assert sideways == [], f"these scroll sideways: {sideways}"


@pytest.fixture
def dossier(org, staff_a, person_a, officer_a):
    from tdkt.awards.models import AwardKind
    from tdkt.proposals import services

    proposal = services.create_proposal(
        actor=officer_a,
        title="Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2025 cho cá nhân của Chi cục Hải quan A",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="LDTT"),
        year=2025,
    )
    candidate = services.add_candidate(proposal=proposal, actor=officer_a, person=person_a)
    candidate.report = {**candidate.report, "summary": LONG, "task_results": LONG, "position": "Đội trưởng"}
    candidate.save()
    return proposal, candidate


def test_a_read_only_report_reads_as_text_on_a_phone(page, live_server, logged_in, dossier, browser_log):
    proposal, candidate = dossier
    logged_in("staff_a", PASSWORD)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/candidates/{candidate.pk}/report/")
    report = page.locator("#report-text")
    expect(report).to_be_visible()
    expect(report).to_contain_text("chủ trì xây dựng quy trình kiểm tra sau thông quan")
    assert page.locator("#report textarea").count() == 0, "no greyed-out form boxes to read through"
    box = report.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    _fits(page)
    _shot(page, "report-390")
    browser_log.assert_clean()


def test_lists_stack_instead_of_scrolling_sideways(page, live_server, logged_in, dossier, browser_log):
    proposal, _candidate = dossier
    logged_in("staff_a", PASSWORD)
    page.goto(f"{live_server.url}/proposals/")
    expect(page.get_by_role("link", name=proposal.title)).to_be_visible()
    _fits(page)
    _shot(page, "proposals-390")
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    expect(page.locator("#next-step")).to_be_visible()
    _fits(page)
    _shot(page, "dossier-390")
    browser_log.assert_clean()
