"""Query-count guards: the statistics page, its records and the awards endpoint cost the same whatever the
number of awards."""

import pytest

from tdkt.core.querycount import assert_flat
from tdkt.org.tests.factories import AwardFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_statistics_do_not_grow_with_the_awards(as_user, officer_a, org, person_a):
    AwardFactory(person=person_a, year=2020)

    def grow():
        for person in PersonFactory.create_batch(4, unit=org.a):
            AwardFactory(person=person, year=2020)
            AwardFactory(person=person, year=2021)

    assert_flat(as_user(officer_a), ["/reports/", "/reports/records/", "/api/reports/awards/"], grow)
