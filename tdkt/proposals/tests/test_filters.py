"""The dossier list's filter: one FilterSet for the page and the API; bad values are messages, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_list_takes_the_same_filters_as_the_page(as_user, officer_a, dossier):
    api = as_user(officer_a)
    assert api.get("/api/proposals/?status=draft&year=2025").json()["count"] == 1
    assert api.get("/api/proposals/?status=submitted").json()["count"] == 0
    assert api.get("/api/proposals/?year=2024").json()["count"] == 0
    assert api.get(f"/api/proposals/?unit={dossier.proposing_unit_id}").json()["count"] == 1
    assert api.get(f"/api/proposals/?award={dossier.award_kind_id}").json()["count"] == 1


def test_the_needs_action_filter_is_per_user_on_the_api_too(as_user, leader_a, officer_hq, dossier, client):
    assert as_user(leader_a).get("/api/proposals/?mine=true").json()["count"] == 1
    client.logout()
    assert as_user(officer_hq).get("/api/proposals/?mine=true").json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=abc", "year"),
        ("year=1800", "year"),
        ("year=99999999999999999999999", "year"),
        ("status=nope", "status"),
        ("unit=-3", "unit"),
        ("award=999999", "award"),
        ("due=2026-13", "due"),
    ],
)
def test_a_bad_filter_value_is_a_400_in_the_error_format_on_the_api(
    as_user, officer_a, dossier, query, field
):
    response = as_user(officer_a).get(f"/api/proposals/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and list(body["errors"]) == [field]


def test_a_bad_filter_value_is_a_form_error_on_the_page_and_the_rest_still_applies(
    as_user, officer_a, dossier
):
    response = as_user(officer_a).get("/proposals/?year=abc&status=draft")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="filter-errors"' in html and "Năm" in html
    assert dossier.title in html
    month = as_user(officer_a).get("/proposals/?due=2026-13").content.decode()
    assert "Tháng phải viết dạng NNNN-TT" in month
