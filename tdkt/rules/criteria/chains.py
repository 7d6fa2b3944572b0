"""Building blocks of the commendation chains: prior awards, unbroken runs up to the proposal, counts in a run.

For a form of commendation the question's year is the proposal year; the qualifying history is the years
before it. A run "đến thời điểm đề nghị" ends at the last year before the proposal and starts after the
prerequisite award (and after the last award of the same form, so that one achievement is rewarded once).
"""

from __future__ import annotations

from collections.abc import Callable

from tdkt.rules.criteria.context import (
    RATING_NAMES,
    Context,
    award_label,
    counting_awards,
    criterion,
    excluded_award_note,
    good_year,
    name,
    trailing_run,
    years_text,
)
from tdkt.rules.model import GOOD_RATINGS, AwardRecord, Criterion

YearTest = Callable[[Context, int], bool]
_FAR_PAST = 60


def last_year(ctx: Context) -> int:
    return ctx.year - 1


def previous_same_form(ctx: Context) -> int | None:
    """Year of the last merit award of the same form: its achievements are not rewarded again (Art. 5(2))."""
    years = [a.date.year for a in ctx.facts.awards(ctx.award) if a.date < ctx.on and a.type == "cong_trang"]
    return max(years) if years else None


def floor_after(ctx: Context, prerequisite: AwardRecord | None) -> int:
    """First year a qualifying run may start in."""
    candidates = [
        year for year in (previous_same_form(ctx), prerequisite.date.year if prerequisite else None) if year
    ]
    return max(candidates) + 1 if candidates else ctx.year - _FAR_PAST


def prior_award(ctx: Context, code: str, basis: str) -> tuple[Criterion, AwardRecord | None]:
    """The latest award of `code` that may back a higher one (not revoked, of a counting type)."""
    awards = counting_awards(ctx, code)
    latest = awards[-1] if awards else None
    evidence = [award_label(latest)] if latest else []
    evidence += excluded_award_note(ctx, code)
    text = f"Đã được tặng {name(code)}"
    need = f"Cần đã được tặng {name(code)} trước khi đề nghị"
    return criterion(
        f"prior_{code.lower()}", latest is not None, text, basis, evidence or ["không có"], need
    ), latest


def excellent_year(ctx: Context, year: int) -> bool:
    if ctx.facts.rating(year) != "HTXS":
        return False
    return not (ctx.value("chain.discipline_breaks_run") and ctx.facts.disciplines(year))


def collective_good_year(ctx: Context, year: int) -> bool:
    return ctx.facts.task_result(year) in GOOD_RATINGS


def run_criterion(ctx: Context, cid: str, run: list[int], needed: int, what: str, basis: str) -> Criterion:
    text = f"Có từ {needed:02d} năm liên tục trở lên {what} đến thời điểm đề nghị"
    evidence = [f"các năm liên tục: {years_text(run)}"] + _run_evidence(ctx, run)
    need = f"Chuỗi năm liên tục {what} chỉ có {len(run)} năm ({years_text(run)}); cần {needed:02d} năm"
    return criterion(cid, len(run) >= needed, text, basis, evidence, need)


def _run_evidence(ctx: Context, run: list[int]) -> list[str]:
    before = (run[0] if run else ctx.year) - 1
    rating = ctx.facts.rating(before) if ctx.kind == "person" else ctx.facts.task_result(before)
    if before >= ctx.year - _FAR_PAST and rating and rating not in GOOD_RATINGS:
        return [f"năm {before} xếp loại {RATING_NAMES[rating]}: chuỗi bị gián đoạn"]
    return []


def titles_in(ctx: Context, code: str, years: list[int]) -> list[int]:
    return [year for year in years if ctx.facts.has_title(code, year)]


def count_criterion(cid: str, found: list[int], needed: int, text: str, basis: str, need: str) -> Criterion:
    evidence = [f"các năm: {years_text(found)}"]
    return criterion(cid, len(found) >= needed, text, basis, evidence, f"{need} (hiện có {len(found)})")


def title_count(ctx: Context, code: str, run: list[int], key: str, basis: str) -> Criterion:
    needed = ctx.value(key)
    found = titles_in(ctx, code, run)
    text = f"Trong thời gian đó có {needed:02d} lần đạt danh hiệu {name(code)}"
    need = f"Cần {needed:02d} lần {name(code)} trong chuỗi năm liên tục"
    return count_criterion(f"{code.lower()}_count", found, needed, text, basis, need)


def good_run(ctx: Context, floor: int, test: YearTest | None = None) -> list[int]:
    default = good_year if ctx.kind == "person" else collective_good_year
    return trailing_run(ctx, last_year(ctx), floor, test or default)
