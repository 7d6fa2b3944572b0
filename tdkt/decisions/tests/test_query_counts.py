"""Query-count guards: the decision register, its totals and the endpoint cost the same whatever the number
of decisions and lines."""

from datetime import date

import pytest

from tdkt.core.querycount import assert_flat
from tdkt.decisions.tests.decisions_helpers import issue, issuer, manual_draft

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]  # the fixture, imported for pytest


def test_the_register_and_totals_do_not_grow_with_the_decisions(
    as_user, officer_a, issuer, person_a, person_b
):
    manual_draft(issuer, person=person_a)
    issue(manual_draft(issuer, person=person_a, year=2019), date(2025, 2, 1))  # lists not empty to start with

    def grow():
        for n in range(3):
            issue(manual_draft(issuer, person=person_b, year=2020 + n), date(2025, 3, 1 + n))

    assert_flat(as_user(officer_a), ["/decisions/", "/decisions/totals/", "/api/decisions/"], grow)
