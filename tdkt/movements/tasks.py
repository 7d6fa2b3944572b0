"""Background job: the Word report of a sơ kết / tổng kết review (`MovementReview`), with progress.

`start_report` marks the review's report queued and enqueues `generate_review_report`; the worker (`tdkt
db_worker`, started by `make run`) gathers each section in turn, writing `report_done` after each so the
review's page can show the progress, then stores the .docx on the review. A failure marks it failed with its
error; starting again regenerates it (the data may have changed since).
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tdkt.movements import review_report
from tdkt.movements.models import MovementReview

logger = logging.getLogger(__name__)

Status = MovementReview.ReportStatus


def _update(review_id: int, **fields) -> None:
    MovementReview.objects.filter(pk=review_id).update(updated_at=timezone.now(), **fields)


@task()
def generate_review_report(review_id: int) -> int:
    """Render the review's report; returns the number of steps done."""
    total = len(review_report.STEPS)
    with transaction.atomic():
        review = (
            MovementReview.objects.select_for_update(of=("self",))
            .select_related("movement__launching_unit__parent")
            .get(pk=review_id)
        )
        _update(review_id, report_status=Status.RUNNING, report_total=total, report_done=0, report_error="")
    try:
        data = review_report.render(
            review, progress=lambda done: _update(review_id, report_done=min(done, total))
        )
        old = review.report.name
        review.report.save(review_report.file_name(review), ContentFile(data), save=False)
        _update(review_id, report_status=Status.DONE, report_done=total, report=review.report.name)
        if old and old != review.report.name:
            review.report.storage.delete(old)
    except Exception as exc:
        logger.exception("Movement review report %s failed", review_id)
        _update(review_id, report_status=Status.FAILED, report_error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    return total


def start_report(review: MovementReview, user) -> MovementReview:
    """Queue the (re)generation of the review's report for the worker."""
    if review.report_status in (Status.QUEUED, Status.RUNNING):
        return review
    _update(
        review.pk,
        report_status=Status.QUEUED,
        report_done=0,
        report_total=len(review_report.STEPS),
        report_error="",
        report_by=user,
    )
    review_id = review.pk

    def send():
        try:
            generate_review_report.enqueue(review_id)
        except Exception as exc:  # an immediate backend runs the job here; its failure is on the review
            logger.warning("Movement review report %s: %s", review_id, exc)

    transaction.on_commit(send)  # the worker must see the committed state
    review.refresh_from_db()
    return review
