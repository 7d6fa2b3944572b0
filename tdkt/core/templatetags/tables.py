"""{% export_link %}: the "Xuất Excel" link of a page whose view is `core.tables.exportable` — the current query
string without the page number, plus ``format=xlsx`` (so the workbook holds what the page lists, all pages)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tdkt.core.tables import FORMAT_PARAM, FORMAT_XLSX

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context) -> str:
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    query[FORMAT_PARAM] = FORMAT_XLSX
    return f"{request.path}?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def export_link(context, label: str = "") -> str:
    return format_html(
        '<a class="btn btn-outline-success btn-sm" href="{}" hx-boost="false" data-export="xlsx">'
        '<i class="bi bi-file-earmark-excel" aria-hidden="true"></i> {}</a>',
        export_url(context),
        label or _("Xuất Excel"),
    )
