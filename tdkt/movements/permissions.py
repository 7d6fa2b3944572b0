"""Who may see and change movements, registrations and targets: one check per object type.

Seeing: a movement is seen by whoever sees its launching unit or one of its participating units (so each
unit sees the movements launched for it); a registration or a target by whoever sees its unit. Anyone
else gets 404. Changing: administrators and TĐKT officers whose scope covers the launching unit (a
movement) or the unit (a registration, a target), as `org.permissions.can_edit_unit` decides.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.movements.models import (
    AnnualRating,
    CalendarEntry,
    Cluster,
    ClusterMember,
    CultureChecklist,
    Inspection,
    Movement,
    MovementParticipant,
    MovementReview,
    PeriodScore,
    RatingGroup,
    Registration,
    Target,
)
from tdkt.org.permissions import ALL_UNITS, can_edit_unit, visible_unit_ids


def visible_movements(user) -> QuerySet[Movement]:
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return Movement.objects.all()
    if not ids:
        return Movement.objects.none()
    joined = MovementParticipant.objects.filter(unit_id__in=ids).values("movement_id")
    return Movement.objects.filter(Q(launching_unit_id__in=ids) | Q(pk__in=joined))


def access_movement(user, pk) -> Movement:
    try:
        return visible_movements(user).select_related("launching_unit").get(pk=pk)
    except (Movement.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy phong trào thi đua.")) from None


def can_manage_movement(user, movement: Movement) -> bool:
    return user.is_authenticated and can_edit_unit(user, movement.launching_unit)


def visible_registrations(user) -> QuerySet[Registration]:
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return Registration.objects.all()
    return Registration.objects.filter(unit_id__in=ids or [])


def access_registration(user, pk) -> Registration:
    try:
        return visible_registrations(user).select_related("unit", "movement").get(pk=pk)
    except (Registration.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đăng ký thi đua.")) from None


def can_register(user, unit) -> bool:
    return user.is_authenticated and can_edit_unit(user, unit)


def visible_targets(user) -> QuerySet[Target]:
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return Target.objects.all()
    return Target.objects.filter(unit_id__in=ids or [])


def access_target(user, pk) -> Target:
    try:
        return visible_targets(user).select_related("unit", "person").get(pk=pk)
    except (Target.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy chỉ tiêu.")) from None


def can_edit_target(user, target: Target) -> bool:
    return user.is_authenticated and can_edit_unit(user, target.unit)


def visible_clusters(user) -> QuerySet[Cluster]:
    """Clusters whose organising unit or one of whose members (any year) the user sees."""
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return Cluster.objects.all()
    if not ids:
        return Cluster.objects.none()
    joined = ClusterMember.objects.filter(unit_id__in=ids).values("cluster_id")
    return Cluster.objects.filter(Q(organiser_id__in=ids) | Q(pk__in=joined))


def access_cluster(user, pk) -> Cluster:
    try:
        return visible_clusters(user).select_related("organiser").get(pk=pk)
    except (Cluster.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy cụm, khối thi đua.")) from None


def can_manage_cluster(user, cluster: Cluster) -> bool:
    """Officers of the organising unit: members, criteria, the cluster's scores and the vote."""
    return user.is_authenticated and can_edit_unit(user, cluster.organiser)


def can_self_score(user, cluster: Cluster, unit, year: int) -> bool:
    """A member's own officers (and the cluster's managers) enter its self-score."""
    if (
        not user.is_authenticated
        or not ClusterMember.objects.filter(cluster=cluster, unit=unit, year=year).exists()
    ):
        return False
    return can_manage_cluster(user, cluster) or can_edit_unit(user, unit)


def visible_annual_ratings(user) -> QuerySet[AnnualRating]:
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return AnnualRating.objects.all()
    return AnnualRating.objects.filter(unit_id__in=ids or [])


def visible_period_scores(user) -> QuerySet[PeriodScore]:
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return PeriodScore.objects.all()
    return PeriodScore.objects.filter(unit_id__in=ids or [])


def visible_checklists(user) -> QuerySet[CultureChecklist]:
    """Checklists of a unit the user sees, or under which a unit the user sees was inspected."""
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return CultureChecklist.objects.all()
    if not ids:
        return CultureChecklist.objects.none()
    inspected = Inspection.objects.filter(unit_id__in=ids).values("checklist_id")
    return CultureChecklist.objects.filter(Q(owner_id__in=ids) | Q(pk__in=inspected))


def access_checklist(user, pk) -> CultureChecklist:
    try:
        return visible_checklists(user).select_related("owner").get(pk=pk)
    except (CultureChecklist.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy bộ tiêu chí văn hóa công sở.")) from None


def can_inspect(user, checklist: CultureChecklist) -> bool:
    """Officers of the unit that set the checklist run its inspections."""
    return user.is_authenticated and can_edit_unit(user, checklist.owner)


def visible_inspections(user) -> QuerySet[Inspection]:
    """Inspections of a checklist the user sees."""
    return Inspection.objects.filter(checklist__in=visible_checklists(user))


def visible_calendar_entries(user) -> QuerySet[CalendarEntry]:
    """Dates of the units in the user's scope and of the movements the user sees."""
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return CalendarEntry.objects.all()
    return CalendarEntry.objects.filter(Q(unit_id__in=ids or []) | Q(movement__in=visible_movements(user)))


def visible_reviews(user) -> QuerySet[MovementReview]:
    """Sơ kết, tổng kết of the movements the user sees."""
    return MovementReview.objects.filter(movement__in=visible_movements(user))


def visible_rating_groups(user) -> QuerySet[RatingGroup]:
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return RatingGroup.objects.all()
    return RatingGroup.objects.filter(unit_id__in=ids or [])
