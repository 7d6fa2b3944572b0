"""The reference evaluator: the law's rules judged over `SubjectFacts` in plain Python.

The fast path (`engine.Evaluator`) reads facts through `SubjectIndex` (interned, shared index parts, slotted
decision numbers, shared runs) and remembers decision paths (`memo`). This module does none of that: every
question is judged on its own, each fact query is a plain scan of the subject's records, runs are walked
year by year, and the verdict is worked out from the criteria with the plain rule "an unmet criterion makes
it not eligible, else an unknown one makes it needs review". The award rules themselves (`criteria/`) are
the same functions: they are the law as written; what the reference checks is everything the fast path
adds around them. `test_reference.py` requires identical verdicts, criteria, texts, missing items, earliest
years and warnings from both, on generated subjects that use every fact kind and on every shared case.

    verdict = reference_verdict(question, facts, params)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from tdkt.rules.criteria import RULES
from tdkt.rules.criteria.context import (
    Assessment,
    Context,
    FutureView,
    covering_penalty,
    latest_cut,
    leadership_service,
)
from tdkt.rules.criteria.general import newer_law_warnings, other_routes, with_general_rules
from tdkt.rules.engine import consideration_date, is_title, select_rule_set
from tdkt.rules.model import (
    COLLECTIVE,
    ELIGIBLE,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    SCOPE_RANK,
    UNKNOWN,
    UNMET,
    AwardRecord,
    ClusterRecord,
    Criterion,
    DisciplineRecord,
    InitiativeRecord,
    LeaveRecord,
    MemberCounts,
    Question,
    ReviewRecord,
    SubjectFacts,
    Verdict,
    Vote,
)
from tdkt.rules.rulesets import normalise_overrides

HORIZON = 12  # years searched for the earliest possible year


class PlainFacts:
    """The fact queries the rules ask, each answered by scanning the subject's records."""

    def __init__(self, facts: SubjectFacts) -> None:
        self.facts = facts

    # one value per year or per award
    def rating(self, year: int) -> str | None:
        return self.facts.ratings.get(year)

    def task_result(self, year: int) -> str | None:
        return self.facts.task_results.get(year)

    def counts(self, year: int) -> MemberCounts | None:
        return self.facts.member_counts.get(year)

    def vote(self, award: str) -> Vote | None:
        return self.facts.votes.get(award)

    def cluster_result(self, year: int) -> ClusterRecord | None:
        return self.facts.cluster_results.get(year)

    def ratings_of(self, years: tuple[int, ...]) -> tuple[str | None, ...]:
        return tuple(self.rating(year) for year in years)

    def rated_years_among(self, rating: str, years: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(year for year in years if self.rating(year) == rating)

    def penalty_covering(self, year: int, on: date, terms: tuple):
        return covering_penalty(self.all_disciplines, year, on, terms)

    def penalty_cut_after(self, year: int, on: date, terms: tuple):
        cut = latest_cut(self.all_disciplines, on, terms)
        return cut if cut is not None and cut.first_year > year else None

    # titles (revoked ones count for nothing: Art. 93)
    def _title_years(self, code: str) -> list[int]:
        return sorted({t.year for t in self.facts.titles if t.code == code and not t.revoked})

    def has_title(self, code: str, year: int) -> bool:
        return year in self._title_years(code)

    def title_years_upto(self, code: str, last: int) -> tuple[int, ...]:
        return tuple(year for year in self._title_years(code) if year <= last)

    def title_years_among(self, code: str, years: tuple[int, ...]) -> tuple[int, ...]:
        held = self._title_years(code)
        return tuple(year for year in years if year in held)

    # awards: of one form, not revoked, oldest first
    def awards_before(self, code: str, on: date) -> tuple[AwardRecord, ...]:
        found = [a for a in self.facts.awards if a.code == code and not a.revoked and a.date < on]
        return tuple(sorted(found, key=lambda a: a.date))

    # initiatives: one decision counts once, in its first year (Art. 5(2))
    def _initiatives(self) -> list[InitiativeRecord]:
        seen: set[str] = set()
        kept = []
        for record in sorted(self.facts.initiatives, key=lambda r: r.year):
            if record.decision:
                if record.decision in seen:
                    continue
                seen.add(record.decision)
            kept.append(record)
        return kept

    def initiatives(self, year: int) -> tuple[InitiativeRecord, ...]:
        return tuple(r for r in self._initiatives() if r.year == year)

    def initiatives_among(
        self, years: tuple[int, ...], min_scope: str, research_applied: bool
    ) -> tuple[InitiativeRecord, ...]:
        found = []
        for year in years:
            for record in self.initiatives(year):
                if SCOPE_RANK[record.scope] < SCOPE_RANK[min_scope]:
                    continue
                if record.kind == "research" and research_applied and not record.applied:
                    continue
                found.append(record)
        return tuple(found)

    # discipline, posts, reviews, leaves
    def disciplines(self, year: int) -> tuple[DisciplineRecord, ...] | None:
        found = tuple(d for d in self.facts.discipline if d.year == year)
        return found or None

    @property
    def all_disciplines(self) -> tuple[DisciplineRecord, ...]:
        return tuple(self.facts.discipline)

    def leadership_service(self, on: date, bands: tuple):
        return leadership_service(tuple(self.facts.positions), self.all_disciplines, on, bands)

    def reviews_on(self, day: date) -> tuple[ReviewRecord, ...]:
        return tuple(r for r in self.facts.under_review if r.start <= day and (r.end is None or day <= r.end))

    def leaves_in(self, year: int) -> tuple[LeaveRecord, ...]:
        return tuple(r for r in self.facts.leaves if r.start.year <= year <= r.end.year)

    # history bounds
    def last_rated_before(self, limit: int) -> int | None:
        results = self.facts.ratings if self.facts.kind != COLLECTIVE else self.facts.task_results
        years = [year for year in results if year < limit]
        return max(years) if years else None

    def latest_member_total(self) -> int | None:
        known = self.facts.member_counts
        return known[max(known)].total if known else None

    def shared_run(self, test: str, last: int, breaks: Any) -> None:
        return None  # no shared runs: the rules walk every run year by year


def _context(question: Question, view: Any, kind: str, values: dict[str, Any]) -> Context:
    rule_set = select_rule_set(question)
    return Context(view, kind, question.award, question.year, consideration_date(question), rule_set, values)


def _values(question: Question, params: Mapping[str, Any] | None) -> dict[str, Any]:
    return select_rule_set(question).resolve(normalise_overrides(params) if params else None)


def _status(criteria: list[Criterion]) -> str:
    statuses = [c.status for c in criteria]
    if UNMET in statuses:
        return NOT_ELIGIBLE
    if UNKNOWN in statuses:
        return NEEDS_REVIEW
    return ELIGIBLE


def _verdict_of(assessment: Assessment) -> str:
    """Every common criterion must hold, and the best of the alternatives (when there are any)."""
    order = [ELIGIBLE, NEEDS_REVIEW, NOT_ELIGIBLE]
    common = _status(assessment.common)
    if not assessment.alternatives:
        return common
    best = min((_status(group) for _, group in assessment.alternatives), key=order.index)
    return max(common, best, key=order.index)


def _missing(assessment: Assessment, outcome: str) -> list[str]:
    def needs(criteria: list[Criterion], prefix: str = "") -> list[str]:
        return [prefix + c.need for c in criteria if c.status in (UNMET, UNKNOWN) and c.need]

    missing = needs(assessment.common)
    order = [ELIGIBLE, NEEDS_REVIEW, NOT_ELIGIBLE]
    if assessment.alternatives:
        best = min((_status(group) for _, group in assessment.alternatives), key=order.index)
        if best != ELIGIBLE:
            for label, group in assessment.alternatives:
                missing += needs(group, f"Theo cách «{label}»: ")
    return missing


def _criteria(assessment: Assessment) -> list[Criterion]:
    criteria = list(assessment.common)
    if len(assessment.alternatives) == 1:
        criteria += assessment.alternatives[0][1]
    else:
        for number, (label, group) in enumerate(assessment.alternatives, start=1):
            prefix = f"Cách {number} ({label}): "
            criteria += [
                Criterion(c.id, c.status, prefix + c.text, c.basis, c.evidence, c.need, c.blocks_future)
                for c in group
            ]
    return criteria


def _cannot_improve(assessment: Assessment) -> bool:
    """Good years cannot fix a wrong subject kind or a missing prior award."""

    def blocked(criteria: list[Criterion]) -> bool:
        return any(c.status == UNMET and c.blocks_future for c in criteria)

    if blocked(assessment.common):
        return True
    return bool(assessment.alternatives) and all(blocked(group) for _, group in assessment.alternatives)


_IDEAL = {"person": frozenset({"LDTT", "CSTDCS"}), COLLECTIVE: frozenset({"TTLDTT", "TTLDXS"})}


def _earliest(
    question: Question, view: PlainFacts, kind: str, params: Mapping[str, Any] | None
) -> int | None:
    first_future = question.year + 1 if is_title(question.award) else question.year
    last_rated = view.last_rated_before(first_future)
    if last_rated is not None:
        first_future = last_rated + 1
    ideal = _IDEAL[kind] | ({"CSTD_BO"} if question.award == "CSTD_TQ" else set())
    future = FutureView(view, first_future, frozenset(ideal))
    for year in range(question.year + 1, question.year + HORIZON + 1):
        later = Question(question.subject, question.award, year)
        ctx = _context(later, future, kind, _values(later, params))
        if _verdict_of(RULES[later.award](ctx)) != NOT_ELIGIBLE:
            return year
    return None


def reference_verdict(
    question: Question, facts: SubjectFacts, params: Mapping[str, Any] | None = None, *, earliest: bool = True
) -> Verdict:
    """The verdict on one question, judged from scratch over the subject's facts."""
    view = PlainFacts(facts)
    ctx = _context(question, view, facts.kind, _values(question, params))
    assessment = with_general_rules(ctx, RULES[question.award](ctx))
    outcome = _verdict_of(assessment)
    first_year = None
    if earliest and outcome == NOT_ELIGIBLE and not _cannot_improve(assessment):
        first_year = _earliest(question, view, facts.kind, params)
    criteria = _criteria(assessment)
    route = other_routes(ctx)
    if route is not None:
        criteria.append(route)
    return Verdict(
        question.subject,
        question.award,
        question.year,
        ctx.rule_set.id,
        outcome,
        tuple(criteria),
        tuple(_missing(assessment, outcome)),
        first_year,
        newer_law_warnings(ctx.on, ctx.rule_set),
    )
