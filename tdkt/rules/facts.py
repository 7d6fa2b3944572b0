"""Facts for the eligibility engine, read from the database.

This is the only module that reads other apps' tables for the engine. Every reader works on plain rows
(`values_list`), never model instances, and takes a constant number of queries however many subjects it is
asked about (ids are sent in chunks of `ID_CHUNK`, so a list longer than that adds one query per table and
chunk). The engine itself stays pure: it receives `SubjectFacts` and never sees the ORM.

Mapping (see /work/shared/eligibility/FORMAT.md):

- `Award` of category "title" → `TitleRecord(code, year, revoked, decision)`;
  category "commendation" → `AwardRecord(code, decision date or 15 January of year + 1, decision, type,
  revoked)`. Only codes the engine knows are passed on (the catalogue also holds medals it does not judge).
- `Rating` → `ratings`; `UnitResult` → `task_results`.
- `Recognition` through `RecognitionAuthor` → `InitiativeRecord(year, scope, kind, decision, applied)`;
  revoked recognitions are left out.
- `Discipline` → `DisciplineRecord(year, level, duty_related)`.
- `Membership` in a leadership post (`Position.is_leadership`) → `PositionRecord(code, from, to)`.
- For a collective, `member_counts[Y]` describes the people who were members of the unit or any unit under
  it on 31 December of Y: `total`; `LDTT` (held Lao động tiên tiến that year, or a higher individual title
  of that year, which presupposes it); `CSTDCS`; `below_HT` (rated KHT); `disciplined_canh_cao_or_above`.
  A year in which the unit had no members has no entry (the engine then asks for the figures).
- A unit's own awards are its history: a rename keeps the unit, so its awards stay with it.

Subject ids are `p<pk>` for people and `u<pk>` for units (`person_subject_id`, `unit_subject_id`).

`iter_person_facts_batches(year)` reads everyone in keyset batches ordered by person id, streaming each
table's rows for the batch's id range with `iterator(chunk_size=…)`; it is the path for large benchmarks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Q

from tdkt.rules.model import (
    COLLECTIVE,
    FORMS,
    INDIVIDUAL_TITLES,
    PERSON,
    TITLES,
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    MemberCounts,
    PositionRecord,
    SubjectFacts,
    TitleRecord,
)

ID_CHUNK = 10_000
MEMBER_COUNT_YEARS = 6  # member_counts are computed for the judged year and the five before it

_TITLE_CODES = frozenset(TITLES)
_FORM_CODES = frozenset(FORMS)
_INDIVIDUAL_TITLES = frozenset(INDIVIDUAL_TITLES)
_MILD_DISCIPLINE = "khien_trach"


def person_subject_id(pk: int) -> str:
    return f"p{pk}"


def unit_subject_id(pk: int) -> str:
    return f"u{pk}"


def subject_pk(subject_id: str) -> int:
    return int(subject_id[1:])


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def award_kinds() -> dict[int, tuple[str, str]]:
    """AwardKind id → (code, category) for the codes the engine judges (one small query)."""
    from tdkt.awards.models import AwardKind

    return {
        pk: (code, category)
        for pk, code, category in AwardKind.objects.values_list("pk", "code", "category")
        if code in _TITLE_CODES or code in _FORM_CODES
    }


def _decision_day(decision_date: date | None, year: int) -> date:
    return decision_date or date(year + 1, 1, 15)


class _Collector:
    """Per-subject lists of records, turned into `SubjectFacts` in one canonical order."""

    __slots__ = (
        "kinds",
        "ratings",
        "task_results",
        "titles",
        "awards",
        "initiatives",
        "discipline",
        "positions",
    )

    def __init__(self, kinds: dict[int, tuple[str, str]]) -> None:
        self.kinds = kinds
        self.ratings: dict[int, dict[int, str]] = defaultdict(dict)
        self.task_results: dict[int, dict[int, str]] = defaultdict(dict)
        self.titles: dict[int, list[TitleRecord]] = defaultdict(list)
        self.awards: dict[int, list[AwardRecord]] = defaultdict(list)
        self.initiatives: dict[int, list[InitiativeRecord]] = defaultdict(list)
        self.discipline: dict[int, list[DisciplineRecord]] = defaultdict(list)
        self.positions: dict[int, list[PositionRecord]] = defaultdict(list)

    def award_rows(self, rows) -> None:
        kinds = self.kinds
        for owner, kind_id, year, number, decided, award_type, revoked in rows:
            known = kinds.get(kind_id)
            if known is None:
                continue
            code, category = known
            if category == "title":
                if code in _TITLE_CODES:
                    self.titles[owner].append(TitleRecord(code, year, revoked, number or None))
            elif code in _FORM_CODES:
                day = _decision_day(decided, year)
                self.awards[owner].append(AwardRecord(code, day, number or None, award_type, revoked))

    def facts(self, pk: int, subject_id: str, kind: str, name: str, member_counts=None) -> SubjectFacts:
        return SubjectFacts(
            id=subject_id,
            kind=kind,
            name=name,
            ratings=dict(sorted(self.ratings.get(pk, {}).items())),
            task_results=dict(sorted(self.task_results.get(pk, {}).items())),
            member_counts=member_counts or {},
            titles=tuple(sorted(self.titles.get(pk, ()), key=_title_key)),
            awards=tuple(sorted(self.awards.get(pk, ()), key=_award_key)),
            initiatives=tuple(sorted(self.initiatives.get(pk, ()), key=_initiative_key)),
            discipline=tuple(sorted(self.discipline.get(pk, ()), key=_discipline_key)),
            positions=tuple(sorted(self.positions.get(pk, ()), key=_position_key)),
        )


def _title_key(t: TitleRecord):
    return (t.year, t.code, t.decision or "", t.revoked)


def _award_key(a: AwardRecord):
    return (a.date, a.code, a.decision or "", a.revoked)


def _initiative_key(i: InitiativeRecord):
    return (i.year, i.decision or "", i.scope, i.kind)


def _discipline_key(d: DisciplineRecord):
    return (d.year, d.level)


def _position_key(p: PositionRecord):
    return (p.start, p.code)


# --- people -----------------------------------------------------------------------------------------------


def _person_queries(
    collector: _Collector, where: dict, up_to_year: int | None, stream: int | None = None
) -> None:
    """Fill `collector` from the five history tables for the people matched by `where`, lookups on the
    person's id such as {"id__in": [...]}, which become person_id__in on each table."""
    from tdkt.awards.models import Award, Discipline, Rating, RecognitionAuthor
    from tdkt.org.models import Membership

    def rows(queryset):
        return queryset.iterator(chunk_size=stream) if stream else queryset

    person_where = {f"person_{lookup}": value for lookup, value in where.items()}
    year_cut = {} if up_to_year is None else {"year__lte": up_to_year}

    awards = Award.objects.filter(**person_where, **year_cut, kind_id__in=list(collector.kinds))
    collector.award_rows(
        rows(
            awards.order_by().values_list(
                "person_id", "kind_id", "year", "decision_number", "decision_date", "award_type", "revoked"
            )
        )
    )
    ratings = collector.ratings
    for pk, year, value in rows(
        Rating.objects.filter(**person_where, **year_cut).order_by().values_list("person_id", "year", "value")
    ):
        ratings[pk][year] = value
    recognition_cut = {} if up_to_year is None else {"recognition__year__lte": up_to_year}
    initiatives = collector.initiatives
    for pk, year, scope, kind, number, applied in rows(
        RecognitionAuthor.objects.filter(**person_where, **recognition_cut, recognition__revoked=False)
        .order_by()
        .values_list(
            "person_id",
            "recognition__year",
            "recognition__scope",
            "recognition__kind",
            "recognition__decision_number",
            "recognition__applied",
        )
    ):
        initiatives[pk].append(InitiativeRecord(year, scope, kind, number or None, applied))
    discipline = collector.discipline
    for pk, year, level, duty in rows(
        Discipline.objects.filter(**person_where, **year_cut)
        .order_by()
        .values_list("person_id", "year", "level", "duty_related")
    ):
        discipline[pk].append(DisciplineRecord(year, level, duty))
    posts = Membership.objects.filter(**person_where, position__is_leadership=True)
    if up_to_year is not None:
        posts = posts.filter(valid_from__lte=date(up_to_year, 12, 31))
    positions = collector.positions
    for pk, code, start, end in rows(
        posts.order_by().values_list("person_id", "position__code", "valid_from", "valid_to")
    ):
        positions[pk].append(PositionRecord(code, start, end))


def person_facts(person_ids: Iterable[int], up_to_year: int | None = None) -> dict[int, SubjectFacts]:
    """Facts of each person (by pk), with records of years up to `up_to_year` (all when None).

    Seven queries for up to `ID_CHUNK` people: catalogue, names, awards, ratings, initiatives, discipline,
    leadership posts.
    """
    from tdkt.org.models import Person

    ids = list(set(person_ids))
    if not ids:
        return {}
    collector = _Collector(award_kinds())
    names: dict[int, str] = {}
    for chunk in _chunks(ids):
        names.update(Person.objects.filter(pk__in=chunk).order_by().values_list("pk", "full_name"))
        _person_queries(collector, {"id__in": chunk}, up_to_year)
    return {pk: collector.facts(pk, person_subject_id(pk), PERSON, names[pk]) for pk in sorted(names)}


def iter_person_facts_batches(
    year: int, batch_size: int = 20_000, person_ids: Iterable[int] | None = None
) -> Iterator[dict[int, SubjectFacts]]:
    """Everyone's facts (records up to `year`), `batch_size` people at a time, in person id order.

    Each batch is a keyset range of person ids (one query for the ids and names), then one streamed query
    per history table over that id range (`person_id BETWEEN first AND last`, an index range scan; rows read
    with server-side cursors where the database has them, `iterator(chunk_size=batch_size)`). Memory stays
    at one batch. Give `person_ids` to restrict to some people (they are still read in id ranges).
    """
    from tdkt.org.models import Person

    kinds = award_kinds()
    people = Person.objects.order_by("pk")
    wanted = None
    if person_ids is not None:
        wanted = sorted(set(person_ids))
    last = 0
    position = 0
    while True:
        if wanted is None:
            batch = list(people.filter(pk__gt=last).values_list("pk", "full_name")[:batch_size])
        else:
            chunk = wanted[position : position + batch_size]
            position += batch_size
            if not chunk:
                return
            batch = list(people.filter(pk__in=chunk).values_list("pk", "full_name"))
            if not batch:
                continue
        if not batch:
            return
        first, last = batch[0][0], batch[-1][0]
        collector = _Collector(kinds)
        _person_queries(collector, {"id__gte": first, "id__lte": last}, year, stream=batch_size)
        yield {pk: collector.facts(pk, person_subject_id(pk), PERSON, name) for pk, name in batch}
        if wanted is None and len(batch) < batch_size:
            return


# --- units ------------------------------------------------------------------------------------------------


class _Tree:
    """The dated parent links of every unit (one query), for subtrees on any date without more queries."""

    def __init__(self) -> None:
        from tdkt.org.models import UnitVersion

        self.versions = list(
            UnitVersion.objects.order_by().values_list("unit_id", "parent_id", "valid_from", "valid_to")
        )
        self._children: dict[date, dict[int, list[int]]] = {}

    def children_on(self, day: date) -> dict[int, list[int]]:
        cached = self._children.get(day)
        if cached is None:
            cached = defaultdict(list)
            for unit_id, parent_id, start, end in self.versions:
                if parent_id is not None and start <= day and (end is None or end > day):
                    cached[parent_id].append(unit_id)
            self._children[day] = cached
        return cached

    def subtree(self, unit_id: int, day: date) -> set[int]:
        children = self.children_on(day)
        found, stack = {unit_id}, [unit_id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found


def _member_counts(unit_ids: list[int], year: int, kinds: dict[int, tuple[str, str]]) -> dict[int, dict]:
    """member_counts per unit and year (see the module docstring), in five queries."""
    from tdkt.awards.models import Award, Discipline, Rating
    from tdkt.org.models import Membership

    years = list(range(year - MEMBER_COUNT_YEARS + 1, year + 1))
    tree = _Tree()
    subtrees = {(u, y): tree.subtree(u, date(y, 12, 31)) for u in unit_ids for y in years}
    touched = set().union(*subtrees.values()) if subtrees else set()
    first_day, last_day = date(years[0], 12, 31), date(years[-1], 12, 31)
    members_of: dict[tuple[int, int], set[int]] = defaultdict(set)  # (unit in tree, year) → people
    people: set[int] = set()
    rows = (
        Membership.objects.filter(unit_id__in=touched, valid_from__lte=last_day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=first_day))
        .order_by()
        .values_list("person_id", "unit_id", "valid_from", "valid_to")
    )
    for person_id, unit_id, start, end in rows:
        for y in years:
            day = date(y, 12, 31)
            if start <= day and (end is None or end > day):
                members_of[(unit_id, y)].add(person_id)
                people.add(person_id)
    title_ids = {
        pk for pk, (code, category) in kinds.items() if category == "title" and code in _INDIVIDUAL_TITLES
    }
    ldtt: set[tuple[int, int]] = set()
    cstdcs: set[tuple[int, int]] = set()
    below: set[tuple[int, int]] = set()
    disciplined: set[tuple[int, int]] = set()
    for chunk in _chunks(people):
        for person_id, kind_id, y in (
            Award.objects.filter(person_id__in=chunk, kind_id__in=title_ids, year__in=years, revoked=False)
            .order_by()
            .values_list("person_id", "kind_id", "year")
        ):
            ldtt.add((person_id, y))
            if kinds[kind_id][0] == "CSTDCS":
                cstdcs.add((person_id, y))
        below.update(
            Rating.objects.filter(person_id__in=chunk, year__in=years, value="KHT")
            .order_by()
            .values_list("person_id", "year")
        )
        disciplined.update(
            Discipline.objects.filter(person_id__in=chunk, year__in=years)
            .exclude(level=_MILD_DISCIPLINE)
            .order_by()
            .values_list("person_id", "year")
        )
    counts: dict[int, dict] = defaultdict(dict)
    for (unit_id, y), units in subtrees.items():
        members: set[int] = set()
        for member_unit in units:
            members |= members_of.get((member_unit, y), set())
        if not members:
            continue
        counts[unit_id][y] = MemberCounts(
            total=len(members),
            LDTT=sum((p, y) in ldtt for p in members),
            CSTDCS=sum((p, y) in cstdcs for p in members),
            below_HT=sum((p, y) in below for p in members),
            disciplined_canh_cao_or_above=sum((p, y) in disciplined for p in members),
        )
    return counts


def unit_facts(unit_ids: Iterable[int], year: int) -> dict[int, SubjectFacts]:
    """Facts of each unit (by pk) as judged for `year`: its awards and task results up to that year, and the
    member counts of that year and the five before it. Ten queries for up to `ID_CHUNK` units."""
    from tdkt.awards.models import Award, UnitResult
    from tdkt.org.models import Unit

    ids = list(set(unit_ids))
    if not ids:
        return {}
    kinds = award_kinds()
    collector = _Collector(kinds)
    names: dict[int, str] = {}
    for chunk in _chunks(ids):
        names.update(Unit.objects.filter(pk__in=chunk).order_by().values_list("pk", "name"))
        collector.award_rows(
            Award.objects.filter(unit_id__in=chunk, year__lte=year, kind_id__in=list(kinds))
            .order_by()
            .values_list(
                "unit_id", "kind_id", "year", "decision_number", "decision_date", "award_type", "revoked"
            )
        )
        for pk, y, value in (
            UnitResult.objects.filter(unit_id__in=chunk, year__lte=year)
            .order_by()
            .values_list("unit_id", "year", "value")
        ):
            collector.task_results[pk][y] = value
    counts = _member_counts(sorted(names), year, kinds)
    return {
        pk: collector.facts(
            pk, unit_subject_id(pk), COLLECTIVE, names[pk], dict(sorted(counts.get(pk, {}).items()))
        )
        for pk in sorted(names)
    }


# --- parameters -------------------------------------------------------------------------------------------


def parameter_overrides() -> dict[str, dict]:
    """Administrators' values by rule set id, then key (one query)."""
    from tdkt.rules.models import ParameterOverride

    overrides: dict[str, dict] = defaultdict(dict)
    for rule_set, key, value in ParameterOverride.objects.order_by().values_list("rule_set", "key", "value"):
        overrides[rule_set][key] = value
    return dict(overrides)
