"""Working days: weekends and the seeded holidays are skipped; the start day counts when it is a working day."""

from datetime import date

import pytest

from tdkt.proposals import calendar
from tdkt.proposals.models import Holiday

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "days", "end", "why"),
    [
        (date(2025, 3, 3), 5, date(2025, 3, 7), "Monday to Friday, no holiday"),
        (date(2025, 3, 6), 5, date(2025, 3, 12), "a weekend inside"),
        (date(2025, 3, 8), 1, date(2025, 3, 10), "a Saturday start counts from Monday"),
        (date(2025, 1, 22), 5, date(2025, 2, 4), "Tết Ất Tỵ: 27/1–31/1/2025 off"),
        (date(2026, 2, 12), 3, date(2026, 2, 23), "Tết Bính Ngọ: 16/2–20/2/2026 off"),
        (date(2025, 4, 28), 3, date(2025, 5, 5), "30/4, 1/5 and the swapped 2/5/2025"),
        (date(2025, 4, 4), 2, date(2025, 4, 8), "Giỗ Tổ Hùng Vương 7/4/2025"),
        (date(2025, 8, 29), 5, date(2025, 9, 8), "Friday before Quốc khánh 1–2/9/2025"),
        (date(2024, 8, 30), 5, date(2024, 9, 9), "Friday before Quốc khánh 2–3/9/2024"),
        (date(2024, 12, 31), 2, date(2025, 1, 2), "across Tết Dương lịch"),
    ],
)
def test_add_working_days(start, days, end, why):
    assert calendar.add_working_days(start, days) == end, why


def test_the_seeded_holidays_of_each_year():
    days = set(Holiday.objects.values_list("date", flat=True))
    for year in (2024, 2025, 2026, 2027):
        assert date(year, 1, 1) in days
        assert date(year, 4, 30) in days and date(year, 5, 1) in days
        assert date(year, 9, 2) in days
        assert date(year, 9, 1) in days or date(year, 9, 3) in days  # the adjacent day
    assert {date(2024, 4, 18), date(2025, 4, 7), date(2026, 4, 26), date(2027, 4, 16)} <= days  # 10/3 âm lịch
    assert {date(2024, 2, 10), date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6)} <= days  # mùng 1 Tết


def test_an_admin_added_holiday_is_skipped():
    assert calendar.add_working_days(date(2025, 6, 2), 1) == date(2025, 6, 2)
    Holiday.objects.create(date=date(2025, 6, 2), name="Nghỉ đột xuất")
    assert calendar.add_working_days(date(2025, 6, 2), 1) == date(2025, 6, 3)


def test_working_days_between_counts_both_ends():
    assert calendar.working_days_between(date(2025, 8, 29), date(2025, 9, 8)) == 5
    assert calendar.working_days_between(date(2025, 9, 8), date(2025, 9, 8)) == 1
    assert calendar.working_days_between(date(2025, 9, 9), date(2025, 9, 8)) == 0
    assert not calendar.is_working_day(date(2025, 9, 2))


def test_zero_days_is_refused():
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2025, 1, 2), 0)
