"""Query-count guards: the statistics page, its records and the awards endpoint cost the same whatever the
number of awards."""

from datetime import date

import pytest

from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind
from tdkt.core.querycount import assert_flat
from tdkt.org import services as org_services

pytestmark = pytest.mark.django_db


def test_the_statistics_do_not_grow_with_the_awards(as_user, officer_a, org, person_a):
    kind = AwardKind.objects.get(code="LDTT")
    awards.record_award(kind=kind, year=2020, person=person_a, decision_number="1/QĐ")

    def grow():
        for n in range(4):
            person = org_services.create_person(
                family_name="Trần",
                middle_name="Thị",
                given_name=f"Mai {n}",
                gender="nu",
                unit=org.a,
                since=date(2020, 1, 1),
            )
            for year in (2020, 2021):
                awards.record_award(kind=kind, year=year, person=person, decision_number=f"{n}{year}/QĐ")

    assert_flat(
        as_user(officer_a),
        ["/reports/", "/reports/records/", "/api/reports/awards/"],
        grow,
    )
