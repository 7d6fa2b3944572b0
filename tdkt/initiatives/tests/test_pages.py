"""The pages: list, application with the duplicate check, detail with every action, certificate, statistics
(works / wrong method / no access)."""

import io
import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.initiatives import services
from tdkt.initiatives.models import Attachment, FollowUp, Initiative, Status
from tdkt.initiatives.tests.conftest import FULL, GOOD

pytestmark = pytest.mark.django_db


def _date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def test_the_list_shows_initiatives_in_scope_only(as_user, officer_a, draft):
    page = as_user(officer_a).get(reverse("initiatives:list"))
    assert page.status_code == 200 and draft.title in page.content.decode()


def test_an_outsider_sees_neither_the_list_row_nor_the_page(client, outsider_b, draft):
    from conftest import login

    login(client, outsider_b)
    assert draft.title not in client.get(reverse("initiatives:list")).content.decode()
    assert client.get(reverse("initiatives:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("initiatives:certificate", args=[draft.pk])).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, draft):
    response = client.get(reverse("initiatives:detail", args=[draft.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_wrong_methods_are_refused(as_user, officer_a, draft):
    c = as_user(officer_a)
    assert c.get(reverse("initiatives:transition", args=[draft.pk, "submit"])).status_code == 405
    assert c.post(reverse("initiatives:similar")).status_code == 405
    assert c.post(reverse("initiatives:list")).status_code == 405


def test_the_duplicate_check_answers_as_one_types(as_user, officer_a, draft):
    c = as_user(officer_a)
    url = reverse("initiatives:similar")
    page = c.get(
        url, {"title": "Kiem tra tu dong to khai hai quan truoc khi phan luong"}, HTTP_HX_REQUEST="true"
    )
    body = page.content.decode()
    assert page.status_code == 200 and "duplicate-warning" in body and draft.title in body
    other = c.get(url, {"title": "Quy chế chi tiêu nội bộ"}, HTTP_HX_REQUEST="true").content.decode()
    assert "duplicate-warning" not in other and "Chưa thấy" in other


def test_creating_an_application_through_the_form(as_user, officer_a, org):
    c = as_user(officer_a)
    form = c.get(reverse("initiatives:create"))
    assert form.status_code == 200 and "hx-get" in form.content.decode()
    response = c.post(
        reverse("initiatives:create"),
        {
            "unit": org.a.pk,
            "kind": "initiative",
            "field": "cntt",
            "title": "Phần mềm theo dõi hồ sơ tồn đọng",
            "first_applied_on": "01/02/2025",
            "description": "Theo dõi hồ sơ quá hạn.",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "initiatives:detail", args=[initiative.pk]
    )
    assert (initiative.field, initiative.first_applied_on, initiative.created_by) == (
        "cntt",
        date(2025, 2, 1),
        officer_a,
    )


def test_a_form_error_is_shown_in_vietnamese(as_user, officer_a, org):
    response = as_user(officer_a).post(
        reverse("initiatives:create"), {"unit": org.a.pk, "kind": "initiative", "field": "cntt", "title": ""}
    )
    assert response.status_code == 200 and "This field" not in response.content.decode()
    assert not Initiative.objects.exists()


def test_authors_are_added_by_staff_code_and_the_total_shown(as_user, officer_a, org, author):
    c = as_user(officer_a)
    item = services.create_initiative(actor=officer_a, unit=org.a, title="Sổ tay nghiệp vụ điện tử")
    c.post(reverse("initiatives:author_add", args=[item.pk]), {"who": "A-001", "share": "55,5"})
    page = c.get(reverse("initiatives:detail", args=[item.pk])).content.decode()
    assert author.full_name in page and "55,50 %" in page
    response = c.post(
        reverse("initiatives:author_add", args=[item.pk]), {"who": "Không Có Ai", "share": "10"}, follow=True
    )
    assert "Không tìm thấy cán bộ" in response.content.decode()


def test_the_whole_review_through_the_pages(client, draft, officer_a, chair, union_a, council):
    from conftest import login

    login(client, officer_a)
    go = lambda action, data=None: client.post(  # noqa: E731
        reverse("initiatives:transition", args=[draft.pk, action]), data or {}, follow=True
    )
    go("submit")
    go("screen")
    go("council", {"council": council.pk, "opened_on": "01/06/2025"})
    draft.refresh_from_db()
    assert draft.status == Status.COUNCIL
    review = draft.reviews.get()

    login(client, union_a)
    page = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert "observer-note" in page and "score-form" not in page
    client.post(
        reverse("initiatives:note_add", args=[draft.pk]), {"text": "Công đoàn đề nghị công khai điểm."}
    )
    refused = client.post(
        reverse("initiatives:score", args=[draft.pk, review.pk]),
        {f"c_{k}": v for k, v in GOOD.items()},
        follow=True,
    )
    assert "không chấm điểm" in refused.content.decode()

    login(client, chair)
    assert "score-form" in client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    client.post(
        reverse("initiatives:score", args=[draft.pk, review.pk]), {f"c_{k}": v for k, v in GOOD.items()}
    )
    client.post(
        reverse("initiatives:note_add", args=[draft.pk]), {"text": "Ghi nhớ của tôi", "private": "on"}
    )

    login(client, officer_a)
    page = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert "Công đoàn đề nghị công khai điểm." in page and "Ghi nhớ của tôi" not in page
    client.post(reverse("initiatives:review_close", args=[draft.pk, review.pk]))
    done = go("recognise", {"decision_date": _date(date(2025, 7, 1)), "signer_name": "Nguyễn Văn Hùng"})
    assert "Đã công nhận" in done.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.RECOGNISED and draft.recognition is not None

    pdf = client.get(reverse("initiatives:certificate", args=[draft.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "GIẤY CHỨNG NHẬN SÁNG KIẾN" in text and "01/2025/GCN-SK" in text and "Nguyễn Văn An" in text


def test_the_statistics_page_and_its_export(as_user, officer_a, in_council, chair, org):
    review = in_council.reviews.get()
    services.score(review=review, actor=chair, points=GOOD)
    services.close_review(review=review, actor=officer_a)
    services.recognise(initiative=in_council, actor=officer_a, decision_date=date(2025, 7, 1))
    services.escalate(initiative=in_council, actor=officer_a)
    c = as_user(officer_a)
    page = c.get(reverse("initiatives:stats"), {"unit": org.a.pk, "year": 2025}).content.decode()
    assert 'id="stat-initiatives">1<' in page and 'id="stat-authors">2<' in page
    assert 'id="stat-escalated-initiatives">1<' in page
    export = c.get(reverse("initiatives:stats_xlsx"), {"unit": org.a.pk, "year": 2025})
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "THỐNG KÊ SÁNG KIẾN, ĐỀ TÀI NĂM 2025"  # the title block, then the table
    assert rows[5][1] == in_council.title and rows[5][8] == "Có"
    assert list(rows[-3][1:3]) == ["Số tác giả", 2]


def test_statistics_of_a_unit_outside_the_scope_are_not_shown(as_user, outsider_b, org):
    response = as_user(outsider_b).get(reverse("initiatives:stats"), {"unit": org.a.pk, "year": 2025})
    assert "stat-initiatives" not in response.content.decode()


def test_the_list_needs_the_same_queries_for_3_or_12_applications(as_user, officer_a, org, author, coauthor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = as_user(officer_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert c.get(reverse("initiatives:list")).status_code == 200
        return len(queries)

    for i in range(3):
        services.create_initiative(
            actor=officer_a, unit=org.a, title=f"Sáng kiến số {i}", authors=[(author, 50), (coauthor, 50)]
        )
    few = count()
    for i in range(3, 12):
        services.create_initiative(
            actor=officer_a, unit=org.a, title=f"Sáng kiến số {i}", authors=[(author, 50), (coauthor, 50)]
        )
    assert count() == few


def test_reminders_of_what_waits_for_me(client, draft, officer_a, chair, team_lead, council):
    from conftest import login
    from tdkt.initiatives import cards, selectors

    assert selectors.waiting_for(officer_a).count() == 0  # a draft waits for its authors
    services.submit(initiative=draft, actor=officer_a)
    assert list(selectors.waiting_for(officer_a)) == [draft]
    services.screen(initiative=draft, actor=officer_a)
    review = services.send_to_council(
        initiative=draft, actor=officer_a, council=council, opened_on=date(2025, 6, 1)
    )
    assert list(selectors.waiting_for(chair)) == [draft]
    assert list(selectors.waiting_for(team_lead.user)) == []  # recused
    login(client, chair)
    assert cards.waiting(type("Request", (), {"user": chair})())["value"] == 1
    mine = client.get(reverse("initiatives:list"), {"mine": "on"}).content.decode()
    assert draft.title in mine
    services.score(review=review, actor=chair, points=GOOD)
    assert list(selectors.waiting_for(chair)) == []
    assert cards.waiting(type("Request", (), {"user": chair})()) is None


def test_the_dashboard_shows_what_waits_for_the_officer(client, draft, officer_a, outsider_b):
    from conftest import login
    from tdkt.core import dashboard
    from tdkt.initiatives import cards

    assert cards.waiting in dashboard.CARDS  # registered by the app's ready()
    services.submit(initiative=draft, actor=officer_a)
    page = login(client, officer_a).get(reverse("core:dashboard")).content.decode()
    assert "Sáng kiến, đề tài chờ tôi xử lý" in page
    assert reverse("initiatives:list") + "?mine=on" in page
    client.logout()
    page = login(client, outsider_b).get(reverse("core:dashboard")).content.decode()
    assert "Sáng kiến, đề tài chờ tôi xử lý" not in page  # B's officer has nothing of A's to screen


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_merging_a_duplicate_through_the_page(
    as_user, officer_a, staff_a, outsider_b, org, draft, author, coauthor
):
    twin = services.create_initiative(
        actor=officer_a,
        unit=org.a,
        title="Kiểm tra tự động tờ khai hải quan trước phân luồng",
        description=FULL["description"],
        authors=[(author, 100)],
    )
    url = reverse("initiatives:merge", args=[draft.pk])

    # The outsider does not learn the application exists; the author may see both but not merge.
    assert as_user(outsider_b).post(url, {"duplicate": twin.pk}).status_code == 404
    refused = as_user(staff_a).post(url, {"duplicate": twin.pk}, follow=True)
    assert "Chỉ Cán bộ TĐKT quản lý cả hai đơn được gộp đơn trùng." in _messages(refused)
    twin.refresh_from_db()
    assert twin.status == Status.DRAFT

    c = as_user(officer_a)
    # The near-duplicate is shown on the page, with the form to merge it.
    page = c.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert "merge-form" in page and twin.title in page
    empty = c.post(url, {"duplicate": ""}, follow=True)
    assert "Nhập số hiệu đơn trùng." in _messages(empty)
    done = c.post(url, {"duplicate": twin.pk, "reason": "Cùng một giải pháp"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("initiatives:detail", args=[draft.pk])
    assert "Đã gộp đơn trùng, giữ đủ các tác giả." in _messages(done)
    twin.refresh_from_db()
    assert (twin.status, twin.merged_into_id) == (Status.MERGED, draft.pk)
    # Each side keeps half: An 60 % → 30 % (+ 50 % from the duplicate), Cường 40 % → 20 %.
    assert {a.person_id: a.share for a in draft.authors.all()} == {author.pk: 80, coauthor.pk: 20}
    merged_page = c.get(reverse("initiatives:detail", args=[twin.pk])).content.decode()
    assert "Đã gộp vào" in merged_page and reverse("initiatives:detail", args=[draft.pk]) in merged_page


def test_a_research_topic_keeps_its_acceptance_through_the_form_and_is_submitted(
    as_user, officer_a, org, author
):
    c = as_user(officer_a)
    c.post(
        reverse("initiatives:create"),
        {
            "unit": org.a.pk,
            "kind": "research",
            "field": "cntt",
            "title": "Nghiên cứu ứng dụng trí tuệ nhân tạo trong phân luồng tờ khai",
            "description": "Mô hình phân loại rủi ro tờ khai dựa trên dữ liệu 5 năm.",
            "accepted_on": "15/12/2024",
            "acceptance_result": "Xuất sắc",
            "application_result": "Áp dụng thử tại 3 chi cục.",
        },
    )
    topic = Initiative.objects.get()
    assert (topic.kind, topic.accepted_on, topic.acceptance_result, topic.application_result) == (
        "research",
        date(2024, 12, 15),
        "Xuất sắc",
        "Áp dụng thử tại 3 chi cục.",
    )
    edit = c.get(reverse("initiatives:edit", args=[topic.pk])).content.decode()
    assert 'value="15/12/2024"' in edit and 'value="Xuất sắc"' in edit

    c.post(reverse("initiatives:author_add", args=[topic.pk]), {"who": "A-001", "share": "100"})
    # A topic has no date of first application nor benefits claimed by the authors: it is submitted as is.
    submitted = c.post(reverse("initiatives:transition", args=[topic.pk, "submit"]), follow=True)
    topic.refresh_from_db()
    assert topic.status == Status.SUBMITTED, _messages(submitted)
    assert (topic.accepted_on, topic.acceptance_result, topic.application_result) == (
        date(2024, 12, 15),
        "Xuất sắc",
        "Áp dụng thử tại 3 chi cục.",
    )
    page = c.get(reverse("initiatives:detail", args=[topic.pk])).content.decode()
    assert "15/12/2024 Xuất sắc" in page and "Áp dụng thử tại 3 chi cục." in page


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def test_an_attachment_is_uploaded_as_a_real_pdf_and_a_disguised_file_is_refused(
    as_user, officer_a, draft, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    c = as_user(officer_a)
    url = reverse("initiatives:attachment_add", args=[draft.pk])

    disguised = c.post(
        url,
        {"file": SimpleUploadedFile("ban-mo-ta.pdf", b"MZ\x90\x00\x03\x00\x00\x00"), "name": "Mô tả"},
        follow=True,
    )
    assert "Nội dung tệp không đúng định dạng .pdf." in _messages(disguised)
    program = c.post(url, {"file": SimpleUploadedFile("cai-dat.exe", b"MZ\x90\x00")}, follow=True)
    assert "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx), PNG hoặc JPEG." in _messages(program)
    assert not Attachment.objects.exists()
    assert [f for f in tmp_path.rglob("*") if f.is_file()] == []

    pdf = _pdf("Bản mô tả sáng kiến kiểm tra tờ khai")
    done = c.post(url, {"file": SimpleUploadedFile("ban-mo-ta.pdf", pdf), "name": "Bản mô tả"}, follow=True)
    assert "Đã đính kèm tài liệu." in _messages(done)
    attachment = draft.attachments.get()
    assert (attachment.name, attachment.uploaded_by) == ("Bản mô tả", officer_a)
    assert "Bản mô tả" in done.content.decode()
    download = c.get(reverse("initiatives:attachment", args=[draft.pk, attachment.pk]))
    stored = b"".join(download.streaming_content)
    assert stored == pdf
    text = subprocess.run(["pdftotext", "-", "-"], input=stored, capture_output=True, check=True).stdout
    assert "Bản mô tả sáng kiến kiểm tra tờ khai" in text.decode()


def test_the_follow_up_of_a_recognised_initiative_through_the_page(
    as_user, officer_a, staff_a, outsider_b, recognised
):
    url = reverse("initiatives:follow_up", args=[recognised.pk])
    data = {
        "applied_at": "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I",
        "applied_on": "01/09/2025",
        "benefit": "Giảm 2.000 giờ công kiểm tra mỗi năm",
        "benefit_amount": "1234567",
        "remuneration": "2500000",
    }
    # An outsider gets a 404; the author sees the page but may not record the follow-up.
    assert as_user(outsider_b).post(url, data).status_code == 404
    c = as_user(staff_a)
    assert (
        'action="' + url + '"'
        not in c.get(reverse("initiatives:detail", args=[recognised.pk])).content.decode()
    )
    refused = c.post(url, data, follow=True)
    assert "Chỉ Cán bộ TĐKT của đơn vị ghi kết quả áp dụng sáng kiến đã công nhận." in _messages(refused)
    assert not FollowUp.objects.exists()

    c = as_user(officer_a)
    done = c.post(url, data, follow=True)
    assert "Đã ghi kết quả áp dụng." in _messages(done)
    row = recognised.follow_ups.get()
    assert (row.applied_at, row.applied_on, row.benefit_amount, row.remuneration, row.recorded_by) == (
        "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I",
        date(2025, 9, 1),
        1234567,
        2500000,
        officer_a,
    )
    page = done.content.decode()
    assert "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I (01/09/2025)" in page
    assert "Giảm 2.000 giờ công kiểm tra mỗi năm" in page
    assert "làm lợi 1.234.567 đ" in page and "thù lao 2.500.000 đ" in page
