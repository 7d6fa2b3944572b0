"""Every write to the organisation goes through these named, atomic services.

Each records who did it: field changes through the audit log (django-auditlog), restructuring steps
as UnitEvent rows with predecessor and successor links.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.core.services import save_versioned
from tdkt.core.text import nfc
from tdkt.org.models import (
    Membership,
    Person,
    Position,
    RoleAssignment,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitEventLink,
    UnitVersion,
)
from tdkt.org.selectors import active_on, subtree_ids


@dataclass(frozen=True)
class NewUnit:
    code: str
    name: str
    kind: str
    short_name: str = ""


def _check_parent_active(parent: Unit | None, day: date) -> None:
    if parent is not None and not parent.is_active_on(day):
        raise ValidationError(
            _("Đơn vị cấp trên %(name)s không còn hiệu lực vào ngày %(day)s.")
            % {"name": parent.name, "day": day.strftime("%d/%m/%Y")}
        )


def _open_version(unit: Unit) -> UnitVersion:
    version = unit.versions.select_for_update().filter(valid_to__isnull=True).first()
    if version is None:  # dissolved, merged or split: the unit has no current name to change
        raise ValidationError(
            _("Đơn vị %(name)s đã giải thể hoặc sáp nhập; không thay đổi được.") % {"name": unit.name}
        )
    return version


def _close(unit: Unit, day: date) -> None:
    version = _open_version(unit)
    if day <= version.valid_from:
        raise ValidationError(
            _("Ngày hiệu lực phải sau %(day)s, ngày bắt đầu của tên hiện tại.")
            % {"day": version.valid_from.strftime("%d/%m/%Y")}
        )
    version.valid_to = day
    version.save()


def _event(kind: str, day: date, *, decision: str, note: str, actor, before=(), after=()) -> UnitEvent:
    event = UnitEvent.objects.create(kind=kind, date=day, decision=nfc(decision), note=note, created_by=actor)
    links = [UnitEventLink(event=event, unit=u, role=UnitEventLink.Role.PREDECESSOR) for u in before]
    links += [UnitEventLink(event=event, unit=u, role=UnitEventLink.Role.SUCCESSOR) for u in after]
    UnitEventLink.objects.bulk_create(links)
    return event


@transaction.atomic
def create_unit(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: date,
    short_name: str = "",
    actor=None,
    decision: str = "",
    record_event: bool = True,
) -> Unit:
    _check_parent_active(parent, valid_from)
    if Unit.objects.filter(code=code.strip()).exists():
        raise ValidationError(_("Mã đơn vị %(code)s đã tồn tại.") % {"code": code})
    unit = Unit(
        code=code.strip(), name=name, short_name=short_name, kind=kind, parent=parent, valid_from=valid_from
    )
    unit.full_clean()
    unit.save()
    UnitVersion.objects.create(
        unit=unit, name=name, short_name=short_name, parent=parent, valid_from=valid_from
    )
    if record_event:
        _event(UnitEventKind.ESTABLISH, valid_from, decision=decision, note="", actor=actor, after=[unit])
    return unit


@transaction.atomic
def rename_unit(
    *,
    unit: Unit,
    name: str,
    short_name: str | None = None,
    on: date,
    actor=None,
    decision: str = "",
    expected_version: int | None = None,
) -> Unit:
    """The same unit under a new name from `on`: its history stays with it."""
    return _new_version(
        unit,
        on,
        name=name,
        short_name=short_name,
        parent=unit.parent,
        kind=UnitEventKind.RENAME,
        actor=actor,
        decision=decision,
        expected_version=expected_version,
    )


@transaction.atomic
def move_unit(
    *, unit: Unit, parent: Unit, on: date, actor=None, decision: str = "", expected_version: int | None = None
) -> Unit:
    """The same unit under another parent from `on`."""
    if parent.pk == unit.pk or parent.pk in _descendant_ids(unit, on):
        raise ValidationError(_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."))
    return _new_version(
        unit,
        on,
        name=unit.name,
        short_name=unit.short_name,
        parent=parent,
        kind=UnitEventKind.MOVE,
        actor=actor,
        decision=decision,
        expected_version=expected_version,
    )


def _descendant_ids(unit: Unit, on: date) -> list[int]:

    return subtree_ids(unit, on)


def _new_version(unit, on, *, name, short_name, parent, kind, actor, decision, expected_version) -> Unit:
    if not unit.is_active_on(on):
        raise ValidationError(_("Đơn vị không còn hiệu lực vào ngày này."))
    _check_parent_active(parent, on)
    _close(unit, on)
    short = unit.short_name if short_name is None else short_name
    UnitVersion.objects.create(unit=unit, name=name, short_name=short, parent=parent, valid_from=on)
    unit.name, unit.short_name, unit.parent = name, short, parent
    save_versioned(unit, expected_version=expected_version)
    _event(kind, on, decision=decision, note="", actor=actor, before=[unit], after=[unit])
    return unit


def _end_unit(unit: Unit, on: date) -> None:
    """End a unit and, with it, its open version. Its sub-units must have been moved or ended first."""
    if UnitVersion.objects.filter(active_on(on), parent=unit).exists():
        raise ValidationError(
            _("Đơn vị %(name)s còn đơn vị cấp dưới vào ngày %(day)s; hãy chuyển hoặc giải thể chúng trước.")
            % {"name": unit.name, "day": on.strftime("%d/%m/%Y")}
        )
    _close(unit, on)
    unit.valid_to = on
    save_versioned(unit, expected_version=None)
    _end_memberships(unit, on)


def _end_memberships(unit: Unit, on: date) -> None:
    for membership in Membership.objects.filter(unit=unit, valid_to__isnull=True):
        membership.valid_to = on
        membership.save()


def _move_children(units: list[Unit], to: Unit, on: date, actor, decision: str) -> None:
    child_versions = UnitVersion.objects.filter(active_on(on), parent__in=units).select_related("unit")
    for version in child_versions:
        move_unit(unit=version.unit, parent=to, on=on, actor=actor, decision=decision)


def _transfer_members(units: list[Unit], to: Unit, on: date) -> None:
    for membership in Membership.objects.filter(unit__in=units, valid_to__isnull=True):
        membership.valid_to = on
        membership.save()
        Membership.objects.create(
            person=membership.person, unit=to, position=membership.position, valid_from=on
        )


@transaction.atomic
def merge_units(
    *,
    units: list[Unit],
    into: NewUnit | Unit,
    parent: Unit | None,
    on: date,
    actor=None,
    decision: str = "",
    note: str = "",
    move_children: bool = True,
    transfer_members: bool = True,
) -> Unit:
    """Merge `units` into a new unit (hợp nhất) or into an existing one (sáp nhập) from `on`."""
    if not units:
        raise ValidationError(_("Chọn ít nhất một đơn vị để sáp nhập."))
    target = (
        into
        if isinstance(into, Unit)
        else create_unit(
            code=into.code,
            name=into.name,
            kind=into.kind,
            short_name=into.short_name,
            parent=parent,
            valid_from=on,
            actor=actor,
            record_event=False,
        )
    )
    merged = [u for u in units if u.pk != target.pk]
    if move_children:
        _move_children(merged, target, on, actor, decision)
    if transfer_members:
        _transfer_members(merged, target, on)
    for unit in merged:
        _end_unit(unit, on)
    _event(UnitEventKind.MERGE, on, decision=decision, note=note, actor=actor, before=merged, after=[target])
    return target


@transaction.atomic
def split_unit(
    *,
    unit: Unit,
    into: list[NewUnit],
    parent: Unit | None,
    on: date,
    actor=None,
    decision: str = "",
    note: str = "",
) -> list[Unit]:
    """Split `unit` into new units from `on`. People and sub-units must be placed first (or after,
    through moves), since only a person can say where each belongs."""
    if len(into) < 2:
        raise ValidationError(_("Chia tách cần ít nhất hai đơn vị mới."))
    created = [
        create_unit(
            code=n.code,
            name=n.name,
            kind=n.kind,
            short_name=n.short_name,
            parent=parent,
            valid_from=on,
            actor=actor,
            record_event=False,
        )
        for n in into
    ]
    _move_children([unit], created[0], on, actor, decision)
    _transfer_members([unit], created[0], on)
    _end_unit(unit, on)
    _event(UnitEventKind.SPLIT, on, decision=decision, note=note, actor=actor, before=[unit], after=created)
    return created


@transaction.atomic
def dissolve_unit(*, unit: Unit, on: date, actor=None, decision: str = "", note: str = "") -> None:
    _end_unit(unit, on)
    _event(UnitEventKind.DISSOLVE, on, decision=decision, note=note, actor=actor, before=[unit])


@transaction.atomic
def update_unit_details(*, unit: Unit, name: str, short_name: str, expected_version: int | None) -> Unit:
    """Correct the current name (a typo), without recording a rename."""
    version = _open_version(unit)
    version.name, version.short_name = name, short_name
    version.save()
    unit.name, unit.short_name = name, short_name
    save_versioned(unit, expected_version=expected_version)
    return unit


# People ---------------------------------------------------------------------------------------------

PERSON_FIELDS = ("family_name", "middle_name", "given_name", "gender", "date_of_birth", "staff_code")


@transaction.atomic
def create_person(
    *,
    family_name: str,
    middle_name: str,
    given_name: str,
    gender: str,
    date_of_birth: date | None = None,
    staff_code: str | None = None,
    unit: Unit | None = None,
    position: Position | None = None,
    since: date | None = None,
) -> Person:
    person = Person(
        family_name=family_name,
        middle_name=middle_name,
        given_name=given_name,
        gender=gender,
        date_of_birth=date_of_birth,
        staff_code=staff_code or None,
    )
    person.full_clean(exclude=["full_name", "search_text", "sort_key"])
    person.save()
    if unit is not None:
        add_membership(person=person, unit=unit, position=position, valid_from=since or date.today())
    return person


@transaction.atomic
def update_person(*, person: Person, expected_version: int | None, **values) -> Person:
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(person, name, value or None if name == "staff_code" else value)
    person.full_clean(exclude=["full_name", "search_text", "sort_key"])
    save_versioned(person, expected_version=expected_version)
    return person


@transaction.atomic
def add_membership(
    *, person: Person, unit: Unit, position: Position | None, valid_from: date, valid_to: date | None = None
) -> Membership:
    """Place a person in a unit from `valid_from`; a current membership elsewhere ends the day before."""
    if not unit.is_active_on(valid_from):
        raise ValidationError(_("Đơn vị %(name)s không có hiệu lực vào ngày bắt đầu.") % {"name": unit.name})
    current = person.memberships.select_for_update().filter(valid_to__isnull=True).first()
    if current is not None and valid_to is None:
        if valid_from <= current.valid_from:
            raise ValidationError(_("Ngày bắt đầu phải sau ngày bắt đầu của quá trình công tác hiện tại."))
        current.valid_to = valid_from
        current.save()
    membership = Membership(
        person=person, unit=unit, position=position, valid_from=valid_from, valid_to=valid_to
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def end_membership(*, membership: Membership, on: date) -> Membership:
    if on <= membership.valid_from:
        raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    membership.valid_to = on
    membership.save()
    return membership


@transaction.atomic
def assign_role(*, user, role: str, unit: Unit) -> RoleAssignment:
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    return assignment


@transaction.atomic
def revoke_role(*, assignment: RoleAssignment) -> None:
    assignment.delete()


def day_before(day: date) -> date:
    return day - timedelta(days=1)
