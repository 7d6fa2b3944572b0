"""Staff pages of business surveys: the list, a survey with its questionnaire and invitations, the results.

Every view fetches through `permissions.access_survey` (404 for outsiders), checks who may run it (403)
and calls a service. Results are aggregates only (see results.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core import xlsx
from tdkt.core.actions import flash_form_errors, service_call
from tdkt.core.htmx import render_page
from tdkt.core.tables import YEAR, Column, TableSpec, exportable, pick
from tdkt.core.text import fold
from tdkt.org.models import Unit, UnitKind
from tdkt.org.permissions import ALL_UNITS, visible_unit_ids
from tdkt.surveys import exports, permissions, selectors, services
from tdkt.surveys.filters import SurveyFilter
from tdkt.surveys.forms import ImportForm, InvitationForm, QuestionForm, SurveyForm
from tdkt.surveys.models import Choice, Component, Invitation, Question, Survey, SurveyBranch
from tdkt.surveys.results import survey_results


def _managed(request, pk):
    survey = permissions.access_survey(request.user, pk)
    if not permissions.can_manage_survey(request.user, survey):
        raise PermissionDenied(_("Bạn không có quyền điều hành cuộc khảo sát này."))
    return survey


def _version(request) -> int | None:
    value = request.POST.get("lock_version", "")
    return int(value) if value.isdigit() else -1


def _organiser_units(user):
    ids = visible_unit_ids(user, roles=permissions.MANAGE_ROLES)
    units = Unit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.GENERAL_DEPARTMENT])
    return units if ids is ALL_UNITS else units.filter(pk__in=ids)


SURVEYS_TABLE = TableSpec(
    title=gettext_lazy("DANH SÁCH CUỘC KHẢO SÁT"),
    filename="khao-sat",
    rows="surveys",
    form="filter_form",
    columns=[
        Column(gettext_lazy("Năm"), "year", YEAR),
        Column(gettext_lazy("Cuộc khảo sát"), "title"),
        Column(gettext_lazy("Đơn vị tổ chức"), "unit.name"),
        Column(gettext_lazy("Phiên bản"), "version"),
        Column(gettext_lazy("Trạng thái"), "get_status_display"),
    ],
)


@exportable(SURVEYS_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def survey_list(request):
    can_create = permissions.can_create_survey(request.user)
    form = SurveyForm(request.POST or None, units=_organiser_units(request.user)) if can_create else None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền lập cuộc khảo sát."))
        if form.is_valid():
            data = form.cleaned_data
            success = _("Đã lập cuộc khảo sát; hãy xem lại bảng hỏi rồi mở khảo sát.")
            with service_call(request, success=success) as call:
                survey = services.create_survey(
                    unit=data["unit"],
                    year=data["year"],
                    title=data["title"],
                    version=data["version"],
                    min_cell_size=data["min_cell_size"],
                )
            if call.ok:
                return redirect("surveys:detail", pk=survey.pk)
    surveys = permissions.visible_surveys(request.user).select_related("unit")
    survey_filter = SurveyFilter(request.GET or None, queryset=surveys)
    surveys = survey_filter.qs if survey_filter.is_bound else surveys
    invalid = survey_filter.is_bound and not survey_filter.is_valid()  # e.g. ?year=abc: say why, as a 400
    context = {
        "surveys": surveys.order_by("-year", "unit__code", "id"),
        "form": form,
        "filter_form": survey_filter.form,
    }
    status = 400 if invalid and request.method == "GET" else 200
    return render_page(request, "surveys/list.html", context, status=status)


@login_required
@require_GET
def survey_detail(request, pk):
    survey = permissions.access_survey(request.user, pk)
    can_manage = permissions.can_manage_survey(request.user, survey)
    components = list(survey.components.prefetch_related("questions__choices"))
    free_text = survey.questions.filter(component__isnull=True)
    pending = selectors.invitations_pending(survey)
    query = request.GET.get("q", "").strip()
    if query:
        for word in fold(query).split():
            pending = pending.filter(search_text__contains=word)
    page = Paginator(pending, 50).get_page(request.GET.get("page"))
    context = {
        "survey": survey,
        "can_manage": can_manage,
        "is_draft": survey.status == survey.Status.DRAFT,
        "components": components,
        "free_text": free_text,
        "branches": survey.branches.select_related("unit"),
        "branch_candidates": services.branch_candidates(survey)
        if can_manage and survey.status == "draft"
        else [],
        "chosen_units": set(survey.branches.values_list("unit_id", flat=True)),
        "counts": selectors.invitation_counts(survey),
        "pending": page,
        "query": query,
        "question_form": QuestionForm(survey=survey) if can_manage else None,
        "import_form": ImportForm() if can_manage else None,
        "invitation_form": InvitationForm() if can_manage else None,
    }
    return render_page(request, "surveys/detail.html", context, fragment="pending")


@login_required
@require_POST
def survey_weights(request, pk):
    survey = _managed(request, pk)
    with service_call(request, success=_("Đã lưu trọng số.")):
        weights = {
            c.code: services.parse_weight(request.POST.get(f"w-{c.code}", c.weight))
            for c in survey.components.all()
        }
        services.set_weights(survey=survey, weights=weights, expected_version=_version(request))
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def survey_branches(request, pk):
    survey = _managed(request, pk)
    candidates = {u.pk: u for u in services.branch_candidates(survey)}
    chosen = [
        candidates[int(v)] for v in request.POST.getlist("unit") if v.isdigit() and int(v) in candidates
    ]
    with service_call(request, success=_("Đã lưu danh sách chi cục được đánh giá.")):
        services.set_branches(survey=survey, units=chosen, expected_version=_version(request))
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def question_add(request, pk):
    survey = _managed(request, pk)
    form = QuestionForm(request.POST, survey=survey)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, success=_("Đã thêm câu hỏi.")):
            services.add_question(
                survey=survey,
                component=data["component"],
                text=data["text"],
                kind=data["kind"],
                reverse=data["reverse"],
                choices=form.parsed_choices(),
            )
    else:
        flash_form_errors(request, form)
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def question_remove(request, pk, question_pk):
    survey = _managed(request, pk)
    question = Question.objects.filter(pk=question_pk, survey=survey).first()
    if question is None:
        messages.error(request, _("Không tìm thấy câu hỏi."))
    else:
        with service_call(request, success=_("Đã xóa câu hỏi.")):
            services.remove_question(question=question)
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def survey_status(request, pk, action):
    survey = _managed(request, pk)
    if action == "open":
        change, success = (
            services.open_survey,
            _("Đã mở khảo sát. Hãy xuất đường dẫn và gửi cho doanh nghiệp."),
        )
    else:
        change, success = services.close_survey, _("Đã kết thúc khảo sát.")
    with service_call(request, success=success):
        change(survey=survey, expected_version=_version(request))
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def invitation_add(request, pk):
    survey = _managed(request, pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        with service_call(request, success=_("Đã thêm doanh nghiệp.")):
            services.add_invitation(survey=survey, **form.cleaned_data)
    else:
        flash_form_errors(request, form)
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_import(request, pk):
    survey = _managed(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.import_invitations(
            survey=survey, fileobj=form.cleaned_data["file"], dry_run=not form.cleaned_data["apply"]
        )
        if result.ok and not result.dry_run:
            messages.success(
                request,
                _("Đã nhập: %(c)d mới, %(u)d cập nhật, %(n)d không đổi.")
                % {"c": result.created, "u": result.updated, "n": result.unchanged},
            )
            return redirect("surveys:detail", pk=survey.pk)
    return render_page(request, "surveys/import.html", {"survey": survey, "form": form, "result": result})


@login_required
@require_GET
def invitation_template(request, pk):
    _managed(request, pk)
    data = xlsx.make_template(
        services.INVITATION_COLUMNS,
        title="Mẫu danh sách doanh nghiệp",
        example_rows=[
            ["5700100256", "Công ty TNHH Thương mại Hạ Long", "Nguyễn Văn Minh", "", "0203 3826 111"]
        ],
    )
    return exports.xlsx_response(data, "mau-doanh-nghiep-khao-sat.xlsx")


@login_required
@require_POST
def links_export(request, pk):
    """New links for every enterprise that has not finished (older links stop working)."""
    survey = _managed(request, pk)
    issued = services.issue_links(invitations=selectors.invitations_pending(survey))
    return exports.xlsx_response(exports.links_table(issued), f"duong-dan-khao-sat-{survey.year}.xlsx")


@login_required
@require_POST
def reminders(request, pk):
    survey = _managed(request, pk)
    with service_call(request) as call:
        sent, other = services.send_reminders(survey=survey)
    if not call.ok:
        return redirect("surveys:detail", pk=survey.pk)
    messages.success(
        request,
        _("Đã gửi thư nhắc cho %(sent)d doanh nghiệp; %(other)d doanh nghiệp không có thư điện tử.")
        % {"sent": sent, "other": len(other)},
    )
    if other:
        return exports.xlsx_response(exports.links_table(other), f"nhac-khao-sat-{survey.year}.xlsx")
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_GET
def pending_export(request, pk):
    survey = _managed(request, pk)
    rows = [
        (i.tax_code, i.enterprise_name, i.contact_name, i.email, i.phone, i.opened_at, i.reminders_sent)
        for i in selectors.invitations_pending(survey)
    ]
    data = xlsx.write_table(
        [
            "Mã số thuế",
            "Tên doanh nghiệp",
            "Người liên hệ",
            "Thư điện tử",
            "Điện thoại",
            "Đã mở phiếu lúc",
            "Số lần nhắc",
        ],
        rows,
        title="Chưa trả lời",
        heading=xlsx.export_heading(
            _("DOANH NGHIỆP CHƯA TRẢ LỜI PHIẾU KHẢO SÁT"),
            [_("Khảo sát: %(survey)s") % {"survey": survey.title}],
            user=request.user,
        ),
    )
    return exports.xlsx_response(data, f"chua-tra-loi-{survey.year}.xlsx")


def _component_columns(context) -> list[Column]:
    """The component, its weight, the whole survey's index, then one column per published branch, ranked."""
    results = context["results"]
    columns = [
        Column(gettext_lazy("Chỉ số"), "name"),
        Column(gettext_lazy("Trọng số"), "weight"),
        Column(gettext_lazy("Toàn cục"), lambda c: pick(results.component_stats.get(c.code), "mean"), "0.0"),
    ]
    for branch in results.ranked:
        columns.append(Column(branch.name, lambda c, b=branch: pick(b.components.get(c.code), "mean"), "0.0"))
    return columns


COMPONENTS_TABLE = TableSpec(
    name="components",
    title=lambda c: _("CHỈ SỐ THÀNH PHẦN: %(survey)s") % {"survey": c["survey"].title},
    filename="chi-so-thanh-phan",
    rows=lambda c: c["results"].components,
    form=None,
    numbered=False,
    columns=_component_columns,
)


@exportable(COMPONENTS_TABLE)
@login_required
@require_GET
def survey_results_page(request, pk):
    survey = permissions.access_survey(request.user, pk)
    results = survey_results(survey)
    context = {"survey": survey, "results": results, "chart_data": exports.chart_data(results)}
    return render_page(request, "surveys/results.html", context)


@login_required
@require_GET
def results_export(request, pk):
    survey = permissions.access_survey(request.user, pk)
    return exports.xlsx_response(
        exports.results_workbook(survey_results(survey), user=request.user),
        f"ket-qua-cdci-{survey.year}.xlsx",
    )


@login_required
@require_GET
def survey_audit(request, pk):
    """Changes to the survey, its questionnaire and branches, and its invitations (never the answers)."""
    survey = _managed(request, pk)
    entries = audit_entries(
        [
            (Survey, [survey.pk]),
            (Component, list(survey.components.values_list("pk", flat=True))),
            (Question, list(survey.questions.values_list("pk", flat=True))),
            (Choice, list(Choice.objects.filter(question__survey=survey).values_list("pk", flat=True))),
            (SurveyBranch, list(survey.branches.values_list("pk", flat=True))),
            (Invitation, list(survey.invitations.values_list("pk", flat=True))),
        ]
    )
    context = {
        "object": survey,
        "entries": list(entries[:AUDIT_LIMIT]),
        "limit": AUDIT_LIMIT,
        "back_url": reverse("surveys:detail", args=[survey.pk]),
    }
    return render_page(request, "partials/audit_tab.html", context, fragment="audit")


AUDIT_LIMIT = 200


def audit_entries(targets):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    condition = Q(pk__in=[])
    for model, ids in targets:
        if ids:
            condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
