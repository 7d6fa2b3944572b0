"""`tdkt org import units|people FILE.xlsx [--dry-run] [--report R.json] [--user USERNAME]`.

Without --user the import runs in the name of the first administrator (superuser), as the audit log needs
an actor; with --user, within that user's scope.

The same import as the page "Nhập dữ liệu → Đơn vị, cán bộ", for large files and scripts. The file is
checked whole first; nothing is written unless every row is right. Exit status 0 when the file was imported
(or, with --dry-run, is ready to import); 2 when it was refused.
"""

import json
import sys
from dataclasses import asdict
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tdkt.org import importing


class Command(BaseCommand):
    help = "Đơn vị, cán bộ: nhập từ tệp Excel (.xlsx)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import}")
        imp = sub.add_parser("import", help="Nhập đơn vị hoặc cán bộ từ tệp .xlsx.")
        imp.add_argument(
            "kind", choices=[importing.UNITS, importing.PEOPLE], help="units: đơn vị; people: cán bộ"
        )
        imp.add_argument("file", help="Tệp .xlsx")
        imp.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi dữ liệu.")
        imp.add_argument("--report", metavar="R.json", help="Ghi báo cáo chi tiết ra tệp JSON.")
        imp.add_argument("--user", metavar="USERNAME", help="Người thực hiện (giới hạn theo phạm vi của họ).")

    def handle(self, *args, action, **options):
        if action == "import":
            return self.import_file(**options)
        raise CommandError(f"Lệnh không hợp lệ: {action}")

    def import_file(self, *, kind, file, dry_run, report, user, **_options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        users = get_user_model().objects
        if user:
            actor = users.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có người dùng {user}.")
        else:  # the command line is the administrator's: the import runs in an administrator's name (audit)
            actor = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
            if actor is None:
                raise CommandError("Chưa có tài khoản quản trị; hãy chỉ định --user USERNAME.")
        with path.open("rb") as handle:
            result = importing.run_import(kind, handle, actor=actor, dry_run=dry_run)
        if report:
            data = {
                "kind": result.kind,
                "file": path.name,
                "dry_run": result.dry_run,
                "outcome": "refused" if not result.ok else ("valid" if dry_run else "imported"),
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "error": result.error,
                "issues": [asdict(issue) for issue in result.issues],
            }
            Path(report).write_text(
                json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
            )
        what = "đơn vị" if kind == importing.UNITS else "cán bộ"
        if result.error:
            self.stdout.write(f"Không nhập được tệp: {result.error}")
        elif result.issues:
            self.stdout.write(f"Tệp có {len(result.issues)} lỗi; chưa ghi dòng nào.")
            for issue in result.issues[:20]:
                where = f"Dòng {issue.row}" if issue.row else "Tệp"
                column = f", cột «{issue.column}»" if issue.column else ""
                self.stdout.write(f"  {where}{column}: {issue.message}")
            if len(result.issues) > 20:
                self.stdout.write(f"  … và {len(result.issues) - 20} lỗi khác.")
        else:
            verb = "Sẽ" if dry_run else "Đã"
            self.stdout.write(
                f"{verb} nhập {result.total} dòng {what}: {result.created} thêm mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi."
            )
        if not result.ok:
            sys.exit(2)
