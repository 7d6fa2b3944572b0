"""Verdicts in plain Vietnamese for the pages: sentences, not `ratings.2026 = HTXS`, parameter keys,
rule-set codes or drafting notes. The technical form stays in the verdict (API, facts file, the
administrators' "chi tiết kỹ thuật" toggle); these functions only say the same thing for people.
"""

from __future__ import annotations

import re

from tdkt.rules.criteria.context import RATING_NAMES
from tdkt.rules.rulesets import RULE_SETS

_RATING = re.compile(r"^(ratings|task_results)\.(\d{4}) = (HTXS|HTT|HT|KHT)$")
_COUNT = re.compile(r"^member_counts\.(\d{4})\.(\w+) = (\d+)$")
_DISCIPLINE = re.compile(r"^discipline\.(\d{4}) = (.+)$")
_TECHNICAL = re.compile(r"^[a-z_]+(\.[\w\"\[\]]+)+ = |^kind = ")
# Drafting notes in a basis: "(chưa thấy điều khoản thay thế; dùng mức của …)", "(mức của luật cũ)".
_NOTE = re.compile(r"\s*\((?:chưa|dùng|mức của|theo giải đáp|khoản về)[^()]*\)")
_COUNT_NAMES = {
    "LDTT": "người đạt Lao động tiên tiến",
    "CSTDCS": "người đạt Chiến sĩ thi đua cơ sở",
    "below_HT": "người không hoàn thành nhiệm vụ",
    "disciplined_canh_cao_or_above": "người bị kỷ luật từ cảnh cáo trở lên",
    "total": "thành viên",
}
_CODES_IN_TEXT = re.compile(r"\((?:xếp loại )?(HTXS|HTT|HT|KHT)\)")


def evidence(text: str) -> str | None:
    """The evidence as a sentence, or None when it is only technical (shown to administrators)."""
    match = _RATING.match(text)
    if match:
        field, year, code = match.groups()
        what = "xếp loại" if field == "ratings" else "kết quả"
        return f"Năm {year}: {what} {RATING_NAMES[code]}"
    match = _COUNT.match(text)
    if match:
        year, field, number = match.groups()
        return f"Năm {year}: {number} {_COUNT_NAMES.get(field, field)}"
    match = _DISCIPLINE.match(text)
    if match:
        return f"Năm {match[1]}: bị kỷ luật {match[2]}"
    if _TECHNICAL.match(text):
        return None
    return text


def evidence_list(items) -> list[str]:
    return [shown for shown in map(evidence, items) if shown]


def basis(text: str) -> str:
    """The legal basis without drafting notes."""
    return _NOTE.sub("", text).strip()


def criterion_text(text: str) -> str:
    """The criterion's sentence: rating codes spelled out, no word repeated after its status badge."""
    text = _CODES_IN_TEXT.sub(lambda m: f"({RATING_NAMES[m[1]].lower()})", text)
    if text.startswith("Đạt tiêu chuẩn "):
        text = "Tiêu chuẩn " + text[len("Đạt tiêu chuẩn ") :]
    return text


def rule_set_name(rule_set_id: str) -> str:
    rule_set = RULE_SETS.get(rule_set_id)
    return rule_set.name_vi if rule_set else rule_set_id
