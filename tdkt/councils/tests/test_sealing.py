"""The ballot box: votes sealed under the meeting's key, which only the chair's and the secretary's tally codes
together unseal; each ballot counted once from the product of its votes; the key erased when the meeting
closes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import login
from tdkt.councils import sealing, selectors, services
from tdkt.councils.models import Ballot, SealedVote
from tdkt.councils.tests.conftest import CODES

pytestmark = pytest.mark.django_db


def test_votes_are_counted_from_the_sealed_box_and_the_key_is_erased(board):
    b = board(5)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes", "yes", "no", "abstain", "yes"])
    ballot.refresh_from_db()
    assert ballot.public_key == b.meeting.public_key and b.meeting.sealed_key and ballot.sealed_key == ""
    assert (ballot.yes_count, ballot.no_count) == (0, 0)
    ciphertexts = set(SealedVote.objects.filter(ballot=ballot).values_list("ciphertext", flat=True))
    assert len(ciphertexts) == 5  # three "yes" votes, three different ciphertexts
    closed = services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert (closed.yes_count, closed.no_count, closed.abstain_count) == (3, 1, 1)
    assert closed.encrypted_total
    assert closed.encrypted_total == sealing.encrypted_sum(closed.public_key, ciphertexts)
    assert selectors.verify_ballot(Ballot.objects.get(pk=ballot.pk))
    assert selectors.ballot_result(closed)["sealed_votes"] == 5


def test_both_tally_codes_are_needed_to_count_and_a_wrong_one_writes_nothing(board):
    b = board(4)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["no", "no", "yes", "no"])
    chair, secretary = CODES["chair_code"], CODES["secretary_code"]
    for wrong in ((chair, "thu-ky-sai-ma"), ("chu-tich-sai", secretary), (secretary, chair)):
        with pytest.raises(ValidationError, match="Mã kiểm phiếu không đúng"):
            services.close_ballot(ballot=ballot, user=b.chair, chair_code=wrong[0], secretary_code=wrong[1])
    still = Ballot.objects.get(pk=ballot.pk)
    assert still.status == Ballot.Status.OPEN and (still.yes_count, still.no_count, still.passed) == (
        0,
        0,
        None,
    )
    closed = services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert (closed.yes_count, closed.no_count) == (1, 3)


def test_the_database_and_the_servers_secret_key_do_not_open_a_single_vote(board):
    """What a copy of the database and the key file give: the sealed meeting key opens with no code one
    could try without the chair and the secretary, so no sealed vote can be decrypted."""
    b = board(3)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes", "no", "yes"])
    meeting = type(b.meeting).objects.get(pk=b.meeting.pk)
    for guess in (
        ("", ""),
        (CODES["chair_code"], ""),
        ("", CODES["secretary_code"]),
        ("12345678", "12345678"),
    ):
        with pytest.raises(sealing.WrongTallyCode):
            sealing.open_key(meeting.public_key, meeting.sealed_key, *guess)
    # With the codes, the key opens, and a single vote would decrypt: that is why the codes never reach
    # the server except to count, and the key is gone once the meeting closes.
    private = sealing.open_key(
        meeting.public_key, meeting.sealed_key, CODES["chair_code"], CODES["secretary_code"]
    )
    assert private.public_key.n == int(ballot.public_key)


def test_opening_a_meeting_needs_two_codes_of_eight_characters_that_differ(board):
    b = board(3)
    b.attend(3)
    for codes, field in (
        ({"chair_code": "ngan", "secretary_code": "thu-ky-10-3"}, "chair_code"),
        ({"chair_code": "chu-tich-10-3", "secretary_code": ""}, "secretary_code"),
        ({"chair_code": "chu-tich-10-3", "secretary_code": "chu-tich-10-3"}, "secretary_code"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.open_meeting(meeting=b.meeting, actor=b.officer, **codes)
        assert field in refused.value.message_dict
    meeting = type(b.meeting).objects.get(pk=b.meeting.pk)
    assert meeting.status == "planned" and meeting.public_key == meeting.sealed_key == ""


def test_wrong_codes_are_refused_for_a_while_after_five_tries(board):
    from django.core.cache import cache

    b = board(3)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes", "yes", "yes"])
    cache.delete(services._code_tries_key(b.meeting.pk))
    for _try in range(services.CODE_TRIES):
        with pytest.raises(ValidationError, match="không đúng"):
            services.close_ballot(
                ballot=ballot, user=b.chair, chair_code="doan-thu-1", secretary_code="doan-thu-2"
            )
    with pytest.raises(ValidationError, match="thử lại sau"):
        services.close_ballot(ballot=ballot, user=b.chair, **CODES)  # even the right codes wait
    assert Ballot.objects.get(pk=ballot.pk).status == Ballot.Status.OPEN
    cache.delete(services._code_tries_key(b.meeting.pk))
    assert services.close_ballot(ballot=ballot, user=b.chair, **CODES).yes_count == 3


def test_every_open_ballot_is_counted_with_the_codes_entered_once_and_the_key_goes_with_the_meeting(board):
    b = board(4)
    b.open()
    first, second = b.ballot(subject="Nội dung 1"), b.ballot(subject="Nội dung 2")
    b.vote(first, ["yes", "yes", "no", "yes"])
    b.vote(second, ["no", "no", "abstain", "yes"])
    closed = services.close_open_ballots(meeting=b.meeting, user=b.chair, **CODES)
    assert [(c.yes_count, c.no_count, c.abstain_count) for c in closed] == [(3, 1, 0), (1, 2, 1)]
    assert all(selectors.verify_ballot(c) for c in closed)
    with pytest.raises(ValidationError, match="Không còn phiếu bầu nào đang mở"):
        services.close_open_ballots(meeting=b.meeting, user=b.chair, **CODES)
    services.close_meeting(meeting=b.meeting, actor=b.officer)
    meeting = type(b.meeting).objects.get(pk=b.meeting.pk)
    assert meeting.sealed_key == "" and meeting.public_key  # nothing left to unseal; sums still re-checkable


def test_a_ballot_opened_before_meeting_keys_is_still_counted_with_its_own_key(board):
    """Ballots opened before the meeting-level keys carry their own key (format 1, optional code)."""
    b = board(3)
    b.open()
    ballot = b.ballot()
    public, sealed = _legacy_key("ma-cu-cua-chu-tich")
    Ballot.objects.filter(pk=ballot.pk).update(public_key=public, sealed_key=sealed)
    ballot.refresh_from_db()
    b.vote(ballot, ["yes", "no", "yes"])
    with pytest.raises(ValidationError, match="không đúng"):
        services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    closed = services.close_ballot(
        ballot=ballot, user=b.chair, chair_code="ma-cu-cua-chu-tich", secretary_code="khong-dung-den"
    )
    assert (closed.yes_count, closed.no_count, closed.sealed_key) == (2, 1, "")


def _legacy_key(code: str) -> tuple[str, str]:
    """A ballot key as the format-1 code sealed it: SECRET_KEY and one optional code."""
    import hashlib
    import hmac
    import json
    import secrets

    from phe import paillier

    public, private = paillier.generate_paillier_keypair(n_length=sealing.key_bits())
    plain = json.dumps({"p": str(private.p), "q": str(private.q)}).encode()
    salt = secrets.token_bytes(16)
    key = sealing._wrapping_key(salt, (code,))
    body = bytes(a ^ b for a, b in zip(plain, sealing._stream(key, salt, len(plain)), strict=True))
    tag = hmac.new(key, b"mac" + salt + body, hashlib.sha256).hexdigest()
    return str(public.n), json.dumps(
        {"v": 1, "salt": salt.hex(), "body": body.hex(), "tag": tag, "coded": True}
    )


def test_a_ballot_box_with_a_vote_too_many_is_not_counted(board):
    b = board(4)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["no", "no", "yes"])
    SealedVote.objects.create(ballot=ballot, ciphertext=sealing.seal_vote(ballot.public_key, "yes"))
    with pytest.raises(ValidationError, match="khác số thành viên đã bỏ phiếu"):
        services.close_ballot(ballot=ballot, user=b.chair, **CODES)


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
        services.close_ballot(ballot=ballot, user=b.chair, **CODES)


def test_the_page_asks_the_chair_and_the_secretary_for_their_codes(board, client):
    b = board(4)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes"] * 4)
    page = (
        login(client, b.chair).get(reverse("councils:meeting_detail", args=[b.meeting.pk])).content.decode()
    )
    # The codes are typed outside the ballots section that refreshes every 15 s; each ballot's button
    # submits that form to its own address.
    codes_form = page.split('id="counting-codes"')[1].split("</form>")[0]
    assert 'name="chair_code"' in codes_form and 'name="secretary_code"' in codes_form
    ballots = page.split('id="ballots"')[1].split("</section>")[0]
    url = reverse("councils:ballot_close", args=[ballot.pk])
    assert f'form="counting-codes" formaction="{url}"' in ballots and 'name="chair_code"' not in ballots
    client.post(url, {"chair_code": CODES["chair_code"], "secretary_code": "sai-ma-thu-ky"})
    assert Ballot.objects.get(pk=ballot.pk).status == Ballot.Status.OPEN
    client.post(url, CODES)
    assert Ballot.objects.get(pk=ballot.pk).yes_count == 4


def test_the_meeting_page_opens_with_both_codes(board, client):
    b = board(3)
    b.attend(3)
    url = reverse("councils:meeting_detail", args=[b.meeting.pk])
    page = login(client, b.officer).get(url).content.decode()
    opening = page.split('id="open-meeting"')[1].split("</form>")[0]
    assert 'name="open-chair_code"' in opening and 'name="open-secretary_code"' in opening
    open_url = reverse("councils:meeting_open", args=[b.meeting.pk])
    refused = client.post(open_url, {"open-chair_code": "chu-tich-10-3"}, follow=True).content.decode()
    assert "Mã kiểm phiếu của Thư ký hội đồng" in refused
    assert type(b.meeting).objects.get(pk=b.meeting.pk).status == "planned"
    client.post(open_url, {"open-chair_code": "chu-tich-10-3", "open-secretary_code": "thu-ky-10-3"})
    assert type(b.meeting).objects.get(pk=b.meeting.pk).status == "open"


def test_the_api_opens_and_counts_with_the_codes_and_publishes_the_encrypted_sum(board, client):
    b = board(4)
    b.attend(4)
    login(client, b.officer)
    opened = client.post(
        reverse("council-meeting-open", args=[b.meeting.pk]), CODES, content_type="application/json"
    )
    assert opened.status_code == 200 and opened.json()["status"] == "open"
    assert "chair_code" not in opened.json() and "sealed_key" not in opened.json()
    b.meeting.refresh_from_db()
    ballot = b.ballot()
    b.vote(ballot, ["yes", "no", "yes", "yes"])
    login(client, b.chair)
    url = reverse("ballot-close", args=[ballot.pk])
    wrong = client.post(url, {**CODES, "secretary_code": "sai-ma-thu-ky"}, content_type="application/json")
    assert wrong.status_code == 400 and "chair_code" in wrong.json()["errors"]
    body = client.post(url, CODES, content_type="application/json").json()
    assert (
        body["yes_count"] == 3 and body["encrypted_total"] == Ballot.objects.get(pk=ballot.pk).encrypted_total
    )
    other = b.ballot(subject="Nội dung 2")
    b.vote(other, ["no"] * 4)
    counted = client.post(
        reverse("council-meeting-count", args=[b.meeting.pk]), CODES, content_type="application/json"
    )
    assert counted.status_code == 200 and [row["no_count"] for row in counted.json()] == [4]


def test_the_meeting_page_rechecks_the_counted_ballot_box(board, client):
    b = board(3)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes", "no", "yes"])
    services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    url = reverse("councils:meeting_detail", args=[b.meeting.pk])
    page = login(client, b.chair).get(url).content.decode()
    assert "3 phiếu mã hóa, khớp" in page
    # A sealed vote swapped after the count no longer matches the published encrypted sum.
    row = SealedVote.objects.filter(ballot=ballot).first()
    SealedVote.objects.filter(pk=row.pk).update(ciphertext=sealing.seal_vote(ballot.public_key, "yes"))
    assert "KHÔNG khớp" in client.get(url).content.decode()
