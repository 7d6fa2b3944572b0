"""The council pages: each works for who may use it, refuses the wrong method, and is 404 for outsiders.
Tallies appear only after counting; the voting page is a member's three buttons, then "Đã bỏ phiếu"."""

import re

import pytest
from django.urls import reverse

from conftest import login
from tdkt.councils import services
from tdkt.councils.models import Ballot, BallotReceipt, Council, CouncilMember, Meeting
from tdkt.councils.tests.conftest import CODES

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def html(response) -> str:
    return response.content.decode()


def assert_strict_csp(page: str) -> None:
    assert 'style="' not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script"
    assert not re.search(r"\son[a-z]+=", page), "inline event handler"


@pytest.fixture
def live(board):
    """Five members present at an open meeting, one ballot open with two votes."""
    b = board(5)
    b.open()
    ballot = b.ballot(award_code="CSTDCS", candidate_person=b.seats[4].person)
    b.vote(ballot, {0: "yes", 1: "no"})
    return b, ballot


def test_council_list_and_creation(client, officer_a, outsider_b, org, live):
    b, _ballot = live
    page = html(login(client, officer_a).get(reverse("councils:council_list")))
    assert b.council.name in page and "Lập hội đồng" in page
    assert_strict_csp(page)
    response = client.post(
        reverse("councils:council_list"),
        {
            "name": "Hội đồng sáng kiến Chi cục A",
            "kind": "sang_kien",
            "unit": org.a.pk,
            "decision_number": "7/QĐ",
        },
    )
    council = Council.objects.get(name="Hội đồng sáng kiến Chi cục A")
    assert response.status_code == 302 and response.url == reverse(
        "councils:council_detail", args=[council.pk]
    )
    assert client.put(reverse("councils:council_list")).status_code == 405
    page = html(login(client, outsider_b).get(reverse("councils:council_list")))
    assert b.council.name not in page
    assert (
        client.post(
            reverse("councils:council_list"), {"name": "X", "kind": "tdkt", "unit": org.a.pk}
        ).status_code
        == 200
    )
    assert not Council.objects.filter(name="X").exists()  # B's officer may not pick unit A


def test_council_detail_for_members_managers_and_observers(
    client, officer_a, leader_a, union_a, outsider_b, live
):
    b, _ballot = live
    url = reverse("councils:council_detail", args=[b.council.pk])
    for user in (b.users[3], officer_a, leader_a, union_a):
        page = html(login(client, user).get(url))
        assert "Lê Văn Thành00" in page and "Chủ tịch" in page
        assert ("Thêm thành viên" in page) is (user == officer_a)
    assert client.post(url).status_code == 405
    assert login(client, outsider_b).get(url).status_code == 404


def test_officer_adds_and_ends_a_member(client, officer_a, person_a, live):
    b, _ballot = live
    login(client, officer_a)
    response = client.post(
        reverse("councils:member_add", args=[b.council.pk]),
        {"staff_code": "A-001", "role": "uy_vien", "term_from": "2026-01-01"},
    )
    assert response.status_code == 302
    seat = CouncilMember.objects.get(council=b.council, person=person_a)
    client.post(reverse("councils:member_end", args=[seat.pk]), {"term_to": "2026-06-01"})
    seat.refresh_from_db()
    assert str(seat.term_to) == "2026-06-01"
    assert client.get(reverse("councils:member_end", args=[seat.pk])).status_code == 405


def test_members_and_observers_cannot_manage(client, leader_a, union_a, outsider_b, live):
    b, _ballot = live
    add = reverse("councils:member_add", args=[b.council.pk])
    data = {"staff_code": "HD-tv-01", "role": "uy_vien", "term_from": "2026-01-01"}
    for user in (b.users[3], leader_a, union_a):
        assert login(client, user).post(add, data).status_code == 403
    assert login(client, outsider_b).post(add, data).status_code == 404


def test_meeting_page_hides_tallies_while_open(client, officer_a, live):
    b, ballot = live
    url = reverse("councils:meeting_detail", args=[b.meeting.pk])
    page = html(login(client, b.chair).get(url))
    assert_strict_csp(page)
    assert "Đã có 2 thành viên bỏ phiếu" in page and "Kết quả chỉ hiện sau khi kiểm phiếu" in page
    assert 'class="row small mb-0 tally"' not in page
    assert "Kết thúc và kiểm phiếu" in page  # the chair's button
    assert "Có mặt 5/5 thành viên" in page
    fragment = html(client.get(url, HTTP_HX_TARGET="ballots", **HTMX))
    assert "<html" not in fragment and 'id="ballots"' in fragment and "tally" not in fragment
    assert "Kết thúc và kiểm phiếu" not in html(login(client, b.users[3]).get(url))
    # the chair counts from the page; the tallies appear
    response = login(client, b.chair).post(reverse("councils:ballot_close", args=[ballot.pk]), CODES)
    assert response.status_code == 302
    page = html(client.get(url))
    assert "tally" in page and "cần 4 phiếu đồng ý" in page and "Không đạt" in page


def test_meeting_page_trio(client, officer_a, union_a, outsider_b, live):
    b, _ballot = live
    url = reverse("councils:meeting_detail", args=[b.meeting.pk])
    assert login(client, union_a).get(url).status_code == 200
    assert client.post(url).status_code == 405
    assert login(client, outsider_b).get(url).status_code == 404


def test_attendance_and_opening_from_the_page(client, board, leader_a):
    b = board(3)
    url = reverse("councils:attendance", args=[b.meeting.pk])
    assert login(client, leader_a).post(url, {}).status_code == 403
    login(client, b.secretary).post(url, {f"present-{b.seats[0].pk}": "on", f"present-{b.seats[1].pk}": "on"})
    page = html(client.get(reverse("councils:meeting_detail", args=[b.meeting.pk])))
    assert "Có mặt 2/3 thành viên" in page and "Đủ điều kiện họp" in page
    client.post(
        reverse("councils:meeting_open", args=[b.meeting.pk]),
        {"open-chair_code": CODES["chair_code"], "open-secretary_code": CODES["secretary_code"]},
    )
    b.meeting.refresh_from_db()
    assert b.meeting.status == Meeting.Status.OPEN
    client.post(
        reverse("councils:ballot_add", args=[b.meeting.pk]),
        {
            "subject": "Đề nghị Cờ thi đua",
            "award_code": "CO_BO",
            "candidate_code": "",
            "threshold_percent": "",
            "base": "",
        },
    )
    ballot = Ballot.objects.get(meeting=b.meeting)
    assert str(ballot.threshold) == "0.800"


def test_voting_page_three_buttons_then_voted(client, live):
    b, ballot = live
    login(client, b.users[3])
    page = html(client.get(reverse("councils:my_ballots")))
    assert_strict_csp(page)
    for label in ("Đồng ý", "Không đồng ý", "Không biểu quyết"):
        assert f">{label}</button>" in page
    assert 'name="viewport"' in page and "col-12" in page  # phone width: one column, full-width buttons
    fragment = html(
        client.post(
            reverse("councils:vote", args=[ballot.pk]), {"choice": "abstain", "confirmed": "1"}, **HTMX
        )
    )
    assert "<html" not in fragment and "Đã bỏ phiếu" in fragment and "<button" not in fragment
    assert "Đã bỏ phiếu" in html(client.get(reverse("councils:my_ballots")))
    # a second submission (e.g. an old tab) changes nothing
    fragment = html(
        client.post(reverse("councils:vote", args=[ballot.pk]), {"choice": "yes", "confirmed": "1"}, **HTMX)
    )
    assert "Đã bỏ phiếu" in fragment
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 3
    assert client.get(reverse("councils:vote", args=[ballot.pk])).status_code == 405


def test_a_vote_is_cast_only_after_the_member_confirms_the_choice(client, live):
    b, ballot = live
    login(client, b.users[3])
    page = html(client.get(reverse("councils:my_ballots")))
    from datetime import date

    from tdkt.org.models import Membership

    unit = b.council.unit
    Membership.objects.create(person=b.seats[4].person, unit=unit, valid_from=date(2020, 1, 1))
    page = html(client.get(reverse("councils:my_ballots")))
    assert f"<dt>Đơn vị</dt><dd>{unit}</dd>" in page, "the member sees whose unit the candidate is from"
    url = reverse("councils:vote", args=[ballot.pk])
    fragment = html(client.post(url, {"choice": "no"}, **HTMX))
    assert "Bạn chọn: <strong>Không đồng ý</strong>" in fragment
    assert "Xác nhận bỏ phiếu" in fragment and "Chọn lại" in fragment
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 2, "nothing cast before the confirmation"
    fragment = html(client.post(url, {"choice": "no", "confirmed": "1"}, **HTMX))
    assert "Đã bỏ phiếu" in fragment
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 3


def test_a_ballot_shows_the_candidates_position_and_achievement_report(client, board):
    """Before voting, a member reads where the candidate works, in which post, and their achievement report."""
    from datetime import date

    from tdkt.org.models import Membership, Position

    b = board(5)
    b.open()
    candidate = b.seats[4].person
    post = Position.objects.create(code="doi-truong", name="Đội trưởng", grade=3, is_leadership=True)
    Membership.objects.create(
        person=candidate, unit=b.council.unit, position=post, valid_from=date(2020, 1, 1)
    )
    with_report = b.ballot(candidate_person=candidate, target="proposals.candidate:4242")
    without_report = b.ballot(subject="Đề nghị tặng Bằng khen", candidate_person=candidate)
    page = html(login(client, b.users[3]).get(reverse("councils:my_ballots")))
    cards = {
        ballot.pk: page[page.index(f'id="ballot-{ballot.pk}"') :].split("</article>")[0]
        for ballot in (with_report, without_report)
    }
    for card in cards.values():
        assert "<dt>Chức vụ</dt><dd>Đội trưởng</dd>" in card
        assert f"<dt>Đơn vị</dt><dd>{b.council.unit}</dd>" in card
    report = reverse("proposals:candidate_report", args=[4242])
    assert f'<a href="{report}">Đọc báo cáo thành tích</a>' in cards[with_report.pk]
    assert "Đọc báo cáo thành tích" not in cards[without_report.pk]  # no dossier behind it, no link


def test_voting_page_for_the_candidate_and_without_javascript(client, live):
    b, ballot = live
    page = html(login(client, b.users[4]).get(reverse("councils:my_ballots")))
    assert "người được xét" in page and "<button" not in page.split("Phiếu bầu của tôi</h1>")[1]
    response = login(client, b.users[2]).post(
        reverse("councils:vote", args=[ballot.pk]), {"choice": "yes", "confirmed": "1"}
    )
    assert response.status_code == 302 and response.url == reverse("councils:my_ballots")


def test_outsiders_cannot_vote(client, outsider_b, officer_a, live):
    _b, ballot = live
    url = reverse("councils:vote", args=[ballot.pk])
    assert login(client, outsider_b).post(url, {"choice": "yes"}).status_code == 404
    login(client, officer_a).post(url, {"choice": "yes", "confirmed": "1"})  # sees the council, has no seat
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 2


def test_written_vote_page(client, board, outsider_b):
    b = board(5)
    b.open(present=4)
    ballot = b.ballot()
    url = reverse("councils:written_vote", args=[ballot.pk])
    page = html(login(client, b.secretary).get(url))
    assert_strict_csp(page)
    assert "Lê Văn Thành04" in page and "Lê Văn Thành03" not in page  # only the absent member
    response = client.post(url, {"member": b.seats[4].pk, "choice": "yes"})
    assert response.status_code == 302
    assert BallotReceipt.objects.get(ballot=ballot, member=b.seats[4]).in_writing
    assert client.put(url).status_code == 405
    assert login(client, b.users[3]).get(url).status_code == 403
    assert login(client, outsider_b).get(url).status_code == 404


def test_minutes_page(client, union_a, outsider_b, live):
    b, ballot = live
    url = reverse("councils:minutes", args=[b.meeting.pk])
    page = html(login(client, union_a).get(url))
    assert_strict_csp(page)
    assert (
        "Biên bản họp" in page and "Lê Văn Thành00" in page and "kết quả chỉ hiện sau khi kiểm phiếu" in page
    )
    services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    page = html(client.get(url))
    assert "Không đạt" in page and "Tổng số thành viên: 5; có mặt: 5" in page
    assert client.post(url).status_code == 405
    assert login(client, outsider_b).get(url).status_code == 404


def test_nav_has_councils(client, officer_a, org):
    page = html(login(client, officer_a).get(reverse("councils:council_list")))
    assert f'href="{reverse("councils:council_list")}"' in page


def test_a_council_members_home_starts_with_the_ballots(client, live):
    b, _ballot = live
    home = html(login(client, b.users[3]).get("/"))
    cards = home.split('class="card-body"')[1:]
    assert cards and "Phiếu bầu chờ tôi bỏ phiếu" in cards[0]
    assert reverse("councils:my_ballots") in cards[0]
