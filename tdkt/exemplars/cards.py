"""Dashboard card of the exemplars app (registered in apps.py): models proposed and waiting for recognition."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.exemplars.models import Exemplar, Status
from tdkt.org.models import Role
from tdkt.org.permissions import ALL_UNITS, visible_unit_ids


def to_recognise(request) -> dict | None:
    """For officers and administrators: proposed models of their scope, when any (one query)."""
    user = request.user
    if not user.is_authenticated:
        return None
    ids = visible_unit_ids(user, roles={Role.ADMIN, Role.OFFICER})
    if not ids and ids is not ALL_UNITS:
        return None
    models = Exemplar.objects.filter(status=Status.PROPOSED)
    if ids is not ALL_UNITS:
        models = models.filter(unit_id__in=ids)
    count = models.count()
    if not count:
        return None
    return {
        "label": _("Mô hình, điển hình chờ công nhận"),
        "value": count,
        "url": reverse("exemplars:list") + "?status=proposed",
        "link_label": _("Xem danh sách"),
    }
