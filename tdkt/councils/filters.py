"""Filters of the councils' lists (the API's meetings and ballots; the pages list them per council or meeting).
A bad value is a 400 in the API's error format."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tdkt.councils.models import Ballot, Meeting
from tdkt.org.filters import IdFilter


class MeetingFilter(django_filters.FilterSet):
    council = IdFilter(label=_("Chỉ các phiên họp của hội đồng này"), field_name="council_id")

    class Meta:
        model = Meeting
        fields = ["council"]


class BallotFilter(django_filters.FilterSet):
    meeting = IdFilter(label=_("Chỉ các phiếu bầu của phiên họp này"), field_name="meeting_id")

    class Meta:
        model = Ballot
        fields = ["meeting"]
