"""Plain data of the eligibility engine: facts about a subject, questions, criteria and verdicts.

Pure Python, no Django. `engine.py` re-exports everything here; the classes live in their own module so that
the rule modules in `criteria/` can import them without an import cycle through the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# --- codes -------------------------------------------------------------------------------------------

RATINGS = ("HTXS", "HTT", "HT", "KHT")
GOOD_RATINGS = frozenset({"HTXS", "HTT"})

INDIVIDUAL_TITLES = ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ")
COLLECTIVE_TITLES = ("TTLDTT", "TTLDXS", "CO_BO", "CO_CP")
TITLES = INDIVIDUAL_TITLES + COLLECTIVE_TITLES
FORMS = ("GK", "BK_BO", "BK_TTG", "HCLD3", "HCLD2", "HCLD1")
AWARD_CODES = TITLES + FORMS

INITIATIVE_SCOPES = ("co_so", "bo", "toan_quoc")
SCOPE_RANK = {scope: rank for rank, scope in enumerate(INITIATIVE_SCOPES)}
INITIATIVE_KINDS = ("initiative", "research")
DISCIPLINE_LEVELS = ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec")
AWARD_TYPES = ("cong_trang", "dot_xuat", "chuyen_de", "cong_hien", "nien_han", "doi_ngoai")
MEMBER_COUNT_FIELDS = ("total", "LDTT", "CSTDCS", "below_HT", "disciplined_canh_cao_or_above")

PERSON = "person"
COLLECTIVE = "collective"
SUBJECT_KINDS = (PERSON, COLLECTIVE)

# --- statuses ----------------------------------------------------------------------------------------

MET = "met"
UNMET = "unmet"
UNKNOWN = "unknown"
DECLARED = "declared"
PENDING = "pending"

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
NEEDS_REVIEW = "needs_review"


# --- facts -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TitleRecord:
    code: str
    year: int
    revoked: bool = False
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class AwardRecord:
    code: str
    date: date
    decision: str | None = None
    type: str = "cong_trang"
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class InitiativeRecord:
    year: int
    scope: str
    kind: str = "initiative"
    decision: str | None = None
    applied: bool = True


@dataclass(frozen=True, slots=True)
class DisciplineRecord:
    year: int
    level: str
    duty_related: bool = False


@dataclass(frozen=True, slots=True)
class PositionRecord:
    code: str
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class MemberCounts:
    total: int
    LDTT: int
    CSTDCS: int = 0
    below_HT: int = 0
    disciplined_canh_cao_or_above: int = 0


@dataclass(frozen=True, slots=True)
class Vote:
    yes: int
    members: int
    present: int | None = None


@dataclass(frozen=True)
class SubjectFacts:
    """Everything known about one person or collective. Treat as immutable: the engine caches an index on it."""

    id: str
    kind: str
    name: str = ""
    ratings: dict[int, str] = field(default_factory=dict)
    task_results: dict[int, str] = field(default_factory=dict)
    member_counts: dict[int, MemberCounts] = field(default_factory=dict)
    titles: tuple[TitleRecord, ...] = ()
    awards: tuple[AwardRecord, ...] = ()
    initiatives: tuple[InitiativeRecord, ...] = ()
    discipline: tuple[DisciplineRecord, ...] = ()
    positions: tuple[PositionRecord, ...] = ()
    votes: dict[str, Vote] = field(default_factory=dict)
    _index: Any = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Question:
    subject: str
    award: str
    year: int
    date: date | None = None


# --- answers -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Criterion:
    id: str
    status: str
    text: str
    basis: str
    evidence: list[str] = field(default_factory=list)
    # What the subject still needs when the criterion is unmet or unknown (goes to Verdict.missing).
    need: str = ""


@dataclass(slots=True)
class Verdict:
    subject: str
    award: str
    year: int
    rule_set: str
    verdict: str
    criteria: list[Criterion]
    missing: list[str]
    earliest_year: int | None = None
