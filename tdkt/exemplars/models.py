"""Exemplary models (điển hình tiên tiến): finding, honouring and spreading good practice.

An `Exemplar` is a model of work of a unit ("Nụ cười công sở", "Cà phê sáng cùng doanh nghiệp", the
CDCI survey…) with its story, achievements backed by evidence, photos and files, and tags. It moves
`proposed → recognised → replicated`; every move is a `StatusEvent`. `Honour`s record when it was praised
(the weekly flag ceremony, the five-yearly conference of exemplary models); `Replication`s record where it
was taken up and with what result.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.models import TimeStamped, Versioned
from tdkt.core.text import fold, nfc
from tdkt.org.models import Unit


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    RECOGNISED = "recognised", _("Đã công nhận")
    REPLICATED = "replicated", _("Đã nhân rộng")


# Allowed moves; going back to "proposed" (recognition withdrawn) needs a reason.
TRANSITIONS = {
    Status.PROPOSED: {Status.RECOGNISED},
    Status.RECOGNISED: {Status.REPLICATED, Status.PROPOSED},
    Status.REPLICATED: {Status.RECOGNISED},
}


class Field(models.TextChoices):
    PROFESSIONAL = "nghiep_vu", _("Nghiệp vụ hải quan")
    REFORM = "cai_cach", _("Cải cách, hiện đại hóa")
    BUSINESS = "doanh_nghiep", _("Phục vụ, đối thoại doanh nghiệp")
    CULTURE = "van_hoa", _("Văn hóa công sở")
    ANTI_SMUGGLING = "chong_buon_lau", _("Phòng, chống buôn lậu")
    OTHER = "khac", _("Khác")


class Tag(models.Model):
    name = models.CharField(_("Nhãn"), max_length=80)
    key = models.CharField(max_length=80, unique=True, editable=False)

    class Meta:
        verbose_name = _("Nhãn")
        verbose_name_plural = _("Nhãn")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.key = fold(self.name)
        super().save(*args, **kwargs)


class Exemplar(TimeStamped, Versioned):
    name = models.CharField(_("Tên mô hình"), max_length=255)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="exemplars", verbose_name=_("Đơn vị")
    )
    field = models.CharField(_("Lĩnh vực"), max_length=20, choices=Field.choices, default=Field.OTHER)
    summary = models.CharField(_("Tóm tắt"), max_length=500, blank=True)
    story = models.TextField(_("Câu chuyện, cách làm"), blank=True)
    started_on = models.DateField(_("Bắt đầu thực hiện"), null=True, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    recognised_on = models.DateField(_("Ngày công nhận"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="exemplars", verbose_name=_("Nhãn"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=800, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Điển hình tiên tiến")
        verbose_name_plural = _("Điển hình tiên tiến")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="exemplar_name_not_empty"),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(recognised_on__isnull=False),
                name="exemplar_recognised_has_date",
            ),
            models.UniqueConstraint(fields=["unit", "name"], name="exemplar_unique_name_per_unit"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.summary = nfc(self.summary)
        self.story = nfc(self.story)
        self.search_text = fold(f"{self.name} {self.summary}")[:800]
        super().save(*args, **kwargs)


class StatusEvent(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    on = models.DateField(_("Ngày"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Sự kiện trạng thái")
        verbose_name_plural = _("Sự kiện trạng thái")
        ordering = ["exemplar_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.exemplar_id}: {self.from_status} → {self.to_status}"


class Achievement(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="achievements")
    title = models.CharField(_("Thành tích"), max_length=255)
    description = models.TextField(_("Mô tả"), blank=True)
    achieved_on = models.DateField(_("Thời điểm"), null=True, blank=True)
    evidence = models.CharField(_("Minh chứng"), max_length=500, help_text=_("Văn bản, số liệu chứng minh."))
    evidence_file = models.FileField(_("Tệp minh chứng"), upload_to="exemplars/%Y/", blank=True)

    class Meta:
        verbose_name = _("Thành tích")
        verbose_name_plural = _("Thành tích")
        ordering = ["exemplar_id", "achieved_on", "id"]
        constraints = [models.CheckConstraint(condition=~Q(evidence=""), name="achievement_has_evidence")]

    def __str__(self) -> str:
        return self.title


class Media(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Ảnh")
        FILE = "file", _("Tệp")

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    file = models.FileField(_("Tệp"), upload_to="exemplars/%Y/")
    caption = models.CharField(_("Chú thích"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ảnh, tệp")
        verbose_name_plural = _("Ảnh, tệp")
        ordering = ["exemplar_id", "id"]

    def __str__(self) -> str:
        return self.caption or self.file.name


class Honour(models.Model):
    class Kind(models.TextChoices):
        FLAG_CEREMONY = "chao_co", _("Biểu dương tại lễ chào cờ")
        CONFERENCE = "hoi_nghi", _("Hội nghị điển hình tiên tiến (5 năm)")
        OTHER = "khac", _("Khác")

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="honours")
    kind = models.CharField(_("Hình thức tôn vinh"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("Ngày"))
    title = models.CharField(_("Nội dung"), max_length=255)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Tôn vinh")
        verbose_name_plural = _("Tôn vinh")
        ordering = ["exemplar_id", "-held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "kind", "held_on"], name="honour_once_per_event"),
        ]

    def __str__(self) -> str:
        return self.title


class Replication(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="replications")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị nhân rộng")
    )
    started_on = models.DateField(_("Bắt đầu"))
    result = models.TextField(_("Kết quả"), blank=True)

    class Meta:
        verbose_name = _("Nhân rộng")
        verbose_name_plural = _("Nhân rộng")
        ordering = ["exemplar_id", "started_on", "id"]
        constraints = [models.UniqueConstraint(fields=["exemplar", "unit"], name="replication_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.exemplar_id} → {self.unit_id}"
