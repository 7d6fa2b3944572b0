"""`tdkt issue_second_factor USERNAME`: an administrator lets a user (re-)enrol their second factor.

The user's existing devices are removed; at their next log-in the set-up page shows a new QR code. Without
this, only an account's very first log-in may enrol by itself (see tdkt.portal.views.otp_view)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.portal.views import ISSUED_DEVICE_NAME


class Command(BaseCommand):
    help = "Cấp lượt đăng ký xác thực hai lớp cho một tài khoản (xóa thiết bị cũ)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    @transaction.atomic
    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username}.")
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name=ISSUED_DEVICE_NAME, confirmed=False)
        self.stdout.write(f"Đã cấp lượt đăng ký xác thực hai lớp cho {user.username}.")
