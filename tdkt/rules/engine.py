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
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from tdkt.rules.criteria import RULES
from tdkt.rules.criteria.context import Assessment, Context, FutureView, index_of
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


def select_rule_set(question: Question) -> RuleSet:
    """Titles follow their achievement year (old law up to 2023); forms follow the consideration date."""
    in_force = rule_set_in_force(consideration_date(question))
    if not is_title(question.award):
        return in_force
    if question.year <= _LAST_OLD_LAW_YEAR:
        return OLD_2017
    return NEW_2024 if in_force.old_law else in_force


class _Plan(NamedTuple):
    """What every question of one award, year and date shares: the rule, the rules in force, the values."""

    rule: Callable[[Context], Assessment]
    rule_set: RuleSet
    on: date
    values: dict[str, Any]


class _Parameters:
    """Rule-set parameter values merged with the caller's overrides, computed once per rule set; and the
    plan of each (award, year, date) asked about, computed once."""

    __slots__ = ("overrides", "_cache", "_plans")

    def __init__(self, overrides: Mapping[str, Any] | None) -> None:
        self.overrides = normalise_overrides(overrides) if overrides else None
        self._cache: dict[str, dict[str, Any]] = {}
        self._plans: dict[tuple[str, int, date | None], _Plan] = {}

    def values(self, rule_set: RuleSet) -> dict[str, Any]:
        cached = self._cache.get(rule_set.id)
        if cached is None:
            cached = self._cache[rule_set.id] = rule_set.resolve(self.overrides)
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
        rule_set = select_rule_set(question)
        return _Plan(rule, rule_set, consideration_date(question), self.values(rule_set))


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
    return _evaluate(question, subject, _Parameters(params), earliest)


def evaluate_many(
    questions: Iterable[Question],
    subjects: Mapping[str, SubjectFacts] | Iterable[SubjectFacts],
    params: Mapping[str, Any] | None = None,
    *,
    earliest: bool = True,
) -> list[Verdict]:
    """Judge many questions, in order. Indexes and parameter values are built once and shared."""
    by_id = subjects if isinstance(subjects, Mapping) else {s.id: s for s in subjects}
    parameters = _Parameters(params)
    verdicts = []
    # A batch allocates many short-lived, acyclic objects: pausing the cyclic collector avoids repeated
    # full scans of every live subject (it is restored, and catches up, when the batch ends).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for question in questions:
            subject = by_id.get(question.subject)
            if subject is None:
                raise KeyError(f"không có đối tượng '{question.subject}'")
            verdicts.append(_evaluate(question, subject, parameters, earliest))
    finally:
        if collecting:
            gc.enable()
    return verdicts


def _context(question: Question, facts, kind: str, plan: _Plan) -> Context:
    return Context(facts, kind, question.award, question.year, plan.on, plan.rule_set, plan.values)


def _evaluate(
    question: Question, subject: SubjectFacts, parameters: _Parameters, earliest: bool = True
) -> Verdict:
    plan = parameters.plan(question)
    assessment = plan.rule(_context(question, subject._index or index_of(subject), subject.kind, plan))
    outcome, missing = judge_and_missing(assessment)
    first_year = None
    if earliest and outcome == NOT_ELIGIBLE and not _blocked_for_good(assessment):
        first_year = earliest_year(question, subject, parameters)
    criteria = (
        assessment.common + _labelled_alternatives(assessment)
        if assessment.alternatives
        else assessment.common
    )
    return Verdict(
        subject=question.subject,
        award=question.award,
        year=question.year,
        rule_set=plan.rule_set.id,
        verdict=outcome,
        criteria=criteria,
        missing=missing,
        earliest_year=first_year,
    )


def _labelled_alternatives(assessment: Assessment) -> list[Criterion]:
    """Criteria of the alternatives, prefixed with their path when there is a choice between paths.

    The rules build new criteria for every question, so the prefix is written into them in place."""
    criteria = [c for _, group in assessment.alternatives for c in group]
    if len(assessment.alternatives) > 1:
        for number, (label, group) in enumerate(assessment.alternatives, start=1):
            prefix = _path_prefix(number, label)
            for c in group:
                c.text = prefixed(prefix, c.text)
    return criteria


@lru_cache(maxsize=256)
def _path_prefix(number: int, label: str) -> str:
    return f"Cách {number} ({label}): "


def _blocks_for_good(criteria: list[Criterion]) -> bool:
    """Good years cannot fix a wrong subject kind or a missing prior award (awards are not simulated)."""
    return any(c.status == UNMET and (c.id == "applies_to" or c.id.startswith("prior_")) for c in criteria)


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


def earliest_year(question: Question, subject: SubjectFacts, parameters: _Parameters) -> int | None:
    """First later year the subject could become eligible if every year not yet known goes well."""
    first_future = question.year + 1 if is_title(question.award) else question.year
    # Years after the last one rated are not known yet (e.g. the review year before its rating is
    # entered): they count as future years that may go well, not as breaks.
    rated = [year for year in (subject.ratings or subject.task_results) if year < first_future]
    if rated:
        first_future = max(rated) + 1
    ideal = _IDEAL_TITLES[subject.kind]
    if question.award == "CSTD_TQ":
        ideal = ideal | {"CSTD_BO"}
    view = FutureView(index_of(subject), first_future, ideal)
    for year in range(question.year + 1, question.year + _EARLIEST_HORIZON + 1):
        candidate = Question(question.subject, question.award, year)
        plan = parameters.plan(candidate)
        if judge(plan.rule(_context(candidate, view, subject.kind, plan))) != NOT_ELIGIBLE:
            return year
    return None
