"""Administrators edit the catalogue; the award history stays read-only in the admin."""

import pytest


@pytest.mark.django_db
def test_admin_lists_the_catalogue_from_the_law(as_user, admin_user):
    response = as_user(admin_user).get("/django-admin/awards/awardkind/")
    assert response.status_code == 200
    assert "Bằng khen của Thủ tướng Chính phủ" in response.content.decode()


@pytest.mark.django_db
def test_admin_cannot_add_awards_by_hand(as_user, admin_user):
    assert as_user(admin_user).get("/django-admin/awards/award/add/").status_code == 403


@pytest.mark.django_db
def test_an_officer_has_no_admin(as_user, officer_a):
    response = as_user(officer_a).get("/django-admin/awards/awardkind/")
    assert response.status_code == 302
