"""`tdkt demo load`: fill the database with the deterministic demo data.

Each module of the demo app (`tdkt/demo/<app>.py`) adds its loader to DEMO_LOADERS (dotted paths, run in
this order inside one transaction).
A loader is `load(*, stdout, **options) -> None` and must be idempotent: a second run changes nothing.
Options passed today: `people` (the size of the demo staff). DEMO_ACCOUNTS lists functions returning
`(username, role, scope)` rows, printed at the end with the shared password.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from tdkt.demo.org import ENROLMENT_CODE

DEMO_LOADERS = [
    "tdkt.demo.org.load",
    "tdkt.demo.awards.load",
    "tdkt.demo.proposals.load",
    "tdkt.demo.surveys.load",
    "tdkt.demo.exemplars.load",
    "tdkt.demo.initiatives.load",
    "tdkt.demo.movements.load",
]
DEMO_ACCOUNTS = [
    "tdkt.demo.org.accounts",
    "tdkt.demo.proposals.accounts",
]
DEMO_PASSWORD = "tdkt-demo-2026"


class Command(BaseCommand):
    help = (
        "Dữ liệu minh họa: `demo load` nạp tổ chức Hải quan, cán bộ và tài khoản mẫu (chạy lại không đổi gì)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"], help="load: nạp dữ liệu minh họa")
        parser.add_argument(
            "--people", type=int, default=3000, help="Số cán bộ sinh ngẫu nhiên (mặc định 3000)"
        )

    def handle(self, *args, action: str, people: int, **options):
        if people < 0:
            raise CommandError("--people phải là số không âm.")
        started = time.monotonic()
        with transaction.atomic():
            for path in DEMO_LOADERS:
                self.stdout.write(f"Nạp {path} …")
                import_string(path)(stdout=self.stdout, people=people)
        self.stdout.write(self.style.SUCCESS(f"Xong sau {time.monotonic() - started:.1f} giây."))
        rows = [row for path in DEMO_ACCOUNTS for row in import_string(path)()]
        self._print_accounts(rows)

    def _print_accounts(self, rows: list[tuple[str, str, str]]) -> None:
        header = ("Tài khoản", "Vai trò", "Phạm vi")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        self.stdout.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        self.stdout.write(line)
        for row in rows:
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(line)
        self.stdout.write(f"Mật khẩu chung: {DEMO_PASSWORD}")
        self.stdout.write(
            f"Mã đăng ký xác thực hai lớp (quản trị, cán bộ TĐKT; lần đăng nhập đầu tiên): {ENROLMENT_CODE}"
        )
