"""Proposal dossiers (hồ sơ đề nghị khen thưởng), their candidates and public disclosure.

A unit proposes to the authority above it one title or form for a list of persons and/or collectives.
The dossier moves through explicit statuses (see `TRANSITIONS`), each move recorded as a
`ProposalEvent` (who, when, why). Candidates carry an achievement report and the engine's verdict.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind, AwardType
from tdkt.core.constraints import one_subject
from tdkt.core.fields import YearField
from tdkt.core.models import TimeStamped, Versioned
from tdkt.org.models import Person, Unit


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã trình")
    RECEIVED = "received", _("Đã tiếp nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")
    COUNCIL = "council", _("Hội đồng đang xét")
    APPROVED = "approved", _("Hội đồng đề nghị khen")
    REJECTED = "rejected", _("Không đề nghị khen")
    DECIDED = "decided", _("Đã có quyết định")


# (from, to): who may make the move — the one transitions table of the lifecycle.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): "proposer_leader",
    (Status.RETURNED, Status.SUBMITTED): "proposer_leader",
    (Status.SUBMITTED, Status.RECEIVED): "receiver_officer",
    (Status.SUBMITTED, Status.RETURNED): "receiver_officer",
    (Status.RECEIVED, Status.RETURNED): "receiver_officer",
    (Status.RECEIVED, Status.COUNCIL): "receiver_officer",
    (Status.COUNCIL, Status.APPROVED): "council",
    (Status.COUNCIL, Status.REJECTED): "council",
    (Status.APPROVED, Status.DECIDED): "receiver_leader",
}


class Proposal(TimeStamped, Versioned):
    class Track(models.TextChoices):
        REGULAR = AwardType.MERIT.value, _("Thường xuyên")
        THEMATIC = AwardType.THEMATIC.value, _("Theo chuyên đề (phong trào thi đua)")
        AD_HOC = AwardType.AD_HOC.value, _("Đột xuất")
        SERVICE_YEARS = AwardType.SERVICE_YEARS.value, _("Theo niên hạn")
        CONTRIBUTION = AwardType.CONTRIBUTION.value, _("Quá trình cống hiến")
        FOREIGN = AwardType.FOREIGN.value, _("Đối ngoại")

    title = models.CharField(_("Trích yếu"), max_length=500)
    proposing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="proposals_made", verbose_name=_("Đơn vị đề nghị")
    )
    receiving_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="proposals_received", verbose_name=_("Cấp trình")
    )
    award_kind = models.ForeignKey(
        AwardKind, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("Danh hiệu / hình thức")
    )
    year = YearField(_("Năm thành tích"))
    track = models.CharField(_("Loại hình"), max_length=12, choices=Track.choices, default=Track.REGULAR)
    movement = models.CharField(_("Phong trào thi đua"), max_length=255, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateField(_("Hạn trình"), null=True, blank=True)
    # A dossier forwarded up a level points at the one it came from.
    forwarded_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="forwarded_to"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("Hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="proposal_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(proposing_unit=F("receiving_unit")), name="proposal_not_to_itself"
            ),
        ]
        indexes = [models.Index(fields=["status", "receiving_unit"], name="proposal_status_receiver")]

    def __str__(self) -> str:
        return self.title


class Candidate(TimeStamped, Versioned):
    """A person or collective in a dossier, with its achievement report and the engine's verdict."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Chưa xét")
        PASSED = "passed", _("Đạt")
        FAILED = "failed", _("Không đạt")
        WITHDRAWN = "withdrawn", _("Rút khỏi danh sách")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="candidacies"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="candidacies"
    )
    # Báo cáo thành tích: structured fields (position, summary, achievements, initiatives, …).
    report = models.JSONField(_("Báo cáo thành tích"), default=dict, blank=True)
    verdict = models.JSONField(_("Kết quả kiểm tra điều kiện"), default=dict, blank=True)
    verdict_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(_("Kết quả xét"), max_length=10, choices=Result.choices, default=Result.PENDING)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Đối tượng đề nghị")
        verbose_name_plural = _("Đối tượng đề nghị")
        ordering = ["proposal_id", "order", "id"]
        constraints = [
            one_subject("candidate_exactly_one_subject"),
            models.UniqueConstraint(
                fields=["proposal", "person"], condition=Q(person__isnull=False), name="candidate_person_once"
            ),
            models.UniqueConstraint(
                fields=["proposal", "unit"], condition=Q(unit__isnull=False), name="candidate_unit_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)


class Attachment(TimeStamped):
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("Tệp"), upload_to="proposals/%Y/")
    name = models.CharField(_("Tên tài liệu"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Tài liệu kèm theo")
        verbose_name_plural = _("Tài liệu kèm theo")

    def __str__(self) -> str:
        return self.name


class ProposalEvent(models.Model):
    """Append-only record of every status change."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("Lý do, ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Diễn biến hồ sơ")
        verbose_name_plural = _("Diễn biến hồ sơ")
        ordering = ["proposal_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Holiday(models.Model):
    """Ngày nghỉ lễ, Tết (editable): skipped when counting working days."""

    date = models.DateField(_("Ngày"), unique=True)
    name = models.CharField(_("Tên ngày lễ"), max_length=120)

    class Meta:
        verbose_name = _("Ngày nghỉ lễ")
        verbose_name_plural = _("Ngày nghỉ lễ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class Disclosure(TimeStamped):
    """Công khai: the candidate list published for comment for N working days."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="disclosure")
    starts_on = models.DateField(_("Ngày bắt đầu"))
    working_days = models.PositiveSmallIntegerField(_("Số ngày làm việc"), default=5)
    ends_on = models.DateField(_("Ngày kết thúc"))
    where = models.CharField(_("Hình thức công khai"), max_length=255, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Công khai danh sách")
        verbose_name_plural = _("Công khai danh sách")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="disclosure_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(working_days__gte=1), name="disclosure_at_least_one_day"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y})"


class Comment(TimeStamped):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="comments")
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("Ý kiến"))
    answer = models.TextField(_("Trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Ý kiến góp ý")
        verbose_name_plural = _("Ý kiến góp ý")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]
