"""A worker killed in the middle of a certificate batch: the batch is found stale, queued again and printed
once; a run superseded by a newer attempt writes nothing; a file left by a killed run is replaced, not
duplicated. (The real kill -9 of `tdkt db_worker` is the drill scripts/drill_worker_kill.sh.)"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from tdkt.decisions import certificates, tasks
from tdkt.decisions.models import CertificateBatch
from tdkt.decisions.tests import doc_factories as f

Status = CertificateBatch.Status
DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DB


@pytest.fixture
def decision(org, person_a):
    return f.decision(org, persons=[person_a], units=2)


@pytest.fixture
def worker(monkeypatch):
    from django_tasks_db.management.commands import db_worker

    # The worker drops connections that are inside a transaction: the test's own would be closed.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def killed_mid_run(decision, django_capture_on_commit_callbacks, minutes_ago: int = 30) -> CertificateBatch:
    """A batch as a worker killed after the first chunk leaves it: running, its task result running."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.start_batch(decision, None)
    long_ago = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=long_ago)
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=Status.RUNNING, total=3, done=1, attempts=1, updated_at=long_ago
    )
    return batch


def pdfs(settings) -> list[Path]:
    return sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_a_stale_batch_is_queued_again_and_printed_once(
    decision, worker, settings, django_capture_on_commit_callbacks
):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    batch = killed_mid_run(decision, django_capture_on_commit_callbacks)
    worker()  # nothing to run: the dead worker's task result is "running"
    batch.refresh_from_db()
    assert batch.status == Status.RUNNING

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.recover_stale_batches() == [batch.pk]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 1  # the dead run, recorded
    worker()
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total, batch.attempts) == (Status.DONE, 3, 3, 2)
    assert len(pdfs(settings)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.recover_stale_batches(older_than=timedelta(0)) == []  # done: left alone
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 0


def test_a_batch_making_progress_is_not_stale(decision, django_capture_on_commit_callbacks):
    batch = killed_mid_run(decision, django_capture_on_commit_callbacks, minutes_ago=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.recover_stale_batches() == []
    batch.refresh_from_db()
    assert batch.status == Status.RUNNING


def test_the_command_recovers(decision, worker, django_capture_on_commit_callbacks, capsys):
    batch = killed_mid_run(decision, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("certificates", "recover", "--minutes", "5")
    assert f"1 lô in: {batch.pk}" in capsys.readouterr().out
    worker()
    batch.refresh_from_db()
    assert batch.status == Status.DONE


def test_a_file_left_by_a_killed_run_is_replaced_not_duplicated(
    decision, worker, settings, django_capture_on_commit_callbacks
):
    batch = killed_mid_run(decision, django_capture_on_commit_callbacks)
    name = f"bang-khen-{decision.number or 'du-thao'}-{decision.year or decision.pk}-lo-{batch.pk}.pdf"
    half = Path(settings.MEDIA_ROOT) / batch.file.field.generate_filename(batch, name)
    half.parent.mkdir(parents=True, exist_ok=True)
    half.write_bytes(b"%PDF-1.4 half written")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.recover_stale_batches()
    worker()
    batch.refresh_from_db()
    assert batch.status == Status.DONE
    assert pdfs(settings) == [half]
    assert half.read_bytes() != b"%PDF-1.4 half written" and batch.file.name.endswith(name)


def test_a_superseded_run_writes_nothing(decision, settings, monkeypatch):
    """The old run wakes up after the batch was queued again and a new attempt started: it drops its result."""
    batch = CertificateBatch.objects.create(decision=decision, total=3, status=Status.QUEUED)
    real = certificates.render_pdf

    def render_then_get_superseded(*args, **kwargs):
        pdf = real(*args, **kwargs)
        CertificateBatch.objects.filter(pk=batch.pk).update(attempts=5, status=Status.RUNNING, done=0)
        return pdf

    monkeypatch.setattr(certificates, "render_pdf", render_then_get_superseded)
    tasks.generate_certificates.call(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.attempts, batch.done, batch.file.name) == (Status.RUNNING, 5, 0, "")
    assert pdfs(settings) == []
