"""The filter of the survey list, shared by the page and `/api/surveys/`."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.org.filters import YearFilter
from tdkt.surveys.models import Survey


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class SurveyFilter(django_filters.FilterSet):
    year = YearFilter(label=_("Năm"), field_name="year", help_text=_("Chỉ các cuộc khảo sát của năm này."))

    class Meta:
        model = Survey
        fields = ["year"]
        form = StyledForm
