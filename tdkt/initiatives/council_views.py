"""The initiative council's members by field (lĩnh vực): the office tags each member with the fields they
are expert in; for an application the council proposes its members of the application's field."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdkt.core.actions import service_call
from tdkt.core.htmx import render_page
from tdkt.councils import selectors as council_selectors
from tdkt.councils.models import Council
from tdkt.initiatives import permissions, selectors, services
from tdkt.initiatives.models import Field


def _council(user, pk) -> Council:
    """An initiative council of a unit in the user's office scope (404 otherwise, like a missing one)."""
    council = Council.objects.filter(pk=pk, kind=Council.Kind.INITIATIVE).select_related("unit").first()
    if council is None or not permissions._covers(user, council.unit_id, {"officer", "admin"}):
        raise Http404(_("Không tìm thấy Hội đồng sáng kiến."))
    return council


@login_required
@require_http_methods(["GET", "POST"])
def council_fields(request, pk):
    council = _council(request.user, pk)
    today = date.today()
    if request.method == "POST":
        member = (
            council_selectors.members_in_office(council, today)
            .filter(pk=request.POST.get("member") or 0)
            .first()
        )
        if member is None:
            raise Http404(_("Không tìm thấy thành viên Hội đồng."))
        success = _("Đã lưu lĩnh vực của %(name)s.") % {"name": member.person.full_name}
        with service_call(request, success=success):
            services.set_member_fields(
                member=member, fields=request.POST.getlist("fields"), actor=request.user
            )
        return redirect("initiatives:council_fields", pk=council.pk)
    field = request.GET.get("field") or ""
    rows = selectors.members_for_field(council, field if field in Field.values else "", today)
    context = {"council": council, "rows": rows, "fields": Field.choices, "field": field}
    return render_page(request, "initiatives/council_fields.html", context)
