"""After a transfer the old unit's officer reads only the years the person spent with them and can no longer
edit the record; the new unit's officer edits it."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import login, make_user
from tdkt.org import permissions, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(person_a, org):
    """person_a: team A1 from 2020, sub-department B from 1/3/2023."""
    services.add_membership(person=person_a, unit=org.b, position=None, valid_from=date(2023, 3, 1))
    return person_a


def test_the_old_units_officer_can_no_longer_edit(client, moved, officer_a):
    assert not permissions.can_edit_person(officer_a, moved)
    login(client, officer_a)
    response = client.patch(
        f"/api/people/{moved.pk}/",
        {"given_name": "Sửa", "lock_version": moved.lock_version},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get(reverse("org:person_edit", args=[moved.pk])).status_code == 404


def test_the_new_units_officer_edits(client, moved, outsider_b):
    assert permissions.can_edit_person(outsider_b, moved)
    login(client, outsider_b)
    response = client.patch(
        f"/api/people/{moved.pk}/",
        {"given_name": "Bình", "lock_version": moved.lock_version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


def test_the_old_unit_reads_only_the_period_with_it(client, moved, officer_a, org):
    login(client, officer_a)
    body = client.get(f"/api/people/{moved.pk}/").json()
    assert [m["unit"]["id"] for m in body["memberships"]] == [org.a1.pk]
    assert body["current_unit"] is None  # where they work now is not the old unit's business
    page = client.get(reverse("org:person_detail", args=[moved.pk])).content.decode()
    assert org.a1.name in page and org.b.name not in page
    listing = client.get(reverse("org:person_list")).content.decode()
    assert org.b.name not in listing


def test_the_new_unit_and_the_person_read_the_whole_history(client, moved, outsider_b, org):
    login(client, outsider_b)
    units = [m["unit"]["id"] for m in client.get(f"/api/people/{moved.pk}/").json()["memberships"]]
    assert units == [org.b.pk, org.a1.pk]
    own = make_user("nguyen_van_an", role="staff", unit=org.b)
    moved.user = own
    moved.save()
    login(client, own)
    assert len(client.get(f"/api/people/{moved.pk}/").json()["memberships"]) == 2


@pytest.fixture
def earned(moved):
    """LĐTT 2021 and CSTĐCS 2022 with team A1; Bằng khen 2024 and rating HTXS 2024 after moving to B."""
    from tdkt.awards import services as award_services
    from tdkt.awards.models import AwardKind

    for code, year in (("LDTT", 2021), ("CSTDCS", 2022), ("BK_BO", 2024)):
        award_services.record_award(
            kind=AwardKind.objects.get(code=code),
            year=year,
            decision_number=f"{year}/QĐ-{code}",
            decision_date=date(year, 12, 1),
            person=moved,
        )
    award_services.set_rating(person=moved, year=2022, value="HTXS")
    award_services.set_rating(person=moved, year=2024, value="HTXS")
    return moved


def test_the_old_unit_reads_only_the_awards_of_the_years_with_it(client, earned, officer_a):
    login(client, officer_a)
    body = client.get(f"/api/people/{earned.pk}/awards/").json()
    assert sorted(a["year"] for a in body["awards"]) == [2021, 2022]  # with team A1 from 2020 to 3/2023
    assert [r["year"] for r in body["ratings"]] == [2022]
    page = client.get(reverse("rules:person_awards", args=[earned.pk])).content.decode()
    assert 'id="history-limited"' in page
    assert "2022/QĐ-CSTDCS" in page and "2024/QĐ-BK_BO" not in page
    # What they may get next is the new unit's business: no verdicts, on the page or through the API.
    assert 'id="outlook"' not in page
    answer = client.get(f"/api/people/{earned.pk}/eligibility/")
    assert answer.status_code == 404 and "đơn vị hiện nay" in answer.json()["detail"]


def test_the_new_unit_reads_every_award(client, earned, outsider_b):
    login(client, outsider_b)
    body = client.get(f"/api/people/{earned.pk}/awards/").json()
    assert sorted(a["year"] for a in body["awards"]) == [2021, 2022, 2024]
    page = client.get(reverse("rules:person_awards", args=[earned.pk])).content.decode()
    assert 'id="history-limited"' not in page and 'id="outlook"' in page
    assert client.get(f"/api/people/{earned.pk}/eligibility/").status_code == 200
