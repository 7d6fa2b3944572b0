"""The audit log sees the movements' writes: launching a movement, saving an actual and rolling up the annual
ratings each leave django-auditlog entries for the objects written, with who did it."""

from datetime import date

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry

from tdkt.movements import services
from tdkt.movements.models import (
    Actual,
    AnnualRating,
    InspectionScore,
    MovementParticipant,
    RegisteredTitle,
    UnitNotification,
)
from tdkt.org import services as org_services

pytestmark = pytest.mark.django_db


def _entries(obj):
    return LogEntry.objects.get_for_object(obj)


def test_launch_actual_and_roll_up_are_in_the_audit_log(org, officer_a, person_a, movement, revenue):
    colleague = org_services.create_person(
        family_name="Trần", middle_name="Thị", given_name="Hoa", gender="nu", staff_code="A-002", unit=org.a1,
        since=date(2020, 1, 1),
    )  # fmt: skip
    for month in (1, 2):
        services.record_period_score(person=person_a, unit=org.a1, year=2025, period=month, points=95)
        services.record_period_score(person=colleague, unit=org.a1, year=2025, period=month, points=75)

    with set_actor(officer_a):
        services.launch_movement(movement=movement, on=date(2020, 1, 10))
        services.record_actual(target=revenue, period=1, value="9.563,5")
        services.roll_up_ratings(unit=org.a1, year=2025, actor=officer_a)

    launched = _entries(movement).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert launched.changes_dict["status"][1] == "launched" and launched.actor == officer_a
    actual = Actual.objects.get(target=revenue, period=1)
    [created] = _entries(actual)
    assert created.action == LogEntry.Action.CREATE and created.actor == officer_a
    ratings = AnnualRating.objects.filter(unit=org.a1, year=2025)
    assert sorted(r.by_points for r in ratings) == ["HTT", "HTXS"]  # the HTXS capped: 20 % of two is none
    for rating in ratings:
        [entry] = _entries(rating)
        assert entry.action == LogEntry.Action.CREATE and entry.actor == officer_a
        assert entry.changes_dict["value"][1] == rating.value

    first = sorted(r.pk for r in ratings)
    with set_actor(officer_a):  # rolled up again: the old rows' deletion and the new rows are logged
        services.roll_up_ratings(unit=org.a1, year=2025, actor=officer_a)
    logged = LogEntry.objects.get_for_model(AnnualRating)
    assert sorted(logged.filter(action=LogEntry.Action.DELETE).values_list("object_id", flat=True)) == first
    assert logged.filter(action=LogEntry.Action.CREATE).count() == 4


def test_the_bulk_writes_are_in_the_audit_log_with_their_actor(
    org, officer_a, admin_user, person_a, movement
):
    """Launching (participants and notices), registering (titles) and an inspection (scores per criterion) write
    their rows in bulk; each row still gets its CREATE entry, with the actor, in the same transaction."""
    with set_actor(admin_user):
        services.launch_movement(movement=movement, on=date(2020, 1, 10))
        services.register(
            movement=movement, unit=org.a, year=2020, pledge="Hoàn thành vượt mức chỉ tiêu.",
            collective=["TTLDXS"], individual=[(person_a, "CSTDCS")], on=date(2020, 2, 1),
        )  # fmt: skip
        checklist = services.create_checklist(
            name="Văn hóa công sở 2020",
            owner=org.root,
            year=2020,
            criteria=[("Trang phục", 10), ("Ứng xử", 20)],
        )
        criteria = list(checklist.criteria.values_list("pk", flat=True))
        services.record_inspection(
            checklist=checklist,
            unit=org.a,
            inspected_on=date(2020, 3, 5),
            scores={criteria[0]: 9, criteria[1]: 18},
        )
    for model, expected in [
        (MovementParticipant, MovementParticipant.objects.filter(movement=movement)),
        (UnitNotification, UnitNotification.objects.filter(movement=movement)),
        (RegisteredTitle, RegisteredTitle.objects.filter(registration__movement=movement)),
        (InspectionScore, InspectionScore.objects.filter(inspection__checklist=checklist)),
    ]:
        rows = list(expected)
        assert rows, model.__name__
        logged = LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE)
        assert sorted(logged.values_list("object_id", flat=True)) == sorted(r.pk for r in rows), (
            model.__name__
        )
        assert {e.actor for e in logged} == {admin_user}, model.__name__
    titles = LogEntry.objects.get_for_model(RegisteredTitle)
    assert any(e.changes_dict.get("person", [None, None])[1] == str(person_a.pk) for e in titles)
    score = InspectionScore.objects.get(criterion_id=criteria[1])
    [entry] = LogEntry.objects.get_for_object(score)
    assert entry.changes_dict["points"][1] == "18.00"


def test_a_targets_running_figures_stay_out_of_its_audit_entries_and_its_actuals_are_in(officer_a, revenue):
    """The running total, periods reported and attainment follow from the actuals, audited one by one; the
    target's own entries hold what a person set (the planned figure, an adjustment), not the recomputation."""
    with set_actor(officer_a):
        services.record_actual(target=revenue, period=1, value="9.563,5")
        services.record_actual(target=revenue, period=2, value="8.000")
    revenue.refresh_from_db()
    assert revenue.periods_reported == 2 and revenue.actual_total
    for entry in _entries(revenue):
        assert not {"actual_total", "periods_reported", "attainment"} & set(entry.changes_dict)
    assert [e.action for e in _entries(Actual.objects.get(target=revenue, period=2))] == [
        LogEntry.Action.CREATE
    ]
