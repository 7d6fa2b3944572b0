"""The home page's dashboards per role (issue 17, item 3): each role sees its panel, each card leads to the
list behind its number, and a panel costs the same number of queries whatever the amount of data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from tdkt.awards.models import AwardKind, ImportBatch, Rating
from tdkt.councils import services as council_services
from tdkt.movements.models import Target
from tdkt.org.models import Role
from tdkt.org.tests.factories import AwardFactory, PersonFactory
from tdkt.portal import dashboards
from tdkt.proposals import services as proposal_services
from tdkt.rules.services import default_review_year

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _panels(user) -> tuple[dict[str, dashboards.Panel], int]:
    """The panels of `user` (read afresh, as a request would) by role, and the queries they cost."""
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        panels = dashboards.panels(request, today=TODAY)
    return {panel.role: panel for panel in panels}, len(queries)


def _cards(user) -> dict[str, dashboards.Card]:
    panels, _queries = _panels(user)
    return {card.id: card for panel in panels.values() for card in panel.cards}


@pytest.fixture
def member(org):
    """A council member with an account, on the HQ council."""
    officer = make_user("officer_hq", role=Role.OFFICER, unit=org.root)
    council = council_services.create_council(
        name="Hội đồng TĐKT Cục", kind="tdkt", unit=org.root, actor=officer
    )
    user = make_user("member1", role=Role.COUNCIL_MEMBER, unit=org.root)
    person = PersonFactory(unit=org.root)
    council_services.add_member(
        council=council, person=person, role="uy_vien", term_from=date(2020, 1, 1), user=user
    )
    user.council = council
    return user


def _more_data(org, officer, person, council, n: int, start: int = 0) -> None:
    """`n` more of every record the dashboards count (`start`: where the numbering goes on)."""
    kind = AwardKind.objects.get(code="LDTT")
    first_day = TODAY.replace(day=1)
    for i in range(start, start + n):
        proposal = proposal_services.create_proposal(
            actor=officer,
            title=f"Đề nghị số {i} {timezone.now().timestamp()}",
            proposing_unit=org.a,
            award_kind=kind,
            year=default_review_year(TODAY),
            deadline=first_day + timedelta(days=i % 27),
        )
        if i == start:
            proposal_services.add_candidate(proposal=proposal, actor=officer, person=person)
        AwardFactory(person=person, year=2000 + i)
        Rating.objects.get_or_create(person=person, year=2000 + i, defaults={"value": "HTT"})
        Target.objects.create(
            unit=org.a,
            year=TODAY.year,
            code=f"T{i}-{timezone.now().timestamp()}",
            name="Thu ngân sách",
            unit_label="tỷ đồng",
            planned=100,
            attainment=90 + i,
        )
        ImportBatch.objects.create(file_name=f"{i}.xlsx", file_sha256=f"{i:064d}", created_by=officer)
        council_services.schedule_meeting(
            council=council,
            title=f"Phiên họp {i}",
            held_at=timezone.make_aware(datetime.combine(TODAY + timedelta(days=1 + i), datetime.min.time())),
        )


@pytest.mark.parametrize(
    "who, role",
    [
        ("officer_a", Role.OFFICER),
        ("leader_a", Role.LEADER),
        ("member", Role.COUNCIL_MEMBER),
        ("staff_a", Role.STAFF),
        ("admin_user", Role.ADMIN),
    ],
)
def test_each_role_has_its_panel_at_a_constant_query_count(
    request, who, role, org, officer_a, person_a, member
):
    user = request.getfixturevalue(who)
    panels, before = _panels(user)
    assert role in panels
    _more_data(org, officer_a, person_a, member.council, 3)
    _more_data(org, officer_a, person_a, member.council, 3, start=3)
    panels_after, after = _panels(user)
    assert after == before, f"{who}: {before} queries with little data, {after} with more"


def test_every_card_links_to_a_page_its_user_may_open(
    as_user, org, officer_a, leader_a, staff_a, admin_user, member
):
    for user in (officer_a, leader_a, staff_a, admin_user, member):
        client = as_user(user)
        for card in _cards(user).values():
            assert client.get(card.url).status_code == 200, (user.username, card.id, card.url)


def test_the_officer_sees_this_months_deadlines_and_the_list_shows_the_same_dossiers(
    as_user, org, officer_a, person_a, member
):
    _more_data(org, officer_a, person_a, member.council, 2)
    card = _cards(officer_a)["officer-due-month"]
    assert card.value == "2"
    assert card.url == reverse("proposals:list") + f"?due={TODAY:%Y-%m}"
    listed = as_user(officer_a).get(card.url).content.decode()
    assert listed.split('id="results"', 1)[1].count("Đề nghị số ") == 2
    # A dossier due next month is not this month's.
    proposal_services.create_proposal(
        actor=officer_a,
        title="Đề nghị tháng sau",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="LDTT"),
        year=TODAY.year - 1,
        deadline=TODAY.replace(day=1) + timedelta(days=40),
    )
    assert _cards(officer_a)["officer-due-month"].value == "2"


def test_the_leader_sees_attainment_candidates_and_drafts(org, officer_a, leader_a, person_a, member):
    cards = _cards(leader_a)
    assert cards["leader-attainment"].value == "—" and cards["leader-to-sign"].value == "0"
    _more_data(org, officer_a, person_a, member.council, 2)
    cards = _cards(leader_a)
    assert cards["leader-attainment"].value == "90,50 %"  # (90 + 91) / 2
    assert "2 chỉ tiêu, 2 chưa đạt 100 %" == cards["leader-attainment"].note
    assert cards["leader-candidates"].value == "1"


def test_the_council_member_sees_ballots_and_the_next_meeting(member, org, officer_a, person_a):
    cards = _cards(member)
    assert cards["council-ballots"].value == "0" and cards["council-meetings"].value == "0"
    _more_data(org, officer_a, person_a, member.council, 2)
    meetings = _cards(member)["council-meetings"]
    assert meetings.value == "2" and "Phiên họp 0" in meetings.note
    assert meetings.url.startswith("/councils/meetings/")


def test_staff_see_their_history_rating_and_outlook(staff_a, person_a, org, officer_a, member):
    cards = _cards(staff_a)
    assert cards["staff-history"].value == "0" and cards["staff-rating"].value == "—"
    _more_data(org, officer_a, person_a, member.council, 2)
    cards = _cards(staff_a)
    assert cards["staff-history"].value == "2"
    assert cards["staff-rating"].value == "HTT (2001)"
    assert cards["staff-history"].url == reverse("rules:person_awards", args=[person_a.pk])
    assert set(_panels(staff_a)[0]) == {Role.STAFF}  # staff see nothing of the other roles


def test_the_administrator_sees_jobs_failed_logins_and_storage(admin_user, client):
    client.post(reverse("portal:login"), {"username": admin_user.username, "password": "sai mật khẩu"})
    cards = _cards(admin_user)
    assert cards["admin-failed-logins"].value == "1"
    assert cards["admin-jobs"].value == "0"
    assert cards["admin-storage"].value.endswith(" %")


def test_storage_is_measured_on_a_fresh_installation_before_the_first_upload(admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "chưa-tạo" / "media"  # a clean clone has no folder for files yet
    card = _cards(admin_user)["admin-storage"]
    assert card.value.endswith(" %") and card.note.startswith("Còn trống")


def test_the_home_page_shows_the_panels(as_user, officer_a):
    page = as_user(officer_a).get("/").content.decode()
    assert 'id="panel-officer"' in page and 'id="officer-due-month"' in page
    assert 'id="panel-admin"' not in page
