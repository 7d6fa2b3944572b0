"""Forms of the movement pages. They validate input; the services decide."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind, Category, SubjectKind
from tdkt.movements.models import CalendarEntry, Cluster, Movement, PeriodScore, Target
from tdkt.org import permissions as org_permissions
from tdkt.org.models import Role, Unit, UnitKind

SELECT = {"class": "form-select"}


def _text(**attrs):
    return forms.TextInput(attrs={"class": "form-control", **attrs})


def _area(rows=3):
    return forms.Textarea(attrs={"class": "form-control", "rows": rows})


def _date():
    return forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d")


def editable_units(user):
    """Current units where the user may launch movements or set targets (officer or admin scope)."""
    ids = org_permissions.visible_unit_ids(user, roles={Role.ADMIN, Role.OFFICER})
    units = Unit.objects.filter(valid_to__isnull=True).order_by("code")
    return units if ids is org_permissions.ALL_UNITS else units.filter(pk__in=ids or [])


def title_kinds(*, individual: bool):
    wanted = SubjectKind.INDIVIDUAL if individual else SubjectKind.COLLECTIVE
    return AwardKind.objects.filter(
        category=Category.TITLE, subject_kind__in=[wanted, SubjectKind.BOTH], is_active=True
    ).order_by("-rank")


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=500, widget=_text())
    slogan = forms.CharField(label=_("Khẩu hiệu"), max_length=500, required=False, widget=_text())
    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=Movement.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    scope = forms.ChoiceField(
        label=_("Phạm vi"), choices=Movement.Scope.choices, widget=forms.Select(attrs=SELECT)
    )
    level = forms.ChoiceField(
        label=_("Cấp phát động"), choices=Movement.Level.choices, widget=forms.Select(attrs=SELECT)
    )
    launching_unit = forms.ModelChoiceField(
        label=_("Đơn vị phát động"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    participants_mode = forms.ChoiceField(
        label=_("Đơn vị tham gia"), choices=Movement.Participants.choices, widget=forms.Select(attrs=SELECT)
    )
    participant_units = forms.ModelMultipleChoiceField(
        label=_("Các đơn vị được chọn"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
        help_text=_("Chỉ dùng khi đơn vị tham gia là «Các đơn vị được chọn»."),
    )
    starts_on = forms.DateField(label=_("Từ ngày"), widget=_date())
    ends_on = forms.DateField(label=_("Đến ngày"), widget=_date())
    registration_deadline = forms.DateField(label=_("Hạn đăng ký thi đua"), required=False, widget=_date())
    midterm_on = forms.DateField(label=_("Sơ kết"), required=False, widget=_date())
    goals = forms.CharField(label=_("Mục tiêu"), required=False, widget=_area())
    content = forms.CharField(label=_("Nội dung thi đua"), required=False, widget=_area())
    criteria = forms.CharField(label=_("Tiêu chí thi đua"), required=False, widget=_area())
    directive_documents = forms.CharField(
        label=_("Văn bản chỉ đạo (mỗi văn bản một dòng)"), required=False, widget=_area(2)
    )
    midterm_awards = forms.CharField(
        label=_("Khen thưởng dự kiến khi sơ kết"), required=False, widget=_area(2)
    )
    final_awards = forms.CharField(
        label=_("Khen thưởng dự kiến khi tổng kết"), required=False, widget=_area(2)
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launching_unit"].queryset = editable_units(user)
        self.fields["participant_units"].queryset = org_permissions.visible_units(user).filter(
            valid_to__isnull=True
        )


class RegistrationForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    pledge = forms.CharField(label=_("Nội dung cam kết, giao ước thi đua"), widget=_area(4))
    collective = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu tập thể đăng ký"),
        queryset=AwardKind.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = title_kinds(individual=False)
        choices = [("", "—")] + [(k.code, k.name) for k in title_kinds(individual=True)]
        self.people = list(people)
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person.full_name, choices=choices, required=False, widget=forms.Select(attrs=SELECT)
            )

    def person_rows(self):
        return [(person, self[f"person_{person.pk}"]) for person in self.people]

    def individual(self):
        return [
            (person, self.cleaned_data[f"person_{person.pk}"])
            for person in self.people
            if self.cleaned_data.get(f"person_{person.pk}")
        ]


class TargetForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    staff_code = forms.CharField(
        label=_("Mã cán bộ (chỉ tiêu cá nhân)"),
        max_length=30,
        required=False,
        widget=_text(autocomplete="off"),
    )
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    year_to = forms.IntegerField(
        label=_("Đến năm (chỉ tiêu nhiều năm)"),
        min_value=2000,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=30, widget=_text())
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=300, widget=_text())
    measure = forms.ChoiceField(
        label=_("Loại"), choices=Target.Measure.choices, widget=forms.Select(attrs=SELECT)
    )
    unit_label = forms.CharField(label=_("Đơn vị tính"), max_length=30, widget=_text())
    planned = forms.CharField(label=_("Chỉ tiêu được giao"), max_length=30, widget=_text(inputmode="decimal"))
    period = forms.ChoiceField(
        label=_("Kỳ báo cáo"), choices=Target.Period.choices, widget=forms.Select(attrs=SELECT)
    )
    aggregation = forms.ChoiceField(
        label=_("Cách tổng hợp"), choices=Target.Aggregation.choices, widget=forms.Select(attrs=SELECT)
    )
    higher_is_better = forms.BooleanField(
        label=_("Càng cao càng tốt"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = editable_units(user)

    def clean_staff_code(self):
        code = self.cleaned_data["staff_code"].strip()
        if not code:
            return ""
        person = org_permissions.visible_people(self.user).filter(staff_code=code).first()
        if person is None:
            raise forms.ValidationError(_("Không tìm thấy cán bộ có mã này trong phạm vi của bạn."))
        self.cleaned_data["person"] = person
        return code


class ActualForm(forms.Form):
    period = forms.IntegerField(
        label=_("Kỳ"), min_value=1, max_value=120, widget=forms.NumberInput(attrs={"class": "form-control"})
    )
    value = forms.CharField(label=_("Kết quả trong kỳ"), max_length=30, widget=_text(inputmode="decimal"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False, widget=_text())


class AdjustForm(forms.Form):
    planned = forms.CharField(label=_("Chỉ tiêu mới"), max_length=30, widget=_text(inputmode="decimal"))
    reason = forms.CharField(label=_("Lý do điều chỉnh"), widget=_area(2))
    lock_version = forms.IntegerField(widget=forms.HiddenInput())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp .xlsx kết quả thực hiện"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )


class LeaderboardForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=30, required=False, widget=_text())
    unit_kind = forms.ChoiceField(label=_("Cấp đơn vị"), required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["unit_kind"].choices = [("", _("Mọi cấp"))] + list(UnitKind.choices)


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Tên cụm, khối"), max_length=200, widget=_text())
    kind = forms.ChoiceField(label=_("Loại"), choices=Cluster.Kind.choices, widget=forms.Select(attrs=SELECT))
    organiser = forms.ModelChoiceField(
        label=_("Đơn vị tổ chức"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = editable_units(user)


class MembersForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, widget=forms.HiddenInput())
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 8}),
    )
    head = forms.ModelChoiceField(
        label=_("Cụm trưởng"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    deputy = forms.ModelChoiceField(
        label=_("Cụm phó"), queryset=Unit.objects.none(), required=False, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = org_permissions.visible_units(user).filter(valid_to__isnull=True).order_by("code")
        for name in ("units", "head", "deputy"):
            self.fields[name].queryset = units


class CriterionForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput())
    name = forms.CharField(label=_("Tiêu chí"), max_length=300, widget=_text())
    max_points = forms.CharField(label=_("Điểm tối đa"), max_length=10, widget=_text(inputmode="decimal"))


class ScoreForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput())
    unit = forms.IntegerField(widget=forms.HiddenInput())
    self_score = forms.CharField(
        label=_("Tự chấm"), max_length=10, required=False, widget=_text(inputmode="decimal")
    )
    cluster_score = forms.CharField(
        label=_("Cụm chấm"), max_length=10, required=False, widget=_text(inputmode="decimal")
    )


class PeriodScoreForm(forms.Form):
    staff_code = forms.CharField(label=_("Mã cán bộ"), max_length=30, widget=_text(autocomplete="off"))
    kind = forms.ChoiceField(
        label=_("Kỳ"), choices=PeriodScore.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    period = forms.IntegerField(
        label=_("Tháng / quý"),
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    quantity = forms.CharField(
        label=_("Số lượng"), max_length=10, required=False, widget=_text(inputmode="decimal")
    )
    quality = forms.CharField(
        label=_("Chất lượng"), max_length=10, required=False, widget=_text(inputmode="decimal")
    )
    timeliness = forms.CharField(
        label=_("Tiến độ"), max_length=10, required=False, widget=_text(inputmode="decimal")
    )
    points = forms.CharField(
        label=_("Điểm"),
        max_length=10,
        required=False,
        help_text=_("Để trống khi đã nhập đủ ba phần: điểm được tính từ các phần."),
        widget=_text(inputmode="decimal"),
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


class RatingGroupForm(forms.Form):
    """A group with similar tasks of a unit: its name and its people by staff code (comma or line separated)."""

    name = forms.CharField(label=_("Tên nhóm"), max_length=200, widget=_text())
    staff_codes = forms.CharField(
        label=_("Mã cán bộ trong nhóm"),
        required=False,
        help_text=_("Cách nhau bởi dấu phẩy hoặc xuống dòng."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_staff_codes(self):
        codes = [c.strip() for c in re.split(r"[,;\s]+", self.cleaned_data["staff_codes"] or "") if c.strip()]
        found = {
            p.staff_code: p for p in org_permissions.visible_people(self.user).filter(staff_code__in=codes)
        }
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(
                _("Không tìm thấy cán bộ có mã: %(codes)s.") % {"codes": ", ".join(missing)}
            )
        self.cleaned_data["people"] = list({found[c].pk: found[c] for c in codes}.values())
        return codes


class ChecklistForm(forms.Form):
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=300, widget=_text())
    owner = forms.ModelChoiceField(
        label=_("Đơn vị ban hành"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    criteria = forms.CharField(
        label=_("Tiêu chí (mỗi dòng: nội dung | điểm tối đa)"),
        widget=_area(5),
        help_text=_("Ví dụ: Trang phục, đeo thẻ công chức đúng quy định | 10"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editable_units(user)

    def clean_criteria(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            text, sep, points = line.rpartition("|")
            if not sep or not text.strip() or not points.strip():
                raise forms.ValidationError(_("Dòng %(n)s: viết «nội dung | điểm tối đa».") % {"n": number})
            rows.append((text.strip(), points.strip()))
        return rows


class InspectionForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị được kiểm tra"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    inspected_on = forms.DateField(label=_("Ngày kiểm tra"), widget=_date())
    inspectors = forms.CharField(label=_("Đoàn kiểm tra"), max_length=300, required=False, widget=_text())
    note = forms.CharField(label=_("Nhận xét"), required=False, widget=_area(2))

    def __init__(self, *args, user, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = editable_units(user)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c_{criterion.pk}"] = forms.CharField(
                label=criterion.text, max_length=10, widget=_text(inputmode="decimal")
            )

    def scores(self):
        return {c.pk: self.cleaned_data[f"c_{c.pk}"] for c in self.criteria}

    def criterion_fields(self):
        return [(c, self[f"c_{c.pk}"]) for c in self.criteria]


class CalendarEntryForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=CalendarEntry.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    title = forms.CharField(label=_("Nội dung"), max_length=300, widget=_text())
    due_on = forms.DateField(label=_("Ngày"), widget=_date())
    remind_days = forms.IntegerField(
        label=_("Nhắc trước (ngày)"),
        min_value=0,
        max_value=90,
        initial=7,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = editable_units(user)


class ReviewForm(forms.Form):
    """A sơ kết or tổng kết review of a movement."""

    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[("so_ket", _("Sơ kết")), ("tong_ket", _("Tổng kết"))],
        widget=forms.Select(attrs=SELECT),
    )
    held_on = forms.DateField(label=_("Ngày tổ chức"), widget=_date())
    period_from = forms.DateField(label=_("Kỳ từ ngày"), widget=_date())
    period_to = forms.DateField(label=_("Kỳ đến ngày"), widget=_date())
    document = forms.CharField(
        label=_("Quyết định, báo cáo (số, ký hiệu)"), max_length=200, required=False, widget=_text()
    )
    awards_given = forms.CharField(
        label=_("Khen thưởng tại hội nghị (mỗi dòng một hình thức)"), required=False, widget=_area(3)
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=_area(2))
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewTemplateForm(forms.Form):
    file = forms.FileField(
        label=_("Mẫu báo cáo (.docx, giữ nguyên các thẻ {{ … }})"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".docx"}),
    )
