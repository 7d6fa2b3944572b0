"""Movements, registrations and targets: what the services allow, refuse and record."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.awards.models import UnitResult
from tdkt.core.errors import ConcurrentEditError
from tdkt.core.text import format_percent
from tdkt.movements import selectors, services
from tdkt.movements.models import Movement, MovementEvent, Target, UnitNotification

pytestmark = pytest.mark.django_db


# --- movements ---------------------------------------------------------------------------------------------


def test_a_movement_goes_draft_launched_closed_with_an_event_per_step(org, movement, officer_a):
    assert movement.status == "draft" and not movement.participants.exists()
    services.launch_movement(movement=movement, on=date(2020, 1, 10))
    movement.refresh_from_db()
    assert movement.status == "launched" and movement.launched_on == date(2020, 1, 10)
    # subtree mode: the launching unit and every unit under it on that day take part
    assert set(movement.participants.values_list("unit__code", flat=True)) == {"HQ", "A", "A1", "B"}
    services.close_movement(movement=movement, on=date(2020, 12, 31), note="Tổng kết năm")
    movement.refresh_from_db()
    assert movement.status == "closed" and movement.closed_on == date(2020, 12, 31)
    steps = list(MovementEvent.objects.filter(movement=movement).values_list("from_status", "to_status"))
    assert steps == [("", "draft"), ("draft", "launched"), ("launched", "closed")]
    with pytest.raises(ValidationError, match="Chỉ tổng kết"):
        services.close_movement(movement=movement)
    with pytest.raises(ValidationError, match="đã tổng kết"):
        services.update_movement(movement=movement, slogan="Khác")


def test_launching_notifies_each_participating_unit_once(org, movement):
    services.launch_movement(movement=movement, on=date(2020, 1, 10))
    notices = UnitNotification.objects.filter(movement=movement)
    assert sorted(n.unit.code for n in notices) == ["A", "A1", "B", "HQ"]
    assert "Hạn đăng ký thi đua: 29/02/2020." in notices[0].text
    with pytest.raises(ValidationError, match="đã được phát động"):
        services.launch_movement(movement=movement)
    assert UnitNotification.objects.filter(movement=movement).count() == 4


def test_a_chosen_list_needs_at_least_one_unit(org):
    m = services.create_movement(
        launching_unit=org.root,
        name="Đợt thi đua đặc biệt",
        kind="chuyen_de",
        participants_mode="list",
        starts_on=date(2020, 3, 1),
        ends_on=date(2020, 9, 30),
    )
    with pytest.raises(ValidationError, match="ít nhất một đơn vị"):
        services.launch_movement(movement=m, on=date(2020, 3, 1))
    services.update_movement(movement=m, participant_units=[org.a])
    services.launch_movement(movement=m, on=date(2020, 3, 1))
    assert list(m.participants.values_list("unit__code", flat=True)) == ["A"]
    assert UnitNotification.objects.filter(movement=m).count() == 1


def test_bad_movements_are_refused_with_vietnamese_messages(org):
    with pytest.raises(ValidationError, match="Nhập tên phong trào"):
        services.create_movement(
            launching_unit=org.a, name="  ", starts_on=date(2020, 1, 1), ends_on=date(2020, 2, 1)
        )
    with pytest.raises(ValidationError, match="Ngày kết thúc"):
        services.create_movement(
            launching_unit=org.a, name="X", starts_on=date(2020, 2, 1), ends_on=date(2020, 1, 1)
        )
    with pytest.raises(ValidationError, match="Hạn đăng ký"):
        services.create_movement(
            launching_unit=org.a,
            name="X",
            starts_on=date(2020, 2, 1),
            ends_on=date(2020, 3, 1),
            registration_deadline=date(2021, 1, 1),
        )
    assert not Movement.objects.exists()


def test_only_officers_over_the_launching_unit_manage_it(org, officer_a, outsider_b, leader_a):
    with pytest.raises(PermissionDenied):
        services.create_movement(
            launching_unit=org.a,
            name="X",
            starts_on=date(2020, 1, 1),
            ends_on=date(2020, 2, 1),
            actor=leader_a,
        )
    m = services.create_movement(
        launching_unit=org.a, name="X", starts_on=date(2020, 1, 1), ends_on=date(2020, 2, 1), actor=officer_a
    )
    with pytest.raises(PermissionDenied):
        services.launch_movement(movement=m, actor=outsider_b)


def test_a_stale_edit_is_refused(org, movement):
    version = movement.lock_version
    services.update_movement(
        movement=movement, slogan="Kỷ cương – Đổi mới – Hiệu quả", expected_version=version
    )
    with pytest.raises(ConcurrentEditError):
        services.update_movement(movement=movement, slogan="Khác", expected_version=version)


def test_the_duration_row_of_form_0601_follows_the_period(org):
    def movement(name, start, end):
        return services.create_movement(launching_unit=org.root, name=name, starts_on=start, ends_on=end)

    one_year = movement("Năm", date(2020, 1, 1), date(2020, 12, 31))
    phase = movement("Giai đoạn", date(2021, 1, 1), date(2025, 12, 31))
    short = movement("Văn hóa công sở", date(2019, 9, 12), date(2019, 12, 31))
    assert (one_year.duration_row, phase.duration_row, short.duration_row) == ("07", "10", "06")


def test_a_unit_registers_titles_and_pledges_and_proposals_can_ask(org, launched, person_a, officer_a):
    reg = services.register(
        movement=launched,
        unit=org.a,
        year=2020,
        pledge="Hoàn thành vượt mức chỉ tiêu thu ngân sách.",
        collective=["TTLDXS"],
        individual=[(person_a, "CSTDCS")],
        actor=officer_a,
        on=date(2020, 2, 1),
    )
    assert reg.status == "submitted" and reg.submitted_on == date(2020, 2, 1)
    assert selectors.registered_titles(org.a, 2020) == {"TTLDXS"}
    assert selectors.registered_titles(person_a, 2020) == {"CSTDCS"}
    assert selectors.is_registered(person_a, 2020, "CSTDCS")
    assert not selectors.is_registered(person_a, 2020, "LDTT")
    assert not selectors.is_registered(org.a, 2021, "TTLDXS")
    assert selectors.registered_titles_of_people([person_a.pk, 999], 2020) == {person_a.pk: {"CSTDCS"}}
    # amending replaces the titles
    services.register(
        movement=launched,
        unit=org.a,
        year=2020,
        pledge="Cam kết mới",
        collective=["TTLDTT"],
        on=date(2020, 2, 2),
    )
    assert selectors.registered_titles(org.a, 2020) == {"TTLDTT"}
    assert selectors.registered_titles(person_a, 2020) == set()


def test_registration_is_refused_after_the_deadline_and_for_wrong_titles(org, launched, person_a, person_b):
    base = dict(movement=launched, unit=org.a, year=2020, pledge="Cam kết")
    with pytest.raises(ValidationError, match="quá hạn đăng ký thi đua \\(29/02/2020\\)"):
        services.register(**base, collective=["TTLDXS"], on=date(2020, 3, 1))
    with pytest.raises(ValidationError, match="không phải danh hiệu thi đua dành cho tập thể"):
        services.register(**base, collective=["CSTDCS"], on=date(2020, 2, 1))
    with pytest.raises(ValidationError, match="Trần Thị Bình không công tác tại đơn vị"):
        services.register(**base, individual=[(person_b, "LDTT")], on=date(2020, 2, 1))
    with pytest.raises(ValidationError, match="ít nhất một danh hiệu"):
        services.register(**base, on=date(2020, 2, 1))
    with pytest.raises(ValidationError, match="Năm đăng ký"):
        services.register(**{**base, "year": 2021}, collective=["TTLDXS"], on=date(2020, 2, 1))
    assert not launched.registrations.exists()


def test_registration_needs_a_launched_movement_the_unit_takes_part_in(org, movement, outsider_b):
    with pytest.raises(ValidationError, match="đang thực hiện"):
        services.register(movement=movement, unit=org.a, year=2020, pledge="x", collective=["TTLDXS"])
    services.launch_movement(movement=movement, on=date(2020, 1, 10))
    with pytest.raises(PermissionDenied):
        services.register(
            movement=movement, unit=org.a, year=2020, pledge="x", collective=["TTLDXS"], actor=outsider_b
        )


# --- targets -----------------------------------------------------------------------------------------------


def test_seed_check_ho_chi_minh_city_2019_revenue_is_70_32_percent(revenue):
    assert revenue.planned == Decimal("108800")
    services.record_actual(target=revenue, period=8, value="76.508")
    revenue.refresh_from_db()
    assert revenue.actual_total == Decimal("76508")
    assert format_percent(revenue.attainment) == "70,32 %"


def test_actuals_add_up_and_forecast_the_year(revenue):
    for month, value in [(1, "9.000"), (2, "9.500"), (3, "10.000")]:
        services.record_actual(target=revenue, period=month, value=value)
    revenue.refresh_from_db()
    assert revenue.actual_total == Decimal("28500") and revenue.periods_reported == 3
    forecast = selectors.forecast(revenue)
    assert forecast.value == Decimal("114000") and format_percent(forecast.attainment) == "104,78 %"
    chart = selectors.series(revenue)
    assert chart["actual"][:4] == [9000.0, 18500.0, 28500.0, None] and chart["planned"][0] == 108800.0
    # the same value again changes nothing; a correction recomputes
    assert services.record_actual(target=revenue, period=1, value="9000")[1] is False
    services.record_actual(target=revenue, period=1, value="10.000")
    revenue.refresh_from_db()
    assert revenue.actual_total == Decimal("29500")


def test_decimal_comma_and_lower_is_better(org):
    hours = services.create_target(
        unit=org.a,
        year=2020,
        code="TG_TQ",
        name="Thời gian thông quan hàng nhập khẩu",
        unit_label="giờ",
        planned="4",
        measure="thoi_gian_tq",
        higher_is_better=False,
        period="quarter",
        aggregation="avg",
    )
    services.record_actual(target=hours, period=1, value="2,5")
    services.record_actual(target=hours, period=2, value="1,5")
    hours.refresh_from_db()
    assert hours.actual_total == Decimal("2") and hours.attainment == Decimal("200")
    with pytest.raises(ValidationError, match="Kỳ phải từ 1 đến 4"):
        services.record_actual(target=hours, period=5, value="1")
    with pytest.raises(ValidationError, match="không phải là số"):
        services.record_actual(target=hours, period=3, value="nhiều")
    with pytest.raises(ValidationError, match="âm"):
        services.record_actual(target=hours, period=3, value="-1")


def test_lang_son_five_year_revenue_can_be_entered(org):
    target = services.create_target(
        unit=org.b,
        year=2010,
        code="THU_2006_2010",
        name="Thu thuế XNK 2006–2010",
        unit_label="tỷ đồng",
        planned="6.000",
        period="quarter",
    )
    services.record_actual(target=target, period=4, value="6.452,7")
    target.refresh_from_db()
    assert target.actual_total == Decimal("6452.7") and format_percent(target.attainment) == "107,55 %"


def test_adjustments_keep_their_history_and_need_a_reason(revenue, officer_a):
    with pytest.raises(ValidationError, match="lý do"):
        services.adjust_target(target=revenue, planned="100.000", reason=" ", actor=officer_a)
    services.record_actual(target=revenue, period=1, value="76.508")
    services.adjust_target(
        target=revenue,
        planned="100.000",
        reason="Điều chỉnh theo dự toán",
        actor=officer_a,
        expected_version=revenue.lock_version,
    )
    revenue.refresh_from_db()
    assert format_percent(revenue.attainment) == "76,51 %"
    [adj] = revenue.adjustments.all()
    assert (adj.old_planned, adj.new_planned, adj.actor) == (Decimal("108800"), Decimal("100000"), officer_a)
    with pytest.raises(ConcurrentEditError):
        services.adjust_target(target=revenue, planned="90.000", reason="x", expected_version=1)


def test_duplicate_target_codes_are_refused(revenue, org):
    with pytest.raises(ValidationError, match="Đã có chỉ tiêu mã THU_NSNN"):
        services.create_target(
            unit=org.a, year=2019, code="thu_nsnn", name="Trùng", unit_label="tỷ đồng", planned=1
        )


def test_a_collective_exceeding_all_approved_targets_is_suggested_htxs(org, revenue, officer_a, outsider_b):
    seizures = services.create_target(
        unit=org.a, year=2019, code="BAT_GIU", name="Bắt giữ vi phạm", unit_label="vụ", planned=100
    )
    services.record_actual(target=revenue, period=12, value="110.000")
    services.record_actual(target=seizures, period=12, value="90")
    assert selectors.task_result_suggestions(2019) == set()
    with pytest.raises(ValidationError, match="chưa vượt tất cả"):
        services.apply_task_result(unit=org.a, year=2019, actor=officer_a)
    services.record_actual(target=seizures, period=11, value="20")
    assert selectors.task_result_suggestions(2019) == {org.a.pk}
    with pytest.raises(PermissionDenied):
        services.apply_task_result(unit=org.a, year=2019, actor=outsider_b)
    services.apply_task_result(unit=org.a, year=2019, actor=officer_a)
    assert UnitResult.objects.get(unit=org.a, year=2019).value == "HTXS"


def test_person_targets_belong_to_a_member(org, person_a, person_b):
    t = services.create_target(
        unit=org.a, person=person_a, year=2020, code="HS", name="Hồ sơ xử lý", unit_label="hồ sơ", planned=500
    )
    assert t.person == person_a and Target.objects.filter(person__isnull=False).count() == 1
    with pytest.raises(ValidationError, match="không công tác"):
        services.create_target(
            unit=org.a, person=person_b, year=2020, code="HS", name="Hồ sơ", unit_label="hồ sơ", planned=500
        )


def test_an_absurd_attainment_is_held_at_the_columns_limit(org):
    target = services.create_target(
        unit=org.a, year=2020, code="X", name="X", unit_label="vụ", planned="0,001"
    )
    services.record_actual(target=target, period=1, value="1.000.000")
    target.refresh_from_db()
    assert target.attainment == selectors.MAX_PERCENT
