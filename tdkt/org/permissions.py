"""One access check per object type, shared by pages, fragments, API endpoints and exports.

A user sees the units under the roots of their role assignments (at any time, with the predecessors
of those units, so that history survives restructuring). People:

- administrators see everyone;
- TĐKT officers and leaders see the people who were ever members of their units; of a **former** member
  (no current membership there) they read only the part of the history spent in their units, and they can
  **edit** only current members (a person who moved away is edited by the new unit);
- council members and the trade-union observer see only the people of the dossiers that reached them (a
  dossier past its draft whose proposing or receiving unit is in their scope), not the whole agency;
- everyone sees their own record; a staff member sees nothing else.

An outsider asking for an object gets 404, so the answer does not reveal that the object exists.
"""

from datetime import date

from django.apps import apps
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.org import selectors
from tdkt.org.models import Membership, Person, Role, RoleAssignment, Unit

EDITOR_ROLES = {Role.ADMIN, Role.OFFICER}
# Roles that browse the people of their subtree, and roles that see only the people of their dossiers.
BROWSE_ROLES = {Role.OFFICER, Role.LEADER}
DOSSIER_ROLES = {Role.COUNCIL_MEMBER, Role.UNION_OBSERVER}
# Dossiers whose people a council member or observer sees: everything past the proposing unit's draft.
_DOSSIER_STATUSES = ("submitted", "received", "council", "approved", "rejected", "decided")
SECOND_FACTOR_ROLES = {Role.ADMIN, Role.OFFICER}
ALL_UNITS = None  # the marker for a user who sees everything


def _assignments(user) -> list[tuple[str, int]]:
    cached = getattr(user, "_tdkt_assignments", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).values_list("role", "unit_id"))
        user._tdkt_assignments = cached
    return cached


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = {role for role, _unit in _assignments(user)}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    return roles


def is_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.ADMIN in roles_of(user))


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def requires_second_factor(user) -> bool:
    return bool(roles_of(user) & SECOND_FACTOR_ROLES)


def role_labels(user) -> list[str]:
    return sorted({Role(role).label for role in roles_of(user)})


def visible_unit_ids(user, roles: set[str] | None = None) -> set[int] | None:
    """Ids of the units the user may see (None: all of them). `roles` narrows to some roles."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser or any(r == Role.ADMIN for r, _u in _assignments(user)):
        return ALL_UNITS
    wanted = [u for r, u in _assignments(user) if r != Role.STAFF and (roles is None or r in roles)]
    key = ("_tdkt_scope", tuple(sorted(wanted)))
    cache = user.__dict__.setdefault("_tdkt_scope_cache", {})
    if key not in cache:
        cache[key] = selectors.scope_ids(wanted)
    return cache[key]


def visible_units(user) -> QuerySet[Unit]:
    ids = visible_unit_ids(user)
    return Unit.objects.all() if ids is ALL_UNITS else Unit.objects.filter(pk__in=ids)


def _dossier_people_ids(unit_ids: set[int]):
    """Ids of the people who are candidates of a dossier (past its draft) of these units.

    The model is looked up by name: `org` sits below `proposals` and does not import it."""
    candidate = apps.get_model("proposals", "Candidate")
    return candidate.objects.filter(
        Q(proposal__receiving_unit_id__in=unit_ids) | Q(proposal__proposing_unit_id__in=unit_ids),
        proposal__status__in=_DOSSIER_STATUSES,
        person__isnull=False,
    ).values("person_id")


def visible_people(user) -> QuerySet[Person]:
    if not user.is_authenticated:
        return Person.objects.none()
    if visible_unit_ids(user) is ALL_UNITS:
        return Person.objects.all()
    condition = Q(user=user)
    browse = visible_unit_ids(user, roles=BROWSE_ROLES)
    if browse:
        condition |= Q(pk__in=Membership.objects.filter(unit_id__in=browse).values("person_id"))
    dossiers = visible_unit_ids(user, roles=DOSSIER_ROLES)
    if dossiers:
        condition |= Q(pk__in=_dossier_people_ids(dossiers))
    return Person.objects.filter(condition)


def _former_member_units(user, person: Person) -> set[int] | None:
    """The user's units that limit what they read of a person: None when they read the whole record (an
    administrator, the person themself, a council member or observer looking at a candidate, or the unit of a
    current member); for a former member, the user's units, whose periods of membership they read."""
    if person.user_id is not None and person.user_id == getattr(user, "pk", None):
        return None
    ids = visible_unit_ids(user, roles=BROWSE_ROLES)
    if visible_unit_ids(user) is ALL_UNITS or ids is ALL_UNITS or not ids:
        return None
    if person.memberships.filter(selectors.active_on(date.today()), unit_id__in=ids).exists():
        return None
    return ids


def visible_memberships(user, person: Person) -> QuerySet[Membership]:
    """The part of a person's history the user may read: all of it, or for a former member only the
    memberships in the user's units (see `_former_member_units`)."""
    limit = _former_member_units(user, person)
    memberships = person.memberships.all()
    return memberships if limit is None else memberships.filter(unit_id__in=limit)


def visible_years(user, person: Person) -> tuple[tuple[int, int], ...] | None:
    """The years of a person's record the user may read, as (first, last) spans; None for all of it.

    A former member's awards, ratings, initiatives and discipline are shown to the old unit only for the
    years of their membership there (a year counts when the membership touched it): what they earned after
    moving away belongs to the new unit."""
    limit = _former_member_units(user, person)
    if limit is None:
        return None
    spans = person.memberships.filter(unit_id__in=limit).values_list("valid_from", "valid_to")
    today = date.today()
    return tuple(sorted({(start.year, (end or today).year) for start, end in spans}))


def access_unit(user, unit_id) -> Unit:
    try:
        return visible_units(user).get(pk=unit_id)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đơn vị.")) from None


def access_person(user, person_id) -> Person:
    try:
        return visible_people(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy cá nhân.")) from None


def can_edit_unit(user, unit: Unit) -> bool:
    """Admins everywhere; TĐKT officers inside their subtree."""
    if is_admin(user):
        return True
    ids = visible_unit_ids(user, roles={Role.OFFICER})
    return ids is ALL_UNITS or unit.pk in ids


def can_edit_person(user, person: Person) -> bool:
    """Administrators; TĐKT officers for the people who are members of their units today."""
    if is_admin(user):
        return True
    ids = visible_unit_ids(user, roles={Role.OFFICER})
    return (
        bool(ids) and person.memberships.filter(selectors.active_on(date.today()), unit_id__in=ids).exists()
    )


def can_import(user) -> bool:
    return is_admin(user) or has_role(user, Role.OFFICER)


def can_audit(user) -> bool:
    return is_admin(user)
