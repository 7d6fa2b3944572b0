"""The year field and the one-subject constraint, defined once in core and used by every app's models."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from tdkt.core.constraints import one_subject
from tdkt.core.fields import YEAR_MAX, YEAR_MIN, YearField


@pytest.mark.parametrize("year", [YEAR_MIN - 1, 0, YEAR_MAX + 1])
def test_a_year_outside_1945_to_2100_is_refused_with_a_message(year):
    with pytest.raises(ValidationError):
        YearField().clean(year, None)


@pytest.mark.parametrize("year", [YEAR_MIN, 2025, YEAR_MAX])
def test_a_year_inside_the_range_is_kept(year):
    assert YearField().clean(year, None) == year


def test_migrations_see_a_plain_small_integer_with_validators():
    _name, path, _args, kwargs = YearField("Năm").deconstruct()
    assert path == "django.db.models.PositiveSmallIntegerField"
    assert [v.limit_value for v in kwargs["validators"]] == [YEAR_MIN, YEAR_MAX]


def _tdkt_models():
    return [m for m in apps.get_models() if m.__module__.startswith("tdkt.")]


def test_every_year_column_of_the_project_is_a_year_field():
    plain = [
        f"{m._meta.label}.{f.name}"
        for m in _tdkt_models()
        for f in m._meta.get_fields()
        if isinstance(f, models.PositiveSmallIntegerField)
        and f.name.endswith("year")
        and not isinstance(f, YearField)
    ]
    assert plain == []


def test_every_person_or_unit_check_is_the_shared_one_subject_constraint():
    shared = one_subject("x")
    found = []
    for model in _tdkt_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint) and constraint.name.endswith(
                "_exactly_one_subject"
            ):
                found.append(constraint.name)
                assert constraint.condition == shared.condition
                assert constraint.violation_error_message == shared.violation_error_message
    assert {
        "award_exactly_one_subject",
        "decisionline_exactly_one_subject",
        "candidate_exactly_one_subject",
    } <= set(found)


@pytest.mark.django_db
def test_a_candidate_with_both_a_person_and_a_unit_is_refused_in_vietnamese(org, person_a):
    from tdkt.proposals.models import Candidate

    with pytest.raises(ValidationError) as caught:
        Candidate(person=person_a, unit=org.a).validate_constraints()
    assert "Chọn đúng một đối tượng" in str(caught.value)
