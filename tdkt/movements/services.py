"""Every write of movements, registrations and targets: keyword-only, atomic, audited (see apps.py).

Permission checks live here as well as in the views, so the API and the pages cannot diverge: a service
given an `actor` refuses (PermissionDenied) what `permissions` does not allow; `actor=None` is for the
demo loader and system jobs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardKind, Category, Discipline, Rating, SubjectKind
from tdkt.core.services import save_versioned
from tdkt.core.text import fold, format_date, format_decimal, nfc
from tdkt.movements import permissions, selectors
from tdkt.movements.audit import bulk_create_logged
from tdkt.movements.models import (
    Actual,
    AnnualRating,
    CalendarEntry,
    Cluster,
    ClusterMember,
    ClusterVote,
    CultureChecklist,
    CultureCriterion,
    Inspection,
    InspectionScore,
    Movement,
    MovementEvent,
    MovementParticipant,
    MovementReview,
    PeriodScore,
    RatingGroup,
    RatingGroupMember,
    RegisteredTitle,
    Registration,
    Score,
    ScoringCriterion,
    Target,
    TargetAdjustment,
    UnitNotification,
)
from tdkt.org.models import Person, RoleAssignment, Unit
from tdkt.org.selectors import subtree_ids
from tdkt.surveys.selectors import branch_indexes

GROUPED = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")
VALUE_PLACES = Decimal("0.001")
MOVEMENT_TEXT_FIELDS = (
    "name",
    "slogan",
    "goals",
    "content",
    "criteria",
    "directive_documents",
    "midterm_awards",
    "final_awards",
)
MOVEMENT_CHOICE_FIELDS = {
    "kind": Movement.Kind,
    "scope": Movement.Scope,
    "level": Movement.Level,
    "participants_mode": Movement.Participants,
}
MOVEMENT_DATE_FIELDS = ("starts_on", "ends_on", "registration_deadline", "midterm_on")


def _today() -> date:
    return timezone.localdate()


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- movements ----------------------------------------------------------------------------------------------


def _check_movement(movement: Movement) -> None:
    if not movement.name:
        raise ValidationError({"name": _("Nhập tên phong trào.")})
    if movement.starts_on is None or movement.ends_on is None:
        raise ValidationError({"starts_on": _("Nhập thời gian thực hiện phong trào.")})
    if movement.ends_on < movement.starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
    for field, choices in MOVEMENT_CHOICE_FIELDS.items():
        if getattr(movement, field) not in choices.values:
            raise ValidationError({field: _("Giá trị không hợp lệ.")})
    deadline = movement.registration_deadline
    if deadline is not None and not (movement.starts_on <= deadline <= movement.ends_on):
        raise ValidationError(
            {"registration_deadline": _("Hạn đăng ký phải nằm trong thời gian thực hiện phong trào.")}
        )


@transaction.atomic
def create_movement(
    *,
    launching_unit: Unit,
    name: str,
    starts_on: date,
    ends_on: date,
    actor=None,
    participant_units: Iterable[Unit] = (),
    demo: bool = False,
    **fields,
) -> Movement:
    """A draft movement. `fields`: slogan, kind, scope, level, participants_mode, goals, content, criteria,
    directive_documents, midterm_awards, final_awards, registration_deadline, midterm_on."""
    if actor is not None:
        _require(
            permissions.can_edit_unit(actor, launching_unit),
            _("Bạn không có quyền phát động phong trào của đơn vị này."),
        )
    unknown = (
        set(fields) - set(MOVEMENT_TEXT_FIELDS) - set(MOVEMENT_CHOICE_FIELDS) - set(MOVEMENT_DATE_FIELDS)
    )
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    movement = Movement(launching_unit=launching_unit, name=name or "", starts_on=starts_on, ends_on=ends_on)
    for field, value in fields.items():
        if field in MOVEMENT_TEXT_FIELDS:
            value = nfc(value or "").strip()
        setattr(movement, field, value)
    movement.name = nfc(movement.name).strip()
    movement.demo = demo
    _check_movement(movement)
    movement.save()
    MovementEvent.objects.create(movement=movement, to_status=Movement.Status.DRAFT, actor=actor)
    _set_participants(movement, participant_units)
    return movement


@transaction.atomic
def update_movement(
    *, movement: Movement, actor=None, expected_version: int | None = None, **fields
) -> Movement:
    """Change the texts and dates of a movement that is not closed; the participants only in a draft."""
    movement = Movement.objects.select_related("launching_unit").get(pk=movement.pk)
    if actor is not None:
        _require(
            permissions.can_manage_movement(actor, movement), _("Bạn không có quyền sửa phong trào này.")
        )
    if movement.status == Movement.Status.CLOSED:
        raise ValidationError(_("Phong trào đã tổng kết, không sửa được."))
    participant_units = fields.pop("participant_units", None)
    for field, value in fields.items():
        if field in MOVEMENT_TEXT_FIELDS:
            value = nfc(value or "").strip()
        elif field not in MOVEMENT_CHOICE_FIELDS and field not in MOVEMENT_DATE_FIELDS:
            raise TypeError(f"unknown field: {field}")
        if field == "participants_mode" and value != movement.participants_mode:
            if movement.status != Movement.Status.DRAFT:
                raise ValidationError(_("Đã phát động: không đổi được đơn vị tham gia."))
        setattr(movement, field, value)
    _check_movement(movement)
    save_versioned(movement, expected_version=expected_version)
    if participant_units is not None:
        if movement.status != Movement.Status.DRAFT:
            raise ValidationError(_("Đã phát động: không đổi được đơn vị tham gia."))
        MovementParticipant.objects.filter(movement=movement).delete()
        _set_participants(movement, participant_units)
    return movement


def _set_participants(movement: Movement, units: Iterable[Unit]) -> None:
    have = set(MovementParticipant.objects.filter(movement=movement).values_list("unit_id", flat=True))
    bulk_create_logged(
        MovementParticipant,
        [
            MovementParticipant(movement=movement, unit=unit)
            for unit in {u.pk: u for u in units}.values()
            if unit.pk not in have
        ],
    )


def _locked(movement: Movement) -> Movement:
    return (
        Movement.objects.select_for_update(of=("self",)).select_related("launching_unit").get(pk=movement.pk)
    )


@transaction.atomic
def launch_movement(*, movement: Movement, actor=None, on: date | None = None, note: str = "") -> Movement:
    """Draft → launched: resolve the participating units and notify each of them."""
    movement = _locked(movement)
    if actor is not None:
        _require(
            permissions.can_manage_movement(actor, movement),
            _("Bạn không có quyền phát động phong trào này."),
        )
    if movement.status != Movement.Status.DRAFT:
        raise ValidationError(_("Phong trào đã được phát động."))
    on = on or _today()
    if on > movement.ends_on:
        raise ValidationError(_("Phong trào đã hết thời gian thực hiện, không phát động được."))
    if movement.participants_mode == Movement.Participants.SUBTREE:
        day = max(on, movement.starts_on)
        _set_participants(movement, Unit.objects.filter(pk__in=subtree_ids(movement.launching_unit, day)))
    elif not movement.participants.exists():
        raise ValidationError(_("Chọn ít nhất một đơn vị tham gia phong trào."))
    movement.status, movement.launched_on = Movement.Status.LAUNCHED, on
    movement.lock_version += 1
    movement.save()
    MovementEvent.objects.create(
        movement=movement, from_status="draft", to_status="launched", actor=actor, note=nfc(note).strip()
    )
    text = _("%(unit)s phát động phong trào thi đua «%(name)s» (%(start)s – %(end)s).") % {
        "unit": movement.launching_unit.name,
        "name": movement.name,
        "start": format_date(movement.starts_on),
        "end": format_date(movement.ends_on),
    }
    if movement.registration_deadline:
        text += " " + _("Hạn đăng ký thi đua: %(day)s.") % {
            "day": format_date(movement.registration_deadline)
        }
    bulk_create_logged(
        UnitNotification,
        [
            UnitNotification(unit_id=unit_id, movement=movement, text=text[:600])
            for unit_id in movement.participants.values_list("unit_id", flat=True)
        ],
    )
    movement_calendar(movement)
    return movement


@transaction.atomic
def close_movement(*, movement: Movement, actor=None, on: date | None = None, note: str = "") -> Movement:
    """Launched → closed (tổng kết)."""
    movement = _locked(movement)
    if actor is not None:
        _require(
            permissions.can_manage_movement(actor, movement), _("Bạn không có quyền tổng kết phong trào này.")
        )
    if movement.status != Movement.Status.LAUNCHED:
        raise ValidationError(_("Chỉ tổng kết được phong trào đang thực hiện."))
    on = on or _today()
    if on < movement.launched_on:
        raise ValidationError(_("Ngày tổng kết phải sau ngày phát động."))
    movement.status, movement.closed_on = Movement.Status.CLOSED, on
    movement.lock_version += 1
    movement.save()
    MovementEvent.objects.create(
        movement=movement, from_status="launched", to_status="closed", actor=actor, note=nfc(note).strip()
    )
    return movement


# --- registrations ------------------------------------------------------------------------------------------


def _title(kind: AwardKind | str, *, individual: bool) -> AwardKind:
    if isinstance(kind, str):
        kind = AwardKind.objects.filter(code=kind).first()
        if kind is None:
            raise ValidationError({"titles": _("Không có danh hiệu này trong danh mục.")})
    wanted = SubjectKind.INDIVIDUAL if individual else SubjectKind.COLLECTIVE
    if kind.category != Category.TITLE or kind.subject_kind not in (wanted, SubjectKind.BOTH):
        raise ValidationError(
            {
                "titles": _("«%(name)s» không phải danh hiệu thi đua dành cho %(who)s.")
                % {"name": kind.name, "who": _("cá nhân") if individual else _("tập thể")}
            }
        )
    return kind


@transaction.atomic
def register(
    *,
    movement: Movement,
    unit: Unit,
    year: int,
    pledge: str,
    collective: Iterable[AwardKind | str] = (),
    individual: Iterable[tuple[Person, AwardKind | str]] = (),
    actor=None,
    on: date | None = None,
    expected_version: int | None = None,
    people_scope: Iterable[int] | None = None,
) -> Registration:
    """Register (or amend, until the deadline) a unit's titles and pledge for a year of a movement.

    The titles given replace those registered before. Each person must have worked in the unit (or under
    it) during the year. With `people_scope` (the ids of the people on one page of a long list), only those
    people's titles are replaced; the titles of the unit's other people stay as they were."""
    movement = Movement.objects.select_related("launching_unit").get(pk=movement.pk)
    if actor is not None:
        _require(
            permissions.can_register(actor, unit), _("Bạn không có quyền đăng ký thi đua cho đơn vị này.")
        )
    if movement.status != Movement.Status.LAUNCHED:
        raise ValidationError(_("Chỉ đăng ký được phong trào đang thực hiện."))
    if not movement.participants.filter(unit=unit).exists():
        raise ValidationError(_("Đơn vị không tham gia phong trào này."))
    if not (movement.starts_on.year <= year <= movement.ends_on.year):
        raise ValidationError({"year": _("Năm đăng ký phải nằm trong thời gian thực hiện phong trào.")})
    on = on or _today()
    if movement.registration_deadline and on > movement.registration_deadline:
        raise ValidationError(
            _("Đã quá hạn đăng ký thi đua (%(day)s).") % {"day": format_date(movement.registration_deadline)}
        )
    pledge = nfc(pledge or "").strip()
    if not pledge:
        raise ValidationError({"pledge": _("Nhập nội dung cam kết thi đua.")})
    collective_kinds = [_title(k, individual=False) for k in collective]
    individual_pairs = [(person, _title(k, individual=True)) for person, k in individual]
    scope = None if people_scope is None else {int(pk) for pk in people_scope}
    if scope is not None and any(p.pk not in scope for p, _k in individual_pairs):
        raise ValidationError({"titles": _("Danh sách cá nhân đăng ký không khớp với trang đang sửa.")})
    kept_elsewhere = (
        scope is not None
        and RegisteredTitle.objects.filter(
            registration__movement=movement,
            registration__unit=unit,
            registration__year=year,
            person__isnull=False,
        )
        .exclude(person_id__in=scope)
        .exists()
    )
    if not collective_kinds and not individual_pairs and not kept_elsewhere:
        raise ValidationError({"titles": _("Chọn ít nhất một danh hiệu đăng ký.")})
    people = {p.pk for p, _k in individual_pairs}
    if people:
        members = set(
            selectors.people_of_unit_in_year(unit, year).filter(pk__in=people).values_list("pk", flat=True)
        )
        strangers = [p for p, _k in individual_pairs if p.pk not in members]
        if strangers:
            raise ValidationError(
                {
                    "titles": _("%(name)s không công tác tại đơn vị trong năm %(year)s.")
                    % {"name": strangers[0].full_name, "year": year}
                }
            )
    registration = (
        Registration.objects.select_for_update().filter(movement=movement, unit=unit, year=year).first()
    )
    if registration is None:
        registration = Registration.objects.create(
            movement=movement, unit=unit, year=year, pledge=pledge, status="submitted", submitted_on=on
        )
    else:
        registration.pledge, registration.status, registration.submitted_on = pledge, "submitted", on
        save_versioned(registration, expected_version=expected_version)
        replaced = registration.titles.all()
        if scope is not None:
            replaced = replaced.filter(Q(person__isnull=True) | Q(person_id__in=scope))
        replaced.delete()
    bulk_create_logged(
        RegisteredTitle,
        [
            RegisteredTitle(registration=registration, kind=k)
            for k in {k.pk: k for k in collective_kinds}.values()
        ]
        + [
            RegisteredTitle(registration=registration, person=p, kind=k)
            for (p, k) in {(p.pk, k.pk): (p, k) for p, k in individual_pairs}.values()
        ],
    )
    return registration


# --- targets ------------------------------------------------------------------------------------------------


def _decimal(value, field: str, *, positive: bool = False) -> Decimal:
    try:
        if isinstance(value, str):
            # Vietnamese writing: "." groups thousands, "," is the decimal mark ("108.800", "6.452,7").
            text = value.strip().replace(" ", "").replace("\u00a0", "")
            if GROUPED.fullmatch(text) or "," in text:
                text = text.replace(".", "").replace(",", ".")
            value = text
        number = Decimal(str(value)).quantize(VALUE_PLACES, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("«%(value)s» không phải là số.") % {"value": value}}) from None
    if not number.is_finite() or number < 0 or (positive and number == 0):
        raise ValidationError({field: _("Phải là số dương.") if positive else _("Không được là số âm.")})
    if abs(number) >= Decimal("1e15"):
        raise ValidationError({field: _("Số quá lớn.")})
    return number


@transaction.atomic
def create_target(
    *,
    unit: Unit,
    year: int,
    code: str,
    name: str,
    unit_label: str,
    planned,
    person: Person | None = None,
    measure: str = Target.Measure.OTHER,
    higher_is_better: bool = True,
    period: str = Target.Period.MONTH,
    aggregation: str = Target.Aggregation.SUM,
    movement: Movement | None = None,
    approved: bool = True,
    year_to: int | None = None,
    actor=None,
) -> Target:
    if actor is not None:
        _require(
            permissions.can_edit_unit(actor, unit), _("Bạn không có quyền giao chỉ tiêu cho đơn vị này.")
        )
    code, name, unit_label = nfc(code).strip().upper(), nfc(name).strip(), nfc(unit_label).strip()
    if not code or not name or not unit_label:
        raise ValidationError(_("Nhập mã, tên và đơn vị tính của chỉ tiêu."))
    if measure not in Target.Measure.values or period not in Target.Period.values:
        raise ValidationError(_("Loại chỉ tiêu hoặc kỳ báo cáo không hợp lệ."))
    if aggregation not in Target.Aggregation.values:
        raise ValidationError({"aggregation": _("Cách tổng hợp không hợp lệ.")})
    if not (2000 <= int(year) <= 2100):
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    if year_to in ("", None) or int(year_to) == int(year):
        year_to = None
    elif not (int(year) < int(year_to) <= int(year) + 9):
        raise ValidationError({"year_to": _("Năm kết thúc phải sau năm bắt đầu, tối đa 10 năm.")})
    if person is not None and not selectors.people_of_unit_in_year(unit, year).filter(pk=person.pk).exists():
        raise ValidationError({"person": _("Cá nhân không công tác tại đơn vị trong năm này.")})
    duplicate = Target.objects.filter(year=year, code=code)
    duplicate = (
        duplicate.filter(person=person) if person else duplicate.filter(unit=unit, person__isnull=True)
    )
    if duplicate.exists():
        raise ValidationError(
            {"code": _("Đã có chỉ tiêu mã %(code)s trong năm %(year)s.") % {"code": code, "year": year}}
        )
    return Target.objects.create(
        unit=unit,
        person=person,
        year=year,
        code=code,
        name=name,
        unit_label=unit_label,
        planned=_decimal(planned, "planned", positive=True),
        measure=measure,
        higher_is_better=higher_is_better,
        period=period,
        aggregation=aggregation,
        movement=movement,
        approved=approved,
        year_to=int(year_to) if year_to else None,
    )


@transaction.atomic
def adjust_target(
    *, target: Target, planned, reason: str, actor=None, expected_version: int | None = None
) -> Target:
    """Change the planned value; the old and new values and the reason go into the target's history."""
    target = Target.objects.select_related("unit").get(pk=target.pk)
    if actor is not None:
        _require(permissions.can_edit_target(actor, target), _("Bạn không có quyền điều chỉnh chỉ tiêu này."))
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nhập lý do điều chỉnh chỉ tiêu.")})
    new = _decimal(planned, "planned", positive=True)
    if new == target.planned:
        raise ValidationError({"planned": _("Chỉ tiêu mới trùng với chỉ tiêu hiện hành.")})
    old = target.planned
    target.planned = new
    _compute(target)
    save_versioned(target, expected_version=expected_version)
    TargetAdjustment.objects.create(
        target=target,
        old_planned=old,
        new_planned=new,
        reason=reason,
        actor=actor if actor and actor.pk else None,
    )
    return target


def _compute(target: Target) -> None:
    """Total of the actuals (sum or average), the periods reported and the attainment in %."""
    figures = target.actuals.aggregate(total=Sum("value"), mean=Avg("value"), n=Count("id"))
    target.periods_reported = figures["n"]
    if not figures["n"]:
        target.actual_total = target.attainment = None
        return
    total = figures["total"] if target.aggregation == Target.Aggregation.SUM else figures["mean"]
    total = Decimal(total).quantize(VALUE_PLACES, rounding=ROUND_HALF_UP)
    target.actual_total = total
    target.attainment = selectors.attainment_of(target.planned, total, target.higher_is_better)


@transaction.atomic
def record_actual(
    *, target: Target, period: int, value, note: str = "", actor=None, expected_version: int | None = None
) -> tuple[Actual, bool]:
    """Enter (or correct) the result of one period. Returns (actual, changed): the same value again
    changes nothing, which makes imports idempotent."""
    target = Target.objects.select_for_update(of=("self",)).select_related("unit").get(pk=target.pk)
    if actor is not None:
        _require(
            permissions.can_edit_target(actor, target), _("Bạn không có quyền nhập kết quả chỉ tiêu này.")
        )
    try:
        period = int(period)
    except (TypeError, ValueError):
        raise ValidationError({"period": _("Kỳ phải là một số.")}) from None
    if not (1 <= period <= target.periods_in_year):
        raise ValidationError(
            {
                "period": _("Kỳ phải từ 1 đến %(n)s (%(kind)s).")
                % {"n": target.periods_in_year, "kind": target.get_period_display().lower()}
            }
        )
    number = _decimal(value, "value")
    note = nfc(note or "").strip()
    actual = Actual.objects.filter(target=target, period=period).first()
    if actual is None:
        actual = Actual.objects.create(target=target, period=period, value=number, note=note)
    elif actual.value == number and actual.note == note:
        return actual, False
    else:
        actual.value, actual.note = number, note
        save_versioned(actual, expected_version=expected_version)
    _compute(target)
    target.save(update_fields=["actual_total", "periods_reported", "attainment", "updated_at"])
    return actual, True


@transaction.atomic
def apply_task_result(*, unit: Unit, year: int, actor=None) -> None:
    """Write HTXS as the unit's task result for the year, when it exceeded all its approved targets."""
    if actor is not None:
        _require(permissions.can_edit_unit(actor, unit), _("Bạn không có quyền ghi kết quả của đơn vị này."))
    if unit.pk not in selectors.task_result_suggestions(year, unit_ids=[unit.pk]):
        raise ValidationError(
            _("Đơn vị chưa vượt tất cả các chỉ tiêu được phê duyệt năm %(year)s.") % {"year": year}
        )
    award_services.set_unit_result(unit=unit, year=year, value=Rating.Value.HTXS)


# --- clusters -----------------------------------------------------------------------------------------------


def _points(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    number = _decimal(value, field)
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def create_cluster(
    *, name: str, organiser: Unit, kind: str = Cluster.Kind.CLUSTER, note: str = "", actor=None
) -> Cluster:
    if actor is not None:
        _require(permissions.can_edit_unit(actor, organiser), _("Bạn không có quyền lập cụm, khối thi đua."))
    name = nfc(name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nhập tên cụm, khối thi đua.")})
    if kind not in Cluster.Kind.values:
        raise ValidationError({"kind": _("Loại cụm, khối không hợp lệ.")})
    if Cluster.objects.filter(name=name).exists():
        raise ValidationError({"name": _("Đã có cụm, khối thi đua tên này.")})
    return Cluster.objects.create(name=name, kind=kind, organiser=organiser, note=nfc(note).strip())


def _manage(cluster: Cluster, actor) -> None:
    if actor is not None:
        _require(
            permissions.can_manage_cluster(actor, cluster), _("Bạn không có quyền quản lý cụm, khối này.")
        )


@transaction.atomic
def set_members(
    *, cluster: Cluster, year: int, units: Iterable[Unit], head: Unit, deputy: Unit | None = None, actor=None
) -> list[ClusterMember]:
    """The members of a year with its head and deputy (rotated each year); replaces the year's list."""
    _manage(cluster, actor)
    units = list({u.pk: u for u in units}.values())
    ids = {u.pk for u in units}
    if len(units) < 2:
        raise ValidationError({"units": _("Cụm, khối phải có ít nhất hai đơn vị.")})
    if head.pk not in ids or (deputy is not None and deputy.pk not in ids):
        raise ValidationError({"head": _("Cụm trưởng và cụm phó phải là thành viên.")})
    if deputy is not None and deputy.pk == head.pk:
        raise ValidationError({"deputy": _("Cụm phó phải khác cụm trưởng.")})
    if ClusterVote.objects.filter(cluster=cluster, year=year).exists():
        raise ValidationError(_("Cụm đã bình xét năm %(year)s; không đổi được thành viên.") % {"year": year})
    ClusterMember.objects.filter(cluster=cluster, year=year).exclude(unit_id__in=ids).delete()
    members = []
    for unit in units:
        role = (
            ClusterMember.Role.HEAD
            if unit.pk == head.pk
            else ClusterMember.Role.DEPUTY
            if deputy is not None and unit.pk == deputy.pk
            else ClusterMember.Role.MEMBER
        )
        member, _created = ClusterMember.objects.get_or_create(cluster=cluster, year=year, unit=unit)
        if member.role != role:
            member.role = ClusterMember.Role.MEMBER
            member.save()
        members.append((member, role))
    for member, role in members:  # in two passes, so head and deputy may swap without a conflict
        if member.role != role:
            member.role = role
            member.save()
    return [m for m, _r in members]


@transaction.atomic
def add_criterion(
    *, cluster: Cluster, year: int, name: str, max_points, order: int | None = None, actor=None
):
    _manage(cluster, actor)
    name = nfc(name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nhập tên tiêu chí.")})
    points = _points(max_points, "max_points")
    if not points:
        raise ValidationError({"max_points": _("Điểm tối đa phải là số dương.")})
    if ScoringCriterion.objects.filter(cluster=cluster, year=year, name=name).exists():
        raise ValidationError({"name": _("Đã có tiêu chí này.")})
    if order is None:
        order = ScoringCriterion.objects.filter(cluster=cluster, year=year).count() + 1
    return ScoringCriterion.objects.create(
        cluster=cluster, year=year, name=name, max_points=points, order=order
    )


@transaction.atomic
def score(
    *,
    criterion: ScoringCriterion,
    unit: Unit,
    self_score=None,
    cluster_score=None,
    actor=None,
    expected_version: int | None = None,
    source: str = "",
) -> Score:
    """Enter a member's self-score and/or the cluster's score on a criterion (at most the maximum).

    The member's officers enter the self-score; the cluster's managers enter both."""
    cluster = criterion.cluster
    if not ClusterMember.objects.filter(cluster=cluster, year=criterion.year, unit=unit).exists():
        raise ValidationError(_("Đơn vị không là thành viên của cụm, khối trong năm này."))
    if actor is not None:
        if cluster_score is not None:
            _manage(cluster, actor)
        _require(
            permissions.can_self_score(actor, cluster, unit, criterion.year),
            _("Bạn không có quyền chấm điểm cho đơn vị này."),
        )
    if ClusterVote.objects.filter(cluster=cluster, year=criterion.year).exists():
        raise ValidationError(_("Cụm đã bình xét năm này; không sửa điểm được."))
    values = {
        "self_score": _points(self_score, "self_score"),
        "cluster_score": _points(cluster_score, "cluster_score"),
    }
    for field, value in values.items():
        if value is not None and value > criterion.max_points:
            raise ValidationError(
                {
                    field: _("Điểm không được vượt quá điểm tối đa %(max)s.")
                    % {"max": format_decimal(criterion.max_points)}
                }
            )
    if values["cluster_score"] is not None:
        values["source"] = source  # a score typed by hand clears the source of an earlier automatic one
    row = Score.objects.filter(criterion=criterion, unit=unit).first()
    if row is None:
        return Score.objects.create(criterion=criterion, unit=unit, **values)
    for field, value in values.items():
        if value is not None:
            setattr(row, field, value)
    save_versioned(row, expected_version=expected_version)
    return row


@transaction.atomic
def record_vote(
    *, cluster: Cluster, year: int, votes: dict[int, int], actor=None, note: str = ""
) -> list[ClusterVote]:
    """The members' vote for the leading unit: the most votes leads (a tie is refused); the others rank by
    the cluster's total score. Each member's result is written as its cluster result for the engine."""
    _manage(cluster, actor)
    members = {
        m.unit_id: m for m in ClusterMember.objects.filter(cluster=cluster, year=year).select_related("unit")
    }
    if not members:
        raise ValidationError(_("Cụm chưa có thành viên năm %(year)s.") % {"year": year})
    if set(votes) != set(members):
        raise ValidationError({"votes": _("Nhập số phiếu cho đúng và đủ các thành viên của cụm.")})
    if any(int(v) < 0 for v in votes.values()):
        raise ValidationError({"votes": _("Số phiếu không được âm.")})
    if any(int(v) > len(members) for v in votes.values()):
        raise ValidationError({"votes": _("Số phiếu không được vượt quá số thành viên.")})
    top = max(votes.values())
    leaders = [unit_id for unit_id, v in votes.items() if v == top]
    if top == 0 or len(leaders) > 1:
        raise ValidationError(
            {"votes": _("Chưa xác định được một đơn vị dẫn đầu (số phiếu cao nhất bị trùng).")}
        )
    leader = leaders[0]
    totals = selectors.cluster_totals(cluster, year)
    others = sorted(
        (u for u in members if u != leader),
        key=lambda u: (-(totals.get(u) or Decimal(0)), -votes[u], members[u].unit.code),
    )
    ClusterVote.objects.filter(cluster=cluster, year=year).delete()
    rows = []
    for rank, unit_id in enumerate([leader, *others], start=1):
        rows.append(
            ClusterVote.objects.create(
                cluster=cluster,
                year=year,
                unit_id=unit_id,
                votes=int(votes[unit_id]),
                leading=unit_id == leader,
                rank=rank,
            )
        )
        award_services.set_cluster_result(
            unit=members[unit_id].unit,
            year=year,
            cluster=cluster.name,
            leading=unit_id == leader,
            rank=rank,
            members=len(members),
            source="cluster",
            note=nfc(note).strip(),
        )
    return rows


# --- ratings ------------------------------------------------------------------------------------------------

# Thresholds of the annual rating by the average points (Decree 335/2025): HTXS from 90, HTT from 70, HT from
# 50, KHT below 50; a duty-related discipline in the year forces KHT.
RATING_THRESHOLDS = ((Decimal(90), "HTXS"), (Decimal(70), "HTT"), (Decimal(50), "HT"))
# The HTXS cap: at most CAP_RATIO of the base, per unit (and group) rolled up. Base "htt": those whose points
# reach HTT or above (HTXS + HTT before the cap); "all": everyone rated. Rounding "floor" or "half_up".
CAP_RATIO = Decimal("0.20")
CAP_BASE = "htt"
CAP_ROUNDING = "floor"
# The period points from the three parts Decree 335/2025 names (quantity, quality, timeliness, each 0–100).
# The decree's reports give no weights (docs/domain: task results are scored on the three, nothing more), so
# this is an assumption, tagged as the rule sets tag theirs: equal weights, confidence "U" (unconfirmed).
# When all three parts are entered the points are their weighted mean; otherwise the points are entered.
SCORE_WEIGHTS = {"quantity": Decimal(1), "quality": Decimal(1), "timeliness": Decimal(1)}
SCORE_WEIGHTS_CONFIDENCE = "U"
SCORE_WEIGHTS_BASIS = (
    "NĐ 335/2025 (số lượng, chất lượng, tiến độ); trọng số chưa xác minh: giả định bằng nhau"
)
SCORE_PARTS = ("quantity", "quality", "timeliness")


def points_from_parts(parts: dict, *, weights: dict | None = None) -> Decimal:
    """The period points as the weighted mean of the three parts (0–100 each), to two decimals half up:
    quantity 90, quality 80, timeliness 70 with equal weights give 80,00."""
    weights = SCORE_WEIGHTS if weights is None else weights
    total_weight = sum(Decimal(weights[f]) for f in SCORE_PARTS)
    if total_weight <= 0:
        raise ValueError("score weights must add up to more than 0")
    raw = sum(Decimal(parts[f]) * Decimal(weights[f]) for f in SCORE_PARTS) / total_weight
    return raw.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rating_by_points(points: Decimal) -> str:
    for threshold, value in RATING_THRESHOLDS:
        if points >= threshold:
            return value
    return "KHT"


def htxs_cap(count: int, *, ratio: Decimal = CAP_RATIO, rounding: str = CAP_ROUNDING) -> int:
    """How many HTXS a base of `count` people allows: 20 % of 12 is 2 (floor) or 2 (half up); of 13, 2 or 3."""
    raw = Decimal(count) * ratio
    if rounding == "half_up":
        return int(raw.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if rounding == "floor":
        return int(raw // 1)
    raise ValueError(f"unknown rounding: {rounding}")


@transaction.atomic
def record_period_score(
    *,
    person: Person,
    unit: Unit,
    year: int,
    period: int,
    points=None,
    kind: str = PeriodScore.Kind.MONTH,
    quantity=None,
    quality=None,
    timeliness=None,
    actor=None,
    expected_version: int | None = None,
) -> PeriodScore:
    if actor is not None:
        _require(
            permissions.can_edit_unit(actor, unit),
            _("Bạn không có quyền chấm điểm công chức của đơn vị này."),
        )
    if kind not in PeriodScore.Kind.values:
        raise ValidationError({"kind": _("Kỳ đánh giá không hợp lệ.")})
    limit = 12 if kind == PeriodScore.Kind.MONTH else 4
    if not (1 <= int(period) <= limit):
        raise ValidationError({"period": _("Kỳ phải từ 1 đến %(n)s.") % {"n": limit}})
    values = {}
    for field, value in {
        "points": points,
        "quantity": quantity,
        "quality": quality,
        "timeliness": timeliness,
    }.items():
        number = _points(value, field)
        if number is not None and number > 100:
            raise ValidationError({field: _("Điểm phải từ 0 đến 100.")})
        values[field] = number
    entered = [f for f in SCORE_PARTS if values[f] is not None]
    if len(entered) == len(SCORE_PARTS):
        computed = points_from_parts(values)
        if values["points"] is not None and values["points"] != computed:
            raise ValidationError(
                {
                    "points": _(
                        "Điểm kỳ được tính từ số lượng, chất lượng, tiến độ (%(p)s); để trống ô điểm hoặc sửa các phần."
                    )
                    % {"p": str(computed).replace(".", ",")}
                }
            )
        values["points"] = computed
    elif entered:
        raise ValidationError(_("Nhập đủ ba phần số lượng, chất lượng, tiến độ, hoặc để trống cả ba."))
    if values["points"] is None:
        raise ValidationError({"points": _("Nhập điểm của kỳ.")})
    if AnnualRating.objects.filter(person=person, year=year).exists():
        raise ValidationError(_("Đã xếp loại cuối năm %(year)s; không sửa điểm kỳ được.") % {"year": year})
    if not selectors.people_of_unit_in_year(unit, year).filter(pk=person.pk).exists():
        raise ValidationError({"person": _("Cá nhân không công tác tại đơn vị trong năm này.")})
    row = PeriodScore.objects.filter(person=person, year=year, kind=kind, period=period).first()
    if row is None:
        return PeriodScore.objects.create(
            person=person, unit=unit, year=year, kind=kind, period=int(period), **values
        )
    for field, value in values.items():
        setattr(row, field, value)
    row.unit = unit
    save_versioned(row, expected_version=expected_version)
    return row


def _rate(*, unit: Unit, year: int, cap_ratio, cap_base: str, cap_rounding: str) -> list[AnnualRating]:
    """The annual ratings of everyone scored in `unit` for `year`, unsaved, with the cap applied per group
    with similar tasks and then per unit (see `roll_up_ratings`)."""
    if cap_base not in ("htt", "all"):
        raise ValidationError({"cap_base": _("Cơ sở tính tỷ lệ HTXS không hợp lệ.")})
    scores = (
        PeriodScore.objects.filter(unit=unit, year=year)
        .values("person_id")
        .annotate(mean=Avg("points"), n=Count("id"))
    )
    if not scores:
        raise ValidationError(_("Chưa có điểm đánh giá nào của đơn vị trong năm %(year)s.") % {"year": year})
    people = {p.pk: p for p in Person.objects.filter(pk__in=[s["person_id"] for s in scores])}
    disciplined = set(
        Discipline.objects.filter(person_id__in=people, year=year, duty_related=True).values_list(
            "person_id", flat=True
        )
    )
    group_of = {
        m.person_id: m.group
        for m in RatingGroupMember.objects.filter(unit=unit, person_id__in=people).select_related("group")
    }
    rows = []
    for s in scores:
        points = Decimal(s["mean"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        by_points = rating_by_points(points)
        forced = s["person_id"] in disciplined
        rows.append(
            AnnualRating(
                person=people[s["person_id"]],
                unit=unit,
                year=year,
                periods=s["n"],
                points=points,
                by_points=by_points,
                value="KHT" if forced else by_points,
                forced_by_discipline=forced,
                group=group_of.get(s["person_id"]),
            )
        )

    def cap(members: list[AnnualRating], where: str) -> None:
        allowed = htxs_cap(_cap_base(members, cap_base), ratio=Decimal(cap_ratio), rounding=cap_rounding)
        excellent = sorted(
            (r for r in members if r.value == "HTXS"), key=lambda r: (-r.points, r.person.sort_key)
        )
        for r in excellent[allowed:]:
            r.value, r.capped, r.capped_in = "HTT", True, where

    for members in _by_group(rows):
        cap(members, "group")
    cap(rows, "unit")
    return rows


def _cap_base(members: list[AnnualRating], cap_base: str) -> int:
    """Whom the HTXS ratio counts: those at HTT or above by points, or everyone rated (base "all")."""
    return len(members) if cap_base == "all" else sum(1 for r in members if r.value in ("HTXS", "HTT"))


def _by_group(rows: list[AnnualRating]) -> list[list[AnnualRating]]:
    """The ratings of each rating group of the unit, groups in Vietnamese name order (the ungrouped left out)."""
    groups: dict[int, list[AnnualRating]] = {}
    for r in rows:
        if r.group is not None:
            groups.setdefault(r.group.pk, []).append(r)
    return sorted(groups.values(), key=lambda members: fold(members[0].group.name))


@dataclass(frozen=True)
class CapCheck:
    """The HTXS cap in one scope (a group with similar tasks, or the whole unit) on the current scores."""

    scope: str  # "group" | "unit"
    name: str
    base: int  # those at HTT or above by points (or everyone rated, with base "all")
    allowed: int
    excellent: int  # HTXS by points (a duty-related discipline excluded)

    @property
    def over(self) -> int:
        return max(0, self.excellent - self.allowed)


def htxs_cap_check(
    *,
    unit: Unit,
    year: int,
    cap_ratio: Decimal = CAP_RATIO,
    cap_base: str = CAP_BASE,
    cap_rounding: str = CAP_ROUNDING,
) -> list[CapCheck]:
    """The HTXS cap per group (by name) and for the unit, on the current period scores, before the roll-up
    lowers anyone: the ratings page and the API warn where the HTXS by points exceed what is allowed. Empty
    when nobody is scored yet. Writes nothing."""
    try:
        rows = _rate(unit=unit, year=year, cap_ratio=Decimal(1), cap_base=cap_base, cap_rounding=cap_rounding)
    except ValidationError:
        return []

    def check(scope: str, name: str, members: list[AnnualRating]) -> CapCheck:
        base = _cap_base(members, cap_base)
        return CapCheck(
            scope=scope,
            name=name,
            base=base,
            allowed=htxs_cap(base, ratio=Decimal(cap_ratio), rounding=cap_rounding),
            excellent=sum(1 for r in members if r.value == "HTXS"),
        )

    checks = [check("group", members[0].group.name, members) for members in _by_group(rows)]
    return [*checks, check("unit", unit.name, rows)]


@transaction.atomic
def roll_up_ratings(
    *,
    unit: Unit,
    year: int,
    actor=None,
    cap_ratio: Decimal = CAP_RATIO,
    cap_base: str = CAP_BASE,
    cap_rounding: str = CAP_ROUNDING,
) -> list[AnnualRating]:
    """Roll the period scores of everyone scored in `unit` for `year` into the annual rating, apply the
    discipline rule and the HTXS cap, and write each rating to the award history (`awards.set_rating`).

    The cap (Decree 335/2025: per unit and per group with similar tasks) applies first inside each group of
    the unit (`RatingGroup`), then over the whole unit. Over a cap, the HTXS with the lowest points become
    HTT (ties: Vietnamese name order decides, last first), flagged with where the cap bit (`capped_in`).
    Running it again recomputes from the current scores and groups."""
    if actor is not None:
        _require(
            permissions.can_edit_unit(actor, unit), _("Bạn không có quyền xếp loại công chức của đơn vị này.")
        )
    rows = _rate(unit=unit, year=year, cap_ratio=cap_ratio, cap_base=cap_base, cap_rounding=cap_rounding)
    AnnualRating.objects.filter(person_id__in=[r.person_id for r in rows], year=year).delete()
    for r in rows:  # one by one, not bulk_create: each rating is then in the audit log (django-auditlog)
        r.save()
    for r in rows:
        award_services.set_rating(person=r.person, year=year, value=r.value, points=r.points)
    return sorted(rows, key=lambda r: (-r.points, r.person.sort_key))


def create_rating_group(
    *, unit: Unit, name: str, people: Iterable[Person] = (), year: int | None = None, actor=None
) -> RatingGroup:
    """A named group with similar tasks inside `unit` (e.g. "Đội kiểm soát"), for the HTXS cap, with its
    members (`set_rating_group_members`), all or nothing."""
    return save_rating_group(unit=unit, name=name, people=people, year=year, actor=actor)


@transaction.atomic
def save_rating_group(
    *,
    unit: Unit,
    name: str,
    people: Iterable[Person] = (),
    group: RatingGroup | None = None,
    year: int | None = None,
    actor=None,
) -> RatingGroup:
    """Create a rating group of `unit`, or rename `group` (one of the unit's), and set its members (who must
    have worked in the unit this year, last year or in `year`, the year being rated)."""
    if actor is not None:
        _require(permissions.can_edit_unit(actor, unit), _("Bạn không có quyền lập nhóm của đơn vị này."))
    if group is not None and group.unit_id != unit.pk:
        raise ValidationError(_("Nhóm không thuộc đơn vị này."))
    name = nfc(name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nhập tên nhóm.")})
    others = RatingGroup.objects.filter(unit=unit).exclude(pk=group.pk if group else None)
    if name.casefold() in {n.casefold() for n in others.values_list("name", flat=True)}:
        raise ValidationError({"name": _("Đơn vị đã có nhóm «%(name)s».") % {"name": name}})
    if group is None:
        group = RatingGroup.objects.create(unit=unit, name=name)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name", "updated_at"])
    return set_rating_group_members(group=group, people=people, year=year, actor=actor)


@transaction.atomic
def set_rating_group_members(
    *, group: RatingGroup, people: Iterable[Person], year: int | None = None, actor=None
) -> RatingGroup:
    """Replace the members of `group`. A person already in another group of the unit moves to this one.
    Everyone must have worked in the unit this year or last year (the year-end roll-up comes in January, for
    people some of whom have left since), or in `year`, the year being rated when the page names one. Each
    added or removed member is in the audit log."""
    unit = group.unit
    if actor is not None:
        _require(permissions.can_edit_unit(actor, unit), _("Bạn không có quyền lập nhóm của đơn vị này."))
    people = list(people)
    this_year = _today().year
    years = sorted({this_year - 1, this_year} | ({year} if year is not None else set()))
    working: set[int] = set()
    for worked in years:
        working.update(
            selectors.people_of_unit_in_year(unit, worked)
            .filter(pk__in=[p.pk for p in people])
            .values_list("pk", flat=True)
        )
    strangers = [p for p in people if p.pk not in working]
    if strangers:
        raise ValidationError(
            {
                "people": _("Không công tác tại đơn vị trong năm %(years)s: %(names)s.")
                % {
                    "years": ", ".join(str(y) for y in years),
                    "names": ", ".join(p.full_name for p in sorted(strangers, key=lambda p: p.sort_key)),
                }
            }
        )
    wanted = {p.pk for p in people}
    for member in RatingGroupMember.objects.filter(unit=unit).filter(
        Q(group=group) & ~Q(person_id__in=wanted) | Q(person_id__in=wanted) & ~Q(group=group)
    ):
        member.delete()  # one by one: audited
    have = set(RatingGroupMember.objects.filter(group=group).values_list("person_id", flat=True))
    for pk in sorted(wanted - have):
        RatingGroupMember.objects.create(group=group, unit=unit, person_id=pk)
    return group


@transaction.atomic
def delete_rating_group(*, group: RatingGroup, actor=None) -> None:
    if actor is not None:
        _require(
            permissions.can_edit_unit(actor, group.unit), _("Bạn không có quyền lập nhóm của đơn vị này.")
        )
    for member in RatingGroupMember.objects.filter(group=group):
        member.delete()
    group.delete()


@transaction.atomic
def record_actuals(*, entries: list[tuple[Target, int, Decimal, str]], actor=None) -> tuple[int, int, int]:
    """Many period results at once (the .xlsx import): (target, period, value, note) each, already checked.

    Rows equal to what is stored are skipped without a write; new and changed rows are saved one by one
    (so each is in the audit log); then the totals of the targets touched are recomputed together.
    Returns (created, changed, unchanged)."""
    target_ids = {t.pk for t, *_rest in entries}
    locked = {
        t.pk: t
        for t in Target.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk__in=target_ids)
    }
    if actor is not None:
        for target in locked.values():
            _require(
                permissions.can_edit_target(actor, target), _("Bạn không có quyền nhập kết quả chỉ tiêu này.")
            )
    existing = {(a.target_id, a.period): a for a in Actual.objects.filter(target_id__in=target_ids)}
    created = changed = unchanged = 0
    touched = set()
    for target, period, value, note in entries:
        target = locked[target.pk]
        if not (1 <= period <= target.periods_in_year):
            raise ValidationError({"period": _("Kỳ phải từ 1 đến %(n)s.") % {"n": target.periods_in_year}})
        number, note = _decimal(value, "value"), nfc(note or "").strip()
        actual = existing.get((target.pk, period))
        if actual is None:
            existing[(target.pk, period)] = Actual.objects.create(
                target=target, period=period, value=number, note=note
            )
            created += 1
        elif actual.value == number and actual.note == note:
            unchanged += 1
            continue
        else:
            actual.value, actual.note, actual.lock_version = number, note, actual.lock_version + 1
            actual.save()
            changed += 1
        touched.add(target.pk)
    if touched:
        figures = {
            row["target_id"]: row
            for row in Actual.objects.filter(target_id__in=touched)
            .values("target_id")
            .annotate(total=Sum("value"), mean=Avg("value"), n=Count("id"))
        }
        for pk in touched:
            target, row = locked[pk], figures[pk]
            total = row["total"] if target.aggregation == Target.Aggregation.SUM else row["mean"]
            target.actual_total = Decimal(total).quantize(VALUE_PLACES, rounding=ROUND_HALF_UP)
            target.periods_reported = row["n"]
            target.attainment = selectors.attainment_of(
                target.planned, target.actual_total, target.higher_is_better
            )
        Target.objects.bulk_update(
            [locked[pk] for pk in touched], ["actual_total", "periods_reported", "attainment"], batch_size=500
        )
    return created, changed, unchanged


# --- office culture -----------------------------------------------------------------------------------------


@transaction.atomic
def create_checklist(
    *,
    name: str,
    owner: Unit,
    year: int,
    criteria: Iterable[tuple[str, object]],
    movement: Movement | None = None,
    actor=None,
) -> CultureChecklist:
    """A checklist with its criteria (text, maximum points)."""
    if actor is not None:
        _require(
            permissions.can_edit_unit(actor, owner),
            _("Bạn không có quyền ban hành bộ tiêu chí của đơn vị này."),
        )
    name = nfc(name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nhập tên bộ tiêu chí.")})
    rows = []
    for text, points in criteria:
        text = nfc(text or "").strip()
        number = _points(points, "criteria")
        if not text or not number:
            raise ValidationError({"criteria": _("Mỗi tiêu chí cần nội dung và điểm tối đa dương.")})
        rows.append((text, number))
    if not rows:
        raise ValidationError({"criteria": _("Nhập ít nhất một tiêu chí.")})
    if len({t for t, _p in rows}) != len(rows):
        raise ValidationError({"criteria": _("Có tiêu chí bị trùng.")})
    if CultureChecklist.objects.filter(owner=owner, year=year, name=name).exists():
        raise ValidationError({"name": _("Đơn vị đã có bộ tiêu chí tên này trong năm.")})
    checklist = CultureChecklist.objects.create(name=name, owner=owner, year=year, movement=movement)
    for order, (text, points) in enumerate(rows, start=1):
        CultureCriterion.objects.create(checklist=checklist, order=order, text=text, max_points=points)
    return checklist


@transaction.atomic
def record_inspection(
    *,
    checklist: CultureChecklist,
    unit: Unit,
    inspected_on: date,
    scores: dict[int, object],
    inspectors: str = "",
    note: str = "",
    actor=None,
) -> Inspection:
    """An inspection of `unit` with a score (0 … maximum) on every criterion of the checklist."""
    if actor is not None:
        _require(
            permissions.can_inspect(actor, checklist), _("Bạn không có quyền kiểm tra theo bộ tiêu chí này.")
        )
        _require(permissions.can_edit_unit(actor, unit), _("Đơn vị không thuộc phạm vi kiểm tra của bạn."))
    if inspected_on.year != checklist.year:
        raise ValidationError(
            {"inspected_on": _("Ngày kiểm tra phải trong năm %(year)s.") % {"year": checklist.year}}
        )
    criteria = list(checklist.criteria.all())
    if set(scores) != {c.pk for c in criteria}:
        raise ValidationError({"scores": _("Chấm điểm đủ tất cả các tiêu chí.")})
    values = {}
    for criterion in criteria:
        number = _points(scores[criterion.pk], "scores")
        if number is None or number > criterion.max_points:
            raise ValidationError(
                {
                    "scores": _("«%(text)s»: điểm phải từ 0 đến %(max)s.")
                    % {"text": criterion.text, "max": format_decimal(criterion.max_points)}
                }
            )
        values[criterion.pk] = number
    if Inspection.objects.filter(checklist=checklist, unit=unit, inspected_on=inspected_on).exists():
        raise ValidationError(_("Đơn vị đã được kiểm tra ngày này."))
    inspection = Inspection.objects.create(
        checklist=checklist,
        unit=unit,
        inspected_on=inspected_on,
        inspectors=nfc(inspectors).strip(),
        note=nfc(note).strip(),
        points=sum(values.values(), Decimal(0)),
        max_points=sum((c.max_points for c in criteria), Decimal(0)),
    )
    bulk_create_logged(
        InspectionScore,
        [InspectionScore(inspection=inspection, criterion_id=pk, points=v) for pk, v in values.items()],
    )
    return inspection


@transaction.atomic
def feed_cluster_criterion(
    *, checklist: CultureChecklist, criterion: ScoringCriterion, actor=None
) -> dict[int, Decimal]:
    """Write each cluster member's office-culture result as the cluster's score on `criterion`: the member's
    average share of the checklist's points over its inspections × the criterion's maximum. Members not
    inspected are left as they are. Returns unit id → the score written."""
    if checklist.year != criterion.year:
        raise ValidationError(_("Bộ tiêu chí và tiêu chí chấm điểm của cụm phải cùng năm."))
    _manage(criterion.cluster, actor)
    shares = selectors.culture_shares(checklist)
    written = {}
    members = ClusterMember.objects.filter(cluster=criterion.cluster, year=criterion.year).select_related(
        "unit"
    )
    for member in members:
        if member.unit_id not in shares:
            continue
        value = (shares[member.unit_id] * criterion.max_points).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        percent = format_decimal(shares[member.unit_id] * 100, 2)
        source = _("Văn hóa công sở: %(name)s (%(percent)s %%)") % {
            "name": checklist.name,
            "percent": percent,
        }
        score(criterion=criterion, unit=member.unit, cluster_score=value, source=source)
        written[member.unit_id] = value
    if not written:
        raise ValidationError(_("Chưa có thành viên nào của cụm được kiểm tra theo bộ tiêu chí này."))
    return written


@transaction.atomic
def feed_cluster_criterion_from_cdci(*, criterion: ScoringCriterion, actor=None) -> dict[int, Decimal]:
    """Write each cluster member's CDCI result of the criterion's year (the business satisfaction survey,
    `surveys.selectors.branch_indexes`) as the cluster's score on `criterion`: overall index / 100 × the
    criterion's maximum, with the index, rank and respondents as the score's source. Members the survey
    did not rate, or rated by too few enterprises to publish, are left as they are. Returns unit id → score."""

    _manage(criterion.cluster, actor)
    written = {}
    members = list(
        ClusterMember.objects.filter(cluster=criterion.cluster, year=criterion.year).select_related("unit")
    )
    indexes = branch_indexes([m.unit_id for m in members], criterion.year)  # each survey computed once
    for member in members:
        index = indexes.get(member.unit_id)
        if index is None:
            continue
        value = (Decimal(str(index.overall)) / 100 * criterion.max_points).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        source = _(
            "Chỉ số CDCI năm %(year)s: %(index)s/100, xếp thứ %(rank)s/%(of)s, %(n)s doanh nghiệp đánh giá"
        ) % {
            "year": criterion.year,
            "index": format_decimal(Decimal(str(index.overall)), 2),
            "rank": index.rank,
            "of": index.of,
            "n": index.respondents,
        }
        score(criterion=criterion, unit=member.unit, cluster_score=value, source=source)
        written[member.unit_id] = value
    if not written:
        raise ValidationError(
            _("Chưa có kết quả khảo sát CDCI năm %(year)s của thành viên nào trong cụm.")
            % {"year": criterion.year}
        )
    return written


# --- the emulation calendar and reminders -------------------------------------------------------------------

REMINDER_ROLES = ("officer", "leader")


@transaction.atomic
def add_calendar_entry(
    *,
    unit: Unit,
    kind: str,
    title: str,
    due_on: date,
    remind_days: int = 7,
    movement: Movement | None = None,
    actor=None,
) -> CalendarEntry:
    if actor is not None:
        _require(
            permissions.can_edit_unit(actor, unit), _("Bạn không có quyền sửa lịch thi đua của đơn vị này.")
        )
    title = nfc(title or "").strip()
    if not title:
        raise ValidationError({"title": _("Nhập nội dung.")})
    if kind not in CalendarEntry.Kind.values:
        raise ValidationError({"kind": _("Loại mốc không hợp lệ.")})
    if not (0 <= int(remind_days) <= 90):
        raise ValidationError({"remind_days": _("Số ngày nhắc trước phải từ 0 đến 90.")})
    entry, _created = CalendarEntry.objects.get_or_create(
        unit=unit,
        kind=kind,
        due_on=due_on,
        title=title[:300],
        defaults={"year": due_on.year, "remind_days": int(remind_days), "movement": movement},
    )
    return entry


def movement_calendar(movement: Movement) -> list[CalendarEntry]:
    """The movement's dates in its launching unit's calendar: registration deadline, sơ kết, tổng kết."""
    dates = [
        (CalendarEntry.Kind.REGISTRATION, movement.registration_deadline),
        (CalendarEntry.Kind.MIDTERM, movement.midterm_on),
        (CalendarEntry.Kind.FINAL, movement.ends_on),
    ]
    return [
        add_calendar_entry(
            unit=movement.launching_unit,
            kind=kind,
            title=f"{CalendarEntry.Kind(kind).label}: {movement.name}",
            due_on=day,
            movement=movement,
        )
        for kind, day in dates
        if day is not None
    ]


def send_due_reminders(*, today: date | None = None) -> int:
    """Remind once, from `remind_days` before the date until the date: a notice to the unit and an e-mail
    (through the configured SMTP server) to the officers and leaders whose role is on that unit. Returns the
    number of entries reminded. Safe to run every day: an entry reminded is not reminded again; if the mail
    server refuses, nothing is marked and the error is raised."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection

    today = today or _today()
    sent = 0
    due = CalendarEntry.objects.filter(reminded_on__isnull=True, due_on__gte=today).select_related("unit")
    messages = []
    with transaction.atomic():
        for entry in due.select_for_update(of=("self",)).order_by("due_on", "id"):
            if (entry.due_on - today).days > entry.remind_days:
                continue
            text = _("Nhắc lịch thi đua: %(title)s – ngày %(day)s.") % {
                "title": entry.title,
                "day": format_date(entry.due_on),
            }
            UnitNotification.objects.create(unit=entry.unit, movement=entry.movement, text=text[:600])
            recipients = sorted(
                set(
                    RoleAssignment.objects.filter(unit=entry.unit, role__in=REMINDER_ROLES)
                    .exclude(user__email="")
                    .values_list("user__email", flat=True)
                )
            )
            if recipients:
                messages.append(
                    EmailMessage(
                        subject=f"[TĐKT] {entry.get_kind_display()}: {format_date(entry.due_on)}",
                        body=f"{text}\n\n{entry.unit.name}",
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        to=recipients,
                    )
                )
            entry.reminded_on = today
            entry.save(update_fields=["reminded_on", "updated_at"])
            sent += 1
        if (
            messages
        ):  # inside the transaction: if the mail server fails, nothing is marked and the next run retries
            with get_connection(fail_silently=False) as connection:
                connection.send_messages(messages)
    return sent


# --- sơ kết and tổng kết reviews -----------------------------------------------------------------------------


@transaction.atomic
def save_review(
    *,
    movement: Movement,
    kind: str,
    held_on: date,
    period_from: date,
    period_to: date,
    document: str = "",
    awards_given: str = "",
    note: str = "",
    review: MovementReview | None = None,
    actor=None,
    expected_version: int | None = None,
) -> MovementReview:
    """Record (or correct) a sơ kết or tổng kết review of a launched movement: the period it covers (inside
    the movement's), the day it was held, its decision or report, and the awards given at it."""
    if actor is not None:
        _require(
            permissions.can_manage_movement(actor, movement),
            _("Bạn không có quyền ghi sơ kết, tổng kết phong trào này."),
        )
    if movement.status == Movement.Status.DRAFT:
        raise ValidationError(_("Phong trào chưa được phát động."))
    if kind not in MovementReview.Kind.values:
        raise ValidationError({"kind": _("Chọn sơ kết hoặc tổng kết.")})
    if period_to < period_from:
        raise ValidationError({"period_to": _("Kỳ sơ kết, tổng kết phải kết thúc sau khi bắt đầu.")})
    if period_from < movement.starts_on or period_to > movement.ends_on:
        raise ValidationError(
            {
                "period_from": _("Kỳ phải nằm trong thời gian thực hiện phong trào (%(a)s – %(b)s).")
                % {"a": format_date(movement.starts_on), "b": format_date(movement.ends_on)}
            }
        )
    if held_on < period_from:
        raise ValidationError({"held_on": _("Ngày tổ chức không được trước kỳ sơ kết, tổng kết.")})
    others = MovementReview.objects.filter(movement=movement)
    if review is not None:
        others = others.exclude(pk=review.pk)
    if kind == MovementReview.Kind.FINAL and others.filter(kind=kind).exists():
        raise ValidationError({"kind": _("Phong trào đã có hội nghị tổng kết.")})
    if others.filter(kind=kind, period_to=period_to).exists():
        raise ValidationError({"period_to": _("Đã có một lần sơ kết, tổng kết cho kỳ này.")})
    values = {
        "kind": kind,
        "held_on": held_on,
        "period_from": period_from,
        "period_to": period_to,
        "document": nfc(document or "").strip(),
        "awards_given": nfc(awards_given or "").strip(),
        "note": nfc(note or "").strip(),
    }
    if review is None:
        return MovementReview.objects.create(movement=movement, **values)
    review = MovementReview.objects.select_for_update().get(pk=review.pk, movement=movement)
    for field, value in values.items():
        setattr(review, field, value)
    save_versioned(review, expected_version=expected_version)
    return review
