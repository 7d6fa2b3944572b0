"""Hardening, as the deployment sees it: the deploy check is silent with production settings, every answer
carries the security headers, sign-in is rate-limited per address, sessions end, secrets come from files.

(The second factor on every route and API call: tests/test_access_matrix.py; the key's refusal to start and
the body limit: tdkt/api/tests/test_hardening.py.)"""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, login

ROOT = Path(settings.BASE_DIR)
pytestmark = pytest.mark.django_db


def _production_env(tmp_path, **extra) -> dict:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "SECRET_KEY_FILE",
            "DEBUG",
            "DATABASE_URL",
            "DATABASE_URL_FILE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # the test run's own
        }
    }
    return {
        **base,
        "TDKT_VAR_DIR": str(tmp_path),
        "HTTPS": "true",
        "ALLOWED_HOSTS": "tdkt.haiquan.example",
        "CSRF_TRUSTED_ORIGINS": "https://tdkt.haiquan.example",
        **extra,
    }


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_deploy_check_reports_nothing_with_production_settings(tmp_path):
    (tmp_path / "secret").write_text(secrets.token_urlsafe(64))
    (tmp_path / "db-url").write_text(f"sqlite:///{tmp_path / 'prod.sqlite3'}\n")
    env = _production_env(
        tmp_path, SECRET_KEY_FILE=str(tmp_path / "secret"), DATABASE_URL_FILE=str(tmp_path / "db-url")
    )
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_secrets_are_read_from_files(tmp_path):
    (tmp_path / "secret").write_text("s" * 64 + "\n")
    (tmp_path / "db-url").write_text("postgres://tdkt:mat-khau@db.noi-bo:5432/tdkt\n")
    env = _production_env(
        tmp_path, SECRET_KEY_FILE=str(tmp_path / "secret"), DATABASE_URL_FILE=str(tmp_path / "db-url")
    )
    code = "import config.settings as s; d = s.DATABASES['default']; print(s.SECRET_KEY, d['HOST'], d['PASSWORD'])"
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["s" * 64, "db.noi-bo", "mat-khau"]
    # The variable itself wins over the file.
    result = _run(
        ["-c", code], {**env, "DATABASE_URL": "postgres://u:p@khac:5432/tdkt", "SECRET_KEY": "k" * 60}
    )
    assert result.stdout.split() == ["k" * 60, "khac", "p"]


SAMPLE_URLS = [
    "/accounts/login/",
    "/",
    "/people/",
    "/units/",
    "/proposals/",
    "/councils/my-ballots/",
    "/reports/",
    "/api/docs/",
    "/api/people/",
    "/api/units/",
    "/api/no-such-thing/",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", SAMPLE_URLS)
def test_every_answer_carries_the_security_headers(client, officer_a, url, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = False
    login(client, officer_a)
    for secure in (False, True):
        response = client.get(url, secure=secure)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        # HSTS only over HTTPS (a browser ignores it over plain HTTP, and it must not pin a test host).
        assert ("Strict-Transport-Security" in response) is secure, url
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_production_settings_turn_hsts_and_secure_cookies_on(tmp_path):
    env = _production_env(tmp_path, SECRET_KEY="x" * 60, DATABASE_URL="sqlite:///:memory:")
    code = (
        "import config.settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = _run(["-c", code], env)
    assert result.stdout.split() == ["31536000", "True", "True", "True", str(8 * 3600), "True"], result.stderr


@pytest.fixture
def sign_in_limit(settings):
    settings.TDKT_SIGN_IN_RATE = 5
    settings.TDKT_SIGN_IN_WINDOW = 600
    cache.clear()
    yield 5
    cache.clear()


def test_log_in_attempts_from_one_address_are_rate_limited_whatever_the_names(client, sign_in_limit):
    url = reverse("core:login")
    for number in range(sign_in_limit):
        response = client.post(url, {"username": f"ten-{number}", "password": "sai-mat-khau"})
        assert response.status_code == 200  # the form again, with its message
    refused = client.post(url, {"username": "ten-khac", "password": "sai-mat-khau"})
    assert refused.status_code == 429
    assert "Quá nhiều lần đăng nhập" in refused.content.decode()
    assert refused["Retry-After"] == "600"
    # Another address is not affected; reading the page is not counted.
    assert client.get(url).status_code == 200
    other = client.post(url, {"username": "x", "password": "y"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_api_token_endpoint_is_rate_limited_in_json(client, sign_in_limit, leader_a):
    for number in range(sign_in_limit):
        client.post("/api/auth/token/", {"username": f"ten-{number}", "password": "sai"}, "application/json")
    refused = client.post(
        "/api/auth/token/", {"username": "leader_a", "password": PASSWORD}, content_type="application/json"
    )
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited" and "Quá nhiều" in refused.json()["detail"]


def test_the_second_factor_page_is_rate_limited(client, sign_in_limit, officer_a):
    client.force_login(officer_a)
    for _ in range(sign_in_limit):
        client.post(reverse("core:otp"), {"token": "000000"})
    assert client.post(reverse("core:otp"), {"token": "000000"}).status_code == 429


def test_sessions_expire(client, officer_a):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    login(client, officer_a)
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))
