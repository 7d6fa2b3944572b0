"""Background job: print all certificates of a decision into one PDF (`CertificateBatch`).

`start_batch` records a queued batch and enqueues `generate_certificates`; the worker
(`tdkt db_worker`, started by `make run`) renders the PDF in chunks, writing `done` after each chunk so
the progress page can show it, then stores the file. A failure marks the batch failed with its error;
`retry_batch` enqueues a failed batch again (each run counts one more attempt).

A worker killed in the middle of a batch (SIGKILL, machine restart) leaves the batch "running" and its task
result "running" for ever: `recover_stale_batches` (command `tdkt certificates recover`, run beside the worker
by `make run`) queues every batch untouched for `TDKT_TASK_STALE_MINUTES` again and marks the dead task results
failed. Each run owns its attempt number: a run superseded by a newer attempt writes neither progress nor the
result and removes its own file, so a batch is never done twice; the file's name is fixed per batch and a
leftover from a killed run is replaced, so nothing half-written stays.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tdkt.core import tasks as core_tasks
from tdkt.decisions import certificates
from tdkt.decisions.models import CertificateBatch, Decision

logger = logging.getLogger(__name__)

Status = CertificateBatch.Status


def _update(batch_id: int, *, attempt: int | None = None, **fields) -> int:
    """Update the batch (only while `attempt` is still its latest run, when given); returns rows updated."""
    rows = CertificateBatch.objects.filter(pk=batch_id)
    if attempt is not None:
        rows = rows.filter(attempts=attempt)
    return rows.update(updated_at=timezone.now(), **fields)


@task()
def generate_certificates(batch_id: int) -> int:
    """Render the batch's PDF; returns the number of certificates."""
    with transaction.atomic():
        batch = (
            CertificateBatch.objects.select_for_update().select_related("decision__issuer").get(pk=batch_id)
        )
        if batch.status == Status.DONE:
            return batch.total
        lines = list(certificates.lines_of(batch.decision))
        batch.status = Status.RUNNING
        batch.total = len(lines)
        batch.done = 0
        batch.error = ""
        batch.attempts += 1
        batch.save(update_fields=["status", "total", "done", "error", "attempts", "updated_at"])
    attempt = batch.attempts
    try:
        pdf = certificates.render_pdf(
            batch.decision,
            lines,
            progress=lambda done: _update(batch_id, attempt=attempt, done=min(done, len(lines))),
        )
        decision = batch.decision
        name = f"bang-khen-{decision.number or 'du-thao'}-{decision.year or decision.pk}-lo-{batch_id}.pdf"
        storage, old = batch.file.storage, batch.file.name
        path = batch.file.field.generate_filename(batch, name)
        with transaction.atomic():
            current = CertificateBatch.objects.select_for_update().get(pk=batch_id)
            if current.attempts != attempt or current.status == Status.DONE:
                logger.warning(
                    "Certificate batch %s: attempt %s superseded; result dropped", batch_id, attempt
                )
                return current.total
            if storage.exists(path):  # left by a run that was killed before it could record it
                storage.delete(path)
            batch.file.save(name, ContentFile(pdf), save=False)
            _update(
                batch_id, attempt=attempt, status=Status.DONE, done=len(lines), file=batch.file.name, error=""
            )
        if old and old != batch.file.name:
            storage.delete(old)
    except Exception as exc:
        logger.exception("Certificate batch %s failed", batch_id)
        _update(batch_id, attempt=attempt, status=Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    return len(lines)


def recover_stale_batches(*, older_than: timedelta | None = None) -> list[int]:
    """Queue again every batch left queued or running by a worker that died; returns their ids.

    A live run writes its progress after each chunk, so a batch untouched for `older_than` (default
    `stale_after()`) has no worker. The task results that the dead worker left "running" are marked failed
    so that the queue's own records tell the truth.
    """
    cutoff = timezone.now() - (older_than if older_than is not None else core_tasks.stale_after())
    stale = list(
        CertificateBatch.objects.filter(
            status__in=[Status.QUEUED, Status.RUNNING], updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    core_tasks.fail_lost_results(generate_certificates, started_before=cutoff)
    for batch_id in stale:
        # The attempt number moves on, so a run of the old attempt that still wakes up writes nothing.
        with transaction.atomic():
            batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
            if batch.status not in (Status.QUEUED, Status.RUNNING):
                continue
            batch.status, batch.done, batch.error = Status.QUEUED, 0, ""
            batch.save(update_fields=["status", "done", "error", "updated_at"])
            _enqueue(batch)
        logger.warning("Certificate batch %s: worker lost, queued again", batch_id)
    return stale


def start_batch(decision: Decision, user) -> CertificateBatch:
    """A new batch for all lines of `decision`, queued for the worker."""
    batch = CertificateBatch.objects.create(
        decision=decision, total=decision.lines.count(), status=Status.QUEUED, requested_by=user
    )
    _enqueue(batch)
    batch.refresh_from_db()
    return batch


def retry_batch(batch: CertificateBatch) -> CertificateBatch:
    """Enqueue a failed batch again."""
    if batch.status != Status.FAILED:
        raise ValueError("Chỉ chạy lại được lô in đang ở trạng thái lỗi.")
    _update(batch.pk, status=Status.QUEUED, done=0, error="")
    _enqueue(batch)
    batch.refresh_from_db()
    return batch


def _enqueue(batch: CertificateBatch) -> None:
    batch_id = batch.pk

    def send():
        try:
            generate_certificates.enqueue(batch_id)
        except Exception as exc:  # an immediate backend runs the job here; its failure is in the batch
            logger.warning("Certificate batch %s: %s", batch_id, exc)

    # The worker must see the committed batch row.
    transaction.on_commit(send)
