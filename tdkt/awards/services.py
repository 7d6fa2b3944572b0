"""Every write to the award history: named, atomic, audited (django-auditlog records old → new)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from tdkt.awards import classes
from tdkt.awards.models import (
    Award,
    AwardBacking,
    AwardKind,
    ClusterResult,
    Discipline,
    Leave,
    Rating,
    Recognition,
    RecognitionAuthor,
    ReviewPeriod,
    UnitResult,
)
from tdkt.core.services import save_versioned
from tdkt.core.text import nfc
from tdkt.org.models import Membership, Person, Unit


def check_period(first: int | None, last: int | None, decided: date | None) -> tuple[int | None, int | None]:
    """An achievement period: both years or neither (one year alone means that year), in order, and not
    ending after the decision."""
    if first is None and last is None:
        return None, None
    first, last = (first if first is not None else last), (last if last is not None else first)
    if first > last:
        raise ValidationError(_("Thời gian thành tích phải có năm bắt đầu không sau năm kết thúc."))
    if decided is not None and last > decided.year:
        raise ValidationError(
            _("Thời gian thành tích (đến năm %(last)s) không được sau năm quyết định (%(year)s).")
            % {"last": last, "year": decided.year}
        )
    return first, last


def _check_subject(kind: AwardKind, person: Person | None, unit: Unit | None) -> None:
    if (person is None) == (unit is None):
        raise ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
    if person is not None and kind.subject_kind == "collective":
        raise ValidationError(_("%(name)s chỉ dành cho tập thể.") % {"name": kind.name})
    if unit is not None and kind.subject_kind == "individual":
        raise ValidationError(_("%(name)s chỉ dành cho cá nhân.") % {"name": kind.name})


@transaction.atomic
def record_award(
    *,
    kind: AwardKind,
    year: int,
    person: Person | None = None,
    unit: Unit | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    award_type: str | None = None,
    source: str = Award.Source.MANUAL,
    note: str = "",
    backed_by: list[Recognition] = (),
    recipient_class: str | None = None,
    submitting_body: str | None = None,
    period_from: int | None = None,
    period_to: int | None = None,
) -> Award:
    """Add an award to the history. The recognitions in `backed_by` back it and nothing else.

    `period_from`–`period_to` are the achievement years the decision names ("thành tích năm 2023–2024").
    The statistical dimensions (recipient class, submitting body) are derived from the subject's post in
    the year and the catalogue's level when not given (`tdkt.awards.classes`)."""
    _check_subject(kind, person, unit)
    period_from, period_to = check_period(period_from, period_to, decision_date)
    derived = classes.defaults_for(
        Membership, kind_level=kind.level, person_id=person.pk if person else None, year=year
    )
    award = Award(
        period_from=period_from,
        period_to=period_to,
        kind=kind,
        year=year,
        person=person,
        unit=unit,
        decision_number=decision_number,
        decision_date=decision_date,
        issuer=issuer or kind.issuer,
        award_type=award_type or kind.default_type,
        source=source,
        note=note,
        subject_name=unit.name if unit is not None else "",
        recipient_class=derived["recipient_class"] if recipient_class is None else recipient_class,
        submitting_body=derived["submitting_body"] if submitting_body is None else submitting_body,
    )
    award.full_clean()
    award.save()
    for recognition in backed_by:
        if AwardBacking.objects.filter(recognition=recognition).exists():
            raise ValidationError(
                _("Sáng kiến “%(title)s” đã được dùng làm căn cứ cho một khen thưởng khác.")
                % {"title": recognition.title}
            )
        AwardBacking.objects.create(award=award, recognition=recognition)
    return award


@dataclass(frozen=True)
class ImportedAward:
    """One checked row of an import (`tdkt.awards.importing`), ready to be written."""

    kind: AwardKind
    year: int
    person_id: int | None
    unit_id: int | None
    decision_number: str
    decision_date: date | None
    issuer: str
    award_type: str | None
    note: str
    period_from: int | None
    period_to: int | None
    row: int  # the file's row, for the message when it cannot be written


class ImportWriteError(Exception):
    def __init__(self, row: int | None, message: str):
        super().__init__(message)
        self.row, self.message = row, message


@transaction.atomic
def record_imported_awards(entries: list[ImportedAward], *, chunk: int = 2000, progress=None) -> list[int]:
    """Write checked import rows as awards (source "import"), `chunk` rows per INSERT, in one transaction;
    returns the new ids in order. What `record_award` derives is derived here for the whole list at once
    (report dimensions from one membership query per chunk of people, unit names in one query); the
    rows are validated field by field (`clean_fields`) and the database's constraints stand behind the
    importer's checks. A row that cannot be written raises `ImportWriteError` and nothing is kept.
    Not audited row by row: the import's `ImportBatch` lists every award it created."""
    units = dict(
        Unit.objects.filter(pk__in={e.unit_id for e in entries if e.unit_id}).values_list("pk", "name")
    )
    dimensions = classes.person_classes(Membership, {(e.person_id, e.year) for e in entries if e.person_id})
    ids: list[int] = []
    for start in range(0, len(entries), chunk):
        part = entries[start : start + chunk]
        awards = []
        for e in part:
            try:
                period_from, period_to = check_period(e.period_from, e.period_to, e.decision_date)
            except ValidationError as exc:
                raise ImportWriteError(e.row, "; ".join(exc.messages)) from None
            award = Award(
                kind=e.kind,
                year=e.year,
                person_id=e.person_id,
                unit_id=e.unit_id,
                decision_number=nfc(e.decision_number),
                decision_date=e.decision_date,
                issuer=nfc(e.issuer or e.kind.issuer),
                award_type=e.award_type or e.kind.default_type,
                source=Award.Source.IMPORT,
                note=e.note,
                period_from=period_from,
                period_to=period_to,
                subject_name=nfc(units.get(e.unit_id, "")) if e.unit_id else "",
                recipient_class=(
                    dimensions.get((e.person_id, e.year), "") if e.person_id else classes.COLLECTIVE
                ),
                submitting_body=classes.MINISTRY_BODY if e.kind.level == classes.STATE_LEVEL else "",
            )
            try:
                award.clean_fields(exclude=["kind", "person", "unit"])
            except ValidationError as exc:
                raise ImportWriteError(e.row, "; ".join(exc.messages)) from None
            awards.append(award)
        try:
            with transaction.atomic():
                created = Award.objects.bulk_create(awards)
        except DatabaseError:
            raise ImportWriteError(
                part[0].row,
                "Lỗi khi ghi dữ liệu (trùng hoặc vi phạm ràng buộc); chưa có dữ liệu nào được ghi.",
            ) from None
        ids.extend(a.pk for a in created)
        if progress:
            progress(len(ids))
    return ids


@transaction.atomic
def revoke_award(
    *,
    award: Award,
    reason: str,
    decision_number: str = "",
    on: date | None = None,
    expected_version: int | None = None,
) -> Award:
    """Hủy bỏ (Art. 93): the award stays in the history, marked, and counts for nothing."""
    if not reason.strip():
        raise ValidationError(_("Hủy bỏ khen thưởng phải ghi rõ lý do."))
    if award.revoked:
        raise ValidationError(_("Khen thưởng này đã bị hủy bỏ trước đó."))
    award.revoked, award.revoked_reason = True, reason.strip()
    award.revoked_decision, award.revoked_on = decision_number, on or date.today()
    save_versioned(award, expected_version=expected_version)
    AwardBacking.objects.filter(award=award).delete()
    return award


@transaction.atomic
def fill_report_dimensions(*, awards=None) -> int:
    """Fill, where they can be derived, the recipient class and submitting body that awards lack."""
    return classes.fill_report_dimensions(Award, Membership, awards)


@transaction.atomic
def set_rating(*, person: Person, year: int, value: str, points=None) -> Rating:
    rating, created = Rating.objects.get_or_create(
        person=person, year=year, defaults={"value": value, "points": points}
    )
    if not created and (rating.value != value or rating.points != points):
        rating.value, rating.points = value, points
        rating.full_clean()
        rating.save()
    return rating


@transaction.atomic
def set_unit_result(*, unit: Unit, year: int, value: str) -> UnitResult:
    result, created = UnitResult.objects.get_or_create(unit=unit, year=year, defaults={"value": value})
    if not created and result.value != value:
        result.value = value
        result.save()
    return result


@transaction.atomic
def set_cluster_result(
    *,
    unit: Unit,
    year: int,
    cluster: str,
    leading: bool,
    rank: int | None = None,
    members: int | None = None,
    source: str = ClusterResult.Source.MANUAL,
    note: str = "",
) -> ClusterResult:
    """Record (or correct) a collective's result in its cluster for a year: one row per unit and year."""
    if leading and rank not in (None, 1):
        raise ValidationError(_("Đơn vị dẫn đầu cụm, khối phải xếp thứ nhất."))
    result = ClusterResult.objects.filter(unit=unit, year=year).first() or ClusterResult(unit=unit, year=year)
    result.cluster, result.leading, result.rank, result.members = cluster.strip(), leading, rank, members
    result.source, result.note = source, note
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def record_discipline(
    *,
    person: Person,
    year: int,
    level: str,
    duty_related: bool = True,
    decision_number: str = "",
    decision_date: date | None = None,
    term_end: date | None = None,
) -> Discipline:
    """A disciplinary penalty. `term_end` is the last day of its term when the decision states it; without
    it the engine takes the term of the level (a rule-set parameter) from `decision_date`."""
    discipline = Discipline(
        person=person,
        year=year,
        level=level,
        duty_related=duty_related,
        decision_number=decision_number,
        decision_date=decision_date,
        term_end=term_end,
    )
    discipline.full_clean()
    discipline.save()
    return discipline


@transaction.atomic
def record_review_period(
    *,
    kind: str,
    start: date,
    end: date | None = None,
    person: Person | None = None,
    unit: Unit | None = None,
    note: str = "",
) -> ReviewPeriod:
    """A period under consideration for discipline, inspection or complaint verification (open when `end`
    is None): the subject may not be proposed for an award while it covers the consideration date."""
    if (person is None) == (unit is None):
        raise ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
    period = ReviewPeriod(kind=kind, start=start, end=end, person=person, unit=unit, note=note)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def close_review_period(*, period: ReviewPeriod, end: date) -> ReviewPeriod:
    """Close an open period (the conclusion was issued on `end`)."""
    period.end = end
    period.full_clean()
    period.save(update_fields=["end", "updated_at"])
    return period


@transaction.atomic
def record_leave(*, person: Person, kind: str, start: date, end: date, note: str = "") -> Leave:
    """A leave (maternity, sick, study, other) that explains a year without a rating."""
    leave = Leave(person=person, kind=kind, start=start, end=end, note=note)
    leave.full_clean()
    leave.save()
    return leave


@transaction.atomic
def record_recognition(
    *,
    title: str,
    scope: str,
    year: int,
    authors: list[tuple[Person, float]],
    kind: str = "initiative",
    decision_number: str = "",
    decision_date: date | None = None,
    applied: bool = True,
    unit: Unit | None = None,
) -> Recognition:
    """Record a recognised initiative or accepted research with its authors and their shares (%)."""
    if not authors:
        raise ValidationError(_("Sáng kiến phải có ít nhất một tác giả."))
    if sum(share for _p, share in authors) > 100:
        raise ValidationError(_("Tổng tỷ lệ đóng góp của các tác giả không được vượt quá 100 %."))
    recognition = Recognition(
        title=title,
        scope=scope,
        year=year,
        kind=kind,
        decision_number=decision_number,
        decision_date=decision_date,
        applied=applied,
        unit=unit,
    )
    recognition.full_clean()
    recognition.save()
    RecognitionAuthor.objects.bulk_create(
        [RecognitionAuthor(recognition=recognition, person=p, share=share) for p, share in authors]
    )
    return recognition
