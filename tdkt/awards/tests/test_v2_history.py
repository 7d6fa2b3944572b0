"""Version-2 history: the achievement period of an award (form, import, checks), discipline terms, periods
under review, leaves; cash rounded up to the next 10.000 đ."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdkt.awards import selectors, services
from tdkt.awards.importing import parse_period
from tdkt.awards.models import Award, AwardKind, BaseSalary, CashMultiple, Leave
from tdkt.awards.tests.test_import import AN, HEADERS, run, xlsx

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (2023, (2023, 2023)),
        ("2023", (2023, 2023)),
        ("2023-2024", (2023, 2024)),
        ("2023–2024", (2023, 2024)),
        ("2023 — 2024", (2023, 2024)),
        (2023.0, (2023, 2023)),
    ],
)
def test_periods_are_read_in_the_usual_spellings(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2024-2023", "năm 2023", "23-24", "1900", ""])
def test_bad_periods_are_explained(text):
    with pytest.raises(ValueError, match="năm|Năm|giai đoạn"):
        parse_period(text)


def test_import_reads_the_period_from_either_column(org, person_a):
    rows = [
        [*AN, "A", "Bằng khen của Bộ trưởng Bộ Tài chính", "2023–2024", "812/QĐ-BTC", "10/04/2025", "", ""],
        [*AN, "A", "LĐTT", 2024, "12/QĐ-HQA", "10/01/2025", "", "", "2024"],
    ]
    done = run(xlsx(rows, headers=[*HEADERS, "Ghi chú", "Thời gian thành tích"]))
    assert done.outcome == "imported", done.as_json()
    periods = {a.kind.code: (a.year, a.period_from, a.period_to) for a in Award.objects.all()}
    assert periods == {"BK_BO": (2024, 2023, 2024), "LDTT": (2024, 2024, 2024)}


def test_import_refuses_a_period_after_the_decision(org, person_a):
    rows = [[*AN, "A", "LĐTT", 2024, "12/QĐ-HQA", "10/01/2024", "", "", "2024-2025"]]
    report = run(xlsx(rows, headers=[*HEADERS, "Ghi chú", "Thời gian thành tích"]))
    assert report.outcome != "imported"
    assert any("Thời gian thành tích" in (issue.column or "") for issue in report.issues_for_report())
    assert Award.objects.count() == 0


def test_record_award_checks_the_period(person_a):
    bk = AwardKind.objects.get(code="BK_BO")
    with pytest.raises(ValidationError):
        services.record_award(kind=bk, year=2024, person=person_a, period_from=2024, period_to=2023)
    with pytest.raises(ValidationError):
        services.record_award(
            kind=bk,
            year=2024,
            person=person_a,
            decision_date=date(2024, 5, 1),
            period_from=2024,
            period_to=2025,
        )
    award = services.record_award(kind=bk, year=2024, person=person_a, period_to=2024)
    assert (award.period_from, award.period_to) == (2024, 2024)


def test_discipline_term_must_not_end_before_the_decision(person_a):
    with pytest.raises(ValidationError):
        services.record_discipline(
            person=person_a,
            year=2025,
            level="canh_cao",
            decision_date=date(2025, 6, 1),
            term_end=date(2025, 1, 1),
        )


def test_leaves_end_after_they_start(person_a):
    with pytest.raises(ValidationError):
        services.record_leave(person=person_a, kind="sick", start=date(2025, 6, 1), end=date(2025, 5, 1))
    services.record_leave(person=person_a, kind="maternity", start=date(2025, 1, 1), end=date(2025, 6, 30))
    assert Leave.objects.get().get_kind_display() == "Nghỉ thai sản"


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [(702_000, 710_000), (2_340_000, 2_340_000), (759_000, 760_000), (Decimal("1.5") * 2_530_000, 3_800_000)],
)
def test_cash_is_rounded_up_to_the_next_ten_thousand(amount, rounded):
    assert selectors.round_up_cash(amount) == rounded


def test_cash_amount_rounds_up_and_says_none_when_no_multiple_is_known():
    ldtt = AwardKind.objects.get(code="LDTT")
    day = date(2025, 1, 10)
    BaseSalary.objects.get_or_create(valid_from=date(2024, 7, 1), defaults={"amount": 2_340_000})
    if not CashMultiple.objects.filter(award_kind=ldtt).exists():
        CashMultiple.objects.create(
            award_kind=ldtt, subject_kind="individual", multiple=Decimal("0.3"), valid_from=date(2017, 7, 31)
        )
    assert selectors.cash_amount(ldtt, "individual", day) == 710_000  # 0,3 × 2.340.000 = 702.000, rounded up
    assert selectors.cash_amount(ldtt, "individual", day, multiple=Decimal("1")) == 2_340_000
    unknown = AwardKind.objects.filter(cash_multiples__isnull=True).first()
    if unknown is not None:
        assert selectors.cash_amount(unknown, "individual", day) is None


def test_the_catalogue_numbers_each_class_of_the_labour_order_and_tags_every_multiple():
    bases = dict(AwardKind.objects.filter(code__startswith="HCLD").values_list("code", "legal_basis"))
    assert bases == {
        "HCLD1": "Luật Thi đua, khen thưởng 2022, Điều 42",
        "HCLD2": "Luật Thi đua, khen thưởng 2022, Điều 43",
        "HCLD3": "Luật Thi đua, khen thưởng 2022, Điều 44",
    }
    assert AwardKind.objects.filter(code__in=["HCBVTQ1", "HCBVTQ2", "HCBVTQ3", "HCDL1"]).count() == 4
    tags = dict(
        CashMultiple.objects.filter(award_kind__code__in=["LDTT", "CO_BO", "BK_BO"]).values_list(
            "award_kind__code", "confidence"
        )
    )
    assert tags["LDTT"] == "C" and tags["BK_BO"] == "S"
    assert CashMultiple.objects.filter(award_kind__code="CO_BO", valid_from=date(2024, 1, 1)).exists()
    assert not CashMultiple.objects.exclude(confidence__in=["C", "S", "U"]).exists()
