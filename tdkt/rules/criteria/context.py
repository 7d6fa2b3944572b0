"""What every rule needs: a per-subject index of the facts, the question context, and shared criteria.

The index is built once per subject (revoked records dropped, initiatives de-duplicated) and reused by every
question about that subject. `FutureView` answers the same queries as if every year from a given one went
well; the engine uses it to find the earliest year a subject could become eligible.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, Protocol, runtime_checkable

from tdkt.rules import slots
from tdkt.rules.model import (
    DECLARED,
    FORMS,
    GOOD_RATINGS,
    MET,
    PENDING,
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
    PositionRecord,
    ReviewRecord,
    SubjectFacts,
    TitleRecord,
    Vote,
)
from tdkt.rules.rulesets import AWARD_NAMES, LEADERSHIP_RANK, UNSET, RuleSet

RATING_NAMES = {
    "HTXS": "Hoàn thành xuất sắc nhiệm vụ",
    "HTT": "Hoàn thành tốt nhiệm vụ",
    "HT": "Hoàn thành nhiệm vụ",
    "KHT": "Không hoàn thành nhiệm vụ",
}
DISCIPLINE_NAMES = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "giang_chuc": "giáng chức",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}
SCOPE_NAMES = {"co_so": "cơ sở", "bo": "bộ, ngành", "toan_quoc": "toàn quốc"}
_NO_INITIATIVES: tuple[InitiativeRecord, ...] = ()
_NO_AWARDS: tuple[AwardRecord, ...] = ()


@runtime_checkable
class FactsView(Protocol):
    """The queries a rule may put to a subject's facts: the one interface of `SubjectIndex` (the fast
    index), `FutureView` (every unknown year goes well), `memo.Recorder` (notes queries and answers) and
    `reference.PlainFacts` (plain scans). Every answer is hashable and compared by value."""

    def rating(self, year: int) -> str | None: ...
    def task_result(self, year: int) -> str | None: ...
    def counts(self, year: int) -> MemberCounts | None: ...
    def vote(self, award: str) -> Vote | None: ...
    def cluster_result(self, year: int) -> ClusterRecord | None: ...
    def ratings_of(self, years: tuple[int, ...]) -> tuple[str | None, ...]: ...
    def rated_years_among(self, rating: str, years: tuple[int, ...]) -> tuple[int, ...]: ...
    def has_title(self, code: str, year: int) -> bool: ...
    def title_years_upto(self, code: str, last: int) -> tuple[int, ...]: ...
    def title_years_among(self, code: str, years: tuple[int, ...]) -> tuple[int, ...]: ...
    def awards_before(self, code: str, on: date) -> tuple[AwardRecord, ...]: ...
    def initiatives(self, year: int) -> tuple[InitiativeRecord, ...]: ...
    def initiatives_among(
        self, years: tuple[int, ...], min_scope: str, research_applied: bool
    ) -> tuple[InitiativeRecord, ...]: ...
    def disciplines(self, year: int) -> tuple[DisciplineRecord, ...] | None: ...
    def reviews_on(self, day: date) -> tuple[ReviewRecord, ...]: ...
    def leaves_in(self, year: int) -> tuple[LeaveRecord, ...]: ...
    def last_rated_before(self, limit: int) -> int | None: ...
    def latest_member_total(self) -> int | None: ...
    def shared_run(self, test: str, last: int, breaks: Any) -> tuple[int, ...] | None: ...
    def penalty_covering(self, year: int, on: date, terms: tuple) -> PenaltyCut | None: ...
    def penalty_cut_after(self, year: int, on: date, terms: tuple) -> PenaltyCut | None: ...
    def leadership_service(self, on: date, bands: tuple) -> Service | None: ...

    @property
    def all_disciplines(self) -> tuple[DisciplineRecord, ...]: ...


class SubjectIndex:
    """Read-only lookups over one subject's facts, without revoked titles or awards (Art. 93).

    These queries are the only way the rules read facts, and every answer is hashable and compared by value:
    the batch's shared decision paths (`tdkt.rules.memo`) key on them. A new kind of fact needs a query here,
    in `FutureView` and in `memo.Recorder`."""

    __slots__ = (
        "rating", "task_result", "counts", "disciplines", "vote", "all_disciplines",
        "_positions", "_titles", "_initiatives", "_top_scope", "_award_records",
        "_awards", "_results", "_member_counts", "memo", "cluster_result", "_reviews", "_leaves",
    )  # fmt: skip

    def __init__(self, facts: SubjectFacts) -> None:
        # No reference back to `facts` (which caches this index): the pair must not form a cycle, or a batch
        # run with the cyclic collector paused would keep every subject it read.
        self._results = facts.ratings or facts.task_results
        self._member_counts = facts.member_counts
        # The most frequent queries are C-level lookups in a dict built here (or the facts' own):
        # rating(year), task_result(year), counts(year), vote(award) → the value or None;
        # awards(code) → the subject's awards of that form, oldest first (a tuple, empty if none);
        # disciplines(year) → the year's disciplinary records, or None if there are none.
        self.rating: Callable[[int], str | None] = facts.ratings.get
        self.task_result: Callable[[int], str | None] = facts.task_results.get
        self.counts: Callable[[int], MemberCounts | None] = facts.member_counts.get
        self.vote: Callable[[str], Vote | None] = facts.votes.get
        # awards_before(code, on) → the subject's awards of that form decided before `on`, oldest first: the
        # awards by code are built on first use.
        self._award_records = facts.awards
        self._awards: _AwardsByCode | None = None if facts.awards else _NO_AWARDS_BY_CODE
        self.disciplines: Callable[[int], tuple[DisciplineRecord, ...] | None] = (
            _discipline_by_year(facts.discipline) if facts.discipline else _EMPTY
        ).get
        self.all_disciplines: tuple[DisciplineRecord, ...] = tuple(facts.discipline)
        self._positions: tuple[PositionRecord, ...] = tuple(facts.positions)
        self._titles = _titles_by_code(facts.titles) if facts.titles else _EMPTY
        if facts.initiatives:
            self._initiatives, self._top_scope = _initiatives_by_year(facts.initiatives)
        else:
            self._initiatives, self._top_scope = _EMPTY, -1
        # cluster_result(year) → the collective's result in its emulation cluster that year, or None.
        self.cluster_result: Callable[[int], ClusterRecord | None] = facts.cluster_results.get
        self._reviews = facts.under_review
        self._leaves = facts.leaves
        self.memo: dict[tuple, Any] = {}  # results shared by the questions about this subject (trailing_run)

    def reviews_on(self, day: date) -> tuple[ReviewRecord, ...]:
        """The periods under review (discipline, inspection, complaint) that cover `day`."""
        reviews = self._reviews
        return tuple(r for r in reviews if r.covers(day)) if reviews else ()

    def leaves_in(self, year: int) -> tuple[LeaveRecord, ...]:
        """The recorded leaves that touch `year`."""
        leaves = self._leaves
        return tuple(r for r in leaves if r.touches(year)) if leaves else ()

    def awards_before(self, code: str, on: date) -> tuple[AwardRecord, ...]:
        """The awards of `code` (not revoked) decided before `on`, oldest first."""
        by_code = self._awards
        if by_code is None:
            by_code = self._awards = _awards_by_code(self._award_records)
        records = by_code[code]
        if not records or records[-1].date < on:
            return records
        return tuple(a for a in records if a.date < on)

    def slotted_awards_before(self, found: int, code: str, on: date) -> tuple[AwardRecord, ...]:
        """`awards_before(code, on)` as label slots of query number `found` (`_award_masked`): people whose
        awards differ only by day and decision share the path."""
        records = self.awards_before(code, on)
        return slots.labels_masked(found, records, _award_decides, _award_masked) if records else records

    def has_title(self, code: str, year: int) -> bool:
        return year in self._titles.get(code, ())

    def title_years_upto(self, code: str, last: int) -> tuple[int, ...]:
        years = self._titles.get(code, ())
        return years if not years or years[-1] <= last else tuple(year for year in years if year <= last)

    def title_years_among(self, code: str, years: tuple[int, ...]) -> tuple[int, ...]:
        """The years of `years` (in their order) in which the subject received `code`."""
        held = self._titles.get(code)
        return tuple(filter(held.__contains__, years)) if held else ()

    def title_years_between(self, code: str, first: int, last: int) -> tuple[int, ...]:
        """`title_years_among(code, years)` for the years `first`..`last` in order (the bulk path's form)."""
        held = self._titles.get(code)
        return held[bisect_left(held, first) : bisect_right(held, last)] if held else ()

    def ratings_of(self, years: tuple[int, ...]) -> tuple[str | None, ...]:
        return tuple(map(self.rating, years))

    def rated_years_among(self, rating: str, years: tuple[int, ...]) -> tuple[int, ...]:
        """The years of `years` (in their order) in which the subject was rated `rating`."""
        get = self.rating
        return tuple(year for year in years if get(year) == rating)

    # Year slots (`tdkt.rules.slots`): the answers of `slots.YEAR_QUERIES` with each year in a slot of query
    # number `found`, when they are in order (else the years themselves, so the listed order stays right).

    def slotted_title_years_among(self, found: int, code: str, years: tuple[int, ...]) -> tuple:
        return _years_slotted(found, self.title_years_among(code, years))

    def slotted_title_years_between(self, found: int, code: str, first: int, last: int) -> tuple:
        return _years_slotted(found, self.title_years_between(code, first, last))

    def slotted_rated_years_among(self, found: int, rating: str, years: tuple[int, ...]) -> tuple:
        return _years_slotted(found, self.rated_years_among(rating, years))

    def initiatives(self, year: int) -> tuple[InitiativeRecord, ...]:
        return self._initiatives.get(year, _NO_INITIATIVES)

    def initiatives_among(
        self, years: tuple[int, ...], min_scope: str, research_applied: bool
    ) -> tuple[InitiativeRecord, ...]:
        """Initiatives (and accepted research) at scope >= `min_scope` recognised in `years`, year by year in
        their order; with `research_applied`, research only if it was applied."""
        rank = SCOPE_RANK[min_scope]
        if self._top_scope < rank:  # none (or none at that scope)
            return _NO_INITIATIVES
        return _matching(self._initiatives, years, rank, research_applied)

    def slotted_initiatives(self, found: int, year: int) -> tuple[InitiativeRecord, ...]:
        """`initiatives(year)` with decision numbers in the slots of query number `found` (`tdkt.rules.slots`)."""
        records = self._initiatives.get(year)
        return slots.masked(found, records) if records else _NO_INITIATIVES

    def slotted_initiatives_among(
        self, found: int, years: tuple[int, ...], min_scope: str, research_applied: bool
    ) -> tuple[InitiativeRecord, ...]:
        """`initiatives_among(...)` as label slots of query number `found`: the rules count these records by
        kind and show their labels (`initiative_label`), so on a shared path each keeps only its kind and its
        label is a slot; people with as many initiatives of each kind in the window share the path."""
        records = self.initiatives_among(years, min_scope, research_applied)
        return (
            slots.labels_masked(found, records, _initiative_decides, _initiative_masked)
            if records
            else records
        )

    def shared_run(self, test: str, last: int, breaks: Any) -> tuple[int, ...]:
        """The unbroken run of years ending at `last` (no floor) that pass `RUN_TESTS[test]`, walked once per
        subject and shared by every question that asks for it; `breaks` is the rule set's
        `chain.discipline_breaks_run`."""
        key = (test, last, breaks)
        run = self.memo.get(key)
        if run is None:
            run = self.memo[key] = RUNS[test](last, breaks, self)
        return run

    def penalty_covering(self, year: int, on: date, terms: tuple) -> PenaltyCut | None:
        """A penalty of a year before `year`, decided by `on`, whose term runs into `year` (`terms`: the rule
        set's `discipline.term_months.*` values, `penalty_terms`); None for most people, whatever their past
        penalties, so that these do not split the shared decision paths."""
        records = self.all_disciplines
        return covering_penalty(records, year, on, terms) if records else None

    def penalty_cut_after(self, year: int, on: date, terms: tuple) -> PenaltyCut | None:
        """The penalty cut (`latest_cut`) when its first counted year comes after `year`, else None."""
        records = self.all_disciplines
        cut = latest_cut(records, on, terms) if records else None
        return cut if cut is not None and cut.first_year > year else None

    def leadership_service(self, on: date, bands: tuple) -> Service | None:
        """The time in leadership posts up to `on`, judged against `bands` (`Service`); None without posts."""
        posts = self._positions
        return leadership_service(posts, self.all_disciplines, on, bands) if posts else None

    def slotted_leadership_service(self, found: int, on: date, bands: tuple) -> Service | None:
        service = self.leadership_service(on, bands)
        return service.slotted(found) if service is not None else None

    # Penalty slots (`tdkt.rules.slots`): the cut with its note in the slot of query number `found`.

    def slotted_penalty_covering(self, found: int, year: int, on: date, terms: tuple) -> PenaltyCut | None:
        cut = self.penalty_covering(year, on, terms)
        return cut.slotted(found) if cut is not None else None

    def slotted_penalty_cut_after(self, found: int, year: int, on: date, terms: tuple) -> PenaltyCut | None:
        cut = self.penalty_cut_after(year, on, terms)
        return cut.slotted(found) if cut is not None else None

    def last_rated_before(self, limit: int) -> int | None:
        """The last year before `limit` with a rating (a person) or a task result (a collective)."""
        years = [year for year in self._results if year < limit]
        return max(years) if years else None

    def latest_member_total(self) -> int | None:
        """Members in the last year whose member counts are known (a collective)."""
        known = self._member_counts
        return known[max(known)].total if known else None


_EMPTY: dict = {}  # shared by subjects without records of a kind; never mutated


def _years_slotted(found: int, years: tuple[int, ...]) -> tuple:
    """`years` as year slots when they are in order (the usual case: a run's years), else as they are."""
    if len(years) > 1 and any(a > b for a, b in zip(years, years[1:], strict=False)):
        return years
    return slots.years_masked(found, years)


def _matching(by_year, years, rank: int, research_applied: bool) -> tuple[InitiativeRecord, ...]:
    found: list[InitiativeRecord] = []
    for year in years:
        for record in by_year.get(year, ()):
            if SCOPE_RANK[record.scope] < rank:
                continue
            if record.kind == "research" and research_applied and not record.applied:
                continue
            found.append(record)
    return tuple(found)


_TITLE_FIELDS = itemgetter(0, 1, 2)  # code, year, revoked


def _titles_by_code(records: tuple[TitleRecord, ...]) -> dict[str, tuple[int, ...]]:
    """The years of each title held (revoked ones left out), each year once, in order. The reader gives the
    records in year order (one pass); any other order is sorted."""
    titles: dict[str, list[int]] = {}
    ordered = True
    for code, year, revoked in map(_TITLE_FIELDS, records):
        if revoked:
            continue
        years = titles.get(code)
        if years is None:
            titles[code] = [year]
        elif years[-1] < year:
            years.append(year)
        elif years[-1] > year:
            ordered = False
            years.append(year)
    if ordered:
        return {code: tuple(years) for code, years in titles.items()}
    return {code: tuple(sorted(set(years))) for code, years in titles.items()}


# Title years are built per subject: over 20 years of history nearly every person's are their own, and building
# them is cheaper than a key that would find them shared. What shared paths hold of awards and initiatives is
# shared by the subjects who agree on what decides (`slots.labels_masked`).


class _AwardsByCode(dict):
    """Awards by form code, every form present (so that lookups stay in C); any other code has none."""

    def __missing__(self, code: str) -> tuple[AwardRecord, ...]:
        return _NO_AWARDS


_NO_AWARDS_BY_CODE = _AwardsByCode.fromkeys(FORMS, _NO_AWARDS)  # shared by subjects without awards


def _awards_by_code(records: tuple[AwardRecord, ...]) -> _AwardsByCode:
    awards: dict[str, list[AwardRecord]] = {}
    for award in sorted(records, key=_DATE) if len(records) > 1 else records:
        if not award.revoked:
            same = awards.get(award.code)
            if same is None:
                awards[award.code] = [award]
            else:
                same.append(award)
    by_code = _AwardsByCode(_NO_AWARDS_BY_CODE)
    for code, items in awards.items():
        by_code[code] = tuple(items)
    return by_code


_DATE = attrgetter("date")


_JANUARY_FIRST: dict[int, date] = {}


def _award_decides(award: AwardRecord) -> tuple:
    return (award.date.year, award.type, award.period_from, award.period_to)


def _award_masked(award: AwardRecord, slot: str) -> AwardRecord:
    """The award as a shared path holds it: its code, type, revocation and period, its date only as 1 January
    of its year (all are before the question's date already; the rules read the year and the order), and
    its whole label (`award_label`: decision and date) in `slot`."""
    year = award.date.year
    day = _JANUARY_FIRST.get(year) or _JANUARY_FIRST.setdefault(year, date(year, 1, 1))
    return AwardRecord(award.code, day, slot, award.type, award.revoked, award.period_from, award.period_to)


def _discipline_by_year(records: tuple[DisciplineRecord, ...]) -> dict[int, tuple[DisciplineRecord, ...]]:
    discipline: dict[int, list[DisciplineRecord]] = {}
    for record in records:
        discipline.setdefault(record.year, []).append(record)
    return {year: tuple(items) for year, items in discipline.items()}


def _initiatives_by_year(
    records: tuple[InitiativeRecord, ...],
) -> tuple[dict[int, tuple[InitiativeRecord, ...]], int]:
    """Initiatives by year, and the highest scope rank among them. One achievement backs one award (Art.
    5(2)): a decision listed twice counts once, in its first year."""
    if len(records) == 1:
        record = records[0]
        return {record.year: tuple(records)}, SCOPE_RANK[record.scope]
    seen: set[str] = set()
    by_year: dict[int, list[InitiativeRecord]] = {}
    for record in sorted(records, key=attrgetter("year")):
        if record.decision:
            if record.decision in seen:
                continue
            seen.add(record.decision)
        by_year.setdefault(record.year, []).append(record)
    top = max(SCOPE_RANK[record.scope] for items in by_year.values() for record in items)
    return {year: tuple(items) for year, items in by_year.items()}, top


def index_of(facts: SubjectFacts) -> SubjectIndex:
    """The subject's index, built on first use and cached on the (immutable) facts object."""
    index = facts._index
    if index is None:
        index = SubjectIndex(facts)
        object.__setattr__(facts, "_index", index)
    return index


_IDEAL_INITIATIVE = (InitiativeRecord(0, "toan_quoc", "initiative", None, True),)
_IDEAL_CLUSTER = ClusterRecord("", 1, None, True)
BO_CYCLE = 3  # consecutive CSTĐCS a new CSTĐ cấp bộ needs (Art. 22; `cstd_bo.consecutive_cstdcs`)


class FutureView:
    """The same queries as `SubjectIndex`, with every unknown year from `first_year` on going well."""

    __slots__ = ("base", "first_year", "ideal_titles", "_ideal_counts")

    def __init__(self, base: SubjectIndex, first_year: int, ideal_titles: frozenset[str]) -> None:
        self.base = base
        self.first_year = first_year
        self.ideal_titles = ideal_titles
        total = base.latest_member_total() or 10
        self._ideal_counts = MemberCounts(total=total, LDTT=total, CSTDCS=1)

    def _future(self, year: int) -> bool:
        return year >= self.first_year

    def rating(self, year: int) -> str | None:
        known = self.base.rating(year)
        return known if known or not self._future(year) else "HTXS"

    def task_result(self, year: int) -> str | None:
        known = self.base.task_result(year)
        return known if known or not self._future(year) else "HTXS"

    def counts(self, year: int) -> MemberCounts | None:
        known = self.base.counts(year)
        return known if known or not self._future(year) else self._ideal_counts

    def _goes_well(self, year: int) -> bool:
        """A future year with no known bad rating, bad task result or discipline."""
        for known in (self.base.rating(year), self.base.task_result(year)):
            if known is not None and known not in GOOD_RATINGS:
                return False
        return not self.base.disciplines(year)

    def has_title(self, code: str, year: int) -> bool:
        if self.base.has_title(code, year):
            return True
        if code == "CSTD_BO" and code in self.ideal_titles:
            return year in self._ideal_bo_years(year)
        return self._future(year) and code in self.ideal_titles and self._goes_well(year)

    def title_years_upto(self, code: str, last: int) -> tuple[int, ...]:
        years = self.base.title_years_upto(code, last)
        if code == "CSTD_BO" and code in self.ideal_titles:
            return tuple(sorted(set(years).union(self._ideal_bo_years(last))))
        if code in self.ideal_titles:
            ideal = (y for y in range(self.first_year, last + 1) if self._goes_well(y))
            years = tuple(sorted(set(years).union(ideal)))
        return years

    def _ideal_bo_years(self, last: int) -> set[int]:
        """Future years in which a new CSTĐ cấp bộ could be conferred: each needs `BO_CYCLE` consecutive
        CSTĐCS after the previous one (known or future), so that a CSTĐ toàn quốc is never found possible
        before the CSTĐ cấp bộ it rests on."""
        held = self.base.title_years_upto("CSTD_BO", self.first_year - 1)
        previous = held[-1] if held else None
        found: set[int] = set()
        run = 0
        for year in range(self.first_year - BO_CYCLE, last + 1):
            run = run + 1 if self.has_title("CSTDCS", year) and (previous is None or year > previous) else 0
            if year >= self.first_year and run >= BO_CYCLE:
                found.add(year)
                previous, run = year, 0
        return found

    def title_years_among(self, code: str, years: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(year for year in years if self.has_title(code, year))

    def ratings_of(self, years: tuple[int, ...]) -> tuple[str | None, ...]:
        return tuple(self.rating(year) for year in years)

    def rated_years_among(self, rating: str, years: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(year for year in years if self.rating(year) == rating)

    def awards_before(self, code: str, on: date) -> tuple[AwardRecord, ...]:
        return self.base.awards_before(code, on)

    def initiatives(self, year: int) -> tuple[InitiativeRecord, ...]:
        known = self.base.initiatives(year)
        return known if known or not self._future(year) else _IDEAL_INITIATIVE

    def initiatives_among(
        self, years: tuple[int, ...], min_scope: str, research_applied: bool
    ) -> tuple[InitiativeRecord, ...]:
        by_year = {year: self.initiatives(year) for year in years}
        return _matching(by_year, years, SCOPE_RANK[min_scope], research_applied)

    def disciplines(self, year: int) -> tuple[DisciplineRecord, ...] | None:
        return self.base.disciplines(year)

    def penalty_covering(self, year: int, on: date, terms: tuple) -> PenaltyCut | None:
        return self.base.penalty_covering(year, on, terms)

    def penalty_cut_after(self, year: int, on: date, terms: tuple) -> PenaltyCut | None:
        return self.base.penalty_cut_after(year, on, terms)

    @property
    def all_disciplines(self) -> tuple[DisciplineRecord, ...]:
        return self.base.all_disciplines

    def leadership_service(self, on: date, bands: tuple) -> Service | None:
        return self.base.leadership_service(on, bands)

    def vote(self, award: str) -> None:
        return None  # a future council has not voted yet

    def cluster_result(self, year: int) -> ClusterRecord | None:
        known = self.base.cluster_result(year)
        return known if known is not None or not self._future(year) else _IDEAL_CLUSTER

    def last_rated_before(self, limit: int) -> int | None:
        return self.base.last_rated_before(limit)

    def latest_member_total(self) -> int | None:
        return self.base.latest_member_total()

    def reviews_on(self, day: date) -> tuple[ReviewRecord, ...]:
        return ()  # a review open today is assumed closed by a later consideration

    def leaves_in(self, year: int) -> tuple[LeaveRecord, ...]:
        return self.base.leaves_in(year)

    def shared_run(self, test: str, last: int, breaks: Any) -> None:
        return None  # a view changes with its first future year: nothing is shared, runs are walked


@dataclass(slots=True)
class Context:
    """One question being judged: the facts view, the year, the consideration date and the rules in force."""

    facts: FactsView
    kind: str
    award: str
    year: int
    on: date
    rule_set: RuleSet
    values: dict[str, Any]

    def value(self, key: str) -> Any:
        return self.values.get(key, UNSET)

    def basis(self, key: str, fallback: str = "") -> str:
        param = self.rule_set.parameters.get(key)
        return param.basis if param else (fallback or "tham số do quản trị viên đặt")

    @property
    def law(self) -> str:
        return self.rule_set.law

    def cite(self, new_article: str, old_article: str | None = None) -> str:
        """The article of the law in force: `new_article` for the 2022 law, `old_article` for the old one."""
        rule_set = self.rule_set
        return citation(rule_set.law, (old_article or new_article) if rule_set.old_law else new_article)


@lru_cache(maxsize=1024)
def citation(law: str, article: str) -> str:
    return f"{law}, {article}"


@dataclass(slots=True)
class Assessment:
    """A rule's answer: criteria that must all hold, then alternatives of which one must hold."""

    common: list[Criterion]
    alternatives: list[tuple[str, list[Criterion]]]


# --- small text helpers --------------------------------------------------------------------------------------

# Texts that depend only on a few small values (a year, a parameter value, a code) are built once per value:
# the same question texts recur for every subject. `typed` keeps 1, 1.0 and True apart, so that a text is
# never taken from a value that would format differently (or fail to).
cached_texts = lru_cache(maxsize=None, typed=True)


def years_text(years: list[int] | tuple[int, ...]) -> str:
    return ", ".join(map(str, sorted(years))) if years else "không có"


def percent(value: Fraction | float) -> str:
    text = f"{float(value) * 100:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


def name(code: str) -> str:
    return AWARD_NAMES[code]


def criterion(cid: str, ok: bool, text: str, basis: str, evidence: list[str], need: str = "") -> Criterion:
    return Criterion(cid, MET if ok else UNMET, text, basis, evidence, "" if ok else need)


def declared(cid: str, text: str, basis: str) -> Criterion:
    return Criterion(cid, DECLARED, text, basis, ["do Hội đồng Thi đua – Khen thưởng đánh giá"])


def unknown(cid: str, text: str, basis: str, evidence: list[str], need: str) -> Criterion:
    return Criterion(cid, UNKNOWN, text, basis, evidence, need)


# --- shared facts ---------------------------------------------------------------------------------------


# Year tests of runs. Each depends only on the subject's facts (through the view's queries), the year and the
# rule set's `chain.discipline_breaks_run`; so a run of them is walked once per subject and shared by the
# awards that ask for it (`SubjectIndex.shared_run`).


def _good(view, year: int, breaks: Any) -> bool:
    """A year that keeps a run of "hoàn thành tốt nhiệm vụ trở lên" going."""
    if view.rating(year) not in GOOD_RATINGS:
        return False
    return not (breaks and view.disciplines(year))


def _excellent(view, year: int, breaks: Any) -> bool:
    """A year rated "hoàn thành xuất sắc nhiệm vụ" (and without discipline, when discipline breaks runs)."""
    if view.rating(year) != "HTXS":
        return False
    return not (breaks and view.disciplines(year))


def _cstdcs(view, year: int, breaks: Any) -> bool:
    return view.has_title("CSTDCS", year)


def _collective_good(view, year: int, breaks: Any) -> bool:
    return view.task_result(year) in GOOD_RATINGS


RUN_TESTS = {"good": _good, "excellent": _excellent, "cstdcs": _cstdcs, "collective_good": _collective_good}


# The runs of `SubjectIndex.shared_run`: `RUN_TESTS` walked back from `last`, one loop each (the walk is the
# costliest query of a batch), as shared tuples of years. `test_memo` checks them against the tests year by
# year. The bulk path calls them without the index's memo (`memo._asker`).


@lru_cache(maxsize=4096)
def _span(first: int, last: int) -> tuple[int, ...]:
    """The years `first`..`last` (empty when `first` > `last`), one shared tuple per span."""
    return tuple(range(first, last + 1))


def _good_run(last: int, breaks: Any, index: SubjectIndex) -> tuple[int, ...]:
    rating, year = index.rating, last
    if breaks and index.all_disciplines:
        disciplines = index.disciplines
        while rating(year) in GOOD_RATINGS and not disciplines(year):
            year -= 1
    else:
        while rating(year) in GOOD_RATINGS:
            year -= 1
    return _span(year + 1, last)


def _excellent_run(last: int, breaks: Any, index: SubjectIndex) -> tuple[int, ...]:
    rating, year = index.rating, last
    if breaks and index.all_disciplines:
        disciplines = index.disciplines
        while rating(year) == "HTXS" and not disciplines(year):
            year -= 1
    else:
        while rating(year) == "HTXS":
            year -= 1
    return _span(year + 1, last)


def _cstdcs_run(last: int, breaks: Any, index: SubjectIndex) -> tuple[int, ...]:
    held = index._titles.get("CSTDCS")
    year = last
    if held:
        while year in held:
            year -= 1
    return _span(year + 1, last)


def _collective_good_run(last: int, breaks: Any, index: SubjectIndex) -> tuple[int, ...]:
    result, year = index.task_result, last
    while result(year) in GOOD_RATINGS:
        year -= 1
    return _span(year + 1, last)


RUNS = {  # test name → run(last, breaks, index)
    "good": _good_run,
    "excellent": _excellent_run,
    "cstdcs": _cstdcs_run,
    "collective_good": _collective_good_run,
}


def good_year(ctx: Context, year: int) -> bool:
    return _good(ctx.facts, year, ctx.value("chain.discipline_breaks_run"))


def excellent_year(ctx: Context, year: int) -> bool:
    return _excellent(ctx.facts, year, ctx.value("chain.discipline_breaks_run"))


def cstdcs_year(ctx: Context, year: int) -> bool:
    return ctx.facts.has_title("CSTDCS", year)


def collective_good_year(ctx: Context, year: int) -> bool:
    return ctx.facts.task_result(year) in GOOD_RATINGS


# The year tests whose runs are shared, by their name in RUN_TESTS.
SHAREABLE_TESTS = {
    good_year: "good",
    excellent_year: "excellent",
    cstdcs_year: "cstdcs",
    collective_good_year: "collective_good",
}


def trailing_run(ctx: Context, last: int, floor: int, test=None) -> list[int]:
    """Years of the unbroken run that ends at `last` and starts no earlier than `floor`, oldest first.

    A disciplinary penalty moves the floor: achievements count again only after its term (`penalty_cut_after`)."""
    test = test or good_year
    # Only a penalty that moves the floor: one that does not would needlessly split the shared paths.
    cut = penalty_cut_after(ctx, floor)
    if cut is not None:
        floor = cut.first_year
    shared = SHAREABLE_TESTS.get(test)
    # The run with a floor is the run without one, cut at the floor: several awards share one walk.
    run = ctx.facts.shared_run(shared, last, ctx.value("chain.discipline_breaks_run")) if shared else None
    if run is None:
        return _walk_back(ctx, last, floor, test)
    return [year for year in run if year >= floor]


def _walk_back(ctx: Context, last: int, floor: int | None, test) -> list[int]:
    years: list[int] = []
    year = last
    while (floor is None or year >= floor) and test(ctx, year):
        years.append(year)
        year -= 1
    years.reverse()
    return years


def counting_awards(ctx: Context, code: str) -> list[AwardRecord]:
    """Awards of `code` decided before the consideration date whose type may back a higher award."""
    types = ctx.value("chain.counting_award_types") or ()
    return [a for a in ctx.facts.awards_before(code, ctx.on) if a.type in types]


# The types of award (`model.AWARD_TYPES`) as the evidence names them.
AWARD_TYPE_NAMES = {
    "cong_trang": "theo công trạng",
    "dot_xuat": "đột xuất",
    "chuyen_de": "theo chuyên đề",
    "cong_hien": "quá trình cống hiến",
    "nien_han": "theo niên hạn",
    "doi_ngoai": "đối ngoại",
}


def excluded_award_note(ctx: Context, code: str) -> list[str]:
    types = ctx.value("chain.counting_award_types") or ()
    return [
        f"{award_label(a)} (khen thưởng {AWARD_TYPE_NAMES.get(a.type, a.type)}) không được tính làm căn cứ"
        for a in ctx.facts.awards_before(code, ctx.on)
        if a.type not in types
    ]


def award_label(award: AwardRecord) -> str:
    """The award as the evidence names it: its decision and date ("12/QĐ-BTC ngày 15/01/2024")."""
    decision = award.decision
    if decision and decision[0] == slots.SLOT_START:  # a label slot (`_award_masked`), filled in later
        return decision
    return f"{decision or 'quyết định'} ngày {_day_text(award.date)}"


@lru_cache(maxsize=4096)
def _day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def initiatives_in(ctx: Context, years, min_scope: str, research_applied: bool) -> list[InitiativeRecord]:
    """Initiatives (and accepted research) at scope >= min_scope recognised in the given years."""
    return list(ctx.facts.initiatives_among(tuple(years), min_scope, research_applied))


def _initiative_decides(record: InitiativeRecord) -> tuple:
    return (record.kind,)


def _initiative_masked(record: InitiativeRecord, slot: str) -> InitiativeRecord:
    """The initiative as a shared path holds it: its kind, and its whole label in `slot` (`year` None marks it)."""
    return InitiativeRecord(None, None, record.kind, slot, None)


def initiative_label(record: InitiativeRecord) -> str:
    if record.year is None:  # a label slot (`_initiative_masked`): the subject's own label is filled in later
        return record.decision
    kind = "sáng kiến" if record.kind == "initiative" else "đề tài"
    label = f"{kind} năm {record.year}, phạm vi {SCOPE_NAMES[record.scope]}"
    return f"{record.decision} ({label})" if record.decision else label


# --- discipline terms (NĐ 152/2025 Art. 4(4); NĐ 98/2023 Art. 4) ---------------------------------------------


class PenaltyCut(NamedTuple):
    """The latest penalty whose term cuts the subject's achievements: those before `first_year` do not count.

    The rules decide on `first_year` alone and show `note` (which penalty, until when). On a shared decision
    path the cut is `slotted`: `note` is a slot (`tdkt.rules.slots`) and the other fields are None, so that
    people whose penalties differ but cut at the same year share the path; `memo.fill` puts each one's own
    note back."""

    first_year: int
    record: DisciplineRecord | None
    term_end: date | None
    # the end was not recorded: the term is the rule set's parameter (or the whole year)
    estimated: bool | None
    note: str = ""

    def slotted(self, found: int) -> PenaltyCut:
        return PenaltyCut(self.first_year, None, None, None, slots.token(found, 0))

    def slot_text(self, place: int) -> str:
        return self.note


def _cut(first: int, record: DisciplineRecord, end: date, estimated: bool) -> PenaltyCut:
    shown = "ước tính " if estimated else ""
    note = f"bị kỷ luật {DISCIPLINE_NAMES[record.level]} năm {record.year} (thời hạn {shown}đến {_day_text(end)})"
    return PenaltyCut(first, record, end, estimated, note)


# --- time in leadership posts (Huân chương Lao động hạng Ba for long service; NĐ 152 Art. 9, 21) ------------

_DAYS_PER_YEAR = 365.25


class Service(NamedTuple):
    """A person's time in leadership posts as the long-service route judges it against `bands` ((rank, low,
    high) in rank order; time in a higher post counts toward a lower one): the `band` reached first (None if
    none), whether the time is `within` its upper bound, the `ranks` held (when no band is reached), and the
    disciplinary penalties of the years in post (`hits`: (year, level)). The rules decide on those and show
    `texts`: the years held in the band, then (when no band is reached) each rank's years (`years_held`). On
    a shared path the texts are slots (`slotted`), so that people in the same band share the path;
    `memo.fill` puts each one's own figures back."""

    band: int | None
    within: bool
    ranks: tuple[int, ...]
    hits: tuple[tuple[int, str], ...]
    texts: tuple[str, ...]

    def slotted(self, found: int) -> Service:
        return self._replace(texts=tuple(slots.token(found, place) for place in range(len(self.texts))))

    def slot_text(self, place: int) -> str:
        return self.texts[place]


def leadership_service(
    positions: tuple[PositionRecord, ...], discipline: tuple[DisciplineRecord, ...], on: date, bands: tuple
) -> Service | None:
    """`Service` of the leadership posts among `positions` (None if there are none)."""
    posts = [p for p in positions if p.code in LEADERSHIP_RANK]
    if not posts:
        return None
    tenure: dict[int, float] = {}
    for post in posts:
        end = min(post.end or on, on)
        if end > post.start:
            rank = LEADERSHIP_RANK[post.code]
            tenure[rank] = tenure.get(rank, 0.0) + (end - post.start).days / _DAYS_PER_YEAR
    band, within, held = None, False, ""
    accumulated = 0.0
    for rank, low, high in bands:
        accumulated += tenure.get(rank, 0.0)
        if accumulated >= low:
            band, within, held = rank, accumulated < high, years_held(accumulated)
            break
    spans = [(p.start.year, min(p.end or on, on).year) for p in posts]
    hits = tuple((d.year, d.level) for d in discipline if any(lo <= d.year <= hi for lo, hi in spans))
    ranks = tuple(sorted(tenure)) if band is None else ()  # shown only when no band is reached
    return Service(band, within, ranks, hits, (held, *(years_held(tenure[rank]) for rank in ranks)))


def years_held(value: float) -> str:
    """Years as the texts show them: one decimal, a decimal comma, no trailing zero (7,5; 10)."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last_day = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


def term_end(ctx: Context, record: DisciplineRecord) -> tuple[date, bool]:
    """The last day of a penalty's term and whether it was estimated: the recorded end; else the decision
    date plus `discipline.term_months.<level>`; else (no date either) 31 December of its year."""
    return _term_end(record, ctx.value(f"discipline.term_months.{record.level}"))


def _term_end(record: DisciplineRecord, months: Any) -> tuple[date, bool]:
    if record.until is not None:
        return record.until, False
    if record.date is not None and months:
        return _add_months(record.date, months) - timedelta(days=1), True
    return date(record.year, 12, 31), True


def _in_force_by(record: DisciplineRecord, on: date) -> bool:
    return record.date <= on if record.date is not None else record.year <= on.year


def latest_cut(records, on: date, terms: tuple) -> PenaltyCut | None:
    """Of `records`, the penalty decided by `on` whose term ends last, with the first achievement year that
    counts again (the year of the day after the term; the year of the penalty itself never counts); `terms`:
    `penalty_terms` of the rule set's values."""
    months = dict(terms)
    best: PenaltyCut | None = None
    for record in records:
        if not _in_force_by(record, on):
            continue
        end, estimated = _term_end(record, months.get(_TERM_PREFIX + record.level, UNSET))
        first = max((end + timedelta(days=1)).year, record.year + 1)
        if best is None or first > best.first_year:
            best = _cut(first, record, end, estimated)
    return best


def penalty_cut_after(ctx: Context, year: int) -> PenaltyCut | None:
    """When the rule set counts achievements only after a penalty's term (`discipline.counts_after_term`),
    the penalty cut (`latest_cut`) when its first counted year comes after `year` (achievements of `year` do
    not count), else None: asked of the facts as one query (`penalty_cut_after`), so that penalties long over do not
    split the shared decision paths of a rule that only looks at `year`."""
    if ctx.kind != "person" or not ctx.value("discipline.counts_after_term"):
        return None
    return ctx.facts.penalty_cut_after(year, ctx.on, penalty_terms(ctx.values))


def _penalty_covering(ctx: Context, year: int) -> PenaltyCut | None:
    """A penalty of an earlier year whose term runs into `year` (its achievements do not count), if any."""
    if ctx.kind != "person" or not ctx.value("discipline.counts_after_term"):
        return None
    return ctx.facts.penalty_covering(year, ctx.on, penalty_terms(ctx.values))


_TERM_PREFIX = "discipline.term_months."
_terms_of: dict[int, tuple[dict, tuple]] = {}  # id(values) → (values, terms); values kept, so ids stay theirs
# A server makes new values with each evaluator: the memo is emptied at this size rather than grown forever.
_TERMS_KEPT = 256


def penalty_terms(values: dict) -> tuple:
    """The `discipline.term_months.*` parameters of a rule set's values, as (key, value) pairs: the argument
    of `penalty_covering` (hashable, compared by value), made once per values."""
    known = _terms_of.get(id(values))
    if known is not None and known[0] is values:
        return known[1]
    terms = tuple(sorted((key, value) for key, value in values.items() if key.startswith(_TERM_PREFIX)))
    if len(_terms_of) >= _TERMS_KEPT:
        _terms_of.clear()
    _terms_of[id(values)] = (values, terms)
    return terms


def covering_penalty(records, year: int, on: date, terms: tuple) -> PenaltyCut | None:
    """The first of `records` of a year before `year`, decided by `on`, whose term runs into `year`."""
    months = dict(terms)
    for record in records:
        if record.year < year and _in_force_by(record, on):
            end, estimated = _term_end(record, months.get(_TERM_PREFIX + record.level, UNSET))
            first = max((end + timedelta(days=1)).year, record.year + 1)
            if year < first:
                return _cut(first, record, end, estimated)
    return None


def penalty_note(ctx: Context, years: list[int] | tuple[int, ...], first_wanted: int) -> list[str]:
    """Evidence that a penalty cut a run (when it did): which penalty, until when."""
    cut = penalty_cut_after(ctx, first_wanted)
    return cut_note(cut) if cut is not None else []


def cut_note(cut: PenaltyCut) -> list[str]:
    """The evidence of `penalty_note` for a penalty that cut the years wanted."""
    return [f"{cut.note}: chỉ tính thành tích từ năm {cut.first_year}"]


# --- shared criteria ---------------------------------------------------------------------------------------


def no_discipline_in_year(ctx: Context, year: int) -> Criterion | None:
    """Titles of a year in which the subject was disciplined are not considered (NĐ 152 Art. 4(4))."""
    if not ctx.value("discipline.blocks_titles"):
        return None
    records = ctx.facts.disciplines(year)
    text, clean, need = _discipline_texts(year)
    basis = ctx.basis("discipline.blocks_titles")
    if not records:
        cut = _penalty_covering(ctx, year)
        if cut is not None:
            # A penalty of an earlier year whose term runs into this one: the year's achievements do not count.
            evidence = cut_note(cut)
            need = f"Đang trong thời hạn kỷ luật năm {year}: thành tích chỉ được tính từ năm {cut.first_year}"
            return criterion(
                "no_discipline", False, text, ctx.basis("discipline.counts_after_term"), evidence, need
            )
        return Criterion("no_discipline", MET, text, basis, [clean], "")
    evidence = [f"discipline.{year} = {DISCIPLINE_NAMES[r.level]}" for r in records]
    return criterion("no_discipline", False, text, basis, evidence, need)


@cached_texts
def _discipline_texts(year: int) -> tuple[str, str, str]:
    """(text, evidence of a clean year, need) of `no_discipline_in_year`."""
    return (
        f"Không bị kỷ luật trong năm {year}",
        f"không có kỷ luật năm {year}",
        f"Bị kỷ luật năm {year}: thành tích chỉ được tính sau khi hết thời hạn kỷ luật",
    )


_VOTE_KEYS = {code: (f"vote_threshold.{code}", f"vote_base.{code}") for code in AWARD_NAMES}
_NO_VOTE = "chưa có kết quả bỏ phiếu"


def council_vote(ctx: Context) -> Criterion | None:
    """The council's secret ballot: pending when no vote is recorded, checked when one is."""
    key, base_key = _VOTE_KEYS[ctx.award]
    threshold = ctx.values.get(key)
    if threshold is None:
        return None
    base = ctx.values.get(base_key, "members")
    basis = ctx.basis(key)
    vote = ctx.facts.vote(ctx.award)
    if threshold is UNSET:
        return _vote_without_threshold(ctx, vote, basis)
    minimum, rule, pending_text = _vote_rule(threshold, base)
    if vote is None:
        return Criterion("council_vote", PENDING, pending_text, basis, [_NO_VOTE])
    return _checked_vote(vote, minimum, base, rule, basis)


@cached_texts
def _vote_rule(threshold: Any, base: str) -> tuple[Fraction, str, str]:
    """(minimum share, rule text, text while the vote is pending) for a threshold."""
    minimum = Fraction(str(threshold))
    base_text = "tổng số thành viên" if base == "members" else "số thành viên có mặt"
    rule = f"từ {percent(minimum)} trở lên tính trên {base_text}"
    return minimum, rule, f"Hội đồng Thi đua – Khen thưởng bỏ phiếu kín, cần {rule}"


def _checked_vote(vote: Vote, minimum: Fraction, base: str, rule: str, basis: str) -> Criterion:
    denominator = vote.members if base == "members" else vote.present
    evidence = [
        f"đồng ý {vote.yes}, thành viên {vote.members}, có mặt {vote.present if vote.present is not None else '?'}"
    ]
    if not denominator:
        need = "Cần số thành viên có mặt để tính tỷ lệ phiếu"
        return unknown("council_vote", f"Kết quả bỏ phiếu: cần {rule}", basis, evidence, need)
    share = Fraction(vote.yes, denominator)
    ok = share >= minimum
    text = f"Kết quả bỏ phiếu: {vote.yes}/{denominator} đồng ý ({percent(share)}), cần {rule}"
    return criterion("council_vote", ok, text, basis, evidence, f"Tỷ lệ phiếu đồng ý chưa đạt: cần {rule}")


def _vote_without_threshold(ctx: Context, vote: Vote | None, basis: str) -> Criterion:
    if vote is None:
        text = "Hội đồng Thi đua – Khen thưởng bỏ phiếu (tỷ lệ luật định chưa được xác nhận)"
        return Criterion("council_vote", PENDING, text, basis, [_NO_VOTE])
    text = f"Kết quả bỏ phiếu {vote.yes}/{vote.members}: chưa có tỷ lệ luật định để so sánh"
    need = f"Cần đặt tham số vote_threshold.{ctx.award} (tỷ lệ phiếu đồng ý tối thiểu)"
    return unknown("council_vote", text, basis, [f"đồng ý {vote.yes}, thành viên {vote.members}"], need)


def applies_to(ctx: Context, allowed: frozenset[str]) -> Criterion | None:
    if ctx.kind in allowed:
        return None
    who = "cá nhân" if ctx.kind == "person" else "tập thể"
    text = f"{name(ctx.award)} không xét tặng cho {who}"
    return Criterion("applies_to", UNMET, text, ctx.law, [f"kind = {ctx.kind}"], text, blocks_future=True)
