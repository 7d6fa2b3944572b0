"""Pages of exemplary models: the list with search, the showcase for staff, a model's profile.

Every view fetches through `permissions.access_exemplar` (404 for outsiders and for proposed models out
of scope), checks `can_edit` (403) and calls a service.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core import xlsx
from tdkt.core.actions import flash_form_errors, service_call
from tdkt.core.htmx import render_page
from tdkt.exemplars import permissions, services
from tdkt.exemplars.filters import ExemplarFilter
from tdkt.exemplars.forms import (
    AchievementForm,
    ExemplarForm,
    HonourForm,
    MediaForm,
    ReplicationEditForm,
    ReplicationForm,
    StatusForm,
)
from tdkt.exemplars.models import TRANSITIONS, Achievement, Exemplar, Honour, Media, Replication, Status, Tag
from tdkt.org.models import Role, Unit
from tdkt.org.permissions import ALL_UNITS, has_role, is_admin, visible_unit_ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _editable_units(user):
    ids = visible_unit_ids(user, roles={Role.ADMIN, Role.OFFICER})
    units = Unit.objects.exclude(kind__in=["to"]).order_by("code")
    return units if ids is ALL_UNITS else units.filter(pk__in=ids or [])


def _can_create(user) -> bool:
    return is_admin(user) or has_role(user, Role.OFFICER)


def _filtered(request):
    """The models the user may see, filtered as `/api/models/` filters them (an invalid value is ignored
    here and shown as an error of the filter form)."""
    qs = permissions.visible_exemplars(request.user).select_related("unit").prefetch_related("tags")
    exemplar_filter = ExemplarFilter(request.GET or None, queryset=qs)
    qs = exemplar_filter.qs if exemplar_filter.is_bound else qs
    return exemplar_filter.form, qs.order_by("name", "id")


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_list(request):
    can_create = _can_create(request.user)
    create_form = (
        ExemplarForm(request.POST or None, units=_editable_units(request.user)) if can_create else None
    )
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền đề xuất mô hình."))
        if create_form.is_valid():
            data = create_form.cleaned_data
            with service_call(request, success=_("Đã ghi nhận mô hình đề xuất.")) as call:
                exemplar = services.create_exemplar(
                    name=data["name"],
                    unit=data["unit"],
                    field=data["field"],
                    summary=data["summary"],
                    story=data["story"],
                    started_on=data["started_on"],
                    tags=create_form.tag_list(),
                    actor=request.user,
                )
            if call.ok:
                return redirect("exemplars:detail", pk=exemplar.pk)
    form, qs = _filtered(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    invalid = form.is_bound and not form.is_valid()  # e.g. ?status=x: say why, as a 400
    context = {
        "form": form,
        "page": page,
        "create_form": create_form,
        "tags": Tag.objects.order_by("key")[:50],
        "query": request.GET.urlencode(),
    }
    status = 400 if invalid and request.method == "GET" else 200
    return render_page(request, "exemplars/list.html", context, fragment="results", status=status)


@login_required
@require_GET
def showcase(request):
    qs = (
        permissions.visible_exemplars(request.user)
        .exclude(status=Status.PROPOSED)
        .select_related("unit")
        .prefetch_related("tags", "media", "honours", "replications__unit")
        .order_by("-recognised_on", "name")
    )
    cards = []
    for exemplar in qs:
        photo = next((m for m in exemplar.media.all() if m.kind == Media.Kind.PHOTO), None)
        cards.append({"e": exemplar, "photo": photo})
    return render_page(request, "exemplars/showcase.html", {"cards": cards})


@login_required
@require_GET
def exemplar_detail(request, pk):
    exemplar = permissions.access_exemplar(request.user, pk)
    can_edit = permissions.can_edit(request.user, exemplar)
    context = {
        "e": exemplar,
        "can_edit": can_edit,
        "achievements": exemplar.achievements.all(),
        "media": exemplar.media.all(),
        "honours": exemplar.honours.all(),
        "replications": exemplar.replications.select_related("unit"),
        "events": exemplar.events.select_related("by"),
        "next_states": [Status(s) for s in TRANSITIONS[Status(exemplar.status)]],
    }
    if can_edit:
        context.update(
            edit_form=ExemplarForm(
                with_unit=False,
                auto_id="ed_%s",
                initial={
                    "name": exemplar.name,
                    "field": exemplar.field,
                    "summary": exemplar.summary,
                    "story": exemplar.story,
                    "started_on": exemplar.started_on,
                    "tags": ", ".join(t.name for t in exemplar.tags.all()),
                },
            ),
            status_form=StatusForm(auto_id="st_%s"),
            achievement_form=AchievementForm(auto_id="ach_%s"),
            media_form=MediaForm(auto_id="med_%s"),
            honour_form=HonourForm(auto_id="hon_%s"),
            replication_form=ReplicationForm(auto_id="rep_%s"),
        )
    return render_page(request, "exemplars/detail.html", context)


def _editable(request, pk):
    exemplar = permissions.access_exemplar(request.user, pk)
    if not permissions.can_edit(request.user, exemplar):
        raise PermissionDenied(_("Bạn không có quyền sửa mô hình này."))
    return exemplar


def _post(request, pk, form_class, action, success, files=False, **form_kwargs):
    """Validate `form_class`, run `action(exemplar, form)`; back to the profile with what became of it."""
    exemplar = _editable(request, pk)
    form = form_class(request.POST, request.FILES if files else None, **form_kwargs)
    if form.is_valid():
        with service_call(request, success=success):
            action(exemplar, form)
    else:
        flash_form_errors(request, form)
    return redirect("exemplars:detail", pk=exemplar.pk)


@login_required
@require_POST
def exemplar_edit(request, pk):
    version = request.POST.get("lock_version", "")

    def action(exemplar, form):
        data = form.cleaned_data
        services.update_exemplar(
            exemplar=exemplar,
            expected_version=int(version) if version.isdigit() else -1,
            tags=form.tag_list(),
            name=data["name"],
            field=data["field"],
            summary=data["summary"],
            story=data["story"],
            started_on=data["started_on"],
        )

    return _post(request, pk, ExemplarForm, action, _("Đã lưu."), with_unit=False)


@login_required
@require_POST
def exemplar_status(request, pk):
    version = request.POST.get("lock_version", "")

    def action(exemplar, form):
        data = form.cleaned_data
        services.change_status(
            exemplar=exemplar,
            to=data["to"],
            on=data["on"],
            note=data["note"],
            actor=request.user,
            expected_version=int(version) if version.isdigit() else -1,
        )

    return _post(request, pk, StatusForm, action, _("Đã chuyển trạng thái."))


@login_required
@require_POST
def achievement_add(request, pk):
    def action(exemplar, form):
        services.add_achievement(exemplar=exemplar, **form.cleaned_data)

    return _post(request, pk, AchievementForm, action, _("Đã thêm thành tích."), files=True)


@login_required
@require_POST
def media_add(request, pk):
    def action(exemplar, form):
        services.add_media(exemplar=exemplar, **form.cleaned_data)

    return _post(request, pk, MediaForm, action, _("Đã tải lên."), files=True)


@login_required
@require_POST
def honour_add(request, pk):
    def action(exemplar, form):
        services.add_honour(exemplar=exemplar, **form.cleaned_data)

    return _post(request, pk, HonourForm, action, _("Đã ghi nhận tôn vinh."))


@login_required
@require_POST
def replication_add(request, pk):
    def action(exemplar, form):
        services.add_replication(exemplar=exemplar, **form.cleaned_data)

    return _post(request, pk, ReplicationForm, action, _("Đã ghi nhận đơn vị nhân rộng."))


@login_required
@require_GET
def media_file(request, pk):
    media = Media.objects.filter(pk=pk).select_related("exemplar").first()
    if media is None:
        raise Http404(_("Không tìm thấy tệp."))
    permissions.access_exemplar(request.user, media.exemplar_id)
    name = media.file.name.rsplit("/", 1)[-1]
    return FileResponse(media.file.open("rb"), as_attachment=media.kind != Media.Kind.PHOTO, filename=name)


@login_required
@require_GET
def evidence_file(request, pk):
    achievement = Achievement.objects.filter(pk=pk).exclude(evidence_file="").first()
    if achievement is None:
        raise Http404(_("Không tìm thấy tệp."))
    permissions.access_exemplar(request.user, achievement.exemplar_id)
    name = achievement.evidence_file.name.rsplit("/", 1)[-1]
    return FileResponse(achievement.evidence_file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def exemplar_export(request):
    form, qs = _filtered(request)
    qs = qs.prefetch_related("replications", "honours")
    rows = [
        (
            e.name,
            e.unit.name,
            e.get_field_display(),
            e.get_status_display(),
            e.recognised_on,
            ", ".join(t.name for t in e.tags.all()),
            len(e.honours.all()),
            len(e.replications.all()),
            e.summary,
        )
        for e in qs
    ]
    data = xlsx.write_table(
        [
            "Tên mô hình",
            "Đơn vị",
            "Lĩnh vực",
            "Trạng thái",
            "Ngày công nhận",
            "Nhãn",
            "Số lần tôn vinh",
            "Số đơn vị nhân rộng",
            "Tóm tắt",
        ],
        rows,
        title="Điển hình tiên tiến",
        heading=xlsx.export_heading(
            _("DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN"), xlsx.describe_filters(form), user=request.user
        ),
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="dien-hinh-tien-tien.xlsx"'
    return response


@login_required
@require_GET
def exemplar_audit(request, pk):
    exemplar = _editable(request, pk)
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from django.urls import reverse

    condition = Q(content_type=ContentType.objects.get_for_model(Exemplar), object_id=exemplar.pk)
    for model, related in (
        (Achievement, "achievements"),
        (Media, "media"),
        (Honour, "honours"),
        (Replication, "replications"),
    ):
        ids = list(getattr(exemplar, related).values_list("pk", flat=True))
        if ids:
            condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    entries = (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
    context = {
        "object": exemplar,
        "entries": list(entries[:200]),
        "limit": 200,
        "back_url": reverse("exemplars:detail", args=[exemplar.pk]),
    }
    return render_page(request, "partials/audit_tab.html", context, fragment="audit")


@login_required
@require_http_methods(["GET", "POST"])
def replication_edit(request, pk, replication_pk):
    """Where the model was replicated, since when and with what result."""

    exemplar = _editable(request, pk)
    replication = exemplar.replications.select_related("unit").filter(pk=replication_pk).first()
    if replication is None:
        raise Http404(_("Không tìm thấy đơn vị nhân rộng."))
    initial = {"started_on": replication.started_on, "result": replication.result}
    form = ReplicationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(request, success=_("Đã lưu kết quả nhân rộng.")) as call:
            services.update_replication(replication=replication, actor=request.user, **form.cleaned_data)
        if call.ok:
            return redirect("exemplars:detail", pk=exemplar.pk)
    elif request.method == "POST":
        flash_form_errors(request, form)
    context = {"e": exemplar, "replication": replication, "form": form}
    return render_page(request, "exemplars/replication_edit.html", context)
