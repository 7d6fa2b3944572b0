"""Query-count guards: the council list, my ballots and the council endpoints cost the same whatever the
number of councils, meetings and members."""

import pytest

from tdkt.core.querycount import assert_flat
from tdkt.org.tests.factories import CouncilFactory

pytestmark = pytest.mark.django_db


def test_the_council_lists_do_not_grow_with_the_councils(as_user, officer_a, org):
    CouncilFactory(unit=org.a, actor=officer_a)

    def grow():
        CouncilFactory.create_batch(3, unit=org.a, actor=officer_a)

    assert_flat(
        as_user(officer_a),
        ["/councils/", "/councils/my-ballots/", "/api/councils/", "/api/council-meetings/"],
        grow,
    )


def test_the_chairs_meeting_page_does_not_grow_with_its_ballots(client, board):
    from django.urls import reverse

    from conftest import login

    b = board(4)
    b.open()
    b.ballot(subject="Nội dung 1")
    login(client, b.chair)

    def grow():
        for n in range(2, 5):
            b.ballot(subject=f"Nội dung {n}")

    assert_flat(client, [reverse("councils:meeting_detail", args=[b.meeting.pk])], grow)
