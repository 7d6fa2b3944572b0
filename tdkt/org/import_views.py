"""The import page: upload a spreadsheet of units or people, check it (dry run) or import it.

The work is done by `tdkt.org.importing`; this module only checks access (404 for users who may not
import), reads the form, keeps the latest error reports in the session (each under a random token, so
only their author can download them) and renders the result fragment for htmx.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tdkt.core.htmx import render_page
from tdkt.core.xlsx import ImportIssue, make_template, write_issue_report
from tdkt.org import importing, permissions

REPORTS_KEY = "tdkt_import_reports"
MAX_REPORTS = 5  # error reports kept per session
MAX_REPORT_ISSUES = 10_000  # issues kept per report
MAX_SHOWN_ISSUES = 200  # issues listed on the page (all of them are in the report)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FILE_NAMES = {importing.UNITS: "don-vi", importing.PEOPLE: "can-bo"}


def _titles() -> dict[str, str]:
    return {importing.UNITS: _("Mẫu nhập đơn vị"), importing.PEOPLE: _("Mẫu nhập cán bộ")}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại dữ liệu"),
        choices=[(importing.UNITS, gettext_lazy("Đơn vị")), (importing.PEOPLE, gettext_lazy("Cán bộ"))],
        error_messages={
            "required": gettext_lazy("Hãy chọn loại dữ liệu cần nhập."),
            "invalid_choice": gettext_lazy("Loại dữ liệu không hợp lệ."),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        allow_empty_file=True,  # an empty file gets the spreadsheet reader's clearer message
        error_messages={
            "required": gettext_lazy("Hãy chọn tệp Excel cần nhập."),
            "invalid": gettext_lazy("Không nhận được tệp; hãy chọn lại tệp."),
        },
    )


def _require_importer(user) -> None:
    if not permissions.can_import(user):
        raise Http404


def _store_report(request, result: importing.ImportResult) -> str:
    """Keep the issues in the session under a new random token; only the last few reports are kept."""
    token = secrets.token_urlsafe(16)
    reports = dict(request.session.get(REPORTS_KEY, {}))
    issues = [[i.row, i.column, i.message] for i in result.issues[:MAX_REPORT_ISSUES]]
    hidden = len(result.issues) - len(issues)
    if hidden > 0:
        issues.append(
            [None, None, _("… và %(n)s lỗi khác. Hãy sửa các lỗi trên rồi kiểm tra lại.") % {"n": hidden}]
        )
    reports[token] = {"kind": result.kind, "issues": issues}
    while len(reports) > MAX_REPORTS:
        reports.pop(next(iter(reports)))
    request.session[REPORTS_KEY] = reports
    return token


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    _require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"kind": importing.UNITS})
    context = {
        "form": form,
        "max_mb": settings.TDKT_IMPORT_MAX_BYTES // (1024 * 1024),
        "errors": [],
        "result": None,
    }
    if request.method == "POST":
        if form.is_valid():
            result = importing.run_import(
                form.cleaned_data["kind"],
                form.cleaned_data["file"],
                actor=request.user,
                dry_run=request.POST.get("action") != "import",
            )
            if result.error:
                context["errors"] = [result.error]
            else:
                context["result"] = result
                context["shown_issues"] = result.issues[:MAX_SHOWN_ISSUES]
                context["hidden_issues"] = max(len(result.issues) - MAX_SHOWN_ISSUES, 0)
                if result.issues:
                    token = _store_report(request, result)
                    context["report_url"] = reverse("org:import_report", args=[token])
        else:
            context["errors"] = [message for messages in form.errors.values() for message in messages]
    return render_page(request, "org/import.html", context, fragment="result")


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def import_template(request, kind):
    _require_importer(request.user)
    if kind not in importing.COLUMNS:
        raise Http404
    content = make_template(importing.COLUMNS[kind], _titles()[kind], importing.EXAMPLES[kind])
    return _xlsx_response(content, f"mau-nhap-{FILE_NAMES[kind]}.xlsx")


@login_required
@require_GET
def import_report(request, token):
    _require_importer(request.user)
    report = request.session.get(REPORTS_KEY, {}).get(token)
    if report is None:
        raise Http404
    issues = [ImportIssue(row, column, message) for row, column, message in report["issues"]]
    content = write_issue_report(issues, _("Báo cáo lỗi nhập dữ liệu"))
    return _xlsx_response(content, f"bao-cao-loi-nhap-{FILE_NAMES.get(report['kind'], 'du-lieu')}.xlsx")
