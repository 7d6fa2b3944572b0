"""The dossier package for the higher level holds Word and PDF files (and the spreadsheets), never JSON or
HTML; the dossier page links the generated Tờ trình and each Báo cáo thành tích."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from tdkt.decisions.tests import doc_factories as f

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_package_holds_word_and_pdf_not_json_or_html(
    as_user, officer_a, org, person_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    proposal, _candidate = f.proposal(org, person_a)
    from tdkt.proposals.models import Attachment

    Attachment.objects.create(
        proposal=proposal, name="Biên bản họp", file=SimpleUploadedFile("bien-ban.pdf", PDF)
    )
    client = as_user(officer_a)
    response = client.get(reverse("proposals:export_package", args=[proposal.pk]), follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    ) as archive:
        names = archive.namelist()
        assert not [n for n in names if n.endswith((".json", ".html"))], names
        assert "to-trinh.docx" in names
        word = Document(io.BytesIO(archive.read("to-trinh.docx")))
        assert any("TỜ TRÌNH" in p.text.upper() for p in word.paragraphs)
        reports = sorted(n for n in names if n.startswith("bao-cao-thanh-tich/"))
        assert [n.rsplit(".", 1)[1] for n in reports] == ["docx", "pdf"]
        assert archive.read(reports[1]).startswith(b"%PDF")
        report = Document(io.BytesIO(archive.read(reports[0])))
        assert "Nguyễn Văn An" in "\n".join(p.text for p in report.paragraphs) + "\n".join(
            c.text for t in report.tables for r in t.rows for c in r.cells
        )
        assert any(n.startswith("tai-lieu/") and archive.read(n) == PDF for n in names)
        contents = openpyxl.load_workbook(io.BytesIO(archive.read("muc-luc.xlsx"))).active
        assert contents.max_row == len(names)  # a header row plus one per file other than itself


def test_the_package_is_404_outside_the_scope(as_user, outsider_b, org, person_a):
    proposal, _candidate = f.proposal(org, person_a)
    assert as_user(outsider_b).get(reverse("decisions:doc_package", args=[proposal.pk])).status_code == 404


def test_the_dossier_page_links_the_generated_documents(as_user, officer_a, org, person_a):
    proposal, candidate = f.proposal(org, person_a)
    body = as_user(officer_a).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert reverse("decisions:doc_submission", args=[proposal.pk]) in body
    assert reverse("decisions:doc_report", args=[proposal.pk, candidate.pk]) in body
    assert reverse("decisions:doc_package", args=[proposal.pk]) in body
