"""`tdkt org import units|people FILE.xlsx [--dry-run] [--report R.json]`: the page's import on the command
line, exit 0 when imported (or ready), 2 when refused."""

import json

import pytest
from django.core.management import call_command

from tdkt.org.models import Person, Position, Unit
from tdkt.org.tests.test_import import (
    PERSON_HEADERS,
    UNIT_HEADERS,
    person_rows,
    unit_rows,
    workbook,
)

pytestmark = pytest.mark.django_db


def _file(tmp_path, headers, rows, name="ds.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook(headers, rows).getvalue())
    return path


def test_units_then_people_dry_run_then_import(admin_user, tmp_path, capsys):
    Position.objects.create(code="doi-truong", name="Đội trưởng", grade=3, is_leadership=True)
    units = _file(tmp_path, UNIT_HEADERS, unit_rows(), "don-vi.xlsx")
    before = Unit.objects.count()
    report = tmp_path / "r.json"
    call_command("org", "import", "units", str(units), "--dry-run", "--report", str(report))
    assert Unit.objects.count() == before, "a dry run writes nothing"
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["outcome"] == "valid" and data["created"] == len(unit_rows())
    call_command("org", "import", "units", str(units))
    assert Unit.objects.count() == before + len(unit_rows())
    assert "Đã nhập" in capsys.readouterr().out

    people = _file(tmp_path, PERSON_HEADERS, person_rows(), "can-bo.xlsx")
    call_command("org", "import", "people", str(people))
    assert Person.objects.count() == len(person_rows())


def test_a_refused_file_exits_2_with_the_reasons(admin_user, tmp_path, capsys):
    path = _file(tmp_path, UNIT_HEADERS, [])
    with pytest.raises(SystemExit) as stop:
        call_command("org", "import", "units", str(path))
    assert stop.value.code == 2
    assert "Tệp không có dòng dữ liệu nào" in capsys.readouterr().out


def test_row_errors_are_listed_and_exit_2(admin_user, tmp_path, capsys):
    rows = [list(r) for r in person_rows()]
    rows[0][4] = "KHONG-CO"
    report = tmp_path / "r.json"
    with pytest.raises(SystemExit) as stop:
        call_command(
            "org", "import", "people", str(_file(tmp_path, PERSON_HEADERS, rows)), "--report", str(report)
        )
    assert stop.value.code == 2
    assert json.loads(report.read_text(encoding="utf-8"))["issues"][0]["row"] == 2
    assert "Dòng 2" in capsys.readouterr().out
    assert Person.objects.count() == 0


def test_without_an_administrator_the_user_must_be_named(org, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--user"):
        call_command("org", "import", "units", str(_file(tmp_path, UNIT_HEADERS, unit_rows())))
