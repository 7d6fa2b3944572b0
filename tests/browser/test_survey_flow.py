"""An enterprise answers the CDCI survey on a phone (390 px): it opens its invitation link without an account,
picks the Chi cục it dealt with, answers part of the form and saves, comes back later with the same link to
finish and submit; the officer then sees that Chi cục's index change on the results page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# WCAG 2.1 contrast of every visible text against the background it is drawn on (the first ancestor with an
# opaque background colour; the page is white): the texts under 4.5:1 (3:1 for large text), as "text (ratio)".
LOW_CONTRAST_JS = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || el.closest("[aria-hidden=true], .visually-hidden")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.matches(":disabled")) continue;
    const a = lum(rgb(style.color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) low.push(`${el.textContent.trim().slice(0, 40)} (${ratio.toFixed(2)})`);
  }
  return low;
}"""


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def cdci(transactional_db):
    """Cục Hải quan Quảng Ninh's open survey: Móng Cái already has two lukewarm answers (3 of 5 everywhere)."""
    from datetime import date

    from django.contrib.auth.models import User

    from tdkt.org import services as org
    from tdkt.org.models import UnitKind as K
    from tdkt.surveys import services
    from tdkt.surveys.tests.conftest import invite, respond

    qn = org.create_unit(
        code="HQ20",
        name="Cục Hải quan Quảng Ninh",
        kind=K.DEPARTMENT,
        parent=None,
        valid_from=date(1985, 1, 1),
    )
    mongcai = org.create_unit(
        code="HQ20B1",
        name="Chi cục Hải quan cửa khẩu quốc tế Móng Cái",
        kind=K.SUB_DEPARTMENT,
        parent=qn,
        valid_from=date(1990, 1, 1),
    )
    org.create_unit(
        code="HQ20B4",
        name="Chi cục Hải quan cửa khẩu cảng Cái Lân",
        kind=K.SUB_DEPARTMENT,
        parent=qn,
        valid_from=date(1990, 1, 1),
    )
    survey = services.create_survey(unit=qn, year=2026, title="Khảo sát CDCI năm 2026", min_cell_size=2)
    survey = services.open_survey(survey=survey, expected_version=survey.lock_version)
    respond(survey, "5700000001", mongcai, 3)
    respond(survey, "5700000002", mongcai, 3)
    _invitation, token = invite(survey, "5700100256", "Công ty TNHH Thương mại Hạ Long")
    officer = User.objects.create_user(username="canbo.qn", password=PASSWORD)
    org.assign_role(user=officer, role="officer", unit=qn)
    return type("Cdci", (), {"survey": survey, "mongcai": mongcai, "token": token, "officer": officer})


def _index(page, unit_id) -> str:
    return page.locator(f'#ranking tr[data-unit="{unit_id}"] .branch-index').inner_text()


def _scale(page, question_pk: int, value: int):
    return page.locator(f'label[for="q{question_pk}-{value}"]')


def test_answer_on_a_phone_save_come_back_finish_and_the_index_moves(
    page, browser, live_server, cdci, logged_in, browser_log
):
    from tdkt.surveys.models import Question

    logged_in("canbo.qn", PASSWORD, totp_user=cdci.officer)
    results_url = f"{live_server.url}/surveys/{cdci.survey.pk}/results/"
    page.goto(results_url)
    before = _index(page, cdci.mongcai.pk)
    # Each earlier answer: 3 of 5 (50) on every statement, "under 2 hours" (100) on the one choice question,
    # so time and cost scores 75 and the overall 0.15 × 75 + 0.85 × 50 = 53.75.
    assert before == "53,8"
    questions = list(Question.objects.filter(survey=cdci.survey).order_by("order"))
    scored = [q for q in questions if q.kind == Question.Kind.SCALE]

    # The enterprise, on its phone, with no account.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    form = phone.new_page()
    link = f"{live_server.url}/khao-sat/{cdci.token}/"
    form.goto(link)
    expect(form.get_by_role("heading", name="Khảo sát CDCI năm 2026")).to_be_visible()
    assert form.evaluate(LOW_CONTRAST_JS) == []
    form.get_by_label("Chi cục Hải quan cửa khẩu quốc tế Móng Cái").check()
    start = form.get_by_role("button", name="Bắt đầu đánh giá")
    assert start.bounding_box()["width"] > PHONE["width"] * 0.8
    start.tap()
    expect(
        form.get_by_role("heading", name="Đánh giá Chi cục Hải quan cửa khẩu quốc tế Móng Cái")
    ).to_be_visible()
    assert form.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert form.evaluate(LOW_CONTRAST_JS) == []
    for question in scored[:4]:
        _scale(form, question.pk, 5).tap()
    # Keyboard: the fifth question's radios are reachable and chosen with the arrow keys.
    form.locator(f"#q{scored[4].pk}-1").focus()
    for _ in range(4):
        form.keyboard.press("ArrowRight")
    expect(form.locator(f"#q{scored[4].pk}-5")).to_be_checked()
    form.get_by_role("button", name="Lưu tạm, trả lời sau").tap()
    expect(form.get_by_role("alert")).to_contain_text("Đã lưu câu trả lời")
    phone.close()

    # Later, another day, the same link on a fresh browser: the saved answers are there.
    later = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    form = later.new_page()
    form.goto(link)
    form.get_by_role("link", name="Trả lời tiếp").tap()
    for question in scored[:5]:
        expect(form.locator(f"#q{question.pk}-5")).to_be_checked()
    for question in scored[5:]:
        reverse = question.reverse
        _scale(form, question.pk, 1 if reverse else 5).tap()
    form.get_by_label("Dưới 2 giờ").check()
    form.get_by_label(questions[-1].text).fill("Cán bộ hướng dẫn tận tình.")
    form.get_by_role("button", name="Gửi phiếu đánh giá").tap()
    expect(form.get_by_role("alert")).to_contain_text(
        "Đã gửi phiếu đánh giá Chi cục Hải quan cửa khẩu quốc tế Móng Cái"
    )
    expect(form.get_by_role("heading", name="Cảm ơn Quý doanh nghiệp")).to_be_visible()
    form.goto(link)  # the link is spent: no second submission
    expect(form.get_by_role("status")).to_contain_text("không dùng được nữa")
    later.close()

    page.goto(results_url)
    after = _index(page, cdci.mongcai.pk)
    assert after == "69,2"  # the new answer scores 100 everywhere: (53.75 + 53.75 + 100) / 3
    expect(page.locator("#response-count")).to_contain_text("3/3 doanh nghiệp")
    expect(page.get_by_text("Cán bộ hướng dẫn tận tình.")).to_be_visible()
    browser_log.assert_clean()
