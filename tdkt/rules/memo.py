"""Decision paths shared between subjects: the rule runs once for every distinct set of facts it looks at.

A rule is a pure function of its plan (award, year, consideration date, rule set and parameter values), the
subject's kind, and the answers to the queries it puts to the subject's index (`rating(2024)`,
`awards("BK_BO")`, `shared_run("good", 2025, True)`, …). Two subjects that give the same answers to the same
queries, in the same order, get the same criteria, the same missing items and the same earliest year; only
the subject id differs. In a batch of thousands of people most questions are of that kind: an LĐTT question
looks at one rating and one year's discipline.

The evaluator keeps, per plan, kind and earliest-year setting, a tree of the queries the rule asked:

- an inner node holds one query and one child per answer seen so far;
- a leaf holds the `Judgement` the rule reached at the end of that path.

For a subject, the tree is walked by asking the node's query of the subject's index and following the
answer. A leaf gives the verdict without running the rule. A missing branch runs the rule on a `Recorder` (the
index, noting each query and its answer) and grows the tree along the new path. The rule is the single source
of every verdict: the tree only remembers what it concluded for facts already seen, so the verdicts are the
same with and without it (`tdkt/rules/tests/test_memo.py` checks this on random facts).

What keeps this sound:

- every fact a rule reads goes through a query method of `SubjectIndex` (the rules never touch
  `SubjectFacts` directly), and `Recorder` offers every one of them;
- answers are compared by value (records are named tuples, sequences are tuples);
- a query is noted once per path (asking it again gives the same answer);
- a path that disagrees with the tree (another query where the tree has one) is not stored and counted in
  `Stats.conflicts`: it would mean a rule read something else, and the tests require zero.

Memory is bounded: past `max_nodes` nodes in one evaluator, or `MAX_BRANCHES` answers at one node (decision
numbers, dates), new paths are not stored and those subjects are judged by running the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter, methodcaller
from typing import TYPE_CHECKING, Any

from tdkt.rules.criteria.context import SubjectIndex

if TYPE_CHECKING:
    from tdkt.rules.engine import Judgement, _Plan

MAX_NODES = 2_000_000
MAX_BRANCHES = 65_536


@dataclass
class Stats:
    """What an evaluator's shared paths did: questions answered from a leaf, questions the rule ran for."""

    max_nodes: int = MAX_NODES
    shared: int = 0
    ran: int = 0
    nodes: int = 0
    leaves: int = 0
    conflicts: int = 0

    @property
    def shared_share(self) -> float:
        total = self.shared + self.ran
        return self.shared / total if total else 0.0


class _Node:
    """A node of a tree. Inner: a run of queries always asked together, one child per tuple of answers. Leaf:
    a judgement. Fresh (a root not yet grown): neither."""

    __slots__ = ("queries", "askers", "children", "leaf")

    def __init__(self, leaf: Judgement | None = None) -> None:
        self.queries: tuple[tuple, ...] | None = None
        self.askers: tuple[Any, ...] | None = None
        self.children: dict[tuple, _Node] = {}
        self.leaf = leaf


# --- asking a query of an index ---------------------------------------------------------------------------------
#
# A query is (method name, *arguments). Replaying it on another index is a C-level `methodcaller` (or
# `attrgetter` for the two attributes), so that walking a path runs no Python frame per step.

_ATTRIBUTES = frozenset({"all_disciplines", "positions"})


def _asker(query: tuple) -> Any:
    """The function answering `query` for an index."""
    name = query[0]
    if name in _ATTRIBUTES:
        return attrgetter(name)
    return methodcaller(name, *query[1:])


# --- recording --------------------------------------------------------------------------------------------------


class Recorder:
    """A subject's index that notes every query a rule asks and its answer, once per query, in order."""

    __slots__ = ("base", "trace", "_asked", "_quiet")

    def __init__(self, base: SubjectIndex) -> None:
        self.base = base
        self.trace: list[tuple[tuple, Any]] = []
        self._asked: set[tuple] = set()
        self._quiet = 0  # inside a shared run: the run as a whole is the answer, not the years it looked at

    def _ask(self, query: tuple, answer: Any) -> Any:
        if not self._quiet and query not in self._asked:
            self._asked.add(query)
            self.trace.append((query, answer))
        return answer

    def rating(self, year: int):
        return self._ask(("rating", year), self.base.rating(year))

    def task_result(self, year: int):
        return self._ask(("task_result", year), self.base.task_result(year))

    def counts(self, year: int):
        return self._ask(("counts", year), self.base.counts(year))

    def has_title(self, code: str, year: int) -> bool:
        return self._ask(("has_title", code, year), self.base.has_title(code, year))

    def title_years_upto(self, code: str, last: int):
        return self._ask(("title_years_upto", code, last), self.base.title_years_upto(code, last))

    def title_years_among(self, code: str, years: tuple[int, ...]):
        return self._ask(("title_years_among", code, years), self.base.title_years_among(code, years))

    def ratings_of(self, years: tuple[int, ...]):
        return self._ask(("ratings_of", years), self.base.ratings_of(years))

    def awards(self, code: str):
        return self._ask(("awards", code), self.base.awards(code))

    def initiatives(self, year: int):
        return self._ask(("initiatives", year), self.base.initiatives(year))

    def initiatives_among(self, years: tuple[int, ...], min_scope: str, research_applied: bool):
        answer = self.base.initiatives_among(years, min_scope, research_applied)
        return self._ask(("initiatives_among", years, min_scope, research_applied), answer)

    def disciplines(self, year: int):
        return self._ask(("disciplines", year), self.base.disciplines(year))

    @property
    def all_disciplines(self):
        return self._ask(("all_disciplines",), self.base.all_disciplines)

    @property
    def positions(self):
        return self._ask(("positions",), self.base.positions)

    def vote(self, award: str):
        return self._ask(("vote", award), self.base.vote(award))

    def last_rated_before(self, limit: int) -> int | None:
        return self._ask(("last_rated_before", limit), self.base.last_rated_before(limit))

    def latest_member_total(self) -> int | None:
        return self._ask(("latest_member_total",), self.base.latest_member_total())

    def shared_run(self, test: str, last: int, breaks: Any) -> tuple[int, ...]:
        self._quiet += 1
        try:
            run = self.base.shared_run(test, last, breaks)
        finally:
            self._quiet -= 1
        return self._ask(("shared_run", test, last, breaks), run)


# --- the tree ---------------------------------------------------------------------------------------------------


def root(plan: _Plan, kind: str, earliest: bool) -> _Node:
    """The tree of `plan` for subjects of `kind`, with or without the earliest-year search."""
    key = (kind, earliest)
    node = plan.paths.get(key)
    if node is None:
        node = plan.paths[key] = _Node()
    return node


def asking(index: SubjectIndex) -> Any:
    """The function that puts an asker's query to `index` (make it once per subject, pass it to `walk`)."""
    return methodcaller("__call__", index)


def walk(node: _Node, ask: Any) -> Judgement | None:
    """The judgement stored at the end of the path a subject takes, or None when its path is new. `ask` is
    `asking(index)` of the subject's index: each node's queries are put to it in one C-level `map`."""
    while node.leaf is None:
        askers = node.askers
        if askers is None:
            return None
        node = node.children.get(tuple(map(ask, askers)))
        if node is None:
            return None
    return node.leaf


def grow(root: _Node, recorder: Recorder, judgement: Judgement, stats: Stats) -> None:
    """Store the path the recorder saw, ending in `judgement`, unless it disagrees with the tree (counted in
    `stats.conflicts`) or the tree is full (`stats.max_nodes`)."""
    trace = recorder.trace
    node, done, total = root, 0, len(trace)
    while node.leaf is None:
        queries = node.queries
        if queries is None:  # a fresh node: the rest of the trace is one run of queries
            if done == total:
                node.leaf = judgement
                stats.leaves += 1
            elif _room(stats, node, 1):
                rest = trace[done:]
                node.queries = tuple(query for query, _ in rest)
                node.askers = tuple(map(_asker, node.queries))
                node.children[tuple(answer for _, answer in rest)] = _Node(judgement)
                stats.nodes += 1
                stats.leaves += 1
            return
        same = 0
        while same < len(queries) and done + same < total and trace[done + same][0] == queries[same]:
            same += 1
        if same == 0:
            stats.conflicts += 1  # with the same answers so far, this run asked something else (or less)
            return
        if same < len(queries):
            if not _room(stats, node, len(node.children)):
                return
            _split(node, same)
            stats.nodes += len(node.children)
        key = tuple(answer for _, answer in trace[done : done + same])
        child = node.children.get(key)
        if child is None:
            if not _room(stats, node, 1):
                return
            child = node.children[key] = _Node()
            stats.nodes += 1
        node, done = child, done + same
    if done != total:
        stats.conflicts += 1  # the tree ended here, this run asked more


def _room(stats: Stats, node: _Node, more: int) -> bool:
    return stats.nodes + more <= stats.max_nodes and len(node.children) < MAX_BRANCHES


def _split(node: _Node, at: int) -> None:
    """Cut the node's run of queries after `at`: its children move under new nodes that ask the rest."""
    queries, askers, children = node.queries, node.askers, node.children
    node.queries, node.askers, node.children = queries[:at], askers[:at], {}
    for key, child in children.items():
        middle = node.children.get(key[:at])
        if middle is None:
            middle = node.children[key[:at]] = _Node()
            middle.queries, middle.askers = queries[at:], askers[at:]
        middle.children[key[at:]] = child
