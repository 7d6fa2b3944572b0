"""Administrators' values for the engine's parameters (quotas, thresholds, years), per rule set."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
