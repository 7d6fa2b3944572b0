"""Model fields every app shares, defined once."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# The years the project accepts anywhere (forms, imports, the API): from the founding of the State to 2100.
YEAR_MIN, YEAR_MAX = 1945, 2100


class YearField(models.PositiveSmallIntegerField):
    """A calendar year (năm thành tích, năm đánh giá, năm ban hành…), checked to lie in YEAR_MIN–YEAR_MAX.

    Migrations record it as the plain `PositiveSmallIntegerField` with its validators, so no migration
    depends on this class and the database column is the same."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveSmallIntegerField", args, kwargs
