"""Domain-free base models."""

from django.db import models
from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
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


def per_row(related: QuerySet, to: str) -> QuerySet:
    """The rows of `related` whose `to` is the outer row, grouped by it: annotate one aggregate and take it
    with `Subquery(...values(name))`, an annotation computed for the rows a page shows only."""
    return related.filter(**{to: OuterRef("pk")}).order_by().values(to)


def count_per_row(related: QuerySet, to: str) -> Coalesce:
    """How many rows of `related` point at each outer row through `to` (0 for none), as a subquery: unlike
    `Count` over a join, it is not computed for every row before a page of them is taken."""
    return Coalesce(Subquery(per_row(related, to).annotate(n=Count("pk")).values("n")), Value(0))
