"""Reads for the eligibility pages and API: who is reviewed in a unit, and the parameter tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from tdkt.org import selectors as org_selectors
from tdkt.org.models import Membership, UnitVersion
from tdkt.rules import versions
from tdkt.rules.models import CandidateDetail, CandidateSnapshot, ParameterOverride
from tdkt.rules.rulesets import AWARD_NAMES, RULE_SETS, UNSET, Parameter, RuleSet, parameter_kind

CONFIDENCE_LABELS = {"C": "Đã xác nhận", "S": "Nguồn thứ cấp", "U": "Chưa xác nhận"}
CONFIDENCE_BADGES = {"C": "text-bg-success", "S": "text-bg-info", "U": "text-bg-warning"}


# The engine's verdicts as people read them (pages, exports, documents).
VERDICT_LABELS = {
    "eligible": _("Đủ điều kiện"),
    "needs_review": _("Cần xem xét"),
    "not_eligible": _("Chưa đủ điều kiện"),
}


def verdict_label(value):
    """The Vietnamese label of a verdict ("eligible" → "Đủ điều kiện"); unknown values as given."""
    return VERDICT_LABELS.get(value, value)


@dataclass
class ReviewScope:
    """The people and sub-units of a unit on 31 December of a year, with that day's unit names."""

    day: date
    people: list[int]
    units: list[int]
    person_unit_names: dict[int, str]
    unit_names: dict[int, str]


def review_scope(unit, year: int) -> ReviewScope:
    """Three queries: the subtree on the day, the memberships on the day, the units' names on the day."""
    day = date(year, 12, 31)
    subtree = org_selectors.subtree_ids(unit, day)
    names = dict(
        UnitVersion.objects.filter(org_selectors.active_on(day), unit_id__in=subtree)
        .order_by()
        .values_list("unit_id", "name")
    )
    person_unit: dict[int, int] = {}
    for person_id, unit_id in (
        Membership.objects.filter(org_selectors.active_on(day), unit_id__in=subtree)
        .order_by("valid_from")
        .values_list("person_id", "unit_id")
    ):
        person_unit[person_id] = unit_id
    sub_units = [u for u in subtree if u != unit.pk and u in names]
    return ReviewScope(
        day=day,
        people=sorted(person_unit),
        units=sorted(sub_units),
        person_unit_names={p: names.get(u, "") for p, u in person_unit.items()},
        unit_names=names,
    )


# --- stored candidates ------------------------------------------------------------------------------------------


@dataclass
class StoredGroup:
    """What the candidates page shows above the rows of a snapshot (the engine's year, the counts)."""

    code: str
    name: str
    year: int
    rule_set: str
    counts: dict[str, int]


def current_candidates(unit, year: int, award_code: str):
    """The stored candidates of `unit` for `award_code` in the review of `year`, if the facts have not
    changed since they were judged; else None (one query)."""
    # the version compared inside the query: one round trip
    from django.db.models.expressions import RawSQL

    return CandidateSnapshot.objects.filter(
        unit=unit, year=year, award=award_code, facts_version=RawSQL(versions.sql(), [])
    ).first()


def stored_group(snapshot, verdict: str | None = None) -> StoredGroup:

    counts = {v: n for v, n in snapshot.counts.items() if verdict is None or v == verdict}
    counts = {v: counts.get(v, 0) for v in snapshot.counts}
    return StoredGroup(
        snapshot.award, AWARD_NAMES[snapshot.award], snapshot.engine_year, snapshot.rule_set, counts
    )


class StoredRows:
    """The rows of a snapshot for a paginator: their number is known from the snapshot's counts (no
    COUNT query); slicing reads one page."""

    def __init__(self, queryset, count: int):
        self.queryset, self._count = queryset, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]

    def __iter__(self):
        return iter(self.queryset)


# the columns of a stored row that rebuild a candidate (no model instances: a page reads fifty of them)
ROW_COLUMNS = ("kind", "subject_id", "subject", "name", "unit_name", "detail_id")


def candidate_rows(snapshot, verdict: str | None = None) -> StoredRows:
    """The snapshot's rows in the page's order (verdict, then given name), one verdict or all, as tuples of
    `ROW_COLUMNS`."""
    rows = snapshot.rows.order_by("position").values_list(*ROW_COLUMNS)
    if verdict:
        return StoredRows(rows.filter(verdict=verdict), snapshot.counts.get(verdict, 0))
    return StoredRows(rows, sum(snapshot.counts.values()))


class _Explanations:
    """Stored explanations rebuilt as `Verdict`s, kept between requests (bounded, least recently used first
    out, thread-safe). An explanation never changes once stored: a new judgement stores a new snapshot,
    so the key (snapshot, time it was computed, explanation) never names two different contents, even
    where a database reuses ids (a restored backup, a rolled-back test)."""

    def __init__(self, size: int = 20_000):
        import threading
        from collections import OrderedDict

        self.size, self._lock, self._items = size, threading.Lock(), OrderedDict()

    def get(self, snapshot, ids: set[int]) -> dict[int, Any]:
        from tdkt.rules.services import verdict_from_json  # lazy: rules.services imports this module

        stamp = (snapshot.pk, snapshot.computed_at)
        found, missing = {}, []
        with self._lock:
            for pk in ids:
                key = (*stamp, pk)
                if key in self._items:
                    self._items.move_to_end(key)
                    found[pk] = self._items[key]
                else:
                    missing.append(pk)
        if missing:
            read = CandidateDetail.objects.filter(snapshot=snapshot, pk__in=missing).values_list(
                "pk", "payload"
            )
            fresh = {pk: verdict_from_json("", payload) for pk, payload in read}
            found.update(fresh)
            with self._lock:
                for pk, verdict in fresh.items():
                    self._items[(*stamp, pk)] = verdict
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


EXPLANATIONS = _Explanations()


def as_candidates(snapshot, rows) -> list:
    """Stored rows (`candidate_rows`, or a page of them) as the engine's candidates (`services.Candidate`
    with the `Verdict` rebuilt); rows with the same explanation share its criteria, as the engine's
    verdicts do. The explanations come from `EXPLANATIONS` (one query for those not read before)."""
    from dataclasses import replace

    from tdkt.rules.services import Candidate  # lazy: rules.services imports this module

    rows = list(rows)
    explanations = EXPLANATIONS.get(snapshot, {row[5] for row in rows})
    return [
        Candidate(kind, pk, name, unit_name, replace(explanations[detail], subject=subject))
        for kind, pk, subject, name, unit_name, detail in rows
    ]


# --- parameters ------------------------------------------------------------------------------------------------


def format_value(value: Any) -> str:
    """A parameter value as administrators read it."""
    if value is UNSET:
        return "chưa đặt"
    if value is None:
        return "không áp dụng"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list | tuple):
        if len(value) == 2 and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
            return f"{format_value(value[0])} – {format_value(value[1])}"
        return ", ".join(format_value(v) for v in value)
    return str(value)


def json_value(value: Any) -> Any:
    """A parameter value for JSON (UNSET becomes null; see `unset`)."""
    if value is UNSET:
        return None
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    return value


def edit_text(value: Any) -> str:
    """The value as it is typed in the edit form."""
    if value is UNSET or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(edit_text(v) for v in value) + "]"
    if isinstance(value, str):
        return value
    return str(value)


@dataclass
class ParameterRow:
    rule_set: RuleSet
    parameter: Parameter
    override: ParameterOverride | None

    @property
    def key(self) -> str:
        return self.parameter.key

    @property
    def default(self) -> Any:
        return self.parameter.value

    @property
    def value(self) -> Any:
        return self.override.value if self.override is not None else self.parameter.value

    @property
    def value_text(self) -> str:
        return format_value(self.value)

    @property
    def default_text(self) -> str:
        return format_value(self.default)

    @property
    def edit_text(self) -> str:
        return edit_text(self.value)

    @property
    def unset(self) -> bool:
        return self.value is UNSET

    @property
    def confidence(self) -> str:
        return self.parameter.confidence

    @property
    def confidence_label(self) -> str:
        return CONFIDENCE_LABELS[self.parameter.confidence]

    @property
    def confidence_badge(self) -> str:
        return CONFIDENCE_BADGES[self.parameter.confidence]

    @property
    def form_id(self) -> str:
        return f"p-{self.rule_set.id}-{self.key}".replace(".", "-")


@dataclass
class ParameterSet:
    rule_set: RuleSet
    rows: list[ParameterRow]


def parameter_sets(rule_set_id: str | None = None) -> list[ParameterSet]:
    """Every parameter of every rule set (or one), with the administrators' value where there is one."""
    overrides = {
        (o.rule_set, o.key): o for o in ParameterOverride.objects.select_related("changed_by").order_by()
    }
    sets = []
    for rs in RULE_SETS.values():
        if rule_set_id and rs.id != rule_set_id:
            continue
        keys = list(rs.parameters)
        extra = sorted(k for (r, k) in overrides if r == rs.id and k not in rs.parameters)
        rows = [ParameterRow(rs, rs.parameters[k], overrides.get((rs.id, k))) for k in sorted(keys)]
        for key in extra:  # vote parameters an administrator added for another award
            placeholder = Parameter(key, UNSET, "U", "tham số do quản trị viên đặt", key, parameter_kind(key))
            rows.append(ParameterRow(rs, placeholder, overrides[(rs.id, key)]))
        sets.append(ParameterSet(rs, rows))
    return sets
