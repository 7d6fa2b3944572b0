"""Every example facts file in shared/eligibility/cases must give the verdicts it expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tdkt.rules.check import run_check

CASES_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "eligibility" / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.json")) if CASES_DIR.is_dir() else []


def _questions(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


@pytest.mark.skipif(not CASE_FILES, reason=f"shared example cases not found at {CASES_DIR}")
@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_shared_case_file(path: Path) -> None:
    status, output = run_check(str(path), explain=False)
    assert status == 0, output
    results = json.loads(output)["results"]
    questions = _questions(path)
    assert len(results) == len(questions)
    for question, result in zip(questions, results, strict=True):
        assert (result["subject"], result["award"], result["year"]) == (
            question["subject"],
            question["award"],
            question["year"],
        )
        if "expect" in question:
            assert result["verdict"] == question["expect"], (question, result["missing"])


@pytest.mark.skipif(not CASE_FILES, reason=f"shared example cases not found at {CASES_DIR}")
def test_hai2_earliest_year_is_2028() -> None:
    status, output = run_check(str(CASES_DIR / "commendation-chains.json"), explain=False)
    by_subject = {r["subject"]: r for r in json.loads(output)["results"]}
    assert by_subject["hai2"]["earliest_year"] == 2028
    assert by_subject["hai"]["earliest_year"] is None
