"""Facts read from the database equal the facts written by hand for the same history, and the engine gives
the same verdicts on them as on a facts file; reading stays at a constant number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.awards import services as awards
from tdkt.awards.models import AwardKind
from tdkt.org import services as org_services
from tdkt.org.models import Position
from tdkt.rules import facts, services
from tdkt.rules.check import verdict_to_dict
from tdkt.rules.engine import evaluate_many
from tdkt.rules.factsfile import parse_facts
from tdkt.rules.model import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    MemberCounts,
    PositionRecord,
    Question,
    SubjectFacts,
    TitleRecord,
)
from tdkt.rules.models import ParameterOverride

pytestmark = pytest.mark.django_db


def kind(code: str) -> AwardKind:
    return AwardKind.objects.get(code=code)


def give(
    code: str,
    year: int,
    *,
    person=None,
    unit=None,
    number: str = "",
    on: date | None = None,
    award_type: str | None = None,
):
    return awards.record_award(
        kind=kind(code),
        year=year,
        person=person,
        unit=unit,
        decision_number=number,
        decision_date=on,
        award_type=award_type,
    )


def new_person(given: str, unit, since=date(2020, 1, 1), family="Lê"):
    return org_services.create_person(
        family_name=family, middle_name="Văn", given_name=given, gender="nam", unit=unit, since=since
    )


RATINGS = {2019: "HTXS", 2020: "HTT", 2021: "HTXS", 2022: "HTT", 2023: "HTXS", 2024: "HTT"}


@pytest.fixture
def an_history(person_a, org):
    """Nguyễn Văn An: six good years, three CSTDCS (a fourth revoked), a ministry Bằng khen in 2019."""
    for year, value in RATINGS.items():
        awards.set_rating(person=person_a, year=year, value=value)
    for year in RATINGS:
        give("LDTT", year, person=person_a, number=f"{year}-LDTT/QĐ-HQA")
    for year in (2021, 2023, 2024):
        give("CSTDCS", year, person=person_a, number=f"{year}-CS/QĐ-HQA")
    revoked = give("CSTDCS", 2022, person=person_a, number="2022-CS/QĐ-HQA")
    awards.revoke_award(
        award=revoked, reason="Kê khai không trung thực", decision_number="9/QĐ-HQA", on=date(2023, 6, 1)
    )
    give("BK_BO", 2019, person=person_a, number="2456/QĐ-BTC", on=date(2019, 12, 10))
    give("GK", 2017, person=person_a, number="12/QĐ-HQA", award_type="dot_xuat")  # no decision date
    give("HCHN", 2018, person=person_a, number="1/QĐ-CTN")  # a medal the engine does not judge
    awards.record_recognition(
        title="Quy trình kiểm tra hồ sơ điện tử",
        scope="co_so",
        year=2023,
        authors=[(person_a, 100)],
        decision_number="45/QĐ-HQBD",
    )
    awards.record_recognition(
        title="Đề tài phân tích rủi ro",
        scope="bo",
        year=2024,
        kind="research",
        authors=[(person_a, 60)],
        decision_number="7/QĐ-BTC",
        applied=False,
    )
    withdrawn = awards.record_recognition(
        title="Sáng kiến bị hủy",
        scope="co_so",
        year=2024,
        authors=[(person_a, 100)],
        decision_number="46/QĐ-HQBD",
    )
    withdrawn.revoked = True
    withdrawn.save()
    awards.record_discipline(person=person_a, year=2018, level="khien_trach", duty_related=False)
    deputy, _ = Position.objects.get_or_create(
        code="pho_cuc_truong", defaults={"name": "Phó Cục trưởng", "is_leadership": True, "grade": 70}
    )
    Position.objects.get_or_create(
        code="chuyen_vien", defaults={"name": "Chuyên viên", "is_leadership": False}
    )
    org_services.add_membership(person=person_a, unit=org.a1, position=deputy, valid_from=date(2022, 1, 1))
    return person_a


def an_expected(person) -> SubjectFacts:
    return SubjectFacts(
        id=f"p{person.pk}",
        kind="person",
        name="Nguyễn Văn An",
        ratings=dict(RATINGS),
        titles=tuple(
            sorted(
                [TitleRecord("LDTT", y, False, f"{y}-LDTT/QĐ-HQA") for y in RATINGS]
                + [TitleRecord("CSTDCS", y, False, f"{y}-CS/QĐ-HQA") for y in (2021, 2023, 2024)]
                + [TitleRecord("CSTDCS", 2022, True, "2022-CS/QĐ-HQA")],
                key=lambda t: (t.year, t.code),
            )
        ),
        awards=(
            AwardRecord("GK", date(2018, 1, 15), "12/QĐ-HQA", "dot_xuat", False),
            AwardRecord("BK_BO", date(2019, 12, 10), "2456/QĐ-BTC", "cong_trang", False),
        ),
        initiatives=(
            InitiativeRecord(2023, "co_so", "initiative", "45/QĐ-HQBD", True),
            InitiativeRecord(2024, "bo", "research", "7/QĐ-BTC", False),
        ),
        discipline=(DisciplineRecord(2018, "khien_trach", False),),
        positions=(PositionRecord("pho_cuc_truong", date(2022, 1, 1), None),),
    )


def an_facts_file(person) -> dict:
    """The same history written as a facts file (FORMAT.md)."""
    return {
        "subjects": [
            {
                "id": f"p{person.pk}",
                "kind": "person",
                "name": "Nguyễn Văn An",
                "ratings": {str(y): v for y, v in RATINGS.items()},
                "titles": [{"code": "LDTT", "year": y} for y in RATINGS]
                + [{"code": "CSTDCS", "year": y} for y in (2021, 2023, 2024)]
                + [{"code": "CSTDCS", "year": 2022, "revoked": True}],
                "awards": [
                    {"code": "BK_BO", "date": "2019-12-10", "decision": "2456/QĐ-BTC"},
                    {"code": "GK", "date": "2018-01-15", "decision": "12/QĐ-HQA", "type": "dot_xuat"},
                ],
                "initiatives": [
                    {"year": 2023, "scope": "co_so", "kind": "initiative", "decision": "45/QĐ-HQBD"},
                    {
                        "year": 2024,
                        "scope": "bo",
                        "kind": "research",
                        "decision": "7/QĐ-BTC",
                        "applied": False,
                    },
                ],
                "discipline": [{"year": 2018, "level": "khien_trach", "duty_related": False}],
                "positions": [{"code": "pho_cuc_truong", "from": "2022-01-01", "to": None}],
            }
        ],
        "questions": [],
    }


# --- people ---------------------------------------------------------------------------------------------------


def test_person_facts_equal_the_hand_built_facts(an_history):
    built = facts.person_facts([an_history.pk])
    assert list(built) == [an_history.pk]
    assert built[an_history.pk] == an_expected(an_history)


def test_up_to_year_leaves_later_records_out(an_history):
    built = facts.person_facts([an_history.pk], up_to_year=2020)[an_history.pk]
    assert set(built.ratings) == {2019, 2020}
    assert {t.year for t in built.titles} == {2019, 2020}
    assert [a.code for a in built.awards] == ["GK", "BK_BO"]
    assert built.initiatives == () and built.positions == ()


@pytest.mark.parametrize(
    "code, year",
    [
        ("LDTT", 2024),
        ("CSTDCS", 2024),
        ("CSTDCS", 2023),
        ("BK_BO", 2025),
        ("BK_TTG", 2025),
        ("BK_TTG", 2024),
        ("HCLD3", 2026),
    ],
)
def test_evaluate_person_matches_the_engine_on_the_facts_file(an_history, code, year):
    data = an_facts_file(an_history)
    data["questions"] = [{"subject": f"p{an_history.pk}", "award": code, "year": year}]
    parsed = parse_facts(data)
    from_file = evaluate_many(parsed.questions, parsed.subjects, parsed.parameters)[0]
    from_db = services.evaluate_person(an_history, code, year)
    assert verdict_to_dict(from_db) == verdict_to_dict(from_file)


def test_a_revoked_award_in_the_database_changes_nothing(an_history):
    before = [
        verdict_to_dict(services.evaluate_person(an_history, c, 2025)) for c in ("BK_BO", "BK_TTG", "HCLD3")
    ]
    extra = give("BK_TTG", 2023, person=an_history, number="88/QĐ-TTg", on=date(2024, 2, 1))
    awards.revoke_award(award=extra, reason="Hủy theo Điều 93", on=date(2024, 9, 1))
    title = give("CSTD_BO", 2024, person=an_history, number="5/QĐ-BTC")
    awards.revoke_award(award=title, reason="Hủy theo Điều 93", on=date(2025, 2, 1))
    after = [
        verdict_to_dict(services.evaluate_person(an_history, c, 2025)) for c in ("BK_BO", "BK_TTG", "HCLD3")
    ]
    assert after == before
    facts_now = facts.person_facts([an_history.pk])[an_history.pk]
    assert AwardRecord("BK_TTG", date(2024, 2, 1), "88/QĐ-TTg", "cong_trang", True) in facts_now.awards


def test_bk_ttg_verdict_and_earliest_year(an_history):
    verdict = services.evaluate_person(an_history, "BK_TTG", 2025)
    assert verdict.rule_set.startswith("LTDKT2022")
    # 2019–2024 are good years with CSTDCS 2021, 2023, 2024 (2022 revoked) after the 2019 Bằng khen.
    assert verdict.verdict == "eligible", verdict.missing


def test_parameter_overrides_of_the_rule_set_apply(an_history, admin_user):
    base = services.evaluate_person(an_history, "BK_BO", 2025)
    assert base.verdict == "eligible"
    services.set_parameter(
        rule_set="LTDKT2022-ND98",
        key="bk_bo.consecutive_cstdcs",
        value=4,
        note="Thử nghiệm",
        actor=admin_user,
    )
    assert ParameterOverride.objects.get(key="bk_bo.consecutive_cstdcs").value == 4
    changed = services.evaluate_person(an_history, "BK_BO", 2025)
    assert changed.verdict == "not_eligible"
    # Another rule set's override does not leak.
    services.reset_parameter(rule_set="LTDKT2022-ND98", key="bk_bo.consecutive_cstdcs", actor=admin_user)
    services.set_parameter(
        rule_set="LTDKT2013-ND91", key="bk_bo.min_initiatives", value=9, note="x", actor=admin_user
    )
    assert services.evaluate_person(an_history, "BK_BO", 2025).verdict == "eligible"


def test_person_facts_take_a_constant_number_of_queries(org, an_history):
    deputy = Position.objects.get(code="pho_cuc_truong")
    people = [an_history]
    for number in range(49):
        person = new_person(f"Số {number}", org.a1)
        awards.set_rating(person=person, year=2024, value="HTT")
        give("LDTT", 2024, person=person, number=f"L{number}")
        give("BK_BO", 2023, person=person, number=f"B{number}", on=date(2023, 12, 1))
        awards.record_discipline(person=person, year=2022, level="khien_trach")
        awards.record_recognition(
            title=f"Sáng kiến {number}", scope="co_so", year=2024, authors=[(person, 100)]
        )
        org_services.add_membership(person=person, unit=org.a, position=deputy, valid_from=date(2023, 1, 1))
        people.append(person)
    ids = [p.pk for p in people]
    with CaptureQueriesContext(connection) as few:
        facts.person_facts(ids[:2])
    with CaptureQueriesContext(connection) as many:
        built = facts.person_facts(ids)
    assert len(many) == len(few) <= 9  # + periods under review and leaves (version 2)
    assert len(built) == 50 and all(b.ratings.get(2024) == "HTT" for b in built.values())


def test_person_facts_for_fifty_people_in_nine_queries(org, django_assert_num_queries):
    people = [new_person(f"Người {n}", org.a1) for n in range(50)]
    with django_assert_num_queries(9):
        built = facts.person_facts([p.pk for p in people])
    assert len(built) == 50


def test_batches_give_the_same_facts_as_person_facts(org, an_history):
    others = [new_person(f"Người {n}", org.b) for n in range(6)]
    for person in others:
        awards.set_rating(person=person, year=2024, value="HTXS")
        awards.set_rating(person=person, year=2026, value="HTXS")  # after the year: left out
    batches = list(facts.iter_person_facts_batches(2025, batch_size=3))
    assert [len(b) for b in batches] == [3, 3, 1]
    streamed = {pk: f for batch in batches for pk, f in batch.items()}
    assert streamed == facts.person_facts([an_history.pk] + [p.pk for p in others], up_to_year=2025)
    assert streamed[an_history.pk] == an_expected(an_history)
    assert 2026 not in streamed[others[0].pk].ratings
    chosen = list(
        facts.iter_person_facts_batches(2025, batch_size=2, person_ids=[others[1].pk, an_history.pk])
    )
    assert [sorted(b) for b in chosen] == [sorted([others[1].pk, an_history.pk])]


def test_iter_person_verdicts_judges_everyone(org, an_history):
    new_person("Bình", org.b)
    verdicts = [
        v for batch in services.iter_person_verdicts(2024, ("LDTT", "BK_TTG"), batch_size=1) for v in batch
    ]
    assert len(verdicts) == 4
    by_subject = {(v.subject, v.award): v.verdict for v in verdicts}
    assert by_subject[(f"p{an_history.pk}", "LDTT")] == "eligible"
    assert by_subject[(f"p{an_history.pk}", "BK_TTG")] == "eligible"


# --- units ----------------------------------------------------------------------------------------------------


@pytest.fixture
def team_history(org, an_history):
    """Team A1 in 2024: An (LDTT, CSTDCS), Bảo (LDTT), Cường (KHT, warned), Dũng (LDTT revoked, reprimanded);
    Giang left for B in June; Hà sits in A directly."""
    bao, cuong, dung = new_person("Bảo", org.a1), new_person("Cường", org.a1), new_person("Dũng", org.a1)
    giang, ha = new_person("Giang", org.a1), new_person("Hà", org.a)
    give("LDTT", 2024, person=bao, number="L-bao")
    awards.set_rating(person=bao, year=2024, value="HTT")
    awards.set_rating(person=cuong, year=2024, value="KHT")
    awards.record_discipline(person=cuong, year=2024, level="canh_cao")
    revoked = give("LDTT", 2024, person=dung, number="L-dung")
    awards.revoke_award(award=revoked, reason="Sai đối tượng", on=date(2025, 3, 1))
    awards.record_discipline(person=dung, year=2024, level="khien_trach")
    give("LDTT", 2024, person=giang, number="L-giang")
    org_services.add_membership(person=giang, unit=org.b, position=None, valid_from=date(2024, 7, 1))
    give("LDTT", 2024, person=ha, number="L-ha")
    give("CSTDCS", 2024, person=ha, number="C-ha")  # a higher title of the year counts as LDTT too
    awards.set_unit_result(unit=org.a1, year=2024, value="HTXS")
    awards.set_unit_result(unit=org.a1, year=2023, value="HTT")
    give("TTLDTT", 2023, unit=org.a1, number="3/QĐ-HQA")
    give("BK_BO", 2023, unit=org.a1, number="99/QĐ-BTC", on=date(2024, 5, 1))
    org_services.rename_unit(unit=org.a1, name="Đội Kiểm soát A1", on=date(2025, 1, 1))
    return org


def test_unit_facts_equal_the_hand_built_facts(team_history):
    org = team_history
    built = facts.unit_facts([org.a1.pk, org.a.pk], 2024)
    team = built[org.a1.pk]
    assert team == SubjectFacts(
        id=f"u{org.a1.pk}",
        kind="collective",
        name="Đội Kiểm soát A1",
        task_results={2023: "HTT", 2024: "HTXS"},
        member_counts={
            # Everyone joined on 1 January 2020; only An held titles before 2024 (his 2022 CSTDCS revoked).
            2020: MemberCounts(5, 1, 0),
            2021: MemberCounts(5, 1, 1),
            2022: MemberCounts(5, 1, 0),
            2023: MemberCounts(5, 1, 1),
            2024: MemberCounts(total=4, LDTT=2, CSTDCS=1, below_HT=1, disciplined_canh_cao_or_above=1),
        },
        titles=(TitleRecord("TTLDTT", 2023, False, "3/QĐ-HQA"),),
        awards=(AwardRecord("BK_BO", date(2024, 5, 1), "99/QĐ-BTC", "cong_trang", False),),
    )
    sub_department = built[org.a.pk]
    assert sub_department.member_counts[2024] == MemberCounts(5, 3, 2, 1, 1)
    assert sub_department.titles == () and sub_department.task_results == {}


def test_unit_facts_take_a_constant_number_of_queries(team_history, django_assert_max_num_queries):
    org = team_history
    with CaptureQueriesContext(connection) as one:
        facts.unit_facts([org.a1.pk], 2024)
    with CaptureQueriesContext(connection) as all_units:
        facts.unit_facts([org.root.pk, org.a.pk, org.a1.pk, org.b.pk], 2024)
    assert len(one) == len(all_units) <= 12  # + periods under review and cluster results


def test_evaluate_unit_uses_member_counts(team_history):
    org = team_history
    verdict = services.evaluate_unit(org.a1, "TTLDXS", 2024)
    by_id = {c.id: c.status for c in verdict.criteria}
    assert by_id["task_result"] == "met"
    assert by_id["all_complete"] == "unmet"  # Cường was rated KHT
    assert verdict.verdict == "not_eligible"
    assert services.evaluate_unit(org.a1, "LDTT", 2024).verdict == "not_eligible"  # not for a collective


def test_evaluate_many_groups_questions_by_rule_set(an_history):
    subject = facts.person_facts([an_history.pk])[an_history.pk]
    questions = [Question(subject.id, "CSTDCS", y) for y in (2021, 2024, 2025)]
    verdicts = services.evaluate_questions(questions, [subject])
    assert [v.year for v in verdicts] == [2021, 2024, 2025]
    assert verdicts[0].rule_set == "LTDKT2013-ND91"


def test_tally_counts_every_verdict_and_keeps_the_chosen(org, an_history):
    others = [new_person(f"Người {n}", org.b) for n in range(5)]
    for person in others:
        awards.set_rating(person=person, year=2024, value="HTT")
    tally = services.tally_person_verdicts(2024, ("LDTT", "BK_TTG"), batch_size=2, keep=[f"p{an_history.pk}"])
    assert tally.people == 6 and tally.questions == 12
    assert tally.counts["LDTT"] == {"eligible": 6}
    assert tally.counts["BK_TTG"] == {"eligible": 1, "not_eligible": 5}
    assert set(tally.kept) == {(f"p{an_history.pk}", "LDTT"), (f"p{an_history.pk}", "BK_TTG")}
    assert tally.kept[(f"p{an_history.pk}", "BK_TTG")].verdict == "eligible"
    assert tally.shared + tally.ran == 12 and tally.shared >= 8  # the five alike people share their paths


def test_facts_of_an_id_range(org, an_history):
    others = [new_person(f"Người {n}", org.b) for n in range(4)]
    ids = sorted(p.pk for p in others)
    batches = list(facts.iter_person_facts_batches(2025, batch_size=10, id_range=(ids[1], ids[2])))
    assert [sorted(b) for b in batches] == [ids[1:3]]


@pytest.mark.django_db(transaction=True)
def test_workers_give_the_verdicts_of_one_process(org):
    """Two forked workers over two id ranges count exactly what one process counts (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        pytest.skip("parallel runs need a server database")
    from tdkt.rules import batches

    for n in range(12):
        person = new_person(f"Song song {n}", org.a1)
        for year in (2022, 2023, 2024):
            awards.set_rating(person=person, year=year, value="HTXS" if n % 3 == 0 else "HTT")
            give("LDTT", year, person=person, number=f"{year}-{n}")
    assert len(batches.person_id_ranges(2)) == 2
    keep = {f"p{pk}" for pk in range(0, 10**6)}
    one = services.tally_person_verdicts(2024, ("LDTT", "CSTDCS", "BK_BO"), workers=1, keep=keep)
    two = services.tally_person_verdicts(2024, ("LDTT", "CSTDCS", "BK_BO"), workers=2, keep=keep)
    assert two.counts == one.counts and two.people == one.people >= 12
    assert {k: v.verdict for k, v in two.kept.items()} == {k: v.verdict for k, v in one.kept.items()}
