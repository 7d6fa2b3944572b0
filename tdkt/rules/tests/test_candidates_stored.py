"""The unit candidates page answers from verdicts judged once and stored (per unit, award and review year),
judged again when the facts change or when asked ("Tính lại"); the stored verdicts are the engine's own."""

from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse

from tdkt.awards import services as award_services
from tdkt.org import services as org_services
from tdkt.rules import selectors, services, versions
from tdkt.rules.models import CandidateSnapshot, FactsVersion

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def people(org):
    made = []
    for i, (family, middle, given) in enumerate(
        [("Nguyễn", "Văn", "Bình"), ("Trần", "Thị", "Ánh"), ("Lê", "Văn", "An"), ("Đặng", "Minh", "Đức")]
    ):
        person = org_services.create_person(
            family_name=family,
            middle_name=middle,
            given_name=given,
            gender="nam",
            date_of_birth=date(1980 + i, 1, 1),
            staff_code=f"S-{i}",
            unit=org.a1 if i % 2 else org.a,
            since=date(2020, 1, 1),
        )
        for year in range(2020, YEAR + 1):
            award_services.set_rating(person=person, year=year, value="HTXS" if i < 2 else "HT")
        made.append(person)
    return made


def _url(org):
    return reverse("rules:unit_candidates", args=[org.a.pk])


def _judged(monkeypatch) -> list:
    """Count the engine's runs over a unit (`services.candidates`)."""
    calls = []
    real = services.candidates

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "candidates", counting)
    return calls


@pytest.mark.parametrize("award", ["LDTT", "CSTDCS", "GK", "TTLDTT"])
def test_stored_rows_equal_a_fresh_evaluation(org, people, award):
    snapshot = services.refresh_candidates(unit=org.a, year=YEAR, award_code=award)
    stored = selectors.as_candidates(snapshot, selectors.candidate_rows(snapshot))
    fresh = services.candidates(org.a, YEAR, award)
    services.sort_candidates(fresh.groups)
    expected = fresh.groups[0].candidates
    assert [(c.kind, c.pk, c.name, c.unit_name) for c in stored] == [
        (c.kind, c.pk, c.name, c.unit_name) for c in expected
    ]
    assert [c.verdict for c in stored] == [c.verdict for c in expected]
    assert snapshot.counts == fresh.groups[0].counts
    assert snapshot.warnings == [str(w) for w in fresh.warnings]
    assert (snapshot.people, snapshot.units) == (fresh.people, fresh.units)


def test_the_page_is_judged_once_then_read_from_the_stored_rows(as_user, officer_a, org, people, monkeypatch):
    calls = _judged(monkeypatch)
    client = as_user(officer_a)
    first = client.get(_url(org), {"year": YEAR, "award": "LDTT"}).content.decode()
    again = client.get(_url(org), {"year": YEAR, "award": "LDTT", "verdict": "eligible"}).content.decode()
    assert len(calls) == 1, "the second request reads the stored verdicts"
    assert "Kết quả tính lúc" in first and "Tính lại" in first
    assert "Nguyễn Văn Bình" in first and "Lê Văn An" in first
    assert "Nguyễn Văn Bình" in again and "Lê Văn An" not in again, "the verdict filter pages stored rows"


@pytest.mark.django_db(transaction=True)  # real commits: the version is raised after the commit
def test_a_changed_rating_makes_the_stored_verdicts_out_of_date(as_user, officer_a, org, people):
    client = as_user(officer_a)
    query = {"year": YEAR, "award": "LDTT", "verdict": "eligible"}
    assert "Lê Văn An" not in client.get(_url(org), query).content.decode()
    an = people[2]
    before = versions.current()
    counter = FactsVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    with transaction.atomic():
        award_services.set_rating(person=an, year=YEAR, value="HT")  # unchanged: nothing written
        award_services.set_rating(person=an, year=YEAR, value="HTXS")  # an update: no new row
        assert versions.current() == before, "raised after the commit, not inside the transaction"
    assert versions.current() != before
    assert FactsVersion.objects.get().value == counter + 1, "one raise for the whole transaction"
    assert "Lê Văn An" in client.get(_url(org), query).content.decode()
    assert CandidateSnapshot.objects.filter(unit=org.a, year=YEAR, award="LDTT").count() == 1


def test_a_new_award_row_written_without_signals_is_noticed(org, people):
    from tdkt.awards.models import Award, AwardKind

    snapshot = services.refresh_candidates(unit=org.a, year=YEAR, award_code="CSTDCS")
    assert selectors.current_candidates(org.a, YEAR, "CSTDCS") == snapshot
    Award.objects.bulk_create(
        [Award(kind=AwardKind.objects.get(code="LDTT"), person=people[0], year=YEAR, decision_number="9/QĐ")]
    )
    assert selectors.current_candidates(org.a, YEAR, "CSTDCS") is None


def test_recompute_on_request(as_user, officer_a, org, people, monkeypatch):
    client = as_user(officer_a)
    client.get(_url(org), {"year": YEAR, "award": "LDTT"})
    old = CandidateSnapshot.objects.get(unit=org.a, award="LDTT")
    calls = _judged(monkeypatch)
    response = client.post(
        reverse("rules:unit_candidates_refresh", args=[org.a.pk]), {"year": YEAR, "award": "LDTT"}
    )
    assert response.status_code == 302 and "award=LDTT" in response.url and f"year={YEAR}" in response.url
    assert len(calls) == 1
    new = CandidateSnapshot.objects.get(unit=org.a, award="LDTT")
    assert new.pk != old.pk and new.computed_at >= old.computed_at


def test_outsiders_cannot_recompute(as_user, outsider_b, org, people):
    response = as_user(outsider_b).post(
        reverse("rules:unit_candidates_refresh", args=[org.a.pk]), {"year": YEAR, "award": "LDTT"}
    )
    assert response.status_code == 404
    assert not CandidateSnapshot.objects.exists()


def test_the_export_is_the_stored_list(as_user, officer_a, org, people):
    from io import BytesIO

    import openpyxl

    client = as_user(officer_a)
    response = client.get(
        reverse("rules:unit_candidates_export", args=[org.a.pk]), {"year": YEAR, "award": "LDTT"}
    )
    rows = list(openpyxl.load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    snapshot = CandidateSnapshot.objects.get(unit=org.a, award="LDTT")
    names = [r[4] for r in rows if r and isinstance(r[0], int)]
    assert names == list(snapshot.rows.order_by("position").values_list("name", flat=True))


def test_rows_show_the_stored_explanations_escaped(as_user, officer_a, org, people):
    from tdkt.rules import plain

    people[0].given_name = "<b>Bình</b>"
    people[0].save()
    page = as_user(officer_a).get(_url(org), {"year": YEAR, "award": "LDTT"}).content.decode()
    assert "&lt;b&gt;Bình&lt;/b&gt;" in page and "<b>Bình</b>" not in page
    snapshot = CandidateSnapshot.objects.get(unit=org.a, award="LDTT")
    by_verdict = {
        c.verdict.verdict: c for c in selectors.as_candidates(snapshot, selectors.candidate_rows(snapshot))
    }
    eligible, not_eligible = by_verdict["eligible"], by_verdict["not_eligible"]
    assert "<details><summary>Tiêu chuẩn</summary>" in page
    for criterion in eligible.verdict.criteria:
        assert plain.criterion_text(criterion.text).replace('"', "&quot;") in page
    for missing in not_eligible.verdict.missing:
        assert f"<li>{missing}</li>" in page


def test_the_whole_list_job_stores_every_award(
    as_user, officer_a, org, people, settings, tmp_path, monkeypatch
):
    from tdkt.rules import candidate_tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("django.db.transaction.on_commit", lambda fn, **kw: fn())
    as_user(officer_a).post(reverse("rules:unit_candidates_start", args=[org.a.pk]), {"year": YEAR})
    stored = set(CandidateSnapshot.objects.filter(unit=org.a, year=YEAR).values_list("award", flat=True))
    assert stored == set(candidate_tasks.codes())
    calls = _judged(monkeypatch)
    as_user(officer_a).get(_url(org), {"year": YEAR, "award": "BK_BO"})
    assert calls == [], "the page answers from what the job stored"


def test_a_second_view_reads_no_explanation_again(as_user, officer_a, org, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    selectors.EXPLANATIONS.clear()
    client = as_user(officer_a)
    query = {"year": YEAR, "award": "LDTT"}
    client.get(_url(org), query)  # judged and stored

    def explanation_reads() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(org), query).status_code == 200
        return sum("rules_candidatedetail" in q["sql"] for q in queries.captured_queries)

    assert explanation_reads() == 0, "kept from the request that stored them"
    selectors.EXPLANATIONS.clear()
    assert explanation_reads() == 1, "one query for every explanation of the page"
    assert explanation_reads() == 0


def test_kept_explanations_never_outlive_their_judgement(org, people):
    """A new judgement shows its own explanations, even where the database hands its snapshot and
    explanations the ids the old ones had (a restored backup, a rolled-back transaction)."""
    from datetime import timedelta

    from tdkt.rules.models import CandidateDetail

    selectors.EXPLANATIONS.clear()
    snapshot = services.refresh_candidates(unit=org.a, year=YEAR, award_code="LDTT")
    shown = selectors.as_candidates(snapshot, selectors.candidate_rows(snapshot))
    assert {c.verdict.verdict for c in shown} == {"eligible", "not_eligible"}
    # the same ids, another content: what a reused id would look like
    for detail in CandidateDetail.objects.filter(snapshot=snapshot):
        detail.payload = {**detail.payload, "verdict": "needs_review", "missing": ["Năm 2025 chưa đánh giá"]}
        detail.save()
    CandidateSnapshot.objects.filter(pk=snapshot.pk).update(
        computed_at=snapshot.computed_at + timedelta(seconds=1)
    )
    snapshot.refresh_from_db()
    again = selectors.as_candidates(snapshot, selectors.candidate_rows(snapshot))
    assert {c.verdict.verdict for c in again} == {"needs_review"}
    assert all(c.verdict.missing == ("Năm 2025 chưa đánh giá",) for c in again)
    assert [c.verdict.subject for c in again] == [c.verdict.subject for c in shown], (
        "each row keeps its subject"
    )
