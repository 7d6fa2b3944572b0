"""Facts for the eligibility engine, read from the database.

This is the only module that reads other apps' tables for the engine. Every reader works on plain rows
(`values_list`), never model instances, and takes a constant number of queries however many subjects it is
asked about (ids are sent in chunks of `ID_CHUNK`, so a list longer than that adds one query per table and
chunk). The engine itself stays pure: it receives `SubjectFacts` and never sees the ORM.

Mapping onto the facts-file format (`docs/eligibility.md`, read by `rules/factsfile.py`):

- `Award` of category "title" → `TitleRecord(code, year, revoked, decision, decision date)`;
  category "commendation" → `AwardRecord(code, decision date or 15 January of year + 1, decision, type,
  revoked, period_from, period_to)` (the achievement period the decision names). Only codes the engine knows are passed on (the catalogue also holds medals it does not judge).
- `Rating` → `ratings`; `UnitResult` → `task_results`.
- `Recognition` through `RecognitionAuthor` → `InitiativeRecord(year, scope, kind, decision, applied)`;
  revoked recognitions are left out.
- `Discipline` → `DisciplineRecord(year, level, duty_related, decision date, term end)`.
- `ReviewPeriod` (person or unit) → `under_review`; `Leave` → `leaves`; `ClusterResult` → `cluster_results`.
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
from operator import itemgetter
from sys import intern

from django.db import connection
from django.db.models import Q

from tdkt.awards.models import (
    Award,
    AwardKind,
    ClusterResult,
    Discipline,
    Leave,
    Rating,
    Recognition,
    RecognitionAuthor,
    ReviewPeriod,
    UnitResult,
)
from tdkt.org.models import Membership, Person, Position, Unit, UnitVersion
from tdkt.rules.engine import collector_paused
from tdkt.rules.model import (
    COLLECTIVE,
    FORMS,
    INDIVIDUAL_TITLES,
    PERSON,
    TITLES,
    AwardRecord,
    ClusterRecord,
    DisciplineRecord,
    InitiativeRecord,
    LeaveRecord,
    MemberCounts,
    PositionRecord,
    ReviewRecord,
    SubjectFacts,
    TitleRecord,
)
from tdkt.rules.models import ParameterOverride

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
        "reviews",
        "clusters",
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
        self.reviews: dict[int, list[ReviewRecord]] = defaultdict(list)
        self.clusters: dict[int, dict[int, ClusterRecord]] = defaultdict(dict)

    def award_rows(self, rows) -> None:
        kinds = self.kinds
        for owner, kind_id, year, number, decided, award_type, revoked, first, last in rows:
            known = kinds.get(kind_id)
            if known is None:
                continue
            code, category = known
            if category == "title":
                if code in _TITLE_CODES:
                    self.titles[owner].append(TitleRecord(code, year, revoked, number or None, decided))
            elif code in _FORM_CODES:
                day = _decision_day(decided, year)
                self.awards[owner].append(
                    AwardRecord(code, day, number or None, award_type, revoked, first, last)
                )

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
            under_review=tuple(sorted(self.reviews.get(pk, ()))),
            cluster_results=dict(sorted(self.clusters.get(pk, {}).items())),
        )


def _title_key(t: TitleRecord):
    return (t.year, t.code, t.decision or "", t.revoked)


def _award_key(a: AwardRecord):
    return (a.date, a.code, a.decision or "", a.revoked)


def _initiative_key(i: InitiativeRecord):
    return (i.year, i.decision or "", i.scope, i.kind)


def _discipline_key(d: DisciplineRecord):
    return (d.year, d.level, d.date or date.min, d.until or date.min)


def _position_key(p: PositionRecord):
    return (p.start, p.code)


# --- people -----------------------------------------------------------------------------------------------
#
# People are read with plain SQL on the Django connection: one query per history table for a whole selection
# (a range of ids, or a list), rows turned into records without model instances or queryset machinery. A
# batch of 20,000 people is about 400,000 rows, so every step per row counts:
#
# - records are interned (`_Records`): the people of a unit share its decisions, so most rows repeat an
#   earlier one and become the same record object;
# - ratings come in year order (ORDER BY), so each person's dict is built in order;
# - each person's records are put in canonical order by a C-level key, a Python key only for ties that
#   need one (an empty decision number beside a filled one);
# - `SubjectFacts` are built without the frozen dataclass's per-field checks (`_new_facts`).


class _Records:
    """One record object per distinct row, kept across the batches of a run (cleared past `LIMIT`)."""

    LIMIT = 1_000_000

    def __init__(self, kinds: dict[int, tuple[str, str]]) -> None:
        self.title_codes = {pk: c for pk, (c, cat) in kinds.items() if cat == "title" and c in _TITLE_CODES}
        self.form_codes = {pk: c for pk, (c, cat) in kinds.items() if cat != "title" and c in _FORM_CODES}
        self.kind_ids = sorted(self.title_codes) + sorted(self.form_codes)
        self.awards: dict[tuple, TitleRecord | AwardRecord | None] = {}
        self.initiatives: dict[tuple, InitiativeRecord] = {}
        self.discipline: dict[tuple, DisciplineRecord] = {}
        self.positions: dict[tuple, PositionRecord] = {}

    def award(self, key: tuple) -> TitleRecord | AwardRecord | None:
        """(kind id, year, decision number, decision date, award type, revoked, period from, period to) → its
        record."""
        kind_id, year, number, decided, award_type, revoked, first, last = key
        year = _YEARS.setdefault(year, year)
        code = self.title_codes.get(kind_id)
        if code is not None:
            record = TitleRecord(code, year, bool(revoked), number or None, decided)
        else:
            code = self.form_codes[kind_id]
            day = _decision_day(decided, year)
            record = AwardRecord(code, day, number or None, intern(award_type), bool(revoked), first, last)
        self.awards[key] = record
        return record

    def trim(self) -> None:
        if len(self.awards) + len(self.initiatives) > self.LIMIT:
            self.awards.clear()
            self.initiatives.clear()
            self.discipline.clear()
            self.positions.clear()


class _Selection:
    """Which people: ids `first`..`last` (a keyset batch) or a list of ids. `where(column)` is the SQL."""

    def __init__(self, *, first: int | None = None, last: int | None = None, ids: list[int] | None = None):
        self.first, self.last, self.ids = first, last, ids

    def where(self, column: str) -> tuple[str, list]:
        if self.ids is None:
            return f"{column} BETWEEN %s AND %s", [self.first, self.last]
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", [self.ids]
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", list(self.ids)


def _tables() -> dict[str, str]:

    models = {
        "leave": Leave,
        "review": ReviewPeriod,
        "award": Award,
        "rating": Rating,
        "recognition": Recognition,
        "author": RecognitionAuthor,
        "discipline": Discipline,
        "membership": Membership,
        "position": Position,
    }
    return {name: connection.ops.quote_name(model._meta.db_table) for name, model in models.items()}


def _rows(cursor, sql: str, params: list) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


_ORDERED_TITLE = itemgetter(1, 0, 3, 2)  # (year, code, decision, revoked)
_ORDERED_AWARD = itemgetter(1, 0, 2, 4)  # (date, code, decision, revoked)
_ORDERED_INITIATIVE = itemgetter(0, 3, 1, 2)  # (year, decision, scope, kind)
_ORDERED_DISCIPLINE = itemgetter(0, 1)  # (year, level), then `_discipline_key` for ties
_ORDERED_POSITION = itemgetter(1, 0)  # (start, code)


def _in_order(records: list, fast_key, key) -> tuple:
    """`tuple(sorted(records, key=key))`, by the C-level `fast_key` unless a None decision must be compared."""
    if len(records) < 2:
        return tuple(records)
    try:
        return tuple(sorted(records, key=fast_key))
    except TypeError:
        return tuple(sorted(records, key=key))


_new = object.__new__
_YEARS: dict[int, int] = {}  # one int object per year read (a few dozen)
_EMPTY_DICT: dict = {}


def _new_facts(
    subject_id: str,
    name: str,
    ratings: dict,
    titles,
    awards,
    initiatives,
    discipline,
    positions,
    under_review=(),
    leaves=(),
):
    """A person's `SubjectFacts`, equal to the dataclass's own constructor's, without its per-field checks."""
    facts = _new(SubjectFacts)
    facts.__dict__.update(
        id=subject_id,
        kind=PERSON,
        name=name,
        ratings=ratings,
        task_results={},
        member_counts={},
        titles=titles,
        awards=awards,
        initiatives=initiatives,
        discipline=discipline,
        positions=positions,
        votes={},
        under_review=under_review,
        leaves=leaves,
        cluster_results={},
        _index=None,
    )
    return facts


def _read_people(
    selection: _Selection, names: list[tuple[int, str]], up_to_year: int | None, records: _Records
) -> dict[int, SubjectFacts]:
    """Facts of the people in `names` ((pk, full name), in that order), all of them in `selection`: six queries."""
    t = _tables()
    cut = "" if up_to_year is None else " AND {year} <= %s"
    year_params = [] if up_to_year is None else [up_to_year]
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        where, params = selection.where("a.person_id")
        kind_ids = ", ".join(str(pk) for pk in records.kind_ids) or "NULL"
        award_rows = _rows(
            cursor,
            "SELECT a.person_id, a.kind_id, a.year, a.decision_number, a.decision_date, a.award_type, a.revoked,"
            " a.period_from, a.period_to"
            f" FROM {t['award']} a WHERE {where} AND a.kind_id IN ({kind_ids})" + cut.format(year="a.year"),
            params + year_params,
        )
        where, params = selection.where("person_id")
        rating_rows = _rows(
            cursor,
            f"SELECT person_id, year, value FROM {t['rating']} WHERE {where}"
            + cut.format(year="year")
            + " ORDER BY person_id, year",
            params + year_params,
        )
        # The recognitions of the selection's authors, fetched by id: a join alone lets the planner scan the
        # whole recognition table for every batch.
        where, params = selection.where("ra.person_id")
        inner, inner_params = selection.where("person_id")
        ids = f"SELECT recognition_id FROM {t['author']} WHERE {inner}"
        of_authors = f"r.id = ANY(ARRAY({ids}))" if postgres else f"r.id IN ({ids})"
        initiative_rows = _rows(
            cursor,
            "SELECT ra.person_id, r.year, r.scope, r.kind, r.decision_number, r.applied"
            f" FROM {t['author']} ra JOIN {t['recognition']} r ON r.id = ra.recognition_id"
            f" WHERE {where} AND {of_authors} AND NOT r.revoked" + cut.format(year="r.year"),
            params + inner_params + year_params,
        )
        where, params = selection.where("person_id")
        discipline_rows = _rows(
            cursor,
            f"SELECT person_id, year, level, duty_related, decision_date, term_end FROM {t['discipline']}"
            f" WHERE {where}" + cut.format(year="year"),
            params + year_params,
        )
        where, params = selection.where("person_id")
        review_rows = _rows(
            cursor,
            f"SELECT person_id, start, {connection.ops.quote_name('end')}, kind FROM {t['review']}"
            f" WHERE {where}",
            params,
        )
        leave_rows = _rows(
            cursor,
            f"SELECT person_id, start, {connection.ops.quote_name('end')}, kind FROM {t['leave']} WHERE {where}",
            params,
        )
        where, params = selection.where("m.person_id")
        post_cut = "" if up_to_year is None else " AND m.valid_from <= %s"
        post_rows = _rows(
            cursor,
            "SELECT m.person_id, p.code, m.valid_from, m.valid_to"
            f" FROM {t['membership']} m JOIN {t['position']} p ON p.id = m.position_id"
            f" WHERE {where} AND p.is_leadership" + post_cut,
            params + ([] if up_to_year is None else [date(up_to_year, 12, 31)]),
        )

    titles: dict[int, list] = {}
    awards: dict[int, list] = {}
    known = records.awards
    make = records.award
    for row in award_rows:
        key = row[1:]
        record = known.get(key)
        if record is None:
            record = make(key)
        target = titles if type(record) is TitleRecord else awards
        owned = target.get(row[0])
        if owned is None:
            target[row[0]] = [record]
        else:
            owned.append(record)
    ratings: dict[int, dict[int, str]] = {}
    same_year = _YEARS.setdefault
    for pk, year, value in rating_rows:
        # One object per year and per rating value, instead of one per row: compared by identity on shared
        # paths, and few enough to stay in the processor's cache.
        year = same_year(year, year)
        value = intern(value)
        rated = ratings.get(pk)
        if rated is None:
            ratings[pk] = {year: value}
        else:
            rated[year] = value
    initiatives = _grouped(initiative_rows, records.initiatives, _initiative)
    discipline = _grouped(discipline_rows, records.discipline, _discipline)
    positions = _grouped(post_rows, records.positions, _position)
    reviews = _grouped(review_rows, {}, _review)
    leaves = _grouped(leave_rows, {}, _leave)
    records.trim()

    none = ()
    built = {}
    for pk, name in names:
        held = titles.get(pk)
        given = awards.get(pk)
        found = initiatives.get(pk)
        punished = discipline.get(pk)
        posts = positions.get(pk)
        built[pk] = _new_facts(
            person_subject_id(pk),
            name,
            ratings.get(pk) or {},
            _in_order(held, _ORDERED_TITLE, _title_key) if held else none,
            _in_order(given, _ORDERED_AWARD, _award_key) if given else none,
            _in_order(found, _ORDERED_INITIATIVE, _initiative_key) if found else none,
            _in_order(punished, _ORDERED_DISCIPLINE, _discipline_key) if punished else none,
            _in_order(posts, _ORDERED_POSITION, _position_key) if posts else none,
            tuple(sorted(reviews[pk])) if pk in reviews else none,
            tuple(sorted(leaves[pk])) if pk in leaves else none,
        )
    return built


def _initiative(key: tuple) -> InitiativeRecord:
    year, scope, kind, number, applied = key
    return InitiativeRecord(
        _YEARS.setdefault(year, year), intern(scope), intern(kind), number or None, bool(applied)
    )


def _discipline(key: tuple) -> DisciplineRecord:
    year, level, duty, decided, until = key
    return DisciplineRecord(_YEARS.setdefault(year, year), intern(level), bool(duty), decided, until)


def _review(key: tuple) -> ReviewRecord:
    start, end, kind = key
    return ReviewRecord(_as_date(start), _as_date(end), kind)


def _leave(key: tuple) -> LeaveRecord:
    start, end, kind = key
    return LeaveRecord(_as_date(start), _as_date(end), kind)


def _as_date(value) -> date | None:
    """A DATE column as a date (SQLite's raw cursor gives ISO strings)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _position(key: tuple) -> PositionRecord:
    code, start, end = key
    return PositionRecord(intern(code), start, end)


def _grouped(rows: list[tuple], known: dict, make) -> dict[int, list]:
    """Rows (owner, *record fields) → owner → records, each distinct record made once."""
    grouped: dict[int, list] = {}
    for row in rows:
        key = row[1:]
        record = known.get(key)
        if record is None:
            record = known[key] = make(key)
        owned = grouped.get(row[0])
        if owned is None:
            grouped[row[0]] = [record]
        else:
            owned.append(record)
    return grouped


def person_facts(person_ids: Iterable[int], up_to_year: int | None = None) -> dict[int, SubjectFacts]:
    """Facts of each person (by pk), with records of years up to `up_to_year` (all when None).

    Seven queries for up to `ID_CHUNK` people: catalogue, names, awards, ratings, initiatives, discipline,
    leadership posts.
    """

    ids = list(set(person_ids))
    if not ids:
        return {}
    records = _Records(award_kinds())
    built: dict[int, SubjectFacts] = {}
    for chunk in _chunks(ids):
        names = list(Person.objects.filter(pk__in=chunk).order_by("pk").values_list("pk", "full_name"))
        if names:
            built.update(_read_people(_Selection(ids=chunk), names, up_to_year, records))
    return {pk: built[pk] for pk in sorted(built)}


def iter_person_facts_batches(
    year: int,
    batch_size: int = 20_000,
    person_ids: Iterable[int] | None = None,
    *,
    id_range: tuple[int, int] | None = None,
) -> Iterator[dict[int, SubjectFacts]]:
    """Everyone's facts (records up to `year`), `batch_size` people at a time, in person id order.

    Each batch is a keyset range of person ids (one query for the ids and names), then one query per history
    table over that id range (`person_id BETWEEN first AND last`, an index range scan). Memory stays at one
    batch; Python's cyclic collector is paused meanwhile (`engine.collector_paused`). Give `person_ids` to
    restrict to some people, or `id_range` (first, last) for the people whose id lies in it (the share of one
    worker, `tdkt.rules.batches`).
    """
    with collector_paused():
        yield from _person_batches(year, batch_size, person_ids, id_range)


def _person_batches(year: int, batch_size: int, person_ids: Iterable[int] | None, id_range=None):

    records = _Records(award_kinds())
    people = Person.objects.order_by("pk")
    if id_range is not None:
        people = people.filter(pk__gte=id_range[0], pk__lte=id_range[1])
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
        selection = (
            _Selection(first=first, last=last) if wanted is None else _Selection(ids=[pk for pk, _ in batch])
        )
        yield _read_people(selection, batch, year, records)
        if wanted is None and len(batch) < batch_size:
            return


# --- units ------------------------------------------------------------------------------------------------


class _Tree:
    """The dated parent links of every unit (one query), for subtrees on any date without more queries."""

    def __init__(self) -> None:

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
                "unit_id",
                "kind_id",
                "year",
                "decision_number",
                "decision_date",
                "award_type",
                "revoked",
                "period_from",
                "period_to",
            )
        )
        for pk, start, end, kind in (
            ReviewPeriod.objects.filter(unit_id__in=chunk)
            .order_by()
            .values_list("unit_id", "start", "end", "kind")
        ):
            collector.reviews[pk].append(ReviewRecord(start, end, kind))
        for pk, y, cluster, rank, members, leading in (
            ClusterResult.objects.filter(unit_id__in=chunk, year__lte=year)
            .order_by()
            .values_list("unit_id", "year", "cluster", "rank", "members", "leading")
        ):
            collector.clusters[pk][y] = ClusterRecord(cluster, rank, members, leading)
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

    overrides: dict[str, dict] = defaultdict(dict)
    for rule_set, key, value in ParameterOverride.objects.order_by().values_list("rule_set", "key", "value"):
        overrides[rule_set][key] = value
    return dict(overrides)
