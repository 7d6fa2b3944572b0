"""Rule-set data: parameters are documented, texts are NFC, quotas warn at the right boundary."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from tdkt.awards.catalogue import ENTRIES
from tdkt.rules.engine import Question, consideration_date, select_rule_set
from tdkt.rules.rulesets import (
    AWARD_CATALOGUE,
    AWARD_NAMES,
    PARAMETER_KINDS,
    RULE_SETS,
    UNSET,
    Parameter,
    check_parameter,
    parameter_kind,
    quota_warnings,
)


def test_every_parameter_is_documented():
    for rule_set in RULE_SETS.values():
        for key, param in rule_set.parameters.items():
            assert param.key == key
            assert param.confidence in {"C", "S", "U"}
            assert param.basis and param.description_vi
            assert unicodedata.is_normalized("NFC", param.basis + param.description_vi)
            if param.value is not UNSET and param.value is not None:
                assert (
                    check_parameter(key, list(param.value) if isinstance(param.value, tuple) else param.value)
                    is None
                ), key


def test_award_names_are_the_legal_names():
    assert AWARD_NAMES["CSTDCS"] == "Chiến sĩ thi đua cơ sở"
    assert AWARD_NAMES["BK_TTG"] == "Bằng khen của Thủ tướng Chính phủ"
    assert AWARD_NAMES["HCLD3"] == "Huân chương Lao động hạng Ba"
    assert AWARD_NAMES["TTLDXS"] == "Tập thể lao động xuất sắc"
    assert AWARD_NAMES["CO_CP"] == "Cờ thi đua của Chính phủ"
    assert set(AWARD_CATALOGUE) == set(AWARD_NAMES)
    assert all(unicodedata.is_normalized("NFC", name) for name in AWARD_NAMES.values())


def test_each_parameter_declares_its_kind_and_one_key_has_one_kind():
    for rule_set in RULE_SETS.values():
        for key, param in rule_set.parameters.items():
            assert param.kind in PARAMETER_KINDS, key
            assert parameter_kind(key) == param.kind, key
    # The kind decides what an administrator may enter, whatever the key is called.
    assert parameter_kind("discipline.blocks_titles") == "bool"
    assert check_parameter("discipline.blocks_titles", 1) == "phải là true hoặc false"
    assert parameter_kind("bk_bo.consecutive_cstdcs") == "count_or_none"
    assert check_parameter("bk_bo.consecutive_cstdcs", None) is None
    assert check_parameter("vote_threshold.GK", 0.75) is None
    assert check_parameter("vote_threshold.GK", 1.5) == "phải là số trong khoảng (0, 1]"


def test_a_parameter_with_an_undeclared_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        Parameter("x.y", 1, "U", "basis", "mô tả", "integer")


def test_the_engine_reads_the_one_award_catalogue():
    """Names, categories, levels and subject kinds of the codes the engine judges come from the award
    catalogue that seeds the database: a correction there reaches the engine."""
    by_code = {entry[0]: entry for entry in ENTRIES}
    category = {"title": "title", "commendation": "form"}
    applies = {"individual": {"person"}, "collective": {"collective"}, "both": {"person", "collective"}}
    for code, info in AWARD_CATALOGUE.items():
        _, name, cat, level, subject, *_ = by_code[code]
        assert (info.name, info.category, info.level, set(info.applies_to)) == (
            name,
            category[cat],
            level,
            applies[subject],
        ), code


@pytest.mark.parametrize(
    ("award", "year", "on", "expected"),
    [
        ("CSTDCS", 2023, None, "LTDKT2013-ND91"),
        ("CSTDCS", 2023, "2025-09-01", "LTDKT2013-ND91"),
        ("CSTDCS", 2024, None, "LTDKT2022-ND98"),
        ("CSTDCS", 2024, "2025-06-30", "LTDKT2022-ND98"),
        ("CSTDCS", 2024, "2025-07-01", "LTDKT2022-ND152"),
        ("BK_BO", 2023, None, "LTDKT2013-ND91"),
        ("BK_BO", 2024, None, "LTDKT2022-ND98"),
        ("BK_BO", 2025, None, "LTDKT2022-ND98"),
        ("BK_BO", 2025, "2025-07-01", "LTDKT2022-ND152"),
        ("BK_BO", 2027, None, "LTDKT2022-ND152"),  # the 2026 amendment stays a disabled placeholder
    ],
)
def test_rule_set_selection(award, year, on, expected):
    question = Question("x", award, year, date.fromisoformat(on) if on else None)
    assert select_rule_set(question).id == expected


def test_default_consideration_dates():
    assert consideration_date(Question("x", "LDTT", 2024)) == date(2025, 1, 15)
    assert consideration_date(Question("x", "BK_TTG", 2025)) == date(2025, 3, 1)


def test_old_law_cstdcs_quota_is_15_percent_of_ldtt():
    assert quota_warnings({"LDTT": 20, "CSTDCS": 3}, "LTDKT2013-ND91") == []
    assert len(quota_warnings({"LDTT": 20, "CSTDCS": 4}, "LTDKT2013-ND91")) == 1
    assert quota_warnings({"LDTT": 20, "CSTDCS": 10}, "LTDKT2022-ND98") == []


def test_htxs_rating_cap_from_2026():
    counts = {"year": 2026, "HTT": 25, "HTXS": 6}
    assert len(quota_warnings(counts, "LTDKT2022-ND152")) == 1  # 6 > 20 % of 25
    assert quota_warnings({**counts, "HTXS": 5}, "LTDKT2022-ND152") == []
    assert quota_warnings(counts, "LTDKT2022-ND152", {"quota.htxs_base": "htt_or_better"}) == []  # 6 <= 6.2
    assert quota_warnings({**counts, "year": 2025}, "LTDKT2022-ND152") == []


def test_ttldxs_quota_is_flagged_until_the_sector_rule_is_set():
    counts = {"TTLDTT": 10, "TTLDXS": 3}
    assert "quota.ttldxs_of_ttldtt" in quota_warnings(counts, "LTDKT2022-ND98")[0]
    assert quota_warnings(counts, "LTDKT2022-ND98", {"quota.ttldxs_of_ttldtt": 0.3}) == []
    assert len(quota_warnings(counts, "LTDKT2022-ND98", {"quota.ttldxs_of_ttldtt": 0.2})) == 1
    assert quota_warnings({"TTLDTT": 3, "TTLDXS": 1}, "LTDKT2022-ND98", {"quota.ttldxs_of_ttldtt": 0.2}) == []
