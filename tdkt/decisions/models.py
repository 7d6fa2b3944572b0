"""Decisions (quyết định khen thưởng), their number register, lines and generated documents.

Numbers: one `NumberRegister` row per issuer symbol and year, locked while a number is taken, so
numbers have no gaps or duplicates even when decisions are issued concurrently. Issuing a decision
writes the award history (tdkt.awards.services.record_award); revoking it (Art. 93) revokes each award.
Its lifecycle is the `TRANSITIONS` table; every move (creation included) leaves a `DecisionEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Award, AwardKind
from tdkt.core.constraints import one_subject
from tdkt.core.fields import YearField
from tdkt.core.models import TimeStamped, Versioned
from tdkt.org.models import Person, Unit


class Issuer(TimeStamped):
    """An authority that issues decisions, with its document symbol (QĐ-CHQ, QĐ-BTC, …)."""

    name = models.CharField(_("Cơ quan ban hành"), max_length=255)
    parent_name = models.CharField(_("Cơ quan chủ quản"), max_length=255, blank=True)
    symbol = models.CharField(_("Ký hiệu"), max_length=30, unique=True, help_text=_("Ví dụ: CHQ, BTC, TTg"))
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="issuers")
    place = models.CharField(_("Địa danh"), max_length=80, default="Hà Nội")
    head_title = models.CharField(_("Chức danh người đứng đầu"), max_length=120, default="CỤC TRƯỞNG")

    class Meta:
        verbose_name = _("Cơ quan ban hành")
        verbose_name_plural = _("Cơ quan ban hành")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NumberRegister(models.Model):
    """Sổ đăng ký số văn bản: the last number taken per issuer and year (restarts on 1 January)."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="registers")
    year = YearField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Sổ đăng ký số quyết định")
        verbose_name_plural = _("Sổ đăng ký số quyết định")
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="numberregister_one_per_year")]

    def __str__(self) -> str:
        return f"{self.issuer.symbol} {self.year}: {self.last_number}"


class Decision(TimeStamped, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        REVOKED = "revoked", _("Đã hủy bỏ")

    class Authority(models.TextChoices):
        DIRECT = "", _("Ký trực tiếp")
        ON_BEHALF = "KT.", _("KT. (ký thay)")
        FOR_COLLECTIVE = "TM.", _("TM. (thay mặt)")
        ACTING = "Q.", _("Q. (quyền)")

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="decisions")
    proposal = models.ForeignKey(
        "proposals.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    status = models.CharField(_("Trạng thái"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("Số"), null=True, blank=True)
    year = YearField(_("Năm ban hành"), null=True, blank=True)
    signed_on = models.DateField(_("Ngày ký"), null=True, blank=True)
    summary = models.CharField(_("Trích yếu"), max_length=500)
    legal_bases = models.TextField(_("Căn cứ ban hành"), blank=True, help_text=_("Mỗi căn cứ một dòng"))
    signer_name = models.CharField(_("Người ký"), max_length=120)
    signer_title = models.CharField(_("Chức vụ người ký"), max_length=120)
    authority = models.CharField(_("Thẩm quyền ký"), max_length=4, choices=Authority.choices, blank=True)
    recipients = models.TextField(_("Nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng"))
    revoked_reason = models.TextField(_("Lý do hủy bỏ"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Quyết định khen thưởng")
        verbose_name_plural = _("Quyết định khen thưởng")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(number__isnull=False) & Q(year__isnull=False) & Q(signed_on__isnull=False)),
                name="decision_issued_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | ~Q(revoked_reason=""), name="decision_revoked_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} – {self.summary}" if self.number else self.summary

    @property
    def number_label(self) -> str:
        """ "05/QĐ-CHQ": numbers below 10 take a leading zero."""
        return f"{self.number:02d}/QĐ-{self.issuer.symbol}" if self.number else ""


# (from, to): who may make the move — the one transitions table of a decision's lifecycle ("" = creation).
# The roles are checked by `permissions` (`signer`: `can_sign`; `preparer`: `can_prepare_for`).
TRANSITIONS: dict[tuple[str, str], str] = {
    ("", Decision.Status.DRAFT): "preparer",
    (Decision.Status.DRAFT, Decision.Status.ISSUED): "signer",
    (Decision.Status.ISSUED, Decision.Status.REVOKED): "signer",
}


class DecisionEvent(models.Model):
    """Append-only record of every status change of a decision (who, when, why)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=8, choices=Decision.Status.choices, blank=True)
    to_status = models.CharField(max_length=8, choices=Decision.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("Lý do, ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Diễn biến quyết định")
        verbose_name_plural = _("Diễn biến quyết định")
        ordering = ["decision_id", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(from_status="") & Q(to_status="draft"))
                | (Q(from_status="draft") & Q(to_status="issued"))
                | (Q(from_status="issued") & Q(to_status="revoked")),
                name="decision_event_is_a_transition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class DecisionLine(models.Model):
    """One award in the decision's annex: a person or a collective, with the cash amount."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_name = models.CharField(_("Họ tên / tên tập thể"), max_length=255)
    subject_detail = models.CharField(_("Chức vụ, đơn vị"), max_length=500, blank=True)
    achievement_year = YearField(_("Năm thành tích"))
    cash_multiple = models.DecimalField(_("Hệ số"), max_digits=6, decimal_places=2, null=True, blank=True)
    cash_amount = models.PositiveBigIntegerField(_("Tiền thưởng (đồng)"), null=True, blank=True)
    candidate = models.ForeignKey(
        "proposals.Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="decision_lines"
    )
    award = models.OneToOneField(
        Award, null=True, blank=True, on_delete=models.SET_NULL, related_name="decision_line"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Dòng quyết định")
        verbose_name_plural = _("Danh sách kèm theo quyết định")
        ordering = ["decision_id", "order", "id"]
        constraints = [
            one_subject("decisionline_exactly_one_subject"),
        ]

    def __str__(self) -> str:
        return self.subject_name


class DocumentTemplate(TimeStamped):
    """A Word template an administrator uploaded to replace the built-in one of a document kind."""

    class Kind(models.TextChoices):
        SUBMISSION = "to_trinh", _("Tờ trình")
        MINUTES = "bien_ban", _("Biên bản họp Hội đồng")
        DECISION = "quyet_dinh", _("Quyết định (kèm danh sách)")
        REPORT = "bao_cao", _("Báo cáo thành tích")

    kind = models.CharField(_("Loại văn bản"), max_length=12, choices=Kind.choices, unique=True)
    file = models.FileField(_("Tệp mẫu (.docx)"), upload_to="templates/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Mẫu văn bản")
        verbose_name_plural = _("Mẫu văn bản")

    def __str__(self) -> str:
        return self.get_kind_display()


class CertificateBatch(TimeStamped):
    """A background job printing the certificates of a decision into one PDF; can be retried."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="certificate_batches")
    status = models.CharField(_("Trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="certificates/%Y/", blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Lô in bằng khen")
        verbose_name_plural = _("Lô in bằng khen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="certificatebatch_progress")
        ]

    def __str__(self) -> str:
        return f"{self.decision} ({self.done}/{self.total})"
