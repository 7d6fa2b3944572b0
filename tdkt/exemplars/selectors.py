"""Reads of the exemplars app, including what a collective's proposal may cite."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from tdkt.core.text import fold
from tdkt.exemplars.models import Exemplar, Status
from tdkt.org.selectors import scope_ids, scope_map


def exemplars_backing(unit, *, on: date | None = None) -> QuerySet[Exemplar]:
    """The recognised or replicated models of `unit` and the units under it (at any time), recognised on or
    before `on` when given: the models a proposal for the collective may cite as achievements."""
    unit_id = getattr(unit, "pk", unit)
    qs = Exemplar.objects.filter(
        unit_id__in=scope_ids([unit_id]), status__in=[Status.RECOGNISED, Status.REPLICATED]
    )
    if on is not None:
        qs = qs.filter(recognised_on__lte=on)
    return qs.select_related("unit").annotate(replication_count=Count("replications")).order_by("name", "id")


def exemplars_backing_units(unit_ids, *, on: date | None = None) -> dict[int, list[Exemplar]]:
    """`exemplars_backing` for many units at once (unit id → its models), in a constant number of queries."""
    scopes = scope_map(unit_ids)
    if not scopes:
        return {}
    everywhere = set().union(*scopes.values())
    qs = Exemplar.objects.filter(unit_id__in=everywhere, status__in=[Status.RECOGNISED, Status.REPLICATED])
    if on is not None:
        qs = qs.filter(recognised_on__lte=on)
    models = list(
        qs.select_related("unit").annotate(replication_count=Count("replications")).order_by("name", "id")
    )
    return {unit_id: [m for m in models if m.unit_id in scope] for unit_id, scope in scopes.items()}


def search(
    qs: QuerySet[Exemplar], *, text: str = "", status: str = "", field: str = "", tag: str = ""
) -> QuerySet[Exemplar]:
    for word in fold(text).split():
        qs = qs.filter(Q(search_text__contains=word) | Q(tags__key__contains=word)).distinct()
    if status:
        qs = qs.filter(status=status)
    if field:
        qs = qs.filter(field=field)
    if tag:
        qs = qs.filter(tags__key=fold(tag))
    return qs
