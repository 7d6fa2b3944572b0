"""The award history of one person or unit, as a timeline for pages and the API (read-only selectors).

A handful of queries per subject, whatever the length of the history. A revoked award stays in the
timeline, marked, with its reason; a unit's awards stay with it across renames (`subject_name` keeps the
name it bore when awarded).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tdkt.awards.models import (
    Award,
    ClusterResult,
    Discipline,
    Leave,
    Rating,
    Recognition,
    ReviewPeriod,
    UnitResult,
)
from tdkt.org.models import Person, Unit


@dataclass
class YearEntry:
    year: int
    awards: list[Award] = field(default_factory=list)
    rating: Rating | UnitResult | None = None
    recognitions: list[Recognition] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)


@dataclass
class History:
    subject: Person | Unit
    awards: list[Award]
    ratings: list[Rating] | list[UnitResult]
    recognitions: list[Recognition]
    disciplines: list[Discipline]
    review_periods: list[ReviewPeriod] = field(default_factory=list)
    leaves: list[Leave] = field(default_factory=list)
    cluster_results: list[ClusterResult] = field(default_factory=list)
    # Only the years of a former membership are shown (the page says so).
    limited: bool = False

    @property
    def years(self) -> list[YearEntry]:
        """The timeline: one entry per year with anything recorded, newest first."""
        entries: dict[int, YearEntry] = {}

        def entry(year: int) -> YearEntry:
            if year not in entries:
                entries[year] = YearEntry(year)
            return entries[year]

        for award in self.awards:
            entry(award.year).awards.append(award)
        for rating in self.ratings:
            entry(rating.year).rating = rating
        for recognition in self.recognitions:
            entry(recognition.year).recognitions.append(recognition)
        for discipline in self.disciplines:
            entry(discipline.year).disciplines.append(discipline)
        return [entries[y] for y in sorted(entries, reverse=True)]

    @property
    def active_awards(self) -> list[Award]:
        return [a for a in self.awards if not a.revoked]


def _awards(**subject) -> list[Award]:
    return list(
        Award.objects.filter(**subject)
        .select_related("kind")
        .order_by("-year", "kind__rank", "-decision_date", "id")
    )


def person_history(person: Person, years: tuple[tuple[int, int], ...] | None = None) -> History:
    """Awards, ratings, recognised initiatives, discipline, periods under review and leaves of a person (six
    queries). `years` limits it to spans of years (`org.permissions.visible_years`: a former member seen by
    the old unit); None gives all of it."""

    def within(year: int) -> bool:
        return years is None or any(first <= year <= last for first, last in years)

    def spanning(start, end) -> bool:  # a period touching a visible year
        return years is None or any(
            start.year <= last and (end is None or end.year >= first) for first, last in years
        )

    return History(
        subject=person,
        awards=[a for a in _awards(person=person) if within(a.year)],
        ratings=[r for r in Rating.objects.filter(person=person).order_by("-year") if within(r.year)],
        recognitions=[
            r
            for r in Recognition.objects.filter(authors__person=person).order_by("-year", "title").distinct()
            if within(r.year)
        ],
        disciplines=[
            d for d in Discipline.objects.filter(person=person).order_by("-year", "id") if within(d.year)
        ],
        review_periods=[
            p
            for p in ReviewPeriod.objects.filter(person=person).order_by("-start")
            if spanning(p.start, p.end)
        ],
        leaves=[
            v for v in Leave.objects.filter(person=person).order_by("-start") if spanning(v.start, v.end)
        ],
        limited=years is not None,
    )


def unit_history(unit: Unit) -> History:
    """Awards, yearly task results, cluster results and periods under review of a unit (four queries)."""
    return History(
        subject=unit,
        awards=_awards(unit=unit),
        ratings=list(UnitResult.objects.filter(unit=unit).order_by("-year")),
        recognitions=[],
        disciplines=[],
        review_periods=list(ReviewPeriod.objects.filter(unit=unit).order_by("-start")),
        cluster_results=list(ClusterResult.objects.filter(unit=unit).order_by("-year")),
    )
