"""Decisions: numbering, cash against the base salary of the signing day, the award history, revocation,
and the gates of issuing (approved proposal, disclosure closed)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.awards import services as awards
from tdkt.awards.history import person_history
from tdkt.awards.models import Award
from tdkt.decisions import services
from tdkt.decisions.models import Decision, NumberRegister
from tdkt.decisions.selectors import totals_by_decision, totals_by_unit_year
from tdkt.decisions.tests.decisions_helpers import (
    draft,
    give,
    issue,
    issuer,
    kind,
    make_proposal,
    manual_draft,
)
from tdkt.org import services as org_services
from tdkt.proposals.models import Status
from tdkt.rules.services import evaluate_person

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]  # the fixture, imported for pytest


# --- numbering -------------------------------------------------------------------------------------------------


def test_first_of_the_year_is_01_with_leading_zero(issuer, person_a):
    decision = issue(manual_draft(issuer, person=person_a), date(2025, 3, 5))
    assert (decision.number, decision.year, decision.status) == (1, 2025, Decision.Status.ISSUED)
    assert decision.number_label == "01/QĐ-HQA"
    assert str(decision).startswith("01/QĐ-HQA – ")


def test_numbers_have_no_gaps_and_keep_two_digits_from_ten(issuer, person_a):
    labels = [
        issue(manual_draft(issuer, person=person_a, year=2010 + i), date(2025, 4, 1)).number_label
        for i in range(11)
    ]
    assert labels[:2] == ["01/QĐ-HQA", "02/QĐ-HQA"]
    assert labels[8:] == ["09/QĐ-HQA", "10/QĐ-HQA", "11/QĐ-HQA"]
    assert list(Decision.objects.order_by("number").values_list("number", flat=True)) == list(range(1, 12))
    assert NumberRegister.objects.get(issuer=issuer, year=2025).last_number == 11


def test_numbers_restart_on_1_january_and_are_per_issuer(issuer, person_a, org):
    other = services.create_issuer(name="Chi cục Hải quan B", symbol="HQB", unit=org.b)
    assert issue(manual_draft(issuer, person=person_a, year=2023), date(2024, 12, 30)).number == 1
    assert issue(manual_draft(issuer, person=person_a, year=2022), date(2024, 12, 31)).number == 2
    first_2025 = issue(manual_draft(issuer, person=person_a, year=2024), date(2025, 1, 1))
    assert (first_2025.number, first_2025.year, first_2025.number_label) == (1, 2025, "01/QĐ-HQA")
    unit_line = manual_draft(other, unit=org.b, code="TTLDTT", year=2024)
    assert issue(unit_line, date(2025, 1, 2)).number_label == "01/QĐ-HQB"


def test_a_failed_issue_does_not_consume_a_number(issuer, person_a, monkeypatch):
    issue(manual_draft(issuer, person=person_a, year=2023), date(2025, 2, 1))
    failing = manual_draft(issuer, person=person_a, year=2024)

    def broken(**kwargs):  # fails after the number was taken and the award written
        raise ValidationError("lỗi giả lập")

    monkeypatch.setattr(services.awards, "record_award", broken)
    with pytest.raises(ValidationError):
        issue(failing, date(2025, 2, 2))
    monkeypatch.undo()
    failing.refresh_from_db()
    assert (failing.status, failing.number) == (Decision.Status.DRAFT, None)
    assert NumberRegister.objects.get(year=2025).last_number == 1
    assert issue(failing, date(2025, 2, 3)).number == 2


def test_an_issued_decision_cannot_be_issued_again_or_edited(issuer, person_a, person_b):
    decision = issue(manual_draft(issuer, person=person_a), date(2025, 2, 1))
    with pytest.raises(ValidationError):
        issue(decision, date(2025, 2, 2))
    with pytest.raises(ValidationError):
        services.add_line(decision=decision, award_kind=kind("LDTT"), achievement_year=2024, person=person_b)
    with pytest.raises(ValidationError):
        services.remove_line(line=decision.lines.get())
    assert NumberRegister.objects.get(year=2025).last_number == 1


def test_an_empty_draft_cannot_be_issued(issuer):
    with pytest.raises(ValidationError, match="chưa có"):
        issue(draft(issuer), date(2025, 2, 1))
    assert not NumberRegister.objects.filter(last_number__gt=0).exists()


# --- drafts -------------------------------------------------------------------------------------------------------


def test_lines_from_an_approved_proposal_name_people_as_at_the_time(issuer, org, person_a, person_b):
    proposal = make_proposal(
        org, [person_a], failed=[person_b], disclosed=(date(2025, 1, 2), date(2025, 1, 9))
    )
    org_services.rename_unit(unit=org.a1, name="Đội Kiểm soát A1", on=date(2025, 6, 1))
    decision = draft(issuer, proposal=proposal)
    line = decision.lines.get()
    assert (line.person, line.award_kind.code, line.achievement_year) == (person_a, "CSTDCS", 2024)
    assert line.subject_name == "Nguyễn Văn An"
    assert line.subject_detail == "Đội Nghiệp vụ A1"  # the team's name in 2024, not today's
    assert line.candidate.proposal == proposal
    assert decision.legal_bases.splitlines()[0].startswith("Căn cứ Luật")


def test_a_decision_needs_an_approved_proposal_without_another_decision(issuer, org, person_a):
    with pytest.raises(ValidationError, match="Hội đồng"):
        draft(issuer, proposal=make_proposal(org, [person_a], status=Status.COUNCIL))
    proposal = make_proposal(org, [person_a], year=2023)
    draft(issuer, proposal=proposal)
    with pytest.raises(ValidationError, match="đã có quyết định"):
        draft(issuer, proposal=proposal)


def test_lines_are_checked_against_the_award_subject(issuer, org, person_a):
    decision = draft(issuer)
    with pytest.raises(ValidationError, match="tập thể"):
        services.add_line(
            decision=decision, award_kind=kind("TTLDXS"), achievement_year=2024, person=person_a
        )
    services.add_line(decision=decision, award_kind=kind("CSTDCS"), achievement_year=2024, person=person_a)
    with pytest.raises(ValidationError, match="đã có"):
        services.add_line(
            decision=decision, award_kind=kind("CSTDCS"), achievement_year=2024, person=person_a
        )
    line = services.add_line(decision=decision, award_kind=kind("TTLDXS"), achievement_year=2024, unit=org.a1)
    assert (line.subject_name, line.subject_detail) == ("Đội Nghiệp vụ A1", "Chi cục Hải quan A")
    services.remove_line(line=line)
    assert decision.lines.count() == 1


def test_stale_lock_version_is_refused(issuer, person_a):
    from tdkt.core.errors import ConcurrentEditError

    decision = draft(issuer)
    read = decision.lock_version
    services.add_line(
        decision=decision,
        award_kind=kind("CSTDCS"),
        achievement_year=2024,
        person=person_a,
        expected_version=read,
    )
    with pytest.raises(ConcurrentEditError):
        services.issue_decision(decision=decision, signed_on=date(2025, 1, 5), expected_version=read)
    with pytest.raises(ConcurrentEditError):
        services.update_decision(decision=decision, expected_version=read, summary="Khác")


# --- cash ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed_on", "person_amount", "unit_amount"),
    [
        (date(2024, 6, 30), 1_800_000, 2_700_000),  # 1.0 and 1.5 × 1.800.000
        (date(2024, 7, 1), 2_340_000, 3_510_000),  # 1.0 and 1.5 × 2.340.000
        (date(2026, 7, 1), 2_530_000, 3_800_000),  # 3.795.000 rounded up to the next 10.000 đ
    ],
)
def test_cash_is_multiple_times_the_base_salary_of_the_signing_day(
    issuer, org, person_a, signed_on, person_amount, unit_amount
):
    decision = manual_draft(issuer, person=person_a, year=2023)
    services.add_line(decision=decision, award_kind=kind("TTLDXS"), achievement_year=2023, unit=org.a1)
    issue(decision, signed_on)
    person_line, unit_line = decision.lines.order_by("order")
    assert (person_line.cash_multiple, person_line.cash_amount) == (1, person_amount)
    assert (unit_line.cash_multiple, unit_line.cash_amount) == (pytest.approx(1.5), unit_amount)


def test_totals_by_decision_and_by_unit_and_year(issuer, org, person_a, person_b, leader_a):
    proposal = make_proposal(org, [person_a, person_b], year=2023, disclosed=(None, date(2024, 6, 1)))
    d1 = issue(draft(issuer, proposal=proposal), date(2024, 6, 30), actor=leader_a)  # 2 × 1.800.000
    d2 = issue(manual_draft(issuer, unit=org.a1, code="TTLDXS", year=2023), date(2024, 7, 1))  # 3.510.000
    d3 = issue(
        manual_draft(issuer, person=person_a, code="LDTT", year=2024), date(2025, 1, 10)
    )  # 0,3 × 2.340.000 = 702.000 → 710.000
    d4 = issue(manual_draft(issuer, person=person_b, code="LDTT", year=2024), date(2025, 1, 11))
    services.revoke_decision(decision=d4, reason="Khai man thành tích", on=date(2025, 2, 1))
    issue_later = manual_draft(issuer, person=person_b, code="CSTDCS", year=2025)  # a draft counts nothing
    assert issue_later.status == Decision.Status.DRAFT

    by_decision = {
        t.decision.pk: (t.people, t.units, t.amount) for t in totals_by_decision(Decision.objects.all())
    }
    assert by_decision == {d1.pk: (2, 0, 3_600_000), d2.pk: (0, 1, 3_510_000), d3.pk: (1, 0, 710_000)}

    rows = [
        (t.unit_name, t.year, t.decisions, t.people, t.units, t.amount)
        for t in totals_by_unit_year(Decision.objects.all())
    ]
    assert rows == [
        ("(Không qua hồ sơ đề nghị)", 2025, 1, 1, 0, 710_000),
        ("(Không qua hồ sơ đề nghị)", 2024, 1, 0, 1, 3_510_000),
        ("Đội Nghiệp vụ A1", 2024, 1, 2, 0, 3_600_000),
    ]
    assert [t.amount for t in totals_by_unit_year(Decision.objects.all(), year=2025)] == [710_000]


# --- the award history and the chains -----------------------------------------------------------------------------


@pytest.fixture
def two_good_years(person_a):
    """HTT in 2023 and 2024 and CSTĐCS 2023: one more CSTĐCS (2024) opens Bằng khen cấp bộ in 2025."""
    awards.set_rating(person=person_a, year=2023, value="HTT")
    awards.set_rating(person=person_a, year=2024, value="HTT")
    give("CSTDCS", 2023, person=person_a, number="12/QĐ-HQA")
    return person_a


def test_issuing_writes_the_award_history_and_opens_the_next_award(issuer, org, two_good_years, leader_a):
    person = two_good_years
    assert evaluate_person(person, "BK_BO", 2025).verdict != "eligible"
    proposal = make_proposal(org, [person], year=2024, disclosed=(date(2025, 1, 2), date(2025, 1, 9)))
    decision = issue(draft(issuer, proposal=proposal), date(2025, 1, 20), actor=leader_a)

    line = decision.lines.get()
    award = line.award
    assert (award.kind.code, award.year, award.person, award.source) == (
        "CSTDCS",
        2024,
        person,
        Award.Source.DECISION,
    )
    assert (award.decision_number, award.decision_date, award.issuer) == (
        "01/QĐ-HQA",
        date(2025, 1, 20),
        "Chi cục Hải quan A",
    )
    assert award in person_history(person).awards
    assert evaluate_person(person, "BK_BO", 2025).verdict == "eligible"
    proposal.refresh_from_db()
    assert proposal.status == Status.DECIDED
    assert proposal.events.filter(to_status=Status.DECIDED, actor=leader_a).exists()


def test_revocation_removes_the_awards_from_every_chain(issuer, org, two_good_years, leader_a):
    person = two_good_years
    proposal = make_proposal(org, [person], year=2024, disclosed=(date(2025, 1, 2), date(2025, 1, 9)))
    decision = issue(draft(issuer, proposal=proposal), date(2025, 1, 20), actor=leader_a)
    assert evaluate_person(person, "BK_BO", 2025).verdict == "eligible"

    with pytest.raises(ValidationError):
        services.revoke_decision(decision=decision, reason="  ", actor=leader_a)
    services.revoke_decision(
        decision=decision,
        reason="Khai man thành tích",
        revoking_decision_number="07/QĐ-HQA",
        on=date(2025, 5, 1),
        actor=leader_a,
    )
    decision.refresh_from_db()
    award = decision.lines.get().award
    assert decision.status == Decision.Status.REVOKED and decision.number == 1  # kept, with its number
    assert "Khai man thành tích" in decision.revoked_reason and "07/QĐ-HQA" in decision.revoked_reason
    assert (award.revoked, award.revoked_decision, award.revoked_on) == (True, "07/QĐ-HQA", date(2025, 5, 1))
    assert award in person_history(person).awards  # still in the history, marked
    assert evaluate_person(person, "BK_BO", 2025).verdict != "eligible"
    with pytest.raises(ValidationError):
        services.revoke_decision(decision=decision, reason="Lần nữa")


# --- gates ----------------------------------------------------------------------------------------------------------


def test_issuing_is_refused_until_the_disclosure_window_has_closed(issuer, org, person_a, leader_a):
    proposal = make_proposal(org, [person_a], disclosed=(date(2025, 1, 2), date(2025, 1, 9)))
    decision = draft(issuer, proposal=proposal)
    for day in (date(2025, 1, 5), date(2025, 1, 9)):  # during the window, and on its last day
        with pytest.raises(ValidationError, match="công khai"):
            issue(decision, day, actor=leader_a)
    assert not NumberRegister.objects.filter(last_number__gt=0).exists()
    assert not Award.objects.exists()
    assert issue(decision, date(2025, 1, 10), actor=leader_a).number == 1


def test_issuing_is_refused_without_any_disclosure(issuer, org, person_a, leader_a):
    decision = draft(issuer, proposal=make_proposal(org, [person_a]))
    with pytest.raises(ValidationError, match="công khai"):
        issue(decision, date(2025, 3, 1), actor=leader_a)


def test_issuing_is_refused_when_the_proposal_is_no_longer_approved(issuer, org, person_a, leader_a):
    proposal = make_proposal(org, [person_a], disclosed=(None, date(2025, 1, 9)))
    decision = draft(issuer, proposal=proposal)
    type(proposal).objects.filter(pk=proposal.pk).update(status=Status.RETURNED)
    with pytest.raises(ValidationError, match="Hội đồng"):
        issue(decision, date(2025, 2, 1), actor=leader_a)
    assert decision.lines.get().award is None


def test_marking_the_proposal_needs_a_leader_of_the_receiving_unit(issuer, org, person_a, officer_a):
    decision = draft(issuer, proposal=make_proposal(org, [person_a], disclosed=(None, date(2025, 1, 9))))
    with pytest.raises(PermissionDenied):
        issue(decision, date(2025, 2, 1), actor=officer_a)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT and not Award.objects.exists()
    assert not NumberRegister.objects.filter(last_number__gt=0).exists()


def test_seeded_issuers():
    symbols = dict(services.Issuer.objects.values_list("symbol", "head_title"))
    assert symbols["CHQ"] == "CỤC TRƯỞNG" and symbols["BTC"] == "BỘ TRƯỞNG"
    assert {"TCHQ", "TTg"} <= set(symbols)
