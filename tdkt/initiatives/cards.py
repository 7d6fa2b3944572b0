"""Dashboard card of the initiatives app (registered in apps.py): applications waiting for me."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.initiatives import selectors


def waiting(request) -> dict | None:
    """Shown only when something waits (one query)."""
    count = selectors.waiting_for(request.user).count()
    if not count:
        return None
    return {
        "label": _("Sáng kiến, đề tài chờ tôi xử lý"),
        "value": count,
        "url": reverse("initiatives:list") + "?mine=on",
        "link_label": _("Xem danh sách"),
    }
