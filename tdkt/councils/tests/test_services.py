"""The council machinery as a spec: quorum, vote thresholds on both bases, recusal, one vote per member,
written votes of absent members, counting by the chair, results and minutes."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.councils import selectors, services
from tdkt.councils.models import Ballot, BallotReceipt, Meeting, MemberRole, SealedVote, VoteBase
from tdkt.councils.signals import ballot_closed
from tdkt.councils.tests.conftest import CODES
from tdkt.rules import services as rules_services
from tdkt.rules.models import ParameterOverride

pytestmark = pytest.mark.django_db


# --- quorum ---------------------------------------------------------------------------------------------------


def test_exactly_two_thirds_present_opens_the_meeting(board):
    b = board(15)
    b.attend(10)  # 10/15 = 2/3 exactly
    assert selectors.quorum(b.meeting).required == 10
    meeting = services.open_meeting(meeting=b.meeting, actor=b.officer, **CODES)
    assert meeting.status == Meeting.Status.OPEN


def test_one_less_than_two_thirds_does_not_open_it(board):
    b = board(15)
    b.attend(9)
    with pytest.raises(ValidationError, match="Chưa đủ số thành viên có mặt để họp: có mặt 9/15"):
        services.open_meeting(meeting=b.meeting, actor=b.officer, **CODES)
    b.meeting.refresh_from_db()
    assert b.meeting.status == Meeting.Status.PLANNED


def test_quorum_counts_only_members_in_office_on_the_meeting_day(board):
    b = board(6)
    services.end_member_term(member=b.seats[5], term_to=date(2026, 1, 1))  # out of office before the meeting
    b.attend(4)  # 4 of the 5 in office ≥ 2/3
    assert selectors.quorum(b.meeting).members == 5
    services.open_meeting(meeting=b.meeting, actor=b.officer, **CODES)


def test_a_custom_quorum_ratio(board):
    b = board(10)
    b.meeting.quorum_ratio = Decimal("0.800")
    b.meeting.save()
    b.attend(7)
    with pytest.raises(ValidationError):
        services.open_meeting(meeting=b.meeting, actor=b.officer, **CODES)
    b.attend(8)
    services.open_meeting(meeting=b.meeting, actor=b.officer, **CODES)


def test_only_who_runs_the_meeting_may_open_it(board, leader_a):
    b = board(4)
    b.attend(4)
    with pytest.raises(PermissionDenied):
        services.open_meeting(meeting=b.meeting, actor=leader_a, **CODES)
    with pytest.raises(PermissionDenied):
        services.open_meeting(meeting=b.meeting, actor=b.users[-1], **CODES)  # an ủy viên
    services.open_meeting(meeting=b.meeting, actor=b.secretary, **CODES)


def test_ratios_are_exact_fractions():
    assert selectors.ratio_fraction(Decimal("0.667")) == selectors.Fraction(2, 3)
    assert selectors.ratio_fraction(Decimal("0.900")) == selectors.Fraction(9, 10)
    assert selectors.ratio_fraction("0.8") == selectors.Fraction(4, 5)
    assert selectors.format_ratio(Decimal("0.667")) == "2/3"
    assert selectors.format_ratio(Decimal("0.9")) == "90 %"


# --- thresholds -----------------------------------------------------------------------------------------------


def _close(b, ballot):
    return services.close_ballot(ballot=ballot, user=b.chair, **CODES)


def test_cstd_bo_takes_90_percent_of_all_members_from_the_rules(board):
    b = board(3)
    b.open()
    ballot = b.ballot(award_code="CSTD_BO")
    assert ballot.threshold == Decimal("0.900")
    assert ballot.base == VoteBase.ALL_MEMBERS
    assert not ballot.strictly_above
    assert b.ballot(award_code="CSTDCS").threshold == Decimal("0.800")


def test_18_of_20_members_at_90_percent_passes(board):
    b = board(20)
    b.open()
    ballot = b.ballot(award_code="CSTD_BO")
    b.vote(ballot, ["yes"] * 18 + ["no", "abstain"])
    ballot = _close(b, ballot)
    assert (ballot.yes_count, ballot.no_count, ballot.abstain_count) == (18, 1, 1)
    assert ballot.members_count == 20 and ballot.present_count == 20
    assert ballot.passed is True


def test_17_of_20_members_at_90_percent_fails(board):
    b = board(20)
    b.open()
    ballot = b.ballot(award_code="CSTD_BO")
    b.vote(ballot, ["yes"] * 17 + ["no"] * 3)
    assert _close(b, ballot).passed is False


def test_absent_members_count_in_the_base_of_all_members(board):
    b = board(20)
    b.open(present=18)
    ballot = b.ballot(award_code="CSTD_BO")
    b.vote(ballot, ["yes"] * 17 + ["no"])
    result = selectors.ballot_result(_close(b, ballot))
    assert result["base_count"] == 20 and result["required_yes"] == 18
    assert result["passed"] is False


def test_base_present_9_of_10_present_passes_at_90_percent(board):
    b = board(14)
    b.open(present=10)
    ballot = b.ballot(threshold=Decimal("0.9"), base=VoteBase.PRESENT)
    b.vote(ballot, ["yes"] * 9 + ["no"])
    ballot = _close(b, ballot)
    assert ballot.present_count == 10 and ballot.members_count == 14
    assert ballot.passed is True


def test_base_present_8_of_10_present_fails_at_90_percent(board):
    b = board(14)
    b.open(present=10)
    ballot = b.ballot(threshold=Decimal("0.9"), base=VoteBase.PRESENT)
    b.vote(ballot, ["yes"] * 8 + ["abstain"] * 2)
    assert _close(b, ballot).passed is False


def test_without_a_rule_more_than_half_of_those_present(board):
    b = board(10)
    b.open()
    ballot = b.ballot(subject="Thông qua kế hoạch thi đua năm 2026")
    assert ballot.base == VoteBase.PRESENT and ballot.strictly_above
    b.vote(ballot, ["yes"] * 5 + ["no"] * 5)
    assert _close(b, ballot).passed is False  # exactly half is not more than half
    again = b.ballot(subject="Thông qua kế hoạch (lần 2)")
    b.vote(again, ["yes"] * 6 + ["no"] * 4)
    assert _close(b, again).passed is True


def test_an_unset_rule_falls_back_to_the_majority(board):
    b = board(3)
    b.open()
    ballot = b.ballot(award_code="CO_BO", rule_set="LTDKT2013-ND91")  # no legal ratio under the old law
    assert ballot.strictly_above and ballot.base == VoteBase.PRESENT
    old = b.ballot(award_code="CSTD_BO", rule_set="LTDKT2013-ND91")
    assert old.threshold == Decimal("0.900") and old.base == VoteBase.ALL_MEMBERS


def test_administrators_values_override_the_rule_set(board):
    b = board(3)
    b.open()
    rule_set = rules_services.resolve_rule_set(None, selectors.meeting_day(b.meeting)).id
    ParameterOverride.objects.create(
        rule_set=rule_set, key="vote_threshold.CSTDCS", value=0.75, note="QĐ ngành"
    )
    ParameterOverride.objects.create(
        rule_set=rule_set, key="vote_base.CSTDCS", value="present", note="QĐ ngành"
    )
    ballot = b.ballot(award_code="CSTDCS")
    assert (ballot.threshold, ballot.base) == (Decimal("0.750"), VoteBase.PRESENT)


def test_invalid_ballot_parameters_are_refused(board):
    b = board(3)
    b.open()
    with pytest.raises(ValidationError):
        b.ballot(award_code="KHONG_CO")
    with pytest.raises(ValidationError):
        b.ballot(threshold=Decimal("1.5"))
    with pytest.raises(ValidationError):
        b.ballot(threshold=Decimal("0.5"), base="half")
    with pytest.raises(ValidationError):
        b.ballot(subject="  ")


def test_ballots_only_at_an_open_meeting(board):
    b = board(3)
    with pytest.raises(ValidationError, match="Chỉ bỏ phiếu khi phiên họp đang diễn ra"):
        b.ballot()


# --- who votes ------------------------------------------------------------------------------------------------


def test_the_candidate_does_not_vote(board):
    b = board(5)
    b.open()
    ballot = b.ballot(award_code="CSTDCS", candidate_person=b.seats[3].person)
    with pytest.raises(ValidationError, match="người được xét"):
        services.cast_vote(ballot=ballot, user=b.users[3], choice="yes")
    assert not BallotReceipt.objects.filter(ballot=ballot).exists()
    services.cast_vote(ballot=ballot, user=b.users[4], choice="yes")


def test_a_member_cannot_vote_twice(board):
    b = board(5)
    b.open()
    ballot = b.ballot()
    services.cast_vote(ballot=ballot, user=b.users[4], choice="yes")
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.cast_vote(ballot=ballot, user=b.users[4], choice="no")
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.cast_vote(ballot=ballot, user=b.users[4], choice="yes")
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 1
    assert SealedVote.objects.filter(ballot=ballot).count() == 1
    ballot = services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert (ballot.yes_count, ballot.no_count) == (1, 0)


def test_only_present_members_in_office_vote(board, officer_a):
    b = board(6)
    b.open(present=5)
    ballot = b.ballot()
    with pytest.raises(ValidationError, match="chưa được điểm danh"):
        services.cast_vote(ballot=ballot, user=b.users[5], choice="yes")
    with pytest.raises(PermissionDenied):
        services.cast_vote(ballot=ballot, user=officer_a, choice="yes")


def test_a_member_whose_term_ended_does_not_vote(board):
    b = board(6)
    services.end_member_term(member=b.seats[5], term_to=date(2026, 3, 1))
    b.open(present=[0, 1, 2, 3, 4])
    ballot = b.ballot()
    with pytest.raises(PermissionDenied):
        services.cast_vote(ballot=ballot, user=b.users[5], choice="yes")


def test_an_unknown_choice_is_refused(board):
    b = board(3)
    b.open()
    with pytest.raises(ValidationError):
        services.cast_vote(ballot=b.ballot(), user=b.users[0], choice="maybe")


def test_no_vote_after_counting(board):
    b = board(4)
    b.open()
    ballot = b.ballot()
    _close(b, ballot)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.cast_vote(ballot=ballot, user=b.users[3], choice="yes")


# --- written votes -----------------------------------------------------------------------------------------------


def test_the_secretary_enters_the_written_vote_of_an_absent_member(board):
    b = board(20)
    b.open(present=18)
    ballot = b.ballot(award_code="CSTD_BO")
    b.vote(ballot, ["yes"] * 17 + ["no"])
    services.enter_written_vote(ballot=ballot, member=b.seats[18], choice="yes", secretary_user=b.secretary)
    receipt = BallotReceipt.objects.get(ballot=ballot, member=b.seats[18])
    assert receipt.in_writing
    assert _close(b, ballot).passed is True  # 18 of 20 with the written vote


def test_written_votes_only_for_absent_members(board):
    b = board(5)
    b.open(present=4)
    ballot = b.ballot()
    with pytest.raises(ValidationError, match="vắng mặt"):
        services.enter_written_vote(
            ballot=ballot, member=b.seats[3], choice="yes", secretary_user=b.secretary
        )


def test_written_votes_only_by_the_secretary_or_chair(board, officer_a):
    b = board(5)
    b.open(present=4)
    ballot = b.ballot()
    for clerk in (b.vice_chair, b.users[3], officer_a):
        with pytest.raises(PermissionDenied):
            services.enter_written_vote(ballot=ballot, member=b.seats[4], choice="yes", secretary_user=clerk)
    services.enter_written_vote(ballot=ballot, member=b.seats[4], choice="no", secretary_user=b.chair)
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.enter_written_vote(ballot=ballot, member=b.seats[4], choice="no", secretary_user=b.secretary)


def test_no_written_vote_for_the_candidate(board):
    b = board(5)
    b.open(present=4)
    ballot = b.ballot(candidate_person=b.seats[4].person)
    with pytest.raises(ValidationError, match="người được xét"):
        services.enter_written_vote(
            ballot=ballot, member=b.seats[4], choice="yes", secretary_user=b.secretary
        )


# --- counting ---------------------------------------------------------------------------------------------------


def test_only_the_chair_counts(board, officer_a):
    b = board(5)
    b.open()
    ballot = b.ballot()
    for user in (b.secretary, b.vice_chair, b.users[4], officer_a):
        with pytest.raises(PermissionDenied):
            services.close_ballot(ballot=ballot, user=user, **CODES)
    assert _close(b, ballot).status == Ballot.Status.CLOSED


def test_the_vice_chair_counts_when_the_chair_is_absent(board):
    b = board(5)
    b.open(present=[1, 2, 3, 4])
    ballot = b.ballot()
    with pytest.raises(PermissionDenied):
        services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert services.close_ballot(ballot=ballot, user=b.vice_chair, **CODES).status == Ballot.Status.CLOSED


def test_a_ballot_is_counted_once_and_announced(board):
    b = board(5)
    b.open()
    ballot = b.ballot(target="proposals.candidate:12")
    heard = []

    def listener(sender, ballot, **kwargs):
        heard.append((sender, ballot.pk, ballot.passed, ballot.target))

    ballot_closed.connect(listener)
    try:
        b.vote(ballot, ["yes"] * 5)
        _close(b, ballot)
        with pytest.raises(ValidationError, match="đã được kiểm phiếu"):
            _close(b, ballot)
    finally:
        ballot_closed.disconnect(listener)
    assert heard == [(Ballot, ballot.pk, True, "proposals.candidate:12")]


def test_results_are_hidden_while_open(board):
    b = board(3)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes"])
    assert selectors.ballot_result(ballot) is None
    minutes = selectors.meeting_minutes_data(b.meeting)
    assert minutes["ballots"][0]["yes"] is None and minutes["ballots"][0]["passed"] is None


def test_a_meeting_closes_after_its_ballots(board):
    b = board(3)
    b.open()
    ballot = b.ballot()
    with pytest.raises(ValidationError, match="chưa kiểm phiếu"):
        services.close_meeting(meeting=b.meeting, actor=b.officer)
    _close(b, ballot)
    meeting = services.close_meeting(meeting=b.meeting, actor=b.secretary, minutes_note="Thống nhất đề nghị.")
    assert meeting.status == Meeting.Status.CLOSED
    with pytest.raises(ValidationError):
        services.record_attendance(meeting=meeting, member=b.seats[0], present=False)


def test_minutes_data(board):
    b = board(5)
    services.record_attendance(meeting=b.meeting, member=b.seats[4], present=False, note="Đi công tác")
    b.open(present=4)
    ballot = b.ballot(award_code="CSTDCS", candidate_person=b.seats[3].person)
    b.vote(ballot, {0: "yes", 1: "yes", 2: "no"})
    services.enter_written_vote(ballot=ballot, member=b.seats[4], choice="yes", secretary_user=b.secretary)
    _close(b, ballot)
    services.close_meeting(meeting=b.meeting, actor=b.officer, minutes_note="Hội đồng thống nhất.")
    data = selectors.meeting_minutes_data(b.meeting)
    assert data["council"]["name"] == "Hội đồng Thi đua – Khen thưởng Chi cục A"
    assert data["chair"] == "Lê Văn Thành00" and data["secretary"] == "Lê Văn Thành01"
    assert [row["role"] for row in data["attendance"]] == [
        MemberRole.CHAIR,
        MemberRole.VICE_CHAIR,
        MemberRole.SECRETARY,
        MemberRole.MEMBER,
        MemberRole.MEMBER,
    ]
    absent = [row for row in data["attendance"] if not row["present"]]
    assert absent == [
        {
            "member_id": b.seats[4].pk,
            "name": "Lê Văn Thành04",
            "role": MemberRole.MEMBER,
            "role_label": "Ủy viên",
            "present": False,
            "note": "",
        }
    ]
    assert data["quorum"] == {
        "members": 5,
        "present": 4,
        "absent": 1,
        "required": 4,
        "ratio": Decimal("0.667"),
        "ratio_text": "2/3",
        "reached": True,
    }
    (row,) = data["ballots"]
    assert (row["yes"], row["no"], row["abstain"], row["base_count"], row["passed"]) == (3, 1, 0, 5, False)
    assert row["threshold"] == Decimal("0.800") and row["candidate"] == "Lê Văn Thành03"
    assert row["written_voters"] == ["Lê Văn Thành04"]
    assert data["note"] == "Hội đồng thống nhất." and data["agenda"].startswith("1. Xét")


# --- members --------------------------------------------------------------------------------------------------


def test_one_chair_at_a_time_and_no_overlapping_seats(board):
    b = board(3)
    person = b.seats[2].person
    with pytest.raises(ValidationError):
        services.add_member(
            council=b.council, person=person, role=MemberRole.MEMBER, term_from=date(2025, 6, 1)
        )
    other = b.seats[1].person
    with pytest.raises(ValidationError):
        services.end_member_term(member=b.seats[0], term_to=date(2024, 1, 1))
    services.end_member_term(member=b.seats[0], term_to=date(2026, 1, 1))
    # the old chair's term is over: a new chair from then on
    with pytest.raises(ValidationError):
        services.add_member(
            council=b.council, person=other, role=MemberRole.CHAIR, term_from=date(2025, 6, 1)
        )


def test_create_council_needs_an_officer_in_scope(org, outsider_b, leader_a):
    for actor in (outsider_b, leader_a):
        with pytest.raises(PermissionDenied):
            services.create_council(name="Hội đồng", kind="tdkt", unit=org.a, actor=actor)
