"""`tdkt proposals remind [--days N] [--dry-run]`: e-mail the TĐKT officers whose units have dossiers not yet
submitted with a deadline within N days (default 7) or already past."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from tdkt.proposals.selectors import reminders


class Command(BaseCommand):
    help = "Hồ sơ đề nghị khen thưởng: nhắc hạn trình."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{remind}")
        remind = sub.add_parser("remind", help="Gửi thư nhắc hạn trình hồ sơ cho Cán bộ TĐKT.")
        remind.add_argument("--days", type=int, default=7, help="Nhắc các hồ sơ có hạn trong N ngày tới (7).")
        remind.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không gửi thư.")

    def handle(self, *args, action, **options):
        if action == "remind":
            return self.remind(days=options["days"], dry_run=options["dry_run"])
        raise CommandError(f"Lệnh không hợp lệ: {action}")

    def remind(self, *, days: int, dry_run: bool):
        if days < 0:
            raise CommandError("Số ngày phải từ 0 trở lên.")
        sent = 0
        for reminder in reminders(within_days=days):
            lines = [
                f"- {p.title} ({p.proposing_unit.name} → {p.receiving_unit.name}), hạn trình {p.deadline:%d/%m/%Y}"
                for p in reminder.proposals
            ]
            body = (
                f"Kính gửi {reminder.name},\n\n"
                f"Các hồ sơ đề nghị khen thưởng sau chưa được trình và sắp đến (hoặc đã quá) hạn:\n\n"
                + "\n".join(lines)
                + "\n\nĐề nghị đồng chí kiểm tra, hoàn thiện và trình đúng hạn.\n"
            )
            subject = f"[TĐKT] Nhắc hạn trình {len(reminder.proposals)} hồ sơ đề nghị khen thưởng"
            if dry_run:
                self.stdout.write(f"{reminder.email}: {len(reminder.proposals)} hồ sơ")
                continue
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [reminder.email])
            sent += 1
        self.stdout.write(f"Đã gửi {sent} thư nhắc hạn.")
