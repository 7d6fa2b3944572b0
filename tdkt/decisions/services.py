"""Every write to decisions (quyết định khen thưởng): named, keyword-only, atomic, audited, version-checked.

Lifecycle: a draft is prepared (from an approved proposal, or line by line), then issued: it takes the next
number of its issuer's register for the year it is signed in (numbers restart on 1 January, no gaps, no
duplicates), each line's cash is computed against the base salary in force on the signing day, and each line
becomes an award in the history. Revoking an issued decision (Art. 93 of the 2022 law) revokes its awards,
which then leave every chain; the decision itself stays, marked.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tdkt.awards import selectors as award_selectors
from tdkt.awards import services as awards
from tdkt.awards.models import Award, AwardKind, SubjectKind
from tdkt.core.errors import ConcurrentEditError
from tdkt.core.services import save_versioned
from tdkt.core.text import nfc
from tdkt.decisions.models import TRANSITIONS, Decision, DecisionEvent, DecisionLine, Issuer, NumberRegister
from tdkt.org import selectors as org_selectors
from tdkt.org.models import Membership, Person, Unit
from tdkt.proposals.models import Candidate, Proposal, Status
from tdkt.proposals.selectors import disclosure_closed
from tdkt.proposals.services import mark_decided


def _lines_text(value: str | list[str] | tuple[str, ...] | None) -> str:
    """One item a line, each trimmed and NFC-normalised; empty lines dropped."""
    if value is None:
        return ""
    items = value.splitlines() if isinstance(value, str) else list(value)
    return "\n".join(nfc(item).strip() for item in items if nfc(item).strip())


def _require_draft(decision: Decision) -> None:
    if decision.status != Decision.Status.DRAFT:
        raise ValidationError(_("Chỉ sửa được quyết định đang ở trạng thái dự thảo."))


def _status_label(status: str) -> str:
    return str(Decision.Status(status).label) if status else _("(chưa có)")


def _transition(decision: Decision, to: str, actor, reason: str = "") -> DecisionEvent:
    """The one way a decision changes status: the move must be in `TRANSITIONS`; it is recorded as an event.
    The caller holds the row lock and has checked the version; the decision is saved here."""
    previous = decision.status if decision.pk else ""
    if (previous, to) not in TRANSITIONS:
        raise ValidationError(
            _("Quyết định đang ở trạng thái “%(from)s”, không thể chuyển sang “%(to)s”.")
            % {"from": _status_label(previous), "to": _status_label(to)},
            code="invalid_transition",
        )
    decision.status = to
    if previous:
        decision.full_clean(exclude=["created_by"])
        save_versioned(decision, expected_version=None)
    return DecisionEvent.objects.create(
        decision=decision,
        from_status=previous,
        to_status=to,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=(reason or "").strip(),
    )


def _touch(decision: Decision, expected_version: int | None) -> None:
    """Bump the decision's version: a change of its lines is a change of the decision."""
    save_versioned(decision, expected_version=expected_version)


# --- issuers ---------------------------------------------------------------------------------------------------


@transaction.atomic
def create_issuer(
    *,
    name: str,
    symbol: str,
    parent_name: str = "",
    unit: Unit | None = None,
    place: str = "Hà Nội",
    head_title: str = "CỤC TRƯỞNG",
    actor=None,
) -> Issuer:
    """A new issuing authority; `symbol` goes into the number label ("05/QĐ-<symbol>")."""
    symbol = nfc(symbol).strip()
    if symbol.upper().startswith("QĐ-"):
        symbol = symbol[3:]
    issuer = Issuer(
        name=nfc(name).strip(),
        symbol=symbol,
        parent_name=nfc(parent_name).strip(),
        unit=unit,
        place=nfc(place).strip() or "Hà Nội",
        head_title=nfc(head_title).strip().upper(),
    )
    issuer.full_clean()
    issuer.save()
    return issuer


# --- drafts ---------------------------------------------------------------------------------------------------


def _person_detail(person: Person, year: int) -> str:
    """ "Chức vụ, đơn vị" of the person at the time of the achievement (31/12 of the year, else the
    membership nearest to it)."""
    day = date(year, 12, 31)
    memberships = Membership.objects.filter(person=person).select_related("position", "unit")
    membership = (
        memberships.filter(org_selectors.active_on(day)).order_by("-valid_from").first()
        or memberships.filter(valid_from__lte=day).order_by("-valid_from").first()
        or memberships.order_by("valid_from").first()
    )
    if membership is None:
        return ""
    if membership.valid_from > day:
        on = membership.valid_from
    elif membership.valid_to and membership.valid_to <= day:
        on = membership.valid_to - timedelta(days=1)
    else:
        on = day
    unit_name = org_selectors.name_on(membership.unit, on) or membership.unit.name
    position = membership.position.name if membership.position_id else ""
    return ", ".join(part for part in (position, unit_name) if part)


def _unit_subject(unit: Unit, year: int) -> tuple[str, str]:
    """The collective's name at the time of the achievement, and its superior's name then."""
    day = date(year, 12, 31)
    version = unit.versions.filter(org_selectors.active_on(day)).select_related("parent").first()
    if version is None:
        return unit.name, (unit.parent.name if unit.parent_id else "")
    parent = org_selectors.name_on(version.parent, day) if version.parent_id else ""
    return version.name, parent or ""


def _subject(person: Person | None, unit: Unit | None, year: int) -> tuple[str, str]:
    if person is not None:
        return person.full_name, _person_detail(person, year)
    return _unit_subject(unit, year)


def _check_line_subject(kind: AwardKind, person: Person | None, unit: Unit | None) -> None:
    if (person is None) == (unit is None):
        raise ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
    if person is not None and kind.subject_kind == SubjectKind.COLLECTIVE:
        raise ValidationError(_("%(name)s chỉ dành cho tập thể.") % {"name": kind.name})
    if unit is not None and kind.subject_kind == SubjectKind.INDIVIDUAL:
        raise ValidationError(_("%(name)s chỉ dành cho cá nhân.") % {"name": kind.name})


def _new_line(
    decision: Decision,
    *,
    award_kind,
    person,
    unit,
    achievement_year,
    candidate=None,
    order=None,
    subject_name="",
    subject_detail="",
) -> DecisionLine:
    _check_line_subject(award_kind, person, unit)
    if person is not None and decision.lines.filter(person=person, award_kind=award_kind).exists():
        raise ValidationError(
            _("%(name)s đã có trong danh sách của quyết định này.") % {"name": person.full_name}
        )
    if unit is not None and decision.lines.filter(unit=unit, award_kind=award_kind).exists():
        raise ValidationError(_("%(name)s đã có trong danh sách của quyết định này.") % {"name": unit.name})
    name, detail = _subject(person, unit, achievement_year)
    if order is None:
        order = (decision.lines.aggregate(m=Max("order"))["m"] or 0) + 1
    line = DecisionLine(
        decision=decision,
        award_kind=award_kind,
        person=person,
        unit=unit,
        subject_name=nfc(subject_name).strip() or name,
        subject_detail=nfc(subject_detail).strip() or detail,
        achievement_year=achievement_year,
        candidate=candidate,
        order=order,
    )
    line.full_clean(exclude=["award"])
    line.save()
    return line


@transaction.atomic
def create_decision(
    *,
    issuer: Issuer,
    summary: str,
    signer_name: str,
    signer_title: str,
    authority: str = "",
    legal_bases: str | list[str] = "",
    recipients: str | list[str] = "",
    proposal: Proposal | None = None,
    actor=None,
) -> Decision:
    """A draft decision. From an approved proposal, one line per passed candidate, named as at the time of
    the achievement (the person's post and unit on 31/12 of the year, or the collective's name then)."""
    if proposal is not None:
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != Status.APPROVED:
            raise ValidationError(
                _("Chỉ lập quyết định từ hồ sơ đã được Hội đồng đề nghị khen (trạng thái hiện tại: %(s)s).")
                % {"s": proposal.get_status_display()}
            )
        if proposal.decisions.exclude(status=Decision.Status.REVOKED).exists():
            raise ValidationError(_("Hồ sơ này đã có quyết định (dự thảo hoặc đã ban hành)."))
    decision = Decision(
        issuer=issuer,
        proposal=proposal,
        summary=nfc(summary).strip(),
        signer_name=nfc(signer_name).strip(),
        signer_title=nfc(signer_title).strip(),
        authority=authority or "",
        legal_bases=_lines_text(legal_bases),
        recipients=_lines_text(recipients),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    decision.full_clean(exclude=["created_by"])
    decision.save()
    DecisionEvent.objects.create(
        decision=decision,
        from_status="",
        to_status=Decision.Status.DRAFT,
        actor=decision.created_by,
        reason=_("Lập từ hồ sơ “%(title)s”.") % {"title": proposal.title} if proposal is not None else "",
    )
    if proposal is not None:
        passed = proposal.candidates.filter(result=Candidate.Result.PASSED).select_related("person", "unit")
        for order, candidate in enumerate(passed, start=1):
            _new_line(
                decision,
                award_kind=proposal.award_kind,
                person=candidate.person,
                unit=candidate.unit,
                achievement_year=proposal.year,
                candidate=candidate,
                order=order,
            )
        if not decision.lines.exists():
            raise ValidationError(_("Hồ sơ không có đối tượng nào được xét đạt."))
    return decision


@transaction.atomic
def update_decision(*, decision: Decision, expected_version: int | None, actor=None, **values) -> Decision:
    """Edit the heading of a draft: summary, legal bases, signer, authority, recipients."""
    allowed = {"summary", "signer_name", "signer_title", "authority", "legal_bases", "recipients"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(_("Trường không sửa được: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require_draft(decision)
    for field, value in values.items():
        if field in ("legal_bases", "recipients"):
            value = _lines_text(value)
        elif field != "authority":
            value = nfc(value).strip()
        setattr(decision, field, value or "")
    decision.full_clean(exclude=["created_by"])
    save_versioned(decision, expected_version=expected_version)
    return decision


@transaction.atomic
def add_line(
    *,
    decision: Decision,
    award_kind: AwardKind,
    achievement_year: int,
    person: Person | None = None,
    unit: Unit | None = None,
    subject_name: str = "",
    subject_detail: str = "",
    actor=None,
    expected_version: int | None = None,
) -> DecisionLine:
    """Add a person or a collective to a draft's annex."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require_draft(decision)
    line = _new_line(
        decision,
        award_kind=award_kind,
        person=person,
        unit=unit,
        achievement_year=achievement_year,
        subject_name=subject_name,
        subject_detail=subject_detail,
    )
    _touch(decision, expected_version)
    return line


@transaction.atomic
def remove_line(*, line: DecisionLine, actor=None, expected_version: int | None = None) -> None:
    """Take a line out of a draft's annex."""
    decision = Decision.objects.select_for_update().get(pk=line.decision_id)
    _require_draft(decision)
    DecisionLine.objects.filter(pk=line.pk, decision=decision).delete()
    _touch(decision, expected_version)


@transaction.atomic
def delete_draft(*, decision: Decision, actor=None, expected_version: int | None = None) -> None:
    """Discard a draft (an issued decision is never deleted; it can only be revoked)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require_draft(decision)
    if expected_version is not None and decision.lock_version != expected_version:
        raise ConcurrentEditError()
    decision.delete()


# --- issuing -----------------------------------------------------------------------------------------------------


def next_number(*, issuer: Issuer, year: int) -> int:
    """Take the next number of `issuer`'s register for `year`. Call inside the issuing transaction.

    The issuer row is locked first, so the register row of a new year is created by one transaction only;
    the register row is then locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
    already serialise writers). A rollback of the caller gives the number back."""
    Issuer.objects.select_for_update().filter(pk=issuer.pk).values_list("pk", flat=True).get()
    register, _created = NumberRegister.objects.select_for_update().get_or_create(issuer=issuer, year=year)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number


@transaction.atomic
def issue_decision(
    *, decision: Decision, signed_on: date, actor=None, expected_version: int | None = None
) -> Decision:
    """Ban hành: number, cash per line, award history, and the proposal marked as decided — all or nothing."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer", "proposal")
        .get(pk=decision.pk)
    )
    if expected_version is not None and decision.lock_version != expected_version:
        raise ConcurrentEditError()
    if decision.status != Decision.Status.DRAFT:
        raise ValidationError(_("Quyết định này đã được ban hành hoặc đã bị hủy bỏ."))
    if signed_on is None:
        raise ValidationError({"signed_on": [_("Hãy nhập ngày ký.")]})
    lines = list(decision.lines.select_related("award_kind", "person", "unit").order_by("order", "id"))
    if not lines:
        raise ValidationError(_("Quyết định chưa có cá nhân, tập thể nào trong danh sách."))
    proposal = decision.proposal
    if proposal is not None:
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != Status.APPROVED:
            raise ValidationError(
                _("Hồ sơ đề nghị chưa được Hội đồng đề nghị khen (trạng thái hiện tại: %(s)s).")
                % {"s": proposal.get_status_display()}
            )
        if not disclosure_closed(proposal, signed_on):
            raise ValidationError(
                _("Chưa hết thời hạn công khai danh sách vào ngày ký %(day)s; chưa thể ban hành quyết định.")
                % {"day": signed_on.strftime("%d/%m/%Y")}
            )

    decision.number = next_number(issuer=decision.issuer, year=signed_on.year)
    decision.year = signed_on.year
    decision.signed_on = signed_on
    label = decision.number_label

    for line in lines:
        subject_kind = SubjectKind.INDIVIDUAL if line.person_id else SubjectKind.COLLECTIVE
        line.cash_multiple = award_selectors.cash_multiple(line.award_kind, subject_kind, signed_on)
        line.cash_amount = award_selectors.cash_amount(
            line.award_kind, subject_kind, signed_on, line.cash_multiple
        )
        line.award = awards.record_award(
            kind=line.award_kind,
            year=line.achievement_year,
            person=line.person,
            unit=line.unit,
            decision_number=label,
            decision_date=signed_on,
            issuer=decision.issuer.name,
            award_type=proposal.track if proposal is not None else None,
            source=Award.Source.DECISION,
        )
        line.save(update_fields=["cash_multiple", "cash_amount", "award"])

    _transition(
        decision,
        Decision.Status.ISSUED,
        actor,
        _("Số %(label)s, ký ngày %(day)s.") % {"label": label, "day": signed_on.strftime("%d/%m/%Y")},
    )
    if proposal is not None:
        mark_decided(proposal=proposal, decision=decision, actor=actor)
    return decision


# --- revocation ---------------------------------------------------------------------------------------------------


@transaction.atomic
def revoke_decision(
    *,
    decision: Decision,
    reason: str,
    actor=None,
    revoking_decision_number: str = "",
    on: date | None = None,
    expected_version: int | None = None,
) -> Decision:
    """Hủy bỏ (Art. 93): every award of the decision is revoked and leaves every chain; the decision stays,
    with its number, marked as revoked with the reason."""
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError({"reason": [_("Hủy bỏ quyết định phải ghi rõ lý do.")]})
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if expected_version is not None and decision.lock_version != expected_version:
        raise ConcurrentEditError()
    if decision.status != Decision.Status.ISSUED:
        raise ValidationError(_("Chỉ hủy bỏ được quyết định đã ban hành."))
    on = on or date.today()
    if decision.signed_on and on < decision.signed_on:
        raise ValidationError({"on": [_("Ngày hủy bỏ không được trước ngày ký quyết định.")]})
    number = nfc(revoking_decision_number).strip()
    for line in decision.lines.select_related("award"):
        if line.award is not None and not line.award.revoked:
            awards.revoke_award(award=line.award, reason=reason, decision_number=number, on=on)
    decision.revoked_reason = (
        _("%(reason)s (Quyết định hủy bỏ số %(number)s)") % {"reason": reason, "number": number}
        if number
        else reason
    )
    _transition(decision, Decision.Status.REVOKED, actor, decision.revoked_reason)
    return decision
