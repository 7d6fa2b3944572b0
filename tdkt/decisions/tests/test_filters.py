"""The register's filter: one FilterSet for the page and the API; bad values are messages, never a 500."""

from datetime import date

import pytest

from tdkt.decisions.tests.decisions_helpers import draft, issue, issuer, manual_draft

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]


@pytest.fixture
def register(issuer, person_a):
    issued = issue(manual_draft(issuer, person=person_a, year=2023), date(2024, 6, 30))
    draft(issuer, summary="Dự thảo chưa ký")
    return issued


def test_the_api_and_the_page_filter_the_register_alike(as_user, officer_a, issuer, register):
    client = as_user(officer_a)
    assert client.get("/api/decisions/?year=2024").json()["count"] == 1
    assert client.get(f"/api/decisions/?issuer={issuer.pk}&status=draft").json()["count"] == 1
    page = client.get("/decisions/?status=draft").content.decode()
    assert "Dự thảo chưa ký" in page and register.number_label not in page


@pytest.mark.parametrize(
    ("query", "field"),
    [("year=abc", "year"), ("year=3000", "year"), ("issuer=x", "issuer"), ("issuer=999999", "issuer")],
)
def test_a_bad_value_is_a_400_with_its_field_on_the_api(as_user, officer_a, register, query, field):
    response = as_user(officer_a).get(f"/api/decisions/?{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field] and response.json()["detail"]


def test_a_bad_value_is_a_form_error_on_the_page(as_user, officer_a, register):
    response = as_user(officer_a).get("/decisions/?year=3000&status=draft")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="filter-errors"' in html and "2100" in html
    assert "Dự thảo chưa ký" in html
