"""Decision slots: records whose decision number is replaced by a token naming where it came from.

A rule copies a record's decision number into its texts (and tests whether there is one) but never decides
on its value; so on a shared decision path (`tdkt.rules.memo`) the records a query answers carry, instead of
their numbers, a slot `\\ue000<query>.<place>\\ue001`: the query's number (per process) and the record's place
in its answer. Verdicts made from the path get the subject's own numbers back (`memo.fill`).

Year slots work the same way for the queries that answer a list of years the rules only count and show
(`YEAR_QUERIES`: the years of a title, or of a rating, among a run): on a path each year is the slot
`\ue000<query>.<place>\ue001` with its place written in three digits, so that the slots sort as the years do
(`years_text` sorts what it lists). Two people with as many CSTĐCS in the same run, in different years, take
one path; `memo.fill` puts each one's own years back.

Two more kinds hold texts a rule only shows. Label slots (`labels_masked`): records a rule counts by a few
fields and names in its evidence (the awards before a date, the initiatives of a window) keep those fields,
and their whole label is one slot (`memo._LABELS` says how each query's label is written). Note slots
(`NOTE_QUERIES`): an answer object decided on by some fields (a penalty cut's first counted year, the band
reached by time in post) whose texts are slots, filled from its `slot_text(place)`.

The registry is process-wide and read on every verdict, so reads take no lock; a new query's number is given
under `_lock`, so two threads (gunicorn's `--threads`, the background jobs) never hand one number to two
queries nor two numbers to one. The token and field-place caches hold values that are the same whichever
thread computes them (a dict's get and set are each atomic), so they need none.
"""

from __future__ import annotations

import re
import threading
from typing import Any

SLOT = re.compile("\ue000(\\d+)\\.(\\d+)\ue001")
SLOT_START = "\ue000"

_queries: list[tuple] = []  # slot number → query
_numbers: dict[tuple, int] = {}
_tokens: dict[tuple[int, int], str] = {}
_decision_place: dict[type, int] = {}
_year_slots: dict[tuple[int, int], tuple[str, ...]] = {}
_labelled: dict[tuple, tuple] = {}  # (query number, what decides of each record) → label-masked records
LABELLED_KEPT = 50_000  # `_labelled` is emptied at this size
YEAR_QUERIES = frozenset({"title_years_among", "rated_years_among"})  # answers: years, counted and shown
# answers whose texts are slots (`slot_text(place)`): a penalty cut's note, the figures of time in post
NOTE_QUERIES = frozenset({"penalty_covering", "penalty_cut_after", "leadership_service"})
_lock = threading.Lock()


def number(query: tuple) -> int:
    """The number of a query answering records with decisions (`("awards", "BK_BO")`, …)."""
    found = _numbers.get(query)
    if found is None:
        with _lock:
            found = _numbers.get(query)
            if found is None:
                _queries.append(query)
                found = len(_queries) - 1
                _numbers[query] = found  # published last: a reader seeing the number finds its query
    return found


def query(found: int) -> tuple:
    return _queries[found]


def token(found: int, place: int) -> str:
    text = _tokens.get((found, place))
    if text is None:
        text = _tokens[(found, place)] = f"\ue000{found}.{place}\ue001"
    return text


def masked(found: int, records: tuple) -> tuple:
    """`records` (named tuples with a `decision` field) with each decision replaced by its slot; records
    without a decision are kept as they are."""
    out: list[Any] = []
    for place, record in enumerate(records):
        if record.decision:
            kind = type(record)
            at = _decision_place.get(kind)
            if at is None:
                at = _decision_place[kind] = kind._fields.index("decision")
            record = kind._make(record[:at] + (token(found, place),) + record[at + 1 :])
        out.append(record)
    return tuple(out)


def labels_masked(found: int, records: tuple, decides, masked) -> tuple:
    """`records` (the answer of query number `found`) as label slots: `decides(record)` is what a rule decides
    on (a tuple), `masked(record, slot)` the record with only that and its label's slot. One shared tuple
    per query and sequence of what decides, so that the people who agree on it share the path."""
    key = (found, *map(decides, records))
    found_masked = _labelled.get(key)
    if found_masked is None:
        found_masked = tuple(masked(record, token(found, place)) for place, record in enumerate(records))
        if len(_labelled) >= LABELLED_KEPT:
            _labelled.clear()
        _labelled[key] = found_masked
    return found_masked


def years_masked(found: int, years: tuple[int, ...]) -> tuple[str, ...]:
    """`years` (the answer of query number `found`, in order) as as many slots, one shared tuple per length:
    the slots sort as the years they stand for (places in three digits)."""
    if not years:
        return ()
    key = (found, len(years))
    masked = _year_slots.get(key)
    if masked is None:
        masked = _year_slots[key] = tuple(f"\ue000{found}.{place:03d}\ue001" for place in range(len(years)))
    return masked
