"""From a team's proposal to the award in the person's history, each step in the browser of the one who acts.

Set up with the services: Cục Hải quan ← Chi cục Hải quan cửa khẩu Tân Thanh ← Đội Nghiệp vụ 1; the team's
officer and leader, the Chi cục's officer and leader, its Hội đồng Thi đua – Khen thưởng (chair, secretary,
member, each with an account) and its issuing authority. Then, in Chromium:

team officer: Lập hồ sơ "Chiến sĩ thi đua cơ sở", adds Hoàng Văn Hải → team leader: Trình hồ sơ →
Chi cục officer: Tiếp nhận, công khai danh sách (from 60 days ago, so it is over), lập lịch họp, điểm danh,
bắt đầu phiên họp, đưa hồ sơ ra Hội đồng → each member on a phone: "Đồng ý" on "Phiếu bầu của tôi" →
the chair: kiểm phiếu, sees 3/0/0 → Chi cục officer: lập dự thảo quyết định from the approved dossier →
Chi cục leader: ban hành, 01/QĐ-CCTT → the team officer: the "Khen thưởng" tab of Hoàng Văn Hải shows
Chiến sĩ thi đua cơ sở 2025 with Quyết định số 01/QĐ-CCTT.

Each actor has a browser context of their own (as on their own machine), so every log-in is the real form,
with the real TOTP step for the officers (leaders and council members have no second factor in the product).
"""

import re
from datetime import date, datetime, timedelta

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
YEAR = 2025
AWARD = "Chiến sĩ thi đua cơ sở"
TITLE = f"Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {YEAR}"
CANDIDATE = "Hoàng Văn Hải"
COUNCIL = "Hội đồng Thi đua – Khen thưởng Chi cục Hải quan cửa khẩu Tân Thanh"
ISSUER = "Chi cục Hải quan cửa khẩu Tân Thanh"
SYMBOL = "CCTT"
CHAIR_CODE, SECRETARY_CODE = "chu-tich-hop-xet", "thu-ky-hop-xet"
MEETING = f"Phiên họp xét danh hiệu thi đua năm {YEAR}"
MEMBERS = [  # (username, family, middle, given, council role)
    ("hd.chutich", "Lê", "Văn", "Thành", "chu_tich"),
    ("hd.thuky", "Đỗ", "Thị", "Thu", "thu_ky"),
    ("hd.uyvien", "Bùi", "Văn", "Minh", "uy_vien"),
]


def vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def world(transactional_db):
    """Units, people, accounts, the council and the issuer, through the services."""
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tdkt.awards import catalogue
    from tdkt.awards import services as awards
    from tdkt.awards.models import AwardKind
    from tdkt.councils import services as councils
    from tdkt.decisions import services as decisions
    from tdkt.org import services as org
    from tdkt.org.models import UnitKind as K

    catalogue.seed(django_apps)  # a transactional test flushes the migration's catalogue after it
    since = date(2020, 1, 1)
    root = org.create_unit(code="HQ", name="Cục Hải quan", kind=K.DEPARTMENT, parent=None, valid_from=since)
    chicuc = org.create_unit(
        code="HQ15-TT",
        name=ISSUER,
        short_name="CCHQ Tân Thanh",
        kind=K.SUB_DEPARTMENT,
        parent=root,
        valid_from=since,
    )
    doi = org.create_unit(
        code="HQ15-TT-NV1", name="Đội Nghiệp vụ 1", kind=K.TEAM, parent=chicuc, valid_from=since
    )

    def account(username, *, role=None, unit=None, first="", last="", second_factor=False):
        user = User.objects.create_user(
            username=username, password=PASSWORD, first_name=first, last_name=last
        )
        if role:
            org.assign_role(user=user, role=role, unit=unit)
        if second_factor:  # an officer who enrolled an authenticator app earlier
            TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
        return user

    users = {
        "doi.canbo": account(
            "doi.canbo", role="officer", unit=doi, first="Lan", last="Ngô Thị", second_factor=True
        ),
        "doi.lanhdao": account("doi.lanhdao", role="leader", unit=doi, first="Quang", last="Trịnh Văn"),
        "chicuc.canbo": account(
            "chicuc.canbo", role="officer", unit=chicuc, first="Hương", last="Phan Thị", second_factor=True
        ),
        "chicuc.lanhdao": account(
            "chicuc.lanhdao", role="leader", unit=chicuc, first="Dũng", last="Vương Văn"
        ),
    }

    hai = org.create_person(
        family_name="Hoàng",
        middle_name="Văn",
        given_name="Hải",
        gender="nam",
        date_of_birth=date(1988, 6, 15),
        staff_code="HQ000101",
        unit=doi,
        since=since,
    )
    for year in (YEAR - 2, YEAR - 1, YEAR):
        awards.set_rating(person=hai, year=year, value="HTXS")
    awards.record_award(
        kind=AwardKind.objects.get(code="LDTT"),
        year=YEAR,
        person=hai,
        decision_number="12/QĐ-CCTT",
        decision_date=date(YEAR + 1, 1, 8),
    )
    awards.record_recognition(
        title="Quy trình kiểm tra nhanh xe chở nông sản qua cửa khẩu Tân Thanh",
        scope="co_so",
        year=YEAR,
        authors=[(hai, 100)],
        decision_number="45/QĐ-CCTT",
    )

    body = councils.create_council(
        name=COUNCIL, kind="tdkt", unit=chicuc, decision_number="02/QĐ-CCTT", actor=users["chicuc.canbo"]
    )
    members = []
    for index, (username, family, middle, given, role) in enumerate(MEMBERS, start=1):
        user = account(username, role="council", unit=chicuc, first=given, last=f"{family} {middle}")
        person = org.create_person(
            family_name=family,
            middle_name=middle,
            given_name=given,
            gender="nam" if middle == "Văn" else "nu",
            staff_code=f"HQ00020{index}",
            unit=chicuc,
            since=since,
        )
        person.user = user
        person.save()
        users[username] = user
        members.append(councils.add_member(council=body, person=person, role=role, term_from=since))

    decisions.create_issuer(
        name=ISSUER,
        symbol=SYMBOL,
        parent_name="Cục Hải quan",
        unit=chicuc,
        place="Lạng Sơn",
        head_title="Chi cục trưởng",
    )
    return type(
        "World", (), {"users": users, "hai": hai, "council": body, "members": members, "chicuc": chicuc}
    )


@pytest.fixture
def actor(browser, browser_context_args, live_server):
    """`actor(username, phone=False)`: a page in a new browser context, logged in through the real form."""
    contexts = []

    def _open(username: str, *, phone: bool = False):
        from django.contrib.auth.models import User
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        args = dict(browser_context_args)
        if phone:
            args.update(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        context = browser.new_context(**args)
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(2 * TIMEOUT_MS)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        device = TOTPDevice.objects.filter(user=User.objects.get(username=username), confirmed=True).first()
        if device is not None:  # officers: the verify step of the second factor
            page.wait_for_url("**/accounts/2fa/**")
            page.get_by_label("Mã xác thực 6 chữ số").fill(f"{totp(device.bin_key):06d}")
            page.get_by_role("button", name="Xác nhận").click()
        page.wait_for_url(lambda url: "/accounts/" not in url)
        expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
        return page

    yield _open
    for context in contexts:
        context.close()


def _menu(page, *names: str) -> None:
    """Click through the main navigation (a dropdown, then its item)."""
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    toggler = page.get_by_role("button", name="Mở menu")
    if toggler.is_visible():
        toggler.click()
    for name in names[:-1]:
        nav.get_by_role("button", name=name).or_(nav.get_by_role("link", name=name, exact=True)).click()
    nav.get_by_role("link", name=names[-1], exact=True).click()


def _flash(page, text: str) -> None:
    expect(page.locator(".alert-success", has_text=text)).to_be_visible()


def test_from_proposal_to_decision_to_history(world, actor, live_server):
    # --- 1. The team's officer prepares the dossier and adds the candidate --------------------------------
    team_officer = actor("doi.canbo")
    _menu(team_officer, "Khen thưởng", "Hồ sơ đề nghị")
    team_officer.get_by_role("link", name="Lập hồ sơ").click()
    expect(team_officer.get_by_role("heading", name="Lập hồ sơ đề nghị khen thưởng")).to_be_visible()
    team_officer.get_by_label("Trích yếu").fill(TITLE)
    team_officer.get_by_label("Đơn vị đề nghị").select_option(label="HQ15-TT-NV1 – Đội Nghiệp vụ 1")
    team_officer.get_by_label("Danh hiệu / hình thức").select_option(label=AWARD)
    team_officer.get_by_label("Năm thành tích").fill(str(YEAR))
    team_officer.get_by_role("button", name="Lập hồ sơ").click()
    _flash(team_officer, "Đã lập hồ sơ đề nghị.")
    expect(team_officer.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(team_officer.locator("#status")).to_have_text("Dự thảo")
    expect(team_officer.get_by_text(f"Đội Nghiệp vụ 1 → {ISSUER}")).to_be_visible()
    dossier_url = team_officer.url
    assert re.search(r"/proposals/\d+/$", dossier_url), dossier_url

    team_officer.get_by_label("Thêm cá nhân").select_option(label=f"{CANDIDATE} (HQ000101)")
    team_officer.locator("#candidate-add").get_by_role("button", name="Thêm").click()
    _flash(team_officer, "Đã thêm đối tượng vào hồ sơ.")
    row = team_officer.locator("#candidates tbody tr", has_text=CANDIDATE)
    expect(row).to_contain_text("Đủ điều kiện")  # the rules engine's check on adding
    expect(row).to_contain_text("Chưa xét")

    # --- 2. The team's leader submits it -----------------------------------------------------------------
    team_leader = actor("doi.lanhdao")
    _menu(team_leader, "Khen thưởng", "Hồ sơ đề nghị")
    team_leader.get_by_role("link", name=TITLE).click()
    team_leader.get_by_role("button", name="Trình hồ sơ").click()
    # No tờ trình or biên bản attached: the checklist asks for a reason before the dossier goes up.
    expect(team_leader.get_by_role("heading", name="Hồ sơ chưa đầy đủ: vẫn trình?")).to_be_visible()
    expect(team_leader.locator("#checklist")).to_contain_text("Thiếu Tờ trình đề nghị khen thưởng")
    team_leader.get_by_label("Lý do vẫn tiếp tục").fill("Tờ trình gửi kèm bản giấy")
    team_leader.get_by_role("button", name="Vẫn trình hồ sơ").click()
    _flash(team_leader, "Đã trình hồ sơ.")
    expect(team_leader.locator("#status")).to_have_text("Đã trình")

    # --- 3. The Chi cục's officer receives it and discloses the list --------------------------------------
    officer = actor("chicuc.canbo")
    _menu(officer, "Khen thưởng", "Hồ sơ đề nghị")
    officer.get_by_role("link", name=TITLE).click()
    officer.get_by_role("button", name="Tiếp nhận").click()
    officer.get_by_label("Lý do vẫn tiếp tục").fill("Đã nhận bản giấy")
    officer.get_by_role("button", name="Vẫn tiếp nhận hồ sơ").click()
    _flash(officer, "Đã tiếp nhận hồ sơ.")
    expect(officer.locator("#status")).to_have_text("Đã tiếp nhận")

    # The form takes a past start day: 60 days ago, 5 working days, so the disclosure is over by now.
    starts = date.today() - timedelta(days=60)
    disclosure = officer.locator("#disclosure-form")
    disclosure.get_by_label("Ngày bắt đầu công khai").fill(vn(starts))
    disclosure.get_by_label("Số ngày làm việc").fill("5")
    disclosure.get_by_label("Hình thức, nơi công khai").fill("Bảng tin Chi cục và cổng thông tin nội bộ")
    disclosure.get_by_role("button", name="Công khai danh sách").click()
    _flash(officer, "Đã công khai danh sách.")
    expect(officer.locator("#disclosure")).to_contain_text(f"Công khai từ {vn(starts)}")
    expect(officer.locator("#disclosure")).to_contain_text("Đã hết thời gian công khai")

    # --- 4. The officer schedules the council's meeting, takes attendance and opens it --------------------
    _menu(officer, "Khen thưởng", "Hội đồng")
    officer.get_by_role("link", name=COUNCIL).click()
    expect(officer.get_by_role("heading", name=COUNCIL)).to_be_visible()
    held_at = datetime.combine(date.today(), datetime.min.time()).replace(hour=8)
    officer.get_by_label("Nội dung cuộc họp").fill(MEETING)
    officer.get_by_label("Thời gian").fill(held_at.strftime("%Y-%m-%dT%H:%M"))
    officer.get_by_label("Địa điểm").fill("Phòng họp tầng 2")
    officer.get_by_role("button", name="Lập lịch họp").click()
    _flash(officer, "Đã lập lịch họp.")
    expect(officer.get_by_role("heading", name=MEETING)).to_be_visible()
    expect(officer.locator("#meeting-status")).to_have_text("Dự kiến")
    meeting_url = officer.url

    for _username, family, middle, given, _role in MEMBERS:
        officer.get_by_label(f"{family} {middle} {given} có mặt").check()
    officer.get_by_role("button", name="Lưu điểm danh").click()
    _flash(officer, "Đã lưu điểm danh.")
    expect(officer.locator("#quorum")).to_contain_text("Có mặt 3/3 thành viên")
    expect(officer.locator("#quorum")).to_contain_text("Đủ điều kiện họp.")
    # The chair and the secretary, in the room, each type the tally code they will need again to count.
    officer.get_by_label("Mã kiểm phiếu của Chủ tịch hội đồng").fill(CHAIR_CODE)
    officer.get_by_label("Mã kiểm phiếu của Thư ký hội đồng").fill(SECRETARY_CODE)
    officer.get_by_role("button", name="Bắt đầu phiên họp").click()
    _flash(officer, "Phiên họp đã bắt đầu.")
    expect(officer.locator("#meeting-status")).to_have_text("Đang họp")

    # --- 5. … and sends the dossier to the council: one secret ballot for the candidate --------------------
    officer.goto(dossier_url)
    officer.get_by_label("Phiên họp Hội đồng").select_option(label=f"{MEETING} ({held_at:%d/%m/%Y})")
    officer.get_by_role("button", name="Đưa ra Hội đồng bỏ phiếu").click()
    _flash(officer, "Đã đưa hồ sơ ra Hội đồng")
    expect(officer.locator("#status")).to_have_text("Hội đồng đang xét")

    # --- 6. Each member votes "Đồng ý" on a phone ---------------------------------------------------------
    subject = f"{AWARD}: {CANDIDATE}"
    phones = {}
    for username, *_rest in MEMBERS:
        phone = actor(username, phone=True)
        phones[username] = phone
        _menu(phone, "Khen thưởng", "Phiếu bầu của tôi")
        expect(phone.get_by_role("heading", name="Phiếu bầu của tôi")).to_be_visible()
        card = phone.get_by_role("article", name=subject)
        expect(card).to_be_visible()
        yes = card.get_by_role("button", name="Đồng ý", exact=True)
        expect(yes).to_be_in_viewport()
        assert yes.bounding_box()["width"] > PHONE["width"] * 0.7  # a wide target for the thumb
        yes.tap()
        expect(card.get_by_role("status")).to_contain_text("Bạn chọn: Đồng ý")
        card.get_by_role("button", name="Xác nhận bỏ phiếu").tap()
        expect(card.get_by_role("status")).to_contain_text("Đã bỏ phiếu")  # swapped in by htmx
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # --- 7. The chair closes the ballot and sees the tally -------------------------------------------------
    chair = phones["hd.chutich"]
    _menu(chair, "Khen thưởng", "Hội đồng")  # "Phiếu bầu của tôi" has no link to the meeting
    chair.get_by_role("link", name=COUNCIL).tap()
    chair.get_by_role("link", name=MEETING).tap()
    expect(chair).to_have_url(meeting_url)
    ballot = chair.locator("#ballots .card", has_text=subject)
    expect(ballot).to_contain_text("Đã có 3 thành viên bỏ phiếu.")
    chair.get_by_label("Mã kiểm phiếu của Chủ tịch hội đồng").fill(CHAIR_CODE)
    chair.get_by_label("Mã kiểm phiếu của Thư ký hội đồng").fill("sai-ma-thu-ky")
    ballot.get_by_role("button", name="Kết thúc và kiểm phiếu").tap()
    expect(chair.locator(".alert", has_text="Mã kiểm phiếu không đúng")).to_be_visible()
    expect(chair.locator("#ballots .card", has_text=subject)).to_contain_text("Đã có 3 thành viên bỏ phiếu.")
    chair.get_by_label("Mã kiểm phiếu của Chủ tịch hội đồng").fill(CHAIR_CODE)
    chair.get_by_label("Mã kiểm phiếu của Thư ký hội đồng").fill(SECRETARY_CODE)
    ballot = chair.locator("#ballots .card", has_text=subject)
    ballot.get_by_role("button", name="Kết thúc và kiểm phiếu").tap()
    _flash(chair, "Đã kiểm phiếu.")
    ballot = chair.locator("#ballots .card", has_text=subject)
    expect(ballot.locator(".badge")).to_have_text("Đạt")
    tally = ballot.locator("dl.tally")
    expect(tally.locator("dt")).to_have_text(["Đồng ý", "Không đồng ý", "Không biểu quyết", "Tính trên"])
    expect(tally.locator("dd")).to_have_text(["3", "0", "0", re.compile(r"^3 \(cần \d phiếu đồng ý\)$")])

    officer.goto(dossier_url)
    expect(officer.locator("#status")).to_have_text("Hội đồng đề nghị khen")
    expect(officer.locator("#candidates tbody tr", has_text=CANDIDATE)).to_contain_text("Đạt")

    # --- 8. The officer drafts the decision from the approved dossier (leaders cannot draft, only issue) ---
    _menu(officer, "Khen thưởng", "Quyết định")
    officer.get_by_role("link", name="Lập quyết định").click()
    expect(officer.get_by_role("heading", name="Lập dự thảo quyết định khen thưởng")).to_be_visible()
    officer.get_by_label("Hồ sơ đề nghị").select_option(label=TITLE)
    officer.get_by_label("Cơ quan ban hành").select_option(label=ISSUER)
    officer.get_by_label("Trích yếu").fill(f"Về việc công nhận danh hiệu {AWARD} năm {YEAR}")
    officer.get_by_label("Căn cứ ban hành").fill("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    officer.get_by_label("Chức vụ người ký").fill("CHI CỤC TRƯỞNG")
    officer.get_by_label(re.compile(r"^Người ký")).fill("Vương Văn Dũng")
    officer.get_by_role("button", name="Lập dự thảo").click()
    _flash(officer, "Đã lập dự thảo quyết định.")
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Dự thảo quyết định")
    expect(officer.locator("#lines")).to_contain_text(CANDIDATE)
    expect(officer.locator("#lines")).to_contain_text(AWARD)

    # --- 9. The Chi cục's leader issues it ---------------------------------------------------------------
    leader = actor("chicuc.lanhdao")
    _menu(leader, "Khen thưởng", "Quyết định")
    summary = f"Về việc công nhận danh hiệu {AWARD} năm {YEAR}"
    draft = leader.locator("#results tbody tr", has_text=summary)
    expect(draft.locator("td").nth(4)).to_have_text("1")  # one person in the annex
    draft.get_by_role("link", name="(dự thảo)").click()
    leader.get_by_role("link", name="Ban hành").click()
    expect(leader.get_by_role("heading", name="Ban hành quyết định")).to_be_visible()
    today = date.today()
    leader.get_by_label("Ngày ký").fill(vn(today))
    leader.get_by_label("Tôi xác nhận ban hành quyết định này").check()
    leader.get_by_role("button", name="Xác nhận ban hành").click()
    label = f"01/QĐ-{SYMBOL}"
    _flash(leader, f"Đã ban hành Quyết định số {label}")
    expect(leader.get_by_role("heading", level=1)).to_contain_text(f"Quyết định số {label}")
    expect(leader.locator("#lines")).to_contain_text(CANDIDATE)

    # --- 10. The person's "Khen thưởng" tab shows the award with the decision's number --------------------
    team_officer.goto(dossier_url)
    expect(team_officer.locator("#status")).to_have_text("Đã có quyết định")
    expect(team_officer.locator("#history")).to_contain_text(f"Quyết định số {label}.")
    _menu(team_officer, "Cá nhân")
    team_officer.get_by_role("link", name=CANDIDATE).click()
    expect(team_officer.get_by_role("heading", level=1)).to_have_text(CANDIDATE)
    team_officer.get_by_role("tab", name="Khen thưởng").click()
    pane = team_officer.get_by_role("tabpanel", name="Khen thưởng")
    year = pane.locator(
        "#award-timeline .item", has=team_officer.get_by_role("heading", name=re.compile(rf"^{YEAR}\b"))
    )
    award = year.locator("li.award", has=team_officer.get_by_text(AWARD, exact=True))
    expect(award).to_be_visible()
    expect(award).to_contain_text(f"Quyết định số {label} ngày {vn(today)} – {ISSUER}")
    expect(award).not_to_have_class(re.compile("award-revoked"))

    from tdkt.awards.models import Award

    recorded = Award.objects.get(person=world.hai, kind__code="CSTDCS", year=YEAR)
    assert (recorded.decision_number, recorded.decision_date, recorded.source) == (label, today, "decision")
