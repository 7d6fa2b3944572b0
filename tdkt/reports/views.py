"""The statistics page (filters, table, charts) and its spreadsheet export.

Both read `selectors.award_report` within the units the user may see; the page answers htmx requests
with its results fragment only.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tdkt.core.actions import refuse_bad_filter
from tdkt.core.htmx import render_page
from tdkt.core.tables import YEAR, Column, TableSpec, exportable
from tdkt.core.text import format_date, format_number
from tdkt.core.xlsx import EXPORT_MAX_ROWS, write_table
from tdkt.org import permissions
from tdkt.reports.forms import ReportFilterForm
from tdkt.reports.selectors import Report, award_report, awards_in_scope


def _form(request) -> ReportFilterForm:
    return ReportFilterForm(request.GET, units=permissions.visible_units(request.user))


def _describe(form: ReportFilterForm) -> str:
    """The filters in words, for the page heading and the spreadsheet's title."""
    data = form.cleaned_data
    parts = []
    start, end = data.get("year_from"), data.get("year_to")
    if start and end:
        parts.append(_("năm %(start)s–%(end)s") % {"start": start, "end": end})
    elif start:
        parts.append(_("từ năm %(start)s") % {"start": start})
    elif end:
        parts.append(_("đến năm %(end)s") % {"end": end})
    if data.get("unit"):
        parts.append(data["unit"].name)
    if data.get("kind"):
        parts.append(data["kind"].name)
    if data.get("level"):
        parts.append(dict(form.fields["level"].choices)[data["level"]])
    if data.get("subject"):
        parts.append(dict(form.fields["subject"].choices)[data["subject"]])
    if data.get("include_revoked"):
        parts.append(_("kể cả khen thưởng đã hủy bỏ"))
    return "; ".join(str(p) for p in parts)


def _report_rows(name: str):
    return lambda c: getattr(c["report"], name) if c["report"] else []


def _report_filters(context) -> list[str]:
    return [context["description"]] if context["description"] else []


BY_YEAR_TABLE = TableSpec(
    name="by_year",
    title=gettext_lazy("THỐNG KÊ KHEN THƯỞNG THEO NĂM"),
    filename="thong-ke-theo-nam",
    rows=_report_rows("by_year"),
    describe=False,  # the page's own words for its filters
    filters=_report_filters,
    numbered=False,
    columns=[
        Column(gettext_lazy("Năm"), "year", YEAR),
        Column(gettext_lazy("Lượt tập thể"), "collective_awards"),
        Column(gettext_lazy("Lượt cá nhân"), "individual_awards"),
        Column(gettext_lazy("Tổng số lượt"), "awards"),
    ],
)
BY_LEVEL_TABLE = TableSpec(
    name="by_level",
    title=gettext_lazy("THỐNG KÊ KHEN THƯỞNG THEO CẤP"),
    filename="thong-ke-theo-cap",
    rows=_report_rows("by_level"),
    describe=False,
    filters=_report_filters,
    columns=[
        Column(gettext_lazy("Cấp"), "label"),
        Column(gettext_lazy("Số tập thể"), "collectives"),
        Column(gettext_lazy("Số cá nhân"), "individuals"),
        Column(gettext_lazy("Tổng số lượt"), "awards"),
    ],
)


@exportable(BY_YEAR_TABLE, BY_LEVEL_TABLE)
@login_required
@require_GET
def index(request):
    form = _form(request)
    report = (
        award_report(form.filters(), permissions.visible_unit_ids(request.user)) if form.is_valid() else None
    )
    context = {
        "form": form,
        "report": report,
        "chart_data": report.chart_data() if report else None,
        "description": _describe(form) if report else "",
        "query": request.GET.urlencode(),
    }
    return render_page(request, "reports/index.html", context, fragment="results")


def _heading(request, title: str, description: str) -> list[str]:
    """The title block of an export: what it is, the filters applied, who made it and when."""
    person = request.user.get_full_name() or request.user.get_username()
    return [
        title,
        _("Bộ lọc: %(filters)s") % {"filters": description or _("không lọc (toàn bộ phạm vi được xem)")},
        _("Lập ngày %(day)s, người lập: %(user)s")
        % {"day": format_date(timezone.localdate()), "user": person},
    ]


def export_rows(report: Report) -> tuple[list[str], list[list]]:
    headers = [
        _("STT"),
        _("Danh hiệu, hình thức khen thưởng"),
        _("Cấp"),
        _("Số tập thể"),
        _("Số cá nhân"),
        _("Số lượt tập thể"),
        _("Số lượt cá nhân"),
        _("Tổng số lượt"),
    ]
    rows: list[list] = [
        [
            number,
            row.name,
            row.level_label,
            row.collectives,
            row.individuals,
            row.collective_awards,
            row.individual_awards,
            row.awards,
        ]
        for number, row in enumerate(report.by_kind, start=1)
    ]
    total = report.total
    rows.append(
        [
            None,
            _("Tổng cộng"),
            "",
            total.collectives,
            total.individuals,
            total.collective_awards,
            total.individual_awards,
            total.awards,
        ]
    )
    return headers, rows


@login_required
@require_GET
def export(request):
    form = _form(request)
    if refused := refuse_bad_filter(form):
        return refused
    report = award_report(form.filters(), permissions.visible_unit_ids(request.user))
    headers, rows = export_rows(report)
    description = _describe(form)
    title = _("Thống kê khen thưởng") + (f" ({description})" if description else "")
    response = HttpResponse(
        write_table(headers, rows, title, heading=_heading(request, _("THỐNG KÊ KHEN THƯỞNG"), description)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="thong-ke-khen-thuong.xlsx"'
    return response


RECORDS_PAGE = 50


def _records(request):
    """The awards behind a number of the statistics page: the page's filters, plus the row clicked."""
    form = _form(request)
    if not form.is_valid():
        return form, None
    awards = awards_in_scope(form.filters(), permissions.visible_unit_ids(request.user))
    awards = awards.select_related("kind", "person", "unit").order_by("-year", "kind__rank", "pk")
    return form, awards


def _page_of_records(awards, number):
    """One page of the records: the page's ids are found first, then only their rows are read with their kind,
    person and unit. Sorting the ids needs the award and its kind only; joining every person and unit of the
    period before the sort cost a ministry's one-year list (766.646 awards of 1.000.000 people) 6,2 s of its
    7,2 s (docs/performance.md, "National scale: pages")."""
    page = Paginator(awards.values_list("pk", flat=True), RECORDS_PAGE).get_page(number)
    rows = awards.model.objects.select_related("kind", "person", "unit").in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list]
    return page


@login_required
@require_GET
def records(request):
    form, awards = _records(request)
    page = _page_of_records(awards, request.GET.get("page")) if awards is not None else None
    context = {
        "form": form,
        "page": page,
        "description": _describe(form) if page else "",
        "query": request.GET,
    }
    return render_page(request, "reports/records.html", context, fragment="records")


@login_required
@require_GET
def records_export(request):
    form, awards = _records(request)
    if awards is None:
        return HttpResponse(_("Bộ lọc không hợp lệ."), status=400, content_type="text/plain; charset=utf-8")
    headers = [
        _("Danh hiệu, hình thức"),
        _("Cấp"),
        _("Đối tượng"),
        _("Năm thành tích"),
        _("Số quyết định"),
        _("Ngày quyết định"),
        _("Cơ quan ban hành"),
        _("Loại hình"),
        _("Đã hủy bỏ"),
    ]
    rows = (
        [
            a.kind.name,
            a.kind.get_level_display(),
            a.subject_label,
            a.year,
            a.decision_number,
            a.decision_date,
            a.issuer,
            a.get_award_type_display(),
            a.revoked,
        ]
        for a in awards[:EXPORT_MAX_ROWS].iterator(chunk_size=2000)
    )
    total = awards.count()
    description = _describe(form)
    title = _("Danh sách khen thưởng") + (f" ({description})" if description else "")
    heading = _heading(request, _("DANH SÁCH KHEN THƯỞNG"), description)
    if total > EXPORT_MAX_ROWS:
        heading.append(
            _("Tệp chỉ gồm %(shown)s trong %(total)s khen thưởng khớp bộ lọc; hãy lọc hẹp hơn để có đủ.")
            % {"shown": format_number(EXPORT_MAX_ROWS), "total": format_number(total)}
        )
    response = HttpResponse(
        write_table(headers, rows, title, heading=heading),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="danh-sach-khen-thuong.xlsx"'
    return response
