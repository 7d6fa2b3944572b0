"""The engine's process-wide caches hold under threads (gunicorn `--threads`, background jobs): the slots
registry gives one number per query whoever asks first, and the shared index parts give every thread the
verdicts a single thread gets, even while the caches are being emptied under them."""

from __future__ import annotations

import random
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date

import pytest

from tdkt.rules import slots
from tdkt.rules.check import verdict_to_dict
from tdkt.rules.engine import Evaluator
from tdkt.rules.model import AwardRecord, SubjectFacts, TitleRecord

THREADS = 12


@pytest.fixture(autouse=True)
def _switch_often():
    """Hand the interpreter lock over as often as possible, so that threads interleave inside the caches."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def _hammer(work: Callable[[int], object]) -> list:
    """`work(n)` in THREADS threads released together; their results, in thread order (errors re-raised)."""
    start = threading.Barrier(THREADS)
    results: list = [None] * THREADS
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            start.wait()
            results[n] = work(n)
        except BaseException as error:  # noqa: BLE001 (re-raised in the test's thread)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


class _YieldingList(list):
    """A list whose `append` lets other threads run first: widens the window between reading the registry's
    length and growing it, where an unguarded registry gives one number to two queries."""

    def append(self, item) -> None:
        time.sleep(0)
        super().append(item)


def test_every_query_gets_one_number_whichever_thread_asks_first(monkeypatch):
    # A private copy of the registry (restored after the test), its appends yielding to the other threads.
    monkeypatch.setattr(slots, "_queries", _YieldingList(slots._queries))
    monkeypatch.setattr(slots, "_numbers", dict(slots._numbers))
    tag = uuid.uuid4().hex  # queries no earlier test has numbered
    queries = [("awards", f"{tag}-{n}") for n in range(400)]

    def work(n: int) -> dict[tuple, int]:
        mine = queries[:]
        random.Random(n).shuffle(mine)
        return {q: slots.number(q) for q in mine}

    seen = _hammer(work)
    assert all(numbers == seen[0] for numbers in seen)  # every thread got the same number for a query
    numbers = seen[0]
    assert len(set(numbers.values())) == len(queries)  # and no two queries share one
    assert all(slots.query(number) == q for q, number in numbers.items())


def _people(tag: str) -> list[SubjectFacts]:
    """Subjects whose records differ in the facts a rule reads and, among alike ones, in decision numbers only
    (what the shared index parts are keyed on); fresh objects, so each thread builds its own indexes."""
    people = []
    for n in range(120):
        years = [2019 + (n + k) % 6 for k in range(n % 4)]
        titles = tuple(
            TitleRecord("CSTDCS" if k % 2 else "LDTT", y, n % 11 == 0, f"{n}/{tag}")
            for k, y in enumerate(years)
        )
        awards = tuple(
            AwardRecord("BK_BO" if k % 2 else "GK", date(2019 + (n + k) % 6, 1 + k, 10), f"{n}-{k}/{tag}")
            for k in range(n % 3)
        )
        ratings = {year: ("HTXS", "HTT", "HT", "KHT")[(n + year) % 4] for year in range(2018, 2026)}
        people.append(SubjectFacts(id=f"p{n}", kind="person", ratings=ratings, titles=titles, awards=awards))
    return people


AWARDS = [("LDTT", 2025), ("CSTDCS", 2025), ("BK_BO", 2026), ("CSTD_BO", 2026), ("GK", 2026)]


def test_shared_index_parts_give_each_thread_the_single_thread_verdicts(monkeypatch):
    tag = uuid.uuid4().hex
    expected = [verdict_to_dict(v) for v in Evaluator(earliest=False).evaluate_subjects(_people(tag), AWARDS)]
    # A tiny cap: the shared parts are emptied again and again while the threads read and fill them.
    monkeypatch.setattr(slots, "LABELLED_KEPT", 5)

    def work(n: int) -> list[dict]:
        verdicts = []
        for _round in range(3):
            people = _people(tag)
            order = list(range(len(people)))
            random.Random(n * 10 + _round).shuffle(order)
            judged = Evaluator(earliest=False).evaluate_subjects([people[i] for i in order], AWARDS)
            by_subject = {}
            for verdict in judged:
                by_subject.setdefault(verdict.subject, []).append(verdict_to_dict(verdict))
            verdicts = [d for person in people for d in by_subject[person.id]]
        return verdicts

    for verdicts in _hammer(work):
        assert verdicts == expected
