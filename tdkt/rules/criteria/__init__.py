"""The rules, one function per award code: `RULES[code](context) -> Assessment`."""

from tdkt.rules.criteria.collective import rule_co_bo, rule_co_cp, rule_ttldtt, rule_ttldxs
from tdkt.rules.criteria.forms import rule_bk_bo, rule_bk_ttg, rule_gk
from tdkt.rules.criteria.individual import rule_cstd_bo, rule_cstd_tq, rule_cstdcs, rule_ldtt
from tdkt.rules.criteria.medals import rule_hcld3, rule_hcld_higher

RULES = {
    "LDTT": rule_ldtt,
    "CSTDCS": rule_cstdcs,
    "CSTD_BO": rule_cstd_bo,
    "CSTD_TQ": rule_cstd_tq,
    "TTLDTT": rule_ttldtt,
    "TTLDXS": rule_ttldxs,
    "CO_BO": rule_co_bo,
    "CO_CP": rule_co_cp,
    "GK": rule_gk,
    "BK_BO": rule_bk_bo,
    "BK_TTG": rule_bk_ttg,
    "HCLD3": rule_hcld3,
    "HCLD2": rule_hcld_higher,
    "HCLD1": rule_hcld_higher,
}
