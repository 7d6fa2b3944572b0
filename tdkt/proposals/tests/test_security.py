"""Security review findings on dossiers: the union observer reads but cannot write; adding a candidate
never names a person or unit the caller may not see."""

import pytest
from django.urls import reverse

from conftest import login

pytestmark = pytest.mark.django_db


def test_the_union_observer_cannot_trigger_a_refresh(client, dossier, union_a, officer_a):
    login(client, union_a)
    assert client.get(f"/api/proposals/{dossier.pk}/").status_code == 200  # reads the dossier
    response = client.post(f"/api/proposals/{dossier.pk}/refresh/")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert client.post(reverse("proposals:refresh", args=[dossier.pk])).status_code == 403
    login(client, officer_a)
    assert client.post(f"/api/proposals/{dossier.pk}/refresh/").status_code == 200
