"""`tdkt initiatives stats --unit NAME --year YEAR [--json]`: recognised research topics, initiatives,
authors and escalations of a unit (and every unit ever under it) in a year.

NAME is the unit's name as it was during YEAR (diacritics and case ignored) or its code. Exit status 2
when no unit, or more than one, bore that name that year.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from tdkt.initiatives import selectors
from tdkt.org.models import Unit


class Command(BaseCommand):
    help = "Sáng kiến, đề tài: thống kê theo đơn vị và năm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{stats}")
        stats = sub.add_parser(
            "stats", help="Thống kê sáng kiến, đề tài được công nhận của đơn vị trong năm."
        )
        stats.add_argument("--unit", required=True, help="Tên đơn vị (như trong năm đó) hoặc mã đơn vị.")
        stats.add_argument("--year", required=True, type=int, help="Năm công nhận.")
        stats.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, action, **options):
        if action == "stats":
            return self.stats(**options)
        raise CommandError(f"Lệnh không hợp lệ: {action}")

    def stats(self, *, unit, year, json: bool = False, **_options):
        units = selectors.unit_named(unit, year) or list(Unit.objects.filter(code=unit.strip()))
        if len(units) != 1:
            message = (
                f"Không có đơn vị nào mang tên “{unit}” trong năm {year}."
                if not units
                else f"Có {len(units)} đơn vị mang tên “{unit}” trong năm {year}: "
                + ", ".join(u.code for u in units)
                + ". Hãy dùng mã đơn vị."
            )
            self.stderr.write(message)
            sys.exit(2)
        result = selectors.stats(units[0], year)
        if json:
            self.stdout.write(_dumps(result.as_json()))
            return
        self.stdout.write(f"{units[0].name} – năm {year}")
        labels = {
            "research_topics": "Đề tài nghiên cứu được công nhận",
            "initiatives": "Sáng kiến được công nhận",
            "authors": "Số tác giả",
            "escalated_topics": "Đề tài đề nghị cấp trên công nhận",
            "escalated_initiatives": "Sáng kiến đề nghị cấp trên công nhận",
        }
        for key, value in result.as_json().items():
            self.stdout.write(f"  {labels[key]}: {value}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
