"""What the background jobs share: when a job counts as abandoned, and the queue's records of a dead worker.

A live job writes its progress at least every few seconds; one untouched for `stale_after()`
(`TDKT_TASK_STALE_MINUTES`, 10 by default) has no worker any more. `fail_lost_results` marks the task results
such a worker left "running" as failed, so that the queue's own records tell the truth; each app then decides
what its job becomes (certificate batches are queued again, award imports are offered a retry).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def stale_after() -> timedelta:
    return timedelta(minutes=getattr(settings, "TDKT_TASK_STALE_MINUTES", 10))


def fail_lost_results(task, *, started_before: datetime) -> int:
    """Mark failed the results of `task` still "running" that started before `started_before`."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path=task.module_path, started_at__lt=started_before
    ).update(status=TaskResultStatus.FAILED, finished_at=timezone.now(), exception_class_path="worker lost")
