"""Initiatives (sáng kiến) and research topics (đề tài): the application, its review and its recognition.

The application carries the contents that the initiative regulation (Decree 13/2012/NĐ-CP, Circular
18/2013/TT-BKHCN) asks of an "đơn yêu cầu công nhận sáng kiến": the name, the authors and their shares of
the work, the field, the date of first application, the substance, the conditions of application, the
benefits as the authors and as the trial participants assess them, and who took part in the first
application. A research topic is the second kind, with its acceptance (nghiệm thu) and application results.

The application moves through explicit statuses (`TRANSITIONS`), each move recorded as an
`InitiativeEvent`. The initiative council is a `councils.Council` of kind "sang_kien"; its members score
the application on a weighted `ScoreSheet`. A recognition writes `awards.Recognition` (what the eligibility
engine reads) and keeps a one-to-one link to it; escalation to the ministry and national scopes raises the
scope of that same recognition, so the engine sees the higher scope and counts the initiative once.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Recognition
from tdkt.core.fields import YearField
from tdkt.core.models import TimeStamped, Versioned
from tdkt.core.text import fold, nfc
from tdkt.councils.models import Council, CouncilMember
from tdkt.org.models import Person, Unit


class Kind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài nghiên cứu khoa học")


class Field(models.TextChoices):
    CUSTOMS = "nghiep_vu", _("Nghiệp vụ hải quan")
    REFORM = "cchc", _("Cải cách hành chính – hiện đại hóa")
    IT = "cntt", _("Công nghệ thông tin")
    ANTI_SMUGGLING = "chong_buon_lau", _("Chống buôn lậu")
    REVENUE = "thu_nsnn", _("Thu ngân sách nhà nước")
    POST_CLEARANCE = "ktstq", _("Kiểm tra sau thông quan")
    ORGANISATION = "to_chuc", _("Tổ chức cán bộ, thi đua – khen thưởng")
    FINANCE = "tai_chinh", _("Tài chính, tài sản, hậu cần")
    OTHER = "khac", _("Lĩnh vực khác")


class Scope(models.TextChoices):
    UNIT = Recognition.Scope.UNIT.value, _("Cấp cơ sở")
    MINISTRY = Recognition.Scope.MINISTRY.value, _("Phạm vi bộ, ngành")
    NATIONAL = Recognition.Scope.NATIONAL.value, _("Phạm vi toàn quốc")


NEXT_SCOPE = {Scope.UNIT: Scope.MINISTRY, Scope.MINISTRY: Scope.NATIONAL}


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã nộp đơn")
    RETURNED = "returned", _("Trả lại để bổ sung")
    SCREENED = "screened", _("Đã thẩm định hồ sơ")
    COUNCIL = "council", _("Hội đồng sáng kiến đang xét")
    RECOGNISED = "recognised", _("Đã công nhận")
    REJECTED = "rejected", _("Không công nhận")
    ESCALATED = "escalated", _("Đã đề nghị cấp trên công nhận")
    MERGED = "merged", _("Đã gộp vào sáng kiến trùng")


# (from, to): who may make the move — the one transitions table of the lifecycle.
#   author: the creator, an author with an account, or a TĐKT officer of the unit (on their behalf);
#   office: a TĐKT officer whose scope holds the unit (the TĐKT office screens, convenes, issues);
#   upper: a TĐKT officer of the level above the unit (records the higher level's answer).
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): "author",
    (Status.RETURNED, Status.SUBMITTED): "author",
    (Status.SUBMITTED, Status.RETURNED): "office",
    (Status.SUBMITTED, Status.SCREENED): "office",
    (Status.SCREENED, Status.RETURNED): "office",
    (Status.SCREENED, Status.COUNCIL): "office",
    (Status.COUNCIL, Status.RECOGNISED): "office",
    (Status.COUNCIL, Status.REJECTED): "office",
    (Status.SCREENED, Status.REJECTED): "office",
    (Status.RECOGNISED, Status.ESCALATED): "office",
    (Status.ESCALATED, Status.RECOGNISED): "upper",
    (Status.DRAFT, Status.MERGED): "office",
    (Status.SUBMITTED, Status.MERGED): "office",
    (Status.RETURNED, Status.MERGED): "office",
    (Status.SCREENED, Status.MERGED): "office",
}
EDITABLE = (Status.DRAFT, Status.RETURNED)
RECOGNISED_STATES = (Status.RECOGNISED, Status.ESCALATED)


class Initiative(TimeStamped, Versioned):
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices, default=Kind.INITIATIVE)
    title = models.CharField(_("Tên sáng kiến, đề tài"), max_length=500)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("Đơn vị xét công nhận")
    )
    field = models.CharField(
        _("Lĩnh vực áp dụng"), max_length=16, choices=Field.choices, default=Field.CUSTOMS
    )
    investor = models.CharField(_("Chủ đầu tư tạo ra sáng kiến"), max_length=255, blank=True)
    first_applied_on = models.DateField(_("Ngày áp dụng lần đầu"), null=True, blank=True)
    description = models.TextField(_("Mô tả bản chất của sáng kiến"), blank=True)
    confidential = models.TextField(_("Thông tin cần bảo mật"), blank=True)
    conditions = models.TextField(_("Điều kiện cần thiết để áp dụng"), blank=True)
    benefits_by_authors = models.TextField(_("Lợi ích thu được theo ý kiến tác giả"), blank=True)
    benefits_by_participants = models.TextField(
        _("Lợi ích thu được theo ý kiến của người tham gia áp dụng thử"), blank=True
    )
    first_participants = models.TextField(_("Những người tham gia áp dụng sáng kiến lần đầu"), blank=True)
    # Research topics (đề tài): acceptance and application.
    accepted_on = models.DateField(_("Ngày nghiệm thu"), null=True, blank=True)
    acceptance_result = models.CharField(_("Kết quả nghiệm thu"), max_length=255, blank=True)
    application_result = models.TextField(_("Kết quả ứng dụng"), blank=True)

    status = models.CharField(_("Trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Sum of the authors' shares, written by the services with the authors: 100 once out of draft.
    share_total = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"), editable=False)
    scope = models.CharField(_("Phạm vi được công nhận"), max_length=10, choices=Scope.choices, blank=True)
    year = YearField(_("Năm công nhận"), null=True, blank=True)
    decision_number = models.CharField(_("Số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    register_number = models.PositiveIntegerField(_("Số vào sổ"), null=True, blank=True)
    certificate_number = models.CharField(_("Số Giấy chứng nhận"), max_length=60, blank=True)
    signer_name = models.CharField(_("Người ký"), max_length=120, blank=True)
    reason = models.TextField(_("Lý do không công nhận"), blank=True)
    recognition = models.OneToOneField(
        Recognition, null=True, blank=True, on_delete=models.PROTECT, related_name="initiative"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Folded title + description (no diacritics, đ → d) and its n-gram count, for the duplicate check.
    search_text = models.TextField(editable=False, blank=True)
    gram_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("Sáng kiến, đề tài")
        verbose_name_plural = _("Sáng kiến, đề tài")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="initiative_title_not_empty"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="initiative_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.MERGED]) | Q(share_total=Decimal("100")),
                name="initiative_shares_total_100",
                violation_error_message=_("Tổng tỷ lệ đóng góp của các tác giả phải đúng 100 %."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.RECOGNISED, Status.ESCALATED])
                | (Q(recognition__isnull=False) & ~Q(scope="") & Q(year__isnull=False)),
                name="initiative_recognised_has_recognition",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.MERGED) | Q(merged_into__isnull=False),
                name="initiative_merged_has_target",
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="initiative_not_merged_into_self"),
            models.UniqueConstraint(
                fields=["unit", "year", "register_number"],
                condition=Q(register_number__isnull=False),
                name="initiative_register_number_once",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "year", "status"], name="initiative_unit_year"),
            models.Index(fields=["status"], name="initiative_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        for name in (
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
            "reason",
        ):
            setattr(self, name, nfc(getattr(self, name) or ""))
        self.search_text = fold(f"{self.title}\n{self.description}")
        super().save(*args, **kwargs)


class InitiativeAuthor(models.Model):
    """An author or co-author and the share of the work (%) they are credited with."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="initiative_authorships")
    share = models.DecimalField(_("Tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Tác giả")
        verbose_name_plural = _("Tác giả")
        ordering = ["initiative_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiativeauthor_once"),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="initiativeauthor_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share} %)"


class NGram(models.Model):
    """One syllable n-gram of an initiative's folded text (hashed to an integer), for the duplicate check."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    gram = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gram", "initiative"], name="ngram_once")]
        indexes = [models.Index(fields=["initiative"], name="ngram_initiative")]

    def __str__(self) -> str:
        return str(self.gram)


class Attachment(TimeStamped):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("Tệp"), upload_to="initiatives/%Y/")
    name = models.CharField(_("Tên tài liệu"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Tài liệu kèm theo")
        verbose_name_plural = _("Tài liệu kèm theo")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class InitiativeEvent(models.Model):
    """Append-only record of every status change."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("Lý do, ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Diễn biến")
        verbose_name_plural = _("Diễn biến")
        ordering = ["initiative_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ScoreSheet(TimeStamped):
    """Phiếu chấm điểm: weighted criteria and the pass rule (parameters, set per unit or agency-wide)."""

    name = models.CharField(_("Tên phiếu chấm"), max_length=255)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="score_sheets",
        verbose_name=_("Đơn vị áp dụng (để trống: toàn ngành)"),
    )
    # Pass rule: the weighted average of the members' scores (in % of the maximum) reaches pass_mark,
    # and at least min_scorers members scored.
    pass_mark = models.DecimalField(_("Điểm đạt (% điểm tối đa)"), max_digits=5, decimal_places=2, default=50)
    min_scorers = models.PositiveSmallIntegerField(_("Số thành viên chấm tối thiểu"), default=1)
    is_active = models.BooleanField(_("Đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("Phiếu chấm điểm sáng kiến")
        verbose_name_plural = _("Phiếu chấm điểm sáng kiến")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gt=0) & Q(pass_mark__lte=100), name="scoresheet_pass_mark_range"
            ),
            models.CheckConstraint(condition=Q(min_scorers__gte=1), name="scoresheet_min_scorers"),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("Mã tiêu chí"), max_length=30)
    name = models.CharField(_("Tiêu chí"), max_length=255)
    weight = models.DecimalField(_("Trọng số"), max_digits=5, decimal_places=2)
    max_points = models.PositiveSmallIntegerField(_("Điểm tối đa"), default=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Tiêu chí chấm điểm")
        verbose_name_plural = _("Tiêu chí chấm điểm")
        ordering = ["sheet_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="criterion_code_once"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(condition=Q(max_points__gte=1), name="criterion_max_points_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Review(TimeStamped):
    """One examination of an application by the initiative council, with its score sheet and result."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reviews")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="initiative_reviews")
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="reviews")
    opened_on = models.DateField(_("Ngày đưa ra hội đồng"))
    closed_at = models.DateTimeField(_("Kết thúc chấm điểm"), null=True, blank=True)
    average = models.DecimalField(
        _("Điểm bình quân (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    scorers = models.PositiveSmallIntegerField(_("Số thành viên đã chấm"), null=True, blank=True)
    passed = models.BooleanField(_("Đạt"), null=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Xét của hội đồng sáng kiến")
        verbose_name_plural = _("Xét của hội đồng sáng kiến")
        ordering = ["initiative_id", "-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(closed_at__isnull=True), name="review_one_open"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(passed__isnull=False), name="review_closed_has_result"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} – {self.council}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Recusal(models.Model):
    """A council member who may not score this application (an author, or an author's direct superior)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("Lý do"), max_length=255)

    class Meta:
        verbose_name = _("Thành viên không tham gia chấm")
        verbose_name_plural = _("Thành viên không tham gia chấm")
        constraints = [models.UniqueConstraint(fields=["review", "member"], name="recusal_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("Điểm"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("Điểm chấm")
        verbose_name_plural = _("Điểm chấm")
        ordering = ["review_id", "member_id", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "member", "criterion"], name="score_once"),
            models.CheckConstraint(condition=Q(points__gte=0), name="initiativescore_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.criterion}: {self.points}"


class Note(TimeStamped):
    """A comment on the application (the trade-union observer's among them), or a private note seen only
    by its writer."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Nội dung"))
    private = models.BooleanField(_("Ghi chú riêng (chỉ mình tôi xem)"), default=False)
    as_observer = models.BooleanField(_("Ý kiến giám sát của Công đoàn"), default=False)

    class Meta:
        verbose_name = _("Ý kiến, ghi chú")
        verbose_name_plural = _("Ý kiến, ghi chú")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="note_text_not_empty")]

    def __str__(self) -> str:
        return self.text[:60]


class Escalation(TimeStamped):
    """Đề nghị cấp trên công nhận: a recognised initiative proposed for a wider scope, and the answer."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang chờ cấp trên xét")
        RECOGNISED = "recognised", _("Được công nhận")
        REFUSED = "refused", _("Không được công nhận")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="escalations")
    to_scope = models.CharField(_("Đề nghị công nhận phạm vi"), max_length=10, choices=Scope.choices)
    proposed_on = models.DateField(_("Ngày đề nghị"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("Kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decision_number = models.CharField(_("Số quyết định của cấp trên"), max_length=60, blank=True)
    decision_date = models.DateField(_("Ngày quyết định của cấp trên"), null=True, blank=True)
    note = models.TextField(_("Ghi chú, lý do"), blank=True)

    class Meta:
        verbose_name = _("Đề nghị công nhận cấp trên")
        verbose_name_plural = _("Đề nghị công nhận cấp trên")
        ordering = ["initiative_id", "proposed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_scope__in=[Scope.MINISTRY, Scope.NATIONAL]), name="escalation_scope_higher"
            ),
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(outcome="pending"), name="escalation_one_pending"
            ),
            models.UniqueConstraint(
                fields=["initiative", "to_scope"],
                condition=Q(outcome="recognised"),
                name="escalation_scope_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} → {self.get_to_scope_display()}"


class RegisterCounter(models.Model):
    """Sổ đăng ký công nhận sáng kiến: the last number given per unit and year (restarts each year)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = YearField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Sổ đăng ký công nhận sáng kiến")
        verbose_name_plural = _("Sổ đăng ký công nhận sáng kiến")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="registercounter_once")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.last_number}"


class FollowUp(TimeStamped):
    """After recognition: where the initiative was applied, the benefit measured, the authors' pay."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="follow_ups")
    applied_at = models.CharField(_("Nơi áp dụng"), max_length=255)
    applied_on = models.DateField(_("Ngày áp dụng"), null=True, blank=True)
    benefit = models.TextField(_("Hiệu quả đo được"), blank=True)
    benefit_amount = models.BigIntegerField(_("Giá trị làm lợi (đồng)"), null=True, blank=True)
    remuneration = models.BigIntegerField(_("Thù lao trả tác giả (đồng)"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Theo dõi áp dụng")
        verbose_name_plural = _("Theo dõi áp dụng")
        ordering = ["initiative_id", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(benefit_amount__isnull=True) | Q(benefit_amount__gte=0),
                name="followup_benefit_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(remuneration__isnull=True) | Q(remuneration__gte=0),
                name="followup_remuneration_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.applied_at


class MemberField(models.Model):
    """A field (lĩnh vực) an initiative council member is expert in: the council proposes, for an
    application, its members of the application's field (members tagged with no field sit for every field)."""

    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="initiative_fields")
    field = models.CharField(_("Lĩnh vực"), max_length=20, choices=Field.choices)

    class Meta:
        verbose_name = _("Lĩnh vực của thành viên Hội đồng sáng kiến")
        verbose_name_plural = _("Lĩnh vực của thành viên Hội đồng sáng kiến")
        ordering = ["member_id", "field"]
        constraints = [models.UniqueConstraint(fields=["member", "field"], name="memberfield_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_field_display()}"
