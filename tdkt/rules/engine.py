"""The eligibility engine: pure Python, no Django and no database.

    verdict = evaluate(Question("an", "CSTDCS", 2024), facts_of_an)
    verdicts = evaluate_many(questions, subjects_by_id, params={"vote_threshold.CSTD_BO": 0.9})

A question names a subject, an award code and a year (the achievement year for an emulation title, the
proposal year for a form of commendation) and optionally the consideration date. The rule set is chosen from
those dates, its parameters are merged with the caller's overrides, and the award's rule returns criteria;
the verdict follows from their statuses. For a subject that is not eligible, the engine looks for the first
later year in which it could be, assuming every year not yet known goes well.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from tdkt.rules import memo
from tdkt.rules.criteria import RULES
from tdkt.rules.criteria.context import Assessment, Context, FutureView, SubjectIndex, index_of
from tdkt.rules.criteria.general import newer_law_warnings, other_routes, with_general_rules
from tdkt.rules.model import (
    COLLECTIVE,
    ELIGIBLE,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    TITLES,
    UNKNOWN,
    UNMET,
    AwardRecord,
    Criterion,
    DisciplineRecord,
    InitiativeRecord,
    MemberCounts,
    PositionRecord,
    Question,
    SubjectFacts,
    TitleRecord,
    Verdict,
    Vote,
)
from tdkt.rules.rulesets import NEW_2024, OLD_2017, RuleSet, normalise_overrides, rule_set_in_force

__all__ = [
    "AwardRecord",
    "Criterion",
    "DisciplineRecord",
    "InitiativeRecord",
    "MemberCounts",
    "PositionRecord",
    "Question",
    "SubjectFacts",
    "TitleRecord",
    "Verdict",
    "Vote",
    "consideration_date",
    "Evaluator",
    "Judgement",
    "VerdictTable",
    "collector_paused",
    "evaluate",
    "evaluate_many",
    "select_rule_set",
]

_TITLE_CODES = frozenset(TITLES)
_LAST_OLD_LAW_YEAR = 2023
_EARLIEST_HORIZON = 12
_RANK = {ELIGIBLE: 0, NEEDS_REVIEW: 1, NOT_ELIGIBLE: 2}
_IDEAL_TITLES = {
    "person": frozenset({"LDTT", "CSTDCS"}),
    COLLECTIVE: frozenset({"TTLDTT", "TTLDXS"}),
}


# --- dates and rule sets -------------------------------------------------------------------------------


def is_title(award: str) -> bool:
    return award in _TITLE_CODES


def consideration_date(question: Question) -> date:
    """The given date, else 15 January after the achievement year (titles) or 1 March of the proposal year."""
    if question.date is not None:
        return question.date
    if is_title(question.award):
        return date(question.year + 1, 1, 15)
    return date(question.year, 3, 1)


def select_rule_set(question: Question, enabled: frozenset[str] = frozenset()) -> RuleSet:
    """Titles follow their achievement year (old law up to 2023); forms follow the consideration date.
    `enabled` names rule sets an administrator has switched on (the amending law's, once confirmed)."""
    in_force = rule_set_in_force(consideration_date(question), enabled)
    if not is_title(question.award):
        return in_force
    if question.year <= _LAST_OLD_LAW_YEAR:
        return OLD_2017
    return NEW_2024 if in_force.old_law else in_force


class _Plan:
    """What every question of one award, year and date shares: the rule, the rules in force, the values; and
    the shared decision paths of the batch (`memo.Paths`) per subject kind and earliest-year setting."""

    __slots__ = ("rule", "rule_set", "on", "values", "paths", "warnings")

    def __init__(
        self,
        rule: Callable[[Context], Assessment],
        rule_set: RuleSet,
        on: date,
        values: dict,
        warnings: tuple[str, ...] = (),
    ) -> None:
        self.rule = rule
        self.rule_set = rule_set
        self.on = on
        self.values = values
        self.paths: dict[tuple[str, bool], Any] = {}
        self.warnings = warnings


class _Parameters:
    """Rule-set parameter values merged with the caller's overrides, computed once per rule set; and the
    plan of each (award, year, date) asked about, computed once.

    `overrides` apply to whichever rule set a question falls under; `by_rule_set` maps a rule set id to its
    own overrides (the administrators' values, `facts.parameter_overrides()`)."""

    __slots__ = ("overrides", "by_rule_set", "enabled", "_cache", "_plans")

    def __init__(
        self,
        overrides: Mapping[str, Any] | None,
        by_rule_set: Mapping[str, Mapping[str, Any]] | None = None,
        enabled: Iterable[str] = (),
    ) -> None:
        self.overrides = normalise_overrides(overrides) if overrides else None
        self.by_rule_set = by_rule_set
        # A rule set an administrator switched on (its parameter `rule_set.enabled`) applies from its date.
        switched_on = {
            rs for rs, values in (by_rule_set or {}).items() if values.get("rule_set.enabled") is True
        }
        self.enabled = frozenset(enabled) | switched_on
        self._cache: dict[str, dict[str, Any]] = {}
        self._plans: dict[tuple[str, int, date | None], _Plan] = {}

    def values(self, rule_set: RuleSet) -> dict[str, Any]:
        cached = self._cache.get(rule_set.id)
        if cached is None:
            overrides = self.overrides
            if self.by_rule_set is not None:
                own = self.by_rule_set.get(rule_set.id)
                overrides = normalise_overrides(own) if own else None
            cached = self._cache[rule_set.id] = rule_set.resolve(overrides)
        return cached

    def plan(self, question: Question) -> _Plan:
        key = (question.award, question.year, question.date)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._new_plan(question)
        return plan

    def _new_plan(self, question: Question) -> _Plan:
        rule = RULES.get(question.award)
        if rule is None:
            raise ValueError(f"mã khen thưởng không hợp lệ: {question.award}")
        rule_set = select_rule_set(question, self.enabled)
        on = consideration_date(question)
        return _Plan(
            rule, rule_set, on, self.values(rule_set), newer_law_warnings(on, rule_set, self.enabled)
        )


# --- evaluation ----------------------------------------------------------------------------------------


def evaluate(
    question: Question,
    subject: SubjectFacts,
    params: Mapping[str, Any] | None = None,
    *,
    earliest: bool = True,
) -> Verdict:
    """Judge one question about one subject. `params` overrides rule-set parameters by key.

    `earliest=False` skips the search for the earliest possible year (bulk runs that only need verdicts).
    """
    return Evaluator(params, earliest=earliest, share=False).verdict(question, subject)


def evaluate_many(
    questions: Iterable[Question],
    subjects: Mapping[str, SubjectFacts] | Iterable[SubjectFacts],
    params: Mapping[str, Any] | None = None,
    *,
    earliest: bool = True,
    share: bool = True,
) -> list[Verdict]:
    """Judge many questions, in order. Indexes, parameter values and decision paths are built once and shared
    (`share=False` judges every question from scratch; the verdicts are the same)."""
    return Evaluator(params, earliest=earliest, share=share).evaluate(questions, subjects)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk run.

    A batch allocates millions of short-lived, acyclic objects (rows, records, verdicts), which reference
    counting frees at once; but each allocation counts toward the collector's thresholds, and its full
    collections walk every live object again: the batch's facts, the shared decision paths, the whole
    application. Measured on 200,000 people, that was half the run. The collector resumes (and catches up)
    when the block ends; nesting is harmless."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Evaluator:
    """Judges questions with one set of parameters, remembering what batches of questions share.

        evaluator = Evaluator(by_rule_set=facts.parameter_overrides(), earliest=False)
        for batch in batches:
            verdicts = evaluator.evaluate_subjects(batch.values(), [("LDTT", 2025), ("BK_BO", 2026)])

    Plans (rule, rule set, consideration date, values) are made once per award, year and date. With `share`
    (the default), a subject whose rule asks the same facts queries and gets the same answers as an earlier
    subject's gets that subject's criteria without the rule being run again (`tdkt.rules.memo`); `stats`
    counts the questions answered each way. Keep one evaluator for a whole run of batches: the paths learnt
    on the first batch answer most questions of the next ones.
    """

    def __init__(
        self,
        params: Mapping[str, Any] | None = None,
        *,
        by_rule_set: Mapping[str, Mapping[str, Any]] | None = None,
        earliest: bool = True,
        share: bool = True,
        max_nodes: int | None = None,
        enabled_rule_sets: Iterable[str] = (),
    ) -> None:
        self.parameters = _Parameters(params, by_rule_set, enabled_rule_sets)
        self.earliest = earliest
        self.share = share
        self.stats = memo.Stats(max_nodes=max_nodes or memo.MAX_NODES)

    def verdict(self, question: Question, subject: SubjectFacts) -> Verdict:
        plan = self.parameters.plan(question)
        index = subject._index or index_of(subject)
        kind = subject.kind
        if not self.share:
            return _verdict(
                question.subject, question.award, question.year, self._judge(question, plan, index, kind)
            )
        root = memo.root(plan, kind, self.earliest)
        judgement = memo.walk(root, memo.asking(index))
        if judgement is None:
            judgement = self._learn(question, plan, root, index, kind)
        else:
            self.stats.shared += 1
        return _verdict(question.subject, question.award, question.year, judgement, index)

    def evaluate(
        self,
        questions: Iterable[Question],
        subjects: Mapping[str, SubjectFacts] | Iterable[SubjectFacts],
    ) -> list[Verdict]:
        """Judge the questions in order; `subjects` by id or as a list."""
        by_id = subjects if isinstance(subjects, Mapping) else {s.id: s for s in subjects}
        verdict = self.verdict
        verdicts = []
        with collector_paused():
            for question in questions:
                subject = by_id.get(question.subject)
                if subject is None:
                    raise KeyError(f"không có đối tượng '{question.subject}'")
                verdicts.append(verdict(question, subject))
        return verdicts

    def evaluate_subjects(
        self, subjects: Iterable[SubjectFacts], awards: Iterable[tuple[str, int]]
    ) -> list[Verdict]:
        """Every subject judged for every (award code, year) of `awards`, subject by subject, awards in
        their order: the same verdicts as `evaluate` on the questions `Question(s.id, code, year)`."""
        return list(self.table(subjects, awards))

    def table(self, subjects: Iterable[SubjectFacts], awards: Iterable[tuple[str, int]]) -> VerdictTable:
        """`evaluate_subjects` as a table (the bulk path): one judgement per subject and award, verdicts
        made on demand. All subjects go down each award's tree together (`memo.sort_rows`); those whose path
        is new are then judged one by one, in their order: each walks the tree as it stands (grown by the
        subjects before it) and, if its path is still new, is judged by the rule, which grows the tree."""
        subjects = list(subjects)
        awards = [(code, year) for code, year in awards]
        plans = [self.parameters.plan(Question("", code, year)) for code, year in awards]
        with collector_paused():
            if not self.share:
                columns = [
                    [
                        self._judge(Question(subject.id, code, year), plan, index_of(subject), subject.kind)
                        for subject in subjects
                    ]
                    for (code, year), plan in zip(awards, plans, strict=True)
                ]
                return VerdictTable([s.id for s in subjects], awards, columns)
            columns = [[] for _ in awards]
            indexes: list[SubjectIndex] = []
            for start in range(0, len(subjects), memo.TABLE_ROWS):
                part = subjects[start : start + memo.TABLE_ROWS]
                views = [subject._index or index_of(subject) for subject in part]  # while they are in cache
                indexes += views
                for column, judged in zip(columns, self._sort(part, views, awards, plans), strict=True):
                    column += judged
        return VerdictTable([s.id for s in subjects], awards, columns, indexes)

    def _sort(self, subjects: list[SubjectFacts], views: list, awards: list, plans: list) -> list[list]:
        """The judgements of a few subjects (`memo.TABLE_ROWS`) on each award: a list per award, one judgement
        per subject in their order."""
        rows_by_kind: dict[str, list[int]] = {}
        for row, subject in enumerate(subjects):
            rows_by_kind.setdefault(subject.kind, []).append(row)
        one_kind = len(rows_by_kind) == 1
        answers: dict[tuple, list] = {}  # query → answer per row, shared by the awards' trees
        stats = self.stats
        tables = []
        for (code, year), plan in zip(awards, plans, strict=True):
            judged: list = [None] * len(subjects)
            for kind, rows in rows_by_kind.items():
                root = memo.root(plan, kind, self.earliest)
                found, missed = memo.sort_rows(root, views, rows, answers)
                stats.shared += len(rows) - len(missed)
                if one_kind:  # rows are 0, 1, 2, …
                    judged = found
                else:
                    for row, judgement in zip(rows, found, strict=True):
                        judged[row] = judgement
                for row, left_at in missed:  # the tree may have grown since: walk on from where it was left
                    view = views[row]
                    judgement = memo.walk(left_at, memo.asking(view))
                    if judgement is None:
                        judgement = self._learn(
                            Question(subjects[row].id, code, year), plan, root, view, kind
                        )
                    else:
                        stats.shared += 1
                    judged[row] = judgement
            tables.append(judged)
        return tables

    def _judge(self, question: Question, plan: _Plan, view, kind: str) -> Judgement:
        return _judge(question, plan, view, kind, self)

    def _learn(self, question: Question, plan: _Plan, root, index, kind: str) -> Judgement:
        """Run the rule on a recorder of the index and store the path it took."""
        self.stats.ran += 1
        recorder = memo.Recorder(index)
        judgement = memo.template_of(_judge(question, plan, recorder, kind, self))
        memo.grow(root, recorder, judgement, self.stats)
        return judgement


class Judgement(NamedTuple):
    """A verdict without its subject: what the rule concluded, shareable between subjects (fields in the
    order of `Verdict`'s last five)."""

    rule_set: str
    verdict: str
    criteria: tuple[Criterion, ...]
    missing: tuple[str, ...]
    earliest_year: int | None
    warnings: tuple[str, ...] = ()


class VerdictTable:
    """Verdicts of many subjects on the same awards: `columns[a][s]` is the judgement of subject `s` on award
    `a` (a `memo.Template` where it shows decision slots, filled from `indexes[s]`). Iterating gives the
    `Verdict`s subject by subject, awards in their order; `counts()` tallies them without making them."""

    __slots__ = ("subjects", "awards", "columns", "indexes")

    def __init__(
        self,
        subjects: list[str],
        awards: list[tuple[str, int]],
        columns: list[list[Judgement]],
        indexes: list[SubjectIndex] | None = None,
    ):
        self.subjects = subjects
        self.awards = awards
        self.columns = columns
        self.indexes = indexes

    def __len__(self) -> int:
        return len(self.subjects) * len(self.awards)

    def __iter__(self) -> Iterator[Verdict]:
        for row in range(len(self.subjects)):
            for award in range(len(self.awards)):
                yield self.verdict(row, award)

    def verdict(self, row: int, award: int) -> Verdict:
        code, year = self.awards[award]
        index = self.indexes[row] if self.indexes is not None else None
        return _verdict(self.subjects[row], code, year, self.columns[award][row], index)

    def counts(self) -> dict[str, Counter]:
        """Per award code: how many subjects got each verdict."""
        return {
            code: Counter(map(_OUTCOME, column))
            for (code, _), column in zip(self.awards, self.columns, strict=True)
        }


_OUTCOME = itemgetter(1)  # Judgement.verdict


def _verdict(
    subject: str, award: str, year: int, judgement: Judgement, index: SubjectIndex | None = None
) -> Verdict:
    if type(judgement) is memo.Template:
        judgement = memo.fill(judgement, index, Judgement)
    return Verdict(subject, award, year, *judgement)


def _context(question: Question, facts, kind: str, plan: _Plan) -> Context:
    return Context(facts, kind, question.award, question.year, plan.on, plan.rule_set, plan.values)


def _judge(question: Question, plan: _Plan, view, kind: str, evaluator: Evaluator) -> Judgement:
    """The rule on a view of the subject's facts (its index, or a recorder of the queries asked)."""
    ctx = _context(question, view, kind, plan)
    assessment = with_general_rules(ctx, plan.rule(ctx))
    outcome, missing = judge_and_missing(assessment)
    first_year = None
    if evaluator.earliest and outcome == NOT_ELIGIBLE and not _blocked_for_good(assessment):
        first_year = earliest_year(question, view, kind, evaluator.parameters)
    criteria = (
        assessment.common + _labelled_alternatives(assessment)
        if assessment.alternatives
        else assessment.common
    )
    routes = other_routes(ctx)
    if routes is not None:
        criteria = [*criteria, routes]
    return Judgement(plan.rule_set.id, outcome, tuple(criteria), tuple(missing), first_year, plan.warnings)


def _labelled_alternatives(assessment: Assessment) -> list[Criterion]:
    """Criteria of the alternatives, prefixed with their path when there is a choice between paths."""
    if len(assessment.alternatives) == 1:
        return list(assessment.alternatives[0][1])
    criteria = []
    for number, (label, group) in enumerate(assessment.alternatives, start=1):
        prefix = _path_prefix(number, label)
        criteria += [
            Criterion(c.id, c.status, prefixed(prefix, c.text), c.basis, c.evidence, c.need, c.blocks_future)
            for c in group
        ]
    return criteria


@lru_cache(maxsize=256)
def _path_prefix(number: int, label: str) -> str:
    return f"Cách {number} ({label}): "


def _blocks_for_good(criteria: list[Criterion]) -> bool:
    """Good years cannot fix a wrong subject kind or a missing prior award (awards are not simulated)."""
    return any(c.status == UNMET and c.blocks_future for c in criteria)


def _blocked_for_good(assessment: Assessment) -> bool:
    if _blocks_for_good(assessment.common):
        return True
    alternatives = assessment.alternatives
    return bool(alternatives) and all(_blocks_for_good(group) for _, group in alternatives)


# --- verdicts from criteria --------------------------------------------------------------------------------


def group_status(criteria: list[Criterion]) -> str:
    """Unmet beats unknown; met, declared and pending criteria do not block."""
    statuses = {c.status for c in criteria}
    if UNMET in statuses:
        return NOT_ELIGIBLE
    if UNKNOWN in statuses:
        return NEEDS_REVIEW
    return ELIGIBLE


def _best_alternative(assessment: Assessment) -> str:
    if not assessment.alternatives:
        return ELIGIBLE
    return min((group_status(group) for _, group in assessment.alternatives), key=_RANK.__getitem__)


def judge(assessment: Assessment) -> str:
    """All common criteria must hold, and at least one alternative (when there are any)."""
    return max(group_status(assessment.common), _best_alternative(assessment), key=_RANK.__getitem__)


def _needs(criteria: list[Criterion], prefix: str = "") -> list[str]:
    return [prefix + c.need for c in criteria if c.status in (UNMET, UNKNOWN) and c.need]


def judge_and_missing(assessment: Assessment) -> tuple[str, list[str]]:
    """`judge` and `missing_items` together, each group of criteria read once."""
    outcome, missing = _scan(assessment.common)
    alternatives = assessment.alternatives
    if not alternatives:
        return outcome, missing
    best, labelled_needs = NOT_ELIGIBLE, []
    for label, group in alternatives:
        status, needs = _scan(group)
        if _RANK[status] < _RANK[best]:
            best = status
        if needs:
            prefix = _needs_prefix(label)
            labelled_needs += [prefix + need for need in needs]
    if best != ELIGIBLE:
        missing += labelled_needs
    return (outcome if _RANK[outcome] >= _RANK[best] else best), missing


@lru_cache(maxsize=4096)
def prefixed(prefix: str, text: str) -> str:
    """`prefix + text`, one string for every verdict that shows it."""
    return prefix + text


@lru_cache(maxsize=256)
def _needs_prefix(label: str) -> str:
    return f"Theo cách «{label}»: "


def _scan(criteria: list[Criterion]) -> tuple[str, list[str]]:
    """`group_status` and `_needs` of one group."""
    outcome, needs = ELIGIBLE, []
    for c in criteria:
        status = c.status
        if status == UNMET or status == UNKNOWN:
            if status == UNMET:
                outcome = NOT_ELIGIBLE
            elif outcome == ELIGIBLE:
                outcome = NEEDS_REVIEW
            if c.need:
                needs.append(c.need)
    return outcome, needs


def missing_items(assessment: Assessment) -> list[str]:
    missing = _needs(assessment.common)
    if _best_alternative(assessment) != ELIGIBLE:
        for label, group in assessment.alternatives:
            missing += _needs(group, f"Theo cách «{label}»: ")
    return missing


# --- earliest year -----------------------------------------------------------------------------------------


def earliest_year(question: Question, view, kind: str, parameters: _Parameters) -> int | None:
    """First later year the subject could become eligible if every year not yet known goes well.

    `view` is the subject's index (or a recorder wrapping it)."""
    first_future = question.year + 1 if is_title(question.award) else question.year
    # Years after the last one rated are not known yet (e.g. the review year before its rating is
    # entered): they count as future years that may go well, not as breaks.
    last_rated = view.last_rated_before(first_future)
    if last_rated is not None:
        first_future = last_rated + 1
    ideal = _IDEAL_TITLES[kind]
    if question.award == "CSTD_TQ":
        ideal = ideal | {"CSTD_BO"}
    future = FutureView(view, first_future, ideal)
    for year in range(question.year + 1, question.year + _EARLIEST_HORIZON + 1):
        candidate = Question(question.subject, question.award, year)
        plan = parameters.plan(candidate)
        if judge(plan.rule(_context(candidate, future, kind, plan))) != NOT_ELIGIBLE:
            return year
    return None
