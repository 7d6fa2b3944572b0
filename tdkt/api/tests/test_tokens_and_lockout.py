"""API tokens expire, rotate and end at log-out; the log-in lock-out is per user name and address, case-
insensitive, cannot be used by a stranger to lock out a council chair, and an administrator can lift it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import PASSWORD, login

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/auth/token/"


def _token(username="leader_a"):
    response = APIClient().post(TOKEN_URL, {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def _client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_expires(leader_a, settings):
    settings.TDKT_API_TOKEN_HOURS = 8
    body = _token()
    assert body["expires"]
    assert _client(body["token"]).get("/api/units/").status_code == 200
    Token.objects.filter(key=body["token"]).update(created=timezone.now() - timedelta(hours=8, minutes=1))
    expired = _client(body["token"]).get("/api/units/")
    assert expired.status_code == 401
    assert "hết hạn" in expired.json()["detail"] or expired.json()["code"] in {
        "authentication_failed",
        "token_expired",
    }
    assert not Token.objects.filter(key=body["token"]).exists()


def test_a_new_token_replaces_the_old_one(leader_a):
    first, second = _token()["token"], _token()["token"]
    assert first != second
    assert _client(first).get("/api/units/").status_code == 401
    assert _client(second).get("/api/units/").status_code == 200


def test_log_out_ends_the_token(client, leader_a):
    key = _token()["token"]
    login(client, leader_a)
    client.post("/accounts/logout/")
    assert _client(key).get("/api/units/").status_code == 401


def test_delete_ends_the_token(leader_a):
    key = _token()["token"]
    assert _client(key).delete(TOKEN_URL).status_code == 204
    assert _client(key).get("/api/units/").status_code == 401


def _fail(client, username, ip):
    return client.post("/accounts/login/", {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=ip)


def _log_in(client, username, ip):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD}, REMOTE_ADDR=ip)


def test_a_stranger_cannot_lock_the_chair_out_from_another_address(client, leader_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(5):
        _fail(client, "leader_a", "203.0.113.9")
    assert _log_in(client, "leader_a", "203.0.113.9").status_code != 302  # the stranger's address is locked
    response = _log_in(client, "leader_a", "10.0.0.5")  # the chair, in the meeting room
    assert response.status_code == 302


def test_user_names_are_counted_case_insensitively(client, leader_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for name in ("LEADER_A", "Leader_A", "leader_a"):
        _fail(client, name, "198.51.100.7")
    assert _log_in(client, "leader_a", "198.51.100.7").status_code != 302
    assert AccessAttempt.objects.filter(username="leader_a").count() == 1


def test_an_administrator_can_unlock(client, leader_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _fail(client, "leader_a", "198.51.100.8")
    assert _log_in(client, "leader_a", "198.51.100.8").status_code != 302
    assert AccessAttempt in admin.site._registry  # Axes › Access attempts: delete to unlock
    call_command("axes_reset_username", "leader_a")
    assert _log_in(client, "leader_a", "198.51.100.8").status_code == 302
