"""Cross-app fixtures: the personas every feature test speaks of.

- `officer_a`: cán bộ TĐKT of unit A (Chi cục A), with a verified second factor;
- `leader_a`: leader of unit A;
- `outsider_b`: cán bộ TĐKT of unit B, who must not see anything of A;
- `admin_user`: administrator of the whole system;
- `staff_a`: a staff member of team A1 who sees only their own record.
"""

import os
from datetime import date

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("AXES_ENABLED", "true")

PASSWORD = "mat-khau-Thu-nghiem-2026"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TDKT_BALLOT_KEY_BITS = 512  # ballot-box keys: quick to make in tests
    settings.TDKT_SIGN_IN_RATE = 0  # no per-address sign-in limit (tests/test_hardening.py turns it on)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def seed_reference_data() -> None:
    """The rows the data migrations create (catalogue, base salaries, issuers, holidays), idempotently.

    A transactional test flushes every table when it ends, data migrations' rows included; tests that
    come after it on the same database need them back."""
    from importlib import import_module

    from django.apps import apps

    from tdkt.awards.catalogue import seed

    seed(apps)
    import_module("tdkt.decisions.migrations.0003_seed_issuers").seed(apps, None)
    import_module("tdkt.proposals.migrations.0002_holidays").seed(apps, None)


@pytest.fixture(autouse=True)
def _reference_data(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback")
    )
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        seed_reference_data()


@pytest.fixture
def org(db):
    """A small tree: the department, sub-departments A and B, team A1 under A."""
    from tdkt.org import services
    from tdkt.org.models import UnitKind

    start = date(2020, 1, 1)
    root = services.create_unit(
        code="HQ", name="Cục Hải quan", kind=UnitKind.DEPARTMENT, parent=None, valid_from=start
    )
    unit_a = services.create_unit(
        code="A", name="Chi cục Hải quan A", kind=UnitKind.SUB_DEPARTMENT, parent=root, valid_from=start
    )
    team_a1 = services.create_unit(
        code="A1", name="Đội Nghiệp vụ A1", kind=UnitKind.TEAM, parent=unit_a, valid_from=start
    )
    unit_b = services.create_unit(
        code="B", name="Chi cục Hải quan B", kind=UnitKind.SUB_DEPARTMENT, parent=root, valid_from=start
    )
    return type("Org", (), {"root": root, "a": unit_a, "a1": team_a1, "b": unit_b})


def make_user(username: str, *, role: str | None = None, unit=None, superuser: bool = False):
    from django.contrib.auth.models import User

    from tdkt.org import services

    user = User.objects.create_user(
        username=username, password=PASSWORD, is_superuser=superuser, is_staff=superuser
    )
    if role:
        services.assign_role(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def person_a(org):
    from tdkt.org import services

    return services.create_person(
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        gender="nam",
        date_of_birth=date(1985, 4, 12),
        staff_code="A-001",
        unit=org.a1,
        since=date(2020, 1, 1),
    )


@pytest.fixture
def person_b(org):
    from tdkt.org import services

    return services.create_person(
        family_name="Trần",
        middle_name="Thị",
        given_name="Bình",
        gender="nu",
        date_of_birth=date(1990, 9, 2),
        staff_code="B-001",
        unit=org.b,
        since=date(2020, 1, 1),
    )


@pytest.fixture
def officer_a(org):
    return make_user("officer_a", role="officer", unit=org.a)


@pytest.fixture
def leader_a(org):
    return make_user("leader_a", role="leader", unit=org.a)


@pytest.fixture
def outsider_b(org):
    return make_user("outsider_b", role="officer", unit=org.b)


@pytest.fixture
def admin_user(org):
    return make_user("admin", role="admin", unit=org.root, superuser=True)


@pytest.fixture
def staff_a(org, person_a):
    user = make_user("staff_a", role="staff", unit=org.a1)
    person_a.user = user
    person_a.save()
    return user


def login(client, user):
    """Log `user` in with a verified second factor, as after a real TOTP check."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def as_user(client):
    """`as_user(officer_a).get(url)`: a test client logged in as the persona."""

    def _as(user):
        return login(client, user)

    return _as
