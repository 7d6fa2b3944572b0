"""Filters of the councils API's lists (`councils.filters`): by council, by meeting; bad ids are a 400."""

import pytest
from django.urls import reverse

from conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(board):
    b = board(3)
    b.open()
    return b, b.ballot(award_code="CSTDCS")


def test_meetings_by_council_and_ballots_by_meeting(client, officer_a, live):
    b, ballot = live
    login(client, officer_a)
    meetings = client.get(reverse("council-meeting-list"), {"council": b.council.pk}).json()
    assert [m["id"] for m in meetings["results"]] == [b.meeting.pk]
    assert client.get(reverse("council-meeting-list"), {"council": b.council.pk + 1000}).json()["count"] == 0
    ballots = client.get(reverse("ballot-list"), {"meeting": b.meeting.pk}).json()
    assert [x["id"] for x in ballots["results"]] == [ballot.pk]
    assert client.get(reverse("ballot-list"), {"meeting": b.meeting.pk + 1000}).json()["count"] == 0


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "9" * 30])
@pytest.mark.parametrize(("url", "name"), [("council-meeting-list", "council"), ("ballot-list", "meeting")])
def test_a_bad_id_is_a_400_with_a_vietnamese_message(client, officer_a, live, url, name, value):
    login(client, officer_a)
    response = client.get(reverse(url), {name: value})
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [name] and body["errors"][name][0].startswith("Phải")
