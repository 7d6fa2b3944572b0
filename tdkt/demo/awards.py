"""Demo award history of Vietnam Customs, on top of the demo organisation (`tdkt.demo.org`).

Two parts:

- the sector's state awards of 2016–2020 as the seed article (Hội nghị điển hình tiên tiến lần thứ VI,
  20/8/2020) tallies them: 28 collectives with Cờ thi đua của Chính phủ; 7 collectives with Huân chương
  Lao động hạng Nhất (the seven it names); 29 collectives and 44 individuals with hạng Nhì; 16 collectives
  and 70 individuals with hạng Ba; and, in 2015, Huân chương Độc lập hạng Nhất for the General Department
  and hạng Ba for Cục Hải quan TP. Hồ Chí Minh. Statistics filtered to 2016–2020 give exactly these
  figures whatever the size of the demo staff (individuals are drawn from whoever was a member then);
- the everyday history of every demo person and unit, 2016–2025 (plus the ratings and task results of 2026,
  the review in progress, whose titles are still to be decided): annual ratings, Lao động tiên tiến and
  Chiến sĩ thi đua cơ sở consistent with them (each CSTĐCS backed by a recognised initiative), Bằng khen
  of the Minister and a few of the Prime Minister, disciplines, task results of the collectives with
  their titles, the initiatives of Cục Hải quan Bình Dương in 2021 (04 đề tài and 41 sáng kiến of 80
  people), one revoked award, and Nguyễn Văn An (HQ000001), whose HT year 2022 breaks his run toward the
  Bằng khen của Thủ tướng Chính phủ.

The General Department's own Huân chương Lao động hạng Nhất, handed over at the conference of
20/8/2020 (seed 004, photo caption), is deliberately NOT recorded: the article's tally for 2016–2020 is
"7 tập thể … (trong đó có …)" and names seven other units, so recording it in 2016–2020 would make the
statistics say 8, and dating it elsewhere would invent a date the seed contradicts.

Deterministic (every choice comes from `random.Random` seeded by a constant and a stable key), fast (the
whole history is computed in memory from three queries and written with bulk_create; no audit of
generated rows is wanted) and idempotent: if any award with source "demo" exists, nothing is loaded.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.db import connection, models
from django.utils import timezone

from tdkt.awards import services
from tdkt.awards.models import (
    Award,
    AwardKind,
    ClusterResult,
    Discipline,
    Leave,
    Rating,
    Recognition,
    RecognitionAuthor,
    ReviewPeriod,
    UnitResult,
)
from tdkt.awards.services import fill_report_dimensions
from tdkt.core.text import fold, nfc
from tdkt.org.models import Membership, Person, Unit, UnitVersion

DATA_VERSION = 1
SEED = 2026
FIRST_YEAR, LAST_YEAR = 2016, 2025
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)  # years with titles and awards decided
# The review in progress (from October 2026): its ratings and task results are in, its titles are what the
# review decides, so the eligibility pages have something to judge.
REVIEW_YEAR = 2026
RATED_YEARS = range(FIRST_YEAR, REVIEW_YEAR + 1)
RESTRUCTURE_DAY = date(2025, 3, 1)
NOTE = f"Dữ liệu minh họa, phiên bản {DATA_VERSION}"
GOOD = ("HTXS", "HTT")

PRESIDENT = ("Chủ tịch nước", "QĐ-CTN")
PRIME_MINISTER = ("Thủ tướng Chính phủ", "QĐ-TTg")
MINISTER = ("Bộ trưởng Bộ Tài chính", "QĐ-BTC")

# Abbreviations of the provincial departments in their decision numbers (e.g. "45/QĐ-HQLS").
PROVINCE_SIGNS = {
    "HQ15": "HQLS",
    "HQ01": "HQHN",
    "HQ02": "HQHCM",
    "HQ03": "HQHP",
    "HQ20": "HQQN",
    "HQ31": "HQQB",
    "HQ32": "HQQT",
    "HQ34": "HQĐNg",
    "HQ13": "HQLC",
    "HQ51": "HQVT",
    "HQ43": "HQBD",
}

# --- seed 004: the sector's state awards ----------------------------------------------------------------

# The seven collectives the article names for Huân chương Lao động hạng Nhất, with the year of each.
HCLD1_UNITS = [
    ("HQ51", 2016),  # Cục Hải quan Bà Rịa – Vũng Tàu
    ("HQ-DTCBL", 2017),  # Cục Điều tra chống buôn lậu
    ("HQ-TXNK", 2018),  # Cục Thuế xuất nhập khẩu
    ("HQ-BAO", 2019),  # Báo Hải quan
    ("HQ31", 2019),  # Cục Hải quan Quảng Bình
    ("HQ-KDHQ", 2020),  # Cục Kiểm định Hải quan
    ("HQ02B1", 2020),  # Chi cục Hải quan cửa khẩu sân bay Tân Sơn Nhất (Cục Hải quan TP. Hồ Chí Minh)
]
# Collectives per year 2016 … 2020 (the totals are the article's).
CO_CP_PER_YEAR = (5, 6, 5, 6, 6)  # 28
HCLD2_COLLECTIVES_PER_YEAR = (6, 6, 5, 6, 6)  # 29
HCLD3_COLLECTIVES_PER_YEAR = (3, 3, 3, 3, 4)  # 16
HCLD2_PEOPLE_PER_YEAR = (9, 9, 8, 9, 9)  # 44
HCLD3_PEOPLE_PER_YEAR = (14, 14, 14, 14, 14)  # 70
SEED_004 = {
    "CO_CP": (sum(CO_CP_PER_YEAR), 0),
    "HCLD1": (len(HCLD1_UNITS), 0),
    "HCLD2": (sum(HCLD2_COLLECTIVES_PER_YEAR), sum(HCLD2_PEOPLE_PER_YEAR)),
    "HCLD3": (sum(HCLD3_COLLECTIVES_PER_YEAR), sum(HCLD3_PEOPLE_PER_YEAR)),
}

# Seed 000: Cục Hải quan Bình Dương recognised 04 đề tài and 41 sáng kiến of 80 people in 2021.
BINH_DUONG = ("HQ43", 2021, 4, 41, 80)

NAMED_AN = "HQ000001"

INITIATIVE_ACTIONS = [
    "Giải pháp nâng cao hiệu quả",
    "Cải tiến quy trình",
    "Ứng dụng công nghệ thông tin trong",
    "Xây dựng bộ công cụ hỗ trợ",
    "Chuẩn hóa hồ sơ, biểu mẫu",
    "Tự động hóa khâu tổng hợp số liệu",
    "Đổi mới phương pháp",
    "Số hóa dữ liệu phục vụ",
]
INITIATIVE_OBJECTS = [
    "kiểm tra hồ sơ hải quan",
    "giám sát hàng hóa tại cửa khẩu",
    "phân loại hàng hóa và áp mã HS",
    "kiểm tra sau thông quan",
    "quản lý rủi ro",
    "thu ngân sách nhà nước",
    "phòng, chống buôn lậu và gian lận thương mại",
    "xử lý vi phạm hành chính",
    "lưu trữ hồ sơ điện tử",
    "quản lý doanh nghiệp ưu tiên",
    "giải đáp vướng mắc của doanh nghiệp",
    "kiểm tra trị giá hải quan",
    "quản lý hàng gia công, sản xuất xuất khẩu",
    "công tác thi đua, khen thưởng",
    "quản lý tài sản công",
    "công tác tổ chức cán bộ",
]
BINH_DUONG_RESEARCH = [
    "Nghiên cứu giải pháp kiểm tra, giám sát hàng hóa xuất nhập khẩu tại các cảng cạn (ICD) trên địa bàn tỉnh Bình Dương",
    "Nghiên cứu xây dựng bộ tiêu chí đánh giá mức độ tuân thủ của doanh nghiệp chế xuất",
    "Nghiên cứu mô hình “Nụ cười công sở” gắn với văn hóa công sở tại các Chi cục trực thuộc",
    "Nghiên cứu giải pháp quản lý hàng gia công, sản xuất xuất khẩu dựa trên dữ liệu điện tử",
]
DISCIPLINE_LEVELS = ["khien_trach", "khien_trach", "khien_trach", "canh_cao"]
REVOKE_REASON = (
    "Phát hiện cá nhân kê khai không trung thực thành tích: sáng kiến làm căn cứ đề nghị khen thưởng "
    "không phải của cá nhân (Điều 93 Luật Thi đua, khen thưởng)."
)


# --- what exists already (three queries) -----------------------------------------------------------------


@dataclass
class Stint:
    unit_id: int
    grade: int
    start: date
    end: date | None

    def on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class Org:
    """The demo tree and people, in memory, with dated look-ups."""

    def __init__(self) -> None:
        self.units = {u.code: u for u in Unit.objects.all()}
        self.by_id = {u.pk: u for u in self.units.values()}
        self.versions: dict[int, list[tuple]] = defaultdict(list)
        for unit_id, name, parent_id, start, end in UnitVersion.objects.order_by("valid_from").values_list(
            "unit_id", "name", "parent_id", "valid_from", "valid_to"
        ):
            self.versions[unit_id].append((name, parent_id, start, end))
        self.roots = {self.units[c].pk for c in ("BTC", "HQ") if c in self.units}
        self.hq = self.units["HQ"]
        self.stints: dict[int, list[Stint]] = defaultdict(list)
        for person_id, unit_id, grade, start, end in Membership.objects.order_by(
            "person_id", "valid_from"
        ).values_list("person_id", "unit_id", "position__grade", "valid_from", "valid_to"):
            self.stints[person_id].append(Stint(unit_id, grade or 0, start, end))
        self.people = [
            (pk, code or f"#{pk}")
            for pk, code in Person.objects.order_by("staff_code", "id").values_list("id", "staff_code")
            if pk in self.stints
        ]
        self.code_of = dict(self.people)
        self._top = lru_cache(maxsize=None)(self._top_on)

    def version(self, unit_id: int, day: date):
        for name, parent, start, end in self.versions[unit_id]:
            if start <= day and (end is None or day < end):
                return name, parent
        return None

    def active(self, unit_id: int, day: date) -> bool:
        return self.version(unit_id, day) is not None

    def name_on(self, unit_id: int, day: date) -> str:
        version = self.version(unit_id, day)
        return version[0] if version else self.by_id[unit_id].name

    def top(self, unit_id: int, day: date) -> int:
        return self._top(unit_id, day)

    def _top_on(self, unit_id: int, day: date) -> int:
        """The unit right under the General Department (or the General Department itself) on `day`."""
        current = unit_id
        for _ in range(20):
            if current in self.roots:
                return current
            version = self.version(current, day)
            if version is None or version[1] is None or version[1] in self.roots:
                return current
            current = version[1]
        return current

    def stint_on(self, person_id: int, day: date) -> Stint | None:
        for stint in self.stints[person_id]:
            if stint.on(day):
                return stint
        return None

    def hired(self, person_id: int) -> date:
        return self.stints[person_id][0].start

    def units_on(self, day: date, kinds: set[str]) -> list[int]:
        return sorted(
            (
                u.pk
                for u in self.units.values()
                if u.kind in kinds and u.pk not in self.roots and self.active(u.pk, day)
            ),
            key=lambda pk: self.by_id[pk].code,
        )


class Decisions:
    """Decision numbers and dates, one per (sign, year, purpose), stable whatever else is generated."""

    def __init__(self) -> None:
        self.cache: dict[tuple, tuple[str, date]] = {}

    def get(self, sign: str, year: int, purpose: str, months: tuple[int, int] = (1, 12)) -> tuple[str, date]:
        key = (sign, year, purpose)
        if key not in self.cache:
            rng = random.Random(f"{SEED}:decision:{sign}:{year}:{purpose}")
            high = 3000 if sign in ("QĐ-CTN", "QĐ-TTg", "QĐ-BTC", "QĐ-TCHQ", "QĐ-CHQ") else 900
            month = rng.randint(*months)
            day = date(year, month, rng.randint(1, 28))
            self.cache[key] = (f"{rng.randint(12, high)}/{sign}", day)
        return self.cache[key]


def issuer_for(org: Org, top_id: int, day: date) -> tuple[str, str]:
    """(issuer, sign) of the head who decides titles for people and teams under `top_id` on `day`."""
    code = org.by_id[top_id].code
    if code in PROVINCE_SIGNS:
        return f"Cục trưởng {org.name_on(top_id, day)}", f"QĐ-{PROVINCE_SIGNS[code]}"
    if code.startswith("HQKV"):
        name = org.name_on(top_id, day)  # "Chi cục Hải quan khu vực VI" → "QĐ-CCHQKVVI"
        return f"Chi cục trưởng {name}", f"QĐ-CCHQKV{name.rsplit(' ', 1)[-1]}"
    if day < RESTRUCTURE_DAY:
        return "Tổng cục trưởng Tổng cục Hải quan", "QĐ-TCHQ"
    return "Cục trưởng Cục Hải quan", "QĐ-CHQ"


def _day_in(rng: random.Random, year: int, months: tuple[int, int]) -> date:
    return date(year, rng.randint(*months), rng.randint(1, 28))


def _pick(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, weighted, deterministic (Efraimidis–Spirakis keys)."""
    keyed = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0), reverse=True)
    return [items[i] for _key, i in keyed[:k]]


# --- the rows to write -----------------------------------------------------------------------------------


@dataclass
class Batch:
    kinds: dict[str, AwardKind]
    awards: list[Award] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    results: dict[tuple[int, int], str] = field(default_factory=dict)
    disciplines: list[Discipline] = field(default_factory=list)
    # (Recognition, [(person_id, share)])
    recognitions: list[tuple[Recognition, list[tuple[int, Decimal]]]] = field(default_factory=list)

    def award(
        self,
        code: str,
        year: int,
        number: str,
        day: date,
        issuer: str,
        *,
        person: int | None = None,
        unit: int | None = None,
        subject_name: str = "",
    ) -> Award:
        kind = self.kinds[code]
        row = Award(
            kind=kind,
            person_id=person,
            unit_id=unit,
            year=year,
            award_type=kind.default_type,
            decision_number=nfc(number),
            decision_date=day,
            issuer=nfc(issuer),
            subject_name=nfc(subject_name),
            source=Award.Source.DEMO,
            note=NOTE,
        )
        self.awards.append(row)
        return row

    def unit_award(
        self, org: Org, code: str, year: int, unit_id: int, decision: tuple[str, date], issuer: str
    ) -> Award:
        number, day = decision
        return self.award(
            code, year, number, day, issuer, unit=unit_id, subject_name=org.name_on(unit_id, day)
        )

    def recognition(
        self,
        title: str,
        year: int,
        decision: tuple[str, date],
        unit_id: int,
        authors: list[int],
        *,
        kind: str = "initiative",
        scope: str = "co_so",
    ) -> None:
        title = nfc(title)
        number, day = decision
        row = Recognition(
            kind=kind,
            title=title,
            scope=scope,
            year=year,
            decision_number=nfc(number),
            decision_date=day,
            applied=True,
            unit_id=unit_id,
            search_text=fold(title)[:600],
        )
        share = (Decimal(100) / len(authors)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
        self.recognitions.append((row, [(pk, share) for pk in authors]))

    def save(self) -> None:
        _insert(Award, self.awards)
        _insert(Rating, self.ratings)
        _insert(
            UnitResult, [UnitResult(unit_id=u, year=y, value=v) for (u, y), v in sorted(self.results.items())]
        )
        _insert(Discipline, self.disciplines)
        created = Recognition.objects.bulk_create([r for r, _a in self.recognitions], batch_size=1000)
        _insert(
            RecognitionAuthor,
            [
                RecognitionAuthor(recognition_id=row.pk, person_id=pk, share=share)
                for row, (_r, authors) in zip(created, self.recognitions, strict=True)
                for pk, share in authors
            ],
        )


def _insert(model, rows: list, chunk: int = 5000) -> None:
    """INSERT the rows with executemany: bulk_create's per-value preparation is most of the load time on
    tens of thousands of rows. The values are already clean (NFC text, valid choices); timestamps are now."""
    if not rows:
        return
    ops, now = connection.ops, timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    converters = []
    for f in fields:
        if isinstance(f, models.DateTimeField):  # created_at, updated_at
            converters.append(lambda value: ops.adapt_datetimefield_value(value or now))
        elif isinstance(f, models.DateField):
            converters.append(ops.adapt_datefield_value)
        else:
            converters.append(None)
    names = [f.attname for f in fields]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(model._meta.db_table),
        ", ".join(ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    values = [
        tuple(c(getattr(row, n)) if c else getattr(row, n) for n, c in zip(names, converters, strict=True))
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), chunk):
            cursor.executemany(sql, values[start : start + chunk])


# --- people: ratings, titles, initiatives, disciplines -------------------------------------------------


@dataclass
class Record:
    """One person's generated years (kept in memory so later steps can check consistency)."""

    ratings: dict[int, str] = field(default_factory=dict)
    disciplined: set[int] = field(default_factory=set)
    cstdcs: set[int] = field(default_factory=set)


def _initiative_title(rng: random.Random, place: str) -> str:
    return f"{rng.choice(INITIATIVE_ACTIONS)} {rng.choice(INITIATIVE_OBJECTS)} tại {place}"


def _plan_ratings(org: Org, person_id: int, code: str) -> Record:
    rng = random.Random(f"{SEED}:ratings:{code}")
    record = Record()
    quality = rng.random()
    for year in RATED_YEARS:
        stint = org.stint_on(person_id, date(year, 12, 31))
        if stint is None or org.hired(person_id) > date(year, 6, 30):
            continue
        excellent = 0.05 + 0.22 * quality + (0.06 if stint.grade >= 40 else 0.0)
        draw = rng.random()
        value = "HTXS" if draw < excellent else "KHT" if draw > 0.994 else "HT" if draw > 0.962 else "HTT"
        if value == "KHT" and rng.random() < 0.5 or rng.random() < 0.004:
            record.disciplined.add(year)
            value = value if value == "KHT" else "HT"
        record.ratings[year] = value
    return record


def _people(
    org: Org, batch: Batch, decisions: Decisions, records: dict[int, Record], bd_authors: set[int]
) -> None:
    bd_code, bd_year = BINH_DUONG[0], BINH_DUONG[1]
    bd_unit = org.units.get(bd_code)
    for person_id, code in org.people:
        if code == NAMED_AN:
            continue
        record = records[person_id]
        rng = random.Random(f"{SEED}:titles:{code}")
        last_bk_bo = None
        for year, value in sorted(record.ratings.items()):
            year_end = date(year, 12, 31)
            stint = org.stint_on(person_id, year_end)
            top = org.top(stint.unit_id, year_end)
            issuer, sign = issuer_for(org, top, date(year + 1, 1, 10))
            batch.ratings.append(
                Rating(
                    person_id=person_id,
                    year=year,
                    value=value,
                    points=_points(rng, value) if year >= 2025 else None,
                )
            )
            if year in record.disciplined:
                number, day = decisions.get(sign, year, f"kyluat-{code}", (3, 11))
                batch.disciplines.append(
                    Discipline(
                        person_id=person_id,
                        year=year,
                        level=rng.choice(DISCIPLINE_LEVELS),
                        decision_number=number,
                        decision_date=day,
                    )
                )
                continue
            if year > LAST_YEAR or value not in GOOD or rng.random() > 0.97:
                continue
            batch.award(
                "LDTT", year, *decisions.get(sign, year + 1, "ldtt", (1, 1)), issuer, person=person_id
            )
            in_binh_duong = bd_unit is not None and year == bd_year and top == bd_unit.pk
            if value == "HTXS" and rng.random() < 0.6 and (not in_binh_duong or person_id in bd_authors):
                record.cstdcs.add(year)
                batch.award(
                    "CSTDCS", year, *decisions.get(sign, year + 1, "cstdcs", (1, 2)), issuer, person=person_id
                )
                if not in_binh_duong:  # Bình Dương's 2021 initiatives are the seed's, below
                    place = org.name_on(stint.unit_id, year_end)
                    batch.recognition(
                        _initiative_title(rng, place),
                        year,
                        decisions.get(sign, year, "sangkien", (11, 12)),
                        top,
                        [person_id],
                    )
            if {year - 1, year} <= record.cstdcs and (last_bk_bo is None or year - last_bk_bo >= 5):
                if rng.random() < 0.5:
                    last_bk_bo = year
                    batch.award(
                        "BK_BO",
                        year,
                        *decisions.get(MINISTER[1], year + 1, "bkbo", (3, 6)),
                        MINISTER[0],
                        person=person_id,
                    )
            if {year - 2, year - 1, year} <= record.cstdcs and rng.random() < 0.35:
                batch.award(
                    "CSTD_BO",
                    year,
                    *decisions.get(MINISTER[1], year + 1, "cstdbo", (3, 6)),
                    MINISTER[0],
                    person=person_id,
                )
        if last_bk_bo is not None:
            _maybe_bk_ttg(batch, decisions, record, person_id, last_bk_bo, rng)


def _maybe_bk_ttg(
    batch: Batch, decisions: Decisions, record: Record, person_id: int, since: int, rng: random.Random
) -> None:
    """Bằng khen của Thủ tướng: 05 years of HTT or better after the Bằng khen cấp bộ, 03 CSTĐCS in them."""
    run = range(since + 1, since + 6)
    if run[-1] > LAST_YEAR or any(record.ratings.get(y) not in GOOD or y in record.disciplined for y in run):
        return
    if len(record.cstdcs & set(run)) >= 3 and rng.random() < 0.7:
        year = run[-1]
        batch.award(
            "BK_TTG",
            year,
            *decisions.get(PRIME_MINISTER[1], year + 1, "bkttg", (4, 9)),
            PRIME_MINISTER[0],
            person=person_id,
        )


def _points(rng: random.Random, value: str) -> Decimal:
    low, high = {"HTXS": (90, 100), "HTT": (70, 89), "HT": (50, 69), "KHT": (20, 49)}[value]
    return Decimal(rng.randint(low * 10, high * 10)) / 10


def _nguyen_van_an(org: Org, batch: Batch, decisions: Decisions, person_id: int) -> None:
    """HTT/HTXS from 2016, Bằng khen of the Minister for 2019, CSTĐCS 2021, 2023, 2024 — but HT in 2022.

    In the review of 2026, for the Bằng khen của Thủ tướng Chính phủ (05 years of HTT or better after the
    Bằng khen cấp bộ, 03 CSTĐCS in them), his run restarts in 2023 after the HT year: 2023–2026 is four
    years with two CSTĐCS, so he is not yet eligible; with one more good year and one more CSTĐCS (2026 or
    2027) the run 2023–2027 qualifies him in the review of 2027."""
    ratings = {
        2016: "HTT",
        2017: "HTT",
        2018: "HTXS",
        2019: "HTXS",
        2020: "HTT",
        2021: "HTXS",
        2022: "HT",
        2023: "HTXS",
        2024: "HTXS",
        2025: "HTT",
        2026: "HTXS",
    }
    initiatives = {
        2018: "Quy trình phối hợp kiểm tra, giám sát phương tiện chở hàng qua lối mở Cốc Nam bằng camera giám sát",
        2019: "Bảng tra cứu nhanh mã HS cho nhóm hàng nông sản xuất khẩu qua cửa khẩu Tân Thanh",
        2021: "Giải pháp rút ngắn thời gian thông quan xe chở hàng nông sản trong thời gian dịch COVID-19",
        2023: "Ứng dụng phân tích dữ liệu tờ khai để cảnh báo sớm rủi ro về trị giá tại Cục Hải quan Lạng Sơn",
        2024: "Xây dựng sổ tay điện tử hướng dẫn thủ tục hải quan cho doanh nghiệp tại cửa khẩu Lạng Sơn",
    }
    for year, value in ratings.items():
        year_end = date(year, 12, 31)
        stint = org.stint_on(person_id, year_end)
        if stint is None:
            continue
        top = org.top(stint.unit_id, year_end)
        issuer, sign = issuer_for(org, top, date(year + 1, 1, 10))
        batch.ratings.append(
            Rating(
                person_id=person_id,
                year=year,
                value=value,
                points={2025: Decimal("88.5"), 2026: Decimal("93")}.get(year),
            )
        )
        if year > LAST_YEAR:
            continue
        if value in GOOD:
            batch.award(
                "LDTT", year, *decisions.get(sign, year + 1, "ldtt", (1, 1)), issuer, person=person_id
            )
        if year in (2021, 2023, 2024):
            batch.award(
                "CSTDCS", year, *decisions.get(sign, year + 1, "cstdcs", (1, 2)), issuer, person=person_id
            )
        if year in initiatives:
            batch.recognition(
                initiatives[year], year, decisions.get(sign, year, "sangkien", (11, 12)), top, [person_id]
            )
    batch.award(
        "BK_BO", 2019, *decisions.get(MINISTER[1], 2020, "bkbo", (3, 6)), MINISTER[0], person=person_id
    )


def _binh_duong(org: Org, batch: Batch, decisions: Decisions, records: dict[int, Record]) -> set[int]:
    """Seed 000: 04 đề tài and 41 sáng kiến of 80 people, recognised by Cục Hải quan Bình Dương in 2021.
    With a small demo staff, every member of the department then takes part (fewer than 80 authors)."""
    code, year, research, initiatives, wanted = BINH_DUONG
    unit = org.units.get(code)
    if unit is None:
        return set()
    year_end = date(year, 12, 31)
    members = [
        pk
        for pk, _code in org.people
        if (s := org.stint_on(pk, year_end)) is not None and org.top(s.unit_id, year_end) == unit.pk
    ]
    rng = random.Random(f"{SEED}:binh-duong")
    good = [pk for pk in members if records.get(pk, Record()).ratings.get(year) in GOOD]
    rng.shuffle(good)
    chosen = set(good)
    rest = [pk for pk in members if pk not in chosen]
    authors = (good + rest)[:wanted]
    if not authors:
        return set()
    items = research + initiatives
    teams: list[list[int]] = [[] for _ in range(items)]
    for i, pk in enumerate(authors):  # everyone authors something; items get 1–3 authors
        teams[i % items if i < items else rng.choice([t for t in range(items) if len(teams[t]) < 3])].append(
            pk
        )
    for i in range(items):
        if not teams[i]:
            teams[i].append(authors[i % len(authors)])
    issuer, sign = issuer_for(org, unit.pk, date(year, 12, 1))
    decision = decisions.get(sign, year, "sangkien", (12, 12))
    titles_rng = random.Random(f"{SEED}:binh-duong:titles")
    for i, team in enumerate(teams):
        if i < research:
            batch.recognition(
                BINH_DUONG_RESEARCH[i % len(BINH_DUONG_RESEARCH)],
                year,
                decision,
                unit.pk,
                team,
                kind="research",
            )
        else:
            place = org.name_on(org.stint_on(team[0], year_end).unit_id, year_end)
            batch.recognition(_initiative_title(titles_rng, place), year, decision, unit.pk, team)
    return set(authors)


# --- collectives: task results, TTLĐTT, TTLĐXS, Cờ and Bằng khen of the Minister -------------------------

SMALL = {"doi", "phong", "to", "hai_quan", "chi_cuc"}
LARGE = {"cuc", "vu_ban", "khac"}
COLLECTIVE = SMALL | LARGE


def _unit_results(org: Org, batch: Batch) -> None:
    for year in RATED_YEARS:
        for unit_id in org.units_on(date(year, 12, 31), COLLECTIVE):
            rng = random.Random(f"{SEED}:result:{org.by_id[unit_id].code}:{year}")
            draw = rng.random()
            batch.results[(unit_id, year)] = "HTXS" if draw < 0.3 else "HT" if draw > 0.96 else "HTT"


def _collective_titles(org: Org, batch: Batch, decisions: Decisions) -> None:
    for year in YEARS:
        year_end = date(year, 12, 31)
        excellent: list[int] = []
        for unit_id in org.units_on(year_end, COLLECTIVE):
            value = batch.results.get((unit_id, year))
            unit = org.by_id[unit_id]
            rng = random.Random(f"{SEED}:unit-titles:{unit.code}:{year}")
            if value not in GOOD or rng.random() > 0.95:
                continue
            top = org.top(unit_id, year_end)
            if unit.kind in SMALL and top != unit_id:
                issuer, sign = issuer_for(org, top, date(year + 1, 1, 10))
                batch.unit_award(
                    org, "TTLDTT", year, unit_id, decisions.get(sign, year + 1, "ldtt", (1, 1)), issuer
                )
            if value == "HTXS" and rng.random() < 0.7:
                batch.unit_award(
                    org,
                    "TTLDXS",
                    year,
                    unit_id,
                    decisions.get(MINISTER[1], year + 1, "ttldxs", (2, 4)),
                    MINISTER[0],
                )
                excellent.append(unit_id)
        rng = random.Random(f"{SEED}:co-bo:{year}")
        big = [u for u in excellent if org.by_id[u].kind in LARGE | {"chi_cuc"}]
        for unit_id in _pick(rng, big, [3 if org.by_id[u].kind in LARGE else 1 for u in big], 8):
            batch.unit_award(
                org, "CO_BO", year, unit_id, decisions.get(MINISTER[1], year + 1, "cobo", (2, 4)), MINISTER[0]
            )
        small = [u for u in excellent if org.by_id[u].kind in SMALL]
        for unit_id in _pick(rng, small, [1] * len(small), 10):
            batch.unit_award(
                org, "BK_BO", year, unit_id, decisions.get(MINISTER[1], year + 1, "bkbo", (3, 6)), MINISTER[0]
            )


# --- seed 004: the sector's state awards -----------------------------------------------------------------


def _weight(org: Org, unit_id: int) -> float:
    kind = org.by_id[unit_id].kind
    return {"cuc": 5, "vu_ban": 4, "khac": 4, "chi_cuc": 3, "hai_quan": 3, "phong": 1, "doi": 1}.get(kind, 0)


def _clean(record: Record | None, years: range) -> bool:
    if record is None:
        return True
    return all(record.ratings.get(y, "HTT") in GOOD and y not in record.disciplined for y in years)


def _people_on(
    org: Org,
    records: dict[int, Record],
    day: date,
    taken: set[int],
    k: int,
    rng: random.Random,
    exclude: set[int],
) -> list[int]:
    """k members on `day`, with clean records over the 5 years before, the senior ones more likely."""
    candidates, weights = [], []
    for pk, _code in org.people:
        if pk in taken or pk in exclude:
            continue
        stint = org.stint_on(pk, day)
        if stint is None or not _clean(records.get(pk), range(day.year - 4, day.year)):
            continue
        seniority = max(0, (day - org.hired(pk)).days // 365)
        candidates.append(pk)
        weights.append(1 + stint.grade / 5 + seniority / 3)
    chosen = _pick(rng, candidates, weights, k)
    taken.update(chosen)
    return chosen


def _sector(
    org: Org, batch: Batch, decisions: Decisions, records: dict[int, Record], named: set[int]
) -> list[str]:
    """The state awards of the sector (seed 004), plus a few after 2020. Returns warnings."""
    warnings: list[str] = []
    hq, units = org.hq, org.units
    # 2015: Huân chương Độc lập hạng Nhất (Tổng cục Hải quan), hạng Ba (Cục Hải quan TP. Hồ Chí Minh).
    for code, kind in (("HQ", "HCDL1"), ("HQ02", "HCDL3")):
        if code in units:
            batch.unit_award(
                org,
                kind,
                2015,
                units[code].pk,
                decisions.get(PRESIDENT[1], 2015, "hcdl", (8, 8)),
                PRESIDENT[0],
            )
    # Huân chương Lao động hạng Nhất: the seven named units.
    for code, year in HCLD1_UNITS:
        if code in units:
            batch.unit_award(
                org,
                "HCLD1",
                year,
                units[code].pk,
                decisions.get(PRESIDENT[1], year, f"hcld1-{code}", (4, 11)),
                PRESIDENT[0],
            )
            _excellent(batch, units[code].pk, year)
    used = {units[c].pk for c, _y in HCLD1_UNITS if c in units} | {hq.pk}
    rng = random.Random(f"{SEED}:seed004")
    medal_kinds = LARGE | {"chi_cuc", "phong", "doi"}
    for code, per_year in (("HCLD2", HCLD2_COLLECTIVES_PER_YEAR), ("HCLD3", HCLD3_COLLECTIVES_PER_YEAR)):
        for year, count in zip(range(2016, 2021), per_year, strict=True):
            decision = decisions.get(PRESIDENT[1], year, f"hcld-tapthe-{code}", (3, 11))
            pool = [u for u in org.units_on(decision[1], medal_kinds) if u not in used]
            chosen = _pick(rng, pool, [_weight(org, u) for u in pool], count)
            if len(chosen) < count:
                warnings.append(f"{code} {year}: chỉ có {len(chosen)}/{count} tập thể.")
            for unit_id in chosen:
                batch.unit_award(org, code, year, unit_id, decision, PRESIDENT[0])
                _excellent(batch, unit_id, year)
            used.update(chosen)
    flag_used: set[int] = set()
    for year, count in zip(range(2016, 2021), CO_CP_PER_YEAR, strict=True):
        decision = decisions.get(PRIME_MINISTER[1], year + 1, "cocp", (3, 6))
        pool = [u for u in org.units_on(date(year, 12, 31), LARGE | {"chi_cuc"}) if u not in flag_used]
        chosen = _pick(rng, pool, [_weight(org, u) for u in pool], count)
        if len(chosen) < count:
            warnings.append(f"CO_CP {year}: chỉ có {len(chosen)}/{count} tập thể.")
        for unit_id in chosen:
            batch.unit_award(org, "CO_CP", year, unit_id, decision, PRIME_MINISTER[0])
            _excellent(batch, unit_id, year)
        flag_used.update(chosen)
    # Individuals: HCLĐ hạng Nhì and hạng Ba, each person once.
    taken: set[int] = set()
    for code, per_year in (("HCLD2", HCLD2_PEOPLE_PER_YEAR), ("HCLD3", HCLD3_PEOPLE_PER_YEAR)):
        for year, count in zip(range(2016, 2021), per_year, strict=True):
            number, day = decisions.get(PRESIDENT[1], year, f"hcld-canhan-{code}", (3, 11))
            chosen = _people_on(org, records, day, taken, count, rng, named)
            if len(chosen) < count:  # a tiny demo staff: relax the record check rather than miss the tally
                chosen += _people_on(org, {}, day, taken, count - len(chosen), rng, named)
            if len(chosen) < count:
                warnings.append(f"{code} {year}: chỉ có {len(chosen)}/{count} cá nhân.")
            for pk in chosen:
                batch.award(code, year, number, day, PRESIDENT[0], person=pk)
    # After 2020, a few more (outside the article's period).
    for year in range(2021, LAST_YEAR + 1):
        decision = decisions.get(PRIME_MINISTER[1], year + 1, "cocp", (3, 6))
        pool = org.units_on(date(year, 12, 31), LARGE | {"chi_cuc"})
        for unit_id in _pick(rng, pool, [_weight(org, u) for u in pool], 5):
            batch.unit_award(org, "CO_CP", year, unit_id, decision, PRIME_MINISTER[0])
            _excellent(batch, unit_id, year)
        number, day = decisions.get(PRESIDENT[1], year, "hcld-canhan-HCLD3", (3, 11))
        for pk in _people_on(org, records, day, taken, 6, rng, named):
            batch.award("HCLD3", year, number, day, PRESIDENT[0], person=pk)
    return warnings


def _excellent(batch: Batch, unit_id: int, year: int) -> None:
    """A collective awarded for a year exceeded its plan that year."""
    if year in YEARS:
        batch.results[(unit_id, year)] = "HTXS"


def _revoke_one(batch: Batch, decisions: Decisions) -> Award | None:
    """Art. 93: one Bằng khen of the Minister is revoked (it stays in the history, marked, with the reason)."""
    candidates = [a for a in batch.awards if a.kind.code == "BK_BO" and a.person_id] or [
        a for a in batch.awards if a.kind.code == "LDTT"
    ]
    if not candidates:
        return None
    award = sorted(candidates, key=lambda a: (a.year, a.person_id or 0))[len(candidates) // 2]
    number, day = decisions.get(MINISTER[1], award.decision_date.year + 1, "huybo", (5, 9))
    award.revoked, award.revoked_reason, award.revoked_decision, award.revoked_on = (
        True,
        REVOKE_REASON,
        number,
        day,
    )
    return award


# --- loading ---------------------------------------------------------------------------------------------


def load(*, stdout, **_options) -> None:
    """Load the demo award history once (nothing if a demo award exists or the demo organisation is missing)."""
    if Award.objects.filter(source=Award.Source.DEMO).exists():
        stdout.write(f"  Lịch sử khen thưởng mẫu đã có (phiên bản {DATA_VERSION}); giữ nguyên.")
        _v2_examples(stdout)
        return
    if not Unit.objects.filter(code="HQ").exists():
        stdout.write("  Chưa có tổ chức mẫu (đơn vị HQ): bỏ qua lịch sử khen thưởng mẫu.")
        return
    org = Org()
    batch = Batch(kinds={k.code: k for k in AwardKind.objects.all()})
    decisions = Decisions()
    records = {pk: _plan_ratings(org, pk, code) for pk, code in org.people if code != NAMED_AN}
    named = {pk for pk, code in org.people if code.startswith("HQ00000")}
    bd_authors = _binh_duong(org, batch, decisions, records)
    _people(org, batch, decisions, records, bd_authors)
    an = next((pk for pk, code in org.people if code == NAMED_AN), None)
    if an is not None:
        _nguyen_van_an(org, batch, decisions, an)
    _unit_results(org, batch)
    warnings = _sector(org, batch, decisions, records, named)
    _collective_titles(org, batch, decisions)
    revoked = _revoke_one(batch, decisions)
    batch.save()
    fill_report_dimensions()
    stdout.write(
        f"  Lịch sử khen thưởng (phiên bản {DATA_VERSION}): {len(batch.awards)} khen thưởng, "
        f"{len(batch.ratings)} xếp loại, {len(batch.results)} kết quả tập thể, "
        f"{len(batch.recognitions)} sáng kiến/đề tài, {len(batch.disciplines)} kỷ luật"
        + (f", 01 khen thưởng bị hủy bỏ ({revoked.kind.name} năm {revoked.year})." if revoked else ".")
    )
    for warning in warnings:
        stdout.write(f"  Lưu ý: {warning}")
    _v2_examples(stdout)


def _v2_examples(stdout) -> None:
    """A few facts of the law's newer rules, each added once (loading twice changes nothing): the 2025
    cluster results of two units with an excellent year (one leads its cluster, one is third), an open
    inspection of one person and a maternity leave of another."""

    units = list(
        UnitResult.objects.filter(year=2025, value="HTXS")
        .order_by("unit__code")
        .values_list("unit", flat=True)[:2]
    )
    for number, unit_id in enumerate(units):
        if not ClusterResult.objects.filter(unit_id=unit_id, year=2025).exists():
            services.set_cluster_result(
                unit=Unit.objects.get(pk=unit_id),
                year=2025,
                cluster="Cụm thi đua số 2",
                leading=number == 0,
                rank=1 if number == 0 else 3,
                members=7,
                note="Dữ liệu mẫu",
            )
    people = list(
        Rating.objects.filter(year=2025, value="HTT")
        .exclude(person__staff_code=NAMED_AN)
        .order_by("person_id")
        .values_list("person", flat=True)[:2]
    )
    if len(people) == 2 and not ReviewPeriod.objects.filter(note="Dữ liệu mẫu").exists():
        services.record_review_period(
            person=Person.objects.get(pk=people[0]),
            kind="inspection",
            start=date(2025, 12, 1),
            note="Dữ liệu mẫu",
        )
    if len(people) == 2 and not Leave.objects.filter(note="Dữ liệu mẫu").exists():
        services.record_leave(
            person=Person.objects.get(pk=people[1]),
            kind="maternity",
            start=date(2025, 3, 1),
            end=date(2025, 8, 31),
            note="Dữ liệu mẫu",
        )
    stdout.write(
        "  Ví dụ quy định mới: kết quả cụm, khối thi đua 2025, một người đang thanh tra, một người nghỉ thai sản."
    )
