"""The official forms: choose a unit and a year, see every cell, open the records behind any of them,
download the .xlsx. All within the units the user may see."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tdkt.core.htmx import render_page
from tdkt.org import permissions
from tdkt.reports.forms import OfficialFormQuery
from tdkt.reports.official import FORMS, cell_records, compute, incomplete_records
from tdkt.reports.official_xlsx import form_xlsx

PAGE_SIZE = 50


def _form_or_404(code: str):
    form = FORMS.get(code)
    if form is None:
        raise Http404(_("Không có biểu này."))
    return form


def _query(request) -> OfficialFormQuery:
    return OfficialFormQuery(request.GET or None, units=permissions.visible_units(request.user))


@login_required
@require_GET
def index(request):
    return render(request, "reports/official_index.html", {"forms": FORMS.values(), "query": _query(request)})


@login_required
@require_GET
def form_page(request, code: str):
    form = _form_or_404(code)
    query = _query(request)
    result = None
    if query.is_valid():
        data = query.cleaned_data
        result = compute(form, data["unit"], data["year"], permissions.visible_unit_ids(request.user))
    context = {"form": form, "query": query, "result": result, "params": request.GET.urlencode()}
    return render_page(request, "reports/official_form.html", context, fragment="results")


@login_required
@require_GET
def records(request, code: str):
    """The records behind a cell (`row`, `col`), or those the form could not place (`missing`)."""
    form = _form_or_404(code)
    query = _query(request)
    if not query.is_valid():
        raise Http404(_("Không tìm thấy số liệu này."))
    data = query.cleaned_data
    visible = permissions.visible_unit_ids(request.user)
    try:
        if data["missing"]:
            awards = incomplete_records(form, data["unit"], data["year"], visible, data["missing"])
        else:
            awards = cell_records(
                form, data["unit"], data["year"], visible, row=data["row"], column=data["col"]
            )
    except KeyError:
        raise Http404(_("Không tìm thấy số liệu này.")) from None
    records = awards.select_related(*form.source.related).order_by(*form.source.order_by)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "query": query, "page": page, "data": data}
    return render_page(request, "reports/official_records.html", context, fragment="records")


@login_required
@require_GET
def export(request, code: str):
    form = _form_or_404(code)
    query = _query(request)
    if not query.is_valid():
        errors = "; ".join(str(e) for errors in query.errors.values() for e in errors)
        return HttpResponse(
            _("Chưa chọn đúng đơn vị, năm báo cáo: %(errors)s") % {"errors": errors},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = query.cleaned_data
    result = compute(form, data["unit"], data["year"], permissions.visible_unit_ids(request.user))
    response = HttpResponse(
        form_xlsx(result, reporting_unit=data["unit"].name),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="bieu-{code}-{data["year"]}.xlsx"'
    return response
