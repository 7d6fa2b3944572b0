"""The lifecycle of a dossier, as a table: who may move it from which status to which.

Every pair of statuses is tried by every persona: the moves of `TRANSITIONS` succeed for the role the
table names (and administrators); every other move, or the right move by the wrong person, is refused
with a Vietnamese message and leaves the dossier untouched.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.core.errors import ConcurrentEditError
from tdkt.proposals import services
from tdkt.proposals.models import TRANSITIONS, ProposalEvent, Status
from tdkt.proposals.tests.conftest import STATUSES, put_in

pytestmark = pytest.mark.django_db

# role of the TRANSITIONS table → the persona that holds it for a dossier from A to HQ
HOLDER = {
    "proposer_leader": "leader_a",
    "receiver_officer": "officer_hq",
    "receiver_leader": "leader_hq",
    "council": "council_hq",
}
PERSONAS = [
    "leader_a",
    "officer_a",
    "officer_hq",
    "leader_hq",
    "council_hq",
    "union_a",
    "outsider_b",
    "staff_a",
]


@pytest.fixture
def people(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS + ["admin_user"]}


def test_the_table_names_every_move_of_the_procedure():
    assert TRANSITIONS == {
        ("draft", "submitted"): "proposer_leader",
        ("returned", "submitted"): "proposer_leader",
        ("submitted", "received"): "receiver_officer",
        ("submitted", "returned"): "receiver_officer",
        ("received", "returned"): "receiver_officer",
        ("received", "council"): "receiver_officer",
        ("council", "approved"): "council",
        ("council", "rejected"): "council",
        ("approved", "decided"): "receiver_leader",
    }


@pytest.mark.parametrize("source", STATUSES)
def test_every_move_by_every_persona(dossier, people, source):
    for target, name in ((t, n) for t in STATUSES for n in people):
        role, user = TRANSITIONS.get((source, target)), people[name]
        put_in(dossier, source)
        version = dossier.lock_version
        allowed = role is not None and (name == HOLDER[role] or name == "admin_user")
        if allowed:
            event = services._transition(dossier, target, user, "ghi chú")
            assert dossier.status == target and dossier.lock_version == version + 1
            assert (event.from_status, event.to_status, event.actor) == (source, target, user)
        else:
            expected = ValidationError if role is None else PermissionDenied
            with pytest.raises(expected) as refused:
                services._transition(dossier, target, user, "")
            message = str(refused.value)
            assert "Hồ sơ đang ở trạng thái" in message if role is None else "Chỉ " in message
            dossier.refresh_from_db()
            assert dossier.status == source and dossier.lock_version == version


def test_the_council_move_is_made_by_the_system_on_the_ballots(dossier):
    put_in(dossier, Status.COUNCIL)
    services._transition(dossier, Status.APPROVED, None, "Kết quả bỏ phiếu")
    assert dossier.status == Status.APPROVED
    put_in(dossier, Status.RECEIVED)
    with pytest.raises(PermissionDenied):
        services._transition(dossier, Status.COUNCIL, None)


def test_a_stale_version_is_refused(dossier, leader_a):
    with pytest.raises(ConcurrentEditError):
        services.submit(proposal=dossier, actor=leader_a, expected_version=dossier.lock_version + 5)
    services.submit(proposal=dossier, actor=leader_a, expected_version=dossier.lock_version)
    assert dossier.status == Status.SUBMITTED


def test_submit_refuses_an_empty_dossier(draft, leader_a):
    with pytest.raises(ValidationError, match="chưa có đối tượng"):
        services.submit(proposal=draft, actor=leader_a)


def test_submit_refuses_a_draft_past_its_deadline_but_not_a_returned_one(dossier, leader_a, officer_hq):
    from datetime import date

    dossier.deadline = date(2026, 1, 10)
    dossier.save()
    with pytest.raises(ValidationError, match="quá hạn trình hồ sơ \\(10/01/2026\\)"):
        services.submit(proposal=dossier, actor=leader_a, today=date(2026, 1, 11))
    services.submit(proposal=dossier, actor=leader_a, today=date(2026, 1, 10))
    services.return_for_correction(proposal=dossier, actor=officer_hq, reasons="Thiếu biên bản bình xét")
    services.submit(proposal=dossier, actor=leader_a, today=date(2026, 2, 1))
    assert dossier.status == Status.SUBMITTED


def test_return_correct_resubmit(dossier, leader_a, officer_a, officer_hq, person_b):
    services.submit(proposal=dossier, actor=leader_a)
    services.receive(proposal=dossier, actor=officer_hq)
    with pytest.raises(ValidationError, match="Ghi rõ lý do"):
        services.return_for_correction(proposal=dossier, actor=officer_hq, reasons="  ")
    services.return_for_correction(
        proposal=dossier, actor=officer_hq, reasons="Bổ sung tóm tắt thành tích của đồng chí An"
    )
    assert dossier.status == Status.RETURNED
    candidate = dossier.candidates.get()
    services.update_report(
        candidate=candidate,
        actor=officer_a,
        report={"summary": "Hoàn thành xuất sắc nhiệm vụ kiểm tra sau thông quan"},
        expected_version=candidate.lock_version,
    )
    services.submit(proposal=dossier, actor=leader_a, note="Đã bổ sung")
    history = list(ProposalEvent.objects.filter(proposal=dossier).values_list("to_status", "reason"))
    assert history == [
        ("draft", ""),
        ("submitted", ""),
        ("received", ""),
        ("returned", "Bổ sung tóm tắt thành tích của đồng chí An"),
        ("submitted", "Đã bổ sung"),
    ]


def test_the_receiving_side_cannot_edit_and_a_submitted_dossier_is_frozen(
    dossier, officer_hq, leader_a, person_a
):
    candidate = dossier.candidates.get()
    with pytest.raises(PermissionDenied, match="Chỉ Cán bộ TĐKT hoặc Lãnh đạo đơn vị đề nghị"):
        services.update_report(
            candidate=candidate, actor=officer_hq, report={"summary": "x"}, expected_version=None
        )
    services.submit(proposal=dossier, actor=leader_a)
    with pytest.raises(ValidationError, match="không sửa được nữa"):
        services.update_report(
            candidate=candidate, actor=leader_a, report={"summary": "x"}, expected_version=None
        )
