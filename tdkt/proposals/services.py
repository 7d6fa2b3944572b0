"""Every write to a proposal dossier: keyword-only, atomic, audited (django-auditlog + ProposalEvent).

Each status change goes through `_transition`, which locks the row, checks the move against
`models.TRANSITIONS` and the actor's right (`permissions.has_transition_role`), bumps `lock_version`
(optimistic locking: a stale `expected_version` raises `ConcurrentEditError`) and writes a
`ProposalEvent`. Refusals are Vietnamese: `PermissionDenied` for a right the actor lacks,
`ValidationError` for a move the dossier's state does not allow.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.awards.models import Award, AwardKind, Rating, RecognitionAuthor, UnitResult
from tdkt.core.errors import ConcurrentEditError
from tdkt.core.services import save_versioned
from tdkt.core.storage import plain_file_name
from tdkt.councils import services as councils
from tdkt.org import selectors as org_selectors
from tdkt.org.models import Membership, Person, Unit
from tdkt.proposals import calendar, permissions
from tdkt.proposals.models import (
    TRANSITIONS,
    Attachment,
    Candidate,
    Comment,
    Disclosure,
    Proposal,
    ProposalEvent,
    Status,
)
from tdkt.rules import services as rules
from tdkt.rules.services import is_judged

logger = logging.getLogger(__name__)

DEFAULT_DISCLOSURE_DAYS = 5
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# extension → accepted leading bytes (the content must match the name)
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
# The structured fields of the achievement report (báo cáo thành tích, Mẫu 05).
REPORT_FIELDS: dict[str, Any] = {
    "position": gettext_lazy("Chức vụ"),
    "unit_name": gettext_lazy("Đơn vị công tác"),
    "summary": gettext_lazy("Tóm tắt thành tích"),
    "task_results": gettext_lazy("Kết quả thực hiện nhiệm vụ"),
    "initiatives": gettext_lazy("Sáng kiến, giải pháp"),
    "awards_received": gettext_lazy("Các hình thức đã được khen thưởng"),
}
MAX_REPORT_FIELD = 20_000
CANDIDATE_TARGET = "proposals.candidate:"


def _status_label(value: str) -> str:
    return str(Status(value).label)


def _deny(message: str) -> None:
    raise PermissionDenied(message)


def _lock(proposal: Proposal, expected_version: int | None = None) -> Proposal:
    """The dossier's row, locked for this transaction, checked against the version the user read."""
    fresh = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if expected_version is not None and fresh.lock_version != expected_version:
        raise ConcurrentEditError()
    return fresh


def _sync(target: Proposal, source: Proposal) -> Proposal:
    for field in ("status", "lock_version", "updated_at"):
        setattr(target, field, getattr(source, field))
    return target


def _transition(
    proposal: Proposal, to: str, actor, reason: str = "", *, expected_version: int | None = None
) -> ProposalEvent:
    """The one way a dossier changes status (see the module note)."""
    fresh = _lock(proposal, expected_version)
    role = TRANSITIONS.get((fresh.status, to))
    if role is None:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(from)s”, không thể chuyển sang “%(to)s”.")
            % {"from": _status_label(fresh.status), "to": _status_label(to)},
            code="invalid_transition",
        )
    if not permissions.has_transition_role(actor, fresh, role):
        _deny(
            _("Chỉ %(role)s được chuyển hồ sơ sang “%(to)s”.")
            % {"role": permissions.ROLE_LABELS[role], "to": _status_label(to)}
        )
    previous = fresh.status
    fresh.status = to
    save_versioned(fresh, expected_version=None)
    _sync(proposal, fresh)
    return ProposalEvent.objects.create(
        proposal=fresh, from_status=previous, to_status=to, actor=actor, reason=(reason or "").strip()
    )


def _require_edit(actor, proposal: Proposal) -> None:
    if proposal.status not in permissions.EDITABLE:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không sửa được nữa.")
            % {"status": _status_label(proposal.status)}
        )
    if not permissions.can_edit(actor, proposal):
        _deny(_("Chỉ Cán bộ TĐKT hoặc Lãnh đạo đơn vị đề nghị được sửa hồ sơ này."))


# --- creating and preparing ---------------------------------------------------------------------------------


@transaction.atomic
def create_proposal(
    *,
    actor,
    title: str,
    proposing_unit: Unit,
    award_kind: AwardKind,
    year: int,
    receiving_unit: Unit | None = None,
    track: str = Proposal.Track.REGULAR,
    movement: str = "",
    deadline: date | None = None,
    forwarded_from: Proposal | None = None,
) -> Proposal:
    """A draft dossier from `proposing_unit` to `receiving_unit` (by default the unit directly above)."""
    if receiving_unit is None:
        receiving_unit = proposing_unit.parent
    if receiving_unit is None:
        raise ValidationError({"receiving_unit": _("Đơn vị này không có cấp trên để trình hồ sơ.")})
    if receiving_unit.pk == proposing_unit.pk or proposing_unit.pk not in org_selectors.subtree_ids(
        receiving_unit, date.today()
    ):
        raise ValidationError({"receiving_unit": _("Cấp trình phải là đơn vị cấp trên của đơn vị đề nghị.")})
    probe = Proposal(proposing_unit=proposing_unit, receiving_unit=receiving_unit)
    if forwarded_from is None and not permissions.can_prepare(actor, probe):
        _deny(_("Chỉ Cán bộ TĐKT hoặc Lãnh đạo của đơn vị đề nghị được lập hồ sơ."))
    if not award_kind.is_active:
        raise ValidationError({"award_kind": _("Danh hiệu, hình thức này không còn được sử dụng.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("Nhập trích yếu của hồ sơ.")})
    proposal = Proposal(
        title=title.strip(),
        proposing_unit=proposing_unit,
        receiving_unit=receiving_unit,
        award_kind=award_kind,
        year=year,
        track=track,
        movement=(movement or "").strip(),
        deadline=deadline,
        forwarded_from=forwarded_from,
        created_by=actor,
    )
    proposal.full_clean()
    proposal.save()
    ProposalEvent.objects.create(
        proposal=proposal,
        from_status="",
        to_status=Status.DRAFT,
        actor=actor,
        reason=_("Chuyển lên từ hồ sơ “%(title)s”.") % {"title": forwarded_from.title}
        if forwarded_from
        else "",
    )
    return proposal


@transaction.atomic
def update_proposal(
    *,
    proposal: Proposal,
    actor,
    expected_version: int | None,
    title: str | None = None,
    movement: str | None = None,
    deadline: date | None = None,
    track: str | None = None,
) -> Proposal:
    fresh = _lock(proposal, expected_version)
    _require_edit(actor, fresh)
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": _("Nhập trích yếu của hồ sơ.")})
        fresh.title = title.strip()
    if movement is not None:
        fresh.movement = movement.strip()
    if deadline is not None:
        fresh.deadline = deadline
    if track is not None:
        fresh.track = track
    fresh.full_clean()
    save_versioned(fresh, expected_version=expected_version)
    return fresh


def _person_in_subtree(person: Person, unit_ids: list[int], year: int) -> bool:
    """Was the person a member of one of the units at some time from 1 January of `year` until today?"""
    return (
        Membership.objects.filter(person=person, unit_id__in=unit_ids, valid_from__lte=date.today())
        .exclude(valid_to__isnull=False, valid_to__lte=date(year, 1, 1))
        .exists()
    )


@transaction.atomic
def add_candidate(
    *, proposal: Proposal, actor, person: Person | None = None, unit: Unit | None = None
) -> Candidate:
    """A person or collective of the proposing unit's subtree; the report is prefilled, the verdict run."""
    fresh = _lock(proposal)
    _require_edit(actor, fresh)
    if (person is None) == (unit is None):
        raise ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
    subject_kind = fresh.award_kind.subject_kind
    if person is not None and subject_kind == "collective":
        raise ValidationError(_("%(name)s chỉ dành cho tập thể.") % {"name": fresh.award_kind.name})
    if unit is not None and subject_kind == "individual":
        raise ValidationError(_("%(name)s chỉ dành cho cá nhân.") % {"name": fresh.award_kind.name})
    subtree = org_selectors.subtree_ids(fresh.proposing_unit, date.today())
    if person is not None:
        if not _person_in_subtree(person, subtree, fresh.year):
            raise ValidationError(
                _("%(name)s không thuộc %(unit)s nên không thể có trong hồ sơ của đơn vị này.")
                % {"name": person.full_name, "unit": fresh.proposing_unit.name}
            )
        if fresh.candidates.filter(person=person).exists():
            raise ValidationError(_("%(name)s đã có trong hồ sơ.") % {"name": person.full_name})
    else:
        if unit.pk not in subtree:
            raise ValidationError(
                _("%(name)s không trực thuộc %(unit)s nên không thể có trong hồ sơ của đơn vị này.")
                % {"name": unit.name, "unit": fresh.proposing_unit.name}
            )
        if fresh.candidates.filter(unit=unit).exists():
            raise ValidationError(_("%(name)s đã có trong hồ sơ.") % {"name": unit.name})
    order = (fresh.candidates.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    candidate = Candidate.objects.create(proposal=fresh, person=person, unit=unit, order=order)
    candidate.report = prefill_report(candidate)
    candidate.save(update_fields=["report", "updated_at"])
    refresh_candidates([candidate])
    candidate.refresh_from_db()
    return candidate


@transaction.atomic
def remove_candidate(*, candidate: Candidate, actor) -> None:
    proposal = _lock(candidate.proposal)
    _require_edit(actor, proposal)
    candidate.delete()


def _award_line(award: Award) -> str:
    decision = f" (Quyết định số {award.decision_number})" if award.decision_number else ""
    return f"Năm {award.year}: {award.kind.name}{decision}"


def prefill_report(candidate: Candidate) -> dict[str, str]:
    """The report's first draft from the records: post, unit, ratings, initiatives, awards received."""
    year = candidate.proposal.year
    report = dict.fromkeys(REPORT_FIELDS, "")
    if candidate.person_id:
        person = candidate.person
        membership = org_selectors.current_membership(person)
        if membership is not None:
            report["position"] = membership.position.name if membership.position else ""
            report["unit_name"] = membership.unit.name
        ratings = Rating.objects.filter(person=person, year__lte=year).order_by("-year")[:5]
        report["task_results"] = "\n".join(
            f"Năm {r.year}: {r.get_value_display()}" for r in sorted(ratings, key=lambda r: r.year)
        )
        authored = (
            RecognitionAuthor.objects.filter(person=person, recognition__revoked=False)
            .select_related("recognition")
            .order_by("-recognition__year")[:10]
        )
        report["initiatives"] = "\n".join(
            f"{a.recognition.title} ({a.recognition.get_kind_display()}, "
            f"{a.recognition.get_scope_display()}, năm {a.recognition.year})"
            for a in authored
        )
        awards = Award.objects.filter(person=person, revoked=False)
    else:
        unit = candidate.unit
        report["unit_name"] = unit.name
        results = UnitResult.objects.filter(unit=unit, year__lte=year).order_by("-year")[:5]
        report["task_results"] = "\n".join(
            f"Năm {r.year}: {r.get_value_display()}" for r in sorted(results, key=lambda r: r.year)
        )
        awards = Award.objects.filter(unit=unit, revoked=False)
    awards = awards.select_related("kind").order_by("-year", "kind__rank")[:20]
    report["awards_received"] = "\n".join(_award_line(a) for a in awards)
    return report


@transaction.atomic
def update_report(
    *, candidate: Candidate, actor, report: dict[str, Any], expected_version: int | None
) -> Candidate:
    """Save the achievement report's fields (unknown fields are refused)."""
    _require_edit(actor, candidate.proposal)
    unknown = sorted(set(report) - set(REPORT_FIELDS))
    if unknown:
        raise ValidationError(
            {"report": _("Báo cáo thành tích không có mục: %(keys)s.") % {"keys": ", ".join(unknown)}}
        )
    cleaned = dict(candidate.report or {})
    for key, value in report.items():
        text = "" if value is None else str(value).strip()
        if len(text) > MAX_REPORT_FIELD:
            raise ValidationError(
                {key: _("Mục này dài quá %(n)s ký tự.") % {"n": f"{MAX_REPORT_FIELD:,}".replace(",", ".")}}
            )
        cleaned[key] = text
    candidate.report = cleaned
    save_versioned(candidate, expected_version=expected_version)
    return candidate


def _check_upload(uploaded) -> str:
    name = plain_file_name(getattr(uploaded, "name", ""))  # "..\\..\\x.pdf" is "x.pdf"
    extension = PurePath(name).suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            {"file": _("Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (.png, .jpg).")}
        )
    if uploaded.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("Tệp lớn hơn 20 MB.")})
    if uploaded.size == 0:
        raise ValidationError({"file": _("Tệp rỗng.")})
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not any(head.startswith(magic) for magic in ATTACHMENT_TYPES[extension]):
        raise ValidationError(
            {"file": _("Nội dung tệp không đúng với loại tệp %(ext)s.") % {"ext": extension}}
        )
    return name


@transaction.atomic
def add_attachment(
    *, proposal: Proposal, actor, file, name: str = "", candidate: Candidate | None = None
) -> Attachment:
    """A document of the dossier (tờ trình, biên bản, xác nhận sáng kiến…): PDF, DOCX, XLSX or image, ≤ 20 MB."""
    fresh = _lock(proposal)
    if not permissions.can_attach(actor, fresh):
        _deny(_("Bạn không được thêm tài liệu vào hồ sơ ở trạng thái này."))
    if candidate is not None and candidate.proposal_id != fresh.pk:
        raise ValidationError({"candidate": _("Đối tượng này không thuộc hồ sơ.")})
    file_name = _check_upload(file)
    attachment = Attachment(
        proposal=fresh,
        candidate=candidate,
        name=(name or "").strip()[:255] or file_name,
        uploaded_by=actor,
    )
    attachment.file.save(file_name, file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, actor) -> None:
    if not permissions.can_attach(actor, attachment.proposal):
        _deny(_("Bạn không được xóa tài liệu của hồ sơ ở trạng thái này."))
    attachment.file.delete(save=False)
    attachment.delete()


# --- verdicts -----------------------------------------------------------------------------------------------


def refresh_candidates(candidates: Iterable[Candidate]) -> int:
    """Run the engine for the given candidates (grouped per dossier, a constant number of queries each)."""

    by_proposal: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        by_proposal.setdefault(candidate.proposal_id, []).append(candidate)
    if not by_proposal:
        return 0
    now = timezone.now()
    overrides = rules.current_overrides()
    proposals = Proposal.objects.select_related("award_kind").in_bulk(list(by_proposal))
    count = 0
    for proposal_id, group in by_proposal.items():
        proposal = proposals[proposal_id]
        code = proposal.award_kind.code
        if not rules.is_judged(code):
            note = {
                "verdict": None,
                "award": code,
                "note": _("Bộ quy tắc chưa kiểm tra tự động danh hiệu, hình thức này."),
            }
            for candidate in group:
                candidate.verdict, candidate.verdict_at = note, now
        else:
            verdicts = rules.judge_candidates(
                code, proposal.year, [(c.person_id, c.unit_id) for c in group], overrides=overrides
            )
            for candidate, verdict in zip(group, verdicts, strict=True):
                candidate.verdict, candidate.verdict_at = verdict, now
        Candidate.objects.bulk_update(group, ["verdict", "verdict_at"])
        count += len(group)
    return count


@transaction.atomic
def refresh_verdicts(*, proposal: Proposal) -> int:
    """Run the engine for every candidate of the dossier; returns how many were judged."""
    return refresh_candidates(list(proposal.candidates.all()))


# --- the lifecycle ------------------------------------------------------------------------------------------


@transaction.atomic
def submit(
    *,
    proposal: Proposal,
    actor,
    note: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> Proposal:
    """Trình: the proposing unit's leader sends the dossier up."""
    today = today or date.today()
    fresh = _lock(proposal, expected_version)
    if fresh.status in permissions.EDITABLE:
        if not fresh.candidates.exclude(result=Candidate.Result.WITHDRAWN).exists():
            raise ValidationError(_("Hồ sơ chưa có đối tượng đề nghị nào."))
        if fresh.status == Status.DRAFT and fresh.deadline and today > fresh.deadline:
            raise ValidationError(
                _("Đã quá hạn trình hồ sơ (%(day)s).") % {"day": f"{fresh.deadline:%d/%m/%Y}"}
            )
    _transition(proposal, Status.SUBMITTED, actor, note, expected_version=expected_version)
    return proposal


@transaction.atomic
def receive(*, proposal: Proposal, actor, note: str = "", expected_version: int | None = None) -> Proposal:
    """Tiếp nhận: the receiving unit's officer accepts the dossier for appraisal."""
    _transition(proposal, Status.RECEIVED, actor, note, expected_version=expected_version)
    return proposal


@transaction.atomic
def return_for_correction(
    *, proposal: Proposal, actor, reasons: str, expected_version: int | None = None
) -> Proposal:
    """Trả lại để bổ sung, with the reasons the proposing unit must address."""
    if not (reasons or "").strip():
        raise ValidationError({"reasons": _("Ghi rõ lý do trả lại và nội dung cần bổ sung.")})
    _transition(proposal, Status.RETURNED, actor, reasons, expected_version=expected_version)
    return proposal


@transaction.atomic
def send_to_council(*, proposal: Proposal, actor, meeting, expected_version: int | None = None) -> list:
    """Open one secret ballot per pending candidate in the council's `meeting`; the dossier waits for them."""

    fresh = _lock(proposal, expected_version)
    if meeting.council.unit_id != fresh.receiving_unit_id:
        raise ValidationError(
            {"meeting": _("Phiên họp phải là của Hội đồng Thi đua – Khen thưởng của cấp nhận hồ sơ.")}
        )
    pending = list(fresh.candidates.filter(result=Candidate.Result.PENDING).select_related("person", "unit"))
    if fresh.status == Status.RECEIVED and not pending:
        raise ValidationError(_("Hồ sơ không còn đối tượng nào chờ Hội đồng xét."))
    _transition(
        proposal,
        Status.COUNCIL,
        actor,
        _("Đưa ra phiên họp “%(meeting)s”.") % {"meeting": meeting},
        expected_version=expected_version,
    )
    ballots = []
    for candidate in pending:
        ballots.append(
            councils.open_ballot(
                meeting=meeting,
                subject=f"{fresh.award_kind.name}: {candidate}",
                award_code=fresh.award_kind.code if is_judged(fresh.award_kind.code) else "",
                target=f"{CANDIDATE_TARGET}{candidate.pk}",
                candidate_person=candidate.person,
            )
        )
    return ballots


@transaction.atomic
def record_ballot_result(*, candidate_id: int, passed: bool) -> Candidate | None:
    """A closed ballot's outcome; once every candidate is decided the dossier is approved or rejected."""
    candidate = Candidate.objects.select_related("proposal").filter(pk=candidate_id).first()
    if candidate is None:
        return None
    proposal = _lock(candidate.proposal)
    if proposal.status != Status.COUNCIL:
        logger.warning(
            "ballot result for candidate %s of a dossier in status %s", candidate_id, proposal.status
        )
        return candidate
    candidate.result = Candidate.Result.PASSED if passed else Candidate.Result.FAILED
    save_versioned(candidate, expected_version=None)
    remaining = proposal.candidates.filter(result=Candidate.Result.PENDING).exists()
    if not remaining:
        approved = proposal.candidates.filter(result=Candidate.Result.PASSED).count()
        total = proposal.candidates.exclude(result=Candidate.Result.WITHDRAWN).count()
        to = Status.APPROVED if approved else Status.REJECTED
        _transition(
            proposal,
            to,
            None,
            _("Kết quả bỏ phiếu của Hội đồng: %(n)s/%(total)s đối tượng đạt.")
            % {"n": approved, "total": total},
        )
    return candidate


# --- disclosure ---------------------------------------------------------------------------------------------


@transaction.atomic
def publish_disclosure(
    *,
    proposal: Proposal,
    actor,
    starts_on: date,
    disclosure_days: int = DEFAULT_DISCLOSURE_DAYS,
    where: str = "",
) -> Disclosure:
    """Công khai the list for `disclosure_days` working days from `starts_on` (weekends, holidays skipped)."""
    fresh = _lock(proposal)
    if fresh.status not in permissions.DISCLOSURE_STATUSES:
        raise ValidationError(
            _("Chỉ công khai danh sách khi hồ sơ đã được tiếp nhận và chưa có quyết định (đang: “%(s)s”).")
            % {"s": _status_label(fresh.status)}
        )
    if not permissions.is_receiver_officer(actor, fresh):
        _deny(_("Chỉ Cán bộ TĐKT của cấp nhận hồ sơ được công khai danh sách."))
    if not isinstance(disclosure_days, int) or not 1 <= disclosure_days <= 60:
        raise ValidationError({"disclosure_days": _("Số ngày công khai phải từ 1 đến 60 ngày làm việc.")})
    ends_on = calendar.add_working_days(starts_on, disclosure_days)
    disclosure = Disclosure.objects.filter(proposal=fresh).first() or Disclosure(proposal=fresh)
    disclosure.starts_on, disclosure.working_days, disclosure.ends_on = starts_on, disclosure_days, ends_on
    disclosure.where, disclosure.published_by = (where or "").strip(), actor
    disclosure.full_clean()
    disclosure.save()
    return disclosure


@transaction.atomic
def add_comment(
    *, proposal: Proposal, author, text: str, candidate: Candidate | None = None, on: date | None = None
) -> Comment:
    """An opinion on the disclosed list, from anyone who can see the dossier, during the disclosure."""
    on = on or date.today()
    disclosure = Disclosure.objects.filter(proposal_id=proposal.pk).first()
    if disclosure is None:
        raise ValidationError(_("Danh sách chưa được công khai nên chưa nhận ý kiến."))
    if not permissions.visible_proposals(author).filter(pk=proposal.pk).exists():
        _deny(_("Bạn không xem được hồ sơ này."))
    if on < disclosure.starts_on or on > disclosure.ends_on:
        raise ValidationError(
            _("Chỉ nhận ý kiến trong thời gian công khai, từ %(a)s đến hết %(b)s.")
            % {"a": f"{disclosure.starts_on:%d/%m/%Y}", "b": f"{disclosure.ends_on:%d/%m/%Y}"}
        )
    if not (text or "").strip():
        raise ValidationError({"text": _("Nhập nội dung ý kiến.")})
    if candidate is not None and candidate.proposal_id != proposal.pk:
        raise ValidationError({"candidate": _("Đối tượng này không thuộc hồ sơ.")})
    return Comment.objects.create(
        disclosure=disclosure, candidate=candidate, author=author, text=text.strip()
    )


@transaction.atomic
def answer_comment(*, comment: Comment, actor, answer: str) -> Comment:
    """The receiving officer's answer to an opinion (it can be corrected later)."""
    if not permissions.can_answer(actor, comment):
        _deny(_("Chỉ Cán bộ TĐKT của cấp nhận hồ sơ được trả lời ý kiến."))
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Nhập nội dung trả lời.")})
    comment.answer, comment.answered_by, comment.answered_at = answer.strip(), actor, timezone.now()
    comment.save()
    return comment


# --- upwards and decided ------------------------------------------------------------------------------------


@transaction.atomic
def forward_to_higher_level(
    *,
    proposal: Proposal,
    actor,
    title: str = "",
    award_kind: AwardKind | None = None,
    receiving_unit: Unit | None = None,
    deadline: date | None = None,
) -> Proposal:
    """The receiving level proposes the council's approved candidates to the level above it, as a new dossier."""
    fresh = _lock(proposal)
    if fresh.status != Status.APPROVED:
        raise ValidationError(_("Chỉ chuyển lên cấp trên hồ sơ đã được Hội đồng đề nghị khen."))
    if not permissions.is_receiver_officer(actor, fresh):
        _deny(_("Chỉ Cán bộ TĐKT của cấp nhận hồ sơ được chuyển hồ sơ lên cấp trên."))
    if fresh.forwarded_to.exists():
        raise ValidationError(_("Hồ sơ này đã được chuyển lên cấp trên."))
    level = fresh.receiving_unit
    target = receiving_unit or level.parent
    if target is None:
        raise ValidationError(_("%(unit)s không có cấp trên để chuyển hồ sơ.") % {"unit": level.name})
    kind = award_kind or fresh.award_kind
    upper = create_proposal(
        actor=actor,
        title=title or fresh.title,
        proposing_unit=level,
        receiving_unit=target,
        award_kind=kind,
        year=fresh.year,
        track=fresh.track,
        movement=fresh.movement,
        deadline=deadline,
        forwarded_from=fresh,
    )
    passed = fresh.candidates.filter(result=Candidate.Result.PASSED).order_by("order", "id")
    copies = [
        Candidate(
            proposal=upper,
            person_id=c.person_id,
            unit_id=c.unit_id,
            report=dict(c.report or {}),
            order=position,
        )
        for position, c in enumerate(passed, start=1)
    ]
    Candidate.objects.bulk_create(copies)
    for attachment in fresh.attachments.filter(candidate__isnull=True):
        Attachment.objects.create(
            proposal=upper,
            name=attachment.name,
            file=attachment.file.name,
            uploaded_by=attachment.uploaded_by,
        )
    refresh_verdicts(proposal=upper)
    return upper


@transaction.atomic
def mark_decided(*, proposal: Proposal, decision, actor) -> Proposal:
    """Called when `decision` is issued on the dossier: APPROVED → DECIDED."""
    if getattr(decision, "proposal_id", None) not in (None, proposal.pk):
        raise ValidationError(_("Quyết định này không thuộc hồ sơ."))
    number = getattr(decision, "number", None)
    symbol = getattr(getattr(decision, "issuer", None), "symbol", "")
    label = f"{number:02d}/QĐ-{symbol}" if number and symbol else str(decision)  # as Decision.number_label
    _transition(proposal, Status.DECIDED, actor, _("Quyết định số %(d)s.") % {"d": label})
    return proposal
