"""The council's score sheet of an application, downloaded from its page as .xlsx: a row per member of each
review, a column per criterion (by name), the member's result as a percentage; what the page shows."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from tdkt.initiatives.tests.conftest import GOOD

pytestmark = pytest.mark.django_db


def test_the_score_sheet_export_has_a_row_per_member_and_a_column_per_criterion(
    as_user, in_council, chair, officer_a
):
    from tdkt.initiatives import services  # lazy: as the fixtures, once the test database is ready

    review = in_council.reviews.get()
    services.score(review=review, actor=chair, points=GOOD)
    url = reverse("initiatives:detail", args=[in_council.pk])
    client = as_user(officer_a)
    assert "format=xlsx&amp;table=scores" in client.get(url).content.decode()
    response = client.get(url, {"format": "xlsx", "table": "scores"})
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == f"PHIẾU CHẤM ĐIỂM SÁNG KIẾN: {in_council.title}"
    rows = [list(r) for r in ws.iter_rows(min_row=5, values_only=True)]
    criteria = [c.name for c in review.sheet.criteria.all()]
    assert rows[0] == [
        "STT",
        "Hội đồng",
        "Từ ngày",
        "Thành viên",
        "Vai trò",
        *criteria,
        "Điểm (% tối đa)",
        "Không chấm",
    ]
    members = {row[3]: row for row in rows[1:]}
    assert len(members) == review.council.members.count()
    chair_row = members[review.council.members.get(role="chu_tich").person.full_name]
    by_code = {c.name: GOOD[c.code] for c in review.sheet.criteria.all() if c.code in GOOD}
    assert {name: chair_row[5 + i] for i, name in enumerate(criteria) if name in by_code} == by_code
    assert chair_row[1] == review.council.name and chair_row[2].date() == review.opened_on
    unscored = [row for name, row in members.items() if row is not chair_row]
    assert all(row[5] is None for row in unscored)
