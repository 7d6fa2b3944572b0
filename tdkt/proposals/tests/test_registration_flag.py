"""A candidate proposed for an emulation title it did not register for that year is flagged (issue 15, item 2):
on the candidate's row of the dossier page and in the API's candidate representation; never for a form of
commendation (Bằng khen, Giấy khen), which nobody registers for."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.awards.models import AwardKind
from tdkt.movements import services as movement_services
from tdkt.org import services as org_services
from tdkt.proposals import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(org):
    """A second person of A1, who registers for nothing."""
    return org_services.create_person(
        family_name="Lê",
        middle_name="Thị",
        given_name="Cúc",
        gender="nu",
        date_of_birth=date(1988, 1, 5),
        staff_code="A-002",
        unit=org.a1,
        since=date(2020, 1, 1),
    )


@pytest.fixture
def registered(org, person_a):
    """HQ's 2025 movement; A registers Tập thể lao động tiên tiến and person_a for Lao động tiên tiến."""
    movement = movement_services.create_movement(
        launching_unit=org.root,
        name="Phong trào thi đua năm 2025",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        registration_deadline=date(2025, 2, 28),
    )
    movement_services.launch_movement(movement=movement, on=date(2025, 1, 5))
    return movement_services.register(
        movement=movement,
        unit=org.a,
        year=2025,
        pledge="Hoàn thành xuất sắc nhiệm vụ được giao.",
        collective=["TTLDTT"],
        individual=[(person_a, "LDTT")],
        on=date(2025, 1, 20),
    )


def test_only_the_unregistered_candidate_is_flagged(registered, draft, officer_a, person_a, colleague):
    services.add_candidate(proposal=draft, actor=officer_a, person=person_a)
    services.add_candidate(proposal=draft, actor=officer_a, person=colleague)
    candidates = list(draft.candidates.all())
    with CaptureQueriesContext(connection) as queries:
        status = selectors.registration_status(draft, candidates)
    by_person = {c.person_id: status[c.pk] for c in candidates}
    assert by_person == {person_a.pk: True, colleague.pk: False}
    assert len(queries) == 1  # people only: one query, however many candidates


def test_registration_of_another_year_does_not_count(registered, org, officer_a, person_a):
    proposal = services.create_proposal(
        actor=officer_a,
        title="LĐTT 2024",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="LDTT"),
        year=2024,
    )
    services.add_candidate(proposal=proposal, actor=officer_a, person=person_a)
    assert list(selectors.registration_status(proposal, proposal.candidates.all()).values()) == [False]


def test_collectives_are_checked_against_the_units_registration(registered, org, officer_a):
    proposal = services.create_proposal(
        actor=officer_a,
        title="Tập thể LĐTT 2025",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="TTLDTT"),
        year=2025,
    )
    services.add_candidate(proposal=proposal, actor=officer_a, unit=org.a)
    services.add_candidate(proposal=proposal, actor=officer_a, unit=org.a1)
    status = selectors.registration_status(proposal, proposal.candidates.all())
    assert {c.unit_id: status[c.pk] for c in proposal.candidates.all()} == {org.a.pk: True, org.a1.pk: False}


def test_forms_of_commendation_are_never_flagged(registered, org, officer_a, colleague):
    proposal = services.create_proposal(
        actor=officer_a,
        title="Giấy khen 2025",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="GK"),
        year=2025,
    )
    services.add_candidate(proposal=proposal, actor=officer_a, person=colleague)
    assert selectors.registration_status(proposal, proposal.candidates.all()) == {}


def test_the_dossier_page_flags_the_row(registered, draft, officer_a, person_a, colleague, as_user):
    services.add_candidate(proposal=draft, actor=officer_a, person=person_a)
    flagged = services.add_candidate(proposal=draft, actor=officer_a, person=colleague)
    page = as_user(officer_a).get(reverse("proposals:detail", args=[draft.pk])).content.decode()
    row = page.split(f'id="candidate-{flagged.pk}"')[1].split("</tr>")[0]
    assert "chưa đăng ký thi đua" in row
    others = page.split('id="candidate-')
    assert sum("chưa đăng ký thi đua" in part.split("</tr>")[0] for part in others[1:]) == 1
    assert "1 đối tượng không có đăng ký thi đua danh hiệu Lao động tiên tiến năm 2025." in page


def test_the_api_says_registered_true_false_or_null(
    registered, draft, officer_a, person_a, colleague, as_user
):
    services.add_candidate(proposal=draft, actor=officer_a, person=person_a)
    flagged = services.add_candidate(proposal=draft, actor=officer_a, person=colleague)
    api = as_user(officer_a)
    rows = api.get(f"/api/proposals/{draft.pk}/candidates/").json()
    assert {r["person"]: r["registered"] for r in rows} == {person_a.pk: True, colleague.pk: False}
    assert api.get(f"/api/proposal-candidates/{flagged.pk}/").json()["registered"] is False
    gk = services.create_proposal(
        actor=officer_a,
        title="Giấy khen 2025",
        proposing_unit=draft.proposing_unit,
        award_kind=AwardKind.objects.get(code="GK"),
        year=2025,
    )
    services.add_candidate(proposal=gk, actor=officer_a, person=colleague)
    assert [r["registered"] for r in api.get(f"/api/proposals/{gk.pk}/candidates/").json()] == [None]
    schema = api.get("/api/schema/?format=json").json()
    assert "registered" in schema["components"]["schemas"]["Candidate"]["properties"]


def test_a_collectives_exemplary_models_are_shown_and_linked_on_its_row(org, officer_a, as_user):
    """Issue 18, item 5: a model can back a collective's proposal."""
    from tdkt.exemplars import services as exemplar_services

    model = exemplar_services.create_exemplar(name="Nụ cười công sở", unit=org.a1, field="khac")
    exemplar_services.change_status(exemplar=model, to="recognised", on=date(2025, 3, 2))
    later = exemplar_services.create_exemplar(name="Mô hình công nhận năm sau", unit=org.a1, field="khac")
    exemplar_services.change_status(exemplar=later, to="recognised", on=date(2026, 3, 2))
    proposal = services.create_proposal(
        actor=officer_a,
        title="Tập thể LĐXS 2025",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="TTLDXS"),
        year=2025,
    )
    candidate = services.add_candidate(proposal=proposal, actor=officer_a, unit=org.a)
    assert selectors.backing_models(proposal, [candidate]) == {candidate.pk: [model]}
    page = as_user(officer_a).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    row = page.split(f'id="candidate-{candidate.pk}"')[1].split("</tr>")[0]
    assert "Nụ cười công sở" in row and reverse("exemplars:detail", args=[model.pk]) in row
    assert "Mô hình công nhận năm sau" not in row  # recognised after the proposal's year


def test_the_candidates_report_page_says_so_too(registered, draft, officer_a, person_a, colleague, as_user):
    ok = services.add_candidate(proposal=draft, actor=officer_a, person=person_a)
    flagged = services.add_candidate(proposal=draft, actor=officer_a, person=colleague)
    api = as_user(officer_a)
    page = api.get(reverse("proposals:report", args=[draft.pk, flagged.pk])).content.decode()
    assert "Không có đăng ký thi đua danh hiệu Lao động tiên tiến năm 2025." in page
    page = api.get(reverse("proposals:report", args=[draft.pk, ok.pk])).content.decode()
    assert "Không có đăng ký thi đua" not in page
