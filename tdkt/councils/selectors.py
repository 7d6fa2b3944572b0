"""Reads of councils, meetings and ballots: who is in office on a meeting's day, who is present, the quorum.

Terms are half-open like every dated interval of the project: a member is in office on `day` when
`term_from <= day` and (`term_to` is empty or `day < term_to`); `term_to` is the first day out of office.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import ceil

from django.db.models import Q, QuerySet
from django.utils import timezone

from tdkt.councils import sealing
from tdkt.councils.models import (
    Attendance,
    Ballot,
    BallotReceipt,
    Council,
    CouncilMember,
    Meeting,
    MemberRole,
    SealedVote,
    VoteBase,
)
from tdkt.org.models import Person

RATIO_PLACES = Decimal("0.001")


def in_office_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}term_from__lte": day}) & (
        Q(**{f"{prefix}term_to__isnull": True}) | Q(**{f"{prefix}term_to__gt": day})
    )


def meeting_day(meeting: Meeting) -> date:
    return (
        timezone.localdate(meeting.held_at) if timezone.is_aware(meeting.held_at) else meeting.held_at.date()
    )


def members_in_office(council: Council | int, day: date) -> QuerySet[CouncilMember]:
    council_id = council.pk if isinstance(council, Council) else council
    return CouncilMember.objects.filter(in_office_on(day), council_id=council_id)


def meeting_members(meeting: Meeting) -> QuerySet[CouncilMember]:
    """The members in office on the meeting's day (the denominator of quorum and of the vote)."""
    return members_in_office(meeting.council_id, meeting_day(meeting))


def present_member_ids(meeting: Meeting) -> set[int]:
    """Members in office on the day and marked present at the meeting."""
    return set(
        Attendance.objects.filter(
            meeting=meeting, present=True, member__in=meeting_members(meeting)
        ).values_list("member_id", flat=True)
    )


def seat_of(user, meeting: Meeting) -> CouncilMember | None:
    """The user's seat in the meeting's council on the meeting's day (None for non-members)."""
    if user is None or not user.is_authenticated:
        return None
    return meeting_members(meeting).filter(user=user).select_related("person").first()


def ratio_fraction(value) -> Fraction:
    """A stored ratio as an exact fraction.

    Ratios are stored with three decimals, so 2/3 is kept as 0.667. A three-decimal value stands for the
    simplest fraction that rounds to it (0.667 → 2/3, 0.9 → 9/10, 0.8 → 4/5); more precise values are
    taken literally. Comparisons are then exact: 10 present of 15 members meets a quorum of 0.667.
    """
    exact = Fraction(Decimal(str(value)))
    if Decimal(str(value)) != Decimal(str(value)).quantize(RATIO_PLACES):
        return exact
    low, high = exact - Fraction(1, 2000), exact + Fraction(1, 2000)
    for denominator in range(1, 1001):
        numerator = ceil(low * denominator)
        if Fraction(numerator, denominator) < high:
            return Fraction(numerator, denominator)
    return exact  # pragma: no cover - k/1000 is always found


def format_ratio(value) -> str:
    """0.9 → "90 %", 0.667 → "2/3"."""
    fraction = ratio_fraction(value)
    if (fraction * 100).denominator == 1:
        return f"{fraction * 100} %"
    return f"{fraction.numerator}/{fraction.denominator}"


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    ratio: Decimal
    required: int

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.required

    @property
    def ratio_text(self) -> str:
        return format_ratio(self.ratio)


def quorum(meeting: Meeting) -> Quorum:
    members = meeting_members(meeting).count()
    present = len(present_member_ids(meeting))
    required = ceil(ratio_fraction(meeting.quorum_ratio) * members)
    return Quorum(members=members, present=present, ratio=meeting.quorum_ratio, required=required)


def quorums(meetings) -> dict[int, Quorum]:
    """`quorum` of many meetings in two queries (the seats of their councils, the attendance marked)."""
    meetings = list(meetings)
    if not meetings:
        return {}
    seats: dict[int, list[tuple[int, date, date | None]]] = {}
    for council_id, member_id, term_from, term_to in CouncilMember.objects.filter(
        council_id__in={m.council_id for m in meetings}
    ).values_list("council_id", "pk", "term_from", "term_to"):
        seats.setdefault(council_id, []).append((member_id, term_from, term_to))
    present: dict[int, set[int]] = {}
    for meeting_id, member_id in Attendance.objects.filter(
        meeting__in=[m.pk for m in meetings], present=True
    ).values_list("meeting_id", "member_id"):
        present.setdefault(meeting_id, set()).add(member_id)
    result = {}
    for meeting in meetings:
        day = meeting_day(meeting)
        in_office = {
            pk
            for pk, start, end in seats.get(meeting.council_id, ())
            if start <= day and (end is None or end > day)
        }
        members = len(in_office)
        required = ceil(ratio_fraction(meeting.quorum_ratio) * members)
        result[meeting.pk] = Quorum(
            members=members,
            present=len(present.get(meeting.pk, set()) & in_office),
            ratio=meeting.quorum_ratio,
            required=required,
        )
    return result


def required_yes(ballot: Ballot, base_count: int) -> int:
    """The fewest "yes" votes that pass on `base_count`."""
    target = ratio_fraction(ballot.threshold) * base_count
    return int(target) + 1 if ballot.strictly_above else ceil(target)


def receipts_count(ballot: Ballot) -> int:
    return BallotReceipt.objects.filter(ballot=ballot).count()


def voted_ballot_ids(member: CouncilMember, ballots) -> set[int]:
    return set(
        BallotReceipt.objects.filter(member=member, ballot__in=ballots).values_list("ballot_id", flat=True)
    )


def chair_and_secretary(meeting: Meeting) -> dict[str, CouncilMember | None]:
    seats = meeting_members(meeting).filter(role__in=[MemberRole.CHAIR, MemberRole.SECRETARY])
    found = {seat.role: seat for seat in seats.select_related("person")}
    return {"chair": found.get(MemberRole.CHAIR), "secretary": found.get(MemberRole.SECRETARY)}


def awaiting_vote(user, day: date | None = None) -> QuerySet[Ballot]:
    """Open ballots of open meetings where `user` holds a seat in office, is marked present, has not voted
    yet and is not the person voted on (one query)."""
    from django.db.models import Exists, OuterRef

    if user is None or not user.is_authenticated:
        return Ballot.objects.none()
    day = day or timezone.localdate()
    seats = CouncilMember.objects.filter(
        in_office_on(day),
        user=user,
        council_id=OuterRef("meeting__council_id"),
        attendance__meeting_id=OuterRef("meeting_id"),
        attendance__present=True,
    )
    voted = BallotReceipt.objects.filter(ballot_id=OuterRef("pk"), member__user=user)
    voted_on = Person.objects.filter(pk=OuterRef("candidate_person_id"), user=user)
    return (
        Ballot.objects.filter(status=Ballot.Status.OPEN, meeting__status=Meeting.Status.OPEN)
        .filter(Exists(seats))
        .exclude(Exists(voted))
        .exclude(Exists(voted_on))
    )


@dataclass(frozen=True)
class BallotBox:
    """What a counted ballot's page shows of its box: receipts (in writing among them), the sealed votes."""

    receipts: int = 0
    written: int = 0
    ciphertexts: tuple[str, ...] = ()
    written_voters: tuple[str, ...] = ()


def ballot_boxes(ballots, *, voters: bool = False) -> dict[int, BallotBox]:
    """The boxes of many ballots in two queries (three with the names of those who voted in writing), so that a
    meeting's page does not grow by four queries a ballot."""
    ids = [b.pk for b in ballots]
    receipts: dict[int, list[int]] = {pk: [0, 0] for pk in ids}
    names: dict[int, list[str]] = {pk: [] for pk in ids}
    rows = BallotReceipt.objects.filter(ballot_id__in=ids).values_list("ballot_id", "in_writing")
    for ballot_id, in_writing in rows:
        receipts[ballot_id][0] += 1
        receipts[ballot_id][1] += bool(in_writing)
    if voters:
        written = BallotReceipt.objects.filter(ballot_id__in=ids, in_writing=True)
        for ballot_id, name in written.values_list("ballot_id", "member__person__full_name"):
            names[ballot_id].append(name)
    sealed: dict[int, list[str]] = {pk: [] for pk in ids}
    for ballot_id, ciphertext in (
        SealedVote.objects.filter(ballot_id__in=ids).order_by("pk").values_list("ballot_id", "ciphertext")
    ):
        sealed[ballot_id].append(ciphertext)
    return {
        pk: BallotBox(receipts[pk][0], receipts[pk][1], tuple(sealed[pk]), tuple(sorted(names[pk])))
        for pk in ids
    }


def ballot_result(ballot: Ballot, box: BallotBox | None = None) -> dict | None:
    """The counted result; None while the ballot is open (the counters stay hidden). `box`: the ballot's box
    when already read with its meeting's others (`ballot_boxes`)."""
    if ballot.status != Ballot.Status.CLOSED:
        return None
    box = box if box is not None else ballot_boxes([ballot])[ballot.pk]
    base_count = ballot.members_count if ballot.base == VoteBase.ALL_MEMBERS else ballot.present_count
    return {
        "id": ballot.pk,
        "subject": ballot.subject,
        "award_code": ballot.award_code,
        "target": ballot.target,
        "yes": ballot.yes_count,
        "no": ballot.no_count,
        "abstain": ballot.abstain_count,
        "votes": ballot.yes_count + ballot.no_count + ballot.abstain_count,
        "written": box.written,
        "sealed_votes": len(box.ciphertexts),
        "encrypted_total": ballot.encrypted_total,
        "members_count": ballot.members_count,
        "present_count": ballot.present_count,
        "base": ballot.base,
        "base_label": VoteBase(ballot.base).label,
        "base_count": base_count,
        "threshold": ballot.threshold,
        "threshold_text": format_ratio(ballot.threshold),
        "strictly_above": ballot.strictly_above,
        "required_yes": required_yes(ballot, base_count),
        "yes_ratio": Fraction(ballot.yes_count, base_count) if base_count else None,
        "passed": ballot.passed,
    }


def verify_ballot(ballot: Ballot, box: BallotBox | None = None) -> bool:
    """Anyone's check of a counted ballot: as many sealed votes as receipts, and their product is the
    published encrypted sum (which the chair's tally decrypted into the counts)."""
    if ballot.status != Ballot.Status.CLOSED or not ballot.public_key:
        return False
    box = box if box is not None else ballot_boxes([ballot])[ballot.pk]
    return (
        len(box.ciphertexts) == box.receipts == ballot.yes_count + ballot.no_count + ballot.abstain_count
        and sealing.encrypted_sum(ballot.public_key, box.ciphertexts) == ballot.encrypted_total
    )


def meeting_minutes_data(meeting: Meeting) -> dict:
    """Everything the Biên bản needs: council, meeting, attendance, quorum, agenda, ballots and results."""
    meeting = Meeting.objects.select_related("council__unit").get(pk=meeting.pk)
    council = meeting.council
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    members = meeting_members(meeting).select_related("person").order_by("role", "person__sort_key")
    role_order = {role: i for i, role in enumerate(MemberRole.values)}
    rows = []
    for seat in sorted(members, key=lambda s: (role_order.get(s.role, 9), s.person.sort_key)):
        row = attendance.get(seat.pk)
        rows.append(
            {
                "member_id": seat.pk,
                "name": seat.person.full_name,
                "role": seat.role,
                "role_label": seat.get_role_display(),
                "present": bool(row and row.present),
                "note": row.note if row else "",
            }
        )
    counted = quorum(meeting)
    heads = chair_and_secretary(meeting)
    ballots = []
    listed = list(meeting.ballots.select_related("candidate_person").order_by("id"))
    boxes = ballot_boxes(listed, voters=True)
    for ballot in listed:
        result = ballot_result(ballot, boxes[ballot.pk])
        ballots.append(
            {
                "id": ballot.pk,
                "subject": ballot.subject,
                "award_code": ballot.award_code,
                "target": ballot.target,
                "candidate": ballot.candidate_person.full_name if ballot.candidate_person else "",
                "status": ballot.status,
                "status_label": ballot.get_status_display(),
                "base": ballot.base,
                "base_label": VoteBase(ballot.base).label,
                "threshold": ballot.threshold,
                "threshold_text": format_ratio(ballot.threshold),
                "strictly_above": ballot.strictly_above,
                "yes": result["yes"] if result else None,
                "no": result["no"] if result else None,
                "abstain": result["abstain"] if result else None,
                "base_count": result["base_count"] if result else None,
                "required_yes": result["required_yes"] if result else None,
                "passed": result["passed"] if result else None,
                "written_voters": list(boxes[ballot.pk].written_voters),
            }
        )
    return {
        "council": {
            "id": council.pk,
            "name": council.name,
            "kind": council.kind,
            "kind_label": council.get_kind_display(),
            "unit": council.unit.name,
            "decision_number": council.decision_number,
        },
        "meeting": {
            "id": meeting.pk,
            "title": meeting.title,
            "held_at": timezone.localtime(meeting.held_at),
            "date": meeting_day(meeting),
            "location": meeting.location,
            "status": meeting.status,
            "status_label": meeting.get_status_display(),
        },
        "chair": heads["chair"].person.full_name if heads["chair"] else "",
        "secretary": heads["secretary"].person.full_name if heads["secretary"] else "",
        "attendance": rows,
        "quorum": {
            "members": counted.members,
            "present": counted.present,
            "absent": counted.members - counted.present,
            "required": counted.required,
            "ratio": counted.ratio,
            "ratio_text": counted.ratio_text,
            "reached": counted.reached,
        },
        "agenda": meeting.agenda,
        "ballots": ballots,
        "note": meeting.minutes_note,
    }
