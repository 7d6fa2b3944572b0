"""One access check per object type, shared by pages, fragments, API endpoints and exports.

A user sees the units under the roots of their role assignments (at any time, with the predecessors
of those units, so that history survives restructuring) and the people who were ever members there.
A staff member sees only their own person record. An outsider asking for an object gets 404, so the
answer does not reveal that the object exists.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.org import selectors
from tdkt.org.models import Membership, Person, Role, RoleAssignment, Unit

EDITOR_ROLES = {Role.ADMIN, Role.OFFICER}
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


def visible_people(user) -> QuerySet[Person]:
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return Person.objects.all()
    in_scope = Person.objects.filter(pk__in=Membership.objects.filter(unit_id__in=ids).values("person_id"))
    own = Person.objects.filter(user=user)
    return (in_scope | own).distinct() if ids else own


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
    if is_admin(user):
        return True
    ids = visible_unit_ids(user, roles={Role.OFFICER})
    return bool(ids) and person.memberships.filter(unit_id__in=ids).exists()


def can_import(user) -> bool:
    return is_admin(user) or has_role(user, Role.OFFICER)


def can_audit(user) -> bool:
    return is_admin(user)
