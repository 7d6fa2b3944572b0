"""Plain data of the eligibility engine: facts about a subject, questions, criteria and verdicts.

Pure Python, no Django. `engine.py` re-exports everything here; the classes live in their own module so that
the rule modules in `criteria/` can import them without an import cycle through the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

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
REVIEW_KINDS = ("discipline", "inspection", "complaint")
LEAVE_KINDS = ("maternity", "sick", "study", "other")
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
#
# Records are named tuples: immutable, compared and hashed by value in C (the batch's shared decision paths
# compare answers made of them), and cheap to build.


class TitleRecord(NamedTuple):
    code: str
    year: int
    revoked: bool = False
    decision: str | None = None
    date: date | None = None  # the date of the conferring decision (version 2)


class AwardRecord(NamedTuple):
    code: str
    date: date
    decision: str | None = None
    type: str = "cong_trang"
    revoked: bool = False
    # The achievement years the decision names ("thành tích năm 2023–2024"), when it names them.
    period_from: int | None = None
    period_to: int | None = None

    @property
    def counted_to(self) -> int:
        """The last achievement year this award rewarded: the end of its period, else its decision year."""
        return self.period_to if self.period_to is not None else self.date.year


class InitiativeRecord(NamedTuple):
    year: int
    scope: str
    kind: str = "initiative"
    decision: str | None = None
    applied: bool = True


class DisciplineRecord(NamedTuple):
    year: int
    level: str
    duty_related: bool = False
    date: date | None = None  # the day the decision took effect
    until: date | None = None  # the last day of its term, when recorded


class ReviewRecord(NamedTuple):
    """A period during which the subject is considered for discipline, inspected, or under a complaint."""

    start: date
    end: date | None = None
    kind: str = "discipline"

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class LeaveRecord(NamedTuple):
    """A leave (maternity, sick, study, other): explains a year without a rating."""

    start: date
    end: date
    kind: str = "other"

    def touches(self, year: int) -> bool:
        return self.start.year <= year <= self.end.year


class ClusterRecord(NamedTuple):
    """A collective's result in its emulation cluster or bloc (cụm, khối thi đua) for a year."""

    cluster: str
    rank: int | None = None
    members: int | None = None
    leading: bool = False


class PositionRecord(NamedTuple):
    code: str
    start: date
    end: date | None = None


class MemberCounts(NamedTuple):
    total: int
    LDTT: int
    CSTDCS: int = 0
    below_HT: int = 0
    disciplined_canh_cao_or_above: int = 0


class Vote(NamedTuple):
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
    under_review: tuple[ReviewRecord, ...] = ()
    leaves: tuple[LeaveRecord, ...] = ()
    cluster_results: dict[int, ClusterRecord] = field(default_factory=dict)
    _index: Any = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Question:
    subject: str
    award: str
    year: int
    date: date | None = None


# --- answers -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Criterion:
    """One condition of a rule, judged. Read-only: verdicts of one evaluation run share criteria."""

    id: str
    status: str
    text: str
    basis: str
    evidence: list[str] = field(default_factory=list)
    # What the subject still needs when the criterion is unmet or unknown (goes to Verdict.missing).
    need: str = ""
    # Unmet, it cannot be fixed by later good years (a wrong subject kind, a missing prior award, which the
    # earliest-year search does not simulate): the search is skipped. Declared here, not read from the id.
    blocks_future: bool = False


@dataclass(slots=True)
class Verdict:
    """The answer to a question. `criteria` and `missing` are tuples: verdicts of one evaluation run share
    them (see `tdkt.rules.memo`)."""

    subject: str
    award: str
    year: int
    rule_set: str
    verdict: str
    criteria: tuple[Criterion, ...]
    missing: tuple[str, ...]
    earliest_year: int | None = None
    warnings: tuple[str, ...] = ()
