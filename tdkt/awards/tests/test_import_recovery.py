"""A worker killed in the middle of a background award import: the job, left "running" for ever, is found
stale by `tdkt awards recover` (which `make run` runs before the worker), marked failed with a reason in
Vietnamese, and its uploader runs it again from the progress page; the awards are written once."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tdkt.awards import import_tasks
from tdkt.awards.models import Award
from tdkt.awards.tests.test_import import CLEAN, _file, xlsx

pytestmark = pytest.mark.django_db
DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DB
    monkeypatch.setattr(import_tasks, "BACKGROUND_BYTES", 0)  # every file counts as large


@pytest.fixture
def worker(monkeypatch):
    from django_tasks_db.management.commands import db_worker

    # The worker drops connections that are inside a transaction: the test's own would be closed.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def confirmed_then_killed(client, worker, capture, minutes_ago: int = 30) -> str:
    """Upload, check (by the worker), confirm; then the state and task row as a worker killed in the middle
    of writing leaves them: "running", untouched for `minutes_ago` minutes. Returns the token."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    with capture(execute=True):
        response = client.post(reverse("awards:import"), {"file": _file(xlsx(CLEAN), "lon.xlsx")})
    token = response.url.rstrip("/").split("/")[-2]
    worker()
    assert client.get(response.url).url == reverse("awards:import_preview", args=[token])
    with capture(execute=True):
        client.post(reverse("awards:import_preview", args=[token]), {"action": "confirm"})
    state = import_tasks.read_state(token)
    assert state["status"] == "queued" and state["dry_run"] is False
    state.update(status="running", stage="write", done=1, total=3)
    import_tasks.write_state(token, state)
    long_ago = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago
    )
    old = time.time() - minutes_ago * 60
    os.utime(import_tasks.folder() / f"{token}.json", (old, old))
    return token


def test_a_stale_import_is_marked_failed_and_runs_again_once(
    org, person_a, officer_a, as_user, worker, django_capture_on_commit_callbacks
):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    client = as_user(officer_a)
    token = confirmed_then_killed(client, worker, django_capture_on_commit_callbacks)
    progress = reverse("awards:import_progress", args=[token])
    worker()  # nothing to run: the dead worker's task row is "running"
    assert import_tasks.read_state(token)["status"] == "running"
    assert 'hx-trigger="every 2s"' in client.get(progress).content.decode(), "the page would poll for ever"

    assert import_tasks.recover_stale() == [token]
    assert import_tasks.read_state(token)["status"] == "failed"
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 0
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 1  # the dead run, recorded
    page = client.get(progress).content.decode()
    assert "Tiến trình nền đã dừng đột ngột" in page and "chưa có dữ liệu nào được ghi" in page
    assert "every 2s" not in page, "a failed job is not polled"
    assert reverse("awards:import_retry", args=[token]) in page
    assert not Award.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("awards:import_retry", args=[token]))
    assert again.url == progress
    assert import_tasks.read_state(token)["status"] == "queued"
    worker()
    result = client.get(progress)
    assert "/import/batches/" in result.url
    assert Award.objects.filter(source=Award.Source.IMPORT).count() == 3
    assert import_tasks.recover_stale(older_than=timedelta(0)) == [], "nothing left running"


def test_a_job_still_progressing_is_left_alone(
    org, person_a, officer_a, as_user, worker, django_capture_on_commit_callbacks
):
    client = as_user(officer_a)
    token = confirmed_then_killed(client, worker, django_capture_on_commit_callbacks, minutes_ago=2)
    assert import_tasks.recover_stale() == []
    assert import_tasks.read_state(token)["status"] == "running"
    assert import_tasks.recover_stale(older_than=timedelta(minutes=1)) == [token]


def test_only_a_failed_job_of_ones_own_can_be_run_again(
    org, person_a, officer_a, as_user, worker, django_capture_on_commit_callbacks
):
    client = as_user(officer_a)
    token = confirmed_then_killed(client, worker, django_capture_on_commit_callbacks)
    retry = reverse("awards:import_retry", args=[token])
    assert client.post(retry).status_code == 404, "a running job is not started twice"
    import_tasks.recover_stale()
    session = client.session
    session["award_imports"] = {}
    session.save()
    assert client.post(retry).status_code == 404, "a token not in one's session is nobody's"


def test_the_command_reports_what_it_marked(
    org, person_a, officer_a, as_user, worker, django_capture_on_commit_callbacks, capsys
):
    client = as_user(officer_a)
    token = confirmed_then_killed(client, worker, django_capture_on_commit_callbacks)
    call_command("awards", "recover")
    assert f"Đã đánh dấu lỗi 1 lần nhập bị bỏ dở: {token}." in capsys.readouterr().out
    assert import_tasks.read_state(token)["reason"] == import_tasks.WORKER_LOST
