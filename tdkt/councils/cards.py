"""Dashboard card of the councils app (registered in apps.py): open ballots waiting for my vote."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.councils import selectors
from tdkt.councils.models import CouncilMember


def ballots_waiting(request) -> dict | None:
    """Shown to council members only (one query, a second when nothing is waiting)."""
    user = request.user
    count = selectors.awaiting_vote(user).count()
    if not count and not CouncilMember.objects.filter(user=user).exists():
        return None
    return {
        "label": _("Phiếu bầu chờ tôi bỏ phiếu"),
        "value": count,
        "url": reverse("councils:my_ballots"),
        "link_label": _("Bỏ phiếu"),
        "first": True,  # a council member's home starts with the ballots
    }
