"""Emulation movements (phong trào thi đua), registrations (đăng ký thi đua) and targets (chỉ tiêu).

- A `Movement` is launched by a unit for its participating units (a subtree or a chosen list, resolved
  into `MovementParticipant` rows when it is launched) over a period; it goes draft → launched → closed,
  and every transition is a `MovementEvent`. Launching writes a `UnitNotification` for each participant.
  Kind, scope and launching level are the dimensions of the Home Affairs form 0601.N/BNV-TĐKT.
- A `Registration` is a unit's registration for a year within a movement: the collective titles it aims
  for and the individual titles its people register for (`RegisteredTitle`), with the pledge text.
- A `Target` is a measurable target of a unit (or of one person in it) for a year, with period actuals
  (`Actual`, monthly or quarterly) and adjustments of the planned value (`TargetAdjustment`). The total of
  the actuals and the attainment are kept on the target by the services, so lists sort and page in SQL.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind
from tdkt.core.fields import YearField
from tdkt.core.models import TimeStamped, Versioned
from tdkt.core.text import fold, nfc
from tdkt.org.models import Person, Unit


class Movement(TimeStamped, Versioned):
    class Kind(models.TextChoices):
        REGULAR = "thuong_xuyen", _("Thường xuyên")
        THEMATIC = "chuyen_de", _("Chuyên đề, theo đợt")
        AD_HOC = "dot_xuat", _("Đột xuất")
        PHASE = "giai_doan", _("Giai đoạn nhiều năm")

    class Scope(models.TextChoices):
        NATIONAL = "toan_quoc", _("Toàn quốc")
        SECTOR = "bo_nganh", _("Bộ, ngành, địa phương")
        CLUSTER = "cum_khoi", _("Cụm, khối thi đua")
        UNIT = "co_quan", _("Cơ quan, đơn vị")

    class Level(models.TextChoices):
        """The launching level: columns 2–4 of form 0601.N/BNV-TĐKT."""

        CENTRAL = "trung_uong", _("Trung ương")
        MINISTRY = "bo_nganh_tinh", _("Bộ, ngành, tỉnh")
        UNIT = "co_quan_don_vi", _("Cơ quan, đơn vị")

    class Participants(models.TextChoices):
        SUBTREE = "subtree", _("Toàn bộ đơn vị trực thuộc")
        LIST = "list", _("Các đơn vị được chọn")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        LAUNCHED = "launched", _("Đã phát động")
        CLOSED = "closed", _("Đã tổng kết")

    name = models.CharField(_("Tên phong trào"), max_length=500)
    slogan = models.CharField(_("Khẩu hiệu"), max_length=500, blank=True)
    kind = models.CharField(_("Hình thức"), max_length=14, choices=Kind.choices, default=Kind.REGULAR)
    scope = models.CharField(_("Phạm vi"), max_length=10, choices=Scope.choices, default=Scope.UNIT)
    level = models.CharField(_("Cấp phát động"), max_length=16, choices=Level.choices, default=Level.UNIT)
    launching_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="launched_movements", verbose_name=_("Đơn vị phát động")
    )
    participants_mode = models.CharField(
        _("Đơn vị tham gia"), max_length=8, choices=Participants.choices, default=Participants.SUBTREE
    )
    starts_on = models.DateField(_("Từ ngày"))
    ends_on = models.DateField(_("Đến ngày"))
    registration_deadline = models.DateField(_("Hạn đăng ký thi đua"), null=True, blank=True)
    midterm_on = models.DateField(_("Sơ kết"), null=True, blank=True)
    goals = models.TextField(_("Mục tiêu"), blank=True)
    content = models.TextField(_("Nội dung thi đua"), blank=True)
    criteria = models.TextField(_("Tiêu chí thi đua"), blank=True)
    directive_documents = models.TextField(
        _("Văn bản chỉ đạo"), blank=True, help_text=_("Mỗi văn bản một dòng")
    )
    midterm_awards = models.TextField(_("Khen thưởng dự kiến khi sơ kết"), blank=True)
    final_awards = models.TextField(_("Khen thưởng dự kiến khi tổng kết"), blank=True)
    status = models.CharField(_("Trạng thái"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    launched_on = models.DateField(_("Ngày phát động"), null=True, blank=True)
    closed_on = models.DateField(_("Ngày tổng kết"), null=True, blank=True)
    demo = models.BooleanField(default=False, editable=False)
    search_text = models.CharField(max_length=1200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Phong trào thi đua")
        verbose_name_plural = _("Phong trào thi đua")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="movement_name_not_empty"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="movement_period_valid"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(launched_on__isnull=False), name="movement_launched_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False), name="movement_closed_has_date"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["thuong_xuyen", "chuyen_de", "dot_xuat", "giai_doan"]),
                name="movement_kind_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_on"], name="movement_status_start")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name, self.slogan = nfc(self.name).strip(), nfc(self.slogan).strip()
        self.search_text = fold(f"{self.name} {self.slogan}")[:1200]
        super().save(*args, **kwargs)

    @property
    def duration_row(self) -> str:
        """The duration row of form 0601 (06: < 1 year … 10: ≥ 5 years), from the period."""
        months = (
            (self.ends_on.year - self.starts_on.year) * 12 + self.ends_on.month - self.starts_on.month + 1
        )
        if months < 12:
            return "06"
        if months == 12:
            return "07"
        if months < 36:
            return "08"
        if months < 60:
            return "09"
        return "10"

    def directive_list(self) -> list[str]:
        return [line.strip() for line in self.directive_documents.splitlines() if line.strip()]


class MovementParticipant(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="movement_participations")

    class Meta:
        verbose_name = _("Đơn vị tham gia phong trào")
        verbose_name_plural = _("Đơn vị tham gia phong trào")
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="movementparticipant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.movement} – {self.unit}"


class MovementEvent(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=8, blank=True)
    to_status = models.CharField(max_length=8, choices=Movement.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Diễn biến phong trào")
        verbose_name_plural = _("Diễn biến phong trào")
        ordering = ["movement_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.movement}: {self.from_status or '–'} → {self.to_status}"


class UnitNotification(models.Model):
    """An in-app notice for a unit (a movement launched for it, a deadline coming)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="movement_notifications")
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("Nội dung"), max_length=600)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Thông báo thi đua")
        verbose_name_plural = _("Thông báo thi đua")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="unitnotification_unit_time")]

    def __str__(self) -> str:
        return self.text


class Registration(TimeStamped, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang lập")
        SUBMITTED = "submitted", _("Đã đăng ký")

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="movement_registrations")
    year = YearField(_("Năm"))
    pledge = models.TextField(_("Nội dung cam kết, giao ước"), blank=True)
    status = models.CharField(_("Trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField(_("Ngày đăng ký"), null=True, blank=True)

    class Meta:
        verbose_name = _("Đăng ký thi đua")
        verbose_name_plural = _("Đăng ký thi đua")
        ordering = ["-year", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit", "year"], name="registration_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_on__isnull=False),
                name="registration_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class RegisteredTitle(models.Model):
    """A title registered: for the collective itself (no person) or for one of its people."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="titles")
    kind = models.ForeignKey(
        AwardKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("Danh hiệu")
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="registered_titles"
    )

    class Meta:
        verbose_name = _("Danh hiệu đăng ký")
        verbose_name_plural = _("Danh hiệu đăng ký")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"],
                condition=Q(person__isnull=True),
                name="registeredtitle_collective_unique",
            ),
            models.UniqueConstraint(
                fields=["registration", "person", "kind"],
                condition=Q(person__isnull=False),
                name="registeredtitle_person_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.registration.unit}: {self.kind.code}"


class Target(TimeStamped, Versioned):
    class Measure(models.TextChoices):
        REVENUE = "thu_nsnn", _("Thu ngân sách")
        SEIZURES = "bat_giu", _("Bắt giữ vi phạm")
        CLEARANCE = "thoi_gian_tq", _("Thời gian thông quan")
        PROCEDURES = "cat_giam_tthc", _("Cắt giảm thủ tục hành chính")
        SATISFACTION = "hai_long", _("Mức độ hài lòng của doanh nghiệp")
        OTHER = "khac", _("Khác")

    class Period(models.TextChoices):
        MONTH = "month", _("Theo tháng")
        QUARTER = "quarter", _("Theo quý")
        YEAR = "year", _("Theo năm")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Cộng dồn")
        AVERAGE = "avg", _("Bình quân")

    year = YearField(_("Năm"))
    # A multi-year target (e.g. 2006–2010): `year` is its first year, `year_to` its last; periods are then
    # numbered across the whole span (quarter 5 is the first quarter of the second year).
    year_to = YearField(_("Đến năm"), null=True, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="targets", verbose_name=_("Đơn vị"))
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        verbose_name=_("Cá nhân"),
    )
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    code = models.CharField(_("Mã chỉ tiêu"), max_length=30)
    name = models.CharField(_("Tên chỉ tiêu"), max_length=300)
    measure = models.CharField(_("Loại"), max_length=14, choices=Measure.choices, default=Measure.OTHER)
    unit_label = models.CharField(_("Đơn vị tính"), max_length=30)
    planned = models.DecimalField(_("Chỉ tiêu được giao"), max_digits=18, decimal_places=3)
    higher_is_better = models.BooleanField(_("Càng cao càng tốt"), default=True)
    period = models.CharField(_("Kỳ báo cáo"), max_length=8, choices=Period.choices, default=Period.MONTH)
    aggregation = models.CharField(
        _("Cách tổng hợp"), max_length=4, choices=Aggregation.choices, default=Aggregation.SUM
    )
    approved = models.BooleanField(_("Đã phê duyệt"), default=True)
    # Kept by the services from the actuals (see services._refresh_target).
    actual_total = models.DecimalField(
        _("Kết quả thực hiện"), max_digits=18, decimal_places=3, null=True, blank=True
    )
    periods_reported = models.PositiveSmallIntegerField(default=0)
    attainment = models.DecimalField(_("Tỷ lệ hoàn thành (%)"), max_digits=9, decimal_places=4, null=True)

    class Meta:
        verbose_name = _("Chỉ tiêu thi đua")
        verbose_name_plural = _("Chỉ tiêu thi đua")
        ordering = ["-year", "unit__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "code"], condition=Q(person__isnull=True), name="target_unit_unique"
            ),
            models.UniqueConstraint(
                fields=["person", "year", "code"],
                condition=Q(person__isnull=False),
                name="target_person_unique",
            ),
            models.CheckConstraint(condition=Q(planned__gt=0), name="target_planned_positive"),
            models.CheckConstraint(condition=~Q(code=""), name="target_code_not_empty"),
            models.CheckConstraint(
                condition=Q(year_to__isnull=True)
                | (Q(year_to__gt=F("year")) & Q(year_to__lte=F("year") + 9)),
                name="target_year_to_after_year",
            ),
        ]
        indexes = [models.Index(fields=["year", "code", "attainment"], name="target_leaderboard")]

    def __str__(self) -> str:
        return f"{self.name} ({self.years_label})"

    @property
    def years(self) -> list[int]:
        return list(range(self.year, (self.year_to or self.year) + 1))

    @property
    def years_label(self) -> str:
        return f"{self.year}–{self.year_to}" if self.year_to else str(self.year)

    @property
    def periods_per_year(self) -> int:
        return {self.Period.MONTH: 12, self.Period.QUARTER: 4}.get(self.period, 1)

    @property
    def periods_in_year(self) -> int:
        """How many periods the target has in all: per year × years (12 for a monthly one-year target)."""
        return self.periods_per_year * len(self.years)

    def period_year(self, period: int) -> int:
        return self.year + (period - 1) // self.periods_per_year

    def period_label(self, period: int) -> str:
        """T3, Q2 for a one-year target; 2007, Q1/2007, T3/2007 across several years."""
        if self.period == self.Period.YEAR:
            return str(self.period_year(period))
        prefix = "T" if self.period == self.Period.MONTH else "Q"
        within = (period - 1) % self.periods_per_year + 1
        return f"{prefix}{within}/{self.period_year(period)}" if self.year_to else f"{prefix}{within}"


class Actual(TimeStamped, Versioned):
    """The result of one month (1–12) or quarter (1–4), or one year: the amount of that period, not a running
    total. A multi-year target numbers its periods across its years (up to 10 years of months: 120)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="actuals")
    period = models.PositiveSmallIntegerField(_("Kỳ"))
    value = models.DecimalField(_("Kết quả"), max_digits=18, decimal_places=3)
    note = models.CharField(_("Ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Kết quả thực hiện theo kỳ")
        verbose_name_plural = _("Kết quả thực hiện theo kỳ")
        ordering = ["target_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["target", "period"], name="actual_one_per_period"),
            models.CheckConstraint(
                condition=Q(period__gte=1) & Q(period__lte=120), name="actual_period_range"
            ),
            models.CheckConstraint(condition=Q(value__gte=Decimal(0)), name="actual_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.target}: kỳ {self.period}"


class TargetAdjustment(models.Model):
    """A change of the planned value, with the reason (the history of a target)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="adjustments")
    old_planned = models.DecimalField(max_digits=18, decimal_places=3)
    new_planned = models.DecimalField(max_digits=18, decimal_places=3)
    reason = models.TextField(_("Lý do điều chỉnh"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Điều chỉnh chỉ tiêu")
        verbose_name_plural = _("Điều chỉnh chỉ tiêu")
        ordering = ["target_id", "at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="targetadjustment_reason_required")
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.old_planned} → {self.new_planned}"


# --- clusters and blocs (cụm, khối thi đua) ---------------------------------------------------------------


class Cluster(TimeStamped, Versioned):
    """A cụm or khối thi đua: units that pledge to one another each year, score and rank themselves and
    vote for the leading unit. Managed by the officers of the organising unit."""

    class Kind(models.TextChoices):
        CLUSTER = "cum", _("Cụm thi đua")
        BLOC = "khoi", _("Khối thi đua")

    name = models.CharField(_("Tên cụm, khối"), max_length=200, unique=True)
    kind = models.CharField(_("Loại"), max_length=4, choices=Kind.choices, default=Kind.CLUSTER)
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="organised_clusters", verbose_name=_("Đơn vị tổ chức")
    )
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Cụm, khối thi đua")
        verbose_name_plural = _("Cụm, khối thi đua")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="cluster_name_not_empty")]

    def __str__(self) -> str:
        return self.name


class ClusterMember(TimeStamped):
    """A unit in a cluster for a year, with its rotating role (one head and one deputy a year)."""

    class Role(models.TextChoices):
        HEAD = "truong", _("Cụm trưởng, khối trưởng")
        DEPUTY = "pho", _("Cụm phó, khối phó")
        MEMBER = "thanh_vien", _("Thành viên")

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    year = YearField(_("Năm"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")
    role = models.CharField(_("Vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("Thành viên cụm, khối")
        verbose_name_plural = _("Thành viên cụm, khối")
        ordering = ["cluster_id", "year", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "unit"], name="clustermember_unique"),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="truong"), name="clustermember_one_head"
            ),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="pho"), name="clustermember_one_deputy"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {self.unit}"


class ScoringCriterion(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="criteria")
    year = YearField(_("Năm"))
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    name = models.CharField(_("Tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("Điểm tối đa"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("Tiêu chí chấm điểm")
        verbose_name_plural = _("Tiêu chí chấm điểm")
        ordering = ["cluster_id", "year", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "name"], name="scoringcriterion_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="scoringcriterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Score(TimeStamped, Versioned):
    """A member's self-score and the cluster's score on one criterion (each at most its maximum)."""

    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField(_("Tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    cluster_score = models.DecimalField(_("Cụm chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    # Where the cluster's score came from when a service filled it (office culture, the CDCI survey);
    # blank when the organiser typed it.
    source = models.CharField(_("Nguồn điểm"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Điểm thi đua")
        verbose_name_plural = _("Điểm thi đua")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit"], name="score_unique"),
            models.CheckConstraint(
                condition=(Q(self_score__isnull=True) | Q(self_score__gte=0))
                & (Q(cluster_score__isnull=True) | Q(cluster_score__gte=0)),
                name="clusterscore_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.criterion}"


class ClusterVote(models.Model):
    """The votes a member received in the cluster's vote for the leading unit of a year."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="votes")
    year = YearField(_("Năm"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveSmallIntegerField(_("Số phiếu"))
    leading = models.BooleanField(_("Dẫn đầu"), default=False)
    rank = models.PositiveSmallIntegerField(_("Thứ hạng"))

    class Meta:
        verbose_name = _("Kết quả bình xét cụm, khối")
        verbose_name_plural = _("Kết quả bình xét cụm, khối")
        ordering = ["cluster_id", "year", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "unit"], name="clustervote_unique"),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(leading=True), name="clustervote_one_leader"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {self.unit} ({self.votes})"


# --- ratings (đánh giá, xếp loại) -------------------------------------------------------------------------


class PeriodScore(TimeStamped, Versioned):
    """A civil servant's score for a month or quarter (points out of 100; the parts as Decree 335/2025 names
    them are kept when entered). `unit` is where the person is rated, which decides who sees the row."""

    class Kind(models.TextChoices):
        MONTH = "month", _("Tháng")
        QUARTER = "quarter", _("Quý")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="period_scores")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị đánh giá")
    )
    year = YearField(_("Năm"))
    kind = models.CharField(_("Kỳ"), max_length=8, choices=Kind.choices, default=Kind.MONTH)
    period = models.PositiveSmallIntegerField(_("Tháng / quý"))
    quantity = models.DecimalField(_("Số lượng"), max_digits=5, decimal_places=2, null=True, blank=True)
    quality = models.DecimalField(_("Chất lượng"), max_digits=5, decimal_places=2, null=True, blank=True)
    timeliness = models.DecimalField(_("Tiến độ"), max_digits=5, decimal_places=2, null=True, blank=True)
    points = models.DecimalField(_("Điểm"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("Điểm đánh giá theo kỳ")
        verbose_name_plural = _("Điểm đánh giá theo kỳ")
        ordering = ["person_id", "year", "kind", "period"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "kind", "period"], name="periodscore_unique"),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=100), name="periodscore_points_range"
            ),
            models.CheckConstraint(
                condition=Q(period__gte=1) & (Q(period__lte=4) | (Q(kind="month") & Q(period__lte=12))),
                name="periodscore_period_range",
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="periodscore_unit_year")]

    def __str__(self) -> str:
        return f"{self.person} {self.year}/{self.period}: {self.points}"


class RatingGroup(TimeStamped):
    """A group with similar tasks (nhóm có chức năng, nhiệm vụ tương tự) inside a unit, e.g. "Đội kiểm soát":
    Decree 335/2025 caps HTXS per unit and per such group. Set by the unit's officers; a person belongs to at
    most one group of a unit."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("Đơn vị đánh giá")
    )
    name = models.CharField(_("Tên nhóm"), max_length=200)

    class Meta:
        verbose_name = _("Nhóm có chức năng, nhiệm vụ tương tự")
        verbose_name_plural = _("Nhóm có chức năng, nhiệm vụ tương tự")
        ordering = ["unit_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="ratinggroup_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="ratinggroup_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class RatingGroupMember(models.Model):
    """One person in one group; `unit` repeats the group's unit so the database keeps a person in at most
    one group of a unit."""

    group = models.ForeignKey(RatingGroup, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("Thành viên nhóm")
        verbose_name_plural = _("Thành viên nhóm")
        constraints = [
            models.UniqueConstraint(fields=["unit", "person"], name="ratinggroupmember_one_group_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.person}"


class AnnualRating(TimeStamped):
    """The year's roll-up of a person's period scores: the value by the points, the value after the
    discipline rule and the HTXS cap, and whether it was written to the award history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="annual_ratings")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị đánh giá")
    )
    year = YearField(_("Năm"))
    periods = models.PositiveSmallIntegerField(_("Số kỳ đã chấm"))
    points = models.DecimalField(_("Điểm bình quân"), max_digits=5, decimal_places=2)
    by_points = models.CharField(_("Xếp loại theo điểm"), max_length=4)
    value = models.CharField(_("Xếp loại"), max_length=4)
    forced_by_discipline = models.BooleanField(_("Bị kỷ luật liên quan công vụ"), default=False)
    capped = models.BooleanField(_("Hạ do vượt tỷ lệ HTXS"), default=False)
    group = models.ForeignKey(
        RatingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Nhóm"),
        help_text=_("Nhóm của người này khi tổng hợp (tỷ lệ HTXS tính theo nhóm và theo đơn vị)."),
    )
    capped_in = models.CharField(
        _("Vượt tỷ lệ tại"), max_length=8, blank=True, help_text=_("'group' (nhóm) hoặc 'unit' (đơn vị).")
    )

    class Meta:
        verbose_name = _("Xếp loại cuối năm")
        verbose_name_plural = _("Xếp loại cuối năm")
        ordering = ["unit_id", "-year", "-points"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="annualrating_one_per_year"),
            models.CheckConstraint(
                condition=Q(value__in=["HTXS", "HTT", "HT", "KHT"]), name="annualrating_value_valid"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="annualrating_unit_year")]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.value}"


# --- office culture (văn hóa công sở) ---------------------------------------------------------------------


class CultureChecklist(TimeStamped):
    """A checklist of office-culture criteria set by a unit for a year; inspections score units against it."""

    name = models.CharField(_("Tên bộ tiêu chí"), max_length=300)
    owner = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị ban hành")
    )
    year = YearField(_("Năm"))
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.SET_NULL, related_name="culture_checklists"
    )

    class Meta:
        verbose_name = _("Bộ tiêu chí văn hóa công sở")
        verbose_name_plural = _("Bộ tiêu chí văn hóa công sở")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "year", "name"], name="culturechecklist_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="culturechecklist_name_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class CultureCriterion(models.Model):
    checklist = models.ForeignKey(CultureChecklist, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("Tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("Điểm tối đa"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("Tiêu chí văn hóa công sở")
        verbose_name_plural = _("Tiêu chí văn hóa công sở")
        ordering = ["checklist_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "text"], name="culturecriterion_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="culturecriterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.text


class Inspection(TimeStamped):
    """One inspection of a unit against a checklist, with a score on every criterion."""

    checklist = models.ForeignKey(CultureChecklist, on_delete=models.PROTECT, related_name="inspections")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị được kiểm tra")
    )
    inspected_on = models.DateField(_("Ngày kiểm tra"))
    inspectors = models.CharField(_("Đoàn kiểm tra"), max_length=300, blank=True)
    note = models.TextField(_("Nhận xét"), blank=True)
    points = models.DecimalField(_("Tổng điểm"), max_digits=7, decimal_places=2)
    max_points = models.DecimalField(_("Điểm tối đa"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("Kiểm tra văn hóa công sở")
        verbose_name_plural = _("Kiểm tra văn hóa công sở")
        ordering = ["checklist_id", "-inspected_on", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "unit", "inspected_on"], name="inspection_unique"),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=F("max_points")), name="inspection_points_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.inspected_on}"


class InspectionScore(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(CultureCriterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("Điểm"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("Điểm kiểm tra")
        verbose_name_plural = _("Điểm kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "criterion"], name="inspectionscore_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="inspectionscore_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: {self.points}"


# --- the emulation calendar ------------------------------------------------------------------------------


class CalendarEntry(TimeStamped):
    """A date of the emulation year for a unit and the units under it (registration deadline, sơ kết, tổng
    kết, the deadline for proposals), with the number of days before it that the reminder goes out."""

    class Kind(models.TextChoices):
        REGISTRATION = "dang_ky", _("Hạn đăng ký thi đua")
        MIDTERM = "so_ket", _("Sơ kết")
        FINAL = "tong_ket", _("Tổng kết")
        PROPOSAL = "de_nghi", _("Hạn trình hồ sơ đề nghị khen thưởng")
        OTHER = "khac", _("Khác")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("Đơn vị"))
    year = YearField(_("Năm"))
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("Nội dung"), max_length=300)
    due_on = models.DateField(_("Ngày"))
    remind_days = models.PositiveSmallIntegerField(_("Nhắc trước (ngày)"), default=7)
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_entries"
    )
    reminded_on = models.DateField(_("Đã nhắc ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("Lịch thi đua")
        verbose_name_plural = _("Lịch thi đua")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "due_on", "title"], name="calendarentry_unique"),
            models.CheckConstraint(condition=~Q(title=""), name="calendarentry_title_not_empty"),
        ]
        indexes = [models.Index(fields=["reminded_on", "due_on"], name="calendarentry_due")]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.title}"


class MovementReview(TimeStamped, Versioned):
    """A sơ kết (mid-term) or tổng kết (final) review of a movement: when it was held, the period it covers,
    its decision or report, the awards given at it, and its Word report (generated in the background)."""

    class Kind(models.TextChoices):
        MIDTERM = "so_ket", _("Sơ kết")
        FINAL = "tong_ket", _("Tổng kết")

    class ReportStatus(models.TextChoices):
        NONE = "", _("Chưa lập")
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang lập")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("Loại"), max_length=8, choices=Kind.choices)
    held_on = models.DateField(_("Ngày tổ chức"))
    period_from = models.DateField(_("Kỳ từ ngày"))
    period_to = models.DateField(_("Kỳ đến ngày"))
    document = models.CharField(_("Quyết định, báo cáo (số, ký hiệu)"), max_length=200, blank=True)
    awards_given = models.TextField(_("Khen thưởng tại hội nghị (mỗi dòng một hình thức)"), blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    report = models.FileField(upload_to="movement_reviews/%Y/", blank=True)
    report_status = models.CharField(max_length=8, choices=ReportStatus.choices, blank=True, default="")
    report_total = models.PositiveSmallIntegerField(default=0)
    report_done = models.PositiveSmallIntegerField(default=0)
    report_error = models.TextField(blank=True)
    report_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Sơ kết, tổng kết phong trào")
        verbose_name_plural = _("Sơ kết, tổng kết phong trào")
        ordering = ["movement_id", "period_to", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["so_ket", "tong_ket"]), name="review_kind_valid"),
            models.CheckConstraint(condition=Q(period_to__gte=F("period_from")), name="review_period_valid"),
            models.CheckConstraint(condition=Q(report_done__lte=F("report_total")), name="review_progress"),
            models.UniqueConstraint(
                fields=["movement"], condition=Q(kind="tong_ket"), name="review_one_final_per_movement"
            ),
            models.UniqueConstraint(fields=["movement", "kind", "period_to"], name="review_unique_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.movement} ({self.period_from:%d/%m/%Y}–{self.period_to:%d/%m/%Y})"

    def awards_list(self) -> list[str]:
        return [line.strip() for line in self.awards_given.splitlines() if line.strip()]


class ReviewTemplate(TimeStamped):
    """An uploaded Word template replacing the built-in one of the movement review report (one row at most)."""

    file = models.FileField(upload_to="movement_templates/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Mẫu báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("Mẫu báo cáo sơ kết, tổng kết")
