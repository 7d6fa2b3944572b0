"""Background job: print all certificates of a decision into one PDF (`CertificateBatch`).

`start_batch` records a queued batch and enqueues `generate_certificates`; the worker
(`tdkt db_worker`, started by `make run`) renders the PDF in chunks, writing `done` after each chunk so
the progress page can show it, then stores the file. A failure marks the batch failed with its error;
`retry_batch` enqueues a failed batch again (each run counts one more attempt).
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tdkt.decisions import certificates
from tdkt.decisions.models import CertificateBatch, Decision

logger = logging.getLogger(__name__)

Status = CertificateBatch.Status


def _update(batch_id: int, **fields) -> None:
    CertificateBatch.objects.filter(pk=batch_id).update(updated_at=timezone.now(), **fields)


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
    try:
        pdf = certificates.render_pdf(
            batch.decision, lines, progress=lambda done: _update(batch_id, done=min(done, len(lines)))
        )
        decision = batch.decision
        name = f"bang-khen-{decision.number or 'du-thao'}-{decision.year or decision.pk}-lo-{batch_id}.pdf"
        old = batch.file.name
        batch.file.save(name, ContentFile(pdf), save=False)
        _update(batch_id, status=Status.DONE, done=len(lines), file=batch.file.name, error="")
        if old and old != batch.file.name:
            batch.file.storage.delete(old)
    except Exception as exc:
        logger.exception("Certificate batch %s failed", batch_id)
        _update(batch_id, status=Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    return len(lines)


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
