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

Decision numbers are evidence, not conditions: a rule copies a record's `decision` into its texts (and
tests whether there is one) but never decides on its value. Yet they are what makes most answers unique: two
people with a Bằng khen of the same date from different decisions would take different paths. So the queries
returning records with decisions (`MASKED_QUERIES`) answer, on a path, with each decision replaced by a slot,
a token naming the query and the record's place in the answer (`\ue000<query>.<place>\ue001`). The rule runs
on the slotted records; its judgement is stored as a `Template` when its texts show slots; and `fill` puts the
subject's own decision numbers back in when the verdict is made. The tests compare these verdicts, text for
text, with the rule run on the real records.

Years listed as evidence are the same kind of thing where a rule only counts them and shows them: the CSTĐCS
titles of a run (`title_years_among`) and the years rated HTXS in it (`rated_years_among`) decide by their
number, but name the person's own years. Those queries answer with year slots (`slots.YEAR_QUERIES`), so
that people with as many titles in the same run share a path, and `fill` puts each one's years back.

Memory is bounded: past `max_nodes` nodes in one evaluator, or `MAX_BRANCHES` answers at one node (decision
numbers, dates), new paths are not stored and those subjects are judged by running the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, is_, itemgetter, methodcaller
from typing import TYPE_CHECKING, Any, NamedTuple

from tdkt.rules import slots
from tdkt.rules.criteria.context import RUNS, SubjectIndex, award_label, initiative_label
from tdkt.rules.model import Criterion

if TYPE_CHECKING:
    from tdkt.rules.engine import Judgement, _Plan

MAX_NODES = 2_000_000
MAX_BRANCHES = 65_536
TABLE_ROWS = 1024  # subjects walked down the trees together (`sort_rows`)


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
# `attrgetter` for the attribute), so that walking a path runs no Python frame per step.

_ATTRIBUTES = frozenset({"all_disciplines"})
# records with a `decision` (their whole label a slot for the queries of `_LABELS`)
MASKED_QUERIES = frozenset({"awards_before", "initiatives", "initiatives_among"})


def _asker(query: tuple) -> Any:
    """The function answering `query` for an index (with decisions in slots for `MASKED_QUERIES`)."""
    name = query[0]
    if name in _ATTRIBUTES:
        return attrgetter(name)
    if name in MASKED_QUERIES:
        return methodcaller(f"slotted_{name}", slots.number(query), *query[1:])
    if name == "shared_run":  # the run itself, without the index's memo (each query is asked once here)
        _, test, last, breaks = query
        return partial(RUNS[test], last, breaks)
    if name == "title_years_among" and _is_span(query[2]):  # years in slots (`slots.YEAR_QUERIES`)
        years = query[2]
        return methodcaller("slotted_title_years_between", slots.number(query), query[1], years[0], years[-1])
    if name in slots.YEAR_QUERIES or name in slots.NOTE_QUERIES:
        return methodcaller(f"slotted_{name}", slots.number(query), *query[1:])
    return methodcaller(name, *query[1:])


def _is_span(years: tuple[int, ...]) -> bool:
    return bool(years) and years == tuple(range(years[0], years[0] + len(years)))


# --- decision slots (`tdkt.rules.slots`) ------------------------------------------------------------------


START = slots.SLOT_START


class Template(NamedTuple):
    """A judgement whose texts show decision slots: `fill` makes the subject's own judgement of it. Same
    fields as `engine.Judgement`."""

    rule_set: str
    verdict: str
    criteria: tuple[Criterion, ...]
    missing: tuple[str, ...]
    earliest_year: int | None
    warnings: tuple[str, ...] = ()


def template_of(judgement: Any) -> Any:
    """The judgement as a `Template` if any of its texts shows a slot, else unchanged."""
    for c in judgement.criteria:
        if START in c.text or START in c.need or any(START in e for e in c.evidence):
            return Template(*judgement)
    if any(START in item for item in judgement.missing):
        return Template(*judgement)
    return judgement


# The queries whose records carry their whole label in one slot (`slots.labels_masked`), and how it is written.
_LABELS = {"awards_before": award_label, "initiatives_among": initiative_label}


def fill(template: Template, index: SubjectIndex, judgement: type) -> Any:
    """The `judgement` (class) of a subject from a template: every slot replaced by what it stands for, asked
    again of the subject's index: a record's decision number, a year, a record's label (`_LABELS`) or an
    answer's text (`slots.NOTE_QUERIES`)."""

    def decision(match) -> str:  # or the year, for a year slot, or the note, for a penalty cut
        query = slots.query(int(match[1]))
        answer = methodcaller(query[0], *query[1:])(index)
        if query[0] in slots.NOTE_QUERIES:
            return answer.slot_text(int(match[2]))
        found = answer[int(match[2])]
        label = _LABELS.get(query[0])
        if label is not None:
            return label(found)
        return str(found) if query[0] in slots.YEAR_QUERIES else found.decision

    def text(value: str) -> str:
        return slots.SLOT.sub(decision, value) if START in value else value

    criteria = tuple(
        Criterion(
            c.id,
            c.status,
            text(c.text),
            c.basis,
            [text(e) for e in c.evidence],
            text(c.need),
            c.blocks_future,
        )
        for c in template.criteria
    )
    missing = tuple(text(item) for item in template.missing)
    return judgement(
        template.rule_set, template.verdict, criteria, missing, template.earliest_year, template.warnings
    )


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
        query = ("title_years_among", code, years)
        return self._ask(query, self.base.slotted_title_years_among(slots.number(query), code, years))

    def ratings_of(self, years: tuple[int, ...]):
        return self._ask(("ratings_of", years), self.base.ratings_of(years))

    def rated_years_among(self, rating: str, years: tuple[int, ...]):
        query = ("rated_years_among", rating, years)
        return self._ask(query, self.base.slotted_rated_years_among(slots.number(query), rating, years))

    def awards_before(self, code: str, on):
        query = ("awards_before", code, on)
        return self._ask(query, self.base.slotted_awards_before(slots.number(query), code, on))

    def initiatives(self, year: int):
        query = ("initiatives", year)
        return self._ask(query, self.base.slotted_initiatives(slots.number(query), year))

    def initiatives_among(self, years: tuple[int, ...], min_scope: str, research_applied: bool):
        query = ("initiatives_among", years, min_scope, research_applied)
        answer = self.base.slotted_initiatives_among(slots.number(query), years, min_scope, research_applied)
        return self._ask(query, answer)

    def disciplines(self, year: int):
        return self._ask(("disciplines", year), self.base.disciplines(year))

    @property
    def all_disciplines(self):
        return self._ask(("all_disciplines",), self.base.all_disciplines)

    def leadership_service(self, on, bands: tuple):
        query = ("leadership_service", on, bands)
        return self._ask(query, self.base.slotted_leadership_service(slots.number(query), on, bands))

    def vote(self, award: str):
        return self._ask(("vote", award), self.base.vote(award))

    def cluster_result(self, year: int):
        return self._ask(("cluster_result", year), self.base.cluster_result(year))

    def reviews_on(self, day):
        return self._ask(("reviews_on", day), self.base.reviews_on(day))

    def leaves_in(self, year: int):
        return self._ask(("leaves_in", year), self.base.leaves_in(year))

    def penalty_covering(self, year: int, on, terms: tuple):
        query = ("penalty_covering", year, on, terms)
        return self._ask(query, self.base.slotted_penalty_covering(slots.number(query), year, on, terms))

    def penalty_cut_after(self, year: int, on, terms: tuple):
        query = ("penalty_cut_after", year, on, terms)
        return self._ask(query, self.base.slotted_penalty_cut_after(slots.number(query), year, on, terms))

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


_FEW_ROWS = 2
_NOWHERE = _Node()  # what a path not seen yet leads to (neither a leaf nor grown)
_LEAF = attrgetter("leaf")


def sort_rows(
    root: _Node, views: list, rows: list[int], answers: dict[tuple, list]
) -> tuple[list, list[tuple[int, _Node]]]:
    """Walk many subjects down one tree at once (the bulk path): `views[row]` is the index of subject `row`.
    Gives the judgement of each row of `rows`, in their order (None where the path is new), and the rows
    whose path is new, in their order, each with the node where it left the tree, for the rule to judge
    (the tree only grows below a node, and a node split keeps its place on every path through it, so
    `walk` from that node later gives what a walk from the root would).

    The tree is walked breadth-first: a node's queries are put to all the subjects that reached it in one
    C-level `map` per query, and their answers looked up among the node's children in one more. Where every
    child reached is a leaf (the usual case: most trees are one node deep) that lookup is the answer; the
    subjects that reached inner nodes go on down, sorted by child; the last one or two subjects of a branch
    walk on one by one. A query asked of at least half of the subjects is answered for all of them once and
    kept in `answers` (query → answer per row): the trees of the other awards ask the same ones (this year's
    rating, discipline, run). Keep the batch small (`TABLE_ROWS`), so that the subjects' facts stay in the
    processor's cache while the trees of every award are walked."""
    missed: list[tuple[int, _Node]] = []
    judged = _down(root, views, rows, answers, missed)
    missed.sort(key=_ROW)
    return judged, missed


_ROW = itemgetter(0)


def _down(node: _Node, views: list, rows: list[int], answers: dict[tuple, list], missed: list) -> list:
    leaf = node.leaf
    if leaf is not None:
        return [leaf] * len(rows)
    askers = node.askers
    if askers is None:
        missed += zip(rows, repeat(node))
        return [None] * len(rows)
    if len(rows) <= _FEW_ROWS:  # cheaper one by one than sorted
        judged = [walk(node, asking(views[row])) for row in rows]
        missed += zip(compress(rows, map(is_, judged, repeat(None))), repeat(node))
        return judged
    everyone = len(views)
    whole = len(rows) == everyone
    columns = []
    subjects = None
    for query, asker in zip(node.queries, askers, strict=True):
        column = answers.get(query)
        if column is None and 2 * len(rows) >= everyone:
            column = answers[query] = list(map(asker, views))
        if column is not None:
            columns.append(column if whole else map(column.__getitem__, rows))
        else:
            if subjects is None:
                subjects = list(map(views.__getitem__, rows))
            columns.append(map(asker, subjects))
    children = list(map(node.children.get, zip(*columns, strict=True), repeat(_NOWHERE)))
    judged = list(map(_LEAF, children))
    if None not in judged:
        return judged
    by_child: dict[_Node, list[int]] = {}  # places in `rows` of the subjects that go on down
    for place in compress(range(len(rows)), map(is_, judged, repeat(None))):
        child = children[place]
        places = by_child.get(child)
        if places is None:
            by_child[child] = [place]
        else:
            places.append(place)
    for child, places in by_child.items():
        if child is _NOWHERE:
            missed += zip(map(rows.__getitem__, places), repeat(node))
            continue
        below = _down(child, views, list(map(rows.__getitem__, places)), answers, missed)
        for place, judgement in zip(places, below, strict=True):
            judged[place] = judgement
    return judged


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
