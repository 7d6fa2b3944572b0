"""The dossier API: works / wrong method / outsider 404, each move as a POST, 409 on a stale version."""

from datetime import date

import pytest

from tdkt.proposals.models import Status

pytestmark = pytest.mark.django_db


def test_read_endpoints_work_and_outsiders_get_404(as_user, officer_a, outsider_b, dossier, client):
    candidate = dossier.candidates.get()
    urls = [
        f"/api/proposals/{dossier.pk}/",
        f"/api/proposals/{dossier.pk}/candidates/",
        f"/api/proposals/{dossier.pk}/events/",
        f"/api/proposals/{dossier.pk}/comments/",
        f"/api/proposal-candidates/{candidate.pk}/",
    ]
    api = as_user(officer_a)
    for url in urls:
        assert api.get(url).status_code == 200, url
    assert api.get("/api/proposals/").json()["count"] == 1
    client.logout()
    api = as_user(outsider_b)
    for url in urls:
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"]
    assert api.get("/api/proposals/").json()["count"] == 0
    assert (
        api.post(f"/api/proposals/{dossier.pk}/submit/", {}, content_type="application/json").status_code
        == 404
    )


def test_wrong_methods_are_405(as_user, leader_a, dossier):
    api = as_user(leader_a)
    assert api.get(f"/api/proposals/{dossier.pk}/submit/").status_code == 405
    assert api.delete(f"/api/proposals/{dossier.pk}/").status_code == 405
    assert api.put(f"/api/proposals/{dossier.pk}/", {}, content_type="application/json").status_code == 405


def test_create_add_candidate_and_the_lifecycle(
    as_user, client, officer_a, leader_a, officer_hq, org, person_a
):
    api = as_user(officer_a)
    response = api.post(
        "/api/proposals/",
        {"title": "LĐTT 2025", "proposing_unit": org.a.pk, "award_kind": "LDTT", "year": 2025},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = api.post(
        f"/api/proposals/{pk}/candidates/", {"person": person_a.pk}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["verdict"]["award"] == "LDTT"
    candidate = response.json()
    response = api.patch(
        f"/api/proposal-candidates/{candidate['id']}/report/",
        {"report": {"summary": "Tốt"}, "lock_version": candidate["lock_version"]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["report"]["summary"] == "Tốt"
    refused = api.post(f"/api/proposals/{pk}/submit/", {}, content_type="application/json")
    assert refused.status_code == 403 and "Chỉ Lãnh đạo đơn vị đề nghị" in refused.json()["detail"]
    client.logout()
    leader = as_user(leader_a)
    version = leader.get(f"/api/proposals/{pk}/").json()["lock_version"]
    stale = leader.post(
        f"/api/proposals/{pk}/submit/", {"lock_version": version + 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    done = leader.post(
        f"/api/proposals/{pk}/submit/", {"lock_version": version}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["status"] == Status.SUBMITTED
    client.logout()
    hq = as_user(officer_hq)
    response = hq.post(f"/api/proposals/{pk}/return/", {"reasons": ""}, content_type="application/json")
    assert response.status_code == 400
    response = hq.post(f"/api/proposals/{pk}/receive/", {}, content_type="application/json")
    assert response.json()["status"] == Status.RECEIVED
    response = hq.post(
        f"/api/proposals/{pk}/disclosure/",
        {"starts_on": "2025-08-29", "disclosure_days": 5},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["ends_on"] == "2025-09-08"
    again = hq.post(f"/api/proposals/{pk}/receive/", {}, content_type="application/json")
    assert again.status_code == 400 and "Hồ sơ đang ở trạng thái" in again.json()["detail"]


def test_comments_and_answers(as_user, client, received, officer_hq, union_a):
    from tdkt.proposals import services

    services.publish_disclosure(
        proposal=received, actor=officer_hq, starts_on=date.today(), disclosure_days=60
    )
    union = as_user(union_a)
    response = union.post(
        f"/api/proposals/{received.pk}/comments/", {"text": "Góp ý"}, content_type="application/json"
    )
    assert response.status_code == 201
    comment_id = response.json()["id"]
    refused = union.post(
        f"/api/proposal-comments/{comment_id}/answer/", {"answer": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403
    client.logout()
    hq = as_user(officer_hq)
    response = hq.post(
        f"/api/proposal-comments/{comment_id}/answer/", {"answer": "Đã rõ"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["answer"] == "Đã rõ"


def test_the_schema_documents_the_endpoints(as_user, admin_user):
    response = as_user(admin_user).get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/proposals/{id}/submit/" in text and "/api/proposal-candidates/{id}/report/" in text
