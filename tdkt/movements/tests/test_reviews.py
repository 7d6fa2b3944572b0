"""Sơ kết / tổng kết reviews of a movement (issue 15, item 1) and their Word report (issue 17, item 2):
registrations, titles and awards, initiatives, target attainment and exemplary models over the period, with
two charts as images, generated in the background with progress, from a template an administrator may replace."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from conftest import login
from tdkt.awards import services as award_services
from tdkt.awards.models import AwardKind
from tdkt.exemplars import services as exemplar_services
from tdkt.movements import review_report, services, tasks
from tdkt.movements.models import MovementReview

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def facts(org, launched, person_a):
    """What the 2020 movement of HQ produced in the first half of 2020."""
    services.register(
        movement=launched,
        unit=org.a,
        year=2020,
        pledge="Hoàn thành xuất sắc nhiệm vụ.",
        collective=["TTLDXS"],
        individual=[(person_a, "CSTDCS")],
        on=date(2020, 1, 20),
    )
    target = services.create_target(
        unit=org.a,
        year=2020,
        code="THU_NSNN",
        name="Thu ngân sách nhà nước",
        unit_label="tỷ đồng",
        planned="1.000",
        measure="thu_nsnn",
        movement=launched,
    )
    for month, value in enumerate([100, 120, 90, 110, 100, 130], start=1):
        services.record_actual(target=target, period=month, value=value)
    award_services.record_award(
        kind=AwardKind.objects.get(code="GK"),
        year=2020,
        person=person_a,
        decision_number="12/QĐ-HQ",
        decision_date=date(2020, 5, 4),
    )
    award_services.record_award(
        kind=AwardKind.objects.get(code="GK"), year=2020, unit=org.a, decision_date=date(2020, 5, 4)
    )
    award_services.record_award(  # outside the period: not in the mid-term report
        kind=AwardKind.objects.get(code="BK_BO"), year=2020, unit=org.a, decision_date=date(2020, 11, 4)
    )
    award_services.record_recognition(
        title="Số hóa hồ sơ kiểm tra sau thông quan",
        scope="co_so",
        year=2020,
        authors=[(person_a, 100)],
        decision_date=date(2020, 3, 1),
        unit=org.a,
    )
    model = exemplar_services.create_exemplar(name="Cà phê sáng cùng doanh nghiệp", unit=org.a, field="khac")
    exemplar_services.change_status(exemplar=model, to="recognised", on=date(2020, 4, 2))
    return launched


@pytest.fixture
def review(facts):
    return services.save_review(
        movement=facts,
        kind="so_ket",
        held_on=date(2020, 7, 10),
        period_from=date(2020, 1, 1),
        period_to=date(2020, 6, 30),
        document="25/BC-HQ",
        awards_given="Giấy khen của Cục trưởng cho 3 tập thể\nGiấy khen cho 5 cá nhân",
    )


def test_a_review_is_recorded_inside_the_movements_period(facts, officer_a):
    with pytest.raises(ValidationError, match="trong thời gian thực hiện phong trào"):
        services.save_review(
            movement=facts, kind="so_ket", held_on=date(2021, 7, 1), period_from=date(2020, 1, 1),
            period_to=date(2021, 6, 30),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):  # A's officer does not manage HQ's movement
        services.save_review(
            movement=facts, kind="so_ket", held_on=date(2020, 7, 1), period_from=date(2020, 1, 1),
            period_to=date(2020, 6, 30), actor=officer_a,
        )  # fmt: skip
    services.save_review(
        movement=facts, kind="tong_ket", held_on=date(2021, 1, 15), period_from=date(2020, 1, 1),
        period_to=date(2020, 12, 31),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="đã có hội nghị tổng kết"):
        services.save_review(
            movement=facts, kind="tong_ket", held_on=date(2021, 1, 16), period_from=date(2020, 7, 1),
            period_to=date(2020, 11, 30),
        )  # fmt: skip
    assert MovementReview.objects.count() == 1


def test_the_report_has_each_section_its_figures_and_two_charts(review, org):
    doc = Document(io.BytesIO(review_report.render(review)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "Số: 25/BC-HQ" in doc.tables[0].rows[0].cells[0].text
    assert "SƠ KẾT PHONG TRÀO THI ĐUA" in text and "“Phong trào thi đua năm 2020”" in text
    assert "(Kỳ 01/01/2020 – 30/06/2020)" in text
    for heading in (
        "I. KẾT QUẢ ĐĂNG KÝ THI ĐUA",
        "II. DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG",
        "III. SÁNG KIẾN, ĐỀ TÀI",
        "IV. KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
        "V. ĐIỂN HÌNH TIÊN TIẾN",
        "VI. KHEN THƯỞNG TẠI HỘI NGHỊ SƠ KẾT",
    ):
        assert heading in text
    participants = review.movement.participants.count()
    assert f"1/{participants} đơn vị tham gia đã đăng ký thi đua, với 1 cá nhân" in text
    assert "khen thưởng 2 lượt" in text  # the two Giấy khen of May; November's Bằng khen is after the period
    assert "1 sáng kiến và 0 đề tài" in text
    assert "- Giấy khen của Cục trưởng cho 3 tập thể" in text

    rows = {t.rows[0].cells[0].text: [[c.text for c in r.cells] for r in t.rows[1:]] for t in doc.tables[1:]}
    assert sorted(rows["Danh hiệu đăng ký"]) == [
        ["Chiến sĩ thi đua cơ sở", "Cá nhân", "1"],
        ["Tập thể lao động xuất sắc", "Tập thể", "1"],
    ]
    assert rows["Danh hiệu, hình thức"] == [["Giấy khen", "Hình thức khen thưởng", "1", "1"]]
    assert rows["Loại"] == [["Sáng kiến", "Cấp cơ sở", "1"]]
    [target_row] = rows["Đơn vị"]
    assert (
        target_row[0] == "Chi cục Hải quan A"
        and target_row[3] == "1.000 tỷ đồng"
        and target_row[5] == "65,00 %"
    )
    assert rows["Mô hình, điển hình"] == [
        ["Cà phê sáng cùng doanh nghiệp", "Chi cục Hải quan A", "Đã công nhận", "02/04/2020"]
    ]

    assert len(doc.inline_shapes) == 2  # attainment per unit and awards per title, as pictures
    images = [p for p in doc.part.package.parts if p.content_type == "image/png"]
    assert len(images) == 2 and all(p.blob.startswith(b"\x89PNG") for p in images)


def test_generated_in_the_background_with_progress_then_downloaded(
    review, org, client, settings, django_capture_on_commit_callbacks
):
    from conftest import make_user

    settings.TASKS = IMMEDIATE
    officer_hq = make_user("officer_hq", role="officer", unit=org.root)
    login(client, officer_hq)
    page = client.get(reverse("movements:review_detail", args=[review.pk])).content.decode()
    assert 'id="report-generate"' in page and "25/BC-HQ" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("movements:review_generate", args=[review.pk]))
    review.refresh_from_db()
    assert review.report_status == "done"
    assert review.report_done == review.report_total == len(review_report.STEPS)
    fragment = client.get(
        reverse("movements:review_detail", args=[review.pk]) + "?part=progress", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="report-progress"' in fragment and "<html" not in fragment and "Hoàn thành" in fragment
    response = client.get(reverse("movements:review_download", args=[review.pk]))
    assert response.status_code == 200
    assert len(Document(io.BytesIO(response.content)).inline_shapes) == 2


def test_a_failure_is_shown_on_the_review(review, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(review_report, "targets", broken)
    monkeypatch.setitem(review_report.COLLECTORS, "targets", broken)
    with pytest.raises(RuntimeError):
        tasks.generate_review_report.call(review.pk)
    review.refresh_from_db()
    assert review.report_status == "failed" and "hỏng" in review.report_error
    assert review.report_done == 3  # registrations, awards and initiatives were gathered


def test_outsiders_get_404(org, outsider_b, client):
    """B takes no part in A's own movement: its reviews do not exist for B's officer."""
    movement = services.create_movement(
        launching_unit=org.a,
        name="Thi đua của Chi cục A",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
    )
    movement = services.launch_movement(movement=movement, on=date(2020, 1, 2))
    review = services.save_review(
        movement=movement, kind="so_ket", held_on=date(2020, 7, 1), period_from=date(2020, 1, 1),
        period_to=date(2020, 6, 30),
    )  # fmt: skip
    login(client, outsider_b)
    for name in ("movements:review_detail", "movements:review_download"):
        assert client.get(reverse(name, args=[review.pk])).status_code == 404
    assert client.post(reverse("movements:review_generate", args=[review.pk])).status_code == 404


def test_an_administrator_replaces_the_template_and_a_broken_one_is_refused(review, admin_user, client):
    login(client, admin_user)
    builtin = client.get(reverse("movements:review_template") + "?download=1").content
    doc = Document(io.BytesIO(builtin))
    doc.add_paragraph("Mẫu riêng của Cục: {{ movement_name }}")
    out = io.BytesIO()
    doc.save(out)
    upload = SimpleUploadedFile("mau.docx", out.getvalue())
    client.post(reverse("movements:review_template"), {"file": upload, "back": review.pk})
    text = "\n".join(p.text for p in Document(io.BytesIO(review_report.render(review))).paragraphs)
    assert "Mẫu riêng của Cục: Phong trào thi đua năm 2020" in text

    bad = Document()
    bad.add_paragraph("{{ unclosed")
    out = io.BytesIO()
    bad.save(out)
    response = client.post(
        reverse("movements:review_template"),
        {"file": SimpleUploadedFile("hong.docx", out.getvalue()), "back": review.pk},
        follow=True,
    )
    assert "Mẫu không dùng được" in response.content.decode()
    assert "Mẫu riêng của Cục" in "\n".join(
        p.text for p in Document(io.BytesIO(review_report.template_source())).paragraphs
    )  # the good upload stays
    client.post(reverse("movements:review_template"), {"reset": "1"})
    assert review_report.template_source() == review_report.builtin_template()


def test_only_administrators_replace_the_template(review, officer_a, client):
    login(client, officer_a)
    response = client.post(reverse("movements:review_template"), {"reset": "1"})
    assert response.status_code == 403
