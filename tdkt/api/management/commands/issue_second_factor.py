"""`tdkt issue_second_factor USERNAME`: an administrator lets a user (re-)enrol their second factor.

The user's existing devices are removed; the command prints a one-time enrolment code, to hand to the user
out of band (with the account's password, or on the phone after checking who calls). At their next log-in
the set-up page asks for that code, then shows a new QR code (see tdkt.portal.services)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tdkt.portal import services


class Command(BaseCommand):
    help = "Cấp lượt đăng ký xác thực hai lớp cho một tài khoản (xóa thiết bị cũ, in mã đăng ký một lần)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username}.")
        code = services.issue_enrolment(user=user)
        self.stdout.write(f"Đã cấp lượt đăng ký xác thực hai lớp cho {user.username}.")
        self.stdout.write(
            f"Mã đăng ký một lần: {code} (chỉ hiện lần này; trao cho người dùng qua kênh an toàn)"
        )
