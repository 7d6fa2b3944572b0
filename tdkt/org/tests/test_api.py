"""The organisation API: every endpoint works, refuses the wrong method, hides what is out of scope."""

import time
from datetime import date

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import PASSWORD, login, make_user
from tdkt.org import services
from tdkt.org.models import Person, Position, Unit, UnitKind

pytestmark = pytest.mark.django_db

RENAMED_ON = date(2024, 1, 1)
NEW_NAME_A = "Chi cục Hải quan khu vực A"


@pytest.fixture
def api():
    """`api(user)`: the test's API client, now authenticated as `user` (None: anonymous).

    One client per test: each new client builds the middleware chain again, which is slow."""
    client = APIClient()

    def _api(user=None):
        client.force_authenticate(user)
        return client

    return _api


@pytest.fixture
def renamed_a(org):
    return services.rename_unit(
        unit=org.a, name=NEW_NAME_A, on=RENAMED_ON, decision="QĐ 1/2024", expected_version=org.a.lock_version
    )


@pytest.fixture
def many_people(org):
    """35 people in team A1 (each with a post) and 5 in B."""
    post = Position.objects.create(code="chuyen-vien", name="Chuyên viên")
    people = [
        services.create_person(
            family_name="Lê",
            middle_name="Văn",
            given_name=f"Người {i:02d}",
            gender="nam",
            unit=org.a1,
            position=post,
            since=date(2021, 1, 1),
        )
        for i in range(35)
    ]
    for i in range(5):
        services.create_person(
            family_name="Phạm",
            middle_name="Thị",
            given_name=f"Bê {i}",
            gender="nu",
            unit=org.b,
            since=date(2021, 1, 1),
        )
    return people


def ids(response):
    return sorted(row["id"] for row in response.json()["results"])


def codes(rows):
    return [row["code"] for row in rows]


def assert_404(response, message="Không tìm thấy"):
    assert response.status_code == 404, response.content
    assert message in response.json()["detail"]


def assert_401(response):
    assert response.status_code == 401, response.content
    assert response.json()["detail"] == "Chưa đăng nhập hoặc mã truy cập (token) không hợp lệ."


def assert_405(response):
    assert response.status_code == 405, response.content
    assert response.json()["detail"] == "Phương thức không được hỗ trợ."


# Token ----------------------------------------------------------------------------------------------

TOKEN_URL = "/api/auth/token/"


def totp_code(user) -> str:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def test_token_obtain_and_use(leader_a, org):
    response = APIClient().post(TOKEN_URL, {"username": "leader_a", "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    assert token == Token.objects.get(user=leader_a).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    units = client.get("/api/units/")
    assert units.status_code == 200
    assert codes(units.json()["results"]) == ["A", "A1"]


def test_token_wrong_password(leader_a):
    response = APIClient().post(
        TOKEN_URL, {"username": "leader_a", "password": "sai-mat-khau"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert not Token.objects.exists()


def test_token_missing_fields(db):
    response = APIClient().post(TOKEN_URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"username", "password"}


def test_token_wrong_method(db):
    assert_405(APIClient().get(TOKEN_URL))


def test_token_locked_out_after_repeated_failures(leader_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = APIClient()
    for _attempt in range(3):
        client.post(TOKEN_URL, {"username": "leader_a", "password": "sai"}, format="json")
    response = client.post(TOKEN_URL, {"username": "leader_a", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "tạm bị khóa" in response.json()["detail"]
    assert not Token.objects.exists()


def test_token_for_officer_needs_second_factor(officer_a, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would otherwise delay the right one
    client = APIClient()
    no_device = client.post(TOKEN_URL, {"username": "officer_a", "password": PASSWORD}, format="json")
    assert no_device.status_code == 400
    assert "xác thực hai lớp" in no_device.json()["detail"]
    code = totp_code(officer_a)
    wrong = client.post(
        TOKEN_URL, {"username": "officer_a", "password": PASSWORD, "otp": "000000"}, format="json"
    )
    if code != "000000":
        assert wrong.status_code == 400
        assert "otp" in wrong.json()["errors"]
    ok = client.post(TOKEN_URL, {"username": "officer_a", "password": PASSWORD, "otp": code}, format="json")
    assert ok.status_code == 200, ok.content


def test_invalid_token_is_401(org):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token khong-hop-le")
    assert_401(client.get("/api/units/"))


def test_session_needs_verified_second_factor(client, officer_a):
    client.force_login(officer_a)
    response = client.get("/api/units/")
    assert response.status_code == 403
    assert "xác thực hai lớp" in response.json()["detail"]
    login(client, officer_a)
    assert client.get("/api/units/").status_code == 200


# Units ----------------------------------------------------------------------------------------------


def test_unit_list(api, org, officer_a, outsider_b, admin_user):
    response = api(officer_a).get("/api/units/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first == {
        "id": org.a.pk,
        "code": "A",
        "name": "Chi cục Hải quan A",
        "short_name": "",
        "kind": "chi_cuc",
        "kind_label": "Chi cục",
        "parent": org.root.pk,
        "valid_from": "2020-01-01",
        "valid_to": None,
        "lock_version": org.a.lock_version,
        "url": f"http://testserver/api/units/{org.a.pk}/",
    }
    assert codes(api(outsider_b).get("/api/units/").json()["results"]) == ["B"]
    assert codes(api(admin_user).get("/api/units/").json()["results"]) == ["A", "A1", "B", "HQ"]


def test_unit_list_wrong_method_and_anonymous(api, officer_a):
    assert_405(api(officer_a).post("/api/units/", {"code": "X"}, format="json"))
    assert_401(api().get("/api/units/"))


def test_unit_list_filters(api, org, admin_user, renamed_a):
    client = api(admin_user)
    assert codes(client.get("/api/units/", {"q": "hai quan b"}).json()["results"]) == ["B"]
    assert codes(client.get("/api/units/", {"kind": "doi"}).json()["results"]) == ["A1"]
    assert codes(client.get("/api/units/", {"under": org.a.pk}).json()["results"]) == ["A", "A1"]
    assert codes(client.get("/api/units/", {"on": "2019-06-01"}).json()["results"]) == []
    services.dissolve_unit(unit=org.a1, on=date(2025, 1, 1))
    assert codes(client.get("/api/units/", {"active": "true"}).json()["results"]) == ["A", "B", "HQ"]
    assert codes(client.get("/api/units/", {"active": "false"}).json()["results"]) == ["A1"]
    bad = client.get("/api/units/", {"on": "hôm qua"})
    assert bad.status_code == 400
    assert "on" in bad.json()["errors"]


def test_unit_retrieve(api, org, officer_a, outsider_b):
    response = api(officer_a).get(f"/api/units/{org.a1.pk}/")
    assert response.status_code == 200
    assert response.json()["name"] == "Đội Nghiệp vụ A1"
    assert response.json()["parent"] == org.a.pk
    assert_405(api(officer_a).delete(f"/api/units/{org.a1.pk}/"))
    assert_404(api(outsider_b).get(f"/api/units/{org.a1.pk}/"), "Không tìm thấy đơn vị.")
    assert_404(api(officer_a).get("/api/units/999999/"))
    assert_401(api().get(f"/api/units/{org.a1.pk}/"))


def test_unit_retrieve_ignores_list_filters(api, org, officer_a):
    assert api(officer_a).get(f"/api/units/{org.a.pk}/", {"on": "2019-01-01"}).status_code == 200


def test_unit_tree(api, org, officer_a, outsider_b, admin_user):
    tree = api(officer_a).get("/api/units/tree/")
    assert tree.status_code == 200
    (root,) = tree.json()
    assert (root["code"], root["depth"]) == ("A", 0)
    assert [(c["code"], c["depth"], c["children"]) for c in root["children"]] == [("A1", 1, [])]
    assert codes(api(outsider_b).get("/api/units/tree/").json()) == ["B"]
    (hq,) = api(admin_user).get("/api/units/tree/").json()
    assert codes(hq["children"]) == ["A", "B"]
    assert_405(api(officer_a).post("/api/units/tree/"))
    assert_401(api().get("/api/units/tree/"))


def test_unit_tree_on_a_date_before_a_rename_shows_the_old_name(api, org, officer_a, renamed_a):
    before = api(officer_a).get("/api/units/tree/", {"on": "2023-06-01"}).json()
    after = api(officer_a).get("/api/units/tree/", {"on": "2024-06-01"}).json()
    assert before[0]["name"] == "Chi cục Hải quan A"
    assert after[0]["name"] == NEW_NAME_A
    assert api(officer_a).get("/api/units/tree/", {"on": "2019-01-01"}).json() == []
    assert api(officer_a).get("/api/units/tree/", {"on": "01/01/2024"}).status_code == 400


def test_unit_subtree(api, org, officer_a, outsider_b, renamed_a):
    url = f"/api/units/{org.a.pk}/subtree/"
    rows = api(officer_a).get(url, {"on": "2023-06-01"}).json()
    assert [(r["code"], r["name"], r["parent"]) for r in rows] == [
        ("A", "Chi cục Hải quan A", org.root.pk),
        ("A1", "Đội Nghiệp vụ A1", org.a.pk),
    ]
    assert api(officer_a).get(url).json()[0]["name"] == NEW_NAME_A
    assert_405(api(officer_a).post(url))
    assert_404(api(outsider_b).get(url))
    assert_401(api().get(url))


def test_unit_successors(api, org, officer_a, outsider_b):
    merged_into = services.merge_units(
        units=[org.a1],
        into=services.NewUnit(code="A2", name="Đội Tổng hợp A2", kind=UnitKind.TEAM),
        parent=org.a,
        on=date(2024, 1, 1),
    )
    url = f"/api/units/{org.a1.pk}/successors/"
    response = api(officer_a).get(url)
    assert response.status_code == 200
    assert [(u["id"], u["code"]) for u in response.json()] == [(merged_into.pk, "A2")]
    assert codes(api(officer_a).get(f"/api/units/{org.a.pk}/successors/").json()) == ["A"]
    assert_405(api(officer_a).post(url))
    assert_404(api(outsider_b).get(url))
    assert_401(api().get(url))


def test_unit_history(api, org, officer_a, outsider_b, renamed_a):
    url = f"/api/units/{org.a.pk}/history/"
    body = api(officer_a).get(url).json()
    assert body["unit"]["code"] == "A"
    assert [(v["name"], v["valid_from"], v["valid_to"]) for v in body["versions"]] == [
        (NEW_NAME_A, "2024-01-01", None),
        ("Chi cục Hải quan A", "2020-01-01", "2024-01-01"),
    ]
    assert body["versions"][0]["parent"] == {"id": org.root.pk, "name": "Cục Hải quan"}
    rename, establish = body["events"]
    assert (rename["kind"], rename["kind_label"], rename["decision"]) == ("rename", "Đổi tên", "QĐ 1/2024")
    assert codes(rename["predecessors"]) == codes(rename["successors"]) == ["A"]
    assert (establish["kind"], establish["predecessors"], codes(establish["successors"])) == (
        "establish",
        [],
        ["A"],
    )
    assert_405(api(officer_a).delete(url))
    assert_404(api(outsider_b).get(url))
    assert_401(api().get(url))


def test_unit_rename(api, org, officer_a):
    url = f"/api/units/{org.a.pk}/rename/"
    version = api(officer_a).get(f"/api/units/{org.a.pk}/").json()["lock_version"]
    response = api(officer_a).post(
        url,
        {"name": NEW_NAME_A, "on": "2024-01-01", "decision": "QĐ 9", "lock_version": version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["name"] == NEW_NAME_A
    assert response.json()["lock_version"] == version + 1
    org.a.refresh_from_db()
    assert org.a.name == NEW_NAME_A
    assert org.a.versions.count() == 2
    from auditlog.models import LogEntry

    assert LogEntry.objects.filter(object_pk=str(org.a.pk), actor=officer_a).exists()


def test_unit_rename_refusals(api, org, officer_a, leader_a, outsider_b):
    url = f"/api/units/{org.a.pk}/rename/"
    body = {"name": "Tên mới", "on": "2024-01-01", "lock_version": org.a.lock_version}
    forbidden = api(leader_a).post(url, body, format="json")
    assert forbidden.status_code == 403
    assert forbidden.json()["detail"] == "Bạn không có quyền sửa đơn vị này."
    assert_404(api(outsider_b).post(url, body, format="json"))
    assert_401(api().post(url, body, format="json"))
    assert_405(api(officer_a).get(url))
    # the root is visible to no one under A: 404, not 403
    assert_404(api(officer_a).post(f"/api/units/{org.root.pk}/rename/", body, format="json"))
    org.a.refresh_from_db()
    assert org.a.name == "Chi cục Hải quan A"


def test_unit_rename_validation_and_conflict(api, org, officer_a):
    url = f"/api/units/{org.a.pk}/rename/"
    client = api(officer_a)
    missing = client.post(url, {"name": "Tên mới"}, format="json")
    assert missing.status_code == 400
    assert {"on", "lock_version"} <= set(missing.json()["errors"])
    too_early = client.post(
        url, {"name": "Tên mới", "on": "2020-01-01", "lock_version": org.a.lock_version}, format="json"
    )
    assert too_early.status_code == 400
    assert too_early.json()["detail"] == "Ngày hiệu lực phải sau 01/01/2020, ngày bắt đầu của tên hiện tại."
    stale = org.a.lock_version
    assert (
        client.post(
            url, {"name": "Tên 1", "on": "2023-01-01", "lock_version": stale}, format="json"
        ).status_code
        == 200
    )
    conflict = client.post(url, {"name": "Tên 2", "on": "2024-01-01", "lock_version": stale}, format="json")
    assert conflict.status_code == 409
    assert conflict.json() == {
        "detail": "Dữ liệu đã được người khác sửa sau khi bạn mở trang. Hãy tải lại trang và nhập lại thay đổi.",
        "code": "concurrent_edit",
    }
    org.a.refresh_from_db()
    assert org.a.name == "Tên 1"
    assert org.a.versions.count() == 2


def test_unit_list_query_count(api, org, officer_a, admin_user, django_assert_max_num_queries):
    for i in range(40):
        services.create_unit(
            code=f"A1-{i:02d}",
            name=f"Tổ {i}",
            kind=UnitKind.GROUP,
            parent=org.a1,
            valid_from=date(2021, 1, 1),
        )
    for user, expected in ((officer_a, 42), (admin_user, 44)):
        client = api(user)
        with django_assert_max_num_queries(6):
            response = client.get("/api/units/", {"page_size": 100})
        assert response.json()["count"] == expected
    with django_assert_max_num_queries(6):
        tree = api(officer_a).get("/api/units/tree/").json()
    assert len(tree[0]["children"][0]["children"]) == 40


# People ---------------------------------------------------------------------------------------------


def test_person_list(api, person_a, person_b, officer_a, outsider_b, admin_user, staff_a):
    response = api(officer_a).get("/api/people/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row == {
        "id": person_a.pk,
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": "An",
        "full_name": "Nguyễn Văn An",
        "gender": "nam",
        "gender_label": "Nam",
        "date_of_birth": "1985-04-12",
        "staff_code": "A-001",
        "current_unit": {"id": person_a.memberships.get().unit_id, "name": "Đội Nghiệp vụ A1"},
        "current_position": None,
        "lock_version": person_a.lock_version,
        "url": f"http://testserver/api/people/{person_a.pk}/",
    }
    assert ids(api(outsider_b).get("/api/people/")) == [person_b.pk]
    assert ids(api(staff_a).get("/api/people/")) == [person_a.pk]
    assert ids(api(admin_user).get("/api/people/")) == sorted([person_a.pk, person_b.pk])


def test_person_list_wrong_method_and_anonymous(api, officer_a):
    assert_405(api(officer_a).post("/api/people/", {"given_name": "X"}, format="json"))
    assert_401(api().get("/api/people/"))


def test_person_list_sorted_by_vietnamese_name(api, org, admin_user):
    for family, given in (("Trần", "Bình"), ("Nguyễn", "An"), ("Đỗ", "Ánh"), ("Lê", "Ân")):
        services.create_person(family_name=family, middle_name="", given_name=given, gender="nam", unit=org.a)
    names = [r["full_name"] for r in api(admin_user).get("/api/people/").json()["results"]]
    assert names == sorted(names, key=lambda n: Person.objects.get(full_name=n).sort_key)
    assert names[0] == "Nguyễn An"
    reverse = api(admin_user).get("/api/people/", {"ordering": "-sort_key"}).json()["results"]
    assert [r["full_name"] for r in reverse] == names[::-1]


def test_person_filters(api, org, person_a, person_b, admin_user, officer_a):
    client = api(admin_user)
    assert ids(client.get("/api/people/", {"q": "nguyen van an"})) == [person_a.pk]
    assert ids(client.get("/api/people/", {"q": "NGUYỄN an"})) == [person_a.pk]
    assert ids(client.get("/api/people/", {"q": "a-001"})) == [person_a.pk]
    assert ids(client.get("/api/people/", {"q": "tran thi binh"})) == [person_b.pk]
    assert ids(client.get("/api/people/", {"unit": org.a.pk})) == [person_a.pk]
    assert ids(client.get("/api/people/", {"unit": org.root.pk})) == sorted([person_a.pk, person_b.pk])
    assert ids(client.get("/api/people/", {"unit": org.b.pk, "on": "2019-01-01"})) == []
    assert ids(client.get("/api/people/", {"gender": "nu"})) == [person_b.pk]
    assert ids(client.get("/api/people/", {"born_from": 1986})) == [person_b.pk]
    assert ids(client.get("/api/people/", {"born_to": 1986})) == [person_a.pk]
    # a filter never widens the scope
    assert ids(api(officer_a).get("/api/people/", {"unit": org.b.pk})) == []
    assert client.get("/api/people/", {"gender": "khac"}).status_code == 400


def test_person_unit_filter_follows_moves(api, org, person_a, admin_user):
    services.add_membership(person=person_a, unit=org.b, position=None, valid_from=date(2023, 1, 1))
    client = api(admin_user)
    assert ids(client.get("/api/people/", {"unit": org.a.pk, "on": "2022-06-01"})) == [person_a.pk]
    assert ids(client.get("/api/people/", {"unit": org.a.pk})) == []
    assert ids(client.get("/api/people/", {"unit": org.b.pk})) == [person_a.pk]


def test_person_retrieve(api, org, person_a, officer_a, outsider_b, staff_a):
    post = Position.objects.create(code="doi-truong", name="Đội trưởng", grade=5, is_leadership=True)
    services.add_membership(person=person_a, unit=org.a, position=post, valid_from=date(2023, 1, 1))
    url = f"/api/people/{person_a.pk}/"
    body = api(officer_a).get(url).json()
    assert body["current_unit"] == {"id": org.a.pk, "name": "Chi cục Hải quan A"}
    assert body["current_position"] == {"id": post.pk, "name": "Đội trưởng"}
    assert [(m["unit"]["id"], m["valid_from"], m["valid_to"]) for m in body["memberships"]] == [
        (org.a.pk, "2023-01-01", None),
        (org.a1.pk, "2020-01-01", "2023-01-01"),
    ]
    assert api(staff_a).get(url).status_code == 200
    assert_405(api(officer_a).delete(url))
    assert_404(api(outsider_b).get(url), "Không tìm thấy cá nhân.")
    assert_401(api().get(url))


def test_person_patch(api, person_a, officer_a):
    url = f"/api/people/{person_a.pk}/"
    response = api(officer_a).patch(
        url, {"given_name": "Ân", "staff_code": "", "lock_version": person_a.lock_version}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["full_name"], body["staff_code"], body["lock_version"]) == ("Nguyễn Văn Ân", None, 2)
    assert body["memberships"]
    person_a.refresh_from_db()
    assert person_a.full_name == "Nguyễn Văn Ân"
    assert person_a.date_of_birth == date(1985, 4, 12)  # fields not sent stay as they were


def test_person_patch_refusals(api, person_a, person_b, officer_a, leader_a, outsider_b, staff_a):
    url = f"/api/people/{person_a.pk}/"
    body = {"given_name": "Bảo", "lock_version": person_a.lock_version}
    forbidden = api(leader_a).patch(url, body, format="json")
    assert forbidden.status_code == 403
    assert forbidden.json()["detail"] == "Bạn không có quyền sửa thông tin cá nhân này."
    assert api(staff_a).patch(url, body, format="json").status_code == 403
    assert_404(api(outsider_b).patch(url, body, format="json"))
    assert_404(api(officer_a).patch(f"/api/people/{person_b.pk}/", body, format="json"))
    assert_401(api().patch(url, body, format="json"))
    assert_405(api(officer_a).put(url, body, format="json"))
    person_a.refresh_from_db()
    assert person_a.given_name == "An"


def test_person_patch_validation_and_conflict(api, person_a, person_b, admin_user):
    url = f"/api/people/{person_a.pk}/"
    client = api(admin_user)
    missing = client.patch(url, {"given_name": "Bảo"}, format="json")
    assert missing.status_code == 400
    assert "lock_version" in missing.json()["errors"]
    wrong_gender = client.patch(url, {"gender": "x", "lock_version": 1}, format="json")
    assert wrong_gender.status_code == 400
    assert "gender" in wrong_gender.json()["errors"]
    duplicate = client.patch(url, {"staff_code": "B-001", "lock_version": 1}, format="json")
    assert duplicate.status_code == 400, duplicate.content
    assert duplicate.json()["errors"] == {"staff_code": ["Mã cán bộ B-001 đã được dùng cho người khác."]}
    assert client.patch(url, "{sai", content_type="application/json").json()["detail"] == (
        "Dữ liệu gửi lên không đọc được (sai cú pháp JSON)."
    )
    assert client.patch(url, {"given_name": "Bảo", "lock_version": 1}, format="json").status_code == 200
    conflict = client.patch(url, {"given_name": "Chi", "lock_version": 1}, format="json")
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "concurrent_edit"
    assert conflict.json()["detail"].startswith("Dữ liệu đã được người khác sửa")
    person_a.refresh_from_db()
    assert (person_a.given_name, person_a.lock_version) == ("Bảo", 2)


def test_person_list_query_count_and_pagination(
    api, org, many_people, officer_a, admin_user, django_assert_max_num_queries
):
    for user, expected in ((officer_a, 35), (admin_user, 40)):
        client = api(user)
        with django_assert_max_num_queries(6):
            response = client.get("/api/people/")
        body = response.json()
        assert body["count"] == expected
        assert all(
            r["current_position"] == {"id": r["current_position"]["id"], "name": "Chuyên viên"}
            for r in body["results"]
            if r["current_unit"]["name"] == "Đội Nghiệp vụ A1"
        )
    client = api(admin_user)
    with django_assert_max_num_queries(6):
        filtered = client.get("/api/people/", {"q": "le van", "unit": org.a.pk, "page_size": 10})
    assert filtered.json()["count"] == 35
    assert len(filtered.json()["results"]) == 10
    assert "page=2" in filtered.json()["next"] and "q=le+van" in filtered.json()["next"]
    page_4 = client.get("/api/people/", {"page_size": 10, "page": 4}).json()
    assert len(page_4["results"]) == 10 and page_4["next"] is None
    assert_404(client.get("/api/people/", {"page_size": 10, "page": 5}), "Trang không tồn tại.")
    with django_assert_max_num_queries(7):
        detail = client.get(f"/api/people/{many_people[0].pk}/")
    assert detail.status_code == 200


def test_page_size_is_capped(api, org, admin_user):
    from tdkt.api.pagination import StandardPagination

    assert (StandardPagination.page_size, StandardPagination.max_page_size) == (50, 500)
    for i in range(3):
        services.create_person(
            family_name="Võ", middle_name="", given_name=f"Tên {i}", gender="nu", unit=org.a
        )
    response = api(admin_user).get("/api/people/", {"page_size": 100000})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_units_of_a_person_outside_scope_are_not_listed(api, org, officer_a):
    assert Unit.objects.count() == 4
    assert_404(api(officer_a).get(f"/api/units/{org.b.pk}/subtree/"))
    assert_404(api(officer_a).get(f"/api/units/{org.root.pk}/history/"))


def test_second_persona_token_user(db, org):
    user = make_user("leader_b", role="leader", unit=org.b)
    token = (
        APIClient()
        .post(TOKEN_URL, {"username": "leader_b", "password": PASSWORD}, format="json")
        .json()["token"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert codes(client.get("/api/units/").json()["results"]) == ["B"]
    assert_404(client.get(f"/api/units/{org.a.pk}/"))
    user.refresh_from_db()
    assert user.last_login is not None
