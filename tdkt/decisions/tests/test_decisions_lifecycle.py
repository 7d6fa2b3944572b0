"""A decision's lifecycle is one table (`models.TRANSITIONS`): created as a draft, issued, revoked; every move
leaves an event row (who, when, why), and a move outside the table is refused without writing anything."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tdkt.decisions import services
from tdkt.decisions.models import TRANSITIONS, Decision, DecisionEvent
from tdkt.decisions.tests.decisions_helpers import draft, issue, issuer, make_proposal, manual_draft

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]  # the fixture, imported for pytest

S = Decision.Status


def _moves(decision) -> list[tuple[str, str]]:
    return list(decision.events.values_list("from_status", "to_status"))


def test_the_table_is_draft_then_issued_then_revoked():
    assert set(TRANSITIONS) == {("", S.DRAFT), (S.DRAFT, S.ISSUED), (S.ISSUED, S.REVOKED)}


def test_every_move_leaves_one_event_with_its_actor_and_reason(issuer, org, person_a, officer_a, leader_a):
    proposal = make_proposal(org, [person_a], year=2024, disclosed=(date(2025, 1, 2), date(2025, 1, 9)))
    decision = draft(issuer, proposal=proposal, actor=officer_a)
    assert _moves(decision) == [("", S.DRAFT)]
    created = decision.events.get()
    assert created.actor == officer_a and proposal.title in created.reason

    issue(decision, date(2025, 1, 20), actor=leader_a)
    services.revoke_decision(
        decision=decision, reason="Khai man thành tích", on=date(2025, 3, 1), actor=leader_a
    )
    assert _moves(decision) == [("", S.DRAFT), (S.DRAFT, S.ISSUED), (S.ISSUED, S.REVOKED)]
    issued, revoked = decision.events.order_by("id")[1:]
    assert issued.actor == leader_a and "01/QĐ-HQA" in issued.reason and "20/01/2025" in issued.reason
    assert revoked.actor == leader_a and revoked.reason == "Khai man thành tích"


def test_a_refused_move_writes_no_event(issuer, person_a):
    decision = manual_draft(issuer, person=person_a)
    with pytest.raises(ValidationError):
        services.revoke_decision(decision=decision, reason="Chưa ban hành mà hủy")
    issue(decision, date(2025, 2, 1))
    with pytest.raises(ValidationError):
        issue(decision, date(2025, 2, 2))
    assert _moves(decision) == [("", S.DRAFT), (S.DRAFT, S.ISSUED)]


def test_the_transition_helper_refuses_a_move_outside_the_table(issuer, person_a):
    decision = manual_draft(issuer, person=person_a)
    with pytest.raises(ValidationError) as refused:
        services._transition(decision, S.REVOKED, None, "tắt")
    assert "Dự thảo" in refused.value.messages[0] and "Đã hủy bỏ" in refused.value.messages[0]
    decision.refresh_from_db()
    assert decision.status == S.DRAFT and decision.events.count() == 1


def test_the_database_refuses_an_event_that_is_not_a_transition(issuer, person_a):
    decision = manual_draft(issuer, person=person_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionEvent.objects.create(decision=decision, from_status=S.DRAFT, to_status=S.REVOKED)


def test_the_detail_page_shows_the_history(as_user, issuer, person_a, officer_a):
    decision = manual_draft(issuer, person=person_a)
    client = as_user(officer_a)
    page = client.get(reverse("decisions:detail", args=[decision.pk]))
    assert page.status_code == 200
    assert 'id="history"' in page.content.decode() and "Dự thảo" in page.content.decode()
