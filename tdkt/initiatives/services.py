"""Every write to initiatives: keyword-only, atomic, audited (django-auditlog + InitiativeEvent).

Each status change goes through `_transition`, which locks the row, checks the move against
`models.TRANSITIONS` and the actor's role (`permissions.has_transition_role`), bumps `lock_version`
(a stale `expected_version` raises `ConcurrentEditError`) and writes an `InitiativeEvent`. Refusals are
Vietnamese: `PermissionDenied` for a right the actor lacks, `ValidationError` for bad input or a move the
state does not allow; nothing is written half-way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.awards.models import Recognition, RecognitionAuthor
from tdkt.awards.services import record_recognition
from tdkt.core.errors import ConcurrentEditError
from tdkt.core.services import save_versioned
from tdkt.core.storage import plain_file_name
from tdkt.core.text import fold, format_decimal
from tdkt.councils import selectors as council_selectors
from tdkt.councils.models import Council, CouncilMember
from tdkt.initiatives import permissions, selectors, similarity
from tdkt.initiatives.models import (
    NEXT_SCOPE,
    TRANSITIONS,
    Attachment,
    Criterion,
    Escalation,
    Field,
    FollowUp,
    Initiative,
    InitiativeAuthor,
    InitiativeEvent,
    Kind,
    MemberField,
    NGram,
    Note,
    Recusal,
    RegisterCounter,
    Review,
    Scope,
    Score,
    ScoreSheet,
    Status,
)
from tdkt.org.models import Person, Unit

HUNDRED = Decimal("100")
SHARE_PLACES = Decimal("0.01")
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
TEXT_FIELDS = (
    "title",
    "investor",
    "description",
    "confidential",
    "conditions",
    "benefits_by_authors",
    "benefits_by_participants",
    "first_participants",
    "acceptance_result",
    "application_result",
)
# The default score sheet (a parameter: administrators edit it or add one per unit in the admin).
DEFAULT_SHEET = (
    "Phiếu chấm điểm sáng kiến (mặc định)",
    Decimal("50"),
    [
        ("tinh_moi", "Tính mới", Decimal("30"), 10),
        ("kha_nang_ap_dung", "Khả năng áp dụng, nhân rộng", Decimal("25"), 10),
        ("hieu_qua", "Hiệu quả, lợi ích mang lại", Decimal("30"), 10),
        ("pham_vi", "Phạm vi ảnh hưởng", Decimal("15"), 10),
    ],
)


def _status_label(value: str) -> str:
    return str(Status(value).label)


def _lock(initiative: Initiative, expected_version: int | None = None) -> Initiative:
    fresh = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
    if expected_version is not None and fresh.lock_version != expected_version:
        raise ConcurrentEditError()
    return fresh


def _sync(target: Initiative, source: Initiative) -> Initiative:
    for name in [f.attname for f in Initiative._meta.concrete_fields]:
        setattr(target, name, getattr(source, name))
    return target


def _transition(
    initiative: Initiative, to: str, actor, reason: str = "", *, expected_version: int | None = None
) -> Initiative:
    """The one way an initiative changes status (see the module note). Returns the locked, saved row."""
    fresh = _lock(initiative, expected_version)
    role = TRANSITIONS.get((fresh.status, to))
    if role is None:
        raise ValidationError(
            _("Sáng kiến đang ở trạng thái “%(from)s”, không thể chuyển sang “%(to)s”.")
            % {"from": _status_label(fresh.status), "to": _status_label(to)},
            code="invalid_transition",
        )
    if not permissions.has_transition_role(actor, fresh, role):
        raise PermissionDenied(
            _("Chỉ %(role)s được chuyển sáng kiến sang “%(to)s”.")
            % {"role": permissions.ROLE_LABELS[role], "to": _status_label(to)}
        )
    previous = fresh.status
    fresh.status = to
    fresh._event = (previous, to, actor, (reason or "").strip())
    return fresh


def _save_transition(fresh: Initiative, target: Initiative) -> Initiative:
    fresh.full_clean(exclude=["recognition", "merged_into", "unit", "created_by"])
    save_versioned(fresh, expected_version=None)
    previous, to, actor, reason = fresh._event
    InitiativeEvent.objects.create(
        initiative=fresh, from_status=previous, to_status=to, actor=actor, reason=reason
    )
    return _sync(target, fresh)


def _text(value) -> str:
    return ("" if value is None else str(value)).strip()


def _index_grams(initiative: Initiative) -> None:
    """Refresh the n-grams of the duplicate check (merged applications leave the index)."""
    NGram.objects.filter(initiative=initiative).delete()
    if initiative.status == Status.MERGED:
        grams: set[int] = set()
    else:
        grams = similarity.grams_of(initiative.title, initiative.description)
        NGram.objects.bulk_create([NGram(initiative=initiative, gram=g) for g in grams])
    Initiative.objects.filter(pk=initiative.pk).update(gram_count=len(grams))
    initiative.gram_count = len(grams)


def _require_edit(actor, initiative: Initiative) -> None:
    if initiative.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(
            _("Sáng kiến đang ở trạng thái “%(status)s”, không sửa được nữa.")
            % {"status": _status_label(initiative.status)}
        )
    if not permissions.can_edit(actor, initiative):
        raise PermissionDenied(_("Chỉ tác giả hoặc Cán bộ TĐKT của đơn vị được sửa đơn này."))


# --- the application -----------------------------------------------------------------------------------------


def _share(value) -> Decimal:
    try:
        share = Decimal(str(value).replace(",", ".").replace("%", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"authors": _("Tỷ lệ đóng góp phải là một số.")}) from None
    share = share.quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)
    if not (Decimal(0) < share <= HUNDRED):
        raise ValidationError(
            {"authors": _("Tỷ lệ đóng góp của mỗi tác giả phải lớn hơn 0 và không quá 100 %.")}
        )
    return share


def _check_authors(
    initiative: Initiative, authors: list[tuple[Person, object]]
) -> list[tuple[Person, Decimal]]:
    cleaned: list[tuple[Person, Decimal]] = []
    seen: set[int] = set()
    members = selectors.author_pool_ids(initiative.unit)
    for person, share in authors:
        if person.pk in seen:
            raise ValidationError(
                {
                    "authors": _("%(name)s có tên hai lần trong danh sách tác giả.")
                    % {"name": person.full_name}
                }
            )
        seen.add(person.pk)
        if person.pk not in members:
            raise ValidationError(
                {
                    "authors": _("%(name)s không công tác tại %(unit)s nên không thể là tác giả của đơn này.")
                    % {"name": person.full_name, "unit": initiative.unit.name}
                }
            )
        cleaned.append((person, _share(share)))
    total = sum((s for _p, s in cleaned), Decimal(0))
    if total > HUNDRED:
        raise ValidationError(
            {
                "authors": _("Tổng tỷ lệ đóng góp là %(total)s %%, vượt quá 100 %%.")
                % {"total": format_decimal(total)}
            }
        )
    return cleaned


def _write_authors(initiative: Initiative, cleaned: list[tuple[Person, Decimal]]) -> None:
    InitiativeAuthor.objects.filter(initiative=initiative).delete()
    InitiativeAuthor.objects.bulk_create(
        [
            InitiativeAuthor(initiative=initiative, person=p, share=s, order=i)
            for i, (p, s) in enumerate(cleaned, start=1)
        ]
    )
    initiative.share_total = sum((s for _p, s in cleaned), Decimal(0))


@transaction.atomic
def create_initiative(
    *,
    actor,
    unit: Unit,
    title: str,
    kind: str = Kind.INITIATIVE,
    field: str = "nghiep_vu",
    authors: Iterable[tuple[Person, object]] = (),
    **fields,
) -> Initiative:
    """A draft application of `unit`; `authors` are (person, share %) pairs (they may come later)."""
    if actor is None or not permissions.can_create_for(actor, unit.pk):
        raise PermissionDenied(_("Bạn không có quyền lập đơn sáng kiến cho đơn vị này."))
    unknown = set(fields) - set(TEXT_FIELDS) - {"first_applied_on", "accepted_on"}
    if unknown:
        raise ValidationError(_("Đơn không có mục: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    if not _text(title):
        raise ValidationError({"title": _("Nhập tên sáng kiến, đề tài.")})
    initiative = Initiative(kind=kind, unit=unit, field=field, created_by=actor, title=_text(title))
    for name, value in fields.items():
        setattr(initiative, name, value if name in ("first_applied_on", "accepted_on") else _text(value))
    initiative.full_clean(exclude=["recognition", "merged_into", "created_by"])
    initiative.save()
    authors = list(authors)
    if authors:
        _write_authors(initiative, _check_authors(initiative, authors))
        initiative.save(update_fields=["share_total"])
    _index_grams(initiative)
    InitiativeEvent.objects.create(initiative=initiative, from_status="", to_status=Status.DRAFT, actor=actor)
    return initiative


@transaction.atomic
def update_initiative(*, initiative: Initiative, actor, expected_version: int | None, **fields) -> Initiative:
    fresh = _lock(initiative, expected_version)
    _require_edit(actor, fresh)
    allowed = set(TEXT_FIELDS) | {"first_applied_on", "accepted_on", "field", "kind"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Đơn không có mục: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        if name in ("first_applied_on", "accepted_on", "field", "kind"):
            setattr(fresh, name, value)
        else:
            setattr(fresh, name, _text(value))
    if not fresh.title:
        raise ValidationError({"title": _("Nhập tên sáng kiến, đề tài.")})
    fresh.full_clean(exclude=["recognition", "merged_into", "unit", "created_by"])
    save_versioned(fresh, expected_version=expected_version)
    _index_grams(fresh)
    return _sync(initiative, fresh)


@transaction.atomic
def set_authors(
    *,
    initiative: Initiative,
    actor,
    authors: Iterable[tuple[Person, object]],
    expected_version: int | None = None,
) -> Initiative:
    """Replace the list of authors and shares (while the application is being written)."""
    fresh = _lock(initiative, expected_version)
    _require_edit(actor, fresh)
    _write_authors(fresh, _check_authors(fresh, list(authors)))
    save_versioned(fresh, expected_version=None)
    return _sync(initiative, fresh)


@transaction.atomic
def add_author(*, initiative: Initiative, actor, person: Person, share) -> Initiative:
    current = [(a.person, a.share) for a in initiative.authors.select_related("person")]
    return set_authors(initiative=initiative, actor=actor, authors=[*current, (person, share)])


@transaction.atomic
def remove_author(*, initiative: Initiative, actor, person: Person) -> Initiative:
    current = [
        (a.person, a.share) for a in initiative.authors.select_related("person") if a.person_id != person.pk
    ]
    return set_authors(initiative=initiative, actor=actor, authors=current)


def check_upload(name: str, data: bytes) -> str:
    """The file's extension if its content matches it, else a Vietnamese refusal."""
    ext = PurePath(name or "").suffix.lower()
    if ext not in ATTACHMENT_TYPES:
        raise ValidationError({"file": _("Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx), PNG hoặc JPEG.")})
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("Tệp quá lớn (tối đa 20 MB).")})
    if not any(data.startswith(magic) for magic in ATTACHMENT_TYPES[ext]):
        raise ValidationError({"file": _("Nội dung tệp không đúng định dạng %(ext)s.") % {"ext": ext}})
    return ext


@transaction.atomic
def add_attachment(*, initiative: Initiative, actor, upload, name: str = "") -> Attachment:
    fresh = _lock(initiative)
    _require_edit(actor, fresh)
    upload.name = plain_file_name(upload.name)  # "..\\..\\x.pdf" is "x.pdf", stored and shown so
    data = upload.read()
    upload.seek(0)
    check_upload(upload.name, data)
    return Attachment.objects.create(
        initiative=fresh, file=upload, name=_text(name) or PurePath(upload.name).name, uploaded_by=actor
    )


# --- lifecycle ------------------------------------------------------------------------------------------------


def _completeness(initiative: Initiative) -> list[str]:
    problems = []
    if not initiative.authors.exists():
        problems.append(_("Đơn chưa có tác giả."))
    elif initiative.share_total != HUNDRED:
        problems.append(
            _("Tổng tỷ lệ đóng góp của các tác giả là %(total)s %%, phải đúng 100 %%.")
            % {"total": format_decimal(initiative.share_total)}
        )
    if not initiative.description:
        problems.append(_("Nhập mô tả bản chất của sáng kiến, đề tài."))
    if initiative.kind == Kind.INITIATIVE:
        if initiative.first_applied_on is None:
            problems.append(_("Nhập ngày sáng kiến được áp dụng lần đầu."))
        elif initiative.first_applied_on > date.today():
            problems.append(_("Ngày áp dụng lần đầu không được sau ngày hôm nay."))
        if not initiative.benefits_by_authors:
            problems.append(_("Nhập lợi ích thu được theo ý kiến tác giả."))
    return problems


@transaction.atomic
def submit(*, initiative: Initiative, actor, expected_version: int | None = None) -> Initiative:
    fresh = _transition(initiative, Status.SUBMITTED, actor, expected_version=expected_version)
    problems = _completeness(fresh)
    if problems:
        raise ValidationError(problems)
    return _save_transition(fresh, initiative)


@transaction.atomic
def return_application(
    *, initiative: Initiative, actor, reason: str, expected_version: int | None = None
) -> Initiative:
    if not _text(reason):
        raise ValidationError({"reason": _("Nêu rõ nội dung cần bổ sung, sửa đổi.")})
    fresh = _transition(initiative, Status.RETURNED, actor, reason, expected_version=expected_version)
    return _save_transition(fresh, initiative)


@transaction.atomic
def screen(
    *, initiative: Initiative, actor, note: str = "", expected_version: int | None = None
) -> Initiative:
    """The TĐKT office finds the application complete and valid."""
    fresh = _transition(initiative, Status.SCREENED, actor, note, expected_version=expected_version)
    return _save_transition(fresh, initiative)


def default_sheet() -> ScoreSheet:
    """The agency-wide default score sheet, created on first use."""
    sheet = ScoreSheet.objects.filter(unit__isnull=True, is_active=True).order_by("pk").first()
    if sheet is not None:
        return sheet
    name, pass_mark, criteria = DEFAULT_SHEET
    sheet = ScoreSheet.objects.create(name=name, pass_mark=pass_mark, min_scorers=1)
    Criterion.objects.bulk_create(
        [
            Criterion(sheet=sheet, code=code, name=label, weight=weight, max_points=top, order=i)
            for i, (code, label, weight, top) in enumerate(criteria, start=1)
        ]
    )
    return sheet


@transaction.atomic
def create_score_sheet(
    *,
    actor,
    name: str,
    criteria: list[tuple[str, str, object, int]],
    pass_mark=50,
    min_scorers: int = 1,
    unit=None,
) -> ScoreSheet:
    """A score sheet: (code, name, weight, max points) per criterion and the pass rule."""
    if not (
        permissions.is_admin(actor) or (unit is not None and permissions._covers(actor, unit.pk, {"officer"}))
    ):
        raise PermissionDenied(_("Bạn không có quyền lập phiếu chấm điểm."))
    if not criteria:
        raise ValidationError(_("Phiếu chấm điểm phải có ít nhất một tiêu chí."))
    sheet = ScoreSheet(
        name=_text(name), unit=unit, pass_mark=Decimal(str(pass_mark)), min_scorers=min_scorers
    )
    sheet.full_clean()
    sheet.save()
    rows = []
    for i, (code, label, weight, top) in enumerate(criteria, start=1):
        row = Criterion(
            sheet=sheet, code=code, name=label, weight=Decimal(str(weight)), max_points=top, order=i
        )
        row.full_clean(exclude=["sheet"])
        rows.append(row)
    if len({r.code for r in rows}) != len(rows):
        raise ValidationError(_("Mã tiêu chí bị trùng."))
    Criterion.objects.bulk_create(rows)
    return sheet


def sheet_for(unit: Unit) -> ScoreSheet:
    """The unit's own active sheet, else the nearest ancestor's, else the agency-wide one."""
    current: Unit | None = unit
    while current is not None:
        own = ScoreSheet.objects.filter(unit=current, is_active=True).order_by("-pk").first()
        if own is not None:
            return own
        current = current.parent
    return default_sheet()


def _recusals(initiative: Initiative, council: Council, day: date) -> list[tuple[CouncilMember, str]]:
    members = list(council_selectors.members_in_office(council, day).select_related("person"))
    authors = {a.person_id: a.person for a in initiative.authors.select_related("person")}
    superiors = selectors.direct_superiors(list(authors.values()), day)
    found = []
    for member in members:
        if member.person_id in authors:
            found.append((member, _("Là tác giả của sáng kiến")))
        elif member.person_id in superiors:
            found.append(
                (
                    member,
                    _("Là cấp trên trực tiếp của tác giả %(name)s") % {"name": superiors[member.person_id]},
                )
            )
    return found


@transaction.atomic
def send_to_council(
    *,
    initiative: Initiative,
    actor,
    council: Council,
    sheet: ScoreSheet | None = None,
    opened_on: date | None = None,
    expected_version: int | None = None,
) -> Review:
    """Put the application before the initiative council; authors and their direct superiors who sit
    on the council are recused automatically."""
    fresh = _transition(initiative, Status.COUNCIL, actor, council.name, expected_version=expected_version)
    if council.kind != Council.Kind.INITIATIVE:
        raise ValidationError({"council": _("Chọn một Hội đồng sáng kiến.")})
    if not council.is_active:
        raise ValidationError({"council": _("Hội đồng đã ngừng hoạt động.")})
    if not permissions._covers(actor, council.unit_id, {"officer", "admin"}):
        raise PermissionDenied(_("Hội đồng này không thuộc phạm vi của bạn."))
    opened_on = opened_on or date.today()
    if not council_selectors.members_in_office(council, opened_on).exists():
        raise ValidationError({"council": _("Hội đồng chưa có thành viên trong nhiệm kỳ vào ngày này.")})
    sheet = sheet or sheet_for(fresh.unit)
    if not sheet.is_active or not sheet.criteria.exists():
        raise ValidationError(
            {"sheet": _("Phiếu chấm điểm không dùng được (ngừng áp dụng hoặc chưa có tiêu chí).")}
        )
    _save_transition(fresh, initiative)
    review = Review.objects.create(
        initiative=fresh, council=council, sheet=sheet, opened_on=opened_on, opened_by=actor
    )
    Recusal.objects.bulk_create(
        [
            Recusal(review=review, member=m, reason=reason)
            for m, reason in _recusals(fresh, council, opened_on)
        ]
    )
    return review


@transaction.atomic
def score(*, review: Review, actor, points: dict[str, object]) -> list[Score]:
    """A council member's score sheet for the application: points per criterion code (replaces theirs)."""
    review = Review.objects.select_for_update().select_related("initiative", "sheet").get(pk=review.pk)
    if not review.is_open:
        raise ValidationError(_("Hội đồng đã kết thúc chấm điểm sáng kiến này."))
    seat = permissions.seat_of(actor, review)
    if seat is None:
        if permissions.is_observer(actor, review.initiative):
            raise PermissionDenied(_("Giám sát Công đoàn theo dõi và cho ý kiến, không chấm điểm."))
        raise PermissionDenied(_("Chỉ thành viên Hội đồng sáng kiến được chấm điểm."))
    recusal = review.recusals.filter(member=seat).first()
    if recusal is not None:
        raise PermissionDenied(
            _("Bạn không tham gia chấm sáng kiến này: %(reason)s.") % {"reason": recusal.reason}
        )
    criteria = {c.code: c for c in review.sheet.criteria.all()}
    missing = sorted(set(criteria) - set(points))
    unknown = sorted(set(points) - set(criteria))
    if unknown:
        raise ValidationError(_("Phiếu chấm không có tiêu chí: %(keys)s.") % {"keys": ", ".join(unknown)})
    if missing:
        raise ValidationError(
            _("Chấm đủ các tiêu chí: %(names)s.") % {"names": ", ".join(criteria[c].name for c in missing)}
        )
    rows = []
    for code, criterion in criteria.items():
        try:
            value = Decimal(str(points[code]).replace(",", ".").strip())
        except (InvalidOperation, ValueError):
            raise ValidationError(_("Điểm “%(name)s” phải là một số.") % {"name": criterion.name}) from None
        if not (Decimal(0) <= value <= criterion.max_points):
            raise ValidationError(
                _("Điểm “%(name)s” phải từ 0 đến %(max)s.")
                % {"name": criterion.name, "max": criterion.max_points}
            )
        rows.append(Score(review=review, member=seat, criterion=criterion, points=value))
    Score.objects.filter(review=review, member=seat).delete()
    return Score.objects.bulk_create(rows)


@transaction.atomic
def close_review(*, review: Review, actor) -> Review:
    """End the scoring: the weighted average (in % of the maximum) against the sheet's pass rule."""
    review = Review.objects.select_for_update().select_related("initiative__unit", "sheet").get(pk=review.pk)
    if not permissions.is_office(actor, review.initiative):
        raise PermissionDenied(_("Chỉ Cán bộ TĐKT của đơn vị được kết thúc chấm điểm."))
    if not review.is_open:
        raise ValidationError(_("Hội đồng đã kết thúc chấm điểm sáng kiến này."))
    result = selectors.review_result(review)
    review.scorers = result.scorers
    review.average = result.average
    review.passed = result.passed
    review.closed_at = timezone.now()
    review.save()
    return review


def _next_register_number(unit: Unit, year: int) -> int:
    counter, _created = RegisterCounter.objects.select_for_update().get_or_create(unit=unit, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def recognise(
    *,
    initiative: Initiative,
    actor,
    decision_date: date,
    signer_name: str = "",
    expected_version: int | None = None,
) -> Initiative:
    """The head's decision recognising the initiative at the unit's (grassroots) scope: a number from the
    unit's register, the certificate number, and the recognition the eligibility engine reads."""
    fresh = _transition(initiative, Status.RECOGNISED, actor, expected_version=expected_version)
    review = fresh.reviews.order_by("-opened_on", "-id").first()
    if review is None or review.is_open:
        raise ValidationError(_("Hội đồng sáng kiến chưa kết thúc chấm điểm."))
    if not review.passed:
        raise ValidationError(_("Sáng kiến không đạt điểm của Hội đồng sáng kiến, không thể công nhận."))
    if decision_date is None:
        raise ValidationError({"decision_date": _("Nhập ngày quyết định công nhận.")})
    if decision_date > date.today():
        raise ValidationError({"decision_date": _("Ngày quyết định không được sau ngày hôm nay.")})
    year = decision_date.year
    number = _next_register_number(fresh.unit, year)
    code = fresh.unit.short_name or fresh.unit.code
    fresh.year = year
    fresh.scope = Scope.UNIT
    fresh.register_number = number
    fresh.decision_number = f"{number:02d}/QĐ-{code}-SK"
    fresh.decision_date = decision_date
    fresh.certificate_number = f"{number:02d}/{year}/GCN-SK"
    fresh.signer_name = _text(signer_name)
    authors = [(a.person, a.share) for a in fresh.authors.select_related("person")]
    fresh.recognition = record_recognition(
        title=fresh.title,
        scope=Scope.UNIT,
        year=year,
        authors=authors,
        kind=fresh.kind,
        decision_number=fresh.decision_number,
        decision_date=decision_date,
        applied=True,
        unit=fresh.unit,
    )
    fresh._event = (*fresh._event[:3], _("Quyết định số %(n)s") % {"n": fresh.decision_number})
    return _save_transition(fresh, initiative)


@transaction.atomic
def reject(*, initiative: Initiative, actor, reason: str, expected_version: int | None = None) -> Initiative:
    """Refuse recognition; the written reasons are required and kept on the application."""
    if not _text(reason):
        raise ValidationError({"reason": _("Nêu rõ lý do không công nhận sáng kiến.")})
    fresh = _transition(initiative, Status.REJECTED, actor, reason, expected_version=expected_version)
    fresh.reason = _text(reason)
    return _save_transition(fresh, initiative)


@transaction.atomic
def escalate(
    *,
    initiative: Initiative,
    actor,
    proposed_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Escalation:
    """Propose the recognised initiative to the level above for the next wider scope."""
    fresh = _transition(initiative, Status.ESCALATED, actor, note, expected_version=expected_version)
    to_scope = NEXT_SCOPE.get(fresh.scope)
    if to_scope is None:
        raise ValidationError(_("Sáng kiến đã được công nhận phạm vi toàn quốc."))
    _save_transition(fresh, initiative)
    return Escalation.objects.create(
        initiative=fresh,
        to_scope=to_scope,
        proposed_on=proposed_on or date.today(),
        proposed_by=actor,
        note=_text(note),
    )


@transaction.atomic
def record_higher_answer(
    *,
    initiative: Initiative,
    actor,
    recognised: bool,
    decision_number: str = "",
    decision_date: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Escalation:
    """The level above answers. Recognised: the scope of the initiative and of its one recognition rise
    (the eligibility engine then sees the wider scope, and still counts the initiative once)."""
    fresh = _transition(initiative, Status.RECOGNISED, actor, note, expected_version=expected_version)
    escalation = Escalation.objects.select_for_update().get(
        initiative=fresh, outcome=Escalation.Outcome.PENDING
    )
    if recognised:
        if not _text(decision_number) or decision_date is None:
            raise ValidationError(_("Nhập số và ngày quyết định công nhận của cấp trên."))
        escalation.outcome = Escalation.Outcome.RECOGNISED
        escalation.decision_number = _text(decision_number)
        escalation.decision_date = decision_date
        fresh.scope = escalation.to_scope
        recognition = Recognition.objects.select_for_update().get(pk=fresh.recognition_id)
        recognition.scope = escalation.to_scope
        recognition.save(update_fields=["scope", "updated_at"])
        label = _("Cấp trên công nhận %(scope)s, quyết định số %(n)s") % {
            "scope": Scope(escalation.to_scope).label,
            "n": escalation.decision_number,
        }
    else:
        if not _text(note):
            raise ValidationError({"note": _("Nêu lý do cấp trên không công nhận.")})
        escalation.outcome = Escalation.Outcome.REFUSED
        label = _("Cấp trên không công nhận: %(note)s") % {"note": _text(note)}
    escalation.note = _text(note) or escalation.note
    escalation.save()
    fresh._event = (*fresh._event[:3], label)
    _save_transition(fresh, initiative)
    return escalation


# --- comments, duplicates, follow-up ---------------------------------------------------------------------------


@transaction.atomic
def add_note(*, initiative: Initiative, actor, text: str, private: bool = False) -> Note:
    if not _text(text):
        raise ValidationError({"text": _("Nhập nội dung ý kiến.")})
    if not permissions.visible_initiatives(actor).filter(pk=initiative.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền cho ý kiến về sáng kiến này."))
    observer = permissions.is_observer(actor, initiative) and not private
    return Note.objects.create(
        initiative=initiative, author=actor, text=_text(text), private=bool(private), as_observer=observer
    )


@transaction.atomic
def merge(*, keeper: Initiative, duplicate: Initiative, actor, reason: str = "") -> Initiative:
    """Fold a duplicate application into the one kept: every author of both stays, each side's shares
    halved (a person on both sides keeps the sum), so the total stays 100 %."""
    if keeper.pk == duplicate.pk:
        raise ValidationError(_("Chọn hai đơn khác nhau để gộp."))
    if not permissions.can_merge(actor, keeper, duplicate):
        raise PermissionDenied(_("Chỉ Cán bộ TĐKT quản lý cả hai đơn được gộp đơn trùng."))
    kept = _lock(keeper)
    if kept.status not in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.SCREENED):
        raise ValidationError(_("Đơn được giữ lại đã qua bước xét của hội đồng, không gộp thêm được."))
    fresh = _transition(duplicate, Status.MERGED, actor, reason or _("Gộp vào “%(t)s”.") % {"t": kept.title})
    fresh.merged_into = kept
    shares: dict[int, tuple[Person, Decimal]] = {}
    kept_authors = list(kept.authors.select_related("person"))
    dup_authors = list(fresh.authors.select_related("person"))
    for side in (kept_authors, dup_authors):
        side_total = sum((a.share for a in side), Decimal(0)) or HUNDRED
        for a in side:
            part = (a.share * 50 / side_total).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)
            person, before = shares.get(a.person_id, (a.person, Decimal(0)))
            shares[a.person_id] = (person, before + part)
    rows = list(shares.values())
    if rows:
        drift = HUNDRED - sum((s for _p, s in rows), Decimal(0))
        person, share = rows[0]
        rows[0] = (person, share + drift)
    _write_authors(kept, rows)
    save_versioned(kept, expected_version=None)
    _sync(keeper, kept)
    InitiativeEvent.objects.create(
        initiative=kept,
        from_status=kept.status,
        to_status=kept.status,
        actor=actor,
        reason=_("Gộp đơn trùng “%(t)s” (giữ đủ tác giả).") % {"t": fresh.title},
    )
    _save_transition(fresh, duplicate)
    _index_grams(fresh)
    return kept


@transaction.atomic
def add_follow_up(
    *,
    initiative: Initiative,
    actor,
    applied_at: str,
    applied_on: date | None = None,
    benefit: str = "",
    benefit_amount: int | None = None,
    remuneration: int | None = None,
) -> FollowUp:
    if not permissions.can_follow_up(actor, initiative):
        raise PermissionDenied(_("Chỉ Cán bộ TĐKT của đơn vị ghi kết quả áp dụng sáng kiến đã công nhận."))
    if not _text(applied_at):
        raise ValidationError({"applied_at": _("Nhập nơi áp dụng.")})
    row = FollowUp(
        initiative=initiative,
        applied_at=_text(applied_at),
        applied_on=applied_on,
        benefit=_text(benefit),
        benefit_amount=benefit_amount,
        remuneration=remuneration,
        recorded_by=actor,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def adopt_recognitions(recognitions: Iterable[Recognition], *, field_of=None) -> list[Initiative]:
    """Give recognitions recorded without an application (imports, manual entry, older history) their
    recognised `Initiative`, linked one-to-one, numbered in the register of their unit and year, with the
    same authors (shares rounded down by an import are topped up on the first author to total 100 %), and
    indexed for the duplicate check. Recognitions already linked or without a unit are skipped."""
    todo = [
        r
        for r in recognitions
        if r.unit_id is not None and not Initiative.objects.filter(recognition_id=r.pk).exists()
    ]
    if not todo:
        return []
    todo.sort(key=lambda r: (r.unit_id, r.year, r.kind != Kind.RESEARCH, r.pk))
    numbers: dict[tuple[int, int], int] = {}
    for unit_id, year, last in RegisterCounter.objects.filter(
        unit_id__in={r.unit_id for r in todo}
    ).values_list("unit_id", "year", "last_number"):
        numbers[(unit_id, year)] = last
    rows = []
    for r in todo:
        key = (r.unit_id, r.year)
        numbers[key] = numbers.get(key, 0) + 1
        n = numbers[key]
        item = Initiative(
            kind=r.kind,
            title=r.title,
            unit_id=r.unit_id,
            field=field_of(r) if field_of else "khac",
            status=Status.RECOGNISED,
            share_total=HUNDRED,
            scope=r.scope,
            year=r.year,
            decision_number=r.decision_number,
            decision_date=r.decision_date,
            register_number=n,
            certificate_number=f"{n:02d}/{r.year}/GCN-SK",
            recognition=r,
        )
        item.search_text = fold(f"{item.title}\n")
        rows.append(item)
    created = Initiative.objects.bulk_create(rows, batch_size=500)
    for (unit_id, year), last in numbers.items():
        RegisterCounter.objects.update_or_create(unit_id=unit_id, year=year, defaults={"last_number": last})
    by_recognition = {i.recognition_id: i for i in created}
    shares: dict[int, list[tuple[int, Decimal]]] = {}
    for rec_id, person_id, share in (
        RecognitionAuthor.objects.filter(recognition_id__in=by_recognition)
        .order_by("recognition_id", "id")
        .values_list("recognition_id", "person_id", "share")
    ):
        shares.setdefault(rec_id, []).append((person_id, share))
    authors, grams, events = [], [], []
    for rec_id, item in by_recognition.items():
        listed = shares.get(rec_id, [])
        drift = HUNDRED - sum((s for _p, s in listed), Decimal(0))
        authors += [
            InitiativeAuthor(initiative=item, person_id=p, share=s + (drift if i == 0 else 0), order=i + 1)
            for i, (p, s) in enumerate(listed)
        ]
        found = similarity.grams_of(item.title)
        item.gram_count = len(found)
        grams += [NGram(initiative=item, gram=g) for g in found]
        events.append(
            InitiativeEvent(
                initiative=item,
                from_status="",
                to_status=Status.RECOGNISED,
                reason=_("Quyết định số %(n)s (theo lịch sử khen thưởng đã ghi nhận).")
                % {"n": item.decision_number},
            )
        )
    InitiativeAuthor.objects.bulk_create(authors, batch_size=1000)
    NGram.objects.bulk_create(grams, batch_size=2000)
    InitiativeEvent.objects.bulk_create(events, batch_size=1000)
    Initiative.objects.bulk_update(created, ["gram_count"], batch_size=500)
    return created


def next_order(initiative: Initiative) -> int:
    return (initiative.authors.aggregate(m=Max("order"))["m"] or 0) + 1


# --- council members by field --------------------------------------------------------------------------------


@transaction.atomic
def set_member_fields(*, member: CouncilMember, fields: Iterable[str], actor=None) -> list[str]:
    """The fields an initiative council member is expert in (replacing those set before)."""
    council = member.council
    if council.kind != Council.Kind.INITIATIVE:
        raise ValidationError(_("Chỉ thành viên Hội đồng sáng kiến mới có lĩnh vực chuyên môn."))
    if actor is not None and not permissions._covers(actor, council.unit_id, {"officer", "admin"}):
        raise PermissionDenied(_("Hội đồng này không thuộc phạm vi của bạn."))
    wanted = sorted(set(fields))
    unknown = [f for f in wanted if f not in Field.values]
    if unknown:
        raise ValidationError({"fields": _("Lĩnh vực không hợp lệ: %(f)s.") % {"f": ", ".join(unknown)}})
    MemberField.objects.filter(member=member).exclude(field__in=wanted).delete()
    have = set(MemberField.objects.filter(member=member).values_list("field", flat=True))
    MemberField.objects.bulk_create([MemberField(member=member, field=f) for f in wanted if f not in have])
    return wanted
