"""The whole API, fuzzed: schemathesis generates requests for every operation of the OpenAPI schema and
sends them as each role (and anonymously) through the WSGI application; none may end in a server error,
and every refusal answers in the documented JSON error format.

The schema is the one the product publishes (`SchemaGenerator`), so a new endpoint is fuzzed as soon as
it exists. Examples are derived deterministically (`derandomize`) so a failure reproduces.
"""

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from conftest import make_user

pytestmark = pytest.mark.django_db

EXAMPLES = (
    4  # generated per operation (besides the schema's examples and boundary values); every caller sees each
)
# (name, role, unit attribute of the `org` fixture): the demo roles, and an officer of another unit.
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


@pytest.fixture
def callers(org):
    """An API token per caller, and no token (anonymous)."""
    from rest_framework.authtoken.models import Token

    headers = {"anonymous": {}}
    for name, role, unit in CALLERS:
        user = make_user(f"fuzz_{name}", role=role, unit=getattr(org, unit))
        headers[name] = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    return headers


def _documented_error(response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("detail"), str) and body["detail"] != ""


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_ends_in_a_server_error(case, callers):
    for role, headers in callers.items():
        response = case.call(headers=headers)
        where = f"{role}: {case.method} {case.formatted_path} {case.query or ''}"
        assert response.status_code < 500, f"{where} → {response.status_code} {response.text[:300]}"
        if response.status_code >= 400 and response.status_code != 405:
            assert _documented_error(response), f"{where} → {response.status_code}: {response.text[:300]}"
