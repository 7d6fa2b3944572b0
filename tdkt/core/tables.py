"""Every table on a page exportable to .xlsx, declared once beside the page's view.

A list page declares its export with :func:`exportable` and a :class:`TableSpec` (the title, the columns: a
label, a value getter, an optional Excel number format; which context entry holds the rows and which the
filter form)::

    @exportable(TableSpec(
        title=_("DANH SÁCH HỘI ĐỒNG"),
        filename="hoi-dong",
        rows="councils",
        columns=[Column(_("Tên hội đồng"), "name"), Column(_("Đơn vị"), "unit.name")],
    ))
    @login_required
    @require_GET
    def council_list(request): ...

The same URL with ``?format=xlsx`` then answers with the workbook. The view runs exactly as for the page (the
``format`` and ``page`` parameters are taken out of the query first), so the rows are the page's rows — the
same queryset or selector, filtered by the page's form and the viewer's access scope — and whoever gets a
404 (or the log-in page) for the page gets the same for the export. The rows are read from the context of
the page's ``TemplateResponse`` before it is rendered: a paged list (a ``Page``) gives all its pages, not
only the current one. A filter that does not parse answers 400 (``core.actions.refuse_bad_filter``); more
than :data:`~tdkt.core.xlsx.EXPORT_MAX_ROWS` rows are cut there, and the title block says so.

The workbook opens with ``export_heading(title, describe_filters(form), user=...)``, then the table written
by ``write_table`` (text never becomes a formula; dates are real dates shown ``dd/mm/yyyy``; numbers are
numbers). The page shows the link with ``{% load tables %}{% export_link %}``: the current query string,
without the page number, plus ``format=xlsx``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tdkt.core import xlsx
from tdkt.core.actions import refuse_bad_filter
from tdkt.core.text import format_number

#: The query parameter (and its value) that asks a page for its table as a workbook.
FORMAT_PARAM = "format"
FORMAT_XLSX = "xlsx"
#: On a page with several tables, which one (its spec's ``name``; the first when absent).
TABLE_PARAM = "table"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILENAME_SAFE = re.compile(r"[^a-z0-9._-]+")


def _getter(path: str) -> Callable[[Any], Any]:
    """``"unit.name"`` → a function reading ``row.unit.name`` (or ``row["unit"]["name"]`` on a dict); a
    callable attribute is called (``get_status_display``); a missing link gives ``None``."""
    steps = path.split(".")

    def read(row: Any) -> Any:
        value = row
        for step in steps:
            if value is None:
                return None
            value = value.get(step) if isinstance(value, dict) else getattr(value, step, None)
            if callable(value) and not hasattr(value, "all"):
                value = value()
        return value

    return read


@dataclass(frozen=True)
class Column:
    """One column: its header, how to read its value from a row (a dotted path or a function) and, when the
    value's own type does not say it, the Excel number format (e.g. ``"0.00%"`` for a fraction)."""

    label: str
    value: str | Callable[[Any], Any]
    number_format: str | None = None

    def read(self, row: Any) -> Any:
        getter = _getter(self.value) if isinstance(self.value, str) else self.value
        return getter(row)


#: Number formats: a year (no thousands separator) and a percentage (the value a fraction: 0.7032 → 70,32 %).
YEAR = "0"
PERCENT = "0.00%"


def percent(path: str) -> Callable[[Any], Any]:
    """A getter for a value kept in percent (``70.32``) written as the fraction Excel's ``%`` format wants."""
    read = _getter(path)

    def value(row: Any) -> Any:
        found = read(row)
        return None if found is None else found / 100

    return value


@dataclass(frozen=True)
class TableSpec:
    """A page's table as a workbook.

    ``rows``: the context entry with the rows (a queryset, a list, or a ``Page`` of a paged list), or a
    function of the context. ``form``: the context entry with the bound filter form (or FilterSet), described
    in the title block (``None``: the page has no filter, or its form creates something); ``shown`` a function of the context giving the words for fields whose value alone says
    nothing (``{"unit": "Chi cục Hải quan Lạng Sơn"}``), ``describe=False`` when the page says it in its own
    words (``filters`` then); ``filters`` a function of the context giving more
    filter words (a choice the page reads from the query without a form). ``title`` is the title block's first line (a string
    or a function of the context); ``numbered`` puts an "STT" column first; ``name`` tells a page's tables apart
    (``?table=name``, ``{% export_link "name" %}``) when it has more than one.
    """

    title: str | Callable[[dict], str]
    filename: str
    columns: Sequence[Column] | Callable[[dict], Sequence[Column]]
    rows: str | Callable[[dict], Iterable[Any]]
    form: str | None = "form"
    shown: Callable[[dict], dict[str, str]] | None = None
    filters: Callable[[dict], list[str]] | None = None
    describe: bool = True
    numbered: bool = True
    sheet: str | None = None
    name: str = ""

    def columns_for(self, context: dict) -> Sequence[Column]:
        """The columns (a table whose columns depend on the data, e.g. one per criterion, gives a function)."""
        return self.columns(context) if callable(self.columns) else self.columns

    def headers_for(self, context: dict) -> list[str]:
        return ([_("STT")] if self.numbered else []) + [str(c.label) for c in self.columns_for(context)]

    def title_for(self, context: dict) -> str:
        return str(self.title(context) if callable(self.title) else self.title)

    def rows_of(self, context: dict) -> Iterable[Any]:
        rows = self.rows(context) if callable(self.rows) else context.get(self.rows)
        if isinstance(rows, Page):
            rows = rows.paginator.object_list  # every page, not only the one shown
        return rows if rows is not None else []

    def form_of(self, context: dict) -> Any:
        return context.get(self.form) if self.form else None

    def response(self, request, context: dict) -> HttpResponse:
        """The workbook of the page's table (or the 400 of a filter that does not parse)."""
        form = self.form_of(context)
        if form is not None and (refused := refuse_bad_filter(form)):
            return refused
        limit = xlsx.EXPORT_MAX_ROWS
        rows = _first(self.rows_of(context), limit + 1)
        cut = len(rows) > limit
        rows = rows[:limit]
        filters: list[str] = []
        form = getattr(form, "form", form)  # a FilterSet's form
        if self.describe and form is not None and form.is_bound and form.is_valid():
            filters = xlsx.describe_filters(form, shown=self.shown(context) if self.shown else None)
        if self.filters:  # what the page chose outside a form (e.g. the year of a page read from the query)
            filters += self.filters(context)
        heading = xlsx.export_heading(self.title_for(context), filters, user=request.user)
        if cut:
            heading.append(
                _("Tệp chỉ gồm %(shown)s dòng đầu; hãy lọc hẹp hơn để có đủ.")
                % {"shown": format_number(limit)}
            )
        columns = self.columns_for(context)
        table = [
            ([number] if self.numbered else []) + [column.read(row) for column in columns]
            for number, row in enumerate(rows, start=1)
        ]
        formats = ([None] if self.numbered else []) + [c.number_format for c in columns]
        content = xlsx.write_table(
            self.headers_for(context),
            table,
            self.sheet or self.title_for(context),
            heading=heading,
            formats=formats,
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        name = _FILENAME_SAFE.sub("-", self.filename.lower()).strip("-") or "bang"
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response


def names_from(**fields: str) -> Callable[[dict], dict[str, str]]:
    """A ``TableSpec.shown``: for each filter field holding an id, the name of the object with that id among
    the context entry named (``names_from(unit="units")``: the unit chosen, by name, from ``units``)."""

    def shown(context: dict) -> dict[str, str]:
        form = context.get("form")
        form = getattr(form, "form", form)
        data = getattr(form, "cleaned_data", None) or {}
        words = {}
        for name, key in fields.items():
            value = data.get(name)
            if value in (None, ""):
                continue
            pk = getattr(value, "pk", value)
            found = next((o for o in context.get(key) or () if str(o.pk) == str(pk)), None)
            if found is not None:
                words[name] = str(getattr(found, "name", found))
        return words

    return shown


def pick(value: Any, path: str) -> Any:
    """``pick(row, "components.A1.mean")``: the dotted path read as :class:`Column` reads it (keys of dicts,
    attributes of objects); ``None`` where a step is missing."""
    return _getter(path)(value)


def _first(rows: Iterable[Any], n: int) -> list[Any]:
    if hasattr(rows, "query") and hasattr(rows, "iterator"):  # a queryset: one slice, in one query
        return list(rows[:n])
    found = []
    for row in rows:
        if len(found) >= n:
            break
        found.append(row)
    return found


def wants_xlsx(request) -> bool:
    return request.method == "GET" and request.GET.get(FORMAT_PARAM) == FORMAT_XLSX


def exportable(*specs: TableSpec):
    """Decorate a page's view (outermost) so that ``?format=xlsx`` answers with the workbook of its table (of
    the table named by ``?table=`` when the page has several: the specs' ``name``).

    The view runs as for the page, without the ``format``, ``table`` and ``page`` parameters; anything but a
    ``TemplateResponse`` (the log-in redirect, a 404 raised inside) is returned as it is."""
    by_name = {spec.name: spec for spec in specs}
    if len(by_name) != len(specs):
        raise ValueError("Each table of a page needs its own name.")

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not wants_xlsx(request):
                return view(request, *args, **kwargs)
            query = request.GET.copy()
            query.pop(FORMAT_PARAM, None)
            name = query.pop(TABLE_PARAM, [specs[0].name])[-1]
            query.pop("page", None)
            request.GET = query
            request.htmx = False  # the whole page's context, never a fragment's
            response = view(request, *args, **kwargs)
            if not isinstance(response, TemplateResponse) or response.status_code not in (200, 400):
                return response
            if name not in by_name:
                return HttpResponse(
                    _("Trang này không có bảng «%(name)s».") % {"name": name},
                    status=400,
                    content_type="text/plain; charset=utf-8",
                )
            return by_name[name].response(request, response.context_data or {})

        wrapper.table_exports = specs
        return wrapper

    return decorate
