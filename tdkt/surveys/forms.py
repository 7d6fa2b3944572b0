from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import Unit
from tdkt.surveys.models import Component, Question


class SurveyForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên cuộc khảo sát"), max_length=255)
    version = forms.CharField(
        label=_("Phiên bản bảng hỏi"),
        max_length=40,
        required=False,
        help_text=_("Để trống: giữ phiên bản của năm trước (hoặc bảng hỏi chuẩn)."),
    )
    min_cell_size = forms.IntegerField(label=_("Số phiếu tối thiểu để công bố"), min_value=1, initial=5)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
        self.fields["unit"].widget.attrs["class"] = "form-select"


class QuestionForm(forms.Form):
    component = forms.ModelChoiceField(
        label=_("Thuộc chỉ số"), queryset=Component.objects.none(), required=False
    )
    text = forms.CharField(label=_("Câu hỏi"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại câu hỏi"), choices=Question.Kind.choices)
    reverse = forms.BooleanField(label=_("Đảo chiều điểm (đồng ý là xấu)"), required=False)
    choices = forms.CharField(
        label=_("Các phương án (mỗi dòng: phương án | điểm 0–100)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, survey=None, **kwargs):
        super().__init__(*args, **kwargs)
        if survey is not None:
            self.fields["component"].queryset = survey.components.all()
        for name, field in self.fields.items():
            if name != "reverse":
                field.widget.attrs.setdefault("class", "form-control")

    def parsed_choices(self):
        from decimal import Decimal, InvalidOperation

        rows = []
        for line in (self.cleaned_data.get("choices") or "").splitlines():
            if not line.strip():
                continue
            label, _sep, score = line.partition("|")
            try:
                value = Decimal(score.strip().replace(",", ".")) if score.strip() else None
            except InvalidOperation:
                raise forms.ValidationError(_("Điểm của phương án phải là số từ 0 đến 100.")) from None
            if value is not None and not 0 <= value <= 100:
                raise forms.ValidationError(_("Điểm của phương án phải là số từ 0 đến 100."))
            rows.append((label.strip(), value))
        return rows


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
    apply = forms.BooleanField(label=_("Ghi vào hệ thống (bỏ chọn để chỉ kiểm tra)"), required=False)


class InvitationForm(forms.Form):
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=14)
    enterprise_name = forms.CharField(label=_("Tên doanh nghiệp"), max_length=255)
    contact_name = forms.CharField(label=_("Người liên hệ"), max_length=255, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
