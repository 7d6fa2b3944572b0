"""Who may see and run business surveys.

Seeing a survey (its questionnaire, response rate, results): administrators, TĐKT officers and unit
leaders whose scope covers the survey's unit, or one of the branches it rates (a Chi cục sees how
enterprises rated it and the others: the results are aggregates). Running it (questionnaire, invitations, links, reminders):
administrators and officers in scope. Anyone else gets 404. Enterprises never log in: they reach only
their own invitation through the token of their link (see views_public.py).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.org.models import Role
from tdkt.org.permissions import ALL_UNITS, visible_unit_ids
from tdkt.surveys.models import Survey, SurveyBranch

READ_ROLES = {Role.ADMIN, Role.OFFICER, Role.LEADER}
MANAGE_ROLES = {Role.ADMIN, Role.OFFICER}


def visible_surveys(user) -> QuerySet[Survey]:
    if not user.is_authenticated:
        return Survey.objects.none()
    ids = visible_unit_ids(user, roles=READ_ROLES)
    if ids is ALL_UNITS:
        return Survey.objects.all()
    rated = SurveyBranch.objects.filter(unit_id__in=ids).values("survey_id")
    return Survey.objects.filter(Q(unit_id__in=ids) | Q(pk__in=rated))


def access_survey(user, pk) -> Survey:
    try:
        return visible_surveys(user).select_related("unit").get(pk=pk)
    except (Survey.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy cuộc khảo sát.")) from None


def can_create_survey(user) -> bool:
    ids = visible_unit_ids(user, roles=MANAGE_ROLES) if user.is_authenticated else set()
    return ids is ALL_UNITS or bool(ids)


def can_manage_survey(user, survey: Survey) -> bool:
    if not user.is_authenticated:
        return False
    ids = visible_unit_ids(user, roles=MANAGE_ROLES)
    return ids is ALL_UNITS or survey.unit_id in ids
