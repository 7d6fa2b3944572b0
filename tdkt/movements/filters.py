"""The filters of the movement lists, one per list, shared by the pages and the API.

An id (`unit`, `movement`…) or a `year` that is not a whole number in range is refused: a 400 in Vietnamese
on the API, a form error on a page (which then lists as if the value were absent).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.text import fold
from tdkt.movements.models import (
    AnnualRating,
    CalendarEntry,
    CultureChecklist,
    Inspection,
    Movement,
    MovementReview,
    PeriodScore,
    Registration,
    Target,
)
from tdkt.org import filters as org_filters


class AsciiIntegerField(org_filters.BoundedIntegerField):
    """A whole number written in ASCII digits: "٣" (an Arabic-Indic three) is refused, not read as 3."""

    def to_python(self, value):
        if isinstance(value, str) and not value.strip().isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(org_filters.IdFilter):
    field_class = AsciiIntegerField


class YearFilter(org_filters.YearFilter):
    field_class = AsciiIntegerField


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class MovementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm"),
        method="filter_q",
        help_text=_("Mọi từ phải có trong tên phong trào (không phân biệt dấu)."),
    )
    year = YearFilter(
        label=_("Năm"), method="filter_year", help_text=_("Các phong trào diễn ra trong năm này.")
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=Movement.Status.choices, empty_label=_("Tất cả")
    )

    class Meta:
        model = Movement
        fields = ["q", "year", "status"]
        form = StyledForm

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(starts_on__year__lte=value, ends_on__year__gte=value)


class TargetFilter(django_filters.FilterSet):
    year = YearFilter(label=_("Năm"))
    unit = IdFilter(label=_("Đơn vị"), field_name="unit_id")
    code = django_filters.CharFilter(label=_("Mã chỉ tiêu"), method="filter_code")

    class Meta:
        model = Target
        fields = ["year", "unit", "code"]
        form = StyledForm

    def filter_code(self, queryset, name, value):
        return queryset.filter(code=value.strip().upper())


def _ids_filter(model, *names: str) -> type[django_filters.FilterSet]:
    """A FilterSet of `model` by `year` and/or ids of related objects (`unit`, `movement`…)."""
    labels = {
        "year": _("Năm"),
        "unit": _("Id đơn vị"),
        "movement": _("Id phong trào"),
        "person": _("Id cá nhân"),
        "owner": _("Id đơn vị ban hành"),
        "checklist": _("Id bộ tiêu chí"),
    }
    attrs = {
        name: YearFilter(label=labels[name])
        if name == "year"
        else IdFilter(label=labels[name], field_name=f"{name}_id")
        for name in names
    }
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": list(names)})
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), attrs)


RegistrationFilter = _ids_filter(Registration, "year", "movement")
AnnualRatingFilter = _ids_filter(AnnualRating, "year", "unit")
PeriodScoreFilter = _ids_filter(PeriodScore, "year", "unit", "person")
CultureChecklistFilter = _ids_filter(CultureChecklist, "year", "owner")
InspectionFilter = _ids_filter(Inspection, "checklist", "unit")
CalendarEntryFilter = _ids_filter(CalendarEntry, "year", "unit")
MovementReviewFilter = _ids_filter(MovementReview, "movement")
