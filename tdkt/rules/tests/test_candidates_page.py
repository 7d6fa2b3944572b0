"""A unit's candidates page: one title at the unit's own level by default, paged, people by given name in
Vietnamese order, numbers as 2.909, and the whole-agency list as a background job with progress."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tdkt.org import services as org_services
from tdkt.rules import views

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def people(org):
    made = []
    for family, middle, given, code in [
        ("Nguyễn", "Văn", "Bình", "P-1"),
        ("Trần", "Thị", "Ánh", "P-2"),
        ("Lê", "Văn", "An", "P-3"),
        ("Đặng", "Minh", "Đức", "P-4"),
        ("Bùi", "Thị", "Dung", "P-5"),
    ]:
        made.append(
            org_services.create_person(
                family_name=family,
                middle_name=middle,
                given_name=given,
                gender="nam",
                date_of_birth=date(1985, 1, 1),
                staff_code=code,
                unit=org.a1,
                since=date(2020, 1, 1),
            )
        )
    return made


def _names(page: str) -> list[str]:
    import re

    return re.findall(r'href="/people/\d+/">([^<]+)</a>', page)


def test_default_is_one_title_at_the_units_own_level(org):
    assert views.default_award(org.root) == "CSTDCS"  # a Cục: its head awards CSTĐ cơ sở
    assert views.default_award(org.a) == "LDTT"


def test_people_are_sorted_by_given_name_in_vietnamese_order(as_user, officer_a, people, org):
    page = as_user(officer_a).get(reverse("rules:unit_candidates", args=[org.a.pk]), {"year": 2025})
    assert _names(page.content.decode()) == [
        "Lê Văn An",
        "Trần Thị Ánh",
        "Nguyễn Văn Bình",
        "Bùi Thị Dung",
        "Đặng Minh Đức",
    ]


def test_the_list_is_paged(as_user, officer_a, people, org, monkeypatch):
    monkeypatch.setattr(views, "CANDIDATES_PAGE_SIZE", 2)
    client = as_user(officer_a)
    url = reverse("rules:unit_candidates", args=[org.a.pk])
    first = client.get(url, {"year": 2025}).content.decode()
    assert _names(first) == ["Lê Văn An", "Trần Thị Ánh"]
    assert "Trang 1/3 (5 đối tượng)" in first
    third = client.get(url, {"year": 2025, "page": 3}, HTTP_HX_REQUEST="true").content.decode()
    assert _names(third) == ["Đặng Minh Đức"] and "<html" not in third


def test_counts_are_written_with_thousands_separators(rf, org):
    from types import SimpleNamespace

    group = SimpleNamespace(code="LDTT", name="Lao động tiên tiến", year=2025, counts={"eligible": 2909})
    page = SimpleNamespace(object_list=[], has_other_pages=False)
    report = SimpleNamespace(people=2909, units=1234, review_year=2025, warnings=[])
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string(
        "rules/candidates.html#results",
        {"unit": org.a, "form": views.CandidateFilterForm(), "report": report, "group": group, "page": page},
        request=request,
    )
    assert "2.909 cá nhân và 1.234 tập thể" in html
    assert "Đủ điều kiện: 2.909" in html


def test_the_whole_list_is_a_background_job_with_progress(
    as_user, officer_a, outsider_b, people, org, settings, tmp_path
):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    client = as_user(officer_a)
    page = client.get(reverse("rules:unit_candidates", args=[org.a.pk]), {"year": 2025, "award": "*"})
    body = page.content.decode()
    assert "Lập danh sách đầy đủ" in body and "Lê Văn An" not in body, "nothing judged in the request"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, **kw: fn())
        response = client.post(reverse("rules:unit_candidates_start", args=[org.a.pk]), {"year": 2025})
    assert response.status_code == 302
    progress = client.get(response.url).content.decode()
    assert "Đã lập xong" in progress
    download = client.get(response.url + "download/")
    sheet = openpyxl.load_workbook(BytesIO(b"".join(download.streaming_content))).active
    assert sheet["A1"].value == "DANH SÁCH XÉT KHEN THƯỞNG NĂM 2025"  # the title block, then the table
    assert "Chi cục Hải quan A" in sheet["A2"].value and "Tất cả danh hiệu" in sheet["A2"].value
    rows = list(sheet.iter_rows(values_only=True))[5:]
    awards = {row[1] for row in rows}
    assert {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"} <= awards
    assert any(row[4] == "Lê Văn An" for row in rows)
    # another user cannot follow the job
    client.logout()
    assert as_user(outsider_b).get(response.url).status_code == 404
