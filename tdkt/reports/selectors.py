"""Statistics over the award history: counts by title or form, level, year, unit subtree and subject.

One function, `award_report`, answers the page, the spreadsheet export and the API alike, in one aggregate
statement (`GROUPING SETS` on PostgreSQL) whatever the size of the history.

- A revoked award (Art. 93) counts only when asked (`include_revoked`).
- Scope of the user: a collective's award counts if the unit is visible; a person's if the person had a
  membership in a visible unit (`tdkt.org.permissions.visible_unit_ids`; None: everything).
- Unit filter: the unit, everything ever under it, and its predecessors (`tdkt.org.selectors.scope_ids`):
  a collective's award counts if the collective is there; a person's if the person was a member there in
  the year of the award.
- "Tập thể" and "cá nhân" count distinct collectives and people; "lượt" counts awards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from tdkt.awards.models import Award, AwardKind, Level
from tdkt.org.models import Membership, Unit
from tdkt.org.selectors import scope_ids

INDIVIDUAL, COLLECTIVE = "individual", "collective"


@dataclass(frozen=True)
class ReportFilter:
    year_from: int | None = None
    year_to: int | None = None
    unit: Unit | None = None
    kind: AwardKind | None = None
    level: str = ""
    subject: str = ""  # INDIVIDUAL, COLLECTIVE or "" (both)
    include_revoked: bool = False


@dataclass
class Tally:
    collectives: int = 0  # distinct collectives
    individuals: int = 0  # distinct people
    collective_awards: int = 0
    individual_awards: int = 0

    @property
    def awards(self) -> int:
        return self.collective_awards + self.individual_awards


@dataclass
class KindRow(Tally):
    code: str = ""
    name: str = ""
    level: str = ""
    level_label: str = ""
    category: str = ""


@dataclass
class YearRow(Tally):
    year: int = 0


@dataclass
class LevelRow(Tally):
    level: str = ""
    label: str = ""


@dataclass
class Report:
    filters: ReportFilter
    total: Tally = field(default_factory=Tally)
    by_kind: list[KindRow] = field(default_factory=list)
    by_year: list[YearRow] = field(default_factory=list)
    by_level: list[LevelRow] = field(default_factory=list)

    def kind(self, code: str) -> KindRow:
        """The row of one title or form (zeros when it has none)."""
        return next((row for row in self.by_kind if row.code == code), KindRow(code=code))

    def chart_data(self) -> dict:
        """What static/js/charts.js draws: awards by year and by title/form, collectives and individuals."""
        collective, individual = _("Tập thể"), _("Cá nhân")
        return {
            "by_year": {
                "labels": [str(row.year) for row in self.by_year],
                "datasets": [
                    {"label": collective, "data": [row.collective_awards for row in self.by_year]},
                    {"label": individual, "data": [row.individual_awards for row in self.by_year]},
                ],
            },
            "by_kind": {
                "horizontal": True,
                "labels": [row.name for row in self.by_kind],
                "datasets": [
                    {"label": collective, "data": [row.collective_awards for row in self.by_kind]},
                    {"label": individual, "data": [row.individual_awards for row in self.by_kind]},
                ],
            },
        }


def awards_in_scope(filters: ReportFilter, visible: set[int] | None) -> QuerySet[Award]:
    """The awards the report counts: the filters applied, within what the user may see."""
    awards = Award.objects.all()
    if not filters.include_revoked:
        awards = awards.filter(revoked=False)
    if filters.year_from is not None:
        awards = awards.filter(year__gte=filters.year_from)
    if filters.year_to is not None:
        awards = awards.filter(year__lte=filters.year_to)
    if filters.kind is not None:
        awards = awards.filter(kind=filters.kind)
    if filters.level:
        awards = awards.filter(kind__level=filters.level)
    if filters.subject == INDIVIDUAL:
        awards = awards.filter(person__isnull=False)
    elif filters.subject == COLLECTIVE:
        awards = awards.filter(unit__isnull=False)
    if visible is not None:
        members = Membership.objects.filter(unit_id__in=visible).values("person_id")
        awards = awards.filter(Q(unit_id__in=visible) | Q(person_id__in=members))
    if filters.unit is not None:
        awards = awards.filter(_in_unit_that_year(scope_ids([filters.unit.pk]), filters))
    return awards


# A report over at most this many years tests membership year by year (see `_in_unit_that_year`).
YEAR_BY_YEAR_MAX = 20
# A scope of at most this share of all units is read from its own awards and its members' (see below).
SMALL_SCOPE_SHARE = 0.1


def _in_unit_that_year(units, filters: ReportFilter) -> Q:
    """An award of one of `units`, or of a person who was a member of one of them in the award's year.

    For a bounded period the membership test is written year by year, `year = Y AND person_id IN (members in
    Y)`: each year's members are one uncorrelated subquery, which PostgreSQL hashes once; the same test as one
    correlated EXISTS is probed once per award row (about a million probes a year for a ministry). Measured on
    the national set (docs/performance.md): a ministry's one-year statistics 11,3 s → 2,4 s.

    That still reads every award of the period and keeps those of the members. For a small scope (a provincial
    department, a Chi cục: at most SMALL_SCOPE_SHARE of the units) the awards are found from the other end:
    the scope's own awards and, year by year, its members' awards by the (person, year) index, one `id IN
    (… UNION ALL …)` that PostgreSQL joins instead of filtering. At 1.000.000 people, a provincial department's
    one-year count 1.821 → 519 ms; for the whole ministry the same form is 3 × slower, hence the share."""
    years = (filters.year_from, filters.year_to)
    if None in years or not 0 <= years[1] - years[0] < YEAR_BY_YEAR_MAX:
        member_that_year = Membership.objects.filter(
            person_id=OuterRef("person_id"), unit_id__in=units, valid_from__year__lte=OuterRef("year")
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__year__gte=OuterRef("year")))
        return Q(unit_id__in=units) | Q(Exists(member_that_year))
    members_in = {
        year: _members_in(units, year).values("person_id") for year in range(years[0], years[1] + 1)
    }
    if len(units) <= SMALL_SCOPE_SHARE * Unit.objects.count():
        found = Award.objects.filter(unit_id__in=units, year__gte=years[0], year__lte=years[1])
        found = found.order_by().values("pk")
        for year, members in members_in.items():
            theirs = Award.objects.filter(year=year, person_id__in=members).order_by().values("pk")
            found = found.union(theirs, all=True)
        return Q(pk__in=found)
    by_year = Q()
    for year, members in members_in.items():
        by_year |= Q(year=year, person_id__in=members)
    return Q(unit_id__in=units) | by_year


def _members_in(units, year: int) -> QuerySet[Membership]:
    """The memberships of `units` that cover any part of `year`."""
    return Membership.objects.filter(unit_id__in=units, valid_from__year__lte=year).filter(
        Q(valid_to__isnull=True) | Q(valid_to__year__gte=year)
    )


_TALLY = ("collectives", "individuals", "collective_awards", "individual_awards")
# The four groupings of the statistics page, by the GROUPING() bitmask of (kind, year, level).
_TOTAL, _BY_KIND, _BY_YEAR, _BY_LEVEL = 7, 3, 5, 6
_SETS = ((_TOTAL, ()), (_BY_KIND, ("k",)), (_BY_YEAR, ("y",)), (_BY_LEVEL, ("lv",)))


def _tallies(awards: QuerySet[Award]) -> dict[int, dict]:
    """The total and the tallies by kind, by year and by level, read in one statement.

    On PostgreSQL one `GROUP BY GROUPING SETS` over the scoped awards, so the scope (the costly part at
    national scale: see docs/performance.md) is evaluated once instead of once per grouping; elsewhere the
    same four groupings as one `UNION ALL` statement. Returns {grouping: {group value: tally}}, the group
    value of the total being None."""
    inner = awards.order_by().values(
        u=F("unit_id"), p=F("person_id"), k=F("kind_id"), y=F("year"), lv=F("kind__level")
    )
    result: dict[int, dict] = {grouping: {} for grouping, _columns in _SETS}
    result[_TOTAL][None] = dict.fromkeys(_TALLY, 0)
    try:
        sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # a scope that can match nothing (no visible unit)
        return result
    counts = "COUNT(DISTINCT s.u), COUNT(DISTINCT s.p), COUNT(s.u), COUNT(s.p)"
    if connection.vendor == "postgresql":
        statement = (
            f"SELECT GROUPING(s.k, s.y, s.lv), s.k, s.y, s.lv, {counts} FROM ({sql}) s "
            "GROUP BY GROUPING SETS ((), (s.k), (s.y), (s.lv))"
        )
        all_params = params
    else:
        parts = []
        for grouping, columns in _SETS:
            picked = ", ".join(f"s.{c}" if c in columns else "NULL" for c in ("k", "y", "lv"))
            group_by = f" GROUP BY {', '.join(f's.{c}' for c in columns)}" if columns else ""
            parts.append(f"SELECT {grouping}, {picked}, {counts} FROM ({sql}) s{group_by}")
        statement = " UNION ALL ".join(parts)
        all_params = tuple(params) * len(_SETS)
    with connection.cursor() as cursor:
        cursor.execute(statement, all_params)
        for grouping, kind, year, level, *tally in cursor.fetchall():
            value = {_TOTAL: None, _BY_KIND: kind, _BY_YEAR: year, _BY_LEVEL: level}[grouping]
            result[grouping][value] = dict(zip(_TALLY, tally, strict=True))
    return result


def award_report(filters: ReportFilter, visible: set[int] | None) -> Report:
    report = Report(filters)
    tallies = _tallies(awards_in_scope(filters, visible))
    report.total = Tally(**tallies[_TOTAL][None])
    by_kind = tallies[_BY_KIND]
    levels = dict(Level.choices)
    for kind in AwardKind.objects.filter(pk__in=by_kind).order_by("rank", "code"):
        report.by_kind.append(
            KindRow(
                code=kind.code,
                name=kind.name,
                level=kind.level,
                level_label=str(levels.get(kind.level, "")),
                category=kind.category,
                **by_kind[kind.pk],
            )
        )
    by_year = tallies[_BY_YEAR]
    report.by_year = [YearRow(year=year, **by_year[year]) for year in sorted(by_year)]
    by_level = tallies[_BY_LEVEL]
    report.by_level = [
        LevelRow(level=value, label=str(label), **by_level[value])
        for value, label in Level.choices
        if value in by_level
    ]
    return report
