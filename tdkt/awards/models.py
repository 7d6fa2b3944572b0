"""The award history: the catalogue of titles and forms, and the facts the law judges.

One history for every person and collective. Decisions, the initiatives workflow and imports all write
`Award` and `Recognition` rows through `tdkt.awards.services`; the eligibility engine reads them through
`tdkt.rules.facts`. A revoked award (Art. 93 of the 2022 law) stays in the history, marked, and backs
nothing.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.constraints import one_subject
from tdkt.core.fields import YearField
from tdkt.core.models import TimeStamped, Versioned
from tdkt.core.text import fold, nfc
from tdkt.org.models import Person, Unit


class Category(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    COMMENDATION = "commendation", _("Hình thức khen thưởng")


class Level(models.TextChoices):
    UNIT = "co_so", _("Cấp cơ sở")
    MINISTRY = "bo", _("Cấp bộ, ngành, tỉnh")
    STATE = "nha_nuoc", _("Cấp Nhà nước")


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class AwardType(models.TextChoices):
    """Loại hình khen thưởng. Only merit awards (công trạng) feed the chains of higher awards."""

    MERIT = "cong_trang", _("Thường xuyên, theo công trạng và thành tích")
    THEMATIC = "chuyen_de", _("Theo chuyên đề, theo đợt")
    AD_HOC = "dot_xuat", _("Đột xuất")
    CONTRIBUTION = "cong_hien", _("Quá trình cống hiến")
    SERVICE_YEARS = "nien_han", _("Theo niên hạn")
    FOREIGN = "doi_ngoai", _("Đối ngoại")
    COMMEMORATIVE = "ky_niem", _("Kỷ niệm chương")
    RESISTANCE = "khang_chien", _("Kháng chiến")


class RecipientClass(models.TextChoices):
    """Đối tượng được khen as the statistical forms 0602/0603.N/BNV-TĐKT break them down."""

    COLLECTIVE = "tap_the", _("Tập thể")
    ENTERPRISE = "doanh_nghiep", _("Doanh nghiệp")
    HOUSEHOLD = "ho_gia_dinh", _("Hộ gia đình")
    MINISTRY_LEADER = "lanh_dao_bo", _("Lãnh đạo cấp bộ, cấp tỉnh trở lên")
    DEPARTMENT_LEADER = "lanh_dao_vu", _("Lãnh đạo cấp vụ, sở, ngành và tương đương")
    ENTREPRENEUR = "doanh_nhan", _("Doanh nhân")
    OTHER_LEADER = "lanh_dao_khac", _("Cán bộ lãnh đạo khác từ phó trưởng phòng trở lên")
    WORKER = "truc_tiep", _("Công nhân, nông dân, người trực tiếp lao động, công tác")

    @classmethod
    def for_collectives(cls) -> set[str]:
        return {cls.COLLECTIVE, cls.ENTERPRISE, cls.HOUSEHOLD}


class SubmittingBody(models.TextChoices):
    """Who proposed a State-level award (form 0602.N/BNV-TĐKT, rows 02–03)."""

    MINISTRY = "bo_nganh", _("Bộ, ban, ngành, đoàn thể Trung ương")
    PROVINCE = "tinh", _("Tỉnh, thành phố trực thuộc Trung ương")


class AwardKind(TimeStamped):
    """A title or form of commendation in the catalogue (seeded from the law, editable by admins)."""

    code = models.CharField(_("Mã"), max_length=20, unique=True)
    name = models.CharField(_("Tên"), max_length=200)
    category = models.CharField(_("Nhóm"), max_length=12, choices=Category.choices)
    level = models.CharField(_("Cấp"), max_length=10, choices=Level.choices)
    subject_kind = models.CharField(_("Đối tượng"), max_length=10, choices=SubjectKind.choices)
    issuer = models.CharField(_("Thẩm quyền quyết định"), max_length=200)
    default_type = models.CharField(
        _("Loại hình mặc định"), max_length=12, choices=AwardType.choices, default=AwardType.MERIT
    )
    physical_item = models.CharField(_("Hiện vật"), max_length=200, blank=True)
    legal_basis = models.CharField(_("Căn cứ"), max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(_("Thứ tự"), default=100, help_text=_("Nhỏ hơn là cao hơn"))
    is_active = models.BooleanField(_("Đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("Danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("Danh mục danh hiệu, hình thức khen thưởng")
        ordering = ["rank", "code"]
        constraints = [models.CheckConstraint(condition=~Q(code=""), name="awardkind_code_not_empty")]

    def __str__(self) -> str:
        return self.name


class CashMultiple(models.Model):
    """Tiền thưởng = multiple × lương cơ sở, effective-dated (NĐ 98/2023, NĐ 152/2025)."""

    award_kind = models.ForeignKey(AwardKind, on_delete=models.CASCADE, related_name="cash_multiples")
    subject_kind = models.CharField(_("Đối tượng"), max_length=10, choices=SubjectKind.choices)
    multiple = models.DecimalField(_("Hệ số"), max_digits=6, decimal_places=2)
    valid_from = models.DateField(_("Hiệu lực từ"))
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)
    basis = models.CharField(_("Căn cứ"), max_length=200, blank=True)
    confidence = models.CharField(
        _("Mức tin cậy"),
        max_length=1,
        choices=[
            ("C", _("C – đã đối chiếu văn bản")),
            ("S", _("S – nguồn thứ cấp")),
            ("U", _("U – chưa xác nhận")),
        ],
        default="S",
    )

    class Meta:
        verbose_name = _("Hệ số tiền thưởng")
        verbose_name_plural = _("Hệ số tiền thưởng")
        ordering = ["award_kind", "subject_kind", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_kind", "subject_kind", "valid_from"], name="cashmultiple_unique"
            ),
            models.CheckConstraint(condition=Q(multiple__gte=0), name="cashmultiple_not_negative"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="cashmultiple_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_kind.code} × {self.multiple} ({self.valid_from:%d/%m/%Y})"


class BaseSalary(models.Model):
    """Lương cơ sở in force from a date (1.800.000 đ from 1/7/2023, 2.340.000 đ from 1/7/2024, …)."""

    amount = models.PositiveBigIntegerField(_("Mức lương cơ sở (đồng)"))
    valid_from = models.DateField(_("Áp dụng từ"), unique=True)
    basis = models.CharField(_("Căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Lương cơ sở")
        verbose_name_plural = _("Lương cơ sở")
        ordering = ["-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="basesalary_positive")]

    def __str__(self) -> str:
        return f"{self.amount} ({self.valid_from:%d/%m/%Y})"


class Award(TimeStamped, Versioned):
    """A title or commendation actually conferred on a person or a collective."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Nhập tay")
        IMPORT = "import", _("Nhập từ tệp")
        DECISION = "decision", _("Quyết định trong hệ thống")
        DEMO = "demo", _("Dữ liệu mẫu")

    kind = models.ForeignKey(
        AwardKind, on_delete=models.PROTECT, related_name="awards", verbose_name=_("Danh hiệu / hình thức")
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="awards")
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("Tập thể"),
    )
    year = YearField(_("Năm thành tích"))
    # The achievement years the decision names ("đã có thành tích năm 2023–2024"): the time to the next
    # award counts from the end of this period; when the decision names none, from the decision date.
    period_from = models.PositiveSmallIntegerField(_("Thành tích từ năm"), null=True, blank=True)
    period_to = models.PositiveSmallIntegerField(_("Thành tích đến năm"), null=True, blank=True)
    award_type = models.CharField(
        _("Loại hình"), max_length=12, choices=AwardType.choices, default=AwardType.MERIT
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("Cơ quan ban hành"), max_length=200, blank=True)
    # What the statistical forms count by; blank when not known (the forms list such records).
    recipient_class = models.CharField(
        _("Đối tượng được khen"), max_length=14, choices=RecipientClass.choices, blank=True
    )
    submitting_body = models.CharField(
        _("Cơ quan trình khen"), max_length=10, choices=SubmittingBody.choices, blank=True
    )
    # For a collective: the name it bore when awarded (units are renamed and merged later).
    subject_name = models.CharField(_("Tên đối tượng khi khen"), max_length=255, blank=True)
    revoked = models.BooleanField(_("Đã hủy bỏ"), default=False)
    revoked_reason = models.TextField(_("Lý do hủy bỏ"), blank=True)
    revoked_decision = models.CharField(_("Quyết định hủy bỏ"), max_length=60, blank=True)
    revoked_on = models.DateField(_("Ngày hủy bỏ"), null=True, blank=True)
    source = models.CharField(_("Nguồn"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Khen thưởng")
        verbose_name_plural = _("Lịch sử khen thưởng")
        ordering = ["-year", "kind__rank"]
        constraints = [
            one_subject("award_exactly_one_subject"),
            models.UniqueConstraint(
                fields=["kind", "person", "year", "decision_number"],
                condition=Q(person__isnull=False),
                name="award_person_unique",
            ),
            models.UniqueConstraint(
                fields=["kind", "unit", "year", "decision_number"],
                condition=Q(unit__isnull=False),
                name="award_unit_unique",
            ),
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2100), name="award_year_range"),
            models.CheckConstraint(
                condition=Q(recipient_class="")
                | Q(person__isnull=True, recipient_class__in=["tap_the", "doanh_nghiep", "ho_gia_dinh"])
                | (
                    Q(person__isnull=False)
                    & ~Q(recipient_class__in=["tap_the", "doanh_nghiep", "ho_gia_dinh"])
                ),
                name="award_recipient_class_fits_subject",
                violation_error_message=_("Đối tượng được khen không khớp với cá nhân hay tập thể."),
            ),
            models.CheckConstraint(
                condition=(Q(period_from__isnull=True) & Q(period_to__isnull=True))
                | (Q(period_from__gte=1945) & Q(period_from__lte=F("period_to"))),
                name="award_period_valid",
                violation_error_message=_("Thời gian thành tích phải có năm bắt đầu không sau năm kết thúc."),
            ),
            models.CheckConstraint(
                condition=Q(revoked=False) | ~Q(revoked_reason=""),
                name="award_revoked_has_reason",
                violation_error_message=_("Hủy bỏ khen thưởng phải ghi rõ lý do."),
            ),
        ]
        indexes = [
            models.Index(fields=["year", "kind"], name="award_year_kind"),
            models.Index(fields=["person", "year"], name="award_person_year"),
            models.Index(fields=["unit", "year"], name="award_unit_year"),
            # The statistical forms count awards by the date their decision was signed.
            models.Index(fields=["decision_date", "kind"], name="award_decision_date_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind.name} {self.year} – {self.subject_label}"

    @property
    def subject_label(self) -> str:
        return self.person.full_name if self.person_id else (self.subject_name or self.unit.name)

    def save(self, *args, **kwargs):
        self.decision_number = nfc(self.decision_number)
        self.issuer = nfc(self.issuer)
        self.subject_name = nfc(self.subject_name)
        super().save(*args, **kwargs)


class Rating(TimeStamped):
    """Đánh giá, xếp loại chất lượng hằng năm of a person (NĐ 90/2020, NĐ 335/2025 with points)."""

    class Value(models.TextChoices):
        HTXS = "HTXS", _("Hoàn thành xuất sắc nhiệm vụ")
        HTT = "HTT", _("Hoàn thành tốt nhiệm vụ")
        HT = "HT", _("Hoàn thành nhiệm vụ")
        KHT = "KHT", _("Không hoàn thành nhiệm vụ")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ratings")
    year = YearField(_("Năm"))
    value = models.CharField(_("Xếp loại"), max_length=4, choices=Value.choices)
    points = models.DecimalField(_("Điểm"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("Xếp loại chất lượng")
        verbose_name_plural = _("Xếp loại chất lượng")
        ordering = ["person_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="rating_one_per_year"),
            models.CheckConstraint(
                condition=Q(value__in=["HTXS", "HTT", "HT", "KHT"]), name="rating_value_valid"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | (Q(points__gte=0) & Q(points__lte=100)),
                name="rating_points_range",
            ),
        ]
        indexes = [models.Index(fields=["year", "value"], name="rating_year_value")]


class UnitResult(TimeStamped):
    """The year's task result of a collective (HTXS: exceeded its approved plan)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="results")
    year = YearField(_("Năm"))
    value = models.CharField(_("Kết quả"), max_length=4, choices=Rating.Value.choices)

    class Meta:
        verbose_name = _("Kết quả thực hiện nhiệm vụ của tập thể")
        verbose_name_plural = _("Kết quả thực hiện nhiệm vụ của tập thể")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unitresult_one_per_year"),
            models.CheckConstraint(
                condition=Q(value__in=["HTXS", "HTT", "HT", "KHT"]), name="unitresult_value_valid"
            ),
        ]


class ClusterResult(TimeStamped):
    """A collective's result in its emulation cluster or bloc (cụm, khối thi đua) for one year.

    Written by the clusters workflow (the members' vote for the leading unit) or entered by hand; the
    eligibility engine reads it for Cờ thi đua (`cluster_results` in the facts file).
    """

    class Source(models.TextChoices):
        MANUAL = "manual", _("Nhập tay")
        CLUSTER = "cluster", _("Bình xét của cụm, khối")
        IMPORT = "import", _("Nhập từ tệp")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="cluster_results")
    year = YearField(_("Năm"))
    cluster = models.CharField(_("Cụm, khối thi đua"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("Thứ hạng"), null=True, blank=True)
    members = models.PositiveSmallIntegerField(_("Số thành viên"), null=True, blank=True)
    leading = models.BooleanField(_("Dẫn đầu cụm, khối"), default=False)
    source = models.CharField(_("Nguồn"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Kết quả bình xét trong cụm, khối thi đua")
        verbose_name_plural = _("Kết quả bình xét trong cụm, khối thi đua")
        ordering = ["unit_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="clusterresult_one_per_year"),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1), name="clusterresult_rank_positive"
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(members__isnull=True) | Q(rank__lte=F("members")),
                name="clusterresult_rank_within_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {self.rank or '—'}"


class Discipline(TimeStamped):
    class Level(models.TextChoices):
        REPRIMAND = "khien_trach", _("Khiển trách")
        WARNING = "canh_cao", _("Cảnh cáo")
        SALARY_DOWN = "ha_bac_luong", _("Hạ bậc lương")
        DEMOTION = "giang_chuc", _("Giáng chức")
        DISMISSAL = "cach_chuc", _("Cách chức")
        FIRED = "buoc_thoi_viec", _("Buộc thôi việc")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    year = YearField(_("Năm"))
    level = models.CharField(_("Hình thức kỷ luật"), max_length=14, choices=Level.choices)
    duty_related = models.BooleanField(_("Liên quan đến công vụ"), default=True)
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    # The last day of the penalty's term, when recorded; otherwise the engine takes the rule set's term for
    # the level from the decision date (`discipline.term_months.<level>`).
    term_end = models.DateField(_("Hết thời hạn kỷ luật"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kỷ luật")
        verbose_name_plural = _("Kỷ luật")
        ordering = ["person_id", "-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    level__in=[
                        "khien_trach",
                        "canh_cao",
                        "ha_bac_luong",
                        "giang_chuc",
                        "cach_chuc",
                        "buoc_thoi_viec",
                    ]
                ),
                name="discipline_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(decision_date__isnull=True)
                | Q(term_end__gte=F("decision_date")),
                name="discipline_term_after_decision",
                violation_error_message=_("Ngày hết thời hạn kỷ luật không được trước ngày quyết định."),
            ),
        ]


class ReviewPeriod(TimeStamped):
    """A period during which a person or collective is considered for discipline, inspected for signs of a
    violation, or the subject of a complaint being verified: no award may be proposed while it lasts
    (NĐ 152/2025 Art. 4(4)). An open period has no end."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", _("Đang xem xét kỷ luật")
        INSPECTION = "inspection", _("Đang thanh tra, kiểm tra")
        COMPLAINT = "complaint", _("Đang xác minh khiếu nại, tố cáo")

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="review_periods"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="review_periods"
    )
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    start = models.DateField(_("Từ ngày"))
    end = models.DateField(_("Đến ngày"), null=True, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Thời gian đang xem xét, thanh tra, xác minh")
        verbose_name_plural = _("Thời gian đang xem xét, thanh tra, xác minh")
        ordering = ["-start"]
        constraints = [
            one_subject("reviewperiod_exactly_one_subject"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="reviewperiod_end_after_start",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"
            if self.end
            else (f"{self.get_kind_display()} từ {self.start:%d/%m/%Y}")
        )


class Leave(TimeStamped):
    """A person's leave (maternity, sick, study, other): explains a year without a rating."""

    class Kind(models.TextChoices):
        MATERNITY = "maternity", _("Nghỉ thai sản")
        SICK = "sick", _("Nghỉ ốm")
        STUDY = "study", _("Đi học")
        OTHER = "other", _("Nghỉ khác")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leaves")
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    start = models.DateField(_("Từ ngày"))
    end = models.DateField(_("Đến ngày"))
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Thời gian nghỉ")
        verbose_name_plural = _("Thời gian nghỉ")
        ordering = ["person_id", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="leave_end_after_start",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


class Recognition(TimeStamped):
    """A recognised initiative (sáng kiến) or accepted research (đề tài, đề án, công trình).

    The initiatives workflow writes these when a council recognises an initiative; imports and manual
    entry write them for older records."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Sáng kiến")
        RESEARCH = "research", _("Đề tài, đề án, công trình khoa học")

    class Scope(models.TextChoices):
        UNIT = "co_so", _("Cấp cơ sở")
        MINISTRY = "bo", _("Phạm vi bộ, ngành")
        NATIONAL = "toan_quoc", _("Phạm vi toàn quốc")

    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices, default=Kind.INITIATIVE)
    title = models.CharField(_("Tên sáng kiến, đề tài"), max_length=500)
    scope = models.CharField(_("Phạm vi ảnh hưởng"), max_length=10, choices=Scope.choices)
    year = YearField(_("Năm công nhận"))
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    applied = models.BooleanField(_("Đã áp dụng"), default=True)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recognitions",
        verbose_name=_("Đơn vị công nhận"),
    )
    revoked = models.BooleanField(_("Đã hủy bỏ"), default=False)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Công nhận sáng kiến, đề tài")
        verbose_name_plural = _("Công nhận sáng kiến, đề tài")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=["co_so", "bo", "toan_quoc"]), name="recognition_scope_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="recognition_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.search_text = fold(self.title)[:600]
        super().save(*args, **kwargs)


class RecognitionAuthor(models.Model):
    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="recognitions")
    share = models.DecimalField(
        _("Tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2, default=Decimal("100")
    )

    class Meta:
        verbose_name = _("Tác giả")
        verbose_name_plural = _("Tác giả")
        constraints = [
            models.UniqueConstraint(fields=["recognition", "person"], name="recognitionauthor_unique"),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="recognitionauthor_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share} %)"


class AwardBacking(models.Model):
    """ "Một thành tích, một khen thưởng": the recognition that backed an award; it backs nothing else."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="backings")
    recognition = models.OneToOneField(Recognition, on_delete=models.CASCADE, related_name="backing")

    class Meta:
        verbose_name = _("Thành tích làm căn cứ")
        verbose_name_plural = _("Thành tích làm căn cứ")

    def __str__(self) -> str:
        return f"{self.recognition} → {self.award}"


class ImportBatch(TimeStamped):
    """One run of an award-history import: what it did, for the report and for idempotence checks."""

    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    dry_run = models.BooleanField(default=False)
    report = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("Lần nhập lịch sử khen thưởng")
        verbose_name_plural = _("Các lần nhập lịch sử khen thưởng")
        ordering = ["-created_at"]
