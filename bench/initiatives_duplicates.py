"""Benchmark: the duplicate check of initiatives over N generated applications (default 100,000).

Generates N distinct initiative titles (action × object × qualifier × place, Vietnamese with diacritics),
stores them with their syllable n-grams exactly as the services do, then

- times `selectors.similar_ids` (the query behind the page and the API) for 300 queries;
- measures it on a labelled set: 300 near-duplicates made from stored titles (diacritics dropped, clauses
  reordered, a synonym swapped, a word dropped or added, typed in lower case) whose source is known, and
  300 unrelated titles that have no duplicate.

Reported: median / p95 / max time per query; precision (of the queries that show a warning, the share
whose first suggestion is the source), recall (share of near-duplicates whose source is shown), false
alarms (share of unrelated titles that show a warning). Writes the section "Initiatives: duplicate check"
of docs/performance.md.

    .venv/bin/python bench/initiatives_duplicates.py                    # SQLite in a temporary folder
    scripts/with-postgres.sh .venv/bin/python bench/initiatives_duplicates.py
    BENCH_INITIATIVES=20000 .venv/bin/python bench/initiatives_duplicates.py
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_tmp = tempfile.mkdtemp(prefix="tdkt-bench-sk-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")

HEADING = "## Initiatives: duplicate check"
SEED = 2026

ACTIONS = [
    "Giải pháp nâng cao hiệu quả",
    "Cải tiến quy trình",
    "Ứng dụng công nghệ thông tin trong",
    "Xây dựng bộ công cụ hỗ trợ",
    "Chuẩn hóa hồ sơ, biểu mẫu",
    "Tự động hóa khâu tổng hợp số liệu",
    "Đổi mới phương pháp",
    "Số hóa dữ liệu phục vụ",
    "Phần mềm quản lý",
    "Sổ tay hướng dẫn",
    "Mô hình phối hợp trong",
    "Bảng theo dõi điện tử cho",
    "Quy trình mẫu về",
    "Hệ thống cảnh báo sớm trong",
    "Phương pháp đánh giá rủi ro trong",
    "Bộ tiêu chí lựa chọn trọng điểm",
    "Giải pháp rút ngắn thời gian",
    "Cơ sở dữ liệu dùng chung về",
    "Tài liệu bồi dưỡng nghiệp vụ",
    "Kênh tiếp nhận phản ánh về",
]
OBJECTS = [
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
    "kiểm tra xuất xứ hàng hóa",
    "quản lý kho ngoại quan",
    "giám sát hành lý xuất nhập cảnh",
    "kiểm soát ma túy qua biên giới",
    "hoàn thuế và không thu thuế",
    "quản lý nợ thuế",
    "kiểm tra chuyên ngành",
    "thủ tục tạm nhập tái xuất",
    "quản lý phương tiện vận tải xuất nhập cảnh",
    "kiểm tra máy soi container",
    "xử lý hàng tồn đọng",
    "quản lý xăng dầu tạm nhập",
    "giám sát hàng quá cảnh",
    "công tác văn thư, lưu trữ",
    "đào tạo công chức mới",
    "đối thoại với doanh nghiệp",
    "kế toán thu ngân sách",
    "quản lý chữ ký số",
    "tiếp nhận bản khai hàng hóa",
    "kiểm dịch phối hợp tại cửa khẩu",
    "kiểm tra hàng bưu chính chuyển phát nhanh",
    "thống kê hải quan",
    "quản lý hàng miễn thuế",
    "cưỡng chế thuế",
]
QUALIFIERS = [
    "trên nền tảng dữ liệu điện tử",
    "bằng bảng tính dùng chung",
    "theo hướng một cửa",
    "gắn với chuyển đổi số",
    "kết hợp camera giám sát",
    "qua hệ thống thông quan điện tử",
    "dựa trên phân tích dữ liệu lớn",
    "bằng mã vạch hai chiều",
    "qua cổng thông tin một cửa quốc gia",
    "có sự tham gia của doanh nghiệp",
    "theo mô hình tổ công tác liên ngành",
    "với thiết bị di động",
    "bằng trí tuệ nhân tạo",
    "theo thời gian thực",
    "giảm giấy tờ",
]
PLACES = [
    "Tân Thanh",
    "Hữu Nghị",
    "Cát Lái",
    "Sóng Thần",
    "Mỹ Phước",
    "Cái Mép",
    "Nội Bài",
    "Tân Sơn Nhất",
    "Lào Cai",
    "Móng Cái",
    "Hải Phòng",
    "Đà Nẵng",
    "Quy Nhơn",
    "Cần Thơ",
    "Mộc Bài",
    "Cầu Treo",
    "Bờ Y",
    "Lao Bảo",
    "Chi Ma",
    "Bắc Ninh",
    "Vĩnh Phúc",
    "Thái Nguyên",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Ninh",
    "Kiên Giang",
    "An Giang",
    "Đồng Tháp",
    "Bình Định",
    "Khánh Hòa",
]
UNRELATED = [
    "Tổ chức giải bóng đá giao hữu chào mừng ngày thành lập Công đoàn",
    "Kế hoạch trồng cây xanh quanh khuôn viên nhà khách",
    "Thực đơn dinh dưỡng cho bếp ăn tập thể",
    "Lịch trực lễ Tết và phân công bảo vệ cơ quan",
    "Chương trình văn nghệ mừng Xuân",
    "Sửa chữa mái tôn nhà để xe",
    "Quy định về trang phục ngày thứ Hai",
    "Hướng dẫn sử dụng máy photocopy mới",
    "Phong trào đọc sách tháng Tư",
    "Nội quy phòng tập thể dục",
]
SYNONYMS = [
    ("Giải pháp", "Biện pháp"),
    ("nâng cao", "tăng cường"),
    ("Cải tiến", "Đổi mới"),
    ("hồ sơ", "chứng từ"),
]
EXTRA = ["tại đơn vị", "năm 2025", "của Chi cục", "cho công chức", "một cách hiệu quả"]


def title_of(i: int, rng: random.Random) -> str:
    a, o, q = rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)
    return f"{a} {o} {q} tại {rng.choice(PLACES)}"


def corpus(n: int) -> list[str]:
    rng = random.Random(SEED)
    seen: set[str] = set()
    out: list[str] = []
    # 20 × 40 × 15 × 30 = 360,000 distinct titles are possible; a suffix numbers the few repeats beyond it.
    while len(out) < n:
        title = title_of(len(out), rng)
        if title in seen:
            title = f"{title}, giai đoạn {len(out) % 97 + 2}"
            if title in seen:
                continue
        seen.add(title)
        out.append(title)
    return out


def variant(title: str, rng: random.Random) -> str:
    """A near-duplicate as another author would type it."""
    from tdkt.core.text import fold

    text = title
    for a, b in SYNONYMS:
        if a in text and rng.random() < 0.5:
            text = text.replace(a, b, 1)
            break
    words = text.split()
    roll = rng.random()
    if roll < 0.3 and len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    elif roll < 0.6:
        words.insert(rng.randrange(1, len(words)), rng.choice(EXTRA))
    text = " ".join(words)
    if " tại " in text and rng.random() < 0.5:  # the place first
        head, place = text.rsplit(" tại ", 1)
        text = f"Tại {place}: {head[0].lower()}{head[1:]}"
    if rng.random() < 0.5:
        text = fold(text)  # typed without diacritics
    return text


def update_doc(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    start = text.find(HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + block
    else:
        end = text.find("\n## ", start + len(HEADING))
        after = "" if end < 0 else text[end + 1 :]
        text = text[:start] + block + ("\n" + after if after else "")
    path.write_text(text, encoding="utf-8")


def load(n: int) -> tuple[list[int], list[str]]:
    from django.db import connection, transaction

    from tdkt.core.text import fold
    from tdkt.initiatives import similarity
    from tdkt.initiatives.models import Initiative, NGram
    from tdkt.org.models import Unit, UnitKind

    unit, _ = Unit.objects.get_or_create(
        code="BENCH-SK",
        defaults={
            "name": "Đơn vị thử sáng kiến",
            "kind": UnitKind.DEPARTMENT,
            "valid_from": date(2000, 1, 1),
        },
    )
    titles = corpus(n)
    existing = Initiative.objects.filter(unit=unit).count()
    # Each chunk is written in one transaction, so a run stopped while loading (the 8-minute cap on a busy
    # machine) leaves whole chunks: when they are the corpus's first titles, the next run goes on from there.
    first = list(
        Initiative.objects.filter(unit=unit).order_by("pk").values_list("title", flat=True)[:existing]
    )
    resume = existing if existing < n and existing % 5000 == 0 and first == titles[:existing] else 0
    if existing != n:
        if not resume:
            NGram.objects.filter(initiative__unit=unit).delete()
            Initiative.objects.filter(unit=unit).delete()
        else:
            print(f"resuming the load after {resume} initiatives", flush=True)
        started = time.perf_counter()
        for start in range(resume, n, 5000):
            chunk = titles[start : start + 5000]
            rows = []
            grams_of = []
            for title in chunk:
                grams = similarity.grams_of(title)
                grams_of.append(grams)
                rows.append(
                    Initiative(
                        title=title,
                        unit=unit,
                        status="submitted",
                        share_total=Decimal("100"),
                        search_text=fold(title + "\n"),
                        gram_count=len(grams),
                    )
                )
            with transaction.atomic():
                created = Initiative.objects.bulk_create(rows, batch_size=1000)
                NGram.objects.bulk_create(
                    [
                        NGram(initiative=item, gram=g)
                        for item, grams in zip(created, grams_of, strict=True)
                        for g in grams
                    ],
                    batch_size=5000,
                )
        print(f"loaded {n} initiatives in {time.perf_counter() - started:.1f} s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    ids = list(Initiative.objects.filter(unit=unit).order_by("pk").values_list("pk", flat=True))
    return ids, titles


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tdkt.initiatives import selectors
    from tdkt.initiatives.models import NGram

    n = int(os.environ.get("BENCH_INITIATIVES", "100000"))
    queries = int(os.environ.get("BENCH_QUERIES", "300"))
    call_command("migrate", verbosity=0, interactive=False)
    ids, titles = load(n)
    by_title = dict(zip(titles, ids, strict=True))
    rng = random.Random(SEED + 1)
    sources = rng.sample(titles, queries)
    labelled = [(variant(t, rng), by_title[t]) for t in sources]
    negatives = [
        f"{rng.choice(UNRELATED)} {rng.choice(['', 'năm 2025', 'của cơ quan'])}".strip()
        for _ in range(queries)
    ]

    selectors.similar_ids(titles[0])  # warm up
    times: list[float] = []
    shown = first_right = found = 0
    for text, source in labelled:
        started = time.perf_counter()
        result = selectors.similar_ids(text)
        times.append(time.perf_counter() - started)
        if result:
            shown += 1
            first_right += result[0][0] == source
            found += any(pk == source for pk, _s in result)
    alarms = 0
    for text in negatives:
        started = time.perf_counter()
        result = selectors.similar_ids(text)
        times.append(time.perf_counter() - started)
        alarms += bool(result)
    times.sort()
    ms = [t * 1000 for t in times]
    median, p95, worst = statistics.median(ms), ms[int(len(ms) * 0.95) - 1], ms[-1]
    precision = first_right / shown if shown else 0.0
    recall = found / len(labelled)
    false_alarms = alarms / len(negatives)
    grams = NGram.objects.count()
    machine = f"{os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}"
    print(
        f"{connection.vendor}: {n} initiatives, {grams} n-grams; per query median {median:.1f} ms, "
        f"p95 {p95:.1f} ms, max {worst:.1f} ms; precision {precision:.1%}, recall {recall:.1%}, "
        f"false alarms {false_alarms:.1%}"
    )
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        from tdkt.core.text import format_decimal, format_number

        def pct(x: float) -> str:
            return f"{format_decimal(x * 100, 1)} %"

        row = (
            f"| {format_number(n)} | {format_number(grams)} | {connection.vendor} | {format_decimal(median, 1)} ms | "
            f"{format_decimal(p95, 1)} ms | {format_decimal(worst, 1)} ms | {pct(precision)} | {pct(recall)} | "
            f"{pct(false_alarms)} | {machine} |"
        )
        path = Path(doc)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        rows = []
        if HEADING in text:
            section = text[text.find(HEADING) :].split("\n## ", 1)[0]
            rows = [
                line
                for line in section.splitlines()
                if line.startswith("| ") and "Database" not in line and f"| {connection.vendor} |" not in line
            ]
        block = "\n".join(
            [
                HEADING,
                "",
                "`bench/initiatives_duplicates.py` stores N generated applications with their syllable n-grams "
                "(as the services do) and runs `selectors.similar_ids`, the query behind the duplicate warning of "
                f"the application form and `/api/initiatives/similar/`, for {queries} near-duplicates of stored titles "
                f"(diacritics dropped, clauses reordered, a synonym swapped, a word dropped or added) and {queries} "
                "unrelated titles. Precision: of the near-duplicates that raise a warning, the share whose first "
                "suggestion is the source; recall: the share whose source is among the suggestions; false alarms: "
                "the share of unrelated titles that raise a warning. Target: under 300 ms per query.",
                "",
                "| Initiatives | N-grams | Database | Median | p95 | Max | Precision | Recall | False alarms | Machine |",
                "|---:|---:|---|---:|---:|---:|---:|---:|---:|---|",
                *rows,
                row,
                "",
            ]
        )
        update_doc(path, block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
