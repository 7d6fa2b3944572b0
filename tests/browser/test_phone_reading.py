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


def _stacked(page, *tables: str) -> None:
    """Each of these tables reads as stacked rows on the phone: every body cell takes a line of its own
    (a table laid out in columns would need sideways scrolling as soon as a cell is wide)."""
    for selector in tables:
        cells = page.locator(selector).first.evaluate(
            "t => [...t.querySelectorAll('tbody td')].map(td => getComputedStyle(td).display)"
        )
        assert cells and set(cells) == {"block"}, f"{selector} does not stack: {set(cells)}"


def _open_all_details(page) -> None:
    """Fold-outs (each verdict of the outlook) open, so their tables are laid out and measured too."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


@pytest.fixture
def staff_history(org, person_a, staff_a):
    """person_a (staff_a's own record) with ratings, an initiative, a post and an issued decision naming them."""
    from datetime import date

    from tdkt.awards import services as awards
    from tdkt.awards.models import Rating
    from tdkt.decisions.tests.decisions_helpers import issue, manual_draft
    from tdkt.org.models import Membership, Position

    post = Position.objects.create(code="pho-doi-truong", name="Phó Đội trưởng Đội Kiểm soát", grade=2)
    Membership.objects.filter(person=person_a).update(position=post)
    for year, value in ((2022, "HTT"), (2023, "HTXS"), (2024, "HTXS")):
        Rating.objects.create(person=person_a, year=year, value=value)
    awards.record_recognition(
        title="Quy trình kiểm tra sau thông quan đối với hàng hóa xuất nhập khẩu qua cửa khẩu đường bộ",
        scope="co_so",
        year=2024,
        authors=[(person_a, 100)],
        decision_number="123/QĐ-HQA",
    )
    from tdkt.decisions import services as decisions

    issuer = decisions.create_issuer(
        name="Chi cục Hải quan A",
        symbol="HQA",
        parent_name="Cục Hải quan",
        unit=org.a,
        head_title="Chi cục trưởng",
    )
    decision = issue(manual_draft(issuer, person=person_a, year=2024), date(2025, 1, 5))
    return person_a, decision


def test_staff_read_their_awards_record_and_decision_on_a_phone(
    page, live_server, logged_in, staff_history, browser_log
):
    person, decision = staff_history
    logged_in("staff_a", PASSWORD)
    page.goto(f"{live_server.url}/eligibility/people/{person.pk}/")
    expect(page.locator("#ratings")).to_contain_text("2023")
    _open_all_details(page)
    assert page.locator(".verdict table").count() > 0, "the outlook explains its verdicts in tables"
    _stacked(page, "#ratings", "#recognitions", ".verdict table")
    _fits(page)
    _shot(page, "my-awards-390")
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.locator("#memberships")).to_contain_text("Phó Đội trưởng Đội Kiểm soát")
    _stacked(page, "#memberships")
    _fits(page)
    _shot(page, "person-390")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    expect(page.locator("#decision-lines")).to_contain_text("Nguyễn Văn An")
    _stacked(page, "#decision-lines")
    _fits(page)
    _shot(page, "decision-390")
    browser_log.assert_clean()


def test_a_council_meeting_reads_on_a_phone(page, live_server, logged_in, org, officer_a, browser_log):
    from tdkt.councils.tests.conftest import build_board

    board = build_board(org, officer_a, 7)
    logged_in("officer_a", PASSWORD, totp_user=officer_a)
    page.goto(f"{live_server.url}/councils/meetings/{board.meeting.pk}/")
    expect(page.locator("#quorum")).to_be_visible()
    expect(page.get_by_text("Lê Văn Thành06")).to_be_visible()
    _stacked(page, "#attendance table")
    _fits(page)
    _shot(page, "meeting-390")
    browser_log.assert_clean()
