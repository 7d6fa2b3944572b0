"""Demo organisation: Bộ Tài chính → Tổng cục Hải quan (Cục Hải quan from 01/03/2025), its central units,
eleven provincial departments with their Chi cục and Đội, about 3,000 people, and the demo accounts.

Deterministic: every random choice comes from ``random.Random`` seeded by a constant and the person's
index, so person *i* is the same whatever the size asked for. Units and restructuring events go through
the services (each change recorded as a UnitEvent); people and their work histories are bulk-created
(with the values ``Person.save`` would compute), since no audit of each generated row is wanted.

Idempotent by steps: each step checks cheaply whether its data is there (positions by code, units by
the ministry's code, the restructuring by the code of Chi cục Hải quan khu vực VI, people by staff code,
accounts by username) and loads only what is missing. ``DATA_VERSION`` is printed; a later version adds
steps with their own check.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.demo import org_data as D
from tdkt.org import services
from tdkt.org.models import Membership, Person, Position, Role, RoleAssignment, Unit, UnitKind
from tdkt.org.permissions import requires_second_factor
from tdkt.org.selectors import subtree_ids
from tdkt.org.services import NewUnit
from tdkt.portal import services as portal_services

DATA_VERSION = 1
SEED = 2026
PASSWORD = "tdkt-demo-2026"
# The one-time code with which the demo's administrator and officer accounts enrol their second factor on
# their first log-in (a real account gets its own from `tdkt issue_second_factor USER`).
ENROLMENT_CODE = "demo2026"
STAFF_CODE_START = 100001  # generated people: HQ100001, HQ100002 …; named people: HQ000001 …
LEADER_SHARE = 0.22  # at most this share of the people fill head and deputy posts
LAST_HISTORY_DAY = date(2024, 10, 1)  # generated careers change by then (3 steps × 30 days later at most)

K = UnitKind
HEADS = {head for head, _ in D.HEAD_OF.values()} | {"tong_cuc_truong"}
DEPUTIES = {deputy for _, deputy in D.HEAD_OF.values()}


# --- the plan (pure Python) ----------------------------------------------------------------------------


@dataclass
class UnitPlan:
    code: str
    name: str
    kind: str
    parent: str | None
    since: date
    weight: float = 0.0  # expected share of staff placed directly in this unit
    names: str = "north"
    group: str = "HQ"  # province code, or "HQ" for the central units
    deputies: int = 1
    short_name: str = ""
    children: list[str] = field(default_factory=list)


def build_plan() -> dict[str, UnitPlan]:
    """Every unit before 01/03/2025, keyed by code, in creation order (parents first)."""
    plan: dict[str, UnitPlan] = {}

    def add(unit: UnitPlan) -> None:
        plan[unit.code] = unit
        if unit.parent:
            plan[unit.parent].children.append(unit.code)

    code, name, short, since = D.MINISTRY
    add(UnitPlan(code, name, K.MINISTRY, None, since, short_name=short, deputies=0))
    code, name, short, since = D.GENERAL_DEPARTMENT
    add(UnitPlan(code, name, K.GENERAL_DEPARTMENT, None, since, short_name=short, deputies=4))
    total_central = sum(c.weight + sum(w for *_, w in c.children) for c in D.CENTRAL)
    for c in D.CENTRAL:
        add(
            UnitPlan(
                c.code,
                c.name,
                c.kind,
                "HQ",
                c.since,
                weight=D.CENTRAL_STAFF * c.weight / total_central,
                deputies=2 if c.weight >= 10 else 1,
            )
        )
        for suffix, child_name, kind, weight in c.children:
            add(
                UnitPlan(
                    f"{c.code}-{suffix}",
                    child_name,
                    kind,
                    c.code,
                    max(c.since, date(2008, 1, 1)),
                    weight=D.CENTRAL_STAFF * weight / total_central,
                )
            )
    for p in D.PROVINCES:
        _plan_province(p, add)
    return plan


def _plan_province(p: D.Province, add) -> None:
    # Shares of a province's staff: each office 5 %, the rest to the teams (direct members of a Chi cục
    # without teams count as one team).
    offices_share = 0.05 * len(p.offices)
    team_count = sum(max(len(s.teams), 1) for s in p.subs)
    per_team = p.staff * (1 - offices_share) / team_count
    add(
        UnitPlan(
            p.code,
            p.name,
            K.DEPARTMENT,
            "HQ",
            p.since,
            names=p.names,
            group=p.code,
            deputies=3 if p.staff >= 200 else 2,
        )
    )
    phong = doi = 0
    for office in p.offices:
        if office.startswith("Đội"):
            doi += 1
            code, kind = f"{p.code}-D{doi}", K.TEAM
        else:
            phong += 1
            code, kind = f"{p.code}-P{phong}", K.OFFICE
        since = max(p.since, date(2010, 1, 1)) if "rủi ro" in office or "buôn lậu" in office else p.since
        add(UnitPlan(code, office, kind, p.code, since, weight=p.staff * 0.05, names=p.names, group=p.code))
    for index, sub in enumerate(p.subs, start=1):
        code = f"{p.code}{sub.suffix}"
        since = date(2006, 1, 1) if sub is D.KTSTQ else max(p.since, date(1988 + 2 * index, 1, 1))
        add(
            UnitPlan(
                code,
                sub.name,
                K.SUB_DEPARTMENT,
                p.code,
                since,
                weight=0 if sub.teams else per_team,
                names=p.names,
                group=p.code,
                deputies=2 if len(sub.teams) >= 3 else 1,
            )
        )
        for t, team in enumerate(sub.teams, start=1):
            add(
                UnitPlan(
                    f"{code}-D{t}",
                    team,
                    K.TEAM,
                    code,
                    max(since, date(2012, 1, 1)),
                    weight=per_team,
                    names=p.names,
                    group=p.code,
                )
            )


def leader_slots(plan: dict[str, UnitPlan]) -> list[tuple[str, str]]:
    """(unit code, position code) of every head and deputy post, most senior tiers first."""
    top = {K.GENERAL_DEPARTMENT, K.DEPARTMENT, K.STAFF_BODY, K.OTHER}
    tiers: list[list[tuple[str, str]]] = [[] for _ in range(6)]
    for unit in plan.values():
        if unit.kind == K.MINISTRY:
            continue
        head, deputy = D.HEAD_OF[unit.kind]
        is_top = unit.kind in top and unit.parent in (None, "HQ")
        tier = 0 if is_top else 1 if unit.kind == K.SUB_DEPARTMENT else 3
        tiers[tier].append((unit.code, head))
        tiers[tier + 2 if tier < 3 else 5].extend([(unit.code, deputy)] * unit.deputies)
    return [slot for tier in tiers for slot in tier]


# --- people --------------------------------------------------------------------------------------------


@dataclass
class PersonPlan:
    staff_code: str
    family: str
    middle: str
    given: str
    gender: str
    born: date
    steps: list[tuple[str, str, date]]  # (unit code, position code, from)
    retired: date | None = None


def _weighted(rng: random.Random, pairs) -> str:
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights=weights)[0]


def _rand_date(rng: random.Random, start: date, end: date) -> date:
    start = min(start, end)
    if end == start:
        return start
    return start + timedelta(days=rng.randrange((end - start).days))


def _years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _name(rng: random.Random, names: str, gender: str, born: date) -> tuple[str, str, str]:
    family = _weighted(rng, D.FAMILY_NAMES[names])
    if gender == "nam":
        middle, given = _weighted(rng, D.MIDDLE_MALE), rng.choice(D.GIVEN_MALE)
    else:
        pairs = [(m, w // 3 if m == "Thị" and born.year >= 1985 else w) for m, w in D.MIDDLE_FEMALE]
        middle = rng.choice(D.MIDDLE_FEMALE_EXTRA) if rng.random() < 0.08 else _weighted(rng, pairs)
        given = rng.choice(D.GIVEN_FEMALE)
    if middle == given:
        middle = "Văn" if gender == "nam" else "Thị"
    return family, middle, given


def plan_person(
    index: int,
    plan: dict[str, UnitPlan],
    slots: list[tuple[str, str]],
    leaders: int,
    staff_units: list[str],
    staff_weights: list[float],
) -> PersonPlan:
    rng = random.Random(f"{SEED}:{index}")
    slot = slots[index] if index < leaders else None
    if slot:
        unit_code, post = slot
        gender = "nam" if rng.random() < 0.8 else "nu"
        born = _rand_date(rng, date(1965, 1, 1), date(1980, 12, 31) if post in HEADS else date(1986, 12, 31))
    else:
        unit_code = rng.choices(staff_units, weights=staff_weights)[0]
        post = "nhan_vien" if rng.random() < 0.08 else "cong_chuc"
        gender = "nam" if rng.random() < 0.62 else "nu"
        born = _rand_date(rng, date(1965, 1, 1), date(2000, 12, 31))
    unit = plan[unit_code]
    family, middle, given = _name(rng, unit.names, gender, born)
    while (family, middle, given) == ("Nguyễn", "Văn", "An"):  # the named demo person stays unique
        given = rng.choice(D.GIVEN_MALE)

    hire = min(_rand_date(rng, _years(born, 22), _years(born, 28)), date(2024, 6, 1))
    first = unit_code
    if plan[first].since > hire:  # the unit did not exist yet: start in its nearest existing ancestor
        first = _ancestor_since(plan, unit_code, hire)
        if first is None:
            first, hire = unit_code, plan[unit_code].since
    elif rng.random() < 0.25:  # started elsewhere in the same province (or centrally)
        candidates = [
            u.code
            for u in plan.values()
            if u.group == unit.group and u.since <= hire and u.weight > 0 and u.code != unit_code
        ]
        if candidates:
            first = rng.choice(candidates)
    base = "nhan_vien" if post == "nhan_vien" else "cong_chuc"
    steps = [(first, base, hire)]
    if first != unit_code:
        steps.append(
            (unit_code, base, _rand_date(rng, max(plan[unit_code].since, _years(hire, 1)), LAST_HISTORY_DAY))
        )
    if slot:
        head, deputy = D.HEAD_OF[unit.kind]
        if post == head:
            steps.append(
                (unit_code, deputy, _rand_date(rng, max(unit.since, _years(hire, 8)), date(2020, 1, 1)))
            )
        steps.append((unit_code, post, _rand_date(rng, max(unit.since, _years(hire, 12)), LAST_HISTORY_DAY)))
    steps = _increasing(steps)

    retired = None
    if not slot and gender == "nu" and born.year <= 1969:
        # Women retired at 55 until 2020, then 4 months later for each year (Bộ luật Lao động 2019).
        retire = _years(born, 55)
        months = 4 * max(0, retire.year - 2020)
        retire = date(
            retire.year + (retire.month - 1 + months) // 12, (retire.month - 1 + months) % 12 + 1, 1
        )
        if steps[-1][2] < retire < LAST_HISTORY_DAY:
            retired = retire
    return PersonPlan(f"HQ{STAFF_CODE_START + index}", family, middle, given, gender, born, steps, retired)


def _ancestor_since(plan: dict[str, UnitPlan], code: str, day: date) -> str | None:
    parent = plan[code].parent
    while parent and parent not in ("HQ", "BTC"):
        if plan[parent].since <= day:
            return parent
        parent = plan[parent].parent
    return None


def _increasing(steps: list[tuple[str, str, date]]) -> list[tuple[str, str, date]]:
    """Keep the dates strictly increasing and drop steps that change nothing."""
    out: list[tuple[str, str, date]] = []
    for unit, post, day in steps:
        if out:
            if (unit, post) == out[-1][:2]:
                continue
            day = max(day, out[-1][2] + timedelta(days=30))
        out.append((unit, post, day))
    assert out[-1][2] < D.RESTRUCTURE_DAY, out
    return out


def _person_row(p: PersonPlan | D.NamedPerson) -> Person:
    """A Person with its derived columns computed, for bulk_create."""
    return Person(
        family_name=p.family,
        middle_name=p.middle,
        given_name=p.given,
        gender=p.gender,
        date_of_birth=p.born,
        staff_code=p.staff_code,
    ).compute_derived()


def _membership_rows(
    person: Person, steps, retired: date | None, units: dict[str, Unit], positions: dict[str, Position]
) -> list[Membership]:
    rows = []
    for i, (code, post, day) in enumerate(steps):
        end = steps[i + 1][2] if i + 1 < len(steps) else retired
        rows.append(
            Membership(
                person=person, unit=units[code], position=positions[post], valid_from=day, valid_to=end
            )
        )
    return rows


# --- loading -------------------------------------------------------------------------------------------


def load(*, stdout, people: int = D.DEFAULT_PEOPLE, **_options) -> None:
    """Load the demo organisation (step by step, each step only if its data is missing)."""
    positions = _load_positions()
    plan = build_plan()
    if not Unit.objects.filter(code=D.MINISTRY[0]).exists():
        _load_units(plan)
        stdout.write(f"  Đơn vị: {len(plan)} đơn vị trước ngày 01/03/2025.")
    region_six = D.region_code(6)
    if not Unit.objects.filter(code=region_six).exists():
        count = _load_people(plan, people, positions)
        stdout.write(f"  Cá nhân: {count} người, với quá trình công tác.")
        _restructure(plan, positions)
        stdout.write(f"  Sắp xếp tổ chức ngày 01/03/2025 theo Quyết định {D.RESTRUCTURE_DECISION}.")
        moved = _move_after_restructuring(positions)
        stdout.write(f"  Điều động sau sắp xếp: {moved} người (01/07/2025).")
    else:
        existing = Person.objects.filter(staff_code__startswith="HQ1").count()
        if existing != people:
            stdout.write(
                f"  Dữ liệu mẫu đã có {existing} người (đã sắp xếp tổ chức); giữ nguyên. "
                "Muốn đổi kích thước: xóa cơ sở dữ liệu rồi nạp lại."
            )
    created = load_accounts()
    if created:
        stdout.write(f"  Tài khoản minh họa: tạo {created}.")


def _load_positions() -> dict[str, Position]:
    existing = {p.code: p for p in Position.objects.all()}
    for code, name, grade, leadership in D.POSITIONS:
        if code not in existing:
            existing[code] = Position.objects.create(
                code=code, name=name, grade=grade, is_leadership=leadership
            )
    return existing


def _load_units(plan: dict[str, UnitPlan]) -> None:
    units: dict[str, Unit] = {}
    for spec in plan.values():
        units[spec.code] = services.create_unit(
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            short_name=spec.short_name,
            parent=units[spec.parent] if spec.parent else None,
            valid_from=spec.since,
        )
    day, decision = D.GENERAL_DEPARTMENT_JOINS_MINISTRY
    services.move_unit(unit=units["HQ"], parent=units["BTC"], on=day, decision=decision)


def _load_people(plan: dict[str, UnitPlan], count: int, positions: dict[str, Position]) -> int:
    slots = leader_slots(plan)
    leaders = min(len(slots), round(count * LEADER_SHARE))
    staff = [u for u in plan.values() if u.weight > 0]
    staff_units, staff_weights = [u.code for u in staff], [u.weight for u in staff]
    plans: list[PersonPlan | D.NamedPerson] = list(D.NAMED_PEOPLE)
    plans += [plan_person(i, plan, slots, leaders, staff_units, staff_weights) for i in range(count)]

    existing = set(
        Person.objects.filter(staff_code__in=[p.staff_code for p in plans]).values_list(
            "staff_code", flat=True
        )
    )
    plans = [p for p in plans if p.staff_code not in existing]
    created = Person.objects.bulk_create([_person_row(p) for p in plans], batch_size=500)
    units = {u.code: u for u in Unit.objects.all()}
    memberships = []
    for person, p in zip(created, plans, strict=True):
        if isinstance(p, D.NamedPerson):
            memberships += _membership_rows(person, list(p.history), None, units, positions)
        else:
            memberships += _membership_rows(person, p.steps, p.retired, units, positions)
    Membership.objects.bulk_create(memberships, batch_size=1000)
    return len(created)


# --- restructuring of 01/03/2025 -----------------------------------------------------------------------


def _mapped(post: str | None, target: Unit, primary: bool) -> str | None:
    """The post a person holds in `target` after a merge: the head of the first predecessor heads it,
    the other heads become deputies."""
    head, deputy = D.HEAD_OF[target.kind]
    if post in HEADS:
        return head if primary else deputy
    if post in DEPUTIES:
        return deputy
    return post


def _merge(
    units: list[Unit],
    into: NewUnit | Unit,
    parent: Unit | None,
    positions: dict[str, Position],
    *,
    primary: bool,
) -> Unit:
    """merge_units, with the current members placed in the successor under its own titles. With
    `primary`, the head of the first unit heads the successor; otherwise the successor keeps its head."""
    day = D.RESTRUCTURE_DAY
    ending = Membership.objects.filter(unit__in=units, valid_to__isnull=True)
    current = list(ending.values_list("unit_id", "person_id", "position__code"))
    ending.update(
        valid_to=day
    )  # what merge_units would do row by row (bulk-created rows have no audit either)
    target = services.merge_units(
        units=units, into=into, parent=parent, on=day, decision=D.RESTRUCTURE_DECISION, transfer_members=False
    )
    primary_id = units[0].pk if primary else None
    rows = []
    for unit_id, person_id, post in current:
        new_post = _mapped(post, target, primary=unit_id == primary_id)
        rows.append(
            Membership(
                person_id=person_id,
                unit=target,
                valid_from=day,
                position=positions[new_post] if new_post else None,
            )
        )
    Membership.objects.bulk_create(rows)
    return target


def _retitle(unit: Unit, posts: tuple[str, str], positions: dict[str, Position]) -> None:
    """Give the leaders of a renamed unit the titles of its new name, from the day of the rename."""
    head, deputy = posts
    for membership in Membership.objects.filter(unit=unit, valid_to__isnull=True).select_related(
        "person", "position"
    ):
        code = membership.position.code if membership.position else None
        new = head if code in HEADS else deputy if code in DEPUTIES else None
        if new and new != code:
            services.add_membership(
                person=membership.person, unit=unit, position=positions[new], valid_from=D.RESTRUCTURE_DAY
            )


def _restructure(plan: dict[str, UnitPlan], positions: dict[str, Position]) -> None:
    day, decision = D.RESTRUCTURE_DAY, D.RESTRUCTURE_DECISION
    units = {u.code: u for u in Unit.objects.all()}
    hq = units["HQ"]
    new_name, new_short = D.GENERAL_DEPARTMENT_NEW_NAME
    services.rename_unit(unit=hq, name=new_name, short_name=new_short, on=day, decision=decision)
    _retitle(hq, ("cuc_truong", "pho_cuc_truong"), positions)
    for c in D.CENTRAL:
        if c.new_name:
            services.rename_unit(unit=units[c.code], name=c.new_name, on=day, decision=decision)
            _retitle(units[c.code], c.new_posts, positions)

    by_region: dict[int, list[D.Province]] = {}
    for p in D.PROVINCES:
        by_region.setdefault(p.region, []).append(p)
    for number in sorted(by_region):
        provinces = by_region[number]
        region = services.create_unit(
            code=D.region_code(number),
            name=D.region_name(number),
            short_name=f"KV {D.ROMAN[number]}",
            kind=K.SUB_DEPARTMENT,
            parent=hq,
            valid_from=day,
            decision=decision,
            record_event=False,
        )
        # Chi cục → Hải quan cửa khẩu / ngoài cửa khẩu (several Chi cục may form one).
        groups: dict[str, list[D.Sub | tuple]] = {}
        for p in provinces:
            for sub in p.subs:
                name = sub.successor or sub.name.replace("Chi cục Hải quan ", "Hải quan ", 1)
                groups.setdefault(name, []).append((p, sub))
        for index, (name, members) in enumerate(groups.items(), start=1):
            subs = [units[f"{p.code}{sub.suffix}"] for p, sub in members]
            _merge_alike_children(subs, plan, units, positions)
            kind = members[0][1].successor_kind
            _merge(
                subs,
                NewUnit(code=f"{region.code}-{index:02d}", name=name, kind=kind),
                region,
                positions,
                primary=True,
            )
        # The provincial departments: offices of the others join the first one's offices of the same name.
        departments = [units[p.code] for p in provinces]
        _merge_alike_children(departments, plan, units, positions)
        _merge(departments, region, hq, positions, primary=True)


def _merge_alike_children(
    units: list[Unit], plan: dict[str, UnitPlan], by_code: dict[str, Unit], positions: dict[str, Position]
) -> None:
    """Before merging `units`, merge each later unit's child into the first unit's child of the same name."""
    if len(units) < 2:
        return
    first = {plan[c].name: by_code[c] for c in plan[units[0].code].children}
    for other in units[1:]:
        for code in plan[other.code].children:
            twin = first.get(plan[code].name)
            if twin is not None and by_code[code].is_active_on(D.RESTRUCTURE_DAY):
                _merge([by_code[code]], twin, None, positions, primary=False)


def _move_after_restructuring(positions: dict[str, Position]) -> int:
    """A few staff change units inside their Chi cục Hải quan khu vực on 01/07/2025."""
    rng = random.Random(f"{SEED}:moves")
    day = D.POST_MOVE_DAY
    named = [p.staff_code for p in D.NAMED_PEOPLE]
    moves: list[Membership] = []
    for region in Unit.objects.filter(code__startswith="HQKV", kind=K.SUB_DEPARTMENT).order_by("code"):
        unit_ids = sorted(subtree_ids(region, day))
        current = (
            Membership.objects.filter(
                unit_id__in=unit_ids, valid_to__isnull=True, position__code__in=["cong_chuc", "nhan_vien"]
            )
            .exclude(person__staff_code__in=named)
            .order_by("person_id")
        )
        for membership in current:
            if rng.random() < 0.02:
                target = rng.choice([u for u in unit_ids if u != membership.unit_id])
                membership.valid_to = day
                moves.append(membership)
                moves.append(
                    Membership(
                        person_id=membership.person_id,
                        unit_id=target,
                        position_id=membership.position_id,
                        valid_from=day,
                    )
                )
    ended = [m for m in moves if m.pk]
    Membership.objects.bulk_update(ended, ["valid_to"])
    Membership.objects.bulk_create([m for m in moves if not m.pk])
    return len(ended)


# --- accounts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    scope: tuple[str, ...]  # unit codes
    first_name: str = ""
    last_name: str = ""
    superuser: bool = False
    person: str | None = None  # staff code of the linked person


ACCOUNTS = [
    Account("admin", Role.ADMIN, ("BTC",), "Quản trị", "hệ thống", superuser=True),
    Account("canbo.tdkt", Role.OFFICER, ("HQ",), "Đạt", "Đinh Văn", person="HQ000004"),
    Account("canbo.langson", Role.OFFICER, ("HQ15", D.region_code(6)), "Cán bộ TĐKT", "Lạng Sơn"),
    Account("lanhdao.langson", Role.LEADER, ("HQ15", D.region_code(6)), "Lãnh đạo", "Lạng Sơn"),
    *[
        Account(f"hoidong.{i}", Role.COUNCIL_MEMBER, ("HQ",), f"Thành viên {i}", "Hội đồng")
        for i in range(1, 6)
    ],
    Account("congdoan", Role.UNION_OBSERVER, ("HQ",), "Công đoàn", "Cục Hải quan"),
    Account("nhanvien", Role.STAFF, (D.region_code(6),), "An", "Nguyễn Văn", person="HQ000001"),
]


def load_accounts(listed: list[Account] | None = None) -> int:
    """Create the accounts of `listed` (default: ACCOUNTS) that are missing, with their roles and persons."""
    listed = ACCOUNTS if listed is None else listed
    User = get_user_model()
    existing = {u.username: u for u in User.objects.filter(username__in=[a.username for a in listed])}
    units = {u.code: u for u in Unit.objects.filter(code__in={c for a in listed for c in a.scope})}
    password = None
    created = 0
    for account in listed:
        user = existing.get(account.username)
        if user is None:
            password = password or make_password(PASSWORD)  # hashed once: the slow part of creating users
            user = User.objects.create(
                username=account.username,
                password=password,
                first_name=account.first_name,
                last_name=account.last_name,
                is_superuser=account.superuser,
                is_staff=account.superuser,
            )
            created += 1
        held = set(
            RoleAssignment.objects.filter(user=user, role=account.role).values_list("unit__code", flat=True)
        )
        for code in account.scope:
            if code not in held:
                services.assign_role(user=user, role=account.role, unit=units[code])
        _link_person(user, account)
        if requires_second_factor(user) and not TOTPDevice.objects.filter(user=user).exists():
            portal_services.issue_enrolment(user=user, code=ENROLMENT_CODE)
    return created


def _link_person(user, account: Account) -> None:
    if Person.objects.filter(user=user).exists():
        return
    if account.person:
        person = Person.objects.filter(staff_code=account.person, user__isnull=True).first()
    elif account.role == Role.LEADER:  # the head of the unit in scope, today
        person = Person.objects.filter(
            user__isnull=True,
            memberships__valid_to__isnull=True,
            memberships__unit__code=account.scope[-1],
            memberships__position__code__in=HEADS,
        ).first()
    else:
        person = None
    if person is not None:
        person.user = user
        person.save(update_fields=["user", "updated_at"])


def accounts(listed: list[Account] | None = None) -> list[tuple[str, str, str]]:
    """(username, role, scope) of every demo account, for the summary printed after loading."""
    rows = []
    for account in ACCOUNTS if listed is None else listed:
        assignments = RoleAssignment.objects.filter(user__username=account.username, role=account.role)
        scope = ", ".join(a.unit.name for a in assignments.select_related("unit").order_by("unit__code"))
        rows.append((account.username, str(Role(account.role).label), scope))
    return rows
