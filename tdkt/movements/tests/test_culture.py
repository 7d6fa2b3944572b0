"""Office culture: a checklist of criteria, inspections that score units against it, and the results fed
into a cluster's scoring table."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import login
from tdkt.movements import selectors, services
from tdkt.movements.models import Inspection, Score

pytestmark = pytest.mark.django_db
CRITERIA = [("Trang phục, thẻ công chức đúng quy định", 10), ("Giao tiếp, ứng xử với doanh nghiệp", 20)]


@pytest.fixture
def checklist(org):
    return services.create_checklist(
        name="Văn hóa công sở 2024", owner=org.root, year=2024, criteria=CRITERIA
    )


def _scores(checklist, *points):
    return dict(zip(checklist.criteria.values_list("pk", flat=True), points, strict=True))


def test_inspections_score_units_and_rank_them(org, checklist, officer_a):
    services.record_inspection(
        checklist=checklist, unit=org.a, inspected_on=date(2024, 3, 5), scores=_scores(checklist, 9, 18)
    )
    services.record_inspection(
        checklist=checklist, unit=org.a, inspected_on=date(2024, 9, 5), scores=_scores(checklist, 10, "17,5")
    )
    services.record_inspection(
        checklist=checklist, unit=org.b, inspected_on=date(2024, 3, 6), scores=_scores(checklist, 6, 15)
    )
    results = selectors.culture_results(checklist)
    assert [(r["unit_name"], r["inspections"], r["percent"]) for r in results] == [
        ("Chi cục Hải quan A", 2, Decimal("90.83")),
        ("Chi cục Hải quan B", 1, Decimal("70.00")),
    ]
    with pytest.raises(ValidationError, match="điểm phải từ 0 đến 10"):
        services.record_inspection(
            checklist=checklist, unit=org.b, inspected_on=date(2024, 4, 1), scores=_scores(checklist, 11, 1)
        )
    with pytest.raises(ValidationError, match="đủ tất cả"):
        services.record_inspection(
            checklist=checklist,
            unit=org.b,
            inspected_on=date(2024, 4, 1),
            scores=_scores(checklist, 1, 1) | {0: 1},
        )
    with pytest.raises(ValidationError, match="trong năm 2024"):
        services.record_inspection(
            checklist=checklist, unit=org.b, inspected_on=date(2025, 1, 2), scores=_scores(checklist, 1, 1)
        )
    with pytest.raises(PermissionDenied):  # the checklist is the department's: A's officer does not inspect
        services.record_inspection(
            checklist=checklist,
            unit=org.a,
            inspected_on=date(2024, 5, 1),
            scores=_scores(checklist, 1, 1),
            actor=officer_a,
        )
    assert Inspection.objects.count() == 3


def test_bad_checklists_are_refused(org):
    with pytest.raises(ValidationError, match="ít nhất một tiêu chí"):
        services.create_checklist(name="X", owner=org.a, year=2024, criteria=[])
    with pytest.raises(ValidationError, match="trùng"):
        services.create_checklist(name="X", owner=org.a, year=2024, criteria=[("A", 1), ("A", 2)])


def test_results_feed_the_cluster_score(org, checklist):
    cluster = services.create_cluster(name="Cụm 1", organiser=org.root)
    services.set_members(cluster=cluster, year=2024, units=[org.a, org.b], head=org.a)
    criterion = services.add_criterion(cluster=cluster, year=2024, name="Văn hóa công sở", max_points=20)
    with pytest.raises(ValidationError, match="Chưa có thành viên"):
        services.feed_cluster_criterion(checklist=checklist, criterion=criterion)
    services.record_inspection(
        checklist=checklist, unit=org.a, inspected_on=date(2024, 3, 5), scores=_scores(checklist, 9, 18)
    )
    written = services.feed_cluster_criterion(checklist=checklist, criterion=criterion)
    assert written == {org.a.pk: Decimal("18.00")}  # 27 of 30 points = 90 % of 20
    assert Score.objects.get(criterion=criterion, unit=org.a).cluster_score == Decimal("18.00")


def test_the_culture_pages(client, org, checklist, admin_user, outsider_b, officer_a):
    login(client, admin_user)
    response = client.post(
        reverse("movements:culture_list"),
        {"name": "Bộ tiêu chí mới", "owner": org.a.pk, "year": 2024, "criteria": "Đúng giờ | 10\nSai dòng"},
        follow=True,
    )
    assert "Dòng 2: viết «nội dung | điểm tối đa»." in response.content.decode()
    url = reverse("movements:culture_detail", args=[checklist.pk])
    fields = {f"c_{pk}": v for pk, v in _scores(checklist, "9", "18").items()}
    client.post(
        url, {"unit": org.a.pk, "inspected_on": "2024-03-05", "inspectors": "Đoàn kiểm tra Cục", **fields}
    )
    page = client.get(url).content.decode()
    assert "Chi cục Hải quan A" in page and "90,00 %" in page
    login(client, officer_a)  # A was inspected, so A's officer sees the checklist, but cannot inspect
    assert client.get(url).status_code == 200
    assert client.post(url, {"unit": org.a.pk}).status_code == 403
    login(client, outsider_b)
    assert client.get(url).status_code == 404
