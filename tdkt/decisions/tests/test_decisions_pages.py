"""Pages of decisions with the personas: officer_a drafts, leader_a issues and revokes, staff_a reads the
decisions naming them, outsider_b gets 404 everywhere."""

import io
import re
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from tdkt.decisions.models import Decision
from tdkt.decisions.tests.decisions_helpers import draft, issue, issuer, make_proposal, manual_draft
from tdkt.proposals.models import Status

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]


def no_inline_code(html: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert " style=" not in html and " onclick=" not in html


@pytest.fixture
def approved(org, person_a):
    return make_proposal(org, [person_a], disclosed=(date(2025, 1, 2), date(2025, 1, 9)))


def test_officer_drafts_from_a_proposal(as_user, officer_a, issuer, approved):
    client = as_user(officer_a)
    page = client.get(reverse("decisions:create") + f"?proposal={approved.pk}")
    assert page.status_code == 200
    no_inline_code(page.content.decode())
    assert "Về việc tặng Chiến sĩ thi đua cơ sở năm 2024" in page.content.decode()
    response = client.post(
        reverse("decisions:create"),
        {
            "proposal": approved.pk,
            "issuer": issuer.pk,
            "summary": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
            "legal_bases": "Căn cứ Luật Thi đua, khen thưởng;\nCăn cứ Nghị định số 152/2025/NĐ-CP;",
            "signer_name": "Nguyễn Văn Ký",
            "signer_title": "PHÓ CHI CỤC TRƯỞNG",
            "authority": "KT.",
            "recipients": "Như Điều 3;\nLưu: VT.",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == reverse("decisions:detail", args=[decision.pk])
    assert decision.lines.get().subject_name == "Nguyễn Văn An" and decision.created_by == officer_a
    detail = client.get(response.url).content.decode()
    assert "Nguyễn Văn An" in detail and "Dự thảo" in detail
    assert 'id="issue-button"' not in detail  # officers prepare, leaders issue
    assert client.get(reverse("decisions:issue", args=[decision.pk])).status_code == 404


def test_create_shows_errors_in_vietnamese(as_user, officer_a, issuer):
    response = as_user(officer_a).post(reverse("decisions:create"), {"issuer": issuer.pk})
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in response.content.decode() or "bắt buộc" in response.content.decode()


def test_leader_issues_with_a_confirmation_then_revokes(as_user, leader_a, issuer, approved):
    decision = draft(issuer, proposal=approved)
    client = as_user(leader_a)
    detail = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert 'id="issue-button"' in detail
    url = reverse("decisions:issue", args=[decision.pk])
    page = client.get(url)
    assert page.status_code == 200
    no_inline_code(page.content.decode())
    unconfirmed = client.post(url, {"signed_on": "30/06/2024", "lock_version": decision.lock_version})
    assert unconfirmed.status_code == 400 and "xác nhận" in unconfirmed.content.decode()
    too_early = client.post(
        url, {"signed_on": "09/01/2025", "lock_version": decision.lock_version, "confirm": "on"}
    )
    assert too_early.status_code == 400 and "công khai" in too_early.content.decode()
    done = client.post(
        url, {"signed_on": "10/01/2025", "lock_version": decision.lock_version, "confirm": "on"}
    )
    assert done.status_code == 302
    decision.refresh_from_db()
    assert decision.number_label == "01/QĐ-HQA"
    shown = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "01/QĐ-HQA" in shown and "2.340.000 đ" in shown and "Hà Nội, ngày 10 tháng 01 năm 2025" in shown
    assert reverse("decisions:doc_decision", args=[decision.pk]) in shown

    revoke_url = reverse("decisions:revoke", args=[decision.pk])
    assert client.post(revoke_url, {"reason": " ", "lock_version": decision.lock_version}).status_code == 400
    response = client.post(
        revoke_url,
        {
            "reason": "Khai man thành tích",
            "revoking_decision_number": "07/QĐ-HQA",
            "on": "01/05/2025",
            "lock_version": decision.lock_version,
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Decision.Status.REVOKED
    assert "đã hủy bỏ" in client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()


def test_officer_adds_and_removes_lines_with_htmx(as_user, officer_a, issuer, person_a, org):
    decision = draft(issuer)
    client = as_user(officer_a)
    from tdkt.awards.models import AwardKind

    url = reverse("decisions:line_add", args=[decision.pk])
    data = {
        "award_kind": AwardKind.objects.get(code="TTLDXS").pk,
        "unit": org.a1.pk,
        "achievement_year": 2024,
        "lock_version": decision.lock_version,
    }
    response = client.post(url, data, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="lines")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="lines">') and "<html" not in html
    assert "Đội Nghiệp vụ A1" in html
    stale = client.post(url, {**data, "unit": org.a.pk}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 400 and "người khác" in stale.content.decode()
    line = decision.lines.get()
    decision.refresh_from_db()
    removed = client.post(
        reverse("decisions:line_remove", args=[decision.pk, line.pk]), {"lock_version": decision.lock_version}
    )
    assert removed.status_code == 302 and not decision.lines.exists()


def test_register_filters_and_fragment(as_user, officer_a, issuer, person_a):
    issue(manual_draft(issuer, person=person_a, year=2023), date(2025, 1, 5))
    draft(issuer, summary="Dự thảo còn chờ")
    client = as_user(officer_a)
    page = client.get(reverse("decisions:list")).content.decode()
    no_inline_code(page)
    assert "01/QĐ-HQA" in page and "Dự thảo còn chờ" in page and "2.340.000 đ" in page
    fragment = client.get(
        reverse("decisions:list") + "?status=draft", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert fragment.lstrip().startswith('<div id="results">')
    assert "Dự thảo còn chờ" in fragment and "01/QĐ-HQA" not in fragment
    by_year = client.get(reverse("decisions:list") + "?year=2024").content.decode()
    assert "01/QĐ-HQA" not in by_year


def test_totals_page_and_xlsx_export(as_user, officer_a, issuer, person_a, org):
    issue(manual_draft(issuer, person=person_a, year=2023), date(2024, 6, 30))
    issue(manual_draft(issuer, unit=org.a1, code="TTLDXS", year=2023), date(2024, 7, 1))
    client = as_user(officer_a)
    page = client.get(reverse("decisions:totals")).content.decode()
    no_inline_code(page)
    assert "5.310.000 đ" in page  # 1.800.000 + 1,5 × 2.340.000
    export = client.get(reverse("decisions:totals_export") + "?year=2024")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "TIỀN THƯỞNG THEO ĐƠN VỊ" and rows[1][0] == "Bộ lọc: Năm ban hành: 2024"
    assert rows[4][1] == "Đơn vị đề nghị" and rows[-1][1] == "Tổng cộng" and rows[-1][-1] == 5_310_000


def test_totals_say_no_decision_only_for_a_year_and_scope_without_one(
    as_user, officer_a, outsider_b, issuer, person_a
):
    """The totals say "no decision issued" only when none was, naming the year and the reader's scope."""
    issue(manual_draft(issuer, person=person_a, year=2023), date(2024, 6, 30))
    url = reverse("decisions:totals")
    none_in = "Không có quyết định nào ban hành trong năm {} thuộc phạm vi bạn được xem."
    issued_year = as_user(officer_a).get(url, {"year": 2024}).content.decode()
    assert "01/QĐ-HQA" in issued_year and "1.800.000 đ" in issued_year
    assert "Không có quyết định nào" not in issued_year
    everything = as_user(officer_a).get(url).content.decode()
    assert "01/QĐ-HQA" in everything and "Không có quyết định nào" not in everything
    quiet_year = as_user(officer_a).get(url, {"year": 2025}).content.decode()
    assert quiet_year.count(none_in.format(2025)) == 2  # both tables: by unit and by decision
    assert "01/QĐ-HQA" not in quiet_year
    # the decision exists, but not in the outsider's scope: for them none was issued
    outside = as_user(outsider_b).get(url, {"year": 2024}).content.decode()
    assert outside.count(none_in.format(2024)) == 2 and "01/QĐ-HQA" not in outside
    assert (
        "Không có quyết định nào đã ban hành thuộc phạm vi bạn được xem."
        in as_user(outsider_b).get(url).content.decode()
    )


def test_outsider_gets_404_everywhere(as_user, outsider_b, issuer, person_a):
    issued = issue(manual_draft(issuer, person=person_a), date(2025, 1, 5))
    client = as_user(outsider_b)
    for name in ("detail", "issue", "revoke", "edit"):
        assert client.get(reverse(f"decisions:{name}", args=[issued.pk])).status_code == 404, name
    assert "01/QĐ-HQA" not in client.get(reverse("decisions:list")).content.decode()
    assert "1.800.000" not in client.get(reverse("decisions:totals")).content.decode()


def test_staff_reads_only_the_issued_decisions_naming_them(as_user, staff_a, issuer, person_a, person_b):
    mine = issue(manual_draft(issuer, person=person_a), date(2025, 1, 5))
    pending = manual_draft(issuer, person=person_a, year=2023)
    other = issue(manual_draft(issuer, person=person_b), date(2025, 1, 6))
    client = as_user(staff_a)
    page = client.get(reverse("decisions:detail", args=[mine.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="issue-button"' not in html and 'id="revoke-button"' not in html and "line_add" not in html
    assert client.get(reverse("decisions:detail", args=[pending.pk])).status_code == 404
    assert client.get(reverse("decisions:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("decisions:revoke", args=[mine.pk])).status_code == 404
    assert client.get(reverse("decisions:create")).status_code == 404


def test_wrong_method_is_refused(as_user, leader_a, issuer, person_a):
    decision = issue(manual_draft(issuer, person=person_a), date(2025, 1, 5))
    client = as_user(leader_a)
    assert client.post(reverse("decisions:detail", args=[decision.pk])).status_code == 405
    assert client.get(reverse("decisions:line_add", args=[decision.pk])).status_code == 405


def test_nav_has_the_decisions_item(as_user, officer_a):
    html = as_user(officer_a).get(reverse("decisions:list")).content.decode()
    assert f'href="{reverse("decisions:list")}">Quyết định</a>' in html


def test_proposal_status_after_issuing_from_the_page(as_user, leader_a, issuer, approved):
    decision = draft(issuer, proposal=approved)
    as_user(leader_a).post(
        reverse("decisions:issue", args=[decision.pk]),
        {"signed_on": "10/01/2025", "lock_version": decision.lock_version, "confirm": "on"},
    )
    approved.refresh_from_db()
    assert approved.status == Status.DECIDED
