"""Who may see and do what with an initiative (one access check for the object type).

- Seeing: administrators; users whose scope (officer, leader, council member, trade-union observer) holds
  the initiative's unit; its authors and its creator; the members of a council that reviews it. Anyone else
  gets 404.
- The roles of `models.TRANSITIONS`: `author` (the creator, an author with an account, or a TĐKT officer
  of the unit), `office` (a TĐKT officer whose scope holds the unit: screening, council, decision,
  escalation, merging duplicates), `upper` (a TĐKT officer whose scope holds the unit above: records the
  higher level's answer). Administrators hold every role.
- Scoring: a council member in office on the day the review opened, not recused, while the review is open.
  The trade-union observer reads everything and comments but never scores.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.councils import selectors as council_selectors
from tdkt.councils.models import CouncilMember
from tdkt.initiatives.models import EDITABLE, TRANSITIONS, Initiative, Review
from tdkt.org.models import Person, Role
from tdkt.org.permissions import ALL_UNITS, is_admin, visible_unit_ids

READ_ROLES = {Role.OFFICER, Role.LEADER, Role.COUNCIL_MEMBER, Role.UNION_OBSERVER}
ROLE_LABELS = {
    "author": gettext_lazy("Tác giả hoặc Cán bộ TĐKT của đơn vị"),
    "office": gettext_lazy("Cán bộ TĐKT của đơn vị xét công nhận"),
    "upper": gettext_lazy("Cán bộ TĐKT của cấp trên"),
}


def _covers(user, unit_id: int | None, roles: set[str]) -> bool:
    if user is None or not user.is_authenticated or unit_id is None:
        return False
    ids = visible_unit_ids(user, roles=roles)
    return ids is ALL_UNITS or unit_id in ids


# --- reading ------------------------------------------------------------------------------------------------


def visible_initiatives(user) -> QuerySet[Initiative]:
    if not user.is_authenticated:
        return Initiative.objects.none()
    ids = visible_unit_ids(user, roles=READ_ROLES)
    if ids is ALL_UNITS:
        return Initiative.objects.all()
    condition = Q(created_by=user) | Q(authors__person__user=user) | Q(reviews__council__members__user=user)
    if ids:
        condition |= Q(unit_id__in=ids)
    return Initiative.objects.filter(pk__in=Initiative.objects.filter(condition).values("pk"))


def access_initiative(user, pk) -> Initiative:
    try:
        return visible_initiatives(user).select_related("unit", "recognition", "merged_into").get(pk=pk)
    except (Initiative.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy sáng kiến.")) from None


# --- roles --------------------------------------------------------------------------------------------------


def is_office(user, initiative: Initiative) -> bool:
    return _covers(user, initiative.unit_id, {Role.OFFICER})


def is_upper(user, initiative: Initiative) -> bool:
    """An officer of the level above the unit (administrators too: the sector level records its answer)."""
    if user is not None and is_admin(user):
        return True
    parent_id = initiative.unit.parent_id
    return _covers(user, parent_id, {Role.OFFICER})


def is_author(user, initiative: Initiative) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if initiative.created_by_id == user.pk:
        return True
    return initiative.pk is not None and initiative.authors.filter(person__user=user).exists()


def is_observer(user, initiative: Initiative) -> bool:
    """The trade-union observer of the unit (reads and comments, never scores)."""
    return _covers(user, initiative.unit_id, {Role.UNION_OBSERVER})


def has_transition_role(user, initiative: Initiative, role: str) -> bool:
    if user is None:
        return False
    if role == "author":
        return is_author(user, initiative) or is_office(user, initiative)
    if role == "office":
        return is_office(user, initiative)
    if role == "upper":
        return is_upper(user, initiative)
    return False


def can_transition(user, initiative: Initiative, to: str) -> bool:
    role = TRANSITIONS.get((initiative.status, to))
    return role is not None and has_transition_role(user, initiative, role)


# --- acting -------------------------------------------------------------------------------------------------


def can_create_for(user, unit_id: int) -> bool:
    """Officers for any unit of their scope; anybody for a unit they (or their person record) belong to."""
    if _covers(user, unit_id, {Role.OFFICER}):
        return True
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    if person is None:
        return False
    from tdkt.initiatives.selectors import units_for_author  # lazy: selectors imports this module

    return any(u.pk == unit_id for u in units_for_author(person))


def can_edit(user, initiative: Initiative) -> bool:
    return initiative.status in EDITABLE and has_transition_role(user, initiative, "author")


def seat_of(user, review: Review) -> CouncilMember | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        council_selectors.members_in_office(review.council_id, review.opened_on)
        .filter(user=user)
        .select_related("person")
        .first()
    )


def can_score(user, review: Review) -> bool:
    if not review.is_open:
        return False
    seat = seat_of(user, review)
    return seat is not None and not review.recusals.filter(member=seat).exists()


def can_comment(user, initiative: Initiative) -> bool:
    """Everyone who sees the application may write a comment or a private note."""
    return user.is_authenticated


def can_merge(user, keeper: Initiative, duplicate: Initiative) -> bool:
    return is_office(user, keeper) and is_office(user, duplicate)


def can_follow_up(user, initiative: Initiative) -> bool:
    return initiative.recognition_id is not None and is_office(user, initiative)
