"""Hostile spreadsheets against every import the product has (awards; org units and people; movement actuals;
survey invitations): arbitrary cells under the real headers, arbitrary bytes, formulas, over-long cells and
files of other types posing as .xlsx. The spec: an import never raises (so a page never answers 500), and
an import that refuses a file writes nothing (every table's row count is unchanged); one that accepts a file
changes nothing when given the same file again."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tdkt.awards.importing import COLUMNS as AWARD_COLUMNS
from tdkt.awards.importing import import_awards
from tdkt.movements import importing as movement_import
from tdkt.movements import services as movement_services
from tdkt.org import importing as org_import
from tdkt.surveys import services as survey_services
from tests.hostile.conftest import table_counts, workbook

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Values a real file would hold (so that some rows get past validation and reach the writes) …
PLAUSIBLE = st.sampled_from(
    [
        "A",
        "B",
        "A1",
        "HQ",
        "A-001",
        "B-001",
        "Nguyễn Văn An",
        "Chi cục Hải quan A",
        "Đội Nghiệp vụ A1",
        "nam",
        "nữ",
        "LĐTT",
        "CSTĐCS",
        "Lao động tiên tiến",
        "123/QĐ-HQ",
        "12/04/1985",
        "01/01/2021",
        "THU_NSNN",
        "0101234567",
        "a@b.vn",
        2019,
        2021,
        3,
        12.5,
        date(2021, 1, 1),
    ]
)
# … and hostile ones.
TEXT = st.text(min_size=0, max_size=80).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
HOSTILE = st.one_of(
    TEXT,
    st.sampled_from(["=1+1", '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)"]),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.integers(min_value=256, max_value=3000).map(lambda n: "Đ" * n),  # over-long cells
    st.just("<script>alert(1)</script>"),
)
CELL = st.one_of(st.none(), PLAUSIBLE, HOSTILE)


@st.composite
def sheets(draw, columns):
    """(headers, rows): the import's headers, maybe shuffled or one short, and up to 6 rows of cells."""
    headers = [c.header_vi for c in columns]
    headers = list(draw(st.permutations(headers)))
    if draw(st.booleans()) and len(headers) > 1:
        headers = headers[:-1]
    rows = draw(st.lists(st.lists(CELL, min_size=len(headers), max_size=len(headers)), max_size=6))
    return headers, rows


def xlsx_of(headers, rows) -> bytes:
    return workbook(headers, rows)


# Each import, run as the product runs it, returning True when it refused the file.
def run_units(data, ctx) -> bool:
    return not org_import.import_units(io.BytesIO(data), actor=ctx.admin).written


def run_people(data, ctx) -> bool:
    return not org_import.import_people(io.BytesIO(data), actor=ctx.admin).written


def run_awards(data, ctx) -> bool:
    report = import_awards(data, file_name="../../thử.xlsx", actor=ctx.officer, dry_run=False)
    return report.outcome != "imported"


def run_actuals(data, ctx) -> bool:
    return not movement_import.import_actuals(io.BytesIO(data), actor=ctx.officer).ok


def run_invitations(data, ctx) -> bool:
    return not survey_services.import_invitations(survey=ctx.survey, fileobj=io.BytesIO(data)).ok


IMPORTS = {
    "units": (run_units, org_import.UNIT_COLUMNS),
    "people": (run_people, org_import.PERSON_COLUMNS),
    "awards": (run_awards, AWARD_COLUMNS),
    "actuals": (run_actuals, movement_import.COLUMNS),
    "invitations": (run_invitations, survey_services.INVITATION_COLUMNS),
}


@pytest.fixture
def ctx(org, officer_a, admin_user, person_a):
    movement_services.create_target(
        unit=org.a, year=2019, code="THU_NSNN", name="Thu ngân sách", unit_label="tỷ đồng", planned="108.800"
    )
    survey = survey_services.create_survey(unit=org.root, year=2021, title="CDCI 2021", min_cell_size=2)
    return type("Ctx", (), {"officer": officer_a, "admin": admin_user, "survey": survey, "org": org})


def check(run, data, ctx):
    """The spec of one attempt: no exception; refused → nothing written; accepted → idempotent."""
    before = table_counts()
    refused = run(data, ctx)
    after = table_counts()
    if refused:
        assert after == before, "a refused import wrote rows"
    else:
        run(data, ctx)  # the same file again: accepted as unchanged or refused, never a crash
        assert table_counts() == after, "importing the same file twice wrote rows twice"


@pytest.mark.parametrize("name", IMPORTS)
def test_fuzzed_sheets_never_crash_and_never_write_half(name, ctx):
    run, columns = IMPORTS[name]

    @FUZZ
    @given(sheet=sheets(columns))
    def fuzz(sheet):
        check(run, xlsx_of(*sheet), ctx)

    fuzz()


@pytest.mark.parametrize("name", IMPORTS)
def test_arbitrary_bytes_and_damaged_workbooks_are_refused_cleanly(name, ctx):
    run, columns = IMPORTS[name]
    good = xlsx_of([c.header_vi for c in columns], [["A"] * len(columns)])

    @FUZZ
    @given(
        blob=st.one_of(
            st.binary(max_size=2000),
            st.integers(min_value=1, max_value=len(good) - 1).map(lambda n: good[:n]),  # truncated
            st.tuples(st.integers(min_value=0, max_value=len(good) - 1), st.integers(0, 255)).map(
                lambda p: good[: p[0]] + bytes([p[1]]) + good[p[0] + 1 :]  # one byte changed
            ),
        )
    )
    def fuzz(blob):
        before = table_counts()
        if run(blob, ctx):
            assert table_counts() == before

    fuzz()


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)
POSING = {
    "html": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
    "png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
    "csv": "Mã đơn vị,Tên đơn vị\nA,Chi cục\n".encode(),
    "xls (OLE2)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
    "encrypted": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
    "docx": _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"}),
    "ods": _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
    "empty": b"",
    "xlsx without a sheet": _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"}),
    "xml bomb": _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            b"]><workbook>&c;</workbook>",
        }
    ),
}


@pytest.mark.parametrize("kind", POSING)
@pytest.mark.parametrize("name", IMPORTS)
def test_other_file_types_posing_as_spreadsheets_are_refused(name, kind, ctx):
    run, _ = IMPORTS[name]
    before = table_counts()
    assert run(POSING[kind], ctx) is True
    assert table_counts() == before


MIB = 1024 * 1024


def test_zip_bomb_over_the_compression_ratio_is_refused_before_reading(ctx):
    """One 64 MiB entry of spaces compresses about a thousandfold: refused as suspicious."""
    bomb = _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/worksheets/sheet1.xml": b" " * (64 * MIB)})
    assert len(bomb) < 200_000
    for name, (run, _) in IMPORTS.items():
        before = table_counts()
        assert run(bomb, ctx) is True, name
        assert table_counts() == before


def test_zip_bomb_over_the_uncompressed_total_is_refused(ctx):
    """450 entries of exactly 1 MiB each (under the per-entry ratio check) add up to more than the 400 MiB
    that the largest import limit allows once unpacked."""
    entries = {"[Content_Types].xml": CONTENT_TYPES}
    entries.update({f"xl/media/image{i}.bin": b"\0" * MIB for i in range(450)})
    bomb = _zip(entries)
    assert len(bomb) < 2 * MIB
    from tdkt.core import xlsx

    with pytest.raises(xlsx.SpreadsheetError, match="giải nén quá lớn"):
        xlsx.read_table(bomb, AWARD_COLUMNS, max_bytes=20 * MIB)
    for name, (run, _) in IMPORTS.items():
        before = table_counts()
        assert run(bomb, ctx) is True, name
        assert table_counts() == before


def test_highly_compressible_workbook_under_the_limits_is_read(ctx):
    """A genuine workbook of 3,000 identical rows compresses well but within the limits: it is read (and
    refused for its content only: the units it names are not in scope or the codes repeat)."""
    from tdkt.core import xlsx

    headers = [c.header_vi for c in org_import.UNIT_COLUMNS]
    rows = [["X1", "Đơn vị X", "", "Đội", "A", "01/01/2021", ""]] * 3000
    data = xlsx_of(headers, rows)
    table = xlsx.read_table(data, org_import.UNIT_COLUMNS, max_rows=5000)
    assert len(table.rows) == 3000
    result = org_import.import_units(io.BytesIO(data), actor=ctx.admin)
    assert result.error == "" and result.issues  # per-row problems, not a refused container
    assert not result.written


def test_too_many_zip_entries_are_refused(ctx):
    entries = {"[Content_Types].xml": CONTENT_TYPES}
    entries.update({f"xl/x{i}.xml": b"<x/>" for i in range(1001)})
    run, _ = IMPORTS["units"]
    assert run(_zip(entries), ctx) is True


@pytest.mark.parametrize("name", IMPORTS)
def test_formulas_are_never_imported_as_values(name, ctx):
    """Every cell a formula (its cached result could be anything): the import refuses, naming the cells."""
    run, columns = IMPORTS[name]
    data = xlsx_of([c.header_vi for c in columns], [[f'="A"&{i}' for i in range(len(columns))]])
    before = table_counts()
    assert run(data, ctx) is True
    assert table_counts() == before


@pytest.mark.parametrize("name", IMPORTS)
def test_over_long_cells_are_refused_or_fit(name, ctx):
    """A 32,000-character value in every column: a Vietnamese refusal, never a database error."""
    run, columns = IMPORTS[name]
    data = xlsx_of([c.header_vi for c in columns], [["Đ" * 32_000] * len(columns)])
    before = table_counts()
    assert run(data, ctx) is True
    assert table_counts() == before


@pytest.mark.parametrize("column", [c.key for c in org_import.PERSON_COLUMNS])
def test_one_over_long_cell_in_an_otherwise_valid_person_row(column, ctx):
    """The other columns valid, so the long value is what the import meets at the end."""
    valid = {
        "staff_code": "X-9",
        "full_name": "Lê Văn Dài",
        "family_name": None,
        "middle_name": None,
        "given_name": None,
        "gender": "nam",
        "date_of_birth": "02/03/1990",
        "unit_code": "A1",
        "position": None,
        "since": "01/01/2021",
    }
    valid[column] = "Đ" * 5000
    columns = org_import.PERSON_COLUMNS
    data = xlsx_of([c.header_vi for c in columns], [[valid[c.key] for c in columns]])
    before = table_counts()
    result = org_import.import_people(io.BytesIO(data), actor=ctx.admin)
    if not result.written:
        assert table_counts() == before
    else:  # accepted: the long value was cut to the column's size or was not stored
        assert table_counts()["org.person"] == before["org.person"] + 1


@pytest.mark.parametrize(
    ("text", "expected"), [("Kháng chiến", "khang_chien"), ("<script>", None), ("", None)]
)
def test_award_type_of_any_text_is_a_type_or_none(text, expected):
    """Found by the fuzzing: an unknown "Loại hình" raised KeyError (a server error on the import page) since
    the type "Kháng chiến" had no aliases."""
    from tdkt.awards.importing import _award_type

    assert _award_type(text) == expected
