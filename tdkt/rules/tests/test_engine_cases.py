"""The rules as a table: one row per rule branch or boundary.

Columns: name, subject facts, award, year, expected verdict, and optional extras (consideration date,
parameter overrides, expected earliest year, an expected criterion status, the expected rule set).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tdkt.rules.tests.helpers import award, initiative, members, person, ratings, titles, unit, verdict_for

ANY = object()
E, N, R = "eligible", "not_eligible", "needs_review"


@dataclass
class Case:
    name: str
    subject: dict
    award: str
    year: int
    expect: str
    on: str | None = None
    params: dict = field(default_factory=dict)
    earliest: Any = ANY
    criterion: tuple[str, str] | None = None
    rule_set: str | None = None


# Reusable histories ------------------------------------------------------------------------------------
HAI = dict(
    ratings=ratings("2019:HTXS 2020:HTT 2021:HTXS 2022:HTT 2023:HTXS 2024:HTT"),
    titles=titles("CSTDCS:2021 CSTDCS:2023 CSTDCS:2024"),
)
EM = dict(
    ratings=ratings("2022:HTXS 2023:HTXS 2024:HTXS"),
    titles=titles("CSTDCS:2022 CSTDCS:2023 CSTDCS:2024"),
    initiatives=[initiative(2024, "bo")],
)
LAN = dict(
    ratings=ratings("2019:HTT 2020:HTT 2021:HTXS 2022:HTT 2023:HTT"),
    titles=titles("CSTDCS:2019 CSTDCS:2021 CSTDCS:2023"),
    awards=[award("BK_TTG", "2018-06-01")],
)
RUN_5_HTT = ratings("2020:HTT 2021:HTT 2022:HTT 2023:HTT 2024:HTT")


def vote(yes: int, members_: int = 20, present: int | None = None) -> dict:
    return {"yes": yes, "members": members_, "present": present if present is not None else members_}


def leader(code: str, start: str, end: str | None = None, **extra: Any) -> dict:
    return person(positions=[{"code": code, "from": start, "to": end}], **extra)


CASES = [
    # --- Lao động tiên tiến (Art. 24) ---
    Case("ldtt_htt", person(ratings=ratings("2024:HTT")), "LDTT", 2024, E, earliest=None),
    Case("ldtt_htxs", person(ratings=ratings("2024:HTXS")), "LDTT", 2024, E),
    Case("ldtt_ht_breaks", person(ratings=ratings("2024:HT")), "LDTT", 2024, N, earliest=2025),
    Case("ldtt_kht", person(ratings=ratings("2024:KHT")), "LDTT", 2024, N, criterion=("rating", "unmet")),
    # Not rated yet: undecided, not a failure (issue 11, item 4; was not_eligible).
    Case("ldtt_no_rating", person(), "LDTT", 2024, R, criterion=("rating", "unknown")),
    Case(
        "ldtt_no_rating_sick_leave",
        person(leaves=[{"from": "2024-01-10", "to": "2024-12-31", "kind": "sick"}]),
        "LDTT",
        2024,
        N,
        criterion=("rating", "unmet"),
    ),
    Case(
        "ldtt_term_runs_into_next_year",
        person(
            ratings=ratings("2025:HTT"),
            discipline=[{"year": 2024, "level": "giang_chuc", "date": "2024-11-01"}],  # 18 months
        ),
        "LDTT",
        2025,
        N,
        criterion=("no_discipline", "unmet"),
    ),
    Case(
        "ldtt_under_review",
        person(
            ratings=ratings("2025:HTT"),
            under_review=[{"from": "2026-01-05", "to": None, "kind": "complaint"}],
        ),
        "LDTT",
        2025,
        N,
        criterion=("under_review", "unmet"),
    ),
    Case(
        "ldtt_review_closed_before",
        person(
            ratings=ratings("2025:HTT"),
            under_review=[{"from": "2025-10-01", "to": "2025-12-20", "kind": "discipline"}],
        ),
        "LDTT",
        2025,
        E,
    ),
    Case(
        "ldtt_discipline_same_year",
        person(
            ratings=ratings("2024:HTT"),
            discipline=[{"year": 2024, "level": "khien_trach", "duty_related": True}],
        ),
        "LDTT",
        2024,
        N,
        criterion=("no_discipline", "unmet"),
    ),
    Case(
        "ldtt_discipline_other_year",
        person(ratings=ratings("2024:HTT"), discipline=[{"year": 2023, "level": "canh_cao"}]),
        "LDTT",
        2024,
        E,
    ),
    Case(
        "ldtt_old_law_months_declared",
        person(ratings=ratings("2023:HTT")),
        "LDTT",
        2023,
        E,
        rule_set="LTDKT2013-ND91",
        criterion=("min_months", "declared"),
    ),
    Case(
        "ldtt_asked_for_collective",
        unit("2024:HTXS"),
        "LDTT",
        2024,
        N,
        earliest=None,
        criterion=("applies_to", "unmet"),
    ),
    # --- Chiến sĩ thi đua cơ sở (Art. 23; old NĐ 91 Art. 9) ---
    Case(
        "cstdcs_2024_htxs_alone",
        person(ratings=ratings("2024:HTXS")),
        "CSTDCS",
        2024,
        E,
        criterion=("council_vote", "pending"),
    ),
    Case(
        "cstdcs_2024_htt_initiative",
        person(ratings=ratings("2024:HTT"), initiatives=[initiative(2024)]),
        "CSTDCS",
        2024,
        E,
    ),
    Case(
        "cstdcs_2024_research_accepted_not_applied",
        person(ratings=ratings("2024:HTT"), initiatives=[initiative(2024, kind="research", applied=False)]),
        "CSTDCS",
        2024,
        E,
    ),
    Case(
        "cstdcs_2023_research_not_applied",
        person(ratings=ratings("2023:HTT"), initiatives=[initiative(2023, kind="research", applied=False)]),
        "CSTDCS",
        2023,
        N,
    ),
    Case(
        "cstdcs_2023_htxs_alone_old_law",
        person(ratings=ratings("2023:HTXS")),
        "CSTDCS",
        2023,
        N,
        earliest=2024,
        rule_set="LTDKT2013-ND91",
    ),
    Case(
        "cstdcs_2023_initiative",
        person(ratings=ratings("2023:HTT"), initiatives=[initiative(2023)]),
        "CSTDCS",
        2023,
        E,
    ),
    Case(
        "cstdcs_initiative_of_other_year",
        person(ratings=ratings("2024:HTT"), initiatives=[initiative(2023)]),
        "CSTDCS",
        2024,
        N,
    ),
    Case(
        "cstdcs_same_initiative_twice",
        person(
            ratings=ratings("2023:HTT 2024:HTT"),
            initiatives=[initiative(2023, decision="7/QĐ"), initiative(2024, decision="7/QĐ")],
        ),
        "CSTDCS",
        2024,
        N,
    ),
    Case(
        "cstdcs_vote_at_80_percent_of_members",
        person(ratings=ratings("2024:HTXS"), votes={"CSTDCS": vote(16)}),
        "CSTDCS",
        2024,
        E,
        criterion=("council_vote", "met"),
    ),
    Case(
        "cstdcs_vote_below_80_percent",
        person(ratings=ratings("2024:HTXS"), votes={"CSTDCS": vote(15)}),
        "CSTDCS",
        2024,
        N,
        criterion=("council_vote", "unmet"),
    ),
    Case(
        "cstdcs_vote_base_present_passes",
        person(ratings=ratings("2024:HTXS"), votes={"CSTDCS": vote(15, 20, 18)}),
        "CSTDCS",
        2024,
        E,
        params={"vote_base.CSTDCS": "present"},
    ),
    Case(
        "cstdcs_vote_base_present_fails",
        person(ratings=ratings("2024:HTXS"), votes={"CSTDCS": vote(14, 20, 18)}),
        "CSTDCS",
        2024,
        N,
        params={"vote_base.CSTDCS": "present"},
    ),
    Case(
        "cstdcs_old_vote_without_threshold",
        person(ratings=ratings("2023:HTT"), initiatives=[initiative(2023)], votes={"CSTDCS": vote(12)}),
        "CSTDCS",
        2023,
        R,
        criterion=("council_vote", "unknown"),
    ),
    Case(
        "cstdcs_old_vote_threshold_given",
        person(ratings=ratings("2023:HTT"), initiatives=[initiative(2023)], votes={"CSTDCS": vote(12)}),
        "CSTDCS",
        2023,
        E,
        params={"vote_threshold.CSTDCS": 0.5},
    ),
    Case(
        "cstdcs_discipline",
        person(ratings=ratings("2024:HTXS"), discipline=[{"year": 2024, "level": "canh_cao"}]),
        "CSTDCS",
        2024,
        N,
    ),
    Case(
        "cstdcs_2024_considered_30_june_2025",
        person(ratings=ratings("2024:HTXS")),
        "CSTDCS",
        2024,
        E,
        on="2025-06-30",
        rule_set="LTDKT2022-ND98",
    ),
    Case(
        "cstdcs_2024_considered_1_july_2025",
        person(ratings=ratings("2024:HTXS")),
        "CSTDCS",
        2024,
        E,
        on="2025-07-01",
        rule_set="LTDKT2022-ND152",
    ),
    Case(
        "cstdcs_2025_default_date",
        person(ratings=ratings("2025:HTXS")),
        "CSTDCS",
        2025,
        E,
        rule_set="LTDKT2022-ND152",
    ),
    # --- Chiến sĩ thi đua bộ, ban, ngành, tỉnh (Art. 22) ---
    Case("cstd_bo_em_vote_pending", person(**EM), "CSTD_BO", 2024, E, criterion=("council_vote", "pending")),
    Case(
        "cstd_bo_em_vote_85_percent",
        person(**EM, votes={"CSTD_BO": vote(17)}),
        "CSTD_BO",
        2024,
        N,
        earliest=2025,
    ),
    Case("cstd_bo_vote_exactly_90_percent", person(**EM, votes={"CSTD_BO": vote(18)}), "CSTD_BO", 2024, E),
    Case(
        "cstd_bo_lower_threshold_parameter",
        person(**EM, votes={"CSTD_BO": vote(17)}),
        "CSTD_BO",
        2024,
        E,
        params={"vote_threshold.CSTD_BO": 0.8},
    ),
    Case(
        "cstd_bo_vote_base_present",
        person(**EM, votes={"CSTD_BO": vote(17, 20, 18)}),
        "CSTD_BO",
        2024,
        E,
        params={"vote_base.CSTD_BO": "present"},
    ),
    Case(
        "cstd_bo_broken_run_giang",
        person(
            ratings=ratings("2021:HTT 2022:HTT 2023:HTT 2024:HTXS 2025:HTXS"),
            titles=titles("CSTDCS:2021 CSTDCS:2022 CSTDCS:2024 CSTDCS:2025"),
            initiatives=[initiative(2025, "bo")],
        ),
        "CSTD_BO",
        2025,
        N,
        earliest=2026,
    ),
    Case(
        "cstd_bo_grassroots_initiative_only",
        person(**{**EM, "initiatives": [initiative(2024, "co_so")]}),
        "CSTD_BO",
        2024,
        N,
        criterion=("initiative_bo", "unmet"),
    ),
    Case(
        "cstd_bo_revoked_cstdcs",
        person(**{**EM, "titles": titles("CSTDCS:2022 CSTDCS:2023 CSTDCS:2024", revoked="CSTDCS:2023")}),
        "CSTD_BO",
        2024,
        N,
    ),
    Case(
        "cstd_bo_not_twice_for_same_years",
        person(**{**EM, "titles": titles("CSTDCS:2021 CSTDCS:2022 CSTDCS:2023 CSTD_BO:2023 CSTDCS:2024")}),
        "CSTD_BO",
        2024,
        N,
        earliest=2026,
    ),
    # --- Chiến sĩ thi đua toàn quốc (Art. 21) ---
    Case(
        "cstd_tq_two_in_a_row_nationwide",
        person(titles=titles("CSTD_BO:2021 CSTD_BO:2024"), initiatives=[initiative(2023, "toan_quoc")]),
        "CSTD_TQ",
        2024,
        E,
    ),
    Case(
        "cstd_tq_ministry_scope_only",
        person(titles=titles("CSTD_BO:2021 CSTD_BO:2024"), initiatives=[initiative(2023, "bo")]),
        "CSTD_TQ",
        2024,
        N,
        criterion=("initiative_toan_quoc", "unmet"),
    ),
    Case(
        "cstd_tq_gap_between_titles",
        person(titles=titles("CSTD_BO:2018 CSTD_BO:2024"), initiatives=[initiative(2023, "toan_quoc")]),
        "CSTD_TQ",
        2024,
        N,
    ),
    # --- Tập thể lao động tiên tiến (Art. 28) ---
    Case("ttldtt_exactly_half", unit("2024:HTT", {"2024": members(10, 5)}), "TTLDTT", 2024, N, earliest=2025),
    Case("ttldtt_just_over_half", unit("2024:HTT", {"2024": members(100, 51)}), "TTLDTT", 2024, E),
    Case(
        "ttldtt_inclusive_parameter",
        unit("2024:HTT", {"2024": members(10, 5)}),
        "TTLDTT",
        2024,
        E,
        params={"ttldtt.share_inclusive": True},
    ),
    Case(
        "ttldtt_sector_share_70",
        unit("2024:HTT", {"2024": members(10, 6)}),
        "TTLDTT",
        2024,
        N,
        params={"ttldtt.min_ldtt_share": 0.7, "ttldtt.share_inclusive": True},
    ),
    Case(
        "ttldtt_member_disciplined",
        unit("2024:HTT", {"2024": members(10, 8, disciplined=1)}),
        "TTLDTT",
        2024,
        N,
    ),
    Case("ttldtt_task_only_completed", unit("2024:HT", {"2024": members(10, 8)}), "TTLDTT", 2024, N),
    Case(
        "ttldtt_member_counts_missing",
        unit("2024:HTT"),
        "TTLDTT",
        2024,
        R,
        criterion=("ldtt_share", "unknown"),
    ),
    # --- Tập thể lao động xuất sắc (Art. 27) ---
    Case("ttldxs_exactly_70_percent", unit("2024:HTXS", {"2024": members(10, 7)}), "TTLDXS", 2024, E),
    Case(
        "ttldxs_67_5_percent",
        unit("2024:HTXS", {"2024": members(40, 27)}),
        "TTLDXS",
        2024,
        N,
        criterion=("ldtt_share", "unmet"),
    ),
    Case(
        "ttldxs_no_cstdcs_member", unit("2024:HTXS", {"2024": members(40, 29, cstdcs=0)}), "TTLDXS", 2024, N
    ),
    Case(
        "ttldxs_member_below_ht", unit("2024:HTXS", {"2024": members(40, 29, below_ht=1)}), "TTLDXS", 2024, N
    ),
    Case(
        "ttldxs_disciplined_sector_rule_unknown",
        unit("2024:HTXS", {"2024": members(40, 29, disciplined=1)}),
        "TTLDXS",
        2024,
        R,
        criterion=("no_member_disciplined", "unknown"),
    ),
    Case(
        "ttldxs_disciplined_sector_rule_given",
        unit("2024:HTXS", {"2024": members(40, 29, disciplined=1)}),
        "TTLDXS",
        2024,
        N,
        params={"ttldxs.no_member_disciplined": True},
    ),
    Case(
        "ttldxs_disciplined_old_law",
        unit("2023:HTXS", {"2023": members(40, 29, disciplined=1)}),
        "TTLDXS",
        2023,
        N,
    ),
    Case("ttldxs_task_only_good", unit("2024:HTT", {"2024": members(40, 29)}), "TTLDXS", 2024, N),
    # --- Cờ thi đua (Art. 26, 25) ---
    # Leading the cluster is a fact now (issue 11, item 5; was declared): none recorded → needs_review.
    Case(
        "co_bo_exceeds_targets", unit("2024:HTXS"), "CO_BO", 2024, R, criterion=("leads_cluster", "unknown")
    ),
    Case(
        "co_bo_leads_cluster",
        unit(
            "2024:HTXS",
            cluster_results={"2024": {"cluster": "Cụm 1", "rank": 1, "members": 5, "leading": True}},
        ),
        "CO_BO",
        2024,
        E,
        criterion=("leads_cluster", "met"),
    ),
    Case(
        "co_cp_second_in_cluster",
        unit("2024:HTXS", cluster_results={"2024": {"cluster": "Cụm 1", "rank": 2, "leading": False}}),
        "CO_CP",
        2024,
        N,
        criterion=("leads_cluster", "unmet"),
    ),
    Case("co_bo_vote_below_80", unit("2024:HTXS", votes={"CO_BO": vote(15)}), "CO_BO", 2024, N),
    Case("co_cp_only_good", unit("2024:HTT"), "CO_CP", 2024, N),
    # --- Giấy khen (Art. 75) ---
    Case("gk_good_year", person(ratings=ratings("2024:HTT")), "GK", 2025, E),
    Case("gk_completed_only", person(ratings=ratings("2024:HT")), "GK", 2025, N, earliest=2026),
    # --- Bằng khen cấp bộ (Art. 74(1)(d)) ---
    Case(
        "bk_bo_two_cstdcs_across_laws",
        person(ratings=ratings("2023:HTT 2024:HTT"), titles=titles("CSTDCS:2023 CSTDCS:2024")),
        "BK_BO",
        2025,
        E,
    ),
    Case(
        "bk_bo_htxs_two_initiatives",
        person(
            ratings=ratings("2023:HTXS 2024:HTXS"),
            titles=titles("CSTDCS:2024"),
            initiatives=[initiative(2023), initiative(2024)],
        ),
        "BK_BO",
        2025,
        E,
    ),
    Case(
        "bk_bo_htxs_one_initiative",
        person(ratings=ratings("2023:HTXS 2024:HTXS"), initiatives=[initiative(2024)]),
        "BK_BO",
        2025,
        N,
    ),
    Case(
        "bk_bo_old_law_has_no_cstdcs_path",
        person(ratings=ratings("2021:HTT 2022:HTT"), titles=titles("CSTDCS:2021 CSTDCS:2022")),
        "BK_BO",
        2023,
        N,
        rule_set="LTDKT2013-ND91",
    ),
    Case(
        "bk_bo_achievements_not_rewarded_twice",
        person(
            ratings=ratings("2022:HTT 2023:HTT 2024:HTT"),
            titles=titles("CSTDCS:2022 CSTDCS:2023 CSTDCS:2024"),
            awards=[award("BK_BO", "2024-03-10")],
        ),
        "BK_BO",
        2025,
        N,
        earliest=2027,
    ),
    Case("bk_bo_collective_two_htxs_years", unit("2023:HTXS 2024:HTXS"), "BK_BO", 2025, E),
    # --- Bằng khen của Thủ tướng Chính phủ (Art. 73(1)(b); old NĐ 65/2014 Art. 23) ---
    Case("bk_ttg_hai", person(**HAI, awards=[award("BK_BO", "2019-12-10")]), "BK_TTG", 2025, E),
    Case(
        "bk_ttg_hai2_break",
        person(
            **{**HAI, "ratings": ratings("2019:HTXS 2020:HTT 2021:HTXS 2022:HT 2023:HTXS 2024:HTT")},
            awards=[award("BK_BO", "2019-12-10")],
        ),
        "BK_TTG",
        2025,
        N,
        earliest=2028,
    ),
    Case(
        "bk_ttg_no_prior_bk",
        person(**HAI),
        "BK_TTG",
        2025,
        N,
        earliest=None,
        criterion=("prior_bk_bo", "unmet"),
    ),
    Case(
        "bk_ttg_prior_bk_revoked",
        person(**HAI, awards=[award("BK_BO", "2019-12-10", revoked=True)]),
        "BK_TTG",
        2025,
        N,
    ),
    # NĐ 98/2023 Art. 4 holds the same principle as NĐ 152 Art. 4(3) (issue 11, item 2; was eligible): an ad
    # hoc award does not back a merit chain before 1/7/2025 either, unless an administrator switches it off.
    Case(
        "bk_ttg_adhoc_prior_30_june_2025",
        person(**HAI, awards=[award("BK_BO", "2019-12-10", type="dot_xuat")]),
        "BK_TTG",
        2025,
        N,
        on="2025-06-30",
        rule_set="LTDKT2022-ND98",
    ),
    Case(
        "bk_ttg_adhoc_prior_nd98_principle_off",
        person(**HAI, awards=[award("BK_BO", "2019-12-10", type="dot_xuat")]),
        "BK_TTG",
        2025,
        E,
        on="2025-06-30",
        params={"chain.counting_award_types": ["cong_trang", "dot_xuat", "chuyen_de"]},
    ),
    Case(
        "bk_ttg_adhoc_prior_1_july_2025",
        person(**HAI, awards=[award("BK_BO", "2019-12-10", type="dot_xuat")]),
        "BK_TTG",
        2025,
        N,
        on="2025-07-01",
        rule_set="LTDKT2022-ND152",
    ),
    Case(
        "bk_ttg_thematic_prior_after_july_2025",
        person(**HAI, awards=[award("BK_BO", "2019-12-10", type="chuyen_de")]),
        "BK_TTG",
        2025,
        N,
        on="2025-09-15",
    ),
    # Achievements count only after the penalty's term under NĐ 98 too (issue 11, item 2; was eligible).
    Case(
        "bk_ttg_discipline_nd98_breaks_run",
        person(
            **HAI, awards=[award("BK_BO", "2019-12-10")], discipline=[{"year": 2022, "level": "khien_trach"}]
        ),
        "BK_TTG",
        2025,
        N,
        on="2025-03-01",
    ),
    Case(
        "bk_ttg_discipline_nd98_principle_off",
        person(
            **HAI, awards=[award("BK_BO", "2019-12-10")], discipline=[{"year": 2022, "level": "khien_trach"}]
        ),
        "BK_TTG",
        2025,
        E,
        on="2025-03-01",
        params={"discipline.counts_after_term": False, "chain.discipline_breaks_run": False},
    ),
    Case(
        "bk_bo_period_restarts_count",
        person(
            ratings=ratings("2023:HTT 2024:HTT 2025:HTXS 2026:HTXS"),
            titles=titles("CSTDCS:2025 CSTDCS:2026"),
            awards=[{"code": "BK_BO", "date": "2025-04-10", "period": {"from": 2023, "to": 2024}}],
        ),
        "BK_BO",
        2027,
        E,
    ),
    Case(
        "bk_ttg_unrated_year_inside_run",
        person(
            ratings=ratings("2019:HTXS 2020:HTT 2022:HTT 2023:HTXS 2024:HTT"),
            titles=titles("CSTDCS:2020 CSTDCS:2022 CSTDCS:2023"),
            awards=[award("BK_BO", "2018-12-10")],
        ),
        "BK_TTG",
        2025,
        R,
        criterion=("run_htt", "unknown"),
    ),
    Case(
        "bk_ttg_study_leave_breaks_run",
        person(
            ratings=ratings("2019:HTXS 2020:HTT 2022:HTT 2023:HTXS 2024:HTT"),
            titles=titles("CSTDCS:2020 CSTDCS:2022 CSTDCS:2023"),
            awards=[award("BK_BO", "2018-12-10")],
            leaves=[{"from": "2021-01-01", "to": "2021-12-31", "kind": "study"}],
        ),
        "BK_TTG",
        2025,
        N,
        criterion=("run_htt", "unmet"),
    ),
    Case(
        "cstd_bo_title_run_cut_by_penalty",
        person(
            **EM,
            discipline=[{"year": 2023, "level": "canh_cao", "date": "2023-03-01", "until": "2024-02-28"}],
        ),
        "CSTD_BO",
        2024,
        N,
        criterion=("cstdcs_run", "unmet"),
    ),
    Case(
        "bk_ttg_discipline_nd152_breaks_run",
        person(
            **HAI, awards=[award("BK_BO", "2019-12-10")], discipline=[{"year": 2022, "level": "khien_trach"}]
        ),
        "BK_TTG",
        2025,
        N,
        on="2025-08-01",
    ),
    Case(
        "bk_ttg_old_law_five_htxs_years",
        person(
            ratings=ratings("2013:HTXS 2014:HTXS 2015:HTXS 2016:HTXS 2017:HTXS"),
            awards=[award("BK_BO", "2012-12-01")],
            initiatives=[initiative(y) for y in range(2013, 2018)],
        ),
        "BK_TTG",
        2019,
        E,
        rule_set="LTDKT2013-ND91",
    ),
    Case(
        "bk_ttg_old_law_four_initiatives",
        person(
            ratings=ratings("2013:HTXS 2014:HTXS 2015:HTXS 2016:HTXS 2017:HTXS"),
            awards=[award("BK_BO", "2012-12-01")],
            initiatives=[initiative(y) for y in range(2013, 2017)],
        ),
        "BK_TTG",
        2019,
        N,
    ),
    Case(
        "bk_ttg_collective_unconfirmed_count",
        unit("2020:HTT 2021:HTT 2022:HTT 2023:HTT 2024:HTT", awards=[award("BK_BO", "2019-05-01")]),
        "BK_TTG",
        2025,
        R,
    ),
    # --- Huân chương Lao động hạng Ba (Art. 44(1)(e), (g); NĐ 152 Art. 21) ---
    Case("hcld3_lan", person(**LAN), "HCLD3", 2024, E),
    Case(
        "hcld3_lan_without_htxs_year",
        person(**{**LAN, "ratings": ratings("2019:HTT 2020:HTT 2021:HTT 2022:HTT 2023:HTT")}),
        "HCLD3",
        2024,
        N,
        criterion=("htxs_count", "unmet"),
    ),
    Case(
        "hcld3_long_service_6_years_deputy_head",
        leader("pho_tong_cuc_truong", "2019-09-01"),
        "HCLD3",
        2025,
        E,
        on="2025-09-01",
    ),
    Case(
        "hcld3_long_service_too_short",
        leader("pho_tong_cuc_truong", "2021-09-01"),
        "HCLD3",
        2025,
        N,
        on="2025-09-01",
    ),
    Case(
        "hcld3_long_service_beyond_band",
        leader("pho_tong_cuc_truong", "2016-09-01"),
        "HCLD3",
        2025,
        N,
        on="2025-09-01",
        criterion=("tenure", "unmet"),
    ),
    Case(
        "hcld3_long_service_higher_post_added",
        person(
            positions=[
                {"code": "cuc_truong", "from": "2018-09-01", "to": "2023-09-01"},
                {"code": "pho_tong_cuc_truong", "from": "2023-09-01", "to": None},
            ]
        ),
        "HCLD3",
        2025,
        E,
        on="2025-09-01",
    ),
    Case(
        "hcld3_long_service_disciplined_in_post",
        leader("pho_tong_cuc_truong", "2019-09-01", discipline=[{"year": 2021, "level": "khien_trach"}]),
        "HCLD3",
        2025,
        N,
        on="2025-09-01",
    ),
    Case(
        "hcld3_old_law_two_ministry_initiatives",
        person(
            ratings=ratings(" ".join(f"{y}:HTXS" for y in range(2016, 2023))),
            awards=[award("BK_TTG", "2015-05-01")],
            initiatives=[initiative(2018, "bo"), initiative(2020, "bo")],
        ),
        "HCLD3",
        2023,
        E,
        rule_set="LTDKT2013-ND91",
    ),
    Case(
        "hcld2_content_unconfirmed",
        person(ratings=RUN_5_HTT, awards=[award("HCLD3", "2019-05-01")]),
        "HCLD2",
        2025,
        R,
    ),
    Case("hcld2_without_hcld3", person(ratings=RUN_5_HTT), "HCLD2", 2025, N, earliest=None),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_table(case: Case) -> None:
    verdict = verdict_for(case.subject, case.award, case.year, case.on, case.params)
    assert verdict.verdict == case.expect, verdict.missing
    if case.earliest is not ANY:
        assert verdict.earliest_year == case.earliest
    if case.criterion:
        cid, status = case.criterion
        assert {c.id: c.status for c in verdict.criteria}[cid] == status
    if case.rule_set:
        assert verdict.rule_set == case.rule_set
    if case.expect == E:
        assert not verdict.missing and verdict.earliest_year is None
    else:
        assert verdict.missing, "a subject that is not eligible must be told what is missing"


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)
