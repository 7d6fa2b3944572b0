"""Helpers of the hostile-input tests: workbooks built from arbitrary cells, and row counts of every table."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.apps import apps

# Tables that log an attempt rather than hold data: an import that refuses a file may still write its report
# (the award import keeps one per file it was shown, refused or not) and the audit log.
LOG_TABLES = {"auditlog.logentry", "awards.importbatch", "axes.accessattempt", "axes.accesslog"}


def table_counts() -> dict[str, int]:
    """{app_label.model: rows} for every concrete model, log tables left out."""
    counts = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        label = model._meta.label_lower
        if label in LOG_TABLES or label.startswith(("sessions.", "django_tasks")):
            continue
        counts[label] = model._default_manager.count()
    return counts


def workbook(headers: list[str], rows: list[list], *, title_rows: int = 0) -> bytes:
    """An .xlsx with `headers` then `rows`; a text value starting with '=' becomes a real formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for _ in range(title_rows):
        ws.append(["Danh sách"])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def counts():
    return table_counts
