"""Administrators' values for the engine's parameters (quotas, thresholds, years), per rule set."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.core.fields import YearField
from tdkt.core.models import TimeStamped


class ParameterOverride(TimeStamped):
    rule_set = models.CharField(_("Bộ quy tắc"), max_length=40)
    key = models.CharField(_("Tham số"), max_length=80)
    value = models.JSONField(_("Giá trị"))
    note = models.TextField(_("Căn cứ, ghi chú"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("Tham số quy tắc")
        verbose_name_plural = _("Tham số quy tắc")
        ordering = ["rule_set", "key"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "key"], name="parameteroverride_unique")]

    def __str__(self) -> str:
        return f"{self.rule_set}: {self.key} = {self.value}"


class FactsVersion(models.Model):
    """A counter raised after every committed write to the facts the engine reads (awards, ratings,
    discipline, memberships, units, people, parameters…; see `tdkt.rules.versions`). One row."""

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Phiên bản dữ liệu xét")
        verbose_name_plural = _("Phiên bản dữ liệu xét")

    def __str__(self) -> str:
        return str(self.value)


class CandidateSnapshot(models.Model):
    """The candidates of a unit for one title or form in one review year, judged once and stored: the page
    pages over its rows. Valid while `facts_version` is the current one (`tdkt.rules.versions`)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    year = YearField(_("Năm đánh giá"))
    award = models.CharField(_("Danh hiệu, hình thức"), max_length=20)
    facts_version = models.CharField(max_length=400)
    computed_at = models.DateTimeField(_("Tính lúc"))
    engine_year = YearField()
    rule_set = models.CharField(max_length=40)
    people = models.PositiveIntegerField(default=0)
    units = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)  # every verdict counted, before any filter
    warnings = models.JSONField(default=list)

    class Meta:
        verbose_name = _("Kết quả xét đã tính")
        verbose_name_plural = _("Kết quả xét đã tính")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "award"], name="candidatesnapshot_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.award} {self.year} @ {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def review_year(self) -> int:
        return self.year


class CandidateDetail(models.Model):
    """A verdict's explanation (criteria, what is missing, earliest year…) as the engine gave it. Verdicts of
    one run share their explanations, so a snapshot of thousands of rows stores a few of them."""

    snapshot = models.ForeignKey(CandidateSnapshot, on_delete=models.CASCADE, related_name="details")
    payload = models.JSONField()

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.pk}"


class CandidateRow(models.Model):
    """One candidate of a snapshot, in the page's order (`position`), with its verdict (`subject` and the
    shared `detail` rebuild the engine's `Verdict`)."""

    snapshot = models.ForeignKey(CandidateSnapshot, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    verdict = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    subject_id = models.BigIntegerField()
    subject = models.CharField(max_length=60)  # the engine's subject id (Verdict.subject)
    name = models.CharField(max_length=400)
    unit_name = models.CharField(max_length=400, blank=True)
    detail = models.ForeignKey(CandidateDetail, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "position"], name="candidaterow_position_unique"),
        ]
        indexes = [models.Index(fields=["snapshot", "verdict", "position"], name="candidaterow_verdict_idx")]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"
