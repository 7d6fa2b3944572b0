"""The ratings page and lists and the targets' leaderboard cost the same number of queries whatever the number
of people rated or units ranked; the leaderboard's per-level filter keeps the units of that level only."""

from datetime import date

import pytest

from tdkt.core.querycount import assert_flat
from tdkt.movements import services, views
from tdkt.org import services as org_services
from tdkt.org.models import UnitKind

pytestmark = pytest.mark.django_db
GIVEN = ["Anh", "Bình", "Chi", "Dũng", "Đào", "Giang"]


def _person(org, n):
    return org_services.create_person(
        family_name="Lê", middle_name="Văn", given_name=GIVEN[n], gender="nam", staff_code=f"Q{n:02d}",
        unit=org.a1, since=date(2020, 1, 1),
    )  # fmt: skip


def _score_and_roll_up(org, people):
    for n, person in enumerate(people):
        for month in (1, 2, 3):
            services.record_period_score(
                person=person, unit=org.a1, year=2025, period=month, points=60 + 6 * n + month
            )
    services.roll_up_ratings(unit=org.a1, year=2025)


def test_the_ratings_page_and_lists_do_not_grow_with_the_people(as_user, officer_a, org):
    people = [_person(org, n) for n in range(len(GIVEN))]
    _score_and_roll_up(org, people[:2])

    def grow():  # four more people scored; the roll-up rates the six
        _score_and_roll_up(org, people[2:])

    urls = [
        f"/movements/ratings/{org.a1.pk}/?year=2025",
        "/api/ratings/",
        "/api/ratings/?year=2025",
        "/api/rating-scores/",
        "/api/rating-scores/?year=2025",
    ]
    assert_flat(as_user(officer_a), urls, grow)


def _revenue(unit, planned, done):
    target = services.create_target(
        unit=unit, year=2024, code="THU_NSNN", name="Thu ngân sách nhà nước", unit_label="tỷ đồng",
        planned=planned,
    )  # fmt: skip
    services.record_actual(target=target, period=1, value=done)
    return target


def test_the_leaderboard_does_not_grow_with_the_units(as_user, officer_a, org):
    _revenue(org.a, 100, 120)
    _revenue(org.a1, 100, 90)

    def grow():
        for n in range(4):
            team = org_services.create_unit(
                code=f"A{n + 2}", name=f"Đội Nghiệp vụ A{n + 2}", kind=UnitKind.TEAM, parent=org.a,
                valid_from=date(2020, 1, 1),
            )  # fmt: skip
            _revenue(team, 100, 80 + 10 * n)

    urls = [
        "/movements/targets/leaderboard/?year=2024",
        "/movements/targets/leaderboard/?year=2024&code=THU_NSNN",
    ]
    urls.append(f"/movements/targets/leaderboard/?year=2024&unit_kind={UnitKind.TEAM}")
    assert_flat(as_user(officer_a), urls, grow)


def test_the_leaderboard_ranks_one_level_when_asked(as_user, admin_user, org):
    _revenue(org.a, 100, 120)  # Chi cục A: 120 %
    _revenue(org.b, 100, 95)  # Chi cục B: 95 %
    _revenue(org.a1, 100, 110)  # Đội A1: 110 %
    client = as_user(admin_user)

    def ranked(**params):
        page = client.get("/movements/targets/leaderboard/", {"year": 2024, **params})
        assert page.status_code == 200
        return [row.unit.code for row in page.context["rows"]]

    assert ranked() == ["A", "A1", "B"]
    assert ranked(unit_kind=UnitKind.TEAM) == ["A1"]
    assert ranked(unit_kind=UnitKind.SUB_DEPARTMENT) == ["A", "B"]
    assert ranked(unit_kind=UnitKind.DEPARTMENT) == []
    refused = client.get("/movements/targets/leaderboard/", {"year": 2024, "unit_kind": "tinh"})
    assert refused.context["form"].errors["unit_kind"]


def test_the_leaderboard_is_paged_and_ranks_run_on_across_pages(as_user, admin_user, org, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    _revenue(org.a, 100, 120)  # 1st
    _revenue(org.a1, 100, 110)  # 2nd
    _revenue(org.b, 100, 95)  # 3rd, alone on page 2
    client = as_user(admin_user)
    first = client.get("/movements/targets/leaderboard/", {"year": 2024})
    second = client.get("/movements/targets/leaderboard/", {"year": 2024, "page": 2})
    assert [(r.rank, r.unit.code) for r in first.context["rows"]] == [(1, "A"), (2, "A1")]
    assert [(r.rank, r.unit.code) for r in second.context["rows"]] == [(3, "B")]
    assert "Trang 1/2" in first.content.decode() and "page=2" in first.content.decode()
    assert "Trang 2/2" in second.content.decode()
