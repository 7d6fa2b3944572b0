"""The initiative API: works / wrong method / outsider 404, creation with authors, submission, the
duplicate check, 403 with the service's sentence, 409 on a stale version; the schema lists it."""

import pytest

from tdkt.initiatives.models import Initiative, Status

pytestmark = pytest.mark.django_db


def test_list_and_detail_carry_authors_reviews_and_recognition(as_user, officer_a, in_council, author):
    api = as_user(officer_a)
    listed = api.get("/api/initiatives/").json()
    assert listed["count"] == 1
    assert [a["person"] for a in listed["results"][0]["authors"]] == [
        author.pk,
        in_council.authors.last().person_id,
    ]
    detail = api.get(f"/api/initiatives/{in_council.pk}/").json()
    assert detail["status"] == "council" and detail["recognition"] is None
    review = detail["reviews"][0]
    assert review["passed"] is None and [r["reason"][:6] for r in review["recusals"]] == ["Là cấp"]
    assert [e["to_status"] for e in detail["events"]] == ["draft", "submitted", "screened", "council"]


def test_outsiders_get_404_and_see_an_empty_list(as_user, outsider_b, draft):
    api = as_user(outsider_b)
    assert api.get("/api/initiatives/").json()["count"] == 0
    response = api.get(f"/api/initiatives/{draft.pk}/")
    assert response.status_code == 404 and response.json()["detail"]
    assert (
        api.post(f"/api/initiatives/{draft.pk}/submit/", {}, content_type="application/json").status_code
        == 404
    )


def test_wrong_methods_are_405(as_user, officer_a, draft):
    api = as_user(officer_a)
    assert api.get(f"/api/initiatives/{draft.pk}/submit/").status_code == 405
    assert api.delete(f"/api/initiatives/{draft.pk}/").status_code == 405


def test_create_with_authors_then_submit(as_user, officer_a, org, author, coauthor):
    api = as_user(officer_a)
    body = {
        "unit": org.a.pk,
        "title": "Bảng theo dõi thời hạn lưu kho hàng hóa",
        "field": "nghiep_vu",
        "first_applied_on": "2025-04-01",
        "description": "Theo dõi hàng quá thời hạn lưu kho.",
        "benefits_by_authors": "Không để hàng quá hạn.",
        "authors": [{"person": author.pk, "share": "70"}, {"person": coauthor.pk, "share": "30"}],
    }
    created = api.post("/api/initiatives/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    stale = api.post(f"/api/initiatives/{pk}/submit/", {"lock_version": 99}, content_type="application/json")
    assert stale.status_code == 409
    done = api.post(f"/api/initiatives/{pk}/submit/", {}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == Status.SUBMITTED


def test_shares_over_100_are_a_400_in_vietnamese(as_user, officer_a, org, author, coauthor):
    body = {
        "unit": org.a.pk,
        "title": "Sáng kiến thử",
        "authors": [{"person": author.pk, "share": "80"}, {"person": coauthor.pk, "share": "30"}],
    }
    response = as_user(officer_a).post("/api/initiatives/", body, content_type="application/json")
    assert response.status_code == 400 and "vượt quá 100" in str(response.json())
    assert not Initiative.objects.exists()


def test_a_move_one_may_not_make_is_403_with_the_reason(as_user, staff_a, draft, officer_a):
    from tdkt.initiatives import services

    services.submit(initiative=draft, actor=officer_a)
    # staff_a is an author: sees the application but may not screen it; the API has no screen action,
    # so submitting again is the refused move here.
    response = as_user(staff_a).post(
        f"/api/initiatives/{draft.pk}/submit/", {}, content_type="application/json"
    )
    assert response.status_code == 400 and "không thể chuyển" in str(response.json())


def test_the_duplicate_check_endpoint(as_user, officer_a, draft):
    found = (
        as_user(officer_a)
        .get("/api/initiatives/similar/", {"title": "kiểm tra tự động tờ khai hải quan"})
        .json()
    )
    assert [row["id"] for row in found] == [draft.pk] and 0 < found[0]["similarity"] <= 1


def test_the_schema_lists_the_endpoints(as_user, officer_a):
    schema = as_user(officer_a).get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/initiatives/{id}/submit/" in schema and "/api/initiatives/similar/" in schema


def test_the_whole_review_through_the_api(client, draft, officer_a, officer_hq, chair, union_a, council):
    from conftest import login
    from tdkt.initiatives.tests.conftest import GOOD

    def post(user, action, body=None):
        login(client, user)
        return client.post(
            f"/api/initiatives/{draft.pk}/{action}/", body or {}, content_type="application/json"
        )

    assert post(officer_a, "submit").status_code == 200
    assert post(officer_a, "return", {"reason": ""}).status_code == 400
    assert post(officer_a, "screen").json()["status"] == "screened"
    moved = post(officer_a, "council", {"council": council.pk, "opened_on": "2025-06-01"})
    assert moved.status_code == 200 and moved.json()["status"] == "council"
    refused = post(union_a, "score", {"points": GOOD})
    assert refused.status_code == 403 and "Công đoàn" in refused.json()["detail"]
    assert post(chair, "score", {"points": GOOD}).status_code == 200
    closed = post(officer_a, "close-review").json()
    assert closed["reviews"][0]["passed"] is True and closed["reviews"][0]["average"] == "74.00"
    done = post(
        officer_a, "recognise", {"decision_date": "2025-07-01", "signer_name": "Nguyễn Văn Hùng"}
    ).json()
    assert done["status"] == "recognised" and done["recognition"]["decision_number"] == "01/QĐ-A-SK"
    assert post(officer_a, "escalate").json()["escalations"][0]["to_scope"] == "bo"
    answer = {"recognised": True, "decision_number": "9/QĐ-TCHQ", "decision_date": "2025-09-01"}
    assert post(officer_a, "answer", answer).status_code == 403
    final = post(officer_hq, "answer", answer).json()
    assert (final["scope"], final["recognition"]["scope"]) == ("bo", "bo")


def test_return_with_a_reason_resubmit_and_reject_through_the_api(as_user, officer_a, draft):
    client = as_user(officer_a)

    def post(action, body=None):
        return client.post(
            f"/api/initiatives/{draft.pk}/{action}/", body or {}, content_type="application/json"
        )

    assert post("submit").json()["status"] == "submitted"
    returned = post("return", {"reason": "Bổ sung minh chứng áp dụng."})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert post("reject", {"reason": "Không có tính mới."}).status_code == 400  # not from "returned"
    version = post("submit").json()["lock_version"]
    assert post("screen", {"lock_version": version - 1}).status_code == 409  # someone moved it since
    assert post("screen", {"lock_version": version}).json()["status"] == "screened"
    rejected = post("reject", {"reason": "Không có tính mới."})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"


def test_the_follow_up_of_a_recognised_initiative_through_the_api(
    as_user, officer_a, staff_a, outsider_b, recognised
):
    url = f"/api/initiatives/{recognised.pk}/follow-up/"
    body = {
        "applied_at": "Chi cục Hải quan cửa khẩu Hữu Nghị",
        "applied_on": "2025-09-01",
        "benefit": "Giảm 30 % thời gian kiểm tra hồ sơ",
        "benefit_amount": 1234567,
        "remuneration": 2500000,
    }
    post = lambda user, data: as_user(user).post(url, data, content_type="application/json")  # noqa: E731
    assert post(outsider_b, body).status_code == 404
    refused = post(staff_a, body)  # the author sees the initiative but may not record its follow-up
    assert refused.status_code == 403 and "Chỉ Cán bộ TĐKT của đơn vị" in refused.json()["detail"]
    assert post(officer_a, {**body, "remuneration": -1}).status_code == 400
    assert not recognised.follow_ups.exists()

    done = post(officer_a, body)
    assert done.status_code == 200
    assert done.json()["follow_ups"] == [{**body, "created_at": done.json()["follow_ups"][0]["created_at"]}]
    row = recognised.follow_ups.get()
    assert (row.applied_at, row.benefit_amount, row.remuneration, row.recorded_by) == (
        "Chi cục Hải quan cửa khẩu Hữu Nghị",
        1234567,
        2500000,
        officer_a,
    )
    detail = as_user(officer_a).get(f"/api/initiatives/{recognised.pk}/").json()
    assert [f["benefit_amount"] for f in detail["follow_ups"]] == [1234567]
    schema = as_user(officer_a).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "post" in schema["paths"]["/api/initiatives/{id}/follow-up/"]
