"""Who sees and who acts on decisions; one check shared by pages, fragments, API endpoints and exports.

- Admins, TĐKT officers and leaders see the decisions whose issuer's unit, or whose proposal's proposing or
  receiving unit, lies in their scope.
- Anyone (a staff member in particular) sees, read-only, the issued or revoked decisions that name them.
- Officers (and admins) prepare drafts; leaders of the issuer's unit issue and revoke.
- Everyone else gets 404: the answer does not reveal that the decision exists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.decisions.models import Decision, Issuer
from tdkt.org import permissions as org_permissions
from tdkt.org.models import Role
from tdkt.proposals.models import Proposal, Status

SCOPE_ROLES = {Role.ADMIN, Role.OFFICER, Role.LEADER}


def _in_scope(ids: set[int]) -> Q:
    return (
        Q(issuer__unit_id__in=ids)
        | Q(proposal__proposing_unit_id__in=ids)
        | Q(proposal__receiving_unit_id__in=ids)
    )


def visible_decisions(user) -> QuerySet[Decision]:
    if not user.is_authenticated:
        return Decision.objects.none()
    if org_permissions.is_admin(user):
        return Decision.objects.all()
    named = Q(lines__person__user=user) & ~Q(status=Decision.Status.DRAFT)
    ids = org_permissions.visible_unit_ids(user, roles=SCOPE_ROLES)
    condition = named | _in_scope(ids) if ids else named
    return Decision.objects.filter(pk__in=Decision.objects.filter(condition).values("pk"))


def access_decision(user, pk) -> Decision:
    """The decision by id if the user may see it; 404 otherwise."""
    try:
        return visible_decisions(user).select_related("issuer", "issuer__unit", "proposal").get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy quyết định.")) from None


def _covers(user, roles: set[str], *units) -> bool:
    ids = org_permissions.visible_unit_ids(user, roles=roles)
    if ids is org_permissions.ALL_UNITS:
        return True
    return any(unit_id in ids for unit_id in units if unit_id is not None)


def can_prepare_for(user, *, issuer: Issuer, proposal: Proposal | None = None) -> bool:
    """Officers whose scope covers the issuer's unit or the proposal's receiving unit; admins."""
    if org_permissions.is_admin(user):
        return True
    units = [issuer.unit_id] + ([proposal.receiving_unit_id] if proposal is not None else [])
    return _covers(user, {Role.OFFICER}, *units)


def can_prepare(user, decision: Decision) -> bool:
    return decision.status == Decision.Status.DRAFT and can_prepare_for(
        user, issuer=decision.issuer, proposal=decision.proposal
    )


def can_sign(user, decision: Decision) -> bool:
    """Leaders (lãnh đạo) of the issuer's unit; for an issuer outside the tree (Bộ, Thủ tướng), leaders of
    the unit that received the proposal, who record the decision signed above."""
    if not org_permissions.has_role(user, Role.LEADER):
        return False
    unit_id = decision.issuer.unit_id
    if unit_id is None and decision.proposal_id is not None:
        unit_id = decision.proposal.receiving_unit_id
    return unit_id is not None and _covers(user, {Role.LEADER}, unit_id)


def can_issue(user, decision: Decision) -> bool:
    return decision.status == Decision.Status.DRAFT and can_sign(user, decision)


def can_revoke(user, decision: Decision) -> bool:
    return decision.status == Decision.Status.ISSUED and can_sign(user, decision)


def can_create(user) -> bool:
    return org_permissions.is_admin(user) or org_permissions.has_role(user, Role.OFFICER)


def issuers_for(user) -> QuerySet[Issuer]:
    """Issuers a user may draft for: those of units in the officer's scope, and those outside the tree."""
    if org_permissions.is_admin(user):
        return Issuer.objects.all()
    ids = org_permissions.visible_unit_ids(user, roles={Role.OFFICER})
    return Issuer.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=ids or []))


def proposals_for(user) -> QuerySet[Proposal]:
    """Approved proposals, without a live decision, that the officer may turn into a decision."""

    qs = Proposal.objects.filter(status=Status.APPROVED).exclude(
        decisions__status__in=[Decision.Status.DRAFT, Decision.Status.ISSUED]
    )
    if org_permissions.is_admin(user):
        return qs
    ids = org_permissions.visible_unit_ids(user, roles={Role.OFFICER})
    return qs.filter(receiving_unit_id__in=ids or [])
