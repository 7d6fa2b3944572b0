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


def test_adding_a_person_the_caller_may_not_see_is_a_plain_404(client, draft, officer_a, person_b):
    login(client, officer_a)
    url = f"/api/proposals/{draft.pk}/candidates/"
    hidden = client.post(url, {"person": person_b.pk}, content_type="application/json")
    missing = client.post(url, {"person": person_b.pk + 1000}, content_type="application/json")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "Không tìm thấy cá nhân.", "code": "not_found"}
    assert person_b.full_name not in hidden.content.decode()


def test_adding_a_unit_the_caller_may_not_see_is_a_plain_404(client, org, officer_a, ldtt):
    from tdkt.awards.models import AwardKind
    from tdkt.proposals import services

    collective = AwardKind.objects.filter(subject_kind="collective").first()
    proposal = services.create_proposal(
        actor=officer_a, title="Đề nghị tập thể", proposing_unit=org.a, award_kind=collective, year=2025
    )
    login(client, officer_a)
    url = f"/api/proposals/{proposal.pk}/candidates/"
    hidden = client.post(url, {"unit": org.b.pk}, content_type="application/json")
    missing = client.post(url, {"unit": org.b.pk + 1000}, content_type="application/json")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert org.b.name not in hidden.content.decode()


def test_the_page_answers_404_for_a_person_out_of_sight(client, draft, officer_a, person_b):
    login(client, officer_a)
    response = client.post(reverse("proposals:candidate_add", args=[draft.pk]), {"person": person_b.pk})
    assert response.status_code == 404
    assert person_b.full_name not in response.content.decode()
