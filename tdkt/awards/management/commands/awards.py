"""`tdkt awards import FILE.xlsx [--dry-run] [--report REPORT.json]`: import award history.

`tdkt awards recover [--minutes N]`: mark failed the background imports whose worker died (see
awards/import_tasks.py); `make run` runs it before starting the worker.

Exit status 0 when the file was imported (or, with --dry-run, is ready to import); 2 when it was
refused: errors in the file, or rows whose person is not found or not unique. Such rows can be
resolved with --resolutions R.json ({"excel row": person or unit id, or "skip"}), as on the import page.
"""

import json
import sys
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tdkt.awards import import_tasks
from tdkt.awards.importing import import_awards


class Command(BaseCommand):
    help = "Lịch sử khen thưởng: nhập từ tệp Excel (.xlsx)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,recover}")
        imp = sub.add_parser("import", help="Nhập lịch sử khen thưởng từ tệp .xlsx.")
        imp.add_argument("file", help="Tệp .xlsx")
        imp.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi dữ liệu.")
        imp.add_argument("--report", metavar="REPORT.json", help="Ghi báo cáo chi tiết ra tệp JSON.")
        imp.add_argument(
            "--resolutions",
            metavar="R.json",
            help='Lựa chọn cho các dòng chưa xác định: {"dòng": mã cá nhân/đơn vị hoặc "skip"}.',
        )
        imp.add_argument("--user", metavar="USERNAME", help="Người thực hiện (giới hạn theo phạm vi của họ).")

        rec = sub.add_parser(
            "recover", help="Đánh dấu lỗi các lần nhập nền bị bỏ dở (tiến trình nền dừng đột ngột)."
        )
        rec.add_argument(
            "--minutes",
            type=float,
            default=None,
            help="Coi là bỏ dở khi lần nhập không tiến triển trong chừng ấy phút (mặc định TDKT_TASK_STALE_MINUTES, 10)",
        )

    def handle(self, *args, action, **options):
        if action == "import":
            return self.import_file(**options)
        if action == "recover":
            minutes = options["minutes"]
            lost = import_tasks.recover_stale(
                older_than=timedelta(minutes=minutes) if minutes is not None else None
            )
            self.stdout.write(f"Đã đánh dấu lỗi {len(lost)} lần nhập bị bỏ dở: {', '.join(lost) or '—'}.")
            return None
        raise CommandError(f"Lệnh không hợp lệ: {action}")

    def import_file(self, *, file, dry_run, report, resolutions, user, **_options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có người dùng {user}.")
        chosen = {}
        if resolutions:
            try:
                chosen = json.loads(Path(resolutions).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Không đọc được tệp lựa chọn {resolutions}: {exc}") from None
            if not isinstance(chosen, dict):
                raise CommandError("Tệp lựa chọn phải là một đối tượng JSON {dòng: lựa chọn}.")
        result = import_awards(
            path.read_bytes(), file_name=path.name, actor=actor, dry_run=dry_run, resolutions=chosen
        )
        if report:
            Path(report).write_text(
                json.dumps(result.as_json(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        self.stdout.write(result.summary())
        for issue in result.errors[:20]:
            where = f"Dòng {issue.row}" if issue.row else "Tệp"
            column = f", cột «{issue.column}»" if issue.column else ""
            self.stdout.write(f"  {where}{column}: {issue.message}")
        if len(result.errors) > 20:
            self.stdout.write(f"  … và {len(result.errors) - 20} lỗi khác.")
        for row in result.unresolved[:20]:
            self.stdout.write(f"  Dòng {row.row}: {row.reason}")
        if not result.ok:
            sys.exit(2)
