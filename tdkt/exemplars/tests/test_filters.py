"""One filter for the list of models: the page, its Excel export and `/api/models/` accept the same
parameters, refuse the same bad value (a form error on the page, a 400 in Vietnamese on the API) and cost
the same number of queries whatever the number of models."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tdkt.core.querycount import assert_flat
from tdkt.exemplars import services

pytestmark = pytest.mark.django_db

PAGE, API = "/exemplars/", "/api/models/"


@pytest.fixture
def models(org, officer_a, recognised):
    other = services.create_exemplar(
        name="Một cửa thông minh", unit=org.a, field="cai_cach", tags=["Một cửa"], actor=officer_a
    )
    return recognised, other


def _api_names(client, params) -> list[str]:
    response = client.get(API, params)
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "nu cuoi"}, ["Nụ cười công sở"]),
        ({"status": "recognised"}, ["Nụ cười công sở"]),
        ({"status": "proposed"}, ["Một cửa thông minh"]),
        ({"field": "cai_cach"}, ["Một cửa thông minh"]),
        ({"tag": "mot cua"}, ["Một cửa thông minh"]),
        ({}, ["Một cửa thông minh", "Nụ cười công sở"]),
    ],
)
def test_the_page_and_the_api_filter_alike(as_user, officer_a, models, params, expected):
    client = as_user(officer_a)
    assert _api_names(client, params) == expected
    page = client.get(PAGE, params).content.decode()
    for name in ["Một cửa thông minh", "Nụ cười công sở"]:
        assert (name in page) == (name in expected), (params, name)


@pytest.mark.parametrize("params", [{"status": "archived"}, {"field": "khong-co"}])
def test_a_bad_value_is_refused_alike(as_user, officer_a, models, params):
    client = as_user(officer_a)
    api = client.get(API, params)
    assert api.status_code == 400
    body = api.json()
    assert body["code"] == "invalid" and list(body["errors"]) == list(params)
    assert "lựa chọn hợp lệ" in body["detail"]
    page = client.get(PAGE, params)
    assert page.status_code == 400
    assert "lựa chọn hợp lệ" in page.content.decode()
    assert "Nụ cười công sở" in page.content.decode()  # the bad value is ignored, the list still shown


def test_the_filters_are_in_the_openapi_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    names = {p["name"] for p in schema["paths"][API]["get"]["parameters"]}
    assert {"q", "status", "field", "tag"} <= names


def test_the_lists_do_not_grow_with_the_models(as_user, officer_a, org, models):
    def grow():
        for n in range(4):
            exemplar = services.create_exemplar(
                name=f"Mô hình {n}", unit=org.a, field="khac", tags=[f"Nhãn {n}", "Một cửa"], actor=officer_a
            )
            services.change_status(exemplar=exemplar, to="recognised", actor=officer_a)

    assert_flat(as_user(officer_a), [PAGE, f"{PAGE}?q=mo", API, f"{API}?tag=mot+cua"], grow)
