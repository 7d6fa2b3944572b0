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


def _counted(b, subject: str, candidate=None):
    from tdkt.councils import services
    from tdkt.councils.tests.conftest import CODES

    ballot = b.ballot(subject=subject, candidate_person=candidate)
    b.vote(ballot, ["yes", "no", "yes", "abstain"])
    return services.close_ballot(ballot=ballot, user=b.chair, **CODES)


def test_a_meeting_with_counted_ballots_does_not_grow_with_them(client, board):
    """Each counted ballot shows its written votes and its sealed box, re-checked on the page: read for all the
    ballots at once (at 20.000 people a ministry's closed meeting took 1.416 queries, four a ballot)."""
    from django.urls import reverse

    from conftest import login

    b = board(4)
    b.open()
    _counted(b, "Nội dung 1")
    login(client, b.chair)
    urls = [
        reverse("councils:meeting_detail", args=[b.meeting.pk]),
        reverse("councils:minutes", args=[b.meeting.pk]),
    ]

    def grow():
        for n in range(2, 5):
            _counted(b, f"Nội dung {n}")

    assert_flat(client, urls, grow)
    html = client.get(urls[0]).content.decode()
    assert html.count("Nội dung") >= 4


def test_my_ballots_do_not_grow_with_the_open_ballots_and_their_candidates(client, board, org):
    """A member's cards: the seat and who is present once per meeting, the receipts and the candidates' posts
    once for all the ballots (at 100.000 people: 101 queries for 24 open ballots)."""
    from conftest import login
    from tdkt.org.tests.factories import PersonFactory

    b = board(4)
    b.open()
    b.ballot(subject="Nội dung 1", candidate_person=PersonFactory(unit=org.a))
    login(client, b.users[3])

    def grow():
        for n in range(2, 5):
            b.ballot(subject=f"Nội dung {n}", candidate_person=PersonFactory(unit=org.a))

    assert_flat(client, ["/councils/my-ballots/"], grow)
    html = client.get("/councils/my-ballots/").content.decode()
    assert html.count("Nội dung") >= 4 and "Chi cục" in html


def test_a_meetings_counted_ballots_are_paged_and_its_open_ones_always_shown(client, board, monkeypatch):
    from django.urls import reverse

    from conftest import login
    from tdkt.councils import views  # lazy: the page size is the view module's, shrunk for the test

    monkeypatch.setattr(views, "COUNTED_PAGE", 2)
    b = board(4)
    b.open()
    for n in (1, 2, 3):
        _counted(b, f"Đã kiểm {n}")
    b.ballot(subject="Đang mở")
    login(client, b.chair)
    url = reverse("councils:meeting_detail", args=[b.meeting.pk])
    first, second = (client.get(url, {"page": n}).content.decode() for n in (1, 2))
    assert "Đang mở" in first and "Đang mở" in second
    assert "Đã kiểm 1" in first and "Đã kiểm 2" in first and "Đã kiểm 3" not in first
    assert "Đã kiểm 3" in second and "Đã kiểm 1" not in second
    assert "3 nội dung đã kiểm phiếu" in first and "page=2" in first
