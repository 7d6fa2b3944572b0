"""{% load proposals %}: the badge of a dossier's status, a candidate's result and report lookups."""

from django import template

register = template.Library()

STATUS_BADGES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-primary",
    "received": "text-bg-info",
    "returned": "text-bg-warning",
    "council": "text-bg-dark",
    "approved": "text-bg-success",
    "rejected": "text-bg-danger",
    "decided": "text-bg-success",
}
RESULT_BADGES = {
    "pending": "text-bg-light border",
    "passed": "text-bg-success",
    "failed": "text-bg-danger",
    "withdrawn": "text-bg-secondary",
}


@register.filter
def proposal_badge(status):
    return STATUS_BADGES.get(status, "text-bg-light")


@register.filter
def result_badge(result):
    return RESULT_BADGES.get(result, "text-bg-light")


@register.filter
def report_value(report, key):
    return (report or {}).get(key, "")
