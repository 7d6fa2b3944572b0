"""Vietnamese public holidays 2024–2027 (Bộ luật Lao động 2019 Art. 112), as the official days off for
cadres and civil servants: Tết Dương lịch, Tết Nguyên đán (the announced break, weekends included),
Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 1/5, Quốc khánh 2/9 and the adjacent day, with the compensatory
days (nghỉ bù) when a holiday falls on a weekend and the swapped days (hoán đổi) announced each year.
Administrators edit them in the admin (/django-admin/proposals/holiday/); 2026–2027 follow the law and
the lunar calendar and should be checked against the Prime Minister's / Bộ Nội vụ notice of each year.
"""

from datetime import date, timedelta

from django.db import migrations


def _span(first: date, last: date, name: str):
    day = first
    while day <= last:
        yield day, name
        day += timedelta(days=1)


def holidays():
    tet = "Tết Nguyên đán"
    gio_to = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
    rows = []
    # 2024
    rows += [(date(2024, 1, 1), "Tết Dương lịch")]
    rows += list(_span(date(2024, 2, 8), date(2024, 2, 14), tet))
    rows += [(date(2024, 4, 18), gio_to)]
    rows += [
        (date(2024, 4, 29), "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)"),
        (date(2024, 4, 30), "Ngày Chiến thắng 30/4"),
        (date(2024, 5, 1), "Quốc tế Lao động 1/5"),
    ]
    rows += [(date(2024, 9, 2), "Quốc khánh 2/9"), (date(2024, 9, 3), "Quốc khánh (ngày liền kề)")]
    # 2025
    rows += [(date(2025, 1, 1), "Tết Dương lịch")]
    rows += list(_span(date(2025, 1, 25), date(2025, 2, 2), tet))
    rows += [(date(2025, 4, 7), gio_to)]
    rows += [
        (date(2025, 4, 30), "Ngày Chiến thắng 30/4"),
        (date(2025, 5, 1), "Quốc tế Lao động 1/5"),
        (date(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)"),
    ]
    rows += [(date(2025, 9, 1), "Quốc khánh (ngày liền kề)"), (date(2025, 9, 2), "Quốc khánh 2/9")]
    # 2026
    rows += [(date(2026, 1, 1), "Tết Dương lịch")]
    rows += list(_span(date(2026, 2, 14), date(2026, 2, 22), tet))
    rows += [(date(2026, 4, 26), gio_to), (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)")]
    rows += [(date(2026, 4, 30), "Ngày Chiến thắng 30/4"), (date(2026, 5, 1), "Quốc tế Lao động 1/5")]
    rows += [(date(2026, 9, 1), "Quốc khánh (ngày liền kề)"), (date(2026, 9, 2), "Quốc khánh 2/9")]
    # 2027 (Tết Đinh Mùi: mùng 1 is Saturday 6/2/2027)
    rows += [(date(2027, 1, 1), "Tết Dương lịch")]
    rows += list(_span(date(2027, 2, 5), date(2027, 2, 9), tet))
    rows += [
        (date(2027, 2, 10), "Nghỉ bù Tết Nguyên đán (trùng thứ Bảy)"),
        (date(2027, 2, 11), "Nghỉ bù Tết Nguyên đán (trùng Chủ nhật)"),
    ]
    rows += [(date(2027, 4, 16), gio_to)]
    rows += [
        (date(2027, 4, 30), "Ngày Chiến thắng 30/4"),
        (date(2027, 5, 1), "Quốc tế Lao động 1/5"),
        (date(2027, 5, 3), "Nghỉ bù Quốc tế Lao động (trùng thứ Bảy)"),
    ]
    rows += [(date(2027, 9, 2), "Quốc khánh 2/9"), (date(2027, 9, 3), "Quốc khánh (ngày liền kề)")]
    return rows


def seed(apps, schema_editor):
    Holiday = apps.get_model("proposals", "Holiday")
    for day, name in holidays():
        Holiday.objects.get_or_create(date=day, defaults={"name": name})


def unseed(apps, schema_editor):
    Holiday = apps.get_model("proposals", "Holiday")
    Holiday.objects.filter(date__in=[day for day, _name in holidays()]).delete()


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
