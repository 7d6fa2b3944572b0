"""The questionnaire, invitations, links and answers, as the services enforce them."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tdkt.core.errors import ConcurrentEditError
from tdkt.surveys import selectors, services
from tdkt.surveys.models import ComponentCode, Invitation, Question, Survey, SurveyResponse
from tdkt.surveys.tests.conftest import all_answers, invite

pytestmark = pytest.mark.django_db


def test_a_new_survey_has_the_eight_weighted_components_and_the_branches_under_the_unit(survey, org):
    assert sorted(survey.components.values_list("code", flat=True)) == sorted(ComponentCode.values)
    assert sum(survey.components.values_list("weight", flat=True)) == Decimal("100")
    kinds = set(survey.questions.values_list("kind", flat=True))
    assert kinds == {Question.Kind.SCALE, Question.Kind.CHOICE, Question.Kind.TEXT}
    assert survey.questions.filter(component__code=ComponentCode.INFORMAL_CHARGES, reverse=True).exists()
    assert [b.unit for b in survey.branches.all()] == [org.a, org.b]
    assert survey.status == Survey.Status.DRAFT and survey.version == "CDCI-2017"


def test_next_year_copies_the_questionnaire_and_one_survey_per_unit_and_year(survey, org):
    services.set_weights(
        survey=survey, weights={ComponentCode.SUPPORT: Decimal("20")}, expected_version=survey.lock_version
    )
    services.add_question(
        survey=survey, component=None, text="Góp ý thêm về nhân sự?", kind=Question.Kind.TEXT
    )
    later = services.create_survey(unit=org.root, year=2022, title="CDCI 2022")
    assert later.components.get(code=ComponentCode.SUPPORT).weight == Decimal("20")
    assert later.questions.count() == survey.questions.count()
    assert later.version == survey.version
    with pytest.raises(ValidationError, match="đã có cuộc khảo sát năm 2021"):
        services.create_survey(unit=org.root, year=2021, title="Lần hai")


def test_the_questionnaire_is_frozen_once_the_survey_opens(open_survey):
    with pytest.raises(ValidationError, match="đang soạn"):
        services.add_question(survey=open_survey, component=None, text="Thêm?", kind=Question.Kind.TEXT)
    with pytest.raises(ValidationError, match="đang soạn"):
        services.set_weights(survey=open_survey, weights={}, expected_version=open_survey.lock_version)


def test_a_choice_question_needs_two_options_and_a_scored_one_a_component(survey):
    with pytest.raises(ValidationError, match="hai phương án"):
        services.add_question(
            survey=survey, component=survey.components.first(), text="?", kind="choice", choices=[("Có", 100)]
        )
    with pytest.raises(ValidationError, match="thuộc một chỉ số"):
        services.add_question(survey=survey, component=None, text="Điểm?", kind="scale")


def _workbook(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã số thuế", "Tên doanh nghiệp", "Người liên hệ", "Thư điện tử", "Điện thoại"])
    for row in rows:
        ws.append(row)
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    return data


GOOD = [
    ["5700100256", "Công ty TNHH Hạ Long", "Nguyễn Văn Minh", "minh@halong.vn", "0203 3826 111"],
    ["5701234567-001", "Chi nhánh Móng Cái", "", "", ""],
]


def test_import_checks_first_then_writes_and_a_second_import_changes_nothing(survey):
    dry = services.import_invitations(survey=survey, fileobj=_workbook(GOOD), dry_run=True)
    assert dry.ok and dry.created == 2 and not survey.invitations.exists()
    done = services.import_invitations(survey=survey, fileobj=_workbook(GOOD))
    assert (done.created, done.updated, done.unchanged) == (2, 0, 0)
    again = services.import_invitations(survey=survey, fileobj=_workbook(GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    renamed = [[*GOOD[0][:1], "Công ty TNHH Hạ Long Xanh", *GOOD[0][2:]], GOOD[1]]
    assert services.import_invitations(survey=survey, fileobj=_workbook(renamed)).updated == 1
    assert survey.invitations.get(tax_code="5700100256").enterprise_name == "Công ty TNHH Hạ Long Xanh"


def test_a_bad_row_refuses_the_whole_file_with_row_numbers(survey):
    rows = [*GOOD, ["123", "Sai mã", "", "", ""], ["5700100256", "", "", "khong-phai-email", ""]]
    result = services.import_invitations(survey=survey, fileobj=_workbook(rows))
    assert not result.ok and not survey.invitations.exists()
    messages = {(i.row, i.message) for i in result.issues}
    assert (4, "Mã số thuế phải gồm 10 chữ số (hoặc 10-3 chữ số).") in messages
    assert (5, "Mã số thuế 5700100256 lặp lại trong tệp.") in messages
    assert (5, "Thiếu tên doanh nghiệp.") in messages
    assert (5, "Địa chỉ thư điện tử không hợp lệ.") in messages


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_message(survey):
    result = services.import_invitations(survey=survey, fileobj=io.BytesIO(b"not a workbook"))
    assert result.error and not survey.invitations.exists()


def test_only_a_hash_of_the_link_is_stored_and_a_new_link_replaces_the_old(survey):
    invitation, token = invite(survey, "5700100256")
    invitation.refresh_from_db()
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert invitation.token_hash == selectors.hash_token(token)
    assert selectors.invitation_for_token(token) == invitation
    [(_inv, newer)] = services.issue_links(invitations=[invitation])
    assert selectors.invitation_for_token(token) is None
    assert selectors.invitation_for_token(newer) == invitation


def test_an_enterprise_rates_one_or_two_branches_and_never_the_same_twice(open_survey, org):
    invitation, _ = invite(open_survey, "5700100256")
    a, b = open_survey.branches.order_by("order")
    with pytest.raises(ValidationError, match="Hãy chọn chi cục"):
        services.choose_branches(invitation=invitation, branch_ids=[])
    services.choose_branches(invitation=invitation, branch_ids=[a.pk])
    services.choose_branches(invitation=invitation, branch_ids=[a.pk, b.pk])  # a is kept, b added
    assert set(invitation.responses.values_list("unit", flat=True)) == {org.a.pk, org.b.pk}
    open_survey.max_branches = 1
    open_survey.save()
    other, _ = invite(open_survey, "5700100257")
    with pytest.raises(ValidationError, match="nhiều nhất 1 chi cục"):
        services.choose_branches(invitation=other, branch_ids=[a.pk, b.pk])


def test_the_database_refuses_a_second_response_per_tax_code_branch_and_year(open_survey, org):
    invitation, _ = invite(open_survey, "5700100256")
    branch = open_survey.branches.get(unit=org.a)
    [first] = services.choose_branches(invitation=invitation, branch_ids=[branch.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            invitation=invitation,
            survey=open_survey,
            branch=branch,
            unit=org.a,
            year=2021,
            tax_code="5700100256",
        )


def test_a_partial_answer_is_saved_and_resumed_then_submitted_once(open_survey, org):
    invitation, token = invite(open_survey, "5700100256")
    [response] = services.choose_branches(
        invitation=invitation, branch_ids=[open_survey.branches.get(unit=org.a).pk]
    )
    values = all_answers(open_survey, 4, "Rất hài lòng")
    first_half = dict(list(values.items())[:5])
    services.save_answers(
        response=response, values=first_half, expected_version=response.lock_version, submit=False
    )
    response.refresh_from_db()
    assert response.status == SurveyResponse.Status.DRAFT and response.answers.count() == 5
    with pytest.raises(ValidationError) as missing:
        services.save_answers(
            response=response, values=first_half, expected_version=response.lock_version, submit=True
        )
    assert "Câu hỏi này cần được trả lời." in str(missing.value)
    response.refresh_from_db()
    assert response.status == SurveyResponse.Status.DRAFT  # nothing written half-way
    services.save_answers(
        response=response, values=values, expected_version=response.lock_version, submit=True
    )
    response.refresh_from_db()
    invitation.refresh_from_db()
    assert response.status == SurveyResponse.Status.SUBMITTED and invitation.completed_at is not None
    with pytest.raises(ValidationError, match="đã được gửi"):
        services.save_answers(
            response=response, values=values, expected_version=response.lock_version, submit=True
        )


def test_a_replayed_save_with_an_old_version_is_refused(open_survey, org):
    invitation, _ = invite(open_survey, "5700100256")
    [response] = services.choose_branches(
        invitation=invitation, branch_ids=[open_survey.branches.get(unit=org.a).pk]
    )
    read = response.lock_version
    services.save_answers(
        response=response, values=all_answers(open_survey, 3), expected_version=read, submit=False
    )
    with pytest.raises(ConcurrentEditError):
        services.save_answers(
            response=response, values=all_answers(open_survey, 1), expected_version=read, submit=True
        )
    assert set(response.answers.exclude(scale_value=None).values_list("scale_value", flat=True)) == {3}


def test_invalid_values_are_refused_per_question(open_survey, org):
    invitation, _ = invite(open_survey, "5700100256")
    [response] = services.choose_branches(
        invitation=invitation, branch_ids=[open_survey.branches.get(unit=org.a).pk]
    )
    scale = open_survey.questions.filter(kind="scale").first()
    choice = open_survey.questions.filter(kind="choice").first()
    with pytest.raises(ValidationError) as exc:
        services.save_answers(
            response=response,
            values={scale.pk: "9", choice.pk: "999999"},
            expected_version=response.lock_version,
            submit=False,
        )
    assert exc.value.message_dict == {
        f"q{scale.pk}": ["Chọn một mức từ 1 đến 5."],
        f"q{choice.pk}": ["Phương án không hợp lệ."],
    }
    assert not response.answers.exists()


def test_answers_are_refused_when_the_survey_is_not_open(survey, org):
    invitation, _ = invite(survey, "5700100256")
    with pytest.raises(ValidationError, match="không nhận phiếu"):
        services.choose_branches(invitation=invitation, branch_ids=[survey.branches.first().pk])


def test_reminders_mail_a_new_link_to_those_with_an_address_and_list_the_others(open_survey, mailoutbox):
    done, _ = invite(open_survey, "5700100001")
    done.completed_at = done.created_at
    done.save()
    with_mail = services.add_invitation(
        survey=open_survey, tax_code="5700100002", enterprise_name="Có thư", email="a@b.vn"
    )
    services.add_invitation(survey=open_survey, tax_code="5700100003", enterprise_name="Không thư")
    sent, other = services.send_reminders(survey=open_survey)
    assert sent == 1 and [i.tax_code for i, _t in other] == ["5700100003"]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["a@b.vn"]
    with_mail.refresh_from_db()
    assert with_mail.reminders_sent == 1
    token = mailoutbox[0].body.split("/khao-sat/")[1].split("/")[0]
    assert selectors.invitation_for_token(token) == with_mail
