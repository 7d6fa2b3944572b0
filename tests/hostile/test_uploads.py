"""Hostile uploads through the three pages that take a file (a dossier's documents, an initiative's
documents, an exemplary model's media): a file named with a path is stored under its plain name inside its
own folder; an .svg or .html file, or one posing as a PDF, is refused with a Vietnamese message and nothing is
written (no row, no file); a stored file is served as a download with its own content type, never sniffed.

The request bodies are written by hand: Django's test client would strip the path from a file name before
sending it, as a browser does, and an attacker's client does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.awards.models import AwardKind
from tdkt.exemplars import services as exemplar_services
from tdkt.exemplars.models import Media
from tdkt.initiatives import services as initiative_services
from tdkt.initiatives.models import Attachment as InitiativeAttachment
from tdkt.proposals import services as proposal_services
from tdkt.proposals.models import Attachment as ProposalAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
BOUNDARY = "----tdkt-hostile-upload"

PATH_NAMES = ["../../x.pdf", "..\\..\\x.pdf", "/etc/x.pdf", "C:\\Windows\\x.pdf"]
BAD_FILES = [
    ("x.svg", SVG, "application/pdf"),  # an SVG announced as a PDF
    ("x.html", HTML, "application/pdf"),
    ("x.pdf", SVG, "application/pdf"),  # an SVG named as a PDF
    ("x.pdf", HTML, "application/pdf"),
    ("x.svg.pdf", b"<?xml version='1.0'?>" + SVG, "application/pdf"),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def multipart(file_name: str, content: bytes, content_type: str = "application/pdf", **fields) -> bytes:
    """A multipart/form-data body with the file field `file` named exactly `file_name`."""
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        ).encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def post_file(client, url: str, file_name: str, content: bytes, content_type: str = "application/pdf"):
    return client.post(
        url,
        data=multipart(file_name, content, content_type),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class Target:
    """One upload page: where to post, the rows it writes, the folder its files go to, how to download."""

    def __init__(self, name, upload_url, model, folder, download_url, add):
        self.name, self.upload_url, self.model, self.folder = name, upload_url, model, folder
        self.download_url, self.add = download_url, add


@pytest.fixture
def targets(org, officer_a, person_a):
    proposal = proposal_services.create_proposal(
        actor=officer_a,
        title="Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2025",
        proposing_unit=org.a,
        award_kind=AwardKind.objects.get(code="LDTT"),
        year=2025,
    )
    initiative = initiative_services.create_initiative(
        actor=officer_a,
        unit=org.a,
        title="Giải pháp kiểm tra tự động tờ khai trước khi phân luồng",
        authors=[(person_a, 100)],
    )
    exemplar = exemplar_services.create_exemplar(
        name="Nụ cười công sở", unit=org.a, field="van_hoa", summary="Văn hóa công sở.", actor=officer_a
    )
    return [
        Target(
            "proposal",
            reverse("proposals:attachment_add", args=[proposal.pk]),
            ProposalAttachment,
            "proposals",
            lambda row: reverse("proposals:attachment", args=[proposal.pk, row.pk]),
            lambda upload: proposal_services.add_attachment(proposal=proposal, actor=officer_a, file=upload),
        ),
        Target(
            "initiative",
            reverse("initiatives:attachment_add", args=[initiative.pk]),
            InitiativeAttachment,
            "initiatives",
            lambda row: reverse("initiatives:attachment", args=[initiative.pk, row.pk]),
            lambda upload: initiative_services.add_attachment(
                initiative=initiative, actor=officer_a, upload=upload
            ),
        ),
        Target(
            "exemplar",
            reverse("exemplars:media_add", args=[exemplar.pk]),
            Media,
            "exemplars",
            lambda row: reverse("exemplars:media", args=[row.pk]),
            lambda upload: exemplar_services.add_media(exemplar=exemplar, file=upload),
        ),
    ]


@pytest.mark.parametrize("file_name", PATH_NAMES)
def test_a_file_named_with_a_path_is_stored_under_its_plain_name(
    targets, officer_a, as_user, settings, file_name
):
    client = as_user(officer_a)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for target in targets:
        response = post_file(client, target.upload_url, file_name, PDF)
        assert response.status_code == 302, target.name
        row = target.model.objects.get()
        stored = Path(row.file.path).resolve()
        assert stored.is_relative_to(media_root / target.folder), (target.name, stored)
        assert stored.name == "x.pdf" or (stored.name.startswith("x_") and stored.suffix == ".pdf"), stored
        assert (
            "/" not in row.file.name.split("/", 2)[-1]
            and "\\" not in row.file.name
            and ".." not in row.file.name
        )
        shown = getattr(row, "name", None)
        if shown is not None:
            assert shown == "x.pdf", (target.name, shown)
        assert stored.read_bytes() == PDF
    assert all(p.resolve().is_relative_to(media_root) for p in stored_files(settings))
    assert not (media_root.parent / "x.pdf").exists() and not (media_root.parent.parent / "x.pdf").exists()


@pytest.mark.parametrize(("file_name", "content", "content_type"), BAD_FILES)
def test_svg_and_html_are_refused_and_nothing_is_written(
    targets, officer_a, as_user, settings, file_name, content, content_type
):
    client = as_user(officer_a)
    for target in targets:
        response = post_file(client, target.upload_url, file_name, content, content_type)
        assert response.status_code == 302, target.name
        said = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
        assert said and all(level == "error" for level, _text in said), (target.name, said)
        assert any(("Chỉ nhận tệp" in t) or ("Nội dung tệp không đúng" in t) for _l, t in said), (
            target.name,
            said,
        )
        assert not target.model.objects.exists(), target.name
    assert stored_files(settings) == [], "a refused file leaves nothing on disk"


def test_a_stored_file_is_downloaded_as_an_attachment_never_sniffed(targets, officer_a, as_user):
    client = as_user(officer_a)
    for target in targets:
        post_file(client, target.upload_url, "../to-trinh.pdf", PDF)
        row = target.model.objects.get()
        response = client.get(target.download_url(row))
        assert response.status_code == 200, target.name
        assert response["Content-Type"] == "application/pdf", target.name
        assert response["Content-Disposition"].startswith("attachment;"), target.name
        assert 'filename="to-trinh.pdf"' in response["Content-Disposition"], response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff", target.name
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("file_name", ["..\\..\\x.pdf", "C:\\Users\\a\\x.pdf", "..\\x.pdf"])
def test_the_services_store_a_windows_path_under_its_plain_name_too(targets, settings, file_name):
    """Django strips a "/" path from an upload's name, but on Linux keeps a "\\" one: the services, which
    the API and the commands call too, take the plain name themselves."""
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for target in targets:
        row = target.add(SimpleUploadedFile(file_name, PDF))
        stored = Path(row.file.path).resolve()
        assert stored.parent.parent == media_root / target.folder, (target.name, stored)
        assert stored.name == "x.pdf", (target.name, stored.name)
        assert getattr(row, "name", "x.pdf") == "x.pdf", (target.name, row.name)


def test_a_photo_is_shown_as_an_image_and_never_sniffed(targets, officer_a, as_user):
    """A model's photo (its content checked to be a PNG or JPEG) is shown in the page; as an image only."""
    exemplar = targets[-1]
    client = as_user(officer_a)
    post_file(client, exemplar.upload_url, "anh.png", PNG, "image/png")
    response = client.get(exemplar.download_url(Media.objects.get()))
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="anh.png"' in response["Content-Disposition"]
