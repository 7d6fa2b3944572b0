"""Import limits: an over-long decision number or issuer is an error (never cut), a header-only file is
refused on the command line as on the page, a formula cell is reported once."""

import pytest
from django.core.management import call_command

from tdkt.awards.models import Award
from tdkt.awards.tests.test_import import AN, CLEAN, run, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_over_long_decision_number_is_an_error_not_cut(org, person_a):
    limit = Award._meta.get_field("decision_number").max_length
    long_number = "1" * limit + "/QĐ-A"
    report = run(xlsx([[*AN, "A", "LĐTT", 2023, long_number, "10/01/2024", ""]]))
    assert report.outcome == "refused"
    (issue,) = report.errors
    assert issue.row == 2 and issue.column == "Số quyết định"
    assert f"quá giới hạn {limit} ký tự" in issue.message
    assert Award.objects.count() == 0


def test_an_over_long_issuer_is_an_error_not_cut(org, person_a):
    limit = Award._meta.get_field("issuer").max_length
    report = run(xlsx([[*AN, "A", "LĐTT", 2023, "12/QĐ-HQA", "10/01/2024", "Bộ " * limit]]))
    assert [i.column for i in report.errors] == ["Cơ quan ban hành"]


def test_a_header_only_file_is_refused(org):
    report = run(xlsx([]))
    assert report.outcome == "refused"
    assert report.errors[0].message.startswith("Tệp không có dòng dữ liệu nào")


def test_a_header_only_file_is_refused_on_the_command_line(org, tmp_path, capsys):
    source = tmp_path / "trong.xlsx"
    source.write_bytes(xlsx([]))
    with pytest.raises(SystemExit) as stop:
        call_command("awards", "import", str(source))
    assert stop.value.code == 2
    assert "Tệp không có dòng dữ liệu nào" in capsys.readouterr().out


def test_a_formula_cell_is_reported_once(org, person_a):
    rows = [['=UPPER("an")', AN[1], "A", "LĐTT", 2023, "12/QĐ-HQA", "10/01/2024", ""], *CLEAN[1:]]
    report = run(xlsx(rows))
    on_the_cell = [i for i in report.errors if i.row == 2 and i.column == "Họ và tên"]
    assert len(on_the_cell) == 1 and "công thức" in on_the_cell[0].message


def test_more_than_the_old_5000_rows_are_read(settings, org, person_a):
    settings.TDKT_IMPORT_MAX_ROWS = 6000
    rows = [[*AN, "A", "LĐTT", 2023, f"{i}/QĐ-HQA", "10/01/2024", ""] for i in range(5001)]
    report = run(xlsx(rows), dry_run=True)
    assert not any("quá nhiều dòng" in i.message for i in report.errors)
    assert len(report.rows) == 5001


def test_the_page_takes_files_up_to_the_documented_byte_limit(as_user, officer_a, settings):
    settings.TDKT_IMPORT_MAX_BYTES = 20 * 1024 * 1024
    settings.TDKT_IMPORT_MAX_ROWS = 200_000
    page = as_user(officer_a).get("/awards/import/").content.decode()
    assert "Tối đa 20 MB và 200.000 dòng" in page
    settings.TDKT_IMPORT_MAX_BYTES = 1024 * 1024
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("ds.xlsx", b"x" * (1024 * 1024 + 1))
    response = as_user(officer_a).post("/awards/import/", {"file": big})
    assert response.status_code == 400 and "dung lượng tối đa là 1 MB" in response.content.decode()
