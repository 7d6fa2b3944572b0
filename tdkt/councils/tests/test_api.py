"""The councils API: works for who may use it, refuses the wrong method, 404 for outsiders; counters null until
the chair counts; a vote answers only that it was recorded."""

import pytest
from django.urls import reverse

from conftest import login
from tdkt.councils.models import Attendance, BallotReceipt
from tdkt.councils.tests.conftest import CODES

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(board):
    b = board(5)
    b.open(present=4)
    ballot = b.ballot(award_code="CSTDCS")
    b.vote(ballot, {0: "yes", 1: "yes"})
    return b, ballot


def test_councils_and_members(client, officer_a, outsider_b, live):
    b, _ballot = live
    login(client, officer_a)
    body = client.get(reverse("council-list")).json()
    assert [c["name"] for c in body["results"]] == [b.council.name]
    detail = client.get(reverse("council-detail", args=[b.council.pk])).json()
    assert detail["kind"] == "tdkt" and detail["unit_name"] == "Chi cục Hải quan A"
    members = client.get(reverse("council-members", args=[b.council.pk])).json()
    assert {m["role"] for m in members} == {"chu_tich", "thu_ky", "pho_chu_tich", "uy_vien"}
    assert client.delete(reverse("council-detail", args=[b.council.pk])).status_code == 405
    login(client, outsider_b)
    assert client.get(reverse("council-list")).json()["results"] == []
    assert client.get(reverse("council-detail", args=[b.council.pk])).status_code == 404
    assert client.get(reverse("council-members", args=[b.council.pk])).status_code == 404


def test_meetings_and_attendance(client, officer_a, leader_a, outsider_b, live):
    b, _ballot = live
    login(client, leader_a)
    rows = client.get(reverse("council-meeting-list"), {"council": b.council.pk}).json()["results"]
    assert [r["id"] for r in rows] == [b.meeting.pk]
    assert rows[0]["quorum"] == {"members": 5, "present": 4, "required": 4, "reached": True}
    url = reverse("council-meeting-attendance", args=[b.meeting.pk])
    assert [r["present"] for r in client.get(url).json()].count(True) == 4
    assert (
        client.post(
            url, {"member": b.seats[4].pk, "present": True}, content_type="application/json"
        ).status_code
        == 403
    )
    login(client, officer_a)
    response = client.post(
        url, {"member": b.seats[4].pk, "present": True, "note": "Đến muộn"}, content_type="application/json"
    )
    assert response.status_code == 200 and Attendance.objects.get(member=b.seats[4]).note == "Đến muộn"
    assert client.put(url, {}, content_type="application/json").status_code == 405
    assert client.get(reverse("council-meeting-list"), {"council": "x"}).status_code == 400
    login(client, outsider_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("council-meeting-detail", args=[b.meeting.pk])).status_code == 404


def test_ballot_counters_are_null_while_open(client, leader_a, live):
    b, ballot = live
    body = login(client, leader_a).get(reverse("ballot-detail", args=[ballot.pk])).json()
    assert body["status"] == "open" and body["votes_received"] == 2 and body["has_voted"] is False
    for key in ("yes_count", "no_count", "abstain_count", "members_count", "present_count", "passed"):
        assert body[key] is None
    listed = client.get(reverse("ballot-list"), {"meeting": b.meeting.pk}).json()["results"]
    assert listed[0]["yes_count"] is None
    body = login(client, b.users[0]).get(reverse("ballot-detail", args=[ballot.pk])).json()
    assert body["has_voted"] is True and body["yes_count"] is None


def test_vote(client, outsider_b, live):
    b, ballot = live
    url = reverse("ballot-vote", args=[ballot.pk])
    login(client, b.users[2])
    assert client.get(url).status_code == 405
    response = client.post(url, {"choice": "no"}, content_type="application/json")
    assert response.status_code == 201 and response.json() == {"detail": "Đã bỏ phiếu."}
    again = client.post(url, {"choice": "yes"}, content_type="application/json")
    assert again.status_code == 400 and "đã bỏ phiếu" in again.json()["detail"]
    assert client.post(url, {"choice": "maybe"}, content_type="application/json").status_code == 400
    login(client, b.users[4])  # absent
    assert client.post(url, {"choice": "yes"}, content_type="application/json").status_code == 400
    assert (
        login(client, outsider_b).post(url, {"choice": "yes"}, content_type="application/json").status_code
        == 404
    )
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 3


def test_written_vote(client, officer_a, outsider_b, live):
    b, ballot = live
    url = reverse("ballot-written-vote", args=[ballot.pk])
    data = {"member": b.seats[4].pk, "choice": "yes"}
    assert login(client, b.users[3]).post(url, data, content_type="application/json").status_code == 403
    assert login(client, officer_a).post(url, data, content_type="application/json").status_code == 403
    absent_only = login(client, b.secretary).post(
        url, {"member": b.seats[3].pk, "choice": "yes"}, content_type="application/json"
    )
    assert absent_only.status_code == 400
    assert client.post(url, data, content_type="application/json").status_code == 201
    assert client.get(url).status_code == 405
    assert login(client, outsider_b).post(url, data, content_type="application/json").status_code == 404


def test_close(client, outsider_b, live):
    b, ballot = live
    url = reverse("ballot-close", args=[ballot.pk])
    assert login(client, b.users[3]).post(url).status_code == 403
    assert login(client, outsider_b).post(url).status_code == 404
    login(client, b.chair)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 400  # no tally codes
    body = client.post(url, CODES, content_type="application/json").json()
    assert (body["yes_count"], body["no_count"], body["members_count"], body["present_count"]) == (2, 0, 5, 4)
    assert body["passed"] is False and body["status"] == "closed"
    assert client.post(url, CODES, content_type="application/json").status_code == 400


def test_schema_builds(client, officer_a):
    response = login(client, officer_a).get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"/api/ballots/{id}/vote/" in response.content
