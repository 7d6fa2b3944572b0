"""Dashboard cards of the proposals app (registered in apps.py): dossiers waiting on me, deadlines coming."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.org.models import Role
from tdkt.org.permissions import has_role
from tdkt.proposals import selectors

DUE_WITHIN_DAYS = 7


def _concerned(user) -> bool:
    return has_role(user, Role.ADMIN, Role.OFFICER, Role.LEADER)


def needs_action(request) -> dict | None:
    if not _concerned(request.user):
        return None
    return {
        "label": _("Hồ sơ đề nghị cần tôi xử lý"),
        "value": selectors.needs_action_count(request.user),
        "url": reverse("proposals:list") + "?mine=1",
        "link_label": _("Xem hồ sơ"),
    }


def due_soon(request) -> dict | None:
    if not _concerned(request.user):
        return None
    return {
        "label": _("Hồ sơ đến hạn trình trong %(n)s ngày") % {"n": DUE_WITHIN_DAYS},
        "value": selectors.due_soon(request.user, within_days=DUE_WITHIN_DAYS).count(),
        "url": reverse("proposals:list") + "?status=draft",
        "link_label": _("Xem hồ sơ dự thảo"),
    }
