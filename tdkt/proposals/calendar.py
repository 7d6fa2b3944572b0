"""Working days (ngày làm việc): Monday to Friday, less the `Holiday` rows (lễ, Tết, nghỉ bù).

A period of N working days starting on a date counts that date as day 1 when it is a working day;
otherwise counting starts on the next working day. `add_working_days` returns the last day of the
period (inclusive), so a disclosure from Friday 29/8/2025 for 5 working days (1–2/9/2025 are the
Quốc khánh holidays) ends on Monday 8/9/2025.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from tdkt.proposals.models import Holiday

# A period longer than this many calendar days is refused (a guard against runaway loops).
_MAX_SPAN_DAYS = 3660


def holidays_between(start: date, end: date) -> set[date]:

    return set(Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def is_working_day(day: date, holidays: Iterable[date] | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    if holidays is None:
        holidays = holidays_between(day, day)
    return day not in holidays


def add_working_days(start: date, days: int) -> date:
    """The last day of a period of `days` working days beginning on `start` (see the module note)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    # Enough calendar days for `days` working days even around Tết (9 days off in a row).
    horizon = start + timedelta(days=days * 2 + 30)
    holidays = holidays_between(start, horizon)
    day, counted = start, 0
    while True:
        if (day - start).days > _MAX_SPAN_DAYS:
            raise ValueError("period too long")
        if day > horizon:
            horizon = day + timedelta(days=days * 2 + 30)
            holidays |= holidays_between(day, horizon)
        if is_working_day(day, holidays):
            counted += 1
            if counted == days:
                return day
        day += timedelta(days=1)


def working_days_between(start: date, end: date) -> int:
    """Working days in [start, end], both included (0 when end is before start)."""
    if end < start:
        return 0
    holidays = holidays_between(start, end)
    total, day = 0, start
    while day <= end:
        total += is_working_day(day, holidays)
        day += timedelta(days=1)
    return total


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the next one."""
    return add_working_days(day, 1)
