"""Building blocks of the commendation chains: prior awards, unbroken runs up to the proposal, counts in a run.

For a form of commendation the question's year is the proposal year; the qualifying history is the years
before it. A run "đến thời điểm đề nghị" ends at the last year before the proposal and starts after the
prerequisite award (and after the last award of the same form, so that one achievement is rewarded once).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from tdkt.rules.criteria.context import (
    RATING_NAMES,
    Context,
    award_label,
    cached_texts,
    collective_good_year,
    counting_awards,
    criterion,
    excluded_award_note,
    good_year,
    name,
    penalty_cut_after,
    penalty_note,
    trailing_run,
    unknown,
    years_text,
)
from tdkt.rules.model import GOOD_RATINGS, UNMET, AwardRecord, Criterion

YearTest = Callable[[Context, int], bool]
_FAR_PAST = 60


def last_year(ctx: Context) -> int:
    return ctx.year - 1


def previous_same_form(ctx: Context) -> int | None:
    """Last achievement year rewarded by the last merit award of the same form: its achievements are not
    rewarded again (Art. 5(2)). That is the end of the period the decision names ("thành tích năm
    2023–2024"), or the decision's year when it names none."""
    years = [a.counted_to for a in ctx.facts.awards_before(ctx.award, ctx.on) if a.type == "cong_trang"]
    return max(years) if years else None


def floor_after(ctx: Context, prerequisite: AwardRecord | None) -> int:
    """First year a qualifying run may start in: after the achievements the last award of the same form and
    the prerequisite award rewarded."""
    candidates = [
        year for year in (previous_same_form(ctx), prerequisite.counted_to if prerequisite else None) if year
    ]
    return max(candidates) + 1 if candidates else ctx.year - _FAR_PAST


def prior_award(ctx: Context, code: str, basis: str) -> tuple[Criterion, AwardRecord | None]:
    """The latest award of `code` that may back a higher one (not revoked, of a counting type)."""
    awards = counting_awards(ctx, code)
    latest = awards[-1] if awards else None
    evidence = [award_label(latest)] if latest else []
    evidence += excluded_award_note(ctx, code)
    cid, text, need = _prior_texts(code)
    if latest is None:  # an award is not simulated by the earliest-year search: no later year fixes this
        return Criterion(cid, UNMET, text, basis, evidence or ["không có"], need, blocks_future=True), None
    return criterion(cid, True, text, basis, evidence, need), latest


@cached_texts
def _prior_texts(code: str) -> tuple[str, str, str]:
    """(criterion id, text, need) of `prior_award`."""
    return (
        f"prior_{code.lower()}",
        f"Đã được tặng {name(code)}",
        f"Cần đã được tặng {name(code)} trước khi đề nghị",
    )


def run_criterion(
    ctx: Context,
    cid: str,
    run: list[int],
    needed: int,
    what: str,
    basis: str,
    *,
    test: YearTest | None = None,
    floor: int | None = None,
) -> Criterion:
    """`needed` years in the run. A year without a rating that stopped the run leaves it undecided when that
    year, had it gone well, could have completed the run (`test` and `floor` are the run's own)."""
    shown, need = _run_texts(tuple(run), needed, what)
    evidence = [shown, *_run_evidence(ctx, run), *penalty_note(ctx, run, ctx.year - _FAR_PAST)]
    if len(run) < needed:
        gap = unrated_gap(ctx, run)
        if gap is not None and _bridged(ctx, gap[0], len(run), test, floor) < needed:
            evidence.append(gap[1])
            gap = None
        if gap is not None:
            year, leave_text = gap
            evidence.append(leave_text)
            need = f"Chưa có kết quả đánh giá, xếp loại năm {year}: cần bổ sung để xét chuỗi năm liên tục"
            return unknown(cid, _run_text(needed, what), basis, evidence, need)
    return criterion(cid, len(run) >= needed, _run_text(needed, what), basis, evidence, need)


def _bridged(ctx: Context, gap: int, after: int, test: YearTest | None, floor: int | None) -> int:
    """The length the run would have if the unrated year `gap` had gone well."""
    if floor is not None and gap < floor:
        return after
    default = good_year if ctx.kind == "person" else collective_good_year
    before = trailing_run(ctx, gap - 1, floor if floor is not None else ctx.year - _FAR_PAST, test or default)
    return len(before) + 1 + after


def unrated_gap(ctx: Context, run: list[int]) -> tuple[int, str] | None:
    """The year that stopped a run when it has no rating (or task result) although earlier years have one,
    and no recorded leave explains it: (year, evidence). Such a gap leaves the run undecided, not broken."""
    before = (run[0] if run else ctx.year) - 1
    facts = ctx.facts
    person = ctx.kind == "person"
    result = facts.rating(before) if person else facts.task_result(before)
    if result is not None or before < ctx.year - _FAR_PAST:
        return None
    if penalty_cut_after(ctx, before) is not None:  # the year is before a penalty's term ended: not counted
        return None
    if facts.last_rated_before(before) is None:
        return None  # nothing rated before: the gap is the start of the history, not inside the run
    if person:
        leaves = facts.leaves_in(before)
        if any(leave.kind == "maternity" for leave in leaves):
            # NĐ 152/2025 Art. 4(5): time on maternity leave counts; the year still needs its rating.
            return before, f"năm {before} nghỉ thai sản: thời gian nghỉ được tính, cần xếp loại năm đó"
        if leaves:
            return None  # another leave explains the year: it is not counted (see `_run_evidence`)
    return before, f"không có kết quả đánh giá năm {before}"


@lru_cache(maxsize=4096, typed=True)
def _run_texts(run: tuple[int, ...], needed: int, what: str) -> tuple[str, str]:
    """(evidence, need) of `run_criterion`."""
    shown = years_text(run)
    need = f"Chuỗi năm liên tục {what} chỉ có {len(run)} năm ({shown}); cần {needed:02d} năm"
    return f"các năm liên tục: {shown}", need


@cached_texts
def _run_text(needed: int, what: str) -> str:
    return f"Có từ {needed:02d} năm liên tục trở lên {what} đến thời điểm đề nghị"


def _run_evidence(ctx: Context, run: list[int]) -> list[str]:
    before = (run[0] if run else ctx.year) - 1
    rating = ctx.facts.rating(before) if ctx.kind == "person" else ctx.facts.task_result(before)
    if before >= ctx.year - _FAR_PAST and rating and rating not in GOOD_RATINGS:
        return [f"năm {before} xếp loại {RATING_NAMES[rating]}: chuỗi bị gián đoạn"]
    if rating is None and ctx.kind == "person" and before >= ctx.year - _FAR_PAST:
        leaves = [leave for leave in ctx.facts.leaves_in(before) if leave.kind != "maternity"]
        if leaves:
            return [leave_text(before, leaves)]
    return []


LEAVE_NAMES = {"maternity": "nghỉ thai sản", "sick": "nghỉ ốm", "study": "đi học", "other": "nghỉ"}


def leave_text(year: int, leaves) -> str:
    kinds = ", ".join(dict.fromkeys(LEAVE_NAMES[leave.kind] for leave in leaves))
    return f"năm {year} không có xếp loại ({kinds}): năm đó không được tính vào chuỗi năm liên tục"


def titles_in(ctx: Context, code: str, years: list[int]) -> list[int]:
    return list(ctx.facts.title_years_among(code, tuple(years)))


def count_criterion(cid: str, found: list[int], needed: int, text: str, basis: str, need: str) -> Criterion:
    shown, need = _found_texts(tuple(found), need)
    return criterion(cid, len(found) >= needed, text, basis, [shown], need)


@lru_cache(maxsize=4096)
def _found_texts(found: tuple[int, ...], need: str) -> tuple[str, str]:
    """(evidence, need) of `count_criterion`."""
    return f"các năm: {years_text(found)}", f"{need} (hiện có {len(found)})"


def title_count(ctx: Context, code: str, run: list[int], key: str, basis: str) -> Criterion:
    needed = ctx.value(key)
    found = titles_in(ctx, code, run)
    cid, text, need = _count_texts(needed, code)
    counted = count_criterion(cid, found, needed, text, basis, need)
    return undecided_by_gap(ctx, counted, run)


def undecided_by_gap(ctx: Context, counted: Criterion, run: list[int]) -> Criterion:
    """A count over a run that an unrated year stopped is undecided too: the run may be longer."""
    if counted.status != "unmet":
        return counted
    gap = unrated_gap(ctx, run)
    if gap is None:
        return counted
    need = f"{counted.need} — chuỗi năm chưa xác định được vì thiếu kết quả đánh giá năm {gap[0]}"
    return unknown(counted.id, counted.text, counted.basis, [*counted.evidence, gap[1]], need)


@cached_texts
def _count_texts(needed: int, code: str) -> tuple[str, str, str]:
    """(criterion id, text, need) of `title_count`."""
    return (
        f"{code.lower()}_count",
        f"Trong thời gian đó có {needed:02d} lần đạt danh hiệu {name(code)}",
        f"Cần {needed:02d} lần {name(code)} trong chuỗi năm liên tục",
    )


def good_run(ctx: Context, floor: int, test: YearTest | None = None) -> list[int]:
    default = good_year if ctx.kind == "person" else collective_good_year
    return trailing_run(ctx, last_year(ctx), floor, test or default)
