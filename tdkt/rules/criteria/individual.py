"""Emulation titles for individuals: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, cấp bộ, toàn quốc."""

from __future__ import annotations

from tdkt.rules.criteria.chains import leave_text
from tdkt.rules.criteria.context import (
    RATING_NAMES,
    Assessment,
    Context,
    applies_to,
    cached_texts,
    council_vote,
    criterion,
    cstdcs_year,
    declared,
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
from tdkt.rules.model import GOOD_RATINGS, PERSON, Criterion

_PERSON = frozenset({PERSON})
_CSTDCS = name("CSTDCS")
_CSTD_BO = name("CSTD_BO")


def _keep(*items: Criterion | None) -> list[Criterion]:
    return [item for item in items if item is not None]


def rating_good(ctx: Context, cid: str = "rating") -> Criterion:
    """Art. 24(1)(a): rated "hoàn thành tốt nhiệm vụ" or better in the year."""
    rating = ctx.facts.rating(ctx.year)
    text, evidence, need = _rating_texts(cid, ctx.year, rating)
    if rating is None:
        # Not rated yet: undecided, unless a recorded leave (other than maternity, which counts as time
        # worked: NĐ 152/2025 Art. 4(5)) explains why there is no rating.
        leaves = [leave for leave in ctx.facts.leaves_in(ctx.year) if leave.kind != "maternity"]
        if leaves:
            evidence = leave_text(ctx.year, leaves).replace("chuỗi năm liên tục", "xét danh hiệu")
            return criterion(cid, False, text, ctx.cite("Điều 24 khoản 1"), [evidence], need)
        need = f"Chưa có xếp loại năm {ctx.year}: cần kết quả đánh giá, xếp loại để xét"
        return unknown(cid, text, ctx.cite("Điều 24 khoản 1"), [evidence], need)
    return criterion(cid, rating in GOOD_RATINGS, text, ctx.cite("Điều 24 khoản 1"), [evidence], need)


@cached_texts
def _rating_texts(cid: str, year: int, rating: str | None) -> tuple[str, str, str]:
    """(text, evidence, need) of `rating_good`."""
    if cid == "ldtt":
        shown = rating or "chưa xếp loại"
        text = f"Đạt tiêu chuẩn {name('LDTT')} năm {year} (xếp loại {shown})"
    else:
        shown = RATING_NAMES.get(rating, "chưa có xếp loại")
        text = f"Xếp loại từ Hoàn thành tốt nhiệm vụ trở lên năm {year} ({shown})"
    evidence = f"ratings.{year} = {rating}" if rating else f"không có xếp loại năm {year}"
    return text, evidence, f"Cần xếp loại từ Hoàn thành tốt nhiệm vụ trở lên năm {year}"


def _spirit(ctx: Context) -> Criterion:
    text = "Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua"
    return declared("spirit", text, ctx.cite("Điều 24 khoản 1 điểm b", "Điều 24"))


def _min_months(ctx: Context) -> Criterion | None:
    months = ctx.value("ldtt.min_months_employed")
    if not months:
        return None
    text = f"Đã công tác từ {months} tháng trở lên trong năm {ctx.year} (đơn vị xác nhận)"
    return declared("min_months", text, ctx.basis("ldtt.min_months_employed"))


def rule_ldtt(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _PERSON)
    if kind_check:
        return Assessment([kind_check], [])
    common = _keep(rating_good(ctx), no_discipline_in_year(ctx, ctx.year), _min_months(ctx), _spirit(ctx))
    return Assessment(common, [])


# --- Chiến sĩ thi đua cơ sở ------------------------------------------------------------------------------


def _htxs_or_initiative(ctx: Context) -> Criterion:
    """Art. 23(1)(b) of the 2022 law: HTXS, a recognised initiative or accepted research."""
    year = ctx.year
    htxs = ctx.facts.rating(year) == "HTXS"
    found = initiatives_in(ctx, (year,), "co_so", research_applied=False)
    by_htxs, by_initiative, by_neither, need, htxs_evidence = _htxs_texts(year)
    evidence = [htxs_evidence] if htxs else []
    evidence += [initiative_label(r) for r in found]
    text = by_htxs if htxs else by_initiative if found else by_neither
    return criterion(
        "htxs_or_initiative", htxs or bool(found), text, ctx.cite("Điều 23 khoản 1"), evidence, need
    )


@cached_texts
def _htxs_texts(year: int) -> tuple[str, str, str, str, str]:
    """Texts of `_htxs_or_initiative`: by HTXS, by an initiative, by neither; need; evidence of HTXS."""
    return (
        f"Hoàn thành xuất sắc nhiệm vụ năm {year}",
        f"Có sáng kiến được cơ sở công nhận hoặc đề tài đã nghiệm thu năm {year}",
        f"Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được cơ sở công nhận, hoặc đề tài đã nghiệm thu năm {year}",
        f"Cần xếp loại Hoàn thành xuất sắc nhiệm vụ, hoặc một sáng kiến/đề tài được công nhận năm {year}",
        f"ratings.{year} = HTXS",
    )


def _initiative_required(ctx: Context) -> Criterion:
    """NĐ 91/2017 Art. 9(3): before 2024 an initiative (or applied research) was mandatory."""
    year = ctx.year
    found = initiatives_in(ctx, (year,), "co_so", research_applied=True)
    evidence = [initiative_label(r) for r in found]
    if ctx.facts.rating(year) == "HTXS" and not found:
        evidence.append(f"ratings.{year} = HTXS (luật cũ không tính thay sáng kiến)")
    text = f"Có sáng kiến được cơ sở công nhận hoặc đề tài đã nghiệm thu và áp dụng năm {year}"
    need = f"Cần một sáng kiến được cơ sở công nhận (hoặc đề tài đã nghiệm thu, áp dụng) năm {year}"
    return criterion(
        "initiative", bool(found), text, ctx.basis("cstdcs.htxs_suffices"), evidence or ["không có"], need
    )


def rule_cstdcs(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _PERSON)
    if kind_check:
        return Assessment([kind_check], [])
    second = _htxs_or_initiative(ctx) if ctx.value("cstdcs.htxs_suffices") else _initiative_required(ctx)
    common = _keep(
        rating_good(ctx, "ldtt"),
        no_discipline_in_year(ctx, ctx.year),
        second,
        _spirit(ctx),
        council_vote(ctx),
    )
    return Assessment(common, [])


# --- Chiến sĩ thi đua bộ, ban, ngành, tỉnh --------------------------------------------------------------------


def _previous_title(ctx: Context, code: str) -> int | None:
    """The last year before the judged one in which the subject already received `code`."""
    years = ctx.facts.title_years_upto(code, ctx.year - 1)
    return years[-1] if years else None


def _transition_note(ctx: Context, years: list[int]) -> list[str]:
    if ctx.rule_set.old_law or not any(y <= 2023 for y in years):
        return []
    return ["danh hiệu trước năm 2024 vẫn được công nhận (Luật Thi đua, khen thưởng 2022, Điều 95)"]


def _cstdcs_run(ctx: Context) -> Criterion:
    needed = ctx.value("cstd_bo.consecutive_cstdcs")
    previous = _previous_title(ctx, "CSTD_BO")
    floor = previous + 1 if previous else ctx.year - 50
    run = trailing_run(ctx, ctx.year, floor, cstdcs_year)
    evidence = [
        f"{_CSTDCS} liên tục: {years_text(run)}",
        *_transition_note(ctx, run),
        *penalty_note(ctx, run, floor),
    ]
    if previous:
        evidence.append(f"đã được tặng {_CSTD_BO} năm {previous}: chỉ tính các năm sau đó")
    text, need = _cstdcs_run_texts(needed, ctx.year, len(run))
    return criterion(
        "cstdcs_run", len(run) >= needed, text, ctx.cite("Điều 22 khoản 1 điểm a", "Điều 22"), evidence, need
    )


@cached_texts
def _cstdcs_run_texts(needed: int, year: int, found: int) -> tuple[str, str]:
    return (
        f"{needed:02d} lần liên tục đạt danh hiệu {_CSTDCS} đến năm {year}",
        f"Cần {needed:02d} lần liên tục đạt {_CSTDCS} (hiện có {found} lần liên tục đến năm {year})",
    )


def _scoped_initiative(ctx: Context, cid: str, scope: str, first_year: int, article: str) -> Criterion:
    found = initiatives_in(ctx, range(first_year, ctx.year + 1), scope, research_applied=True)
    text, need, old_article = _scoped_texts(scope, first_year, ctx.year, article)
    evidence = [initiative_label(r) for r in found] or ["không có"]
    return criterion(cid, bool(found), text, ctx.cite(article, old_article), evidence, need)


@cached_texts
def _scoped_texts(scope: str, first_year: int, year: int, article: str) -> tuple[str, str, str]:
    """(text, need, article of the old law) of `_scoped_initiative`."""
    where = "trong bộ, ngành" if scope == "bo" else "trong toàn quốc"
    text = (
        f"Có sáng kiến áp dụng hiệu quả, có khả năng nhân rộng {where} (hoặc đề tài đã nghiệm thu, áp dụng "
        f"có phạm vi ảnh hưởng {where}) trong các năm {first_year}–{year}, được người đứng đầu bộ công nhận"
    )
    need = f"Cần sáng kiến hoặc đề tài có phạm vi ảnh hưởng {where} trong các năm {first_year}–{year}"
    return text, need, article.split(" khoản")[0]


def _outstanding(ctx: Context) -> Criterion:
    text = "Có thành tích xuất sắc tiêu biểu, được lựa chọn trong số cá nhân đủ điều kiện"
    return declared(
        "outstanding", text, ctx.cite("Điều 22 khoản 1" if ctx.award == "CSTD_BO" else "Điều 21 khoản 1")
    )


def rule_cstd_bo(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _PERSON)
    if kind_check:
        return Assessment([kind_check], [])
    window = ctx.value("cstd_bo.initiative_window_years")
    common = _keep(
        no_discipline_in_year(ctx, ctx.year),
        _cstdcs_run(ctx),
        _scoped_initiative(
            ctx, "initiative_bo", "bo", ctx.year - window + 1, "Điều 22 khoản 1 điểm b, khoản 2"
        ),
        _outstanding(ctx),
        council_vote(ctx),
    )
    return Assessment(common, [])


# --- Chiến sĩ thi đua toàn quốc -----------------------------------------------------------------------------


def _consecutive_cstd_bo(ctx: Context) -> tuple[Criterion, int]:
    """Art. 21(1)(a): two CSTĐ cấp bộ titles in a row (the cycles touch), the last one recent."""
    needed = ctx.value("cstd_tq.consecutive_cstd_bo")
    cycle = ctx.value("cstd_bo.consecutive_cstdcs")
    previous_tq = _previous_title(ctx, "CSTD_TQ")
    cut = penalty_cut_after(ctx, (previous_tq or 0) + 1)  # a penalty that moves `since`, not any penalty
    since = cut.first_year - 1 if cut is not None else previous_tq or 0
    years = [y for y in ctx.facts.title_years_upto("CSTD_BO", ctx.year) if y > since]
    last = years[-needed:] if len(years) >= needed else []
    in_a_row = bool(last) and all(b - a <= cycle for a, b in zip(last, last[1:], strict=False))
    recent = bool(last) and ctx.year - last[-1] <= ctx.value("cstd_tq.max_years_after_last_cstd_bo")
    evidence = [f"{_CSTD_BO}: {years_text(years)}"]
    if previous_tq:
        evidence.append(f"đã được tặng {name('CSTD_TQ')} năm {previous_tq}: chỉ tính các lần sau đó")
    evidence += penalty_note(ctx, years, (previous_tq or 0) + 1)
    text, need = _cstd_bo_run_texts(needed)
    first = last[0] - cycle + 1 if last else ctx.year - cycle * needed + 1
    ok = in_a_row and recent
    return criterion(
        "cstd_bo_run", ok, text, ctx.cite("Điều 21 khoản 1 điểm a", "Điều 21"), evidence, need
    ), first


@cached_texts
def _cstd_bo_run_texts(needed: int) -> tuple[str, str]:
    return (
        f"{needed:02d} lần liên tục được tặng danh hiệu {_CSTD_BO}",
        f"Cần {needed:02d} lần liên tục đạt {_CSTD_BO}, lần gần nhất không quá năm trước",
    )


def rule_cstd_tq(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _PERSON)
    if kind_check:
        return Assessment([kind_check], [])
    run, first_year = _consecutive_cstd_bo(ctx)
    common = _keep(
        no_discipline_in_year(ctx, ctx.year),
        run,
        _scoped_initiative(
            ctx, "initiative_toan_quoc", "toan_quoc", first_year, "Điều 21 khoản 1 điểm b, khoản 2"
        ),
        _outstanding(ctx),
        council_vote(ctx),
    )
    return Assessment(common, [])
