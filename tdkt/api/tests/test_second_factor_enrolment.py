"""Enrolling the second factor: the account's first log-in may, later log-ins may not without an
administrator's issued enrolment (whoever learns the password later cannot bind their own phone)."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client.get("/accounts/2fa/")


def test_the_first_log_in_may_enrol(client, officer_a):
    page = _log_in(client, "officer_a")
    assert page.status_code == 200 and 'id="totp-secret"' in page.content.decode()


def test_a_later_log_in_without_a_device_cannot_enrol(client, officer_a):
    officer_a.last_login = timezone.now()
    officer_a.save()
    page = _log_in(client, "officer_a")
    assert page.status_code == 403
    body = page.content.decode()
    assert "totp-secret" not in body and "quản trị hệ thống" in body
    assert not TOTPDevice.objects.filter(user=officer_a).exists()


def test_an_administrator_issues_an_enrolment(client, officer_a):
    officer_a.last_login = timezone.now()
    officer_a.save()
    TOTPDevice.objects.create(user=officer_a, name="điện thoại cũ", confirmed=True)
    call_command("issue_second_factor", "OFFICER_A")
    assert list(TOTPDevice.objects.filter(user=officer_a).values_list("confirmed", flat=True)) == [False]
    page = _log_in(client, "officer_a")
    assert page.status_code == 200 and 'id="totp-secret"' in page.content.decode()
