"""Concurrent issuing: every decision gets a number, none twice, none skipped (PostgreSQL, real threads).

On SQLite the IMMEDIATE transactions serialise writers and an in-memory database is not shared between
threads, so the threaded test runs on PostgreSQL only; the sequential test runs everywhere."""

import threading
from datetime import date

import pytest
from django.conf import settings
from django.db import close_old_connections, connection

from tdkt.decisions import services
from tdkt.decisions.models import Decision, NumberRegister
from tdkt.decisions.tests.decisions_helpers import kind

THREADS = 8


def _drafts(org, person_a, n):
    issuer = services.create_issuer(name="Chi cục Hải quan A", symbol="HQA", unit=org.a)
    drafts = []
    for i in range(n):
        decision = services.create_decision(
            issuer=issuer,
            summary=f"Về việc tặng Lao động tiên tiến {i}",
            signer_name="Nguyễn Văn Ký",
            signer_title="Chi cục trưởng",
            authority="",
            legal_bases="",
            recipients="",
            actor=None,
        )
        services.add_line(
            decision=decision, award_kind=kind("LDTT"), achievement_year=2000 + i, person=person_a
        )
        drafts.append(decision)
    return issuer, drafts


@pytest.mark.django_db
def test_sequential_issuing_numbers_one_to_n(org, person_a):
    issuer, drafts = _drafts(org, person_a, THREADS)
    for decision in reversed(drafts):
        services.issue_decision(decision=decision, signed_on=date(2025, 6, 1))
    assert sorted(Decision.objects.values_list("number", flat=True)) == list(range(1, THREADS + 1))


@pytest.mark.skipif(not settings.IS_POSTGRES, reason="threads need a shared database server (PostgreSQL)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_gives_numbers_one_to_n_exactly(org, person_a):
    issuer, drafts = _drafts(org, person_a, THREADS)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def work(decision):
        try:
            barrier.wait(timeout=30)
            services.issue_decision(decision=decision, signed_on=date(2026, 1, 1))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    numbers = sorted(Decision.objects.filter(year=2026).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 1))
    assert NumberRegister.objects.get(issuer=issuer, year=2026).last_number == THREADS
    assert set(Decision.objects.values_list("status", flat=True)) == {Decision.Status.ISSUED}
