"""`manage.py movements_reminders`: send the emulation calendar's due reminders (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from tdkt.core.text import parse_date
from tdkt.movements import services


class Command(BaseCommand):
    help = "Gửi nhắc lịch thi đua đến hạn (thông báo trong ứng dụng và thư điện tử)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày coi là hôm nay (dd/mm/yyyy), mặc định hôm nay")

    def handle(self, *args, date=None, **options):
        sent = services.send_due_reminders(today=parse_date(date) if date else None)
        self.stdout.write(f"Đã nhắc {sent} mốc lịch thi đua.")
