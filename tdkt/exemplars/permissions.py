"""Who may see and edit exemplary models.

Recognised and replicated models are shown to every signed-in member of staff (the showcase exists to
spread them). A proposed model is seen only by users whose role (not staff) covers its unit; anyone else
gets 404. Editing (profile, achievements, files, honours, replications, status): administrators and TĐKT
officers whose scope covers the model's unit.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.exemplars.models import Exemplar, Status
from tdkt.org.permissions import ALL_UNITS, can_edit_unit, visible_unit_ids


def visible_exemplars(user) -> QuerySet[Exemplar]:
    if not user.is_authenticated:
        return Exemplar.objects.none()
    ids = visible_unit_ids(user)
    if ids is ALL_UNITS:
        return Exemplar.objects.all()
    return Exemplar.objects.filter(~Q(status=Status.PROPOSED) | Q(unit_id__in=ids))


def access_exemplar(user, pk) -> Exemplar:
    try:
        return visible_exemplars(user).select_related("unit").get(pk=pk)
    except (Exemplar.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy mô hình.")) from None


def can_edit(user, exemplar: Exemplar) -> bool:
    return user.is_authenticated and can_edit_unit(user, exemplar.unit)
