"""Reads: lists, the duplicate check, council results, direct superiors and statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from tdkt.core.text import fold
from tdkt.councils import selectors as council_selectors
from tdkt.initiatives import permissions, similarity
from tdkt.initiatives.models import (
    RECOGNISED_STATES,
    Escalation,
    Field,
    Initiative,
    InitiativeAuthor,
    Kind,
    MemberField,
    NGram,
    Review,
    Score,
    Status,
)
from tdkt.org import selectors as org_selectors
from tdkt.org.models import Membership, Person, Role, Unit, UnitVersion
from tdkt.org.permissions import ALL_UNITS, visible_unit_ids

SIMILAR_THRESHOLD = 0.35  # Dice coefficient from which an application is shown as a possible duplicate
SIMILAR_LIMIT = 8
CANDIDATES = 50  # applications scored exactly after the counting query
COMMON_CAP = 5000  # posting lists are counted up to this length (longer ones count as this long)
PROBE = 8  # the rarest grams of the text pick the candidates


# --- lists ----------------------------------------------------------------------------------------------------


def initiative_list(
    user, *, q: str = "", status: str = "", kind: str = "", year: int | None = None, mine: bool = False
) -> QuerySet:
    items = permissions.visible_initiatives(user).select_related("unit")
    if mine:
        items = items.filter(pk__in=waiting_for(user).values("pk"))
    if q:
        for word in fold(q).split():
            items = items.filter(search_text__contains=word)
    if status:
        items = items.filter(status=status)
    if kind:
        items = items.filter(kind=kind)
    if year:
        items = items.filter(year=year)
    authors = InitiativeAuthor.objects.select_related("person").order_by("order", "id")
    return items.prefetch_related(Prefetch("authors", queryset=authors)).order_by("-created_at", "-id")


def author_pool_ids(unit: Unit) -> set[int]:
    """People who were ever members of the unit's subtree (at any time): who may be its authors."""
    ids = org_selectors.scope_ids([unit.pk])
    return set(Membership.objects.filter(unit_id__in=ids).values_list("person_id", flat=True))


def units_for_author(person: Person) -> list[Unit]:
    """The unit of the person's current membership and the units above it: where they may apply."""
    membership = org_selectors.current_membership(person)
    units: list[Unit] = []
    current = membership.unit if membership else None
    while current is not None and len(units) < 10:
        units.append(current)
        current = current.parent
    return units


def find_author(text: str, unit: Unit) -> list[Person]:
    """Authors by staff code (exact) or name (folded, word by word) among the unit's people."""
    text = (text or "").strip()
    if not text:
        return []
    pool = Person.objects.filter(pk__in=author_pool_ids(unit))
    exact = list(pool.filter(staff_code=text))
    if exact:
        return exact
    people = pool
    for word in fold(text).split():
        people = people.filter(search_text__contains=word)
    return list(people.order_by("sort_key")[:10])


def direct_superiors(people: list[Person], day: date) -> dict[int, str]:
    """{superior's person id: name of the author they lead} on `day`.

    An author's direct superiors are the leaders (positions marked as leadership) of the unit they
    belonged to that day whose grade is above theirs; an author who leads that unit answers to the leaders
    of the unit above."""
    found: dict[int, str] = {}
    for person in people:
        membership = (
            Membership.objects.filter(org_selectors.active_on(day), person=person)
            .select_related("position", "unit")
            .first()
        )
        if membership is None:
            continue
        grade = membership.position.grade if membership.position else 0
        leaders = Membership.objects.filter(
            org_selectors.active_on(day),
            unit=membership.unit,
            position__is_leadership=True,
            position__grade__gt=grade,
        ).exclude(person=person)
        ids = list(leaders.values_list("person_id", flat=True))
        if not ids:
            parent = _parent_on(membership.unit, day)
            if parent is not None:
                ids = list(
                    Membership.objects.filter(
                        org_selectors.active_on(day), unit_id=parent, position__is_leadership=True
                    )
                    .exclude(person=person)
                    .values_list("person_id", flat=True)
                )
        for pk in ids:
            found.setdefault(pk, person.full_name)
    return found


def _parent_on(unit: Unit, day: date) -> int | None:
    version = UnitVersion.objects.filter(org_selectors.active_on(day), unit=unit).first()
    return version.parent_id if version else unit.parent_id


# --- duplicate check ------------------------------------------------------------------------------------------


@dataclass
class Similar:
    initiative: Initiative
    score: float
    visible: bool

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _rare_grams(grams: list[int]) -> list[int]:
    """The grams of the text found in some application, rarest first (one statement: each gram's posting
    list is counted up to COMMON_CAP only, so a very common gram costs no more than a rare one)."""
    table = NGram._meta.db_table
    parts = " UNION ALL ".join(
        f"SELECT %s, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE gram = %s LIMIT {COMMON_CAP + 1}) t{i})"
        for i in range(len(grams))
    )
    params = [value for gram in grams for value in (gram, gram)]
    with connection.cursor() as cursor:
        cursor.execute(parts, params)
        counts = cursor.fetchall()
    return [gram for gram, n in sorted(counts, key=lambda row: (row[1], row[0])) if n > 0]


def similar_ids(
    title: str,
    description: str = "",
    *,
    exclude: int | None = None,
    limit: int = SIMILAR_LIMIT,
    threshold: float = SIMILAR_THRESHOLD,
) -> list[tuple[int, float]]:
    """(initiative id, similarity) of the applications most like the text, best first.

    Candidates are the applications sharing the most of the text's PROBE rarest grams (a gram found in
    thousands of applications, such as "hai quan", picks out nothing); the best CANDIDATES of them are then
    scored exactly with every gram of the text. Four statements whatever the size of the index."""
    grams = sorted(similarity.grams_of(title, description))
    if not grams:
        return []
    probe = _rare_grams(grams)[:PROBE]
    if not probe:
        return []
    top = list(
        NGram.objects.filter(gram__in=probe)
        .values("initiative_id")
        .annotate(common=Count("id"))
        .order_by("-common", "initiative_id")
        .values_list("initiative_id", flat=True)[:CANDIDATES]
    )
    if not top:
        return []
    counts = dict(
        NGram.objects.filter(initiative_id__in=top, gram__in=grams)
        .values("initiative_id")
        .annotate(common=Count("id"))
        .values_list("initiative_id", "common")
    )
    sizes = dict(Initiative.objects.filter(pk__in=top).values_list("pk", "gram_count"))
    scored = [
        (pk, similarity.dice(counts.get(pk, 0), len(grams), sizes.get(pk, 0))) for pk in top if pk != exclude
    ]
    scored = [row for row in scored if row[1] >= threshold]
    scored.sort(key=lambda row: (-row[1], row[0]))
    return scored[:limit]


def similar(user, title: str, description: str = "", *, exclude: int | None = None) -> list[Similar]:
    """Possible duplicates from the whole agency. Drafts of others are left out; an application the user
    may not open is shown by its title, unit and year only (no link, no authors)."""
    scored = similar_ids(title, description, exclude=exclude)
    if not scored:
        return []
    items = Initiative.objects.select_related("unit").in_bulk([pk for pk, _s in scored])
    visible = set(permissions.visible_initiatives(user).filter(pk__in=items).values_list("pk", flat=True))
    out = []
    for pk, score in scored:
        item = items.get(pk)
        if item is None or item.status == Status.MERGED:
            continue
        if item.status == Status.DRAFT and pk not in visible:
            continue
        out.append(Similar(item, score, pk in visible))
    return out


# --- the council's result -------------------------------------------------------------------------------------


@dataclass
class ReviewResult:
    scorers: int
    average: Decimal | None
    passed: bool
    per_member: dict[int, Decimal] = field(default_factory=dict)


def review_result(review: Review) -> ReviewResult:
    """Each member's weighted score in % of the maximum, their average, and the sheet's pass rule."""
    criteria = {c.pk: c for c in review.sheet.criteria.all()}
    total_weight = sum((c.weight for c in criteria.values()), Decimal(0))
    per_member: dict[int, Decimal] = {}
    for s in Score.objects.filter(review=review):
        c = criteria.get(s.criterion_id)
        if c is None:
            continue
        per_member[s.member_id] = per_member.get(s.member_id, Decimal(0)) + c.weight * s.points / c.max_points
    percents = {m: (v * 100 / total_weight) for m, v in per_member.items()} if total_weight else {}
    if not percents:
        return ReviewResult(0, None, False, {})
    average = (sum(percents.values(), Decimal(0)) / len(percents)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    passed = len(percents) >= review.sheet.min_scorers and average >= review.sheet.pass_mark
    rounded = {m: v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for m, v in percents.items()}
    return ReviewResult(len(percents), average, passed, rounded)


# --- statistics -----------------------------------------------------------------------------------------------


@dataclass
class Stats:
    unit: Unit
    year: int
    research_topics: int
    initiatives: int
    authors: int
    escalated_topics: int
    escalated_initiatives: int
    fields: list[tuple[str, int]]
    items: list[Initiative]

    def as_json(self) -> dict[str, int]:
        return {
            "research_topics": self.research_topics,
            "initiatives": self.initiatives,
            "authors": self.authors,
            "escalated_topics": self.escalated_topics,
            "escalated_initiatives": self.escalated_initiatives,
        }


def recognised_in(unit: Unit, year: int) -> QuerySet[Initiative]:
    """Applications recognised in `year` by the unit or any unit ever under it (revoked ones left out)."""
    ids = org_selectors.scope_ids([unit.pk])
    return Initiative.objects.filter(
        unit_id__in=ids, year=year, status__in=RECOGNISED_STATES, recognition__revoked=False
    )


def stats(unit: Unit, year: int) -> Stats:
    items = list(recognised_in(unit, year).select_related("unit").order_by("kind", "title"))
    ids = [i.pk for i in items]
    escalated = set(Escalation.objects.filter(initiative_id__in=ids).values_list("initiative_id", flat=True))
    authors = InitiativeAuthor.objects.filter(initiative_id__in=ids).values("person_id").distinct().count()
    fields = Counter(i.get_field_display() for i in items)
    return Stats(
        unit=unit,
        year=year,
        research_topics=sum(1 for i in items if i.kind == Kind.RESEARCH),
        initiatives=sum(1 for i in items if i.kind == Kind.INITIATIVE),
        authors=authors,
        escalated_topics=sum(1 for i in items if i.kind == Kind.RESEARCH and i.pk in escalated),
        escalated_initiatives=sum(1 for i in items if i.kind == Kind.INITIATIVE and i.pk in escalated),
        fields=sorted(fields.items(), key=lambda kv: (-kv[1], kv[0])),
        items=items,
    )


def unit_named(name: str, year: int) -> list[Unit]:
    """Units that bore `name` (diacritics and case ignored) at some time during `year`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    wanted = fold(name).strip()
    versions = UnitVersion.objects.filter(valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=start)
    )
    ids = {v.unit_id for v in versions.only("unit_id", "name") if fold(v.name).strip() == wanted}
    return list(Unit.objects.filter(pk__in=ids).order_by("code"))


# --- reminders ------------------------------------------------------------------------------------------------


def waiting_for(user) -> QuerySet[Initiative]:
    """Applications waiting for the user: to screen, put before the council or decide (TĐKT officers of
    the unit), or to score (council members with a seat, not recused, who have not scored yet)."""

    if not user.is_authenticated:
        return Initiative.objects.none()
    ids = visible_unit_ids(user, roles={Role.OFFICER})
    office = Q(status__in=[Status.SUBMITTED, Status.SCREENED, Status.COUNCIL])
    if ids is not ALL_UNITS:
        office &= Q(unit_id__in=ids or [])
    to_score = (
        Review.objects.filter(closed_at__isnull=True, council__members__user=user)
        .exclude(scores__member__user=user)
        .exclude(recusals__member__user=user)
        .values("initiative_id")
    )
    return Initiative.objects.filter(office | Q(pk__in=to_score))


def members_for_field(council, field: str, on: date) -> list[dict]:
    """The council's members in office on `on`, each with its fields and whether the council proposes it for
    an application of `field`: members of that field, and members tagged with no field (they sit for every
    field, like the chair). Proposed members first, then by role and name. Two queries."""

    members = list(council_selectors.members_in_office(council, on).select_related("person"))
    tags: dict[int, list[str]] = {}
    for member_id, code in MemberField.objects.filter(member__in=members).values_list("member_id", "field"):
        tags.setdefault(member_id, []).append(code)
    labels = dict(Field.choices)
    rows = []
    for member in members:
        codes = sorted(tags.get(member.pk, []))
        rows.append(
            {
                "member": member,
                "fields": [str(labels[c]) for c in codes],
                "codes": codes,
                "matches": field in codes,
                "proposed": field in codes or not codes,
            }
        )
    rows.sort(
        key=lambda r: (not r["proposed"], not r["matches"], r["member"].role, r["member"].person.sort_key)
    )
    return rows
