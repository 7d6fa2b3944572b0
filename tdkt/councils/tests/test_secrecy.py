"""Ballot secrecy: after real votes (pages, API, written), nothing in the database or the logs ties a member to
a choice — not a table row, not an audit entry, not a log record — and the receipt model cannot hold one."""

import json
import logging
import re

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F
from django.urls import reverse

from conftest import login
from tdkt.councils import services
from tdkt.councils.models import Ballot, BallotReceipt, CouncilMember, SealedVote
from tdkt.councils.tests.conftest import CODES
from tdkt.org.models import Person

pytestmark = pytest.mark.django_db

# In a log line a choice shows as a counter being incremented, or as the submitted value.
LOGGED_CHOICE = re.compile(
    r'(yes|no|abstain)_count"?\s*=\s*\(?[\w."]*(yes|no|abstain)_count"?\s*\+'
    r"|['\"](yes|no|abstain)['\"]|choice|đồng ý|biểu quyết",
    re.IGNORECASE,
)
CHOICE = re.compile(r"\b(yes|no|abstain|yes_count|no_count|abstain_count)\b|đồng ý|biểu quyết", re.IGNORECASE)


def _text(value) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


@pytest.fixture
def voted(board, client, caplog, settings):
    """A 6-member council: members vote through the page (htmx and plain), the API, and in writing."""
    settings.DEBUG = True  # even with SQL logging on, no statement names a choice
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own default is INFO
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    b = board(6)
    b.open(present=5)
    ballot = b.ballot(award_code="CSTDCS", candidate_person=b.seats[4].person)
    b.ballot_time_before_votes = ballot.updated_at
    caplog.clear()
    url = reverse("councils:vote", args=[ballot.pk])
    login(client, b.users[0]).post(url, {"choice": "yes", "confirmed": "1"}, HTTP_HX_REQUEST="true")
    login(client, b.users[1]).post(url, {"choice": "no", "confirmed": "1"})
    login(client, b.users[2]).post(
        reverse("ballot-vote", args=[ballot.pk]), {"choice": "abstain"}, content_type="application/json"
    )
    services.cast_vote(ballot=ballot, user=b.users[3], choice="yes")
    services.enter_written_vote(ballot=ballot, member=b.seats[5], choice="no", secretary_user=b.secretary)
    ballot.refresh_from_db()
    assert (ballot.yes_count, ballot.no_count, ballot.abstain_count) == (0, 0, 0)  # no count while open
    assert (
        SealedVote.objects.filter(ballot=ballot).count()
        == BallotReceipt.objects.filter(ballot=ballot).count()
        == 5
    )
    return b, ballot, list(caplog.records)


def _voter_markers(b):
    voters = b.seats[:4] + [b.seats[5]]
    return {
        "member": {s.pk for s in voters},
        "user": {s.user_id for s in voters},
        "person": {s.person_id for s in voters},
        "text": {s.person.full_name for s in voters}
        | {s.user.username for s in voters}
        | {s.person.staff_code for s in voters},
    }


def _links_voter(model, row: dict, markers) -> bool:
    user_model = get_user_model()
    for f in model._meta.concrete_fields:
        value = row.get(f.attname)
        if value is None:
            continue
        if isinstance(f, models.ForeignKey):
            target = f.related_model
            if (
                (target is CouncilMember and value in markers["member"])
                or (target is user_model and value in markers["user"])
                or (target is Person and value in markers["person"])
            ):
                return True
        elif any(marker in _text(value) for marker in markers["text"]):
            return True
    if model is CouncilMember and row["id"] in markers["member"]:
        return True
    if model is user_model and row["id"] in markers["user"]:
        return True
    if model is Person and row["id"] in markers["person"]:
        return True
    return False


def test_no_row_anywhere_holds_a_member_and_a_choice(voted):
    b, ballot, _records = voted
    markers = _voter_markers(b)
    offending, scanned = [], 0
    for model in apps.get_models(include_auto_created=True):
        for row in model._base_manager.all().values(*[f.attname for f in model._meta.concrete_fields]):
            scanned += 1
            if not _links_voter(model, row, markers):
                continue
            found = [k for k, v in row.items() if CHOICE.search(_text(v))]
            if found:
                offending.append((model._meta.label, row, found))
    assert scanned > 50 and offending == []


def test_the_audit_log_holds_no_vote(voted):
    b, ballot, _records = voted
    entries = LogEntry.objects.all()
    assert entries.exists()  # attendance and the opening were audited
    for entry in entries:
        assert entry.content_type.model != "ballotreceipt"
        assert not CHOICE.search(_text(entry.changes)), entry.changes
    services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    closing = LogEntry.objects.filter(content_type__model="ballot", object_pk=str(ballot.pk)).last()
    assert "status" in _text(closing.changes) and not CHOICE.search(_text(closing.changes))


def test_a_receipt_cannot_hold_a_choice_or_a_time():
    names = {f.name for f in BallotReceipt._meta.get_fields()}
    assert names == {"id", "ballot", "member", "in_writing"}
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in BallotReceipt._meta.fields)
    assert not any(
        f.is_relation and f.related_model is BallotReceipt for f in CouncilMember._meta.get_fields()
    )


def test_the_logs_name_no_choice(voted, caplog):
    _b, ballot, records = voted
    assert any(r.name == "django.db.backends" for r in records)  # SQL was logged at DEBUG
    for record in records:
        assert not LOGGED_CHOICE.search(record.getMessage()), record.getMessage()
    # The check is not vacuous: an ordinary QuerySet.update() would have shown up.
    caplog.clear()
    Ballot.objects.filter(pk=ballot.pk).update(no_count=F("no_count") + 0)
    assert any(LOGGED_CHOICE.search(r.getMessage()) for r in caplog.records)


def test_a_vote_does_not_touch_the_ballot_row_time(voted):
    """Counters change by UPDATE … SET x = x + 1 only: the ballot's `updated_at` does not follow the votes."""
    b, ballot, _records = voted
    assert Ballot.objects.get(pk=ballot.pk).updated_at == b.ballot_time_before_votes


def test_the_audit_log_holds_neither_the_meetings_key_nor_the_tally_codes(voted):
    b, ballot, _records = voted
    services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    services.close_meeting(meeting=b.meeting, actor=b.officer)
    meeting = type(b.meeting).objects.get(pk=b.meeting.pk)
    entries = LogEntry.objects.filter(content_type__model="meeting", object_pk=str(meeting.pk))
    assert entries.count() >= 2  # the opening and the closing were audited
    written = " ".join(
        _text(entry.changes) + _text(entry.additional_data) for entry in LogEntry.objects.all()
    )
    assert "sealed_key" not in written and '"salt"' not in written and meeting.public_key not in written
    assert CODES["chair_code"] not in written and CODES["secretary_code"] not in written
