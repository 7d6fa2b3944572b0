"""Database constraints every app shares, defined once."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def one_subject(name: str) -> models.CheckConstraint:
    """Exactly one of `person` and `unit` is set: a row is about one person or one collective, never both
    nor neither. `name` is the constraint's name in the database (kept per model, so no table changes)."""
    return models.CheckConstraint(
        condition=(Q(person__isnull=False) & Q(unit__isnull=True))
        | (Q(person__isnull=True) & Q(unit__isnull=False)),
        name=name,
        violation_error_message=_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."),
    )
