"""Forms of the organisation pages. They only validate input; the services do the writing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdkt.core.actions import add_form_errors
from tdkt.core.text import nfc
from tdkt.org.models import Gender, UnitEventKind

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class VnDateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the same on every browser, whatever its language."""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "form-control",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


def vn_date_field(label, *, required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=VnDateInput(),
        error_messages={"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")},
        **kwargs,
    )


class TreeDateForm(forms.Form):
    on = vn_date_field(_("Vào ngày"), required=False)


class HistoryFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=1945,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    kind = forms.ChoiceField(
        label=_("Loại sự kiện"),
        required=False,
        choices=[("", _("Tất cả"))] + list(UnitEventKind.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class LockedForm(forms.Form):
    """A form that carries the version of the object the user opened (optimistic locking)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def apply_service_error(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the matching fields (the rest on the whole form)."""
        add_form_errors(self, error)


class UnitEditForm(LockedForm):
    RENAME, CORRECT = "rename", "correct"
    mode = forms.ChoiceField(
        label=_("Loại thay đổi"),
        choices=[
            (RENAME, _("Đổi tên theo quyết định, từ một ngày (giữ tên cũ trong lịch sử)")),
            (CORRECT, _("Sửa lỗi chính tả của tên hiện tại (không ghi nhận đổi tên)")),
        ],
        initial=RENAME,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    name = forms.CharField(
        label=_("Tên đơn vị"), max_length=255, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    short_name = forms.CharField(
        label=_("Tên viết tắt"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    on = vn_date_field(_("Tên mới có hiệu lực từ ngày"), required=False)
    decision = forms.CharField(
        label=_("Số quyết định"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean_name(self):
        name = nfc(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Hãy nhập tên đơn vị."))
        return name

    def clean_short_name(self):
        return nfc(self.cleaned_data.get("short_name"))

    def clean_decision(self):
        return nfc(self.cleaned_data.get("decision"))

    def clean(self):
        data = super().clean()
        if data.get("mode") == self.RENAME and not data.get("on") and "on" not in self.errors:
            self.add_error("on", _("Hãy nhập ngày tên mới có hiệu lực."))
        return data


class PersonEditForm(LockedForm):
    family_name = forms.CharField(
        label=_("Họ"),
        max_length=60,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    middle_name = forms.CharField(
        label=_("Tên đệm"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    given_name = forms.CharField(
        label=_("Tên"),
        max_length=60,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=Gender.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    date_of_birth = vn_date_field(_("Ngày sinh"), required=False)
    staff_code = forms.CharField(
        label=_("Mã cán bộ"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )

    def _clean_text(self, name):
        return nfc(self.cleaned_data.get(name))

    def clean_family_name(self):
        return self._clean_text("family_name")

    def clean_middle_name(self):
        return self._clean_text("middle_name")

    def clean_given_name(self):
        return self._clean_text("given_name")

    def clean_staff_code(self):
        return self._clean_text("staff_code") or None

    def person_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("family_name", "middle_name", "given_name", "gender", "date_of_birth", "staff_code")
        }
