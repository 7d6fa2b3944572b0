"""Fixtures and builders shared by the decision tests (imported by the test_decisions*.py modules)."""

from datetime import date

import pytest

from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind
from tdkt.decisions import services
from tdkt.proposals.models import Candidate, Disclosure, Proposal, Status


def kind(code: str) -> AwardKind:
    return AwardKind.objects.get(code=code)


@pytest.fixture
def issuer(org):
    """Chi cục Hải quan A issues decisions numbered …/QĐ-HQA; leader_a signs them."""
    return services.create_issuer(
        name="Chi cục Hải quan A",
        symbol="HQA",
        parent_name="Cục Hải quan",
        unit=org.a,
        head_title="Chi cục trưởng",
    )


def make_proposal(
    org, people=(), *, code="CSTDCS", year=2024, status=Status.APPROVED, disclosed=(None, None), failed=()
):
    proposal = Proposal.objects.create(
        title=f"Đề nghị {code} năm {year}",
        proposing_unit=org.a1,
        receiving_unit=org.a,
        award_kind=kind(code),
        year=year,
        status=status,
    )
    for order, person in enumerate(people, start=1):
        Candidate.objects.create(
            proposal=proposal, person=person, result=Candidate.Result.PASSED, order=order
        )
    for order, person in enumerate(failed, start=100):
        Candidate.objects.create(
            proposal=proposal, person=person, result=Candidate.Result.FAILED, order=order
        )
    starts, ends = disclosed
    if ends is not None:
        Disclosure.objects.create(proposal=proposal, starts_on=starts or ends, ends_on=ends, working_days=5)
    return proposal


def draft(
    issuer, *, proposal=None, actor=None, summary="Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024"
):
    return services.create_decision(
        issuer=issuer,
        summary=summary,
        signer_name="Nguyễn Văn Ký",
        signer_title="Phó Chi cục trưởng",
        authority="KT.",
        legal_bases=[
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        ],
        recipients=["Như Điều 3;", "Lưu: VT, TĐKT."],
        proposal=proposal,
        actor=actor,
    )


def manual_draft(issuer, *, person=None, unit=None, code="CSTDCS", year=2024):
    decision = draft(issuer)
    services.add_line(
        decision=decision, award_kind=kind(code), achievement_year=year, person=person, unit=unit
    )
    decision.refresh_from_db()
    return decision


def issue(decision, on: date, actor=None):
    return services.issue_decision(decision=decision, signed_on=on, actor=actor)


def give(code, year, *, person=None, unit=None, number="x"):
    return awards.record_award(kind=kind(code), year=year, person=person, unit=unit, decision_number=number)
