"""Pages of decisions: the register, drafting (from a proposal or by hand), the detail with its annex and
cash, issuing (leaders, with a confirmation), revocation (Art. 93), and the totals of cash with an export.

Every view fetches through `tdkt.decisions.permissions` (outsiders get 404), validates with a form, writes
through `tdkt.decisions.services`, and renders one template (or, for htmx, one named fragment of it).
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.actions import service_call
from tdkt.core.htmx import render_page
from tdkt.core.tables import Column, TableSpec, exportable
from tdkt.core.text import format_date
from tdkt.core.xlsx import describe_filters, export_heading, write_table
from tdkt.decisions import permissions, selectors, services
from tdkt.decisions.filters import DecisionFilter
from tdkt.decisions.forms import (
    DecisionEditForm,
    DecisionForm,
    IssueForm,
    LineForm,
    RevokeForm,
    TotalsFilterForm,
)
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.org import permissions as org_permissions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _not_found():
    return Http404(_("Không tìm thấy quyết định."))


# --- the register -------------------------------------------------------------------------------------------------


PAGE_SIZE = 50

REGISTER_TABLE = TableSpec(
    title=gettext_lazy("SỔ QUYẾT ĐỊNH KHEN THƯỞNG"),
    filename="so-quyet-dinh",
    rows="decisions",
    columns=[
        Column(gettext_lazy("Số"), lambda d: d.number_label if d.number else _("(dự thảo)")),
        Column(gettext_lazy("Ngày ký"), "signed_on"),
        Column(gettext_lazy("Trích yếu"), "summary"),
        Column(gettext_lazy("Cơ quan ban hành"), "issuer.name"),
        Column(gettext_lazy("Số đối tượng"), "line_count"),
        Column(gettext_lazy("Tiền thưởng (đồng)"), "cash_total"),
        Column(gettext_lazy("Trạng thái"), "get_status_display"),
    ],
)


@exportable(REGISTER_TABLE)
@login_required
@require_GET
def decision_list(request):
    visible = permissions.visible_decisions(request.user)
    found = DecisionFilter(request.GET or None, queryset=visible)
    form = found.form
    register = selectors.register(found.qs if found.is_bound else visible)
    page = Paginator(register, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "decisions": page,
        "page": page,
        "can_create": permissions.can_create(request.user),
    }
    return render_page(request, "decisions/decision_list.html", context, fragment="results")


# --- drafting -----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    if not permissions.can_create(request.user):
        raise _not_found()
    issuers = permissions.issuers_for(request.user)
    proposals = permissions.proposals_for(request.user).select_related("award_kind", "proposing_unit")
    # The căn cứ of the decree in force today (152/2025 from 1/7/2025); the officer adds the agency's rules.
    initial = {"legal_bases": "\n".join(selectors.default_legal_bases(date.today()))}
    chosen = proposals.filter(pk=request.GET.get("proposal")).first() if request.GET.get("proposal") else None
    if chosen is not None:
        initial |= {
            "proposal": chosen.pk,
            "summary": _("Về việc tặng %(award)s năm %(year)s")
            % {"award": chosen.award_kind.name, "year": chosen.year},
        }
        issuer = issuers.filter(unit=chosen.receiving_unit).first()
        if issuer is not None:
            initial.update(issuer=issuer.pk, signer_title=issuer.head_title)
    form = DecisionForm(request.POST or None, initial=initial, issuers=issuers, proposals=proposals)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not permissions.can_prepare_for(request.user, issuer=data["issuer"], proposal=data["proposal"]):
            form.add_error("issuer", _("Bạn không có quyền lập quyết định của cơ quan này."))
        else:
            with service_call(request, form=form):
                decision = services.create_decision(
                    issuer=data["issuer"],
                    summary=data["summary"],
                    signer_name=data["signer_name"],
                    signer_title=data["signer_title"],
                    authority=data["authority"],
                    legal_bases=data["legal_bases"],
                    recipients=data["recipients"],
                    proposal=data["proposal"],
                    actor=request.user,
                )
                messages.success(request, _("Đã lập dự thảo quyết định."))
                return redirect("decisions:detail", pk=decision.pk)
    status = 400 if request.method == "POST" else 200
    return render_page(request, "decisions/decision_form.html", {"form": form}, status=status)


def _detail_context(request, decision: Decision, **extra) -> dict:
    user = request.user
    lines = list(
        decision.lines.select_related("award_kind", "person", "unit", "award").order_by("order", "id")
    )
    can_prepare = permissions.can_prepare(user, decision)
    memo: dict = {}
    for line in lines:  # every line shows its multiple and amount, or says in words why there is none
        line.multiple_text, line.amount_text = selectors.cash_text(decision, line, memo)
    context = {
        "decision": decision,
        "lines": lines,
        "total": sum(line.cash_amount or 0 for line in lines),
        "has_cash": any(line.cash_amount is not None for line in lines),
        "doc": selectors.decision_document_data(decision),
        "can_prepare": can_prepare,
        "can_issue": permissions.can_issue(user, decision),
        "can_revoke": permissions.can_revoke(user, decision),
        "events": decision.events.select_related("actor"),
        "line_form": None,
    }
    if can_prepare:
        context["line_form"] = extra.pop("line_form", None) or LineForm(
            initial={
                "lock_version": decision.lock_version,
                "award_kind": decision.proposal.award_kind_id if decision.proposal_id else None,
                "achievement_year": decision.proposal.year if decision.proposal_id else None,
            },
            people=org_permissions.visible_people(user),
            units=org_permissions.visible_units(user),
        )
    context.update(extra)
    return context


LINES_TABLE = TableSpec(
    title=lambda c: (
        _("DANH SÁCH KÈM THEO QUYẾT ĐỊNH %(number)s")
        % {"number": c["decision"].number_label if c["decision"].number else _("(dự thảo)")}
    ),
    filename="danh-sach-kem-theo",
    rows="lines",
    form=None,
    columns=[
        Column(gettext_lazy("Họ và tên / tên tập thể"), "subject_name"),
        Column(gettext_lazy("Chức vụ, đơn vị"), "subject_detail"),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award_kind.name"),
        Column(gettext_lazy("Năm thành tích"), "achievement_year", "0"),
        Column(gettext_lazy("Hệ số"), "multiple_text"),
        Column(
            gettext_lazy("Tiền thưởng (đồng)"),
            lambda line: line.cash_amount if line.cash_amount is not None else line.amount_text,
        ),
    ],
)


@exportable(LINES_TABLE)
@login_required
@require_GET
def decision_detail(request, pk):
    decision = permissions.access_decision(request.user, pk)
    return render_page(
        request, "decisions/decision_detail.html", _detail_context(request, decision), fragment="lines"
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk):
    decision = permissions.access_decision(request.user, pk)
    if not permissions.can_prepare(request.user, decision):
        raise _not_found()
    initial = {
        f: getattr(decision, f)
        for f in ("summary", "legal_bases", "signer_name", "signer_title", "authority", "recipients")
    }
    initial["lock_version"] = decision.lock_version
    form = DecisionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("lock_version")
        with service_call(request, form=form):
            services.update_decision(decision=decision, expected_version=version, actor=request.user, **data)
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect("decisions:detail", pk=decision.pk)
    status = 400 if request.method == "POST" else 200
    return render_page(
        request, "decisions/decision_edit.html", {"decision": decision, "form": form}, status=status
    )


@login_required
@require_POST
def line_add(request, pk):
    decision = permissions.access_decision(request.user, pk)
    if not permissions.can_prepare(request.user, decision):
        raise _not_found()
    form = LineForm(
        request.POST,
        people=org_permissions.visible_people(request.user),
        units=org_permissions.visible_units(request.user),
    )
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, form=form):
            services.add_line(
                decision=decision,
                award_kind=data["award_kind"],
                achievement_year=data["achievement_year"],
                person=data["person"],
                unit=data["unit"],
                actor=request.user,
                expected_version=data["lock_version"],
            )
            decision.refresh_from_db()
            if not request.htmx:
                messages.success(request, _("Đã thêm vào danh sách."))
                return redirect("decisions:detail", pk=decision.pk)
            return render_page(
                request,
                "decisions/decision_detail.html",
                _detail_context(request, decision),
                fragment="lines",
            )
    decision.refresh_from_db()
    context = _detail_context(request, decision, line_form=form)
    return render_page(request, "decisions/decision_detail.html", context, fragment="lines", status=400)


@login_required
@require_POST
def line_remove(request, pk, line_pk):
    decision = permissions.access_decision(request.user, pk)
    if not permissions.can_prepare(request.user, decision):
        raise _not_found()
    line = DecisionLine.objects.filter(pk=line_pk, decision=decision).first()
    if line is None:
        raise Http404(_("Không tìm thấy dòng này."))
    try:
        version = int(request.POST.get("lock_version", ""))
    except ValueError:
        version = None
    with service_call(request):
        services.remove_line(line=line, actor=request.user, expected_version=version)
        messages.success(request, _("Đã bỏ %(name)s khỏi danh sách.") % {"name": line.subject_name})
    decision.refresh_from_db()
    if request.htmx:
        return render_page(
            request, "decisions/decision_detail.html", _detail_context(request, decision), fragment="lines"
        )
    return redirect("decisions:detail", pk=decision.pk)


# --- issuing and revocation ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision_issue(request, pk):
    decision = permissions.access_decision(request.user, pk)
    if not permissions.can_issue(request.user, decision):
        raise _not_found()
    form = IssueForm(request.POST or None, initial={"lock_version": decision.lock_version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form=form):
            decision = services.issue_decision(
                decision=decision,
                signed_on=data["signed_on"],
                actor=request.user,
                expected_version=data["lock_version"],
            )
            messages.success(
                request,
                _("Đã ban hành Quyết định số %(label)s ngày %(day)s.")
                % {"label": decision.number_label, "day": format_date(decision.signed_on)},
            )
            return redirect("decisions:detail", pk=decision.pk)
    context = _detail_context(request, decision, form=form)
    status = 400 if request.method == "POST" else 200
    return render_page(request, "decisions/decision_issue.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def decision_revoke(request, pk):
    decision = permissions.access_decision(request.user, pk)
    if not permissions.can_revoke(request.user, decision):
        raise _not_found()
    form = RevokeForm(request.POST or None, initial={"lock_version": decision.lock_version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form=form):
            services.revoke_decision(
                decision=decision,
                reason=data["reason"],
                revoking_decision_number=data["revoking_decision_number"],
                on=data["on"],
                actor=request.user,
                expected_version=data["lock_version"],
            )
            messages.success(
                request, _("Đã hủy bỏ quyết định; các khen thưởng của quyết định không còn được tính.")
            )
            return redirect("decisions:detail", pk=decision.pk)
    status = 400 if request.method == "POST" else 200
    return render_page(
        request, "decisions/decision_revoke.html", {"decision": decision, "form": form}, status=status
    )


# --- totals -------------------------------------------------------------------------------------------------------


def _totals(request):
    form = TotalsFilterForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    visible = permissions.visible_decisions(request.user)
    if year:
        visible = visible.filter(year=year)
    return form, year, selectors.totals_by_unit_year(visible), selectors.totals_by_decision(visible)


BY_DECISION_TABLE = TableSpec(
    name="by_decision",
    title=gettext_lazy("TIỀN THƯỞNG THEO QUYẾT ĐỊNH"),
    filename="tien-thuong-theo-quyet-dinh",
    rows="by_decision",
    columns=[
        Column(gettext_lazy("Số"), "decision.number_label"),
        Column(gettext_lazy("Ngày ký"), "decision.signed_on"),
        Column(gettext_lazy("Trích yếu"), "decision.summary"),
        Column(gettext_lazy("Cá nhân"), "people"),
        Column(gettext_lazy("Tập thể"), "units"),
        Column(gettext_lazy("Tiền thưởng (đồng)"), "amount"),
    ],
)


@exportable(BY_DECISION_TABLE)
@login_required
@require_GET
def totals(request):
    form, year, by_unit, by_decision = _totals(request)
    context = {
        "form": form,
        "year": year,
        "by_unit": by_unit,
        "by_decision": by_decision,
        "grand_total": sum(t.amount for t in by_unit),
        "query": request.GET.urlencode(),
    }
    return render_page(request, "decisions/totals.html", context, fragment="results")


@login_required
@require_GET
def totals_export(request):
    form, year, by_unit, by_decision = _totals(request)
    headers = [
        _("STT"),
        _("Đơn vị đề nghị"),
        _("Năm"),
        _("Số quyết định"),
        _("Cá nhân"),
        _("Tập thể"),
        _("Tiền thưởng (đồng)"),
    ]
    rows = [
        [i, t.unit_name, t.year, t.decisions, t.people, t.units, t.amount]
        for i, t in enumerate(by_unit, start=1)
    ]
    rows.append(
        [
            "",
            _("Tổng cộng"),
            "",
            "",
            sum(t.people for t in by_unit),
            sum(t.units for t in by_unit),
            sum(t.amount for t in by_unit),
        ]
    )
    title = _("Tiền thưởng theo đơn vị") + (f" {year}" if year else "")
    heading = export_heading(
        _("TIỀN THƯỞNG THEO ĐƠN VỊ"), describe_filters(form) if year else [], user=request.user
    )
    response = HttpResponse(write_table(headers, rows, title, heading=heading), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="tien-thuong{"-" + str(year) if year else ""}.xlsx"'
    )
    return response
