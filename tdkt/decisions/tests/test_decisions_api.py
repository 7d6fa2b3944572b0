"""The decisions API with the personas: who may call what, 404 for outsiders, 405, 409, and the schema."""

from datetime import date

import pytest
from drf_spectacular.generators import SchemaGenerator

from tdkt.decisions.models import Decision
from tdkt.decisions.tests.decisions_helpers import draft, issue, issuer, make_proposal, manual_draft

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]


@pytest.fixture
def approved(org, person_a):
    return make_proposal(org, [person_a], disclosed=(date(2025, 1, 2), date(2025, 1, 9)))


def test_officer_creates_a_draft_and_edits_its_lines(as_user, officer_a, issuer, approved, org):
    client = as_user(officer_a)
    response = client.post(
        "/api/decisions/",
        {
            "issuer": issuer.pk,
            "proposal": approved.pk,
            "summary": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
            "signer_name": "Nguyễn Văn Ký",
            "signer_title": "PHÓ CHI CỤC TRƯỞNG",
            "authority": "KT.",
            "legal_bases": ["Căn cứ Luật Thi đua, khen thưởng;"],
            "recipients": ["Như Điều 3;", "Lưu: VT."],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["number_label"] == "" and len(body["lines"]) == 1
    pk, version = body["id"], body["lock_version"]
    added = client.post(
        f"/api/decisions/{pk}/lines/",
        {"award_code": "TTLDXS", "unit": org.a1.pk, "achievement_year": 2024, "lock_version": version},
        content_type="application/json",
    )
    assert added.status_code == 201 and added.json()["subject_name"] == "Đội Nghiệp vụ A1"
    stale = client.post(
        f"/api/decisions/{pk}/lines/",
        {"award_code": "TTLDTT", "unit": org.a.pk, "achievement_year": 2024, "lock_version": version},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "concurrent_edit"
    lines = client.get(f"/api/decisions/{pk}/lines/").json()
    assert [line["award_code"] for line in lines] == ["CSTDCS", "TTLDXS"]
    version = client.get(f"/api/decisions/{pk}/").json()["lock_version"]
    removed = client.delete(f"/api/decisions/{pk}/lines/{lines[1]['id']}/?lock_version={version}")
    assert removed.status_code == 204
    assert (
        client.post(
            f"/api/decisions/{pk}/issue/",
            {"signed_on": "2025-01-10", "lock_version": version + 1},
            content_type="application/json",
        ).status_code
        == 403
    )  # officers do not issue


def test_leader_issues_and_revokes(as_user, leader_a, issuer, approved):
    decision = draft(issuer, proposal=approved)
    client = as_user(leader_a)
    early = client.post(
        f"/api/decisions/{decision.pk}/issue/",
        {"signed_on": "2025-01-09", "lock_version": decision.lock_version},
        content_type="application/json",
    )
    assert early.status_code == 400 and "công khai" in early.json()["detail"]
    stale = client.post(
        f"/api/decisions/{decision.pk}/issue/",
        {"signed_on": "2025-01-10", "lock_version": decision.lock_version - 1 or 99},
        content_type="application/json",
    )
    assert stale.status_code == 409
    issued = client.post(
        f"/api/decisions/{decision.pk}/issue/",
        {"signed_on": "2025-01-10", "lock_version": decision.lock_version},
        content_type="application/json",
    )
    assert issued.status_code == 200, issued.json()
    body = issued.json()
    assert (body["status"], body["number_label"], body["cash_total"]) == ("issued", "01/QĐ-HQA", 2_340_000)
    assert body["lines"][0]["cash_amount"] == 2_340_000 and body["lines"][0]["award_id"]
    revoked = client.post(
        f"/api/decisions/{decision.pk}/revoke/",
        {"reason": "Khai man thành tích", "lock_version": body["lock_version"]},
        content_type="application/json",
    )
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert revoked.json()["lines"][0]["revoked"] is True


def test_list_detail_totals_and_filters(as_user, officer_a, issuer, person_a, org):
    first = issue(manual_draft(issuer, person=person_a, year=2023), date(2024, 6, 30))
    issue(manual_draft(issuer, unit=org.a1, code="TTLDXS", year=2023), date(2024, 7, 1))
    draft(issuer, summary="Dự thảo")
    client = as_user(officer_a)
    listed = client.get("/api/decisions/").json()
    assert listed["count"] == 3
    assert [d["number_label"] for d in client.get("/api/decisions/?status=issued").json()["results"]] == [
        "02/QĐ-HQA",
        "01/QĐ-HQA",
    ]
    assert client.get("/api/decisions/?status=xyz").status_code == 400
    assert client.get(f"/api/decisions/{first.pk}/").json()["lines"][0]["cash_amount"] == 1_800_000
    totals = client.get("/api/decisions/totals/?year=2024").json()
    assert totals["total"] == 5_310_000 and totals["by_unit"][0]["year"] == 2024
    assert {t["number_label"] for t in totals["by_decision"]} == {"01/QĐ-HQA", "02/QĐ-HQA"}


def test_outsider_gets_404_and_sees_nothing(as_user, outsider_b, issuer, person_a):
    decision = issue(manual_draft(issuer, person=person_a), date(2025, 1, 5))
    client = as_user(outsider_b)
    for url in (f"/api/decisions/{decision.pk}/", f"/api/decisions/{decision.pk}/lines/"):
        assert client.get(url).status_code == 404, url
    for action in ("issue", "revoke"):
        response = client.post(f"/api/decisions/{decision.pk}/{action}/", {}, content_type="application/json")
        assert response.status_code == 404
    assert client.get("/api/decisions/").json()["count"] == 0
    assert client.get("/api/decisions/totals/").json()["total"] == 0


def test_staff_reads_their_decision_only(as_user, staff_a, issuer, person_a, person_b):
    mine = issue(manual_draft(issuer, person=person_a), date(2025, 1, 5))
    other = issue(manual_draft(issuer, person=person_b), date(2025, 1, 6))
    client = as_user(staff_a)
    assert client.get(f"/api/decisions/{mine.pk}/").status_code == 200
    assert client.get(f"/api/decisions/{other.pk}/").status_code == 404
    response = client.post(
        f"/api/decisions/{mine.pk}/revoke/",
        {"reason": "x", "lock_version": 1},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.post("/api/decisions/", {}, content_type="application/json").status_code == 403


def test_wrong_methods_get_405(as_user, leader_a, issuer, person_a):
    decision = issue(manual_draft(issuer, person=person_a), date(2025, 1, 5))
    client = as_user(leader_a)
    assert client.get(f"/api/decisions/{decision.pk}/issue/").status_code == 405
    assert client.delete(f"/api/decisions/{decision.pk}/").status_code == 405
    assert (
        client.put(f"/api/decisions/{decision.pk}/", {}, content_type="application/json").status_code == 405
    )
    assert client.post("/api/decisions/totals/").status_code == 405
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_schema_documents_the_decision_endpoints():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    for path in (
        "/api/decisions/",
        "/api/decisions/{id}/",
        "/api/decisions/{id}/issue/",
        "/api/decisions/{id}/revoke/",
        "/api/decisions/{id}/lines/",
        "/api/decisions/totals/",
    ):
        assert path in paths, path
    assert "409" in paths["/api/decisions/{id}/issue/"]["post"]["responses"]
