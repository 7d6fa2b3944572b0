"""FilterSets shared by the list pages and the API (one definition of every filter)."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.text import fold
from tdkt.org import selectors
from tdkt.org.models import Gender, Person, Unit, UnitKind

MAX_ID = 2**63 - 1  # the largest id a database column holds (BigAutoField)


class BoundedIntegerField(forms.IntegerField):
    """A whole number within bounds, with Vietnamese messages: never a float, an exponent or an overflow."""

    def __init__(self, *args, min_value=1, max_value=MAX_ID, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Phải là một số nguyên."),
                "min_value": _("Phải lớn hơn hoặc bằng %(limit_value)s."),
                "max_value": _("Phải nhỏ hơn hoặc bằng %(limit_value)s."),
            },
        )
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        # Longer than any valid value (no int() of it), or digits of another script ("٣"): not a number here.
        if isinstance(value, str) and (len(value.strip()) > 20 or not value.isascii()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number from 1 to the largest id."""

    field_class = BoundedIntegerField


class YearFilter(django_filters.NumberFilter):
    """A calendar year the database can hold (1–9999)."""

    field_class = BoundedIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


def match_words(queryset, value: str):
    """Keep rows whose folded `search_text` has, for every word of `value`, a word starting with it
    ("nguyen van an" finds Nguyễn Văn An and Nguyễn Văn Anh, not Nguyễn Văn Đạt)."""
    for word in fold(value).split():
        queryset = queryset.filter(Q(search_text__startswith=word) | Q(search_text__contains=f" {word}"))
    return queryset


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên hoặc mã"), method="filter_q")
    unit = IdFilter(label=_("Đơn vị (gồm cấp dưới)"), method="filter_unit")
    on = django_filters.DateFilter(label=_("Vào ngày"), method="filter_noop")
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices)
    born_from = YearFilter(label=_("Sinh từ năm"), field_name="date_of_birth", lookup_expr="year__gte")
    born_to = YearFilter(label=_("Sinh đến năm"), field_name="date_of_birth", lookup_expr="year__lte")

    class Meta:
        model = Person
        fields = ["q", "unit", "on", "gender", "born_from", "born_to"]

    def filter_q(self, queryset, name, value):
        """Every word of the query, folded (no diacritics, đ → d), must begin a word of the name or code."""
        return match_words(queryset, value)

    def filter_unit(self, queryset, name, value):
        day = self.form.cleaned_data.get("on") or date.today()
        ids = selectors.subtree_ids(int(value), day)
        members = selectors.active_on(day, "memberships__")
        return queryset.filter(members, memberships__unit_id__in=ids).distinct()

    def filter_noop(self, queryset, name, value):
        return queryset


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên hoặc mã"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices)
    on = django_filters.DateFilter(label=_("Có hiệu lực vào ngày"), method="filter_on")
    under = IdFilter(label=_("Thuộc đơn vị"), method="filter_under")
    active = django_filters.BooleanFilter(
        label=_("Đang hoạt động"), field_name="valid_to", lookup_expr="isnull"
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "on", "under", "active"]

    def filter_q(self, queryset, name, value):
        return match_words(queryset, value)

    def filter_on(self, queryset, name, value):
        return queryset.filter(selectors.active_on(value))

    def filter_under(self, queryset, name, value):
        day = self.form.cleaned_data.get("on") or date.today()
        return queryset.filter(Q(pk__in=selectors.subtree_ids(int(value), day)))
