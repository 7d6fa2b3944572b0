"""Reads of the catalogue's money: the base salary and the cash multiple in force on a day, the amount.

The award history as a timeline is in `history.py`."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

from tdkt.awards.models import AwardKind, BaseSalary, CashMultiple


def base_salary_on(day: date) -> int | None:
    row = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return row.amount if row else None


def cash_multiple(kind: AwardKind, subject_kind: str, day: date):
    """The multiple of the base salary in force on `day` for this title or form and subject kind."""
    return (
        CashMultiple.objects.filter(
            award_kind=kind, subject_kind__in=[subject_kind, "both"], valid_from__lte=day
        )
        .order_by("-valid_from")
        .values_list("multiple", flat=True)
        .first()
    )


CASH_ROUNDING = 10_000  # đồng


def round_up_cash(amount) -> int:
    """An amount rounded UP to the next multiple of 10.000 đ (NĐ 152/2025 Art. 49(2); NĐ 91/2017 Art. 68(2)
    before it): 702.000 → 710.000; an exact multiple stays as it is."""
    steps = (Decimal(str(amount)) / CASH_ROUNDING).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * CASH_ROUNDING


def cash_amount(kind: AwardKind, subject_kind: str, day: date, multiple=None) -> int | None:
    """Tiền thưởng: multiple × the base salary in force on `day`, rounded up to the next 10.000 đ; None when
    the multiple or the base salary is not known (the documents then say so in words)."""
    if multiple is None:
        multiple = cash_multiple(kind, subject_kind, day)
    salary = base_salary_on(day)
    if multiple is None or salary is None:
        return None
    return round_up_cash(Decimal(str(multiple)) * salary)
