"""Huân chương Lao động: hạng Ba by merit or by long service in a leadership post; hạng Nhì and Nhất."""

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
    undecided_by_gap,
)
from tdkt.rules.criteria.context import (
    Assessment,
    Context,
    Service,
    cached_texts,
    collective_good_year,
    criterion,
    declared,
    excellent_year,
    initiative_label,
    initiatives_in,
    name,
    trailing_run,
    years_held,
    years_text,
)
from tdkt.rules.criteria.forms import configurable_count
from tdkt.rules.model import Criterion
from tdkt.rules.rulesets import LEADERSHIP_POST_NAMES, ND152, UNSET

# --- hạng Ba by merit -----------------------------------------------------------------------------------


def _merit_new(ctx: Context) -> list[Criterion]:
    """Art. 44(1)(e): BK TTg, then 5+ years rated HTT or better with 3 CSTĐCS and 1+ year HTXS."""
    basis = ctx.cite("Điều 44 khoản 1 điểm e")
    prior, award = prior_award(ctx, "BK_TTG", basis)
    floor = floor_after(ctx, award)
    run = good_run(ctx, floor)
    htxs_needed = ctx.value("hcld3.min_htxs_years")
    htxs = list(ctx.facts.rated_years_among("HTXS", tuple(run)))
    htxs_text = _htxs_count_text(htxs_needed)
    return [
        prior,
        run_criterion(
            ctx,
            "run_htt",
            run,
            ctx.value("hcld3.run_years"),
            "hoàn thành tốt nhiệm vụ trở lên",
            basis,
            floor=floor,
        ),
        title_count(ctx, "CSTDCS", run, "hcld3.min_cstdcs", basis),
        undecided_by_gap(
            ctx,
            count_criterion(
                "htxs_count",
                htxs,
                htxs_needed,
                htxs_text,
                ctx.basis("hcld3.min_htxs_years"),
                "Cần năm hoàn thành xuất sắc nhiệm vụ",
            ),
            run,
        ),
    ]


@cached_texts
def _htxs_count_text(needed: int) -> str:
    return f"Trong thời gian đó có từ {needed:02d} năm hoàn thành xuất sắc nhiệm vụ trở lên"


def _merit_old(ctx: Context) -> list[Criterion]:
    """NĐ 91/2017 Art. 24: BK TTg, then 5+ excellent years with 2 initiatives of ministry-wide effect."""
    basis = ctx.basis("hcld3.old_min_bo_initiatives")
    prior, award = prior_award(ctx, "BK_TTG", basis)
    floor = floor_after(ctx, award)
    run = trailing_run(ctx, last_year(ctx), floor, excellent_year)
    needed = ctx.value("hcld3.old_min_bo_initiatives")
    found = initiatives_in(ctx, run, "bo", research_applied=True)
    text = (
        f"Trong thời gian đó có {needed:02d} sáng kiến áp dụng hiệu quả, có phạm vi ảnh hưởng trong bộ, ngành"
    )
    evidence = [initiative_label(r) for r in found] or ["không có"]
    need = f"Cần {needed:02d} sáng kiến có phạm vi ảnh hưởng trong bộ, ngành"
    return [
        prior,
        run_criterion(
            ctx,
            "run_htxs",
            run,
            ctx.value("hcld3.run_years"),
            "hoàn thành xuất sắc nhiệm vụ",
            basis,
            test=excellent_year,
            floor=floor,
        ),
        criterion("bo_initiatives", len(found) >= needed, text, basis, evidence, need),
    ]


# --- hạng Ba for long service in a leadership post ------------------------------------------------------------


def _bands(ctx: Context) -> tuple[tuple[int, float, float], ...]:
    """(rank, from, under) years of each post's band, in rank order (`hcld3.tenure.<rank>`)."""
    bands = ((rank, ctx.value(f"hcld3.tenure.{rank}")) for rank in sorted(LEADERSHIP_POST_NAMES))
    return tuple((rank, *band) for rank, band in bands if band is not UNSET and band is not None)


def _tenure_criterion(ctx: Context, service: Service) -> Criterion:
    """Time in a higher post counts toward a lower one (NĐ 152 Art. 9); the first band reached decides."""
    if service.band is not None:
        return _band_result(ctx, service.band, service.texts[0], service.within)
    text = "Thời gian giữ chức vụ lãnh đạo đạt mức của bảng khen thưởng quá trình cống hiến"
    held = zip(service.ranks, service.texts[1:], strict=True)
    evidence = [f"{LEADERSHIP_POST_NAMES[rank]}: {years} năm" for rank, years in held]
    need = "Thời gian giữ chức vụ lãnh đạo chưa đủ mức tối thiểu của Huân chương Lao động hạng Ba"
    return criterion("tenure", False, text, ctx.basis("hcld3.tenure.1"), evidence, need)


def _band_result(ctx: Context, rank: int, held: str, within: bool) -> Criterion:
    low, high = ctx.value(f"hcld3.tenure.{rank}")
    post = LEADERSHIP_POST_NAMES[rank]
    text = f"Giữ chức vụ {post} từ {years_held(low)} năm đến dưới {years_held(high)} năm (đã giữ {held} năm)"
    need = f"Thời gian giữ chức vụ {post} ({held} năm) vượt mức của {name('HCLD3')}: xem xét hạng cao hơn"
    return criterion("tenure", within, text, ctx.basis(f"hcld3.tenure.{rank}"), [f"{post}: {held} năm"], need)


def _no_discipline_in_post(service: Service) -> Criterion:
    text = "Không bị kỷ luật trong thời gian giữ chức vụ"
    need = "Bị kỷ luật trong thời gian giữ chức vụ: không khen thưởng quá trình cống hiến"
    evidence = [f"discipline.{year} = {level}" for year, level in service.hits] or ["không có"]
    return criterion("no_discipline_in_post", not service.hits, text, f"{ND152}, Điều 9", evidence, need)


def _long_service(ctx: Context) -> list[Criterion] | None:
    if ctx.values.get("hcld3.tenure.1", UNSET) is UNSET:
        return None
    service = ctx.facts.leadership_service(ctx.on, _bands(ctx))
    if service is None:
        return None
    retirement = "Đề nghị khen thưởng quá trình cống hiến khi nghỉ hưu"
    return [
        _tenure_criterion(ctx, service),
        _no_discipline_in_post(service),
        declared("retirement", retirement, f"{ND152}, Điều 9"),
    ]


# --- collectives -----------------------------------------------------------------------------------------


def _collective_new(ctx: Context) -> list[Criterion]:
    basis = ctx.basis("hcld3.collective_min_ttldxs")
    prior, award = prior_award(ctx, "BK_TTG", basis)
    floor = floor_after(ctx, award)
    run = good_run(ctx, floor, collective_good_year)
    return [
        prior,
        run_criterion(
            ctx,
            "run_htt",
            run,
            ctx.value("hcld3.run_years"),
            "hoàn thành tốt nhiệm vụ trở lên",
            basis,
            floor=floor,
        ),
        configurable_count(ctx, "TTLDXS", run, "hcld3.collective_min_ttldxs", basis),
    ]


def _ttldxs_year(ctx: Context, year: int) -> bool:
    return ctx.facts.has_title("TTLDXS", year)


def _collective_old(ctx: Context) -> list[Criterion]:
    """Old law Art. 44(2): 5 consecutive TTLĐXS years and a Cờ thi đua cấp bộ or a Bằng khen TTg."""
    basis = ctx.cite("Điều 44 khoản 2", "Điều 44 khoản 2")
    floor = floor_after(ctx, None)
    run = trailing_run(ctx, last_year(ctx), floor, _ttldxs_year)
    flags = titles_in(ctx, "CO_BO", run)
    bk_ttg = ctx.facts.awards_before("BK_TTG", ctx.on)
    text = f"Có 01 {name('CO_BO')} hoặc 01 {name('BK_TTG')}"
    evidence = [f"{name('CO_BO')}: {years_text(flags)}", f"{name('BK_TTG')}: {len(bk_ttg)}"]
    return [
        run_criterion(
            ctx, "ttldxs_run", run, 5, f"đạt {name('TTLDXS')}", basis, test=_ttldxs_year, floor=floor
        ),
        criterion(
            "flag_or_bk_ttg",
            bool(flags or bk_ttg),
            text,
            basis,
            evidence,
            f"Cần {name('CO_BO')} hoặc {name('BK_TTG')}",
        ),
    ]


def rule_hcld3(ctx: Context) -> Assessment:
    if ctx.kind != "person":
        return Assessment(_collective_old(ctx) if ctx.rule_set.old_law else _collective_new(ctx), [])
    merit = _merit_old(ctx) if ctx.rule_set.old_law else _merit_new(ctx)
    alternatives = [("thành tích theo công trạng", merit)]
    long_service = _long_service(ctx)
    if long_service:
        alternatives.append(("quá trình cống hiến (thời gian giữ chức vụ)", long_service))
    return Assessment([], alternatives)


# --- hạng Nhì, hạng Nhất ----------------------------------------------------------------------------------------

_LOWER_CLASS = {"HCLD2": "HCLD3", "HCLD1": "HCLD2"}
_ARTICLE = {"HCLD2": "Điều 43", "HCLD1": "Điều 42"}


def rule_hcld_higher(ctx: Context) -> Assessment:
    """Best knowledge only: the next-lower class, then 5+ good years with ministry-level titles in between."""
    basis = ctx.cite(_ARTICLE[ctx.award])
    prior, award = prior_award(ctx, _LOWER_CLASS[ctx.award], basis)
    floor = floor_after(ctx, award)
    run = good_run(ctx, floor)
    title = "CSTD_BO" if ctx.kind == "person" else "CO_BO"
    common = [
        prior,
        run_criterion(
            ctx,
            "run_htt",
            run,
            ctx.value("hcld_higher.run_years"),
            "hoàn thành tốt nhiệm vụ trở lên",
            basis,
            floor=floor,
        ),
        configurable_count(ctx, title, run, "hcld_higher.min_bo_titles", basis),
    ]
    return Assessment(common, [])
