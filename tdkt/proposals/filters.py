"""The filter of the dossier list, one definition for the page (`proposals:list`) and the API (`/api/proposals/`).

A bad value (a year out of range, an unknown status, a month not written YYYY-MM) is a form error on the
page and a 400 in the API's error format; the other filters still apply on the page."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind
from tdkt.core.fields import YEAR_MAX, YEAR_MIN
from tdkt.org.filters import IdFilter, YearFilter
from tdkt.proposals import selectors
from tdkt.proposals.models import Proposal, Status

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class MonthFilter(django_filters.CharFilter):
    """A month written YYYY-MM, e.g. 2026-12."""

    field_class = forms.RegexField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("regex", r"^\d{4}-(0[1-9]|1[0-2])$")
        kwargs.setdefault("error_messages", {"invalid": _("Tháng phải viết dạng NNNN-TT, ví dụ 2026-12.")})
        super().__init__(*args, **kwargs)


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        choices=Status.choices,
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )
    year = YearFilter(
        label=_("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX, widget=forms.NumberInput(attrs=TEXT)
    )
    award = django_filters.ModelChoiceFilter(
        label=_("Danh hiệu / hình thức"),
        field_name="award_kind",
        queryset=AwardKind.objects.filter(is_active=True),
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )
    unit = IdFilter(label=_("Đơn vị (đề nghị hoặc nhận hồ sơ)"), method="filter_unit")
    # "YYYY-MM": unsubmitted dossiers whose deadline falls in that month (the officer's dashboard card).
    due = MonthFilter(label=_("Hạn trình trong tháng"), method="filter_due", widget=forms.HiddenInput)
    mine = django_filters.BooleanFilter(
        label=_("Cần tôi xử lý"),
        method="filter_mine",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = Proposal
        fields = ["status", "year", "award", "unit", "due", "mine"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(proposing_unit_id=value) | Q(receiving_unit_id=value))

    def filter_due(self, queryset, name, value):
        return queryset.filter(selectors.due_in_month_q(*selectors.month_bounds(value)))

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return queryset.filter(selectors.needs_action_q(user)) if value and user is not None else queryset
