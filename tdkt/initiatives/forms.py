"""Forms of the initiative pages. They only validate input; the services write and check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.initiatives.models import Field, Kind
from tdkt.org.forms import vn_date_field

TEXT = {"class": "form-control"}
AREA = {"class": "form-control", "rows": 3}
SELECT = {"class": "form-select"}


def _area(label, required=False):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs=AREA))


class InitiativeForm(forms.Form):
    """The application (đơn yêu cầu công nhận sáng kiến) and, for a research topic, its acceptance."""

    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, widget=forms.Select(attrs=SELECT))
    title = forms.CharField(
        label=_("Tên sáng kiến, đề tài"),
        max_length=500,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực áp dụng"), choices=Field.choices, widget=forms.Select(attrs=SELECT)
    )
    investor = forms.CharField(
        label=_("Chủ đầu tư tạo ra sáng kiến"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs=TEXT),
    )
    first_applied_on = vn_date_field(_("Ngày áp dụng lần đầu"), required=False)
    description = _area(_("Mô tả bản chất của sáng kiến"))
    confidential = _area(_("Thông tin cần được bảo mật (nếu có)"))
    conditions = _area(_("Những điều kiện cần thiết để áp dụng sáng kiến"))
    benefits_by_authors = _area(_("Lợi ích thu được theo ý kiến của tác giả"))
    benefits_by_participants = _area(
        _("Lợi ích thu được theo ý kiến của tổ chức, cá nhân tham gia áp dụng thử")
    )
    first_participants = _area(_("Danh sách những người tham gia áp dụng sáng kiến lần đầu"))
    accepted_on = vn_date_field(_("Ngày nghiệm thu (đề tài)"), required=False)
    acceptance_result = forms.CharField(
        label=_("Kết quả nghiệm thu (đề tài)"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs=TEXT),
    )
    application_result = _area(_("Kết quả ứng dụng (đề tài)"))
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class CreateForm(InitiativeForm):
    unit = forms.TypedChoiceField(
        label=_("Đơn vị xét công nhận"), coerce=int, widget=forms.Select(attrs=SELECT)
    )

    field_order = ["unit", "kind", "title"]

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class AuthorForm(forms.Form):
    who = forms.CharField(
        label=_("Tác giả (mã cán bộ hoặc họ tên)"), max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    share = forms.DecimalField(
        label=_("Tỷ lệ đóng góp (%)"),
        min_value=0.01,
        max_value=100,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp (PDF, Word, Excel, ảnh)"), widget=forms.ClearableFileInput(attrs=TEXT)
    )
    name = forms.CharField(
        label=_("Tên tài liệu"), required=False, max_length=255, widget=forms.TextInput(attrs=TEXT)
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs=AREA))
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs=AREA))
    private = forms.BooleanField(
        label=_("Ghi chú riêng (chỉ mình tôi xem)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class CouncilForm(forms.Form):
    council = forms.TypedChoiceField(
        label=_("Hội đồng sáng kiến"), coerce=int, widget=forms.Select(attrs=SELECT)
    )
    opened_on = vn_date_field(_("Ngày đưa ra hội đồng"), required=False)
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].choices = [(c.pk, f"{c.name} ({c.unit.name})") for c in councils]


class RecogniseForm(forms.Form):
    decision_date = vn_date_field(_("Ngày quyết định công nhận"))
    signer_name = forms.CharField(
        label=_("Người ký"), required=False, max_length=120, widget=forms.TextInput(attrs=TEXT)
    )
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class AnswerForm(forms.Form):
    recognised = forms.TypedChoiceField(
        label=_("Kết quả của cấp trên"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Công nhận")), ("0", _("Không công nhận"))],
        widget=forms.Select(attrs=SELECT),
    )
    decision_number = forms.CharField(
        label=_("Số quyết định"), required=False, max_length=60, widget=forms.TextInput(attrs=TEXT)
    )
    decision_date = vn_date_field(_("Ngày quyết định"), required=False)
    note = forms.CharField(label=_("Ghi chú, lý do"), required=False, widget=forms.Textarea(attrs=AREA))
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput())


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(
        label=_("Số hiệu đơn trùng cần gộp vào đơn này"), widget=forms.NumberInput(attrs=TEXT)
    )
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.TextInput(attrs=TEXT))


class FollowUpForm(forms.Form):
    applied_at = forms.CharField(label=_("Nơi áp dụng"), max_length=255, widget=forms.TextInput(attrs=TEXT))
    applied_on = vn_date_field(_("Ngày áp dụng"), required=False)
    benefit = forms.CharField(label=_("Hiệu quả đo được"), required=False, widget=forms.Textarea(attrs=AREA))
    benefit_amount = forms.IntegerField(
        label=_("Giá trị làm lợi (đồng)"), required=False, min_value=0, widget=forms.NumberInput(attrs=TEXT)
    )
    remuneration = forms.IntegerField(
        label=_("Thù lao trả tác giả (đồng)"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs=TEXT),
    )


class StatsForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int, widget=forms.Select(attrs=SELECT))
    year = forms.IntegerField(
        label=_("Năm"), min_value=1945, max_value=2100, widget=forms.NumberInput(attrs=TEXT)
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, f"{u.code} – {u.name}") for u in units]
