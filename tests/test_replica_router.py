"""Read routing to a reports replica (config/routers.py), tested with a second alias on the same database."""

from __future__ import annotations

import copy

import pytest
from django.db import connections, transaction
from django.test import RequestFactory

from config.routers import REPLICA, ReplicaReadsMiddleware, ReplicaRouter, reading_replica, replica_reads
from tdkt.awards.models import Award
from tdkt.org.models import Unit


@pytest.fixture
def replica_alias():
    """A `replica` alias whose settings are the default database's own (as `TEST: MIRROR` would make it)."""
    connections.settings[REPLICA] = copy.deepcopy(connections.settings["default"])
    try:
        yield REPLICA
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


def test_without_a_replica_the_router_leaves_every_read_to_the_default():
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Award) is None
    assert router.db_for_write(Award) == "default"


def test_reads_go_to_the_replica_only_inside_replica_reads(replica_alias):
    router = ReplicaRouter()
    assert router.db_for_read(Award) is None
    with replica_reads():
        assert router.db_for_read(Award) == REPLICA
        assert router.db_for_read(Unit) == REPLICA
        assert router.db_for_write(Award) == "default"
    assert not reading_replica()


def test_log_in_and_session_tables_stay_on_the_primary(replica_alias):
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session

    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(User) == "default"
        assert router.db_for_read(Session) == "default"


def test_migrations_never_run_on_the_replica():
    router = ReplicaRouter()
    assert router.allow_migrate(REPLICA, "awards") is False
    assert router.allow_migrate("default", "awards") is True


@pytest.fixture
def replica_db(transactional_db):
    """The alias added after the test database is set up (it is the same database)."""
    connections.settings[REPLICA] = copy.deepcopy(connections.settings["default"])
    connections[REPLICA].connect()  # opened here: the test case only fences off aliases not yet connected
    try:
        yield REPLICA
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


def test_a_query_inside_replica_reads_runs_on_the_replica_connection(replica_db, settings):
    settings.DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    Unit.objects.create(code="R1", kind="cuc", name="Cục thử bản sao", valid_from="2020-01-01")
    with replica_reads():
        queryset = Unit.objects.filter(code="R1")
        assert queryset.db == REPLICA
        assert [u.name for u in queryset] == ["Cục thử bản sao"]  # same database: the committed row is there
    assert Unit.objects.filter(code="R1").db == "default"


def test_inside_a_transaction_reads_stay_on_the_primary(replica_db, settings):
    settings.DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    with transaction.atomic(), replica_reads():
        Unit.objects.create(code="R2", kind="cuc", name="Cục vừa tạo", valid_from="2020-01-01")
        assert Unit.objects.filter(code="R2").db == "default"
        assert Unit.objects.filter(code="R2").exists()


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/reports/", True),
        ("GET", "/reports/forms/0602/export.xlsx", True),
        ("GET", "/api/reports/awards/", True),
        ("POST", "/reports/", False),
        ("GET", "/people/", False),
        ("GET", "/awards/", False),
    ],
)
def test_the_middleware_marks_only_report_reads(method, path, expected, settings):
    settings.TDKT_REPLICA_PATHS = ("/reports/", "/api/reports/")
    seen = []
    middleware = ReplicaReadsMiddleware(lambda request: seen.append(reading_replica()) or "ok")
    request = getattr(RequestFactory(), method.lower())(path)
    assert middleware(request) == "ok"
    assert seen == [expected]
    assert not reading_replica()


def test_settings_wire_the_replica_and_the_shared_cache_from_the_environment(tmp_path):
    """DATABASE_REPLICA_URL adds the alias, the router and the middleware; CACHE_BACKEND=database a shared cache."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
        "'aliases': sorted(settings.DATABASES), 'routers': settings.DATABASE_ROUTERS,"
        "'middleware': 'config.routers.ReplicaReadsMiddleware' in settings.MIDDLEWARE,"
        "'mirror': settings.DATABASES['replica']['TEST'].get('MIRROR'),"
        "'cache': settings.CACHES['default']['BACKEND']}))"
    )
    env = {
        **os.environ,
        "SECRET_KEY": "x",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'primary.sqlite3'}",
        "DATABASE_REPLICA_URL": f"sqlite:///{tmp_path / 'replica.sqlite3'}",
        "CACHE_BACKEND": "database",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {
        "aliases": ["default", "replica"],
        "routers": ["config.routers.ReplicaRouter"],
        "middleware": True,
        "mirror": "default",
        "cache": "django.core.cache.backends.db.DatabaseCache",
    }
