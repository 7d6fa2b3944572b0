"""The earliest year treats years after the last rating as not yet known, not as failed years."""

from datetime import date

from tdkt.rules.engine import Question, evaluate
from tdkt.rules.model import AwardRecord, SubjectFacts, TitleRecord


def an(ratings: dict[int, str]) -> SubjectFacts:
    return SubjectFacts(
        id="an",
        kind="person",
        ratings=ratings,
        titles=tuple(TitleRecord("CSTDCS", y) for y in (2021, 2023, 2024)),
        awards=(AwardRecord("BK_BO", date(2019, 12, 10), "3412/QĐ-BTC"),),
    )


def test_review_year_not_yet_rated_does_not_break_the_run():
    # Ratings known to 2025 only; the proposal of 2027 looks back over 2022–2026.
    ratings = {2019: "HTT", 2020: "HTXS", 2021: "HTXS", 2022: "HT", 2023: "HTXS", 2024: "HTXS", 2025: "HTT"}
    verdict = evaluate(Question("an", "BK_TTG", 2027), an(ratings))
    assert verdict.verdict == "not_eligible"
    assert verdict.earliest_year == 2028


def test_a_known_bad_year_still_breaks_the_run():
    ratings = {2022: "HT", 2023: "HTXS", 2024: "HTXS", 2025: "HT"}
    verdict = evaluate(Question("an", "BK_TTG", 2027), an(ratings))
    assert verdict.earliest_year == 2031
