"""The filters of the statistics page and export (GET; they only validate input)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind, Level
from tdkt.core.text import format_date
from tdkt.org.models import Unit
from tdkt.reports.selectors import COLLECTIVE, INDIVIDUAL, ReportFilter

YEAR_BOUNDS = {"min_value": 1945, "max_value": 2100}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        label = f"{unit.code} – {unit.name}"
        if unit.valid_to:
            label += " " + str(_("(đến %(day)s)") % {"day": format_date(unit.valid_to)})
        return label


class ReportFilterForm(forms.Form):
    year_from = forms.IntegerField(
        label=_("Từ năm"),
        required=False,
        **YEAR_BOUNDS,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    year_to = forms.IntegerField(
        label=_("Đến năm"),
        required=False,
        **YEAR_BOUNDS,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị (gồm đơn vị trực thuộc và đơn vị tiền thân)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả đơn vị trong phạm vi"),
        widget=forms.Select(attrs={"class": "form-select", "data-autosubmit": ""}),
    )
    kind = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardKind.objects.order_by("rank", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs={"class": "form-select", "data-autosubmit": ""}),
    )
    level = forms.ChoiceField(
        label=_("Cấp"),
        required=False,
        choices=[("", _("Tất cả"))] + list(Level.choices),
        widget=forms.Select(attrs={"class": "form-select", "data-autosubmit": ""}),
    )
    subject = forms.ChoiceField(
        label=_("Đối tượng"),
        required=False,
        choices=[("", _("Cá nhân và tập thể")), (INDIVIDUAL, _("Cá nhân")), (COLLECTIVE, _("Tập thể"))],
        widget=forms.Select(attrs={"class": "form-select", "data-autosubmit": ""}),
    )
    include_revoked = forms.BooleanField(
        label=_("Tính cả khen thưởng đã bị hủy bỏ"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input", "data-autosubmit": ""}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (units if units is not None else Unit.objects.all()).order_by("code")

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            raise ValidationError(_("“Từ năm” phải nhỏ hơn hoặc bằng “Đến năm”."))
        return data

    def filters(self) -> ReportFilter:
        data = self.cleaned_data
        return ReportFilter(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            unit=data.get("unit"),
            kind=data.get("kind"),
            level=data.get("level") or "",
            subject=data.get("subject") or "",
            include_revoked=bool(data.get("include_revoked")),
        )


class OfficialFormQuery(forms.Form):
    """Which unit and year an official form is computed for, and optionally which cell to open."""

    unit = UnitChoiceField(
        label=_("Đơn vị báo cáo (gồm đơn vị trực thuộc và đơn vị tiền thân)"),
        queryset=Unit.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = forms.IntegerField(
        label=_("Năm báo cáo"), **YEAR_BOUNDS, widget=forms.NumberInput(attrs={"class": "form-control"})
    )
    row = forms.CharField(required=False, max_length=4)
    col = forms.CharField(required=False, max_length=8)
    missing = forms.CharField(required=False, max_length=20)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
