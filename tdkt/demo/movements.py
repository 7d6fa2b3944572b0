"""Demo movements, registrations and targets, on top of the demo organisation (`tdkt.demo.org`).

From the seed articles:

- Cục Hải quan Quảng Bình launched three movements between the end of 2019 and mid-February 2020: the
  2020 movement "Đổi mới – Sáng tạo – Hiệu quả" with registrations and pledges between its units, the
  special drive in honour of the Party congresses and the 2020 holidays, and the office-culture movement
  for the civil servants over 2020–2025. The seed gives the window, not the days: the loader dates them
  inside it. Quảng Bình's units register for 2020, and their revenue targets carry a full year of monthly
  actuals (generated deterministically: the seed gives no monthly figures);
- Cục Hải quan TP. Hồ Chí Minh launched its office-culture movement on 12/9/2019 for the last three months
  of the year; its 2019 revenue target of 108.800 tỷ đồng has monthly actuals summing to the 76.508 tỷ
  đồng collected by 28/8/2019 (70,32 %; the monthly split is illustrative);
- the General Department's 2021–2025 phase "Đoàn kết – Kỷ cương – Đổi mới – Sáng tạo" for the whole sector.

- the office-culture checklist of TP. Hồ Chí Minh for its movement of 2019, with one inspection of each of
  its first seven Chi cục in December (criteria after the movement's goals; points illustrative);
- an illustrative cluster of three central provinces for 2020 (the seeds name no cluster): members with
  head and deputy, three criteria, scores, and the vote that makes Quảng Bình the leading unit;
- twelve monthly scores for 2020 of up to ten civil servants of one Quảng Bình unit, rolled up into their
  annual ratings (written to the award history): the scores are drawn inside the band of each person's
  rating already in that history, and the people are chosen so that the HTXS cap and the discipline rule
  leave those ratings as they are; and the HTXS task result of 2020 for the Quảng Bình unit that beat its
  revenue target (the only approved target it has);
- a group with similar tasks (Decree 335/2025 caps HTXS per unit and per such group) of three people in one
  team of today (a Quảng Bình Đội in the full demo), with twelve monthly scores of 2021 for up to ten people
  of the team, rolled up: one member of the group reaches HTXS by points where 20 % of three allows none, so
  the ratings page warns and the roll-up lowers that rating to HTT. Everyone scored is rated HTT in the
  history, so the history keeps its ratings (the roll-up adds the points).

Idempotent: each movement is looked up by its launching unit and name, each registration and target by
its natural key; a second load changes nothing.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from tdkt.awards.models import Discipline, Rating
from tdkt.movements import selectors, services
from tdkt.movements.models import (
    AnnualRating,
    Cluster,
    CultureChecklist,
    Movement,
    MovementReview,
    PeriodScore,
    RatingGroup,
    Registration,
    Target,
)
from tdkt.org.models import Membership, Unit
from tdkt.org.selectors import subtree_ids

SEED = 2026
QB, HCM, GD = "HQ31", "HQ02", "HQ"
QB_UNITS = ["HQ31", "HQ31B1", "HQ31B2", "HQ31B3"]
HCM_2019_MONTHS = [9120, 8342, 9875, 9560, 9934, 9712, 9981, 9984]  # 76.508 tỷ đồng by the end of August

MOVEMENTS = [
    {
        "unit": QB,
        "launch": date(2019, 12, 30),
        "name": "Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2020",
        "slogan": "Đổi mới – Sáng tạo – Hiệu quả",
        "kind": "thuong_xuyen",
        "scope": "co_quan",
        "level": "co_quan_don_vi",
        "starts_on": date(2020, 1, 1),
        "ends_on": date(2020, 12, 31),
        "registration_deadline": date(2020, 2, 28),
        "midterm_on": date(2020, 7, 15),
        "goals": "Đổi mới nhận thức và hành động của công chức, người lao động; hoàn thành các chỉ tiêu kế "
        "hoạch năm 2020 và giai đoạn 2016–2020.",
        "content": "Đăng ký giao ước thi đua giữa các đơn vị thuộc và trực thuộc, các Tổ/Đội và từng cá nhân; "
        "đánh giá việc thực hiện chỉ tiêu theo tháng, quý.",
        "criteria": "Hoàn thành chỉ tiêu thu ngân sách; cải cách thủ tục hải quan; kỷ luật, kỷ cương.",
        "final_awards": "Tập thể lao động xuất sắc; Chiến sĩ thi đua cơ sở; Giấy khen của Cục trưởng.",
    },
    {
        "unit": QB,
        "launch": date(2020, 2, 14),
        "name": "Đợt thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng các cấp tiến tới Đại hội đại biểu "
        "toàn quốc lần thứ XIII của Đảng và các ngày lễ lớn năm 2020",
        "slogan": "Kỷ cương – Liêm chính – Sáng tạo – Hiệu quả",
        "kind": "chuyen_de",
        "scope": "co_quan",
        "level": "co_quan_don_vi",
        "starts_on": date(2020, 2, 14),
        "ends_on": date(2020, 12, 31),
        "content": "Xây dựng Chi bộ, Đảng bộ, chính quyền và các tổ chức đoàn thể trong sạch, vững mạnh; tổ chức "
        "tốt Đại hội Đảng bộ nhiệm kỳ 2020–2025.",
    },
    {
        "unit": QB,
        "launch": date(2020, 1, 15),
        "name": "Cán bộ, công chức, người lao động thi đua thực hiện văn hóa công sở giai đoạn 2020–2025",
        "kind": "giai_doan",
        "scope": "co_quan",
        "level": "co_quan_don_vi",
        "starts_on": date(2020, 1, 1),
        "ends_on": date(2025, 12, 31),
        "directive_documents": "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
    },
    {
        "unit": HCM,
        "launch": date(2019, 9, 12),
        "name": "Phong trào thi đua thực hiện văn hóa công sở ở Cục Hải quan TP. Hồ Chí Minh",
        "kind": "chuyen_de",
        "scope": "co_quan",
        "level": "co_quan_don_vi",
        "starts_on": date(2019, 9, 12),
        "ends_on": date(2019, 12, 31),
        "goals": "Môi trường làm việc văn minh, hiện đại, chuyên nghiệp, trách nhiệm, minh bạch, hiệu quả; chuẩn "
        "mực hành vi, ứng xử của công chức trong hoạt động công vụ.",
        "content": "Tăng cường kỷ luật, kỷ cương để hoàn thành tốt các nhiệm vụ được giao.",
    },
    {
        "unit": GD,
        "launch": date(2021, 1, 4),
        "name": "Phong trào thi đua yêu nước giai đoạn 2021–2025",
        "slogan": "Đoàn kết – Kỷ cương – Đổi mới – Sáng tạo",
        "kind": "giai_doan",
        "scope": "bo_nganh",
        "level": "bo_nganh_tinh",
        "starts_on": date(2021, 1, 1),
        "ends_on": date(2025, 12, 31),
        "goals": "Thi đua xây dựng Hải quan Việt Nam hiện đại, chuyên nghiệp, góp phần thực hiện thắng lợi nhiệm "
        "vụ chính trị giai đoạn 5 năm 2021–2025.",
    },
]


def load(*, stdout, **_options) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=[*QB_UNITS, HCM, GD])}
    if len(units) < len(QB_UNITS) + 2:
        stdout.write("  Chưa có tổ chức mẫu; bỏ qua phong trào thi đua.")
        return
    made = {}
    for spec in MOVEMENTS:
        spec = dict(spec)
        unit, launch = units[spec.pop("unit")], spec.pop("launch")
        movement = Movement.objects.filter(launching_unit=unit, name=spec["name"]).first()
        if movement is None:
            movement = services.create_movement(launching_unit=unit, demo=True, **spec)
            services.launch_movement(movement=movement, on=launch)
            stdout.write(f"  Phong trào: {movement.name[:70]}")
        made[movement.name] = movement
    annual = made[MOVEMENTS[0]["name"]]
    _registrations(annual, units, stdout)
    _targets(units, annual, stdout)
    _lang_son(stdout)
    _cluster(units[GD], stdout)
    _culture(units[HCM], made[MOVEMENTS[3]["name"]], stdout)
    _review(annual, stdout)
    _ratings(units, stdout)
    _rating_group(stdout)
    _task_result(stdout)


def _review(annual: Movement, stdout) -> None:
    """The mid-term review of Quảng Bình's 2020 movement (date, document and awards are illustrative)."""

    if MovementReview.objects.filter(movement=annual, kind="so_ket", period_to=date(2020, 6, 30)).exists():
        return
    annual = Movement.objects.get(pk=annual.pk)  # launched just now: the instance in hand may be the draft
    services.save_review(
        movement=annual,
        kind="so_ket",
        held_on=date(2020, 7, 15),
        period_from=date(2020, 1, 1),
        period_to=date(2020, 6, 30),
        document="Báo cáo sơ kết 6 tháng đầu năm 2020",
        awards_given="Giấy khen của Cục trưởng cho các tập thể dẫn đầu thu ngân sách 6 tháng",
    )
    stdout.write("  Sơ kết 6 tháng phong trào năm 2020 của Cục Hải quan Quảng Bình")


def _registrations(annual: Movement, units: dict[str, Unit], stdout) -> None:
    count = 0
    for code in QB_UNITS:
        unit = units[code]
        if Registration.objects.filter(movement=annual, unit=unit, year=2020).exists():
            continue
        # Members on the day they register (one membership row meets both conditions), among the people
        # `register` accepts for the year.
        on = date(2020, 2, 1)
        members = Membership.objects.filter(unit_id__in=subtree_ids(unit, on), valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=on)
        )
        people = list(
            selectors.people_of_unit_in_year(unit, 2020)
            .filter(pk__in=members.values("person_id"))
            .order_by("staff_code")[:6]
        )
        individual = [(p, "CSTDCS" if i < 2 else "LDTT") for i, p in enumerate(people)]
        services.register(
            movement=annual,
            unit=unit,
            year=2020,
            pledge=f"{unit.name} cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2020, vượt chỉ tiêu thu ngân "
            "sách được giao; không có công chức vi phạm kỷ luật.",
            collective=["TTLDXS" if code == QB else "TTLDTT"],
            individual=individual,
            on=date(2020, 2, 10),
        )
        count += 1
    if count:
        stdout.write(f"  Đăng ký thi đua năm 2020: {count} đơn vị.")


def _target(unit, year, planned, movement=None, **extra) -> tuple[Target, bool]:
    target = Target.objects.filter(unit=unit, year=year, code="THU_NSNN", person__isnull=True).first()
    if target:
        return target, False
    return (
        services.create_target(
            unit=unit,
            year=year,
            code="THU_NSNN",
            name="Thu ngân sách nhà nước",
            unit_label="tỷ đồng",
            planned=planned,
            measure="thu_nsnn",
            movement=movement,
            **extra,
        ),
        True,
    )


def _targets(units: dict[str, Unit], annual: Movement, stdout) -> None:
    hcm, created = _target(units[HCM], 2019, Decimal(108800))
    if created:
        for month, value in enumerate(HCM_2019_MONTHS, start=1):
            services.record_actual(target=hcm, period=month, value=Decimal(value))
        stdout.write(
            "  Chỉ tiêu thu ngân sách 2019 của Cục Hải quan TP. Hồ Chí Minh: 76.508/108.800 tỷ đồng."
        )
    plans = {"HQ31": 620, "HQ31B1": 95, "HQ31B2": 310, "HQ31B3": 40}
    loaded = 0
    for code in QB_UNITS:
        target, created = _target(units[code], 2020, Decimal(plans[code]), movement=annual)
        if not created:
            continue
        loaded += 1
        rng = random.Random(f"{SEED}:{code}")
        pace = Decimal(str(rng.uniform(0.92, 1.12)))
        for month in range(1, 13):
            share = Decimal(str(rng.uniform(0.8, 1.2)))
            value = (Decimal(plans[code]) / 12 * pace * share).quantize(Decimal("0.1"))
            services.record_actual(target=target, period=month, value=value)
    if loaded:
        stdout.write("  Chỉ tiêu thu ngân sách 2020 của Cục Hải quan Quảng Bình: kết quả 12 tháng.")


# Lạng Sơn: 6.452,7 tỷ đồng of import-export duties over 2006–2010, growing 44,24 % a year on average (seed).
# The split by year follows that growth; the planned 6.000 tỷ đồng is illustrative (the seed gives none).
LSO = "HQ15"
LSO_TOTAL, LSO_GROWTH, LSO_PLANNED = Decimal("6452.7"), Decimal("1.4424"), Decimal(6000)
LSO_YEARS = range(2006, 2011)


def lang_son_years() -> list[Decimal]:
    """The five yearly results, each 44,24 % above the last, adding up to exactly 6.452,7."""
    weights = [LSO_GROWTH**k for k in range(len(LSO_YEARS))]
    first = LSO_TOTAL / sum(weights)
    values = [(first * w).quantize(Decimal("0.1")) for w in weights[:-1]]
    return [*values, LSO_TOTAL - sum(values)]


def _lang_son(stdout) -> None:
    unit = Unit.objects.filter(code=LSO).first()
    if unit is None or Target.objects.filter(unit=unit, year=2006, code="THU_XNK_2006_2010").exists():
        return
    target = services.create_target(
        unit=unit,
        year=LSO_YEARS[0],
        year_to=LSO_YEARS[-1],
        code="THU_XNK_2006_2010",
        name="Thu thuế xuất nhập khẩu giai đoạn 2006–2010",
        unit_label="tỷ đồng",
        planned=LSO_PLANNED,
        measure="thu_nsnn",
        period="year",
    )
    for period, value in enumerate(lang_son_years(), start=1):
        services.record_actual(target=target, period=period, value=value)
    stdout.write("  Chỉ tiêu thu 2006–2010 của Cục Hải quan Lạng Sơn: 6.452,7 tỷ đồng theo từng năm.")


CLUSTER_NAME = "Cụm thi đua các Cục Hải quan miền Trung"
CLUSTER_UNITS = ["HQ34", "HQ31", "HQ32"]  # head, deputy, member
CRITERIA = [
    ("Thực hiện nhiệm vụ chính trị, chỉ tiêu thu ngân sách", 60),
    ("Cải cách thủ tục hành chính, hiện đại hóa hải quan", 20),
    ("Văn hóa công sở, kỷ luật, kỷ cương", 20),
]
CLUSTER_SCORES = {"HQ31": (57, 19, 19), "HQ32": (54, 17, 18), "HQ34": (56, 18, 18)}
CLUSTER_VOTES = {"HQ31": 2, "HQ32": 0, "HQ34": 1}


def _cluster(organiser: Unit, stdout) -> None:
    if Cluster.objects.filter(name=CLUSTER_NAME).exists():
        return
    members = {u.code: u for u in Unit.objects.filter(code__in=CLUSTER_UNITS)}
    if len(members) != len(CLUSTER_UNITS):
        return
    cluster = services.create_cluster(name=CLUSTER_NAME, organiser=organiser)
    head, deputy, _member = (members[c] for c in CLUSTER_UNITS)
    services.set_members(cluster=cluster, year=2020, units=members.values(), head=head, deputy=deputy)
    criteria = [
        services.add_criterion(cluster=cluster, year=2020, name=name, max_points=points)
        for name, points in CRITERIA
    ]
    for code, points in CLUSTER_SCORES.items():
        for criterion, value in zip(criteria, points, strict=True):
            services.score(criterion=criterion, unit=members[code], self_score=value, cluster_score=value)
    services.record_vote(
        cluster=cluster,
        year=2020,
        votes={members[c].pk: v for c, v in CLUSTER_VOTES.items()},
        note="Dữ liệu minh họa",
    )
    stdout.write(f"  {CLUSTER_NAME}: bình xét năm 2020.")


CULTURE_NAME = "Tiêu chí thi đua thực hiện văn hóa công sở năm 2019"
CULTURE_CRITERIA = [
    ("Trang phục, đeo thẻ công chức đúng quy định", 10),
    ("Chuẩn mực giao tiếp, ứng xử với người dân và doanh nghiệp", 30),
    ("Chấp hành kỷ luật, kỷ cương hành chính, giờ giấc làm việc", 30),
    ("Công sở xanh, sạch, đẹp; sắp xếp nơi làm việc khoa học", 15),
    ("Thực hành tiết kiệm, chống lãng phí", 15),
]


def _culture(owner: Unit, movement: Movement, stdout) -> None:
    if CultureChecklist.objects.filter(owner=owner, year=2019, name=CULTURE_NAME).exists():
        return
    checklist = services.create_checklist(
        name=CULTURE_NAME, owner=owner, year=2019, criteria=CULTURE_CRITERIA, movement=movement
    )
    criteria = list(checklist.criteria.all())
    rng = random.Random(f"{SEED}:culture")
    for i, unit in enumerate(
        Unit.objects.filter(code__in=[f"HQ02B{n}" for n in range(1, 8)]).order_by("code")
    ):
        scores = {
            c.pk: (c.max_points * Decimal(rng.randint(70, 100)) / 100).quantize(Decimal("0.5"))
            for c in criteria
        }
        services.record_inspection(
            checklist=checklist,
            unit=unit,
            inspected_on=date(2019, 12, 2 + i),
            scores=scores,
            inspectors="Đoàn kiểm tra văn hóa công sở của Cục",
        )
    stdout.write("  Văn hóa công sở 2019 của Cục Hải quan TP. Hồ Chí Minh: kiểm tra 7 Chi cục.")


RATED_YEAR = 2020
SCORED_PEOPLE = 10
# Monthly points inside each rating's band (HTXS ≥ 90, HTT 70–89, HT 50–69, KHT < 50): the mean stays in it.
BANDS = {"HTXS": (91, 98), "HTT": (72, 88), "HT": (52, 68), "KHT": (35, 48)}


def _scored_people(unit: Unit) -> list:
    """Up to ten people of `unit` in 2020 with a rating of 2020 in the history and no discipline that year,
    at most as many HTXS as the cap allows (so the roll-up keeps each rating)."""
    people = selectors.people_of_unit_in_year(unit, RATED_YEAR).order_by("staff_code")
    rated = dict(Rating.objects.filter(year=RATED_YEAR, person__in=people).values_list("person_id", "value"))
    disciplined = set(Discipline.objects.filter(year=RATED_YEAR).values_list("person_id", flat=True))
    others, excellent = [], []
    for person in people.filter(pk__in=rated).exclude(pk__in=disciplined):
        (excellent if rated[person.pk] == "HTXS" else others).append((person, rated[person.pk]))
    chosen = others[:SCORED_PEOPLE]
    good = sum(1 for _p, value in chosen if value == "HTT")
    kept = 0
    for person, value in excellent:
        if len(chosen) >= SCORED_PEOPLE or kept + 1 > services.htxs_cap(good + kept + 1):
            break
        chosen.append((person, value))
        kept += 1
    return chosen


def _ratings(units: dict[str, Unit], stdout) -> None:
    """A year of monthly scores for people of one Quảng Bình unit, rolled up (once: the roll-up refuses
    new scores after it)."""
    if PeriodScore.objects.filter(year=RATED_YEAR, unit__code__in=QB_UNITS).exists():
        return
    for code in QB_UNITS[1:] + QB_UNITS[:1]:  # a Chi cục first; the Cục if none has rated people
        unit = units[code]
        chosen = _scored_people(unit)
        if chosen:
            break
    else:
        return
    for person, value in chosen:
        rng = random.Random(f"{SEED}:scores:{person.staff_code}")
        low, high = BANDS[value]
        for month in range(1, 13):
            services.record_period_score(
                person=person, unit=unit, year=RATED_YEAR, period=month, points=rng.randint(low, high)
            )
    rows = services.roll_up_ratings(unit=unit, year=RATED_YEAR)
    stdout.write(f"  Xếp loại cuối năm {RATED_YEAR} từ điểm 12 tháng: {len(rows)} công chức của {unit.name}.")


def _task_result(stdout) -> None:
    """HTXS for 2020 to the Quảng Bình units that exceeded all their approved targets of the year."""
    units = Unit.objects.filter(code__in=QB_UNITS).order_by("code")
    for unit in units.filter(pk__in=selectors.task_result_suggestions(RATED_YEAR, [u.pk for u in units])):
        if unit.results.filter(year=RATED_YEAR, value="HTXS").exists():
            continue
        services.apply_task_result(unit=unit, year=RATED_YEAR)
        stdout.write(f"  Kết quả thực hiện nhiệm vụ {RATED_YEAR} của {unit.name}: HTXS (vượt mọi chỉ tiêu).")


GROUP_YEAR = 2021
GROUP_NAME = "Tổ kiểm tra hồ sơ"
GROUP_SIZE = 3
# The group: three people rated HTT in the history, the first of whom scores just above 90 (HTXS by points).
# 20 % of three allows no HTXS, so the roll-up lowers that one to HTT, in the group: with the people scored
# outside the group the unit alone would allow one HTXS.
GROUP_BANDS = {"lowered": (90, 92), "HTT": BANDS["HTT"]}


def _group_people(unit: Unit) -> list:
    """People of `unit` rated HTT in the history for GROUP_YEAR, without discipline that year, not scored
    elsewhere, and working in the unit this year (a group's members do), by staff code."""
    now = timezone.localdate().year
    people = (
        selectors.people_of_unit_in_year(unit, GROUP_YEAR)
        .filter(pk__in=selectors.people_of_unit_in_year(unit, now).values("pk"))
        .filter(pk__in=Rating.objects.filter(year=GROUP_YEAR, value="HTT").values("person_id"))
        .exclude(pk__in=Discipline.objects.filter(year=GROUP_YEAR).values("person_id"))
        .exclude(pk__in=PeriodScore.objects.filter(year=GROUP_YEAR).values("person_id"))
        .exclude(pk__in=AnnualRating.objects.filter(year=GROUP_YEAR).values("person_id"))
    )
    return list(people.order_by("staff_code")[:SCORED_PEOPLE])


def _rating_group(stdout) -> None:
    """A group whose HTXS cap lowers one rating: twelve monthly scores of GROUP_YEAR in one team of today (a
    Quảng Bình one if it has the people), rolled up once."""
    if RatingGroup.objects.filter(name=GROUP_NAME).exists():
        return
    teams = Unit.objects.filter(code__startswith=GD, parent__isnull=False, valid_to__isnull=True).exclude(
        code=GD
    )
    for unit in [
        *teams.filter(code__startswith=QB).order_by("code"),
        *teams.exclude(code__startswith=QB).order_by("code"),
    ]:
        people = _group_people(unit)
        if len(people) >= GROUP_SIZE:
            break
    else:
        stdout.write(f"  Không đủ công chức để minh họa nhóm có chức năng, nhiệm vụ tương tự ({GROUP_YEAR}).")
        return
    for i, person in enumerate(people):
        rng = random.Random(f"{SEED}:group-scores:{person.staff_code}")
        low, high = GROUP_BANDS["lowered" if i == 0 else "HTT"]
        for month in range(1, 13):
            services.record_period_score(
                person=person, unit=unit, year=GROUP_YEAR, period=month, points=rng.randint(low, high)
            )
    group = services.create_rating_group(unit=unit, name=GROUP_NAME)
    services.set_rating_group_members(group=group, people=people[:GROUP_SIZE])
    rows = services.roll_up_ratings(unit=unit, year=GROUP_YEAR)
    stdout.write(
        f"  Nhóm «{GROUP_NAME}» của {unit.name}: xếp loại {GROUP_YEAR} của {len(rows)} công chức, "
        f"{sum(1 for r in rows if r.capped)} người hạ HTXS xuống HTT do vượt tỷ lệ của nhóm."
    )
