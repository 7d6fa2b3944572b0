"""Labels and badges of verdicts and criteria: {% load eligibility %} {{ v.verdict|verdict_label }}."""

from django import template
from django.utils.translation import gettext_lazy as _

from tdkt.rules.rulesets import AWARD_NAMES
from tdkt.rules.selectors import VERDICT_LABELS  # noqa: F401  (re-exported for templates' callers)
from tdkt.rules.selectors import verdict_label as _verdict_label

register = template.Library()

VERDICT_BADGES = {
    "eligible": "text-bg-success",
    "needs_review": "text-bg-warning",
    "not_eligible": "text-bg-secondary",
}
STATUS_LABELS = {
    "met": _("Đạt"),
    "unmet": _("Chưa đạt"),
    "unknown": _("Chưa xác định"),
    "declared": _("Hội đồng đánh giá"),
    "pending": _("Chờ bỏ phiếu"),
}
STATUS_BADGES = {
    "met": "text-bg-success",
    "unmet": "text-bg-danger",
    "unknown": "text-bg-warning",
    "declared": "text-bg-light border",
    "pending": "text-bg-info",
}
STATUS_ICONS = {
    "met": "bi-check-circle",
    "unmet": "bi-x-circle",
    "unknown": "bi-question-circle",
    "declared": "bi-people",
    "pending": "bi-hourglass-split",
}


@register.filter
def verdict_label(value):
    return _verdict_label(value)


@register.filter
def verdict_badge(value):
    return VERDICT_BADGES.get(value, "text-bg-light")


@register.filter
def status_label(value):
    return STATUS_LABELS.get(value, value)


@register.filter
def status_badge(value):
    return STATUS_BADGES.get(value, "text-bg-light")


@register.filter
def status_icon(value):
    return STATUS_ICONS.get(value, "bi-dot")


@register.filter
def award_name(code):
    return AWARD_NAMES.get(code, code)


@register.filter
def plain_evidence(items):
    """Evidence items as sentences (technical-only items left out: see `tdkt.rules.plain`)."""
    from tdkt.rules import plain

    return plain.evidence_list(items)


@register.filter
def plain_basis(text):
    from tdkt.rules import plain

    return plain.basis(text)


@register.filter
def plain_text(text):
    from tdkt.rules import plain

    return plain.criterion_text(text)


@register.filter
def rule_set_name(rule_set_id):
    from tdkt.rules import plain

    return plain.rule_set_name(rule_set_id)
