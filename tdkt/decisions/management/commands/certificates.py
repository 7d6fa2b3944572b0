"""`tdkt certificates recover`: queue again the certificate batches whose worker died (see decisions/tasks.py)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from tdkt.decisions import tasks


class Command(BaseCommand):
    help = "Lô in bằng khen: `certificates recover` chạy lại các lô bị bỏ dở do tiến trình nền dừng đột ngột."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["recover"])
        parser.add_argument(
            "--minutes",
            type=float,
            default=None,
            help="Coi là bỏ dở khi lô không tiến triển trong chừng ấy phút (mặc định TDKT_TASK_STALE_MINUTES, 10)",
        )

    def handle(self, *args, action: str, minutes: float | None, **options):
        older = timedelta(minutes=minutes) if minutes is not None else None
        ids = tasks.recover_stale_batches(older_than=older)
        self.stdout.write(f"Đã xếp lại {len(ids)} lô in: {', '.join(map(str, ids)) or '—'}.")
