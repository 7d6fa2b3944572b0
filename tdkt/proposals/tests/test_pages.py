"""Pages per role: the works / wrong method / outsider 404 trio, the buttons each persona sees, the flows."""

from datetime import date

import pytest

from tdkt.proposals.models import Status
from tdkt.proposals.tests.conftest import put_in

pytestmark = pytest.mark.django_db


def get_urls(p, c):
    return [
        "/proposals/",
        f"/proposals/{p.pk}/",
        f"/proposals/{p.pk}/candidates/{c.pk}/report/",
        f"/proposals/{p.pk}/export.xlsx",
    ]


def test_pages_work_for_officer_a(as_user, officer_a, dossier):
    client = as_user(officer_a)
    candidate = dossier.candidates.get()
    for url in get_urls(dossier, candidate):
        assert client.get(url).status_code == 200, url
    assert client.get("/proposals/new/").status_code == 200


def test_outsider_b_gets_404(as_user, outsider_b, dossier):
    client = as_user(outsider_b)
    candidate = dossier.candidates.get()
    for url in get_urls(dossier, candidate)[1:]:
        assert client.get(url).status_code == 404, url
    assert dossier.title not in client.get("/proposals/").content.decode()
    assert client.post(f"/proposals/{dossier.pk}/submit/").status_code == 404


def test_wrong_methods_are_405(as_user, leader_a, dossier):
    client = as_user(leader_a)
    assert client.get(f"/proposals/{dossier.pk}/submit/").status_code == 405
    assert client.post(f"/proposals/{dossier.pk}/export.xlsx").status_code == 405
    assert client.delete(f"/proposals/{dossier.pk}/").status_code == 405


def test_each_persona_sees_only_its_buttons(as_user, leader_a, officer_a, officer_hq, union_a, dossier):
    def page(user):
        return as_user(user).get(f"/proposals/{dossier.pk}/").content.decode()

    assert "Trình hồ sơ" in page(leader_a)
    assert "Trình hồ sơ" not in page(officer_a) and "Thêm cá nhân" in page(officer_a)
    assert "Tiếp nhận" not in page(officer_hq) and "Thêm cá nhân" not in page(officer_hq)
    put_in(dossier, Status.SUBMITTED)
    assert "Tiếp nhận" in page(officer_hq) and "Trả lại để bổ sung" in page(officer_hq)
    assert "Tiếp nhận" not in page(union_a) and "Trình hồ sơ" not in page(union_a)


def test_staff_see_only_their_own_candidacy(as_user, staff_a, dossier, officer_a, person_b, org):
    from conftest import make_user
    from tdkt.org import services as org_services
    from tdkt.proposals import services

    colleague = org_services.create_person(
        family_name="Phạm",
        middle_name="Thị",
        given_name="Cúc",
        gender="nu",
        unit=org.a1,
        since=date(2020, 1, 1),
    )
    services.add_candidate(proposal=dossier, actor=officer_a, person=colleague)
    client = as_user(staff_a)
    html = client.get(f"/proposals/{dossier.pk}/").content.decode()
    assert "Nguyễn Văn An" in html and "Phạm Thị Cúc" not in html and "Diễn biến hồ sơ" not in html
    assert client.get(f"/proposals/{dossier.pk}/package.zip").status_code == 404
    other_staff = make_user("staff_other", role="staff", unit=org.a1)
    assert as_user(other_staff).get(f"/proposals/{dossier.pk}/").status_code == 404


def test_submit_receive_return_through_the_pages(client, as_user, leader_a, officer_hq, dossier):
    response = as_user(leader_a).post(
        f"/proposals/{dossier.pk}/submit/", {"lock_version": dossier.lock_version}
    )
    assert response.status_code == 200, "an incomplete dossier: the checklist first"
    response = as_user(leader_a).post(
        f"/proposals/{dossier.pk}/submit/",
        {"lock_version": dossier.lock_version, "confirmed": "1", "reason": "Bổ sung biên bản sau"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    client.logout()
    hq = as_user(officer_hq)
    assert hq.get(f"/proposals/{dossier.pk}/return/").status_code == 200
    response = hq.post(
        f"/proposals/{dossier.pk}/return/", {"reasons": "", "lock_version": dossier.lock_version}
    )
    assert response.status_code == 200  # the form again: the reasons are required
    response = hq.post(
        f"/proposals/{dossier.pk}/return/",
        {"reasons": "Thiếu biên bản", "lock_version": dossier.lock_version},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    page = hq.get(f"/proposals/{dossier.pk}/").content.decode()
    assert "Thiếu biên bản" in page


def test_a_refused_move_shows_a_vietnamese_message(as_user, officer_a, dossier):
    response = as_user(officer_a).post(f"/proposals/{dossier.pk}/submit/", follow=True)
    assert "Chỉ Lãnh đạo đơn vị đề nghị được chuyển hồ sơ sang" in response.content.decode()


def test_create_and_add_a_candidate(as_user, officer_a, org, ldtt, person_a):
    client = as_user(officer_a)
    response = client.post(
        "/proposals/new/",
        {
            "title": "LĐTT 2025",
            "proposing_unit": org.a.pk,
            "award_kind": ldtt.pk,
            "year": 2025,
            "track": "cong_trang",
        },
    )
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(f"/proposals/{pk}/candidates/", {"person": person_a.pk})
    html = client.get(f"/proposals/{pk}/").content.decode()
    assert "Nguyễn Văn An" in html and "badge" in html


def test_the_list_filters_and_the_needs_action_box(as_user, leader_a, officer_hq, dossier):
    html = as_user(leader_a).get("/proposals/?mine=on").content.decode()
    assert dossier.title in html
    html = as_user(officer_hq).get("/proposals/?mine=on").content.decode()
    assert dossier.title not in html
    assert dossier.title in as_user(officer_hq).get("/proposals/?status=draft&year=2025").content.decode()
    response = as_user(officer_hq).get("/proposals/?status=draft", HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and dossier.title in response.content.decode()


def test_disclosure_panel_with_countdown_comments_and_answers(as_user, received, officer_hq, union_a):
    from tdkt.proposals import services

    today = date.today()
    services.publish_disclosure(proposal=received, actor=officer_hq, starts_on=today, disclosure_days=60)
    union = as_user(union_a)
    assert (
        union.post(f"/proposals/{received.pk}/comments/", {"text": "Ý kiến của Công đoàn"}).status_code == 302
    )
    html = union.get(f"/proposals/{received.pk}/").content.decode()
    assert "Ý kiến của Công đoàn" in html and "Còn " in html and "answer-" not in html
    hq = as_user(officer_hq)
    comment = received.disclosure.comments.get()
    hq.post(f"/proposals/{received.pk}/comments/{comment.pk}/answer/", {"answer": "Đã tiếp thu"})
    assert (
        "Đã tiếp thu"
        in hq.get(f"/proposals/{received.pk}/?part=disclosure", HTTP_HX_REQUEST="true").content.decode()
    )


def test_report_form_saves_and_detects_conflicts(as_user, officer_a, dossier):
    candidate = dossier.candidates.get()
    client = as_user(officer_a)
    url = f"/proposals/{dossier.pk}/candidates/{candidate.pk}/report/"
    data = {"summary": "Thành tích nổi bật", "lock_version": candidate.lock_version}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {"summary": "Bản cũ", "lock_version": candidate.lock_version})
    assert response.status_code == 200 and "người khác sửa" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.report["summary"] == "Thành tích nổi bật"


def test_attachment_upload_and_download(as_user, officer_a, dossier, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = as_user(officer_a)
    upload = SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(f"/proposals/{dossier.pk}/attachments/", {"file": upload, "name": "Tờ trình"})
    attachment = dossier.attachments.get()
    response = client.get(f"/proposals/{dossier.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_the_list_and_its_export_count_each_dossiers_candidates(as_user, officer_a, dossier, ldtt, org):
    """Each row's number of candidates: counted per row shown (0 for an empty dossier), in the page and the
    workbook alike."""
    import io

    import openpyxl

    from tdkt.org.tests.factories import PersonFactory
    from tdkt.proposals import services

    services.add_candidate(proposal=dossier, actor=officer_a, person=PersonFactory(unit=org.a))
    empty = services.create_proposal(
        actor=officer_a, title="Hồ sơ chưa có đối tượng", proposing_unit=org.a, award_kind=ldtt, year=2025
    )
    client = as_user(officer_a)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/proposals/", {"format": "xlsx"}).content))
    rows = {row[1]: row for row in workbook.active.iter_rows(values_only=True) if row and len(row) > 1}
    headers = next(row for row in rows.values() if "Số đối tượng" in row)
    column = headers.index("Số đối tượng")
    assert rows[dossier.title][column] == 2 and rows[empty.title][column] == 0
    html = client.get("/proposals/").content.decode()
    assert dossier.title in html and empty.title in html
