"""Enrolling the second factor: only with an enrolment an administrator issued and its one-time code, never
with the password alone (not even on the account's first log-in), so that whoever first learns a password
cannot bind their own phone."""

import io

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from tdkt.portal import services

pytestmark = pytest.mark.django_db


def _log_in(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client.get("/accounts/2fa/")


def _app_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return f"{totp(device.bin_key):06d}"


def test_the_password_alone_cannot_enrol_even_on_the_first_log_in(client, officer_a):
    assert officer_a.last_login is None
    page = _log_in(client, "officer_a")
    assert page.status_code == 403
    body = page.content.decode()
    assert "totp-secret" not in body and "quản trị hệ thống" in body
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert client.post("/accounts/2fa/", {"code": "abc", "token": "123456"}).status_code == 403


def test_an_administrator_issues_an_enrolment_with_a_one_time_code(client, officer_a):
    TOTPDevice.objects.create(user=officer_a, name="điện thoại cũ", confirmed=True)
    out = io.StringIO()
    call_command("issue_second_factor", "OFFICER_A", stdout=out)
    code = out.getvalue().split("Mã đăng ký một lần: ")[1].split()[0]
    assert list(TOTPDevice.objects.filter(user=officer_a).values_list("confirmed", flat=True)) == [False]
    page = _log_in(client, "officer_a")
    assert page.status_code == 200 and 'id="totp-secret"' in page.content.decode()
    assert 'id="id_code"' in page.content.decode()

    wrong = client.post("/accounts/2fa/", {"code": "khongphai", "token": _app_code(officer_a)})
    assert "Mã đăng ký không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=officer_a, confirmed=True).exists()

    device = TOTPDevice.objects.get(user=officer_a)
    device.last_t = -1  # the app's next code (a code is accepted once)
    device.throttling_failure_count = 0
    device.save()
    StaticDevice.objects.filter(user=officer_a).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    done = client.post("/accounts/2fa/", {"code": f" {code.upper()} ", "token": _app_code(officer_a)})
    assert done.status_code == 302
    assert TOTPDevice.objects.get(user=officer_a).confirmed
    assert not StaticDevice.objects.filter(user=officer_a).exists()  # the code is spent


def test_the_enrolment_code_is_never_a_second_factor(client, officer_a):
    code = services.issue_enrolment(user=officer_a)
    client.post("/accounts/login/", {"username": "officer_a", "password": PASSWORD})
    assert client.get("/accounts/2fa/").status_code == 200
    # The code alone (no app code) verifies nothing; nor does the API accept it as the `otp` of a token.
    refused = client.post("/accounts/2fa/", {"code": code, "token": "000000"})
    assert "Mã xác thực không đúng" in refused.content.decode()
    api = client.post("/api/auth/token/", {"username": "officer_a", "password": PASSWORD, "otp": code})
    assert api.status_code in (400, 401, 403)
    assert StaticDevice.objects.filter(user=officer_a).exists()  # still unused


def test_issuing_and_confirming_a_second_factor_is_audited_without_its_secrets(client, officer_a):
    from auditlog.models import LogEntry

    code = services.issue_enrolment(user=officer_a)
    device = TOTPDevice.objects.get(user=officer_a)
    otp = LogEntry.objects.filter(content_type__app_label__in=["otp_totp", "otp_static"])
    created = otp.filter(action=LogEntry.Action.CREATE)
    assert sorted(created.values_list("content_type__model", flat=True)) == ["staticdevice", "totpdevice"]
    services.complete_enrolment(device=device)
    confirmed = otp.get(action=LogEntry.Action.UPDATE, content_type__model="totpdevice")
    assert confirmed.changes_dict["confirmed"] == ["False", "True"]
    assert otp.filter(action=LogEntry.Action.DELETE, content_type__model="staticdevice").exists()
    written = " ".join(str(entry.changes) for entry in otp)
    assert device.key not in written and code not in written
