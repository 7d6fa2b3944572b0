"""A national-scale data set: a whole sector's organisation and 20 years of award history.

    .venv/bin/python bench/national.py --people 1000000 --units 5000 --years 20      # PostgreSQL: COPY
    .venv/bin/python bench/national.py --people 2000 --units 60 --years 20 --seed 7  # any database

    from bench.national import generate_national
    stats = generate_national(people=2_000, units=60, years=20, seed=7)

What is generated (deterministic for a seed; ids follow the rows already in the database):

- **Units** (`units`, about 5,000 at full size): a ministry, a general department with central bodies and
  their offices, provincial departments (Cục Hải quan tỉnh) each with an office and Chi cục with teams; on
  1 March 2025 the general department is renamed, the provincial departments are **merged three by three**
  into regional units (Chi cục Hải quan khu vực: new units, `UnitEvent` MERGE with predecessor and successor
  links, the Chi cục moved under them with a new `UnitVersion` and a new name, the offices of the merged
  departments merged into the first one's), as `tdkt/org` models it and the demo data does;
- **People** (`people`) with Vietnamese names, hired between 1985 and 2024, some leaving before the end;
  memberships that follow the restructuring (members of a merged office move to its successor on 1 March
  2025), moves between units and leadership posts (team and Chi cục heads; department heads, whose tenure
  feeds the Huân chương by long service);
- per person-year a **rating** (some years missing: the "missing years" that leave a chain undecided),
  **discipline** with a term (which cuts the chains), **initiatives and research** of the unit, the
  ministry or the nation (`Recognition` + authors), and the **titles and forms that follow from them**:
  LĐTT, CSTĐCS, CSTĐ cấp bộ, CSTĐ toàn quốc, Giấy khen, Bằng khen cấp bộ, Bằng khen Thủ tướng, Huân
  chương Lao động hạng Ba, Nhì, Nhất (the long chains of veterans start with imported pre-window awards),
  thematic and ad-hoc awards (which feed no chain), and a few **revoked** awards;
- collective titles for the units (TTLĐTT, TTLĐXS, Cờ thi đua) and forms, decided by the unit in charge.

People are drawn from profiles (weak, ordinary, good, excellent) so that every person code gets eligible,
not-eligible and needs-review subjects in the review of the last year (see `tests/test_bench_national.py`,
which runs the engine on a small set).

Writing goes through `bench.generate._Writer`: COPY on PostgreSQL (psycopg 3 `cursor.copy`, a writer thread,
secondary indexes rebuilt after the load), `bulk_create` elsewhere. No signals, so no audit-log rows.
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

if __name__ == "__main__":  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from bench.generate import COLUMNS, FAMILY, GIVEN, MIDDLE, TOPICS, _cumulative, _Writer  # noqa: E402

PREFIX = "QG"  # unit codes QG…, staff codes QG00000001 …: marks the national set
LAST_YEAR = 2025
RESTRUCTURE_DAY = date(2025, 3, 1)
RESTRUCTURE_DECISION = "382/QĐ-BTC (mô phỏng)"
UNITS_SINCE = date(1985, 1, 1)
CHUNK = 20_000
PERSON_CODES = ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG", "HCLD3", "HCLD2", "HCLD1")
COLLECTIVE_CODES = ("TTLDTT", "TTLDXS", "CO_BO", "CO_CP")
# Parameters the law leaves open that a ministry sets before its first run (see `configure_parameters`).
PARAMETERS = {"hcld_higher.min_bo_titles": 1}
DISCIPLINE_LEVELS = ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec")
DISCIPLINE_WEIGHTS = (70, 22, 4, 2, 1.5, 0.5)
TERM_MONTHS = {"khien_trach": 6, "canh_cao": 12, "ha_bac_luong": 12, "giang_chuc": 12, "cach_chuc": 12}
# Profiles: (share, P(HTXS), P(HT or worse), P(initiative in an excellent year), P(ministry-wide scope)).
PROFILES = (
    (0.10, 0.02, 0.30, 0.05, 0.02),  # weak
    (0.53, 0.12, 0.08, 0.20, 0.05),  # ordinary
    (0.25, 0.45, 0.03, 0.55, 0.15),  # good
    (0.12, 0.92, 0.01, 0.97, 0.50),  # excellent
)


@dataclass
class NationalStats:
    people: int
    units: int
    years: tuple[int, ...]
    seed: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    backend: str = ""

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


# --- units --------------------------------------------------------------------------------------------------


@dataclass
class Shape:
    central: int  # central bodies under the general department
    offices: int  # offices per central body
    provinces: int  # provincial departments (merged three by three in 2025)
    subs: int  # Chi cục per province
    teams: int  # teams per Chi cục

    @property
    def regions(self) -> int:
        return (self.provinces + 2) // 3

    @property
    def total(self) -> int:
        per_province = 2 + self.subs + self.subs * self.teams  # department, its office, Chi cục, teams
        return 2 + self.central * (1 + self.offices) + self.provinces * per_province + self.regions


def shape_for(units: int) -> Shape:
    """The tree whose size is closest to `units` (at least 2 provinces, so that a merge happens)."""
    if units >= 1000:
        central, offices, subs, teams = 12, 4, 8, 8
    elif units >= 200:
        central, offices, subs, teams = 6, 2, 4, 4
    else:
        central, offices, subs, teams = 2, 1, 2, 2
    base = Shape(central, offices, 0, subs, teams)
    per_province = 2 + subs + subs * teams + 1 / 3
    provinces = max(2, round((units - base.total) / per_province))
    return Shape(central, offices, provinces, subs, teams)


@dataclass
class Leaf:
    """A unit people work in: its id, its kind, the head and deputy posts, and after 2025 the unit its
    members move to (None when the unit lives on)."""

    pk: int
    kind: str
    posts: tuple[str, str] | None
    successor: int | None = None


def _build_units(shape: Shape, years: tuple[int, ...]) -> tuple[list[Leaf], list[int], dict[int, int]]:
    """Create the tree, its versions and the 2025 restructuring; return the leaves people work in, the
    units that receive collective awards, and each unit's awarding parent (department or ministry)."""
    from tdkt.core.text import fold
    from tdkt.org.models import Unit, UnitEvent, UnitEventKind, UnitEventLink, UnitKind, UnitVersion

    if Unit.objects.filter(code=PREFIX).exists():
        raise RuntimeError(f"Đã có bộ dữ liệu quốc gia (đơn vị {PREFIX}): dùng cơ sở dữ liệu trống.")
    restructured = years[-1] >= RESTRUCTURE_DAY.year
    day = RESTRUCTURE_DAY
    plan: list[dict] = []

    def add(code, kind, name, short, parent, valid_to=None, **extra):
        plan.append(
            dict(code=code, kind=kind, name=name, short=short, parent=parent, valid_to=valid_to, **extra)
        )
        return code

    root = add(PREFIX, UnitKind.MINISTRY, "Bộ Tài chính (dữ liệu quốc gia)", "BTC-QG", None)
    general = add(f"{PREFIX}-HQ", UnitKind.GENERAL_DEPARTMENT, "Tổng cục Hải quan", "TCHQ", root)
    for c in range(1, shape.central + 1):
        body = add(f"{PREFIX}-HQ-V{c:02d}", UnitKind.STAFF_BODY, f"Vụ nghiệp vụ số {c}", f"V{c}", general)
        for o in range(1, shape.offices + 1):
            add(f"{body}-P{o}", UnitKind.OFFICE, f"Phòng {o} thuộc Vụ nghiệp vụ số {c}", f"P{o}-V{c}", body)
    for r in range(1, shape.regions + 1 if restructured else 1):
        add(
            f"{PREFIX}-KV{r:02d}",
            UnitKind.SUB_DEPARTMENT,
            f"Chi cục Hải quan khu vực {r}",
            f"KV{r}",
            general,
            valid_from=day,
        )
    for p in range(1, shape.provinces + 1):
        region = f"{PREFIX}-KV{(p - 1) // 3 + 1:02d}" if restructured else None
        end = day if restructured else None
        dept = add(f"{PREFIX}-T{p:02d}", UnitKind.DEPARTMENT, f"Cục Hải quan tỉnh số {p}", f"CHQ{p}", general, end,
                   merged_into=region)  # fmt: skip
        first_office = f"{PREFIX}-T{(p - 1) // 3 * 3 + 1:02d}-VP"
        is_first = restructured and f"{dept}-VP" == first_office
        add(f"{dept}-VP", UnitKind.OFFICE, f"Văn phòng Cục Hải quan tỉnh số {p}", f"VP{p}", dept,
            None if is_first or not restructured else day,
            merged_into=None if is_first or not restructured else first_office,
            moved_to=region if is_first else None)  # fmt: skip
        for s in range(1, shape.subs + 1):
            sub = add(f"{dept}-CC{s}", UnitKind.SUB_DEPARTMENT, f"Chi cục Hải quan cửa khẩu {p}.{s}",
                      f"CC{p}.{s}", dept, moved_to=region, new_name=f"Hải quan cửa khẩu {p}.{s}")  # fmt: skip
            for t in range(1, shape.teams + 1):
                add(f"{sub}-D{t}", UnitKind.TEAM, f"Đội nghiệp vụ {t}, Chi cục {p}.{s}", f"Đ{t}-{p}.{s}", sub)

    units = Unit.objects.bulk_create(
        [
            Unit(
                code=u["code"],
                kind=u["kind"],
                name=u.get("new_name") or u["name"] if u.get("moved_to") else u["name"],
                short_name=u["short"],
                valid_from=u.get("valid_from", UNITS_SINCE),
                valid_to=u["valid_to"],
                search_text=fold(f"{u['code']} {u['name']} {u['short']}"),
            )
            for u in plan
        ],
        batch_size=1000,
    )
    by_code = {u.code: u for u in units}
    final_parent = {}
    versions = []
    for u in plan:
        unit = by_code[u["code"]]
        parent = by_code[u["parent"]].pk if u["parent"] else None
        start = u.get("valid_from", UNITS_SINCE)
        moved = u.get("moved_to")
        renamed = u["code"] == general and restructured
        if moved or renamed:
            versions.append(
                UnitVersion(unit=unit, name=u["name"], short_name=u["short"], parent_id=parent,
                            valid_from=start, valid_to=day)
            )  # fmt: skip
            name = "Cục Hải quan" if renamed else u.get("new_name") or u["name"]
            new_parent = by_code[moved].pk if moved else parent
            versions.append(
                UnitVersion(unit=unit, name=name, short_name=u["short"], parent_id=new_parent, valid_from=day)
            )
            final_parent[unit.pk] = new_parent
        else:
            versions.append(
                UnitVersion(unit=unit, name=u["name"], short_name=u["short"], parent_id=parent,
                            valid_from=start, valid_to=u["valid_to"])
            )  # fmt: skip
            final_parent[unit.pk] = parent
    UnitVersion.objects.bulk_create(versions, batch_size=2000)
    for u in units:
        u.parent_id = final_parent[u.pk]
    Unit.objects.bulk_update(units, ["parent"], batch_size=1000)
    if restructured:
        hq = by_code[general]
        hq.name, hq.short_name = "Cục Hải quan", "CHQ"
        hq.save(update_fields=["name", "short_name", "search_text"])
        rename = UnitEvent.objects.create(kind=UnitEventKind.RENAME, date=day, decision=RESTRUCTURE_DECISION)
        links = [
            UnitEventLink(event=rename, unit=hq, role=UnitEventLink.Role.PREDECESSOR),
            UnitEventLink(event=rename, unit=hq, role=UnitEventLink.Role.SUCCESSOR),
        ]
        merges: dict[str, list[str]] = {}
        for u in plan:
            if u.get("merged_into"):
                merges.setdefault(u["merged_into"], []).append(u["code"])
        for target, sources in merges.items():
            event = UnitEvent.objects.create(
                kind=UnitEventKind.MERGE, date=day, decision=RESTRUCTURE_DECISION
            )
            links.append(UnitEventLink(event=event, unit=by_code[target], role=UnitEventLink.Role.SUCCESSOR))
            links += [
                UnitEventLink(event=event, unit=by_code[s], role=UnitEventLink.Role.PREDECESSOR)
                for s in sources
            ]
        for u in plan:
            if u.get("moved_to"):
                event = UnitEvent.objects.create(
                    kind=UnitEventKind.MOVE, date=day, decision=RESTRUCTURE_DECISION
                )
                links += [
                    UnitEventLink(event=event, unit=by_code[u["code"]], role=role)
                    for role in (UnitEventLink.Role.PREDECESSOR, UnitEventLink.Role.SUCCESSOR)
                ]
        UnitEventLink.objects.bulk_create(links, batch_size=2000)

    heads = {
        UnitKind.TEAM: ("doi_truong", "pho_doi_truong"),
        UnitKind.SUB_DEPARTMENT: ("chi_cuc_truong", "pho_chi_cuc_truong"),
        UnitKind.OFFICE: ("truong_phong", "pho_truong_phong"),
    }
    leaves = []
    for u in plan:
        if u["kind"] in (UnitKind.TEAM, UnitKind.SUB_DEPARTMENT, UnitKind.OFFICE) and not u.get("valid_from"):
            target = u.get("merged_into")
            leaves.append(Leaf(by_code[u["code"]].pk, u["kind"], heads[u["kind"]],
                               by_code[target].pk if target else None))  # fmt: skip
        elif u["kind"] == UnitKind.DEPARTMENT:
            # department leadership: Cục trưởng / Phó Cục trưởng (their tenure counts for HCLĐ by service)
            target = u.get("merged_into")
            leaves.append(Leaf(by_code[u["code"]].pk, u["kind"], ("cuc_truong", "pho_cuc_truong"),
                               by_code[target].pk if target else None))  # fmt: skip
    collectives = [by_code[u["code"]].pk for u in plan if u["kind"] != UnitKind.MINISTRY]
    awarding = {}
    for u in plan:
        code = u["code"]
        dept = next(
            (p["code"] for p in plan if code.startswith(p["code"] + "-") and p["kind"] == "cuc"), None
        )
        awarding[by_code[code].pk] = by_code[dept].pk if dept else by_code[root].pk
    return leaves, collectives, awarding


# --- people -------------------------------------------------------------------------------------------------


class _People:
    """Rows for a range of people; ids from per-table counters."""

    def __init__(self, seed, years, leaves, positions, kinds, first_ids, now) -> None:
        from tdkt.core.text import fold

        self.rng = random.Random(seed)
        self.years = years
        self.first_year, self.last_year = years[0], years[-1]
        self.leaves = leaves
        # A unit's place in the tree's order, for choices made "by unit" (its id depends on the rows already
        # in the database, so choices made from it would change the data set from one database to another)
        self.place = {leaf.pk: i for i, leaf in enumerate(leaves)}
        self.workers = [leaf for leaf in leaves if leaf.kind != "cuc"]
        self.departments = [leaf for leaf in leaves if leaf.kind == "cuc"]
        self.positions = positions
        self.kinds = kinds
        self.ids = dict(first_ids)
        self.now = now
        self.family = [name for name, _ in FAMILY]
        self.family_cum = list(_cumulative(w for _, w in FAMILY))
        self.level_cum = list(_cumulative(DISCIPLINE_WEIGHTS))
        self.profile_cum = list(_cumulative(p[0] for p in PROFILES))
        self.topics = [(t, fold(t)) for t in TOPICS]
        self._names: dict = {}
        self.co_author = None

    def _derived(self, family, middle, given, gender):
        key = (family, middle, given)
        cached = self._names.get(key)
        if cached is None:
            from tdkt.org.models import Person

            p = Person(
                family_name=family, middle_name=middle, given_name=given, gender=gender
            ).compute_derived()
            cached = self._names[key] = (p.family_name, p.middle_name, p.given_name, p.full_name, p.search_text,
                                         p.sort_key)  # fmt: skip
        return cached

    def _next(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def chunk(self, first_pid: int, count: int) -> dict[str, list[tuple]]:
        rows: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        for pid in range(first_pid, first_pid + count):
            self._person(pid, rows)
        return rows

    def _person(self, pid: int, rows) -> None:  # noqa: C901, PLR0912, PLR0915
        rng, now = self.rng, self.now
        random_, randint = rng.random, rng.randint
        first_year, last_year = self.first_year, self.last_year
        gender = "nu" if random_() < 0.45 else "nam"
        family = self.family[bisect.bisect(self.family_cum, random_() * self.family_cum[-1])]
        fam, mid, giv, full, search, sort_key = self._derived(
            family, rng.choice(MIDDLE[gender]), rng.choice(GIVEN[gender]), gender
        )
        staff_code = f"{PREFIX}{pid:08d}"
        hire_year = 1985 + min(int(random_() ** 0.8 * 40), 39)  # 1985 … 2024
        born = date(max(1962, hire_year - randint(22, 30)), randint(1, 12), randint(1, 28))
        rows["person"].append((pid, now, now, 1, fam, mid, giv, full, gender, born, staff_code, None,
                               f"{search} {staff_code.lower()}", sort_key))  # fmt: skip
        leaves_in = None
        if random_() < 0.06 and hire_year < last_year - 1:
            leaves_in = randint(max(hire_year + 1, first_year), last_year - 1)  # quits
        if born.year + 60 < last_year:  # retires at 60
            leaves_in = min(leaves_in or last_year, max(born.year + 60, hire_year + 1))

        profile = PROFILES[bisect.bisect(self.profile_cum, random_() * self.profile_cum[-1])]
        _, p_htxs, p_weak, p_initiative, p_bo = profile
        excellent = profile is PROFILES[-1]

        # --- memberships -------------------------------------------------------------------------------
        pos = self.positions
        start = date(hire_year, randint(1, 12), 1)
        end_of_work = date(leaves_in, randint(1, 12), 1) if leaves_in else None
        leaf = self.workers[int(random_() * len(self.workers))]
        basic = pos["cong_chuc"] if random_() < 0.9 else pos["nhan_vien"]
        segments = []  # (leaf, position id, from, to)
        leader_from = None
        if random_() < 0.15 and hire_year < 2022:
            moved = date(randint(hire_year + 1, 2023), randint(1, 12), 1)
            if not end_of_work or moved < end_of_work:
                segments.append((leaf, basic, start, moved))
                start, leaf = moved, self.workers[int(random_() * len(self.workers))]
        lead = random_() < (0.25 if excellent else 0.07)
        if lead and start.year < 2023:
            promoted = date(randint(start.year + 1, 2024), randint(1, 12), 1)
            if not end_of_work or promoted < end_of_work:
                if excellent and hire_year < 2002 and random_() < 0.15:
                    leaf = self.departments[int(random_() * len(self.departments))]
                segments.append((leaf, basic, start, promoted))
                start, basic, leader_from = promoted, pos[leaf.posts[random_() < 0.7]], promoted
        segments.append((leaf, basic, start, end_of_work))
        for seg_leaf, position, seg_from, seg_to in segments:
            if (
                seg_leaf.successor
                and seg_from < RESTRUCTURE_DAY
                and (seg_to is None or seg_to > RESTRUCTURE_DAY)
            ):
                # the unit was merged on 1 March 2025: the membership moves to the successor
                rows["membership"].append((self._next("membership"), now, now, pid, seg_leaf.pk, position,
                                           seg_from, RESTRUCTURE_DAY))  # fmt: skip
                seg_from, seg_unit = RESTRUCTURE_DAY, seg_leaf.successor
            else:
                seg_unit = seg_leaf.pk
            rows["membership"].append((self._next("membership"), now, now, pid, seg_unit, position, seg_from,
                                       seg_to))  # fmt: skip
        unit = leaf.pk
        del leader_from

        # --- a veteran's imported past (chains of forms that started before the window) ------------------
        last = {}  # code -> last year received
        if hire_year <= first_year - 6 and profile[1] >= 0.12:
            steps = ("BK_BO", "BK_TTG", "HCLD3", "HCLD2")
            depth = sum(random_() < (0.6 if excellent else 0.12) for _ in steps[:3])
            if excellent and depth == 3 and random_() < 0.6:
                depth = 4
            year = max(hire_year + 3, first_year - 6 * depth)
            for code in steps[:depth]:
                if year >= first_year:
                    break
                self._award(rows, code, pid, year, unit, source="import")
                last[code] = year
                year += 5 + int(random_() * 2)

        # --- year by year ------------------------------------------------------------------------------
        gap_year = None
        u = random_()
        if u < 0.08:
            gap_year = randint(max(first_year + 1, last_year - 4), last_year - 1)  # a missing year, recent
        elif u < 0.10:
            gap_year = last_year  # the review year not rated yet
        elif excellent and u < 0.25:
            gap_year = randint(first_year + 1, last_year - 1)  # an older year missing from the records
        ldtt_run = cstdcs_run = cstdcs_since_bo = 0
        decided_early = (
            self.place[unit] % 10 < 7
        )  # units that decided the review year's unit-level titles already
        good_since: dict[str, int] = {}  # good years since the last form of each chain
        cstdcs_since: dict[str, int] = {}
        htxs_since: dict[str, int] = {}
        bo_titles_since: dict[str, int] = {}
        cstd_bo_years: list[int] = []
        bo_initiative_year = tq_initiative_year = None
        penalty_until = None
        chain = ("BK_BO", "BK_TTG", "HCLD3", "HCLD2", "HCLD1")
        for year in self.years:
            if year < hire_year or (leaves_in and year > leaves_in):
                continue
            if year == gap_year or (random_() < 0.002 and year > hire_year):
                ldtt_run = cstdcs_run = cstdcs_since_bo = 0
                for d in (good_since, cstdcs_since, htxs_since):
                    d.clear()
                if excellent and random_() < 0.5:  # the initiative is on file, the rating is not (yet)
                    self._recognition(rows, pid, year, "co_so", unit)
                continue  # no rating recorded this year
            level = None
            if random_() < (0.012 if profile is PROFILES[0] else 0.004):
                level = DISCIPLINE_LEVELS[bisect.bisect(self.level_cum, random_() * self.level_cum[-1])]
                decided = date(year, randint(3, 11), 15)
                months = TERM_MONTHS.get(level)
                term_end = decided + timedelta(days=30 * months) if months else None
                rows["discipline"].append((self._next("discipline"), now, now, pid, year, level, random_() < 0.8,
                                           f"{pid}-{year}/QĐ-KL", decided, term_end))  # fmt: skip
                penalty_until = term_end.year if term_end else year + 1
            u = random_()
            if level:
                rating = "HT" if level == "khien_trach" else "KHT"
            else:
                rating = (
                    "HTXS"
                    if u < p_htxs
                    else "KHT"
                    if u > 1 - p_weak * 0.1
                    else "HT"
                    if u > 1 - p_weak
                    else "HTT"
                )
            rows["rating"].append((self._next("rating"), now, now, pid, year, rating, None))
            good = (
                rating in ("HTXS", "HTT") and level is None and not (penalty_until and year <= penalty_until)
            )
            if not good:
                ldtt_run = cstdcs_run = cstdcs_since_bo = 0
                for d in (good_since, cstdcs_since, htxs_since):
                    d.clear()
            # an initiative or research recognised this year
            scope = None
            if good and random_() < (p_initiative if rating == "HTXS" else p_initiative * 0.08):
                v = random_()
                scope = "toan_quoc" if v < p_bo * 0.25 else "bo" if v < p_bo else "co_so"
                self._recognition(rows, pid, year, scope, unit)
                if scope in ("bo", "toan_quoc"):
                    bo_initiative_year = year
                if scope == "toan_quoc":
                    tq_initiative_year = year
                if excellent and random_() < 0.35:  # a second one (research, or another initiative)
                    self._recognition(rows, pid, year, "co_so", unit)
            if not good:
                continue
            review = year == last_year
            if review and not decided_early:
                continue  # the review year: the unit has decided nothing yet
            revoke = random_() < 0.001 and not review
            ldtt = random_() < (0.97 if rating == "HTXS" else 0.42)
            ldtt_run = ldtt_run + 1 if ldtt else 0
            if ldtt:
                self._award(rows, "LDTT", pid, year, unit, revoked=revoke)
            cstdcs = ldtt and rating == "HTXS" and (scope is not None or year >= 2024) and random_() < 0.9
            cstdcs_run = cstdcs_run + 1 if cstdcs else 0
            cstdcs_since_bo = cstdcs_since_bo + 1 if cstdcs else 0
            if cstdcs:
                self._award(rows, "CSTDCS", pid, year, unit, revoked=revoke and random_() < 0.5)
            if review:
                continue  # only the unit-level titles of the review year are decided in January
            for code in chain:
                good_since[code] = good_since.get(code, 0) + 1
                cstdcs_since[code] = cstdcs_since.get(code, 0) + cstdcs
                htxs_since[code] = htxs_since.get(code, 0) + (rating == "HTXS")
            # CSTĐ cấp bộ: three CSTĐCS in a row and a ministry-wide initiative in the last three years
            cstd_bo = (
                cstdcs_since_bo >= 3
                and bo_initiative_year is not None
                and year - bo_initiative_year < 3
                and random_() < 0.8
            )
            if cstd_bo:
                cstd_bo_years.append(year)
                cstdcs_since_bo = 0
                self._award(rows, "CSTD_BO", pid, year, unit)
                for code in chain:
                    bo_titles_since[code] = bo_titles_since.get(code, 0) + 1
                if (
                    len(cstd_bo_years) >= 2
                    and year - cstd_bo_years[-2] <= 3
                    and tq_initiative_year is not None
                    and tq_initiative_year >= cstd_bo_years[-2] - 2
                    and random_() < 0.7
                ):
                    self._award(rows, "CSTD_TQ", pid, year, unit)
            # Giấy khen, then the chain of forms
            if ldtt_run >= 2 and year - last.get("GK", 0) >= 2 and random_() < 0.12:
                self._award(rows, "GK", pid, year, unit)
                last["GK"] = year
            for i, code in enumerate(chain):
                prior = chain[i - 1] if i else None
                if prior and prior not in last:
                    break
                if code in last and (i == 0 and year - last[code] < 5 or i > 0):
                    continue
                base = last.get(prior) if prior else last.get(code)
                since = prior or code
                if i == 0:
                    ok = cstdcs_run >= 2 and (base is None or year - base >= 5)
                elif code == "BK_TTG":
                    ok = good_since.get(since, 0) >= 5 and cstdcs_since.get(since, 0) >= 3
                elif code == "HCLD3":
                    ok = (good_since.get(since, 0) >= 5 and cstdcs_since.get(since, 0) >= 3
                          and htxs_since.get(since, 0) >= 1)  # fmt: skip
                else:
                    ok = good_since.get(since, 0) >= 5 and bo_titles_since.get(since, 0) >= 1
                if ok and random_() < (0.45 if excellent else 0.3):
                    self._award(rows, code, pid, year, unit)
                    last[code] = year
                    good_since[code] = cstdcs_since[code] = htxs_since[code] = 0
                    bo_titles_since[code] = 0
                    break
            # thematic and ad-hoc awards: counted in the statistics, never in a chain
            if random_() < 0.012:
                self._award(rows, "GK" if random_() < 0.7 else "BK_BO", pid, year, unit,
                            award_type="chuyen_de" if random_() < 0.6 else "dot_xuat")  # fmt: skip

    def _recognition(self, rows, pid, year, scope, unit) -> None:
        rid = self._next("recognition")
        rng = self.rng
        title, folded = self.topics[rid % len(self.topics)]
        research = rng.random() < 0.15
        now = self.now
        rows["recognition"].append((rid, now, now, "research" if research else "initiative", f"{title} ({rid})",
                                    scope, year, f"{self.place[unit] + 1}-{year}/QĐ-SK", date(year, rng.randint(6, 12), 1),
                                    rng.random() < 0.95, unit, rng.random() < 0.002, f"{folded} ({rid})"))  # fmt: skip
        other = self.co_author
        if other and other != pid and rng.random() < 0.2:
            rows["author"].append((self._next("author"), rid, pid, 60))
            rows["author"].append((self._next("author"), rid, other, 40))
        else:
            rows["author"].append((self._next("author"), rid, pid, 100))
        self.co_author = pid

    ISSUERS = {
        "co_so": "Thủ trưởng cơ quan, đơn vị",
        "bo": "Bộ trưởng Bộ Tài chính",
        "TTG": "Thủ tướng Chính phủ",
        "CTN": "Chủ tịch nước",
    }

    def _award(self, rows, code, pid, year, unit, *, revoked=False, award_type="cong_trang", source="demo"):
        kind, level = self.kinds[code]
        if code in ("HCLD3", "HCLD2", "HCLD1"):
            issuer, decided, number = self.ISSUERS["CTN"], date(year + 1, 8, 28), f"{year}-{code}/QĐ-CTN"
        elif level == "nha_nuoc":
            issuer, decided, number = self.ISSUERS["TTG"], date(year + 1, 6, 1), f"{year}-{code}/QĐ-TTg"
        elif level == "bo":
            issuer, decided, number = self.ISSUERS["bo"], date(year + 1, 3, 15), f"{year}-{code}/QĐ-BTC"
        else:
            issuer, decided, number = (
                self.ISSUERS["co_so"],
                date(year + 1, 1, 10 + self.place[unit] % 15),
                f"{self.place[unit] + 1}-{year}/QĐ",
            )
        if award_type != "cong_trang":
            decided, number = date(year, 9, 2), f"{number}-{award_type}"
        now = self.now
        rows["award"].append((
            self._next("award"), now, now, 1, kind, pid, None, year, award_type, number, decided, issuer, "",
            revoked, "Phát hiện khai man thành tích" if revoked else "", f"{year + 1}-HB/QĐ" if revoked else "",
            date(year + 1, 11, 1) if revoked else None, source, "", "truc_tiep",
            "bo_nganh" if level == "nha_nuoc" else "", None, None,
        ))  # fmt: skip

    def collective(self, collectives: list[int], awarding: dict[int, int]) -> list[tuple]:
        """Collective titles and forms of the units, every year but the last."""
        rng, now, out = self.rng, self.now, []
        for unit in collectives:
            run = 0
            for year in self.years[:-1]:
                if rng.random() < 0.85:
                    run += 1
                    codes = ["TTLDTT"]
                    if rng.random() < 0.35:
                        codes.append("TTLDXS")
                        if run >= 5 and rng.random() < 0.2:
                            codes.append("CO_BO")
                    if rng.random() < 0.05:
                        codes.append("BK_BO")
                else:
                    run, codes = 0, []
                for code in codes:
                    kind, level = self.kinds[code]
                    issuer = self.ISSUERS["co_so" if level == "co_so" else "bo"]
                    out.append((
                        self._next("award"), now, now, 1, kind, None, unit, year, "cong_trang",
                        f"{awarding[unit]}-{year}/QĐ-TT", date(year + 1, 1, 20), issuer, "", False, "", "", None,
                        "demo", "", "tap_the", "", None, None,
                    ))  # fmt: skip
        return out


class _FastWriter(_Writer):
    """`bench.generate._Writer` with plain `executemany` instead of `bulk_create` off PostgreSQL (no model
    instances: the rows are already in column order). `inline`: every row on Django's own connection, inside
    the caller's transaction (COPY included), indexes kept, no VACUUM — for tests that roll back."""

    def __init__(self, defer_indexes: bool = True, inline: bool = False) -> None:
        super().__init__(defer_indexes and not inline)
        self.inline = inline

    def __enter__(self):
        if not self.inline:
            return super().__enter__()
        self.replica, self.deferred, self.pending = False, [], []
        return self

    def __exit__(self, *exc) -> None:
        if not self.inline:
            super().__exit__(*exc)

    def finish(self) -> None:
        if not self.inline:
            return super().finish()
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), list(self.models.values())):
                cursor.execute(statement)
            cursor.execute("ANALYZE")
        return None

    def write(self, table: str, rows: list[tuple]) -> None:
        if not rows or (self.postgres and not self.inline):
            return super().write(table, rows)
        from django.db import transaction

        model = self.models[table]
        quote = self.connection.ops.quote_name
        if self.postgres:
            names = ", ".join(quote(model._meta.get_field(c).column) for c in COLUMNS[table])
            with (
                self.connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return None
        columns = ", ".join(quote(model._meta.get_field(c).column) for c in COLUMNS[table])
        marks = ", ".join(["%s"] * len(COLUMNS[table]))
        sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
        with transaction.atomic(), self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        return None


# --- the run ------------------------------------------------------------------------------------------------


def configure_parameters() -> list[str]:
    """The values a ministry sets for parameters the law leaves open (else HCLĐ hạng Nhì and Nhất are never
    decided): written as administrators' overrides, on every rule set that knows the key."""
    from tdkt.rules.models import ParameterOverride
    from tdkt.rules.rulesets import RULE_SETS

    written = []
    for rule_set in RULE_SETS.values():
        for key, value in PARAMETERS.items():
            if key in rule_set.parameters:
                ParameterOverride.objects.update_or_create(
                    rule_set=rule_set.id,
                    key=key,
                    defaults={"value": value, "note": "Bộ dữ liệu quốc gia (bench/national.py)"},
                )
                written.append(f"{rule_set.id}:{key}={value}")
    return written


def generate_national(
    people: int,
    units: int = 5_000,
    years: int = 20,
    seed: int = 2025,
    *,
    last_year: int = LAST_YEAR,
    chunk: int = CHUNK,
    log: Callable[[str], None] = print,
    defer_indexes: bool = True,
    parameters: bool = True,
    inline: bool = False,
) -> NationalStats:
    """Add the national data set to an empty organisation: `units` units (about), `people` people, `years`
    years of history ending with `last_year` (the year under review)."""
    from auditlog.context import disable_auditlog
    from django.db import connection
    from django.utils import timezone

    from bench.generate import TABLE_ORDER, _check_columns, _ensure_positions, _first_ids
    from tdkt.awards.models import AwardKind

    span = tuple(range(last_year - years + 1, last_year + 1))
    shape = shape_for(units)
    stats = NationalStats(people, 0, span, seed, {t: 0 for t in TABLE_ORDER}, backend=connection.vendor)
    _check_columns()
    with disable_auditlog():
        t0 = time.perf_counter()
        positions = _ensure_positions()
        leaves, collectives, awarding = _build_units(shape, span)
        stats.units = len(collectives) + 1
        kinds = {c: (pk, lv) for c, pk, lv in AwardKind.objects.values_list("code", "pk", "level")}
        missing = set(PERSON_CODES + COLLECTIVE_CODES) - set(kinds)
        if missing:
            raise RuntimeError(f"Danh mục khen thưởng thiếu {sorted(missing)}: chạy migrate trước.")
        if parameters:
            configure_parameters()
        first = _first_ids()
        now = timezone.now()
        if connection.vendor == "sqlite":  # rows go in with executemany: the backend's own text form
            now = connection.ops.adapt_datetimefield_value(now)
        gen = _People(seed, span, leaves, positions, kinds, first, now)
        stats.seconds["reference"] = time.perf_counter() - t0
        stats.seconds["generate"] = stats.seconds["write"] = 0.0
        log(f"  {stats.units:,} đơn vị ({shape}), sáp nhập ngày {RESTRUCTURE_DAY:%d/%m/%Y}")
        done = 0
        with _FastWriter(defer_indexes, inline) as writer:
            while done < people:
                size = min(chunk, people - done)
                t0 = time.perf_counter()
                rows = gen.chunk(first["person"] + done, size)
                if done + size >= people:
                    rows["award"] += gen.collective(collectives, awarding)
                t1 = time.perf_counter()
                writer.wait()
                for table in TABLE_ORDER:
                    writer.write(table, rows[table])
                    stats.rows[table] += len(rows[table])
                stats.seconds["generate"] += t1 - t0
                stats.seconds["write"] += time.perf_counter() - t1
                done += size
                if done == people or done % (chunk * 10) == 0:
                    log(f"  {done:>9,} người, {stats.total_rows:>11,} dòng, {stats.rows['award']:>11,} khen thưởng"
                        f" (sinh {stats.seconds['generate']:.0f} s, ghi {stats.seconds['write']:.0f} s)")  # fmt: skip
            t0 = time.perf_counter()
            writer.wait()
            stats.seconds["write"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            if writer.deferred:
                writer._recreate_indexes()
            t1 = time.perf_counter()
            writer.finish()
            stats.seconds["indexes"] = t1 - t0
            stats.seconds["analyze"] = time.perf_counter() - t1
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sinh bộ dữ liệu quy mô quốc gia (bench/national.py).")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=5_000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--last-year", type=int, default=LAST_YEAR)
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument(
        "--workflow",
        action="store_true",
        help="sau khi sinh: thêm hồ sơ, hội đồng, quyết định (national_workflow)",
    )
    parser.add_argument(
        "--workflow-only",
        action="store_true",
        help="không sinh người: chỉ thêm hồ sơ, hội đồng, quyết định vào bộ dữ liệu đã có (chạy lại không thêm gì)",
    )
    parser.add_argument("--max-candidates", type=int, default=10, help="đối tượng tối đa mỗi hồ sơ lịch sử")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command

    if not args.no_migrate:
        call_command("migrate", verbosity=0, interactive=False)
    t0 = time.perf_counter()
    if not args.workflow_only:
        stats = generate_national(args.people, args.units, args.years, args.seed, last_year=args.last_year)
        rows = ", ".join(f"{t} {n:,}" for t, n in stats.rows.items())
        print(f"Xong sau {time.perf_counter() - t0:.0f} s ({stats.backend}): {stats.units:,} đơn vị; {rows}")
        print("  " + ", ".join(f"{k} {v:.0f} s" for k, v in stats.seconds.items()))
    if args.workflow or args.workflow_only:
        from bench.national_workflow import generate_workflow

        t0 = time.perf_counter()
        flow = generate_workflow(max_candidates=args.max_candidates, review_year=args.last_year)
        print(
            f"Quy trình cuối năm xong sau {time.perf_counter() - t0:.0f} s: {flow.total_rows:,} dòng lịch sử"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
