"""The filter of the register of decisions, one definition for the page (`decisions:list`) and the API
(`/api/decisions/`). A bad value is a form error on the page and a 400 in the API's error format."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.fields import YEAR_MAX, YEAR_MIN
from tdkt.decisions.models import Decision, Issuer
from tdkt.org.filters import YearFilter

SELECT = {"class": "form-select"}


class DecisionFilter(django_filters.FilterSet):
    issuer = django_filters.ModelChoiceFilter(
        label=_("Cơ quan ban hành"),
        queryset=Issuer.objects.all(),
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )
    year = YearFilter(
        label=_("Năm ban hành"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        choices=Decision.Status.choices,
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )

    class Meta:
        model = Decision
        fields = ["issuer", "year", "status"]
