"""An initiative from application to the authors' eligibility, in the browser.

The TĐKT officer of Chi cục A writes an application with a co-author and is warned, as the title is typed,
of a near-duplicate recognised elsewhere in the agency (shown without a link: it is outside the officer's
scope); submits, screens and puts it before the initiative council; the chair scores it (the authors'
team leader sits on the council and is recused automatically); the officer closes the scoring and issues
the recognition. Each author's eligibility tab then counts the initiative for Chiến sĩ thi đua cơ sở.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Giải pháp kiểm tra tự động tờ khai hải quan trước khi phân luồng"
YEAR = date.today().year


@pytest.fixture
def setting(org, person_a):
    """Authors An (A-001) and Cường (A-002) of team A1, rated HTT with Lao động tiên tiến this year; the
    initiative council of A (chair Dung, member Em, and Giang, the team leader); an officer of A with an
    authenticator; a near-duplicate already recognised in Chi cục B."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from conftest import make_user
    from tdkt.awards import services as awards
    from tdkt.awards.models import AwardKind
    from tdkt.councils import services as councils
    from tdkt.initiatives import services
    from tdkt.org import services as org_services
    from tdkt.org.models import Position

    lead, _ = Position.objects.get_or_create(
        code="doi_truong", defaults={"name": "Đội trưởng", "grade": 40, "is_leadership": True}
    )

    def person(family, middle, given, unit, code, position=None):
        return org_services.create_person(
            family_name=family,
            middle_name=middle,
            given_name=given,
            gender="nam",
            staff_code=code,
            unit=unit,
            position=position,
            since=date(2020, 1, 1),
        )

    coauthor = person("Lê", "Văn", "Cường", org.a1, "A-002")
    giang = person("Vũ", "Văn", "Giang", org.a1, "A-010", lead)
    chair = person("Phạm", "Văn", "Dung", org.a, "A-020")
    chair.user = make_user("chu_tich")
    chair.save()
    officer = make_user("canbo.a", role="officer", unit=org.a)
    TOTPDevice.objects.create(user=officer, name="Điện thoại", confirmed=True)
    council = councils.create_council(
        name="Hội đồng sáng kiến Chi cục A", kind="sang_kien", unit=org.a, actor=officer
    )
    councils.add_member(council=council, person=chair, role="chu_tich", term_from=date(2020, 1, 1))
    councils.add_member(council=council, person=giang, role="uy_vien", term_from=date(2020, 1, 1))

    ldtt = AwardKind.objects.get(code="LDTT")
    for p in (person_a, coauthor):
        awards.set_rating(person=p, year=YEAR, value="HTT")
        awards.record_award(
            kind=ldtt, year=YEAR, person=p, decision_number="7/QĐ-A", decision_date=date(YEAR, 12, 1)
        )

    officer_b = make_user("canbo.b", role="officer", unit=org.b)
    other = person("Trần", "Văn", "Bảo", org.b, "B-002")
    twin = services.create_initiative(
        actor=officer_b,
        unit=org.b,
        title="Kiểm tra tự động tờ khai hải quan trước phân luồng tại Chi cục B",
        authors=[(other, 100)],
        description="Bảng kiểm tra tờ khai.",
        benefits_by_authors="Nhanh hơn.",
        first_applied_on=date(2024, 5, 1),
    )
    services.submit(initiative=twin, actor=officer_b)
    return type("Setting", (), {"officer": officer, "authors": [person_a, coauthor], "twin": twin})


def test_submit_warn_score_recognise_and_count_for_each_author(
    page, browser, browser_context_args, live_server, setting, logged_in, browser_log
):
    from tests.browser.conftest import TIMEOUT_MS as page_timeout

    logged_in("canbo.a", PASSWORD, totp_user=setting.officer)

    # Sáng kiến → Lập đơn: the duplicate warning appears while the title is typed.
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Sáng kiến").click()
    page.get_by_role("link", name="Lập đơn").click()
    page.get_by_label("Đơn vị xét công nhận").select_option(label="Chi cục Hải quan A")
    page.get_by_label("Tên sáng kiến, đề tài").press_sequentially(
        "Giai phap kiem tra tu dong to khai hai quan", delay=10
    )
    warning = page.locator("#duplicate-warning")
    expect(warning).to_contain_text(setting.twin.title)
    expect(warning.get_by_role("link")).to_have_count(0)  # outside the officer's scope: no link
    page.get_by_label("Tên sáng kiến, đề tài").fill(TITLE)
    page.get_by_label("Mô tả bản chất của sáng kiến").fill(
        "Bảng kiểm tra tự động các trường của tờ khai trước khi phân luồng."
    )
    page.get_by_label("Ngày áp dụng lần đầu").fill(f"01/03/{YEAR}")
    page.get_by_label("Lợi ích thu được theo ý kiến của tác giả").fill("Giảm 30 % thời gian kiểm tra hồ sơ.")
    page.get_by_role("button", name="Lập đơn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    detail_url = page.url

    # Authors and shares, then the lifecycle up to the council.
    for who, share in (("A-001", "60"), ("A-002", "40")):
        page.get_by_label("Tác giả (mã cán bộ hoặc họ tên)").fill(who)
        page.get_by_label("Tỷ lệ đóng góp (%)").fill(share)
        page.get_by_role("button", name="Thêm tác giả").click()
    expect(page.locator("#share-total")).to_have_text("100,00 %")
    page.get_by_role("button", name="Nộp đơn").click()
    expect(page.locator("#status")).to_have_text("Đã nộp đơn")
    page.get_by_role("button", name="Hồ sơ hợp lệ").click()
    expect(page.locator("#status")).to_have_text("Đã thẩm định hồ sơ")
    page.get_by_label("Hội đồng sáng kiến").select_option(index=0)
    page.get_by_role("button", name="Đưa ra Hội đồng sáng kiến").click()
    expect(page.locator("#status")).to_have_text("Hội đồng sáng kiến đang xét")
    expect(page.locator("table.scores")).to_contain_text("Không chấm: Là cấp trên trực tiếp của tác giả")

    # The chair scores, in a browser of their own.
    chair_context = browser.new_context(**browser_context_args)
    chair = chair_context.new_page()
    chair.set_default_timeout(page_timeout)
    chair.goto(f"{live_server.url}/accounts/login/")
    chair.get_by_label("Tên đăng nhập").fill("chu_tich")
    chair.get_by_label("Mật khẩu").fill(PASSWORD)
    chair.get_by_role("button", name="Đăng nhập").click()
    chair.wait_for_url(lambda url: "/accounts/" not in url)
    chair.goto(detail_url)
    for label, points in (
        ("Tính mới", "8"),
        ("Khả năng áp dụng, nhân rộng", "8"),
        ("Hiệu quả, lợi ích mang lại", "7"),
        ("Phạm vi ảnh hưởng", "6"),
    ):
        chair.locator("form.score-form").get_by_label(label).fill(points)
    chair.get_by_role("button", name="Lưu phiếu chấm").click()
    expect(chair.locator("table.scores tfoot")).to_contain_text("74,00 %")
    chair_context.close()

    # The officer ends the scoring and issues the recognition.
    page.goto(detail_url)
    page.get_by_role("button", name="Kết thúc chấm điểm").click()
    expect(page.locator(".review .badge", has_text="Đạt")).to_be_visible()
    page.get_by_label("Người ký").fill("Nguyễn Văn Hùng")
    page.get_by_role("button", name="Ra quyết định công nhận").click()
    expect(page.locator("#status")).to_have_text("Đã công nhận")
    expect(page.get_by_role("link", name="Giấy chứng nhận (PDF)")).to_be_visible()

    # Each author's eligibility: Chiến sĩ thi đua cơ sở rests on the recognised initiative.
    for author in setting.authors:
        page.goto(f"{live_server.url}/people/{author.pk}/")
        page.get_by_role("tab", name="Khen thưởng").click()
        pane = page.get_by_role("tabpanel", name="Khen thưởng")
        pane.get_by_label("Danh hiệu, hình thức").select_option(label="Chiến sĩ thi đua cơ sở")
        pane.get_by_label("Năm xét").fill(str(YEAR))
        pane.get_by_role("button", name="Xét", exact=True).click()
        answer = pane.locator("#ask-answer")
        expect(answer).to_contain_text("Đủ điều kiện")
        expect(answer).to_contain_text(re.compile(rf"01/QĐ-A-SK \(sáng kiến năm {YEAR}"))
    browser_log.assert_clean()
