"""Bulk writes that still reach the audit log.

`QuerySet.bulk_create` sends no `post_save`, so django-auditlog never sees the rows it writes. For the writes
that create many rows at once (the participants and notices of a launch, the titles of a registration, the
scores of an inspection) `bulk_create_logged` writes the rows in bulk, then their CREATE entries in bulk too,
in the same transaction: two inserts instead of one per row and one per entry. The entries are the ones the
signal would have written (changes from `auditlog.diff.model_instance_diff`, correlation id), and the actor and
remote address set by `auditlog.context.set_actor` (the middleware, the API) reach them through the same
`pre_save` receiver that sets them on a single entry."""

from __future__ import annotations

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str


def bulk_create_logged(model, objs: list, *, batch_size: int = 500) -> list:
    """`model.objects.bulk_create(objs)` plus one CREATE log entry per row, both in bulk. The rows must get
    their primary keys back (PostgreSQL, SQLite ≥ 3.35), so `ignore_conflicts` is not offered: leave out
    existing rows before calling."""
    created = model.objects.bulk_create(objs, batch_size=batch_size)
    if not created or auditlog_disabled.get() or not auditlog.contains(model):
        return created
    content_type = ContentType.objects.get_for_model(model)
    cid = get_cid()
    json_changes = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    using = router.db_for_write(LogEntry)
    entries = []
    for obj in created:
        if obj.pk is None:  # a backend that does not return keys: nothing to point the entry at
            raise RuntimeError(f"bulk_create_logged: {model.__name__} rows came back without keys")
        entry = LogEntry(
            content_type=content_type,
            object_pk=smart_str(obj.pk),
            object_id=obj.pk if isinstance(obj.pk, int) else None,
            object_repr=smart_str(obj),
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, obj, use_json_for_changes=json_changes),
            cid=cid,
        )
        # what a single save would do: the context's receiver sets the actor and the remote address
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None)
        entries.append(entry)
    LogEntry.objects.bulk_create(entries, batch_size=batch_size)
    return created
