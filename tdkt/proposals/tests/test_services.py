"""Preparing a dossier, verdicts, disclosure and comments, the council's ballots, forwarding, the package."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind
from tdkt.proposals import selectors, services
from tdkt.proposals.models import Candidate, Proposal, Status
from tdkt.proposals.tests.conftest import put_in, vote_all

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% bien ban\n"


# --- preparing ------------------------------------------------------------------------------------------------


def test_the_default_receiver_is_the_unit_above(draft, org):
    assert (draft.proposing_unit, draft.receiving_unit, draft.status) == (org.a, org.root, Status.DRAFT)


def test_only_the_proposing_side_creates(org, officer_hq, outsider_b, ldtt):
    for user in (officer_hq, outsider_b):
        with pytest.raises(PermissionDenied, match="Chỉ Cán bộ TĐKT hoặc Lãnh đạo của đơn vị đề nghị"):
            services.create_proposal(actor=user, title="x", proposing_unit=org.a, award_kind=ldtt, year=2025)
    with pytest.raises(ValidationError, match="Cấp trình phải là đơn vị cấp trên"):
        services.create_proposal(
            actor=officer_hq,
            title="x",
            proposing_unit=org.root,
            receiving_unit=org.a,
            award_kind=ldtt,
            year=2025,
        )


def test_candidates_come_from_the_proposing_subtree(draft, officer_a, person_a, person_b, org):
    candidate = services.add_candidate(proposal=draft, actor=officer_a, person=person_a)
    assert candidate.report["unit_name"] == "Đội Nghiệp vụ A1"
    with pytest.raises(ValidationError, match="không thuộc Chi cục Hải quan A"):
        services.add_candidate(proposal=draft, actor=officer_a, person=person_b)
    with pytest.raises(ValidationError, match="đã có trong hồ sơ"):
        services.add_candidate(proposal=draft, actor=officer_a, person=person_a)
    with pytest.raises(ValidationError, match="chỉ dành cho cá nhân"):
        services.add_candidate(proposal=draft, actor=officer_a, unit=org.a1)


def test_a_collective_outside_the_subtree_is_refused(org, officer_a):
    kind = AwardKind.objects.get(code="TTLDTT")
    draft = services.create_proposal(
        actor=officer_a, title="TTLĐTT", proposing_unit=org.a, award_kind=kind, year=2025
    )
    assert services.add_candidate(proposal=draft, actor=officer_a, unit=org.a1).unit == org.a1
    with pytest.raises(ValidationError, match="không trực thuộc"):
        services.add_candidate(proposal=draft, actor=officer_a, unit=org.b)


def test_the_report_is_prefilled_from_the_history(draft, officer_a, person_a):
    awards.set_rating(person=person_a, year=2024, value="HTXS")
    awards.record_award(
        kind=AwardKind.objects.get(code="LDTT"), year=2024, person=person_a, decision_number="12/QĐ-HQA"
    )
    report = services.add_candidate(proposal=draft, actor=officer_a, person=person_a).report
    assert report["task_results"] == "Năm 2024: Hoàn thành xuất sắc nhiệm vụ"
    assert report["awards_received"] == "Năm 2024: Lao động tiên tiến (Quyết định số 12/QĐ-HQA)"


def test_update_report_refuses_unknown_fields_and_stale_versions(dossier, officer_a):
    from tdkt.core.errors import ConcurrentEditError

    candidate = dossier.candidates.get()
    with pytest.raises(ValidationError, match="không có mục: luong"):
        services.update_report(
            candidate=candidate, actor=officer_a, report={"luong": 1}, expected_version=None
        )
    version = candidate.lock_version
    services.update_report(
        candidate=candidate, actor=officer_a, report={"summary": "Tốt"}, expected_version=version
    )
    with pytest.raises(ConcurrentEditError):
        services.update_report(
            candidate=candidate, actor=officer_a, report={"summary": "Cũ"}, expected_version=version
        )
    candidate.refresh_from_db()
    assert candidate.report["summary"] == "Tốt"


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("to-trinh.pdf", PDF, True),
        ("bao-cao.docx", b"PK\x03\x04rest", True),
        ("anh.png", b"\x89PNG\r\n\x1a\nxxxx", True),
        ("virus.exe", b"MZ....", False),
        ("gia-mao.pdf", b"<html>", False),
    ],
)
def test_attachment_types(dossier, officer_a, settings, tmp_path, name, content, accepted):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(name, content)
    if accepted:
        assert services.add_attachment(proposal=dossier, actor=officer_a, file=upload).name == name
    else:
        with pytest.raises(ValidationError):
            services.add_attachment(proposal=dossier, actor=officer_a, file=upload)


def test_attachment_size_limit(dossier, officer_a, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(ValidationError, match="lớn hơn 20 MB"):
        services.add_attachment(proposal=dossier, actor=officer_a, file=SimpleUploadedFile("a.pdf", PDF))


# --- verdicts -----------------------------------------------------------------------------------------------------


def test_verdicts_follow_the_facts(dossier, person_a):
    candidate = dossier.candidates.get()
    assert candidate.verdict["award"] == "LDTT" and candidate.verdict["year"] == 2025
    before = candidate.verdict["verdict"]
    awards.set_rating(person=person_a, year=2025, value="KHT")  # a post_save refreshes the open candidacy
    candidate.refresh_from_db()
    assert candidate.verdict["verdict"] == "not_eligible" and candidate.verdict_at is not None
    awards.set_rating(person=person_a, year=2025, value="HTXS")
    candidate.refresh_from_db()
    assert candidate.verdict["verdict"] != "not_eligible"
    assert before  # the first verdict was computed when the candidate was added


def test_a_new_award_refreshes_and_closed_dossiers_are_left_alone(dossier, person_a):
    candidate = dossier.candidates.get()
    put_in(dossier, Status.DECIDED)
    stamp = candidate.verdict_at
    awards.set_rating(person=person_a, year=2025, value="KHT")
    candidate.refresh_from_db()
    assert candidate.verdict_at == stamp
    put_in(dossier, Status.DRAFT)
    awards.record_award(
        kind=AwardKind.objects.get(code="GK"), year=2025, person=person_a, decision_number="1/QĐ"
    )
    candidate.refresh_from_db()
    assert candidate.verdict_at > stamp


def test_refresh_verdicts_counts_the_candidates(dossier):
    assert services.refresh_verdicts(proposal=dossier) == 1


# --- disclosure and comments ----------------------------------------------------------------------------------------


def test_disclosure_on_a_friday_before_quoc_khanh(received, officer_hq):
    disclosure = services.publish_disclosure(
        proposal=received, actor=officer_hq, starts_on=date(2025, 8, 29), where="Cổng thông tin điện tử"
    )
    assert (disclosure.working_days, disclosure.ends_on) == (5, date(2025, 9, 8))
    assert not selectors.disclosure_closed(received, date(2025, 8, 28))
    assert not selectors.disclosure_closed(received, date(2025, 9, 8))  # the last day still counts
    assert selectors.disclosure_closed(received, date(2025, 9, 9))
    assert selectors.working_days_left(disclosure, date(2025, 9, 3)) == 4
    assert selectors.working_days_left(disclosure, date(2025, 9, 9)) == 0


def test_disclosure_days_and_rights(received, officer_hq, officer_a, dossier):
    assert not selectors.disclosure_closed(received, date(2030, 1, 1))  # never disclosed
    with pytest.raises(PermissionDenied, match="Chỉ Cán bộ TĐKT của cấp nhận hồ sơ"):
        services.publish_disclosure(proposal=received, actor=officer_a, starts_on=date(2025, 3, 3))
    disclosure = services.publish_disclosure(
        proposal=received, actor=officer_hq, starts_on=date(2025, 3, 3), disclosure_days=10
    )
    assert disclosure.ends_on == date(2025, 3, 14)
    put_in(received, Status.DRAFT)
    with pytest.raises(ValidationError, match="Chỉ công khai danh sách khi hồ sơ đã được tiếp nhận"):
        services.publish_disclosure(proposal=received, actor=officer_hq, starts_on=date(2025, 3, 3))


def test_comments_and_answers(received, officer_hq, union_a, staff_a, outsider_b, officer_a):
    services.publish_disclosure(proposal=received, actor=officer_hq, starts_on=date(2025, 3, 3))
    candidate = received.candidates.get()
    with pytest.raises(ValidationError, match="Chỉ nhận ý kiến trong thời gian công khai"):
        services.add_comment(proposal=received, author=union_a, text="Sớm", on=date(2025, 3, 2))
    with pytest.raises(ValidationError, match="Chỉ nhận ý kiến"):
        services.add_comment(proposal=received, author=union_a, text="Muộn", on=date(2025, 3, 8))
    comment = services.add_comment(
        proposal=received,
        author=union_a,
        text="Đề nghị làm rõ sáng kiến",
        candidate=candidate,
        on=date(2025, 3, 7),
    )
    services.add_comment(proposal=received, author=staff_a, text="Tôi xin bổ sung", on=date(2025, 3, 3))
    with pytest.raises(PermissionDenied):
        services.add_comment(proposal=received, author=outsider_b, text="?", on=date(2025, 3, 3))
    with pytest.raises(PermissionDenied, match="Chỉ Cán bộ TĐKT của cấp nhận hồ sơ được trả lời"):
        services.answer_comment(comment=comment, actor=officer_a, answer="Đã rõ")
    services.answer_comment(comment=comment, actor=officer_hq, answer="Sáng kiến đã được công nhận năm 2024")
    comment.refresh_from_db()
    assert (comment.answer, comment.answered_by) == ("Sáng kiến đã được công nhận năm 2024", officer_hq)


# --- the council ------------------------------------------------------------------------------------------------------


def test_the_ballots_decide_the_dossier(received, officer_hq, council, org, officer_a, leader_a):
    ballots = services.send_to_council(proposal=received, actor=officer_hq, meeting=council.meeting)
    received.refresh_from_db()
    assert received.status == Status.COUNCIL
    candidate = received.candidates.get()
    assert [b.target for b in ballots] == [f"proposals.candidate:{candidate.pk}"]
    assert ballots[0].candidate_person == candidate.person
    vote_all(ballots[0], council.members, "yes")
    received.refresh_from_db()
    candidate.refresh_from_db()
    assert (candidate.result, received.status) == (Candidate.Result.PASSED, Status.APPROVED)
    assert received.events.last().actor is None and "1/1" in received.events.last().reason


def test_all_failed_means_rejected(received, officer_hq, council):
    ballots = services.send_to_council(proposal=received, actor=officer_hq, meeting=council.meeting)
    vote_all(ballots[0], council.members, "no")
    received.refresh_from_db()
    assert received.status == Status.REJECTED
    assert received.candidates.get().result == Candidate.Result.FAILED


def test_a_meeting_of_another_council_is_refused(received, officer_hq, council, org):
    council.body.unit = org.a
    council.body.save()
    with pytest.raises(ValidationError, match="Phiên họp phải là của Hội đồng"):
        services.send_to_council(proposal=received, actor=officer_hq, meeting=council.meeting)


# --- upwards, decided, exports ---------------------------------------------------------------------------------------


@pytest.fixture
def approved(received):
    put_in(received, Status.APPROVED)
    received.candidates.update(result=Candidate.Result.PASSED)
    return received


def test_forward_to_the_level_above(org, officer_a, leader_a, person_a, ldtt, admin_user):
    # a team's dossier received by A, approved there, goes on from A to HQ
    officer_a1 = __import__("conftest").make_user("officer_a1", role="officer", unit=org.a1)
    leader_a1 = __import__("conftest").make_user("leader_a1", role="leader", unit=org.a1)
    team = services.create_proposal(
        actor=officer_a1, title="Đội A1", proposing_unit=org.a1, award_kind=ldtt, year=2025
    )
    services.add_candidate(proposal=team, actor=officer_a1, person=person_a)
    services.submit(proposal=team, actor=leader_a1)
    services.receive(proposal=team, actor=officer_a)
    put_in(team, Status.APPROVED)
    team.candidates.update(result=Candidate.Result.PASSED)
    upper = services.forward_to_higher_level(
        proposal=team, actor=officer_a, award_kind=AwardKind.objects.get(code="CSTDCS")
    )
    assert (upper.proposing_unit, upper.receiving_unit, upper.forwarded_from) == (org.a, org.root, team)
    assert upper.status == Status.DRAFT and upper.award_kind.code == "CSTDCS"
    assert [c.person for c in upper.candidates.all()] == [person_a]
    assert upper.candidates.get().verdict["award"] == "CSTDCS"
    with pytest.raises(ValidationError, match="đã được chuyển lên"):
        services.forward_to_higher_level(proposal=team, actor=officer_a)
    with pytest.raises(ValidationError, match="không có cấp trên"):
        put_in(upper, Status.APPROVED)
        services.forward_to_higher_level(proposal=upper, actor=admin_user)


def test_mark_decided(approved, leader_hq, officer_a):
    decision = type(
        "Decision", (), {"proposal_id": approved.pk, "number": 15, "issuer": type("I", (), {"symbol": "CHQ"})}
    )()
    with pytest.raises(PermissionDenied):
        services.mark_decided(proposal=approved, decision=decision, actor=officer_a)
    services.mark_decided(proposal=approved, decision=decision, actor=leader_hq)
    assert approved.status == Status.DECIDED
    assert approved.events.last().reason == "Quyết định số 15/QĐ-CHQ."


# --- deadlines ---------------------------------------------------------------------------------------------------------


def test_reminders_and_the_dashboard_list(dossier, officer_a, officer_hq, outsider_b):
    officer_a.email, outsider_b.email = "tdkt.a@customs.gov.vn", "tdkt.b@customs.gov.vn"
    officer_a.save()
    outsider_b.save()
    Proposal.objects.filter(pk=dossier.pk).update(deadline=date.today())
    assert list(selectors.due_soon(officer_a)) == [dossier]
    assert list(selectors.due_soon(outsider_b)) == []
    call_command("proposals", "remind", "--days", "3")
    assert [m.to for m in mail.outbox] == [["tdkt.a@customs.gov.vn"]]
    assert dossier.title in mail.outbox[0].body
