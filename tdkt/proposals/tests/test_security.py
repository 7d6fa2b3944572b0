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


def _people(client, user):
    login(client, user)
    response = client.get("/api/people/", {"page_size": 200})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_council_members_and_the_observer_see_only_the_people_of_their_dossiers(
    client, dossier, person_a, person_b, council_hq, union_a, officer_hq, leader_a
):
    # A draft has reached no one: the council member and the observer see nobody of the agency.
    assert _people(client, council_hq) == set()
    assert _people(client, union_a) == set()
    assert client.get(f"/api/people/{person_a.pk}/").status_code == 404
    from tdkt.proposals import services

    services.submit(proposal=dossier, actor=leader_a)
    services.receive(proposal=dossier, actor=officer_hq)
    # Now the dossier is before the council: its candidate, and only them.
    assert _people(client, council_hq) == {person_a.pk}
    assert _people(client, union_a) == {person_a.pk}
    assert client.get(f"/api/people/{person_b.pk}/").status_code == 404
    login(client, council_hq)
    assert client.get(reverse("org:person_detail", args=[person_a.pk])).status_code == 200
    assert client.get(reverse("org:person_detail", args=[person_b.pk])).status_code == 404
    # The officers of the receiving level still browse their whole subtree.
    assert {person_a.pk, person_b.pk} <= _people(client, officer_hq)
