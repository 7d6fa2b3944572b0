from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.exemplars.models import Field, Honour, Status
from tdkt.org.models import Unit


def _styled(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ExemplarForm(forms.Form):
    name = forms.CharField(label=_("Tên mô hình"), max_length=255)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Field.choices)
    summary = forms.CharField(label=_("Tóm tắt"), max_length=500, required=False)
    story = forms.CharField(
        label=_("Câu chuyện, cách làm"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    started_on = forms.DateField(label=_("Bắt đầu thực hiện"), required=False, widget=DateInput())
    tags = forms.CharField(label=_("Nhãn (cách nhau bởi dấu phẩy)"), required=False)

    def __init__(self, *args, units=None, with_unit=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_unit:
            self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        else:
            del self.fields["unit"]
        _styled(self)

    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("Chuyển sang"), choices=Status.choices)
    on = forms.DateField(label=_("Ngày"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Ghi chú, lý do"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class AchievementForm(forms.Form):
    title = forms.CharField(label=_("Thành tích"), max_length=255)
    evidence = forms.CharField(label=_("Minh chứng"), max_length=500)
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    achieved_on = forms.DateField(label=_("Thời điểm"), required=False, widget=DateInput())
    evidence_file = forms.FileField(label=_("Tệp minh chứng"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class MediaForm(forms.Form):
    file = forms.FileField(label=_("Ảnh hoặc tệp (.jpg, .png, .pdf, .docx, .xlsx)"))
    caption = forms.CharField(label=_("Chú thích"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class HonourForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức tôn vinh"), choices=Honour.Kind.choices)
    held_on = forms.DateField(label=_("Ngày"), widget=DateInput())
    title = forms.CharField(label=_("Nội dung"), max_length=255)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class ReplicationForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị nhân rộng"),
        queryset=Unit.objects.filter(kind__in=["cuc", "chi_cuc", "tong_cuc", "vu_ban"]).order_by("code"),
    )
    started_on = forms.DateField(label=_("Bắt đầu"), widget=DateInput())
    result = forms.CharField(label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class ReplicationEditForm(forms.Form):
    started_on = forms.DateField(label=_("Bắt đầu"), widget=DateInput())
    result = forms.CharField(
        label=_("Kết quả nhân rộng (số liệu, đánh giá của đơn vị)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
