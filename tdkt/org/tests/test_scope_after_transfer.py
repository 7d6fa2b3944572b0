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
