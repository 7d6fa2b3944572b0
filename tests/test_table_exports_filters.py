"""A page's table export on a small tree (conftest's `org`): only the filtered rows, every page, the filter in
words in the title block; a filter that does not parse gives a 400; cells are typed; text that looks like a
formula stays text; outsiders get 404 for an object's table and anonymous visitors the log-in page.

(The walk over every exportable page on the demo data is `test_table_exports.py`; kept apart because its
demo data lives for the whole module.)"""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from conftest import login

# --- the filter, bad input and the cell types, on a small tree (conftest's `org`) -------------------------------


def _proposal(org, officer, title, year, deadline=None):
    from tdkt.awards.models import AwardKind  # lazy: the models are ready once the test database is
    from tdkt.proposals import services  # lazy: as above

    return services.create_proposal(
        actor=officer,
        title=title,
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="LDTT"),
        year=year,
        deadline=deadline,
    )


@pytest.mark.django_db
def test_the_export_holds_only_the_filtered_rows_and_says_which_filter(client, org, officer_a):
    _proposal(org, officer_a, "Đề nghị khen thưởng năm 2024", 2024)
    _proposal(org, officer_a, "Đề nghị khen thưởng năm 2025", 2025, deadline=date(2026, 3, 5))
    login(client, officer_a)
    response = client.get(reverse("proposals:list"), {"year": "2025", "page": "3", "format": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    ws = workbook.active
    assert ws["A1"].value == "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG"
    assert ws["A2"].value == "Bộ lọc: Năm: 2025"
    assert ws["A3"].value.startswith("Lập ngày ") and ws["A3"].value.endswith("người lập: officer_a")
    rows = [list(row) for row in ws.iter_rows(min_row=5, values_only=True)]
    assert rows[0][:2] == ["STT", "Trích yếu"]
    assert [row[1] for row in rows[1:]] == ["Đề nghị khen thưởng năm 2025"]  # every page, not page 3
    # Numbers and dates are typed cells, shown the Vietnamese way: a year without separator, dd/mm/yyyy.
    year_cell, deadline_cell = ws.cell(row=6, column=6), ws.cell(row=6, column=8)
    assert (year_cell.value, year_cell.number_format) == (2025, "0")
    assert deadline_cell.value.date() == date(2026, 3, 5) and deadline_cell.number_format == "dd/mm/yyyy"


@pytest.mark.django_db
def test_a_filter_that_does_not_parse_gives_a_400_not_the_whole_list(client, org, officer_a):
    _proposal(org, officer_a, "Đề nghị khen thưởng năm 2025", 2025)
    login(client, officer_a)
    response = client.get(reverse("proposals:list"), {"year": "abc", "format": "xlsx"})
    assert response.status_code == 400
    assert "Bộ lọc không hợp lệ" in response.content.decode() and "Năm" in response.content.decode()


@pytest.mark.django_db
def test_text_that_looks_like_a_formula_stays_text(client, org, officer_a):
    _proposal(org, officer_a, '=HYPERLINK("http://x","bấm")', 2025)
    login(client, officer_a)
    response = client.get(reverse("proposals:list"), {"format": "xlsx"})
    cell = openpyxl.load_workbook(io.BytesIO(response.content)).active.cell(row=6, column=2)
    assert cell.data_type == "s" and cell.quotePrefix and cell.value.startswith("=HYPERLINK")


@pytest.mark.django_db
def test_an_outsider_gets_404_for_an_objects_table_and_anonymous_the_log_in_page(
    client, org, officer_a, outsider_b
):
    proposal = _proposal(org, officer_a, "Đề nghị khen thưởng năm 2025", 2025)
    from tdkt.councils import services  # lazy: the models are ready once the test database is

    council = services.create_council(
        name="Hội đồng Thi đua – Khen thưởng", kind="tdkt", unit=org.a, actor=officer_a
    )
    url = reverse("councils:council_detail", args=[council.pk])
    assert client.get(url, {"format": "xlsx"})["Location"].startswith("/accounts/login/")
    login(client, outsider_b)
    assert client.get(url, {"format": "xlsx"}).status_code == 404
    export = client.get(reverse("proposals:list"), {"format": "xlsx"})
    rows = list(
        openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=6, values_only=True)
    )
    assert proposal.title not in {row[1] for row in rows}


@pytest.mark.django_db
def test_the_link_carries_the_filter_shown_without_the_page_number(client, org, officer_a):
    """Filtering swaps the results with htmx: the fragment's link asks for what it now lists."""
    _proposal(org, officer_a, "Đề nghị khen thưởng năm 2025", 2025)
    login(client, officer_a)
    fragment = client.get(reverse("proposals:list"), {"year": "2025", "page": "2"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html  # the results fragment only
    assert f'href="{reverse("proposals:list")}?year=2025&amp;format=xlsx"' in html
