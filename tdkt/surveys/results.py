"""The CDCI indices of a survey: aggregates only, never a single enterprise's answers.

Method (see docs/surveys.md):

1. Each scored answer becomes a score on 0–100: a scale answer v on 1..m gives (v − 1) / (m − 1) × 100,
   or 100 minus that for a reversed statement; a choice gives its option's score (options without a score
   and free text count nowhere).
2. A response's component score is the mean of its scored answers in that component; its overall score is
   the weighted mean of its component scores, the weights renormalised over the components it answered.
3. A branch's component index (and overall index) is the mean of its responses' scores; the survey's is
   the mean over all responses. The 95 % confidence interval is mean ± t(0,975; n − 1) × s / √n, clipped
   to 0–100 (no interval for n < 2).
4. A branch is published (index, rank, comments) only with at least `min_cell_size` submitted responses.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean, stdev

from tdkt.core.text import fold
from tdkt.surveys.models import Answer, Component, Question, Survey, SurveyBranch, SurveyResponse

# Two-sided 95 % Student t quantiles for 1..30 degrees of freedom.
T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t_quantile(df: int) -> float:
    if df < 1:
        raise ValueError("df must be positive")
    if df <= 30:
        return T_975[df - 1]
    if df <= 40:
        return 2.021
    if df <= 60:
        return 2.000
    if df <= 120:
        return 1.980
    return 1.960


@dataclass(frozen=True)
class Stat:
    mean: float | None
    low: float | None
    high: float | None
    n: int

    @classmethod
    def of(cls, values: list[float]) -> Stat:
        n = len(values)
        if n == 0:
            return cls(None, None, None, 0)
        mean = fmean(values)
        if n < 2:
            return cls(mean, None, None, n)
        half = t_quantile(n - 1) * stdev(values) / math.sqrt(n)
        return cls(mean, max(0.0, mean - half), min(100.0, mean + half), n)


def answer_score(
    *, kind: str, scale_value: int | None, scale_max: int, reverse: bool, choice_score
) -> float | None:
    """The 0–100 score of one answer, or None when it does not count."""
    if kind == Question.Kind.SCALE:
        if scale_value is None:
            return None
        score = (scale_value - 1) / (scale_max - 1) * 100
        return 100 - score if reverse else score
    if kind == Question.Kind.CHOICE:
        return None if choice_score is None else float(choice_score)
    return None


def response_scores(
    answers: list[tuple[int, float]], weights: dict[int, float]
) -> tuple[dict[int, float], float | None]:
    """(component id → score, overall score) of one response from its (component id, score) answers."""
    by_component: dict[int, list[float]] = defaultdict(list)
    for component_id, score in answers:
        by_component[component_id].append(score)
    components = {cid: fmean(scores) for cid, scores in by_component.items()}
    total_weight = sum(weights.get(cid, 0.0) for cid in components)
    if total_weight <= 0:
        return components, None
    overall = sum(weights.get(cid, 0.0) * s for cid, s in components.items()) / total_weight
    return components, overall


@dataclass
class BranchResult:
    branch_id: int
    unit_id: int
    name: str
    respondents: int
    published: bool
    overall: Stat
    components: dict[str, Stat]
    rank: int | None = None
    comments: list[str] = field(default_factory=list)
    previous: float | None = None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.overall.mean is None or not self.published:
            return None
        return self.overall.mean - self.previous


@dataclass
class SurveyResults:
    survey: Survey
    components: list[Component]
    invited: int
    responded: int  # enterprises with at least one submitted response
    in_progress: int  # enterprises with a draft only
    overall: Stat
    component_stats: dict[str, Stat]
    branches: list[BranchResult]
    previous: Survey | None = None
    version_changed: bool = False

    @property
    def response_rate(self) -> float | None:
        return None if not self.invited else self.responded / self.invited * 100

    @property
    def ranked(self) -> list[BranchResult]:
        return [b for b in self.branches if b.rank is not None]


def _scores_by_response(survey: Survey):
    """(response id → branch id, {component id → score}, overall) for the survey's submitted responses."""
    components = list(survey.components.all())
    weights = {c.pk: float(c.weight) for c in components}
    rows = (
        Answer.objects.filter(response__survey=survey, response__status=SurveyResponse.Status.SUBMITTED)
        .exclude(question__kind=Question.Kind.TEXT)
        .values_list(
            "response_id",
            "question__component_id",
            "question__kind",
            "question__scale_max",
            "question__reverse",
            "scale_value",
            "choice__score",
        )
    )
    answers: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for response_id, component_id, kind, scale_max, reverse, value, choice_score in rows.iterator():
        score = answer_score(
            kind=kind, scale_value=value, scale_max=scale_max, reverse=reverse, choice_score=choice_score
        )
        if score is not None:
            answers[response_id].append((component_id, score))
    branch_of = dict(
        SurveyResponse.objects.filter(survey=survey, status=SurveyResponse.Status.SUBMITTED).values_list(
            "pk", "branch_id"
        )
    )
    scores = {}
    for response_id, branch_id in branch_of.items():
        parts, overall = response_scores(answers.get(response_id, []), weights)
        scores[response_id] = (branch_id, parts, overall)
    return components, scores


def _stats(scores, components) -> tuple[Stat, dict[str, Stat]]:
    overall = Stat.of([o for _b, _p, o in scores if o is not None])
    parts = {c.code: Stat.of([p[c.pk] for _b, p, _o in scores if c.pk in p]) for c in components}
    return overall, parts


def previous_survey(survey: Survey) -> Survey | None:
    return Survey.objects.filter(unit_id=survey.unit_id, year__lt=survey.year).order_by("-year").first()


def questionnaire_signature(survey: Survey) -> tuple:
    """What must stay the same for two years' indices to be comparable."""
    parts = tuple(survey.components.order_by("code").values_list("code", "weight"))
    questions = tuple(
        survey.questions.order_by("order", "id").values_list("component__code", "kind", "text", "reverse")
    )
    return survey.version, parts, questions


def survey_results(survey: Survey, *, with_comments: bool = True, compare: bool = True) -> SurveyResults:
    components, by_response = _scores_by_response(survey)
    branches = list(SurveyBranch.objects.filter(survey=survey).select_related("unit"))
    per_branch: dict[int, list] = defaultdict(list)
    for branch_id, parts, overall in by_response.values():
        per_branch[branch_id].append((branch_id, parts, overall))
    results = []
    for branch in branches:
        rows = per_branch.get(branch.pk, [])
        overall, parts = _stats(rows, components)
        results.append(
            BranchResult(
                branch_id=branch.pk,
                unit_id=branch.unit_id,
                name=branch.unit.name,
                respondents=len(rows),
                published=len(rows) >= survey.min_cell_size,
                overall=overall,
                components=parts,
            )
        )
    ranked = sorted(
        (b for b in results if b.published and b.overall.mean is not None),
        key=lambda b: (-b.overall.mean, fold(b.name)),
    )
    for position, branch in enumerate(ranked, start=1):
        branch.rank = position
    results.sort(key=lambda b: (b.rank is None, b.rank or 0, fold(b.name)))
    if with_comments:
        _attach_comments(survey, results)
    overall, parts = _stats(list(by_response.values()), components)
    responses = SurveyResponse.objects.filter(survey=survey)
    responded = responses.filter(status=SurveyResponse.Status.SUBMITTED).values("tax_code").distinct().count()
    started = responses.values("tax_code").distinct().count()
    outcome = SurveyResults(
        survey=survey,
        components=components,
        invited=survey.invitations.count(),
        responded=responded,
        in_progress=started - responded,
        overall=overall,
        component_stats=parts,
        branches=results,
    )
    if compare:
        _compare(outcome)
    return outcome


def _attach_comments(survey: Survey, results: list[BranchResult]) -> None:
    """Free-text answers of published branches, sorted by their text (so their order says nothing about
    who wrote them or when)."""
    published = {b.branch_id: b for b in results if b.published}
    if not published:
        return
    texts = (
        Answer.objects.filter(
            response__survey=survey,
            response__status=SurveyResponse.Status.SUBMITTED,
            response__branch_id__in=published,
            question__kind=Question.Kind.TEXT,
        )
        .exclude(text="")
        .values_list("response__branch_id", "text")
    )
    for branch_id, text in texts:
        published[branch_id].comments.append(text)
    for branch in published.values():
        branch.comments.sort(key=fold)


def _compare(outcome: SurveyResults) -> None:
    previous = previous_survey(outcome.survey)
    if previous is None:
        return
    outcome.previous = previous
    outcome.version_changed = questionnaire_signature(previous) != questionnaire_signature(outcome.survey)
    before = survey_results(previous, with_comments=False, compare=False)
    by_unit = {b.unit_id: b for b in before.branches if b.published}
    for branch in outcome.branches:
        old = by_unit.get(branch.unit_id)
        if old is not None:
            branch.previous = old.overall.mean


@dataclass(frozen=True)
class BranchIndex:
    """What emulation scoring needs of one branch's CDCI result in one year."""

    unit_id: int
    year: int
    survey_id: int
    overall: float
    low: float | None
    high: float | None
    respondents: int
    rank: int
    of: int  # number of ranked branches
    components: dict[str, float]
