"""`make bench`: migrate, generate N people (unless already there), measure, write docs/performance.md.

Environment:
  BENCH_PEOPLE    people to generate and judge (default 1,000,000; quick mode: BENCH_PEOPLE=20000)
  BENCH_SAMPLE    people in the naive per-person sample (default 10,000)
  BENCH_OUTLOOK   people for the informational outlook() figure (default 1,000; 0 to skip)
  BENCH_BATCH     people per batch of the batch path (default 20,000)
  BENCH_WORKERS   worker processes of the parallel rows (default: the number of CPUs; 1 skips them)
  BENCH_SEED      generator seed (default 2025)
  BENCH_DOC       file to update (default docs/performance.md; empty to skip)
  BENCH_PROFILE   if set, a file name: after measuring, cProfile one more read pass and one more
                  end-to-end pass over the first BENCH_PROFILE_PEOPLE people (default 100,000) and write
                  the statistics to <file>.read.txt and <file>.e2e.txt
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").replace("_", "").replace(",", "") or default)


def _profile(path: str, review_year: int, codes: list[str], batch: int, people: int) -> None:
    import cProfile
    import io
    import pstats

    from tdkt.rules import facts, services

    batch = min(batch, people)

    def batches():
        """The first `people` people through the same keyset path as the measurement (no id list)."""
        seen = 0
        for b in facts.iter_person_facts_batches(review_year, batch_size=batch):
            yield b
            seen += len(b)
            if seen >= people:
                return

    def read():
        for _ in batches():
            pass

    def e2e():
        overrides = facts.parameter_overrides()
        for b in batches():
            questions = [
                services.Question(s.id, c, services.question_year(c, review_year))
                for s in b.values()
                for c in codes
            ]
            services.evaluate_questions(questions, {s.id: s for s in b.values()}, overrides)

    for name, fn in (("read", read), ("e2e", e2e)):
        profiler = cProfile.Profile()
        t0 = time.perf_counter()
        profiler.runcall(fn)
        elapsed = time.perf_counter() - t0
        out = io.StringIO()
        out.write(f"{name}: {people:,} people, {elapsed:.1f} s under cProfile\n\n")
        stats = pstats.Stats(profiler, stream=out).strip_dirs()
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(40)
        Path(f"{path}.{name}.txt").write_text(out.getvalue(), encoding="utf-8")
        print(f"  hồ sơ {name}: {path}.{name}.txt ({elapsed:.1f} s)")


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import eligibility
    from bench.generate import DEFAULT_SEED, STAFF_PREFIX, YEARS, generate
    from tdkt.org.models import Person

    n_people = _int("BENCH_PEOPLE", 1_000_000)
    sample = _int("BENCH_SAMPLE", 10_000)
    outlook = _int("BENCH_OUTLOOK", 1_000)
    batch = _int("BENCH_BATCH", 20_000)
    workers = _int("BENCH_WORKERS", os.cpu_count() or 1)
    seed = _int("BENCH_SEED", DEFAULT_SEED)
    doc = os.environ.get("BENCH_DOC", str(ROOT / "docs" / "performance.md"))
    review_year = YEARS[-1]

    print(f"TĐKT bench: {n_people:,} người, CSDL {connection.vendor}")
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrate {time.perf_counter() - t0:.1f} s")

    existing = Person.objects.filter(staff_code__startswith=STAFF_PREFIX).count()
    gen = None
    if existing == 0:
        if Person.objects.exists():
            print("  (cơ sở dữ liệu đã có người khác: họ cũng được đánh giá)")
        gen = generate(n_people, YEARS, seed)
        print(f"  sinh dữ liệu: {gen.total_rows:,} dòng, {gen.total_seconds:.0f} s ({gen.seconds})")
    elif existing != n_people:
        print(f"Cơ sở dữ liệu đã có {existing:,} người của bench, khác {n_people:,}: dùng CSDL mới.")
        return 2
    else:
        print(f"  dùng lại {existing:,} người đã sinh")
    total = Person.objects.count()

    result = eligibility.measure(
        review_year, sample=sample, outlook_sample=outlook, batch_size=batch, workers=workers
    )
    print()
    print(eligibility.report(result, total, gen))
    if doc:
        eligibility.update_doc(doc, eligibility.markdown(result, total, gen), total)
        print(f"\n  đã ghi {doc}")
    profile = os.environ.get("BENCH_PROFILE")
    if profile:
        _profile(profile, review_year, result.codes, batch, _int("BENCH_PROFILE_PEOPLE", 100_000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
