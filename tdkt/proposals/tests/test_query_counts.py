"""Query-count guards: the dossier list page and endpoints cost the same whatever the number of dossiers."""

import pytest

from tdkt.core.querycount import assert_flat
from tdkt.proposals import services

pytestmark = pytest.mark.django_db


def test_the_dossier_lists_do_not_grow_with_the_dossiers(as_user, officer_a, person_a, org, ldtt, dossier):
    def grow():
        for n in range(4):
            proposal = services.create_proposal(
                actor=officer_a, title=f"Hồ sơ {n}", proposing_unit=org.a, award_kind=ldtt, year=2025
            )
            services.add_candidate(proposal=proposal, actor=officer_a, person=person_a)

    assert_flat(
        as_user(officer_a),
        ["/proposals/", "/proposals/?mine=1", "/api/proposals/", f"/api/proposals/{dossier.pk}/candidates/"],
        grow,
    )
