"""Who may see and do what with a proposal dossier.

- A user sees a dossier when its proposing or receiving unit is in the scope of one of their roles
  (officer, leader, council member, trade-union observer; administrators see everything).
- A staff member sees only a dossier in which they are a candidate, and in it only their own row.
- Anybody else gets 404: the answer does not reveal that the dossier exists.

The roles of `models.TRANSITIONS` are checked here: `proposer_leader` (a leader whose scope holds the
proposing unit), `receiver_officer` / `receiver_leader` (an officer / leader whose scope holds the
receiving unit), `council` (the system acting on the council's ballots, or a council member or
administrator of the receiving unit). Administrators hold every role, as elsewhere in the product.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.org.models import Role
from tdkt.org.permissions import ALL_UNITS, is_admin, visible_unit_ids
from tdkt.proposals.models import TRANSITIONS, Candidate, Comment, Proposal, Status

EDITABLE = (Status.DRAFT, Status.RETURNED)
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RECEIVED, Status.RETURNED, Status.COUNCIL)
DISCLOSURE_STATUSES = (Status.RECEIVED, Status.COUNCIL, Status.APPROVED)
ATTACH_BY_RECEIVER = (Status.RECEIVED, Status.COUNCIL, Status.APPROVED)

ROLE_LABELS = {
    "proposer_leader": gettext_lazy("Lãnh đạo đơn vị đề nghị"),
    "receiver_officer": gettext_lazy("Cán bộ TĐKT của cấp nhận hồ sơ"),
    "receiver_leader": gettext_lazy("Lãnh đạo cấp nhận hồ sơ"),
    "council": gettext_lazy("Hội đồng Thi đua – Khen thưởng của cấp nhận hồ sơ"),
}


def _in(ids: set[int] | None, unit_id: int) -> bool:
    return ids is ALL_UNITS or unit_id in ids


def _holds(user, role: str, unit_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return _in(visible_unit_ids(user, roles={role}), unit_id)


def _proposer(user, role: str, proposal: Proposal) -> bool:
    """The role over the proposing unit, held below the receiving level: the level that receives a
    dossier judges it and does not also prepare or sign it (administrators excepted)."""
    if user is None or not user.is_authenticated:
        return False
    ids = visible_unit_ids(user, roles={role})
    if ids is ALL_UNITS:
        return True
    return proposal.proposing_unit_id in ids and proposal.receiving_unit_id not in ids


def is_proposer_officer(user, proposal: Proposal) -> bool:
    return _proposer(user, Role.OFFICER, proposal)


def is_proposer_leader(user, proposal: Proposal) -> bool:
    return _proposer(user, Role.LEADER, proposal)


def is_receiver_officer(user, proposal: Proposal) -> bool:
    return _holds(user, Role.OFFICER, proposal.receiving_unit_id)


def is_receiver_leader(user, proposal: Proposal) -> bool:
    return _holds(user, Role.LEADER, proposal.receiving_unit_id)


def is_council(user, proposal: Proposal) -> bool:
    """`None` is the system acting on the council's ballots (see receivers.py)."""
    return user is None or _holds(user, Role.COUNCIL_MEMBER, proposal.receiving_unit_id)


def has_transition_role(user, proposal: Proposal, role: str) -> bool:
    checks = {
        "proposer_leader": is_proposer_leader,
        "receiver_officer": is_receiver_officer,
        "receiver_leader": is_receiver_leader,
        "council": is_council,
    }
    if role != "council" and user is None:
        return False
    return checks[role](user, proposal)


def can_transition(user, proposal: Proposal, to: str) -> bool:
    role = TRANSITIONS.get((proposal.status, to))
    return role is not None and has_transition_role(user, proposal, role)


# --- reading ------------------------------------------------------------------------------------------------


def visible_proposals(user) -> QuerySet[Proposal]:
    if not user.is_authenticated:
        return Proposal.objects.none()
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return Proposal.objects.all()
    # Their own candidacies as one uncorrelated subquery, not a join of every dossier with its candidates and
    # their people under an OR (a regional officer's list waited 2,8 s for its count at 2.379.604 candidates).
    condition = Q(pk__in=Candidate.objects.filter(person__user=user).values("proposal_id"))
    if ids:
        condition |= Q(proposing_unit_id__in=ids) | Q(receiving_unit_id__in=ids)
    return Proposal.objects.filter(condition)


def access_proposal(user, pk) -> Proposal:
    try:
        return (
            visible_proposals(user)
            .select_related("proposing_unit", "receiving_unit", "award_kind")
            .get(pk=pk)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy hồ sơ đề nghị.")) from None


def sees_whole_dossier(user, proposal: Proposal) -> bool:
    """False for a staff member who only sees their own candidacy."""
    ids = visible_unit_ids(user)
    return _in(ids, proposal.proposing_unit_id) or _in(ids, proposal.receiving_unit_id)


WORKING_ROLES = {Role.OFFICER, Role.LEADER}


def can_refresh_verdicts(user, proposal: Proposal) -> bool:
    """Re-checking the candidates writes their verdicts: officers and leaders of the dossier's units and
    administrators, not the council members or the trade-union observer who only read it."""
    ids = visible_unit_ids(user, roles=WORKING_ROLES)
    return _in(ids, proposal.proposing_unit_id) or _in(ids, proposal.receiving_unit_id)


def visible_candidates(user, proposal: Proposal) -> QuerySet[Candidate]:
    candidates = proposal.candidates.select_related("person", "unit")
    if sees_whole_dossier(user, proposal):
        return candidates
    return candidates.filter(person__user=user)


def access_candidate(user, proposal: Proposal, pk) -> Candidate:
    try:
        return visible_candidates(user, proposal).get(pk=pk)
    except (Candidate.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đối tượng đề nghị.")) from None


# --- acting -------------------------------------------------------------------------------------------------


def can_create(user, unit_id: int) -> bool:
    return _holds(user, Role.OFFICER, unit_id) or _holds(user, Role.LEADER, unit_id)


def can_prepare(user, proposal: Proposal) -> bool:
    """The proposing side: its TĐKT officers and leaders."""
    return is_proposer_officer(user, proposal) or is_proposer_leader(user, proposal)


def can_edit(user, proposal: Proposal) -> bool:
    """Prepare the dossier (candidates, reports, attachments): the proposing side, while draft or returned."""
    return proposal.status in EDITABLE and can_prepare(user, proposal)


def can_attach(user, proposal: Proposal) -> bool:
    """The proposing side while preparing; the receiving officer adds minutes and vote results later."""
    return can_edit(user, proposal) or (
        proposal.status in ATTACH_BY_RECEIVER and is_receiver_officer(user, proposal)
    )


def can_submit(user, proposal: Proposal) -> bool:
    return can_transition(user, proposal, Status.SUBMITTED)


def can_receive(user, proposal: Proposal) -> bool:
    return can_transition(user, proposal, Status.RECEIVED)


def can_return(user, proposal: Proposal) -> bool:
    return can_transition(user, proposal, Status.RETURNED)


def can_send_to_council(user, proposal: Proposal) -> bool:
    return can_transition(user, proposal, Status.COUNCIL)


def can_publish_disclosure(user, proposal: Proposal) -> bool:
    return proposal.status in DISCLOSURE_STATUSES and is_receiver_officer(user, proposal)


def can_comment(user, proposal: Proposal) -> bool:
    """Anyone who can see the dossier (trade-union observers included) while it is disclosed."""
    return hasattr(proposal, "disclosure") and user.is_authenticated


def can_answer(user, comment: Comment) -> bool:
    return is_receiver_officer(user, comment.disclosure.proposal)


def can_forward(user, proposal: Proposal) -> bool:
    return (
        proposal.status == Status.APPROVED
        and is_receiver_officer(user, proposal)
        and not proposal.forwarded_to.exists()
    )


def can_export(user, proposal: Proposal) -> bool:
    return sees_whole_dossier(user, proposal)


def can_admin_holidays(user) -> bool:
    return is_admin(user)
