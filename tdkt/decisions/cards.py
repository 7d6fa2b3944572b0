"""Dashboard card of the decisions app (registered in apps.py): drafts a leader may sign and issue."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.decisions.models import Decision
from tdkt.org.models import Role
from tdkt.org.permissions import ALL_UNITS, has_role, visible_unit_ids


def drafts_to_issue(request) -> dict | None:
    """The drafts `permissions.can_sign` would let this leader issue, counted in one query."""
    user = request.user
    if not has_role(user, Role.LEADER):
        return None
    drafts = Decision.objects.filter(status=Decision.Status.DRAFT)
    ids = visible_unit_ids(user, roles={Role.LEADER})
    if ids is not ALL_UNITS:
        drafts = drafts.filter(
            Q(issuer__unit_id__in=ids) | Q(issuer__unit__isnull=True, proposal__receiving_unit_id__in=ids)
        )
    return {
        "label": _("Dự thảo quyết định chờ ký ban hành"),
        "value": drafts.count(),
        "url": reverse("decisions:list") + "?status=draft",
        "link_label": _("Xem dự thảo"),
    }
