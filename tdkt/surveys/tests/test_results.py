"""The index method on known answers (docs/surveys.md), publication thresholds and `branch_index`."""

import pytest

from tdkt.surveys import selectors, services
from tdkt.surveys.results import Stat, answer_score, response_scores, survey_results, t_quantile
from tdkt.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db


def test_answers_map_to_0_100_with_reversed_statements_and_unscored_options():
    assert answer_score(kind="scale", scale_value=1, scale_max=5, reverse=False, choice_score=None) == 0
    assert answer_score(kind="scale", scale_value=4, scale_max=5, reverse=False, choice_score=None) == 75
    assert answer_score(kind="scale", scale_value=4, scale_max=5, reverse=True, choice_score=None) == 25
    assert answer_score(kind="choice", scale_value=None, scale_max=5, reverse=False, choice_score=40) == 40
    assert (
        answer_score(kind="choice", scale_value=None, scale_max=5, reverse=False, choice_score=None) is None
    )


def test_the_overall_score_renormalises_weights_over_answered_components():
    parts, overall = response_scores([(1, 100.0), (1, 50.0), (2, 0.0)], {1: 30.0, 2: 10.0, 3: 60.0})
    assert parts == {1: 75.0, 2: 0.0}
    assert overall == pytest.approx((30 * 75 + 10 * 0) / 40)


def test_the_confidence_interval_uses_student_t_and_stays_within_0_100():
    stat = Stat.of([60.0, 70.0, 80.0])
    assert stat.mean == 70 and stat.n == 3
    assert stat.high - stat.mean == pytest.approx(4.303 * 10 / 3**0.5)
    assert Stat.of([95.0, 100.0]).high == 100.0
    assert Stat.of([50.0]).low is None
    assert t_quantile(500) == 1.96


def test_indices_ranking_response_rate_and_minimum_cell_size(open_survey, org):
    # Branch A: two enterprises agreeing fully with everything; branch B: one enterprise disagreeing.
    respond(open_survey, "5700000001", org.a, 5, comment="Thủ tục nhanh")
    respond(open_survey, "5700000002", org.a, 5, comment="Cán bộ nhiệt tình")
    respond(open_survey, "5700000003", org.b, 1, comment="Còn chậm")
    services.add_invitation(survey=open_survey, tax_code="5700000004", enterprise_name="Chưa trả lời")
    results = survey_results(open_survey)
    assert (results.invited, results.responded) == (4, 3)
    assert results.response_rate == 75
    a, b = results.branches
    assert a.name == org.a.name and a.published and a.rank == 1 and a.respondents == 2
    # Every positive item 100, reversed items 0, the choice's first option (under 2 hours) 100:
    # informal charges (weight 15) score 0, the rest 100 → 85 overall.
    assert a.overall.mean == pytest.approx(85)
    assert a.components["chi_phi_khong_chinh_thuc"].mean == 0
    assert a.comments == ["Cán bộ nhiệt tình", "Thủ tục nhanh"]  # alphabetical, not in order of arrival
    assert not b.published and b.rank is None and b.comments == []  # 1 response < minimum of 2
    assert results.ranked == [a]


def test_drafts_count_nowhere(open_survey, org):
    respond(open_survey, "5700000001", org.a, 5)
    respond(open_survey, "5700000002", org.a, 5)
    respond(open_survey, "5700000003", org.a, 1, submit=False)
    results = survey_results(open_survey)
    assert results.branches[0].respondents == 2 and results.in_progress == 1


def test_branch_index_for_emulation_scoring(open_survey, org):
    assert selectors.branch_index(org.a, 2021) is None
    respond(open_survey, "5700000001", org.a, 5)
    assert selectors.branch_index(org.a, 2021) is None  # below the minimum cell size
    respond(open_survey, "5700000002", org.a, 4)
    index = selectors.branch_index(org.a, 2021)
    assert index.rank == 1 and index.of == 1 and index.respondents == 2
    assert index.survey_id == open_survey.pk and 0 <= index.low <= index.overall <= index.high <= 100
    assert set(index.components) == set(open_survey.components.values_list("code", flat=True))
    assert selectors.branch_index(org.a.pk, 2020) is None


def test_year_on_year_change_and_a_caveat_when_the_questionnaire_changed(open_survey, org):
    respond(open_survey, "5700000001", org.a, 4)
    respond(open_survey, "5700000002", org.a, 4)
    services.close_survey(survey=open_survey, expected_version=open_survey.lock_version)
    same = services.create_survey(unit=org.root, year=2022, title="CDCI 2022", min_cell_size=2)
    same = services.open_survey(survey=same, expected_version=same.lock_version)
    respond(same, "5700000001", org.a, 5)
    respond(same, "5700000002", org.a, 5)
    results = survey_results(same)
    assert results.previous == open_survey and not results.version_changed
    a = results.branches[0]
    assert a.change == pytest.approx(a.overall.mean - survey_results(open_survey).branches[0].overall.mean)
    changed = services.create_survey(unit=org.root, year=2023, title="CDCI 2023", version="CDCI-2023")
    assert survey_results(changed).version_changed


def test_the_dashboard_card_counts_open_surveys_for_those_who_run_them(client, open_survey, officer_hq, org):
    from django.urls import reverse

    from conftest import login, make_user
    from tdkt.core import dashboard
    from tdkt.surveys import cards

    assert cards.open_surveys in dashboard.CARDS
    page = login(client, officer_hq).get(reverse("core:dashboard")).content.decode()
    assert "Khảo sát doanh nghiệp đang mở" in page
    client.logout()
    staff = make_user("staff_hq", role="staff", unit=org.root)
    page = login(client, staff).get(reverse("core:dashboard")).content.decode()
    assert "Khảo sát doanh nghiệp đang mở" not in page
