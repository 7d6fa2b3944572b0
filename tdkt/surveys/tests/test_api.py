"""/api/surveys/: the questionnaire, aggregate results and branch-index; outsiders get 404."""

import pytest

from tdkt.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db


def test_list_detail_and_results(as_user, officer_hq, open_survey, org):
    respond(open_survey, "5700000001", org.a, 5, comment="Tốt")
    respond(open_survey, "5700000002", org.a, 4)
    client = as_user(officer_hq)
    listed = client.get("/api/surveys/", {"year": 2021}).json()
    assert [s["id"] for s in listed["results"]] == [open_survey.pk]
    detail = client.get(f"/api/surveys/{open_survey.pk}/").json()
    assert len(detail["components"]) == 8 and {b["unit"] for b in detail["branches"]} == {org.a.pk, org.b.pk}
    results = client.get(f"/api/surveys/{open_survey.pk}/results/").json()
    assert results["invited"] == 2 and results["response_rate"] == 100
    a, b = results["branches"]
    assert a["unit"] == org.a.pk and a["rank"] == 1 and a["comments"] == ["Tốt"]
    assert b["published"] is False and b["overall"] is None and b["components"] == {}
    assert "5700000001" not in str(results)


def test_branch_index_for_scoring(as_user, officer_hq, open_survey, org):
    client = as_user(officer_hq)
    missing = client.get("/api/surveys/branch-index/", {"unit": org.a.pk, "year": 2021})
    assert missing.status_code == 404 and missing.json()["detail"].startswith("Chưa có chỉ số CDCI")
    respond(open_survey, "5700000001", org.a, 5)
    respond(open_survey, "5700000002", org.a, 4)
    body = client.get("/api/surveys/branch-index/", {"unit": org.a.pk, "year": 2021}).json()
    assert body["rank"] == 1 and body["respondents"] == 2 and 0 < body["overall"] <= 100
    bad = client.get("/api/surveys/branch-index/", {"unit": "x", "year": 2021})
    assert bad.status_code == 400 and "unit" in bad.json()["errors"]


def test_outsiders_get_404(as_user, outsider_c, open_survey, org):
    client = as_user(outsider_c)
    assert client.get(f"/api/surveys/{open_survey.pk}/").status_code == 404
    assert client.get(f"/api/surveys/{open_survey.pk}/results/").status_code == 404
    assert client.get("/api/surveys/").json()["results"] == []
    assert client.get("/api/surveys/branch-index/", {"unit": org.a.pk, "year": 2021}).status_code == 404


def test_anonymous_and_wrong_method(client, as_user, officer_hq, open_survey):
    assert client.get("/api/surveys/").status_code == 401
    assert as_user(officer_hq).post("/api/surveys/", {}).status_code == 405
