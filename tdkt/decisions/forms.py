"""Forms of the decision pages. They only validate input; `tdkt.decisions.services` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind
from tdkt.core.text import nfc
from tdkt.decisions.models import Decision, Issuer
from tdkt.org.forms import LockedForm, vn_date_field
from tdkt.org.models import Person, Unit
from tdkt.proposals.models import Proposal

YEAR_MIN, YEAR_MAX = 1945, 2100


def _text(label, *, max_length, required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def _area(label, *, help_text="", required=False, rows=3):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": rows}),
    )


def _year(label, required=True):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={
            "min_value": _("Năm phải từ %(limit_value)s trở đi."),
            "max_value": _("Năm phải đến %(limit_value)s là cùng."),
            "invalid": _("Năm phải là một số, ví dụ 2025."),
        },
    )


class TotalsFilterForm(forms.Form):
    year = _year(_("Năm ban hành"), required=False)


class DecisionForm(forms.Form):
    """The heading of a decision: who issues it, what it is about, who signs, who receives it."""

    issuer = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Issuer.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    proposal = forms.ModelChoiceField(
        label=_("Hồ sơ đề nghị"),
        queryset=Proposal.objects.none(),
        required=False,
        empty_label=_("— Không (lập danh sách bằng tay) —"),
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text=_("Chỉ các hồ sơ đã được Hội đồng đề nghị khen và chưa có quyết định."),
    )
    summary = _text(
        _("Trích yếu"),
        max_length=500,
        help_text=_("Ví dụ: Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025"),
    )
    legal_bases = _area(_("Căn cứ ban hành"), help_text=_("Mỗi căn cứ một dòng."), rows=4)
    signer_name = _text(_("Người ký"), max_length=120)
    signer_title = _text(_("Chức vụ người ký"), max_length=120, help_text=_("Ví dụ: PHÓ CỤC TRƯỞNG"))
    authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"),
        required=False,
        choices=Decision.Authority.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    recipients = _area(_("Nơi nhận"), help_text=_("Mỗi nơi nhận một dòng."))

    def __init__(self, *args, issuers=None, proposals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if issuers is not None:
            self.fields["issuer"].queryset = issuers
        if proposals is not None:
            self.fields["proposal"].queryset = proposals

    def clean_summary(self):
        return nfc(self.cleaned_data["summary"]).strip()


class DecisionEditForm(LockedForm):
    summary = DecisionForm.base_fields["summary"]
    legal_bases = DecisionForm.base_fields["legal_bases"]
    signer_name = DecisionForm.base_fields["signer_name"]
    signer_title = DecisionForm.base_fields["signer_title"]
    authority = DecisionForm.base_fields["authority"]
    recipients = DecisionForm.base_fields["recipients"]


class LineForm(LockedForm):
    award_kind = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardKind.objects.filter(is_active=True),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    person = forms.ModelChoiceField(
        label=_("Cá nhân"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— Chọn cá nhân —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Tập thể"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Hoặc chọn tập thể —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    achievement_year = _year(_("Năm thành tích"))

    def __init__(self, *args, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
        if units is not None:
            self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("unit")) and not self.errors.get("person"):
            raise forms.ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
        return data


class IssueForm(LockedForm):
    signed_on = vn_date_field(_("Ngày ký"))
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận ban hành quyết định này; sau khi ban hành không sửa được, chỉ có thể hủy bỏ."),
        required=True,
        error_messages={"required": _("Hãy đánh dấu xác nhận trước khi ban hành.")},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class RevokeForm(LockedForm):
    reason = _area(
        _("Lý do hủy bỏ"),
        required=True,
        help_text=_(
            "Theo Điều 93 Luật Thi đua, khen thưởng: khai man thành tích, giả mạo hồ sơ, thẩm định sai, …"
        ),
    )
    revoking_decision_number = _text(
        _("Số quyết định hủy bỏ"), max_length=60, required=False, help_text=_("Ví dụ: 12/QĐ-CHQ")
    )
    on = vn_date_field(_("Ngày hủy bỏ"), required=False)

    def clean_reason(self):
        reason = nfc(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(_("Hủy bỏ quyết định phải ghi rõ lý do."))
        return reason
