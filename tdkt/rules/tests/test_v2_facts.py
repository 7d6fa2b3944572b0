"""Version-2 facts read from the database (award periods, discipline dates and terms, periods under review,
leaves, cluster results) equal the facts file's, and give the same verdicts; pages and API show them with the
warnings; an administrator switches the newer rule set on without a code change."""

from datetime import date

import pytest

from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind, ReviewPeriod
from tdkt.rules import facts, services
from tdkt.rules.engine import Evaluator
from tdkt.rules.model import (
    AwardRecord,
    ClusterRecord,
    DisciplineRecord,
    LeaveRecord,
    Question,
    ReviewRecord,
    TitleRecord,
)
from tdkt.rules.models import ParameterOverride
from tdkt.rules.tests.test_facts import give, new_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(org):
    """Trần Thị Lan of the shared v2 cases, in the database."""
    person = new_person("Lan", org.a1, family="Trần")
    for year, value in ((2023, "HTT"), (2024, "HTT"), (2025, "HTXS"), (2026, "HTXS")):
        awards.set_rating(person=person, year=year, value=value)
    give("CSTDCS", 2025, person=person, number="5/QĐ", on=date(2026, 1, 10))
    give("CSTDCS", 2026, person=person, number="6/QĐ", on=date(2027, 1, 10))
    awards.record_award(
        kind=AwardKind.objects.get(code="BK_BO"),
        year=2024,
        person=person,
        decision_number="812/QĐ-BTC",
        decision_date=date(2025, 4, 10),
        period_from=2023,
        period_to=2024,
    )
    return person


def test_the_award_period_is_read_and_restarts_the_count(lan):
    read = facts.person_facts([lan.pk])[lan.pk]
    assert read.awards == (
        AwardRecord("BK_BO", date(2025, 4, 10), "812/QĐ-BTC", "cong_trang", False, 2023, 2024),
    )
    assert read.titles[0] == TitleRecord("CSTDCS", 2025, False, "5/QĐ", date(2026, 1, 10))
    assert services.evaluate_person(lan, "BK_BO", 2027).verdict == "eligible"


def test_without_the_period_the_count_restarts_after_the_decision(lan):
    award = lan.awards.get(kind__code="BK_BO")
    award.period_from = award.period_to = None
    award.save()
    assert services.evaluate_person(lan, "BK_BO", 2027).verdict == "not_eligible"


def test_discipline_term_review_periods_and_leaves_are_read(org):
    minh = new_person("Minh", org.a1)
    awards.record_discipline(
        person=minh,
        year=2025,
        level="khien_trach",
        duty_related=False,
        decision_date=date(2025, 6, 1),
        term_end=date(2026, 5, 31),
    )
    awards.record_review_period(person=minh, kind="inspection", start=date(2025, 12, 1))
    awards.record_leave(person=minh, kind="maternity", start=date(2024, 3, 1), end=date(2024, 8, 31))
    read = facts.person_facts([minh.pk])[minh.pk]
    assert read.discipline == (
        DisciplineRecord(2025, "khien_trach", False, date(2025, 6, 1), date(2026, 5, 31)),
    )
    assert read.under_review == (ReviewRecord(date(2025, 12, 1), None, "inspection"),)
    assert read.leaves == (LeaveRecord(date(2024, 3, 1), date(2024, 8, 31), "maternity"),)


def test_an_open_review_blocks_every_award_until_it_is_closed(org):
    nga = new_person("Nga", org.a1)
    awards.set_rating(person=nga, year=2025, value="HTT")
    period = awards.record_review_period(person=nga, kind="complaint", start=date(2025, 12, 1))
    blocked = services.evaluate_person(nga, "LDTT", 2025)
    assert blocked.verdict == "not_eligible" and blocked.criteria[0].id == "under_review"
    awards.close_review_period(period=period, end=date(2026, 1, 5))
    assert services.evaluate_person(nga, "LDTT", 2025).verdict == "eligible"


def test_a_review_period_needs_exactly_one_subject_and_an_end_after_its_start(org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        awards.record_review_period(kind="inspection", start=date(2025, 1, 1))
    with pytest.raises(ValidationError):
        awards.record_review_period(
            person=new_person("X", org.a1), kind="inspection", start=date(2025, 2, 1), end=date(2025, 1, 1)
        )
    assert ReviewPeriod.objects.count() == 0


def test_cluster_results_decide_the_co_thi_dua(org):
    awards.set_unit_result(unit=org.a1, year=2025, value="HTXS")
    give("TTLDXS", 2025, unit=org.a1, number="1/QĐ")
    undecided = services.evaluate_unit(org.a1, "CO_BO", 2025)
    assert undecided.verdict == "needs_review"
    awards.set_cluster_result(
        unit=org.a1, year=2025, cluster="Cụm thi đua số 2", leading=True, rank=1, members=7
    )
    read = facts.unit_facts([org.a1.pk], 2025)[org.a1.pk]
    assert read.cluster_results == {2025: ClusterRecord("Cụm thi đua số 2", 1, 7, True)}
    assert {c.id: c.status for c in services.evaluate_unit(org.a1, "CO_BO", 2025).criteria}[
        "leads_cluster"
    ] == "met"


def test_a_later_consideration_date_warns_until_an_administrator_enables_the_newer_rule_set(lan, admin_user):
    question = Question("p", "BK_BO", 2027)
    subject = facts.person_facts([lan.pk])[lan.pk]
    before = Evaluator(by_rule_set=facts.parameter_overrides()).verdict(question, subject)
    assert before.rule_set == "LTDKT2022-ND152"
    assert before.warnings and "01/10/2026" in before.warnings[0]
    services.set_parameter(
        rule_set="LTDKT2026",
        key="rule_set.enabled",
        value=True,
        note="Đã đối chiếu văn bản",
        actor=admin_user,
    )
    assert ParameterOverride.objects.filter(rule_set="LTDKT2026", key="rule_set.enabled").exists()
    after = Evaluator(by_rule_set=facts.parameter_overrides()).verdict(question, subject)
    assert after.rule_set == "LTDKT2026" and after.warnings == ()


def test_the_page_shows_plain_verdicts_warnings_and_the_period(lan, officer_a, as_user):
    client = as_user(officer_a)
    page = client.get(f"/eligibility/people/{lan.pk}/?year=2026&award=BK_BO&ask_year=2027").content.decode()
    assert "Thành tích năm 2023–2024" in page
    assert "sau ngày Luật sửa đổi" in page
    assert "ratings.2026" not in page and "LTDKT2022-ND152" not in page
    assert "Chi tiết kỹ thuật" not in page  # administrators only


def test_the_api_gives_warnings_and_the_period(lan, officer_a, as_user):
    client = as_user(officer_a)
    history = client.get(f"/api/people/{lan.pk}/awards/").json()
    bk = next(a for a in history["awards"] if a["code"] == "BK_BO")
    assert (bk["period_from"], bk["period_to"]) == (2023, 2024)
    assert history["review_periods"] == [] and history["leaves"] == []
    body = client.get(f"/api/people/{lan.pk}/eligibility/?year=2026&award=BK_BO").json()
    assert "01/10/2026" in body["results"][0]["warnings"][0]


def test_an_officer_enters_the_cluster_result_on_the_unit_page(org, officer_a, outsider_b, as_user):
    from tdkt.awards.models import ClusterResult

    url = f"/eligibility/units/{org.a1.pk}/cluster-result/"
    form = {"year": 2025, "cluster": "Cụm thi đua số 2", "rank": 1, "members": 7, "leading": "on"}
    assert as_user(outsider_b).post(url, form).status_code == 404
    client = as_user(officer_a)
    page = client.get(f"/eligibility/units/{org.a1.pk}/").content.decode()
    assert "Ghi kết quả cụm, khối thi đua" in page
    assert client.post(url, form).status_code == 302
    result = ClusterResult.objects.get(unit=org.a1, year=2025)
    assert (result.cluster, result.rank, result.members, result.leading) == ("Cụm thi đua số 2", 1, 7, True)
    refused = client.post(url, {**form, "rank": 2}, follow=True).content.decode()
    assert "phải xếp thứ nhất" in refused
    assert ClusterResult.objects.get(unit=org.a1, year=2025).rank == 1
    assert client.get(url).status_code == 405
