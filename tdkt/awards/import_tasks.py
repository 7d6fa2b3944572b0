"""Background job: a large award import (checking, then writing) with its progress on the page.

A file over `BACKGROUND_BYTES` is not checked in the request: the page saves it (as for every upload, in
MEDIA_ROOT/imports/<token>.xlsx), writes a state file beside it (`<token>.json`) and queues `run_import`,
which the worker (`tdkt db_worker`, started by `make run`) runs: `import_awards` reports its progress
("check", then "write") and the job writes it to the state, which the progress page polls. The state names
the user who uploaded; only they can follow it.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task

from tdkt.awards.importing import import_awards

logger = logging.getLogger(__name__)
BACKGROUND_BYTES = 1024 * 1024  # ≈ 25,000 rows; smaller files are checked in the request
SAVE_EVERY = 1.0  # seconds between two writes of the progress


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
