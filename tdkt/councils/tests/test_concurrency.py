"""Concurrent requests on PostgreSQL: a double submission gives one vote, a double close one result.

SQLite serialises writers and its in-memory test database cannot be shared by threads, so these tests run
only on PostgreSQL (`scripts/with-postgres.sh`); the sequential double vote is in test_services.py.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tdkt.councils import selectors, services
from tdkt.councils.models import Ballot, BallotReceipt
from tdkt.councils.signals import ballot_closed
from tdkt.councils.tests.conftest import CODES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("cần PostgreSQL: SQLite không chạy song song các giao dịch ghi")


def run_together(n: int, work) -> list:
    """Run `work()` in n threads released at the same moment; each result or exception, in any order."""
    barrier = threading.Barrier(n)
    results: list = []
    lock = threading.Lock()

    def target():
        try:
            barrier.wait()
            outcome = work()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcome = exc
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=target) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.parametrize("repeat", range(3))
def test_two_simultaneous_submissions_give_exactly_one_vote(board, repeat):
    b = board(4)
    b.open()
    ballot = b.ballot()
    results = run_together(2, lambda: services.cast_vote(ballot=ballot, user=b.users[3], choice="yes"))
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(results) == 2 and len(errors) == 1
    assert isinstance(errors[0], ValidationError) and "đã bỏ phiếu" in errors[0].messages[0]
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 1
    ballot = services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert (ballot.yes_count, ballot.no_count, ballot.abstain_count) == (1, 0, 0)


def test_many_members_voting_at_once_are_all_counted(board):
    b = board(12)
    b.open()
    ballot = b.ballot()
    turn = iter(range(12))
    lock = threading.Lock()

    def vote():
        with lock:
            i = next(turn)
        services.cast_vote(ballot=ballot, user=b.users[i], choice="yes" if i % 3 else "no")

    results = run_together(12, vote)
    assert results == [None] * 12
    ballot = services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert (ballot.yes_count, ballot.no_count) == (8, 4)
    assert selectors.verify_ballot(ballot)


def test_two_simultaneous_closes_give_one_result(board):
    b = board(5)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes"] * 5)
    heard = []
    ballot_closed.connect(
        lambda sender, ballot, **kw: heard.append(ballot.pk), weak=False, dispatch_uid="t-close"
    )
    try:
        results = run_together(2, lambda: services.close_ballot(ballot=ballot, user=b.chair, **CODES))
    finally:
        ballot_closed.disconnect(dispatch_uid="t-close")
    closed = [r for r in results if isinstance(r, Ballot)]
    errors = [r for r in results if isinstance(r, ValidationError)]
    assert len(closed) == 1 and len(errors) == 1
    assert heard == [ballot.pk]
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.CLOSED and ballot.passed is True


def test_a_vote_racing_the_close_is_either_counted_or_refused(board):
    b = board(5)
    b.open()
    ballot = b.ballot()
    b.vote(ballot, ["yes"] * 4)

    turns = iter([0, 1])

    def one_or_other():
        if next(turns) == 0:
            return services.close_ballot(ballot=ballot, user=b.chair, **CODES)
        return services.cast_vote(ballot=ballot, user=b.users[4], choice="no")

    run_together(2, one_or_other)
    ballot.refresh_from_db()
    receipts = BallotReceipt.objects.filter(ballot=ballot).count()
    assert ballot.status == Ballot.Status.CLOSED
    assert ballot.yes_count + ballot.no_count + ballot.abstain_count == receipts
