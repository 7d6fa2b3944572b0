"""The public survey form at /khao-sat/<token>/: no log-in, reached only through an invitation's link.

- The token is looked up by its hash; an unknown token answers 404, and an address that tries too many
  unknown tokens is refused (429) for a while.
- Every POST carries Django's CSRF token and the version of the response the page showed, so a replayed
  or duplicated request is refused; saving is also rate-limited per address.
- The enterprise picks the one or two branches it dealt with, answers each, may save and come back with
  the same link, and submits each branch once. A spent link shows a thank-you page.
- Responses carry `Cache-Control: no-store` and `Referrer-Policy: same-origin` so the link does not leak to other sites.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdkt.core.errors import ConcurrentEditError
from tdkt.surveys import ratelimit, selectors, services
from tdkt.surveys.models import Survey, SurveyResponse
from tdkt.surveys.questionnaire import SCALE_LABELS


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = (
        "same-origin"  # "no-referrer" would make browsers send Origin: null, failing CSRF
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = TemplateResponse(request, template, context, status=status)
    return _private(response)


def _invitation(request, token: str):
    """(invitation, error response): the invitation of the token, or the page to show instead."""
    if ratelimit.exceeded(request, "survey-view", ratelimit.post_limit() * 5):
        return None, _page(request, "surveys/public/message.html", _too_many(), status=429)
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        if ratelimit.exceeded(request, "survey-miss", ratelimit.miss_limit()):
            return None, _page(request, "surveys/public/message.html", _too_many(), status=429)
        return None, _page(
            request,
            "surveys/public/message.html",
            {
                "heading": _("Đường dẫn không hợp lệ"),
                "text": _(
                    "Đường dẫn khảo sát không đúng hoặc đã được thay bằng đường dẫn mới. Hãy dùng đường dẫn "
                    "trong thư mời gần nhất của cơ quan hải quan."
                ),
            },
            status=404,
        )
    survey = invitation.survey
    if invitation.completed_at is not None:
        return None, _page(
            request,
            "surveys/public/message.html",
            {
                "heading": _("Cảm ơn Quý doanh nghiệp"),
                "text": _("Phiếu khảo sát đã được gửi đầy đủ. Đường dẫn này không dùng được nữa."),
                "success": True,
            },
        )
    if survey.status != Survey.Status.OPEN:
        return None, _page(
            request,
            "surveys/public/message.html",
            {"heading": survey.title, "text": _("Cuộc khảo sát hiện không nhận phiếu trả lời.")},
            status=410 if survey.status == Survey.Status.CLOSED else 404,
        )
    return invitation, None


def _too_many() -> dict:
    return {
        "heading": _("Quá nhiều yêu cầu"),
        "text": _("Hệ thống nhận quá nhiều yêu cầu từ địa chỉ này. Hãy thử lại sau ít phút."),
    }


@require_http_methods(["GET", "POST"])
def survey_form(request, token: str):
    """The start page: pick the branches, then see each one's state."""
    invitation, refusal = _invitation(request, token)
    if refusal:
        return refusal
    survey = invitation.survey
    services.mark_opened(invitation=invitation)
    if request.method == "POST":
        if ratelimit.exceeded(request, "survey-post", ratelimit.post_limit()):
            return _page(request, "surveys/public/message.html", _too_many(), status=429)
        ids = [int(v) for v in request.POST.getlist("branch") if v.isdigit()]
        try:
            created = services.choose_branches(invitation=invitation, branch_ids=ids)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if len(created) >= 1:
                return redirect("survey_public:branch", token=token, pk=created[0].pk)
        return redirect("survey_public:form", token=token)
    responses = list(invitation.responses.select_related("unit").order_by("id"))
    chosen = {r.branch_id for r in responses}
    can_add = len(responses) < survey.max_branches
    branches = [b for b in survey.branches.select_related("unit") if b.pk not in chosen] if can_add else []
    context = {
        "survey": survey,
        "invitation": invitation,
        "token": token,
        "responses": responses,
        "branches": branches,
        "remaining": survey.max_branches - len(responses),
    }
    return _page(request, "surveys/public/start.html", context)


def _questions(survey: Survey, response: SurveyResponse, posted=None, errors=None):
    """The questionnaire grouped by component, with the saved (or just posted) value of each question."""
    saved = {a.question_id: a for a in response.answers.all()}
    groups: list[dict] = []
    by_component: dict = {}
    for question in survey.questions.select_related("component").prefetch_related("choices"):
        key = question.component_id
        if key not in by_component:
            by_component[key] = {"component": question.component, "questions": []}
            groups.append(by_component[key])
        answer = saved.get(question.pk)
        if posted is not None:
            value = posted.get(f"q{question.pk}", "")
        elif answer is None:
            value = ""
        elif question.kind == "scale":
            value = str(answer.scale_value or "")
        elif question.kind == "choice":
            value = str(answer.choice_id or "")
        else:
            value = answer.text
        by_component[key]["questions"].append(
            {
                "q": question,
                "name": f"q{question.pk}",
                "value": value,
                "errors": (errors or {}).get(f"q{question.pk}", []),
                "scale": [(str(i), SCALE_LABELS.get(i, str(i))) for i in range(1, question.scale_max + 1)]
                if question.kind == "scale"
                else [],
            }
        )
    # Scored components first in their order, the free-text questions last.
    groups.sort(key=lambda g: (g["component"] is None, g["component"].order if g["component"] else 0))
    return groups


@require_http_methods(["GET", "POST"])
def branch_form(request, token: str, pk: int):
    invitation, refusal = _invitation(request, token)
    if refusal:
        return refusal
    response = invitation.responses.select_related("unit", "survey").filter(pk=pk).first()
    if response is None:
        return redirect("survey_public:form", token=token)
    survey = invitation.survey
    if response.status == SurveyResponse.Status.SUBMITTED:
        messages.info(request, _("Phiếu đánh giá chi cục này đã được gửi."))
        return redirect("survey_public:form", token=token)
    posted, errors = None, None
    if request.method == "POST":
        if ratelimit.exceeded(request, "survey-post", ratelimit.post_limit()):
            return _page(request, "surveys/public/message.html", _too_many(), status=429)
        submit = request.POST.get("action") == "submit"
        values = {}
        for question in survey.questions.all():
            values[question.pk] = request.POST.get(f"q{question.pk}", "")
        version = request.POST.get("lock_version", "")
        try:
            services.save_answers(
                response=response,
                values=values,
                expected_version=int(version) if version.isdigit() else -1,
                submit=submit,
            )
        except ConcurrentEditError:
            messages.error(
                request,
                _(
                    "Phiếu này đã được lưu từ một trang khác (hoặc trang đã gửi hai lần). Câu trả lời đã lưu "
                    "được hiển thị dưới đây; hãy kiểm tra rồi lưu lại."
                ),
            )
            return redirect("survey_public:branch", token=token, pk=response.pk)
        except ValidationError as exc:
            posted = request.POST
            errors = exc.message_dict if hasattr(exc, "error_dict") else {}
            if not hasattr(exc, "error_dict"):
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.error(
                    request, _("Còn câu hỏi chưa trả lời hoặc chưa hợp lệ; xem các ô được đánh dấu.")
                )
        else:
            if submit:
                messages.success(
                    request,
                    _("Đã gửi phiếu đánh giá %(branch)s. Xin cảm ơn!") % {"branch": response.unit.name},
                )
                return redirect("survey_public:form", token=token)
            messages.success(
                request,
                _("Đã lưu câu trả lời. Quý doanh nghiệp có thể mở lại đường dẫn này để trả lời tiếp."),
            )
            return redirect("survey_public:branch", token=token, pk=response.pk)
    response.refresh_from_db(fields=["lock_version"])
    context = {
        "survey": survey,
        "invitation": invitation,
        "token": token,
        "response": response,
        "groups": _questions(survey, response, posted, errors),
    }
    return _page(request, "surveys/public/branch.html", context, status=400 if errors else 200)
