"""The public form /khao-sat/<token>/: no log-in, CSRF, replay and rate limits, resume, no leaks."""

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import login
from tdkt.surveys.models import SurveyResponse
from tdkt.surveys.tests.conftest import all_answers, invite

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _post_answers(client, token, response, values, action, version=None):
    data = {f"q{k}": v for k, v in values.items()}
    data["action"] = action
    data["lock_version"] = str(response.lock_version if version is None else version)
    return client.post(f"/khao-sat/{token}/chi-cuc/{response.pk}/", data)


def test_an_enterprise_answers_without_an_account_saves_comes_back_and_submits(client, open_survey, org):
    invitation, token = invite(open_survey, "5700100256", "Công ty TNHH Hạ Long")
    page = client.get(f"/khao-sat/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Công ty TNHH Hạ Long" in html and org.a.name in html and org.b.name in html
    assert page["Cache-Control"] == "no-store" and page["Referrer-Policy"] == "same-origin"
    branch = open_survey.branches.get(unit=org.a)
    started = client.post(f"/khao-sat/{token}/", {"branch": [branch.pk]})
    response = SurveyResponse.objects.get(invitation=invitation)
    assert started.status_code == 302 and started["Location"] == f"/khao-sat/{token}/chi-cuc/{response.pk}/"
    values = all_answers(open_survey, 4, "Cần thêm hướng dẫn")
    first = dict(list(values.items())[:3])
    saved = _post_answers(client, token, response, first, "save")
    assert saved.status_code == 302
    again = Client().get(f"/khao-sat/{token}/chi-cuc/{response.pk}/")  # later, on another device
    assert again.status_code == 200
    question = next(iter(first))
    assert f'name="q{question}" id="q{question}-4" value="4" checked' in again.content.decode()
    response.refresh_from_db()
    done = _post_answers(client, token, response, values, "submit")
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.status == SurveyResponse.Status.SUBMITTED
    thanks = client.get(f"/khao-sat/{token}/")
    assert "Cảm ơn Quý doanh nghiệp" in thanks.content.decode()


def test_a_submit_with_missing_answers_shows_the_questions_and_keeps_a_draft(client, open_survey, org):
    invitation, token = invite(open_survey, "5700100256")
    client.post(f"/khao-sat/{token}/", {"branch": [open_survey.branches.get(unit=org.a).pk]})
    response = SurveyResponse.objects.get(invitation=invitation)
    page = _post_answers(client, token, response, {}, "submit")
    assert page.status_code == 400
    assert "Câu hỏi này cần được trả lời." in page.content.decode()
    assert SurveyResponse.objects.get(pk=response.pk).status == SurveyResponse.Status.DRAFT


def test_a_replayed_post_is_refused_and_changes_nothing(client, open_survey, org):
    invitation, token = invite(open_survey, "5700100256")
    client.post(f"/khao-sat/{token}/", {"branch": [open_survey.branches.get(unit=org.a).pk]})
    response = SurveyResponse.objects.get(invitation=invitation)
    version = response.lock_version
    _post_answers(client, token, response, all_answers(open_survey, 5), "save", version)
    replay = _post_answers(client, token, response, all_answers(open_survey, 1), "save", version)
    assert replay.status_code == 302
    assert set(response.answers.exclude(scale_value=None).values_list("scale_value", flat=True)) == {5}


def test_posts_need_the_csrf_token(open_survey, org):
    _invitation, token = invite(open_survey, "5700100256")
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(f"/khao-sat/{token}/").status_code == 200
    assert strict.post(f"/khao-sat/{token}/", {"branch": ["1"]}).status_code == 403


def test_unknown_links_are_404_and_guessing_is_cut_off(client, open_survey, settings):
    settings.TDKT_SURVEY_RATE_MISSES = 3
    for _ in range(3):
        assert client.get("/khao-sat/khong-dung/").status_code == 404
    assert client.get("/khao-sat/khong-dung-nua/").status_code == 429


def test_saving_is_rate_limited_per_address(client, open_survey, org, settings):
    settings.TDKT_SURVEY_RATE_POSTS = 2
    _invitation, token = invite(open_survey, "5700100256")
    url = f"/khao-sat/{token}/"
    statuses = [client.post(url, {}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_a_logged_in_officer_without_second_factor_is_not_sent_to_the_otp_page(
    client, open_survey, officer_a
):
    _invitation, token = invite(open_survey, "5700100256")
    client.force_login(officer_a)
    assert client.get(f"/khao-sat/{token}/").status_code == 200


def test_a_closed_survey_accepts_nothing(client, open_survey):
    from tdkt.surveys import services

    _invitation, token = invite(open_survey, "5700100256")
    services.close_survey(survey=open_survey, expected_version=open_survey.lock_version)
    assert client.get(f"/khao-sat/{token}/").status_code == 410


def test_another_enterprise_response_cannot_be_reached_with_my_link(client, open_survey, org):
    other, other_token = invite(open_survey, "5700100001")
    client.post(f"/khao-sat/{other_token}/", {"branch": [open_survey.branches.get(unit=org.a).pk]})
    theirs = SurveyResponse.objects.get(invitation=other)
    _mine, token = invite(open_survey, "5700100002")
    page = client.get(f"/khao-sat/{token}/chi-cuc/{theirs.pk}/")
    assert page.status_code == 302 and page["Location"] == f"/khao-sat/{token}/"


def test_verified_staff_may_open_the_form_too(as_user, open_survey, admin_user):
    _invitation, token = invite(open_survey, "5700100256")
    assert login(as_user(admin_user), admin_user).get(f"/khao-sat/{token}/").status_code == 200
