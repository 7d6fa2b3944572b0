"""`tdkt demo load` with the initiatives: seed 000 (Bình Dương 2021) and the live example of HQKV06."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tdkt.awards.models import Recognition, RecognitionAuthor
from tdkt.councils.models import Council
from tdkt.demo import initiatives as demo
from tdkt.initiatives.models import Escalation, Initiative, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command("demo", "load", "--people", "300", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_loaded, db):
    return _loaded


def _stats(*args) -> dict:
    out = io.StringIO()
    call_command("initiatives", "stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_binh_duong_2021_has_its_topics_initiatives_and_escalations(loaded):
    stats = _stats("--unit", "Cục Hải quan Bình Dương", "--year", "2021")
    authors = (
        RecognitionAuthor.objects.filter(recognition__unit__code="HQ43", recognition__year=2021)
        .values("person_id")
        .distinct()
        .count()
    )
    # 80 authors at the default size (3,000 people); with 300 the department has fewer members, all authors.
    assert stats == {
        "research_topics": 4,
        "initiatives": 41,
        "authors": authors,
        "escalated_topics": 4,
        "escalated_initiatives": 3,
    }
    assert 0 < authors <= 80


def test_the_unit_name_ignores_diacritics_and_case(loaded):
    assert _stats("--unit", "cuc hai quan binh duong", "--year", "2021")["initiatives"] == 41


def test_an_unknown_unit_exits_with_status_2(loaded):
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "initiatives",
            "stats",
            "--unit",
            "Cục Hải quan Sao Hỏa",
            "--year",
            "2021",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert exit_.value.code == 2


def test_every_bd_application_is_linked_to_its_recognition_with_shares_of_100(loaded):
    items = Initiative.objects.filter(unit__code="HQ43", year=2021)
    assert items.count() == 45
    assert Recognition.objects.filter(unit__code="HQ43", year=2021, initiative__isnull=True).count() == 0
    assert sorted(items.values_list("register_number", flat=True)) == list(range(1, 46))
    assert {i.share_total for i in items} == {100}
    assert Escalation.objects.filter(initiative__in=items, outcome="pending", to_scope="bo").count() == 7
    assert items.filter(status=Status.ESCALATED).count() == 7


def test_the_live_example_waits_for_screening_before_the_initiative_council(loaded):
    council = Council.objects.get(name=demo.REGION_COUNCIL)
    assert council.kind == "sang_kien" and council.members.count() >= 3
    item = Initiative.objects.get(title=demo.AN_TITLE)
    assert item.status == Status.SUBMITTED and item.authors.get().person.staff_code == "HQ000001"


def test_loading_twice_changes_nothing(loaded):
    before = (Initiative.objects.count(), Escalation.objects.count(), Council.objects.count())
    call_command("demo", "load", "--people", "300", stdout=io.StringIO())
    assert (Initiative.objects.count(), Escalation.objects.count(), Council.objects.count()) == before


def test_the_statistics_page_shows_binh_duong_2021_as_the_command_counts_it(loaded, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from conftest import login
    from tdkt.org.models import Unit

    expected = _stats("--unit", "Cục Hải quan Bình Dương", "--year", "2021")
    assert (expected["research_topics"], expected["initiatives"]) == (4, 41)
    binh_duong = Unit.objects.get(code="HQ43", name="Cục Hải quan Bình Dương")
    login(
        client, get_user_model().objects.get(username="canbo.tdkt")
    )  # the demo's TĐKT officer of the agency
    page = client.get(reverse("initiatives:stats"), {"unit": binh_duong.pk, "year": 2021})
    body = page.content.decode()
    assert page.status_code == 200 and "Cục Hải quan Bình Dương — năm 2021" in body
    for cell, key in [
        ("stat-research", "research_topics"),
        ("stat-initiatives", "initiatives"),
        ("stat-authors", "authors"),
        ("stat-escalated-topics", "escalated_topics"),
        ("stat-escalated-initiatives", "escalated_initiatives"),
    ]:
        assert f'id="{cell}">{expected[key]}<' in body, cell
    assert 'id="stat-research">4<' in body and 'id="stat-initiatives">41<' in body
    assert 'id="stat-escalated-topics">4<' in body and 'id="stat-escalated-initiatives">3<' in body
