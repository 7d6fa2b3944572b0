"""The eligibility engine alone: time `evaluate_many(..., earliest=False)` on synthetic people, no database.

    .venv/bin/python bench/engine_profile.py --save /tmp/engine_before.jsonl.gz    # record the verdicts
    .venv/bin/python bench/engine_profile.py --compare /tmp/engine_before.jsonl.gz # check them, same data
    .venv/bin/python bench/engine_profile.py --profile 20                          # cProfile top 20

20,000 people (deterministic for a seed) with ten years of ratings (2016–2025), the titles that follow from
them (LĐTT, CSTĐCS, a few CSTĐ cấp bộ / toàn quốc), some Bằng khen cấp bộ / Thủ tướng, Giấy khen,
initiatives, a few disciplines and leadership posts, judged for LDTT, CSTDCS, CSTD_BO, CSTD_TQ, GK, BK_BO,
BK_TTG and HCLD3 in the review of 2025 (`services.question_year`: titles 2025, forms 2026).

The timing is the best of `--repeat` runs over fresh copies of the subjects (so that every run builds the
per-subject indexes, as a batch does). `--compare` checks `check.verdict_to_dict` of every verdict against a
file written by `--save`; run `--save` on the code before a change and `--compare` after it. Pure Python:
imports only `tdkt.rules` modules that do not need Django.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import pstats
import random
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `tdkt` importable without shadowing a PYTHONPATH copy
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from tdkt.rules.check import verdict_to_dict
from tdkt.rules.engine import evaluate_many
from tdkt.rules.model import (
    PERSON,
    TITLES,
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PositionRecord,
    Question,
    SubjectFacts,
    TitleRecord,
)

CODES = ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG", "HCLD3")
REVIEW_YEAR = 2025
YEARS = range(REVIEW_YEAR - 9, REVIEW_YEAR + 1)
LEVELS = ("khien_trach", "canh_cao", "ha_bac_luong")
POSTS = ("pho_vu_truong", "vu_truong", "pho_cuc_truong", "cuc_truong")


def question_year(code: str, review_year: int) -> int:
    """As `tdkt.rules.services.question_year` (not imported: that module needs Django)."""
    return review_year if code in TITLES else review_year + 1


# --- synthetic people ------------------------------------------------------------------------------------------


class _Person:
    """The history of one person, built year by year with the same habits as `bench/generate.py`."""

    def __init__(self, rng: random.Random, number: int) -> None:
        self.rng = rng
        self.number = number
        self.ratings: dict[int, str] = {}
        self.titles: list[TitleRecord] = []
        self.awards: list[AwardRecord] = []
        self.initiatives: list[InitiativeRecord] = []
        self.discipline: list[DisciplineRecord] = []
        self.runs = {"ldtt": 0, "cstdcs": 0, "cstd_bo": 0}
        self.last = {"cstd_bo": None, "bk_bo": None, "bk_ttg": None}
        skill = rng.random()
        self.p_htxs = 0.05 + 0.25 * skill
        self.p_ht = self.p_htxs + 0.04 + 0.12 * (1 - skill)

    def year(self, year: int) -> None:
        rng = self.rng
        disciplined = rng.random() < 0.01
        if disciplined:
            level = rng.choice(LEVELS)
            self.discipline.append(DisciplineRecord(year, level, rng.random() < 0.8))
            rating = "HT" if level == "khien_trach" else "KHT"
        else:
            u = rng.random()
            rating = "HTXS" if u < self.p_htxs else "HT" if u < self.p_ht else "HTT"
        self.ratings[year] = rating
        good = rating in ("HTXS", "HTT") and not disciplined
        scope = self._initiative(year, good, rating)
        if year < REVIEW_YEAR:  # the review year is being judged: no titles or forms decided yet
            self._titles(year, good, rating, scope)
            self._forms(year)

    def _initiative(self, year: int, good: bool, rating: str) -> str | None:
        rng = self.rng
        if not (good and rng.random() < (0.8 if rating == "HTXS" else 0.05)):
            return None
        u = rng.random()
        scope = "co_so" if u < 0.85 else "bo" if u < 0.97 else "toan_quoc"
        kind = "research" if rng.random() < 0.15 else "initiative"
        decision = f"{self.number % 400}-{year}/QĐ-SK-{len(self.initiatives)}"
        self.initiatives.append(InitiativeRecord(year, scope, kind, decision, rng.random() < 0.95))
        if rng.random() < 0.03:  # the same decision listed twice
            self.initiatives.append(InitiativeRecord(year, scope, kind, decision, True))
        return scope

    def _titles(self, year: int, good: bool, rating: str, scope: str | None) -> None:
        rng, runs = self.rng, self.runs
        ldtt = good and rng.random() < 0.97
        cstdcs = ldtt and rating == "HTXS" and (scope or year >= 2024) and rng.random() < 0.8
        runs["ldtt"] = runs["ldtt"] + 1 if ldtt else 0
        runs["cstdcs"] = runs["cstdcs"] + 1 if cstdcs else 0
        revoked = rng.random() < 0.002
        if ldtt:
            self.titles.append(TitleRecord("LDTT", year, revoked, f"{year}/QĐ-TĐKT"))
        if cstdcs:
            self.titles.append(TitleRecord("CSTDCS", year, revoked, f"{year}/QĐ-TĐKT"))
        last = self.last["cstd_bo"]
        if runs["cstdcs"] >= 3 and (last is None or year - last >= 3) and rng.random() < 0.5:
            self.last["cstd_bo"] = year
            runs["cstd_bo"] += 1
            self.titles.append(TitleRecord("CSTD_BO", year, False, f"{year}-CSTD/QĐ-BTC"))
            if runs["cstd_bo"] >= 2 and rng.random() < 0.3:
                self.titles.append(TitleRecord("CSTD_TQ", year, False, f"{year}-CSTDTQ/QĐ-TTg"))

    def _forms(self, year: int) -> None:
        rng, runs, last = self.rng, self.runs, self.last
        if runs["ldtt"] >= 2 and rng.random() < 0.06:
            self.awards.append(AwardRecord("GK", date(year + 1, 2, 1), f"{year}/QĐ-GK"))
        elif rng.random() < 0.01:
            self.awards.append(AwardRecord("GK", date(year, 9, 2), f"{year}/QĐ-GKĐX", "dot_xuat"))
        ready = runs["cstdcs"] >= 2 or runs["ldtt"] >= 5
        if ready and (last["bk_bo"] is None or year - last["bk_bo"] >= 5) and rng.random() < 0.35:
            last["bk_bo"] = year
            kind = "chuyen_de" if rng.random() < 0.05 else "cong_trang"
            self.awards.append(AwardRecord("BK_BO", date(year + 1, 4, 10), f"{year}/QĐ-BTC", kind))
        elif (
            last["bk_bo"] is not None
            and year - last["bk_bo"] >= 3
            and runs["ldtt"] >= 3
            and (last["bk_ttg"] is None or year - last["bk_ttg"] >= 5)
            and rng.random() < 0.3
        ):
            last["bk_ttg"] = year
            self.awards.append(AwardRecord("BK_TTG", date(year + 1, 7, 1), f"{year}/QĐ-TTg"))

    def facts(self) -> SubjectFacts:
        return SubjectFacts(
            id=f"p{self.number}",
            kind=PERSON,
            name=f"Người {self.number}",
            ratings=self.ratings,
            titles=tuple(sorted(self.titles, key=lambda t: (t.year, t.code))),
            awards=tuple(sorted(self.awards, key=lambda a: (a.date, a.code))),
            initiatives=tuple(self.initiatives),
            discipline=tuple(self.discipline),
            positions=self._positions(),
        )

    def _positions(self) -> tuple[PositionRecord, ...]:
        rng = self.rng
        if rng.random() >= 0.09:
            return ()
        start = date(rng.randint(2000, 2022), rng.randint(1, 12), 1)
        return (PositionRecord(rng.choice(POSTS), start, None),)


def build_subjects(n: int, seed: int = 2025) -> list[SubjectFacts]:
    rng = random.Random(seed)
    subjects = []
    for number in range(1, n + 1):
        person = _Person(rng, number)
        hired = YEARS[0] if rng.random() < 0.8 else rng.randint(YEARS[0], YEARS[-1])
        for year in range(hired, YEARS[-1] + 1):
            person.year(year)
        subjects.append(person.facts())
    return subjects


def build_questions(subjects: list[SubjectFacts]) -> list[Question]:
    return [Question(s.id, code, question_year(code, REVIEW_YEAR)) for s in subjects for code in CODES]


def fresh(subjects: list[SubjectFacts]) -> dict[str, SubjectFacts]:
    """Copies without the cached index, so that each timed run indexes every subject again."""
    return {s.id: replace(s) for s in subjects}


# --- measuring -------------------------------------------------------------------------------------------------


def timed_run(questions, subjects, repeat: int) -> tuple[float, float, list]:
    """(best wall time, best CPU time of this process, verdicts): the machine is shared, CPU time is steadier."""
    wall, cpu, verdicts = float("inf"), float("inf"), []
    for _ in range(repeat):
        by_id = fresh(subjects)
        t0, c0 = time.perf_counter(), time.process_time()
        verdicts = evaluate_many(questions, by_id, earliest=False)
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - t0)
    return wall, cpu, verdicts


def profile(questions, subjects, top: int) -> str:
    by_id = fresh(subjects)
    profiler = cProfile.Profile()
    profiler.enable()
    evaluate_many(questions, by_id, earliest=False)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def save(path: str, verdicts) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for v in verdicts:
            f.write(json.dumps(verdict_to_dict(v), ensure_ascii=False, sort_keys=True) + "\n")


def compare(path: str, verdicts) -> tuple[int, int, str]:
    """(compared, differing, first difference) against a file written by `save`."""
    differing, first = 0, ""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    if len(lines) != len(verdicts):
        return len(lines), abs(len(lines) - len(verdicts)), "different number of verdicts"
    for line, v in zip(lines, verdicts, strict=True):
        now = json.dumps(verdict_to_dict(v), ensure_ascii=False, sort_keys=True)
        if now != line:
            differing += 1
            first = first or f"before: {line}\nafter:  {now}"
    return len(lines), differing, first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--save", metavar="FILE", help="write every verdict (gzip JSON lines)")
    parser.add_argument("--compare", metavar="FILE", help="check every verdict against a saved file")
    parser.add_argument("--profile", type=int, metavar="TOP", default=0, help="cProfile, top N by own time")
    args = parser.parse_args(argv)

    subjects = build_subjects(args.people, args.seed)
    questions = build_questions(subjects)
    wall, cpu, verdicts = timed_run(questions, subjects, args.repeat)
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    print(
        f"{len(questions):,} questions ({args.people:,} people × {len(CODES)} codes), best of {args.repeat}: "
        f"wall {wall:.2f} s = {wall / len(questions) * 1e6:.1f} µs per question, "
        f"CPU {cpu:.2f} s = {cpu / len(questions) * 1e6:.1f} µs per question; {counts}"
    )
    status = 0
    if args.save:
        save(args.save, verdicts)
        print(f"saved {len(verdicts):,} verdicts to {args.save}")
    if args.compare:
        compared, differing, first = compare(args.compare, verdicts)
        print(f"compared {compared:,} verdicts with {args.compare}: {differing} differ")
        if differing:
            print(first)
            status = 1
    if args.profile:
        print(profile(questions, subjects, args.profile))
    return status


if __name__ == "__main__":
    sys.exit(main())
