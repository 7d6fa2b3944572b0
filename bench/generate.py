"""Synthetic organisation and award history for N people, loaded straight into the database.

    from bench.generate import generate
    stats = generate(1_000_000, years=range(2016, 2026), seed=2025)

What is generated (deterministic for a seed):

- a unit tree of 397 units (a ministry, 12 departments, 8 sub-departments each, 3 teams under each
  sub-department) with one `UnitVersion` each, and the catalogue's positions (`demo.org_data.POSITIONS`);
- N people with Vietnamese names (derived columns from `Person.compute_derived`), a hire date between
  1993 and 2024, one to three memberships (a move between units for 15 %, a leadership post for about 9 %);
- one `Rating` per person per year from the hire year, person-correlated (≈ 17 % HTXS, 72 % HTT, 10 % HT,
  1 % KHT), about 0.6 % of person-years with a `Discipline` (which caps that year's rating);
- titles consistent with the ratings for every year but the last (the last year is the one under review):
  LĐTT for a good rating without discipline, CSTĐCS for HTXS with a recognised initiative (before 2024) or
  HTXS alone (from 2024), CSTĐ cấp bộ after three CSTĐCS in a row, rarely CSTĐ toàn quốc; forms: Giấy khen,
  Bằng khen cấp bộ after two CSTĐCS or five LĐTT in a row (at most one per five years), Bằng khen Thủ tướng
  five years after a Bằng khen cấp bộ; a few revoked titles;
- `Recognition` rows (initiatives, research) with one or two `RecognitionAuthor` rows each.

On PostgreSQL rows go in with `COPY … FROM STDIN` (psycopg 3 `cursor.copy`), explicit ids, foreign-key
triggers off for the load (`session_replication_role = replica`: the generator's ids are consistent by
construction), then the identity sequences are reset and the tables analysed. Elsewhere `bulk_create`.
Neither path sends model signals, so no audit-log entries are written (and `disable_auditlog` is on).
"""

from __future__ import annotations

import bisect
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

YEARS = tuple(range(2016, 2026))
DEFAULT_SEED = 2025
CHUNK = 20_000  # people generated and written per round (bounds the generator's memory)
STAFF_PREFIX = "BM"  # staff codes BM00000001 …: marks the benchmark's people

FAMILY = (
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 4.0),
    ("Huỳnh", 1.5),
    ("Phan", 4.5),
    ("Vũ", 3.0),
    ("Võ", 1.5),
    ("Đặng", 2.0),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
)
MIDDLE = {
    "nam": ("Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Ngọc", "Tuấn", "Anh", ""),
    "nu": ("Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Minh", "Phương", "Thùy", "Mai", ""),
}
GIVEN = {
    "nam": (
        "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Hưng", "Khang", "Khoa", "Long", "Minh",
        "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh",
    ),
    "nu": (
        "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
        "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Vân", "Yến",
    ),
}  # fmt: skip
TOPICS = (
    "Sáng kiến rút ngắn thời gian thông quan hàng hóa",
    "Giải pháp số hóa hồ sơ lưu trữ",
    "Quy trình kiểm tra sau thông quan theo rủi ro",
    "Ứng dụng phân tích dữ liệu trong quản lý thuế",
    "Cải tiến phần mềm quản lý văn bản",
    "Đề tài nâng cao chất lượng đào tạo nghiệp vụ",
    "Giải pháp tiết kiệm chi phí hành chính",
    "Mô hình phối hợp chống buôn lậu",
)
DISCIPLINE_LEVELS = ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec")
DISCIPLINE_WEIGHTS = (70, 22, 4, 2, 1.5, 0.5)

# Columns written for each table, in order (checked against the models' concrete fields).
COLUMNS = {
    "person": (
        "id", "created_at", "updated_at", "lock_version", "family_name", "middle_name", "given_name",
        "full_name", "gender", "date_of_birth", "staff_code", "user_id", "search_text", "sort_key",
    ),
    "membership": ("id", "created_at", "updated_at", "person_id", "unit_id", "position_id", "valid_from",
                   "valid_to"),
    "rating": ("id", "created_at", "updated_at", "person_id", "year", "value", "points"),
    "award": (
        "id", "created_at", "updated_at", "lock_version", "kind_id", "person_id", "unit_id", "year",
        "award_type", "decision_number", "decision_date", "issuer", "subject_name", "revoked",
        "revoked_reason", "revoked_decision", "revoked_on", "source", "note", "recipient_class",
        "submitting_body", "period_from", "period_to",
    ),
    "discipline": ("id", "created_at", "updated_at", "person_id", "year", "level", "duty_related",
                   "decision_number", "decision_date", "term_end"),
    "recognition": ("id", "created_at", "updated_at", "kind", "title", "scope", "year", "decision_number",
                    "decision_date", "applied", "unit_id", "revoked", "search_text"),
    "author": ("id", "recognition_id", "person_id", "share"),
}  # fmt: skip
# Load order: parents before children (foreign keys are not checked during the load, but stay tidy).
TABLE_ORDER = ("person", "membership", "rating", "recognition", "author", "award", "discipline")


def _models() -> dict:
    from tdkt.awards.models import Award, Discipline, Rating, Recognition, RecognitionAuthor
    from tdkt.org.models import Membership, Person

    return {
        "person": Person,
        "membership": Membership,
        "rating": Rating,
        "award": Award,
        "discipline": Discipline,
        "recognition": Recognition,
        "author": RecognitionAuthor,
    }


@dataclass
class GenerateStats:
    people: int
    years: tuple[int, ...]
    seed: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    backend: str = ""

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


# --- reference data -----------------------------------------------------------------------------------------


def _ensure_positions() -> dict[str, int]:
    from tdkt.demo.org_data import POSITIONS
    from tdkt.org.models import Position

    existing = set(Position.objects.values_list("code", flat=True))
    Position.objects.bulk_create(
        [
            Position(code=code, name=name, grade=grade, is_leadership=lead)
            for code, name, grade, lead in POSITIONS
            if code not in existing
        ]
    )
    return dict(Position.objects.values_list("code", "pk"))


def _ensure_units(prefix: str = "BENCH") -> list[tuple[int, str]]:
    """The benchmark's unit tree (created once); returns the leaf units people work in: (pk, kind)."""
    from tdkt.core.text import fold
    from tdkt.org.models import Unit, UnitKind, UnitVersion

    start = date(2000, 1, 1)
    if not Unit.objects.filter(code=prefix).exists():

        def make(code: str, kind: str, name: str, short: str, parent: Unit | None) -> Unit:
            return Unit(
                code=code,
                kind=kind,
                name=name,
                short_name=short,
                parent=parent,
                valid_from=start,
                search_text=fold(f"{code} {name} {short}"),
            )

        root = make(prefix, UnitKind.MINISTRY, "Bộ Thử nghiệm hiệu năng", "BTN", None)
        root.save()
        departments = Unit.objects.bulk_create(
            [
                make(f"{prefix}-C{d:02d}", UnitKind.DEPARTMENT, f"Cục Thử nghiệm số {d}", f"C{d}", root)
                for d in range(1, 13)
            ]
        )
        subs = Unit.objects.bulk_create(
            [
                make(
                    f"{dep.code}-CC{s}",
                    UnitKind.SUB_DEPARTMENT,
                    f"Chi cục {s} thuộc {dep.name}",
                    f"CC{s}-{dep.short_name}",
                    dep,
                )
                for dep in departments
                for s in range(1, 9)
            ]
        )
        teams = Unit.objects.bulk_create(
            [
                make(
                    f"{sub.code}-D{t}",
                    UnitKind.TEAM,
                    f"Đội {t} thuộc {sub.name}",
                    f"Đ{t}-{sub.short_name}",
                    sub,
                )
                for sub in subs
                for t in range(1, 4)
            ]
        )
        UnitVersion.objects.bulk_create(
            [
                UnitVersion(unit=u, name=u.name, short_name=u.short_name, parent=u.parent, valid_from=start)
                for u in [root, *departments, *subs, *teams]
            ]
        )
    leaves = Unit.objects.filter(
        code__startswith=f"{prefix}-", kind__in=[UnitKind.SUB_DEPARTMENT, UnitKind.TEAM]
    )
    return list(leaves.order_by("pk").values_list("pk", "kind"))


def _award_kinds() -> dict[str, int]:
    from tdkt.awards.models import AwardKind

    wanted = ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG")
    kinds = dict(AwardKind.objects.filter(code__in=wanted).values_list("code", "pk"))
    missing = set(wanted) - set(kinds)
    if missing:
        raise RuntimeError(f"Danh mục khen thưởng thiếu {sorted(missing)}: chạy migrate trước.")
    return kinds


def _check_columns() -> None:
    for table, model in _models().items():
        actual = {f.attname for f in model._meta.concrete_fields}
        if actual != set(COLUMNS[table]):
            raise RuntimeError(
                f"{table}: columns {sorted(actual ^ set(COLUMNS[table]))} changed in the model"
            )


# --- the people -----------------------------------------------------------------------------------------------


class _Generator:
    """Rows for a range of people; ids are handed out from per-table counters."""

    def __init__(self, seed: int, years: tuple[int, ...], leaves, positions, kinds, first_ids, now) -> None:
        self.rng = random.Random(seed)
        self.years = years
        self.leaves = leaves
        self.positions = positions
        self.kinds = kinds
        # Every award here goes to a person; State-level ones are submitted by the ministry.
        self.state_kinds = {kinds["CSTD_TQ"], kinds["BK_TTG"]}
        self.next_id = dict(first_ids)
        self.now = now
        self.family = [name for name, _ in FAMILY]
        self.family_cum = list(_cumulative(w for _, w in FAMILY))
        self.level_cum = list(_cumulative(DISCIPLINE_WEIGHTS))
        self._names: dict[tuple[str, str, str], tuple[str, str, str, str, str, str]] = {}
        from tdkt.core.text import fold

        self.topics = [(t, fold(t)) for t in TOPICS]

    def _derived(self, family: str, middle: str, given: str, gender: str, staff_code: str):
        """Person.compute_derived, called once per distinct name; the staff code's part of search_text is
        appended (checked against a full call on the first person of every chunk)."""
        key = (family, middle, given)
        cached = self._names.get(key)
        if cached is None:
            from tdkt.org.models import Person

            p = Person(
                family_name=family, middle_name=middle, given_name=given, gender=gender
            ).compute_derived()
            cached = self._names[key] = (
                p.family_name,
                p.middle_name,
                p.given_name,
                p.full_name,
                p.search_text,
                p.sort_key,
            )
        return cached

    def chunk(self, first_pid: int, count: int) -> dict[str, list[tuple]]:  # noqa: C901, PLR0912, PLR0915
        from tdkt.org.models import Person

        rng = self.rng
        random_ = rng.random
        randint = rng.randint
        now = self.now
        years = self.years
        last_year = years[-1]
        kinds = self.kinds
        k_ldtt, k_cstdcs, k_cstd_bo, k_cstd_tq = (
            kinds["LDTT"],
            kinds["CSTDCS"],
            kinds["CSTD_BO"],
            kinds["CSTD_TQ"],
        )
        k_gk, k_bk_bo, k_bk_ttg = kinds["GK"], kinds["BK_BO"], kinds["BK_TTG"]
        pos = self.positions
        leaders = {
            "chi_cuc": (pos["chi_cuc_truong"], pos["pho_chi_cuc_truong"]),
            "doi": (pos["doi_truong"], pos["pho_doi_truong"]),
        }
        staff, clerk = pos["cong_chuc"], pos["nhan_vien"]
        leaves = self.leaves
        ids = self.next_id
        rows: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        people, members, ratings = rows["person"].append, rows["membership"].append, rows["rating"].append
        awards, disciplines = rows["award"].append, rows["discipline"].append
        recognitions, authors = rows["recognition"].append, rows["author"].append
        family_names, family_cum = self.family, self.family_cum
        topics = self.topics
        previous_recognition = None  # (id, pid) of the last single-author recognition, for co-authors

        for pid in range(first_pid, first_pid + count):
            gender = "nu" if random_() < 0.45 else "nam"
            family = family_names[bisect.bisect(family_cum, random_() * family_cum[-1])]
            middle = rng.choice(MIDDLE[gender])
            given = rng.choice(GIVEN[gender])
            staff_code = f"{STAFF_PREFIX}{pid:08d}"
            fam, mid, giv, full, search, sort_key = self._derived(family, middle, given, gender, staff_code)
            search_text = f"{search} {staff_code.lower()}"
            if pid == first_pid:
                check = Person(
                    family_name=family,
                    middle_name=middle,
                    given_name=given,
                    gender=gender,
                    staff_code=staff_code,
                ).compute_derived()
                assert (check.full_name, check.search_text, check.sort_key) == (full, search_text, sort_key)
            hire_year = 1993 + min(int(random_() ** 0.8 * 32), 31)  # 1993 … 2024, more early hires
            born = date(max(1966, hire_year - randint(22, 32)), randint(1, 12), randint(1, 28))
            people(
                (pid, now, now, 1, fam, mid, giv, full, gender, born, staff_code, None, search_text, sort_key)
            )

            # Memberships: [start, end) segments, the last one open.
            start = date(hire_year, randint(1, 12), 1)
            unit, unit_kind = leaves[int(random_() * len(leaves))]
            basic = staff if random_() < 0.9 else clerk
            segments = []
            if random_() < 0.15 and hire_year < 2023:
                moved = date(randint(hire_year + 1, 2024), randint(1, 12), 1)
                segments.append((unit, basic, start, moved))
                start = moved
                unit, unit_kind = leaves[int(random_() * len(leaves))]
            if random_() < 0.09 and start.year < 2024:
                promoted = date(randint(start.year + 1, 2025), randint(1, 12), 1)
                segments.append((unit, basic, start, promoted))
                segments.append((unit, leaders[unit_kind][random_() < 0.7], promoted, None))
            else:
                segments.append((unit, basic, start, None))
            for seg_unit, position, seg_from, seg_to in segments:
                members((ids["membership"], now, now, pid, seg_unit, position, seg_from, seg_to))
                ids["membership"] += 1

            # Ratings, discipline, initiatives and the titles and forms that follow from them.
            skill = random_()
            p_htxs = 0.05 + 0.25 * skill
            p_ht = p_htxs + 0.04 + 0.12 * (1 - skill)
            p_kht = p_ht + 0.015 * (1 - skill)
            ldtt_run = cstdcs_run = 0
            last_bk_bo = last_bk_ttg = last_cstd_bo = None
            cstd_bo_years = 0
            decision_unit = f"{unit}"
            for year in years:
                if year < hire_year:
                    continue
                level = None
                if random_() < 0.006:
                    level = DISCIPLINE_LEVELS[bisect.bisect(self.level_cum, random_() * self.level_cum[-1])]
                    rating = "HT" if level == "khien_trach" else "KHT"
                    disciplines(
                        (
                            ids["discipline"], now, now, pid, year, level, random_() < 0.8,
                            f"{pid}-{year}/QĐ-KL", date(year, randint(3, 11), 15), None,
                        )
                    )  # fmt: skip
                    ids["discipline"] += 1
                else:
                    u = random_()
                    rating = "HTXS" if u < p_htxs else "HT" if u < p_ht else "KHT" if u < p_kht else "HTT"
                ratings((ids["rating"], now, now, pid, year, rating, None))
                ids["rating"] += 1
                good = rating in ("HTXS", "HTT") and level is None
                # A recognised initiative or research this year.
                initiative_scope = None
                if good and random_() < (0.8 if rating == "HTXS" else 0.04):
                    u = random_()
                    initiative_scope = "co_so" if u < 0.88 else "bo" if u < 0.98 else "toan_quoc"
                is_title_year = year < last_year  # the last year is under review: no titles decided yet
                ldtt = good and random_() < 0.97
                ldtt_run = ldtt_run + 1 if ldtt else 0
                cstdcs = ldtt and rating == "HTXS" and (initiative_scope or year >= 2024) and random_() < 0.8
                cstdcs_run = cstdcs_run + 1 if cstdcs else 0
                cstd_bo = (
                    cstdcs_run >= 3 and (last_cstd_bo is None or year - last_cstd_bo >= 3) and random_() < 0.5
                )
                if cstd_bo and initiative_scope == "co_so":
                    initiative_scope = "bo"
                if initiative_scope:
                    rid = ids["recognition"]
                    ids["recognition"] += 1
                    title, folded = topics[rid % len(topics)]
                    research = random_() < 0.15
                    recognitions(
                        (
                            rid, now, now, "research" if research else "initiative", f"{title} ({rid})",
                            initiative_scope, year, f"{unit}-{year}/QĐ-SK", date(year, randint(6, 12), 1),
                            random_() < 0.95, unit, False, f"{folded} ({rid})",
                        )
                    )  # fmt: skip
                    if previous_recognition and random_() < 0.2 and previous_recognition[1] != pid:
                        authors((ids["author"], rid, pid, 60))
                        authors((ids["author"] + 1, rid, previous_recognition[1], 40))
                        ids["author"] += 2
                        previous_recognition = None
                    else:
                        authors((ids["author"], rid, pid, 100))
                        ids["author"] += 1
                        previous_recognition = (rid, pid)
                if not is_title_year:
                    continue
                revoked = random_() < 0.0005
                if ldtt:
                    self._award(awards, k_ldtt, pid, year, f"{decision_unit}-{year}/QĐ-TĐKT",
                                date(year + 1, 1, 10 + unit % 15), "Thủ trưởng cơ quan, đơn vị", revoked)  # fmt: skip
                if cstdcs:
                    self._award(awards, k_cstdcs, pid, year, f"{decision_unit}-{year}/QĐ-TĐKT",
                                date(year + 1, 1, 10 + unit % 15), "Thủ trưởng cơ quan, đơn vị", revoked)  # fmt: skip
                if cstd_bo:
                    last_cstd_bo = year
                    cstd_bo_years += 1
                    self._award(awards, k_cstd_bo, pid, year, f"{year}-CSTD/QĐ-BTC", date(year + 1, 3, 15),
                                "Bộ trưởng Bộ Tài chính")  # fmt: skip
                    if cstd_bo_years >= 2 and random_() < 0.3:
                        self._award(awards, k_cstd_tq, pid, year, f"{year}-CSTDTQ/QĐ-TTg", date(year + 1, 6, 1),
                                    "Thủ tướng Chính phủ")  # fmt: skip
                if ldtt_run >= 2 and random_() < 0.06:
                    self._award(awards, k_gk, pid, year, f"{decision_unit}-{year}/QĐ-GK", date(year + 1, 2, 1),
                                "Thủ trưởng cơ quan, đơn vị")  # fmt: skip
                elif random_() < 0.004:
                    self._award(awards, k_gk, pid, year, f"{decision_unit}-{year}/QĐ-GKĐX", date(year, 9, 2),
                                "Thủ trưởng cơ quan, đơn vị", award_type="dot_xuat")  # fmt: skip
                if (
                    (cstdcs_run >= 2 or ldtt_run >= 5)
                    and (last_bk_bo is None or year - last_bk_bo >= 5)
                    and random_() < 0.35
                ):
                    last_bk_bo = year
                    self._award(awards, k_bk_bo, pid, year, f"{pid // 2000}-{year}/QĐ-BTC",
                                date(year + 1, 4 + pid % 3, 10), "Bộ trưởng Bộ Tài chính")  # fmt: skip
                elif (
                    last_bk_bo is not None
                    and year - last_bk_bo >= 5
                    and cstdcs_run >= 2
                    and (last_bk_ttg is None or year - last_bk_ttg >= 5)
                    and random_() < 0.3
                ):
                    last_bk_ttg = year
                    self._award(awards, k_bk_ttg, pid, year, f"{pid // 5000}-{year}/QĐ-TTg",
                                date(year + 1, 7, 1), "Thủ tướng Chính phủ")  # fmt: skip
        return rows

    def _award(
        self, append, kind, pid, year, number, decided, issuer, revoked=False, award_type="cong_trang"
    ):
        now = self.now
        append(
            (
                self.next_id["award"], now, now, 1, kind, pid, None, year, award_type, number, decided, issuer,
                "", revoked, "Phát hiện khai man thành tích" if revoked else "", "", None, "demo", "",
                "truc_tiep", "bo_nganh" if kind in self.state_kinds else "", None, None,
            )
        )  # fmt: skip
        self.next_id["award"] += 1


def _cumulative(weights: Iterable[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


# --- writing --------------------------------------------------------------------------------------------------


class _Writer:
    """COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self, defer_indexes: bool = True) -> None:
        from django.db import connection

        self.defer_indexes = defer_indexes
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.models = _models()

    def _copy(self, sql: str, rows: list[tuple]) -> None:
        """In the writer thread, on its own connection: the server ingests one chunk while the main thread
        generates the next."""
        with self.copy_connection.cursor() as cursor, cursor.copy(sql) as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)

    def wait(self) -> None:
        """Until every submitted chunk is in the database (raises the writer's error, if any)."""
        pending, self.pending = self.pending, []
        for future in pending:
            future.result()

    def __enter__(self):
        self.replica = False
        self.deferred: list[str] = []
        self.pending = []
        if self.postgres:
            from concurrent.futures import ThreadPoolExecutor

            import psycopg

            self.connection.ensure_connection()
            params = self.connection.get_connection_params()
            params.pop("cursor_factory", None)
            params.pop("context", None)
            self.copy_connection = psycopg.connect(**params, autocommit=True)
            try:
                self.copy_connection.execute("SET session_replication_role = replica")
            except psycopg.Error:
                pass
            self.pool = ThreadPoolExecutor(max_workers=1)
            with self.connection.cursor() as cursor:
                try:  # skip the deferred foreign-key triggers during the load (needs a superuser)
                    cursor.execute("SET session_replication_role = replica")
                    self.replica = True
                except Exception:  # noqa: BLE001
                    pass
            if self.defer_indexes:
                self._drop_indexes()
        return self

    def __exit__(self, *exc) -> None:
        if self.postgres:
            self.pool.shutdown(wait=True)
            self.copy_connection.close()
        if self.postgres and self.replica:
            with self.connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")

    def _drop_indexes(self) -> None:
        """Drop the secondary indexes and unique constraints of the loaded tables (kept as statements to
        recreate them after the load: building an index once is much cheaper than maintaining it row by row)."""
        tables = [m._meta.db_table for m in self.models.values()]
        with self.connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c WHERE c.contype = 'u' AND c.conrelid::regclass::text = ANY(%s)
                """,
                [tables],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                """,
                [tables],
            )
            indexes = cursor.fetchall()
            for table, name, definition in constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                self.deferred.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for name, definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
                self.deferred.append(definition)

    def _recreate_indexes(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for statement in self.deferred:
                cursor.execute(statement)
        self.deferred = []

    def write(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        model = self.models[table]
        columns = COLUMNS[table]
        if self.postgres:
            names = ", ".join(
                self.connection.ops.quote_name(model._meta.get_field(c).column) for c in columns
            )
            sql = f"COPY {self.connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
            self.pending.append(self.pool.submit(self._copy, sql, rows))
        else:
            from django.db import transaction

            with transaction.atomic():
                model.objects.bulk_create(
                    [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000
                )

    def finish(self) -> None:
        """Identity sequences past the explicit ids; planner statistics and visibility map."""
        from django.core.management.color import no_style

        models = list(self.models.values())
        if self.deferred:
            self._recreate_indexes()
        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
            if self.postgres:
                for model in models:
                    cursor.execute(f"VACUUM (ANALYZE) {self.connection.ops.quote_name(model._meta.db_table)}")
            else:
                cursor.execute("ANALYZE")


def _first_ids() -> dict[str, int]:
    from django.db.models import Max

    return {table: (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1 for table, model in _models().items()}


def generate(
    n_people: int,
    years: Iterable[int] = YEARS,
    seed: int = DEFAULT_SEED,
    chunk: int = CHUNK,
    log: Callable[[str], None] = print,
    defer_indexes: bool = True,
) -> GenerateStats:
    """Add `n_people` synthetic people with their history over `years` (the last one being under review)."""
    from auditlog.context import disable_auditlog
    from django.db import connection
    from django.utils import timezone

    years = tuple(sorted(years))
    stats = GenerateStats(n_people, years, seed, {t: 0 for t in TABLE_ORDER}, backend=connection.vendor)
    _check_columns()
    with disable_auditlog():
        t0 = time.perf_counter()
        positions = _ensure_positions()
        leaves = _ensure_units()
        kinds = _award_kinds()
        first = _first_ids()
        gen = _Generator(seed, years, leaves, positions, kinds, first, timezone.now())
        stats.seconds["reference"] = time.perf_counter() - t0
        stats.seconds["generate"] = stats.seconds["write"] = 0.0
        done = 0
        with _Writer(defer_indexes) as writer:
            while done < n_people:
                size = min(chunk, n_people - done)
                t0 = time.perf_counter()
                rows = gen.chunk(first["person"] + done, size)
                t1 = time.perf_counter()
                writer.wait()  # the previous chunk (the writer holds at most one chunk besides this one)
                for table in TABLE_ORDER:
                    writer.write(table, rows[table])
                    stats.rows[table] += len(rows[table])
                t2 = time.perf_counter()
                stats.seconds["generate"] += t1 - t0
                stats.seconds["write"] += t2 - t1
                done += size
                if done == n_people or done % (chunk * 10) == 0:
                    log(
                        f"  {done:>9,} người, {sum(stats.rows.values()):>11,} dòng"
                        f" (sinh {stats.seconds['generate']:.0f} s, ghi {stats.seconds['write']:.0f} s)"
                    )
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
