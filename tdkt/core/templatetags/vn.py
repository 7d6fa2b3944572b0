"""Template filters for Vietnamese formats: {{ n|vn_number }}, {{ p|vn_percent }}, {{ d|vn_date }}."""

from django import template

from tdkt.core import text

register = template.Library()


@register.filter
def vn_number(value):
    if value in (None, ""):
        return ""
    return text.format_number(value)


@register.filter
def vn_percent(value, digits=2):
    if value in (None, ""):
        return ""
    return text.format_percent(value, int(digits))


@register.filter
def vn_date(value):
    if not value:
        return ""
    return text.format_date(value)


@register.filter
def vn_money(value):
    if value in (None, ""):
        return ""
    return text.format_money(value)
