"""Properties that must hold for any facts: revoked records and unrelated records change no verdict."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.rules.engine import evaluate, evaluate_many
from tdkt.rules.model import (
    FORMS,
    INDIVIDUAL_TITLES,
    RATINGS,
    AwardRecord,
    InitiativeRecord,
    Question,
    SubjectFacts,
    TitleRecord,
)

YEARS = st.integers(min_value=2012, max_value=2026)
PERSON_AWARDS = INDIVIDUAL_TITLES + FORMS

titles_st = st.builds(TitleRecord, code=st.sampled_from(INDIVIDUAL_TITLES), year=YEARS)
awards_st = st.builds(
    AwardRecord,
    code=st.sampled_from(FORMS),
    date=st.dates(min_value=date(2010, 1, 1), max_value=date(2026, 12, 31)),
    decision=st.just("1/QĐ"),
    type=st.sampled_from(("cong_trang", "dot_xuat", "chuyen_de")),
)
initiatives_st = st.builds(
    InitiativeRecord,
    year=YEARS,
    scope=st.sampled_from(("co_so", "bo", "toan_quoc")),
    kind=st.sampled_from(("initiative", "research")),
    applied=st.booleans(),
)
people = st.builds(
    SubjectFacts,
    id=st.just("p"),
    kind=st.just("person"),
    ratings=st.dictionaries(YEARS, st.sampled_from(RATINGS), max_size=12),
    titles=st.lists(titles_st, max_size=8).map(tuple),
    awards=st.lists(awards_st, max_size=3).map(tuple),
    initiatives=st.lists(initiatives_st, max_size=4).map(tuple),
)
questions = st.builds(
    Question, subject=st.just("p"), award=st.sampled_from(PERSON_AWARDS), year=st.integers(2016, 2026)
)


def _summary(verdict):
    return verdict.verdict, [(c.id, c.status) for c in verdict.criteria], verdict.earliest_year


@settings(max_examples=150, deadline=None)
@given(
    people,
    questions,
    st.builds(TitleRecord, code=st.sampled_from(INDIVIDUAL_TITLES), year=YEARS, revoked=st.just(True)),
)
def test_revoked_title_changes_nothing(subject, question, revoked_title):
    with_revoked = replace(subject, titles=subject.titles + (revoked_title,))
    assert _summary(evaluate(question, with_revoked)) == _summary(evaluate(question, subject))


@settings(max_examples=150, deadline=None)
@given(people, questions, awards_st)
def test_revoked_award_changes_nothing(subject, question, award):
    with_revoked = replace(subject, awards=subject.awards + (award._replace(revoked=True),))
    assert _summary(evaluate(question, with_revoked)) == _summary(evaluate(question, subject))


@settings(max_examples=150, deadline=None)
@given(people, questions, st.sampled_from(RATINGS), st.integers(min_value=30, max_value=60))
def test_far_future_rating_changes_no_verdict(subject, question, rating, years_ahead):
    later = replace(subject, ratings={**subject.ratings, question.year + years_ahead: rating})
    assert _summary(evaluate(question, later)) == _summary(evaluate(question, subject))


@settings(max_examples=100, deadline=None)
@given(people, people, questions)
def test_another_subject_changes_no_verdict(subject, other, question):
    other = replace(other, id="q")
    alone = evaluate_many([question], [subject])
    together = evaluate_many([question], [subject, other])
    assert [_summary(v) for v in together] == [_summary(v) for v in alone]


@settings(max_examples=100, deadline=None)
@given(people, questions)
def test_verdict_matches_criteria(subject, question):
    verdict = evaluate(question, subject)
    statuses = {c.status for c in verdict.criteria}
    if verdict.verdict == "eligible":
        assert not verdict.missing and verdict.earliest_year is None
    else:
        assert verdict.missing
        assert statuses & {"unmet", "unknown"}
    if verdict.earliest_year is not None:
        assert verdict.verdict == "not_eligible" and verdict.earliest_year > question.year
