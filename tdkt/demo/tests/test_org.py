"""`tdkt demo load`: the demo organisation, its 01/03/2025 restructuring, people and accounts."""

import io
import unicodedata
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.core.text import fold
from tdkt.demo import org as demo
from tdkt.org.models import Membership, Person, Position, RoleAssignment, Unit, UnitEvent, UnitVersion
from tdkt.org.permissions import requires_second_factor
from tdkt.org.selectors import flatten, people_in, scope_ids, successors, tree_on

pytestmark = pytest.mark.django_db

SIZE = "300"


def _load() -> str:
    out = io.StringIO()
    call_command("demo", "load", "--people", SIZE, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Load once for the module, inside a transaction rolled back at the end (like setUpTestData)."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _load()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_loaded, db) -> str:
    return _loaded


def _counts() -> dict[str, int]:
    models = (Unit, UnitVersion, UnitEvent, Person, Membership, Position, RoleAssignment, get_user_model())
    return {m.__name__: m.objects.count() for m in models}


def _names_on(day: date) -> set[str]:
    return {node.name for node in flatten(tree_on(day))}


def test_second_load_changes_nothing(loaded):
    first = loaded
    counts = _counts()
    assert counts["Person"] == int(SIZE) + len(demo.D.NAMED_PEOPLE)
    second = _load()
    assert _counts() == counts
    assert "tdkt-demo-2026" in first and "tdkt-demo-2026" in second
    assert "canbo.langson" in second


def test_restructuring_of_1_march_2025(loaded):
    before, after = _names_on(date(2024, 6, 30)), _names_on(date(2026, 1, 1))
    assert {"Tổng cục Hải quan", "Cục Hải quan Lạng Sơn", "Cục Điều tra chống buôn lậu"} <= before
    assert "Chi cục Hải quan khu vực VI" not in before
    assert {"Cục Hải quan", "Chi cục Hải quan khu vực VI", "Chi cục Điều tra chống buôn lậu"} <= after
    assert "Cục Hải quan Lạng Sơn" not in after and "Tổng cục Hải quan" not in after

    lang_son = Unit.objects.get(name="Cục Hải quan Lạng Sơn")
    region = Unit.objects.get(code="HQKV06")
    assert successors(lang_son) == [region]
    assert lang_son.valid_to == date(2025, 3, 1)
    assert UnitEvent.objects.filter(kind="merge", decision="382/QĐ-BTC", links__unit=lang_son).exists()
    # Renaming keeps the identity of the general department.
    hq = Unit.objects.get(code="HQ")
    assert hq.name == "Cục Hải quan" and hq.valid_to is None
    assert [v.name for v in hq.versions.order_by("valid_from")][-2:] == ["Tổng cục Hải quan", "Cục Hải quan"]
    # Two provincial departments formed khu vực IX.
    quang_binh = Unit.objects.get(name="Cục Hải quan Quảng Bình")
    quang_tri = Unit.objects.get(name="Cục Hải quan Quảng Trị")
    assert successors(quang_binh) == successors(quang_tri) == [Unit.objects.get(code="HQKV09")]
    # Lạng Sơn's staff are now under the regional unit; its border offices are below it.
    assert people_in(scope_ids([region.pk]), on=date(2026, 1, 1)).count() > 20
    border = {node.name for node in flatten(tree_on(date(2026, 1, 1), root=region))}
    assert "Hải quan cửa khẩu quốc tế Hữu Nghị" in border


def test_named_people_accounts_and_text(loaded):
    an = Person.objects.get(search_text__contains=fold("nguyen van an"), staff_code="HQ000001")
    assert an.full_name == "Nguyễn Văn An"
    assert Person.objects.filter(full_name="Nguyễn Văn An").count() == 1
    # In Chi cục Hải quan khu vực VI from the restructuring; the workflow demo (tdkt.demo.proposals) then
    # moves him to Đội Thủ tục of Hải quan cửa khẩu Tân Thanh on 01/07/2025, so that office can propose him.
    assert an.memberships.filter(unit__code="HQKV06", valid_from=date(2025, 3, 1)).exists()
    assert an.memberships.get(valid_to__isnull=True).unit.code == "HQ15B2-D1"
    assert an.memberships.filter(unit__name="Cục Hải quan Lạng Sơn", valid_to=date(2025, 3, 1)).exists()
    assert Person.objects.filter(search_text__contains=fold("Đỗ Đức")).exists()
    assert Person.objects.filter(search_text__startswith="dang ").exists()

    users = {u.username: u for u in get_user_model().objects.all()}
    for account in demo.ACCOUNTS:
        user = users[account.username]
        assert user.check_password("tdkt-demo-2026")
        held = set(RoleAssignment.objects.filter(user=user).values_list("role", "unit__code"))
        assert held == {(account.role, code) for code in account.scope}
    assert users["admin"].is_superuser
    assert users["nhanvien"].person == an

    for text in [
        *Person.objects.values_list("full_name", flat=True),
        *UnitVersion.objects.values_list("name", flat=True),
    ]:
        assert text == unicodedata.normalize("NFC", text)
    for person in Person.objects.all()[:50]:
        stored = (person.full_name, person.search_text, person.sort_key)
        person.save()
        assert (person.full_name, person.search_text, person.sort_key) == stored


def test_memberships_are_consistent(loaded):
    assert not Membership.objects.filter(valid_to__isnull=False, valid_to__lte=F("valid_from")).exists()
    for membership in Membership.objects.select_related("unit"):
        assert membership.unit.valid_from <= membership.valid_from
        if membership.valid_to is None:
            assert membership.unit.valid_to is None, membership
    heads = Membership.objects.filter(
        valid_to__isnull=True, position__code="chi_cuc_truong", unit__code="HQKV06"
    )
    assert heads.count() == 1


def test_the_officer_accounts_enrol_with_the_demos_one_time_code(loaded):
    users = list(get_user_model().objects.filter(username__in=[a.username for a in demo.ACCOUNTS]))
    needing = [u for u in users if requires_second_factor(u)]
    assert needing and len(needing) < len(users)
    for user in users:
        codes = StaticDevice.objects.filter(user=user)
        if user in needing:
            assert codes.get().token_set.get().token == demo.ENROLMENT_CODE
            assert not TOTPDevice.objects.get(user=user).confirmed
        else:
            assert not codes.exists()
    # an account that enrolled keeps its phone when the demo is loaded again
    enrolled = needing[0]
    TOTPDevice.objects.filter(user=enrolled).update(confirmed=True)
    StaticDevice.objects.filter(user=enrolled).delete()
    demo.load_accounts()
    assert (
        TOTPDevice.objects.get(user=enrolled).confirmed
        and not StaticDevice.objects.filter(user=enrolled).exists()
    )
