"""Period points from the three parts Decree 335/2025 names (quantity, quality, timeliness): when all three
are entered the points are their weighted mean (weights are a rule parameter, equal by assumption); when
none is entered the points are typed in as before."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import login
from tdkt.movements import services
from tdkt.movements.models import PeriodScore

pytestmark = pytest.mark.django_db


def test_the_weights_are_a_tagged_assumption_and_the_mean_is_weighted():
    assert services.SCORE_WEIGHTS_CONFIDENCE == "U"
    parts = {"quantity": Decimal(90), "quality": Decimal(80), "timeliness": Decimal(70)}
    assert services.points_from_parts(parts) == Decimal("80.00")
    heavy_quality = {"quantity": 1, "quality": 2, "timeliness": 1}
    assert services.points_from_parts(parts, weights=heavy_quality) == Decimal("80.00")
    assert services.points_from_parts(
        {"quantity": 100, "quality": 95, "timeliness": 91}, weights=heavy_quality
    ) == Decimal("95.25")
    assert services.points_from_parts({"quantity": 91, "quality": 92, "timeliness": 92}) == Decimal("91.67")


def test_the_points_are_computed_from_the_parts(org, person_a):
    row = services.record_period_score(
        person=person_a, unit=org.a, year=2025, period=1, quantity="95", quality="90,5", timeliness="88"
    )
    assert row.points == Decimal("91.17")
    assert (row.quantity, row.quality, row.timeliness) == (Decimal(95), Decimal("90.5"), Decimal(88))
    # the total alone is still accepted when the parts are not entered
    alone = services.record_period_score(person=person_a, unit=org.a, year=2025, period=2, points="77")
    assert alone.points == Decimal(77) and alone.quantity is None
    # a total that disagrees with the parts is refused, and so is a partial entry
    with pytest.raises(ValidationError, match="được tính từ số lượng"):
        services.record_period_score(
            person=person_a,
            unit=org.a,
            year=2025,
            period=3,
            points=99,
            quantity=80,
            quality=80,
            timeliness=80,
        )
    with pytest.raises(ValidationError, match="Nhập đủ ba phần"):
        services.record_period_score(person=person_a, unit=org.a, year=2025, period=3, points=80, quantity=80)
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        services.record_period_score(
            person=person_a, unit=org.a, year=2025, period=3, quantity=101, quality=80, timeliness=80
        )
    assert not PeriodScore.objects.filter(person=person_a, period=3).exists()


def test_the_page_and_the_api_take_the_parts(client, org, person_a, officer_a):
    login(client, officer_a)
    response = client.post(
        reverse("movements:period_score_save", args=[org.a.pk]),
        {
            "year": 2025,
            "staff_code": "A-001",
            "kind": "month",
            "period": 1,
            "quantity": "100",
            "quality": "90",
            "timeliness": "80",
        },
        follow=True,
    )
    assert "Đã ghi điểm" in response.content.decode()
    assert PeriodScore.objects.get(person=person_a, period=1).points == Decimal(90)
    created = client.post(
        reverse("period-score-list"),
        {
            "person": person_a.pk,
            "unit": org.a.pk,
            "year": 2025,
            "period": 2,
            "quantity": "70",
            "quality": "80",
            "timeliness": "75",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["points"] == "75.00"
    missing = client.post(
        reverse("period-score-list"),
        {"person": person_a.pk, "unit": org.a.pk, "year": 2025, "period": 3},
        content_type="application/json",
    )
    assert missing.status_code == 400 and "Nhập điểm" in missing.content.decode()
