"""Multi-year targets (e.g. Lạng Sơn's import-export duties over 2006–2010, 6.452,7 tỷ đồng): one target
spanning several years, results by year or by quarter numbered across the span, attainment over the whole
period, a chart and a table per year."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import login
from tdkt.core.text import format_percent
from tdkt.movements import selectors, services
from tdkt.movements.models import Target

pytestmark = pytest.mark.django_db
YEARS = ["544,4", "785,3", "1.132,7", "1.633,8", "2.356,5"]  # 2006 … 2010: 6.452,7 in all


def _lang_son(org, **extra):
    return services.create_target(
        unit=org.a, year=2006, year_to=2010, code="THU_XNK", name="Thu thuế xuất nhập khẩu 2006–2010",
        unit_label="tỷ đồng", planned="6.000", **extra,
    )  # fmt: skip


def test_a_five_year_target_with_yearly_results(org):
    target = _lang_son(org, period="year")
    assert target.periods_in_year == 5 and [target.period_label(n) for n in (1, 5)] == ["2006", "2010"]
    for period, value in enumerate(YEARS, start=1):
        services.record_actual(target=target, period=period, value=value)
    target.refresh_from_db()
    assert target.actual_total == Decimal("6452.7") and format_percent(target.attainment) == "107,55 %"
    with pytest.raises(ValidationError, match="Kỳ phải từ 1 đến 5"):
        services.record_actual(target=target, period=6, value="1")
    rows = selectors.by_year(target)
    assert [(r["year"], r["value"], r["running"]) for r in rows][-1] == (
        2010,
        Decimal("2356.5"),
        Decimal("6452.7"),
    )
    chart = selectors.series_by_year(target)
    assert chart["labels"] == ["2006", "2007", "2008", "2009", "2010"] and chart["actual"][-1] == 6452.7


def test_quarterly_results_are_numbered_across_the_years(org):
    target = _lang_son(org, period="quarter")
    assert target.periods_in_year == 20
    assert [target.period_label(n) for n in (1, 4, 5, 20)] == ["Q1/2006", "Q4/2006", "Q1/2007", "Q4/2010"]
    services.record_actual(target=target, period=1, value="100")
    services.record_actual(target=target, period=6, value="250")  # Q2/2007
    target.refresh_from_db()
    assert selectors.forecast(target).value == Decimal("3500.000")  # 350 over 2 of 20 quarters
    rows = {r["year"]: r for r in selectors.by_year(target)}
    assert (rows[2006]["value"], rows[2007]["value"], rows[2008]["value"]) == (
        Decimal(100),
        Decimal(250),
        None,
    )
    assert rows[2007]["running"] == Decimal(350)
    chart = selectors.series_by_year(target)
    assert chart["actual"] == [100.0, 350.0, None, None, None]


def test_the_span_is_checked(org):
    with pytest.raises(ValidationError, match="Năm kết thúc phải sau năm bắt đầu"):
        services.create_target(
            unit=org.a, year=2010, year_to=2006, code="X", name="X", unit_label="x", planned="1"
        )
    with pytest.raises(ValidationError, match="tối đa 10 năm"):
        services.create_target(
            unit=org.a, year=2006, year_to=2020, code="X", name="X", unit_label="x", planned="1"
        )
    assert (
        services.create_target(
            unit=org.a, year=2006, year_to=2006, code="Y", name="Y", unit_label="y", planned="1"
        ).year_to
        is None
    )  # the same year: an ordinary one-year target
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        Target.objects.create(
            unit=org.a, year=2010, year_to=2009, code="Z", name="Z", unit_label="z", planned=1
        )


def test_the_target_page_shows_the_period_and_each_year(client, org, officer_a):
    target = _lang_son(org, period="year")
    login(client, officer_a)
    response = client.post(
        reverse("movements:actual_save", args=[target.pk]), {"period": 5, "value": "6.452,7"}, follow=True
    )
    assert response.status_code == 200
    html = client.get(reverse("movements:target_detail", args=[target.pk])).content.decode()
    assert "6.452,7" in html and "2006–2010" in html and "Dự báo cả giai đoạn" in html
    assert 'id="by-year"' in html and "Kết quả từng năm của giai đoạn 2006–2010" in html
    assert "5 (2010)" in html


def test_a_multi_year_target_through_the_page_and_the_api(client, org, officer_a):
    login(client, officer_a)
    created = client.post(
        reverse("target-list"),
        {
            "unit": org.a.pk, "year": 2006, "year_to": 2010, "code": "THU_XNK", "name": "Thu thuế XNK",
            "unit_label": "tỷ đồng", "planned": "6.000", "period": "year",
        },
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["year_to"] == 2010
    target = Target.objects.get(pk=created.json()["id"])
    assert target.periods_in_year == 5
