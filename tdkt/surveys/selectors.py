"""Reads of the surveys app, including `branch_index`, the entry point for emulation scoring."""

from __future__ import annotations

import hashlib

from django.db.models import Count, Q

from tdkt.surveys.models import Invitation, Survey, SurveyBranch, SurveyResponse
from tdkt.surveys.results import BranchIndex, survey_results


def branch_index(unit, year: int) -> BranchIndex | None:
    """The CDCI result of `unit` (a Unit or its id) in `year`, for emulation scoring and proposals.

    None when no survey of that year rated the unit, or when it has fewer submitted responses than the
    survey's minimum cell size (such a result is not published). Drafts never count. When several surveys
    of the year rated the unit (rare), the one with most responses for it is used.
    """
    unit_id = getattr(unit, "pk", unit)
    return branch_indexes([unit_id], year).get(unit_id)


def branch_indexes(units, year: int) -> dict[int, BranchIndex]:
    """`branch_index` of many units (Units or ids) at once: unit id → its CDCI result of `year`, only for
    the units that have a published one. One query for the rated branches, then the results of each survey
    involved once, whatever the number of units (a proposal's collective candidates, say)."""
    unit_ids = {getattr(u, "pk", u) for u in units}
    if not unit_ids:
        return {}
    branches = (
        SurveyBranch.objects.filter(unit_id__in=unit_ids, survey__year=year)
        .exclude(survey__status=Survey.Status.DRAFT)
        .annotate(done=Count("responses", filter=Q(responses__status=SurveyResponse.Status.SUBMITTED)))
        .select_related("survey")
        .order_by("unit_id", "-done", "survey_id")
    )
    chosen: dict[int, SurveyBranch] = {}
    for branch in branches:
        chosen.setdefault(
            branch.unit_id, branch
        )  # the first of each unit: most responses, then oldest survey
    surveys = {b.survey_id: b.survey for b in chosen.values()}
    results = {
        pk: survey_results(survey, with_comments=False, compare=False) for pk, survey in surveys.items()
    }
    indexes = {}
    for unit_id, branch in chosen.items():
        outcome = results[branch.survey_id]
        mine = next(b for b in outcome.branches if b.branch_id == branch.pk)
        if mine.rank is None:
            continue
        indexes[unit_id] = BranchIndex(
            unit_id=unit_id,
            year=year,
            survey_id=branch.survey_id,
            overall=round(mine.overall.mean, 2),
            low=None if mine.overall.low is None else round(mine.overall.low, 2),
            high=None if mine.overall.high is None else round(mine.overall.high, 2),
            respondents=mine.respondents,
            rank=mine.rank,
            of=len(outcome.ranked),
            components={code: round(s.mean, 2) for code, s in mine.components.items() if s.mean is not None},
        )
    return indexes


def invitations_pending(survey: Survey):
    """Invited enterprises that have not submitted every branch they chose (or not started)."""
    return survey.invitations.filter(completed_at__isnull=True).order_by("tax_code")


def invitation_counts(survey: Survey) -> dict[str, int]:
    qs = Invitation.objects.filter(survey=survey)
    return qs.aggregate(
        total=Count("id"),
        completed=Count("id", filter=Q(completed_at__isnull=False)),
        opened=Count("id", filter=Q(opened_at__isnull=False)),
        with_link=Count("id", filter=Q(token_hash__isnull=False)),
    )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("survey__unit").filter(token_hash=hash_token(token)).first()
