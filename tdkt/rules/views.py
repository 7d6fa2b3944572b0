"""Pages of eligibility: the "Khen thưởng" tab of people and units, a unit's candidates, the parameters.

Every page fetches its subject through `tdkt.org.permissions` (outsiders get 404), validates the query with
a form, asks `tdkt.rules.services`, and renders one template (or, for htmx, one named fragment of it).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tdkt.awards.history import person_history, unit_history
from tdkt.awards.services import set_cluster_result
from tdkt.core.htmx import render_page
from tdkt.core.tables import YEAR, Column, TableSpec, exportable
from tdkt.core.xlsx import export_heading, write_table
from tdkt.org import permissions
from tdkt.org.models import Person, UnitKind
from tdkt.rules import candidate_tasks, selectors, services
from tdkt.rules.model import COLLECTIVE, PERSON
from tdkt.rules.rulesets import AWARD_NAMES, RULE_SETS
from tdkt.rules.templatetags.eligibility import VERDICT_LABELS, candidate_rows

YEAR_MIN, YEAR_MAX = 1990, 2100


def _year_field(label, required=False):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={
            "min_value": gettext_lazy("Năm phải từ %(limit_value)s trở đi."),
            "max_value": gettext_lazy("Năm phải đến %(limit_value)s là cùng."),
            "invalid": gettext_lazy("Năm phải là một số, ví dụ 2025."),
        },
    )


def _award_choices(codes, blank=None):
    choices = [(code, AWARD_NAMES[code]) for code in codes]
    return ([("", blank)] if blank else []) + choices


class ReviewForm(forms.Form):
    """The review year of the tab and, optionally, one award and year to ask about."""

    year = _year_field(gettext_lazy("Năm đánh giá"))
    award = forms.ChoiceField(
        label=gettext_lazy("Danh hiệu, hình thức"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    ask_year = _year_field(gettext_lazy("Năm xét"))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = _award_choices(services.codes_for(kind), _("— Chọn —"))

    def clean(self):
        data = super().clean()
        if data.get("award") and not data.get("ask_year"):
            self.add_error("ask_year", _("Nhập năm cần xét."))
        return data


ALL_AWARDS = "*"  # every title and form: a background job (see candidate_tasks.py)
CANDIDATES_PAGE_SIZE = 50


class CandidateFilterForm(forms.Form):
    year = _year_field(gettext_lazy("Năm đánh giá"))
    award = forms.ChoiceField(
        label=gettext_lazy("Danh hiệu, hình thức"),
        required=False,
        choices=[
            *_award_choices(dict.fromkeys(services.PERSON_CODES + services.UNIT_CODES)),
            (ALL_AWARDS, gettext_lazy("Tất cả danh hiệu, hình thức (lập danh sách chạy nền)")),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    verdict = forms.ChoiceField(
        label=gettext_lazy("Kết quả"),
        required=False,
        choices=[("", gettext_lazy("Tất cả"))] + list(VERDICT_LABELS.items()),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def default_award(unit) -> str:
    """The title a unit reviews at its own level: Chiến sĩ thi đua cơ sở from a Cục up (its head awards it),
    Lao động tiên tiến below."""

    upper = {UnitKind.MINISTRY, UnitKind.GENERAL_DEPARTMENT, UnitKind.DEPARTMENT}
    return "CSTDCS" if unit.kind in upper else "LDTT"


class ParameterForm(forms.Form):
    rule_set = forms.ChoiceField(choices=[(rs, rs) for rs in RULE_SETS], widget=forms.HiddenInput)
    key = forms.CharField(max_length=80, widget=forms.HiddenInput)
    value = forms.CharField(
        label=gettext_lazy("Giá trị mới"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Căn cứ, ghi chú"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    action = forms.ChoiceField(
        choices=[("set", "set"), ("reset", "reset")], initial="set", required=False, widget=forms.HiddenInput
    )


# --- the "Khen thưởng" tab --------------------------------------------------------------------------------


def _review(request, kind: str):
    form = ReviewForm(request.GET or None, kind=kind)
    year = services.default_review_year()
    asked = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"] or year
        if form.cleaned_data["award"]:
            asked = (form.cleaned_data["award"], form.cleaned_data["ask_year"])
    return form, year, asked


def _awards_page(request, subject, kind: str, history):
    form, year, asked = _review(request, kind)
    answer = None
    if history.limited:  # a former member: what they may get next is the new unit's business
        asked = None
    if asked:
        code, ask_year = asked
        if isinstance(subject, Person):
            answer = services.evaluate_person(subject, code, ask_year)
        else:
            answer = services.evaluate_unit(subject, code, ask_year)
    context = {
        "subject": subject,
        "kind": kind,
        "is_person": kind == PERSON,
        "history": history,
        "form": form,
        "year": year,
        "outlook": None if history.limited else services.outlook(subject, year),
        "answer": answer,
        "answer_name": AWARD_NAMES[asked[0]] if asked else "",
        "asked": bool(asked),
        "can_see_candidates": kind == COLLECTIVE,
        "is_admin": permissions.is_admin(request.user),
        "can_enter_cluster": kind == COLLECTIVE and permissions.can_edit_unit(request.user, subject),
        "cluster_form": ClusterResultForm(initial={"year": year}) if kind == COLLECTIVE else None,
    }
    fragment = "answer" if asked and request.headers.get("HX-Target") == "ask-answer" else "tab"
    return render_page(request, "rules/subject_awards.html", context, fragment=fragment)


def _subject_title(what):
    return lambda c: f"{what}: {getattr(c['subject'], 'full_name', None) or c['subject'].name}"


RATINGS_TABLE = TableSpec(
    name="ratings",
    title=_subject_title(gettext_lazy("XẾP LOẠI HẰNG NĂM")),
    filename="xep-loai-hang-nam",
    rows=lambda c: c["history"].ratings,
    form=None,
    numbered=False,
    columns=[
        Column(gettext_lazy("Năm"), "year", YEAR),
        Column(gettext_lazy("Xếp loại"), "get_value_display"),
    ],
)
CLUSTER_RESULTS_TABLE = TableSpec(
    name="cluster_results",
    title=_subject_title(gettext_lazy("KẾT QUẢ TRONG CỤM, KHỐI THI ĐUA")),
    filename="ket-qua-cum-khoi",
    rows=lambda c: c["history"].cluster_results if not c["is_person"] else [],
    form=None,
    numbered=False,
    columns=[
        Column(gettext_lazy("Năm"), "year", YEAR),
        Column(gettext_lazy("Cụm, khối"), lambda r: str(r.cluster)),
        Column(gettext_lazy("Thứ hạng"), "rank"),
        Column(gettext_lazy("Số thành viên"), "members"),
        Column(gettext_lazy("Dẫn đầu"), "leading"),
    ],
)
RECOGNITIONS_TABLE = TableSpec(
    name="recognitions",
    title=_subject_title(gettext_lazy("SÁNG KIẾN, ĐỀ TÀI ĐƯỢC CÔNG NHẬN")),
    filename="sang-kien-duoc-cong-nhan",
    rows=lambda c: c["history"].recognitions if c["is_person"] else [],
    form=None,
    numbered=False,
    columns=[
        Column(gettext_lazy("Năm"), "year", YEAR),
        Column(gettext_lazy("Tên"), "title"),
        Column(gettext_lazy("Loại"), "get_kind_display"),
        Column(gettext_lazy("Phạm vi"), "get_scope_display"),
        Column(gettext_lazy("Quyết định"), "decision_number"),
        Column(gettext_lazy("Đã hủy bỏ"), "revoked"),
    ],
)


@exportable(RATINGS_TABLE, RECOGNITIONS_TABLE)
@login_required
@require_GET
def person_awards(request, pk):
    person = permissions.access_person(request.user, pk)
    return _awards_page(
        request, person, PERSON, person_history(person, permissions.visible_years(request.user, person))
    )


@exportable(RATINGS_TABLE, CLUSTER_RESULTS_TABLE)
@login_required
@require_GET
def unit_awards(request, pk):
    unit = permissions.access_unit(request.user, pk)
    return _awards_page(request, unit, COLLECTIVE, unit_history(unit))


# --- candidates of a unit -------------------------------------------------------------------------------------


def _candidate_filters(request, unit):
    """The filter form (bound to the query, the award defaulting to the unit's own level) and its values."""
    data = request.GET.copy()
    if not data.get("award"):
        data["award"] = default_award(unit)
    form = CandidateFilterForm(data)
    year, award, verdict = services.default_review_year(), data["award"], None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        award = form.cleaned_data["award"] or award
        verdict = form.cleaned_data["verdict"] or None
    elif award not in dict(form.fields["award"].choices):
        award = default_award(unit)
    return form, year, award, verdict


def _link(candidates) -> None:
    """Each candidate's page, from one `reverse` per kind (fifty `{% url %}` tags cost more than the rows)."""
    marker = "2147483647"
    person = reverse("org:person_detail", args=[marker])
    unit = reverse("org:unit_detail", args=[marker])
    for c in candidates:
        c.url = (person if c.kind == PERSON else unit).replace(marker, str(c.pk))


def _stored_candidates(unit, year: int, award: str):
    """The stored judgement of the unit's candidates for one award, judged now if the facts changed since."""
    return selectors.current_candidates(unit, year, award) or services.refresh_candidates(
        unit=unit, year=year, award_code=award
    )


@login_required
@require_GET
def unit_candidates(request, pk):
    """One title or form (the unit's own level by default), paged over the stored verdicts."""
    from django.core.paginator import Paginator

    unit = permissions.access_unit(request.user, pk)
    form, year, award, verdict = _candidate_filters(request, unit)
    context = {
        "unit": unit,
        "form": form,
        "year": year,
        "all_awards": award == ALL_AWARDS,
        # the selects are written out in the template (Django's widget templates cost more than the rows)
        "chosen_award": award,
        "chosen_verdict": verdict or "",
    }
    if award != ALL_AWARDS:
        snapshot = _stored_candidates(unit, year, award)
        page = Paginator(selectors.candidate_rows(snapshot, verdict), CANDIDATES_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        page.object_list = selectors.as_candidates(snapshot, page.object_list)
        _link(page.object_list)
        query = request.GET.copy()
        query["award"] = award
        query.pop("page", None)
        context.update(
            report=snapshot,
            group=selectors.stored_group(snapshot, verdict),
            page=page,
            query=query.urlencode(),
            export_query=query.urlencode(),
            rows=candidate_rows(page.object_list),
            refresh_year=year,
            refresh_award=award,
        )
    return render_page(request, "rules/candidates.html", context, fragment="results")


@login_required
@require_http_methods(["POST"])
def unit_candidates_refresh(request, pk):
    """Judge the unit's candidates for one award again now ("Tính lại"), then back to the page."""
    unit = permissions.access_unit(request.user, pk)
    form = CandidateFilterForm(request.POST)
    year, award = services.default_review_year(), default_award(unit)
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        award = form.cleaned_data["award"] or award
    if award != ALL_AWARDS:
        services.refresh_candidates(unit=unit, year=year, award_code=award)
        messages.success(request, _("Đã tính lại kết quả xét."))
    query = {"year": year, "award": award}
    if form.is_valid() and form.cleaned_data["verdict"]:
        query["verdict"] = form.cleaned_data["verdict"]
    from urllib.parse import urlencode

    return redirect(f"{reverse('rules:unit_candidates', args=[unit.pk])}?{urlencode(query)}")


@login_required
@require_http_methods(["POST"])
def unit_candidates_start(request, pk):
    """Start the whole list (every title and form) as a background job; to its progress page."""

    unit = permissions.access_unit(request.user, pk)
    form = CandidateFilterForm(request.POST)
    year = services.default_review_year()
    verdict = None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        verdict = form.cleaned_data["verdict"] or None
    token = candidate_tasks.start(unit=unit, year=year, verdict=verdict, user=request.user)
    return redirect("rules:unit_candidates_job", pk=unit.pk, token=token)


def _job(request, pk, token):

    unit = permissions.access_unit(request.user, pk)
    state = candidate_tasks.read_state(token)
    if state is None or state["user_id"] != request.user.pk or state["unit_id"] != unit.pk:
        raise Http404(_("Không tìm thấy."))
    return unit, state


@login_required
@require_GET
def unit_candidates_job(request, pk, token):
    unit, state = _job(request, pk, token)
    percent = round(100 * state["done"] / state["total"]) if state["total"] else 0
    context = {"unit": unit, "state": state, "token": token, "percent": percent}
    return render_page(request, "rules/candidates_job.html", context, fragment="progress")


@login_required
@require_GET
def unit_candidates_job_download(request, pk, token):
    from django.http import FileResponse

    unit, state = _job(request, pk, token)
    if state["status"] != "done":
        raise Http404(_("Danh sách chưa lập xong."))
    name = f"xet-khen-thuong-{unit.code}-{state['year']}-tat-ca.xlsx".replace('"', "")
    return FileResponse(candidate_tasks.result_file(token), as_attachment=True, filename=name)


@login_required
@require_GET
def unit_candidates_export(request, pk):

    unit = permissions.access_unit(request.user, pk)
    _form, year, award, verdict = _candidate_filters(request, unit)
    if award == ALL_AWARDS:  # the whole list is the background job's file
        return redirect(f"{reverse('rules:unit_candidates', args=[unit.pk])}?award={ALL_AWARDS}&year={year}")
    snapshot = _stored_candidates(unit, year, award)
    group = services.CandidateGroup(
        snapshot.award, AWARD_NAMES[award], snapshot.engine_year, snapshot.rule_set
    )
    group.candidates = selectors.as_candidates(snapshot, selectors.candidate_rows(snapshot, verdict))
    title = _("Danh sách xét khen thưởng năm %(year)s") % {"year": year}
    filters = [
        _("Đơn vị: %(unit)s") % {"unit": unit.name},
        _("Năm đánh giá: %(year)s") % {"year": year},
        _("Danh hiệu, hình thức: %(award)s") % {"award": AWARD_NAMES[award]},
    ]
    if verdict:
        filters.append(_("Kết quả: %(verdict)s") % {"verdict": VERDICT_LABELS.get(verdict, verdict)})
    heading = export_heading(title.upper(), filters, user=request.user)
    content = write_table(candidate_tasks.headers(), candidate_tasks.rows_of([group]), title, heading=heading)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"xet-khen-thuong-{unit.code}-{year}.xlsx".replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- parameters ---------------------------------------------------------------------------------------------------


PARAMETERS_TABLE = TableSpec(
    title=gettext_lazy("THAM SỐ CỦA CÁC BỘ QUY TẮC XÉT KHEN THƯỞNG"),
    filename="tham-so-quy-tac",
    rows=lambda c: [row for parameter_set in c["sets"] for row in parameter_set.rows],
    form=None,
    filters=lambda c: [_("Bộ quy tắc: %(id)s") % {"id": c["chosen"]}] if c["chosen"] else [],
    columns=[
        Column(gettext_lazy("Bộ quy tắc"), "rule_set.id"),
        Column(gettext_lazy("Tham số"), "key"),
        Column(gettext_lazy("Mô tả"), "parameter.description_vi"),
        Column(gettext_lazy("Giá trị"), lambda row: "" if row.unset else row.value_text),
        Column(gettext_lazy("Mặc định"), "default_text"),
        Column(gettext_lazy("Độ tin cậy"), "confidence_label"),
        Column(gettext_lazy("Căn cứ"), "parameter.basis"),
        Column(gettext_lazy("Ghi chú khi sửa"), "override.note"),
        Column(gettext_lazy("Ngày sửa"), "override.updated_at"),
    ],
)


@exportable(PARAMETERS_TABLE)
@login_required
@require_http_methods(["GET", "POST"])
def parameters(request):
    if not permissions.is_admin(request.user):
        raise Http404(_("Không tìm thấy trang."))
    errors: dict[str, list[str]] = {}
    failed_form = None
    if request.method == "POST":
        form = ParameterForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["action"] == "reset":
                    services.reset_parameter(rule_set=data["rule_set"], key=data["key"], actor=request.user)
                    messages.success(
                        request, _("Đã trả tham số %(key)s về giá trị mặc định.") % {"key": data["key"]}
                    )
                else:
                    value = services.parse_parameter_value(data["value"])
                    services.set_parameter(
                        rule_set=data["rule_set"],
                        key=data["key"],
                        value=value,
                        note=data["note"],
                        actor=request.user,
                    )
                    messages.success(request, _("Đã lưu tham số %(key)s.") % {"key": data["key"]})
                return redirect(
                    f"{request.path}?rule_set={data['rule_set']}#{_anchor(data['rule_set'], data['key'])}"
                )
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"value": error.messages}
                failed_form = form
            except PermissionDenied:
                raise Http404(_("Không tìm thấy trang.")) from None
        else:
            errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
            failed_form = form
    chosen = request.GET.get("rule_set") or (failed_form.data.get("rule_set") if failed_form else None)
    if chosen not in RULE_SETS:
        chosen = None
    context = {
        "sets": selectors.parameter_sets(chosen),
        "rule_sets": list(RULE_SETS.values()),
        "chosen": chosen,
        "errors": errors,
        "failed": failed_form.data if failed_form else {},
    }
    return render_page(request, "rules/parameters.html", context, status=400 if errors else 200)


def _anchor(rule_set: str, key: str) -> str:
    return f"p-{rule_set}-{key}".replace(".", "-")


# --- a unit's result in its emulation cluster, entered by hand --------------------------------------------------


class ClusterResultForm(forms.Form):
    """The unit's result in its cụm, khối thi đua for a year (Cờ thi đua needs it to lead)."""

    year = _year_field(gettext_lazy("Năm"), required=True)
    cluster = forms.CharField(label=gettext_lazy("Cụm, khối thi đua"), max_length=200)
    rank = forms.IntegerField(label=gettext_lazy("Thứ hạng"), min_value=1, required=False)
    members = forms.IntegerField(label=gettext_lazy("Số thành viên"), min_value=1, required=False)
    leading = forms.BooleanField(label=gettext_lazy("Dẫn đầu cụm, khối"), required=False)

    def clean(self):
        data = super().clean()
        rank, members = data.get("rank"), data.get("members")
        if rank and members and rank > members:
            raise ValidationError(_("Thứ hạng không được lớn hơn số thành viên của cụm, khối."))
        return data


@login_required
@require_http_methods(["POST"])
def unit_cluster_result(request, pk):
    """Record (or correct) the unit's cluster result; officers of the unit's area and administrators."""

    unit = permissions.access_unit(request.user, pk)
    if not permissions.can_edit_unit(request.user, unit):
        raise PermissionDenied
    form = ClusterResultForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_cluster_result(
                unit=unit,
                year=data["year"],
                cluster=data["cluster"],
                leading=data["leading"],
                rank=data["rank"],
                members=data["members"],
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(
                request, _("Đã ghi kết quả cụm, khối thi đua năm %(year)s.") % {"year": data["year"]}
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("rules:unit_awards", pk=unit.pk)
