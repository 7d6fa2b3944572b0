"""The filter of the initiative list, shared by the page and `/api/initiatives/`."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.text import fold
from tdkt.initiatives import selectors
from tdkt.initiatives.forms import SELECT, TEXT
from tdkt.initiatives.models import Initiative, Kind, Status
from tdkt.org.filters import YearFilter


class CheckboxFilter(django_filters.BooleanFilter):
    """A checkbox: `on` (a form), `true` or `1` (the API) ticks it; absent or `false` leaves the list alone."""

    field_class = forms.BooleanField


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"), method="filter_q", widget=forms.TextInput(attrs=TEXT),
        help_text=_("Mọi từ phải có trong tên hoặc mô tả (không phân biệt dấu)."),
    )  # fmt: skip
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        choices=Status.choices,
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại"), choices=Kind.choices, empty_label=_("Tất cả"), widget=forms.Select(attrs=SELECT)
    )
    year = YearFilter(
        label=_("Năm công nhận"), min_value=1945, max_value=2100, widget=forms.NumberInput(attrs=TEXT)
    )
    mine = CheckboxFilter(
        label=_("Chờ tôi xử lý"),
        method="filter_mine",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = Initiative
        fields = ["q", "status", "kind", "year", "mine"]

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=selectors.waiting_for(self.request.user).values("pk"))
