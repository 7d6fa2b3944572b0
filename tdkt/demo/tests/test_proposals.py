"""`tdkt demo load` with the workflow demo: councils, the four dossiers of the 2026 review, the issued
decision and the dashboard cards they feed."""

import io
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import login
from tdkt.awards.history import person_history
from tdkt.awards.models import Award
from tdkt.councils import selectors as council_selectors
from tdkt.councils import services as council_services
from tdkt.councils.models import Attendance, Ballot, BallotReceipt, Council, CouncilMember, Meeting
from tdkt.decisions.models import Decision
from tdkt.demo import proposals as demo
from tdkt.org.permissions import visible_unit_ids
from tdkt.portal import dashboards
from tdkt.proposals.models import Candidate, Comment, Proposal, ProposalEvent, Status

pytestmark = pytest.mark.django_db

User = get_user_model()


def _load() -> str:
    out = io.StringIO()
    call_command("demo", "load", "--people", "300", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Load once for the module, inside a transaction rolled back at the end (like setUpTestData)."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _load()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_loaded, db) -> str:
    return _loaded


def user(username: str):
    return User.objects.get(username=username)


def _dossier(title: str, proposing: str) -> Proposal:
    return Proposal.objects.get(title=title, proposing_unit__code=proposing)


def test_councils_have_their_seats(loaded):
    region = Council.objects.get(name=demo.REGION_COUNCIL, unit__code="HQKV06")
    seats = {s.user.username: s.role for s in region.members.select_related("user") if s.user}
    assert seats == {
        "lanhdao.langson": "chu_tich",
        "hoidong.1": "pho_chu_tich",
        "hoidong.2": "thu_ky",
        "hoidong.3": "uy_vien",
        "hoidong.4": "uy_vien",
        "hoidong.5": "uy_vien",
    }
    assert all(s.term_from.year == 2025 and s.person.user_id == s.user_id for s in region.members.all())
    hq = Council.objects.get(name=demo.HQ_COUNCIL, unit__code="HQ")
    roles = {s.role for s in hq.members.all()}
    assert {"chu_tich", "thu_ky", "uy_vien"} <= roles
    assert hq.members.filter(user__username="lanhdao.cuc", role="chu_tich").exists()


def test_draft_with_nguyen_van_an(loaded):
    draft = _dossier(demo.CSTDCS_TITLE, "HQKV06-02")
    assert draft.status == Status.DRAFT
    assert draft.receiving_unit.code == "HQKV06" and draft.award_kind.code == "CSTDCS" and draft.year == 2026
    candidates = list(draft.candidates.select_related("person"))
    assert 3 <= len(candidates) <= 5
    assert candidates[0].person.staff_code == "HQ000001"
    for candidate in candidates:
        assert candidate.report["summary"] and candidate.report["task_results"]
        assert candidate.verdict_at is not None
    assert draft.deadline and 0 <= (draft.deadline - date.today()).days <= 7
    # The border office's leader can submit it; the Chi cục's officer cannot prepare it (it judges it).
    from tdkt.proposals import permissions

    assert permissions.can_submit(user("lanhdao.tanthanh"), draft)
    assert permissions.can_edit(user("canbo.tanthanh"), draft)
    assert not permissions.can_edit(user("canbo.langson"), draft)


def test_dossier_at_council_with_open_ballots(loaded):
    dossier = _dossier(demo.CSTDCS_TITLE, "HQKV06-01")
    assert dossier.status == Status.COUNCIL
    meeting = Meeting.objects.get(status=Meeting.Status.OPEN, council__unit__code="HQKV06")
    assert meeting.held_at.date() == date.today() or abs((meeting.held_at.date() - date.today()).days) <= 1
    assert Attendance.objects.filter(meeting=meeting).count() == meeting.council.members.count()
    assert Attendance.objects.filter(meeting=meeting, present=False).count() == 1
    ballots = Ballot.objects.filter(meeting=meeting, status=Ballot.Status.OPEN)
    assert ballots.count() == dossier.candidates.count() >= 1
    targets = {f"proposals.candidate:{pk}" for pk in dossier.candidates.values_list("pk", flat=True)}
    assert set(ballots.values_list("target", flat=True)) == targets

    hoidong1 = user("hoidong.1")
    waiting = council_selectors.awaiting_vote(hoidong1)
    assert set(waiting) == set(ballots)
    assert not council_selectors.awaiting_vote(user("lanhdao.langson")).exists()  # the chair has voted
    assert not council_selectors.awaiting_vote(user("hoidong.5")).exists()  # absent: voted in writing
    assert BallotReceipt.objects.filter(ballot__in=ballots, in_writing=True).count() == ballots.count()
    council_services.cast_vote(ballot=ballots.first(), user=hoidong1, choice="yes")
    assert council_selectors.awaiting_vote(hoidong1).count() == ballots.count() - 1


def test_completed_example_is_in_the_history(loaded):
    dossier = _dossier(demo.GK_TITLE, "HQKV06-02")
    assert dossier.status == Status.DECIDED
    decision = Decision.objects.get(proposal=dossier)
    assert decision.status == Decision.Status.ISSUED
    assert decision.number and decision.issuer.symbol == "CCHQKVVI"
    assert decision.number_label.endswith("/QĐ-CCHQKVVI") and decision.signed_on == demo.GK_SIGNED
    assert dossier.disclosure.ends_on < decision.signed_on
    lines = list(decision.lines.select_related("award", "person"))
    assert len(lines) == dossier.candidates.filter(result=Candidate.Result.PASSED).count() >= 2
    for line in lines:
        assert line.award.decision_number == decision.number_label
        assert line.award.source == Award.Source.DECISION
        if line.person_id:
            assert line.award in person_history(line.person).awards
    assert ProposalEvent.objects.filter(proposal=dossier, to_status=Status.DECIDED).exists()
    assert not Meeting.objects.filter(
        ballots__target__in=[f"proposals.candidate:{c.pk}" for c in dossier.candidates.all()],
        status=Meeting.Status.OPEN,
    ).exists()


def test_upward_dossier_with_answered_comment(loaded):
    dossier = _dossier(demo.BK_TITLE, "HQKV06")
    assert dossier.status == Status.RECEIVED
    assert dossier.receiving_unit.code == "HQ" and dossier.award_kind.code == "BK_BO"
    disclosure = dossier.disclosure
    assert disclosure.starts_on <= date.today() <= disclosure.ends_on
    comment = Comment.objects.get(disclosure=disclosure)
    assert comment.author.username == "congdoan"
    assert comment.answered_by.username == "canbo.tdkt" and comment.answer
    actors = list(ProposalEvent.objects.filter(proposal=dossier).values_list("to_status", "actor__username"))
    assert actors == [
        ("draft", "canbo.langson"),
        ("submitted", "lanhdao.langson"),
        ("received", "canbo.tdkt"),
    ]


def test_steps_are_audited(loaded):
    assert LogEntry.objects.filter(content_type__model="proposal").count() >= 4
    assert LogEntry.objects.filter(content_type__model="decision").exists()
    assert LogEntry.objects.filter(content_type__model="councilmember").exists()


def _counts() -> dict[str, int]:
    models = (
        Proposal, Candidate, ProposalEvent, Comment, Council, CouncilMember, Meeting, Attendance, Ballot,
        BallotReceipt, Decision, Award, LogEntry, User,
    )  # fmt: skip
    return {m.__name__: m.objects.count() for m in models}


def test_second_load_changes_nothing(loaded):
    before = _counts()
    out = _load()
    assert "giữ nguyên" in out.split("tdkt.demo.proposals.load")[1]
    assert _counts() == before


def _cards(username: str) -> tuple[dict[str, dict], int]:
    """The role dashboards' cards of a user by id (`officer-waiting`, …), and the queries they cost once the
    view has read the user's scope."""
    request = RequestFactory().get("/")
    request.user = user(username)
    visible_unit_ids(request.user)  # the dashboard view reads the roles and the scope first
    with CaptureQueriesContext(connection) as queries:
        panels = dashboards.panels(request)
    return {card.id: card for panel in panels for card in panel.cards}, len(queries)


def test_dashboard_cards(loaded, client):
    cards, _queries = _cards("canbo.langson")
    assert {"officer-due-month", "officer-waiting", "officer-imports"} <= set(cards)
    assert "council-ballots" not in cards and "leader-to-sign" not in cards
    # The number on the card is the number of rows on the list it links to.
    officer = login(client, user("canbo.langson"))
    due = cards["officer-due-month"]
    listed = officer.get(due.url).content.decode()
    assert listed.count('href="/proposals/') - listed.count('href="/proposals/new') >= int(due.value)

    cards, _queries = _cards("hoidong.1")
    assert int(cards["council-ballots"].value) >= 1
    assert "officer-waiting" not in cards  # a council member prepares nothing

    cards, _queries = _cards("nhanvien")
    assert not any(card_id.startswith(("officer", "leader", "council", "admin")) for card_id in cards)

    page = officer.get(reverse("portal:dashboard")).content.decode()
    assert "Hồ sơ đang chờ tôi xử lý" in page and 'id="officer-due-month"' in page
    page = login(client, user("hoidong.1")).get(reverse("portal:dashboard")).content.decode()
    assert "Phiếu bầu chờ tôi bỏ phiếu" in page and reverse("councils:my_ballots") in page
    assert page.index('id="panel-council"') < page.index('id="panel-staff"')  # the ballots come first


def test_leader_card_counts_drafts_to_sign(loaded):
    from tdkt.decisions import services as decision_services

    cards, _queries = _cards("lanhdao.langson")
    assert cards["leader-to-sign"].value == "0"
    issuer = Decision.objects.get(proposal__title=demo.GK_TITLE).issuer
    decision_services.create_decision(
        issuer=issuer, summary="Về việc khen thưởng", signer_name="X", signer_title="Chi cục trưởng"
    )
    cards, _queries = _cards("lanhdao.langson")
    assert cards["leader-to-sign"].value == "1"
    assert cards["leader-to-sign"].url == reverse("decisions:list") + "?status=draft"
    cards, _queries = _cards("lanhdao.cuc")
    assert cards["leader-to-sign"].value == "1"  # Cục's leaders cover the Chi cục
