"""Eligibility batch benchmark (issue 3): read time, end-to-end time and a naive per-person baseline, one run.

    from bench.eligibility import measure, report
    result = measure(review_year=2025, sample=10_000)
    print(report(result))

Phases, all in this process against the same database:

1. read — `facts.iter_person_facts_batches(year)`: every person's facts streamed from the database into
   `SubjectFacts`, nothing evaluated;
2. end-to-end — `services.iter_person_verdicts(year, codes)`: the same read plus the engine on every title
   and form that applies to a person (LDTT, CSTDCS, CSTD_BO, CSTD_TQ, GK, BK_BO, BK_TTG, HCLD3, HCLD2,
   HCLD1), verdicts counted per award;
3. naive — for a random sample of people, one at a time, the way a straightforward view would do it:
   `Person.objects.get`, then the related managers (`person.ratings.all()`, `person.awards` with its kind,
   `person.recognitions` with the recognition, `person.disciplines.all()`, `person.memberships` with the
   position), model instances turned into `SubjectFacts`, then `engine.evaluate` per award (without the
   earliest-year search, as the batch). Its verdicts are compared with the batch verdicts of the same people
   (they must agree);
4. also, for information, the product's own per-person page path (`services.outlook`) on part of the sample.

Peak memory is the process's `ru_maxrss` (it never decreases, so it is read after each phase).
"""

from __future__ import annotations

import os
import platform
import random
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

TARGET_E2E_OVER_READ = 2.0
TARGET_NAIVE_SPEEDUP = 100.0
TARGET_PEAK_GB = 4.0


def person_codes() -> list[str]:
    from tdkt.rules.model import PERSON
    from tdkt.rules.services import PERSON_CODES, applies

    return [code for code in PERSON_CODES if applies(code, PERSON)]


def peak_rss_mb() -> float:
    """The largest resident size of this process or of any worker it waited for (KiB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


@dataclass
class Phase:
    seconds: float = 0.0
    people: int = 0
    records: int = 0
    questions: int = 0
    peak_mb: float = 0.0

    @property
    def per_person_ms(self) -> float:
        return self.seconds / self.people * 1000 if self.people else 0.0


@dataclass
class Result:
    review_year: int
    codes: list[str]
    batch_size: int
    workers: int = 1
    read: Phase = field(default_factory=Phase)
    e2e: Phase = field(default_factory=Phase)
    read_par: Phase = field(default_factory=Phase)  # the same, in `workers` processes
    e2e_par: Phase = field(default_factory=Phase)
    naive: Phase = field(default_factory=Phase)
    outlook: Phase = field(default_factory=Phase)
    verdicts: dict[str, Counter] = field(default_factory=dict)
    shared_share: float = 0.0  # questions answered from a shared decision path (one process)
    naive_mismatches: int = 0
    naive_compared: int = 0
    peak_mb: float = 0.0
    database: str = ""
    db_size_mb: float | None = None
    load: list[float] = field(default_factory=list)  # 1-minute load average at the start of each phase

    @staticmethod
    def _ratio(a: float, b: float) -> float:
        return a / b if b else float("nan")

    @property
    def e2e_over_read(self) -> float:
        return self._ratio(self.e2e.seconds, self.read.seconds)

    @property
    def e2e_over_read_par(self) -> float:
        return self._ratio(self.e2e_par.seconds, self.read_par.seconds)

    @property
    def naive_speedup(self) -> float:
        """Per-person time of the naive path over the per-person end-to-end time (one process)."""
        return self._ratio(self.naive.per_person_ms, self.e2e.per_person_ms)

    @property
    def naive_speedup_par(self) -> float:
        return self._ratio(self.naive.per_person_ms, self.e2e_par.per_person_ms)

    @property
    def outlook_speedup(self) -> float:
        return self._ratio(self.outlook.per_person_ms, self.e2e.per_person_ms)

    def targets(self) -> dict[str, bool]:
        return {
            "e2e_over_read": self.e2e_over_read <= TARGET_E2E_OVER_READ,
            "naive_speedup": self.naive_speedup >= TARGET_NAIVE_SPEEDUP,
            "e2e_over_read_par": self.e2e_over_read_par <= TARGET_E2E_OVER_READ,
            "naive_speedup_par": self.naive_speedup_par >= TARGET_NAIVE_SPEEDUP,
            "peak_memory": self.peak_mb / 1024 < TARGET_PEAK_GB,
        }


def _record_count(facts) -> int:
    return (
        len(facts.ratings)
        + len(facts.titles)
        + len(facts.awards)
        + len(facts.initiatives)
        + len(facts.discipline)
        + len(facts.positions)
    )


# --- phases ---------------------------------------------------------------------------------------------------


def measure_read(review_year: int, batch_size: int, workers: int = 1, log=print) -> Phase:
    """Every person's facts read (`facts.iter_person_facts_batches`), nothing evaluated, in `workers`
    processes over contiguous id ranges (`tdkt.rules.batches`) when more than one."""
    from tdkt.rules import batches
    from tdkt.rules.facts import iter_person_facts_batches

    def job(id_range):
        people = records = 0
        for batch in iter_person_facts_batches(review_year, batch_size=batch_size, id_range=id_range):
            people += len(batch)
            records += sum(_record_count(f) for f in batch.values())
        return people, records

    phase = Phase()
    t0 = time.perf_counter()
    ranges = batches.person_id_ranges(workers) if workers > 1 else [None]
    for people, records in batches.run_in_ranges(job, ranges):
        phase.people += people
        phase.records += records
    phase.seconds = time.perf_counter() - t0
    phase.peak_mb = peak_rss_mb()
    log(
        f"  đọc ({workers} tiến trình): {phase.people:,} người, {phase.records:,} bản ghi, {phase.seconds:.1f} s"
    )
    return phase


def measure_e2e(
    review_year: int, codes: list[str], batch_size: int, keep: set[str], workers: int = 1, log=print
):
    """The batch path (`services.tally_person_verdicts`): the phase, the verdict counts per award, the verdicts
    of the subjects in `keep`, and the share of questions answered from shared decision paths."""
    from tdkt.rules.services import tally_person_verdicts

    t0 = time.perf_counter()
    tally = tally_person_verdicts(review_year, codes, workers=workers, batch_size=batch_size, keep=keep)
    phase = Phase(seconds=time.perf_counter() - t0, people=tally.people, questions=tally.questions)
    phase.peak_mb = peak_rss_mb()
    kept = {key: verdict.verdict for key, verdict in tally.kept.items()}
    shared = tally.shared / (tally.shared + tally.ran) if tally.shared + tally.ran else 0.0
    log(f"  đầu-cuối ({workers} tiến trình): {phase.questions:,} câu hỏi, {phase.seconds:.1f} s")
    return phase, tally.counts, kept, shared


def naive_facts(person_id: int, up_to_year: int):
    """One person's facts through the ORM, one query set at a time, as a straightforward view would."""
    from tdkt.org.models import Person
    from tdkt.rules.facts import person_subject_id
    from tdkt.rules.model import (
        FORMS,
        PERSON,
        TITLES,
        AwardRecord,
        DisciplineRecord,
        InitiativeRecord,
        PositionRecord,
        SubjectFacts,
        TitleRecord,
    )

    person = Person.objects.get(pk=person_id)
    ratings = {r.year: r.value for r in person.ratings.all() if r.year <= up_to_year}
    titles, awards = [], []
    for award in person.awards.select_related("kind"):
        if award.year > up_to_year:
            continue
        code = award.kind.code
        if award.kind.category == "title" and code in TITLES:
            titles.append(TitleRecord(code, award.year, award.revoked, award.decision_number or None))
        elif award.kind.category == "commendation" and code in FORMS:
            day = award.decision_date or date(award.year + 1, 1, 15)
            awards.append(
                AwardRecord(code, day, award.decision_number or None, award.award_type, award.revoked)
            )
    initiatives = [
        InitiativeRecord(r.year, r.scope, r.kind, r.decision_number or None, r.applied)
        for r in (a.recognition for a in person.recognitions.select_related("recognition"))
        if not r.revoked and r.year <= up_to_year
    ]
    discipline = [
        DisciplineRecord(d.year, d.level, d.duty_related)
        for d in person.disciplines.all()
        if d.year <= up_to_year
    ]
    positions = [
        PositionRecord(m.position.code, m.valid_from, m.valid_to)
        for m in person.memberships.select_related("position")
        if m.position is not None and m.position.is_leadership and m.valid_from <= date(up_to_year, 12, 31)
    ]
    return SubjectFacts(
        id=person_subject_id(person.pk),
        kind=PERSON,
        name=person.full_name,
        ratings=dict(sorted(ratings.items())),
        titles=tuple(sorted(titles, key=lambda t: (t.year, t.code, t.decision or "", t.revoked))),
        awards=tuple(sorted(awards, key=lambda a: (a.date, a.code, a.decision or "", a.revoked))),
        initiatives=tuple(sorted(initiatives, key=lambda i: (i.year, i.decision or "", i.scope, i.kind))),
        discipline=tuple(sorted(discipline, key=lambda d: (d.year, d.level))),
        positions=tuple(sorted(positions, key=lambda p: (p.start, p.code))),
    )


def measure_naive(review_year: int, codes: list[str], sample: list[int], log=print):
    from tdkt.rules import facts as facts_module
    from tdkt.rules.engine import evaluate, select_rule_set
    from tdkt.rules.model import Question
    from tdkt.rules.services import question_year

    phase = Phase(people=len(sample), questions=len(sample) * len(codes))
    verdicts: dict[tuple[str, str], str] = {}
    t0 = time.perf_counter()
    overrides = facts_module.parameter_overrides()
    for pk in sample:
        facts = naive_facts(pk, review_year)
        phase.records += _record_count(facts)
        for code in codes:
            question = Question(facts.id, code, question_year(code, review_year))
            # The same work as the batch: verdicts without the search for the earliest year.
            verdict = evaluate(question, facts, overrides.get(select_rule_set(question).id), earliest=False)
            verdicts[(facts.id, code)] = verdict.verdict
    phase.seconds = time.perf_counter() - t0
    phase.peak_mb = peak_rss_mb()
    log(f"  ngây thơ: {len(sample):,} người, {phase.seconds:.1f} s")
    return phase, verdicts


def measure_outlook(review_year: int, sample: list[int], log=print) -> Phase:
    from tdkt.org.models import Person
    from tdkt.rules.services import outlook

    phase = Phase(people=len(sample))
    t0 = time.perf_counter()
    for pk in sample:
        phase.questions += len(outlook(Person.objects.get(pk=pk), review_year).items)
    phase.seconds = time.perf_counter() - t0
    phase.peak_mb = peak_rss_mb()
    log(f"  outlook: {len(sample):,} người, {phase.seconds:.1f} s")
    return phase


def _database() -> tuple[str, float | None]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return connection.vendor, None
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0] / 2**20
    return f"PostgreSQL {version.split()[0]}", size


def measure(
    review_year: int,
    sample: int = 10_000,
    outlook_sample: int = 1_000,
    batch_size: int = 20_000,
    seed: int = 7,
    workers: int = 2,
    log=print,
) -> Result:
    from tdkt.org.models import Person
    from tdkt.rules.facts import person_subject_id

    codes = person_codes()
    result = Result(review_year, codes, batch_size, workers)
    result.database, result.db_size_mb = _database()
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    chosen = sorted(random.Random(seed).sample(ids, min(sample, len(ids))))
    del ids
    keep = {person_subject_id(pk) for pk in chosen}

    result.load.append(os.getloadavg()[0])
    result.read = measure_read(review_year, batch_size, 1, log)
    result.load.append(os.getloadavg()[0])
    result.e2e, result.verdicts, batch_verdicts, result.shared_share = measure_e2e(
        review_year, codes, batch_size, keep, 1, log
    )
    if workers > 1:
        result.load.append(os.getloadavg()[0])
        result.read_par = measure_read(review_year, batch_size, workers, log)
        result.load.append(os.getloadavg()[0])
        result.e2e_par, counts_par, kept_par, _ = measure_e2e(
            review_year, codes, batch_size, keep, workers, log
        )
        if counts_par != result.verdicts or kept_par != batch_verdicts:
            raise AssertionError("the parallel run's verdicts differ from the single process's")
    result.load.append(os.getloadavg()[0])
    result.naive, naive_verdicts = measure_naive(review_year, codes, chosen, log)
    result.load.append(os.getloadavg()[0])
    result.naive_compared = len(naive_verdicts)
    result.naive_mismatches = sum(batch_verdicts.get(key) != value for key, value in naive_verdicts.items())
    if outlook_sample:
        result.outlook = measure_outlook(review_year, chosen[:outlook_sample], log)
    result.peak_mb = peak_rss_mb()
    return result


# --- reporting ------------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    mem_kb = 0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "ram": f"{mem_kb / 2**20:.1f} GiB",
        "cpu": cpu,
        "python": platform.python_version(),
    }


def _yes(ok: bool) -> str:
    return "đạt" if ok else "KHÔNG đạt"


def _phases(r: Result) -> list[tuple[str, str, Phase, str]]:
    """(Vietnamese name, English name, phase, note) of each measured phase."""
    w = r.workers
    out = [
        (
            "đọc dữ kiện, 1 tiến trình",
            "Read facts, 1 process",
            r.read,
            f"{r.read.people:,} people, {r.read.records:,} records",
        ),
        (
            "đầu-cuối, 1 tiến trình",
            "End-to-end (read + engine), 1 process",
            r.e2e,
            f"{r.e2e.questions:,} questions ({len(r.codes)} codes); {r.shared_share:.1%} from shared paths",
        ),
    ]
    if w > 1:
        out += [
            (
                f"đọc dữ kiện, {w} tiến trình",
                f"Read facts, {w} processes",
                r.read_par,
                "the same facts, contiguous id ranges",
            ),
            (
                f"đầu-cuối, {w} tiến trình",
                f"End-to-end, {w} processes",
                r.e2e_par,
                "the same verdicts (checked)",
            ),
        ]
    out += [
        (
            "ngây thơ, từng người (ORM)",
            "Naive per-person ORM",
            r.naive,
            f"sample of {r.naive.people:,}; {r.naive_mismatches} of {r.naive_compared:,} verdicts differ from batch",
        ),
        (
            "outlook() từng người (trang)",
            "`outlook()` per person",
            r.outlook,
            f"sample of {r.outlook.people:,} (for information)",
        ),
    ]
    return out  # fmt: skip


def _target_rows(r: Result) -> list[tuple[str, str, bool]]:
    """(target, measured, met)."""
    t = r.targets()
    out = [
        (
            f"end-to-end ≤ {TARGET_E2E_OVER_READ:g} × read (1 process)",
            f"{r.e2e_over_read:.2f} ×",
            t["e2e_over_read"],
        ),
        (
            f"≥ {TARGET_NAIVE_SPEEDUP:g} × faster per person than naive (1 process)",
            f"{r.naive_speedup:.0f} ×",
            t["naive_speedup"],
        ),
    ]
    if r.workers > 1:
        out += [
            (
                f"end-to-end ≤ {TARGET_E2E_OVER_READ:g} × read ({r.workers} processes)",
                f"{r.e2e_over_read_par:.2f} ×",
                t["e2e_over_read_par"],
            ),
            (
                f"≥ {TARGET_NAIVE_SPEEDUP:g} × faster per person than naive ({r.workers} processes)",
                f"{r.naive_speedup_par:.0f} ×",
                t["naive_speedup_par"],
            ),
        ]
    out.append((f"peak memory < {TARGET_PEAK_GB:g} GB", f"{r.peak_mb / 1024:.2f} GiB", t["peak_memory"]))
    return out  # fmt: skip


def report(result: Result, n_people: int, gen=None) -> str:
    r = result
    lines = [f"Eligibility batch — năm đánh giá {r.review_year}, {n_people:,} người, {r.database}", ""]
    phases = _phases(r)
    width = max(len(name) for name, *_ in phases)
    for name, _, phase, note in phases:
        seconds, per = f"{phase.seconds:.1f} s", f"{phase.per_person_ms * 1000:.0f} µs"
        lines.append(f"  {name:<{width}}  {seconds:>9}  {per:>10}/người  {note}")
    lines.append("")
    for target, measured, ok in _target_rows(r):
        lines.append(f"  {target}: {measured} — {_yes(ok)}")
    lines += ["", "  Kết luận theo mã (đủ điều kiện / cần xem xét / không đủ):"]
    for code in r.codes:
        c = r.verdicts.get(code, Counter())
        lines.append(f"    {code:<8} {c['eligible']:>9,} {c['needs_review']:>9,} {c['not_eligible']:>9,}")
    if gen is not None:
        lines += [
            "",
            f"  Sinh dữ liệu: {gen.total_rows:,} dòng trong {gen.total_seconds:.0f} s ({_gen_detail(gen)})",
        ]
    return "\n".join(lines)


def _gen_detail(gen) -> str:
    return ", ".join(f"{k} {v:.0f} s" for k, v in gen.seconds.items())


# --- docs/performance.md ----------------------------------------------------------------------------------------

HEADING = "## Eligibility batch (issue 3)"

INTRO = """\
Measured by `make bench` (`scripts/with-postgres.sh .venv/bin/python bench/run.py`; quick mode
`BENCH_PEOPLE=20000 make bench`). One throw-away PostgreSQL cluster, in this order: generate the synthetic
data (`bench/generate.py`), then

- **read**: `tdkt.rules.facts.iter_person_facts_batches(year)` reads every person's facts into
  `SubjectFacts`, nothing evaluated;
- **end-to-end**: `tdkt.rules.services.tally_person_verdicts(year, codes)` — the same read plus the engine
  on every title and form that applies to a person (LDTT, CSTDCS, CSTD_BO, CSTD_TQ, GK, BK_BO, BK_TTG,
  HCLD3, HCLD2, HCLD1) with one evaluator for the run (shared decision paths), verdicts counted per award;
- both again in `BENCH_WORKERS` processes over contiguous ranges of person ids (`tdkt.rules.batches`); the
  parallel verdicts are checked equal to the single process's;
- **naive**: a random sample of people one at a time through the ORM (`Person.objects.get`, then the
  related managers with model instances — kind, recognition and position joined, so a constant six
  queries per person, no N+1 on the catalogue), then `engine.evaluate` per award without the earliest-year
  search (the batch does not search either). Its verdicts are compared with the batch's verdicts for the same
  people;
- for information, `services.outlook(person, year)` — the person page's own path — on part of the sample.

The review year is the last generated year: titles are judged for that year, forms for the year after
(`services.question_year`). Peak memory is the largest `ru_maxrss` of the process and its workers over the
whole run (generation included). The machine is shared with other jobs, so absolute times are noisy; the
ratios come from one run, measured side by side. Each run replaces the subsection of the same N.
"""


def markdown(result: Result, n_people: int, gen=None, when: str | None = None) -> str:
    r = result
    m = machine()
    when = when or time.strftime("%Y-%m-%d %H:%M")
    out = [
        f"### N = {n_people:,} — {when}",
        "",
        f"Machine: {m['nproc']} CPU ({m['cpu']}), {m['ram']} RAM, Python {m['python']}, {r.database}"
        + (f", database {r.db_size_mb / 1024:.1f} GiB" if r.db_size_mb else "")
        + f". Review year {r.review_year}, batch {r.batch_size:,} people, {r.workers} worker processes for the parallel rows."
        + (
            " Load average (1 min) at the start of each phase (read, end-to-end, then the parallel ones, naive) and at the end: "
            + " / ".join(f"{x:.1f}" for x in r.load)
            + "."
            if r.load
            else ""
        ),
        "",
        "| Measure | Time | Per person | Notes |",
        "|---|---:|---:|---|",
    ]
    for _, name, phase, note in _phases(r):
        out.append(f"| {name} | {phase.seconds:.1f} s | {phase.per_person_ms * 1000:,.0f} µs | {note} |")
    out += ["", "| Target | Measured | Met |", "|---|---:|---|"]
    for target, measured, ok in _target_rows(r):
        out.append(f"| {target} | {measured} | {'yes' if ok else '**no**'} |")
    out += [f"| (`outlook()` per person vs end-to-end, 1 process) | {r.outlook_speedup:.0f} × | — |", ""]
    if gen is not None:
        out += [
            f"Data: {gen.total_rows:,} rows ("
            + ", ".join(f"{k} {v:,}" for k, v in gen.rows.items())
            + f"), years {gen.years[0]}–{gen.years[-1]}, seed {gen.seed}; generated and loaded in "
            f"{gen.total_seconds:.0f} s ({_gen_detail(gen)}).",
            "",
        ]
    out.append("Verdicts (eligible / needs review / not eligible):")
    out.append("")
    out.append("| Code | Eligible | Needs review | Not eligible |")
    out.append("|---|---:|---:|---:|")
    for code in r.codes:
        c = r.verdicts.get(code, Counter())
        out.append(f"| {code} | {c['eligible']:,} | {c['needs_review']:,} | {c['not_eligible']:,} |")
    out.append("")
    return "\n".join(out)


def update_doc(path, block: str, n_people: int) -> None:
    """Put `block` into the eligibility section of `path`, replacing the subsection of the same N; other
    subsections of the section (other N, hand-written analysis) and other sections are kept."""
    from pathlib import Path

    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    start = text.find(HEADING)
    if start < 0:
        before, section, after = text.rstrip("\n") + "\n\n", "", ""
    else:
        end = text.find("\n## ", start + len(HEADING))
        end = len(text) if end < 0 else end + 1
        before, section, after = text[:start], text[start:end], text[end:]
    subsections: list[str] = []
    current: list[str] | None = None
    for line in section.splitlines():
        if line.startswith("### "):
            current = [line]
            subsections.append(current)  # type: ignore[arg-type]
        elif current is not None:
            current.append(line)
    prefix = f"### N = {n_people:,} "
    kept = ["\n".join(s).strip("\n") for s in subsections if not s[0].startswith(prefix)]  # type: ignore[union-attr]
    runs = [s for s in kept if s.startswith("### N = ")] + [block.strip("\n")]
    runs.sort(key=lambda s: -int(s[len("### N = ") :].split(" ", 1)[0].replace(",", "")))
    others = [s for s in kept if not s.startswith("### N = ")]
    new_section = "\n\n".join([HEADING, INTRO.strip("\n"), *runs, *others]) + "\n"
    path.write_text(before + new_section + ("\n" + after if after else ""), encoding="utf-8")
