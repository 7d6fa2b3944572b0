"""Every write of the exemplars app: keyword-only arguments, one transaction each, audited (see apps.py)."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.core.services import save_versioned
from tdkt.core.storage import plain_file_name
from tdkt.core.text import fold, nfc
from tdkt.exemplars import permissions
from tdkt.exemplars.models import (
    TRANSITIONS,
    Achievement,
    Exemplar,
    Honour,
    Media,
    Replication,
    Status,
    StatusEvent,
    Tag,
)
from tdkt.org.models import Unit

MAX_FILE_BYTES = 20 * 1024 * 1024
PHOTO_TYPES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}
FILE_TYPES = {**PHOTO_TYPES, ".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",)}


def _check_upload(uploaded, types: dict, field: str = "file") -> None:
    uploaded.name = plain_file_name(getattr(uploaded, "name", ""))  # "..\\..\\x.pdf" is "x.pdf"
    extension = PurePath(uploaded.name).suffix.lower()
    if extension not in types:
        allowed = ", ".join(sorted(types))
        raise ValidationError({field: _("Chỉ nhận tệp %(types)s.") % {"types": allowed}})
    if uploaded.size > MAX_FILE_BYTES:
        raise ValidationError({field: _("Tệp lớn hơn 20 MB.")})
    if uploaded.size == 0:
        raise ValidationError({field: _("Tệp rỗng.")})
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not any(head.startswith(magic) for magic in types[extension]):
        raise ValidationError(
            {field: _("Nội dung tệp không đúng với loại tệp %(ext)s.") % {"ext": extension}}
        )


def _tags(names) -> list[Tag]:
    """The tags of `names`, matched without diacritics ("van hoa" is "Văn hóa"), created when new."""
    tags = []
    for name in names or []:
        name = nfc(name).strip()
        if name:
            tags.append(Tag.objects.filter(key=fold(name)).first() or Tag.objects.create(name=name))
    return tags


def _duplicate(exc: IntegrityError):
    return ValidationError({"name": _("Đơn vị đã có mô hình cùng tên.")})


@transaction.atomic
def create_exemplar(
    *,
    name: str,
    unit: Unit,
    field: str,
    summary: str = "",
    story: str = "",
    started_on: date | None = None,
    tags: list[str] | None = None,
    actor=None,
) -> Exemplar:
    exemplar = Exemplar(
        name=name,
        unit=unit,
        field=field,
        summary=summary,
        story=story,
        started_on=started_on,
        created_by=actor,
    )
    exemplar.full_clean(
        exclude=["search_text", "created_by"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            exemplar.save()
    except IntegrityError as exc:
        raise _duplicate(exc) from None
    exemplar.tags.set(_tags(tags))
    StatusEvent.objects.create(
        exemplar=exemplar, to_status=Status.PROPOSED, on=timezone.localdate(), by=actor
    )
    return exemplar


@transaction.atomic
def update_exemplar(
    *, exemplar: Exemplar, expected_version: int | None, tags: list[str] | None = None, **changes
) -> Exemplar:
    allowed = {"name", "field", "summary", "story", "started_on"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("Không sửa được trường %(f)s.") % {"f": ", ".join(sorted(unknown))})
    for key, value in changes.items():
        setattr(exemplar, key, value)
    exemplar.full_clean(
        exclude=["search_text", "created_by", "unit"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            save_versioned(exemplar, expected_version=expected_version)
    except IntegrityError as exc:
        raise _duplicate(exc) from None
    if tags is not None:
        exemplar.tags.set(_tags(tags))
    return exemplar


@transaction.atomic
def change_status(
    *,
    exemplar: Exemplar,
    to: str,
    on: date | None = None,
    note: str = "",
    actor=None,
    expected_version: int | None = None,
) -> Exemplar:
    """proposed → recognised → replicated (needs a replication); back a step only with a reason."""
    current = Status(exemplar.status)
    target = Status(to)
    if target not in TRANSITIONS[current]:
        raise ValidationError(
            _("Không chuyển được từ “%(a)s” sang “%(b)s”.") % {"a": current.label, "b": target.label}
        )
    backwards = list(Status).index(target) < list(Status).index(current)
    if backwards and not note.strip():
        raise ValidationError({"note": _("Ghi rõ lý do khi trả mô hình về trạng thái trước.")})
    if target == Status.REPLICATED and not exemplar.replications.exists():
        raise ValidationError(_("Chưa có đơn vị nào nhân rộng mô hình này."))
    on = on or timezone.localdate()
    exemplar.status = target
    if target == Status.RECOGNISED and exemplar.recognised_on is None:
        exemplar.recognised_on = on
    if target == Status.PROPOSED:
        exemplar.recognised_on = None
    save_versioned(exemplar, expected_version=expected_version)
    StatusEvent.objects.create(
        exemplar=exemplar, from_status=current, to_status=target, on=on, by=actor, note=note.strip()
    )
    return exemplar


@transaction.atomic
def add_achievement(
    *,
    exemplar: Exemplar,
    title: str,
    evidence: str,
    description: str = "",
    achieved_on: date | None = None,
    evidence_file=None,
) -> Achievement:
    if evidence_file:
        _check_upload(evidence_file, FILE_TYPES, "evidence_file")
    achievement = Achievement(
        exemplar=exemplar,
        title=nfc(title).strip(),
        description=nfc(description),
        achieved_on=achieved_on,
        evidence=nfc(evidence).strip(),
    )
    if evidence_file:
        achievement.evidence_file = evidence_file
    achievement.full_clean(exclude=["evidence_file"])
    achievement.save()
    return achievement


@transaction.atomic
def add_media(*, exemplar: Exemplar, file, caption: str = "") -> Media:
    """A photo (.png, .jpg) or a document (.pdf, .docx, .xlsx), ≤ 20 MB; the content must match the name."""
    _check_upload(file, FILE_TYPES)
    extension = PurePath(file.name).suffix.lower()
    kind = Media.Kind.PHOTO if extension in PHOTO_TYPES else Media.Kind.FILE
    return Media.objects.create(exemplar=exemplar, kind=kind, file=file, caption=nfc(caption).strip())


@transaction.atomic
def add_honour(*, exemplar: Exemplar, kind: str, held_on: date, title: str, note: str = "") -> Honour:
    if exemplar.status == Status.PROPOSED:
        raise ValidationError(_("Mô hình cần được công nhận trước khi tôn vinh."))
    honour = Honour(exemplar=exemplar, kind=kind, held_on=held_on, title=nfc(title).strip(), note=nfc(note))
    honour.full_clean(exclude=["exemplar"], validate_unique=False)
    try:
        with transaction.atomic():
            honour.save()
    except IntegrityError:
        raise ValidationError(_("Mô hình đã được ghi nhận tôn vinh dịp này.")) from None
    return honour


@transaction.atomic
def add_replication(*, exemplar: Exemplar, unit: Unit, started_on: date, result: str = "") -> Replication:
    if exemplar.status == Status.PROPOSED:
        raise ValidationError(_("Mô hình cần được công nhận trước khi nhân rộng."))
    if unit.pk == exemplar.unit_id:
        raise ValidationError({"unit": _("Đơn vị nhân rộng phải khác đơn vị xây dựng mô hình.")})
    try:
        with transaction.atomic():
            return Replication.objects.create(
                exemplar=exemplar, unit=unit, started_on=started_on, result=nfc(result)
            )
    except IntegrityError:
        raise ValidationError({"unit": _("Đơn vị này đã được ghi nhận nhân rộng mô hình.")}) from None


@transaction.atomic
def update_replication_result(*, replication: Replication, result: str) -> Replication:
    replication.result = nfc(result)
    replication.save(update_fields=["result"])
    return replication


@transaction.atomic
def update_replication(*, replication: Replication, started_on: date, result: str, actor=None) -> Replication:
    """Correct where a model was taken up since when, and record what it achieved there."""
    from django.core.exceptions import PermissionDenied

    replication = (
        Replication.objects.select_for_update().select_related("exemplar__unit").get(pk=replication.pk)
    )
    if actor is not None and not permissions.can_edit(actor, replication.exemplar):
        raise PermissionDenied(_("Bạn không có quyền sửa mô hình này."))
    if started_on is None:
        raise ValidationError({"started_on": _("Nhập ngày bắt đầu nhân rộng.")})
    recognised = replication.exemplar.recognised_on
    if recognised and started_on < recognised:
        raise ValidationError({"started_on": _("Ngày nhân rộng không được trước ngày công nhận mô hình.")})
    replication.started_on = started_on
    replication.result = nfc(result or "").strip()
    replication.save(update_fields=["started_on", "result"])
    return replication
