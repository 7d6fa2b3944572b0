"""A council to test with: `board(n)` gives n members with accounts (0 chair, 1 secretary, 2 vice-chair,
the rest ủy viên), a meeting on 10/3/2026 and helpers to mark attendance, open the meeting and vote."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from django.utils import timezone

from conftest import make_user
from tdkt.councils import selectors, services
from tdkt.councils.models import Ballot, Council, CouncilMember, Meeting, MemberRole
from tdkt.org.models import Person

MEETING_AT = timezone.make_aware(datetime(2026, 3, 10, 8, 30))
# The two tally codes the chair and the secretary set when a test meeting opens (`services.open_meeting`).
CODES = {"chair_code": "chu-tich-10-3", "secretary_code": "thu-ky-10-3"}
TERM_FROM = date(2025, 1, 1)


def seat_role(i: int) -> str:
    return {0: MemberRole.CHAIR, 1: MemberRole.SECRETARY, 2: MemberRole.VICE_CHAIR}.get(i, MemberRole.MEMBER)


@dataclass
class Board:
    council: Council
    meeting: Meeting
    seats: list[CouncilMember]
    officer: object
    users: list = field(default_factory=list)

    @property
    def chair(self):
        return self.users[0]

    @property
    def secretary(self):
        return self.users[1]

    @property
    def vice_chair(self):
        return self.users[2]

    def attend(self, present: int | list[int], *, absent_rest: bool = True) -> None:
        """Mark members present (the first `present` ones, or those indices); the others absent."""
        indices = range(present) if isinstance(present, int) else present
        in_office = set(selectors.meeting_members(self.meeting).values_list("pk", flat=True))
        for i, seat in enumerate(self.seats):
            if seat.pk in in_office and (i in indices or absent_rest):
                services.record_attendance(meeting=self.meeting, member=seat, present=i in indices)

    def open(self, present: int | list[int] | None = None) -> Meeting:
        self.attend(len(self.seats) if present is None else present)
        self.meeting = services.open_meeting(meeting=self.meeting, actor=self.officer, **CODES)
        return self.meeting

    def ballot(self, **kwargs) -> Ballot:
        kwargs.setdefault("subject", "Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở")
        return services.open_ballot(meeting=self.meeting, **kwargs)

    def vote(self, ballot: Ballot, choices: dict[int, str] | list[str]) -> None:
        """`choices`: a choice per member index, or a list for members 0, 1, 2, …"""
        items = choices.items() if isinstance(choices, dict) else enumerate(choices)
        for i, choice in items:
            services.cast_vote(ballot=ballot, user=self.users[i], choice=choice)


def build_board(org, officer, n: int, *, prefix: str = "tv") -> Board:
    council = services.create_council(
        name="Hội đồng Thi đua – Khen thưởng Chi cục A",
        kind=Council.Kind.EMULATION,
        unit=org.a,
        decision_number="15/QĐ-HQA",
        actor=officer,
    )
    seats, users = [], []
    for i in range(n):
        user = make_user(f"{prefix}{i:02d}")
        person = Person.objects.create(
            family_name="Lê",
            middle_name="Văn",
            given_name=f"Thành{i:02d}",
            gender="nam",
            staff_code=f"HD-{prefix}-{i:02d}",
            user=user,
        )
        seats.append(
            services.add_member(council=council, person=person, role=seat_role(i), term_from=TERM_FROM)
        )
        users.append(user)
    meeting = services.schedule_meeting(
        council=council,
        title="Họp xét thi đua năm 2025",
        held_at=MEETING_AT,
        location="Phòng họp tầng 3",
        agenda="1. Xét danh hiệu Chiến sĩ thi đua cơ sở\n2. Xét Cờ thi đua",
    )
    return Board(council=council, meeting=meeting, seats=seats, officer=officer, users=users)


@pytest.fixture
def board(org, officer_a):
    """`board(n)`: a council of n members with a planned meeting."""

    def _board(n: int = 5, **kwargs) -> Board:
        return build_board(org, officer_a, n, **kwargs)

    return _board


@pytest.fixture
def union_a(org):
    return make_user("union_a", role="union", unit=org.a)
