"""The demo award history (`tdkt demo load`) against seed 004: the sector's tallies for 2016–2020, read
through the statistics selector, page and API; and the rest of the demo history."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings

from conftest import make_user
from tdkt.awards.models import Award, Discipline, Rating, Recognition, RecognitionAuthor, UnitResult
from tdkt.org.models import Membership, Person, Unit
from tdkt.org.selectors import active_on
from tdkt.reports.selectors import ReportFilter, award_report

pytestmark = pytest.mark.django_db

PEOPLE = "400"
SEVEN = {
    "HQ51": "Cục Hải quan Bà Rịa – Vũng Tàu",
    "HQ-DTCBL": "Cục Điều tra chống buôn lậu",
    "HQ-TXNK": "Cục Thuế xuất nhập khẩu",
    "HQ-BAO": "Báo Hải quan",
    "HQ31": "Cục Hải quan Quảng Bình",
    "HQ-KDHQ": "Cục Kiểm định Hải quan",
    "HQ02B1": "Chi cục Hải quan cửa khẩu sân bay quốc tế Tân Sơn Nhất",
}
# (collectives, individuals) with each title or form in 2016–2020, as seed 004 tallies them.
SEED_004 = {"CO_CP": (28, 0), "HCLD1": (7, 0), "HCLD2": (29, 44), "HCLD3": (16, 70)}


def _load() -> str:
    out = io.StringIO()
    call_command("demo", "load", "--people", PEOPLE, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Load once for the module, inside a transaction rolled back at the end."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _load()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_loaded, db):
    return _loaded


@pytest.fixture
def admin(loaded, client):
    from conftest import login

    return login(client, make_user("thongke.admin", superuser=True))


def _counts() -> dict[str, int]:
    models = (Award, Rating, UnitResult, Discipline, Recognition, RecognitionAuthor)
    return {m.__name__: m.objects.count() for m in models}


def test_seed_004_via_the_selector(loaded):
    report = award_report(ReportFilter(year_from=2016, year_to=2020), None)
    for code, (collectives, individuals) in SEED_004.items():
        row = report.kind(code)
        assert (row.collectives, row.individuals) == (collectives, individuals), code
        assert row.awards == collectives + individuals, code  # distinct collectives and people
    hcld1 = Award.objects.filter(kind__code="HCLD1", year__range=(2016, 2020), revoked=False)
    assert dict(hcld1.values_list("unit__code", "subject_name")) == SEVEN
    # The same within the General Department's subtree (everything ever under it).
    under_hq = award_report(
        ReportFilter(year_from=2016, year_to=2020, unit=Unit.objects.get(code="HQ")), None
    )
    assert {c: (under_hq.kind(c).collectives, under_hq.kind(c).individuals) for c in SEED_004} == SEED_004


def test_2015_independence_orders(loaded):
    awards = Award.objects.filter(year=2015, kind__code__in=["HCDL1", "HCDL3"])
    assert sorted(awards.values_list("kind__code", "unit__code")) == [("HCDL1", "HQ"), ("HCDL3", "HQ02")]
    report = award_report(ReportFilter(year_from=2015, year_to=2015), None)
    assert (report.kind("HCDL1").collectives, report.kind("HCDL3").collectives) == (1, 1)
    assert all(a.decision_number.endswith("/QĐ-CTN") and a.decision_date.year == 2015 for a in awards)


def test_seed_004_via_the_page(admin):
    response = admin.get("/reports/", {"year_from": 2016, "year_to": 2020})
    assert response.status_code == 200
    report = response.context["report"]
    assert {c: (report.kind(c).collectives, report.kind(c).individuals) for c in SEED_004} == SEED_004
    html = response.content.decode()
    assert (
        '<td class="text-end" data-col="collectives">29</td><td class="text-end" data-col="individuals">44</td>'
        in html
    )
    assert (
        '<td class="text-end" data-col="collectives">16</td><td class="text-end" data-col="individuals">70</td>'
        in html
    )


def test_seed_004_via_the_api(admin):
    data = admin.get("/api/reports/awards/", {"year_from": 2016, "year_to": 2020}).json()
    rows = {r["code"]: (r["collectives"], r["individuals"]) for r in data["by_kind"]}
    assert {c: rows[c] for c in SEED_004} == SEED_004
    one = admin.get("/api/reports/awards/", {"year_from": 2016, "year_to": 2020, "kind": "HCLD1"}).json()
    assert one["total"]["collectives"] == 7 and one["total"]["individuals"] == 0


def test_state_awards_are_well_formed(loaded):
    state = Award.objects.filter(
        kind__code__in=["HCLD1", "HCLD2", "HCLD3", "CO_CP"], year__range=(2016, 2020)
    )
    for award in state.select_related("kind"):
        sign = "/QĐ-TTg" if award.kind.code == "CO_CP" else "/QĐ-CTN"
        assert award.decision_number.endswith(sign) and award.decision_number.split("/")[0].isdigit()
        assert award.issuer in ("Chủ tịch nước", "Thủ tướng Chính phủ")
        if award.unit_id:  # the collective existed on the day of the decision, under the name recorded
            version = award.unit.versions.filter(active_on(award.decision_date)).get()
            assert award.subject_name == version.name
        else:  # the person was a member on that day
            assert Membership.objects.filter(
                active_on(award.decision_date), person_id=award.person_id
            ).exists()


def test_titles_are_consistent_with_ratings(loaded):
    ratings = {(r.person_id, r.year): r.value for r in Rating.objects.all()}
    for award in Award.objects.filter(kind__code__in=["LDTT", "CSTDCS"]).select_related("kind"):
        assert ratings[(award.person_id, award.year)] in ("HTT", "HTXS"), award
    cstdcs = Award.objects.filter(kind__code="CSTDCS").exclude(
        person__staff_code="HQ000001"
    )  # each CSTĐCS rests on an HTXS year
    assert all(ratings[(a.person_id, a.year)] == "HTXS" for a in cstdcs)
    disciplined = set(Discipline.objects.values_list("person_id", "year"))
    assert not disciplined & set(Award.objects.filter(kind__code="LDTT").values_list("person_id", "year"))
    values = dict(Rating.objects.values("value").annotate(n=Count("id")).values_list("value", "n"))
    assert values["HTT"] > values["HTXS"] > values["HT"] > 0
    assert Award.objects.filter(kind__code="TTLDTT").exists() and UnitResult.objects.exists()
    assert Award.objects.filter(kind__code="BK_BO", person__isnull=False).exists()


def test_nguyen_van_an(loaded):
    an = Person.objects.get(staff_code="HQ000001")
    ratings = dict(an.ratings.values_list("year", "value"))
    assert ratings[2022] == "HT"
    assert all(ratings[y] in ("HTT", "HTXS") for y in range(2016, 2027) if y != 2022)
    titles = set(an.awards.values_list("kind__code", "year"))
    assert {("CSTDCS", 2021), ("CSTDCS", 2023), ("CSTDCS", 2024), ("BK_BO", 2019)} <= titles
    assert ("LDTT", 2022) not in titles
    assert an.recognitions.filter(recognition__year__in=[2021, 2023, 2024]).count() == 3


def test_nguyen_van_an_is_not_yet_eligible_for_the_prime_ministers_commendation(loaded):
    from tdkt.rules import services

    an = Person.objects.get(staff_code="HQ000001")
    verdict = services.outlook(an, 2026, ["BK_TTG"]).items[0].verdict
    assert verdict.verdict == "not_eligible"
    run = next(c for c in verdict.criteria if c.id == "run_htt")
    assert run.status == "unmet" and any("2022" in e for e in run.evidence)
    assert verdict.earliest_year == 2028


def test_one_revoked_award_with_its_reason(loaded):
    revoked = Award.objects.get(revoked=True)
    assert revoked.revoked_reason and revoked.revoked_decision and revoked.revoked_on
    kind = revoked.kind
    without = award_report(ReportFilter(kind=kind, year_from=revoked.year, year_to=revoked.year), None)
    with_it = award_report(
        ReportFilter(kind=kind, year_from=revoked.year, year_to=revoked.year, include_revoked=True), None
    )
    assert with_it.total.awards == without.total.awards + 1


def test_binh_duong_2021_initiatives(loaded):
    recognitions = Recognition.objects.filter(unit__code="HQ43", year=2021)
    assert recognitions.filter(kind="research").count() == 4
    assert recognitions.filter(kind="initiative").count() == 41
    assert not recognitions.filter(~Q(scope="co_so")).exists()
    authors = (
        RecognitionAuthor.objects.filter(recognition__in=recognitions).values("person_id").distinct().count()
    )
    members = (
        Membership.objects.filter(active_on(date(2021, 12, 31)), unit__code__startswith="HQ43")
        .values("person_id")
        .distinct()
        .count()
    )
    assert authors == min(80, members) and authors > 0


def test_second_load_changes_nothing(loaded):
    counts = _counts()
    out = _load()
    assert _counts() == counts
    assert "đã có" in out


def test_the_load_reports_the_award_history(_loaded, db):
    assert "Lịch sử khen thưởng" in _loaded
