"""Rule sets as data: every number the rules use is a `Parameter` with its confidence and legal basis.

Confidence tags follow the project's legal notes: C (normative text seen), S (secondary source), U (not
confirmed). A parameter whose value is `UNSET` has no known legal value: a criterion that needs it is reported
as `unknown` (verdict `needs_review`) until a value is given in the facts file or by an administrator.
`None` is a real value meaning "no such limit".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from tdkt.awards.catalogue import ENTRIES as LAW_CATALOGUE
from tdkt.rules.model import AWARD_CODES, AWARD_TYPES, COLLECTIVE, PERSON


class _Unset:
    """Marker for a parameter whose legal value is not known."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()

# --- citations (reused by the rule modules) ---------------------------------------------------------------

LAW_2022 = "Luật Thi đua, khen thưởng 2022"
LAW_2013 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013)"
ND91 = "Nghị định 91/2017/NĐ-CP"
ND65 = "Nghị định 65/2014/NĐ-CP"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
ND335 = "Nghị định 335/2025/NĐ-CP"
TT79 = "Thông tư 79/2023/TT-BTC"

# --- award catalogue -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AwardInfo:
    code: str
    name: str
    category: str  # "title" (danh hiệu thi đua) or "form" (hình thức khen thưởng)
    level: str  # "co_so", "bo" or "nha_nuoc"
    applies_to: frozenset[str]


# One catalogue: names, categories, levels and subject kinds come from `tdkt.awards.catalogue` (plain data, no
# Django: see the "award catalogue" contract in `.importlinter`), for the codes the engine judges.
_CATEGORY = {"title": "title", "commendation": "form"}
_APPLIES_TO = {
    "individual": frozenset({PERSON}),
    "collective": frozenset({COLLECTIVE}),
    "both": frozenset({PERSON, COLLECTIVE}),
}
_LAW_ENTRIES = {entry[0]: entry for entry in LAW_CATALOGUE}
AWARD_CATALOGUE = {
    code: AwardInfo(code, name, _CATEGORY[category], level, _APPLIES_TO[subject])
    for code, name, category, level, subject, *_rest in (_LAW_ENTRIES[code] for code in AWARD_CODES)
}
AWARD_NAMES = {code: info.name for code, info in AWARD_CATALOGUE.items()}

# Leadership posts used by the long-service path of Huân chương Lao động hạng Ba (rank 1 = highest).
LEADERSHIP_RANK = {
    "tong_cuc_truong": 1,
    "pho_tong_cuc_truong": 2,
    "cuc_truong": 3,
    "vu_truong": 3,
    "pho_cuc_truong": 4,
    "pho_vu_truong": 4,
}
LEADERSHIP_POST_NAMES = {
    1: "Tổng cục trưởng và tương đương",
    2: "Phó Tổng cục trưởng và tương đương",
    3: "Cục trưởng, Vụ trưởng và tương đương",
    4: "Phó Cục trưởng, Phó Vụ trưởng và tương đương",
}


# The kinds a parameter can be declared with; `check_parameter` validates an administrator's value by kind.
PARAMETER_KINDS = frozenset(
    {
        "ratio",
        "ratio_or_none",
        "base",
        "range",
        "number",
        "htxs_base",
        "count",
        "count_or_none",
        "types",
        "rating",
        "bool",
    }
)

# --- parameters and rule sets --------------------------------------------------------------------------------
#
# Cash multiples are not parameters: the award catalogue (`tdkt.awards.catalogue`, table `CashMultiple`, per
# period with confidence tags) is their one source, read by `awards.selectors.cash_multiple`.


@dataclass(frozen=True, slots=True)
class Parameter:
    key: str
    value: Any
    confidence: str  # "C" | "S" | "U"
    basis: str
    description_vi: str
    # What an administrator may set it to: one of `PARAMETER_KINDS` (declared here, never read from the key).
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in PARAMETER_KINDS:
            raise ValueError(f"parameter {self.key}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class RuleSet:
    id: str
    name_vi: str
    law: str
    decree: str
    effective_from: date
    parameters: Mapping[str, Parameter]
    enabled: bool = True
    old_law: bool = False
    defaults: Mapping[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = {key: param.value for key, param in self.parameters.items()}
        object.__setattr__(self, "defaults", MappingProxyType(values))

    def resolve(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The parameter values in force: the rule set's defaults, then the overrides."""
        values = dict(self.defaults)
        if overrides:
            values.update(overrides)
        return values

    def parameter(self, key: str) -> Parameter | None:
        return self.parameters.get(key)


def _p(key: str, value: Any, confidence: str, basis: str, description_vi: str, *, kind: str) -> Parameter:
    return Parameter(key, value, confidence, basis, description_vi, kind)


def _vote(award: str, value: Any, confidence: str, basis: str) -> list[Parameter]:
    return [
        _p(
            f"vote_threshold.{award}",
            value,
            confidence,
            basis,
            f"Tỷ lệ phiếu đồng ý tối thiểu khi xét {award}",
            kind="ratio",
        ),
        _p(
            f"vote_base.{award}",
            "members",
            confidence,
            basis,
            "Cơ sở tính tỷ lệ: members (tổng số thành viên) hoặc present (số có mặt)",
            kind="base",
        ),
    ]


def _terms(confidence: str, basis: str) -> list[Parameter]:
    """The term of each disciplinary penalty in months, used when a record has a date but no recorded end."""
    months = {"khien_trach": 12, "canh_cao": 12, "ha_bac_luong": 12, "giang_chuc": 18, "cach_chuc": 18}
    return [
        _p(
            f"discipline.term_months.{level}",
            value,
            confidence,
            basis,
            "Thời hạn của hình thức kỷ luật (tháng) khi quyết định không ghi ngày hết thời hạn",
            kind="count_or_none",
        )
        for level, value in months.items()
    ] + [
        _p(
            "discipline.term_months.buoc_thoi_viec",
            None,
            confidence,
            basis,
            "Buộc thôi việc: không có thời hạn (null); thành tích tính đến hết năm bị kỷ luật",
            kind="count_or_none",
        )
    ]


_TERMS_BASIS = "Luật Cán bộ, công chức (sửa đổi 2019), Điều 82; Luật Viên chức (sửa đổi 2019), Điều 56"
_ND98_ART4 = f"{ND98}, Điều 4 (theo giải đáp chính sách; cùng nguyên tắc với {ND152}, Điều 4)"
_ND98_VOTE = f"{ND98}, Điều 30 khoản 7"
_ND152_VOTE = f"{ND152} (chưa thấy điều khoản thay thế; dùng mức của {ND98}, Điều 30 khoản 7)"
_ND91_VOTE = f"{ND91}, Điều 45 khoản 8"

# fmt: off
_SHARED = [
    _p('cstd_bo.consecutive_cstdcs', 3, 'C', f'{LAW_2022}, Điều 22', 'Số lần liên tục đạt Chiến sĩ thi đua cơ sở', kind='count'),
    _p('cstd_bo.initiative_window_years', 3, 'U', f'{LAW_2022}, Điều 22', 'Sáng kiến phạm vi bộ phải thuộc bấy nhiêu năm gần nhất', kind='count'),
    _p('cstd_tq.consecutive_cstd_bo', 2, 'C', f'{LAW_2022}, Điều 21', 'Số lần liên tục đạt Chiến sĩ thi đua bộ, ban, ngành, tỉnh', kind='count'),
    _p('cstd_tq.max_years_after_last_cstd_bo', 1, 'U', 'Thực tiễn xét năm liền kề', 'Số năm tối đa từ lần Chiến sĩ thi đua cấp bộ gần nhất', kind='count'),
    _p('ttldtt.min_ldtt_share', 0.5, 'S', f'{LAW_2022}, Điều 28 (mức của luật cũ)', 'Tỷ lệ cá nhân đạt Lao động tiên tiến', kind='ratio'),
    _p('ttldtt.share_inclusive', False, 'S', f'{LAW_2022}, Điều 28 ("trên 50%")', 'true: từ mức trở lên; false: phải vượt mức', kind='bool'),
    _p('ttldtt.no_member_disciplined', True, 'S', f'{LAW_2022}, Điều 28', 'Không có cá nhân bị kỷ luật từ cảnh cáo trở lên', kind='bool'),
    _p('ttldxs.min_ldtt_share', 0.7, 'C', f'{LAW_2022}, Điều 27 ("ít nhất là 70%")', 'Tỷ lệ tối thiểu đạt Lao động tiên tiến (tính cả mức)', kind='ratio'),
    _p('ttldxs.min_cstdcs_members', 1, 'C', f'{LAW_2022}, Điều 27', 'Số cá nhân đạt Chiến sĩ thi đua cơ sở tối thiểu', kind='count'),
    _p('bk_bo.consecutive_cstdcs', 2, 'C', f'{LAW_2022}, Điều 74 khoản 1 điểm d', 'Số lần liên tục đạt Chiến sĩ thi đua cơ sở', kind='count_or_none'),
    _p('bk_bo.consecutive_htxs_years', 2, 'C', f'{LAW_2022}, Điều 74 khoản 1 điểm d', 'Số năm liên tục hoàn thành xuất sắc nhiệm vụ', kind='count'),
    _p('bk_bo.min_initiatives', 2, 'C', f'{LAW_2022}, Điều 74 khoản 1 điểm d', 'Số sáng kiến (hoặc đề tài) cấp cơ sở trong thời gian đó', kind='count'),
    _p('bk_ttg.run_years', 5, 'C', f'{LAW_2022}, Điều 73 khoản 1 điểm b', 'Số năm liên tục hoàn thành tốt nhiệm vụ trở lên', kind='count'),
    _p('bk_ttg.min_cstdcs', 3, 'C', f'{LAW_2022}, Điều 73 khoản 1 điểm b', 'Số lần Chiến sĩ thi đua cơ sở trong thời gian đó', kind='count'),
    _p('bk_ttg.collective_min_ttldxs', UNSET, 'U', f'{LAW_2022}, Điều 73 (khoản về tập thể chưa đọc được)', 'Số lần Tập thể lao động xuất sắc cần có', kind='count'),
    _p('hcld3.run_years', 5, 'C', f'{LAW_2022}, Điều 44 khoản 1 điểm e', 'Số năm liên tục hoàn thành tốt nhiệm vụ trở lên', kind='count'),
    _p('hcld3.min_cstdcs', 3, 'C', f'{LAW_2022}, Điều 44 khoản 1 điểm e', 'Số lần Chiến sĩ thi đua cơ sở trong thời gian đó', kind='count'),
    _p('hcld3.min_htxs_years', 1, 'S', f'{LAW_2022}, Điều 44 khoản 1 điểm e (giải đáp của Bộ Nội vụ)', 'Số năm hoàn thành xuất sắc nhiệm vụ trong thời gian đó', kind='count'),
    _p('hcld3.collective_min_ttldxs', UNSET, 'U', f'{LAW_2022}, Điều 44 (khoản về tập thể chưa đọc được)', 'Số lần Tập thể lao động xuất sắc cần có sau Bằng khen của Thủ tướng Chính phủ', kind='count'),
    _p('hcld_higher.run_years', 5, 'U', f'{LAW_2022}, Điều 42, 43', 'Số năm liên tục sau hạng liền dưới', kind='count'),
    _p('hcld_higher.min_bo_titles', UNSET, 'U', f'{LAW_2022}, Điều 42, 43', 'Số danh hiệu thi đua cấp bộ cần có giữa hai hạng Huân chương', kind='count'),
    _p('gk.min_rating', 'HTT', 'S', f'{LAW_2022}, Điều 75 khoản 2; {TT79}', 'Mức xếp loại tối thiểu năm liền trước', kind='rating'),
    _p('quota.ttldxs_of_ttldtt', UNSET, 'U', f'{LAW_2022}, Điều 27 khoản 3; {TT79}', 'Tỷ lệ tối đa Tập thể lao động xuất sắc trên số Tập thể lao động tiên tiến', kind='ratio_or_none'),
    *_terms('S', _TERMS_BASIS),
]

_NEW_LAW = [
    _p('ldtt.min_months_employed', None, 'U', f'{LAW_2022}, Điều 24 (không thấy quy định)', 'Số tháng công tác tối thiểu trong năm; None: không áp dụng', kind='count_or_none'),
    _p('discipline.blocks_titles', True, 'S', f'{LAW_2022}, Điều 5; {ND98}', 'Bị kỷ luật trong năm thì không xét danh hiệu năm đó', kind='bool'),
    _p('chain.counting_award_types', ('cong_trang',), 'S', _ND98_ART4, 'Khen thưởng đột xuất, chuyên đề không làm căn cứ khen công trạng (quản trị viên có thể thêm dot_xuat, chuyen_de để tắt nguyên tắc này)', kind='types'),
    _p('chain.discipline_breaks_run', True, 'S', _ND98_ART4, 'Năm bị kỷ luật không được tính vào chuỗi năm liên tục (false: tắt nguyên tắc)', kind='bool'),
    _p('discipline.counts_after_term', True, 'S', _ND98_ART4, 'Thành tích chỉ được tính từ sau khi hết thời hạn kỷ luật, cả chuỗi năm và chuỗi danh hiệu (false: tắt nguyên tắc)', kind='bool'),
    _p('cstdcs.htxs_suffices', True, 'C', f'{LAW_2022}, Điều 23', 'Hoàn thành xuất sắc nhiệm vụ đủ thay cho sáng kiến', kind='bool'),
    _p('cstdcs.research_must_be_applied', False, 'C', f'{LAW_2022}, Điều 23', 'Đề tài phải được áp dụng (ngoài nghiệm thu)', kind='bool'),
    _p('ttldxs.no_member_disciplined', UNSET, 'U', f'{LAW_2022}, Điều 27 khoản 3; {TT79}', 'Tập thể không có cá nhân bị kỷ luật từ cảnh cáo trở lên (quy định ngành)', kind='bool'),
    _p('quota.cstdcs_of_ldtt', None, 'S', f'{LAW_2022}; {ND98} (bỏ giới hạn 15%)', 'Tỷ lệ tối đa Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến', kind='ratio_or_none'),
    _p('quota.htxs_of_htt', None, 'U', 'Nghị định 48/2023/NĐ-CP (gắn với tỷ lệ đảng viên)', 'Tỷ lệ tối đa xếp loại HTXS trên số HTT', kind='ratio_or_none'),
    _p('quota.htxs_base', 'htt_only', 'U', ND335, 'Mẫu số: htt_only (chỉ HTT) hoặc htt_or_better (HTT và HTXS)', kind='htxs_base'),
    _p('hcld3.tenure.1', (3, 5), 'U', f'{LAW_2022}, Điều 44 khoản 1 điểm g', 'Số năm giữ chức Tổng cục trưởng và tương đương [từ, dưới]', kind='range'),
    _p('hcld3.tenure.2', (5, 8), 'U', f'{LAW_2022}, Điều 44 khoản 1 điểm g', 'Số năm giữ chức Phó Tổng cục trưởng và tương đương [từ, dưới]', kind='range'),
    _p('hcld3.tenure.3', (6, 10), 'U', f'{LAW_2022}, Điều 44 khoản 1 điểm g', 'Số năm giữ chức Cục trưởng, Vụ trưởng [từ, dưới]', kind='range'),
    _p('hcld3.tenure.4', (10, 15), 'U', f'{LAW_2022}, Điều 44 khoản 1 điểm g', 'Số năm giữ chức Phó Cục trưởng, Phó Vụ trưởng [từ, dưới]', kind='range'),
]

_ND98_ONLY = [
    *_vote('CSTDCS', 0.8, 'C', _ND98_VOTE),
    *_vote('CSTD_BO', 0.9, 'C', _ND98_VOTE),
    *_vote('CSTD_TQ', 0.9, 'C', _ND98_VOTE),
    *_vote('CO_BO', 0.8, 'C', _ND98_VOTE),
    *_vote('CO_CP', 0.8, 'C', _ND98_VOTE),
]

_ND152_ONLY = [
    *_vote('CSTDCS', 0.8, 'U', _ND152_VOTE),
    *_vote('CSTD_BO', 0.9, 'U', _ND152_VOTE),
    *_vote('CSTD_TQ', 0.9, 'U', _ND152_VOTE),
    *_vote('CO_BO', 0.8, 'U', _ND152_VOTE),
    *_vote('CO_CP', 0.8, 'U', _ND152_VOTE),
    _p('discipline.blocks_titles', True, 'C', f'{ND152}, Điều 4 khoản 4', 'Thành tích chỉ tính từ khi hết thời hạn kỷ luật', kind='bool'),
    _p('chain.counting_award_types', ('cong_trang',), 'C', f'{ND152}, Điều 4 khoản 3', 'Khen thưởng đột xuất, chuyên đề không làm căn cứ khen công trạng', kind='types'),
    _p('chain.discipline_breaks_run', True, 'C', f'{ND152}, Điều 4 khoản 4', 'Năm bị kỷ luật không được tính vào chuỗi năm liên tục', kind='bool'),
    _p('discipline.counts_after_term', True, 'C', f'{ND152}, Điều 4 khoản 4', 'Thành tích chỉ được tính từ sau khi hết thời hạn kỷ luật, cả chuỗi năm và chuỗi danh hiệu', kind='bool'),
    _p('quota.htxs_of_htt', 0.2, 'S', f'{ND335}; Nghị định 233/2026/NĐ-CP', 'Tỷ lệ tối đa xếp loại HTXS trên số HTT (từ năm 2026)', kind='ratio_or_none'),
    _p('quota.htxs_from_year', 2026, 'S', ND335, 'Năm đánh giá đầu tiên áp dụng giới hạn HTXS', kind='count'),
    _p('hcld3.tenure.1', (3, 5), 'S', f'{ND152}, Điều 21', 'Số năm giữ chức Tổng cục trưởng và tương đương [từ, dưới]', kind='range'),
    _p('hcld3.tenure.2', (5, 8), 'S', f'{ND152}, Điều 21', 'Số năm giữ chức Phó Tổng cục trưởng và tương đương [từ, dưới]', kind='range'),
    _p('hcld3.tenure.3', (6, 10), 'S', f'{ND152}, Điều 21', 'Số năm giữ chức Cục trưởng, Vụ trưởng và tương đương [từ, dưới]', kind='range'),
    _p('hcld3.tenure.4', (10, 15), 'S', f'{ND152}, Điều 21', 'Số năm giữ chức Phó Cục trưởng, Phó Vụ trưởng [từ, dưới]', kind='range'),
]

_OLD_LAW = [
    _p('ldtt.min_months_employed', 10, 'C', f'{ND91}, Điều 10', 'Không xét người mới tuyển dụng dưới bấy nhiêu tháng', kind='count_or_none'),
    _p('discipline.blocks_titles', True, 'S', f'{ND91}', 'Bị kỷ luật trong năm thì không xét danh hiệu năm đó', kind='bool'),
    _p('chain.counting_award_types', ('cong_trang', 'dot_xuat', 'chuyen_de'), 'S', LAW_2013, 'Loại hình khen thưởng được tính làm căn cứ', kind='types'),
    _p('chain.discipline_breaks_run', False, 'S', LAW_2013, 'Năm bị kỷ luật làm gián đoạn chuỗi năm liên tục', kind='bool'),
    _p('discipline.counts_after_term', False, 'S', LAW_2013, 'Thành tích chỉ được tính từ sau khi hết thời hạn kỷ luật', kind='bool'),
    _p('cstdcs.htxs_suffices', False, 'C', f'{ND91}, Điều 9 khoản 3', 'Hoàn thành xuất sắc nhiệm vụ không thay được sáng kiến', kind='bool'),
    _p('cstdcs.research_must_be_applied', True, 'C', f'{ND91}, Điều 9 khoản 3', 'Đề tài phải được nghiệm thu và áp dụng', kind='bool'),
    *_vote('CSTDCS', UNSET, 'U', f'{ND91} (không có tỷ lệ luật định)'),
    *_vote('CSTD_BO', 0.9, 'C', _ND91_VOTE),
    *_vote('CSTD_TQ', 0.9, 'C', _ND91_VOTE),
    *_vote('CO_BO', UNSET, 'U', f'{ND91} (không có tỷ lệ luật định)'),
    *_vote('CO_CP', UNSET, 'U', f'{ND91} (không có tỷ lệ luật định)'),
    _p('ttldtt.min_ldtt_share', 0.5, 'C', f'{LAW_2013}, Điều 28', 'Tỷ lệ cá nhân đạt Lao động tiên tiến', kind='ratio'),
    _p('ttldtt.no_member_disciplined', True, 'C', f'{LAW_2013}, Điều 28', 'Không có cá nhân bị kỷ luật từ cảnh cáo trở lên', kind='bool'),
    _p('ttldxs.no_member_disciplined', True, 'C', f'{LAW_2013}, Điều 27', 'Không có cá nhân bị kỷ luật từ cảnh cáo trở lên', kind='bool'),
    _p('bk_bo.consecutive_cstdcs', None, 'U', f'{ND91}, Điều 39', 'Luật cũ không có điều kiện 02 lần Chiến sĩ thi đua cơ sở', kind='count_or_none'),
    _p('bk_bo.consecutive_htxs_years', 2, 'U', f'{ND91}, Điều 39', 'Số năm liên tục hoàn thành xuất sắc nhiệm vụ', kind='count'),
    _p('bk_bo.min_initiatives', 2, 'U', f'{ND91}, Điều 39', 'Số sáng kiến cấp cơ sở trong thời gian đó', kind='count'),
    _p('bk_ttg.old_min_initiatives', 5, 'C', f'{ND65}, Điều 23 khoản 1 điểm c', 'Số sáng kiến cấp cơ sở trong 05 năm', kind='count'),
    _p('hcld3.old_min_bo_initiatives', 2, 'C', f'{ND91}, Điều 24', 'Số sáng kiến có phạm vi ảnh hưởng trong bộ', kind='count'),
    _p('quota.cstdcs_of_ldtt', 0.15, 'C', f'{ND91}, Điều 9 khoản 3', 'Tỷ lệ tối đa Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến', kind='ratio_or_none'),
    _p('quota.htxs_of_htt', None, 'U', 'Nghị định 56/2015/NĐ-CP', 'Tỷ lệ tối đa xếp loại HTXS', kind='ratio_or_none'),
    _p('quota.htxs_base', 'htt_only', 'U', '–', 'Mẫu số của tỷ lệ HTXS', kind='htxs_base'),
]
# fmt: on


def _index(*groups: list[Parameter]) -> MappingProxyType:
    merged: dict[str, Parameter] = {}
    for group in groups:
        for param in group:
            merged[param.key] = param
    return MappingProxyType(merged)


OLD_2017 = RuleSet(
    id="LTDKT2013-ND91",
    name_vi=f"{LAW_2013} và {ND91}",
    law=LAW_2013,
    decree=ND91,
    effective_from=date(2017, 7, 31),
    parameters=_index(_SHARED, _OLD_LAW),
    old_law=True,
)
NEW_2024 = RuleSet(
    id="LTDKT2022-ND98",
    name_vi=f"{LAW_2022} và {ND98}",
    law=LAW_2022,
    decree=ND98,
    effective_from=date(2024, 1, 1),
    parameters=_index(_SHARED, _NEW_LAW, _ND98_ONLY),
)
NEW_2025 = RuleSet(
    id="LTDKT2022-ND152",
    name_vi=f"{LAW_2022} và {ND152}",
    law=LAW_2022,
    decree=ND152,
    effective_from=date(2025, 7, 1),
    parameters=_index(_SHARED, _NEW_LAW, _ND152_ONLY),
)
# The amending law (in force 1/10/2026) is known to exist but its text was not seen: the placeholder keeps
# the NĐ 152 values and is not selected until an administrator enables it with confirmed values.
_AMEND_SWITCH = [
    _p(
        "rule_set.enabled",
        False,
        "U",
        "Luật sửa đổi, bổ sung Luật Thi đua, khen thưởng, hiệu lực 01/10/2026 (nội dung chưa được xác nhận)",
        "Áp dụng bộ quy tắc này cho ngày xét từ 01/10/2026 (bật khi đã đối chiếu văn bản; đến khi đó kết quả "
        "theo bộ quy tắc trước và có cảnh báo)",
        kind="bool",
    )
]
AMEND_2026 = replace(
    NEW_2025,
    id="LTDKT2026",
    name_vi="Luật sửa đổi, bổ sung Luật Thi đua, khen thưởng (2026)",
    effective_from=date(2026, 10, 1),
    enabled=False,
    parameters=_index(_SHARED, _NEW_LAW, _ND152_ONLY, _AMEND_SWITCH),
)

RULE_SETS = {rs.id: rs for rs in (OLD_2017, NEW_2024, NEW_2025, AMEND_2026)}
_BY_DATE = (AMEND_2026, NEW_2025, NEW_2024)


def rule_set_in_force(on: date, enabled: frozenset[str] | set[str] = frozenset()) -> RuleSet:
    """The newest enabled rule set in force on a date (the old law before 2024); `enabled` names rule sets an
    administrator has switched on beyond those enabled in code."""
    for rule_set in _BY_DATE:
        if (rule_set.enabled or rule_set.id in enabled) and on >= rule_set.effective_from:
            return rule_set
    return OLD_2017


# --- parameter overrides ----------------------------------------------------------------------------------------

KNOWN_PARAMETER_KEYS = frozenset(key for rs in RULE_SETS.values() for key in rs.parameters)


def _kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for rule_set in RULE_SETS.values():
        for key, param in rule_set.parameters.items():
            if kinds.setdefault(key, param.kind) != param.kind:
                raise ValueError(
                    f"parameter {key}: declared as {kinds[key]} and {param.kind} in two rule sets"
                )
    return kinds


_KIND_BY_KEY = _kinds()

_KIND_ERRORS = {
    "ratio": "phải là số trong khoảng (0, 1]",
    "ratio_or_none": "phải là số trong khoảng (0, 1] hoặc null",
    "base": 'phải là "members" hoặc "present"',
    "range": "phải là [số năm từ, số năm dưới] với từ < dưới",
    "number": "phải là số không âm",
    "htxs_base": 'phải là "htt_only" hoặc "htt_or_better"',
    "count": "phải là số nguyên không âm",
    "count_or_none": "phải là số nguyên không âm hoặc null",
    "types": "phải là danh sách các loại hình: " + ", ".join(AWARD_TYPES),
    "rating": "phải là HTXS, HTT hoặc HT",
    "bool": "phải là true hoặc false",
}


def parameter_kind(key: str) -> str:
    """The declared kind of a parameter; vote parameters of any award share their family's kind."""
    if key.startswith("vote_threshold."):
        return "ratio"
    if key.startswith("vote_base."):
        return "base"
    return _KIND_BY_KEY[key]


def check_parameter(key: str, value: Any) -> str | None:
    """Why an override is invalid (Vietnamese), or None when it is acceptable."""
    if key.startswith(("vote_threshold.", "vote_base.")):
        award = key.split(".", 1)[1]
        if award not in AWARD_CODES:
            return f'mã khen thưởng "{award}" không hợp lệ trong tên tham số'
    elif key not in KNOWN_PARAMETER_KEYS:
        return "tham số không tồn tại"
    kind = parameter_kind(key)
    return None if _VALIDATORS[kind](value) else _KIND_ERRORS[kind]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_ratio(value: Any) -> bool:
    return _is_number(value) and 0 < value <= 1


def _is_range(value: Any) -> bool:
    ok = isinstance(value, list | tuple) and len(value) == 2 and all(_is_number(v) and v >= 0 for v in value)
    return ok and value[0] < value[1]


_VALIDATORS = {
    "ratio": _is_ratio,
    "ratio_or_none": lambda v: v is None or _is_ratio(v),
    "base": lambda v: v in ("members", "present"),
    "range": _is_range,
    "number": lambda v: _is_number(v) and v >= 0,
    "htxs_base": lambda v: v in ("htt_only", "htt_or_better"),
    "count": _is_count,
    "count_or_none": lambda v: v is None or _is_count(v),
    "types": lambda v: isinstance(v, list | tuple) and all(item in AWARD_TYPES for item in v),
    "rating": lambda v: v in ("HTXS", "HTT", "HT"),
    "bool": lambda v: isinstance(v, bool),
}


def normalise_overrides(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """JSON lists become tuples, so parameter values stay hashable and comparable with the defaults."""
    return {key: tuple(value) if isinstance(value, list) else value for key, value in overrides.items()}


# --- unit-level quota warnings -------------------------------------------------------------------------------


def quota_warnings(
    unit_year_counts: Mapping[str, int], rule_set: RuleSet | str, overrides: Mapping[str, Any] | None = None
) -> list[str]:
    """Warnings (Vietnamese) for one unit and year.

    `unit_year_counts` holds any of: year, LDTT, CSTDCS, HTXS, HTT, TTLDTT, TTLDXS (counts of people or
    collectives in the unit for that year).
    """
    rs = RULE_SETS[rule_set] if isinstance(rule_set, str) else rule_set
    values = rs.resolve(overrides)
    warnings: list[str] = []
    _warn_cstdcs(unit_year_counts, values, rs, warnings)
    _warn_htxs(unit_year_counts, values, rs, warnings)
    _warn_ttldxs(unit_year_counts, values, rs, warnings)
    return warnings


def _exceeds(count: int, ratio: Any, base: int) -> bool:
    return Fraction(count) > Fraction(str(ratio)) * base


def _pct(ratio: Any) -> str:
    return f"{float(ratio) * 100:g}".replace(".", ",") + " %"


def _warn_cstdcs(counts: Mapping[str, int], values: dict, rs: RuleSet, out: list[str]) -> None:
    ratio = values.get("quota.cstdcs_of_ldtt")
    if ratio in (None, UNSET) or "CSTDCS" not in counts or "LDTT" not in counts:
        return
    if _exceeds(counts["CSTDCS"], ratio, counts["LDTT"]):
        basis = rs.parameters["quota.cstdcs_of_ldtt"].basis
        out.append(
            f"Số Chiến sĩ thi đua cơ sở ({counts['CSTDCS']}) vượt {_pct(ratio)} số Lao động tiên tiến "
            f"({counts['LDTT']}) — {basis}."
        )


def _warn_htxs(counts: Mapping[str, int], values: dict, rs: RuleSet, out: list[str]) -> None:
    ratio = values.get("quota.htxs_of_htt")
    if ratio in (None, UNSET) or "HTXS" not in counts or "HTT" not in counts:
        return
    from_year = values.get("quota.htxs_from_year")
    if from_year and counts.get("year", from_year) < from_year:
        return
    base = counts["HTT"] + (counts["HTXS"] if values.get("quota.htxs_base") == "htt_or_better" else 0)
    if _exceeds(counts["HTXS"], ratio, base):
        basis = rs.parameters["quota.htxs_of_htt"].basis
        out.append(
            f"Số người xếp loại Hoàn thành xuất sắc nhiệm vụ ({counts['HTXS']}) vượt {_pct(ratio)} "
            f"của {base} người làm mẫu số — {basis} (cách tính mẫu số chưa được xác nhận)."
        )


def _warn_ttldxs(counts: Mapping[str, int], values: dict, rs: RuleSet, out: list[str]) -> None:
    if "TTLDXS" not in counts or "TTLDTT" not in counts:
        return
    ratio = values.get("quota.ttldxs_of_ttldtt")
    if ratio is UNSET:
        out.append(
            "Chưa kiểm tra được tỷ lệ Tập thể lao động xuất sắc: quy định của ngành chưa được xác nhận "
            "(đặt tham số quota.ttldxs_of_ttldtt)."
        )
    elif ratio is not None and counts["TTLDXS"] > max(1, Fraction(str(ratio)) * counts["TTLDTT"]):
        out.append(
            f"Số Tập thể lao động xuất sắc ({counts['TTLDXS']}) vượt {_pct(ratio)} số Tập thể lao động "
            f"tiên tiến ({counts['TTLDTT']})."
        )
