"""The eligibility batch benchmark (bench/eligibility.py) on the national data set (issue 11 item 13).

    DATABASE_URL=postgres://… .venv/bin/python bench/national.py --people 100000 --units 5000
    DATABASE_URL=postgres://… .venv/bin/python bench/national_eligibility.py

The same phases and targets as `make bench` (read, end-to-end, naive sample, peak memory; see
bench/eligibility.py), on the people of the national generator instead of the uniform synthetic ones:
20 years of history, chains up to Huân chương, missing years, discipline with terms, revocations. Reports
the verdicts per code and the share of questions answered from shared decision paths, and writes the
section "Eligibility on the national data set (issue 11)" of docs/performance.md (BENCH_DOC, empty skips).

Environment: BENCH_SAMPLE (naive sample, default 2,000), BENCH_OUTLOOK (default 200), BENCH_BATCH (20,000),
BENCH_WORKERS (default 1: the parallel rows are skipped), BENCH_YEAR (review year, default 2025),
BENCH_PATHS (1: also print, for every path the rules had to run for, the queries whose answers made it new,
i.e. where it branched off the shared tree; the figures behind "Where the unshared paths come from" below).
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

MARK_START = "<!-- bench:national-eligibility:start -->"
MARK_END = "<!-- bench:national-eligibility:end -->"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").replace("_", "").replace(",", "") or default)


@contextmanager
def branch_points() -> Iterator[Counter]:
    """Count, while inside, each new decision path by the queries where it branches off its tree: at the node
    where the path's answers match no child, the names of the queries whose answers differ from the closest
    child ("other-queries": the rule asked something else there; "fresh": the tree's first path). Wraps
    `memo.grow`, which stores the path unchanged."""
    from tdkt.rules import memo  # lazy: Django is set up by main() first

    counts: Counter = Counter()
    grow = memo.grow

    def counting_grow(root, recorder, judgement, stats) -> None:
        counts[_branch_point(root, recorder.trace)] += 1
        grow(root, recorder, judgement, stats)

    memo.grow = counting_grow
    try:
        yield counts
    finally:
        memo.grow = grow


def _branch_point(root, trace: list) -> str:
    node, done = root, 0
    while node.leaf is None and node.queries is not None:
        queries = node.queries
        if tuple(query for query, _ in trace[done : done + len(queries)]) != queries:
            return "other-queries"
        key = tuple(answer for _, answer in trace[done : done + len(queries)])
        child = node.children.get(key)
        if child is None:
            closest = min(
                (
                    [i for i, (a, b) in enumerate(zip(other, key, strict=True)) if a != b]
                    for other in node.children
                ),
                key=len,
                default=[],
            )
            return "+".join(sorted({queries[i][0] for i in closest})) or "?"
        node, done = child, done + len(queries)
    return "fresh"


def _print_branch_points(counts: Counter) -> None:
    total = sum(counts.values())
    print(f"  đường mới (luật phải chạy): {total:,}, theo truy vấn nơi tách khỏi cây:")
    for name, count in counts.most_common(15):
        print(f"    {count:9,} {count / total:6.1%}  {name}")


def main() -> int:
    import django

    django.setup()
    from bench import eligibility
    from bench.national import PREFIX
    from bench.reports import update_doc
    from tdkt.awards.models import Award
    from tdkt.org.models import Person, Unit

    people = Person.objects.filter(staff_code__startswith=PREFIX).count()
    if not people:
        print("Chưa có bộ dữ liệu quốc gia: chạy bench/national.py trước.")
        return 2
    total = Person.objects.count()
    awards = Award.objects.count()
    units = Unit.objects.count()
    print(f"TĐKT bench (xét trên bộ dữ liệu quốc gia): {total:,} người, {awards:,} khen thưởng", flush=True)
    t0 = time.perf_counter()
    with branch_points() if _int("BENCH_PATHS", 0) else _nothing() as counts:
        result = eligibility.measure(
            _int("BENCH_YEAR", 2025),
            sample=_int("BENCH_SAMPLE", 2_000),
            outlook_sample=_int("BENCH_OUTLOOK", 200),
            batch_size=_int("BENCH_BATCH", 20_000),
            workers=_int("BENCH_WORKERS", 1),
        )
    print(eligibility.report(result, total), flush=True)
    if counts:
        _print_branch_points(counts)
    block = eligibility.markdown(result, total).replace("### N = ", "### National set, N = ", 1)
    text = "\n".join(
        [
            MARK_START,
            "## Eligibility on the national data set (issue 11)",
            "",
            f"`bench/national_eligibility.py` after `bench/national.py` ({total:,} people, {awards:,} award "
            f"records, {units:,} units, 20 years with the 2025 merge): the phases and targets of `make bench` "
            "(section above) on histories where every person code has eligible, not-eligible and (where the "
            "rules allow it) needs-review subjects. Whole run "
            f"{time.perf_counter() - t0:.0f} s.",
            "",
            block.strip("\n"),
            "",
            MARK_END,
        ]
    )
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    if doc:
        update_doc(doc, text, MARK_START, MARK_END)
        print(f"  đã ghi {doc}")
    return 0


@contextmanager
def _nothing() -> Iterator[Counter]:
    yield Counter()


if __name__ == "__main__":
    sys.exit(main())
