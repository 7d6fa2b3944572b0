"""Domain-free base models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Sửa lúc"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic locking: every update names the version it read (see core.services.save_versioned)."""

    lock_version = models.PositiveIntegerField(_("Phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True
