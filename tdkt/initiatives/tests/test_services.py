"""The application's lifecycle, as the services enforce it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tdkt.awards.models import Recognition, RecognitionAuthor
from tdkt.core.errors import ConcurrentEditError
from tdkt.initiatives import selectors, services
from tdkt.initiatives.models import Escalation, Initiative, InitiativeEvent, Review, Status
from tdkt.initiatives.tests.conftest import GOOD
from tdkt.rules.facts import person_facts

pytestmark = pytest.mark.django_db


def test_a_draft_keeps_its_authors_and_shares(draft, author, coauthor):
    shares = {a.person_id: a.share for a in draft.authors.all()}
    assert shares == {author.pk: Decimal("60.00"), coauthor.pk: Decimal("40.00")}
    assert draft.status == Status.DRAFT
    assert list(draft.events.values_list("to_status", flat=True)) == [Status.DRAFT]


def test_shares_over_100_are_refused_and_nothing_is_written(org, officer_a, author, coauthor):
    with pytest.raises(ValidationError, match="vượt quá 100"):
        services.create_initiative(
            actor=officer_a, unit=org.a, title="Sáng kiến thử", authors=[(author, 70), (coauthor, 40)]
        )
    assert not Initiative.objects.exists()


def test_an_author_twice_is_refused(draft, officer_a, author):
    with pytest.raises(ValidationError, match="hai lần"):
        services.set_authors(initiative=draft, actor=officer_a, authors=[(author, 50), (author, 50)])


def test_an_author_from_outside_the_unit_is_refused(draft, officer_a, person_b):
    with pytest.raises(ValidationError, match="không công tác tại"):
        services.add_author(initiative=draft, actor=officer_a, person=person_b, share=10)


def test_submission_needs_shares_totalling_exactly_100(draft, officer_a, author, coauthor):
    services.set_authors(initiative=draft, actor=officer_a, authors=[(author, 60), (coauthor, 30)])
    with pytest.raises(ValidationError, match="phải đúng 100"):
        services.submit(initiative=draft, actor=officer_a)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_database_refuses_a_submitted_application_whose_shares_do_not_total_100(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED, share_total=Decimal("90"))


def test_submission_needs_the_contents_of_the_application(org, officer_a, author):
    bare = services.create_initiative(
        actor=officer_a, unit=org.a, title="Sáng kiến chưa đủ", authors=[(author, 100)]
    )
    with pytest.raises(ValidationError) as refused:
        services.submit(initiative=bare, actor=officer_a)
    text = " ".join(refused.value.messages)
    assert "mô tả bản chất" in text and "áp dụng lần đầu" in text and "theo ý kiến tác giả" in text


def test_an_author_with_an_account_submits_and_the_office_returns_with_reasons(draft, staff_a, officer_a):
    services.submit(initiative=draft, actor=staff_a)
    with pytest.raises(ValidationError, match="bổ sung"):
        services.return_application(initiative=draft, actor=officer_a, reason="  ")
    services.return_application(initiative=draft, actor=officer_a, reason="Bổ sung số liệu hiệu quả.")
    assert draft.status == Status.RETURNED
    event = draft.events.last()
    assert (event.from_status, event.to_status, event.reason) == (
        Status.SUBMITTED,
        Status.RETURNED,
        "Bổ sung số liệu hiệu quả.",
    )
    services.submit(initiative=draft, actor=staff_a)
    assert draft.status == Status.SUBMITTED


def test_only_the_office_screens(draft, staff_a, outsider_b):
    services.submit(initiative=draft, actor=staff_a)
    with pytest.raises(PermissionDenied):
        services.screen(initiative=draft, actor=staff_a)
    with pytest.raises(PermissionDenied):
        services.screen(initiative=draft, actor=outsider_b)


def test_a_stale_version_is_refused(draft, officer_a):
    with pytest.raises(ConcurrentEditError):
        services.update_initiative(
            initiative=draft, actor=officer_a, expected_version=draft.lock_version - 1, title="X"
        )


def test_an_impossible_move_is_refused_in_vietnamese(draft, officer_a):
    with pytest.raises(ValidationError, match="không thể chuyển sang"):
        services.screen(initiative=draft, actor=officer_a)


def test_authors_and_their_direct_superior_on_the_council_are_recused(in_council, team_lead):
    review = in_council.reviews.get()
    recused = {r.member.person_id: r.reason for r in review.recusals.select_related("member")}
    assert list(recused) == [team_lead.pk]
    assert "cấp trên trực tiếp" in recused[team_lead.pk]


def test_a_recused_member_and_the_union_observer_cannot_score(in_council, team_lead, union_a):
    review = in_council.reviews.get()
    with pytest.raises(PermissionDenied, match="không tham gia chấm"):
        services.score(review=review, actor=team_lead.user, points=GOOD)
    with pytest.raises(PermissionDenied, match="Công đoàn"):
        services.score(review=review, actor=union_a, points=GOOD)


def test_the_union_observer_reads_and_comments(in_council, union_a):
    from tdkt.initiatives import permissions

    assert permissions.access_initiative(union_a, in_council.pk) == in_council
    note = services.add_note(initiative=in_council, actor=union_a, text="Đề nghị làm rõ số liệu.")
    assert note.as_observer and not note.private


def test_scores_need_every_criterion_within_its_range(in_council, chair):
    review = in_council.reviews.get()
    with pytest.raises(ValidationError, match="Chấm đủ"):
        services.score(review=review, actor=chair, points={"tinh_moi": 8})
    with pytest.raises(ValidationError, match="từ 0 đến 10"):
        services.score(review=review, actor=chair, points={**GOOD, "tinh_moi": 11})


def test_the_weighted_average_decides_against_the_pass_rule(in_council, chair, member, officer_a):
    review = in_council.reviews.get()
    services.score(review=review, actor=chair, points=GOOD)  # 30×.8+25×.8+30×.7+15×.6 = 74 %
    services.score(
        review=review,
        actor=member,
        points={"tinh_moi": 4, "kha_nang_ap_dung": 4, "hieu_qua": 4, "pham_vi": 4},
    )
    review = services.close_review(review=review, actor=officer_a)
    assert (review.scorers, review.average, review.passed) == (2, Decimal("57.00"), True)


def test_a_higher_pass_mark_fails_the_same_scores(in_council, chair, officer_a):
    review = in_council.reviews.get()
    review.sheet.pass_mark = Decimal("80")
    review.sheet.save()
    services.score(review=review, actor=chair, points=GOOD)
    review = services.close_review(review=review, actor=officer_a)
    assert review.passed is False
    with pytest.raises(ValidationError, match="không đạt"):
        services.recognise(initiative=in_council, actor=officer_a, decision_date=date(2025, 7, 1))
    with pytest.raises(ValidationError, match="lý do"):
        services.reject(initiative=in_council, actor=officer_a, reason="")
    services.reject(
        initiative=in_council, actor=officer_a, reason="Chưa có tính mới so với quy trình hiện hành."
    )
    assert in_council.status == Status.REJECTED and in_council.reason.startswith("Chưa có tính mới")


def _recognised(in_council, chair, officer_a):
    review = in_council.reviews.get()
    services.score(review=review, actor=chair, points=GOOD)
    services.close_review(review=review, actor=officer_a)
    return services.recognise(
        initiative=in_council, actor=officer_a, decision_date=date(2025, 7, 1), signer_name="Nguyễn Văn Hùng"
    )


def test_recognition_numbers_the_decision_and_writes_the_fact_the_engine_reads(
    in_council, chair, officer_a, author, coauthor
):
    initiative = _recognised(in_council, chair, officer_a)
    assert initiative.status == Status.RECOGNISED
    assert (initiative.register_number, initiative.decision_number, initiative.certificate_number) == (
        1,
        "01/QĐ-A-SK",
        "01/2025/GCN-SK",
    )
    recognition = initiative.recognition
    assert (recognition.scope, recognition.year, recognition.kind, recognition.decision_number) == (
        "co_so",
        2025,
        "initiative",
        "01/QĐ-A-SK",
    )
    shares = dict(RecognitionAuthor.objects.filter(recognition=recognition).values_list("person_id", "share"))
    assert shares == {author.pk: Decimal("60.00"), coauthor.pk: Decimal("40.00")}
    for person in (author, coauthor):
        records = person_facts([person.pk])[person.pk].initiatives
        assert [(r.year, r.scope, r.decision) for r in records] == [(2025, "co_so", "01/QĐ-A-SK")]


def test_escalation_raises_the_scope_of_the_one_recognition(in_council, chair, officer_a, officer_hq, author):
    initiative = _recognised(in_council, chair, officer_a)
    escalation = services.escalate(initiative=initiative, actor=officer_a)
    assert (initiative.status, escalation.to_scope) == (Status.ESCALATED, "bo")
    with pytest.raises(PermissionDenied):
        services.record_higher_answer(
            initiative=initiative,
            actor=officer_a,
            recognised=True,
            decision_number="1/QĐ-TCHQ",
            decision_date=date(2025, 9, 1),
        )
    services.record_higher_answer(
        initiative=initiative,
        actor=officer_hq,
        recognised=True,
        decision_number="125/QĐ-TCHQ",
        decision_date=date(2025, 9, 1),
    )
    assert (initiative.status, initiative.scope) == (Status.RECOGNISED, "bo")
    assert Recognition.objects.count() == 1
    assert Recognition.objects.get().scope == "bo"
    assert [(r.scope, r.year) for r in person_facts([author.pk])[author.pk].initiatives] == [("bo", 2025)]
    services.escalate(initiative=initiative, actor=officer_a)
    assert Escalation.objects.get(outcome="pending").to_scope == "toan_quoc"


def test_a_refused_escalation_keeps_the_scope(in_council, chair, officer_a, officer_hq):
    initiative = _recognised(in_council, chair, officer_a)
    services.escalate(initiative=initiative, actor=officer_a)
    services.record_higher_answer(
        initiative=initiative, actor=officer_hq, recognised=False, note="Chưa nhân rộng."
    )
    assert (initiative.status, initiative.scope, initiative.recognition.scope) == (
        Status.RECOGNISED,
        "co_so",
        "co_so",
    )


def test_register_numbers_follow_each_other_within_the_year(org, officer_a, author, council, chair):
    numbers = []
    for title in ("Số hóa hồ sơ lưu trữ điện tử tại Chi cục", "Bảng theo dõi nợ thuế tự động bằng Excel"):
        item = services.create_initiative(
            actor=officer_a,
            unit=org.a,
            title=title,
            authors=[(author, 100)],
            **{
                k: v for k, v in __import__("tdkt.initiatives.tests.conftest", fromlist=["FULL"]).FULL.items()
            },
        )
        services.submit(initiative=item, actor=officer_a)
        services.screen(initiative=item, actor=officer_a)
        review = services.send_to_council(
            initiative=item, actor=officer_a, council=council, opened_on=date(2025, 6, 1)
        )
        services.score(review=review, actor=chair, points=GOOD)
        services.close_review(review=review, actor=officer_a)
        numbers.append(
            services.recognise(
                initiative=item, actor=officer_a, decision_date=date(2025, 7, 2)
            ).register_number
        )
    assert numbers == [1, 2]


def test_every_move_is_an_event(in_council):
    moves = list(
        InitiativeEvent.objects.filter(initiative=in_council).values_list("from_status", "to_status")
    )
    assert moves == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "screened"),
        ("screened", "council"),
    ]
    assert Review.objects.filter(initiative=in_council, closed_at__isnull=True).count() == 1


def test_merging_a_duplicate_keeps_every_author(org, officer_a, draft, author, coauthor, person_a):
    from tdkt.initiatives.tests.conftest import _person

    third = _person("Đỗ", "Minh", "Khoa", org.a1, "A-003")
    twin = services.create_initiative(
        actor=officer_a,
        unit=org.a,
        title="Kiểm tra tự động tờ khai hải quan trước phân luồng",
        authors=[(third, 70), (author, 30)],
    )
    kept = services.merge(keeper=draft, duplicate=twin, actor=officer_a)
    shares = {a.person_id: a.share for a in kept.authors.all()}
    assert shares == {author.pk: Decimal("45.00"), coauthor.pk: Decimal("20.00"), third.pk: Decimal("35.00")}
    assert kept.share_total == Decimal("100")
    twin.refresh_from_db()
    assert (twin.status, twin.merged_into_id) == (Status.MERGED, draft.pk)
    assert [s.initiative for s in selectors.similar(officer_a, twin.title)] == [draft]


def test_the_duplicate_check_ignores_diacritics_and_finds_the_near_duplicate(draft, officer_a, outsider_b):
    found = selectors.similar(officer_a, "giai phap kiem tra tu dong to khai hai quan")
    assert [s.initiative for s in found] == [draft] and found[0].visible
    assert selectors.similar(officer_a, "Quy chế chi tiêu nội bộ của văn phòng") == []
    # Someone else's draft is not shown to an outsider at all.
    assert selectors.similar(outsider_b, draft.title) == []


def test_a_submitted_application_outside_the_scope_shows_without_a_link(draft, officer_a, outsider_b):
    services.submit(initiative=draft, actor=officer_a)
    found = selectors.similar(outsider_b, draft.title)
    assert [(s.initiative, s.visible) for s in found] == [(draft, False)]


def test_statistics_count_recognised_topics_initiatives_authors_and_escalations(
    in_council, chair, officer_a, org
):
    initiative = _recognised(in_council, chair, officer_a)
    services.escalate(initiative=initiative, actor=officer_a)
    stats = selectors.stats(org.root, 2025)
    assert stats.as_json() == {
        "research_topics": 0,
        "initiatives": 1,
        "authors": 2,
        "escalated_topics": 0,
        "escalated_initiatives": 1,
    }
    assert selectors.stats(org.b, 2025).initiatives == 0


def test_the_recognition_makes_each_author_eligible_for_cstdcs(
    in_council, chair, officer_a, author, coauthor
):
    """LĐTT and HTT in 2025 are not enough for Chiến sĩ thi đua cơ sở; the recognised initiative is."""
    from tdkt.awards import services as awards
    from tdkt.awards.models import AwardKind
    from tdkt.rules.services import evaluate_person

    ldtt = AwardKind.objects.get(code="LDTT")
    for person in (author, coauthor):
        awards.set_rating(person=person, year=2025, value="HTT")
        awards.record_award(
            kind=ldtt, year=2025, person=person, decision_number="5/QĐ-A", decision_date=date(2026, 1, 10)
        )
    before = {p.pk: evaluate_person(p, "CSTDCS", 2025).verdict for p in (author, coauthor)}
    _recognised(in_council, chair, officer_a)
    for person in (author, coauthor):
        verdict = evaluate_person(person, "CSTDCS", 2025)
        assert (before[person.pk], verdict.verdict) == ("not_eligible", "eligible")
        evidence = [e for c in verdict.criteria for e in c.evidence]
        assert any(e.startswith("01/QĐ-A-SK (sáng kiến năm 2025") for e in evidence), evidence


def test_grams_common_to_many_applications_do_not_pick_candidates_but_still_score(
    org, officer_a, author, monkeypatch
):
    """With two probing grams, "hai quan" and "to khai" (in all three titles) pick nothing: the rarer grams
    pick the candidate, and the exact score still counts every gram."""
    titles = [
        "Số hóa tờ khai hải quan giấy lưu trữ",
        "Kiểm tra tờ khai hải quan hàng gia công",
        "Giám sát tờ khai hải quan hàng quá cảnh",
    ]
    items = [
        services.create_initiative(actor=officer_a, unit=org.a, title=t, authors=[(author, 100)])
        for t in titles
    ]
    monkeypatch.setattr(selectors, "PROBE", 2)
    found = selectors.similar_ids("Kiểm tra tờ khai hải quan đối với hàng gia công")
    assert found[0][0] == items[1].pk and found[0][1] > 0.5
    assert items[0].pk not in [pk for pk, _s in found]


def test_a_recognised_initiative_records_where_it_was_applied_its_benefit_and_the_pay(recognised, officer_a):
    row = services.add_follow_up(
        initiative=recognised,
        actor=officer_a,
        applied_at="  Chi cục Hải quan cửa khẩu Hữu Nghị ",
        applied_on=date(2025, 9, 1),
        benefit="Giảm 30 % thời gian kiểm tra hồ sơ",
        benefit_amount=1_234_567,
        remuneration=2_500_000,
    )
    assert list(
        recognised.follow_ups.values_list(
            "applied_at", "applied_on", "benefit", "benefit_amount", "remuneration", "recorded_by"
        )
    ) == [
        (
            "Chi cục Hải quan cửa khẩu Hữu Nghị",
            date(2025, 9, 1),
            "Giảm 30 % thời gian kiểm tra hồ sơ",
            1_234_567,
            2_500_000,
            officer_a.pk,
        )
    ]
    assert row.initiative == recognised


def test_only_the_office_records_a_follow_up_and_only_after_recognition(
    draft, recognised, officer_a, staff_a, outsider_b
):
    for user in (staff_a, outsider_b):  # the author, someone of another unit
        with pytest.raises(PermissionDenied, match="Chỉ Cán bộ TĐKT của đơn vị"):
            services.add_follow_up(initiative=recognised, actor=user, applied_at="Chi cục A")
    with pytest.raises(ValidationError, match="Nhập nơi áp dụng."):
        services.add_follow_up(initiative=recognised, actor=officer_a, applied_at="  ")
    with pytest.raises(ValidationError):
        services.add_follow_up(
            initiative=recognised, actor=officer_a, applied_at="Chi cục A", remuneration=-1
        )
    assert not recognised.follow_ups.exists()


def test_a_follow_up_before_recognition_is_refused(draft, officer_a):
    with pytest.raises(PermissionDenied):
        services.add_follow_up(initiative=draft, actor=officer_a, applied_at="Chi cục A")
    assert not draft.follow_ups.exists()


def test_an_attachment_must_be_what_its_name_says(draft, officer_a, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match=r"Nội dung tệp không đúng định dạng \.pdf\."):
        services.add_attachment(
            initiative=draft, actor=officer_a, upload=SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00\x03")
        )
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF"):
        services.add_attachment(initiative=draft, actor=officer_a, upload=SimpleUploadedFile("a.exe", b"MZ"))
    assert not draft.attachments.exists() and not any(p.is_file() for p in tmp_path.rglob("*"))
    kept = services.add_attachment(
        initiative=draft, actor=officer_a, upload=SimpleUploadedFile("bia.pdf", b"%PDF-1.7\n%%EOF\n")
    )
    assert kept.name == "bia.pdf" and kept.file.read() == b"%PDF-1.7\n%%EOF\n"
