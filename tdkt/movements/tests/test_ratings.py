"""Ratings: period scores rolled up into the annual rating (HTXS ≥ 90, HTT 70–89, HT 50–69, KHT < 50 or a
duty-related discipline), the HTXS cap, and the ratings written where the eligibility engine reads them."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import login
from tdkt.awards import services as award_services
from tdkt.awards.models import Rating
from tdkt.movements import services
from tdkt.movements.models import AnnualRating
from tdkt.org import services as org_services

pytestmark = pytest.mark.django_db
GIVEN = ["Anh", "Bình", "Chi", "Dũng", "Đào", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam", "Oanh"]


@pytest.fixture
def staff(org):
    return [
        org_services.create_person(
            family_name="Lê",
            middle_name="Văn",
            given_name=name,
            gender="nam",
            staff_code=f"S{i:02d}",
            unit=org.a1,
            since=date(2020, 1, 1),
        )
        for i, name in enumerate(GIVEN)
    ]


def _score(person, unit, months_points):
    for month, points in enumerate(months_points, start=1):
        services.record_period_score(person=person, unit=unit, year=2025, period=month, points=points)


def test_thresholds_and_rounding_of_the_cap():
    assert [services.rating_by_points(Decimal(p)) for p in (90, "89.99", 70, "69.5", 50, "49.99")] == [
        "HTXS",
        "HTT",
        "HTT",
        "HT",
        "HT",
        "KHT",
    ]
    assert [services.htxs_cap(n) for n in (4, 5, 12, 13)] == [0, 1, 2, 2]
    assert services.htxs_cap(13, rounding="half_up") == 3 and services.htxs_cap(12, rounding="half_up") == 2


def test_roll_up_writes_the_ratings_the_engine_reads(org, person_a, staff):
    _score(person_a, org.a, [95, 91, 92])  # 92,67: HTXS
    _score(staff[0], org.a, [80, 70])  # 75: HTT
    _score(staff[1], org.a, [60])  # HT
    _score(staff[2], org.a, [40, 45])  # KHT
    _score(staff[3], org.a, [99])  # HTXS by points, but disciplined for a duty-related breach
    award_services.record_discipline(person=staff[3], year=2025, level="khien_trach", duty_related=True)
    rows = services.roll_up_ratings(unit=org.a, year=2025, cap_ratio=Decimal(1))  # no cap here
    got = {r.person.given_name: (r.points, r.by_points, r.value) for r in rows}
    assert got["An"] == (Decimal("92.67"), "HTXS", "HTXS")
    assert got["Anh"][2] == "HTT" and got["Bình"][2] == "HT" and got["Chi"][2] == "KHT"
    assert got["Dũng"] == (Decimal("99.00"), "HTXS", "KHT")
    assert AnnualRating.objects.get(person=staff[3]).forced_by_discipline
    written = dict(Rating.objects.filter(year=2025).values_list("person__given_name", "value"))
    assert written == {"An": "HTXS", "Anh": "HTT", "Bình": "HT", "Chi": "KHT", "Dũng": "KHT"}
    assert Rating.objects.get(person=person_a, year=2025).points == Decimal("92.67")
    with pytest.raises(ValidationError, match="Đã xếp loại cuối năm 2025"):
        services.record_period_score(person=person_a, unit=org.a, year=2025, period=4, points=10)


def test_the_htxs_cap_keeps_the_best_and_lowers_the_rest(org, staff):
    # 12 people reach HTT or above; 20 % of 12 (floor) allows 2 HTXS among the 4 who scored 90 or more
    for person, points in zip(staff, [98, 95, 93, 91, 80, 80, 80, 80, 80, 80, 80, 80], strict=True):
        _score(person, org.a1, [points])
    rows = services.roll_up_ratings(unit=org.a1, year=2025)
    values = {r.person.given_name: (r.value, r.capped) for r in rows}
    assert sorted(n for n, (v, _c) in values.items() if v == "HTXS") == ["Anh", "Bình"]
    assert values["Chi"] == ("HTT", True) and values["Dũng"] == ("HTT", True)
    assert values["Minh"] == ("HTT", False)
    # with "all" as the base and half-up rounding the cap is the same here; a larger ratio allows more
    rows = services.roll_up_ratings(unit=org.a1, year=2025, cap_ratio=Decimal("0.3"))
    assert sum(1 for r in rows if r.value == "HTXS") == 3
    assert Rating.objects.filter(year=2025, value="HTXS").count() == 3


def test_scores_are_checked(org, person_a, person_b, officer_a):
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        services.record_period_score(person=person_a, unit=org.a, year=2025, period=1, points=101)
    with pytest.raises(ValidationError, match="Kỳ phải từ 1 đến 4"):
        services.record_period_score(
            person=person_a, unit=org.a, year=2025, period=5, points=80, kind="quarter"
        )
    with pytest.raises(ValidationError, match="không công tác"):
        services.record_period_score(person=person_b, unit=org.a, year=2025, period=1, points=80)
    with pytest.raises(PermissionDenied):
        services.record_period_score(
            person=person_b, unit=org.b, year=2025, period=1, points=80, actor=officer_a
        )
    with pytest.raises(ValidationError, match="Chưa có điểm"):
        services.roll_up_ratings(unit=org.a, year=2025)


def test_the_ratings_page(client, org, person_a, officer_a, outsider_b, leader_a):
    login(client, officer_a)
    index = client.get(reverse("movements:ratings_index"), {"q": "hai quan a"}).content.decode()
    assert "Chi cục Hải quan A" in index and "Chi cục Hải quan B" not in index
    url = reverse("movements:ratings", args=[org.a.pk])
    client.post(
        reverse("movements:period_score_save", args=[org.a.pk]),
        {"year": 2025, "staff_code": "A-001", "kind": "month", "period": 1, "points": "91,5"},
    )
    response = client.post(reverse("movements:ratings_roll_up", args=[org.a.pk]), {"year": 2025}, follow=True)
    page = response.content.decode()
    assert "Đã xếp loại 1 người" in page and "Nguyễn Văn An" in page and "91,5" in page
    # alone in the unit: 20 % of one person rounds down to no HTXS, so the cap lowers him to HTT
    assert "vượt tỷ lệ HTXS" in page
    assert Rating.objects.get(person=person_a, year=2025).value == "HTT"
    assert client.get(url).status_code == 200
    export = client.get(reverse("movements:ratings_export", args=[org.a.pk]), {"year": 2025})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert sheet["A1"].value == "KẾT QUẢ XẾP LOẠI NĂM 2025" and "Chi cục Hải quan A" in sheet["A2"].value
    assert [c.value for c in sheet[6]][:2] == ["A-001", "Nguyễn Văn An"] and sheet["F6"].value == "HTT"
    login(client, leader_a)
    assert client.get(url, {"year": 2025}).status_code == 200
    assert (
        client.post(reverse("movements:ratings_roll_up", args=[org.a.pk]), {"year": 2025}).status_code == 403
    )
    login(client, outsider_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("movements:ratings_export", args=[org.a.pk])).status_code == 404


def test_the_ratings_api(client, org, person_a, staff, officer_a, outsider_b):
    json = "application/json"
    login(client, officer_a)
    for person, points in [(person_a, "95"), (staff[0], "92"), *[(p, "80") for p in staff[1:10]]]:
        response = client.post(
            reverse("period-score-list"),
            {"person": person.pk, "unit": org.a.pk, "year": 2025, "period": 1, "points": points},
            content_type=json,
        )
        assert response.status_code == 201, response.json()
    bad = client.post(
        reverse("period-score-list"),
        {"person": person_a.pk, "unit": org.a.pk, "year": 2025, "period": 13, "points": "80"},
        content_type=json,
    )
    assert bad.status_code == 400
    rows = client.post(
        reverse("annual-rating-roll-up"), {"unit": org.a.pk, "year": 2025}, content_type=json
    ).json()
    # 11 people at HTT or above: 20 % is 2,2 → 2 HTXS allowed, both kept
    assert [(r["person_name"], r["value"]) for r in rows[:2]] == [
        ("Nguyễn Văn An", "HTXS"),
        ("Lê Văn Anh", "HTXS"),
    ]
    listed = client.get(reverse("annual-rating-list"), {"year": 2025, "unit": org.a.pk}).json()
    assert listed["count"] == 11
    assert client.get(reverse("period-score-list"), {"person": person_a.pk}).json()["count"] == 1
    login(client, outsider_b)
    assert client.get(reverse("annual-rating-list")).json()["results"] == []
    assert (
        client.post(
            reverse("annual-rating-roll-up"), {"unit": org.a.pk, "year": 2025}, content_type=json
        ).status_code
        == 404
    )
