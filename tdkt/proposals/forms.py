"""Forms of the dossier pages. They only validate input; the services do the writing and the checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind
from tdkt.org.forms import vn_date_field
from tdkt.proposals.models import Proposal
from tdkt.proposals.services import DEFAULT_DISCLOSURE_DAYS, REPORT_FIELDS

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.TextInput(attrs=TEXT))
    proposing_unit = forms.TypedChoiceField(
        label=_("Đơn vị đề nghị"), coerce=int, widget=forms.Select(attrs=SELECT)
    )
    award_kind = forms.ModelChoiceField(
        label=_("Danh hiệu / hình thức"),
        queryset=AwardKind.objects.filter(is_active=True),
        widget=forms.Select(attrs=SELECT),
    )
    year = forms.IntegerField(
        label=_("Năm thành tích"), min_value=1945, max_value=2100, widget=forms.NumberInput(attrs=TEXT)
    )
    track = forms.ChoiceField(
        label=_("Loại hình"), choices=Proposal.Track.choices, widget=forms.Select(attrs=SELECT)
    )
    movement = forms.CharField(
        label=_("Phong trào thi đua"), required=False, max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    deadline = vn_date_field(_("Hạn trình"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].choices = [(u.pk, f"{u.code} – {u.name}") for u in units]


class ReturnForm(forms.Form):
    reasons = forms.CharField(
        label=_("Lý do trả lại, nội dung cần bổ sung"),
        widget=forms.Textarea(attrs={**TEXT, "rows": 5}),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.TextInput(attrs=TEXT))
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class CandidateForm(forms.Form):
    person = forms.IntegerField(required=False, widget=forms.Select(attrs=SELECT), label=_("Cá nhân"))
    unit = forms.IntegerField(required=False, widget=forms.Select(attrs=SELECT), label=_("Tập thể"))


class ReportForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in REPORT_FIELDS.items():
            short = key in ("position", "unit_name")
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                widget=forms.TextInput(attrs=TEXT) if short else forms.Textarea(attrs={**TEXT, "rows": 4}),
            )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp (PDF, DOCX, XLSX, ảnh; tối đa 20 MB)"),
        widget=forms.ClearableFileInput(attrs={**TEXT, "accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
    )
    name = forms.CharField(label=_("Tên tài liệu"), required=False, widget=forms.TextInput(attrs=TEXT))


class CouncilForm(forms.Form):
    meeting = forms.TypedChoiceField(
        label=_("Phiên họp Hội đồng"), coerce=int, widget=forms.Select(attrs=SELECT)
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [(m.pk, f"{m} ({m.held_at:%d/%m/%Y})") for m in meetings]


class DisclosureForm(forms.Form):
    starts_on = vn_date_field(_("Ngày bắt đầu công khai"))
    disclosure_days = forms.IntegerField(
        label=_("Số ngày làm việc"),
        min_value=1,
        max_value=60,
        initial=DEFAULT_DISCLOSURE_DAYS,
        widget=forms.NumberInput(attrs=TEXT),
    )
    where = forms.CharField(
        label=_("Hình thức, nơi công khai"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs=TEXT),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    candidate = forms.IntegerField(required=False, widget=forms.Select(attrs=SELECT), label=_("Về đối tượng"))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))
