"""Reads of the organisation: the tree on a date, subtrees, successors, people in scope.

Each question the product asks of the tree is one call here, answered by one SQL query (a recursive
CTE that runs unchanged on SQLite and PostgreSQL) over indexed columns.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet

from tdkt.org.models import Membership, Person, Unit, UnitEvent, UnitEventLink, UnitVersion


def active_on(day: date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_to) contains `day`."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def versions_on(day: date) -> QuerySet[UnitVersion]:
    return UnitVersion.objects.filter(active_on(day)).select_related("unit")


@dataclass
class TreeNode:
    unit: Unit
    name: str
    short_name: str
    depth: int = 0
    children: list["TreeNode"] = field(default_factory=list)


def tree_on(day: date, root: Unit | None = None) -> list[TreeNode]:
    """The unit tree as it was on `day` (names of that day), as nested nodes sorted by code."""
    nodes: dict[int, TreeNode] = {}
    children_of: dict[int | None, list[int]] = defaultdict(list)
    for version in versions_on(day).order_by("unit__code"):
        nodes[version.unit_id] = TreeNode(version.unit, version.name, version.short_name)
        children_of[version.parent_id].append(version.unit_id)
    for parent_id, child_ids in children_of.items():
        if parent_id in nodes:
            nodes[parent_id].children = [nodes[c] for c in child_ids]
    if root is not None:
        tops = [nodes[root.pk]] if root.pk in nodes else []
    else:
        tops = [nodes[c] for p, ids in children_of.items() if p not in nodes for c in ids]
    _set_depth(tops, 0)
    return tops


def _set_depth(nodes: list[TreeNode], depth: int) -> None:
    for node in nodes:
        node.depth = depth
        _set_depth(node.children, depth + 1)


def flatten(nodes: list[TreeNode]) -> list[TreeNode]:
    out: list[TreeNode] = []
    for node in nodes:
        out.append(node)
        out.extend(flatten(node.children))
    return out


_SUBTREE_ON_DATE = """
WITH RECURSIVE sub(id) AS (
    SELECT id FROM org_unit WHERE id = %s
    UNION
    SELECT v.unit_id FROM org_unitversion v JOIN sub ON v.parent_id = sub.id
    WHERE v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)
)
SELECT id FROM sub
"""

_SUBTREE_ANY_TIME = """
WITH RECURSIVE sub(id) AS (
    SELECT id FROM org_unit WHERE id IN ({roots})
    UNION
    SELECT v.unit_id FROM org_unitversion v JOIN sub ON v.parent_id = sub.id
)
SELECT DISTINCT id FROM sub
"""

_PREDECESSORS = """
WITH RECURSIVE pre(id) AS (
    SELECT id FROM org_unit WHERE id IN ({roots})
    UNION
    SELECT p.unit_id FROM org_uniteventlink p
    JOIN org_uniteventlink s ON s.event_id = p.event_id AND s.role = 'successor' AND p.role = 'predecessor'
    JOIN pre ON s.unit_id = pre.id
)
SELECT DISTINCT id FROM pre
"""


def subtree_ids(unit: Unit | int, on: date) -> list[int]:
    """Ids of `unit` and every unit under it on date `on`."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    day = connection.ops.adapt_datefield_value(on)
    with connection.cursor() as cursor:
        cursor.execute(_SUBTREE_ON_DATE, [unit_id, day, day])
        return [row[0] for row in cursor.fetchall()]


def units_under(unit: Unit, on: date) -> QuerySet[UnitVersion]:
    """Everything under `unit` on date `on`, with that day's names."""
    return versions_on(on).filter(unit_id__in=subtree_ids(unit, on)).order_by("unit__code")


def scope_ids(root_ids: list[int]) -> set[int]:
    """Every unit ever under the roots, and the predecessors of each (so history stays visible)."""
    if not root_ids:
        return set()
    with connection.cursor() as cursor:
        roots = ",".join(str(int(r)) for r in root_ids)
        cursor.execute(_PREDECESSORS.format(roots=roots))
        with_predecessors = [row[0] for row in cursor.fetchall()]
        cursor.execute(_SUBTREE_ANY_TIME.format(roots=",".join(str(int(r)) for r in with_predecessors)))
        return {row[0] for row in cursor.fetchall()}


_SCOPE_PAIRS = """
WITH RECURSIVE pre(root, id) AS (
    SELECT id, id FROM org_unit WHERE id IN ({roots})
    UNION
    SELECT pre.root, p.unit_id FROM org_uniteventlink p
    JOIN org_uniteventlink s ON s.event_id = p.event_id AND s.role = 'successor' AND p.role = 'predecessor'
    JOIN pre ON s.unit_id = pre.id
),
sub(root, id) AS (
    SELECT root, id FROM pre
    UNION
    SELECT sub.root, v.unit_id FROM org_unitversion v JOIN sub ON v.parent_id = sub.id
)
SELECT DISTINCT root, id FROM sub
"""


def scope_map(root_ids) -> dict[int, set[int]]:
    """`scope_ids` of each root separately, in one query: root id → every unit ever under it and its
    predecessors (for a list of rows that each need their own unit's scope)."""
    roots = sorted({int(r) for r in root_ids})
    result: dict[int, set[int]] = {root: set() for root in roots}
    if not roots:
        return result
    with connection.cursor() as cursor:
        cursor.execute(_SCOPE_PAIRS.format(roots=",".join(str(r) for r in roots)))
        for root, unit_id in cursor.fetchall():
            result[root].add(unit_id)
    return result


def successors(unit: Unit) -> list[Unit]:
    """The current successor(s) of `unit`: itself while active, else where its events led."""
    frontier, seen, result = [unit], {unit.pk}, []
    while frontier:
        current = frontier.pop()
        if current.valid_to is None:
            result.append(current)
            continue
        nexts = Unit.objects.filter(
            event_links__role=UnitEventLink.Role.SUCCESSOR,
            event_links__event__links__unit=current,
            event_links__event__links__role=UnitEventLink.Role.PREDECESSOR,
        ).distinct()
        for successor in nexts:
            if successor.pk not in seen:
                seen.add(successor.pk)
                frontier.append(successor)
    return sorted(result, key=lambda u: u.code)


def name_on(unit: Unit, day: date) -> str:
    version = unit.versions.filter(active_on(day)).first()
    return version.name if version else unit.name


def people_in(unit_ids: list[int] | set[int], on: date | None = None) -> QuerySet[Person]:
    """People with a membership in the given units (on a date, or at any time)."""
    memberships = Membership.objects.filter(unit_id__in=unit_ids)
    if on is not None:
        memberships = memberships.filter(active_on(on))
    return Person.objects.filter(pk__in=memberships.values("person_id"))


def current_membership(person: Person) -> Membership | None:
    return current_memberships([person.pk]).get(person.pk)


def current_memberships(person_ids) -> dict[int, Membership]:
    """`current_membership` of many people in one query: person id → the open membership that starts last."""
    found: dict[int, Membership] = {}
    open_ones = Membership.objects.filter(person_id__in=set(person_ids), valid_to__isnull=True)
    for membership in open_ones.select_related("unit", "position").order_by("person_id", "-valid_from", "pk"):
        found.setdefault(membership.person_id, membership)
    return found


def unit_events(unit: Unit):
    """The restructuring events this unit took part in, newest first, with their links."""

    return (
        UnitEvent.objects.filter(links__unit=unit)
        .distinct()
        .prefetch_related("links__unit")
        .order_by("-date", "-id")
    )


def recent_events(units, limit: int = 10):

    return (
        UnitEvent.objects.filter(links__unit__in=units)
        .distinct()
        .prefetch_related("links__unit")
        .order_by("-date", "-id")[:limit]
    )
