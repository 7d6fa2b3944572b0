"""The ballot box: votes sealed under the ballot's key, counted once from their product, key erased after."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import login
from tdkt.councils import sealing, selectors, services
from tdkt.councils.models import Ballot, SealedVote

pytestmark = pytest.mark.django_db


def test_votes_are_counted_from_the_sealed_box_and_the_key_is_erased(board):
    b = board(5)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes", "yes", "no", "abstain", "yes"])
    ballot.refresh_from_db()
    assert ballot.public_key and ballot.sealed_key and (ballot.yes_count, ballot.no_count) == (0, 0)
    ciphertexts = set(SealedVote.objects.filter(ballot=ballot).values_list("ciphertext", flat=True))
    assert len(ciphertexts) == 5  # three "yes" votes, three different ciphertexts
    closed = services.close_ballot(ballot=ballot, user=b.chair)
    assert (closed.yes_count, closed.no_count, closed.abstain_count) == (3, 1, 1)
    assert closed.sealed_key == "" and closed.encrypted_total
    assert closed.encrypted_total == sealing.encrypted_sum(closed.public_key, ciphertexts)
    assert selectors.verify_ballot(Ballot.objects.get(pk=ballot.pk))
    assert selectors.ballot_result(closed)["sealed_votes"] == 5


def test_a_tally_code_is_needed_to_count(board):
    b = board(4)
    b.open()
    ballot = b.ballot(tally_code="1234-abcd")
    b.vote(ballot, ["no", "no", "yes", "no"])
    assert services.ballot_needs_code(ballot)
    with pytest.raises(ValidationError, match="Mã kiểm phiếu không đúng"):
        services.close_ballot(ballot=ballot, user=b.chair)
    with pytest.raises(ValidationError, match="Mã kiểm phiếu không đúng"):
        services.close_ballot(ballot=ballot, user=b.chair, tally_code="1234")
    assert Ballot.objects.get(pk=ballot.pk).status == Ballot.Status.OPEN
    closed = services.close_ballot(ballot=ballot, user=b.chair, tally_code="1234-abcd")
    assert (closed.yes_count, closed.no_count) == (1, 3)


def test_a_ballot_box_with_a_vote_too_many_is_not_counted(board):
    b = board(4)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["no", "no", "yes"])
    SealedVote.objects.create(ballot=ballot, ciphertext=sealing.seal_vote(ballot.public_key, "yes"))
    with pytest.raises(ValidationError, match="khác số thành viên đã bỏ phiếu"):
        services.close_ballot(ballot=ballot, user=b.chair)


def test_a_forged_ciphertext_is_caught_by_the_count_check(board):
    b = board(4)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["no", "no", "yes"])
    row = SealedVote.objects.filter(ballot=ballot).first()
    # Someone with the public key swaps one vote for "two yes votes": same number of rows, wrong total.
    double = int(sealing.seal_vote(ballot.public_key, "yes")) * int(
        sealing.seal_vote(ballot.public_key, "yes")
    )
    SealedVote.objects.filter(pk=row.pk).update(ciphertext=str(double % (int(ballot.public_key) ** 2)))
    with pytest.raises(ValidationError, match="không khớp"):
        services.close_ballot(ballot=ballot, user=b.chair)


def test_the_page_asks_the_chair_for_the_tally_code(board, client):
    b = board(4)
    b.open()
    ballot = b.ballot(tally_code="ma-kiem-phieu")
    b.vote(ballot, ["yes"] * 4)
    page = login(client, b.chair).get(reverse("councils:meeting_detail", args=[b.meeting.pk]))
    assert 'name="tally_code"' in page.content.decode()
    url = reverse("councils:ballot_close", args=[ballot.pk])
    client.post(url, {"tally_code": "sai"})
    assert Ballot.objects.get(pk=ballot.pk).status == Ballot.Status.OPEN
    client.post(url, {"tally_code": "ma-kiem-phieu"})
    assert Ballot.objects.get(pk=ballot.pk).yes_count == 4


def test_the_api_closes_with_the_tally_code_and_publishes_the_encrypted_sum(board, client):
    b = board(4)
    b.open()
    ballot = b.ballot(tally_code="ma-kiem-phieu")
    b.vote(ballot, ["yes", "no", "yes", "yes"])
    login(client, b.chair)
    url = reverse("ballot-close", args=[ballot.pk])
    assert client.post(url, {"tally_code": "sai"}, content_type="application/json").status_code == 400
    body = client.post(url, {"tally_code": "ma-kiem-phieu"}, content_type="application/json").json()
    assert (
        body["yes_count"] == 3 and body["encrypted_total"] == Ballot.objects.get(pk=ballot.pk).encrypted_total
    )


def test_the_meeting_page_rechecks_the_counted_ballot_box(board, client):
    b = board(3)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes", "no", "yes"])
    services.close_ballot(ballot=ballot, user=b.chair)
    url = reverse("councils:meeting_detail", args=[b.meeting.pk])
    page = login(client, b.chair).get(url).content.decode()
    assert "3 phiếu mã hóa, khớp" in page
    # A sealed vote swapped after the count no longer matches the published encrypted sum.
    row = SealedVote.objects.filter(ballot=ballot).first()
    SealedVote.objects.filter(pk=row.pk).update(ciphertext=sealing.seal_vote(ballot.public_key, "yes"))
    assert "KHÔNG khớp" in client.get(url).content.decode()
