"""`tdkt eligibility check`: answer every question of a facts file, as JSON or as a Vietnamese report."""

from __future__ import annotations

import json
from typing import Any

from tdkt.rules.engine import evaluate_many
from tdkt.rules.factsfile import FactsError, load_facts
from tdkt.rules.model import (
    DECLARED,
    ELIGIBLE,
    MET,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    PENDING,
    UNKNOWN,
    UNMET,
    Verdict,
)
from tdkt.rules.rulesets import AWARD_NAMES, RULE_SETS

EXIT_OK = 0
EXIT_BAD_FILE = 2

_VERDICT_TEXT = {
    ELIGIBLE: "ĐỦ ĐIỀU KIỆN đề nghị",
    NOT_ELIGIBLE: "CHƯA ĐỦ ĐIỀU KIỆN",
    NEEDS_REVIEW: "CẦN XEM XÉT THÊM",
}
_STATUS_MARK = {
    MET: "[đạt]",
    UNMET: "[chưa đạt]",
    UNKNOWN: "[chưa xác định]",
    DECLARED: "[Hội đồng đánh giá]",
    PENDING: "[chờ bỏ phiếu]",
}


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    """The verdict with exactly the fields of the facts-file output format."""
    return {
        "subject": verdict.subject,
        "award": verdict.award,
        "year": verdict.year,
        "rule_set": verdict.rule_set,
        "verdict": verdict.verdict,
        "criteria": [
            {"id": c.id, "status": c.status, "text": c.text, "basis": c.basis, "evidence": list(c.evidence)}
            for c in verdict.criteria
        ],
        "missing": list(verdict.missing),
        "earliest_year": verdict.earliest_year,
        "warnings": list(verdict.warnings),
    }


def run_check(path: str, explain: bool = False) -> tuple[int, str]:
    """(0, output) with the verdicts in question order, or (2, message naming the place) for a bad file."""
    try:
        facts = load_facts(path)
    except FactsError as exc:
        return EXIT_BAD_FILE, str(exc)
    verdicts = evaluate_many(facts.questions, facts.subjects, facts.parameters)
    if explain:
        names = {sid: subject.name for sid, subject in facts.subjects.items()}
        return EXIT_OK, explain_text(verdicts, names)
    results = {"results": [verdict_to_dict(v) for v in verdicts]}
    return EXIT_OK, json.dumps(results, ensure_ascii=False, indent=2)


def explain_text(verdicts: list[Verdict], names: dict[str, str]) -> str:
    return "\n\n".join(_explain_one(i, v, names.get(v.subject, "")) for i, v in enumerate(verdicts, start=1))


def _explain_one(number: int, verdict: Verdict, name: str) -> str:
    who = f"{name} ({verdict.subject})" if name else verdict.subject
    rule_set = RULE_SETS[verdict.rule_set].name_vi
    lines = [
        f"{number}. {who} — {AWARD_NAMES[verdict.award]} ({verdict.award}), năm {verdict.year}",
        f"   Căn cứ áp dụng: {rule_set}",
        f"   Kết luận: {_VERDICT_TEXT[verdict.verdict]}",
    ]
    lines += [f"   Cảnh báo: {warning}" for warning in verdict.warnings]
    lines.append("   Tiêu chí:")
    for c in verdict.criteria:
        lines.append(f"   - {_STATUS_MARK[c.status]} {c.text}")
        lines.append(f"       Căn cứ: {c.basis}")
        if c.evidence:
            lines.append(f"       Minh chứng: {'; '.join(c.evidence)}")
    if verdict.missing:
        lines.append("   Còn thiếu:")
        lines += [f"   - {item}" for item in verdict.missing]
    if verdict.earliest_year:
        lines.append(
            f"   Năm sớm nhất có thể đủ điều kiện (nếu các năm tới đều tốt): {verdict.earliest_year}"
        )
    return "\n".join(lines)
