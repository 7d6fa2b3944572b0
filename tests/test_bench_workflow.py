"""The year-end workflow step of the national data set (bench/national_workflow.py) on a small national set:
20 years of dossiers, councils and decisions in bulk, linked to the awards they made; the live scene through
the services; a second run that adds nothing; the pages of what it made, as the ministry's administrator."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client

from bench import national, national_workflow
from conftest import login
from tdkt.awards.models import Award
from tdkt.councils.models import Ballot, BallotReceipt, Council, CouncilMember, Meeting
from tdkt.decisions.models import Decision, DecisionLine, NumberRegister
from tdkt.org.models import Person, RoleAssignment
from tdkt.proposals.models import Candidate, Proposal, ProposalEvent

PEOPLE = 1_500
COUNTED = (Proposal, ProposalEvent, Candidate, Council, CouncilMember, Meeting, Ballot, Decision, DecisionLine,
           NumberRegister, User, RoleAssignment, Award, LogEntry)  # fmt: skip


@pytest.fixture(scope="module")
def workflow(django_db_setup, django_db_blocker):
    """A small national set with its workflow, run twice; rolled back at the end of the module."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        national.generate_national(PEOPLE, units=60, years=20, seed=5, log=lambda _: None, inline=True)
        first = national_workflow.generate_workflow(max_candidates=6, log=lambda _: None)
        before = {model.__name__: model.objects.count() for model in COUNTED}
        second = national_workflow.generate_workflow(max_candidates=6, log=lambda _: None)
        after = {model.__name__: model.objects.count() for model in COUNTED}
        yield first, second, before, after
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_history_has_dossiers_councils_ballots_and_decisions_for_every_year(workflow):
    stats, _second, _before, _after = workflow
    assert stats.rows["proposal"] == Proposal.objects.filter(status="decided").count() > 100
    assert stats.rows["decision"] == Decision.objects.filter(status="issued", proposal__isnull=False).count()
    assert Proposal.objects.filter(status="decided").values("year").distinct().count() == 19  # 2006 … 2024
    assert Meeting.objects.filter(status="closed").count() == stats.rows["meeting"]
    assert not Ballot.objects.filter(meeting__status="closed").exclude(status="closed", passed=True).exists()
    assert not Candidate.objects.filter(proposal__status="decided").exclude(result="passed").exists()
    # the six steps of each dossier's lifecycle
    assert ProposalEvent.objects.filter(proposal__status="decided").count() == 6 * stats.rows["proposal"]
    # at most the cap of candidates per dossier; a ballot per candidate
    assert max(p.candidates.count() for p in Proposal.objects.filter(status="decided")[:200]) <= 6
    assert Ballot.objects.filter(target__startswith="proposals.candidate:").count() >= stats.rows["candidate"]
    # numbers: one sequence per issuer and year, registers continue them
    for register in NumberRegister.objects.filter(issuer__symbol__startswith=national.PREFIX):
        numbers = sorted(
            Decision.objects.filter(issuer=register.issuer, year=register.year).values_list(
                "number", flat=True
            )
        )
        assert numbers == list(range(1, register.last_number + 1))


@pytest.mark.django_db
def test_an_award_leads_to_the_decision_and_the_dossier_that_made_it(workflow):
    stats, *_ = workflow
    linked = Award.objects.filter(decision_line__isnull=False, source="demo")
    assert linked.count() == stats.rows["decision line"] > 0
    award = linked.select_related("decision_line__decision", "decision_line__candidate__proposal").first()
    line = award.decision_line
    assert line.person_id == award.person_id and line.award_kind_id == award.kind_id
    assert line.achievement_year == award.year
    assert line.candidate.proposal == line.decision.proposal
    assert line.candidate.proposal.award_kind_id == award.kind_id
    assert line.candidate.person_id == award.person_id
    # the award carries the decision's number, date and issuer, as an award recorded by issuing a decision does
    assert award.decision_number == line.decision.number_label
    assert award.decision_date == line.decision.signed_on and award.issuer == line.decision.issuer.name


@pytest.mark.django_db
def test_the_live_scene_is_open_for_the_load(workflow):
    stats, *_ = workflow
    meeting = Meeting.objects.get(pk=stats.live["meeting"])
    assert meeting.status == "open" and meeting.public_key and meeting.sealed_key
    open_ballots = Ballot.objects.filter(meeting=meeting, status="open")
    assert open_ballots.count() == stats.live["ballots"] > 0
    assert not BallotReceipt.objects.filter(ballot__meeting=meeting).exists()
    assert CouncilMember.objects.filter(council=meeting.council, user__username__startswith="qg.hoidong.").count() \
        == national_workflow.COUNCIL_SEATS  # fmt: skip
    decision = Decision.objects.get(pk=stats.live["decision"])
    assert decision.status == "issued" and decision.lines.count() == stats.live["lines"] >= 20
    assert not decision.lines.filter(award__isnull=True).exists()
    assert Person.objects.filter(user__username__startswith="qg.nhanvien.").count() == stats.live["staff"] > 0
    # through the services: audited
    proposal = Proposal.objects.filter(status="council").first()
    assert LogEntry.objects.get_for_object(proposal).exists()
    assert LogEntry.objects.get_for_object(decision).exists()


@pytest.mark.django_db
def test_the_second_run_adds_nothing(workflow):
    _first, second, before, after = workflow
    assert second.history_skipped and second.live_skipped
    assert after == before


@pytest.mark.django_db
def test_the_pages_of_the_workflow_answer_for_the_ministry_administrator(workflow):
    stats, *_ = workflow
    client = login(Client(), User.objects.get(username=national_workflow.ADMIN))
    proposal = Proposal.objects.filter(status="decided").order_by("pk").first()
    decision = Decision.objects.filter(proposal=proposal).get()
    history = Meeting.objects.filter(status="closed", ballots__isnull=False).order_by("pk").first()
    urls = [
        "/proposals/",
        f"/proposals/{proposal.pk}/",
        "/decisions/",
        f"/decisions/{decision.pk}/",
        f"/decisions/{stats.live['decision']}/",
        "/councils/",
        f"/councils/{history.council_id}/",
        f"/councils/meetings/{history.pk}/",
        f"/councils/meetings/{stats.live['meeting']}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    page_of_decision = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert decision.lines.first().subject_name in page_of_decision


@pytest.fixture
def load_module():
    """`bench.load`, imported without leaving its environment variables (2FA off, …) to other tests."""
    import os

    saved = dict(os.environ)
    from bench import load  # lazy: importing it sets environment variables for its gunicorn, put back here

    os.environ.clear()
    os.environ.update(saved)
    return load


@pytest.mark.django_db
def test_the_load_plan_comes_from_the_national_database(workflow, load_module, tmp_path):
    stats, *_ = workflow
    plan = load_module._national_plan(tmp_path)
    meeting = Meeting.objects.get(pk=stats.live["meeting"])
    assert sorted(plan["ballots"]) == sorted(
        Ballot.objects.filter(meeting=meeting).values_list("pk", flat=True)
    )
    assert plan["council"] == sorted(f"qg.hoidong.{i}" for i in range(1, national_workflow.COUNCIL_SEATS + 1))
    assert plan["clerk"] == [national_workflow.ADMIN] and plan["decision"] == stats.live["decision"]
    assert (tmp_path / "khen-thuong.xlsx").exists()
    units = set(plan["officer_units"].values())
    assert len(units) >= 2 and len(plan["officer"]) == stats.live["officers"]

    # an officer of each region proposes for their own unit and reads their own region's people and dossiers
    for unit in units:
        username = min(u for u, v in plan["officer_units"].items() if v == unit)
        client = login(Client(), User.objects.get(username=username))
        response = client.post(
            "/proposals/new/",
            {"title": "Đề nghị khen thưởng (tải)", "proposing_unit": unit, "award_kind": plan["award_kind"],
             "year": 2025, "track": "cong_trang"},
        )  # fmt: skip
        assert response.status_code == 302 and response.url.startswith("/proposals/"), username
        for pk in plan["people_by_unit"][unit][:3]:
            assert client.get(f"/people/{pk}/").status_code == 200
        for pk in plan["proposals_by_unit"][unit][:3]:
            assert client.get(f"/proposals/{pk}/").status_code == 200
    # staff read their own history; the clerk reaches the certificates of the decision
    username, person = next(iter(plan["staff_person"].items()))
    assert Person.objects.get(pk=person).user.username == username
    assert login(Client(), User.objects.get(username=username)).get(f"/people/{person}/").status_code == 200
    clerk = login(Client(), User.objects.get(username=national_workflow.ADMIN))
    assert clerk.get(f"/decisions/{plan['decision']}/certificates/").status_code == 200
