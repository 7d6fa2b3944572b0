"""Award history import: the rules of matching, the all-or-nothing write, the command line and the pages."""

import io
import json
import os
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import make_user
from tdkt.awards.importing import KindIndex, import_awards
from tdkt.awards.models import Award, AwardKind, ImportBatch
from tdkt.core.text import to_tcvn3
from tdkt.org import services as org_services
from tdkt.org.models import UnitKind

HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Đơn vị",
    "Danh hiệu / Hình thức",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
]
AN = ("Nguyễn Văn An", "12/04/1985")  # person_a, in team A1 (under A) since 2020


def xlsx(rows, headers=HEADERS, title_rows=()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in title_rows:
        ws.append(list(row))
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run(data, *, dry_run=False, actor=None, resolutions=None):
    return import_awards(
        data, file_name="khen-thuong.xlsx", actor=actor, dry_run=dry_run, resolutions=resolutions
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


CLEAN = [
    [*AN, "A", "LĐTT", 2023, "12/QĐ-HQA", "10/01/2024", "Chi cục trưởng"],
    [*AN, "Chi cục Hải quan A", "Chiến sỹ thi đua cơ sở", 2023, "13/QĐ-HQA", "10/01/2024", ""],
    [
        "Đội Nghiệp vụ A1",
        None,
        "Chi cục Hải quan A",
        "Tập thể lao động xuất sắc",
        2023,
        "250/QĐ-BTC",
        "03/03/2024",
        "Bộ trưởng Bộ Tài chính",
    ],
]


# The file and its rows -------------------------------------------------------------------------------


def test_clean_file_imports_once_and_reimport_changes_nothing(org, person_a):
    data = xlsx(CLEAN)
    dry = run(data, dry_run=True)
    assert dry.outcome == "valid", dry.as_json()
    assert dry.counts["new"] == 3 and Award.objects.count() == 0

    done = run(data)
    assert done.outcome == "imported"
    awards = Award.objects.order_by("kind__code")
    assert [(a.kind.code, a.person_id, a.unit_id, a.year) for a in awards] == [
        ("CSTDCS", person_a.pk, None, 2023),
        ("LDTT", person_a.pk, None, 2023),
        ("TTLDXS", None, org.a1.pk, 2023),
    ]
    ldtt = awards.get(kind__code="LDTT")
    assert (ldtt.source, ldtt.decision_number, ldtt.decision_date, ldtt.issuer) == (
        Award.Source.IMPORT,
        "12/QĐ-HQA",
        date(2024, 1, 10),
        "Chi cục trưởng",
    )
    assert awards.get(kind__code="CSTDCS").issuer == AwardKind.objects.get(code="CSTDCS").issuer

    again = run(data)
    assert again.outcome == "imported"
    assert again.counts["new"] == 0 and again.counts["unchanged"] == 3
    assert Award.objects.count() == 3
    batches = ImportBatch.objects.order_by("pk")
    assert [b.dry_run for b in batches] == [True, False, False]
    assert batches[0].file_sha256 == batches[2].file_sha256 == done.sha256
    assert batches[1].report["counts"]["new"] == 3


def test_headers_in_any_order_case_and_without_diacritics(org, person_a):
    headers = [
        "NAM",
        "HO VA TEN",
        "danh hieu / hinh thuc",
        "DON VI",
        "Ngay sinh",
        "SO QUYET DINH",
        "NGÀY QUYẾT ĐỊNH",
        "co quan ban hanh",
        "Ghi chú",
    ]
    data = xlsx(
        [[2024, "Nguyễn Văn An", "LDTT", "A1", "12/04/1985", "5/QĐ", "15/01/2025", "", "bổ sung"]],
        headers=headers,
        title_rows=[["DANH SÁCH KHEN THƯỞNG NĂM 2024"]],
    )
    report = run(data)
    assert report.outcome == "imported", report.as_json()
    assert Award.objects.get().note == "bổ sung"


def test_tcvn3_and_nfd_names_are_matched(org, person_a):
    data = xlsx(
        [
            [
                to_tcvn3("Nguyễn Văn An"),
                "12/04/1985",
                to_tcvn3("Chi cục Hải quan A"),
                to_tcvn3("Lao động tiên tiến"),
                2021,
                "1/QĐ",
                None,
                None,
            ],
            [
                unicodedata.normalize("NFD", "Nguyễn Văn An"),
                "12/04/1985",
                "A",
                "LDTT",
                2022,
                "2/QĐ",
                None,
                None,
            ],
        ]
    )
    report = run(data)
    assert report.outcome == "imported", report.as_json()
    assert set(Award.objects.values_list("person_id", "year")) == {(person_a.pk, 2021), (person_a.pk, 2022)}


def test_dates_as_text_two_digit_years_and_excel_serials(org, person_a):
    serial = (date(1985, 4, 12) - date(1899, 12, 30)).days
    data = xlsx(
        [
            ["Nguyễn Văn An", "12/04/1985", "A", "LDTT", 2020, "1", "5/1/21", None],
            ["Nguyễn Văn An", "12/4/85", "A", "LDTT", 2021, "2", serial + 13000, None],
            ["Nguyễn Văn An", serial, "A", "LDTT", 2022, "3", date(2023, 1, 9), None],
            ["Nguyễn Văn An", date(1985, 4, 12), "A", "LDTT", "2023", "4", "09/01/2024", None],
        ]
    )
    report = run(data)
    assert report.outcome == "imported", report.as_json()
    dates = dict(Award.objects.values_list("year", "decision_date"))
    assert dates[2020] == date(2021, 1, 5)
    assert dates[2021] == date(1899, 12, 30) + timedelta(days=serial + 13000)
    assert dates[2022] == date(2023, 1, 9) and dates[2023] == date(2024, 1, 9)


def test_person_matched_through_the_old_name_of_a_renamed_unit(org, person_a):
    org_services.rename_unit(unit=org.a1, name="Đội Kiểm soát A1", on=date(2024, 1, 1))
    data = xlsx(
        [
            ["Nguyễn Văn An", "12/04/1985", "Đội Nghiệp vụ A1", "LDTT", 2022, "1", "10/01/2023", None],
            ["Nguyễn Văn An", "12/04/1985", "Đội Kiểm soát A1", "LDTT", 2024, "2", "10/01/2025", None],
            ["Đội Nghiệp vụ A1", None, "", "TTLDTT", 2022, "3", "10/01/2023", None],
        ]
    )
    report = run(data)
    assert report.outcome == "imported", report.as_json()
    assert Award.objects.filter(person=person_a).count() == 2
    assert Award.objects.get(unit=org.a1).year == 2022
    assert "nay là Đội Kiểm soát A1" in report.rows[2].subject_label


def test_person_matched_through_a_merged_units_old_name(org):
    day = date(2020, 1, 1)
    x = org_unit("X", "Đội Thủ tục X", org.a, day)
    y = org_unit("Y", "Đội Giám sát Y", org.a, day)
    chi = _person("Lê", "Thị", "Chi", date(1990, 1, 2), x, day)
    merged = org_services.merge_units(
        units=[x, y],
        into=org_services.NewUnit("XY", "Đội Tổng hợp", UnitKind.TEAM),
        parent=org.a,
        on=date(2025, 3, 1),
    )
    data = xlsx(
        [
            ["Lê Thị Chi", "02/01/1990", "Đội Thủ tục X", "LDTT", 2023, "1", "10/01/2024", None],
            ["Lê Thị Chi", "02/01/1990", "Đội Tổng hợp", "LDTT", 2025, "2", "10/01/2026", None],
            ["Đội Thủ tục X", None, "Chi cục Hải quan A", "TTLDXS", 2023, "3", "10/02/2024", None],
        ]
    )
    report = run(data)
    assert report.outcome == "imported", report.as_json()
    assert Award.objects.filter(person=chi).count() == 2
    assert Award.objects.get(unit__isnull=False).unit == x
    assert merged.pk != x.pk


def org_unit(code, name, parent, day):
    return org_services.create_unit(code=code, name=name, kind=UnitKind.TEAM, parent=parent, valid_from=day)


def _person(family, middle, given, dob, unit, since):
    return org_services.create_person(
        family_name=family,
        middle_name=middle,
        given_name=given,
        gender="nu",
        date_of_birth=dob,
        unit=unit,
        since=since,
    )


def test_ambiguous_rows_list_the_candidates_and_are_resolved_by_choosing(org, person_a):
    twin = _person("Nguyễn", "Văn", "An", date(1985, 4, 12), org.a1, date(2021, 6, 1))
    data = xlsx([*CLEAN[:1], [*AN, "A1", "GK", 2023, "7/QĐ", None, None]])
    report = run(data)
    assert report.outcome == "pending" and Award.objects.count() == 0
    assert report.counts["ambiguous"] == 2
    row = report.as_json()["ambiguous"][0]
    assert row["row"] == 2 and row["values"]["Họ và tên"] == "Nguyễn Văn An"
    assert {c["id"] for c in row["candidates"]} == {person_a.pk, twin.pk}

    wrong = run(data, resolutions={2: person_a.pk, 3: 999_999})
    assert wrong.outcome == "refused" and Award.objects.count() == 0
    assert [(e.row, e.column) for e in wrong.errors] == [(3, "Họ và tên")]

    done = run(data, resolutions={2: person_a.pk, "3": str(twin.pk)})
    assert done.outcome == "imported", done.as_json()
    assert set(Award.objects.values_list("kind__code", "person_id")) == {
        ("LDTT", person_a.pk),
        ("GK", twin.pk),
    }
    assert "mã A-001" in done.rows[0].subject_label  # namesakes are told apart

    again = run(data)  # the choices made the first time are recognised
    assert again.outcome == "imported" and again.counts["unchanged"] == 2 and Award.objects.count() == 2


def test_unmatched_rows_block_until_resolved_or_skipped(org, person_a):
    data = xlsx(
        [
            *CLEAN,
            ["Phạm Văn Không", "01/01/1980", "A", "LDTT", 2023, "1", None, None],
            [*AN, "B", "GK", 2023, "9", None, None],
        ]
    )
    report = run(data)
    assert report.outcome == "pending" and Award.objects.count() == 0
    unmatched = report.as_json()["unmatched"]
    assert [r["row"] for r in unmatched] == [5, 6]
    assert unmatched[1]["suggestions"] == [{"id": person_a.pk, "label": report.rows[4].suggestions[0].label}]

    done = run(data, resolutions={5: "skip", 6: person_a.pk})
    assert done.outcome == "imported", done.as_json()
    assert done.counts == {**done.counts, "new": 4, "skipped": 1}
    assert Award.objects.count() == 4
    again = run(data, resolutions={5: "skip"})
    assert again.outcome == "imported" and again.counts["unchanged"] == 4 and Award.objects.count() == 4


def test_collective_rows_and_subject_kinds(org, person_a):
    data = xlsx(
        [
            ["Đội Nghiệp vụ A1", None, "Chi cục Hải quan A", "Chiến sĩ thi đua cơ sở", 2023, "1", None, None],
            [*AN, "A", "Tập thể lao động tiên tiến", 2023, "2", None, None],
            ["Trần Văn Thiếu", None, "A", "LDTT", 2023, "3", None, None],
        ]
    )
    report = run(data)
    assert report.outcome == "refused"
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Danh hiệu / Hình thức"),
        (3, "Danh hiệu / Hình thức"),
        (4, "Ngày sinh"),
    ]
    assert "chỉ dành cho cá nhân" in report.errors[0].message


def test_an_error_row_blocks_every_write(org, person_a):
    data = xlsx(
        [
            *CLEAN,
            [*AN, "A", "Huy hiệu lạ", 1900, "1", "31/02/2024", None],
            [None, None, "A", None, None, None, None, None],
        ]
    )
    report = run(data)
    assert report.outcome == "refused" and Award.objects.count() == 0
    errors = {(e["row"], e["column"]) for e in report.as_json()["errors"]}
    assert errors == {
        (5, "Danh hiệu / Hình thức"),
        (5, "Năm"),
        (5, "Ngày quyết định"),
        (6, "Họ và tên"),
        (6, "Danh hiệu / Hình thức"),
        (6, "Năm"),
    }
    assert report.counts["new"] == 3  # the good rows were checked too


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CSTĐCS", "CSTDCS"),
        ("Chiến sỹ thi đua cơ sở", "CSTDCS"),
        ("chien si thi dua co so", "CSTDCS"),
        ("Bằng khen Bộ trưởng Bộ Tài chính", "BK_BO"),
        ("bk_bo", "BK_BO"),
        ("Bằng khen Thủ tướng", "BK_TTG"),
        ("Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
        ("HCLĐ hạng Ba", "HCLD3"),
        ("Huân chương Lao động hạng Nhì", "HCLD2"),
        ("HCĐL hạng I", "HCDL1"),
        ("Cờ thi đua Chính phủ", "CO_CP"),
        ("Tập thể lao động xuất sắc", "TTLDXS"),
        ("LĐTT", "LDTT"),
        ("Danh hiệu Lao động tiên tiến", "LDTT"),
        ("Giấy khen", "GK"),
        ("CSTĐ cấp Bộ", "CSTD_BO"),
    ],
)
def test_award_kinds_by_code_name_and_usual_variants(db, text, code):
    assert KindIndex().find(text).code == code


def test_unknown_kind_is_none(db):
    assert KindIndex().find("Bằng khen Ủy ban nhân dân tỉnh Lạng Sơn") is None


@pytest.mark.parametrize(
    "data", [b"", b"Ho va ten;Nam\nA;2024\n", b"PK\x03\x04broken", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xx"]
)
def test_broken_or_hostile_files_are_refused_with_a_message(db, data):
    report = run(data)
    assert report.outcome == "refused" and report.rows == []
    assert report.errors[0].row is None and report.errors[0].message
    assert ImportBatch.objects.get().report["errors"][0]["message"] == report.errors[0].message


def test_missing_columns_are_refused(db):
    report = run(xlsx([["x", 2024]], headers=["Họ và tên", "Năm"]))
    assert report.outcome == "refused" and "Thiếu cột bắt buộc" in report.errors[0].message


def test_an_officer_matches_only_people_in_scope(org, person_a, person_b, outsider_b, officer_a):
    data = xlsx([[*AN, "A", "LDTT", 2023, "1", None, None]])
    assert run(data, actor=outsider_b, dry_run=True).counts["unmatched"] == 1
    assert run(data, actor=officer_a, dry_run=True).outcome == "valid"


# The command line ------------------------------------------------------------------------------------


def test_command_dry_run_and_report(org, person_a, tmp_path, capsys):
    source, report = tmp_path / "ds.xlsx", tmp_path / "report.json"
    source.write_bytes(xlsx([*CLEAN, ["Phạm Văn Không", "01/01/1980", "A", "LDTT", 2023, "1", None, None]]))
    with pytest.raises(SystemExit) as stop:
        call_command("awards", "import", str(source), "--dry-run", "--report", str(report))
    assert stop.value.code == 2
    data = json.loads(report.read_text(encoding="utf-8"))
    assert {"created", "unchanged", "unmatched", "ambiguous", "errors"} <= set(data)
    assert [r["row"] for r in data["created"]] == [2, 3, 4]
    assert (
        data["unmatched"][0]["row"] == 5 and data["unmatched"][0]["values"]["Họ và tên"] == "Phạm Văn Không"
    )
    assert "không tìm thấy đối tượng" in capsys.readouterr().out

    source.write_bytes(xlsx(CLEAN))
    call_command("awards", "import", str(source), "--dry-run", "--report", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["outcome"] == "valid" and Award.objects.count() == 0
    call_command("awards", "import", str(source))
    assert Award.objects.count() == 3
    assert "Đã nhập xong" in capsys.readouterr().out

    source.write_bytes(xlsx([[*AN, "A", "??", 2023, "1", None, None]]))
    with pytest.raises(SystemExit) as stop:
        call_command("awards", "import", str(source), "--report", str(report))
    assert stop.value.code == 2
    assert json.loads(report.read_text(encoding="utf-8"))["errors"] == [
        {
            "row": 2,
            "column": "Danh hiệu / Hình thức",
            "message": "Không tìm thấy danh hiệu, hình thức «??» trong danh mục.",
        }
    ]


def test_command_resolutions_file(org, person_a, tmp_path):
    source, choices = tmp_path / "ds.xlsx", tmp_path / "r.json"
    source.write_bytes(xlsx([*CLEAN, ["Phạm Văn Không", "01/01/1980", "A", "LDTT", 2023, "1", None, None]]))
    choices.write_text('{"5": "skip"}', encoding="utf-8")
    call_command("awards", "import", str(source), "--resolutions", str(choices))
    assert Award.objects.count() == 3


def test_console_script_exit_status(tmp_path):
    """The real `tdkt` script, on a database of its own: a refused file exits with status 2."""
    tdkt = Path(sys.executable).with_name("tdkt")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "TDKT_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "a-key-for-this-test-only",  # the server refuses to start without one
    }
    subprocess.run([tdkt, "migrate", "--noinput", "-v", "0"], env=env, check=True, capture_output=True)
    bad, report = tmp_path / "bad.xlsx", tmp_path / "report.json"
    bad.write_bytes(xlsx([[*AN, "A", "LDTT", 1800, "1", None, None]]))
    refused = subprocess.run(
        [tdkt, "awards", "import", bad, "--dry-run", "--report", report],
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2, refused.stderr
    assert "Dòng 2, cột «Năm»" in refused.stdout
    assert json.loads(report.read_text(encoding="utf-8"))["errors"][0]["column"] == "Năm"


# The pages -------------------------------------------------------------------------------------------


def _upload(client, data, name="ds.xlsx"):
    return client.post(reverse("awards:import"), {"file": _file(data, name)})


def _file(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_pages_upload_preview_resolve_and_confirm(org, person_a, officer_a, as_user):
    client = as_user(officer_a)
    assert client.get(reverse("awards:import")).status_code == 200
    template = client.get(reverse("awards:import_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in sheet[1]][:8] == HEADERS and sheet.max_row > 1

    data = xlsx([*CLEAN, ["Phạm Văn Không", "01/01/1980", "A", "LDTT", 2023, "1", None, None]])
    response = _upload(client, data)
    assert response.status_code == 302
    preview_url = response["Location"]
    page = client.get(preview_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-outcome="pending"' in html and 'name="resolve-5"' in html and "Phạm Văn Không" in html

    report = client.get(preview_url + "report.xlsx")
    assert report.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == 5

    fragment = client.post(preview_url, {"action": "check", "resolve-5": "skip"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and b"<html" not in fragment.content
    assert b'data-outcome="valid"' in fragment.content and b"selected" in fragment.content
    assert Award.objects.count() == 0

    done = client.post(preview_url, {"action": "confirm", "resolve-5": "skip"})
    assert done.status_code == 302 and Award.objects.count() == 3
    assert client.get(done["Location"]).status_code == 200
    assert done["Location"] in client.get(reverse("awards:import")).content.decode()  # listed as recent
    assert client.get(preview_url).status_code == 404  # the upload is gone once imported


def test_pages_show_errors_and_refuse_bad_files(org, person_a, officer_a, as_user):
    client = as_user(officer_a)
    bad = _upload(client, b"not a spreadsheet", "x.xlsx")
    assert bad.status_code == 400 and "không phải bảng tính Excel" in bad.content.decode()
    response = _upload(client, xlsx([[*AN, "A", "??", 2023, "1", None, None]]))
    page = client.get(response["Location"])
    assert 'data-outcome="refused"' in page.content.decode() and 'id="errors"' in page.content.decode()
    confirm = client.post(response["Location"], {"action": "confirm"})
    assert confirm.status_code == 200 and Award.objects.count() == 0


def test_pages_wrong_method(org, officer_a, as_user):
    client = as_user(officer_a)
    assert client.put(reverse("awards:import")).status_code == 405
    assert client.post(reverse("awards:import_template")).status_code == 405
    response = _upload(client, xlsx(CLEAN))
    assert client.get(response["Location"] + "cancel/").status_code == 405
    assert client.delete(response["Location"]).status_code == 405


def test_pages_outsiders_get_404(org, person_a, officer_a, leader_a, outsider_b, as_user):
    client = as_user(officer_a)
    preview_url = _upload(client, xlsx(CLEAN))["Location"]
    batch = ImportBatch.objects.get()
    client.post(preview_url, {"action": "confirm"})
    result_url = reverse("awards:import_result", args=[ImportBatch.objects.filter(dry_run=False).get().pk])

    client = as_user(leader_a)
    for url in (reverse("awards:import"), reverse("awards:import_template"), result_url):
        assert client.get(url).status_code == 404
    client = as_user(outsider_b)  # an officer, but of another unit and another session
    assert client.get(reverse("awards:import")).status_code == 200
    assert client.get(result_url).status_code == 404
    assert client.get(reverse("awards:import_preview", args=["0" * 32])).status_code == 404
    assert client.get(reverse("awards:import_report", args=["0" * 32])).status_code == 404
    staff = make_user("staff_x", role="staff", unit=org.a1)
    assert as_user(staff).get(reverse("awards:import")).status_code == 404
    assert batch.created_by == officer_a


def test_decision_date_and_issuer_columns_may_be_absent(org, person_a):
    headers = HEADERS[:6]
    report = run(xlsx([[*AN, "A", "LDTT", 2023, "1"]], headers=headers))
    assert report.outcome == "imported", report.as_json()
    award = Award.objects.get()
    assert award.decision_date is None and award.issuer == award.kind.issuer
