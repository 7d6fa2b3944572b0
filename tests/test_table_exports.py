"""Every table on every page can be downloaded as .xlsx, with a title block and the page's filter.

The pages are found from the URL conf: every view declared with `core.tables.exportable` answers
`?format=xlsx`. Each is asked on the demo data (`tdkt demo load`, the access matrix's fixture) by the
officer: the workbook opens with the title block (title, the filters in words, date and author), the header
row the spec declares, and the rows the page lists, in the page's order (all pages of a paged list). The
outsider (an officer of a unit outside every demo object) gets 404 for every page about an object, as for
the page itself, and an empty table for every register. And every template with a table either shows the
export link or says here why it has none, so a new table page without an export fails.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.paginator import Page
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import login
from tdkt.core.text import format_date, format_number
from tests.test_access_matrix import KINDS, ROUTES, all_routes, demo, url_of  # noqa: F401  (demo: its fixture)

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Templates with a table but no export of their own, and why.
NOT_EXPORTED = {
    "awards/import_preview.html": "the rows of a file being imported: the officer has the file itself",
    "awards/import_rows.html": "the rows of a file being imported (a fragment of the preview)",
    "partials/import_issues.html": "an import's problems: downloaded as the issue report (.xlsx) already",
    "partials/audit_table.html": "the change history of one record: an audit trail, not a register",
    "rules/_verdict.html": "one person's explained verdict (a few lines of reasons), not a list",
    "initiatives/council_fields.html": "a form's fields laid out as a table",
    "movements/register.html": "the registration form (a table of inputs)",
    "reports/_official_awards.html": "the official form's cells: exported in the official layout",
    "reports/_official_movements.html": "the official form's cells: exported in the official layout",
    "decisions/certificates.html": "the print jobs of a decision's certificates (progress, PDF links), not data",
}


def _exportable_views(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace and (
                f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            )
            yield from _exportable_views(pattern.url_patterns, ns or namespace)
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "table_exports"):
            key = f"{namespace}:{pattern.name}" if namespace else pattern.name
            for spec in pattern.callback.table_exports:  # "route" or "route#table" on a page with several
                yield f"{key}#{spec.name}" if spec.name else key


EXPORTS = sorted(set(_exportable_views()))


def _spec(response_page, table: str):
    return next(spec for spec in response_page.resolver_match.func.table_exports if spec.name == table)


@pytest.fixture(scope="module")
def data(request):
    """The demo data of the access matrix (loaded once for the module, rolled back at its end)."""
    return request.getfixturevalue("demo")


def _year_of(model: str, **filters):
    """A query choosing the year the demo has rows of `model` in (pages showing one year, this year unless
    chosen)."""

    def query(objects) -> dict:
        from django.apps import apps

        found = apps.get_model(model).objects.filter(**filters).order_by("year").first()
        return {"year": found.year} if found else {}

    return query


# The demo's officer works in a branch; the pages of the demo's first objects above it, and the pages for
# administrators only, are asked by the administrator.
PERSONA = {"org:unit_detail": "admin", "rules:parameters": "admin", "rules:unit_awards": "admin"}


def _unit_with(model: str):
    """The objects of the matrix with, as its unit, one the demo has rows of `model` for."""

    def objects(found: dict) -> dict:
        from django.apps import apps

        row = apps.get_model(model).objects.order_by("pk").first()
        return {**found, "unit": row.unit} if row else found

    return objects


# Tables about one object whose first demo object has no rows: asked about one that has some.
def _multi_year_target(found: dict) -> dict:
    """The objects of the matrix with, as its target, the demo's multi-year one (Lạng Sơn 2006–2010)."""
    from django.apps import apps

    row = apps.get_model("movements.Target").objects.filter(year_to__isnull=False).order_by("pk").first()
    return {**found, "target": row} if row else found


OBJECTS = {
    "movements:target_detail#years": _multi_year_target,
    "rules:unit_awards#ratings": _unit_with("awards.UnitResult"),
    "rules:unit_awards#cluster_results": _unit_with("awards.ClusterResult"),
}

# Tables the demo has no row for yet, and where their rows are checked instead.
DEMO_EMPTY = {
    "initiatives:detail#scores": "no council review in the demo: tdkt/initiatives/tests/test_table_export.py",
}


# Pages that show one year (this one unless chosen): asked for a year the demo has data in.
QUERIES = {
    "movements:calendar": _year_of("movements.CalendarEntry"),
    "movements:leaderboard": _year_of("movements.Target", person__isnull=True),
}


def _text(html: str) -> str:
    """The visible text of a page, whitespace collapsed."""
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data):
            parts.append(data)

    Text().feed(html)
    return " ".join(" ".join(parts).split())


def _shown(value) -> str | None:
    """How the page writes a value of the export's first column."""
    if value is None or value == "":
        return None
    if hasattr(value, "year") and hasattr(value, "month"):
        return format_date(value)
    if isinstance(value, int):
        return format_number(value) if value >= 10_000 or not 1900 <= value <= 2100 else str(value)  # a year
    return " ".join(str(value).split())


def _workbook(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _route(key):
    return next(r for r in all_routes() if r.key == key)


def test_the_registry_finds_the_list_pages():
    """The walk over the URL conf sees the exports (a typo in the decorator would make the tests below vacuous)."""
    for name in ("proposals:list", "decisions:list", "councils:council_list", "movements:movement_list"):
        assert name in EXPORTS


def test_every_template_with_a_table_offers_its_export():
    """A page with a table shows "Xuất Excel" (the generic link, or its own export's) or says here why not."""
    missing = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = str(path.relative_to(TEMPLATES))
        source = path.read_text(encoding="utf-8")
        if "<table" not in source or name in NOT_EXPORTED:
            continue
        links = source.count("{% export_link") + len(
            re.findall(r"{% url ['\"][a-z_]+:[a-z_]*(?:export|xlsx)[a-z_]*['\"]", source)
        )
        if links < source.count("<table"):
            missing.append(name)
    assert missing == [], f"Tables without an export (add {{% export_link %}} or a reason): {missing}"
    stale = [name for name in NOT_EXPORTED if not (TEMPLATES / name).exists()]
    assert stale == []


@pytest.mark.django_db
@pytest.mark.parametrize("key", EXPORTS)
def test_each_export_holds_the_pages_rows(key, data, client):
    objects = OBJECTS[key](data["objects"]) if key in OBJECTS else data["objects"]
    key, _, table_name = key.partition("#")
    route = _route(key)
    url = url_of(route, objects)
    query = QUERIES[key](data["objects"]) if key in QUERIES else {}
    login(client, data["users"][PERSONA.get(key, "officer")])
    response_page = client.get(url, query)
    assert response_page.status_code == 200, f"{url}: {response_page.status_code}"
    text = _text(response_page.content.decode())
    assert "format=xlsx" in response_page.content.decode(), "the page shows no export link"
    if table_name and f"{key}#{table_name}" not in DEMO_EMPTY:  # one of several tables: its own link
        assert f"table={table_name}" in response_page.content.decode()
    with CaptureQueriesContext(connection) as page_queries:
        client.get(url, query)
    if table_name:
        query = {**query, "table": table_name}
    with CaptureQueriesContext(connection) as export_queries:
        response = client.get(url, {**query, "format": "xlsx"})
    rows = _workbook(response)
    spec = _spec(response_page, table_name)
    title, filters, made = rows[0][0], rows[1][0], rows[2][0]
    assert title == spec.title_for(response_page.context_data)
    assert filters.startswith("Bộ lọc:")
    assert made.startswith("Lập ngày") and "người lập" in made
    header_at = next(
        i for i, row in enumerate(rows) if row[0] == spec.headers_for(response_page.context_data)[0] and i > 2
    )
    assert [h for h in rows[header_at] if h is not None] == spec.headers_for(response_page.context_data)
    table = rows[header_at + 1 :]
    if f"{key}#{table_name}" in DEMO_EMPTY:
        assert table == []
        return
    assert table, f"{key}: the demo has no row for this table (choose another object) or the export lost them"
    if spec.numbered:
        assert [row[0] for row in table] == list(range(1, len(table) + 1))
    listed = (
        response_page.context_data[spec.rows]
        if isinstance(spec.rows, str)
        else spec.rows(response_page.context_data)
    )
    if isinstance(listed, Page):  # a paged list: every page in the file, not only the one shown
        assert len(table) == listed.paginator.count
    else:
        assert len(table) == len(listed)
    # The rows are the page's, in its order: the first text column of the first rows read along the page.
    key_column = next((i for i, value in enumerate(table[0]) if isinstance(value, str)), 0)
    at = 0
    for row in table[:40]:
        value = _shown(row[key_column])
        if value is None:
            continue
        found = text.find(value, at)
        assert found >= 0, f"{key}: «{value}» (row {row[0]}) is not on the page after position {at}"
        at = found
    # No query per row: the export asks about as much as the page (which shows at most one page of rows).
    assert len(export_queries) <= len(page_queries.captured_queries) + 5, (
        len(export_queries),
        len(page_queries),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("key", EXPORTS)
def test_the_outsider_gets_only_their_own_rows(key, data, client):
    """An object page: 404, as the page. A register: what the outsider's scope holds (their own unit's rows at
    most), never the demo's: fewer rows than the officer's."""
    key, _, table_name = key.partition("#")
    route = _route(key)
    url = url_of(route, data["objects"])
    query = QUERIES[key](data["objects"]) if key in QUERIES else {}
    export_query = {**query, "table": table_name} if table_name else query
    login(client, data["users"]["outsider"])
    response = client.get(url, {**export_query, "format": "xlsx"})
    if [kind for kind in _kinds(route) if not KINDS[kind][1]]:
        assert response.status_code == 404
        assert client.get(url, query).status_code == 404
        return
    if client.get(url, query).status_code == 404:  # a page for administrators only
        assert response.status_code == 404
        return
    theirs = _table(client.get(url, query), _workbook(response), table_name)
    login(client, data["users"][PERSONA.get(key, "officer")])
    response_page = client.get(url, query)
    ours = _table(response_page, _workbook(client.get(url, {**export_query, "format": "xlsx"})), table_name)
    assert len(theirs) < len(ours)
    assert not {tuple(row[1:]) for row in theirs} & {tuple(row[1:]) for row in ours}


def _table(response_page, rows, table_name) -> list[list]:
    """The data rows of an exported workbook (below the title block and the header row)."""
    headers = _spec(response_page, table_name).headers_for(response_page.context_data)
    header_at = next(i for i, row in enumerate(rows) if row[0] == headers[0] and i > 2)
    return rows[header_at + 1 :]


def _kinds(route) -> list[str]:
    spec = ROUTES[route.key]
    if isinstance(spec, dict):
        return [k for k in spec.values() if k in KINDS]
    return [spec] if spec in KINDS else []
