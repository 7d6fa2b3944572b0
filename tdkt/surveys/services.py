"""Every write of the surveys app: keyword-only arguments, one transaction each, audited (see apps.py).

Links: `issue_links` gives each invitation a fresh random token and stores only its SHA-256 hash; the
token is returned once, to be exported or e-mailed, and an older link of the same invitation stops
working. An enterprise's answers are saved per branch as drafts (`save_answers`) and resumed with the
same link until it submits them; a submitted response can no longer change, and once every branch it
chose is submitted the link is spent.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.core import xlsx
from tdkt.core.services import save_versioned
from tdkt.core.text import nfc
from tdkt.org.models import Unit, UnitKind, UnitVersion
from tdkt.org.selectors import scope_ids
from tdkt.surveys import questionnaire
from tdkt.surveys.models import (
    Answer,
    Choice,
    Component,
    ComponentCode,
    Invitation,
    Question,
    Survey,
    SurveyBranch,
    SurveyResponse,
)
from tdkt.surveys.selectors import hash_token

TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")


# --- the questionnaire ----------------------------------------------------------------------------------------


def _default_branches(unit: Unit, year: int) -> list[Unit]:
    """The Chi cục directly under `unit` that existed in the survey's year."""
    start, end = datetime(year, 1, 1).date(), datetime(year, 12, 31).date()
    units = Unit.objects.filter(
        parent=unit, kind__in=[UnitKind.SUB_DEPARTMENT, UnitKind.BORDER_OFFICE], valid_from__lte=end
    ).exclude(valid_to__lte=start)

    if not units.exists():  # moved away since: look at the versions of that year
        ids = UnitVersion.objects.filter(parent=unit, valid_from__lte=end).exclude(valid_to__lte=start)
        units = Unit.objects.filter(
            pk__in=ids.values("unit_id"), kind__in=[UnitKind.SUB_DEPARTMENT, UnitKind.BORDER_OFFICE]
        )
    return list(units.order_by("code"))


def _copy_questionnaire(source: Survey, target: Survey) -> None:
    for component in source.components.all():
        copy = Component.objects.create(
            survey=target,
            code=component.code,
            name=component.name,
            weight=component.weight,
            order=component.order,
        )
        for question in component.questions.all():
            _copy_question(question, target, copy)
    for question in source.questions.filter(component__isnull=True):
        _copy_question(question, target, None)


def _copy_question(question: Question, target: Survey, component: Component | None) -> None:
    copy = Question.objects.create(
        survey=target,
        component=component,
        order=question.order,
        text=question.text,
        kind=question.kind,
        scale_max=question.scale_max,
        reverse=question.reverse,
        required=question.required,
    )
    Choice.objects.bulk_create(
        Choice(question=copy, order=c.order, label=c.label, score=c.score) for c in question.choices.all()
    )


def _standard_questionnaire(survey: Survey) -> None:
    order = 0
    for position, part in enumerate(questionnaire.STANDARD, start=1):
        component = Component.objects.create(
            survey=survey,
            code=part.code,
            name=str(ComponentCode(part.code).label),
            weight=part.weight,
            order=position,
        )
        for q in part.questions:
            order += 1
            _create_question(survey, component, q, order)
    for q in questionnaire.FREE_TEXT:
        order += 1
        _create_question(survey, None, q, order)


def _create_question(survey, component, q: questionnaire.Q, order: int) -> Question:
    question = Question.objects.create(
        survey=survey,
        component=component,
        order=order,
        text=q.text,
        kind=q.kind,
        reverse=q.reverse,
        required=q.required,
    )
    Choice.objects.bulk_create(
        Choice(question=question, order=i, label=label, score=score)
        for i, (label, score) in enumerate(q.choices)
    )
    return question


@transaction.atomic
def create_survey(
    *,
    unit: Unit,
    year: int,
    title: str,
    version: str = "",
    branches: list[Unit] | None = None,
    copy_from: Survey | None = None,
    max_branches: int = 2,
    min_cell_size: int = 5,
    intro: str = "",
) -> Survey:
    """A draft survey with the previous year's questionnaire of the unit (or `copy_from`, or the standard one)."""
    if Survey.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(_("Đơn vị này đã có cuộc khảo sát năm %(year)d.") % {"year": year})
    if copy_from is None:
        copy_from = Survey.objects.filter(unit=unit, year__lt=year).order_by("-year").first()
    version = nfc(version).strip() or (copy_from.version if copy_from else questionnaire.STANDARD_VERSION)
    survey = Survey(
        unit=unit,
        year=year,
        title=nfc(title).strip(),
        version=version,
        max_branches=max_branches,
        min_cell_size=min_cell_size,
        intro=intro,
    )
    survey.full_clean()
    survey.save()
    if copy_from is not None:
        _copy_questionnaire(copy_from, survey)
    else:
        _standard_questionnaire(survey)
    branch_units = branches if branches is not None else _default_branches(unit, year)
    if not branch_units:
        raise ValidationError(_("Chưa có chi cục nào để doanh nghiệp đánh giá."))
    SurveyBranch.objects.bulk_create(
        SurveyBranch(survey=survey, unit=u, order=i) for i, u in enumerate(branch_units, start=1)
    )
    return survey


def _require_draft(survey: Survey) -> None:
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(_("Bảng hỏi chỉ sửa được khi cuộc khảo sát đang soạn."))


@transaction.atomic
def set_weights(*, survey: Survey, weights: dict[str, Decimal], expected_version: int | None) -> Survey:
    """Change the component weights of a draft survey (`{component code: weight}`)."""
    _require_draft(survey)
    if any(w is None or w < 0 for w in weights.values()):
        raise ValidationError(_("Trọng số không được âm."))
    if sum(weights.values()) <= 0:
        raise ValidationError(_("Tổng trọng số phải lớn hơn 0."))
    save_versioned(survey, expected_version=expected_version)
    for component in survey.components.filter(code__in=weights):
        component.weight = weights[component.code]
        component.save(update_fields=["weight"])
    return survey


@transaction.atomic
def set_branches(*, survey: Survey, units: list[Unit], expected_version: int | None) -> Survey:
    """The units enterprises may rate (draft surveys only), in the given order."""
    _require_draft(survey)
    if not units:
        raise ValidationError(_("Chọn ít nhất một chi cục để doanh nghiệp đánh giá."))
    save_versioned(survey, expected_version=expected_version)
    keep = {u.pk for u in units}
    survey.branches.exclude(unit_id__in=keep).delete()
    existing = {b.unit_id: b for b in survey.branches.all()}
    for order, unit in enumerate(units, start=1):
        branch = existing.get(unit.pk)
        if branch is None:
            SurveyBranch.objects.create(survey=survey, unit=unit, order=order)
        elif branch.order != order:
            branch.order = order
            branch.save(update_fields=["order"])
    return survey


def branch_candidates(survey: Survey):
    """Units an officer may offer for rating: those under the survey's unit (Chi cục, border offices, teams)."""

    ids = scope_ids([survey.unit_id]) - {survey.unit_id}
    return Unit.objects.filter(
        pk__in=ids, kind__in=[UnitKind.SUB_DEPARTMENT, UnitKind.BORDER_OFFICE, UnitKind.TEAM]
    ).order_by("code")


@transaction.atomic
def add_question(
    *,
    survey: Survey,
    component: Component | None,
    text: str,
    kind: str,
    reverse: bool = False,
    required: bool = True,
    choices: list[tuple[str, Decimal | None]] | None = None,
) -> Question:
    _require_draft(survey)
    text = nfc(text).strip()
    if not text:
        raise ValidationError(_("Nhập nội dung câu hỏi."))
    if kind != Question.Kind.TEXT and component is None:
        raise ValidationError(_("Câu hỏi tính điểm phải thuộc một chỉ số thành phần."))
    if component is not None and component.survey_id != survey.pk:
        raise ValidationError(_("Chỉ số thành phần không thuộc cuộc khảo sát này."))
    if kind == Question.Kind.CHOICE and len(choices or []) < 2:
        raise ValidationError(_("Câu hỏi lựa chọn cần ít nhất hai phương án."))
    last = survey.questions.order_by("-order").values_list("order", flat=True).first() or 0
    question = Question.objects.create(
        survey=survey,
        component=component,
        order=last + 1,
        text=text,
        kind=kind,
        reverse=reverse,
        required=required,
    )
    if kind == Question.Kind.CHOICE:
        Choice.objects.bulk_create(
            Choice(question=question, order=i, label=nfc(label).strip(), score=score)
            for i, (label, score) in enumerate(choices or [])
        )
    return question


@transaction.atomic
def remove_question(*, question: Question) -> None:
    _require_draft(question.survey)
    question.delete()


@transaction.atomic
def open_survey(*, survey: Survey, expected_version: int | None) -> Survey:
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(_("Chỉ mở được cuộc khảo sát đang soạn."))
    if not survey.questions.exclude(kind=Question.Kind.TEXT).exists():
        raise ValidationError(_("Bảng hỏi chưa có câu hỏi tính điểm."))
    if not survey.branches.exists():
        raise ValidationError(_("Chưa có chi cục nào để doanh nghiệp đánh giá."))
    survey.status = Survey.Status.OPEN
    survey.opens_on = survey.opens_on or timezone.localdate()
    save_versioned(survey, expected_version=expected_version)
    return survey


@transaction.atomic
def close_survey(*, survey: Survey, expected_version: int | None) -> Survey:
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Chỉ kết thúc được cuộc khảo sát đang mở."))
    survey.status = Survey.Status.CLOSED
    survey.closes_on = max(timezone.localdate(), survey.opens_on or timezone.localdate())
    save_versioned(survey, expected_version=expected_version)
    return survey


# --- invitations ----------------------------------------------------------------------------------------------

INVITATION_COLUMNS = [
    xlsx.ColumnSpec(
        "tax_code",
        "Mã số thuế",
        ("MST",),
        help_vi="10 chữ số, hoặc 10 chữ số-3 chữ số cho chi nhánh.",
        number_format="@",
    ),
    xlsx.ColumnSpec("name", "Tên doanh nghiệp", ("Doanh nghiệp",)),
    xlsx.ColumnSpec("contact", "Người liên hệ", required=False),
    xlsx.ColumnSpec("email", "Thư điện tử", ("Email",), required=False),
    xlsx.ColumnSpec("phone", "Điện thoại", ("Số điện thoại",), required=False, number_format="@"),
]


@dataclass
class InvitationImport:
    dry_run: bool
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    issues: list[xlsx.ImportIssue] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and not self.issues


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def import_invitations(*, survey: Survey, fileobj, dry_run: bool = False) -> InvitationImport:
    """Check every row first; write nothing unless all rows are valid. Importing the same file again changes
    nothing (rows are matched by tax code; changed names or contacts are updated)."""
    result = InvitationImport(dry_run=dry_run)
    if survey.status == Survey.Status.CLOSED:
        result.error = _("Cuộc khảo sát đã kết thúc, không nhập thêm doanh nghiệp.")
        return result
    try:
        table = xlsx.read_table(fileobj, INVITATION_COLUMNS, max_bytes=settings.TDKT_IMPORT_MAX_BYTES)
    except xlsx.SpreadsheetError as exc:
        result.error = exc.message
        return result
    result.issues.extend(table.issues)
    planned: dict[str, dict] = {}
    for row in table.rows:
        result.total += 1
        values = {
            "tax_code": _cell(row.get("tax_code")).replace(" ", ""),
            "enterprise_name": _cell(row.get("name")),
            "contact_name": _cell(row.get("contact")),
            "email": _cell(row.get("email")).lower(),
            "phone": _cell(row.get("phone")),
        }
        tax = values["tax_code"]
        if not TAX_CODE.match(tax):
            result.issues.append(
                xlsx.ImportIssue(
                    row.number, "Mã số thuế", _("Mã số thuế phải gồm 10 chữ số (hoặc 10-3 chữ số).")
                )
            )
        elif tax in planned:
            result.issues.append(
                xlsx.ImportIssue(
                    row.number, "Mã số thuế", _("Mã số thuế %(tax)s lặp lại trong tệp.") % {"tax": tax}
                )
            )
        if not values["enterprise_name"]:
            result.issues.append(
                xlsx.ImportIssue(row.number, "Tên doanh nghiệp", _("Thiếu tên doanh nghiệp."))
            )
        if values["email"]:
            from django.core.validators import validate_email

            try:
                validate_email(values["email"])
            except ValidationError:
                result.issues.append(
                    xlsx.ImportIssue(row.number, "Thư điện tử", _("Địa chỉ thư điện tử không hợp lệ."))
                )
        planned.setdefault(tax, values)
    if not result.ok:
        return result
    existing = {i.tax_code: i for i in survey.invitations.filter(tax_code__in=planned)}
    fields = ["enterprise_name", "contact_name", "email", "phone"]
    with transaction.atomic():
        for tax, values in planned.items():
            invitation = existing.get(tax)
            if invitation is None:
                result.created += 1
                if not dry_run:
                    Invitation.objects.create(survey=survey, **values)
            elif any(getattr(invitation, f) != values[f] for f in fields):
                result.updated += 1
                if not dry_run:
                    for f in fields:
                        setattr(invitation, f, values[f])
                    invitation.save()
            else:
                result.unchanged += 1
    return result


@transaction.atomic
def add_invitation(
    *,
    survey: Survey,
    tax_code: str,
    enterprise_name: str,
    contact_name: str = "",
    email: str = "",
    phone: str = "",
) -> Invitation:
    tax_code = tax_code.strip().replace(" ", "")
    if not TAX_CODE.match(tax_code):
        raise ValidationError(_("Mã số thuế phải gồm 10 chữ số (hoặc 10-3 chữ số)."))
    if survey.invitations.filter(tax_code=tax_code).exists():
        raise ValidationError(_("Doanh nghiệp có mã số thuế %(tax)s đã được mời.") % {"tax": tax_code})
    return Invitation.objects.create(
        survey=survey,
        tax_code=tax_code,
        enterprise_name=enterprise_name.strip(),
        contact_name=contact_name,
        email=email,
        phone=phone,
    )


@transaction.atomic
def issue_links(*, invitations) -> list[tuple[Invitation, str]]:
    """A fresh token for each invitation not yet completed; returns (invitation, token) once.
    The previous link of each invitation stops working; saved answers are kept."""
    issued = []
    now = timezone.now()
    for invitation in invitations:
        if invitation.completed_at is not None:
            continue
        token = secrets.token_urlsafe(24)
        invitation.token_hash = hash_token(token)
        invitation.link_issued_at = now
        invitation.save(update_fields=["token_hash", "link_issued_at", "updated_at"])
        issued.append((invitation, token))
    return issued


def link_for(token: str) -> str:
    from django.urls import reverse

    return settings.SITE_URL.rstrip("/") + reverse("survey_public:form", args=[token])


@transaction.atomic
def send_reminders(*, survey: Survey) -> tuple[int, list[tuple[Invitation, str]]]:
    """Remind every invited enterprise that has not finished: a new link by e-mail where an address is
    known. Returns (e-mails sent, (invitation, token) for those without an address, to be sent otherwise)."""
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Chỉ nhắc được khi cuộc khảo sát đang mở."))
    pending = list(survey.invitations.filter(completed_at__isnull=True).order_by("tax_code"))
    now = timezone.now()
    sent, other = 0, []
    for invitation, token in issue_links(invitations=pending):
        invitation.reminders_sent += 1
        invitation.last_reminded_at = now
        invitation.save(update_fields=["reminders_sent", "last_reminded_at", "updated_at"])
        if invitation.email:
            send_mail(
                subject=_("Nhắc tham gia khảo sát: %(title)s") % {"title": survey.title},
                message=_(
                    "Kính gửi %(name)s,\n\n%(unit)s trân trọng đề nghị Quý doanh nghiệp dành ít phút đánh giá "
                    "chi cục hải quan mà doanh nghiệp đã làm thủ tục, theo đường dẫn:\n%(link)s\n\n"
                    "Câu trả lời được tổng hợp chung, không công bố thông tin của từng doanh nghiệp."
                )
                % {"name": invitation.enterprise_name, "unit": survey.unit.name, "link": link_for(token)},
                from_email=None,
                recipient_list=[invitation.email],
            )
            sent += 1
        else:
            other.append((invitation, token))
    return sent, other


# --- answering (the public form) ------------------------------------------------------------------------------


def _require_open(survey: Survey) -> None:
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Cuộc khảo sát hiện không nhận phiếu trả lời."))


@transaction.atomic
def mark_opened(*, invitation: Invitation) -> None:
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=timezone.now())


@transaction.atomic
def choose_branches(*, invitation: Invitation, branch_ids: list[int]) -> list[SurveyResponse]:
    """Start one draft response for each chosen branch (1 … max_branches in all, chosen ones kept)."""
    survey = invitation.survey
    _require_open(survey)
    Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    chosen = set(invitation.responses.values_list("branch_id", flat=True))
    wanted = set(branch_ids) - chosen
    branches = {b.pk: b for b in survey.branches.filter(pk__in=wanted).select_related("unit")}
    if len(branches) != len(wanted):
        raise ValidationError(_("Chi cục đã chọn không có trong cuộc khảo sát."))
    if not branches and not chosen:
        raise ValidationError(_("Hãy chọn chi cục mà doanh nghiệp đã làm thủ tục."))
    if len(chosen) + len(branches) > survey.max_branches:
        raise ValidationError(
            _("Mỗi doanh nghiệp đánh giá nhiều nhất %(n)d chi cục.") % {"n": survey.max_branches}
        )
    created = []
    for branch in branches.values():
        try:
            with transaction.atomic():
                created.append(
                    SurveyResponse.objects.create(
                        invitation=invitation,
                        survey=survey,
                        branch=branch,
                        unit=branch.unit,
                        year=survey.year,
                        tax_code=invitation.tax_code,
                    )
                )
        except IntegrityError:
            raise ValidationError(
                _("Doanh nghiệp đã đánh giá %(branch)s trong năm %(year)d.")
                % {"branch": branch.unit.name, "year": survey.year}
            ) from None
    return created


def _parse_answer(question: Question, raw, choices: dict[int, Choice]):
    """(scale_value, choice, text) from the submitted value; raises ValidationError with the question."""
    raw = "" if raw is None else str(raw).strip()
    if question.kind == Question.Kind.TEXT:
        if len(raw) > 2000:
            raise ValidationError(_("Ý kiến dài quá 2.000 ký tự."))
        return None, None, nfc(raw)
    if raw == "":
        return None, None, ""
    if question.kind == Question.Kind.SCALE:
        if not raw.isdigit() or not 1 <= int(raw) <= question.scale_max:
            raise ValidationError(_("Chọn một mức từ 1 đến %(n)d.") % {"n": question.scale_max})
        return int(raw), None, ""
    choice = choices.get(int(raw)) if raw.isdigit() else None
    if choice is None or choice.question_id != question.pk:
        raise ValidationError(_("Phương án không hợp lệ."))
    return None, choice, ""


@transaction.atomic
def save_answers(
    *, response: SurveyResponse, values: dict[int, str], expected_version: int | None, submit: bool
) -> SurveyResponse:
    """Save the answers of one branch (question id → submitted value). `submit` also checks that every
    required question is answered and closes the response; it cannot be changed afterwards.

    The version read with the form must still be the response's, so a replayed or duplicated request (the
    same page sent twice, an old tab) is refused instead of overwriting newer answers."""
    survey = response.survey
    _require_open(survey)
    if response.status == SurveyResponse.Status.SUBMITTED:
        raise ValidationError(_("Phiếu đánh giá chi cục này đã được gửi; không sửa được nữa."))
    questions = list(survey.questions.all())
    choices = {c.pk: c for c in Choice.objects.filter(question__survey=survey)}
    errors: dict[str, list[str]] = {}
    parsed = {}
    for question in questions:
        try:
            parsed[question.pk] = _parse_answer(question, values.get(question.pk), choices)
        except ValidationError as exc:
            errors[f"q{question.pk}"] = exc.messages
    existing = {a.question_id: a for a in response.answers.all()}
    if submit:
        for question in questions:
            if not question.required or f"q{question.pk}" in errors:
                continue
            scale, choice, text = parsed[question.pk]
            if scale is None and choice is None and not text:
                errors[f"q{question.pk}"] = [_("Câu hỏi này cần được trả lời.")]
    if errors:
        raise ValidationError(errors)
    save_versioned(response, expected_version=expected_version)
    create, update, delete = [], [], []
    for question in questions:
        scale, choice, text = parsed[question.pk]
        answer = existing.get(question.pk)
        empty = scale is None and choice is None and not text
        if answer is None:
            if not empty:
                create.append(
                    Answer(response=response, question=question, scale_value=scale, choice=choice, text=text)
                )
        elif empty:
            delete.append(answer.pk)
        elif (answer.scale_value, answer.choice_id, answer.text) != (
            scale,
            choice.pk if choice else None,
            text,
        ):
            answer.scale_value, answer.choice, answer.text = scale, choice, text
            update.append(answer)
    Answer.objects.bulk_create(create)
    Answer.objects.bulk_update(update, ["scale_value", "choice", "text"])
    Answer.objects.filter(pk__in=delete).delete()
    if submit:
        response.status = SurveyResponse.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.save(update_fields=["status", "submitted_at", "updated_at"])
        invitation = response.invitation
        if not invitation.responses.filter(status=SurveyResponse.Status.DRAFT).exists():
            invitation.completed_at = response.submitted_at  # the link is spent: it shows a thank-you page
            invitation.save(update_fields=["completed_at", "updated_at"])
    return response


def parse_weight(value) -> Decimal:
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Trọng số phải là một số.")) from None
