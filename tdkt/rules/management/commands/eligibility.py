"""`tdkt eligibility check --facts FILE.json [--explain]`: a thin wrapper around `tdkt.rules.check`."""

from django.core.management.base import BaseCommand

from tdkt.rules.check import EXIT_OK, run_check


class Command(BaseCommand):
    help = "Kiểm tra điều kiện thi đua, khen thưởng từ một tệp dữ kiện JSON (không cần cơ sở dữ liệu)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="check")
        check = actions.add_parser("check", help="Trả lời mọi câu hỏi trong tệp dữ kiện.")
        check.add_argument("--facts", required=True, metavar="FILE.json", help="Tệp dữ kiện (JSON).")
        check.add_argument("--explain", action="store_true", help="In báo cáo tiếng Việt thay cho JSON.")

    def handle(self, *args, **options):
        status, output = run_check(options["facts"], explain=options["explain"])
        if status != EXIT_OK:
            self.stderr.write(output)
            raise SystemExit(status)
        self.stdout.write(output)
