"""Guardrails on a dossier: the next step in words, a checklist with confirmation and a reason before an
incomplete dossier moves on, and a warning at once when an ineligible candidate is added."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.proposals import selectors, services
from tdkt.proposals.models import Status
from tdkt.proposals.tests.conftest import put_in

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _complete(dossier, officer):
    for name in ("To trinh de nghi.pdf", "Báo cáo thành tích.pdf", "Biên bản họp Hội đồng.pdf"):
        services.add_attachment(proposal=dossier, actor=officer, file=SimpleUploadedFile(name, PDF))
    dossier.candidates.update(verdict={"verdict": "eligible"})


def test_every_status_says_who_acts_next(dossier):
    assert selectors.next_step(dossier) == (
        "Chờ cán bộ TĐKT Chi cục Hải quan A hoàn thiện hồ sơ và lãnh đạo đơn vị trình lên Cục Hải quan."
    )
    for status in Status.values:
        put_in(dossier, status)
        assert selectors.next_step(dossier), status
    assert "Hội đồng" in selectors.next_step(put_in(dossier, Status.COUNCIL))


def test_the_dossier_page_shows_the_next_step(as_user, officer_a, dossier):
    body = as_user(officer_a).get(f"/proposals/{dossier.pk}/").content.decode()
    assert 'id="next-step"' in body and "lãnh đạo đơn vị trình lên Cục Hải quan" in body


def test_checklist_names_missing_documents_and_unready_candidates(dossier, officer_a):
    dossier.candidates.update(verdict={"verdict": "not_eligible"})
    issues = selectors.checklist(dossier)
    assert "Nguyễn Văn An chưa đủ điều kiện theo kiểm tra tự động." in issues
    assert "Thiếu Tờ trình đề nghị khen thưởng." in issues
    assert any("Biên bản họp" in issue for issue in issues)
    _complete(dossier, officer_a)
    assert selectors.checklist(dossier) == []


def test_submitting_an_incomplete_dossier_asks_for_confirmation_and_a_reason(as_user, leader_a, dossier):
    client = as_user(leader_a)
    url = f"/proposals/{dossier.pk}/submit/"
    body = client.post(url, {"lock_version": dossier.lock_version}).content.decode()
    assert "Hồ sơ chưa đầy đủ: vẫn trình?" in body and "Thiếu Tờ trình đề nghị khen thưởng." in body
    body = client.post(
        url, {"lock_version": dossier.lock_version, "confirmed": "1", "reason": " "}
    ).content.decode()
    assert "Ghi lý do để tiếp tục" in body
    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT, "nothing moved without a reason"
    response = client.post(
        url, {"lock_version": dossier.lock_version, "confirmed": "1", "reason": "Tờ trình gửi bản giấy"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    reason = dossier.events.get(to_status=Status.SUBMITTED).reason
    assert "Lý do: Tờ trình gửi bản giấy" in reason and "Thiếu Tờ trình" in reason


def test_receiving_an_incomplete_dossier_asks_too(as_user, leader_a, officer_hq, dossier):
    services.submit(proposal=dossier, actor=leader_a)
    dossier.refresh_from_db()
    body = as_user(officer_hq).post(f"/proposals/{dossier.pk}/receive/").content.decode()
    assert "Hồ sơ chưa đầy đủ: vẫn tiếp nhận?" in body
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


def test_a_complete_dossier_goes_up_without_questions(as_user, leader_a, officer_a, dossier):
    _complete(dossier, officer_a)
    dossier.refresh_from_db()
    response = as_user(leader_a).post(
        f"/proposals/{dossier.pk}/submit/", {"lock_version": dossier.lock_version}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


def test_adding_an_ineligible_candidate_warns_at_once(as_user, officer_a, draft, person_a, monkeypatch):
    def not_eligible(candidates):
        for candidate in candidates:
            candidate.verdict = {"verdict": "not_eligible"}
            candidate.save(update_fields=["verdict"])

    monkeypatch.setattr(services, "refresh_candidates", not_eligible)
    response = as_user(officer_a).post(
        f"/proposals/{draft.pk}/candidates/", {"person": person_a.pk}, follow=True
    )
    body = response.content.decode()
    assert "Đã thêm Nguyễn Văn An, nhưng theo kiểm tra tự động đối tượng này chưa đủ điều kiện" in body
    assert "alert-warning" in body


def test_a_ballot_links_to_the_candidates_achievement_report(as_user, officer_a, dossier):
    candidate = dossier.candidates.get()
    response = as_user(officer_a).get(f"/proposals/candidates/{candidate.pk}/report/")
    assert response.status_code == 302
    assert response.url == f"/proposals/{dossier.pk}/candidates/{candidate.pk}/report/"


def test_the_report_link_is_404_outside_the_dossiers_scope(as_user, outsider_b, dossier):
    candidate = dossier.candidates.get()
    assert as_user(outsider_b).get(f"/proposals/candidates/{candidate.pk}/report/").status_code == 404


def test_the_picker_finds_people_without_diacritics_and_by_unit_with_their_verdict(
    as_user, officer_a, draft, person_a
):
    client = as_user(officer_a)
    url = f"/proposals/{draft.pk}/candidates/search/"
    body = client.get(url, {"q": "nguyen an"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Nguyễn Văn An" in body and "<html" not in body
    assert "Đội Nghiệp vụ A1" in body  # the unit, to tell namesakes apart
    assert any(label in body for label in ("Đủ điều kiện", "Cần xem xét", "Chưa đủ điều kiện"))
    assert f'name="person" value="{person_a.pk}"' in body
    assert "Nguyễn Văn An" in client.get(url, {"q": "doi nghiep vu"}).content.decode()
    assert "Không tìm thấy ai" in client.get(url, {"q": "khong co ai"}).content.decode()


def test_the_picker_is_for_those_who_edit_the_dossier(as_user, leader_hq, outsider_b, draft):
    url = f"/proposals/{draft.pk}/candidates/search/"
    assert as_user(outsider_b).get(url, {"q": "an"}).status_code == 404


def test_the_dossier_shows_each_candidates_criteria_in_plain_words(as_user, officer_a, dossier):
    dossier.candidates.update(
        verdict={
            "verdict": "eligible",
            "criteria": [
                {
                    "id": "rating",
                    "status": "met",
                    "text": "Đạt tiêu chuẩn Lao động tiên tiến (xếp loại HTT)",
                    "basis": "Luật TĐKT 2022, Điều 26 (chưa thấy điều khoản thay thế; dùng mức của Nghị định 98)",
                }
            ],
        }
    )
    body = as_user(officer_a).get(f"/proposals/{dossier.pk}/").content.decode()
    criterion = body[body.index('class="criterion criterion-met"') :][:600]
    assert "Tiêu chuẩn Lao động tiên tiến (hoàn thành tốt nhiệm vụ)" in criterion
    assert "Đạt Đạt" not in body.replace(
        "</span> ", ""
    )  # the badge says "Đạt"; the sentence does not repeat it
    assert "(HTT)" not in criterion and "HTT)" not in criterion
    assert "(Luật TĐKT 2022, Điều 26)" in criterion and "chưa thấy" not in criterion
