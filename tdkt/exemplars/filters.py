"""The filter of the exemplary models list, shared by the page, its Excel export and `/api/models/`."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.exemplars import selectors
from tdkt.exemplars.forms import _styled
from tdkt.exemplars.models import Exemplar, Field, Status


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class ExemplarFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm"), method="filter_q", help_text=_("Tìm theo tên, tóm tắt, nhãn (không phân biệt dấu).")
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=Status.choices, empty_label=_("Tất cả")
    )
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Field.choices, empty_label=_("Tất cả"))
    tag = django_filters.CharFilter(label=_("Nhãn"), method="filter_tag")

    class Meta:
        model = Exemplar
        fields = ["q", "status", "field", "tag"]
        form = StyledForm

    def filter_q(self, queryset, name, value):
        return selectors.search(queryset, text=value)

    def filter_tag(self, queryset, name, value):
        return selectors.search(queryset, tag=value)
