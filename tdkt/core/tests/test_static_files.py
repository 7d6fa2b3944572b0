"""Static files: the server answers before `collectstatic` ever ran, and `make run` collects only when a
static source changed."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
MANIFEST_STORAGE = {"BACKEND": "tdkt.core.storage.ManifestStaticFilesStorage"}


@pytest.fixture
def manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_pages_answer_before_collectstatic_with_plain_names(client, manifest_storage):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'href="/static/css/app.css"' in response.content.decode()


def test_hashed_names_once_the_manifest_exists(tmp_path):
    import json

    from tdkt.core.storage import ManifestStaticFilesStorage

    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/app.css": "css/app.0123abcd.css"}})
    )
    assert ManifestStaticFilesStorage(location=tmp_path).url("css/app.css") == "/static/css/app.0123abcd.css"
    assert ManifestStaticFilesStorage(location=tmp_path / "empty").url("css/app.css") == "/static/css/app.css"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_collects_static_only_when_a_source_changed(tmp_path):
    root = tmp_path / "collected"
    root.mkdir()
    stamp = root / ".collected"
    stamp.touch()

    def up_to_date() -> bool:
        result = subprocess.run(
            ["make", "--question", str(stamp), f"STATIC_ROOT={root}"],
            cwd=BASE_DIR,
            capture_output=True,
            env={**os.environ, "MAKEFLAGS": ""},
        )
        return result.returncode == 0

    assert up_to_date(), "nothing changed since the last collectstatic: skip it"
    os.utime(stamp, (0, 0))  # every static source is now newer than the last collection
    assert not up_to_date()
