"""Who may see and do what with councils, meetings and ballots.

Seeing a council: its members (any term), and users whose scope covers the council's unit as
administrator, TĐKT officer, unit leader or trade-union observer (the last two read only). Anyone else
gets 404, so the answer does not reveal that the council exists. Managing (members, meetings, ballots):
administrators and officers in scope; running a meeting (attendance, opening it, ballots): also its chair,
vice-chair and secretary. Closing a ballot and entering written votes are checked by the services.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.councils import selectors
from tdkt.councils.models import Ballot, Council, CouncilMember, Meeting, MemberRole
from tdkt.org.models import Role
from tdkt.org.permissions import ALL_UNITS, visible_unit_ids

READ_ROLES = {Role.ADMIN, Role.OFFICER, Role.LEADER, Role.UNION_OBSERVER}
MANAGE_ROLES = {Role.ADMIN, Role.OFFICER}
RUNNING_ROLES = {MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY}


def _covers(user, unit_id: int, roles: set[str]) -> bool:
    ids = visible_unit_ids(user, roles=roles)
    return ids is ALL_UNITS or unit_id in ids


def visible_councils(user) -> QuerySet[Council]:
    if not user.is_authenticated:
        return Council.objects.none()
    ids = visible_unit_ids(user, roles=READ_ROLES)
    if ids is ALL_UNITS:
        return Council.objects.all()
    seats = CouncilMember.objects.filter(user=user).values("council_id")
    return Council.objects.filter(Q(unit_id__in=ids) | Q(pk__in=seats))


def access_council(user, pk) -> Council:
    try:
        return visible_councils(user).select_related("unit").get(pk=pk)
    except (Council.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy hội đồng.")) from None


def access_meeting(user, pk) -> Meeting:
    try:
        return Meeting.objects.select_related("council__unit").get(pk=pk, council__in=visible_councils(user))
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy phiên họp.")) from None


def access_ballot(user, pk) -> Ballot:
    try:
        return Ballot.objects.select_related("meeting__council__unit", "candidate_person").get(
            pk=pk, meeting__council__in=visible_councils(user)
        )
    except (Ballot.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy phiếu bầu.")) from None


def can_manage_council(user, council: Council) -> bool:
    """Administrators and TĐKT officers whose scope covers the council's unit."""
    return user.is_authenticated and _covers(user, council.unit_id, MANAGE_ROLES)


def can_run_meeting(user, meeting: Meeting) -> bool:
    """Managers of the council, and its chair, vice-chair and secretary in office on the meeting's day."""
    if can_manage_council(user, meeting.council):
        return True
    seat = selectors.seat_of(user, meeting)
    return seat is not None and seat.role in RUNNING_ROLES


def is_observer(user, council: Council) -> bool:
    """Sees the council read-only (leaders, trade-union observers): neither a manager nor a member."""
    if can_manage_council(user, council):
        return False
    return not CouncilMember.objects.filter(council=council, user=user).exists()
