"""Hardening: no silent development key, a request body limit ahead of log-in, no caching of personal data,
(the services' own refusals in the API's 403: tdkt/councils/tests/test_api_refusals.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from conftest import login

ROOT = Path(settings.BASE_DIR)


def _start(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(len(s.SECRET_KEY))"],
        cwd=ROOT,
        env={**base, "TDKT_VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
    )


def test_the_server_refuses_to_start_without_a_secret_key(tmp_path):
    refused = _start(tmp_path)
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr and "ImproperlyConfigured" in refused.stderr


def test_a_key_from_the_environment_or_the_key_file_is_used(tmp_path):
    assert _start(tmp_path, SECRET_KEY="x" * 60).stdout.strip() == "60"
    (tmp_path / "secret_key").write_text("k" * 70 + "\n")
    assert _start(tmp_path).stdout.strip() == "70"


def test_debug_gets_a_random_key_never_a_fixed_one(tmp_path):
    first, second = _start(tmp_path, DEBUG="true"), _start(tmp_path, DEBUG="true")
    assert first.returncode == second.returncode == 0
    assert "dev-only" not in settings.SECRET_KEY


@pytest.mark.django_db
def test_an_oversized_anonymous_upload_is_refused_before_the_log_in_redirect(client):
    limit = 1024 * 1024
    with override_settings(TDKT_MAX_REQUEST_BYTES=limit):
        body = b"x" * (limit + 1)
        page = client.post("/awards/import/", body, content_type="application/octet-stream")
        assert page.status_code == 413
        api = client.post("/api/people/", body, content_type="application/json")
        assert api.status_code == 413 and api.json()["code"] == "request_too_large"
        # Just under the limit, the same anonymous request goes on to the log-in redirect.
        assert client.post("/awards/import/", b"x" * 10, content_type="text/plain").status_code == 302


@pytest.mark.django_db
def test_pages_and_api_answers_with_personal_data_are_not_cached(client, officer_a, person_a):
    login(client, officer_a)
    for url in (reverse("org:person_detail", args=[person_a.pk]), f"/api/people/{person_a.pk}/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
