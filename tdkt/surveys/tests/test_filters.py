"""One filter for the survey list: the page and `/api/surveys/` accept the same `year`, refuse the same
bad value (a form error on the page, a 400 in Vietnamese on the API) and cost the same number of queries
whatever the number of surveys."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tdkt.core.querycount import assert_flat
from tdkt.surveys import services

pytestmark = pytest.mark.django_db

PAGE, API = "/surveys/", "/api/surveys/"


@pytest.fixture
def surveys(org, survey):
    later = services.create_survey(unit=org.root, year=2022, title="Khảo sát CDCI năm 2022", min_cell_size=2)
    return survey, later


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2021}, ["Khảo sát CDCI năm 2021"]),
        ({"year": 2022}, ["Khảo sát CDCI năm 2022"]),
        ({"year": 2030}, []),
        ({}, ["Khảo sát CDCI năm 2022", "Khảo sát CDCI năm 2021"]),
    ],
)
def test_the_page_and_the_api_filter_alike(as_user, officer_hq, surveys, params, expected):
    client = as_user(officer_hq)
    response = client.get(API, params)
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == expected
    page = client.get(PAGE, params)
    assert page.status_code == 200
    for survey in surveys:
        assert (survey.title in page.content.decode()) == (survey.title in expected), (params, survey.title)


@pytest.mark.parametrize("year", ["abc", "0", "2021.5", "99999"])
def test_a_bad_year_is_refused_alike(as_user, officer_hq, surveys, year):
    client = as_user(officer_hq)
    api = client.get(API, {"year": year})
    assert api.status_code == 400
    body = api.json()
    assert body["code"] == "invalid" and list(body["errors"]) == ["year"]
    message = body["errors"]["year"][0]
    assert message.startswith("Phải ")  # "Phải là một số nguyên.", "Phải lớn hơn hoặc bằng 1."…
    page = client.get(PAGE, {"year": year})
    assert page.status_code == 400
    assert message in page.content.decode()
    assert "Khảo sát CDCI năm 2021" in page.content.decode()  # the bad value is ignored, the list still shown


def test_the_year_filter_is_in_the_openapi_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "year" in {p["name"] for p in schema["paths"][API]["get"]["parameters"]}


def test_the_lists_do_not_grow_with_the_surveys(as_user, officer_hq, org, surveys):
    def grow():
        for year in range(2023, 2027):
            services.create_survey(unit=org.root, year=year, title=f"Khảo sát {year}", min_cell_size=2)

    assert_flat(as_user(officer_hq), [PAGE, API, f"{API}?year=2021"], grow)
