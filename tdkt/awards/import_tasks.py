"""Background job: a large award import (checking, then writing) with its progress on the page.

A file over `BACKGROUND_BYTES` is not checked in the request: the page saves it (as for every upload, in
MEDIA_ROOT/imports/<token>.xlsx), writes a state file beside it (`<token>.json`) and queues `run_import`,
which the worker (`tdkt db_worker`, started by `make run`) runs: `import_awards` reports its progress
("check", then "write") and the job writes it to the state, which the progress page polls. The state names
the user who uploaded; only they can follow it.

A worker killed in the middle of a job (SIGKILL, a crash, the machine restarted) leaves the state "running"
for ever. `recover_stale` (run by `tdkt awards recover`, which `make run` calls before the worker starts)
marks every job whose state has not been written for `core.tasks.stale_after()` as failed, with a
reason in Vietnamese, and the dead task row failed too; nothing was written (the writing is one
transaction), and the progress page offers to run the same job again (`retry`).
"""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tdkt.awards.importing import import_awards
from tdkt.core import tasks as core_tasks

logger = logging.getLogger(__name__)
BACKGROUND_BYTES = 1024 * 1024  # ≈ 25,000 rows; smaller files are checked in the request
SAVE_EVERY = 1.0  # seconds between two writes of the progress
WORKER_LOST = (
    "Tiến trình nền đã dừng đột ngột khi đang chạy lần nhập này; chưa có dữ liệu nào được ghi. "
    "Hãy bấm «Chạy lại» để chạy lại với cùng tệp."
)


def folder() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _state_path(token: str) -> Path:
    return folder() / f"{token}.json"


def read_state(token: str) -> dict | None:
    path = _state_path(token)
    if not token.isalnum() or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_state(token: str, state: dict) -> None:
    """Written whole to a temporary file, then renamed: the page never reads half a state."""
    path = _state_path(token)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def drop_state(token: str) -> None:
    _state_path(token).unlink(missing_ok=True)


@task()
def run_import(token: str) -> int | None:
    """Check (and, unless a dry run, write) the uploaded file of `token`; returns the ImportBatch id."""
    from django.contrib.auth import get_user_model

    state = read_state(token)
    if state is None or state["status"] in ("done", "failed"):
        return None
    state.update(status="running", stage="check", done=0, total=0)
    write_state(token, state)
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != state["stage"] or done == total or now - last[0] >= SAVE_EVERY:
            last[0] = now
            state.update(stage=stage, done=done, total=total)
            write_state(token, state)

    try:
        actor = get_user_model().objects.get(pk=state["user_id"])
        report = import_awards(
            (folder() / f"{token}.xlsx").read_bytes(),
            file_name=state["file_name"],
            actor=actor,
            dry_run=state["dry_run"],
            resolutions=state.get("resolutions") or {},
            progress=progress,
        )
    except Exception as exc:
        logger.exception("Award import %s failed", token)
        state.update(status="failed", error=f"{type(exc).__name__}: {exc}"[:500])
        write_state(token, state)
        raise
    state.update(status="done", batch_id=report.batch_id, outcome=report.outcome, summary=report.summary())
    write_state(token, state)
    return report.batch_id


def recover_stale(*, older_than: timedelta | None = None) -> list[str]:
    """Mark failed every job left "running" by a worker that died; returns their tokens.

    A live run writes its state as it checks rows and writes chunks (at most once per `SAVE_EVERY` seconds),
    so a state file untouched for `older_than` (default `core.tasks.stale_after()`, 10 minutes) has no worker. The job
    is not queued again on its own: the user runs it again from the progress page (`retry`), which checks
    the file first and, the import being idempotent, writes nothing twice.
    """
    age = older_than if older_than is not None else core_tasks.stale_after()
    cutoff = time.time() - age.total_seconds()
    lost = []
    for path in sorted(folder().glob("*.json")):
        token = path.stem
        try:
            state = read_state(token)
            stale = path.stat().st_mtime < cutoff
        except (OSError, ValueError):
            continue
        if state is None or state.get("status") != "running" or not stale:
            continue
        state.update(status="failed", error="worker lost", reason=WORKER_LOST)
        write_state(token, state)
        lost.append(token)
        logger.warning("Award import %s: worker lost, marked failed", token)
    core_tasks.fail_lost_results(run_import, started_before=timezone.now() - age)
    return lost


def retry(token: str, *, user) -> None:
    """Queue again a failed job of `user` with the same file and choices (a check stays a check)."""
    state = read_state(token)
    if state is None or state["status"] != "failed" or state["user_id"] != user.pk:
        raise ValueError("Chỉ chạy lại được lần nhập đang ở trạng thái lỗi.")
    start(
        token=token,
        file_name=state["file_name"],
        user=user,
        dry_run=state["dry_run"],
        resolutions=state.get("resolutions"),
    )


def start(*, token: str, file_name: str, user, dry_run: bool, resolutions: dict | None = None) -> None:
    """Queue the check (or the import) of the file already saved under `token`."""
    write_state(
        token,
        {
            "status": "queued",
            "stage": "check",
            "done": 0,
            "total": 0,
            "file_name": file_name,
            "user_id": user.pk,
            "dry_run": dry_run,
            "resolutions": resolutions or {},
            "batch_id": None,
            "outcome": "",
            "summary": "",
            "error": "",
        },
    )

    def send():
        try:
            run_import.enqueue(token)
        except Exception as exc:  # an immediate backend runs the job here; its failure is in the state
            logger.warning("Award import %s: %s", token, exc)

    transaction.on_commit(send)
