"""Pages of the dossiers: list, create, detail (candidates, reports, attachments, history, actions,
disclosure with comments), the return form and the exports.

Each view fetches through `permissions.access_proposal` (404 for outsiders), validates with a form and
calls one service; a refusal of the service is shown as a Vietnamese message on the detail page.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.actions import service_call
from tdkt.core.htmx import render_page
from tdkt.core.tables import Column, TableSpec, exportable, names_from
from tdkt.councils.models import Meeting
from tdkt.org import permissions as org_permissions
from tdkt.org import selectors as org_selectors
from tdkt.org.models import Role, Unit
from tdkt.proposals import exports, permissions, selectors, services
from tdkt.proposals.filters import ProposalFilter
from tdkt.proposals.forms import (
    AnswerForm,
    AttachmentForm,
    CandidateForm,
    CommentForm,
    CouncilForm,
    DisclosureForm,
    NoteForm,
    ProposalForm,
    ReportForm,
    ReturnForm,
)
from tdkt.proposals.models import Attachment, Candidate, Comment

PAGE_SIZE = 50


def _run(request, proposal, action, success: str):
    """Call a service; its refusal becomes an error message. Back to the detail page either way."""
    with service_call(request, success=success):
        action()
    return redirect("proposals:detail", pk=proposal.pk)


# --- list and create ------------------------------------------------------------------------------------------


LIST_TABLE = TableSpec(
    title=gettext_lazy("DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG"),
    filename="ho-so-de-nghi",
    rows="page",
    shown=names_from(unit="units"),
    columns=[
        Column(gettext_lazy("Trích yếu"), "title"),
        Column(gettext_lazy("Đơn vị đề nghị"), "proposing_unit.name"),
        Column(gettext_lazy("Cấp trình"), "receiving_unit.name"),
        Column(gettext_lazy("Danh hiệu / hình thức"), "award_kind.name"),
        Column(gettext_lazy("Năm"), "year", "0"),
        Column(gettext_lazy("Số đối tượng"), "candidate_count"),
        Column(gettext_lazy("Hạn trình"), "deadline"),
        Column(gettext_lazy("Trạng thái"), "get_status_display"),
    ],
)


@exportable(LIST_TABLE)
@login_required
@require_GET
def proposal_list(request):
    found = ProposalFilter(
        request.GET or None, queryset=permissions.visible_proposals(request.user), request=request
    )
    form = found.form
    proposals = selectors.list_rows(found.qs if found.is_bound else found.queryset)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    units = (
        org_permissions.visible_units(request.user).filter(valid_to__isnull=True).only("pk", "code", "name")
    )
    context = {
        "form": form,
        "page": page,
        "units": units,
        "needs_action": selectors.needs_action_count(request.user),
        "due_soon": selectors.due_soon(request.user)[:10],
        "can_create": bool(_creatable_units(request.user)),
    }
    return render_page(request, "proposals/list.html", context, fragment="results")


def _creatable_units(user) -> list[Unit]:

    ids = org_permissions.visible_unit_ids(user, roles={Role.OFFICER, Role.LEADER})
    units = Unit.objects.filter(valid_to__isnull=True, parent__isnull=False)
    if ids is not org_permissions.ALL_UNITS:
        units = units.filter(pk__in=ids or [])
    return list(units.order_by("code"))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request):
    units = _creatable_units(request.user)
    if not units:
        raise Http404(_("Không tìm thấy."))
    initial = {"year": date.today().year - 1, "track": "cong_trang"}
    form = ProposalForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if u.pk == data["proposing_unit"])
        with service_call(request, success=_("Đã lập hồ sơ đề nghị."), form=form) as call:
            proposal = services.create_proposal(
                actor=request.user,
                title=data["title"],
                proposing_unit=unit,
                award_kind=data["award_kind"],
                year=data["year"],
                track=data["track"],
                movement=data["movement"],
                deadline=data["deadline"],
            )
        if call.ok:
            return redirect("proposals:detail", pk=proposal.pk)
    return render_page(request, "proposals/create.html", {"form": form})


# --- detail ------------------------------------------------------------------------------------------------------


def _actions(user, proposal) -> dict[str, bool]:
    return {
        "edit": permissions.can_edit(user, proposal),
        "attach": permissions.can_attach(user, proposal),
        "submit": permissions.can_submit(user, proposal),
        "receive": permissions.can_receive(user, proposal),
        "return": permissions.can_return(user, proposal),
        "council": permissions.can_send_to_council(user, proposal),
        "disclose": permissions.can_publish_disclosure(user, proposal),
        "forward": permissions.can_forward(user, proposal),
        "export": permissions.can_export(user, proposal),
        "answer": permissions.is_receiver_officer(user, proposal),
    }


def _detail_context(request, proposal) -> dict:
    user = request.user
    candidates = list(permissions.visible_candidates(user, proposal))
    registered = selectors.registration_status(proposal, candidates)
    models = selectors.backing_models(proposal, candidates)
    cdci = selectors.cdci_results(proposal, candidates)
    for candidate in candidates:
        candidate.registered = registered.get(candidate.pk)  # None: not a registrable title
        candidate.models = models.get(candidate.pk, [])
        candidate.cdci = cdci.get(candidate.pk)
    whole = permissions.sees_whole_dossier(user, proposal)
    actions = _actions(user, proposal)
    disclosure = getattr(proposal, "disclosure", None) if hasattr(proposal, "disclosure") else None
    today = date.today()
    context = {
        "proposal": proposal,
        "candidates": candidates,
        "unregistered_count": sum(1 for c in candidates if c.registered is False),
        "whole": whole,
        "actions": actions,
        "attachments": proposal.attachments.select_related("candidate") if whole else [],
        "events": proposal.events.select_related("actor") if whole else [],
        "disclosure": disclosure,
        "today": today,
        "report_fields": services.REPORT_FIELDS,
        "note_form": NoteForm(initial={"lock_version": proposal.lock_version}),
        "attachment_form": AttachmentForm(),
        "disclosure_form": DisclosureForm(initial={"starts_on": services.calendar.next_working_day(today)}),
        "comment_form": CommentForm(),
        "answer_form": AnswerForm(),
        "forwarded_to": list(proposal.forwarded_to.all()),
        "next_step": selectors.next_step(proposal),
        "checklist": selectors.checklist(proposal) if whole else [],
    }
    if disclosure is not None:
        context["comments"] = (
            disclosure.comments.select_related(
                "author", "candidate__person", "candidate__unit", "answered_by"
            )
            if whole
            else disclosure.comments.filter(author=user)
        )
        context["days_left"] = selectors.working_days_left(disclosure, today)
        context["disclosure_open"] = disclosure.starts_on <= today <= disclosure.ends_on
        context["disclosure_closed"] = selectors.disclosure_closed(proposal, today)
    if actions["edit"]:
        subtree = org_selectors.subtree_ids(proposal.proposing_unit, today)
        context["people_choices"] = (
            org_selectors.people_in(subtree, today)
            .exclude(candidacies__proposal=proposal)
            .order_by("sort_key")[:500]
        )
        context["unit_choices"] = Unit.objects.filter(pk__in=subtree).exclude(candidacies__proposal=proposal)
    if actions["council"]:
        context["council_form"] = CouncilForm(
            initial={"lock_version": proposal.lock_version},
            meetings=Meeting.objects.filter(
                council__unit=proposal.receiving_unit, status=Meeting.Status.OPEN
            ).order_by("-held_at"),
        )
    return context


@login_required
@require_GET
def proposal_detail(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    fragment = request.GET.get("part") if request.GET.get("part") in ("candidates", "disclosure") else None
    return render_page(
        request, "proposals/detail.html", _detail_context(request, proposal), fragment=fragment
    )


# --- candidates and reports ----------------------------------------------------------------------------------------


@login_required
@require_POST
def candidate_add(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    form = CandidateForm(request.POST)
    if not form.is_valid() or not (form.cleaned_data["person"] or form.cleaned_data["unit"]):
        messages.error(request, _("Chọn một cá nhân hoặc một tập thể."))
        return redirect("proposals:detail", pk=proposal.pk)
    person = unit = None
    # Through the access helpers: an id the user may not see is "not found", exactly like a missing one.
    if form.cleaned_data["person"]:
        person = org_permissions.access_person(request.user, form.cleaned_data["person"])
    else:
        unit = org_permissions.access_unit(request.user, form.cleaned_data["unit"])
    with service_call(request) as call:
        candidate = services.add_candidate(proposal=proposal, actor=request.user, person=person, unit=unit)
    if not call.ok:
        return redirect("proposals:detail", pk=proposal.pk)
    verdict = (candidate.verdict or {}).get("verdict")
    if verdict == "eligible":
        messages.success(request, _("Đã thêm đối tượng vào hồ sơ."))
    else:
        # Warn at once, not at submission: the officer may still drop the candidate.
        state = _("cần xem xét thêm") if verdict == "needs_review" else _("chưa đủ điều kiện")
        messages.warning(
            request,
            _(
                "Đã thêm %(name)s, nhưng theo kiểm tra tự động đối tượng này %(state)s; xem lý do ở cột “Kiểm tra điều kiện”."
            )
            % {"name": candidate, "state": state},
        )
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
@require_GET
def candidate_search(request, pk):
    """The candidate picker: people found by name (no diacritics needed) or unit, with their verdict."""
    proposal = permissions.access_proposal(request.user, pk)
    if not permissions.can_edit(request.user, proposal):
        raise Http404(_("Không tìm thấy."))
    query = (request.GET.get("q") or "").strip()[:100]
    context = {"proposal": proposal, "found": selectors.picker(proposal, query), "q": query}
    # The list alone, also without htmx (its "Thêm" buttons post to the dossier and come back to it).
    return render_page(request, "proposals/detail.html#picker", context)


@login_required
@require_POST
def candidate_remove(request, pk, candidate_pk):
    proposal = permissions.access_proposal(request.user, pk)
    candidate = permissions.access_candidate(request.user, proposal, candidate_pk)
    return _run(
        request,
        proposal,
        lambda: services.remove_candidate(candidate=candidate, actor=request.user),
        _("Đã bỏ đối tượng khỏi hồ sơ."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk, candidate_pk):
    proposal = permissions.access_proposal(request.user, pk)
    candidate = permissions.access_candidate(request.user, proposal, candidate_pk)
    can_edit = permissions.can_edit(request.user, proposal)
    initial = {**(candidate.report or {}), "lock_version": candidate.lock_version}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise Http404(_("Không tìm thấy."))
        if form.is_valid():
            data = dict(form.cleaned_data)
            expected = data.pop("lock_version")
            with service_call(request, success=_("Đã lưu báo cáo thành tích."), form=form) as call:
                services.update_report(
                    candidate=candidate, actor=request.user, report=data, expected_version=expected
                )
            if call.ok:
                return redirect("proposals:detail", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "candidate": candidate,
        "form": form,
        "can_edit": can_edit,
        "registered": selectors.registration_status(proposal, [candidate]).get(candidate.pk),
    }
    return render_page(request, "proposals/report.html", context, fragment="report")


@login_required
@require_GET
def candidate_report(request, candidate_pk):
    """The achievement report of a candidate known only by its id (a council ballot names its candidate so)."""
    proposal_id = Candidate.objects.filter(pk=candidate_pk).values_list("proposal_id", flat=True).first()
    if proposal_id is None:
        raise Http404(_("Không tìm thấy."))
    proposal = permissions.access_proposal(request.user, proposal_id)
    permissions.access_candidate(request.user, proposal, candidate_pk)
    return redirect("proposals:report", pk=proposal.pk, candidate_pk=candidate_pk)


@login_required
@require_POST
def refresh(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    if not permissions.sees_whole_dossier(request.user, proposal):
        raise Http404(_("Không tìm thấy."))
    if not permissions.can_refresh_verdicts(request.user, proposal):
        raise PermissionDenied(_("Chỉ cán bộ TĐKT, lãnh đạo đơn vị được kiểm tra lại hồ sơ."))
    return _run(
        request,
        proposal,
        lambda: services.refresh_verdicts(proposal=proposal),
        _("Đã kiểm tra lại điều kiện của các đối tượng."),
    )


# --- attachments -------------------------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_add(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn tệp cần tải lên."))
        return redirect("proposals:detail", pk=proposal.pk)
    return _run(
        request,
        proposal,
        lambda: services.add_attachment(
            proposal=proposal,
            actor=request.user,
            file=form.cleaned_data["file"],
            name=form.cleaned_data["name"],
        ),
        _("Đã thêm tài liệu."),
    )


@login_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    proposal = permissions.access_proposal(request.user, pk)
    if not permissions.sees_whole_dossier(request.user, proposal):
        raise Http404(_("Không tìm thấy."))
    attachment = Attachment.objects.filter(proposal=proposal, pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("Không tìm thấy tài liệu."))
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Không tìm thấy tài liệu.")) from None
    return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


# --- the lifecycle -----------------------------------------------------------------------------------------------


def _version(request) -> int | None:
    form = NoteForm(request.POST)
    return form.cleaned_data.get("lock_version") if form.is_valid() else None


def _note(request) -> str:
    return (request.POST.get("note") or "").strip()


def _guarded(request, proposal, *, step: str, allowed: bool, action, success: str):
    """Submit or receive a dossier: when the checklist is not clear, ask to confirm with a reason first.

    The reason (with what was missing) is recorded on the status change, so the next reader sees why the
    dossier went on incomplete.
    """
    issues = selectors.checklist(proposal) if allowed else []  # a refused move says so, no checklist
    reason = (request.POST.get("reason") or "").strip()
    if issues and not (request.POST.get("confirmed") and reason):
        context = {
            "proposal": proposal,
            "issues": issues,
            "step": step,
            "reason": reason,
            "reason_missing": bool(request.POST.get("confirmed")) and not reason,
            "note_form": NoteForm(initial={"lock_version": _version(request) or proposal.lock_version}),
        }
        return render_page(request, "proposals/confirm.html", context)
    note = _note(request)
    if issues:
        note = "\n".join(
            filter(None, [note, _("Tiếp tục dù hồ sơ chưa đầy đủ. Lý do: %(r)s") % {"r": reason}, *issues])
        )
    return _run(request, proposal, lambda: action(note), success)


@login_required
@require_POST
def submit(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    return _guarded(
        request,
        proposal,
        step="submit",
        allowed=permissions.can_submit(request.user, proposal),
        action=lambda note: services.submit(
            proposal=proposal, actor=request.user, note=note, expected_version=_version(request)
        ),
        success=_("Đã trình hồ sơ."),
    )


@login_required
@require_POST
def receive(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    return _guarded(
        request,
        proposal,
        step="receive",
        allowed=permissions.can_receive(request.user, proposal),
        action=lambda note: services.receive(
            proposal=proposal, actor=request.user, note=note, expected_version=_version(request)
        ),
        success=_("Đã tiếp nhận hồ sơ."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def return_for_correction(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    if not permissions.can_return(request.user, proposal):
        raise Http404(_("Không tìm thấy."))
    form = ReturnForm(request.POST or None, initial={"lock_version": proposal.lock_version})
    if request.method == "POST" and form.is_valid():
        with service_call(request, success=_("Đã trả lại hồ sơ để bổ sung."), form=form) as call:
            services.return_for_correction(
                proposal=proposal,
                actor=request.user,
                reasons=form.cleaned_data["reasons"],
                expected_version=form.cleaned_data["lock_version"],
            )
        if call.ok:
            return redirect("proposals:detail", pk=proposal.pk)
    return render_page(request, "proposals/return.html", {"proposal": proposal, "form": form})


@login_required
@require_POST
def send_to_council(request, pk):

    proposal = permissions.access_proposal(request.user, pk)
    meeting = Meeting.objects.filter(pk=request.POST.get("meeting") or 0).select_related("council").first()
    if meeting is None:
        messages.error(request, _("Chọn phiên họp của Hội đồng."))
        return redirect("proposals:detail", pk=proposal.pk)
    return _run(
        request,
        proposal,
        lambda: services.send_to_council(
            proposal=proposal, actor=request.user, meeting=meeting, expected_version=_version(request)
        ),
        _("Đã đưa hồ sơ ra Hội đồng; mỗi đối tượng có một phiếu bầu."),
    )


@login_required
@require_POST
def forward(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    with service_call(request) as call:
        upper = services.forward_to_higher_level(proposal=proposal, actor=request.user)
    if not call.ok:
        return redirect("proposals:detail", pk=proposal.pk)
    messages.success(request, _("Đã lập hồ sơ trình cấp trên từ các đối tượng được Hội đồng đề nghị."))
    return redirect("proposals:detail", pk=upper.pk)


# --- disclosure and comments ---------------------------------------------------------------------------------------


@login_required
@require_POST
def disclose(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    form = DisclosureForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("proposals:detail", pk=proposal.pk)
    data = form.cleaned_data
    return _run(
        request,
        proposal,
        lambda: services.publish_disclosure(
            proposal=proposal,
            actor=request.user,
            starts_on=data["starts_on"],
            disclosure_days=data["disclosure_days"],
            where=data["where"],
        ),
        _("Đã công khai danh sách."),
    )


@login_required
@require_POST
def comment_add(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập nội dung ý kiến."))
        return redirect("proposals:detail", pk=proposal.pk)
    candidate = None
    if form.cleaned_data["candidate"]:
        candidate = permissions.access_candidate(request.user, proposal, form.cleaned_data["candidate"])
    return _run(
        request,
        proposal,
        lambda: services.add_comment(
            proposal=proposal, author=request.user, text=form.cleaned_data["text"], candidate=candidate
        ),
        _("Đã gửi ý kiến."),
    )


@login_required
@require_POST
def comment_answer(request, pk, comment_pk):
    proposal = permissions.access_proposal(request.user, pk)
    comment = Comment.objects.filter(disclosure__proposal=proposal, pk=comment_pk).first()
    if comment is None or not permissions.sees_whole_dossier(request.user, proposal):
        raise Http404(_("Không tìm thấy ý kiến."))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập nội dung trả lời."))
        return redirect("proposals:detail", pk=proposal.pk)
    return _run(
        request,
        proposal,
        lambda: services.answer_comment(
            comment=comment, actor=request.user, answer=form.cleaned_data["answer"]
        ),
        _("Đã trả lời ý kiến."),
    )


# --- exports -------------------------------------------------------------------------------------------------------


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def export_xlsx(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    if not permissions.can_export(request.user, proposal):
        raise Http404(_("Không tìm thấy."))
    return _download(
        exports.candidates_xlsx(proposal, user=request.user),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"danh-sach-de-nghi-{proposal.pk}.xlsx",
    )


@login_required
@require_GET
def export_package(request, pk):
    proposal = permissions.access_proposal(request.user, pk)
    if not permissions.can_export(request.user, proposal):
        raise Http404(_("Không tìm thấy."))
    # The package holds Word and PDF documents, which the decisions app renders: it builds the zip.
    return redirect("decisions:doc_package", pk=proposal.pk)
