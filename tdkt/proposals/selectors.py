"""Reads of proposal dossiers: the filtered list, "cần xử lý" for a user, deadlines coming up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from tdkt.awards.models import Category
from tdkt.core.models import count_per_row
from tdkt.core.text import fold
from tdkt.exemplars.selectors import exemplars_backing_units
from tdkt.movements.selectors import registered_titles_of_people, registered_titles_of_units
from tdkt.org import selectors as org_selectors
from tdkt.org.models import Membership, Role, RoleAssignment, Unit
from tdkt.org.permissions import ALL_UNITS, visible_unit_ids
from tdkt.proposals import calendar
from tdkt.proposals.models import Candidate, Disclosure, Proposal, Status
from tdkt.proposals.permissions import visible_proposals
from tdkt.rules.services import person_verdicts
from tdkt.surveys.results import BranchIndex
from tdkt.surveys.selectors import branch_indexes


def _unit_q(field: str, ids: set[int] | None) -> Q:
    if ids is ALL_UNITS:
        return Q()
    return Q(**{f"{field}__in": ids or []})


def _proposer_q(ids: set[int] | None) -> Q:
    if ids is ALL_UNITS:
        return Q()
    return Q(proposing_unit_id__in=ids or []) & ~Q(receiving_unit_id__in=ids or [])


def needs_action_q(user) -> Q:
    """The dossiers waiting on this user: to prepare or submit, to receive, to decide on, to carry on."""
    leader = visible_unit_ids(user, roles={Role.LEADER})
    officer = visible_unit_ids(user, roles={Role.OFFICER})
    condition = Q(pk__in=[])
    if leader is ALL_UNITS or leader:
        condition |= Q(status__in=[Status.DRAFT, Status.RETURNED]) & _proposer_q(leader)
        condition |= Q(status=Status.APPROVED) & _unit_q("receiving_unit_id", leader)
    if officer is ALL_UNITS or officer:
        condition |= Q(status__in=[Status.DRAFT, Status.RETURNED]) & _proposer_q(officer)
        condition |= Q(status__in=[Status.SUBMITTED, Status.RECEIVED, Status.APPROVED]) & _unit_q(
            "receiving_unit_id", officer
        )
    return condition


def list_rows(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """The dossier list's rows (already filtered by `filters.ProposalFilter`), newest first, with counts."""
    # The count is a subquery per row shown, not a join of every visible dossier's candidates grouped before
    # the page is taken (an officer seeing 12.351 dossiers of 420.851 candidates waited 1,2 s for 50 rows).
    return (
        proposals.select_related("proposing_unit", "receiving_unit", "award_kind")
        .annotate(candidate_count=count_per_row(Candidate.objects, "proposal"))
        .order_by("-created_at", "-id")
    )


def month_bounds(month: str) -> tuple[date, date]:
    """ "2026-12" → (1 December 2026, 31 December 2026)."""
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return first, following - timedelta(days=1)


def due_in_month_q(first: date, last: date) -> Q:
    """Dossiers still to be submitted (draft or returned) whose deadline falls between `first` and `last`."""
    return Q(status__in=[Status.DRAFT, Status.RETURNED], deadline__gte=first, deadline__lte=last)


def needs_action_count(user) -> int:
    return visible_proposals(user).filter(needs_action_q(user)).count()


def due_soon(user, *, within_days: int = 7, today: date | None = None) -> QuerySet[Proposal]:
    """Drafts and returned dossiers of the user's scope whose deadline falls within `within_days` (for the
    dashboard), including those already overdue."""
    today = today or date.today()
    return (
        visible_proposals(user)
        .filter(status__in=[Status.DRAFT, Status.RETURNED], deadline__isnull=False)
        .filter(deadline__lte=today + timedelta(days=within_days))
        .select_related("proposing_unit", "receiving_unit", "award_kind")
        .order_by("deadline", "id")
    )


@dataclass
class Reminder:
    email: str
    name: str
    proposals: list[Proposal]


def reminders(*, within_days: int, today: date | None = None) -> list[Reminder]:
    """For every TĐKT officer with an e-mail address: the unsubmitted dossiers of their scope due within
    `within_days` days (or overdue) — one reminder per officer."""

    today = today or date.today()
    due = list(
        Proposal.objects.filter(status__in=[Status.DRAFT, Status.RETURNED], deadline__isnull=False)
        .filter(deadline__lte=today + timedelta(days=within_days))
        .select_related("proposing_unit", "receiving_unit")
        .order_by("deadline", "id")
    )
    if not due:
        return []
    by_user: dict[int, tuple] = {}
    assignments = RoleAssignment.objects.filter(role=Role.OFFICER).select_related("user")
    for assignment in assignments:
        user = assignment.user
        if not user.is_active or not user.email:
            continue
        scope = org_selectors.scope_ids([assignment.unit_id])
        entry = by_user.setdefault(user.pk, (user, {}))
        for proposal in due:
            if proposal.proposing_unit_id in scope:
                entry[1][proposal.pk] = proposal
    result = []
    for user, found in by_user.values():
        if found:
            result.append(
                Reminder(
                    email=user.email,
                    name=user.get_full_name() or user.get_username(),
                    proposals=sorted(found.values(), key=lambda p: (p.deadline, p.pk)),
                )
            )
    return sorted(result, key=lambda r: r.email)


# --- guardrails: what a dossier still lacks, and who acts next ------------------------------------------------

# The documents a dossier carries; matched on the attachment's name, folded (no diacritics, any case).
REQUIRED_DOCUMENTS = (
    ("to trinh", "Tờ trình đề nghị khen thưởng"),
    ("bao cao thanh tich", "Báo cáo thành tích"),
    ("bien ban", "Biên bản họp xét của Hội đồng Thi đua – Khen thưởng"),
)


def checklist(proposal: Proposal) -> list[str]:
    """What stops the dossier from being complete, in plain Vietnamese; empty when nothing does.

    Candidates not (yet) eligible by the engine, and documents not attached. A candidate's achievement
    report filled in on the page counts for "Báo cáo thành tích" when every candidate has one.
    """
    from django.utils.translation import gettext as _

    issues = []
    candidates = list(
        proposal.candidates.exclude(result=Candidate.Result.WITHDRAWN).select_related("person", "unit")
    )
    for candidate in candidates:
        verdict = (candidate.verdict or {}).get("verdict")
        if verdict != "eligible":
            state = _("cần xem xét") if verdict == "needs_review" else _("chưa đủ điều kiện")
            issues.append(
                _("%(name)s %(state)s theo kiểm tra tự động.") % {"name": candidate, "state": state}
            )
    names = [fold(name) for name in proposal.attachments.values_list("name", flat=True)]
    reports_filled = bool(candidates) and all(
        (c.report or {}).get("summary") or (c.report or {}).get("task_results") for c in candidates
    )
    for key, label in REQUIRED_DOCUMENTS:
        if any(key in name for name in names):
            continue
        if key == "bao cao thanh tich" and reports_filled:
            continue
        issues.append(_("Thiếu %(doc)s.") % {"doc": _(label)})
    return issues


def next_step(proposal: Proposal) -> str:
    """Who does what next with the dossier, e.g. "Chờ lãnh đạo Chi cục A trình lên Cục"."""
    from django.utils.translation import gettext as _

    steps = {
        Status.DRAFT: _("Chờ cán bộ TĐKT %(from)s hoàn thiện hồ sơ và lãnh đạo đơn vị trình lên %(to)s."),
        Status.RETURNED: _("Chờ %(from)s bổ sung theo yêu cầu và lãnh đạo đơn vị trình lại lên %(to)s."),
        Status.SUBMITTED: _("Chờ cán bộ TĐKT %(to)s tiếp nhận hoặc trả lại hồ sơ."),
        Status.RECEIVED: _("Chờ cán bộ TĐKT %(to)s thẩm định, công khai danh sách và đưa ra Hội đồng."),
        Status.COUNCIL: _("Chờ Hội đồng Thi đua – Khen thưởng %(to)s bỏ phiếu."),
        Status.APPROVED: _("Chờ cán bộ TĐKT %(to)s lập quyết định và lãnh đạo %(to)s ký ban hành."),
        Status.REJECTED: _("Hội đồng không đề nghị khen thưởng; hồ sơ đã kết thúc."),
        Status.DECIDED: _("Đã có quyết định khen thưởng; hồ sơ đã kết thúc."),
    }
    return steps[proposal.status] % {"from": proposal.proposing_unit.name, "to": proposal.receiving_unit.name}


# --- the candidate picker ----------------------------------------------------------------------------------------

PICKER_LIMIT = 20


def picker(proposal: Proposal, query: str, *, today: date | None = None) -> list[dict]:
    """People of the proposing unit's subtree matching `query` (name or staff code without diacritics, or
    their unit's name), not yet in the dossier, each with the engine's verdict for the dossier's award."""
    from django.db.models import Q

    words = fold(query).split()
    if not words:
        return []
    today = today or date.today()
    subtree = org_selectors.subtree_ids(proposal.proposing_unit, today)
    by_name = Q()
    for word in words:
        by_name &= Q(search_text__contains=word)
    unit_ids = list(Unit.objects.filter(pk__in=subtree).filter(by_name).values_list("pk", flat=True))
    people = org_selectors.people_in(subtree, today).exclude(candidacies__proposal=proposal)
    people = list(
        people.filter(by_name | Q(pk__in=org_selectors.people_in(unit_ids, today).values("pk"))).order_by(
            "sort_key"
        )[:PICKER_LIMIT]
    )
    units = dict(
        Membership.objects.filter(person__in=people, valid_to__isnull=True).values_list(
            "person_id", "unit__name"
        )
    )
    verdicts = person_verdicts(proposal.award_kind.code, proposal.year, [p.pk for p in people])
    return [{"person": p, "unit_name": units.get(p.pk, ""), "verdict": verdicts.get(p.pk)} for p in people]


def registration_status(proposal: Proposal, candidates) -> dict[int, bool]:
    """Candidate id → whether the candidate registered (đăng ký thi đua) for the proposed title that year.

    Only emulation titles are registered at the start of the year, so for a form of commendation (Bằng
    khen, Giấy khen…) the answer is empty: nothing to flag. A `False` is flagged "chưa đăng ký thi đua" on the
    candidate's row. Two queries at most, whatever the number of candidates."""

    kind = proposal.award_kind
    if kind.category != Category.TITLE:
        return {}
    candidates = list(candidates)
    people = registered_titles_of_people([c.person_id for c in candidates if c.person_id], proposal.year)
    units = registered_titles_of_units([c.unit_id for c in candidates if c.unit_id], proposal.year)
    return {
        c.pk: kind.code in (people.get(c.person_id, ()) if c.person_id else units.get(c.unit_id, ()))
        for c in candidates
    }


def backing_models(proposal: Proposal, candidates) -> dict[int, list]:
    """Collective candidate id → the exemplary models (điển hình tiên tiến) of the collective and the units under
    it, recognised by the end of the proposal's year: achievements its dossier may cite (each links to the
    model's page). Individual candidates have none. Two queries, however many candidates."""

    collectives = [c for c in candidates if c.unit_id]
    models = exemplars_backing_units([c.unit_id for c in collectives], on=date(proposal.year, 12, 31))
    return {c.pk: models[c.unit_id] for c in collectives}


def cdci_results(proposal: Proposal, candidates) -> dict[int, BranchIndex]:
    """Collective candidate id → the candidate unit's CDCI result of the proposal's year (the business
    satisfaction index and its rank among the branches the survey rated), when a survey rated it and its
    result is published. Individual candidates have none. A constant number of queries, however many
    candidates (`surveys.selectors.branch_indexes`)."""

    collectives = [c for c in candidates if c.unit_id]
    indexes = branch_indexes([c.unit_id for c in collectives], proposal.year)
    return {c.pk: indexes[c.unit_id] for c in collectives if c.unit_id in indexes}


def disclosure_closed(proposal: Proposal, on: date) -> bool:
    """Has the disclosure period ended by `on`? False when the list was never disclosed, or on its last day."""
    disclosure = Disclosure.objects.filter(proposal_id=proposal.pk).first()
    return disclosure is not None and on > disclosure.ends_on


def working_days_left(disclosure: Disclosure, on: date) -> int:
    """Working days of the disclosure still to run, `on` included (0 once it has ended)."""
    return calendar.working_days_between(max(on, disclosure.starts_on), disclosure.ends_on)
