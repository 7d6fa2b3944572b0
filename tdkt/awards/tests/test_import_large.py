"""Large award lists: written in chunks inside one transaction (all or nothing), checked and imported by a
background job whose progress the page shows."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from conftest import login
from tdkt.awards import import_tasks, services
from tdkt.awards.models import Award, AwardKind
from tdkt.awards.tests.test_import import AN, CLEAN, _file, run, xlsx

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _entry(kind, person, number, row):
    return services.ImportedAward(
        kind=kind,
        year=2023,
        person_id=person.pk,
        unit_id=None,
        decision_number=number,
        decision_date=date(2024, 1, 10),
        issuer="",
        award_type=None,
        note="",
        period_from=None,
        period_to=None,
        row=row,
    )


def test_awards_are_written_in_chunks_with_progress(org, person_a):
    kind = AwardKind.objects.get(code="LDTT")
    entries = [_entry(kind, person_a, f"{i}/QĐ", i + 2) for i in range(5)]
    told = []
    ids = services.record_imported_awards(entries, chunk=2, progress=told.append)
    assert told == [2, 4, 5]
    awards = list(Award.objects.filter(pk__in=ids).order_by("pk"))
    assert [a.decision_number for a in awards] == [f"{i}/QĐ" for i in range(5)]
    first = awards[0]
    assert first.source == Award.Source.IMPORT and first.issuer == kind.issuer
    assert first.recipient_class == "truc_tiep", "the report dimensions are derived as for one award"


def test_a_chunk_that_cannot_be_written_keeps_nothing(org, person_a):
    kind = AwardKind.objects.get(code="LDTT")
    services.record_award(kind=kind, year=2023, person=person_a, decision_number="4/QĐ")
    entries = [_entry(kind, person_a, f"{i}/QĐ", i + 2) for i in range(5)]  # the last chunk holds 4/QĐ
    with pytest.raises(services.ImportWriteError) as failure:
        services.record_imported_awards(entries, chunk=2)
    assert failure.value.row == 6
    assert Award.objects.count() == 1, "the chunks written before the failure are rolled back"


def test_progress_is_reported_while_checking_and_writing(org, person_a, monkeypatch):
    monkeypatch.setattr("tdkt.awards.importing.PROGRESS_EVERY", 1)
    told = []
    report = import_awards_with_progress(xlsx(CLEAN), told)
    assert report.outcome == "imported"
    assert ("check", 0, 3) in told and ("check", 3, 3) in told
    assert told[-1] == ("write", 3, 3)
    assert [stage for stage, _d, _t in told] == sorted(
        (s for s, _d, _t in told), key=["check", "write"].index
    )


def import_awards_with_progress(data, told):
    from tdkt.awards.importing import import_awards

    return import_awards(
        data, file_name="ds.xlsx", actor=None, dry_run=False, progress=lambda *a: told.append(a)
    )


def test_a_large_file_is_checked_and_imported_in_the_background(
    org, person_a, officer_a, outsider_b, as_user, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(import_tasks, "BACKGROUND_BYTES", 0)  # every file counts as large
    states = []
    real_write = import_tasks.write_state
    monkeypatch.setattr(import_tasks, "write_state", lambda t, s: (states.append(dict(s)), real_write(t, s)))
    client = as_user(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:import"), {"file": _file(xlsx(CLEAN), "lon.xlsx")})
    token = response.url.rstrip("/").split("/")[-2]
    assert response.url == reverse("awards:import_progress", args=[token])
    assert {s["status"] for s in states} >= {"queued", "running", "done"}
    assert not Award.objects.exists(), "the check writes nothing"
    assert login(Client(), outsider_b).get(response.url).status_code == 404

    preview = client.get(response.url)  # the check is over: to the preview
    assert preview.url == reverse("awards:import_preview", args=[token])
    assert "Tệp hợp lệ" in client.get(preview.url).content.decode()

    states.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(preview.url, {"action": "confirm"})
    assert confirm.url == reverse("awards:import_progress", args=[token])
    assert any(s["stage"] == "write" and s["status"] == "running" for s in states)
    result = client.get(confirm.url)
    assert "/import/batches/" in result.url
    assert Award.objects.filter(source=Award.Source.IMPORT).count() == 3
    assert client.get(confirm.url).status_code == 404, "the upload is gone once imported"


def test_the_progress_page_polls_while_the_job_runs(org, person_a, officer_a, as_user, settings):
    client = as_user(officer_a)
    session = client.session
    token = "a" * 32
    session["award_imports"] = {token: {"file_name": "lon.xlsx", "batch": None}}
    session.save()
    (import_tasks.folder() / f"{token}.xlsx").write_bytes(xlsx([[*AN, "A", "LĐTT", 2023, "1", None, None]]))
    import_tasks.write_state(
        token,
        {
            "status": "running",
            "stage": "check",
            "done": 12000,
            "total": 200000,
            "file_name": "lon.xlsx",
            "user_id": officer_a.pk,
            "dry_run": True,
        },
    )
    page = client.get(reverse("awards:import_progress", args=[token])).content.decode()
    assert "Đang kiểm tra: 12.000/200.000 dòng" in page
    assert 'hx-trigger="every 2s"' in page
    assert client.get(reverse("awards:import_preview", args=[token])).url.endswith("/progress/")


def test_reimporting_a_list_creates_nothing(org, person_a):
    assert run(xlsx(CLEAN)).outcome == "imported"
    again = run(xlsx(CLEAN))
    assert again.outcome == "imported" and again.counts["new"] == 0 and again.counts["unchanged"] == 3
    assert Award.objects.count() == 3
