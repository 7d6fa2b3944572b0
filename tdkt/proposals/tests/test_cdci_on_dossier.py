"""A collective candidate's row on the dossier page shows the unit's CDCI result of the proposal's year
(issue 18): the business-satisfaction index and its rank among the branches the survey rated, beside its
exemplary models; nothing for a unit the survey did not rate, nor for another year."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.awards.models import AwardKind
from tdkt.core.text import format_decimal
from tdkt.org import services as org_services
from tdkt.org.models import UnitKind
from tdkt.proposals import selectors, services
from tdkt.surveys import selectors as survey_selectors
from tdkt.surveys import services as survey_services
from tdkt.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(org):
    """CDCI 2025 of the Cục rating A (4 by two enterprises), its team A1 (3 by two) and B (2 by two)."""
    survey = survey_services.create_survey(
        unit=org.root, year=2025, title="CDCI 2025", branches=[org.a, org.a1, org.b], min_cell_size=2
    )
    survey = survey_services.open_survey(survey=survey, expected_version=survey.lock_version)
    for tax_code, unit, scale in [
        ("5700000001", org.a, 4),
        ("5700000002", org.a, 4),
        ("5700000003", org.a1, 3),
        ("5700000004", org.a1, 3),
        ("5700000005", org.b, 2),
        ("5700000006", org.b, 2),
    ]:
        respond(survey, tax_code, unit, scale)
    return survey


@pytest.fixture
def team_a2(org):
    """A second team of A, which the survey did not rate."""
    return org_services.create_unit(
        code="A2", name="Đội Nghiệp vụ A2", kind=UnitKind.TEAM, parent=org.a, valid_from=date(2020, 1, 1)
    )


def _proposal(officer, org, team_a2, year):
    proposal = services.create_proposal(
        actor=officer,
        title=f"Tập thể LĐXS {year}",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="TTLDXS"),
        year=year,
    )
    return proposal, [
        services.add_candidate(proposal=proposal, actor=officer, unit=unit)
        for unit in (org.a, org.a1, team_a2)
    ]


def test_each_rated_collective_shows_its_index_and_rank_on_its_row(
    org, surveyed, team_a2, officer_a, as_user
):
    proposal, (a, a1, a2) = _proposal(officer_a, org, team_a2, 2025)
    index_a, index_a1 = (
        survey_selectors.branch_index(org.a, 2025),
        survey_selectors.branch_index(org.a1, 2025),
    )
    assert (index_a.rank, index_a1.rank, index_a.of) == (1, 2, 3)
    assert selectors.cdci_results(proposal, [a, a1, a2]) == {a.pk: index_a, a1.pk: index_a1}
    page = as_user(officer_a).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()

    def row(candidate):
        return page.split(f'id="candidate-{candidate.pk}"')[1].split("</tr>")[0]

    shown_a = f"Chỉ số CDCI năm 2025: {format_decimal(index_a.overall, 1)}/100, xếp thứ 1/3"
    shown_a1 = f"Chỉ số CDCI năm 2025: {format_decimal(index_a1.overall, 1)}/100, xếp thứ 2/3"
    assert "," in shown_a and shown_a in row(a) and shown_a1 in row(a1)
    assert "cdci-result" not in row(a2)  # the survey did not rate this team


def test_no_result_for_a_year_without_a_survey(org, surveyed, team_a2, officer_a, as_user):
    proposal, candidates = _proposal(officer_a, org, team_a2, 2024)
    assert selectors.cdci_results(proposal, candidates) == {}
    page = as_user(officer_a).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "cdci-result" not in page and "Chỉ số CDCI" not in page


def test_the_number_of_queries_does_not_grow_with_the_candidates(org, surveyed, team_a2, officer_a):
    proposal, (a, a1, a2) = _proposal(officer_a, org, team_a2, 2025)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.cdci_results(proposal, [a])) == 1
    with CaptureQueriesContext(connection) as three:
        assert len(selectors.cdci_results(proposal, [a, a1, a2])) == 2
    assert len(three) == len(one)
