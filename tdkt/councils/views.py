"""Pages of councils: the list and a council with its members and meetings; a meeting with attendance, quorum
and ballots; a member's phone-sized voting page; the secretary's written votes; the minutes.

Every view fetches through `permissions.access_*` (404 for outsiders), checks what the user may do (403),
validates with a form and calls a service. Tallies are shown only for counted ballots.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.actions import flash_form_errors, service_call
from tdkt.core.htmx import render_page
from tdkt.core.tables import Column, TableSpec, exportable, pick
from tdkt.councils import permissions, selectors, services
from tdkt.councils.forms import (
    CHOICE_FIELD,
    BallotForm,
    CouncilForm,
    EndTermForm,
    MeetingForm,
    MemberForm,
    OpenMeetingForm,
    TallyCodesForm,
    VoteForm,
    WrittenVoteForm,
)
from tdkt.councils.models import Attendance, Ballot, BallotReceipt, CouncilMember, Meeting, MemberRole
from tdkt.org import permissions as org_permissions
from tdkt.org import selectors as org_selectors
from tdkt.org.models import Person, Role


def _percent(value):
    return None if value is None else value / 100


# --- councils -------------------------------------------------------------------------------------------------


COUNCILS_TABLE = TableSpec(
    title=gettext_lazy("DANH SÁCH HỘI ĐỒNG"),
    filename="hoi-dong",
    rows="councils",
    form=None,  # the page's form creates a council; the list has no filter
    columns=[
        Column(gettext_lazy("Tên hội đồng"), "name"),
        Column(gettext_lazy("Loại"), "get_kind_display"),
        Column(gettext_lazy("Đơn vị"), "unit.name"),
        Column(gettext_lazy("Quyết định thành lập"), "decision_number"),
        Column(gettext_lazy("Phiên họp"), "meeting_count"),
        Column(gettext_lazy("Đang hoạt động"), "is_active"),
    ],
)


@exportable(COUNCILS_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def council_list(request):
    can_create = org_permissions.has_role(request.user, Role.ADMIN, Role.OFFICER) or org_permissions.is_admin(
        request.user
    )
    form = CouncilForm(request.POST or None, user=request.user) if can_create else None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền lập hội đồng."))
        if form.is_valid():
            with service_call(request, success=_("Đã lập hội đồng.")) as call:
                council = services.create_council(**form.cleaned_data, actor=request.user)
            if call.ok:
                return redirect("councils:council_detail", pk=council.pk)
    councils = (
        permissions.visible_councils(request.user)
        .select_related("unit")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("unit__code", "name")
    )
    return render_page(request, "councils/council_list.html", {"councils": councils, "form": form})


MEMBERS_TABLE = TableSpec(
    title=lambda c: _("THÀNH VIÊN %(council)s") % {"council": c["council"].name.upper()},
    filename="thanh-vien-hoi-dong",
    rows="members",
    form=None,
    columns=[
        Column(gettext_lazy("Họ và tên"), "person.full_name"),
        Column(gettext_lazy("Vai trò"), "get_role_display"),
        Column(gettext_lazy("Nhiệm kỳ từ"), "term_from"),
        Column(gettext_lazy("Nhiệm kỳ đến"), "term_to"),
    ],
)


@exportable(MEMBERS_TABLE)
@login_required
@require_GET
def council_detail(request, pk):
    council = permissions.access_council(request.user, pk)
    can_manage = permissions.can_manage_council(request.user, council)
    members = council.members.select_related("person", "user").order_by(
        "-term_to", "role", "person__sort_key"
    )
    members = sorted(members, key=lambda m: (m.term_to is not None, m.role, m.person.sort_key))
    context = {
        "council": council,
        "members": members,
        "meetings": council.meetings.order_by("-held_at"),
        "can_manage": can_manage,
        "member_form": MemberForm(user=request.user) if can_manage else None,
        "meeting_form": MeetingForm() if can_manage else None,
        "end_form": EndTermForm() if can_manage else None,
    }
    return render_page(request, "councils/council_detail.html", context)


@login_required
@require_POST
def member_add(request, pk):
    council = permissions.access_council(request.user, pk)
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied(_("Bạn không có quyền sửa thành viên hội đồng này."))
    form = MemberForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, success=_("Đã thêm thành viên.")):
            services.add_member(
                council=council,
                person=data["person"],
                role=data["role"],
                term_from=data["term_from"],
                term_to=data["term_to"],
            )
    else:
        flash_form_errors(request, form)
    return redirect("councils:council_detail", pk=council.pk)


@login_required
@require_POST
def member_end(request, pk):
    try:
        member = CouncilMember.objects.select_related("council").get(
            pk=pk, council__in=permissions.visible_councils(request.user)
        )
    except (CouncilMember.DoesNotExist, ValueError):
        raise Http404(_("Không tìm thấy thành viên.")) from None
    if not permissions.can_manage_council(request.user, member.council):
        raise PermissionDenied(_("Bạn không có quyền sửa thành viên hội đồng này."))
    form = EndTermForm(request.POST)
    if form.is_valid():
        with service_call(request, success=_("Đã ghi ngày hết nhiệm kỳ.")):
            services.end_member_term(member=member, term_to=form.cleaned_data["term_to"])
    else:
        messages.error(request, _("Nhập ngày hết nhiệm kỳ."))
    return redirect("councils:council_detail", pk=member.council_id)


@login_required
@require_POST
def meeting_add(request, pk):
    council = permissions.access_council(request.user, pk)
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied(_("Bạn không có quyền lập lịch họp của hội đồng này."))
    form = MeetingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, success=_("Đã lập lịch họp.")) as call:
            meeting = services.schedule_meeting(
                council=council,
                title=data["title"],
                held_at=data["held_at"],
                location=data["location"],
                agenda=data["agenda"],
                quorum_ratio=_percent(data["quorum_percent"]),
            )
        if call.ok:
            return redirect("councils:meeting_detail", pk=meeting.pk)
    else:
        flash_form_errors(request, form)
    return redirect("councils:council_detail", pk=council.pk)


# --- a meeting ------------------------------------------------------------------------------------------------


def _attendance_rows(meeting: Meeting) -> list[dict]:
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    order = {role: i for i, role in enumerate(MemberRole.values)}
    seats = sorted(
        selectors.meeting_members(meeting).select_related("person"),
        key=lambda s: (order.get(s.role, 9), s.person.sort_key),
    )
    return [
        {
            "member": seat,
            "present": bool(attendance.get(seat.pk) and attendance[seat.pk].present),
            "recorded": seat.pk in attendance,
            "note": attendance[seat.pk].note if seat.pk in attendance else "",
        }
        for seat in seats
    ]


# Counted ballots shown per page of a meeting (a ministry's meeting may count thousands: 6,5 MB in one page).
COUNTED_PAGE = 50


def _ballot_rows(request, meeting: Meeting) -> tuple[list[dict], Page]:
    """Every open ballot (the live part, refreshed), then one page of the counted ones, each in id order."""
    listed = meeting.ballots.select_related("candidate_person").order_by("id")
    counted = Paginator(listed.exclude(status=Ballot.Status.OPEN), COUNTED_PAGE).get_page(
        request.GET.get("page")
    )
    # How many have voted is shown while a ballot is open; a counted one shows its box (`ballot_boxes`).
    open_ballots = listed.filter(status=Ballot.Status.OPEN).annotate(receipt_count=Count("receipts"))
    ballots = list(open_ballots) + list(counted)
    seat = selectors.seat_of(request.user, meeting)
    counting = meeting.status == Meeting.Status.OPEN and services.can_count(request.user, meeting)
    boxes = selectors.ballot_boxes([b for b in ballots if b.status == Ballot.Status.CLOSED])
    return [
        {
            "ballot": ballot,
            "result": selectors.ballot_result(ballot, boxes.get(ballot.pk)),
            "threshold_text": selectors.format_ratio(ballot.threshold),
            "can_close": counting and ballot.status == Ballot.Status.OPEN,
            # Anyone reading the page re-checks a counted ballot box (None: open, or counted before it).
            "verified": selectors.verify_ballot(ballot, boxes[ballot.pk])
            if ballot.status == Ballot.Status.CLOSED and ballot.public_key
            else None,
            "can_write": ballot.status == Ballot.Status.OPEN
            and seat is not None
            and seat.role in (MemberRole.SECRETARY, MemberRole.CHAIR),
        }
        for ballot in ballots
    ], counted


def _candidate_people(request, meeting: Meeting):
    """Whom a ballot may name as candidate: people in the user's scope and the council's members."""
    seats = CouncilMember.objects.filter(council=meeting.council).values("person_id")
    return Person.objects.filter(
        Q(pk__in=org_permissions.visible_people(request.user).values("pk")) | Q(pk__in=seats)
    )


def _meeting_context(request, meeting: Meeting) -> dict:
    can_run = permissions.can_run_meeting(request.user, meeting)
    people = _candidate_people(request, meeting)
    rows, counted = _ballot_rows(request, meeting)
    return {
        "meeting": meeting,
        "council": meeting.council,
        "quorum": selectors.quorum(meeting),
        "attendance": _attendance_rows(meeting),
        "ballots": rows,
        "counted_page": counted,
        "can_run": can_run,
        "seat": selectors.seat_of(request.user, meeting),
        "ballot_form": BallotForm(people=people)
        if can_run and meeting.status == Meeting.Status.OPEN and meeting.public_key
        else None,
        "open_form": OpenMeetingForm(prefix="open")
        if can_run and meeting.status == Meeting.Status.PLANNED
        else None,
        "codes_form": TallyCodesForm(),
        "can_count": meeting.status == Meeting.Status.OPEN and services.can_count(request.user, meeting),
    }


ATTENDANCE_TABLE = TableSpec(
    title=lambda c: _("ĐIỂM DANH: %(meeting)s") % {"meeting": c["meeting"].title},
    filename="diem-danh",
    rows="attendance",
    form=None,
    columns=[
        Column(gettext_lazy("Thành viên"), "member.person.full_name"),
        Column(gettext_lazy("Vai trò"), "member.get_role_display"),
        Column(gettext_lazy("Có mặt"), lambda row: _("Có mặt") if row["present"] else _("Vắng mặt")),
        Column(gettext_lazy("Ghi chú"), "note"),
    ],
)


@exportable(ATTENDANCE_TABLE)
@login_required
@require_GET
def meeting_detail(request, pk):
    meeting = permissions.access_meeting(request.user, pk)
    target = request.headers.get("HX-Target")
    fragment = target if target in ("ballots", "attendance") else None
    return render_page(
        request, "councils/meeting_detail.html", _meeting_context(request, meeting), fragment=fragment
    )


def _require_run(request, meeting: Meeting) -> None:
    if not permissions.can_run_meeting(request.user, meeting):
        raise PermissionDenied(_("Bạn không có quyền điều hành phiên họp này."))


@login_required
@require_POST
def attendance(request, pk):
    meeting = permissions.access_meeting(request.user, pk)
    _require_run(request, meeting)
    with service_call(request, success=_("Đã lưu điểm danh.")):
        for seat in selectors.meeting_members(meeting):
            services.record_attendance(
                meeting=meeting,
                member=seat,
                present=request.POST.get(f"present-{seat.pk}") == "on",
                note=request.POST.get(f"note-{seat.pk}", "")[:255],
            )
    return redirect("councils:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_open(request, pk):
    meeting = permissions.access_meeting(request.user, pk)
    _require_run(request, meeting)
    form = OpenMeetingForm(request.POST, prefix="open")
    if form.is_valid():
        with service_call(request, success=_("Phiên họp đã bắt đầu.")):
            services.open_meeting(meeting=meeting, actor=request.user, **form.cleaned_data)
    else:
        flash_form_errors(request, form, labelled=True)
    return redirect("councils:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_close(request, pk):
    meeting = permissions.access_meeting(request.user, pk)
    _require_run(request, meeting)
    note = request.POST.get("minutes_note")
    with service_call(request, success=_("Phiên họp đã kết thúc.")):
        services.close_meeting(meeting=meeting, actor=request.user, minutes_note=note)
    return redirect("councils:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def ballot_add(request, pk):
    meeting = permissions.access_meeting(request.user, pk)
    _require_run(request, meeting)
    form = BallotForm(request.POST, people=_candidate_people(request, meeting))
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, success=_("Đã mở bỏ phiếu.")):
            services.open_ballot(
                meeting=meeting,
                subject=data["subject"],
                award_code=data["award_code"],
                candidate_person=data["candidate_code"],
                threshold=_percent(data["threshold_percent"]),
                base=data["base"] or None,
            )
    else:
        flash_form_errors(request, form)
    return redirect("councils:meeting_detail", pk=meeting.pk)


def _count_with_codes(request, meeting_id: int, success: str, count):
    """Call `count(chair_code=…, secretary_code=…)` with the codes typed on the meeting page."""
    form = TallyCodesForm(request.POST)
    if form.is_valid():
        with service_call(request, success=success):
            count(**form.cleaned_data)
    else:
        flash_form_errors(request, form, labelled=True)
    return redirect("councils:meeting_detail", pk=meeting_id)


@login_required
@require_POST
def ballot_close(request, pk):
    ballot = permissions.access_ballot(request.user, pk)
    return _count_with_codes(
        request,
        ballot.meeting_id,
        _("Đã kiểm phiếu."),
        lambda **codes: services.close_ballot(ballot=ballot, user=request.user, **codes),
    )


@login_required
@require_POST
def ballots_close_all(request, pk):
    """Count every open ballot of the meeting with the two codes entered once."""
    meeting = permissions.access_meeting(request.user, pk)
    return _count_with_codes(
        request,
        meeting.pk,
        _("Đã kiểm phiếu tất cả các phiếu bầu đang mở."),
        lambda **codes: services.close_open_ballots(meeting=meeting, user=request.user, **codes),
    )


@login_required
@require_http_methods(["GET", "POST"])
def written_vote(request, pk):
    ballot = permissions.access_ballot(request.user, pk)
    meeting = ballot.meeting
    seat = selectors.seat_of(request.user, meeting)
    if seat is None or seat.role not in (MemberRole.SECRETARY, MemberRole.CHAIR):
        raise PermissionDenied(_("Chỉ Thư ký (hoặc Chủ tịch) hội đồng được nhập phiếu bằng văn bản."))
    voted = BallotReceipt.objects.filter(ballot=ballot).values("member_id")
    absent = (
        selectors.meeting_members(meeting)
        .exclude(pk__in=selectors.present_member_ids(meeting))
        .exclude(pk__in=voted)
        .select_related("person")
    )
    if ballot.candidate_person_id:
        absent = absent.exclude(person_id=ballot.candidate_person_id)
    form = WrittenVoteForm(request.POST or None, members=absent)
    if request.method == "POST" and form.is_valid():
        with service_call(request, success=_("Đã ghi nhận phiếu bằng văn bản.")) as call:
            services.enter_written_vote(
                ballot=ballot,
                member=form.cleaned_data["member"],
                choice=form.cleaned_data["choice"],
                secretary_user=request.user,
            )
        if call.ok:
            return redirect("councils:written_vote", pk=ballot.pk)
    written = BallotReceipt.objects.filter(ballot=ballot, in_writing=True).select_related("member__person")
    context = {
        "ballot": ballot,
        "meeting": meeting,
        "form": form,
        "has_absent": absent.exists(),
        "written": sorted(r.member.person.full_name for r in written),
    }
    return render_page(request, "councils/written_vote.html", context)


# --- a member's ballots ---------------------------------------------------------------------------------------


def _card(user, ballot: Ballot, error: str = "") -> dict:
    return _cards(user, [ballot], error)[0]


def _cards(user, ballots, error: str = "") -> list[dict]:
    """The voting cards of `ballots` for `user`: per meeting, the user's seat and who is present (two queries a
    meeting); for all the ballots at once, the user's receipts and the candidates' current posts."""
    ballots = list(ballots)
    meetings = {ballot.meeting_id: ballot.meeting for ballot in ballots}
    seats = {pk: selectors.seat_of(user, meeting) for pk, meeting in meetings.items()}
    present = {
        pk: selectors.present_member_ids(meetings[pk]) for pk, seat in seats.items() if seat is not None
    }
    voted = set(
        BallotReceipt.objects.filter(
            ballot__in=ballots, member__in=[seat for seat in seats.values() if seat is not None]
        ).values_list("ballot_id", flat=True)
    )
    posts = org_selectors.current_memberships(b.candidate_person_id for b in ballots if b.candidate_person_id)
    cards = []
    for ballot in ballots:
        seat = seats[ballot.meeting_id]
        state = "vote"
        if seat is None:
            state = "not_member"
        elif ballot.pk in voted:
            state = "voted"
        elif ballot.status != Ballot.Status.OPEN:
            state = "closed"
        elif ballot.candidate_person_id == seat.person_id:
            state = "recused"
        elif seat.pk not in present[ballot.meeting_id]:
            state = "absent"
        facts = _candidate_facts(ballot, posts.get(ballot.candidate_person_id))
        cards.append({"ballot": ballot, "state": state, "error": error, **facts})
    return cards


def _candidate_facts(ballot: Ballot, membership) -> dict:
    """What a member reads before voting: the candidate's unit and position, and the achievement report."""
    facts = {}
    if membership is not None:
        facts["candidate_unit"] = membership.unit
        facts["candidate_position"] = membership.position
    kind, _sep, ident = ballot.target.partition(":")
    if kind == "proposals.candidate" and ident.isdigit():
        facts["report_url"] = reverse("proposals:candidate_report", args=[int(ident)])
    return facts


@login_required
@require_GET
def my_ballots(request):
    seats = CouncilMember.objects.filter(user=request.user)
    ballots = (
        Ballot.objects.filter(
            status=Ballot.Status.OPEN,
            meeting__status=Meeting.Status.OPEN,
            meeting__council_id__in=seats.values("council_id"),
        )
        .select_related("meeting__council", "candidate_person")
        .order_by("meeting__held_at", "id")
    )
    cards = [card for card in _cards(request.user, ballots) if card["state"] != "not_member"]
    return render_page(request, "councils/my_ballots.html", {"cards": cards})


@login_required
@require_POST
def vote(request, pk):
    ballot = permissions.access_ballot(request.user, pk)
    form = VoteForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.")
    elif not form.cleaned_data["confirmed"]:
        # A vote cannot be changed once cast: show the choice back and ask to confirm it.
        card = _card(request.user, ballot)
        if card["state"] == "vote":
            card.update(state="confirm", choice=form.cleaned_data["choice"])
            card["choice_label"] = dict(CHOICE_FIELD)[card["choice"]]
        if request.htmx:
            return render_page(request, "councils/my_ballots.html", {"c": card}, fragment="card")
        return render_page(request, "councils/my_ballots.html", {"cards": [card]})
    else:
        try:
            services.cast_vote(ballot=ballot, user=request.user, choice=form.cleaned_data["choice"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        ballot.refresh_from_db()
        return render_page(
            request, "councils/my_ballots.html", {"c": _card(request.user, ballot, error)}, fragment="card"
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã bỏ phiếu."))
    return redirect(reverse("councils:my_ballots"))


# --- minutes ----------------------------------------------------------------------------------------------------


def _minutes_title(what):
    return lambda c: f"{what}: {pick(c['data'], 'meeting.title')}"


MINUTES_ATTENDANCE_TABLE = TableSpec(
    name="attendance",
    title=_minutes_title(gettext_lazy("THÀNH PHẦN PHIÊN HỌP")),
    filename="thanh-phan-phien-hop",
    rows=lambda c: c["data"]["attendance"],
    form=None,
    columns=[
        Column(gettext_lazy("Họ và tên"), "name"),
        Column(gettext_lazy("Vai trò"), "role_label"),
        Column(gettext_lazy("Có mặt"), lambda a: _("Có mặt") if a["present"] else _("Vắng mặt")),
        Column(gettext_lazy("Ghi chú"), "note"),
    ],
)


def _outcome(ballot) -> str:
    if ballot["status"] != "closed":
        return _("Đang bỏ phiếu")
    return _("Đạt") if ballot["passed"] else _("Không đạt")


MINUTES_BALLOTS_TABLE = TableSpec(
    name="ballots",
    title=_minutes_title(gettext_lazy("KẾT QUẢ BỎ PHIẾU KÍN")),
    filename="ket-qua-bo-phieu",
    rows=lambda c: c["data"]["ballots"],
    form=None,
    columns=[
        Column(gettext_lazy("Nội dung"), "subject"),
        Column(gettext_lazy("Đồng ý"), "yes"),
        Column(gettext_lazy("Không đồng ý"), "no"),
        Column(gettext_lazy("Không biểu quyết"), "abstain"),
        Column(gettext_lazy("Tỷ lệ cần đạt"), "threshold_text"),
        Column(gettext_lazy("Kết quả"), _outcome),
    ],
)


@exportable(MINUTES_ATTENDANCE_TABLE, MINUTES_BALLOTS_TABLE)
@login_required
@require_GET
def minutes(request, pk):
    meeting = permissions.access_meeting(request.user, pk)
    return render_page(request, "councils/minutes.html", {"data": selectors.meeting_minutes_data(meeting)})
