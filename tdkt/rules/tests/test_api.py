"""The eligibility API: history, eligibility, candidates, parameters — who may call what, and the schema."""

from datetime import date

import pytest
from drf_spectacular.generators import SchemaGenerator

from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind
from tdkt.rules.models import ParameterOverride

pytestmark = pytest.mark.django_db


def give(code, year, *, person=None, unit=None, number="", on=None):
    return awards.record_award(
        kind=AwardKind.objects.get(code=code),
        year=year,
        person=person,
        unit=unit,
        decision_number=number,
        decision_date=on,
    )


@pytest.fixture
def history(person_a, org):
    give("BK_BO", 2021, person=person_a, number="1234/QĐ-BTC", on=date(2021, 12, 1))
    for year, value in {2022: "HTT", 2023: "HTXS", 2024: "HTT", 2025: "HTT"}.items():
        awards.set_rating(person=person_a, year=year, value=value)
        give("LDTT", year, person=person_a, number=f"{year}/QĐ-LDTT")
    for year in (2023, 2025):
        give("CSTDCS", year, person=person_a, number=f"{year}/QĐ-CS")
    wrong = give("CSTDCS", 2024, person=person_a, number="2024/QĐ-CS")
    awards.revoke_award(award=wrong, reason="Sai tiêu chuẩn", on=date(2025, 4, 1))
    awards.set_unit_result(unit=org.a1, year=2025, value="HTXS")
    give("TTLDTT", 2024, unit=org.a1, number="5/QĐ-HQA")
    return person_a


def urls(org, person):
    return [
        f"/api/people/{person.pk}/awards/",
        f"/api/people/{person.pk}/eligibility/?year=2025",
        f"/api/units/{org.a1.pk}/awards/",
        f"/api/units/{org.a1.pk}/eligibility/?year=2025",
        f"/api/eligibility/candidates/?unit={org.a.pk}&year=2025&award=LDTT",
    ]


def test_every_endpoint_works_for_officer_a(as_user, officer_a, org, history):
    client = as_user(officer_a)
    for url in urls(org, history):
        assert client.get(url).status_code == 200, url


def test_outsider_b_gets_404_everywhere(as_user, outsider_b, org, history):
    client = as_user(outsider_b)
    for url in urls(org, history):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json()


def test_wrong_method_is_405(as_user, officer_a, admin_user, org, history):
    client = as_user(officer_a)
    for url in urls(org, history):
        assert client.post(url.split("?")[0]).status_code == 405, url
        assert client.delete(url.split("?")[0]).status_code == 405, url
    admin = as_user(admin_user)
    assert admin.delete("/api/eligibility/parameters/").status_code == 405
    assert admin.post("/api/eligibility/parameters/", {}, content_type="application/json").status_code == 405


def test_anonymous_is_401_or_403(client, org, history):
    for url in urls(org, history):
        assert client.get(url).status_code in (401, 403)


def test_person_history(as_user, officer_a, history):
    data = as_user(officer_a).get(f"/api/people/{history.pk}/awards/").json()
    codes = [(a["code"], a["year"], a["revoked"]) for a in data["awards"]]
    assert ("BK_BO", 2021, False) in codes and ("CSTDCS", 2024, True) in codes
    revoked = next(a for a in data["awards"] if a["revoked"])
    assert revoked["revoked_reason"] == "Sai tiêu chuẩn"
    assert [r["year"] for r in data["ratings"]] == [2025, 2024, 2023, 2022]
    assert data["ratings"][2]["label"] == "Hoàn thành xuất sắc nhiệm vụ"


def test_person_eligibility_with_criteria(as_user, officer_a, history):
    client = as_user(officer_a)
    data = client.get(f"/api/people/{history.pk}/eligibility/", {"year": 2025, "award": "BK_TTG"}).json()
    assert data["review_year"] == 2025
    [result] = data["results"]
    assert result["award"] == "BK_TTG" and result["year"] == 2026
    assert result["award_name"] == "Bằng khen của Thủ tướng Chính phủ"
    assert result["verdict"] == "not_eligible" and result["earliest_year"] == 2027
    assert result["missing"]
    assert any("Điều 73" in c["basis"] for c in result["criteria"])
    everything = client.get(f"/api/people/{history.pk}/eligibility/", {"year": 2025}).json()
    assert {r["award"] for r in everything["results"]} == {
        "LDTT",
        "CSTDCS",
        "CSTD_BO",
        "CSTD_TQ",
        "GK",
        "BK_BO",
        "BK_TTG",
        "HCLD3",
        "HCLD2",
        "HCLD1",
    }
    ldtt = next(r for r in everything["results"] if r["award"] == "LDTT")
    assert ldtt["verdict"] == "eligible"


def test_eligibility_query_is_validated(as_user, officer_a, org, history):
    client = as_user(officer_a)
    assert client.get(f"/api/people/{history.pk}/eligibility/", {"year": "abc"}).status_code == 400
    assert client.get(f"/api/people/{history.pk}/eligibility/", {"award": "XYZ"}).status_code == 400
    wrong_kind = client.get(f"/api/people/{history.pk}/eligibility/", {"award": "TTLDXS"})
    assert wrong_kind.status_code == 400 and "award" in wrong_kind.json()["errors"]
    assert client.get("/api/eligibility/candidates/", {"year": 2025}).status_code == 400


def test_unit_eligibility_and_history(as_user, officer_a, org, history):
    client = as_user(officer_a)
    data = client.get(f"/api/units/{org.a1.pk}/eligibility/", {"year": 2025, "award": "TTLDXS"}).json()
    [result] = data["results"]
    assert result["award"] == "TTLDXS" and result["year"] == 2025
    assert any(c["id"] == "task_result" and c["status"] == "met" for c in result["criteria"])
    awards_data = client.get(f"/api/units/{org.a1.pk}/awards/").json()
    assert [a["code"] for a in awards_data["awards"]] == ["TTLDTT"]
    assert awards_data["ratings"][0]["value"] == "HTXS"


def test_candidates(as_user, officer_a, org, history):
    data = as_user(officer_a).get("/api/eligibility/candidates/", {"unit": org.a.pk, "year": 2025}).json()
    assert data["unit"]["id"] == org.a.pk and data["review_year"] == 2025
    assert data["people"] == 1 and data["units"] == 1
    groups = {g["award"]: g for g in data["groups"]}
    ldtt = groups["LDTT"]
    assert (
        ldtt["candidates"][0]["name"] == "Nguyễn Văn An"
        and ldtt["candidates"][0]["verdict"]["verdict"] == "eligible"
    )
    assert ldtt["counts"]["eligible"] == 1
    assert groups["TTLDXS"]["candidates"][0]["kind"] == "collective"
    assert any("quota.ttldxs_of_ttldtt" in w for w in data["warnings"])
    filtered = as_user(officer_a).get(
        "/api/eligibility/candidates/",
        {"unit": org.a.pk, "year": 2025, "award": "BK_TTG", "verdict": "eligible"},
    )
    assert [g["award"] for g in filtered.json()["groups"]] == ["BK_TTG"]
    assert filtered.json()["groups"][0]["candidates"] == []


def test_parameters_for_admin(as_user, admin_user):
    client = as_user(admin_user)
    data = client.get("/api/eligibility/parameters/").json()
    by_id = {rs["id"]: rs for rs in data}
    assert set(by_id) == {"LTDKT2013-ND91", "LTDKT2022-ND98", "LTDKT2022-ND152", "LTDKT2026"}
    params = {p["key"]: p for p in by_id["LTDKT2022-ND98"]["parameters"]}
    assert params["vote_threshold.CSTD_BO"]["value"] == 0.9
    assert params["vote_threshold.CSTD_BO"]["confidence_label"] == "Đã xác nhận"
    assert params["bk_ttg.collective_min_ttldxs"]["unset"] is True
    assert params["hcld3.tenure.1"]["value"] == [3, 5]

    body = {
        "rule_set": "LTDKT2022-ND98",
        "key": "bk_ttg.collective_min_ttldxs",
        "value": 2,
        "note": "Hướng dẫn của Bộ Tài chính",
    }
    response = client.put("/api/eligibility/parameters/", body, content_type="application/json")
    assert response.status_code == 200
    changed = {p["key"]: p for p in response.json()["parameters"]}["bk_ttg.collective_min_ttldxs"]
    assert changed["value"] == 2 and changed["overridden"] is True and changed["unset"] is False
    assert ParameterOverride.objects.get(key="bk_ttg.collective_min_ttldxs").changed_by == admin_user

    bad = client.put("/api/eligibility/parameters/", {**body, "value": -1}, content_type="application/json")
    assert bad.status_code == 400 and "value" in bad.json()["errors"]
    reset = client.put(
        "/api/eligibility/parameters/", {**body, "reset": True}, content_type="application/json"
    )
    assert reset.status_code == 200 and not ParameterOverride.objects.exists()
    one = client.get("/api/eligibility/parameters/", {"rule_set": "LTDKT2013-ND91"}).json()
    assert [rs["id"] for rs in one] == ["LTDKT2013-ND91"]


def test_parameters_are_forbidden_to_officers(as_user, officer_a):
    client = as_user(officer_a)
    assert client.get("/api/eligibility/parameters/").status_code == 403
    body = {"rule_set": "LTDKT2022-ND98", "key": "bk_ttg.run_years", "value": 4, "note": "x"}
    assert (
        client.put("/api/eligibility/parameters/", body, content_type="application/json").status_code == 403
    )
    assert not ParameterOverride.objects.exists()


def test_schema_lists_the_eligibility_paths():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    expected = {
        "/api/people/{id}/awards/": "get",
        "/api/people/{id}/eligibility/": "get",
        "/api/units/{id}/awards/": "get",
        "/api/units/{id}/eligibility/": "get",
        "/api/eligibility/candidates/": "get",
        "/api/eligibility/parameters/": "put",
    }
    for path, method in expected.items():
        assert path in schema["paths"], path
        assert schema["paths"][path][method]["summary"]
    assert "get" in schema["paths"]["/api/eligibility/parameters/"]
    params = {p["name"] for p in schema["paths"]["/api/eligibility/candidates/"]["get"]["parameters"]}
    assert {"unit", "year", "award", "verdict"} <= params
