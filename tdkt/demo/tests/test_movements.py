"""`tdkt demo load` with the movements demo: the seeds' movements, registrations and a year of actuals."""

import io

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from conftest import login
from tdkt.awards.models import ClusterResult, Rating, UnitResult
from tdkt.core.text import format_percent
from tdkt.demo import movements as demo
from tdkt.movements import review_report, selectors
from tdkt.movements.models import (
    Actual,
    AnnualRating,
    Inspection,
    Movement,
    MovementReview,
    PeriodScore,
    RatingGroup,
    RatingGroupMember,
    Registration,
    Target,
)
from tdkt.org.models import Unit
from tdkt.rules import facts

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_demo_movements_load_once(django_assert_max_num_queries, client):
    call_command("demo", "load", "--people", "120", stdout=io.StringIO())
    counts = (
        Movement.objects.count(),
        Registration.objects.count(),
        Target.objects.count(),
        Actual.objects.count(),
    )
    assert counts == (5, 4, 6, 8 + 48 + 5)
    hcm = Movement.objects.get(launching_unit__code="HQ02")
    assert hcm.launched_on.isoformat() == "2019-09-12" and hcm.status == "launched"
    phase = Movement.objects.get(launching_unit__code="HQ")
    assert phase.slogan == "Đoàn kết – Kỷ cương – Đổi mới – Sáng tạo" and phase.duration_row == "10"
    assert phase.participants.count() > 100
    assert Movement.objects.filter(launching_unit__code="HQ31").count() == 3
    revenue = Target.objects.get(unit__code="HQ02", year=2019)
    assert format_percent(revenue.attainment) == "70,32 %"
    officer = login(client, User.objects.get(username="canbo.tdkt"))  # the agency's officer of the demo
    page = officer.get(f"/movements/targets/?year=2019&unit={revenue.unit_id}")
    assert page.status_code == 200
    assert revenue.name in page.content.decode() and "70,32 %" in page.content.decode()
    lang_son = Target.objects.get(unit__code=demo.LSO, year=2006)  # 2006–2010, five yearly results
    assert (lang_son.year_to, lang_son.periods_reported, lang_son.actual_total) == (2010, 5, demo.LSO_TOTAL)
    html = officer.get(f"/movements/targets/{lang_son.pk}/").content.decode()
    assert "6.452,7" in html and "2006–2010" in html and "2.356,5" in html  # the total and the last year
    qb = Unit.objects.get(code="HQ31")
    assert selectors.registered_titles(qb, 2020) == {"TTLDXS"}
    assert Target.objects.filter(year=2020, periods_reported=12).count() == 4
    leading = ClusterResult.objects.get(year=2020, leading=True, source="cluster")
    assert leading.unit.code == "HQ31" and leading.members == 3
    assert Inspection.objects.filter(checklist__owner__code="HQ02").count() == 7
    [review] = MovementReview.objects.all()  # the mid-term review of Quảng Bình's 2020 movement
    assert review.movement.launching_unit.code == "HQ31" and review.kind == "so_ket"
    assert "Giấy khen" in docx_text(review_report.render(review))
    ratings = _the_rolled_up_ratings()
    group = _the_capped_group(officer)
    out = io.StringIO()
    demo.load(stdout=out)
    assert out.getvalue() == ""
    assert MovementReview.objects.count() == 1
    assert _the_rolled_up_ratings() == ratings
    assert _the_capped_group(officer) == group
    assert (Movement.objects.count(), Registration.objects.count(), Actual.objects.count()) == counts[
        :2
    ] + counts[3:]


def _the_rolled_up_ratings():
    """Twelve monthly scores of 2020 for people of one Quảng Bình unit, rolled up into annual ratings that
    are the award history's (which the eligibility engine reads), and the HTXS task result of the unit that
    beat its revenue target; returns what a second load must leave unchanged."""
    annual = list(
        AnnualRating.objects.filter(year=2020).select_related("unit", "person").order_by("person_id")
    )
    assert (
        annual
        and {r.unit.code for r in annual} <= set(demo.QB_UNITS)
        and len({r.unit_id for r in annual}) == 1
    )
    assert PeriodScore.objects.filter(year=2020).count() == 12 * len(annual)
    history = {
        r.person_id: (r.value, r.points)
        for r in Rating.objects.filter(year=2020, person__in=[a.person for a in annual])
    }
    assert history == {r.person_id: (r.value, r.points) for r in annual}
    assert all(r.value == r.by_points and not r.capped and not r.forced_by_discipline for r in annual)
    seen = facts.person_facts([r.person_id for r in annual], up_to_year=2020)
    assert {pk: f.ratings[2020] for pk, f in seen.items()} == {r.person_id: r.value for r in annual}

    beaten = selectors.task_result_suggestions(
        2020, list(Unit.objects.filter(code__in=demo.QB_UNITS).values_list("pk", flat=True))
    )
    assert beaten, "one Quảng Bình unit exceeds its 2020 revenue target"
    results = UnitResult.objects.filter(year=2020, unit_id__in=beaten)
    assert sorted(results.values_list("value", flat=True)) == ["HTXS"] * len(beaten)
    assert all(facts.unit_facts([pk], 2020)[pk].task_results[2020] == "HTXS" for pk in beaten)
    return [(r.pk, r.person_id, r.value, r.points) for r in annual], sorted(
        results.values_list("pk", "value")
    )


def _the_capped_group(officer):
    """A group with similar tasks of three people in a team of today: one reaches HTXS by points in 2021
    where 20 % of three allows none, so the roll-up lowers it to HTT (in the group), and the ratings page
    shows the warning and the flag. The history keeps every rating it had (the roll-up only adds the points);
    returns what a second load must leave unchanged."""
    [group] = RatingGroup.objects.filter(name=demo.GROUP_NAME)
    assert group.unit.valid_to is None
    members = set(RatingGroupMember.objects.filter(group=group).values_list("person_id", flat=True))
    annual = list(AnnualRating.objects.filter(year=demo.GROUP_YEAR, unit=group.unit))
    assert len(members) == demo.GROUP_SIZE and members <= {r.person_id for r in annual}
    [lowered] = [r for r in annual if r.by_points == "HTXS"]
    assert (lowered.value, lowered.capped, lowered.capped_in, lowered.group) == ("HTT", True, "group", group)
    assert {r.value for r in annual} == {"HTT"}
    history = Rating.objects.filter(year=demo.GROUP_YEAR, person__in=[r.person_id for r in annual])
    assert set(history.values_list("value", flat=True)) == {"HTT"}
    rating_type = ContentType.objects.get_for_model(Rating)
    changed = LogEntry.objects.filter(content_type=rating_type, action=LogEntry.Action.UPDATE)
    assert [e.changes for e in changed if "value" in e.changes] == []  # the history's ratings are kept
    html = officer.get(f"/movements/ratings/{group.unit_id}/?year={demo.GROUP_YEAR}").content.decode()
    warning = f"Nhóm «{demo.GROUP_NAME}»: 1 người đạt HTXS theo điểm, tối đa 0 (trên 3 người từ HTT trở lên)"
    assert warning in html
    assert f"vượt tỷ lệ HTXS của nhóm «{demo.GROUP_NAME}»" in html
    return group.pk, sorted(members), sorted((r.pk, r.value, r.points) for r in annual)
