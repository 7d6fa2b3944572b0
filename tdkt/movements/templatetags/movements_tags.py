"""{{ value|vn_amount }}: a measured value in Vietnamese writing with only the decimals it needs."""

from decimal import Decimal

from django import template

from tdkt.core.text import format_decimal

register = template.Library()


@register.filter
def vn_amount(value):
    """108800.000 → "108.800"; 6452.700 → "6.452,7"; None → ""."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value)).normalize()
    places = max(0, -number.as_tuple().exponent)
    return format_decimal(number, min(places, 3))
