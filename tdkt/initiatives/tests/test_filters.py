"""One filter for the initiative list: the page and `/api/initiatives/` accept the same parameters (the API
had none before; the page's "Chờ tôi xử lý" box was ignored), refuse the same bad value (a form error on
the page, a 400 in Vietnamese on the API) and cost the same number of queries whatever the number of
applications."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tdkt.core.querycount import assert_flat
from tdkt.initiatives import services
from tdkt.initiatives.tests.conftest import FULL

pytestmark = pytest.mark.django_db

PAGE, API = "/initiatives/", "/api/initiatives/"
DRAFT = "Giải pháp kiểm tra tự động tờ khai hải quan trước khi phân luồng"
OTHER = "Đề tài số hóa hồ sơ thanh tra"


@pytest.fixture
def items(org, officer_a, author, draft):
    other = services.create_initiative(
        actor=officer_a,
        unit=org.a,
        kind="research",
        title=OTHER,
        field="nghiep_vu",
        authors=[(author, 100)],
        **FULL,
    )
    services.submit(initiative=other, actor=officer_a)  # waits for the officer to screen it
    return draft, other


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "TO KHAI hai quan"}, [DRAFT]),
        ({"q": "so hoa"}, [OTHER]),
        ({"status": "draft"}, [DRAFT]),
        ({"status": "submitted"}, [OTHER]),
        ({"kind": "research"}, [OTHER]),
        ({"year": 2025}, []),
        ({"mine": "on"}, [OTHER]),
        ({}, [OTHER, DRAFT]),
    ],
)
def test_the_page_and_the_api_filter_alike(as_user, officer_a, items, params, expected):
    client = as_user(officer_a)
    response = client.get(API, {**params, "mine": "true"} if "mine" in params else params)
    assert response.status_code == 200, response.json()
    assert [row["title"] for row in response.json()["results"]] == expected
    page = client.get(PAGE, params)
    assert page.status_code == 200
    for title in (DRAFT, OTHER):
        assert (title in page.content.decode()) == (title in expected), (params, title)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "archived"}, "lựa chọn hợp lệ"),
        ({"kind": "x"}, "lựa chọn hợp lệ"),
        ({"year": "abc"}, "Phải là một số nguyên."),
        ({"year": "1900"}, "Phải lớn hơn hoặc bằng 1945."),
    ],
)
def test_a_bad_value_is_refused_alike(as_user, officer_a, items, params, message):
    client = as_user(officer_a)
    api = client.get(API, params)
    assert api.status_code == 400
    body = api.json()
    assert body["code"] == "invalid" and list(body["errors"]) == list(params)
    assert message in body["detail"]
    page = client.get(PAGE, params)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert DRAFT in page.content.decode()  # the bad value is ignored, the list still shown


def test_the_filters_are_in_the_openapi_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert {"q", "status", "kind", "year", "mine"} <= {
        p["name"] for p in schema["paths"][API]["get"]["parameters"]
    }


def test_the_lists_do_not_grow_with_the_applications(as_user, officer_a, org, author, items):
    def grow():
        for n in range(4):
            services.create_initiative(
                actor=officer_a, unit=org.a, title=f"Giải pháp số {n}", field="nghiep_vu",
                authors=[(author, 100)], **FULL,
            )  # fmt: skip

    assert_flat(as_user(officer_a), [PAGE, f"{PAGE}?q=giai+phap&mine=on", API, f"{API}?status=draft"], grow)
