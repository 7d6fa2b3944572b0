"""Fixtures of the dossier specs.

The tree of /work/main/conftest.py: HQ (Cục) ← A (Chi cục) ← A1 (Đội), and B. A dossier goes from A to HQ:

- proposing side: `officer_a` (prepares), `leader_a` (submits), `union_a` (trade-union observer of A);
- receiving side: `officer_hq` (receives, returns, sends to council, discloses), `leader_hq` (decides),
  `council_hq` (council member of HQ);
- `outsider_b` sees nothing; `staff_a` (person_a's own account) sees only their own candidacy.
"""

from datetime import date, datetime

import pytest

from conftest import make_user
from tdkt.awards.models import AwardKind
from tdkt.councils.tests.conftest import CODES
from tdkt.org import services as org_services
from tdkt.proposals import services
from tdkt.proposals.models import Proposal, Status


@pytest.fixture
def officer_hq(org):
    return make_user("officer_hq", role="officer", unit=org.root)


@pytest.fixture
def leader_hq(org):
    return make_user("leader_hq", role="leader", unit=org.root)


@pytest.fixture
def council_hq(org):
    return make_user("council_hq", role="council", unit=org.root)


@pytest.fixture
def union_a(org):
    return make_user("union_a", role="union", unit=org.a)


@pytest.fixture
def ldtt():
    return AwardKind.objects.get(code="LDTT")


@pytest.fixture
def draft(org, officer_a, ldtt):
    """A draft from A to HQ for Lao động tiên tiến 2025, no candidates yet."""
    return services.create_proposal(
        actor=officer_a,
        title="Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2025",
        proposing_unit=org.a,
        award_kind=ldtt,
        year=2025,
    )


@pytest.fixture
def dossier(draft, officer_a, person_a):
    """The draft with person_a as its candidate."""
    services.add_candidate(proposal=draft, actor=officer_a, person=person_a)
    draft.refresh_from_db()
    return draft


def put_in(proposal: Proposal, status: str) -> Proposal:
    """Jump a dossier to a status (to test a move from there)."""
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def received(dossier, leader_a, officer_hq):
    services.submit(proposal=dossier, actor=leader_a)
    services.receive(proposal=dossier, actor=officer_hq)
    return dossier


@pytest.fixture
def council(org, officer_hq):
    """The HQ council: three members with accounts (chair, secretary, member), all present at an open meeting."""
    from tdkt.councils import services as councils

    body = councils.create_council(name="Hội đồng TĐKT Cục", kind="tdkt", unit=org.root, actor=officer_hq)
    members = []
    for index, role in enumerate(["chu_tich", "thu_ky", "uy_vien"], start=1):
        user = make_user(f"member{index}")
        person = org_services.create_person(
            family_name="Lê",
            middle_name="Văn",
            given_name=f"Thành viên {index}",
            gender="nam",
            unit=org.root,
            since=date(2020, 1, 1),
        )
        members.append(
            councils.add_member(council=body, person=person, role=role, term_from=date(2020, 1, 1), user=user)
        )
    meeting = councils.schedule_meeting(
        council=body, title="Phiên họp xét khen thưởng năm 2025", held_at=datetime(2026, 1, 15, 8, 0)
    )
    for member in members:
        councils.record_attendance(meeting=meeting, member=member, present=True)
    councils.open_meeting(meeting=meeting, actor=officer_hq, **CODES)
    return type("Council", (), {"body": body, "members": members, "meeting": meeting})


def vote_all(ballot, members, choice: str):
    from tdkt.councils import services as councils

    for member in members:
        councils.cast_vote(ballot=ballot, user=member.user, choice=choice)
    return councils.close_ballot(ballot=ballot, user=members[0].user, **CODES)


STATUSES = [s.value for s in Status]
