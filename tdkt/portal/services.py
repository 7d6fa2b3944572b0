"""Writes of the portal: issuing a second-factor enrolment.

An account whose role needs a second factor binds an authenticator app only with an enrolment an
administrator issued: an unconfirmed TOTP device (the QR code shown on the set-up page) and a one-time
enrolment code (a django-otp static token) handed to the user with the account, out of band. Whoever
learns the password alone cannot bind their own phone, not even on the account's first log-in.
"""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

# The name of the unconfirmed TOTP device of an issued enrolment.
ISSUED_DEVICE_NAME = "Cấp bởi quản trị hệ thống"
# The name of the static device holding the one-time enrolment code (never a confirmed second factor).
ENROLMENT_CODE_DEVICE = "Mã đăng ký xác thực hai lớp"


def normalise_code(value: str) -> str:
    """A code as typed (spaces, dashes, capitals) in the stored form."""
    return "".join(ch for ch in value.lower() if ch.isalnum())


@transaction.atomic
def issue_enrolment(*, user, code: str | None = None) -> str:
    """Let `user` (re-)enrol their second factor: their devices are removed, a new set-up is issued and
    the one-time enrolment code returned (shown once; stored as django-otp keeps static tokens)."""

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user, name=ENROLMENT_CODE_DEVICE).delete()
    TOTPDevice.objects.create(user=user, name=ISSUED_DEVICE_NAME, confirmed=False)
    # Not confirmed: django-otp never offers it as a second factor (the API's `match_token` included).
    device = StaticDevice.objects.create(user=user, name=ENROLMENT_CODE_DEVICE, confirmed=False)
    code = normalise_code(code) if code else StaticToken.random_token()
    device.token_set.create(token=code)
    return code


def enrolment_code_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=ENROLMENT_CODE_DEVICE).first()


@transaction.atomic
def complete_enrolment(*, device: TOTPDevice) -> None:
    """The user proved both the enrolment code and a code of their app: the device becomes their second
    factor and the enrolment code is gone."""
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=device.user, name=ENROLMENT_CODE_DEVICE).delete()
