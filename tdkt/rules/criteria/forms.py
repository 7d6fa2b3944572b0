"""Forms of commendation below the medals: Giấy khen, Bằng khen cấp bộ, Bằng khen của Thủ tướng Chính phủ."""

from __future__ import annotations

from tdkt.rules.criteria.chains import (
    count_criterion,
    floor_after,
    good_run,
    last_year,
    prior_award,
    run_criterion,
    title_count,
    titles_in,
)
from tdkt.rules.criteria.context import (
    RATING_NAMES,
    Assessment,
    Context,
    cached_texts,
    collective_good_year,
    criterion,
    cstdcs_year,
    cut_note,
    declared,
    excellent_year,
    initiative_label,
    initiatives_in,
    name,
    no_discipline_in_year,
    penalty_cut_after,
    penalty_note,
    trailing_run,
    unknown,
    years_text,
)
from tdkt.rules.model import RATINGS, Criterion
from tdkt.rules.rulesets import UNSET

_RATING_ORDER = {code: rank for rank, code in enumerate(reversed(RATINGS))}
_CSTDCS = name("CSTDCS")


def _is_person(ctx: Context) -> bool:
    return ctx.kind == "person"


# --- Giấy khen ---------------------------------------------------------------------------------------------


def rule_gk(ctx: Context) -> Assessment:
    year = last_year(ctx)
    minimum = ctx.value("gk.min_rating")
    person = _is_person(ctx)
    result = ctx.facts.rating(year) if person else ctx.facts.task_result(year)
    ok = result is not None and _RATING_ORDER[result] >= _RATING_ORDER[minimum]
    text, evidence, need = _gk_texts(person, year, minimum, result)
    if result is None and ctx.facts.last_rated_before(year) is not None:
        need = f"Chưa có kết quả đánh giá, xếp loại năm {year}: cần bổ sung để xét"
        rated = unknown("rating", text, ctx.basis("gk.min_rating"), [evidence], need)
    else:
        rated = criterion("rating", ok, text, ctx.basis("gk.min_rating"), [evidence], need)
    common: list[Criterion] = [rated]
    if ctx.value("chain.discipline_breaks_run") and person:
        common.append(no_discipline_in_year(ctx, year))
    cut = penalty_cut_after(ctx, year)  # not the whole discipline history: it would split the paths
    if cut is not None and not ctx.facts.disciplines(year):
        text = f"Thành tích năm {year} được tính (đã hết thời hạn kỷ luật)"
        need = f"Đang trong thời hạn kỷ luật: thành tích chỉ được tính từ năm {cut.first_year}"
        basis = ctx.basis("discipline.counts_after_term")
        common.append(criterion("penalty_term", False, text, basis, cut_note(cut), need))
    common.append(declared("achievement", _ACHIEVEMENT, ctx.cite("Điều 75 khoản 2", "Điều 75")))
    return Assessment([c for c in common if c], [])


_ACHIEVEMENT = (
    "Có thành tích được ghi nhận trong phong trào thi đua, hoặc thành tích đột xuất có ảnh hưởng trong đơn vị"
)


@cached_texts
def _gk_texts(person: bool, year: int, minimum: str, result: str | None) -> tuple[str, str, str]:
    """(text, evidence, need) of the rating criterion of the Giấy khen."""
    label = "Xếp loại" if person else "Kết quả thực hiện nhiệm vụ"
    text = f"{label} năm {year} từ {RATING_NAMES[minimum]} trở lên ({RATING_NAMES.get(result, 'chưa có')})"
    evidence = f"{'ratings' if person else 'task_results'}.{year} = {result}"
    return text, evidence, f"Cần {RATING_NAMES[minimum].lower()} trở lên năm {year}"


# --- Bằng khen cấp bộ --------------------------------------------------------------------------------------


def _cstdcs_twice(ctx: Context, floor: int) -> list[Criterion]:
    needed = ctx.value("bk_bo.consecutive_cstdcs")
    run = trailing_run(ctx, last_year(ctx), floor, cstdcs_year)
    evidence = [f"{_CSTDCS}: {years_text(run)}", *penalty_note(ctx, run, floor)]
    if any(y <= 2023 for y in run) and not ctx.rule_set.old_law:
        evidence.append(
            "danh hiệu trước năm 2024 vẫn được công nhận (Luật Thi đua, khen thưởng 2022, Điều 95)"
        )
    text, need = _cstdcs_twice_texts(needed, last_year(ctx))
    basis = ctx.basis("bk_bo.consecutive_cstdcs")
    return [criterion("cstdcs_consecutive", len(run) >= needed, text, basis, evidence, need)]


@cached_texts
def _cstdcs_twice_texts(needed: int, last: int) -> tuple[str, str]:
    return (
        f"Có {needed:02d} lần liên tục đạt danh hiệu {_CSTDCS} (đến năm {last})",
        f"Cần {needed:02d} lần liên tục đạt {_CSTDCS} đến năm {last}",
    )


def _htxs_with_initiatives(ctx: Context, floor: int) -> list[Criterion]:
    run = trailing_run(ctx, last_year(ctx), floor, excellent_year)
    basis = ctx.basis("bk_bo.consecutive_htxs_years")
    needed = ctx.value("bk_bo.consecutive_htxs_years")
    first = run_criterion(
        ctx, "htxs_run", run, needed, "hoàn thành xuất sắc nhiệm vụ", basis, test=excellent_year, floor=floor
    )
    needed = ctx.value("bk_bo.min_initiatives")
    found = initiatives_in(ctx, run, "co_so", research_applied=True)
    initiatives = [r for r in found if r.kind == "initiative"]
    research = [r for r in found if r.kind == "research"]
    best = initiatives if len(initiatives) >= len(research) else research
    text, need = _initiatives_in_run_texts(needed)
    evidence = [initiative_label(r) for r in found] or ["không có"]
    return [first, criterion("initiatives_in_run", len(best) >= needed, text, basis, evidence, need)]


@cached_texts
def _initiatives_in_run_texts(needed: int) -> tuple[str, str]:
    return (
        f"Trong thời gian đó có {needed:02d} sáng kiến (hoặc {needed:02d} đề tài) được công nhận, áp dụng hiệu quả ở cơ sở",
        f"Cần {needed:02d} sáng kiến hoặc {needed:02d} đề tài cấp cơ sở trong các năm hoàn thành xuất sắc nhiệm vụ",
    )


def _collective_bk_bo(ctx: Context, floor: int) -> Assessment:
    basis = ctx.cite("Điều 74 (khen thưởng tập thể)", "Điều 74")
    htxs = trailing_run(ctx, last_year(ctx), floor, _collective_excellent)
    ttldxs = trailing_run(ctx, last_year(ctx), floor, _ttldxs_year)
    by_result = [
        run_criterion(
            ctx,
            "htxs_run",
            htxs,
            2,
            "hoàn thành xuất sắc nhiệm vụ",
            basis,
            test=_collective_excellent,
            floor=floor,
        )
    ]
    by_title = [
        run_criterion(
            ctx,
            "ttldxs_run",
            ttldxs,
            2,
            f"đạt danh hiệu {name('TTLDXS')}",
            basis,
            test=_ttldxs_year,
            floor=floor,
        )
    ]
    common = [declared("collective_conduct", _COLLECTIVE_CONDUCT, basis)]
    return Assessment(
        common,
        [
            ("02 năm liên tục hoàn thành xuất sắc nhiệm vụ", by_result),
            (f"02 năm liên tục {name('TTLDXS')}", by_title),
        ],
    )


def _collective_excellent(ctx: Context, year: int) -> bool:
    return ctx.facts.task_result(year) == "HTXS"


def _ttldxs_year(ctx: Context, year: int) -> bool:
    return ctx.facts.has_title("TTLDXS", year)


_COLLECTIVE_CONDUCT = (
    "Gương mẫu chấp hành chủ trương, chính sách, pháp luật; nội bộ đoàn kết; thực hiện tốt dân chủ ở cơ sở, "
    "thực hành tiết kiệm, phòng, chống tham nhũng"
)


def rule_bk_bo(ctx: Context) -> Assessment:
    floor = floor_after(ctx, None)
    if not _is_person(ctx):
        return _collective_bk_bo(ctx, floor)
    conduct = "Gương mẫu chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước"
    common = [declared("conduct", conduct, ctx.cite("Điều 74 khoản 1", "Điều 74"))]
    alternatives = [("hoàn thành xuất sắc nhiệm vụ và sáng kiến", _htxs_with_initiatives(ctx, floor))]
    if ctx.value("bk_bo.consecutive_cstdcs"):
        alternatives.insert(0, (f"02 lần liên tục {_CSTDCS}", _cstdcs_twice(ctx, floor)))
    return Assessment(common, alternatives)


# --- Bằng khen của Thủ tướng Chính phủ ------------------------------------------------------------------------


def _bk_ttg_new(ctx: Context) -> Assessment:
    basis = ctx.cite("Điều 73 khoản 1 điểm b")
    prior, award = prior_award(ctx, "BK_BO", basis)
    floor = floor_after(ctx, award)
    run = good_run(ctx, floor)
    common = [
        prior,
        run_criterion(
            ctx,
            "run_htt",
            run,
            ctx.value("bk_ttg.run_years"),
            "hoàn thành tốt nhiệm vụ trở lên",
            basis,
            floor=floor,
        ),
        title_count(ctx, "CSTDCS", run, "bk_ttg.min_cstdcs", basis),
    ]
    return Assessment(common, [])


def _bk_ttg_old(ctx: Context) -> Assessment:
    """NĐ 65/2014 Art. 23(1)(c), kept by NĐ 91/2017: the five years right after the Bằng khen cấp bộ."""
    basis = ctx.basis("bk_ttg.old_min_initiatives")
    prior, award = prior_award(ctx, "BK_BO", basis)
    start = award.date.year + 1 if award else ctx.year - 5
    window = [y for y in range(start, start + 5) if y < ctx.year]
    excellent = [y for y in window if excellent_year(ctx, y)]
    text = f"05 năm liên tục hoàn thành xuất sắc nhiệm vụ sau khi được tặng {name('BK_BO')} ({start}–{start + 4})"
    need = f"Cần hoàn thành xuất sắc nhiệm vụ cả 05 năm {start}–{start + 4}"
    run = criterion(
        "htxs_5_years", len(excellent) == 5, text, basis, [f"các năm HTXS: {years_text(excellent)}"], need
    )
    needed = ctx.value("bk_ttg.old_min_initiatives")
    found = initiatives_in(ctx, window, "co_so", research_applied=True)
    text = f"Có {needed:02d} sáng kiến được công nhận và áp dụng ở cơ sở trong 05 năm đó"
    need = f"Cần {needed:02d} sáng kiến cấp cơ sở trong 05 năm {start}–{start + 4}"
    initiatives = criterion(
        "initiatives_5_years",
        len(found) >= needed,
        text,
        basis,
        [initiative_label(r) for r in found] or ["không có"],
        need,
    )
    return Assessment([prior, run, initiatives], [])


def configurable_count(ctx: Context, code: str, run: list[int], key: str, basis: str) -> Criterion:
    """A count whose legal value is not confirmed: `unknown` until the parameter is given."""
    needed = ctx.value(key)
    found = titles_in(ctx, code, run)
    if needed is UNSET:
        text = f"Số lần đạt {name(code)} cần có trong thời gian đó (chưa xác nhận)"
        need = f"Cần quy định về số lần {name(code)} (tham số {key})"
        return unknown(f"{code.lower()}_count", text, basis, [f"các năm: {years_text(found)}"], need)
    text = f"Trong thời gian đó có {needed:02d} lần đạt danh hiệu {name(code)}"
    return count_criterion(
        f"{code.lower()}_count", found, needed, text, basis, f"Cần {needed:02d} lần {name(code)}"
    )


def _bk_ttg_collective(ctx: Context) -> Assessment:
    basis = ctx.basis("bk_ttg.collective_min_ttldxs")
    prior, award = prior_award(ctx, "BK_BO", basis)
    floor = floor_after(ctx, award)
    run = good_run(ctx, floor, collective_good_year)
    common = [
        prior,
        run_criterion(
            ctx,
            "run_htt",
            run,
            ctx.value("bk_ttg.run_years"),
            "hoàn thành tốt nhiệm vụ trở lên",
            basis,
            floor=floor,
        ),
        configurable_count(ctx, "TTLDXS", run, "bk_ttg.collective_min_ttldxs", basis),
    ]
    return Assessment(common, [])


def rule_bk_ttg(ctx: Context) -> Assessment:
    if not _is_person(ctx):
        return _bk_ttg_collective(ctx)
    return _bk_ttg_old(ctx) if ctx.rule_set.old_law else _bk_ttg_new(ctx)
