"""Pages of movements, registrations and targets.

Every view fetches through `permissions.access_*` (404 for outsiders), checks what the user may do (403),
validates with a form and calls a service. Lists are paged.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.actions import flash_form_errors, service_call
from tdkt.core.htmx import render_page
from tdkt.core.tables import PERCENT, YEAR, Column, TableSpec, exportable, percent
from tdkt.core.text import fold
from tdkt.core.xlsx import export_heading, make_template, write_issue_report, write_table
from tdkt.movements import documents, importing, permissions, selectors, services
from tdkt.movements.filters import MovementFilter, TargetFilter
from tdkt.movements.forms import (
    ActualForm,
    AdjustForm,
    CalendarEntryForm,
    ChecklistForm,
    ClusterForm,
    CriterionForm,
    ImportForm,
    InspectionForm,
    LeaderboardForm,
    MembersForm,
    MovementForm,
    PeriodScoreForm,
    RatingGroupForm,
    RegistrationForm,
    ReviewForm,
    ScoreForm,
    TargetForm,
    editable_units,
)
from tdkt.movements.models import (
    AnnualRating,
    CalendarEntry,
    ClusterMember,
    Movement,
    PeriodScore,
    RatingGroup,
    RatingGroupMember,
    ScoringCriterion,
    UnitNotification,
)
from tdkt.org import permissions as org_permissions

PAGE_SIZE = 50
REGISTRATION_PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_errors(request, form) -> None:
    flash_form_errors(request, form, labelled=True)


def _can_create(user) -> bool:
    return editable_units(user).exists()


# --- movements ------------------------------------------------------------------------------------------------


MOVEMENTS_TABLE = TableSpec(
    title=gettext_lazy("DANH SÁCH PHONG TRÀO THI ĐUA"),
    filename="phong-trao-thi-dua",
    rows="page",
    form="filter_form",
    columns=[
        Column(gettext_lazy("Tên phong trào"), "name"),
        Column(gettext_lazy("Khẩu hiệu"), "slogan"),
        Column(gettext_lazy("Hình thức"), "get_kind_display"),
        Column(gettext_lazy("Đơn vị phát động"), "launching_unit.name"),
        Column(gettext_lazy("Từ ngày"), "starts_on"),
        Column(gettext_lazy("Đến ngày"), "ends_on"),
        Column(gettext_lazy("Trạng thái"), "get_status_display"),
    ],
)


@exportable(MOVEMENTS_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def movement_list(request):
    can_create = _can_create(request.user)
    form = MovementForm(request.POST or None, user=request.user) if can_create else None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền phát động phong trào."))
        if form.is_valid():
            data = dict(form.cleaned_data)
            units = data.pop("participant_units")
            with service_call(request, success=_("Đã lập dự thảo phong trào.")) as call:
                movement = services.create_movement(**data, participant_units=units, actor=request.user)
            if call.ok:
                return redirect("movements:movement_detail", pk=movement.pk)
        else:
            _form_errors(request, form)
    movements = permissions.visible_movements(request.user).select_related("launching_unit")
    movement_filter = MovementFilter(request.GET or None, queryset=movements)
    movements = movement_filter.qs if movement_filter.is_bound else movements
    invalid = movement_filter.is_bound and not movement_filter.is_valid()  # e.g. ?year=abc: say why, as a 400
    page = Paginator(movements.order_by("-starts_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "filter_form": movement_filter.form,
        "statuses": Movement.Status.choices,
        "status": request.GET.get("status", ""),
        "q": request.GET.get("q", "").strip(),
        "year": request.GET.get("year", ""),
    }
    status = 400 if invalid and request.method == "GET" else 200
    return render_page(request, "movements/movement_list.html", context, fragment="results", status=status)


PARTICIPANTS_TABLE = TableSpec(
    title=lambda c: _("ĐƠN VỊ THAM GIA: %(movement)s") % {"movement": c["movement"].name},
    filename="don-vi-tham-gia",
    rows="page",
    form=None,
    columns=[
        Column(gettext_lazy("Đơn vị"), "unit.name"),
        Column(gettext_lazy("Năm đăng ký"), "registration.year", YEAR),
        Column(gettext_lazy("Ngày đăng ký"), "registration.submitted_on"),
        Column(gettext_lazy("Số danh hiệu đăng ký"), "registration.n"),
    ],
)


PROGRESS_TABLE = TableSpec(
    name="targets",
    title=lambda c: _("TIẾN ĐỘ CHỈ TIÊU: %(movement)s") % {"movement": c["movement"].name},
    filename="tien-do-chi-tieu",
    rows="targets",
    form=None,
    columns=[
        Column(gettext_lazy("Đơn vị"), "unit.name"),
        Column(gettext_lazy("Chỉ tiêu"), "name"),
        Column(gettext_lazy("Tỷ lệ hoàn thành"), percent("attainment"), PERCENT),
    ],
)


@exportable(PARTICIPANTS_TABLE, PROGRESS_TABLE)
@login_required
@require_GET
def movement_detail(request, pk):
    movement = permissions.access_movement(request.user, pk)
    can_manage = permissions.can_manage_movement(request.user, movement)
    visible = org_permissions.visible_unit_ids(request.user)
    page = Paginator(selectors.participation(movement, visible), PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row["can_register"] = movement.status == Movement.Status.LAUNCHED and permissions.can_register(
            request.user, row["unit"]
        )
    context = {
        "movement": movement,
        "can_manage": can_manage,
        "rows": page.object_list,
        "page": page,
        "events": movement.events.select_related("actor"),
        "chosen": movement.participants.select_related("unit").order_by("unit__code")
        if movement.status == Movement.Status.DRAFT
        else None,
        "targets": permissions.visible_targets(request.user)
        .filter(movement=movement, person__isnull=True)
        .select_related("unit")
        .order_by("-attainment", "unit__code")[:20],
        "reviews": movement.reviews.all(),
        "review_form": ReviewForm(initial={"period_from": movement.starts_on})
        if can_manage and movement.status != Movement.Status.DRAFT
        else None,
    }
    return render_page(request, "movements/movement_detail.html", context)


@login_required
@require_POST
def movement_launch(request, pk):
    movement = permissions.access_movement(request.user, pk)
    if not permissions.can_manage_movement(request.user, movement):
        raise PermissionDenied(_("Bạn không có quyền phát động phong trào này."))
    with service_call(request, success=_("Đã phát động phong trào; các đơn vị tham gia đã được thông báo.")):
        services.launch_movement(movement=movement, actor=request.user, note=request.POST.get("note", ""))
    return redirect("movements:movement_detail", pk=movement.pk)


@login_required
@require_POST
def movement_close(request, pk):
    movement = permissions.access_movement(request.user, pk)
    if not permissions.can_manage_movement(request.user, movement):
        raise PermissionDenied(_("Bạn không có quyền tổng kết phong trào này."))
    with service_call(request, success=_("Đã tổng kết phong trào.")):
        services.close_movement(movement=movement, actor=request.user, note=request.POST.get("note", ""))
    return redirect("movements:movement_detail", pk=movement.pk)


@login_required
@require_GET
def notifications(request):
    ids = org_permissions.visible_unit_ids(request.user)
    rows = UnitNotification.objects.select_related("unit", "movement")
    if ids is not org_permissions.ALL_UNITS:
        rows = rows.filter(unit_id__in=ids or [])
    page = Paginator(rows.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(request, "movements/notifications.html", {"page": page})


# --- registrations --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk, unit_pk):
    movement = permissions.access_movement(request.user, pk)
    unit = org_permissions.access_unit(request.user, unit_pk)
    if not movement.participants.filter(unit=unit).exists():
        raise PermissionDenied(_("Đơn vị không tham gia phong trào này."))
    if not permissions.can_register(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền đăng ký thi đua cho đơn vị này."))
    today = timezone.localdate()
    year = (
        request.POST.get("year")
        or request.GET.get("year")
        or max(movement.starts_on.year, min(today.year, movement.ends_on.year))
    )
    try:
        year = int(year)
    except ValueError:
        year = today.year
    existing = movement.registrations.filter(unit=unit, year=year).first()
    people = selectors.people_now(unit, min(max(today, movement.starts_on), movement.ends_on)).order_by(
        "sort_key", "pk"
    )
    q = (request.POST.get("q") or request.GET.get("q") or "").strip()
    for word in fold(q).split():
        people = people.filter(search_text__contains=word)
    # Thousands of people: one page at a time, and saving a page replaces only that page's titles.
    page = Paginator(people, REGISTRATION_PAGE_SIZE).get_page(
        request.POST.get("page") or request.GET.get("page")
    )
    people = list(page.object_list)
    initial = {"year": year}
    if existing:
        titles = list(
            existing.titles.filter(
                Q(person__isnull=True) | Q(person_id__in=[p.pk for p in people])
            ).select_related("kind")
        )
        initial.update(
            pledge=existing.pledge,
            lock_version=existing.lock_version,
            collective=[t.kind for t in titles if t.person_id is None],
            **{f"person_{t.person_id}": t.kind.code for t in titles if t.person_id},
        )
    form = RegistrationForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            with service_call(request, success=_("Đã đăng ký thi đua.")) as call:
                services.register(
                    movement=movement,
                    unit=unit,
                    year=data["year"],
                    pledge=data["pledge"],
                    collective=list(data["collective"]),
                    individual=form.individual(),
                    actor=request.user,
                    expected_version=data.get("lock_version") if existing else None,
                    people_scope=[p.pk for p in people],
                )
            if call.ok:
                return redirect("movements:movement_detail", pk=movement.pk)
        else:
            _form_errors(request, form)
    context = {
        "movement": movement,
        "unit": unit,
        "form": form,
        "existing": existing,
        "year": year,
        "page": page,
        "q": q,
        "registered_elsewhere": existing.titles.filter(person__isnull=False)
        .exclude(person_id__in=[p.pk for p in people])
        .count()
        if existing
        else 0,
    }
    return render_page(request, "movements/register.html", context)


REGISTRATION_TABLE = TableSpec(
    title=lambda c: (
        _("ĐĂNG KÝ THI ĐUA NĂM %(year)s: %(unit)s")
        % {"year": c["registration"].year, "unit": c["registration"].unit.name}
    ),
    filename="dang-ky-thi-dua",
    rows="people",
    form=None,
    columns=[
        Column(gettext_lazy("Họ và tên"), lambda row: row[0].full_name),
        Column(gettext_lazy("Danh hiệu"), lambda row: row[1]),
    ],
)


@exportable(REGISTRATION_TABLE)
@login_required
@require_GET
def registration_detail(request, pk):
    registration = permissions.access_registration(request.user, pk)
    collective, people = selectors.registration_rows(registration)
    context = {"registration": registration, "collective": collective, "people": people}
    return render_page(request, "movements/registration_detail.html", context)


# --- targets --------------------------------------------------------------------------------------------------


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


@login_required
@require_http_methods(["GET", "POST"])
def target_list(request):
    can_create = _can_create(request.user)
    form = (
        TargetForm(request.POST or None, user=request.user, initial={"year": _year(request)})
        if can_create
        else None
    )
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền giao chỉ tiêu."))
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("staff_code")
            with service_call(request, success=_("Đã giao chỉ tiêu.")) as call:
                target = services.create_target(**data, actor=request.user)
            if call.ok:
                return redirect("movements:target_detail", pk=target.pk)
        else:
            _form_errors(request, form)
    query = request.GET.copy()
    if not query.get("year"):
        query["year"] = str(timezone.localdate().year)  # the list is of one year: this year unless chosen
    targets = permissions.visible_targets(request.user).select_related("unit", "person")
    target_filter = TargetFilter(query, queryset=targets)
    invalid = not target_filter.is_valid()  # e.g. ?unit=x: say why, as a 400
    year = target_filter.form.cleaned_data.get("year") or timezone.localdate().year
    targets = target_filter.qs.filter(year=year)
    code = request.GET.get("code", "").strip().upper()
    page = Paginator(targets.order_by("unit__code", "person__sort_key", "code", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    suggestions = selectors.task_result_suggestions(year, unit_ids=editable_units(request.user).values("pk"))
    context = {
        "page": page,
        "form": form,
        "year": year,
        "code": code,
        "filter_form": target_filter.form,
        "suggested": editable_units(request.user).filter(pk__in=suggestions) if suggestions else [],
    }
    status = 400 if invalid and request.method == "GET" else 200
    return render_page(request, "movements/target_list.html", context, fragment="results", status=status)


ACTUALS_TABLE = TableSpec(
    title=lambda c: (
        _("KẾT QUẢ THỰC HIỆN: %(target)s – %(unit)s")
        % {"target": c["target"].name, "unit": c["target"].unit.name if c["target"].unit_id else ""}
    ),
    filename="ket-qua-thuc-hien",
    rows="periods",
    form=None,
    numbered=False,
    columns=[
        Column(gettext_lazy("Kỳ"), "period"),
        Column(gettext_lazy("Thời gian"), "label"),
        Column(gettext_lazy("Kết quả"), "actual.value"),
        Column(gettext_lazy("Ghi chú"), "actual.note"),
    ],
)


YEARS_TABLE = TableSpec(
    name="years",
    title=lambda c: (
        _("KẾT QUẢ TỪNG NĂM: %(target)s (%(span)s)")
        % {"target": c["target"].name, "span": c["target"].years_label}
    ),
    filename="ket-qua-tung-nam",
    rows=lambda c: c["years"] or [],
    form=None,
    numbered=False,
    columns=[
        Column(gettext_lazy("Năm"), "year", number_format=YEAR),
        Column(gettext_lazy("Kết quả trong năm"), "value"),
        Column(gettext_lazy("Lũy kế"), "running"),
        Column(gettext_lazy("Số kỳ đã báo cáo"), "periods"),
    ],
)


@exportable(ACTUALS_TABLE, YEARS_TABLE)
@login_required
@require_GET
def target_detail(request, pk):
    target = permissions.access_target(request.user, pk)
    can_edit = permissions.can_edit_target(request.user, target)
    actuals = {a.period: a for a in target.actuals.all()}
    periods = [
        {"period": n, "label": target.period_label(n), "actual": actuals.get(n)}
        for n in range(1, target.periods_in_year + 1)
    ]
    multi_year = target.year_to is not None
    context = {
        "target": target,
        "can_edit": can_edit,
        "periods": periods,
        "forecast": selectors.forecast(target),
        "chart": selectors.series_by_year(target) if multi_year else selectors.series(target),
        "years": selectors.by_year(target) if multi_year else None,
        "adjustments": target.adjustments.select_related("actor"),
        "actual_form": ActualForm() if can_edit else None,
        "adjust_form": AdjustForm(initial={"lock_version": target.lock_version}) if can_edit else None,
    }
    return render_page(request, "movements/target_detail.html", context, fragment="figures")


@login_required
@require_POST
def actual_save(request, pk):
    target = permissions.access_target(request.user, pk)
    if not permissions.can_edit_target(request.user, target):
        raise PermissionDenied(_("Bạn không có quyền nhập kết quả chỉ tiêu này."))
    form = ActualForm(request.POST)
    if form.is_valid():
        with service_call(
            request, success=_("Đã ghi kết quả kỳ %(n)s.") % {"n": form.cleaned_data["period"]}
        ):
            services.record_actual(target=target, actor=request.user, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return redirect("movements:target_detail", pk=target.pk)


@login_required
@require_POST
def target_adjust(request, pk):
    target = permissions.access_target(request.user, pk)
    if not permissions.can_edit_target(request.user, target):
        raise PermissionDenied(_("Bạn không có quyền điều chỉnh chỉ tiêu này."))
    form = AdjustForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, success=_("Đã điều chỉnh chỉ tiêu.")):
            services.adjust_target(
                target=target,
                planned=data["planned"],
                reason=data["reason"],
                actor=request.user,
                expected_version=data["lock_version"],
            )
    else:
        _form_errors(request, form)
    return redirect("movements:target_detail", pk=target.pk)


LEADERBOARD_TABLE = TableSpec(
    title=lambda c: (
        _("BẢNG XẾP HẠNG CHỈ TIÊU %(code)s NĂM %(year)s") % {"code": c["code"], "year": c["year"]}
    ),
    filename="bang-xep-hang",
    rows="rows",
    columns=[
        Column(gettext_lazy("Đơn vị"), "unit.name"),
        Column(gettext_lazy("Được giao"), "planned"),
        Column(gettext_lazy("Đơn vị tính"), "unit_label"),
        Column(gettext_lazy("Thực hiện"), "actual_total"),
        Column(gettext_lazy("Tỷ lệ hoàn thành"), percent("attainment"), PERCENT),
    ],
)


@exportable(LEADERBOARD_TABLE)
@login_required
@require_GET
def leaderboard(request):
    form = LeaderboardForm(request.GET or None)
    year, code, kind = timezone.localdate().year, "", ""
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        code = (form.cleaned_data["code"] or "").strip().upper()
        kind = form.cleaned_data["unit_kind"]
    visible = permissions.visible_targets(request.user)
    codes = list(
        visible.filter(year=year, person__isnull=True)
        .values_list("code", flat=True)
        .distinct()
        .order_by("code")
    )
    if not code and codes:
        code = codes[0]
    board = selectors.leaderboard(visible, year=year, code=code, unit_kind=kind) if code else visible.none()
    page = Paginator(board, PAGE_SIZE).get_page(request.GET.get("page"))  # a count and a slice: constant
    rows = list(page.object_list)
    for rank, row in enumerate(rows, start=page.start_index()):
        row.rank = rank
    chart = {
        "ranking": {
            "labels": [r.unit.short_name or r.unit.name for r in rows[:20]],
            "datasets": [
                {"label": _("Tỷ lệ hoàn thành (%)"), "data": [float(r.attainment) for r in rows[:20]]}
            ],
            "horizontal": True,
        }
    }
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "codes": codes,
        "code": code,
        "year": year,
        "chart": chart,
    }
    return render_page(request, "movements/leaderboard.html", context, fragment="results")


@login_required
@require_http_methods(["GET", "POST"])
def actuals_import(request):
    if not _can_create(request.user):
        raise PermissionDenied(_("Bạn không có quyền nhập kết quả chỉ tiêu."))
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = importing.import_actuals(form.cleaned_data["file"], actor=request.user)
        if result.ok:
            messages.success(
                request,
                _("Đã nhập: %(c)s kỳ mới, %(u)s kỳ sửa, %(n)s kỳ không đổi.")
                % {"c": result.created, "u": result.changed, "n": result.unchanged},
            )
        elif request.POST.get("report"):
            response = HttpResponse(write_issue_report(result.issues), content_type=XLSX)
            response["Content-Disposition"] = 'attachment; filename="loi-nhap-ket-qua.xlsx"'
            return response
    return render_page(request, "movements/actuals_import.html", {"form": form, "result": result})


@login_required
@require_GET
def actuals_template(request):
    content = make_template(
        importing.COLUMNS,
        title="Kết quả thực hiện chỉ tiêu",
        example_rows=[["HQ02", "", 2019, "THU_NSNN", 1, "9.563,5", ""]],
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-ket-qua-chi-tieu.xlsx"'
    return response


@login_required
@require_GET
def targets_export(request):
    year = _year(request)
    targets = (
        permissions.visible_targets(request.user)
        .filter(year=year)
        .select_related("unit", "person")
        .order_by("unit__code", "person__sort_key", "code", "id")
    )
    rows = [
        [
            t.unit.code,
            t.unit.name,
            t.person.full_name if t.person else "",
            t.code,
            t.name,
            t.unit_label,
            t.planned,
            t.actual_total,
            t.attainment,
        ]
        for t in targets.iterator(chunk_size=2000)
    ]
    headers = [
        _("Mã đơn vị"),
        _("Đơn vị"),
        _("Cá nhân"),
        _("Mã chỉ tiêu"),
        _("Tên chỉ tiêu"),
        _("Đơn vị tính"),
        _("Chỉ tiêu được giao"),
        _("Kết quả thực hiện"),
        _("Tỷ lệ hoàn thành (%)"),
    ]
    heading = export_heading(
        _("CHỈ TIÊU THI ĐUA NĂM %(year)s") % {"year": year},
        [_("Năm: %(year)s") % {"year": year}],
        user=request.user,
    )
    response = HttpResponse(
        write_table(headers, rows, title=f"Chỉ tiêu {year}", heading=heading), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{year}.xlsx"'
    return response


@login_required
@require_POST
def task_result_apply(request, unit_pk):
    unit = org_permissions.access_unit(request.user, unit_pk)
    year = request.POST.get("year", "")
    if not year.isdigit():
        messages.error(request, _("Năm không hợp lệ."))
        return redirect("movements:target_list")
    with service_call(request) as call:
        services.apply_task_result(unit=unit, year=int(year), actor=request.user)
    if call.ok:
        messages.success(
            request,
            _("Đã ghi kết quả «Hoàn thành xuất sắc nhiệm vụ» năm %(year)s cho %(unit)s.")
            % {"year": year, "unit": unit.name},
        )
    return redirect(f"{reverse('movements:target_list')}?year={year}")


# --- clusters -------------------------------------------------------------------------------------------------


CLUSTERS_TABLE = TableSpec(
    title=gettext_lazy("DANH SÁCH CỤM, KHỐI THI ĐUA"),
    filename="cum-khoi-thi-dua",
    rows="page",
    form=None,  # the page's form creates a cluster
    columns=[
        Column(gettext_lazy("Tên cụm, khối"), "name"),
        Column(gettext_lazy("Loại"), "get_kind_display"),
        Column(gettext_lazy("Đơn vị tổ chức"), "organiser.name"),
    ],
)


@exportable(CLUSTERS_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def cluster_list(request):
    can_create = _can_create(request.user)
    form = ClusterForm(request.POST or None, user=request.user) if can_create else None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền lập cụm, khối thi đua."))
        if form.is_valid():
            with service_call(request, success=_("Đã lập cụm, khối thi đua.")) as call:
                cluster = services.create_cluster(**form.cleaned_data, actor=request.user)
            if call.ok:
                return redirect("movements:cluster_detail", pk=cluster.pk)
        else:
            _form_errors(request, form)
    clusters = permissions.visible_clusters(request.user).select_related("organiser").order_by("name")
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(request, "movements/cluster_list.html", {"page": page, "form": form})


def _cluster_year(request, cluster) -> int:
    value = request.GET.get("year") or request.POST.get("year") or ""
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    latest = cluster.members.order_by("-year").values_list("year", flat=True).first()
    return latest or timezone.localdate().year


def _ranking_columns(context) -> list[Column]:
    """Unit and rank, then the self and cluster scores of each criterion, the totals and (once voted) votes."""
    columns = [
        Column(gettext_lazy("Đơn vị"), "member.unit.name"),
        Column(gettext_lazy("Vai trò"), "member.get_role_display"),
        Column(gettext_lazy("Hạng"), lambda row: row["vote"].rank if row["vote"] else row["score_rank"]),
    ]
    for i, criterion in enumerate(context["table"]["criteria"]):
        columns += [
            Column(
                f"{criterion.name} – {_('tự chấm')}",
                lambda row, i=i: row["cells"][i] and row["cells"][i].self_score,
            ),
            Column(
                f"{criterion.name} – {_('cụm chấm')}",
                lambda row, i=i: row["cells"][i] and row["cells"][i].cluster_score,
            ),
        ]
    columns += [Column(_("Tự chấm"), "self_total"), Column(_("Cụm chấm"), "cluster_total")]
    if context["voted"]:
        columns.append(Column(_("Số phiếu"), "vote.votes"))
    return columns


RANKING_TABLE = TableSpec(
    title=lambda c: (
        _("BẢNG CHẤM ĐIỂM %(cluster)s NĂM %(year)s")
        % {"cluster": c["cluster"].name.upper(), "year": c["year"]}
    ),
    filename="bang-cham-diem-cum",
    rows=lambda c: c["table"]["rows"],
    form=None,
    filters=lambda c: [_("Năm: %(year)s") % {"year": c["year"]}],
    columns=_ranking_columns,
)


@exportable(RANKING_TABLE)
@login_required
@require_GET
def cluster_detail(request, pk):
    cluster = permissions.access_cluster(request.user, pk)
    year = _cluster_year(request, cluster)
    can_manage = permissions.can_manage_cluster(request.user, cluster)
    table = selectors.scoring_table(cluster, year)
    for row in table["rows"]:
        row["can_self_score"] = permissions.can_self_score(request.user, cluster, row["member"].unit, year)
    members = [row["member"] for row in table["rows"]]
    initial = {
        "year": year,
        "units": [m.unit for m in members],
        "head": next((m.unit for m in members if m.role == "truong"), None),
        "deputy": next((m.unit for m in members if m.role == "pho"), None),
    }
    voted = any(row["vote"] for row in table["rows"])
    context = {
        "cluster": cluster,
        "year": year,
        "years": sorted(set(cluster.members.values_list("year", flat=True)) | {year}, reverse=True),
        "table": table,
        "can_manage": can_manage,
        "voted": voted,
        "members_form": MembersForm(initial=initial, user=request.user) if can_manage and not voted else None,
        "criterion_form": CriterionForm(initial={"year": year}) if can_manage and not voted else None,
    }
    return render_page(request, "movements/cluster_detail.html", context)


def _back(cluster, year):
    return redirect(f"{reverse('movements:cluster_detail', args=[cluster.pk])}?year={year}")


@login_required
@require_POST
def cluster_members(request, pk):
    cluster = permissions.access_cluster(request.user, pk)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied(_("Bạn không có quyền quản lý cụm, khối này."))
    form = MembersForm(request.POST, user=request.user)
    year = _cluster_year(request, cluster)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, success=_("Đã lưu thành viên năm %(year)s.") % {"year": data["year"]}):
            services.set_members(
                cluster=cluster,
                year=data["year"],
                units=data["units"],
                head=data["head"],
                deputy=data["deputy"],
                actor=request.user,
            )
    else:
        _form_errors(request, form)
    return _back(cluster, year)


@login_required
@require_POST
def cluster_criterion(request, pk):
    cluster = permissions.access_cluster(request.user, pk)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied(_("Bạn không có quyền quản lý cụm, khối này."))
    form = CriterionForm(request.POST)
    year = _cluster_year(request, cluster)
    if form.is_valid():
        with service_call(request, success=_("Đã thêm tiêu chí.")):
            services.add_criterion(cluster=cluster, actor=request.user, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return _back(cluster, year)


@login_required
@require_POST
def cluster_score(request, pk):
    cluster = permissions.access_cluster(request.user, pk)
    form = ScoreForm(request.POST)
    year = _cluster_year(request, cluster)
    if form.is_valid():
        data = form.cleaned_data
        criterion = ScoringCriterion.objects.filter(pk=data["criterion"], cluster=cluster).first()
        member = (
            ClusterMember.objects.filter(cluster=cluster, unit_id=data["unit"]).select_related("unit").first()
        )
        if criterion is None or member is None:
            raise Http404(_("Không tìm thấy tiêu chí hoặc đơn vị."))
        year = criterion.year
        if not permissions.can_self_score(request.user, cluster, member.unit, year):
            raise PermissionDenied(_("Bạn không có quyền chấm điểm cho đơn vị này."))
        manager = permissions.can_manage_cluster(request.user, cluster)
        with service_call(request, success=_("Đã ghi điểm.")):
            services.score(
                criterion=criterion,
                unit=member.unit,
                self_score=data["self_score"] or None,
                cluster_score=(data["cluster_score"] or None) if manager else None,
                actor=request.user,
            )
    else:
        _form_errors(request, form)
    return _back(cluster, year)


@login_required
@require_POST
def cluster_vote(request, pk):
    cluster = permissions.access_cluster(request.user, pk)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied(_("Bạn không có quyền quản lý cụm, khối này."))
    year = _cluster_year(request, cluster)
    votes = {}
    for unit_id in cluster.members.filter(year=year).values_list("unit_id", flat=True):
        raw = request.POST.get(f"votes_{unit_id}", "").strip()
        if not raw.isdigit():
            messages.error(request, _("Nhập số phiếu (số nguyên không âm) cho mọi thành viên."))
            return _back(cluster, year)
        votes[unit_id] = int(raw)
    with service_call(
        request, success=_("Đã ghi kết quả bình xét; kết quả đã chuyển vào lịch sử khen thưởng.")
    ):
        services.record_vote(cluster=cluster, year=year, votes=votes, actor=request.user)
    return _back(cluster, year)


@login_required
@require_GET
def cluster_pledge(request, pk):
    cluster = permissions.access_cluster(request.user, pk)
    year = _cluster_year(request, cluster)
    response = HttpResponse(documents.pledge_docx(cluster, year), content_type=documents.DOCX)
    response["Content-Disposition"] = f'attachment; filename="giao-uoc-thi-dua-{year}.docx"'
    return response


# --- ratings --------------------------------------------------------------------------------------------------


@login_required
@require_GET
def ratings(request, unit_pk):
    unit = org_permissions.access_unit(request.user, unit_pk)
    year = _year(request)
    can_edit = org_permissions.can_edit_unit(request.user, unit)
    annual = (
        AnnualRating.objects.filter(unit=unit, year=year)
        .select_related("person", "group")
        .order_by("-points", "person__sort_key")
    )
    groups = RatingGroup.objects.filter(unit=unit).prefetch_related(
        Prefetch("members", RatingGroupMember.objects.select_related("person").order_by("person__sort_key"))
    )
    cap_checks = services.htxs_cap_check(unit=unit, year=year)
    page = Paginator(annual, PAGE_SIZE).get_page(request.GET.get("page"))
    scored = PeriodScore.objects.filter(unit=unit, year=year)
    context = {
        "unit": unit,
        "year": year,
        "page": page,
        "scored_people": scored.values("person_id").distinct().count(),
        "scores": scored.count(),
        "can_edit": can_edit,
        "form": PeriodScoreForm(user=request.user) if can_edit else None,
        "groups": groups,
        "group_form": RatingGroupForm(user=request.user, auto_id="g-%s") if can_edit else None,
        "cap_checks": cap_checks,
        "cap_warnings": [c for c in cap_checks if c.over],
        "counts": {v: annual.filter(value=v).count() for v in ("HTXS", "HTT", "HT", "KHT")}
        if page.object_list
        else None,
    }
    return render_page(request, "movements/ratings.html", context)


def _ratings_url(unit, year):
    return f"{reverse('movements:ratings', args=[unit.pk])}?year={year}"


@login_required
@require_POST
def period_score_save(request, unit_pk):
    unit = org_permissions.access_unit(request.user, unit_pk)
    if not org_permissions.can_edit_unit(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền chấm điểm công chức của đơn vị này."))
    year = int(request.POST["year"]) if request.POST.get("year", "").isdigit() else timezone.localdate().year
    form = PeriodScoreForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, success=_("Đã ghi điểm.")):
            services.record_period_score(
                person=data["person"],
                unit=unit,
                year=year,
                kind=data["kind"],
                period=data["period"],
                points=data["points"] or None,
                quantity=data["quantity"] or None,
                quality=data["quality"] or None,
                timeliness=data["timeliness"] or None,
                actor=request.user,
            )
    else:
        _form_errors(request, form)
    return redirect(_ratings_url(unit, year))


@login_required
@require_POST
def rating_group_save(request, unit_pk):
    """Create a group with similar tasks in the unit, or (with `group`) rename it and replace its members."""
    unit = org_permissions.access_unit(request.user, unit_pk)
    if not org_permissions.can_edit_unit(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền lập nhóm của đơn vị này."))
    year = int(request.POST["year"]) if request.POST.get("year", "").isdigit() else timezone.localdate().year
    form = RatingGroupForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        existing = request.POST.get("group", "")
        group = get_object_or_404(RatingGroup, pk=int(existing), unit=unit) if existing.isdigit() else None
        with service_call(request, success=_("Đã lưu nhóm «%(name)s».") % {"name": data["name"]}):
            services.save_rating_group(
                unit=unit,
                name=data["name"],
                people=data["people"],
                group=group,
                year=year,
                actor=request.user,
            )
    else:
        _form_errors(request, form)
    return redirect(_ratings_url(unit, year))


@login_required
@require_POST
def rating_group_delete(request, unit_pk, pk):
    unit = org_permissions.access_unit(request.user, unit_pk)
    group = get_object_or_404(RatingGroup, pk=pk, unit=unit)
    year = int(request.POST["year"]) if request.POST.get("year", "").isdigit() else timezone.localdate().year
    with service_call(request, success=_("Đã xóa nhóm.")):
        services.delete_rating_group(group=group, actor=request.user)
    return redirect(_ratings_url(unit, year))


@login_required
@require_POST
def ratings_roll_up(request, unit_pk):
    unit = org_permissions.access_unit(request.user, unit_pk)
    if not org_permissions.can_edit_unit(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền xếp loại công chức của đơn vị này."))
    year = int(request.POST["year"]) if request.POST.get("year", "").isdigit() else timezone.localdate().year
    with service_call(request) as call:
        rows = services.roll_up_ratings(unit=unit, year=year, actor=request.user)
    if call.ok:
        messages.success(
            request, _("Đã xếp loại %(n)s người; kết quả đã ghi vào lịch sử.") % {"n": len(rows)}
        )
    return redirect(_ratings_url(unit, year))


# --- office culture -------------------------------------------------------------------------------------------


CULTURE_TABLE = TableSpec(
    title=gettext_lazy("BỘ TIÊU CHÍ VĂN HÓA CÔNG SỞ"),
    filename="bo-tieu-chi",
    rows="page",
    form=None,  # the page's form issues a checklist
    columns=[
        Column(gettext_lazy("Bộ tiêu chí"), "name"),
        Column(gettext_lazy("Năm"), "year", YEAR),
        Column(gettext_lazy("Đơn vị ban hành"), "owner.name"),
    ],
)


@exportable(CULTURE_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def culture_list(request):
    can_create = _can_create(request.user)
    form = (
        ChecklistForm(request.POST or None, user=request.user, initial={"year": timezone.localdate().year})
        if can_create
        else None
    )
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền ban hành bộ tiêu chí."))
        if form.is_valid():
            with service_call(request, success=_("Đã ban hành bộ tiêu chí.")) as call:
                checklist = services.create_checklist(**form.cleaned_data, actor=request.user)
            if call.ok:
                return redirect("movements:culture_detail", pk=checklist.pk)
        else:
            _form_errors(request, form)
    checklists = (
        permissions.visible_checklists(request.user).select_related("owner").order_by("-year", "name", "id")
    )
    page = Paginator(checklists, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(request, "movements/culture_list.html", {"page": page, "form": form})


CULTURE_RESULTS_TABLE = TableSpec(
    title=lambda c: _("KẾT QUẢ KIỂM TRA: %(checklist)s") % {"checklist": c["checklist"].name},
    filename="ket-qua-kiem-tra",
    rows="results",
    form=None,  # the page's form records an inspection
    columns=[
        Column(gettext_lazy("Đơn vị"), "unit_name"),
        Column(gettext_lazy("Số lần kiểm tra"), "inspections"),
        Column(gettext_lazy("Tỷ lệ điểm"), percent("percent"), PERCENT),
    ],
)


@exportable(CULTURE_RESULTS_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def culture_detail(request, pk):
    checklist = permissions.access_checklist(request.user, pk)
    criteria = list(checklist.criteria.all())
    can_inspect = permissions.can_inspect(request.user, checklist)
    form = InspectionForm(request.POST or None, user=request.user, criteria=criteria) if can_inspect else None
    if request.method == "POST":
        if not can_inspect:
            raise PermissionDenied(_("Bạn không có quyền kiểm tra theo bộ tiêu chí này."))
        if form.is_valid():
            data = form.cleaned_data
            with service_call(request, success=_("Đã ghi kết quả kiểm tra.")) as call:
                services.record_inspection(
                    checklist=checklist,
                    unit=data["unit"],
                    inspected_on=data["inspected_on"],
                    scores=form.scores(),
                    inspectors=data["inspectors"],
                    note=data["note"],
                    actor=request.user,
                )
            if call.ok:
                return redirect("movements:culture_detail", pk=checklist.pk)
        else:
            _form_errors(request, form)
    cluster_criteria = ScoringCriterion.objects.filter(
        year=checklist.year, cluster__in=permissions.visible_clusters(request.user)
    ).select_related("cluster")
    context = {
        "checklist": checklist,
        "criteria": criteria,
        "results": selectors.culture_results(checklist),
        "inspections": checklist.inspections.select_related("unit").order_by("-inspected_on", "unit__code")[
            :50
        ],
        "form": form,
        "cluster_criteria": [
            c for c in cluster_criteria if permissions.can_manage_cluster(request.user, c.cluster)
        ],
    }
    return render_page(request, "movements/culture_detail.html", context)


@login_required
@require_POST
def culture_feed(request, pk):
    checklist = permissions.access_checklist(request.user, pk)
    criterion = (
        ScoringCriterion.objects.filter(
            pk=request.POST.get("criterion") or 0, cluster__in=permissions.visible_clusters(request.user)
        )
        .select_related("cluster")
        .first()
    )
    if criterion is None:
        raise Http404(_("Không tìm thấy tiêu chí chấm điểm của cụm."))
    if not permissions.can_manage_cluster(request.user, criterion.cluster):
        raise PermissionDenied(_("Bạn không có quyền quản lý cụm, khối này."))
    with service_call(request) as call:
        written = services.feed_cluster_criterion(
            checklist=checklist, criterion=criterion, actor=request.user
        )
    if call.ok:
        messages.success(
            request, _("Đã chuyển kết quả của %(n)s đơn vị vào bảng điểm của cụm.") % {"n": len(written)}
        )
    return redirect("movements:culture_detail", pk=checklist.pk)


@login_required
@require_POST
def cluster_cdci(request, pk):
    """Fill one criterion of the cluster's table from the CDCI survey of its year (each member's index)."""
    cluster = permissions.access_cluster(request.user, pk)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied(_("Bạn không có quyền quản lý cụm, khối này."))
    criterion = cluster.criteria.filter(pk=request.POST.get("criterion") or 0).first()
    if criterion is None:
        raise Http404(_("Không tìm thấy tiêu chí chấm điểm của cụm."))
    with service_call(request) as call:
        written = services.feed_cluster_criterion_from_cdci(criterion=criterion, actor=request.user)
    if call.ok:
        messages.success(
            request, _("Đã chuyển chỉ số CDCI của %(n)s đơn vị vào bảng điểm của cụm.") % {"n": len(written)}
        )
    return _back(cluster, criterion.year)


# --- the emulation calendar -----------------------------------------------------------------------------------


CALENDAR_TABLE = TableSpec(
    title=lambda c: _("LỊCH THI ĐUA NĂM %(year)s") % {"year": c["year"]},
    filename="lich-thi-dua",
    rows="page",
    form=None,  # the page's form adds an entry
    filters=lambda c: [_("Năm: %(year)s") % {"year": c["year"]}],
    columns=[
        Column(gettext_lazy("Ngày"), "due_on"),
        Column(gettext_lazy("Loại"), "get_kind_display"),
        Column(gettext_lazy("Nội dung"), "title"),
        Column(gettext_lazy("Đơn vị"), "unit.name"),
        Column(gettext_lazy("Đã nhắc ngày"), "reminded_on"),
        Column(gettext_lazy("Nhắc trước (ngày)"), "remind_days"),
    ],
)


@exportable(CALENDAR_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def calendar(request):
    can_create = _can_create(request.user)
    form = CalendarEntryForm(request.POST or None, user=request.user) if can_create else None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền sửa lịch thi đua."))
        if form.is_valid():
            with service_call(request, success=_("Đã thêm mốc lịch thi đua.")) as call:
                services.add_calendar_entry(**form.cleaned_data, actor=request.user)
            if call.ok:
                return redirect(f"{reverse('movements:calendar')}?year={form.cleaned_data['due_on'].year}")
        else:
            _form_errors(request, form)
    year = _year(request)
    ids = org_permissions.visible_unit_ids(request.user)
    entries = CalendarEntry.objects.filter(year=year).select_related("unit")
    if (
        ids is not org_permissions.ALL_UNITS
    ):  # the entries of units in scope and of the movements one takes part in
        movements = permissions.visible_movements(request.user).values("pk")
        entries = entries.filter(Q(unit_id__in=ids or []) | Q(movement_id__in=movements))
    page = Paginator(entries.order_by("due_on", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(request, "movements/calendar.html", {"page": page, "year": year, "form": form})


@login_required
@require_GET
def ratings_export(request, unit_pk):
    unit = org_permissions.access_unit(request.user, unit_pk)
    year = _year(request)
    rows = (
        AnnualRating.objects.filter(unit=unit, year=year)
        .select_related("person")
        .order_by("-points", "person__sort_key")
    )
    body = [
        [
            r.person.staff_code or "",
            r.person.full_name,
            r.periods,
            r.points,
            r.by_points,
            r.value,
            _("Có") if r.forced_by_discipline else "",
            _("Có") if r.capped else "",
        ]
        for r in rows
    ]
    headers = [
        _("Mã cán bộ"),
        _("Họ và tên"),
        _("Số kỳ"),
        _("Điểm bình quân"),
        _("Xếp loại theo điểm"),
        _("Xếp loại"),
        _("Kỷ luật liên quan công vụ"),
        _("Hạ do vượt tỷ lệ HTXS"),
    ]
    heading = export_heading(
        _("KẾT QUẢ XẾP LOẠI NĂM %(year)s") % {"year": year},
        [_("Đơn vị: %(unit)s") % {"unit": unit.name}, _("Năm: %(year)s") % {"year": year}],
        user=request.user,
    )
    response = HttpResponse(
        write_table(headers, body, title=f"Xếp loại {year}", heading=heading), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="xep-loai-{year}.xlsx"'
    return response


@login_required
@require_GET
def ratings_index(request):
    """Choose the unit whose ratings to see: the current units in scope, searchable, paged."""
    units = org_permissions.visible_units(request.user).filter(valid_to__isnull=True)
    query = request.GET.get("q", "").strip()
    for word in fold(query).split():
        units = units.filter(search_text__contains=word)
    page = Paginator(units.order_by("code"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(
        request, "movements/ratings_index.html", {"page": page, "q": query, "year": _year(request)}
    )
