"""Forms of the council pages. They validate input; the services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.councils.models import Council, MemberRole, VoteBase
from tdkt.org import permissions as org_permissions
from tdkt.org.models import Person, Role, Unit
from tdkt.rules.services import award_choices

CHOICE_FIELD = [("yes", _("Đồng ý")), ("no", _("Không đồng ý")), ("abstain", _("Không biểu quyết"))]


def _text(**attrs):
    return forms.TextInput(attrs={"class": "form-control", **attrs})


def _date():
    return forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d")


class CouncilForm(forms.Form):
    name = forms.CharField(label=_("Tên hội đồng"), max_length=255, widget=_text())
    kind = forms.ChoiceField(
        label=_("Loại hội đồng"),
        choices=Council.Kind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), widget=forms.Select(attrs={"class": "form-select"})
    )
    decision_number = forms.CharField(
        label=_("Quyết định thành lập"), max_length=60, required=False, widget=_text()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = org_permissions.visible_unit_ids(user, roles={Role.ADMIN, Role.OFFICER})
        units = Unit.objects.filter(valid_to__isnull=True).order_by("code")
        self.fields["unit"].queryset = units if ids is org_permissions.ALL_UNITS else units.filter(pk__in=ids)


class MemberForm(forms.Form):
    staff_code = forms.CharField(
        label=_("Mã cán bộ"),
        max_length=30,
        widget=_text(autocomplete="off"),
        help_text=_("Mã cán bộ của người được cử."),
    )
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=MemberRole.choices,
        initial=MemberRole.MEMBER,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    term_from = forms.DateField(label=_("Nhiệm kỳ từ"), widget=_date())
    term_to = forms.DateField(
        label=_("Nhiệm kỳ đến (ngày đầu tiên hết nhiệm kỳ)"), required=False, widget=_date()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_staff_code(self):
        code = self.cleaned_data["staff_code"].strip()
        person = org_permissions.visible_people(self.user).filter(staff_code=code).first()
        if person is None:
            raise forms.ValidationError(_("Không tìm thấy cán bộ có mã này trong phạm vi của bạn."))
        self.cleaned_data["person"] = person
        return code


class EndTermForm(forms.Form):
    term_to = forms.DateField(label=_("Ngày hết nhiệm kỳ"), widget=_date())


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Nội dung cuộc họp"), max_length=255, widget=_text())
    held_at = forms.DateTimeField(
        label=_("Thời gian"),
        widget=forms.DateTimeInput(
            attrs={"class": "form-control", "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    location = forms.CharField(label=_("Địa điểm"), max_length=255, required=False, widget=_text())
    agenda = forms.CharField(
        label=_("Chương trình họp"),
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
    quorum_percent = forms.DecimalField(
        label=_("Tỷ lệ có mặt tối thiểu (%)"),
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(100),
        decimal_places=1,
        help_text=_("Để trống: 2/3 tổng số thành viên."),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.1"}),
    )


class BallotForm(forms.Form):
    subject = forms.CharField(label=_("Nội dung bỏ phiếu"), max_length=500, widget=_text())
    award_code = forms.ChoiceField(
        label=_("Danh hiệu, hình thức"),
        required=False,
        choices=[("", _("— Không gắn danh hiệu —"))] + award_choices(),
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text=_(
            "Tỷ lệ đồng ý lấy theo quy định của danh hiệu, hình thức (ví dụ 90 % tổng số thành viên)."
        ),
    )
    candidate_code = forms.CharField(
        label=_("Mã cán bộ của người được xét (nếu là thành viên thì không bỏ phiếu)"),
        max_length=30,
        required=False,
        widget=_text(autocomplete="off"),
    )
    threshold_percent = forms.DecimalField(
        label=_("Tỷ lệ đồng ý cần đạt (%)"),
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(100),
        decimal_places=1,
        help_text=_("Để trống: theo quy định, hoặc quá bán số thành viên có mặt."),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.1"}),
    )
    base = forms.ChoiceField(
        label=_("Tính trên"),
        required=False,
        choices=[("", _("— Theo quy định —"))] + list(VoteBase.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people if people is not None else Person.objects.none()

    def clean_candidate_code(self):
        code = self.cleaned_data["candidate_code"].strip()
        if not code:
            return None
        person = self.people.filter(staff_code=code).first()
        if person is None:
            raise forms.ValidationError(_("Không tìm thấy cán bộ có mã này."))
        return person


def _code(label: str, help_text: str = ""):
    return forms.CharField(
        label=label,
        max_length=128,
        required=False,  # the service says what is missing, after who may do it
        strip=True,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )


class TallyCodesForm(forms.Form):
    """The two tally codes: set by the chair and the secretary when the meeting opens, entered again by both
    to count. Each types their own; the server keeps neither."""

    chair_code = _code(_("Mã kiểm phiếu của Chủ tịch hội đồng"))
    secretary_code = _code(_("Mã kiểm phiếu của Thư ký hội đồng"))


class OpenMeetingForm(TallyCodesForm):
    chair_code = _code(
        _("Mã kiểm phiếu của Chủ tịch hội đồng"),
        _("Ít nhất 8 ký tự. Chủ tịch tự nhập và tự giữ; hệ thống không lưu mã."),
    )
    secretary_code = _code(
        _("Mã kiểm phiếu của Thư ký hội đồng"),
        _(
            "Ít nhất 8 ký tự, khác mã của Chủ tịch. Khi kiểm phiếu cần cả hai mã: không ai, kể cả người quản "
            "trị cơ sở dữ liệu, mở được hòm phiếu khi thiếu một mã. Quên mã thì phải bỏ phiếu lại."
        ),
    )


class VoteForm(forms.Form):
    """The first post shows the choice back for confirmation; only a post with `confirmed` casts the vote."""

    choice = forms.ChoiceField(choices=CHOICE_FIELD)
    confirmed = forms.BooleanField(required=False)


class WrittenVoteForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Thành viên vắng mặt"), queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )
    choice = forms.ChoiceField(label=_("Ý kiến bằng văn bản"), choices=CHOICE_FIELD, widget=forms.RadioSelect)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: f"{m.person.full_name} – {m.get_role_display()}"
