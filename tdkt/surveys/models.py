"""Business satisfaction surveys (CDCI: bộ chỉ số đánh giá năng lực cạnh tranh cấp sở, ngành, địa phương).

A `Survey` is one unit's questionnaire for one year (its `version` says which questionnaire it is, so
year-on-year comparisons can warn when it changed): eight weighted `Component` indices, `Question`s of
three kinds (scale, choice, free text) and the `SurveyBranch`es (units) an enterprise may rate.

An `Invitation` is one enterprise (tax code) invited to one survey. Its link carries a random token of
which only a SHA-256 hash is stored. The enterprise rates one or two branches: one `SurveyResponse` per
branch, saved as a draft and resumed with the same link until submitted. The database refuses a second
response of the same tax code for the same branch in the same year.

Published results are aggregates only (see `results.py`); comments are shown per branch without any
link to the enterprise, and only once the branch has `min_cell_size` submitted responses.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.fields import YearField
from tdkt.core.models import TimeStamped, Versioned
from tdkt.core.text import fold, nfc
from tdkt.org.models import Unit


class ComponentCode(models.TextChoices):
    TRANSPARENCY = "minh_bach", _("Tính minh bạch và tiếp cận thông tin")
    SERVICE_QUALITY = "dich_vu_cong", _("Chất lượng dịch vụ công")
    TIME_COST = "thoi_gian_chi_phi", _("Thời gian và chi phí thực hiện thủ tục")
    FAIRNESS = "binh_dang", _("Sự công bằng, bình đẳng")
    LEADERSHIP = "lanh_dao", _("Tính năng động và trách nhiệm của người đứng đầu")
    SUPPORT = "ho_tro", _("Hỗ trợ doanh nghiệp")
    ENFORCEMENT = "thuc_thi", _("Thực thi pháp luật")
    INFORMAL_CHARGES = "chi_phi_khong_chinh_thuc", _("Chi phí không chính thức")


class Survey(TimeStamped, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        OPEN = "open", _("Đang khảo sát")
        CLOSED = "closed", _("Đã kết thúc")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("Đơn vị tổ chức khảo sát")
    )
    year = YearField(_("Năm"))
    title = models.CharField(_("Tên cuộc khảo sát"), max_length=255)
    version = models.CharField(
        _("Phiên bản bảng hỏi"),
        max_length=40,
        help_text=_("Đổi phiên bản khi bảng hỏi thay đổi; so sánh giữa các năm sẽ được cảnh báo."),
    )
    status = models.CharField(_("Trạng thái"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    opens_on = models.DateField(_("Bắt đầu"), null=True, blank=True)
    closes_on = models.DateField(_("Kết thúc"), null=True, blank=True)
    max_branches = models.PositiveSmallIntegerField(
        _("Số chi cục tối đa mỗi doanh nghiệp đánh giá"), default=2
    )
    min_cell_size = models.PositiveSmallIntegerField(
        _("Số phiếu tối thiểu để công bố kết quả một chi cục"), default=5
    )
    intro = models.TextField(_("Lời giới thiệu"), blank=True)

    class Meta:
        verbose_name = _("Cuộc khảo sát doanh nghiệp")
        verbose_name_plural = _("Cuộc khảo sát doanh nghiệp")
        ordering = ["-year", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="survey_one_per_unit_year"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="survey_year_range"),
            models.CheckConstraint(
                condition=Q(max_branches__gte=1) & Q(max_branches__lte=5), name="survey_max_branches_range"
            ),
            models.CheckConstraint(condition=Q(min_cell_size__gte=1), name="survey_min_cell_positive"),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="survey_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.intro = nfc(self.intro)
        super().save(*args, **kwargs)


class Component(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="components")
    code = models.CharField(_("Chỉ số thành phần"), max_length=30, choices=ComponentCode.choices)
    name = models.CharField(_("Tên chỉ số"), max_length=255)
    weight = models.DecimalField(_("Trọng số"), max_digits=5, decimal_places=2, default=1)
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)

    class Meta:
        verbose_name = _("Chỉ số thành phần")
        verbose_name_plural = _("Chỉ số thành phần")
        ordering = ["survey_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="component_unique_code"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="component_weight_non_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Thang điểm")
        CHOICE = "choice", _("Chọn một phương án")
        TEXT = "text", _("Ý kiến tự do")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    component = models.ForeignKey(
        Component,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("Thuộc chỉ số"),
    )
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    text = models.CharField(_("Câu hỏi"), max_length=500)
    kind = models.CharField(_("Loại câu hỏi"), max_length=8, choices=Kind.choices, default=Kind.SCALE)
    scale_max = models.PositiveSmallIntegerField(_("Thang điểm tối đa"), default=5)
    # True when agreeing is bad (e.g. "phải trả chi phí không chính thức"): the score is reversed.
    reverse = models.BooleanField(_("Đảo chiều điểm"), default=False)
    required = models.BooleanField(_("Bắt buộc"), default=True)

    class Meta:
        verbose_name = _("Câu hỏi")
        verbose_name_plural = _("Câu hỏi")
        ordering = ["survey_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gte=2) & Q(scale_max__lte=10), name="question_scale_range"
            ),
            models.CheckConstraint(
                condition=Q(kind="text") | Q(component__isnull=False), name="question_scored_has_component"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.text = nfc(self.text)
        super().save(*args, **kwargs)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("Phương án"), max_length=255)
    score = models.DecimalField(
        _("Điểm (0–100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Để trống nếu phương án không tính điểm."),
    )

    class Meta:
        verbose_name = _("Phương án trả lời")
        verbose_name_plural = _("Phương án trả lời")
        ordering = ["question_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="choice_score_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SurveyBranch(models.Model):
    """A unit (usually a Chi cục) that enterprises may rate in this survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="branches")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Chi cục"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Chi cục được đánh giá")
        verbose_name_plural = _("Chi cục được đánh giá")
        ordering = ["survey_id", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "unit"], name="surveybranch_unique")]

    def __str__(self) -> str:
        return self.unit.name


class Invitation(TimeStamped):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    tax_code = models.CharField(_("Mã số thuế"), max_length=14)
    enterprise_name = models.CharField(_("Tên doanh nghiệp"), max_length=255)
    contact_name = models.CharField(_("Người liên hệ"), max_length=255, blank=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    phone = models.CharField(_("Điện thoại"), max_length=30, blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    # SHA-256 of the link's token; the token itself is shown once (export, e-mail) and never stored.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    link_issued_at = models.DateTimeField(_("Cấp đường dẫn lúc"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("Số lần nhắc"), default=0)
    last_reminded_at = models.DateTimeField(_("Nhắc lần cuối"), null=True, blank=True)
    opened_at = models.DateTimeField(_("Mở phiếu lúc"), null=True, blank=True)
    completed_at = models.DateTimeField(_("Hoàn thành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thư mời khảo sát")
        verbose_name_plural = _("Thư mời khảo sát")
        ordering = ["survey_id", "tax_code"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "tax_code"], name="invitation_one_per_tax_code"),
            models.CheckConstraint(condition=~Q(tax_code=""), name="invitation_tax_code_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.tax_code} – {self.enterprise_name}"

    def save(self, *args, **kwargs):
        self.enterprise_name = nfc(self.enterprise_name)
        self.contact_name = nfc(self.contact_name)
        self.search_text = fold(f"{self.tax_code} {self.enterprise_name} {self.contact_name}")
        super().save(*args, **kwargs)


class SurveyResponse(TimeStamped, Versioned):
    """One enterprise's answers about one branch. `year`, `tax_code` and `unit` repeat the invitation's and
    the branch's values so that the database itself enforces one response per tax code, branch and year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang trả lời")
        SUBMITTED = "submitted", _("Đã gửi")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="responses")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    branch = models.ForeignKey(SurveyBranch, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = YearField()
    tax_code = models.CharField(max_length=14)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Phiếu trả lời")
        verbose_name_plural = _("Phiếu trả lời")
        ordering = ["survey_id", "branch_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code", "unit", "year"], name="response_one_per_tax_code_unit_year"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="response_submitted_has_time",
            ),
        ]
        indexes = [models.Index(fields=["survey", "status"], name="response_survey_status")]

    def __str__(self) -> str:
        return f"{self.tax_code} – {self.unit_id} – {self.year}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Câu trả lời")
        verbose_name_plural = _("Câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question"),
            models.CheckConstraint(
                condition=Q(scale_value__isnull=True) | Q(scale_value__gte=1), name="answer_scale_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
