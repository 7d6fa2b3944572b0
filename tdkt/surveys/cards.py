"""Dashboard card of the surveys app (registered in apps.py): surveys open now in the user's scope."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.org.permissions import ALL_UNITS, visible_unit_ids
from tdkt.surveys.models import Survey
from tdkt.surveys.permissions import MANAGE_ROLES


def open_surveys(request) -> dict | None:
    """For those who run surveys (officers, administrators): how many are open, when any (one query)."""
    user = request.user
    if not user.is_authenticated:
        return None
    ids = visible_unit_ids(user, roles=MANAGE_ROLES)
    if not ids and ids is not ALL_UNITS:
        return None
    surveys = Survey.objects.filter(status=Survey.Status.OPEN)
    if ids is not ALL_UNITS:
        surveys = surveys.filter(unit_id__in=ids)
    count = surveys.count()
    if not count:
        return None
    return {
        "label": _("Khảo sát doanh nghiệp đang mở"),
        "value": count,
        "url": reverse("surveys:list"),
        "link_label": _("Theo dõi tỷ lệ trả lời"),
    }
