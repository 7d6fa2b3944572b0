"""One filter per list: the movement and target pages and their API lists accept the same parameters
(the API now also takes `q`, `status` and `code`; the pages refuse what the API refuses instead of ignoring
it), refuse the same bad value (a form error on the page, a 400 in Vietnamese on the API) and cost the
same number of queries whatever the number of rows. The other API lists filter by year and ids, refused
alike when out of range."""

from datetime import date

import pytest
from drf_spectacular.generators import SchemaGenerator

from tdkt.core.querycount import assert_flat
from tdkt.movements import services

pytestmark = pytest.mark.django_db

OLD, NEW = "Phong trào thi đua năm 2020", "Phong trào chuyển đổi số năm 2021"


@pytest.fixture
def movements(org, launched):
    later = services.create_movement(
        launching_unit=org.root, name=NEW, starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31),
        registration_deadline=date(2021, 2, 28),
    )  # fmt: skip
    return launched, later


def _page_has(client, url, params, names, expected):
    page = client.get(url, params)
    assert page.status_code == 200
    for name in names:
        assert (name in page.content.decode()) == (name in expected), (params, name)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "chuyen doi so"}, [NEW]),
        ({"year": 2020}, [OLD]),
        ({"year": 2021}, [NEW]),
        ({"status": "launched"}, [OLD]),
        ({"status": "draft", "year": 2020}, []),
        ({}, [NEW, OLD]),
    ],
)
def test_the_movement_page_and_api_filter_alike(as_user, admin_user, movements, params, expected):
    client = as_user(admin_user)
    response = client.get("/api/movements/", params)
    assert response.status_code == 200, response.json()
    assert [row["name"] for row in response.json()["results"]] == expected
    _page_has(client, "/movements/", params, (OLD, NEW), expected)


@pytest.fixture
def targets(org, revenue):
    other = services.create_target(
        unit=org.b, year=2019, code="CHONG_BL", name="Số vụ buôn lậu bắt giữ", unit_label="vụ", planned="12"
    )
    return revenue, other


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2019}, ["Thu ngân sách nhà nước", "Số vụ buôn lậu bắt giữ"]),
        ({"year": 2019, "code": "chong_bl"}, ["Số vụ buôn lậu bắt giữ"]),
        ({"year": 2018}, []),
    ],
)
def test_the_target_page_and_api_filter_alike(as_user, admin_user, targets, params, expected):
    client = as_user(admin_user)
    response = client.get("/api/targets/", params)
    assert response.status_code == 200, response.json()
    assert sorted(row["name"] for row in response.json()["results"]) == sorted(expected)
    _page_has(client, "/movements/targets/", params, [t.name for t in targets], expected)


def test_the_target_unit_filter(as_user, admin_user, org, targets):
    client = as_user(admin_user)
    params = {"year": 2019, "unit": org.b.pk}
    assert [row["name"] for row in client.get("/api/targets/", params).json()["results"]] == [
        "Số vụ buôn lậu bắt giữ"
    ]
    _page_has(client, "/movements/targets/", params, [t.name for t in targets], ["Số vụ buôn lậu bắt giữ"])


@pytest.mark.parametrize(
    ("list_url", "api", "params", "message"),
    [
        ("/movements/", "/api/movements/", {"year": "abc"}, "Phải là một số nguyên."),
        ("/movements/", "/api/movements/", {"year": "0"}, "Phải lớn hơn hoặc bằng 1."),
        ("/movements/", "/api/movements/", {"status": "archived"}, "lựa chọn hợp lệ"),
        ("/movements/targets/", "/api/targets/", {"unit": "x"}, "Phải là một số nguyên."),
        ("/movements/targets/", "/api/targets/", {"year": "10000"}, "Phải nhỏ hơn hoặc bằng 9999."),
        ("/movements/targets/", "/api/targets/", {"unit": "٣"}, "Phải là một số nguyên."),  # not read as 3
    ],
)
def test_a_bad_value_is_refused_alike(
    as_user, admin_user, movements, targets, list_url, api, params, message
):
    client = as_user(admin_user)
    refused = client.get(api, params)
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "invalid" and list(body["errors"]) == list(params)
    assert message in body["detail"]
    shown = client.get(list_url, params)
    assert shown.status_code == 400
    assert message in shown.content.decode()


@pytest.mark.parametrize(
    ("api", "param"),
    [
        ("/api/registrations/", "movement"),
        ("/api/ratings/", "unit"),
        ("/api/rating-scores/", "person"),
        ("/api/culture-checklists/", "owner"),
        ("/api/inspections/", "checklist"),
        ("/api/emulation-calendar/", "year"),
        ("/api/movement-reviews/", "movement"),
    ],
)
def test_the_other_lists_refuse_a_bad_id_or_year(as_user, admin_user, api, param):
    client = as_user(admin_user)
    assert client.get(api, {param: 1}).status_code == 200
    refused = client.get(api, {param: "-1"})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {param: ["Phải lớn hơn hoặc bằng 1."]}


def test_the_filters_are_in_the_openapi_schema():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    def names(path):
        return {p["name"] for p in paths[path]["get"].get("parameters", [])}

    assert {"q", "year", "status"} <= names("/api/movements/")
    assert {"year", "unit", "code"} <= names("/api/targets/")
    assert {"year", "movement"} <= names("/api/registrations/")
    assert not {"year", "unit", "code"} & names("/api/targets/{id}/actuals/")


def test_the_lists_do_not_grow_with_the_rows(as_user, admin_user, org, movements, targets):
    def grow():
        for n in range(4):
            services.create_movement(
                launching_unit=org.root, name=f"Phong trào {n}", starts_on=date(2021, 1, 1),
                ends_on=date(2021, 12, 31), registration_deadline=date(2021, 2, 28),
            )  # fmt: skip
            services.create_target(
                unit=org.a, year=2019, code=f"CT_{n}", name=f"Chỉ tiêu {n}", unit_label="vụ", planned="5"
            )

    urls = [
        "/movements/",
        "/movements/?q=phong+trao&year=2021",
        "/api/movements/",
        "/api/movements/?year=2021",
    ]
    urls += ["/movements/targets/?year=2019", "/api/targets/?year=2019"]
    assert_flat(as_user(admin_user), urls, grow)
