"""The fast bulk path gives exactly the reference evaluator's verdicts (verdict, criteria with their texts and
evidence, missing items, earliest year, warnings): on generated subjects that use every fact kind, version-2
fields included (award periods, discipline dates and terms, periods under review, leaves, cluster results),
and on every shared case."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.rules.check import verdict_to_dict
from tdkt.rules.engine import Evaluator
from tdkt.rules.factsfile import load_facts
from tdkt.rules.model import Question
from tdkt.rules.reference import reference_verdict
from tdkt.rules.tests.test_memo import codes, overrides, population, review_years
from tdkt.rules.tests.test_shared_cases import CASE_FILES


@settings(max_examples=100, deadline=None)
@given(population, codes, review_years, overrides, st.booleans())
def test_the_bulk_path_gives_the_reference_verdicts(subjects, chosen, year, params, earliest):
    awards = [
        (code, year + (code in ("GK", "BK_BO", "BK_TTG", "HCLD3", "HCLD2", "HCLD1"))) for code in chosen
    ]
    table = Evaluator(params, earliest=earliest).table(subjects, awards)
    expected = [
        reference_verdict(Question(s.id, code, award_year), s, params, earliest=earliest)
        for s in subjects
        for code, award_year in awards
    ]
    assert [verdict_to_dict(v) for v in table] == [verdict_to_dict(v) for v in expected]


def test_the_reference_gives_the_shared_cases_verdicts() -> None:
    assert CASE_FILES
    for path in CASE_FILES:
        facts = load_facts(path)
        fast = Evaluator(facts.parameters).evaluate(facts.questions, facts.subjects)
        plain = [reference_verdict(q, facts.subjects[q.subject], facts.parameters) for q in facts.questions]
        assert [verdict_to_dict(v) for v in fast] == [verdict_to_dict(v) for v in plain], path


def test_a_review_open_on_the_consideration_date_blocks_in_both() -> None:
    facts = load_facts(next(p for p in CASE_FILES if p.parent.name == "v2"))
    question = next(q for q in facts.questions if q.subject == "nga")
    plain = reference_verdict(question, facts.subjects["nga"])
    assert plain.verdict == "not_eligible"
    assert plain.criteria[0].id == "under_review" and "01/12/2025" in plain.criteria[0].evidence[0]
    assert question.date == date(2026, 1, 15)


def test_every_view_of_the_facts_offers_every_query() -> None:
    from tdkt.rules.criteria.context import FactsView, FutureView, index_of
    from tdkt.rules.memo import Recorder
    from tdkt.rules.model import SubjectFacts
    from tdkt.rules.reference import PlainFacts

    facts = SubjectFacts(id="x", kind="person")
    index = index_of(facts)
    views = [index, FutureView(index, 2026, frozenset()), Recorder(index), PlainFacts(facts)]
    queries = [name for name in dir(FactsView) if not name.startswith("_")]
    for view in views:
        assert isinstance(view, FactsView), type(view)
        assert all(hasattr(view, name) for name in queries), type(view)


def test_the_earliest_national_title_is_never_before_the_ministry_title_it_needs() -> None:
    """CSTĐ toàn quốc needs a second CSTĐ cấp bộ, which needs three more CSTĐCS after the first."""
    from tdkt.rules.engine import evaluate
    from tdkt.rules.model import InitiativeRecord, SubjectFacts, TitleRecord

    em = SubjectFacts(
        id="em",
        kind="person",
        ratings={2022: "HTXS", 2023: "HTXS", 2024: "HTXS"},
        titles=(*(TitleRecord("CSTDCS", y) for y in (2022, 2023, 2024)), TitleRecord("CSTD_BO", 2024)),
        initiatives=(InitiativeRecord(2024, "bo"),),
    )
    bo = evaluate(Question("em", "CSTD_BO", 2025), em)
    national = evaluate(Question("em", "CSTD_TQ", 2025), em)
    assert bo.earliest_year == 2027
    assert national.earliest_year == 2027
    assert reference_verdict(Question("em", "CSTD_TQ", 2025), em).earliest_year == 2027


def test_an_earlier_penalty_still_running_blocks_the_title_even_with_a_later_penalty() -> None:
    from tdkt.rules.engine import evaluate
    from tdkt.rules.model import DisciplineRecord, SubjectFacts

    subject = SubjectFacts(
        id="x",
        kind="person",
        ratings={2025: "HTT"},
        discipline=(
            DisciplineRecord(2024, "giang_chuc", True, date(2024, 11, 1)),  # 18 months: to 30/04/2026
            DisciplineRecord(2026, "khien_trach", True, date(2026, 1, 5)),  # later, ends later
        ),
    )
    question = Question("x", "LDTT", 2025)
    verdict = evaluate(question, subject)
    by_id = {c.id: c for c in verdict.criteria}
    assert verdict.verdict == "not_eligible" and by_id["no_discipline"].status == "unmet"
    assert "giáng chức năm 2024" in by_id["no_discipline"].evidence[0]
    assert verdict_to_dict(reference_verdict(question, subject)) == verdict_to_dict(verdict)
