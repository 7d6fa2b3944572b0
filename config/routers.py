"""Read routing: reports read from a streaming replica of the database when one is configured.

With `DATABASE_REPLICA_URL` set, settings add a `replica` alias, `ReplicaRouter` to `DATABASE_ROUTERS` and
`ReplicaReadsMiddleware` to the middleware. A GET or HEAD request whose path starts with one of
`TDKT_REPLICA_PATHS` (the reports pages, their exports and the report API) then reads the award history
from the replica; everything else, every write, and the tables of log-in and sessions (which a replica lags
behind: a user who has just logged in must not look logged out) stay on the primary. Code may also mark a
block itself:

    from config.routers import replica_reads

    with replica_reads():
        rows = list(Award.objects.filter(...))   # on the replica when there is one

Without a replica the router answers None everywhere (Django's default routing: one database).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction

REPLICA = "replica"
# Apps whose tables are never read from the replica: log-in, sessions, lock-outs, second factors, tasks.
PRIMARY_ONLY_APPS = frozenset(
    {
        "auth",
        "sessions",
        "axes",
        "otp_totp",
        "otp_static",
        "django_otp",
        "django_tasks_db",
        "admin",
        "django_cache",
    }
)

_replica_reads: ContextVar[bool] = ContextVar("tdkt_replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within the block, reads of the award history go to the replica (when there is one)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def reading_replica() -> bool:
    return _replica_reads.get()


class ReplicaRouter:
    """Reads inside `replica_reads()` go to the replica; writes, migrations and everything else to the
    primary. Inside a transaction on the primary, reads stay on the primary (they must see its writes)."""

    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or not replica_configured():
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        if transaction.get_connection("default").in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: objects of both may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Marks the reads of GET/HEAD requests to the report paths for the replica."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "TDKT_REPLICA_PATHS", ()))

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info.startswith(self.prefixes):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
