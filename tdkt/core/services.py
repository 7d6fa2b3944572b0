"""Shared write helpers for the services of every app."""

from django.db import models

from tdkt.core.errors import ConcurrentEditError


def save_versioned(obj: models.Model, *, expected_version: int | None) -> None:
    """Save `obj` only if nobody saved it since the user read `expected_version`.

    Call inside a transaction. The row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
    IMMEDIATE transaction already serialises writers), the version compared, then saved with
    `lock_version + 1`, so two concurrent editors cannot both succeed and neither is silently lost.
    The normal save() lets the audit log record old → new values. `expected_version=None` skips the
    comparison (imports and system jobs) but still bumps the version.
    """
    current = (
        type(obj)._default_manager.select_for_update().values_list("lock_version", flat=True).get(pk=obj.pk)
    )
    if expected_version is not None and current != expected_version:
        raise ConcurrentEditError()
    obj.lock_version = current + 1
    obj.save()
