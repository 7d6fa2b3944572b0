"""Query-count guards: the council list, my ballots and the council endpoints cost the same whatever the
number of councils, meetings and members."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from conftest import make_user
from tdkt.core.querycount import assert_flat
from tdkt.councils import services
from tdkt.org import services as org_services

pytestmark = pytest.mark.django_db


def _council(org, actor, n: int):
    council = services.create_council(name=f"Hội đồng {n}", kind="tdkt", unit=org.a, actor=actor)
    for seat in range(3):
        person = org_services.create_person(
            family_name="Lê",
            middle_name="Văn",
            given_name=f"Tư {n}{seat}",
            gender="nam",
            unit=org.a,
            since=date(2020, 1, 1),
        )
        services.add_member(
            council=council,
            person=person,
            role="uy_vien",
            term_from=date(2020, 1, 1),
            user=make_user(f"member-{n}-{seat}"),
        )
    services.schedule_meeting(
        council=council, title=f"Phiên họp {n}", held_at=timezone.make_aware(datetime(2026, 3, 10 + n, 8))
    )
    return council


def test_the_council_lists_do_not_grow_with_the_councils(as_user, officer_a, org):
    _council(org, officer_a, 0)

    def grow():
        for n in range(1, 4):
            _council(org, officer_a, n)

    assert_flat(
        as_user(officer_a),
        ["/councils/", "/councils/my-ballots/", "/api/councils/", "/api/council-meetings/"],
        grow,
    )
