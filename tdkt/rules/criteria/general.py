"""Rules that hold for every title and form, added by the engine around each award's own rule.

- `under_review`: no subject may be proposed while it is considered for discipline, inspected for signs of a
  violation, or the subject of a complaint being verified (NĐ 152/2025 Art. 4(4); NĐ 98/2023 Art. 4).
- `other_routes`: the legal routes to the same award that the facts cannot show (an outstanding achievement in
  a movement, an ad hoc feat), listed as `declared`, so that "not eligible" reads "not by this route".
- `newer_law_warnings`: a consideration date on or after a rule set that is known to exist but not enabled
  (the amending law in force 1/10/2026, content unverified) is judged by the last enabled rule set, with a
  warning that names the newer law.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from tdkt.rules.criteria.context import Assessment, Context, _day_text, criterion
from tdkt.rules.model import DECLARED, UNMET, Criterion
from tdkt.rules.rulesets import ND91, ND98, ND152, RULE_SETS, RuleSet

REVIEW_NAMES = {
    "discipline": "đang bị xem xét kỷ luật",
    "inspection": "đang bị thanh tra, kiểm tra do có dấu hiệu vi phạm",
    "complaint": "đang có đơn thư khiếu nại, tố cáo đang được xác minh",
}


def under_review(ctx: Context) -> Criterion | None:
    """Unmet while a period under review covers the consideration date; None when none does."""
    reviews = ctx.facts.reviews_on(ctx.on)
    if not reviews:
        return None
    on = _day_text(ctx.on)
    evidence = [
        f"{REVIEW_NAMES[r.kind]} từ {_day_text(r.start)}"
        + (f" đến {_day_text(r.end)}" if r.end else " (chưa kết thúc)")
        for r in reviews
    ]
    text = (
        f"Không đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo (ngày xét {on})"
    )
    need = f"Chưa được đề nghị khen thưởng cho đến khi có kết luận ({REVIEW_NAMES[reviews[0].kind]})"
    return criterion("under_review", False, text, _review_basis(ctx), evidence, need)


def _review_basis(ctx: Context) -> str:
    if ctx.rule_set.old_law:
        return ND91
    return f"{ND152}, Điều 4 khoản 4" if ctx.rule_set.decree == ND152 else f"{ND98}, Điều 4"


def with_general_rules(ctx: Context, assessment: Assessment) -> Assessment:
    """The rule's assessment with the rules common to every award added to its common criteria."""
    if any(c.id == "applies_to" and c.status == UNMET for c in assessment.common):
        return assessment
    review = under_review(ctx)
    if review is None:
        return assessment
    return Assessment([review, *assessment.common], assessment.alternatives)


# --- other routes ------------------------------------------------------------------------------------------

_ROUTES = {
    ("CO_BO", "collective"): (
        "Dẫn đầu phong trào thi đua theo chuyên đề do bộ, ngành, tỉnh phát động từ 03 năm trở lên, khi sơ kết, tổng kết",
        "Điều 26 khoản 2",
    ),
    ("CO_CP", "collective"): (
        "Dẫn đầu cụm, khối thi đua do Hội đồng Thi đua – Khen thưởng Trung ương tổ chức, hoặc dẫn đầu phong trào "
        "thi đua do Thủ tướng Chính phủ phát động từ 05 năm trở lên",
        "Điều 25 khoản 2, khoản 3",
    ),
    ("BK_BO", "person"): (
        "Có thành tích xuất sắc tiêu biểu trong phong trào thi đua do bộ, ngành, tỉnh phát động; lập được thành "
        "tích đột xuất có ảnh hưởng; hoặc có đóng góp cho sự phát triển kinh tế – xã hội, khoa học, công nghệ",
        "Điều 74 khoản 1 điểm a, b, c",
    ),
    ("BK_BO", "collective"): (
        "Có thành tích xuất sắc tiêu biểu trong phong trào thi đua, thành tích đột xuất có ảnh hưởng, hoặc có "
        "đóng góp cho sự phát triển kinh tế – xã hội",
        "Điều 74 khoản 3",
    ),
    ("BK_TTG", "person"): (
        "Lập được thành tích đột xuất có phạm vi ảnh hưởng, hoặc thành tích xuất sắc tiêu biểu trong phong trào "
        "thi đua do Thủ tướng Chính phủ phát động",
        "Điều 73 khoản 1",
    ),
    ("BK_TTG", "collective"): (
        "Lập được thành tích đột xuất, hoặc thành tích xuất sắc tiêu biểu trong phong trào thi đua",
        "Điều 73 khoản 2",
    ),
    ("GK", "person"): ("Có thành tích đột xuất có ảnh hưởng trong đơn vị", "Điều 75"),
    ("GK", "collective"): ("Có thành tích đột xuất có ảnh hưởng trong đơn vị", "Điều 75"),
}
for _code, _article in (("HCLD3", "Điều 44"), ("HCLD2", "Điều 43"), ("HCLD1", "Điều 42")):
    for _kind in ("person", "collective"):
        _ROUTES[(_code, _kind)] = (
            "Lập được thành tích đặc biệt xuất sắc đột xuất, hoặc có phát minh, sáng chế, công trình khoa học "
            "được ứng dụng có hiệu quả",
            f"{_article} khoản 1" if _kind == "person" else f"{_article} khoản 2",
        )


def other_routes(ctx: Context) -> Criterion | None:
    """The other legal routes to the award that the facts cannot show, as one `declared` criterion."""
    route = _ROUTES.get((ctx.award, ctx.kind))
    if route is None or ctx.rule_set.old_law:
        return None
    return _route(ctx.award, ctx.kind, ctx.rule_set.law, *route)


@lru_cache(maxsize=64)
def _route(award: str, kind: str, law: str, text: str, article: str) -> Criterion:
    shown = f"Cách khác (dữ liệu không thể hiện, Hội đồng xem xét): {text[0].lower()}{text[1:]}"
    return Criterion(
        "other_route", DECLARED, shown, f"{law}, {article}", ["do Hội đồng Thi đua – Khen thưởng đánh giá"]
    )


# --- a newer law not enabled ---------------------------------------------------------------------------------


def newer_law_warnings(on: date, rule_set: RuleSet, enabled: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Warnings for a consideration date on or after a rule set that exists but is not enabled (in code or
    by an administrator)."""
    return _warnings(on, rule_set.id, frozenset(enabled))


@lru_cache(maxsize=256)
def _warnings(on: date, rule_set_id: str, enabled: frozenset[str]) -> tuple[str, ...]:
    rule_set = RULE_SETS[rule_set_id]
    warnings = []
    for newer in RULE_SETS.values():
        if newer.enabled or newer.id in enabled or newer is rule_set:
            continue
        if on >= newer.effective_from:
            warnings.append(
                f"Ngày xét {_day_text(on)} sau ngày {newer.name_vi} có hiệu lực ({_day_text(newer.effective_from)}); "
                f"nội dung của luật này chưa được xác nhận nên kết quả vẫn theo {rule_set.name_vi}. "
                "Cần đối chiếu với văn bản mới trước khi trình."
            )
    return tuple(warnings)
