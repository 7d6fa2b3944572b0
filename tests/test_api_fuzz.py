"""The whole API, fuzzed: schemathesis generates requests for every operation of the OpenAPI schema (GET,
POST, PATCH, PUT, DELETE) and sends them through the WSGI application; none may end in a server error, and
every refusal answers in the documented JSON error format (`detail`, a Vietnamese sentence; `code`).

- The schema is the one the product publishes (`SchemaGenerator`), so a new endpoint is fuzzed as soon as
  it exists.
- Per operation: the schema's own examples, schemathesis' boundary values of every parameter (the
  "coverage" phase: out-of-range numbers, wrong types, missing fields) and EXAMPLES generated requests.
- The callers take turns, one per request (admin, officer, leader, council member, union observer, staff
  member, an outsider officer of another unit, anonymous), so every role meets every kind of request over
  the run without multiplying its length.
- Writes happen inside the test's transaction, rolled back afterwards (the data: a small organisation with
  two people, made once per module and rolled back at the end).
- Deterministic: `derandomize` and no example database, so a failure reproduces run after run.
"""

import itertools
from datetime import date

import pytest
import schemathesis
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from conftest import make_user

pytestmark = pytest.mark.django_db

EXAMPLES = 3  # generated requests per operation, besides the examples and the boundary values
# (name, role, unit): the demo roles, and an officer of another unit.
CALLERS = (
    ("admin", "admin", "root"),
    ("officer", "officer", "a"),
    ("leader", "leader", "a"),
    ("council", "council", "root"),
    ("union", "union", "root"),
    ("staff", "staff", "a1"),
    ("outsider", "officer", "b"),
)


def _schema():
    import django

    django.setup()
    from config.wsgi import application

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


schema = _schema()


@pytest.fixture(scope="module")
def _keep_the_connection():
    """The requests go straight to the WSGI application, whose end-of-request signal would close the
    database connection under the test's transaction (PostgreSQL); Django's test client does the same."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def callers(django_db_setup, django_db_blocker, _keep_the_connection):
    """An API token per caller, and no token (anonymous); the organisation they belong to."""
    from rest_framework.authtoken.models import Token

    from tdkt.org import services
    from tdkt.org.models import UnitKind

    start = date(2020, 1, 1)
    with django_db_blocker.unblock(), transaction.atomic():
        root = services.create_unit(
            code="FZ", name="Cục Hải quan", kind=UnitKind.DEPARTMENT, parent=None, valid_from=start
        )
        units = {"root": root}
        units["a"] = services.create_unit(
            code="FZ-A", name="Chi cục A", kind=UnitKind.SUB_DEPARTMENT, parent=root, valid_from=start
        )
        units["a1"] = services.create_unit(
            code="FZ-A1", name="Đội A1", kind=UnitKind.TEAM, parent=units["a"], valid_from=start
        )
        units["b"] = services.create_unit(
            code="FZ-B", name="Chi cục B", kind=UnitKind.SUB_DEPARTMENT, parent=root, valid_from=start
        )
        for code, unit, given in (("FZ-001", units["a1"], "An"), ("FZ-002", units["b"], "Bình")):
            services.create_person(
                family_name="Nguyễn",
                middle_name="Văn",
                given_name=given,
                gender="nam",
                date_of_birth=date(1985, 4, 12),
                staff_code=code,
                unit=unit,
                since=start,
            )
        headers = [("anonymous", {})]
        for name, role, unit in CALLERS:
            user = make_user(f"fuzz_{name}", role=role, unit=units[unit])
            headers.append((name, {"Authorization": f"Token {Token.objects.create(user=user).key}"}))
        yield headers
        transaction.set_rollback(True)


def _documented_error(response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("detail"), str) and body["detail"] != ""


_turn = itertools.count()


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_ends_in_a_server_error(case, callers, db):
    role, headers = callers[next(_turn) % len(callers)]
    response = case.call(headers=headers)
    where = f"{role}: {case.method} {case.formatted_path} {case.query or ''} {str(case.body)[:200]}"
    assert response.status_code < 500, f"{where} → {response.status_code} {response.text[:300]}"
    if response.status_code >= 400 and response.status_code != 405:
        assert _documented_error(response), f"{where} → {response.status_code}: {response.text[:300]}"
