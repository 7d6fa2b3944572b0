"""Eligibility for people and units in the database: the engine fed with `tdkt.rules.facts`.

Years follow the engine: for an emulation title `year` is the achievement year, for a form of commendation
the year of the proposal. The pages and the API speak of a *review year* instead (năm đánh giá thành tích):
the review held at the start of year + 1 judges the titles of `year` and proposes forms in `year + 1`
(`question_year`). Parameters are the rule set's defaults overridden by the administrators'
`ParameterOverride` rows of that rule set.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.core.text import vi_sort_key
from tdkt.org.models import Person, Unit
from tdkt.org.permissions import is_admin
from tdkt.rules import batches, selectors, versions
from tdkt.rules import facts as facts_module
from tdkt.rules.check import verdict_to_dict
from tdkt.rules.engine import Evaluator, VerdictTable, collector_paused, select_rule_set
from tdkt.rules.model import (
    AWARD_CODES,
    COLLECTIVE,
    COLLECTIVE_TITLES,
    ELIGIBLE,
    FORMS,
    INDIVIDUAL_TITLES,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    PERSON,
    TITLES,
    Criterion,
    Question,
    SubjectFacts,
    Verdict,
)
from tdkt.rules.models import CandidateDetail, CandidateRow, CandidateSnapshot, ParameterOverride
from tdkt.rules.rulesets import (
    AWARD_CATALOGUE,
    AWARD_NAMES,
    RULE_SETS,
    UNSET,
    RuleSet,
    check_parameter,
    quota_warnings,
    rule_set_in_force,
)

PERSON_CODES = INDIVIDUAL_TITLES + FORMS
UNIT_CODES = COLLECTIVE_TITLES + FORMS
VERDICTS = (ELIGIBLE, NEEDS_REVIEW, NOT_ELIGIBLE)
_TITLE_CODES = frozenset(TITLES)
# Titles whose counts feed the unit's quota warnings (quota_warnings in rulesets.py).
_QUOTA_CODES = ("LDTT", "CSTDCS", "TTLDTT", "TTLDXS")


def is_title(code: str) -> bool:
    return code in _TITLE_CODES


def question_year(code: str, review_year: int) -> int:
    """The engine's year for an award judged in the review of `review_year`."""
    return review_year if is_title(code) else review_year + 1


def default_review_year(today: date | None = None) -> int:
    """The review in progress: from October on, the current year's; before, last year's."""
    today = today or date.today()
    return today.year if today.month >= 10 else today.year - 1


def codes_for(kind: str) -> tuple[str, ...]:
    return PERSON_CODES if kind == PERSON else UNIT_CODES


def applies(code: str, kind: str) -> bool:
    return kind in AWARD_CATALOGUE[code].applies_to


def _check_code(code: str) -> None:
    if code not in AWARD_CODES:
        raise ValidationError(
            _("Mã danh hiệu, hình thức khen thưởng không hợp lệ: %(code)s.") % {"code": code}
        )


# --- evaluation ---------------------------------------------------------------------------------------------


def evaluate_questions(
    questions: list[Question],
    subjects: Mapping[str, SubjectFacts] | Iterable[SubjectFacts],
    overrides: Mapping[str, Mapping] | None = None,
    *,
    earliest: bool = True,
) -> list[Verdict]:
    """The engine over many questions, each rule set with its own administrators' overrides; in order.

    `earliest=False` skips the earliest-year search (bulk runs that need only the verdicts)."""
    if overrides is None:
        overrides = facts_module.parameter_overrides()
    return Evaluator(by_rule_set=overrides, earliest=earliest).evaluate(questions, subjects)


def evaluate_person(person: Person, award_code: str, year: int, date: date | None = None) -> Verdict:
    """Whether `person` may be proposed for `award_code` in `year` (the engine's meaning of the year)."""
    _check_code(award_code)
    subject = facts_module.person_facts([person.pk])[person.pk]
    return evaluate_questions([Question(subject.id, award_code, year, date)], [subject])[0]


def evaluate_unit(unit: Unit, award_code: str, year: int, date: date | None = None) -> Verdict:
    _check_code(award_code)
    subject = facts_module.unit_facts([unit.pk], year if is_title(award_code) else year - 1)[unit.pk]
    return evaluate_questions([Question(subject.id, award_code, year, date)], [subject])[0]


def subject_facts(subject: Person | Unit, review_year: int) -> SubjectFacts:
    if isinstance(subject, Person):
        return facts_module.person_facts([subject.pk])[subject.pk]
    return facts_module.unit_facts([subject.pk], review_year)[subject.pk]


@dataclass
class OutlookItem:
    code: str
    name: str
    is_title: bool
    year: int
    verdict: Verdict


@dataclass
class Outlook:
    review_year: int
    items: list[OutlookItem]

    @property
    def eligible_now(self) -> list[OutlookItem]:
        return [i for i in self.items if i.verdict.verdict == ELIGIBLE]

    @property
    def later(self) -> list[OutlookItem]:
        return [i for i in self.items if i.verdict.verdict == NOT_ELIGIBLE and i.verdict.earliest_year]


def outlook(subject: Person | Unit, year: int, codes: Iterable[str] | None = None) -> Outlook:
    """Every title and form that applies to the subject, in the review of `year`: the verdict now, and for
    those not yet eligible the earliest year they could be."""
    kind = PERSON if isinstance(subject, Person) else COLLECTIVE
    wanted = [c for c in (codes or codes_for(kind)) if applies(c, kind)]
    facts = subject_facts(subject, year)
    questions = [Question(facts.id, code, question_year(code, year)) for code in wanted]
    verdicts = evaluate_questions(questions, [facts])
    items = [
        OutlookItem(code, AWARD_NAMES[code], is_title(code), q.year, v)
        for code, q, v in zip(wanted, questions, verdicts, strict=True)
    ]
    return Outlook(year, items)


# --- candidates of a unit -----------------------------------------------------------------------------------


@dataclass
class Candidate:
    kind: str  # PERSON or COLLECTIVE
    pk: int
    name: str
    unit_name: str
    verdict: Verdict
    url: str = ""  # the person's or unit's page, set by the view


@dataclass
class CandidateGroup:
    code: str
    name: str
    year: int  # the engine's year
    rule_set: str
    candidates: list[Candidate] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(c.verdict.verdict == verdict for c in self.candidates)

    @property
    def counts(self) -> dict[str, int]:
        return {v: self.count(v) for v in VERDICTS}


@dataclass
class CandidateReport:
    unit: Unit
    review_year: int
    groups: list[CandidateGroup]
    warnings: list[str]
    people: int
    units: int


def candidates(
    unit: Unit, year: int, award_code: str | None = None, verdict: str | None = None
) -> CandidateReport:
    """The people and sub-units under `unit` on 31 December of `year`, judged for each title and form (or
    only `award_code`) in the review of `year`, with the unit's quota warnings. `verdict` filters the rows
    (the warnings always count every candidate)."""

    if award_code:
        _check_code(award_code)
    shown = [award_code] if award_code else list(dict.fromkeys(PERSON_CODES + UNIT_CODES))
    evaluated = list(dict.fromkeys(shown + list(_QUOTA_CODES)))
    scope = selectors.review_scope(unit, year)
    people = facts_module.person_facts(scope.people) if scope.people else {}
    units = facts_module.unit_facts(scope.units, year) if scope.units else {}
    overrides = facts_module.parameter_overrides()

    groups: dict[str, CandidateGroup] = {}
    questions: list[Question] = []
    owners: list[tuple[str, Candidate]] = []
    for code in evaluated:
        engine_year = question_year(code, year)
        groups[code] = CandidateGroup(
            code, AWARD_NAMES[code], engine_year, select_rule_set(Question("", code, engine_year)).id
        )
        for kind, subjects in ((PERSON, people), (COLLECTIVE, units)):
            if not applies(code, kind):
                continue
            for pk, subject in subjects.items():
                unit_name = (
                    scope.person_unit_names.get(pk, "") if kind == PERSON else scope.unit_names.get(pk, "")
                )
                questions.append(Question(subject.id, code, engine_year))
                owners.append((code, Candidate(kind, pk, subject.name or unit_name, unit_name, None)))  # type: ignore[arg-type]
    all_subjects = {s.id: s for s in (*people.values(), *units.values())}
    for (code, candidate), answer in zip(
        owners, evaluate_questions(questions, all_subjects, overrides), strict=True
    ):
        candidate.verdict = answer
        groups[code].candidates.append(candidate)

    warnings = _quota_warnings(groups, people, year, overrides)
    result = []
    for code in shown:
        group = groups[code]
        group.candidates.sort(key=lambda c: (VERDICTS.index(c.verdict.verdict), c.kind != PERSON, c.name))
        if verdict:
            group.candidates = [c for c in group.candidates if c.verdict.verdict == verdict]
        result.append(group)
    return CandidateReport(unit, year, result, warnings, len(people), len(units))


def _quota_warnings(groups, people: Mapping[int, SubjectFacts], year: int, overrides) -> list[str]:
    counts: dict[str, int] = {"year": year}
    for code in _QUOTA_CODES:
        if groups[code].candidates:
            counts[code] = groups[code].count(ELIGIBLE)
    ratings = [subject.ratings.get(year) for subject in people.values()]
    if people:
        counts["HTXS"] = ratings.count("HTXS")
        counts["HTT"] = ratings.count("HTT")
    rule_set = select_rule_set(Question("", "LDTT", year))
    return quota_warnings(counts, rule_set, overrides.get(rule_set.id))


# --- candidates stored: judged once per unit, award, review year and version of the facts ----------------------


def _person_sort_keys(ids: list[int]) -> dict[int, str]:
    """`Person.sort_key` of these people (one array parameter on PostgreSQL, chunks elsewhere)."""
    from django.db import connection

    if not ids:
        return {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, sort_key FROM {Person._meta.db_table} WHERE id = ANY(%s)", [list(ids)]
            )
            return dict(cursor.fetchall())
    keys: dict[int, str] = {}
    for start in range(0, len(ids), 900):
        keys.update(Person.objects.filter(pk__in=ids[start : start + 900]).values_list("pk", "sort_key"))
    return keys


def sort_candidates(groups: Iterable[CandidateGroup]) -> None:
    """The page's order: verdict first (eligible, to review, not eligible), then people by given name in
    Vietnamese order (`Person.sort_key`), then collectives by name."""

    groups = list(groups)
    keys = _person_sort_keys(sorted({c.pk for g in groups for c in g.candidates if c.kind == PERSON}))
    for group in groups:
        group.candidates.sort(
            key=lambda c: (
                VERDICTS.index(c.verdict.verdict),
                c.kind != PERSON,
                keys.get(c.pk, "") if c.kind == PERSON else vi_sort_key(c.name),
                c.pk,
            )
        )


def verdict_to_json(verdict: Verdict) -> dict:
    """The verdict without its subject (stored once for every verdict that says the same)."""
    return {
        "award": verdict.award,
        "year": verdict.year,
        "rule_set": verdict.rule_set,
        "verdict": verdict.verdict,
        "criteria": [
            {
                "id": c.id,
                "status": c.status,
                "text": c.text,
                "basis": c.basis,
                "evidence": list(c.evidence),
                "need": c.need,
                "blocks_future": c.blocks_future,
            }
            for c in verdict.criteria
        ],
        "missing": list(verdict.missing),
        "earliest_year": verdict.earliest_year,
        "warnings": list(verdict.warnings),
    }


def verdict_from_json(subject: str, data: dict) -> Verdict:

    return Verdict(
        subject=subject,
        award=data["award"],
        year=data["year"],
        rule_set=data["rule_set"],
        verdict=data["verdict"],
        criteria=tuple(Criterion(**{**c, "evidence": list(c["evidence"])}) for c in data["criteria"]),
        missing=tuple(data["missing"]),
        earliest_year=data["earliest_year"],
        warnings=tuple(data["warnings"]),
    )


def _store_candidates(unit: Unit, year: int, award_code: str, version: str, report: CandidateReport):
    from django.utils import timezone

    group = report.groups[0]
    # one explanation per distinct answer: verdicts of a run share their criteria tuples (`memo`)
    keys: dict[tuple, int] = {}
    payloads: list[dict] = []
    by_json: dict[str, int] = {}
    index: list[int] = []
    for c in group.candidates:
        v = c.verdict
        key = (id(v.criteria), v.missing, v.earliest_year, v.warnings, v.verdict, v.year, v.rule_set, v.award)
        if key not in keys:
            payload = verdict_to_json(v)
            text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
            if text not in by_json:
                by_json[text] = len(payloads)
                payloads.append(payload)
            keys[key] = by_json[text]
        index.append(keys[key])
    with transaction.atomic():
        CandidateSnapshot.objects.filter(unit=unit, year=year, award=award_code).delete()
        snapshot = CandidateSnapshot.objects.create(
            unit=unit,
            year=year,
            award=award_code,
            facts_version=version,
            computed_at=timezone.now(),
            engine_year=group.year,
            rule_set=group.rule_set,
            people=report.people,
            units=report.units,
            counts=group.counts,
            warnings=[str(w) for w in report.warnings],
        )
        details = CandidateDetail.objects.bulk_create(
            [CandidateDetail(snapshot=snapshot, payload=p) for p in payloads], batch_size=500
        )
        CandidateRow.objects.bulk_create(
            (
                CandidateRow(
                    snapshot=snapshot,
                    position=position,
                    verdict=c.verdict.verdict,
                    kind=c.kind,
                    subject_id=c.pk,
                    subject=c.verdict.subject,
                    name=c.name[:400],
                    unit_name=(c.unit_name or "")[:400],
                    detail=details[i],
                )
                for position, (c, i) in enumerate(zip(group.candidates, index, strict=True), start=1)
            ),
            batch_size=1000,
        )
    return snapshot


def refresh_candidates(*, unit: Unit, year: int, award_code: str):
    """Judge the candidates of `unit` for one title or form in the review of `year` and store them (a
    `CandidateSnapshot` replacing the previous one of the same unit, year and award); returns it.

    The facts' version is read before the facts, so a write that lands during the computation makes the
    stored result out of date at once rather than hiding in it. Two requests computing at the same time:
    the second finds the first's result stored and returns that one."""
    from django.db import IntegrityError

    _check_code(award_code)
    version = versions.current()
    report = candidates(unit, year, award_code)
    sort_candidates(report.groups)
    try:
        return _store_candidates(unit, year, award_code, version, report)
    except IntegrityError:
        return CandidateSnapshot.objects.get(unit=unit, year=year, award=award_code)


# --- the batch path (benchmarks, whole-agency runs) -------------------------------------------------------------


def iter_person_verdicts(
    year: int,
    award_codes: Iterable[str] = ("LDTT", "CSTDCS", "BK_BO", "BK_TTG"),
    batch_size: int = 20_000,
    *,
    earliest: bool = False,
    evaluator: Evaluator | None = None,
    id_range: tuple[int, int] | None = None,
) -> Iterator[VerdictTable]:
    """Every person judged for `award_codes` in the review of `year`, one table of verdicts per batch of
    `batch_size` people (see `facts.iter_person_facts_batches`). One evaluator serves every batch, so the
    decision paths learnt on the first batches answer most questions of the later ones; pass your own to
    read its `stats` afterwards."""
    codes = list(award_codes)
    for code in codes:
        _check_code(code)
    if evaluator is None:
        evaluator = Evaluator(by_rule_set=facts_module.parameter_overrides(), earliest=earliest)
    awards = [(code, question_year(code, year)) for code in codes]
    for batch in facts_module.iter_person_facts_batches(year, batch_size=batch_size, id_range=id_range):
        yield evaluator.table(batch.values(), awards)


@dataclass
class Tally:
    """What a whole-agency run found: verdicts counted per award code, and the verdicts of chosen people."""

    people: int = 0
    questions: int = 0
    counts: dict[str, Counter] = field(default_factory=dict)
    kept: dict[tuple[str, str], Verdict] = field(default_factory=dict)
    shared: int = 0  # questions answered from a shared decision path
    ran: int = 0  # questions the rule ran for

    def add(self, other: Tally) -> Tally:
        self.people += other.people
        self.questions += other.questions
        for code, tally in other.counts.items():
            self.counts.setdefault(code, Counter()).update(tally)
        self.kept.update(other.kept)
        self.shared += other.shared
        self.ran += other.ran
        return self


def tally_person_verdicts(
    year: int,
    award_codes: Iterable[str] = PERSON_CODES,
    *,
    workers: int = 1,
    batch_size: int = 20_000,
    keep: Iterable[str] = (),
) -> Tally:
    """Every person judged for `award_codes` in the review of `year` (the whole-agency run), in `workers`
    processes over contiguous ranges of person ids (`tdkt.rules.batches`); the verdicts counted per award
    and kept in full for the subject ids in `keep`."""

    codes = list(award_codes)
    keep = frozenset(keep)

    def job(id_range: tuple[int, int] | None) -> Tally:
        # The collector stays paused for the whole range, and the evaluator's decision trees (millions of
        # objects, acyclic) are freed by reference counting before it resumes: otherwise its first
        # collection walks them all once more, about a tenth of the run on 100,000 people.
        with collector_paused():
            return _tally_range(year, codes, batch_size, keep, id_range)

    ranges: list = batches.person_id_ranges(workers) if workers > 1 else [None]
    total = Tally(counts={code: Counter() for code in codes})
    for part in batches.run_in_ranges(job, ranges):
        total.add(part)
    return total


def _tally_range(
    year: int, codes: list[str], batch_size: int, keep: frozenset[str], id_range: tuple[int, int] | None
) -> Tally:
    evaluator = Evaluator(by_rule_set=facts_module.parameter_overrides(), earliest=False)
    tally = Tally(counts={code: Counter() for code in codes})
    for table in iter_person_verdicts(year, codes, batch_size, evaluator=evaluator, id_range=id_range):
        tally.people += len(table.subjects)
        tally.questions += len(table)
        for code, counted in table.counts().items():
            tally.counts[code].update(counted)
        if keep:
            for row, subject in enumerate(table.subjects):
                if subject in keep:
                    for verdict in (table.verdict(row, a) for a in range(len(codes))):
                        tally.kept[(subject, verdict.award)] = verdict
    tally.shared, tally.ran = evaluator.stats.shared, evaluator.stats.ran
    return tally


# --- parameters ------------------------------------------------------------------------------------------------


def parse_parameter_value(text: str):
    """A value typed in the form: JSON (0.9, null, true, [3, 5], "members"), a decimal comma (0,9), Vietnamese
    words for yes/no/none, or else the text itself."""
    raw = (text or "").strip()
    lowered = raw.lower()
    words = {
        "có": True,
        "không": False,
        "đúng": True,
        "sai": False,
        "": None,
        "không áp dụng": None,
        "không giới hạn": None,
    }
    if lowered in words:
        return words[lowered]
    for candidate in (raw, raw.replace(",", ".")):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    if "–" in raw or "-" in raw:
        parts = [p.strip().replace(",", ".") for p in raw.replace("–", "-").split("-")]
        try:
            return [json.loads(p) for p in parts]
        except ValueError:
            pass
    return raw


def _check_key(rule_set: str, key: str) -> None:
    if rule_set not in RULE_SETS:
        raise ValidationError({"rule_set": _("Bộ quy tắc không tồn tại: %(id)s.") % {"id": rule_set}})
    known = key in RULE_SETS[rule_set].parameters or key.startswith(("vote_threshold.", "vote_base."))
    if not known:
        raise ValidationError(
            {"key": _("Bộ quy tắc %(id)s không có tham số %(key)s.") % {"id": rule_set, "key": key}}
        )


@transaction.atomic
def set_parameter(*, rule_set: str, key: str, value, note: str, actor) -> ParameterOverride:
    """An administrator's value for one parameter of one rule set (validated, atomic, audited)."""

    if actor is None or not is_admin(actor):
        raise PermissionDenied(_("Chỉ Quản trị hệ thống được sửa tham số quy tắc."))
    _check_key(rule_set, key)
    problem = check_parameter(key, value)
    if problem:
        raise ValidationError(
            {"value": _("Giá trị của tham số %(key)s %(problem)s.") % {"key": key, "problem": problem}}
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Ghi rõ căn cứ (văn bản, lý do) của giá trị mới.")})
    if isinstance(value, tuple):
        value = list(value)
    row = ParameterOverride.objects.select_for_update().filter(rule_set=rule_set, key=key).first()
    if row is None:
        row = ParameterOverride(rule_set=rule_set, key=key)
    row.value, row.note, row.changed_by = value, note, actor
    row.save()
    return row


@transaction.atomic
def reset_parameter(*, rule_set: str, key: str, actor) -> bool:
    """Remove the administrators' value: the rule set's default applies again. True if one was removed."""

    if actor is None or not is_admin(actor):
        raise PermissionDenied(_("Chỉ Quản trị hệ thống được sửa tham số quy tắc."))
    _check_key(rule_set, key)
    row = ParameterOverride.objects.select_for_update().filter(rule_set=rule_set, key=key).first()
    if row is None:
        return False
    row.delete()
    return True


# --- for the workflow apps (proposals, councils): the engine behind one door -----------------------------------
# Proposals and councils call only these (and `rules.selectors`), never the engine's modules: the import
# contract "workflow apps use the engine through rules.services" in .importlinter keeps it so.


def is_judged(code: str) -> bool:
    """Whether the engine judges the award `code` automatically (titles and forms of the rule sets)."""
    return code in AWARD_CODES


def award_choices() -> list[tuple[str, str]]:
    """(code, name) of every award the engine knows, in the catalogue's order."""
    return list(AWARD_NAMES.items())


def current_overrides() -> dict[str, dict]:
    """The administrators' parameter values, per rule set (pass to `judge_candidates` to read them once)."""
    return facts_module.parameter_overrides()


def judge_candidates(
    award_code: str,
    review_year: int,
    subjects: Iterable[tuple[int | None, int | None]],
    *,
    overrides: Mapping[str, Mapping] | None = None,
) -> list[dict[str, Any]]:
    """The engine's verdicts, as facts-file dicts, for the candidates of one dossier of `review_year`.

    Each subject is a `(person_id, unit_id)` pair with exactly one of them set; verdicts come in order.
    A constant number of queries whatever the number of candidates."""

    _check_code(award_code)
    pairs = list(subjects)
    people = facts_module.person_facts([p for p, _u in pairs if p])
    units = facts_module.unit_facts([u for p, u in pairs if not p and u], review_year)
    facts = [people[p] if p else units[u] for p, u in pairs]
    year = question_year(award_code, review_year)
    verdicts = evaluate_questions([Question(s.id, award_code, year) for s in facts], facts, overrides)
    return [verdict_to_dict(v) for v in verdicts]


def person_verdicts(award_code: str, review_year: int, person_ids: Iterable[int]) -> dict[int, str]:
    """person id → the engine's verdict ("eligible", "needs_review", "not_eligible") for `award_code`."""
    ids = list(person_ids)
    if not ids or award_code not in AWARD_CODES:
        return {}
    facts = facts_module.person_facts(ids)
    subjects = [facts[pk] for pk in ids]
    year = question_year(award_code, review_year)
    answers = evaluate_questions([Question(s.id, award_code, year) for s in subjects], subjects)
    return {pk: answer.verdict for pk, answer in zip(ids, answers, strict=True)}


def resolve_rule_set(rule_set, day: date):
    """The rule set given by id or object, or the one in force on `day` when None."""

    if rule_set is None:
        return rule_set_in_force(day)
    if isinstance(rule_set, RuleSet):
        return rule_set
    if rule_set not in RULE_SETS:
        raise ValidationError({"rule_set": _("Bộ quy tắc không tồn tại: %(id)s.") % {"id": rule_set}})
    return RULE_SETS[rule_set]


def vote_rule(award_code: str, day: date, rule_set=None) -> tuple[Any, Any]:
    """(threshold, base) of a council vote on `award_code` under the rule set in force on `day`
    (administrators' values first); None for either when the rule set leaves it unset."""

    rs = resolve_rule_set(rule_set, day)
    keys = (f"vote_threshold.{award_code}", f"vote_base.{award_code}")
    overrides = dict(
        ParameterOverride.objects.filter(rule_set=rs.id, key__in=keys).values_list("key", "value")
    )
    values = rs.resolve(overrides)
    threshold, base = values.get(keys[0], UNSET), values.get(keys[1], UNSET)
    return (None if threshold in (UNSET, None) else threshold), (None if base in (UNSET, None) else base)


def quota_warnings_for(review_year: int, counts: Mapping[str, int]) -> list[str]:
    """The quota warnings (Vietnamese) of one unit's review of `review_year`, from counts per title code
    (`{"LDTT": 40, "CSTDCS": 7}`; HTXS/HTT ratings too when known), under the rule set and administrators'
    values in force for that year."""
    rule_set = select_rule_set(Question("", "LDTT", review_year))
    overrides = facts_module.parameter_overrides()
    return quota_warnings({"year": review_year, **counts}, rule_set, overrides.get(rule_set.id))
