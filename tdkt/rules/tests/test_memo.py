"""Shared decision paths change no verdict: judging a population with them gives, question by question,
exactly the verdicts of judging every question from scratch (texts, evidence, missing items, earliest year)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.rules import memo, slots
from tdkt.rules.check import verdict_to_dict
from tdkt.rules.engine import Evaluator, evaluate, evaluate_many
from tdkt.rules.model import (
    COLLECTIVE_TITLES,
    FORMS,
    INDIVIDUAL_TITLES,
    RATINGS,
    AwardRecord,
    ClusterRecord,
    DisciplineRecord,
    InitiativeRecord,
    LeaveRecord,
    MemberCounts,
    PositionRecord,
    Question,
    ReviewRecord,
    SubjectFacts,
    TitleRecord,
    Vote,
)

# Small domains, so that many subjects of a population share answers and paths are reused.
YEARS = st.integers(min_value=2014, max_value=2026)
DECISIONS = st.sampled_from((None, "1/QĐ", "2/QĐ"))

titles = st.builds(
    TitleRecord,
    code=st.sampled_from(INDIVIDUAL_TITLES + COLLECTIVE_TITLES),
    year=YEARS,
    revoked=st.booleans(),
    decision=DECISIONS,
    date=st.one_of(st.none(), st.dates(min_value=date(2014, 1, 1), max_value=date(2027, 6, 30))),
)


@st.composite
def awards(draw):
    """Awards, some naming the achievement years their decision rewarded (version 2)."""
    day = draw(st.dates(min_value=date(2012, 1, 1), max_value=date(2026, 12, 31)))
    period = draw(st.one_of(st.none(), st.integers(0, 3)))
    first = last = None
    if period is not None:
        last = day.year - draw(st.integers(0, 1))
        first = last - period
    return AwardRecord(
        code=draw(st.sampled_from(FORMS)),
        date=day,
        decision=draw(DECISIONS),
        type=draw(st.sampled_from(("cong_trang", "dot_xuat", "chuyen_de", "nien_han"))),
        revoked=draw(st.booleans()),
        period_from=first,
        period_to=last,
    )


@st.composite
def disciplines(draw):
    """Penalties with or without a decision date and a recorded end of term (version 2)."""
    year = draw(YEARS)
    day = draw(st.one_of(st.none(), st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31))))
    until = None
    if day is not None and draw(st.booleans()):
        until = day + timedelta(days=draw(st.integers(30, 800)))
    return DisciplineRecord(
        year=year,
        level=draw(st.sampled_from(("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc"))),
        duty_related=draw(st.booleans()),
        date=day,
        until=until,
    )


@st.composite
def reviews(draw):
    start = draw(st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 12, 31)))
    end = draw(st.one_of(st.none(), st.integers(0, 500).map(lambda days: start + timedelta(days=days))))
    return ReviewRecord(start, end, draw(st.sampled_from(("discipline", "inspection", "complaint"))))


@st.composite
def leaves(draw):
    start = draw(st.dates(min_value=date(2014, 1, 1), max_value=date(2026, 12, 31)))
    end = start + timedelta(days=draw(st.integers(1, 400)))
    return LeaveRecord(start, end, draw(st.sampled_from(("maternity", "sick", "study", "other"))))


clusters = st.builds(
    ClusterRecord,
    cluster=st.sampled_from(("Cụm 1", "Cụm 2")),
    rank=st.one_of(st.none(), st.integers(1, 3)),
    members=st.just(5),
    leading=st.booleans(),
)
initiatives = st.builds(
    InitiativeRecord,
    year=YEARS,
    scope=st.sampled_from(("co_so", "bo", "toan_quoc")),
    kind=st.sampled_from(("initiative", "research")),
    decision=DECISIONS,
    applied=st.booleans(),
)
positions = st.builds(
    PositionRecord,
    code=st.sampled_from(("pho_vu_truong", "vu_truong", "pho_cuc_truong", "cuc_truong")),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2020, 1, 1)),
    end=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 2), max_value=date(2027, 1, 1))),
)
votes = st.dictionaries(
    st.sampled_from(("CSTDCS", "CSTD_BO", "TTLDXS")),
    st.builds(
        Vote,
        yes=st.integers(0, 9),
        members=st.integers(1, 9),
        present=st.one_of(st.none(), st.integers(0, 9)),
    ),
    max_size=2,
)
counts = st.builds(
    MemberCounts,
    total=st.integers(1, 30),
    LDTT=st.integers(0, 30),
    CSTDCS=st.integers(0, 5),
    below_HT=st.integers(0, 3),
    disciplined_canh_cao_or_above=st.integers(0, 2),
)


def _subject(kind: str):
    results = st.dictionaries(YEARS, st.sampled_from(RATINGS), max_size=10)
    return st.builds(
        SubjectFacts,
        id=st.just(""),
        kind=st.just(kind),
        ratings=results if kind == "person" else st.just({}),
        task_results=st.just({}) if kind == "person" else results,
        member_counts=st.just({}) if kind == "person" else st.dictionaries(YEARS, counts, max_size=4),
        titles=st.lists(titles, max_size=6).map(tuple),
        awards=st.lists(awards(), max_size=3).map(tuple),
        initiatives=st.lists(initiatives, max_size=3).map(tuple),
        discipline=st.lists(disciplines(), max_size=2).map(tuple) if kind == "person" else st.just(()),
        positions=st.lists(positions, max_size=2).map(tuple) if kind == "person" else st.just(()),
        votes=votes,
        under_review=st.lists(reviews(), max_size=1).map(tuple),
        leaves=st.lists(leaves(), max_size=2).map(tuple) if kind == "person" else st.just(()),
        cluster_results=st.just({}) if kind == "person" else st.dictionaries(YEARS, clusters, max_size=3),
    )


def _population(subjects: list[SubjectFacts]) -> list[SubjectFacts]:
    """Distinct ids; every subject also appears as a copy, so that every path is walked at least once."""
    out = []
    for number, subject in enumerate(subjects + subjects):
        out.append(SubjectFacts(**{**_fields(subject), "id": f"s{number}"}))
    return out


def _fields(subject: SubjectFacts) -> dict:
    return {name: getattr(subject, name) for name in SubjectFacts.__dataclass_fields__ if name != "_index"}


population = st.lists(st.one_of(_subject("person"), _subject("collective")), min_size=1, max_size=12).map(
    _population
)
codes = st.lists(
    st.sampled_from(INDIVIDUAL_TITLES + COLLECTIVE_TITLES + FORMS), min_size=1, max_size=5, unique=True
)
review_years = st.integers(min_value=2018, max_value=2027)
overrides = st.sampled_from(
    (None, {"vote_threshold.CSTDCS": 0.5, "bk_ttg.run_years": 4}, {"chain.discipline_breaks_run": False})
)


def _questions(subjects, chosen, year):
    return [Question(s.id, code, year + (code in FORMS)) for s in subjects for code in chosen]


def _dicts(verdicts):
    return [verdict_to_dict(v) for v in verdicts]


def _judged_together(people: list[SubjectFacts], awards_asked: list[tuple[str, int]]):
    """The evaluator and verdicts of judging `people` in bulk, after checking them, text for text, against
    the rule run on each person alone."""
    evaluator = Evaluator(earliest=False)
    verdicts = evaluator.evaluate_subjects(people, awards_asked)
    alone = [
        evaluate(Question(p.id, code, year), p, earliest=False) for p in people for code, year in awards_asked
    ]
    assert _dicts(verdicts) == _dicts(alone)
    return evaluator, verdicts


@settings(max_examples=120, deadline=None)
@given(population, codes, review_years, overrides, st.booleans())
def test_shared_paths_give_the_verdicts_of_judging_from_scratch(subjects, chosen, year, params, earliest):
    questions = _questions(subjects, chosen, year)
    alone = [
        evaluate(q, next(s for s in subjects if s.id == q.subject), params, earliest=earliest)
        for q in questions
    ]
    evaluator = Evaluator(params, earliest=earliest)
    shared = evaluator.evaluate(questions, subjects)
    assert _dicts(shared) == _dicts(alone)
    assert evaluator.stats.conflicts == 0
    # Every subject has a twin with the same facts: at least half the questions were answered from a path.
    assert evaluator.stats.shared >= len(questions) // 2


@settings(max_examples=60, deadline=None)
@given(population, codes, review_years, st.booleans())
def test_the_bulk_path_and_a_full_tree_give_the_same_verdicts(subjects, chosen, year, earliest):
    questions = _questions(subjects, chosen, year)
    expected = _dicts(evaluate_many(questions, subjects, earliest=earliest, share=False))
    awards_asked = [(code, year + (code in FORMS)) for code in chosen]
    bulk = Evaluator(earliest=earliest).evaluate_subjects(subjects, awards_asked)
    assert _dicts(bulk) == expected
    # A tree that may hold only a few nodes stores fewer paths and still answers the same.
    small = Evaluator(earliest=earliest, max_nodes=3)
    assert _dicts(small.evaluate_subjects(subjects, awards_asked)) == expected
    assert small.stats.nodes <= 3


def test_a_batch_of_alike_people_runs_each_rule_once():
    people = [
        SubjectFacts(id=f"p{n}", kind="person", ratings={2023: "HTT", 2024: "HTXS", 2025: "HTT"})
        for n in range(500)
    ]
    evaluator = Evaluator(earliest=False)
    verdicts = evaluator.evaluate_subjects(people, [("LDTT", 2025), ("CSTDCS", 2025), ("BK_BO", 2026)])
    assert len(verdicts) == 1500
    assert evaluator.stats.ran == 3 and evaluator.stats.shared == 1497
    assert {v.subject for v in verdicts[:3]} == {"p0"} and verdicts[-1].subject == "p499"
    # The verdicts share their (read-only) criteria.
    assert verdicts[0].criteria is verdicts[3].criteria


def test_a_path_is_keyed_on_answers_not_on_the_subject():
    """Two people with the same rating but different unrelated history share the LĐTT path; a different
    rating takes another one."""
    evaluator = Evaluator(earliest=False)
    a = SubjectFacts(id="a", kind="person", ratings={2025: "HTT"})
    b = SubjectFacts(
        id="b",
        kind="person",
        ratings={2025: "HTT", 2019: "KHT"},
        awards=(AwardRecord("GK", date(2020, 2, 1)),),
    )
    c = SubjectFacts(id="c", kind="person", ratings={2025: "KHT"})
    got = evaluator.evaluate_subjects([a, b, c], [("LDTT", 2025)])
    assert [v.verdict for v in got] == ["eligible", "eligible", "not_eligible"]
    assert evaluator.stats.ran == 2 and evaluator.stats.shared == 1


def test_decisions_and_days_are_evidence_not_a_path():
    """People whose Bằng khen cấp bộ is of the same year, by different decisions on different days (or with
    no number), take one path (the rule runs once): it decides on the year, and the award's label (decision
    and date) is a slot. Each verdict still cites the person's own decision and date, and one without a
    number says so."""
    evaluator = Evaluator(earliest=False)
    ratings = {year: "HTT" for year in range(2019, 2026)}

    def person(pid: str, decision: str | None, day: date = date(2021, 4, 10)) -> SubjectFacts:
        award = AwardRecord("BK_BO", day, decision)
        return SubjectFacts(id=pid, kind="person", ratings=ratings, awards=(award,))

    people = [person(f"p{n}", f"{n}/QĐ-BTC") for n in range(50)] + [person("x", None, date(2021, 12, 30))]
    verdicts = evaluator.evaluate_subjects(people, [("BK_TTG", 2026)])
    assert evaluator.stats.ran == 1 and evaluator.stats.shared == 50
    prior = [next(c for c in v.criteria if c.id == "prior_bk_bo") for v in verdicts]
    assert prior[0].evidence[0] == "0/QĐ-BTC ngày 10/04/2021"
    assert prior[49].evidence[0] == "49/QĐ-BTC ngày 10/04/2021"
    assert prior[50].evidence[0] == "quyết định ngày 30/12/2021"
    alone = [evaluate(Question(p.id, "BK_TTG", 2026), p, earliest=False) for p in people]
    assert _dicts(verdicts) == _dicts(alone)
    assert not any("\ue000" in text for v in verdicts for c in v.criteria for text in (c.text, *c.evidence))


def test_awards_that_cannot_back_a_higher_one_are_named_with_their_date_and_type():
    """An ad hoc Bằng khen does not back a Bằng khen Thủ tướng (NĐ 152 Art. 4): the evidence names it by its
    decision and date, and its type in words, for each person, on one shared path."""
    ratings = {year: "HTT" for year in range(2019, 2026)}

    def person(pid: str, decision: str, day: date) -> SubjectFacts:
        awards = (
            AwardRecord("BK_BO", date(2021, 4, 10), f"1{decision}"),
            AwardRecord("BK_BO", day, decision, "dot_xuat"),
        )
        return SubjectFacts(id=pid, kind="person", ratings=ratings, awards=awards)

    people = [person("a", "7/QĐ-BTC", date(2022, 9, 2)), person("b", "9/QĐ-BTC", date(2022, 3, 15))]
    evaluator, verdicts = _judged_together(people, [("BK_TTG", 2026)])
    assert evaluator.stats.ran == 1 and evaluator.stats.shared == 1
    prior = [next(c for c in v.criteria if c.id == "prior_bk_bo").evidence for v in verdicts]
    assert prior == [
        [
            "17/QĐ-BTC ngày 10/04/2021",
            "7/QĐ-BTC ngày 02/09/2022 (khen thưởng đột xuất) không được tính làm căn cứ",
        ],
        [
            "19/QĐ-BTC ngày 10/04/2021",
            "9/QĐ-BTC ngày 15/03/2022 (khen thưởng đột xuất) không được tính làm căn cứ",
        ],
    ]


def test_years_listed_as_evidence_are_slots_not_a_path():
    """People with as many CSTĐCS titles and HTXS years in the same run, but in different years, take one
    path for the Huân chương Lao động hạng Ba (the rule runs once, in the bulk path and question by
    question); each verdict lists the person's own years, text for text as the rule run on the person alone."""

    def person(pid: str, cstdcs: tuple[int, int, int], htxs: tuple[int, ...]) -> SubjectFacts:
        ratings = {year: "HTXS" if year in htxs else "HTT" for year in range(2016, 2026)}
        return SubjectFacts(
            id=pid,
            kind="person",
            ratings=ratings,
            titles=tuple(TitleRecord("CSTDCS", year, False, f"{year}/QĐ") for year in cstdcs),
            awards=(AwardRecord("BK_TTG", date(2016, 7, 1), "9/QĐ-TTg"),),
        )

    people = [
        person("a", (2017, 2019, 2021), (2017, 2019)),
        person("b", (2018, 2022, 2024), (2020, 2025)),
        person("c", (2020, 2023, 2025), (2023, 2024)),
    ]
    bulk = Evaluator(earliest=False)
    verdicts = bulk.evaluate_subjects(people, [("HCLD3", 2026)])
    one_by_one = Evaluator(earliest=False)
    singly = one_by_one.evaluate([Question(p.id, "HCLD3", 2026) for p in people], people)
    assert bulk.stats.ran == 1 and bulk.stats.shared == 2
    assert one_by_one.stats.ran == 1 and one_by_one.stats.shared == 2
    alone = [evaluate(Question(p.id, "HCLD3", 2026), p, earliest=False) for p in people]
    assert _dicts(verdicts) == _dicts(alone) == _dicts(singly)

    def evidence(verdict, cid: str) -> list[str]:
        return next(c.evidence for c in verdict.criteria if c.id == cid)

    assert [evidence(v, "cstdcs_count") for v in verdicts] == [
        ["các năm: 2017, 2019, 2021"],
        ["các năm: 2018, 2022, 2024"],
        ["các năm: 2020, 2023, 2025"],
    ]
    assert [evidence(v, "htxs_count") for v in verdicts] == [
        ["các năm: 2017, 2019"],
        ["các năm: 2020, 2025"],
        ["các năm: 2023, 2024"],
    ]
    assert not any("\ue000" in text for v in verdicts for c in v.criteria for text in (c.text, *c.evidence))


def test_past_penalties_whose_term_has_ended_are_not_a_path():
    """Lao động tiên tiến, CSTĐ cơ sở and Giấy khen ask only whether a penalty's term reaches the judged year:
    people whose penalties ended long ago take the path of people without any; one still in the term of
    last year's penalty takes another and is told why, as the rule run on the person alone says."""

    def person(pid: str, *discipline: DisciplineRecord) -> SubjectFacts:
        ratings = {2024: "HTT", 2025: "HTXS"}
        return SubjectFacts(id=pid, kind="person", ratings=ratings, discipline=discipline)

    people = [
        person("clean"),
        person("old", DisciplineRecord(2015, "khien_trach", date=date(2015, 5, 4))),
        person("older", DisciplineRecord(2012, "canh_cao"), DisciplineRecord(2019, "khien_trach")),
        person(
            "in_term", DisciplineRecord(2024, "ha_bac_luong", date=date(2024, 12, 1), until=date(2026, 3, 31))
        ),
    ]
    awards_asked = [("LDTT", 2025), ("CSTDCS", 2025), ("GK", 2026)]
    evaluator, verdicts = _judged_together(people, awards_asked)
    assert evaluator.stats.ran == 6 and evaluator.stats.shared == 6  # two paths per award, not four
    assert [v.verdict for v in verdicts[::3]] == ["eligible", "eligible", "eligible", "not_eligible"]
    blocked = next(c for c in verdicts[9].criteria if c.id == "no_discipline")
    assert blocked.status == "unmet" and "bị kỷ luật hạ bậc lương năm 2024" in blocked.evidence[0]
    in_term = next(c for c in verdicts[11].criteria if c.id == "penalty_term")
    assert in_term.status == "unmet" and "chỉ tính thành tích từ năm 2026" in in_term.evidence[0]
    assert not any(c.id == "penalty_term" for v in verdicts[2:9:3] for c in v.criteria)


def test_penalties_that_cut_at_the_same_year_are_a_slot_not_a_path():
    """Two people in the term of different penalties (level, year, end) whose achievements count again from
    the same year take one path for each award: the rule decides on that year alone. Each verdict still
    names the person's own penalty and its end, text for text as the rule run on the person alone."""

    def person(pid: str, record: DisciplineRecord) -> SubjectFacts:
        return SubjectFacts(id=pid, kind="person", ratings={2024: "HTT", 2025: "HTXS"}, discipline=(record,))

    people = [
        person("a", DisciplineRecord(2024, "ha_bac_luong", date=date(2024, 12, 1), until=date(2026, 3, 31))),
        person("b", DisciplineRecord(2023, "canh_cao", date=date(2023, 3, 1), until=date(2026, 2, 28))),
    ]
    awards_asked = [("LDTT", 2025), ("CSTDCS", 2025), ("GK", 2026)]
    evaluator, verdicts = _judged_together(people, awards_asked)
    assert evaluator.stats.ran == 3 and evaluator.stats.shared == 3  # one path per award, not two
    assert [v.verdict for v in verdicts] == ["not_eligible"] * 6
    notes = [next(c for c in v.criteria if c.id == "no_discipline").evidence[0] for v in verdicts[::3]]
    assert notes == [
        "bị kỷ luật hạ bậc lương năm 2024 (thời hạn đến 31/03/2026): chỉ tính thành tích từ năm 2026",
        "bị kỷ luật cảnh cáo năm 2023 (thời hạn đến 28/02/2026): chỉ tính thành tích từ năm 2026",
    ]
    assert not any("\ue000" in text for v in verdicts for c in v.criteria for text in (c.text, *c.evidence))


def test_initiatives_counted_by_kind_are_label_slots_not_a_path():
    """People with as many initiatives of each kind in the years a Bằng khen looks at, recognised in different
    years, at different scopes, share one path (the rule counts them by kind); each verdict lists the
    person's own initiatives, text for text as the rule run on the person alone."""

    def person(pid: str, *initiatives: InitiativeRecord) -> SubjectFacts:
        ratings = {2023: "HTT", 2024: "HTXS", 2025: "HTXS"}
        return SubjectFacts(id=pid, kind="person", ratings=ratings, initiatives=initiatives)

    people = [
        person("a", InitiativeRecord(2024, "co_so", "initiative", "5/QĐ-HQ")),
        person("b", InitiativeRecord(2025, "bo", "initiative", "12/QĐ-BTC")),
        person("c", InitiativeRecord(2025, "co_so", "research", None, True)),
    ]
    evaluator, verdicts = _judged_together(people, [("BK_BO", 2026)])
    assert evaluator.stats.ran == 2 and evaluator.stats.shared == 1  # a and b share; c's is research
    listed = [next(c for c in v.criteria if c.id == "initiatives_in_run").evidence for v in verdicts]
    assert listed == [
        ["5/QĐ-HQ (sáng kiến năm 2024, phạm vi cơ sở)"],
        ["12/QĐ-BTC (sáng kiến năm 2025, phạm vi bộ, ngành)"],
        ["đề tài năm 2025, phạm vi cơ sở"],
    ]
    assert not any("\ue000" in text for v in verdicts for c in v.criteria for text in (c.text, *c.evidence))


def test_time_in_leadership_posts_is_a_band_not_a_path():
    """Huân chương Lao động hạng Ba for long service decides on the band a person's time in post reaches:
    people with different posts and dates in the same band take one path, each verdict shows the person's
    own years, text for text as the rule run on the person alone; a band passed, or a penalty while in
    post, is another path."""

    def person(pid: str, *posts: PositionRecord, discipline: tuple = ()) -> SubjectFacts:
        ratings = dict.fromkeys(range(2016, 2026), "HT")
        return SubjectFacts(id=pid, kind="person", ratings=ratings, positions=posts, discipline=discipline)

    people = [
        person("a", PositionRecord("pho_cuc_truong", date(2014, 3, 1), None)),  # 12 years as deputy
        person(
            "b",
            PositionRecord("pho_vu_truong", date(2012, 1, 1), date(2019, 7, 1)),
            PositionRecord("vu_truong", date(2019, 7, 1), date(2022, 1, 1)),
        ),  # 7,5 + 2,5 years: 10 in the deputy band, counting the higher post
        person("c", PositionRecord("pho_cuc_truong", date(2008, 1, 1), None)),  # 18 years: past the band
        person(
            "d",
            PositionRecord("pho_cuc_truong", date(2014, 3, 1), None),
            discipline=(DisciplineRecord(2018, "khien_trach"),),
        ),
    ]
    evaluator, verdicts = _judged_together(people, [("HCLD3", 2026)])
    assert evaluator.stats.ran == 3 and evaluator.stats.shared == 1  # a and b share

    def tenure(verdict) -> tuple[str, str, list[str]]:
        found = next(c for c in verdict.criteria if c.id == "tenure")
        return found.status, found.text, found.evidence

    assert [v.verdict for v in verdicts] == ["eligible", "eligible", "not_eligible", "not_eligible"]
    deputy = "Phó Cục trưởng, Phó Vụ trưởng và tương đương"
    assert [tenure(v)[2] for v in verdicts] == [
        [f"{deputy}: 12 năm"],
        [f"{deputy}: 10 năm"],
        [f"{deputy}: 18,2 năm"],
        [f"{deputy}: 12 năm"],
    ]
    assert tenure(verdicts[1])[1].endswith("từ 10 năm đến dưới 15 năm (đã giữ 10 năm)")
    assert tenure(verdicts[2])[0] == "unmet"
    in_post = next(c for c in verdicts[3].criteria if c.id == "no_discipline_in_post")
    assert in_post.status == "unmet" and in_post.evidence == ["discipline.2018 = khien_trach"]
    assert not any("\ue000" in text for v in verdicts for c in v.criteria for text in (c.text, *c.evidence))


def test_year_slots_sort_as_their_years():
    """`years_text` sorts what it lists: a slot's place is written so that slots sort in place order past
    ten years; years out of order are not slotted (their listed order would change)."""
    from tdkt.rules.criteria.context import index_of, years_text  # lazy: as the other index tests here

    index = index_of(SubjectFacts(id="", kind="person", ratings=dict.fromkeys(range(2000, 2026), "HTT")))
    span = tuple(range(2000, 2026))
    masked = index.slotted_rated_years_among(7, "HTT", span)
    assert len(masked) == 26 and years_text(masked) == ", ".join(masked)
    assert index.slotted_rated_years_among(7, "HTT", (2020, 2019)) == (2020, 2019)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_subject("person"), _subject("collective")), st.integers(2014, 2027), st.booleans())
def test_each_shared_run_is_its_year_test_walked_back(subject, last, breaks):
    """`SubjectIndex.shared_run` walks each run in one loop of its own; it must give the years that the rules'
    year test (`RUN_TESTS`) passes, walked back from `last` until the first year that fails."""
    from tdkt.rules.criteria.context import RUN_TESTS, index_of

    index = index_of(subject)
    for test, passes in RUN_TESTS.items():
        expected, year = [], last
        while passes(index, year, breaks):
            expected.insert(0, year)
            year -= 1
        assert index.shared_run(test, last, breaks) == tuple(expected), test


_SPANS = st.builds(lambda first, length: tuple(range(first, first + length)), YEARS, st.integers(0, 10))
_DAYS = st.dates(min_value=date(2012, 1, 1), max_value=date(2027, 12, 31))
_TERMS = st.just((("discipline.term_months.canh_cao", 12), ("discipline.term_months.khien_trach", 12)))
_BANDS = st.just(((1, 3, 5), (2, 5, 8), (3, 6, 10), (4, 10, 15)))
_BULK_QUERIES = st.one_of(
    st.tuples(st.just("title_years_among"), st.sampled_from(INDIVIDUAL_TITLES), _SPANS),
    st.tuples(st.just("title_years_among"), st.sampled_from(INDIVIDUAL_TITLES), st.lists(YEARS).map(tuple)),
    st.tuples(st.just("shared_run"), st.sampled_from(("good", "excellent", "cstdcs")), YEARS, st.booleans()),
    st.tuples(st.just("ratings_of"), _SPANS),
    st.tuples(st.just("rated_years_among"), st.sampled_from(RATINGS), _SPANS),
    st.tuples(st.just("rated_years_among"), st.sampled_from(RATINGS), st.lists(YEARS).map(tuple)),
    st.tuples(st.just("awards_before"), st.sampled_from(FORMS), _DAYS),
    st.tuples(st.just("initiatives"), YEARS),
    st.tuples(st.just("penalty_cut_after"), YEARS, _DAYS, _TERMS),
    st.tuples(st.just("penalty_covering"), YEARS, _DAYS, _TERMS),
    st.tuples(st.just("leadership_service"), _DAYS, _BANDS),
    st.tuples(
        st.just("initiatives_among"), _SPANS, st.sampled_from(("co_so", "bo", "toan_quoc")), st.booleans()
    ),
)


@settings(max_examples=200, deadline=None)
@given(_subject("person"), st.lists(_BULK_QUERIES, min_size=1, max_size=6))
def test_the_bulk_path_asks_each_query_as_the_recorder_notes_it(subject, queries):
    """The bulk walk answers a node's queries with its own askers (runs without the index's memo, title years
    over a span by bisection, decisions in slots); each must give what the recorder noted when the rule asked
    the same query, or a subject would take another path than the rule's."""
    from tdkt.rules.criteria.context import index_of

    index = index_of(subject)
    recorder = memo.Recorder(index)
    for query in queries:
        getattr(recorder, query[0])(*query[1:])
    for query, noted in recorder.trace:
        assert memo._asker(query)(index) == noted, query


@settings(max_examples=200, deadline=None)
@given(st.lists(titles, max_size=8).map(tuple), YEARS, st.integers(0, 12))
def test_title_years_over_a_span_are_the_years_among_it(records, first, length):
    """The bulk path asks `title_years_among` over a span of years by bisection of the sorted years."""
    from tdkt.rules.criteria.context import index_of

    index = index_of(SubjectFacts(id="", kind="person", titles=records))
    span = tuple(range(first, first + length))
    for code in {record.code for record in records} | {"LDTT"}:
        expected = index.title_years_among(code, span)
        found = slots.number(("title_years_among", code, span))
        assert memo._asker(("title_years_among", code, span))(index) == slots.years_masked(found, expected)
        assert index.title_years_between(code, first, first + length - 1) == expected


def test_records_that_differ_only_by_day_and_decision_share_index_parts():
    """The awards a rule reads, as a shared path holds them, are one object for subjects whose awards differ
    only by decision number and day in the year (title years are built for each: over a long history nearly
    every person's are their own); each subject's own numbers and dates stay in its real awards (what a
    verdict is filled from)."""
    from tdkt.rules.criteria.context import index_of

    def person(pid: str, number: str, day: date) -> SubjectFacts:
        return SubjectFacts(
            id=pid,
            kind="person",
            titles=(TitleRecord("LDTT", 2023, False, number), TitleRecord("CSTDCS", 2024, False, number)),
            awards=(AwardRecord("BK_BO", day, number),),
        )

    first = index_of(person("a", "1/QĐ", date(2024, 5, 2)))
    second = index_of(person("b", "2/QĐ", date(2024, 11, 20)))
    on = date(2026, 3, 31)
    found = slots.number(("awards_before", "BK_BO", on))
    assert first.slotted_awards_before(found, "BK_BO", on) is second.slotted_awards_before(found, "BK_BO", on)
    assert first._titles == second._titles == {"LDTT": (2023,), "CSTDCS": (2024,)}
    assert first.title_years_upto("CSTDCS", 2025) == (2024,)
    assert first.awards_before("BK_BO", on)[0][1:3] == (date(2024, 5, 2), "1/QĐ")
    assert second.awards_before("BK_BO", on)[0][1:3] == (date(2024, 11, 20), "2/QĐ")
    assert first.awards_before("BK_BO", date(2024, 5, 2)) == ()  # decided on the day: not before it
    # A revoked title is not the same fact: no sharing with the subjects who hold it.
    titles = (TitleRecord("LDTT", 2023, False, "3/QĐ"), TitleRecord("CSTDCS", 2024, True, "3/QĐ"))
    revoked = index_of(SubjectFacts(id="c", kind="person", titles=titles))
    assert not revoked.has_title("CSTDCS", 2024) and revoked.has_title("LDTT", 2023)
    # Records out of year order, or a title listed twice, give each year once, in order.
    titles = tuple(TitleRecord("CSTDCS", year, False, f"{year}/QĐ") for year in (2024, 2021, 2024, 2022))
    assert index_of(SubjectFacts(id="d", kind="person", titles=titles)).title_years_upto("CSTDCS", 2030) == (
        2021,
        2022,
        2024,
    )


def test_recorder_notes_each_query_once_in_order():
    facts = SubjectFacts(id="p", kind="person", ratings={2024: "HTT"})
    from tdkt.rules.criteria.context import index_of

    recorder = memo.Recorder(index_of(facts))
    assert recorder.rating(2024) == "HTT"
    assert recorder.rating(2024) == "HTT"
    assert recorder.awards_before("BK_BO", date(2026, 1, 1)) == ()
    assert recorder.trace == [(("rating", 2024), "HTT"), (("awards_before", "BK_BO", date(2026, 1, 1)), ())]


def test_judged_subjects_are_freed_without_the_cyclic_collector():
    """Bulk runs pause the cyclic collector: a subject, its cached index and its verdicts must not keep each
    other alive, or a run over a million people would keep every one of them."""
    import gc
    import weakref

    evaluator = Evaluator(earliest=True)
    subject = SubjectFacts(id="p", kind="person", ratings={2024: "HTT", 2025: "HTXS"})
    alive = weakref.ref(subject)
    paused = gc.isenabled()
    gc.disable()
    try:
        evaluator.table([subject], [("LDTT", 2025), ("BK_BO", 2026)])
        assert subject._index is not None
        del subject
        assert alive() is None
    finally:
        if paused:
            gc.enable()


def test_chains_ask_only_for_the_penalty_that_cuts_the_run():
    """The chains (Bằng khen cấp bộ, CSTĐ cấp bộ and toàn quốc, Huân chương) ask for the penalty whose term
    ends last (it moves the run's floor, stops a run and is named in the evidence), not for the whole
    discipline history: a person with an older penalty besides the same last one takes the path of the person
    without it, and both get the verdict the rule run on each alone gives."""
    last = DisciplineRecord(2021, "khien_trach", date=date(2021, 6, 1), until=date(2022, 5, 31))

    def person(pid: str, *discipline: DisciplineRecord) -> SubjectFacts:
        ratings = dict.fromkeys(range(2012, 2026), "HTXS")
        titles = tuple(TitleRecord("CSTDCS", year, False, f"{year}/QĐ") for year in range(2012, 2026))
        return SubjectFacts(id=pid, kind="person", ratings=ratings, titles=titles, discipline=discipline)

    people = [person("one", last), person("two", DisciplineRecord(2014, "canh_cao"), last)]
    awards_asked = [("BK_BO", 2026), ("CSTD_BO", 2026), ("CSTD_TQ", 2026), ("HCLD3", 2026)]
    evaluator, verdicts = _judged_together(people, awards_asked)
    assert evaluator.stats.ran == 4 and evaluator.stats.shared == 4  # one path per award, not two
    for verdict in verdicts:
        texts = [text for c in verdict.criteria for text in c.evidence]
        assert any("chỉ tính thành tích từ năm 2022" in text for text in texts), verdict.award
        assert not any("năm 2014" in text and "kỷ luật" in text for text in texts), verdict.award


def test_the_penalty_terms_memo_stays_bounded_however_many_evaluators_a_server_makes():
    """Each evaluator brings its own parameter values; the memo of their discipline terms must not keep every
    one of them alive for the life of the process."""
    from tdkt.rules.criteria import context  # lazy: the memo is the module's own

    made = [{"discipline.term_months.khien_trach": 12, "other": n} for n in range(3 * context._TERMS_KEPT)]
    for values in made:
        assert context.penalty_terms(values) == (("discipline.term_months.khien_trach", 12),)
    assert len(context._terms_of) <= context._TERMS_KEPT
