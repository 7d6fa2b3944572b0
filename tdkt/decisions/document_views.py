"""Downloads of the Word documents, certificate printing, and the administrator's template page.

Who may download: whoever may see the object (the access checks of each app, 404 otherwise): the
Quyết định for a visible decision, the Tờ trình for a proposal seen as a whole dossier, the Báo cáo thành
tích for a visible candidate, the Biên bản for a visible meeting. Printing certificates: officers who may
prepare decisions of the issuer (and admins), for an issued decision. Templates: administrators only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.htmx import render_page
from tdkt.councils import permissions as council_permissions
from tdkt.decisions import documents, docx_defaults, tasks
from tdkt.decisions import permissions as decision_permissions
from tdkt.decisions.models import CertificateBatch, Decision, DocumentTemplate
from tdkt.decisions.package import central_package
from tdkt.org import permissions as org_permissions
from tdkt.proposals import permissions as proposal_permissions

Kind = DocumentTemplate.Kind


def _docx(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- Word documents ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def decision_docx(request, pk: int):
    decision = decision_permissions.access_decision(request.user, pk)
    return _docx(*documents.render_decision(decision))


@login_required
@require_GET
def submission_docx(request, pk: int):

    proposal = proposal_permissions.access_proposal(request.user, pk)
    if not proposal_permissions.sees_whole_dossier(request.user, proposal):
        raise Http404(_("Không tìm thấy hồ sơ đề nghị."))
    return _docx(*documents.render_submission(proposal))


@login_required
@require_GET
def report_docx(request, pk: int, candidate_pk: int):

    proposal = proposal_permissions.access_proposal(request.user, pk)
    candidate = proposal_permissions.access_candidate(request.user, proposal, candidate_pk)
    return _docx(*documents.render_report(candidate))


@login_required
@require_GET
def package_zip(request, pk: int):
    """The dossier package for the higher level: the list, the Tờ trình and each report in Word and PDF."""

    proposal = proposal_permissions.access_proposal(request.user, pk)
    if not proposal_permissions.can_export(request.user, proposal):
        raise Http404(_("Không tìm thấy hồ sơ đề nghị."))
    response = HttpResponse(central_package(proposal), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ho-so-{proposal.pk}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def minutes_docx(request, pk: int):

    meeting = council_permissions.access_meeting(request.user, pk)
    return _docx(*documents.render_minutes(meeting))


# --- Certificates -------------------------------------------------------------------------------------------------


def can_print(user, decision: Decision) -> bool:
    return decision_permissions.can_prepare_for(user, issuer=decision.issuer, proposal=decision.proposal)


def _batch(user, batch_pk: int) -> CertificateBatch:
    batch = get_object_or_404(CertificateBatch.objects.select_related("decision"), pk=batch_pk)
    decision_permissions.access_decision(user, batch.decision_id)  # 404 for an outsider
    return batch


@login_required
@require_GET
def certificates(request, pk: int):
    decision = decision_permissions.access_decision(request.user, pk)
    batches = decision.certificate_batches.all()[:10]
    return render_page(
        request,
        "decisions/certificates.html",
        {
            "decision": decision,
            "batches": batches,
            "can_print": can_print(request.user, decision),
            "lines_count": decision.lines.count(),
        },
    )


@login_required
@require_POST
def certificates_start(request, pk: int):
    decision = decision_permissions.access_decision(request.user, pk)
    if not can_print(request.user, decision):
        raise Http404(_("Không tìm thấy quyết định."))
    if decision.status != Decision.Status.ISSUED:
        messages.error(request, _("Chỉ in bằng khen, giấy khen cho quyết định đã ban hành."))
        return redirect("decisions:doc_certificates", pk=decision.pk)
    if not decision.lines.exists():
        messages.error(request, _("Quyết định chưa có danh sách khen thưởng."))
        return redirect("decisions:doc_certificates", pk=decision.pk)
    batch = tasks.start_batch(decision, request.user)
    return redirect("decisions:doc_certificates_progress", batch_pk=batch.pk)


@login_required
@require_GET
def certificates_progress(request, batch_pk: int):
    batch = _batch(request.user, batch_pk)
    percent = round(batch.done * 100 / batch.total) if batch.total else 0
    return render_page(
        request,
        "decisions/certificate_progress.html",
        {
            "batch": batch,
            "decision": batch.decision,
            "percent": percent,
            "polling": batch.status in (CertificateBatch.Status.QUEUED, CertificateBatch.Status.RUNNING),
            "can_print": can_print(request.user, batch.decision),
        },
        fragment="progress",
    )


@login_required
@require_POST
def certificates_retry(request, batch_pk: int):
    batch = _batch(request.user, batch_pk)
    if not can_print(request.user, batch.decision):
        raise Http404(_("Không tìm thấy lô in."))
    try:
        tasks.retry_batch(batch)
    except ValueError as exc:
        messages.error(request, str(exc))
    return redirect("decisions:doc_certificates_progress", batch_pk=batch.pk)


@login_required
@require_GET
def certificates_download(request, batch_pk: int):
    batch = _batch(request.user, batch_pk)
    if batch.status != CertificateBatch.Status.DONE or not batch.file:
        raise Http404(_("Lô in chưa có tệp."))
    data = batch.file.open("rb").read()
    batch.file.close()
    response = HttpResponse(data, content_type="application/pdf")
    name = batch.file.name.rsplit("/", 1)[-1]
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- Templates (administrators) -------------------------------------------------------------------------------


def _require_admin(request) -> None:
    if not org_permissions.is_admin(request.user):
        raise Http404(_("Không tìm thấy trang."))


def _kind(kind: str) -> str:
    if kind not in Kind.values:
        raise Http404(_("Không có loại văn bản này."))
    return kind


TAGS = {
    Kind.DECISION: "parent_name, issuer_name, number_label, date_line (place, day, month, year), summary, "
    "head_title, legal_bases[], articles[].label/.text, annex_title, annex_reference, rows[].stt/.name/.detail/"
    ".award/.amount, total_amount, lines_count, authority_line, title_line, signer_name, recipients[]",
    Kind.SUBMISSION: "parent_name, issuer_name, symbol, date_line, summary, receiver_name, intro, award_name, "
    "candidates_count_text, rows[].stt/.name/.detail/.result, title_line, signer_name, recipients[]",
    Kind.MINUTES: "parent_name, issuer_name, date_line, summary, held_at, location, chair_name, secretary_name, "
    "present_count, members_count, absent_text, quorum_text, present[].name/.role, agenda, rows[].stt/.subject/"
    ".yes/.no/.ratio/.result, note, left_signer_name, title_line, signer_name",
    Kind.REPORT: "parent_name, issuer_name, date_line, summary, subject_name, profile[].label/.value, "
    "achievements_summary, achievements[], initiatives[], rows[].stt/.year/.award/.decision, title_line, "
    "signer_name",
}


def _templates_context(errors: dict | None = None) -> dict:
    uploaded = {t.kind: t for t in DocumentTemplate.objects.select_related("uploaded_by")}
    kinds = [
        {
            "value": value,
            "label": label,
            "uploaded": uploaded.get(value),
            "tags": TAGS[value],
            "error": (errors or {}).get(value, ""),
        }
        for value, label in Kind.choices
    ]
    return {"kinds": kinds, "tag_examples": "{{ … }} và {% … %}"}


@login_required
@require_GET
def templates_page(request):
    _require_admin(request)
    return render_page(request, "decisions/documents_templates.html", _templates_context())


@login_required
@require_POST
def template_upload(request, kind: str):
    _require_admin(request)
    kind = _kind(kind)
    uploaded = request.FILES.get("file")
    try:
        if uploaded is None:
            raise ValidationError(_("Hãy chọn tệp mẫu .docx."))
        documents.save_template(kind, uploaded, request.user)
    except ValidationError as exc:
        return render_page(
            request,
            "decisions/documents_templates.html",
            _templates_context({kind: " ".join(exc.messages)}),
            status=400,
        )
    messages.success(request, _("Đã thay mẫu «%(kind)s».") % {"kind": Kind(kind).label})
    return redirect("decisions:doc_templates")


@login_required
@require_POST
def template_reset(request, kind: str):
    _require_admin(request)
    kind = _kind(kind)
    if documents.reset_template(kind):
        messages.success(request, _("Đã trở lại mẫu mặc định «%(kind)s».") % {"kind": Kind(kind).label})
    return redirect("decisions:doc_templates")


@login_required
@require_http_methods(["GET"])
def template_download(request, kind: str, which: str):
    """The built-in template (`which=builtin`) or the one in force (`which=current`), to edit in Word."""
    _require_admin(request)
    kind = _kind(kind)
    if which == "builtin":
        data = docx_defaults.template_bytes(kind)
    elif which == "current":
        data = documents.template_source(kind)
    else:
        raise Http404
    return _docx(f"mau-{kind}-{which}.docx", data)
