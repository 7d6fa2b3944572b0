"""Fixtures of the survey specs: a 2021 CDCI survey of HQ (the Cục) rating its Chi cục A and B.

- `officer_hq` runs it (TĐKT officer of HQ), `leader_hq` reads its results;
- `officer_a` (A) and `outsider_b` (B) read its results, as rated branches, but do not run it;
- `outsider_c` (Chi cục C, not rated) does not see it: 404.
"""

import pytest

from conftest import make_user
from tdkt.surveys import services
from tdkt.surveys.models import Question, SurveyResponse


@pytest.fixture
def officer_hq(org):
    return make_user("officer_hq", role="officer", unit=org.root)


@pytest.fixture
def leader_hq(org):
    return make_user("leader_hq", role="leader", unit=org.root)


@pytest.fixture
def outsider_c(org, survey):
    """TĐKT officer of Chi cục C, created under HQ after the survey: neither its unit nor a rated branch."""
    from datetime import date

    from tdkt.org import services as org_services

    unit_c = org_services.create_unit(
        code="C", name="Chi cục Hải quan C", kind="chi_cuc", parent=org.root, valid_from=date(2020, 1, 1)
    )
    return make_user("outsider_c", role="officer", unit=unit_c)


@pytest.fixture
def survey(org):
    """Draft survey of 2021 with the standard questionnaire; branches A and B (the Chi cục under HQ)."""
    return services.create_survey(unit=org.root, year=2021, title="Khảo sát CDCI năm 2021", min_cell_size=2)


@pytest.fixture
def open_survey(survey):
    return services.open_survey(survey=survey, expected_version=survey.lock_version)


def invite(survey, tax_code, name="Công ty TNHH Thử nghiệm"):
    invitation = services.add_invitation(survey=survey, tax_code=tax_code, enterprise_name=name)
    [(invitation, token)] = services.issue_links(invitations=[invitation])
    return invitation, token


def all_answers(survey, scale: int, comment: str = "") -> dict[int, str]:
    """An answer to every question: `scale` on scale questions, the first option of choice questions."""
    values = {}
    for q in survey.questions.prefetch_related("choices"):
        if q.kind == Question.Kind.SCALE:
            values[q.pk] = str(scale)
        elif q.kind == Question.Kind.CHOICE:
            values[q.pk] = str(q.choices.all()[0].pk)
        else:
            values[q.pk] = comment
    return values


def respond(survey, tax_code, branch_unit, scale, comment="", submit=True) -> SurveyResponse:
    invitation, _token = invite(survey, tax_code)
    branch = survey.branches.get(unit=branch_unit)
    [response] = services.choose_branches(invitation=invitation, branch_ids=[branch.pk])
    return services.save_answers(
        response=response,
        values=all_answers(survey, scale, comment),
        expected_version=response.lock_version,
        submit=submit,
    )
