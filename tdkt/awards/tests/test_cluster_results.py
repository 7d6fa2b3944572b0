"""A collective's result in its emulation cluster: one per unit and year, the leader ranks first."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tdkt.awards.models import ClusterResult
from tdkt.awards.services import set_cluster_result
from tdkt.org.services import create_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return create_unit(
        code="MC",
        name="Chi cục Hải quan cửa khẩu Móng Cái",
        kind="chi_cuc",
        parent=None,
        valid_from=date(2020, 1, 1),
    )


def test_setting_a_result_twice_corrects_it_instead_of_adding_a_row(unit):
    set_cluster_result(unit=unit, year=2025, cluster="Cụm thi đua số 3", leading=False, rank=2, members=6)
    set_cluster_result(unit=unit, year=2025, cluster="Cụm thi đua số 3", leading=True, rank=1, members=6)
    result = ClusterResult.objects.get(unit=unit, year=2025)
    assert (result.leading, result.rank) == (True, 1)
    assert ClusterResult.objects.filter(unit=unit).count() == 1


def test_a_leader_must_rank_first(unit):
    with pytest.raises(ValidationError, match="xếp thứ nhất"):
        set_cluster_result(unit=unit, year=2025, cluster="Cụm 3", leading=True, rank=2, members=6)


def test_the_database_refuses_a_rank_beyond_the_members(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterResult.objects.create(unit=unit, year=2025, cluster="Cụm 3", rank=7, members=6)
