"""Certificates (PDF): bundled fonts, Vietnamese text, the background batch (progress, failure, retry) and
its pages (works / wrong method / outsider 404)."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from tdkt.decisions import certificates, tasks
from tdkt.decisions.models import CertificateBatch
from tdkt.decisions.tests import doc_factories as f

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BATCH_LINES = 120  # the 1,000-line figure is measured by bench/certificates.py (docs/performance.md)


def pdf_run(tool: str, data: bytes, *args: str) -> str:
    return subprocess.run(
        [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, *args, "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode()


def pdf_fonts(data: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def pdf_pages(data: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def decision(org, person_a):
    return f.decision(org, persons=[person_a], units=2)


# --- rendering ------------------------------------------------------------------------------------------------------


def test_certificates_embed_only_the_bundled_fonts(decision, tmp_path):
    pdf = certificates.render_pdf(decision)
    assert pdf_pages(pdf, tmp_path) == 3
    fonts = pdf_fonts(pdf, tmp_path)
    names = {row[0].split("+")[-1] for row in fonts}
    # @font-face family "TDKT Liberation Serif": only the files in static/fonts can carry this name.
    assert names <= {
        "TDKT-Liberation-Serif",
        "TDKT-Liberation-Serif-Bold",
        "TDKT-Liberation-Serif-Italic",
        "TDKT-Liberation-Serif-BoldItalic",
    }, names
    assert "TDKT-Liberation-Serif-Bold" in names
    assert not any("dejavu" in row[0].lower() for row in fonts)
    assert all(row[-5] == "yes" for row in fonts), "every font embedded"
    for name in certificates.FONT_FILES:
        assert (certificates.FONT_DIR / name).is_file()
    assert (certificates.FONT_DIR / "LICENSE-LiberationSerif.txt").is_file()


def test_certificate_text_keeps_vietnamese_diacritics(decision):
    text = pdf_run("pdftotext", certificates.render_pdf(decision), "-layout")
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CỤC TRƯỞNG CỤC HẢI QUAN",
        "BẰNG KHEN",
        "Ông Nguyễn Văn An",
        "Nguyễn Thị Hồng Nhung – Tập thể số 1",
        "Trần Văn Đức – Tập thể số 2",
        "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
        "05/QĐ-CHQ",
        "Hà Nội, ngày 05 tháng 01 năm 2026",
        "KT. CỤC TRƯỞNG",
        "PHÓ CỤC TRƯỞNG",
        "Nguyễn Văn Cẩn",
    ):
        assert expected in text, expected


def test_giay_khen_layout(org, person_b):
    d = f.decision(org, persons=[person_b], units=0, kind_code="GK")
    text = pdf_run("pdftotext", certificates.render_pdf(d))
    assert "GIẤY KHEN" in text and "Bà Trần Thị Bình" in text
    assert certificates.layout_of("Giấy khen của Chi cục trưởng") == ("giay_khen", "GIẤY KHEN")
    assert certificates.layout_of("Chiến sĩ thi đua cơ sở") == ("other", "CHIẾN SĨ THI ĐUA CƠ SỞ")


# --- the batch job --------------------------------------------------------------------------------------------------


def test_batch_prints_every_line_with_progress(
    org, immediate, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    d = f.decision(org, units=BATCH_LINES)
    seen = []
    real_update = tasks._update

    def spy(batch_id, **fields):
        if "done" in fields:
            seen.append(fields["done"])
        real_update(batch_id, **fields)

    monkeypatch.setattr(tasks, "_update", spy)
    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.start_batch(d, None)
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE, batch.error
    assert batch.total == batch.done == BATCH_LINES
    assert batch.attempts == 1
    assert seen == sorted(seen) and seen[-1] == BATCH_LINES
    assert len(seen) >= BATCH_LINES // certificates.CHUNK  # progress after each chunk
    with batch.file.open("rb") as fh:
        data = fh.read()
    assert pdf_pages(data, tmp_path) == BATCH_LINES


def test_failed_batch_records_error_and_retry_succeeds(
    as_user, officer_a, decision, immediate, monkeypatch, django_capture_on_commit_callbacks
):
    real = certificates.render_document
    calls = {"n": 0}

    def flaky(shared, items):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("Máy in ảo bị lỗi")
        return real(shared, items)

    monkeypatch.setattr(certificates, "render_document", flaky)
    client = as_user(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("decisions:doc_certificates_start", args=[decision.pk]))
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:doc_certificates_progress", args=[batch.pk])
    assert batch.status == CertificateBatch.Status.FAILED
    assert "Máy in ảo bị lỗi" in batch.error
    assert batch.attempts == 1
    page = client.get(response["Location"]).content.decode()
    assert "Máy in ảo bị lỗi" in page and "Chạy lại" in page
    assert 'hx-trigger="every 2s"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("decisions:doc_certificates_retry", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE
    assert batch.error == ""
    assert batch.attempts == 2
    assert batch.done == batch.total == 3
    download = client.get(reverse("decisions:doc_certificates_download", args=[batch.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert (
        b"".join(download) if hasattr(download, "streaming_content") else download.content.startswith(b"%PDF")
    )


def test_retry_only_for_failed_batch(decision):
    batch = CertificateBatch.objects.create(decision=decision, total=3, status=CertificateBatch.Status.DONE)
    with pytest.raises(ValueError):
        tasks.retry_batch(batch)


def test_database_backend_worker_runs_the_job(
    decision, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The configured backend (django_tasks_db): start queues a task row; `db_worker --batch` runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker drops connections that are inside a transaction: the test's own would be closed.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.start_batch(decision, None)
    assert batch.status == CertificateBatch.Status.QUEUED
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE, batch.error
    assert batch.done == 3


# --- pages ----------------------------------------------------------------------------------------------------------


def test_certificate_pages_work(as_user, officer_a, decision):
    client = as_user(officer_a)
    page = client.get(reverse("decisions:doc_certificates", args=[decision.pk]))
    assert page.status_code == 200
    assert "Tạo tệp in" in page.content.decode()
    batch = CertificateBatch.objects.create(
        decision=decision, total=3, done=1, status=CertificateBatch.Status.RUNNING
    )
    url = reverse("decisions:doc_certificates_progress", args=[batch.pk])
    full = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in full and "<html" in full
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert 'hx-trigger="every 2s"' in fragment and "1/3 (33 %)" in fragment
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.DONE, done=3)
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" not in done and "Tải tệp PDF" in done


def test_certificate_pages_wrong_method(as_user, officer_a, decision):
    client = as_user(officer_a)
    assert client.get(reverse("decisions:doc_certificates_start", args=[decision.pk])).status_code == 405
    batch = CertificateBatch.objects.create(decision=decision, total=3, status=CertificateBatch.Status.FAILED)
    assert client.get(reverse("decisions:doc_certificates_retry", args=[batch.pk])).status_code == 405
    assert client.post(reverse("decisions:doc_certificates_progress", args=[batch.pk])).status_code == 405
    assert client.post(reverse("decisions:doc_certificates", args=[decision.pk])).status_code == 405


def test_certificate_pages_outsider_404(as_user, outsider_b, decision):
    batch = CertificateBatch.objects.create(decision=decision, total=3, status=CertificateBatch.Status.FAILED)
    client = as_user(outsider_b)
    assert client.get(reverse("decisions:doc_certificates", args=[decision.pk])).status_code == 404
    assert client.post(reverse("decisions:doc_certificates_start", args=[decision.pk])).status_code == 404
    assert client.get(reverse("decisions:doc_certificates_progress", args=[batch.pk])).status_code == 404
    assert client.post(reverse("decisions:doc_certificates_retry", args=[batch.pk])).status_code == 404
    assert client.get(reverse("decisions:doc_certificates_download", args=[batch.pk])).status_code == 404
    assert CertificateBatch.objects.get().status == CertificateBatch.Status.FAILED


def test_draft_decision_cannot_be_printed(as_user, officer_a, org, person_a):
    draft = f.decision(org, persons=[person_a], units=0, number=None)
    client = as_user(officer_a)
    response = client.post(reverse("decisions:doc_certificates_start", args=[draft.pk]), follow=True)
    assert "Chỉ in bằng khen, giấy khen cho quyết định đã ban hành." in response.content.decode()
    assert not CertificateBatch.objects.exists()
