"""Pages of the sơ kết / tổng kết reviews of a movement: record a review, generate its Word report in the
background (progress polled with htmx), download it; the review template (download, replace, reset)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.actions import flash_form_errors, service_call
from tdkt.core.htmx import render_page
from tdkt.movements import permissions, review_report, services, tasks
from tdkt.movements.forms import ReviewForm, ReviewTemplateForm
from tdkt.movements.models import MovementReview
from tdkt.org import permissions as org_permissions


def _review(user, pk) -> MovementReview:
    """The review of a movement the user may see (404 otherwise, like a missing one)."""
    review = get_object_or_404(MovementReview.objects.select_related("movement"), pk=pk)
    permissions.access_movement(user, review.movement_id)
    return review


@login_required
@require_POST
def review_create(request, pk):
    movement = permissions.access_movement(request.user, pk)
    if not permissions.can_manage_movement(request.user, movement):
        raise PermissionDenied(_("Bạn không có quyền ghi sơ kết, tổng kết phong trào này."))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form, labelled=True)
        return redirect("movements:movement_detail", pk=movement.pk)
    data = dict(form.cleaned_data)
    data.pop("lock_version", None)
    with service_call(request) as call:
        review = services.save_review(movement=movement, actor=request.user, **data)
    if not call.ok:
        return redirect("movements:movement_detail", pk=movement.pk)
    messages.success(request, _("Đã ghi %(kind)s.") % {"kind": review.get_kind_display().lower()})
    return redirect("movements:review_detail", pk=review.pk)


def _progress(review) -> int:
    return round(review.report_done * 100 / review.report_total) if review.report_total else 0


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request, pk):
    review = _review(request.user, pk)
    movement = review.movement
    can_manage = permissions.can_manage_movement(request.user, movement)
    form = None
    if can_manage:
        if request.method == "POST":
            form = ReviewForm(request.POST)
            if form.is_valid():
                data = dict(form.cleaned_data)
                expected = data.pop("lock_version")
                with service_call(request, success=_("Đã lưu.")) as call:
                    services.save_review(
                        movement=movement,
                        review=review,
                        actor=request.user,
                        expected_version=expected,
                        **data,
                    )
                if call.ok:
                    return redirect("movements:review_detail", pk=review.pk)
        else:
            form = ReviewForm(
                initial={
                    "kind": review.kind,
                    "held_on": review.held_on,
                    "period_from": review.period_from,
                    "period_to": review.period_to,
                    "document": review.document,
                    "awards_given": review.awards_given,
                    "note": review.note,
                    "lock_version": review.lock_version,
                }
            )
    elif request.method == "POST":
        raise PermissionDenied(_("Bạn không có quyền ghi sơ kết, tổng kết phong trào này."))
    context = {
        "review": review,
        "movement": movement,
        "can_manage": can_manage,
        "form": form,
        "percent": _progress(review),
        "polling": review.report_status
        in (MovementReview.ReportStatus.QUEUED, MovementReview.ReportStatus.RUNNING),
        "steps": [label for _key, label in review_report.STEPS],
        "is_admin": org_permissions.is_admin(request.user),
    }
    fragment = "progress" if request.GET.get("part") == "progress" else None
    return render_page(request, "movements/review_detail.html", context, fragment=fragment)


@login_required
@require_POST
def review_generate(request, pk):
    review = _review(request.user, pk)
    if not permissions.can_manage_movement(request.user, review.movement):
        raise PermissionDenied(_("Bạn không có quyền lập báo cáo của phong trào này."))
    tasks.start_report(review, request.user)
    messages.success(request, _("Đang lập báo cáo; trang tự cập nhật tiến độ."))
    return redirect("movements:review_detail", pk=review.pk)


@login_required
@require_GET
def review_download(request, pk):
    review = _review(request.user, pk)
    if review.report_status != MovementReview.ReportStatus.DONE or not review.report:
        raise Http404(_("Báo cáo chưa được lập."))
    with review.report.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=review_report.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{review_report.file_name(review)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def review_template(request):
    """GET ?download=1: the template in force (to edit in Word); POST: upload a replacement, or reset."""
    if request.GET.get("download"):
        response = HttpResponse(review_report.template_source(), content_type=review_report.DOCX)
        response["Content-Disposition"] = 'attachment; filename="mau-bao-cao-so-ket-tong-ket.docx"'
        return response
    if not org_permissions.is_admin(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên được thay mẫu báo cáo."))
    back = request.POST.get("back") or ""
    if request.POST.get("reset"):
        review_report.reset_template()
        messages.success(request, _("Đã trở về mẫu có sẵn."))
    else:
        form = ReviewTemplateForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Chọn tệp mẫu .docx."))
        else:
            with service_call(request, success=_("Đã thay mẫu báo cáo sơ kết, tổng kết.")):
                review_report.save_template(form.cleaned_data["file"], request.user)
    if back.isdigit():
        return redirect("movements:review_detail", pk=int(back))
    return redirect("movements:movement_list")
