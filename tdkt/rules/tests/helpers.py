"""Compact builders for facts-file dicts, so that test tables stay readable."""

from __future__ import annotations

from typing import Any

from tdkt.rules.engine import evaluate
from tdkt.rules.factsfile import parse_facts


def _pairs(spec: str) -> list[tuple[str, str]]:
    return [tuple(item.split(":")) for item in spec.split()]


def ratings(spec: str) -> dict[str, str]:
    """ "2023:HTXS 2024:HTT" -> {"2023": "HTXS", "2024": "HTT"}."""
    return {year: code for year, code in _pairs(spec)}


def titles(spec: str, revoked: str = "") -> list[dict[str, Any]]:
    """ "CSTDCS:2023 CSTDCS:2024" -> title records; `revoked` lists "CODE:YEAR" entries marked revoked."""
    gone = set(revoked.split())
    return [
        {"code": code, "year": int(year), "revoked": f"{code}:{year}" in gone} for code, year in _pairs(spec)
    ]


def award(code: str, on: str, type: str = "cong_trang", revoked: bool = False, decision: str = "") -> dict:
    return {
        "code": code,
        "date": on,
        "decision": decision or f"{code}/{on}",
        "type": type,
        "revoked": revoked,
    }


def initiative(
    year: int, scope: str = "co_so", kind: str = "initiative", applied: bool = True, decision: str = ""
):
    return {
        "year": year,
        "scope": scope,
        "kind": kind,
        "applied": applied,
        "decision": decision or f"SK-{year}-{scope}-{kind}",
    }


def person(**fields: Any) -> dict[str, Any]:
    return {"id": "p", "kind": "person", "name": "Nguyễn Văn An", **fields}


def unit(task: str = "", counts: dict[str, dict[str, int]] | None = None, **fields: Any) -> dict[str, Any]:
    return {
        "id": "p",
        "kind": "collective",
        "name": "Đội Kiểm soát Hải quan số 1",
        "task_results": ratings(task),
        "member_counts": counts or {},
        **fields,
    }


def members(
    total: int, ldtt: int, cstdcs: int = 1, below_ht: int = 0, disciplined: int = 0
) -> dict[str, int]:
    return {
        "total": total,
        "LDTT": ldtt,
        "CSTDCS": cstdcs,
        "below_HT": below_ht,
        "disciplined_canh_cao_or_above": disciplined,
    }


def verdict_for(subject: dict, award: str, year: int, on: str | None = None, params: dict | None = None):
    question = {"subject": subject["id"], "award": award, "year": year}
    if on:
        question["date"] = on
    facts = parse_facts({"parameters": params or {}, "subjects": [subject], "questions": [question]})
    return evaluate(facts.questions[0], facts.subjects[subject["id"]], facts.parameters)
