"""{% export_link %}: the "Xuất Excel" link of a page whose view is `core.tables.exportable` — the current query
string without the page number, plus ``format=xlsx`` (so the workbook holds what the page lists, all pages) and,
on a page with several tables, ``table=<name>`` ({% export_link "versions" %})."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tdkt.core.tables import FORMAT_PARAM, FORMAT_XLSX, TABLE_PARAM

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, table: str = "") -> str:
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop(TABLE_PARAM, None)
    query[FORMAT_PARAM] = FORMAT_XLSX
    if table:
        query[TABLE_PARAM] = table
    return f"{request.path}?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def export_link(context, table: str = "", label: str = "") -> str:
    """The link; `table` names the table on a page with several (the spec's `name`)."""
    return format_html(
        '<a class="btn btn-outline-success btn-sm" href="{}" hx-boost="false" data-export="xlsx">'
        '<i class="bi bi-file-earmark-excel" aria-hidden="true"></i> {}</a>',
        export_url(context, table),
        label or _("Xuất Excel"),
    )
