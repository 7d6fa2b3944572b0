"""Whole-agency runs over every person, split over worker processes.

    ranges = person_id_ranges(workers=2)
    results = run_in_ranges(job, ranges)       # job((first, last)) in one forked process per range

A run over a million people is CPU-bound Python on the client (rows into records, the engine) while the
database server works on its own processes: a machine with several cores does it in a fraction of the time
when each core takes a contiguous range of person ids (`facts.iter_person_facts_batches(id_range=…)`). Each
worker opens its own database connection, reads its range in keyset batches and returns a small result (tallies,
a few verdicts) to the parent. `workers=1` runs in this process.

Only on PostgreSQL (SQLite runs the ranges one after the other in this process). Fork start (Linux): the job is inherited by the children, so it may be any callable, a closure included. The
parent closes its database connections before forking (a connection must not be shared between processes).
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any

from django.db import connection, connections

from tdkt.org.models import Person

_JOB: Callable[[tuple[int, int]], Any] | None = None


def person_id_ranges(workers: int) -> list[tuple[int, int]]:
    """`workers` contiguous ranges of person ids holding about as many people each (empty when no one)."""

    total = Person.objects.count()
    if not total:
        return []
    workers = max(1, min(workers, total))
    bounds = []
    ids = Person.objects.order_by("pk").values_list("pk", flat=True)
    for part in range(workers):
        start = total * part // workers
        end = total * (part + 1) // workers - 1
        bounds.append((ids[start], ids[end]))
    return bounds


def run_in_ranges(job: Callable[[tuple[int, int]], Any], ranges: list[tuple[int, int]]) -> list[Any]:
    """`job(range)` for each range, one forked worker process per range (in this process for a single
    range); the results in range order. A worker's exception is raised here with its traceback."""
    if len(ranges) <= 1 or connection.vendor != "postgresql":
        # SQLite (an embedded file, or a test database in memory that closing would destroy): one process.
        return [job(r) for r in ranges]
    global _JOB
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    connections.close_all()
    _JOB = job
    try:
        workers = [context.Process(target=_work, args=(n, r, results)) for n, r in enumerate(ranges)]
        for worker in workers:
            worker.start()
        collected: dict[int, Any] = {}
        for _ in workers:
            number, ok, value = results.get()
            if not ok:
                for worker in workers:
                    worker.terminate()
                raise RuntimeError(f"Tiến trình {number} lỗi:\n{value}")
            collected[number] = value
        for worker in workers:
            worker.join()
    finally:
        _JOB = None
    return [collected[n] for n in range(len(ranges))]


def _work(number: int, id_range: tuple[int, int], results) -> None:
    # The parent closed its connections before forking: this process opens its own on first use.
    try:
        results.put((number, True, _JOB(id_range)))
    except BaseException:
        results.put((number, False, traceback.format_exc()))
    finally:
        connections.close_all()
