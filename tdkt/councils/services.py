"""Every write to councils, meetings and ballots: named, keyword-only, atomic.

Councils, members, meetings, attendance and the opening and closing of ballots are audited through
django-auditlog (see apps.py). Votes are not: a vote writes a `BallotReceipt` (that the member voted,
nothing about how, no timestamp) and a `SealedVote` (a Paillier ciphertext of the choice under the
meeting's public key, with a random id and no member). No counter moves while the ballot is open: the
chair's tally unseals the meeting's private key with the chair's and the secretary's tally codes and
decrypts the product of each ballot's ciphertexts, once; closing the meeting erases the sealed key (threat
model: docs/architecture.md, "Secret ballots"). Nothing here logs, audits or returns a choice or a code.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.councils import permissions, sealing, selectors
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
from tdkt.councils.signals import ballot_closed
from tdkt.org.models import Person, Unit
from tdkt.rules.services import is_judged, vote_rule

CHOICES = ("yes", "no", "abstain")
CHOICE_LABELS = {"yes": "Đồng ý", "no": "Không đồng ý", "abstain": "Không biểu quyết"}
# One at a time in office: a second chair or secretary with an overlapping term is refused.
_SINGLE_ROLES = {MemberRole.CHAIR, MemberRole.SECRETARY}
DEFAULT_THRESHOLD = Decimal("0.500")  # more than half (strictly) of the members present
DEFAULT_QUORUM = Decimal("0.667")  # 2/3, see selectors.ratio_fraction


# --- councils and members ---------------------------------------------------------------------------------


@transaction.atomic
def create_council(*, name: str, kind: str, unit: Unit, decision_number: str = "", actor) -> Council:
    if actor is None or not permissions._covers(actor, unit.pk, permissions.MANAGE_ROLES):
        raise PermissionDenied(_("Bạn không có quyền lập hội đồng của đơn vị này."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nhập tên hội đồng.")})
    if kind not in Council.Kind.values:
        raise ValidationError({"kind": _("Loại hội đồng không hợp lệ.")})
    return Council.objects.create(
        name=name, kind=kind, unit=unit, decision_number=(decision_number or "").strip()
    )


def _overlapping(term_from: date, term_to: date | None) -> Q:
    """Seats whose [term_from, term_to) overlaps the given interval."""
    q = Q(term_to__isnull=True) | Q(term_to__gt=term_from)
    if term_to is not None:
        q &= Q(term_from__lt=term_to)
    return q


@transaction.atomic
def add_member(
    *,
    council: Council,
    person: Person,
    role: str,
    term_from: date,
    term_to: date | None = None,
    user=None,
) -> CouncilMember:
    """A seat in the council; the account is the person's own unless `user` is given."""
    Council.objects.select_for_update().filter(pk=council.pk).first()  # serialise seat checks
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if term_to is not None and term_to <= term_from:
        raise ValidationError({"term_to": _("Ngày hết nhiệm kỳ phải sau ngày bắt đầu.")})
    seats = CouncilMember.objects.filter(_overlapping(term_from, term_to), council=council)
    if seats.filter(person=person).exists():
        raise ValidationError({"person": _("Người này đã là thành viên hội đồng trong thời gian đó.")})
    if role in _SINGLE_ROLES and seats.filter(role=role).exists():
        raise ValidationError(
            {"role": _("Hội đồng đã có %(role)s trong thời gian đó.") % {"role": MemberRole(role).label}}
        )
    if user is None:
        user = person.user
    if user is not None and seats.filter(user=user).exists():
        raise ValidationError({"user": _("Tài khoản này đã gắn với một thành viên khác của hội đồng.")})
    return CouncilMember.objects.create(
        council=council, person=person, role=role, term_from=term_from, term_to=term_to, user=user
    )


@transaction.atomic
def end_member_term(*, member: CouncilMember, term_to: date) -> CouncilMember:
    """End a seat: `term_to` is the first day out of office."""
    member = CouncilMember.objects.select_for_update().get(pk=member.pk)
    if term_to <= member.term_from:
        raise ValidationError({"term_to": _("Ngày hết nhiệm kỳ phải sau ngày bắt đầu.")})
    if member.term_to is not None and term_to >= member.term_to:
        raise ValidationError({"term_to": _("Nhiệm kỳ đã kết thúc trước ngày này.")})
    member.term_to = term_to
    member.save(update_fields=["term_to", "updated_at"])
    return member


# --- meetings -----------------------------------------------------------------------------------------------


def _ratio(value, field: str) -> Decimal:
    """A ratio in (0, 1] with three decimals (2/3 → 0.667)."""
    try:
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        ratio = Decimal(str(value)).quantize(selectors.RATIO_PLACES, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Tỷ lệ phải là một số trong khoảng (0; 1].")}) from None
    if not (Decimal(0) < ratio <= Decimal(1)):
        raise ValidationError({field: _("Tỷ lệ phải là một số trong khoảng (0; 1].")})
    return ratio


@transaction.atomic
def schedule_meeting(
    *,
    council: Council,
    title: str,
    held_at: datetime,
    location: str = "",
    agenda: str = "",
    quorum_ratio=None,
) -> Meeting:
    if not council.is_active:
        raise ValidationError(_("Hội đồng đã ngừng hoạt động."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Nhập nội dung cuộc họp.")})
    if timezone.is_naive(held_at):
        held_at = timezone.make_aware(held_at)
    ratio = DEFAULT_QUORUM if quorum_ratio is None else _ratio(quorum_ratio, "quorum_ratio")
    return Meeting.objects.create(
        council=council,
        title=title,
        held_at=held_at,
        location=(location or "").strip(),
        agenda=agenda or "",
        quorum_ratio=ratio,
    )


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("council").get(pk=meeting.pk)


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, member: CouncilMember, present: bool, note: str = ""
) -> Attendance:
    meeting = _locked_meeting(meeting)
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError(_("Phiên họp đã kết thúc, không sửa điểm danh được."))
    if not selectors.meeting_members(meeting).filter(pk=member.pk).exists():
        raise ValidationError({"member": _("Người này không là thành viên hội đồng vào ngày họp.")})
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting, member=member, defaults={"present": bool(present), "note": (note or "").strip()}
    )
    return attendance


def _check_codes(chair_code: str, secretary_code: str) -> tuple[str, str]:
    chair_code, secretary_code = (chair_code or "").strip(), (secretary_code or "").strip()
    errors = {}
    short = _("Mã kiểm phiếu phải có ít nhất %(n)s ký tự.") % {"n": sealing.MIN_CODE_LENGTH}
    if len(chair_code) < sealing.MIN_CODE_LENGTH:
        errors["chair_code"] = short
    if len(secretary_code) < sealing.MIN_CODE_LENGTH:
        errors["secretary_code"] = short
    elif chair_code == secretary_code:
        errors["secretary_code"] = _("Mã của Thư ký phải khác mã của Chủ tịch.")
    if errors:
        raise ValidationError(errors)
    return chair_code, secretary_code


def _seal_meeting(meeting: Meeting, chair_code: str, secretary_code: str) -> None:
    meeting.public_key, meeting.sealed_key = sealing.new_key(*_check_codes(chair_code, secretary_code))


@transaction.atomic
def open_meeting(*, meeting: Meeting, actor, chair_code: str, secretary_code: str) -> Meeting:
    """Start the meeting; it needs the quorum (present ≥ quorum_ratio × members in office that day).

    The chair and the secretary each set a tally code (at least 8 characters, not the same): the meeting's
    ballot-box key is sealed under both and the server's secret key, and counting any ballot of the meeting
    needs both codes again. The codes are stored nowhere: forgotten codes mean the ballots must be held
    again."""
    meeting = _locked_meeting(meeting)
    if not permissions.can_run_meeting(actor, meeting):
        raise PermissionDenied(_("Bạn không có quyền điều hành phiên họp này."))
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Phiên họp đã bắt đầu hoặc đã kết thúc."))
    quorum = selectors.quorum(meeting)
    if not quorum.reached:
        raise ValidationError(
            _(
                "Chưa đủ số thành viên có mặt để họp: có mặt %(present)s/%(members)s, "
                "cần ít nhất %(required)s (%(ratio)s tổng số thành viên)."
            )
            % {
                "present": quorum.present,
                "members": quorum.members,
                "required": quorum.required,
                "ratio": quorum.ratio_text,
            }
        )
    _seal_meeting(meeting, chair_code, secretary_code)  # checked after the quorum: its message comes first
    meeting.status = Meeting.Status.OPEN
    meeting.save(update_fields=["status", "public_key", "sealed_key", "updated_at"])
    return meeting


@transaction.atomic
def close_meeting(*, meeting: Meeting, actor, minutes_note: str | None = None) -> Meeting:
    """End the meeting; every ballot must have been closed. `minutes_note` goes into the minutes."""
    meeting = _locked_meeting(meeting)
    if not permissions.can_run_meeting(actor, meeting):
        raise PermissionDenied(_("Bạn không có quyền điều hành phiên họp này."))
    if meeting.status != Meeting.Status.OPEN:
        raise ValidationError(_("Phiên họp không ở trạng thái đang họp."))
    if meeting.ballots.filter(status=Ballot.Status.OPEN).exists():
        raise ValidationError(
            _("Còn phiếu bầu chưa kiểm phiếu; hãy kiểm phiếu trước khi kết thúc phiên họp.")
        )
    meeting.status = Meeting.Status.CLOSED
    meeting.sealed_key = ""  # no one can open a sealed vote of this meeting any more
    fields = ["status", "sealed_key", "updated_at"]
    if minutes_note is not None:
        meeting.minutes_note = minutes_note
        fields.append("minutes_note")
    meeting.save(update_fields=fields)
    return meeting


# --- ballots ------------------------------------------------------------------------------------------------


@transaction.atomic
def open_ballot(
    *,
    meeting: Meeting,
    subject: str,
    award_code: str = "",
    target: str = "",
    candidate_person: Person | None = None,
    threshold=None,
    base: str | None = None,
    rule_set=None,
) -> Ballot:
    """A secret ballot at an open meeting; its votes are encrypted to the meeting's ballot-box key.

    Without `threshold`, the rule set's `vote_threshold.<award_code>` and `vote_base.<award_code>` apply
    (e.g. 90 % of all members for CSTD_BO); with no such parameter, more than half of the members present.
    """
    meeting = _locked_meeting(meeting)
    if meeting.status != Meeting.Status.OPEN:
        raise ValidationError(_("Chỉ bỏ phiếu khi phiên họp đang diễn ra."))
    if not meeting.public_key:
        raise ValidationError(
            _(
                "Phiên họp này được mở khi chưa có mã kiểm phiếu; hãy kết thúc phiên họp và bỏ phiếu ở "
                "một phiên họp mới."
            )
        )
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": _("Nhập nội dung bỏ phiếu.")})
    award_code = (award_code or "").strip()
    if award_code and not is_judged(award_code):
        raise ValidationError(
            {"award_code": _("Mã danh hiệu, hình thức không hợp lệ: %(code)s.") % {"code": award_code}}
        )
    strictly_above = False
    if threshold is None:
        rule_threshold, rule_base = (
            vote_rule(award_code, selectors.meeting_day(meeting), rule_set) if award_code else (None, None)
        )
        if rule_threshold is None:
            threshold, strictly_above = DEFAULT_THRESHOLD, True
            base = base or VoteBase.PRESENT
        else:
            threshold = rule_threshold
            base = base or rule_base or VoteBase.ALL_MEMBERS
    threshold = _ratio(threshold, "threshold")
    base = base or VoteBase.ALL_MEMBERS
    if base not in VoteBase.values:
        raise ValidationError({"base": _('Cơ sở tính tỷ lệ phải là "members" hoặc "present".')})
    return Ballot.objects.create(
        public_key=meeting.public_key,
        meeting=meeting,
        subject=subject,
        award_code=award_code,
        target=(target or "").strip(),
        candidate_person=candidate_person,
        threshold=threshold,
        strictly_above=strictly_above,
        base=base,
    )


def _check_choice(choice: str) -> str:
    if choice not in sealing.ENCODING:
        raise ValidationError({"choice": _("Chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.")})
    return choice


def _open_ballot_for_vote(ballot: Ballot) -> Ballot:
    """The ballot, locked against a concurrent tally (votes on one ballot are taken one at a time)."""
    ballot = (
        Ballot.objects.select_for_update(of=("self",)).select_related("meeting__council").get(pk=ballot.pk)
    )
    if ballot.status != Ballot.Status.OPEN:
        raise ValidationError(_("Phiếu bầu này đã kết thúc."))
    if ballot.meeting.status != Meeting.Status.OPEN:
        raise ValidationError(_("Phiên họp không ở trạng thái đang họp."))
    return ballot


def _record(ballot: Ballot, member: CouncilMember, choice: str, *, in_writing: bool) -> None:
    """The receipt, then the sealed vote, in the caller's transaction; a second receipt is refused.

    The two rows share nothing: the sealed vote has a random id, no member and no time, and its content
    is a fresh randomised encryption, so the choice cannot be read from it without the ballot's key."""
    ciphertext = sealing.seal_vote(ballot.public_key, choice)  # before any write: no time between the rows
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(ballot=ballot, member=member, in_writing=in_writing)
    except IntegrityError:
        raise ValidationError(_("Thành viên này đã bỏ phiếu cho nội dung này.")) from None
    SealedVote.objects.create(ballot=ballot, ciphertext=ciphertext)


@transaction.atomic
def cast_vote(*, ballot: Ballot, user, choice: str) -> None:
    """A present member's secret vote. Returns nothing; nothing records the choice next to the member."""
    choice = _check_choice(choice)
    ballot = _open_ballot_for_vote(ballot)
    member = selectors.seat_of(user, ballot.meeting)
    if member is None:
        raise PermissionDenied(_("Bạn không là thành viên hội đồng vào ngày họp."))
    if member.pk not in selectors.present_member_ids(ballot.meeting):
        raise ValidationError(_("Bạn chưa được điểm danh có mặt tại phiên họp."))
    if ballot.candidate_person_id is not None and ballot.candidate_person_id == member.person_id:
        raise ValidationError(_("Bạn là người được xét trong nội dung này nên không bỏ phiếu."))
    _record(ballot, member, choice, in_writing=False)


@transaction.atomic
def enter_written_vote(*, ballot: Ballot, member: CouncilMember, choice: str, secretary_user) -> None:
    """The written vote of an absent member, entered by the council's secretary (or chair)."""
    choice = _check_choice(choice)
    ballot = _open_ballot_for_vote(ballot)
    meeting = ballot.meeting
    clerk = selectors.seat_of(secretary_user, meeting)
    if clerk is None or clerk.role not in (MemberRole.SECRETARY, MemberRole.CHAIR):
        raise PermissionDenied(_("Chỉ Thư ký (hoặc Chủ tịch) hội đồng được nhập phiếu bằng văn bản."))
    if not selectors.meeting_members(meeting).filter(pk=member.pk).exists():
        raise ValidationError({"member": _("Người này không là thành viên hội đồng vào ngày họp.")})
    if member.pk in selectors.present_member_ids(meeting):
        raise ValidationError(
            {
                "member": _(
                    "Thành viên có mặt tự bỏ phiếu; chỉ nhập phiếu bằng văn bản của thành viên vắng mặt."
                )
            }
        )
    if ballot.candidate_person_id is not None and ballot.candidate_person_id == member.person_id:
        raise ValidationError({"member": _("Thành viên này là người được xét nên không bỏ phiếu.")})
    _record(ballot, member, choice, in_writing=True)


def _closing_member(user, meeting: Meeting) -> CouncilMember | None:
    """The chair, present; or a vice-chair, present, when the chair is absent."""
    seat = selectors.seat_of(user, meeting)
    present = selectors.present_member_ids(meeting)
    if seat is None or seat.pk not in present:
        return None
    if seat.role == MemberRole.CHAIR:
        return seat
    if seat.role == MemberRole.VICE_CHAIR:
        chair_present = (
            selectors.meeting_members(meeting).filter(role=MemberRole.CHAIR, pk__in=present).exists()
        )
        return None if chair_present else seat
    return None


def can_count(user, meeting: Meeting) -> bool:
    return _closing_member(user, meeting) is not None


# A few wrong tally codes per meeting, then a pause: the codes cannot be guessed at the server's pace.
CODE_TRIES = 5
CODE_WINDOW = 300  # seconds


def _code_tries_key(meeting_id: int) -> str:
    return f"councils:tally-code-failures:{meeting_id}"


def _refuse_if_throttled(meeting_id: int) -> None:
    if (cache.get(_code_tries_key(meeting_id)) or 0) >= CODE_TRIES:
        raise ValidationError(
            {
                "chair_code": _("Đã nhập sai mã kiểm phiếu %(n)s lần; hãy thử lại sau %(minutes)s phút.")
                % {"n": CODE_TRIES, "minutes": CODE_WINDOW // 60}
            }
        )


def _count_failure(meeting_id: int) -> None:
    key = _code_tries_key(meeting_id)
    cache.add(key, 0, CODE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, CODE_WINDOW)


def close_ballot(*, ballot: Ballot, user, chair_code: str, secretary_code: str) -> Ballot:
    """Count one ballot with the two tally codes of the meeting (see `close_ballots`)."""
    return close_ballots(ballots=[ballot], user=user, chair_code=chair_code, secretary_code=secretary_code)[0]


def close_open_ballots(*, meeting: Meeting, user, chair_code: str, secretary_code: str) -> list[Ballot]:
    """Count every ballot of the meeting still open, with the two codes entered once."""
    ballots = list(meeting.ballots.filter(status=Ballot.Status.OPEN).order_by("id"))
    if not ballots:
        raise ValidationError(_("Không còn phiếu bầu nào đang mở."))
    return close_ballots(ballots=ballots, user=user, chair_code=chair_code, secretary_code=secretary_code)


def close_ballots(*, ballots: list[Ballot], user, chair_code: str, secretary_code: str) -> list[Ballot]:
    """Count ballots of one meeting: fix the members in office, those present and each outcome, then send
    `ballot_closed` for each. All or none: a wrong code writes nothing.

    The meeting's key is unsealed once, with the chair's and the secretary's codes, and decrypts one number
    per ballot, the product of its sealed votes, checked against its receipts (as many votes as receipts,
    as many counted choices as votes); each encrypted sum is kept for anyone to recompute. Wrong codes are
    counted per meeting, outside the transaction, and refused for a while after a few."""
    meeting_ids = {b.meeting_id for b in ballots}
    if len(meeting_ids) != 1:
        raise ValidationError(_("Chỉ kiểm phiếu các phiếu bầu của cùng một phiên họp."))
    (meeting_id,) = meeting_ids
    _refuse_if_throttled(meeting_id)
    try:
        return _close_ballots(ballots, user, (chair_code or "").strip(), (secretary_code or "").strip())
    except sealing.WrongTallyCode:
        _count_failure(meeting_id)
        raise ValidationError(
            {"chair_code": _("Mã kiểm phiếu không đúng (cần đúng cả mã của Chủ tịch và mã của Thư ký).")}
        ) from None


@transaction.atomic
def _close_ballots(ballots: list[Ballot], user, chair_code: str, secretary_code: str) -> list[Ballot]:
    locked = list(
        Ballot.objects.select_for_update(of=("self",))
        .select_related("meeting__council")
        .filter(pk__in=[b.pk for b in ballots])
        .order_by("id")
    )
    if any(b.status != Ballot.Status.OPEN for b in locked):
        raise ValidationError(_("Phiếu bầu này đã được kiểm phiếu."))
    meeting = locked[0].meeting
    if _closing_member(user, meeting) is None:
        raise PermissionDenied(
            _(
                "Chỉ Chủ tịch hội đồng (hoặc Phó Chủ tịch khi Chủ tịch vắng mặt) có mặt tại phiên họp được kiểm phiếu."
            )
        )
    meeting_key = None
    if meeting.sealed_key and any(not b.sealed_key for b in locked):
        meeting_key = sealing.open_key(meeting.public_key, meeting.sealed_key, chair_code, secretary_code)
    members_count = selectors.meeting_members(meeting).count()
    present_count = len(selectors.present_member_ids(meeting))
    boxes = selectors.ballot_boxes(locked)  # every box read in two queries, not two a ballot
    closed = []
    for ballot in locked:
        receipts, ciphertexts = boxes[ballot.pk].receipts, boxes[ballot.pk].ciphertexts
        if len(ciphertexts) != receipts:
            raise ValidationError(
                _("Số phiếu trong hòm phiếu (%(votes)s) khác số thành viên đã bỏ phiếu (%(receipts)s).")
                % {"votes": len(ciphertexts), "receipts": receipts}
            )
        if ballot.sealed_key:  # opened before meetings had keys: its own key
            private = sealing.open_key(ballot.public_key, ballot.sealed_key, chair_code, secretary_code)
        elif meeting_key is not None and ballot.public_key == meeting.public_key:
            private = meeting_key
        else:
            raise ValidationError(_("Khóa của hòm phiếu không còn; không thể kiểm phiếu."))
        total, counts = sealing.count(private, ciphertexts)
        if counts.total != receipts:
            raise ValidationError(_("Kết quả giải mã không khớp với số phiếu; hòm phiếu đã bị can thiệp."))
        ballot.yes_count, ballot.no_count, ballot.abstain_count = counts.yes, counts.no, counts.abstain
        ballot.encrypted_total = total
        ballot.sealed_key = ""
        ballot.members_count = members_count
        ballot.present_count = present_count
        base_count = members_count if ballot.base == VoteBase.ALL_MEMBERS else present_count
        ballot.passed = base_count > 0 and ballot.yes_count >= selectors.required_yes(ballot, base_count)
        ballot.status = Ballot.Status.CLOSED
        ballot.save(
            update_fields=[
                "yes_count",
                "no_count",
                "abstain_count",
                "encrypted_total",
                "sealed_key",
                "members_count",
                "present_count",
                "passed",
                "status",
                "updated_at",
            ]
        )
        closed.append(ballot)
    for ballot in closed:
        ballot_closed.send(sender=Ballot, ballot=ballot)
    return closed


# --- results ------------------------------------------------------------------------------------------------
