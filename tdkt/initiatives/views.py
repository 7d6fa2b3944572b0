"""Pages of initiatives: list, application form with the duplicate check as one types, detail (authors,
attachments, council scoring, notes, decision, escalation, follow-up, history), certificate, statistics.

Each view fetches through `permissions.access_initiative` (404 for outsiders), validates with a form and
calls one service; a refusal of the service becomes a Vietnamese message.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.actions import service_call
from tdkt.core.htmx import render_page
from tdkt.core.tables import PERCENT, YEAR, Column, TableSpec, exportable, percent, pick
from tdkt.core.xlsx import export_heading, write_table
from tdkt.councils.models import Council
from tdkt.initiatives import permissions, selectors, services
from tdkt.initiatives.certificates import render_pdf
from tdkt.initiatives.filters import InitiativeFilter
from tdkt.initiatives.forms import (
    AnswerForm,
    AttachmentForm,
    AuthorForm,
    CouncilForm,
    CreateForm,
    FollowUpForm,
    InitiativeForm,
    MergeForm,
    NoteForm,
    ReasonForm,
    RecogniseForm,
    StatsForm,
)
from tdkt.initiatives.models import TRANSITIONS, Attachment, Escalation, Kind, Note, Score, Status
from tdkt.org import permissions as org_permissions
from tdkt.org.models import Person, Role, Unit

PAGE_SIZE = 50
CONTENT_FIELDS = [name for name in InitiativeForm.base_fields if name != "lock_version"]


def _run(request, initiative, action, success: str):
    with service_call(request, success=success):
        action()
    return redirect("initiatives:detail", pk=initiative.pk)


def _version(form) -> int | None:
    return form.cleaned_data.get("lock_version") if form.is_valid() else None


# --- list, create, edit -----------------------------------------------------------------------------------------


def _creatable_units(user) -> list[Unit]:
    ids = org_permissions.visible_unit_ids(user, roles={Role.OFFICER})
    units = Unit.objects.filter(valid_to__isnull=True)
    if ids is not org_permissions.ALL_UNITS:
        units = units.filter(pk__in=ids or [])
    found = list(units.order_by("code")[:500])
    person = Person.objects.filter(user=user).first()
    if person is not None:
        for unit in selectors.units_for_author(person):
            if unit.pk not in {u.pk for u in found}:
                found.append(unit)
    return found


INITIATIVES_TABLE = TableSpec(
    title=gettext_lazy("DANH SÁCH SÁNG KIẾN, ĐỀ TÀI"),
    filename="sang-kien-de-tai",
    rows="page",
    columns=[
        Column(gettext_lazy("Tên"), "title"),
        Column(gettext_lazy("Loại"), "get_kind_display"),
        Column(gettext_lazy("Đơn vị"), "unit.name"),
        Column(gettext_lazy("Tác giả"), lambda i: ", ".join(a.person.full_name for a in i.authors.all())),
        Column(gettext_lazy("Năm"), "year", YEAR),
        Column(gettext_lazy("Phạm vi"), "get_scope_display"),
        Column(gettext_lazy("Trạng thái"), "get_status_display"),
    ],
)


@exportable(INITIATIVES_TABLE)
@login_required
@require_GET
def initiative_list(request):
    items = selectors.initiative_list(request.user)
    initiative_filter = InitiativeFilter(request.GET or None, queryset=items, request=request)
    items = initiative_filter.qs if initiative_filter.is_bound else items
    invalid = (
        initiative_filter.is_bound and not initiative_filter.is_valid()
    )  # e.g. ?year=0: say why, as a 400
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": initiative_filter.form,
        "page": page,
        "can_create": bool(_creatable_units(request.user)),
    }
    return render_page(
        request, "initiatives/list.html", context, fragment="results", status=400 if invalid else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    units = _creatable_units(request.user)
    if not units:
        raise Http404(_("Không tìm thấy."))
    form = CreateForm(request.POST or None, units=units, initial={"kind": Kind.INITIATIVE})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = next(u for u in units if u.pk == data.pop("unit"))
        data.pop("lock_version", None)
        success = _("Đã lập đơn. Thêm tác giả và tỷ lệ đóng góp, rồi nộp đơn.")
        with service_call(request, success=success, form=form) as call:
            initiative = services.create_initiative(actor=request.user, unit=unit, **data)
        if call.ok:
            return redirect("initiatives:detail", pk=initiative.pk)
    return render_page(request, "initiatives/form.html", {"form": form, "initiative": None})


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk):
    initiative = permissions.access_initiative(request.user, pk)
    if not permissions.can_edit(request.user, initiative):
        raise Http404(_("Không tìm thấy."))
    initial = {name: getattr(initiative, name) for name in CONTENT_FIELDS}
    initial["lock_version"] = initiative.lock_version
    form = InitiativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("lock_version", None)
        with service_call(request, success=_("Đã lưu đơn."), form=form) as call:
            services.update_initiative(
                initiative=initiative, actor=request.user, expected_version=version, **data
            )
        if call.ok:
            return redirect("initiatives:detail", pk=initiative.pk)
    return render_page(request, "initiatives/form.html", {"form": form, "initiative": initiative})


@login_required
@require_GET
def similar(request):
    """The duplicate check (htmx fragment): similar applications of the whole agency as one types."""
    title = request.GET.get("title", "")[:500]
    description = request.GET.get("description", "")[:5000]
    exclude = request.GET.get("exclude")
    found = selectors.similar(
        request.user, title, description, exclude=int(exclude) if (exclude or "").isdigit() else None
    )
    return render_page(request, "initiatives/similar.html", {"similar": found, "asked": bool(title.strip())})


# --- detail -------------------------------------------------------------------------------------------------------


def _actions(user, initiative) -> dict[str, bool]:
    can = lambda to: permissions.can_transition(user, initiative, to)  # noqa: E731
    return {
        "edit": permissions.can_edit(user, initiative),
        "submit": can(Status.SUBMITTED),
        "screen": can(Status.SCREENED),
        "return": can(Status.RETURNED),
        "council": can(Status.COUNCIL),
        "recognise": initiative.status == Status.COUNCIL and can(Status.RECOGNISED),
        "reject": can(Status.REJECTED),
        "escalate": initiative.status == Status.RECOGNISED
        and initiative.scope != "toan_quoc"
        and can(Status.ESCALATED),
        "answer": initiative.status == Status.ESCALATED and can(Status.RECOGNISED),
        "merge": initiative.status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.SCREENED)
        and permissions.is_office(user, initiative),
        "follow_up": permissions.can_follow_up(user, initiative),
        "office": permissions.is_office(user, initiative),
    }


def _reviews(user, initiative):
    rows = []
    for review in initiative.reviews.select_related("council", "sheet").order_by("-opened_on", "-id"):
        criteria = list(review.sheet.criteria.all())
        members = list(
            review.council.members.filter(term_from__lte=review.opened_on)
            .exclude(term_to__isnull=False, term_to__lte=review.opened_on)
            .select_related("person")
        )
        recused = {r.member_id: r.reason for r in review.recusals.all()}
        scores: dict[int, dict[int, object]] = {}
        for s in Score.objects.filter(review=review):
            scores.setdefault(s.member_id, {})[s.criterion_id] = s.points
        result = selectors.review_result(review)
        by_field = {
            row["member"].pk: row
            for row in selectors.members_for_field(review.council, initiative.field, review.opened_on)
        }
        table = [
            {
                "member": m,
                "fields": by_field.get(m.pk, {}).get("fields", []),
                "matches": by_field.get(m.pk, {}).get("matches", False),
                "recused": recused.get(m.pk, ""),
                "points": [scores.get(m.pk, {}).get(c.pk) for c in criteria],
                "percent": result.per_member.get(m.pk),
            }
            for m in members
        ]
        seat = permissions.seat_of(user, review)
        rows.append(
            {
                "review": review,
                "criteria": criteria,
                "table": table,
                "result": result,
                "can_score": permissions.can_score(user, review),
                "mine": scores.get(seat.pk, {}) if seat else {},
                "can_close": review.is_open and permissions.is_office(user, initiative),
                "observer": permissions.is_observer(user, initiative) and seat is None,
            }
        )
    return rows


AUTHORS_TABLE = TableSpec(
    title=lambda c: _("TÁC GIẢ: %(title)s") % {"title": c["initiative"].title},
    filename="tac-gia-sang-kien",
    rows="authors",
    form=None,
    columns=[
        Column(gettext_lazy("Họ và tên"), "person.full_name"),
        Column(gettext_lazy("Mã cán bộ"), "person.staff_code"),
        Column(gettext_lazy("Tỷ lệ đóng góp"), percent("share"), PERCENT),
    ],
)


def _score_columns(context) -> list[Column]:
    """The council, the member, then one column per criterion (by name, across the reviews), the result."""
    columns = [
        Column(gettext_lazy("Hội đồng"), lambda pair: pick(pair[0], "review.council.name")),
        Column(gettext_lazy("Từ ngày"), lambda pair: pick(pair[0], "review.opened_on")),
        Column(gettext_lazy("Thành viên"), lambda pair: pick(pair[1], "member.person.full_name")),
        Column(gettext_lazy("Vai trò"), lambda pair: pick(pair[1], "member.get_role_display")),
    ]
    names = list(dict.fromkeys(c.name for r in context["reviews"] for c in pick(r, "criteria")))
    for name in names:

        def points(pair, name=name):
            review, row = pair
            criteria = [c.name for c in pick(review, "criteria")]
            return row["points"][criteria.index(name)] if name in criteria else None

        columns.append(Column(name, points))
    columns += [
        Column(gettext_lazy("Điểm (% tối đa)"), lambda pair: percent("percent")(pair[1]), PERCENT),
        Column(gettext_lazy("Không chấm"), lambda pair: pair[1]["recused"]),
    ]
    return columns


SCORES_TABLE = TableSpec(
    name="scores",
    title=lambda c: _("PHIẾU CHẤM ĐIỂM SÁNG KIẾN: %(title)s") % {"title": c["initiative"].title},
    filename="phieu-cham-diem",
    rows=lambda c: [(r, row) for r in c["reviews"] for row in pick(r, "table")],
    form=None,
    columns=_score_columns,
)


@exportable(AUTHORS_TABLE, SCORES_TABLE)
@login_required
@require_GET
def initiative_detail(request, pk):
    initiative = permissions.access_initiative(request.user, pk)
    user = request.user
    actions = _actions(user, initiative)
    notes = Note.objects.filter(initiative=initiative).select_related("author")
    notes = [n for n in notes if not n.private or n.author_id == user.pk]
    councils = []
    if actions["council"]:
        councils = list(
            Council.objects.filter(kind=Council.Kind.INITIATIVE, is_active=True)
            .select_related("unit")
            .filter(unit_id__in=_council_units(user, initiative))
        )
    context = {
        "initiative": initiative,
        "proposed_members": [
            (c, [r for r in selectors.members_for_field(c, initiative.field, date.today()) if r["proposed"]])
            for c in councils
        ],
        "authors": initiative.authors.select_related("person").order_by("order", "id"),
        "attachments": initiative.attachments.all(),
        "events": initiative.events.select_related("actor"),
        "escalations": initiative.escalations.all(),
        "follow_ups": initiative.follow_ups.all(),
        "reviews": _reviews(user, initiative),
        "notes": notes,
        "actions": actions,
        "similar": selectors.similar(user, initiative.title, initiative.description, exclude=initiative.pk)
        if initiative.status not in (Status.RECOGNISED, Status.ESCALATED, Status.MERGED)
        else [],
        "author_form": AuthorForm(),
        "attachment_form": AttachmentForm(),
        "reason_form": ReasonForm(initial={"lock_version": initiative.lock_version}),
        "note_form": NoteForm(),
        "council_form": CouncilForm(councils=councils, initial={"lock_version": initiative.lock_version})
        if councils
        else None,
        "recognise_form": RecogniseForm(
            initial={"lock_version": initiative.lock_version, "decision_date": date.today()}
        ),
        "answer_form": AnswerForm(initial={"lock_version": initiative.lock_version}),
        "merge_form": MergeForm(),
        "follow_up_form": FollowUpForm(),
        "transitions": TRANSITIONS,
    }
    return render_page(request, "initiatives/detail.html", context)


def _council_units(user, initiative) -> list[int]:
    """Initiative councils the office may use: of the unit or of a unit above it."""
    ids = []
    unit = initiative.unit
    while unit is not None and len(ids) < 10:
        ids.append(unit.pk)
        unit = unit.parent
    return ids


# --- actions ------------------------------------------------------------------------------------------------------


@login_required
@require_POST
def author_add(request, pk):
    initiative = permissions.access_initiative(request.user, pk)
    form = AuthorForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("initiatives:detail", pk=pk)
    people = selectors.find_author(form.cleaned_data["who"], initiative.unit)
    if len(people) != 1:
        messages.error(
            request,
            _("Không tìm thấy cán bộ này trong đơn vị.")
            if not people
            else _("Có nhiều người trùng tên; hãy nhập mã cán bộ: %(codes)s.")
            % {"codes": ", ".join(f"{p.full_name} ({p.staff_code or '—'})" for p in people)},
        )
        return redirect("initiatives:detail", pk=pk)
    person = people[0]
    return _run(
        request,
        initiative,
        lambda: services.add_author(
            initiative=initiative, actor=request.user, person=person, share=form.cleaned_data["share"]
        ),
        _("Đã thêm tác giả %(name)s.") % {"name": person.full_name},
    )


@login_required
@require_POST
def author_remove(request, pk, person_pk):
    initiative = permissions.access_initiative(request.user, pk)
    author = initiative.authors.filter(person_id=person_pk).select_related("person").first()
    if author is None:
        raise Http404(_("Không tìm thấy tác giả."))
    return _run(
        request,
        initiative,
        lambda: services.remove_author(initiative=initiative, actor=request.user, person=author.person),
        _("Đã bỏ tác giả."),
    )


@login_required
@require_POST
def attachment_add(request, pk):
    initiative = permissions.access_initiative(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn tệp cần đính kèm."))
        return redirect("initiatives:detail", pk=pk)
    return _run(
        request,
        initiative,
        lambda: services.add_attachment(
            initiative=initiative,
            actor=request.user,
            upload=form.cleaned_data["file"],
            name=form.cleaned_data["name"],
        ),
        _("Đã đính kèm tài liệu."),
    )


@login_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    initiative = permissions.access_initiative(request.user, pk)
    try:
        attachment = initiative.attachments.get(pk=attachment_pk)
    except Attachment.DoesNotExist:
        raise Http404(_("Không tìm thấy tài liệu.")) from None
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1]
    )


@login_required
@require_POST
def transition(request, pk, action: str):
    """One POST endpoint per lifecycle move (submit, screen, return, council, recognise, reject,
    escalate, answer)."""
    initiative = permissions.access_initiative(request.user, pk)
    user = request.user
    post = request.POST
    if action == "submit":
        version = post.get("lock_version")
        call = lambda: services.submit(  # noqa: E731
            initiative=initiative,
            actor=user,
            expected_version=int(version) if version and version.isdigit() else None,
        )
        return _run(request, initiative, call, _("Đã nộp đơn yêu cầu công nhận."))
    if action == "screen":
        return _run(
            request,
            initiative,
            lambda: services.screen(initiative=initiative, actor=user),
            _("Đã thẩm định: hồ sơ hợp lệ."),
        )
    if action in ("return", "reject"):
        form = ReasonForm(post)
        reason = post.get("reason", "")
        service = services.return_application if action == "return" else services.reject
        done = _("Đã trả lại để bổ sung.") if action == "return" else _("Đã ghi quyết định không công nhận.")
        return _run(
            request,
            initiative,
            lambda: service(
                initiative=initiative, actor=user, reason=reason, expected_version=_version(form)
            ),
            done,
        )
    if action == "council":
        councils = Council.objects.filter(
            kind=Council.Kind.INITIATIVE, unit_id__in=_council_units(user, initiative)
        )
        form = CouncilForm(post, councils=councils.select_related("unit"))
        if not form.is_valid():
            messages.error(request, _("Chọn Hội đồng sáng kiến."))
            return redirect("initiatives:detail", pk=pk)
        council = councils.get(pk=form.cleaned_data["council"])
        return _run(
            request,
            initiative,
            lambda: services.send_to_council(
                initiative=initiative,
                actor=user,
                council=council,
                opened_on=form.cleaned_data["opened_on"],
                expected_version=form.cleaned_data["lock_version"],
            ),
            _("Đã đưa ra Hội đồng sáng kiến."),
        )
    if action == "recognise":
        form = RecogniseForm(post)
        if not form.is_valid():
            messages.error(request, _("Nhập ngày quyết định theo dạng dd/mm/yyyy."))
            return redirect("initiatives:detail", pk=pk)
        return _run(
            request,
            initiative,
            lambda: services.recognise(
                initiative=initiative,
                actor=user,
                decision_date=form.cleaned_data["decision_date"],
                signer_name=form.cleaned_data["signer_name"],
                expected_version=form.cleaned_data["lock_version"],
            ),
            _("Đã công nhận sáng kiến."),
        )
    if action == "escalate":
        return _run(
            request,
            initiative,
            lambda: services.escalate(initiative=initiative, actor=user, note=post.get("note", "")),
            _("Đã đề nghị cấp trên công nhận."),
        )
    if action == "answer":
        form = AnswerForm(post)
        if not form.is_valid():
            messages.error(request, _("Kiểm tra lại kết quả của cấp trên."))
            return redirect("initiatives:detail", pk=pk)
        data = form.cleaned_data
        return _run(
            request,
            initiative,
            lambda: services.record_higher_answer(
                initiative=initiative,
                actor=user,
                recognised=data["recognised"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                note=data["note"],
                expected_version=data["lock_version"],
            ),
            _("Đã ghi kết quả của cấp trên."),
        )
    raise Http404(_("Không tìm thấy."))


@login_required
@require_POST
def score(request, pk, review_pk):
    initiative = permissions.access_initiative(request.user, pk)
    review = initiative.reviews.filter(pk=review_pk).first()
    if review is None:
        raise Http404(_("Không tìm thấy."))
    points = {c.code: request.POST.get(f"c_{c.code}", "").strip() for c in review.sheet.criteria.all()}
    points = {k: v for k, v in points.items() if v != ""}
    return _run(
        request,
        initiative,
        lambda: services.score(review=review, actor=request.user, points=points),
        _("Đã lưu phiếu chấm điểm."),
    )


@login_required
@require_POST
def review_close(request, pk, review_pk):
    initiative = permissions.access_initiative(request.user, pk)
    review = initiative.reviews.filter(pk=review_pk).first()
    if review is None:
        raise Http404(_("Không tìm thấy."))
    return _run(
        request,
        initiative,
        lambda: services.close_review(review=review, actor=request.user),
        _("Đã kết thúc chấm điểm."),
    )


@login_required
@require_POST
def note_add(request, pk):
    initiative = permissions.access_initiative(request.user, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập nội dung ý kiến."))
        return redirect("initiatives:detail", pk=pk)
    return _run(
        request,
        initiative,
        lambda: services.add_note(
            initiative=initiative,
            actor=request.user,
            text=form.cleaned_data["text"],
            private=form.cleaned_data["private"],
        ),
        _("Đã ghi ý kiến."),
    )


@login_required
@require_POST
def merge(request, pk):
    keeper = permissions.access_initiative(request.user, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập số hiệu đơn trùng."))
        return redirect("initiatives:detail", pk=pk)
    duplicate = permissions.access_initiative(request.user, form.cleaned_data["duplicate"])
    return _run(
        request,
        keeper,
        lambda: services.merge(
            keeper=keeper, duplicate=duplicate, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Đã gộp đơn trùng, giữ đủ các tác giả."),
    )


@login_required
@require_POST
def follow_up_add(request, pk):
    initiative = permissions.access_initiative(request.user, pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kiểm tra lại thông tin áp dụng."))
        return redirect("initiatives:detail", pk=pk)
    return _run(
        request,
        initiative,
        lambda: services.add_follow_up(initiative=initiative, actor=request.user, **form.cleaned_data),
        _("Đã ghi kết quả áp dụng."),
    )


@login_required
@require_GET
def certificate(request, pk):

    initiative = permissions.access_initiative(request.user, pk)
    if initiative.recognition_id is None:
        raise Http404(_("Sáng kiến chưa được công nhận."))
    response = HttpResponse(render_pdf(initiative), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-sang-kien-{initiative.pk}.pdf"'
    return response


# --- statistics ---------------------------------------------------------------------------------------------------


def _stats_units(user) -> list[Unit]:
    return list(
        org_permissions.visible_units(user)
        .filter(kind__in=["bo", "tong_cuc", "cuc", "chi_cuc", "vu_ban"])
        .order_by("code")[:1000]
    )


def _stats(request):
    units = _stats_units(request.user)
    form = StatsForm(request.GET or None, units=units)
    if not (form.is_bound and form.is_valid()):
        return form, None
    unit = org_permissions.access_unit(request.user, form.cleaned_data["unit"])
    return form, selectors.stats(unit, form.cleaned_data["year"])


@login_required
@require_GET
def stats(request):
    form, result = _stats(request)
    return render_page(
        request,
        "initiatives/stats.html",
        {"form": form, "stats": result, "query": request.GET.urlencode()},
        fragment="results",
    )


@login_required
@require_GET
def stats_xlsx(request):

    form, result = _stats(request)
    if result is None:
        raise Http404(_("Chọn đơn vị và năm."))
    headers = [
        "STT",
        "Tên sáng kiến, đề tài",
        "Loại",
        "Lĩnh vực",
        "Đơn vị",
        "Tác giả",
        "Phạm vi",
        "Số quyết định",
        "Đề nghị cấp trên",
    ]
    escalated = set(
        Escalation.objects.filter(initiative__in=result.items).values_list("initiative_id", flat=True)
    )
    rows = []
    for i, item in enumerate(result.items, start=1):
        names = "; ".join(
            f"{a.person.full_name} ({a.share:g} %)" for a in item.authors.select_related("person")
        )
        rows.append(
            [
                i,
                item.title,
                item.get_kind_display(),
                item.get_field_display(),
                item.unit.name,
                names,
                item.get_scope_display(),
                item.decision_number,
                "Có" if item.pk in escalated else "",
            ]
        )
    rows.append([])
    rows.append(["", "Tổng: đề tài", result.research_topics])
    rows.append(["", "Tổng: sáng kiến", result.initiatives])
    rows.append(["", "Số tác giả", result.authors])
    rows.append(["", "Đề tài đề nghị cấp trên", result.escalated_topics])
    rows.append(["", "Sáng kiến đề nghị cấp trên", result.escalated_initiatives])
    heading = export_heading(
        _("THỐNG KÊ SÁNG KIẾN, ĐỀ TÀI NĂM %(year)s") % {"year": result.year},
        [_("Đơn vị: %(unit)s") % {"unit": result.unit.name}, _("Năm: %(year)s") % {"year": result.year}],
        user=request.user,
    )
    data = write_table(headers, rows, title=f"Sáng kiến {result.year}", heading=heading)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="sang-kien-{result.unit.code}-{result.year}.xlsx"'
    )
    return response
