"""Emulation titles for collectives: Tập thể lao động tiên tiến / xuất sắc, Cờ thi đua cấp bộ và Chính phủ."""

from __future__ import annotations

from fractions import Fraction

from tdkt.rules.criteria.context import (
    RATING_NAMES,
    Assessment,
    Context,
    applies_to,
    council_vote,
    criterion,
    declared,
    name,
    percent,
    unknown,
)
from tdkt.rules.model import COLLECTIVE, GOOD_RATINGS, Criterion, MemberCounts
from tdkt.rules.rulesets import UNSET

_COLLECTIVE = frozenset({COLLECTIVE})


def task_result(ctx: Context, excellent: bool, article: str) -> Criterion:
    year = ctx.year
    result = ctx.facts.task_result(year)
    wanted = "Hoàn thành xuất sắc nhiệm vụ" if excellent else "Hoàn thành tốt nhiệm vụ"
    ok = result == "HTXS" if excellent else result in GOOD_RATINGS
    shown = RATING_NAMES.get(result, "chưa có kết quả")
    text = f"{wanted} và kế hoạch được giao năm {year} ({shown})"
    evidence = [f"task_results.{year} = {result}"] if result else [f"không có kết quả năm {year}"]
    need = f"Cần kết quả {wanted} năm {year}"
    return criterion("task_result", ok, text, ctx.cite(article), evidence, need)


def _movement(ctx: Context, article: str) -> Criterion:
    text = "Tích cực tham gia phong trào thi đua thường xuyên, thiết thực, hiệu quả"
    return declared("movement", text, ctx.cite(article))


def _solidarity(ctx: Context, article: str) -> Criterion:
    text = "Nội bộ đoàn kết, gương mẫu chấp hành tốt chủ trương, chính sách, pháp luật"
    return declared("solidarity", text, ctx.cite(article))


def _counts_missing(ctx: Context, cid: str, text: str, basis: str) -> Criterion:
    need = f"Cần số liệu thành viên năm {ctx.year} (member_counts)"
    return unknown(cid, text, basis, [f"không có member_counts.{ctx.year}"], need)


def _ldtt_share(ctx: Context, counts: MemberCounts | None, prefix: str, inclusive: bool) -> Criterion:
    key = f"{prefix}.min_ldtt_share"
    minimum = Fraction(str(ctx.value(key)))
    rule = f"{'từ' if inclusive else 'trên'} {percent(minimum)}"
    text = f"Có {rule} cá nhân đạt danh hiệu {name('LDTT')}"
    if counts is None:
        return _counts_missing(ctx, "ldtt_share", text, ctx.basis(key))
    share = Fraction(counts.LDTT, counts.total)
    ok = share >= minimum if inclusive else share > minimum
    text += f" ({counts.LDTT}/{counts.total} = {percent(share)})"
    need = f"Tỷ lệ {name('LDTT')} năm {ctx.year} là {percent(share)}, cần {rule}"
    return criterion(
        "ldtt_share", ok, text, ctx.basis(key), [f"member_counts.{ctx.year}.LDTT = {counts.LDTT}"], need
    )


def _no_member_disciplined(ctx: Context, counts: MemberCounts | None, prefix: str) -> Criterion | None:
    key = f"{prefix}.no_member_disciplined"
    required = ctx.value(key)
    if required is False:
        return None
    text = "Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"
    if counts is None:
        return _counts_missing(ctx, "no_member_disciplined", text, ctx.basis(key))
    disciplined = counts.disciplined_canh_cao_or_above
    evidence = [f"member_counts.{ctx.year}.disciplined_canh_cao_or_above = {disciplined}"]
    if disciplined and required is UNSET:
        need = f"Có {disciplined} cá nhân bị kỷ luật; cần quy định của ngành (tham số {key})"
        return unknown("no_member_disciplined", text, ctx.basis(key), evidence, need)
    need = f"Có {disciplined} cá nhân bị kỷ luật từ cảnh cáo trở lên năm {ctx.year}"
    return criterion("no_member_disciplined", not disciplined, text, ctx.basis(key), evidence, need)


def rule_ttldtt(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _COLLECTIVE)
    if kind_check:
        return Assessment([kind_check], [])
    counts = ctx.facts.counts(ctx.year)
    inclusive = bool(ctx.value("ttldtt.share_inclusive"))
    common = [
        task_result(ctx, excellent=False, article="Điều 28 khoản 1 điểm a"),
        _movement(ctx, "Điều 28 khoản 1 điểm b"),
        _ldtt_share(ctx, counts, "ttldtt", inclusive),
        _no_member_disciplined(ctx, counts, "ttldtt"),
        _solidarity(ctx, "Điều 28 khoản 1 điểm d"),
    ]
    return Assessment([c for c in common if c], [])


def _all_complete(ctx: Context, counts: MemberCounts | None) -> Criterion:
    text = "100 % cá nhân trong tập thể hoàn thành nhiệm vụ được giao"
    basis = ctx.cite("Điều 27 khoản 1 điểm c", "Điều 27")
    if counts is None:
        return _counts_missing(ctx, "all_complete", text, basis)
    evidence = [f"member_counts.{ctx.year}.below_HT = {counts.below_HT}"]
    need = f"Có {counts.below_HT} cá nhân không hoàn thành nhiệm vụ năm {ctx.year}"
    return criterion("all_complete", counts.below_HT == 0, text, basis, evidence, need)


def _has_cstdcs(ctx: Context, counts: MemberCounts | None) -> Criterion:
    needed = ctx.value("ttldxs.min_cstdcs_members")
    text = f"Có cá nhân đạt danh hiệu {name('CSTDCS')}"
    basis = ctx.cite("Điều 27 khoản 1 điểm d", "Điều 27")
    if counts is None:
        return _counts_missing(ctx, "has_cstdcs", text, basis)
    evidence = [f"member_counts.{ctx.year}.CSTDCS = {counts.CSTDCS}"]
    need = f"Cần ít nhất {needed} cá nhân đạt {name('CSTDCS')} năm {ctx.year}"
    return criterion("has_cstdcs", counts.CSTDCS >= needed, text, basis, evidence, need)


def rule_ttldxs(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _COLLECTIVE)
    if kind_check:
        return Assessment([kind_check], [])
    counts = ctx.facts.counts(ctx.year)
    common = [
        task_result(ctx, excellent=True, article="Điều 27 khoản 1 điểm a"),
        _movement(ctx, "Điều 27 khoản 1 điểm b"),
        _all_complete(ctx, counts),
        _ldtt_share(ctx, counts, "ttldxs", inclusive=True),
        _has_cstdcs(ctx, counts),
        _no_member_disciplined(ctx, counts, "ttldxs"),
        _solidarity(ctx, "Điều 27 khoản 1 điểm đ"),
    ]
    return Assessment([c for c in common if c], [])


def rule_co_bo(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _COLLECTIVE)
    if kind_check:
        return Assessment([kind_check], [])
    leads = "Dẫn đầu cụm, khối thi đua do bộ, ngành, tỉnh tổ chức"
    common = [
        task_result(ctx, excellent=True, article="Điều 26 khoản 1"),
        leads_cluster(ctx, leads, ctx.cite("Điều 26 khoản 1", "Điều 26")),
        declared("exemplary", _EXEMPLARY, ctx.cite("Điều 26 khoản 1", "Điều 26")),
        council_vote(ctx),
    ]
    return Assessment([c for c in common if c], [])


def leads_cluster(ctx: Context, text: str, basis: str) -> Criterion:
    """Art. 25(1), 26(1): the collective leads its emulation cluster or bloc (`cluster_results`); no result
    recorded for the year leaves the criterion undecided."""
    year = ctx.year
    result = ctx.facts.cluster_result(year)
    if result is None:
        need = f"Cần kết quả bình xét của cụm, khối thi đua năm {year} (tập thể có dẫn đầu cụm, khối không)"
        return unknown("leads_cluster", text, basis, [f"chưa có kết quả cụm, khối thi đua năm {year}"], need)
    place = (
        f", xếp thứ {result.rank}" + (f"/{result.members}" if result.members else "") if result.rank else ""
    )
    evidence = [f"{result.cluster or 'cụm, khối thi đua'} năm {year}{place}"]
    need = f"Không dẫn đầu cụm, khối thi đua năm {year}"
    return criterion("leads_cluster", result.leading, text, basis, evidence, need)


_EXEMPLARY = (
    "Là tập thể tiêu biểu; nội bộ đoàn kết, tổ chức đảng, đoàn thể trong sạch, vững mạnh; "
    "đi đầu thực hành tiết kiệm, chống lãng phí, phòng, chống tham nhũng"
)


def rule_co_cp(ctx: Context) -> Assessment:
    kind_check = applies_to(ctx, _COLLECTIVE)
    if kind_check:
        return Assessment([kind_check], [])
    leads = "Là tập thể dẫn đầu cụm, khối thi đua của bộ, ngành, tỉnh (và tiêu biểu xuất sắc trong số đó)"
    common = [
        task_result(ctx, excellent=True, article="Điều 25 khoản 1 điểm a"),
        leads_cluster(ctx, leads, ctx.cite("Điều 25 khoản 1", "Điều 25")),
        declared("exemplary", _EXEMPLARY, ctx.cite("Điều 25 khoản 1 điểm b", "Điều 25")),
        council_vote(ctx),
    ]
    return Assessment([c for c in common if c], [])
