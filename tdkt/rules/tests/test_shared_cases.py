"""Every example facts file in shared/eligibility/cases (and cases/v2, the version-2 fields) must give the
verdicts it expects.

The shared folder is `$TDKT_SHARED_DIR` when set, else `../shared` beside the repository. A missing folder is
a failure, not a skip: the cases are the engine's specification.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tdkt.rules.check import run_check

REPO = Path(__file__).resolve().parents[3]
SHARED_DIR = Path(os.environ.get("TDKT_SHARED_DIR") or REPO.parent / "shared")
CASES_DIR = SHARED_DIR / "eligibility" / "cases"
CASE_FILES = sorted([*CASES_DIR.glob("*.json"), *CASES_DIR.glob("v2/*.json")]) if CASES_DIR.is_dir() else []


def test_shared_cases_are_found() -> None:
    assert CASES_DIR.is_dir(), f"shared eligibility cases not found at {CASES_DIR}: set TDKT_SHARED_DIR"
    assert any(path.parent.name == "v2" for path in CASE_FILES), f"no version-2 cases in {CASES_DIR / 'v2'}"


def _questions(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


@pytest.mark.parametrize("path", CASE_FILES, ids=[str(p.relative_to(CASES_DIR)) for p in CASE_FILES])
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


def test_hai2_earliest_year_is_2028() -> None:
    status, output = run_check(str(CASES_DIR / "commendation-chains.json"), explain=False)
    by_subject = {r["subject"]: r for r in json.loads(output)["results"]}
    assert by_subject["hai2"]["earliest_year"] == 2028
    assert by_subject["hai"]["earliest_year"] is None
