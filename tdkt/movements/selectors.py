"""Reads of movements, registrations and targets.

`registered_titles(subject, year)` and `is_registered(subject, year, code)` are the hook for proposals:
a candidate proposed for a title it did not register for that year can be flagged (see docs/movements.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from tdkt.movements.models import (
    ClusterMember,
    ClusterVote,
    Inspection,
    Movement,
    RegisteredTitle,
    Registration,
    Score,
    ScoringCriterion,
    Target,
)
from tdkt.org.models import Membership, Person, Unit
from tdkt.org.selectors import people_in, subtree_ids

PERCENT_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)
MAX_PERCENT = Decimal("99999.9999")  # what Target.attainment holds; beyond it the figure means nothing anyway


# --- registrations: the hook for proposals --------------------------------------------------------------


def registered_titles(subject: Person | Unit, year: int) -> set[str]:
    """Codes of the titles registered (submitted registrations) for the person or the collective in a year."""
    titles = RegisteredTitle.objects.filter(registration__year=year, registration__status="submitted")
    if isinstance(subject, Person):
        titles = titles.filter(person=subject)
    else:
        titles = titles.filter(person__isnull=True, registration__unit=subject)
    return set(titles.values_list("kind__code", flat=True))


def is_registered(subject: Person | Unit, year: int, code: str) -> bool:
    """Whether `subject` registered for the title `code` in `year` (a proposal not registered is flagged)."""
    return code in registered_titles(subject, year)


def registered_titles_of_people(person_ids, year: int) -> dict[int, set[str]]:
    """For a list of candidates in one query: person id → codes registered for the year (absent: none)."""
    rows = RegisteredTitle.objects.filter(
        registration__year=year, registration__status="submitted", person_id__in=list(person_ids)
    ).values_list("person_id", "kind__code")
    result: dict[int, set[str]] = {}
    for person_id, code in rows:
        result.setdefault(person_id, set()).add(code)
    return result


def registered_titles_of_units(unit_ids, year: int) -> dict[int, set[str]]:
    """For a list of collectives in one query: unit id → codes of the collective titles registered for the year."""
    rows = RegisteredTitle.objects.filter(
        registration__year=year,
        registration__status="submitted",
        person__isnull=True,
        registration__unit_id__in=list(unit_ids),
    ).values_list("registration__unit_id", "kind__code")
    result: dict[int, set[str]] = {}
    for unit_id, code in rows:
        result.setdefault(unit_id, set()).add(code)
    return result


def people_of_unit_in_year(unit: Unit, year: int) -> QuerySet[Person]:
    """People who were members of the unit or a unit under it at some time in the year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    ids = subtree_ids(unit, min(max(start, unit.valid_from), end))
    memberships = Membership.objects.filter(unit_id__in=ids, valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=start)
    )
    return Person.objects.filter(pk__in=memberships.values("person_id"))


def people_now(unit: Unit, day: date) -> QuerySet[Person]:
    return people_in(subtree_ids(unit, day), on=day)


def registration_rows(registration: Registration) -> tuple[list[str], list[tuple[Person, str]]]:
    """The collective's titles (names) and the people's (person, title name), people in Vietnamese order."""
    titles = registration.titles.select_related("kind", "person")
    collective = sorted(t.kind.name for t in titles if t.person_id is None)
    people = sorted(
        ((t.person, t.kind.name) for t in titles if t.person_id is not None), key=lambda r: r[0].sort_key
    )
    return collective, people


# --- movements -------------------------------------------------------------------------------------------


def movements_of_unit(unit: Unit) -> QuerySet[Movement]:
    """Movements a unit takes part in or launched."""
    return Movement.objects.filter(Q(participants__unit=unit) | Q(launching_unit=unit)).distinct()


def participation(movement: Movement, visible_ids) -> list[dict]:
    """Each participating unit the viewer sees, with its registration for the movement (latest year)."""
    units = movement.participants.select_related("unit").order_by("unit__code")
    if visible_ids is not None:
        units = units.filter(unit_id__in=visible_ids)
    registrations = {}
    for reg in Registration.objects.filter(movement=movement).annotate(n=Count("titles")).order_by("year"):
        registrations[reg.unit_id] = reg
    return [{"unit": p.unit, "registration": registrations.get(p.unit_id)} for p in units]


# --- targets ---------------------------------------------------------------------------------------------


def attainment_of(planned: Decimal, total: Decimal | None, higher_is_better: bool = True) -> Decimal | None:
    """Attainment in percent, four decimals: 76.508 of 108.800 → 70.3199 (shown 70,32 %).

    When lower is better (clearance time), the ratio is inverted: 2 hours against a target of 4 is 200 %."""
    if total is None or planned is None or planned <= 0:
        return None
    if higher_is_better:
        ratio = Decimal(total) * HUNDRED / Decimal(planned)
    elif total == 0:
        return None
    else:
        ratio = Decimal(planned) * HUNDRED / Decimal(total)
    return min(ratio, MAX_PERCENT).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class Forecast:
    value: Decimal | None
    attainment: Decimal | None


def forecast(target: Target) -> Forecast:
    """The year-end value at the pace of the periods reported so far (a sum grows linearly; an average stays)."""
    if not target.periods_reported or target.actual_total is None:
        return Forecast(None, None)
    if target.aggregation == Target.Aggregation.SUM:
        value = (target.actual_total * target.periods_in_year / target.periods_reported).quantize(
            Decimal("0.001")
        )
    else:
        value = target.actual_total
    return Forecast(value, attainment_of(target.planned, value, target.higher_is_better))


def series(target: Target) -> dict:
    """Chart data: the running result by period (sum or average so far) against the planned value."""
    by_period = {a.period: a.value for a in target.actuals.all()}
    last = max(by_period, default=0)
    labels, actual, seen = [], [], []
    for period in range(1, target.periods_in_year + 1):
        labels.append(target.period_label(period))
        if period in by_period:
            seen.append(by_period[period])
        if period > last or not seen:
            actual.append(None)
        elif target.aggregation == Target.Aggregation.SUM:
            actual.append(float(sum(seen)))
        else:
            actual.append(float(sum(seen) / len(seen)))
    return {"labels": labels, "actual": actual, "planned": [float(target.planned)] * len(labels)}


def by_year(target: Target) -> list[dict]:
    """A multi-year target year by year: the result of each year (sum or average of its periods), the running
    result to the end of that year, and how many periods it reported. Years without results have None."""
    values: dict[int, list[Decimal]] = {}
    for a in target.actuals.all():
        values.setdefault(target.period_year(a.period), []).append(a.value)
    rows, seen = [], []
    for year in target.years:
        got = values.get(year, [])
        seen.extend(got)
        if target.aggregation == Target.Aggregation.SUM:
            value = sum(got, Decimal(0)) if got else None
            running = sum(seen, Decimal(0)) if seen else None
        else:
            value = sum(got, Decimal(0)) / len(got) if got else None
            running = sum(seen, Decimal(0)) / len(seen) if seen else None
        rows.append({"year": year, "value": value, "running": running, "periods": len(got)})
    return rows


def series_by_year(target: Target) -> dict:
    """Chart data of a multi-year target: the running result at the end of each year against the target."""
    rows = by_year(target)
    last = max((i for i, r in enumerate(rows) if r["periods"]), default=-1)
    return {
        "labels": [str(r["year"]) for r in rows],
        "actual": [
            float(r["running"]) if i <= last and r["running"] is not None else None
            for i, r in enumerate(rows)
        ],
        "planned": [float(target.planned)] * len(rows),
    }


def leaderboard(targets: QuerySet[Target], *, year: int, code: str, unit_kind: str = "") -> QuerySet[Target]:
    """Collectives' targets of one code and year, best attainment first (those without results last)."""
    rows = targets.filter(year=year, code=code, person__isnull=True)
    if unit_kind:
        rows = rows.filter(unit__kind=unit_kind)
    return rows.select_related("unit").order_by("-attainment", "unit__code").exclude(attainment__isnull=True)


def task_result_suggestions(year: int, unit_ids=None) -> set[int]:
    """Units that exceeded (> 100 %) every approved collective target of the year (and have at least one)."""
    targets = Target.objects.filter(year=year, person__isnull=True, approved=True)
    if unit_ids is not None:
        targets = targets.filter(unit_id__in=unit_ids)
    counts = targets.values("unit_id").annotate(
        n=Count("id"), met=Count("id", filter=Q(attainment__gt=HUNDRED))
    )
    return {row["unit_id"] for row in counts if row["n"] and row["n"] == row["met"]}


# --- clusters --------------------------------------------------------------------------------------------


def cluster_totals(cluster, year: int, field: str = "cluster_score") -> dict[int, Decimal]:
    """Each member's total of the cluster's scores (or the self-scores) for the year."""
    from django.db.models import Sum

    rows = (
        Score.objects.filter(criterion__cluster=cluster, criterion__year=year)
        .values("unit_id")
        .annotate(total=Sum(field))
    )
    return {r["unit_id"]: r["total"] for r in rows if r["total"] is not None}


def scoring_table(cluster, year: int) -> dict:
    """The criteria (columns) and, per member, its scores and totals, ranked by the cluster's total."""

    criteria = list(ScoringCriterion.objects.filter(cluster=cluster, year=year).order_by("order", "id"))
    members = list(ClusterMember.objects.filter(cluster=cluster, year=year).select_related("unit"))
    scores = {(s.criterion_id, s.unit_id): s for s in Score.objects.filter(criterion__in=criteria)}
    votes = {v.unit_id: v for v in ClusterVote.objects.filter(cluster=cluster, year=year)}
    rows = []
    for member in members:
        cells = [scores.get((c.pk, member.unit_id)) for c in criteria]
        self_total = sum((s.self_score for s in cells if s and s.self_score is not None), Decimal(0))
        cluster_total = sum((s.cluster_score for s in cells if s and s.cluster_score is not None), Decimal(0))
        rows.append(
            {
                "member": member,
                "cells": cells,
                "self_total": self_total,
                "cluster_total": cluster_total,
                "vote": votes.get(member.unit_id),
            }
        )
    rows.sort(key=lambda r: (-r["cluster_total"], r["member"].unit.code))
    for position, row in enumerate(rows, start=1):
        row["score_rank"] = position
    if votes:
        rows.sort(key=lambda r: r["vote"].rank if r["vote"] else 99)
    return {
        "criteria": criteria,
        "rows": rows,
        "max_total": sum((c.max_points for c in criteria), Decimal(0)),
    }


# --- office culture ----------------------------------------------------------------------------------------


def culture_shares(checklist) -> dict[int, Decimal]:
    """Each inspected unit's average share of the checklist's points (0 … 1) over its inspections."""
    from django.db.models import Sum

    rows = (
        Inspection.objects.filter(checklist=checklist)
        .values("unit_id")
        .annotate(p=Sum("points"), m=Sum("max_points"))
    )
    return {r["unit_id"]: (Decimal(r["p"]) / Decimal(r["m"])) for r in rows if r["m"]}


def culture_results(checklist) -> list[dict]:
    """Per inspected unit: inspections, points and the share in %, best first."""
    from django.db.models import Count, Sum

    rows = (
        Inspection.objects.filter(checklist=checklist)
        .values("unit_id", "unit__name")
        .annotate(n=Count("id"), p=Sum("points"), m=Sum("max_points"))
    )
    results = [
        {
            "unit_id": r["unit_id"],
            "unit_name": r["unit__name"],
            "inspections": r["n"],
            "points": r["p"],
            "max_points": r["m"],
            "percent": (Decimal(r["p"]) * HUNDRED / Decimal(r["m"])).quantize(Decimal("0.01")),
        }
        for r in rows
    ]
    return sorted(results, key=lambda r: (-r["percent"], r["unit_name"]))
