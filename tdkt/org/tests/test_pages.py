"""The organisation pages, as a TĐKT officer of unit A (officer_a) and others use them.

Personas come from the root conftest: officer_a and leader_a on Chi cục A, outsider_b on Chi cục B,
admin_user for everything, staff_a who sees only their own record.
"""

import re
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse

from tdkt.org import services
from tdkt.org.models import Person, Position, UnitKind

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def html(response) -> str:
    return response.content.decode()


def text_order(page: str, *names: str) -> list[int]:
    return [page.index(name) for name in names]


# Every page: who may open it, and how ------------------------------------------------------------

UNIT_PAGES = ["org:unit_detail", "org:unit_edit", "org:unit_audit"]
PERSON_PAGES = ["org:person_detail", "org:person_edit", "org:person_audit"]
LIST_PAGES = [
    "org:unit_tree",
    "org:restructuring_history",
    "org:person_list",
    "org:person_export",
    "org:unit_export",
]
GET_ONLY = ["org:unit_detail", "org:unit_audit", "org:person_detail", "org:person_audit", *LIST_PAGES]


def url_for(name, org, person_a):
    if name in UNIT_PAGES:
        return reverse(name, args=[org.a.pk])
    if name in PERSON_PAGES:
        return reverse(name, args=[person_a.pk])
    return reverse(name)


@pytest.mark.parametrize("name", UNIT_PAGES + PERSON_PAGES + LIST_PAGES)
def test_every_page_works_for_officer_a(name, as_user, officer_a, org, person_a):
    response = as_user(officer_a).get(url_for(name, org, person_a))
    assert response.status_code == 200


@pytest.mark.parametrize("name", UNIT_PAGES + PERSON_PAGES)
def test_outsider_b_gets_404_on_objects_of_unit_a(name, as_user, outsider_b, org, person_a):
    response = as_user(outsider_b).get(url_for(name, org, person_a))
    assert response.status_code == 404


@pytest.mark.parametrize("name", UNIT_PAGES + PERSON_PAGES + LIST_PAGES)
def test_anonymous_is_sent_to_log_in(name, client, org, person_a):
    response = client.get(url_for(name, org, person_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize("name", GET_ONLY)
def test_post_to_a_read_only_page_is_405(name, as_user, officer_a, org, person_a):
    assert as_user(officer_a).post(url_for(name, org, person_a)).status_code == 405


@pytest.mark.parametrize("name", ["org:unit_edit", "org:person_edit"])
def test_edit_pages_take_only_get_and_post(name, as_user, officer_a, org, person_a):
    assert as_user(officer_a).delete(url_for(name, org, person_a)).status_code == 405


def test_outsider_b_sees_nothing_of_a_in_lists(as_user, outsider_b, org, person_a, person_b):
    client = as_user(outsider_b)
    tree = html(client.get(reverse("org:unit_tree")))
    assert "Chi cục Hải quan B" in tree and "Chi cục Hải quan A" not in tree
    people = html(client.get(reverse("org:person_list")))
    assert "Trần Thị Bình" in people and "Nguyễn Văn An" not in people


def test_leader_reads_but_cannot_edit(as_user, leader_a, org, person_a):
    client = as_user(leader_a)
    assert client.get(reverse("org:person_detail", args=[person_a.pk])).status_code == 200
    assert client.get(reverse("org:person_edit", args=[person_a.pk])).status_code == 404
    assert client.get(reverse("org:unit_edit", args=[org.a.pk])).status_code == 404


def test_staff_member_sees_only_their_own_record(as_user, staff_a, org, person_a, person_b):
    client = as_user(staff_a)
    assert client.get(reverse("org:person_detail", args=[person_a.pk])).status_code == 200
    assert client.get(reverse("org:person_detail", args=[person_b.pk])).status_code == 404
    assert client.get(reverse("org:person_edit", args=[person_a.pk])).status_code == 404


def test_pages_have_no_inline_script_or_style(as_user, officer_a, org, person_a):
    client = as_user(officer_a)
    for name in [
        "org:unit_tree",
        "org:unit_detail",
        "org:unit_edit",
        "org:person_list",
        "org:person_detail",
        "org:person_edit",
        "org:restructuring_history",
    ]:
        page = html(client.get(url_for(name, org, person_a)))
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), name
        assert "style=" not in page, name


# The unit tree on a date --------------------------------------------------------------------------


def test_tree_shows_units_nested_with_kind_and_links(as_user, officer_a, org):
    page = html(as_user(officer_a).get(reverse("org:unit_tree")))
    assert "Chi cục Hải quan A" in page and "Đội Nghiệp vụ A1" in page
    assert reverse("org:unit_detail", args=[org.a1.pk]) in page
    assert "Chi cục" in page and "Đội" in page  # kind badges
    assert "Cục Hải quan<" not in page  # the department is outside officer_a's scope
    assert "01/01/2024" in page and "hôm nay" in page


def test_tree_nests_children_inside_their_parent_and_escapes_names(as_user, officer_a, org):
    services.rename_unit(unit=org.a1, name="Đội <b>A1</b> & kho", on=date(2024, 6, 1))
    page = html(as_user(officer_a).get(reverse("org:unit_tree")))
    a, a1 = reverse("org:unit_detail", args=[org.a.pk]), reverse("org:unit_detail", args=[org.a1.pk])
    parent = page.index(f'href="{a}"')
    child = page.index(f'href="{a1}"')
    assert parent < page.index("<ul>", parent) < child, "the team is listed inside its Chi cục's item"
    assert page.index("</li>", parent) > child
    assert "Đội &lt;b&gt;A1&lt;/b&gt; &amp; kho" in page and "<b>A1</b>" not in page


def test_tree_as_of_2019_and_2026_shows_the_old_and_new_name(as_user, admin_user):
    old = services.create_unit(
        code="HQHP",
        name="Cục Hải quan Hải Phòng",
        kind=UnitKind.DEPARTMENT,
        parent=None,
        valid_from=date(2010, 1, 1),
    )
    services.rename_unit(
        unit=old, name="Chi cục Hải quan khu vực III", on=date(2025, 3, 1), decision="382/QĐ-BTC"
    )
    client = as_user(admin_user)
    in_2019 = html(client.get(reverse("org:unit_tree"), {"on": "01/06/2019"}))
    in_2026 = html(client.get(reverse("org:unit_tree"), {"on": "2026-01-01"}))
    assert "Cục Hải quan Hải Phòng" in in_2019 and "khu vực III" not in in_2019
    assert "Chi cục Hải quan khu vực III" in in_2026 and "Hải Phòng" not in in_2026
    assert "trước đợt sắp xếp tổ chức ngày 01/03/2025" in in_2019
    assert "382/QĐ-BTC" in in_2019
    assert "đợt sắp xếp tổ chức gần nhất ngày 01/03/2025" in in_2026


def test_tree_rename_seen_by_officer_a(as_user, officer_a, org):
    services.rename_unit(unit=org.a, name="Chi cục Hải quan khu vực A", on=date(2025, 3, 1))
    client = as_user(officer_a)
    assert "Chi cục Hải quan A<" in html(client.get(reverse("org:unit_tree"), {"on": "01/01/2024"}))
    assert "Chi cục Hải quan khu vực A" in html(client.get(reverse("org:unit_tree")))


def test_tree_date_form_updates_only_the_fragment_with_htmx(as_user, officer_a, org):
    response = as_user(officer_a).get(reverse("org:unit_tree"), {"on": "01/01/2024"}, **HTMX)
    page = html(response)
    assert "<html" not in page and "Đội Nghiệp vụ A1" in page
    assert 'value="01/01/2024"' in page
    assert "HX-Request" in response["Vary"]


def test_tree_rejects_a_bad_date_in_vietnamese(as_user, officer_a, org):
    page = html(as_user(officer_a).get(reverse("org:unit_tree"), {"on": "31/02/2024"}))
    assert "dd/mm/yyyy" in page and "Ngày không hợp lệ" in page
    assert "Chi cục Hải quan A" in page  # today's tree is still shown


def test_tree_before_the_units_existed_is_empty(as_user, officer_a, org):
    page = html(as_user(officer_a).get(reverse("org:unit_tree"), {"on": "01/01/2019"}))
    assert "Không có đơn vị nào" in page


# Restructuring history -----------------------------------------------------------------------------


def merge_a_and_b(org):
    return services.merge_units(
        units=[org.a, org.b],
        into=services.NewUnit(code="C", name="Chi cục Hải quan khu vực C", kind=UnitKind.SUB_DEPARTMENT),
        parent=org.root,
        on=date(2025, 3, 1),
        decision="25/QĐ-TCHQ",
    )


def test_history_after_a_merge_lists_predecessors_and_successor(as_user, officer_a, org):
    merge_a_and_b(org)
    services.rename_unit(unit=org.root, name="Cục Hải quan (mới)", on=date(2025, 6, 1))
    page = html(as_user(officer_a).get(reverse("org:restructuring_history")))
    assert "Sáp nhập, hợp nhất" in page and "01/03/2025" in page and "25/QĐ-TCHQ" in page
    assert "Chi cục Hải quan A" in page and "Chi cục Hải quan khu vực C" in page
    assert "Cục Hải quan (mới)" not in page  # a rename outside officer_a's scope
    assert reverse("org:unit_detail", args=[org.a.pk]) in page


def test_history_filters_by_year_and_kind(as_user, officer_a, org):
    merge_a_and_b(org)
    client = as_user(officer_a)
    assert "25/QĐ-TCHQ" in html(client.get(reverse("org:restructuring_history"), {"year": 2025}))
    assert "25/QĐ-TCHQ" not in html(client.get(reverse("org:restructuring_history"), {"year": 2024}))
    assert "25/QĐ-TCHQ" not in html(client.get(reverse("org:restructuring_history"), {"kind": "split"}))
    page = html(client.get(reverse("org:restructuring_history"), {"kind": "merge"}, **HTMX))
    assert "<html" not in page and "25/QĐ-TCHQ" in page


# A unit ---------------------------------------------------------------------------------------------


def test_unit_detail_shows_history_events_children_people_and_tabs(as_user, officer_a, org, person_a):
    services.rename_unit(unit=org.a, name="Chi cục Hải quan khu vực A", on=date(2025, 3, 1), decision="1/QĐ")
    page = html(as_user(officer_a).get(reverse("org:unit_detail", args=[org.a.pk])))
    assert "Chi cục Hải quan khu vực A" in page and "Chi cục Hải quan A" in page  # both names in history
    assert "01/03/2025" in page and "Đổi tên" in page
    assert "Đội Nghiệp vụ A1" in page  # sub-unit today
    assert "Nguyễn Văn An" in page and "(1)" in page  # people in the subtree, with the count
    assert reverse("org:unit_audit", args=[org.a.pk]) in page
    assert reverse("org:unit_edit", args=[org.a.pk]) in page


def test_ended_unit_links_to_its_current_successor(as_user, admin_user, org):
    successor = merge_a_and_b(org)
    page = html(as_user(admin_user).get(reverse("org:unit_detail", args=[org.a.pk])))
    assert "Đơn vị kế tục hiện nay" in page
    assert reverse("org:unit_detail", args=[successor.pk]) in page


def test_rename_unit_from_a_date_with_decision(as_user, officer_a, org):
    client = as_user(officer_a)
    response = client.post(
        reverse("org:unit_edit", args=[org.a.pk]),
        {
            "mode": "rename",
            "name": "Chi cục Hải quan khu vực A",
            "short_name": "",
            "on": "01/03/2025",
            "decision": "382/QĐ-BTC",
            "lock_version": org.a.lock_version,
        },
    )
    assert response.status_code == 302
    org.a.refresh_from_db()
    assert org.a.name == "Chi cục Hải quan khu vực A"
    assert [v.name for v in org.a.versions.order_by("valid_from")] == [
        "Chi cục Hải quan A",
        "Chi cục Hải quan khu vực A",
    ]


def test_correct_a_typo_in_the_current_name(as_user, officer_a, org):
    response = as_user(officer_a).post(
        reverse("org:unit_edit", args=[org.a.pk]),
        {
            "mode": "correct",
            "name": "Chi cục Hải quan cửa khẩu A",
            "short_name": "CCHQ A",
            "lock_version": org.a.lock_version,
        },
    )
    assert response.status_code == 302
    org.a.refresh_from_db()
    assert org.a.name == "Chi cục Hải quan cửa khẩu A" and org.a.versions.count() == 1


def test_rename_errors_are_shown_on_the_form(as_user, officer_a, org):
    client = as_user(officer_a)
    url = reverse("org:unit_edit", args=[org.a.pk])
    missing_date = client.post(url, {"mode": "rename", "name": "Tên mới", "lock_version": org.a.lock_version})
    assert "Hãy nhập ngày tên mới có hiệu lực" in html(missing_date)
    too_early = client.post(
        url, {"mode": "rename", "name": "Tên mới", "on": "01/01/2020", "lock_version": org.a.lock_version}
    )
    assert too_early.status_code == 200
    assert "phải sau 01/01/2020" in html(too_early) and 'value="Tên mới"' in html(too_early)


def test_concurrent_unit_edit_keeps_the_first_and_explains(as_user, officer_a, org):
    client = as_user(officer_a)
    url = reverse("org:unit_edit", args=[org.a.pk])
    version = org.a.lock_version
    first = client.post(url, {"mode": "correct", "name": "Tên thứ nhất", "lock_version": version})
    second = client.post(url, {"mode": "correct", "name": "Tên thứ hai", "lock_version": version})
    assert first.status_code == 302 and second.status_code == 200
    assert "Dữ liệu đã được người khác sửa" in html(second) and 'value="Tên thứ hai"' in html(second)
    org.a.refresh_from_db()
    assert org.a.name == "Tên thứ nhất"


def test_unit_audit_lists_changes_of_the_unit_and_its_names(as_user, officer_a, org):
    services.rename_unit(unit=org.a, name="Chi cục Hải quan khu vực A", on=date(2025, 3, 1))
    response = as_user(officer_a).get(reverse("org:unit_audit", args=[org.a.pk]), **HTMX)
    page = html(response)
    assert "<html" not in page
    assert "Chi cục Hải quan khu vực A" in page and "Phiên bản đơn vị" in page


# People: search and list -----------------------------------------------------------------------------


@pytest.fixture
def team(org, person_a):
    """People of unit A whose family names run against their given names."""
    make = services.create_person
    return [
        person_a,  # Nguyễn Văn An
        make(
            family_name="Lê",
            middle_name="Văn",
            given_name="Cường",
            gender="nam",
            unit=org.a,
            since=date(2020, 1, 1),
        ),
        make(
            family_name="Đặng",
            middle_name="Thị",
            given_name="Đào",
            gender="nu",
            unit=org.a1,
            since=date(2020, 1, 1),
            date_of_birth=date(1992, 5, 17),
        ),
        make(
            family_name="Vũ",
            middle_name="Thị",
            given_name="Bình",
            gender="nu",
            unit=org.a,
            since=date(2020, 1, 1),
        ),
    ]


def test_search_ignores_diacritics(as_user, officer_a, team):
    page = html(as_user(officer_a).get(reverse("org:person_list"), {"q": "nguyen van an"}))
    assert "Nguyễn Văn An" in page and "Lê Văn Cường" not in page


def test_search_matches_d_for_đ(as_user, officer_a, team):
    client = as_user(officer_a)
    for query in ["dang dao", "Đặng Đào", "DANG"]:
        page = html(client.get(reverse("org:person_list"), {"q": query}))
        assert "Đặng Thị Đào" in page and "Nguyễn Văn An" not in page, query


def test_search_by_staff_code(as_user, officer_a, team):
    assert "Nguyễn Văn An" in html(as_user(officer_a).get(reverse("org:person_list"), {"q": "a-001"}))


def test_list_is_sorted_by_given_name_in_vietnamese_order(as_user, officer_a, team):
    page = html(as_user(officer_a).get(reverse("org:person_list")))
    order = text_order(page, "Nguyễn Văn An", "Vũ Thị Bình", "Lê Văn Cường", "Đặng Thị Đào")
    assert order == sorted(order)


def test_list_shows_birth_date_code_unit_and_position(as_user, officer_a, org, person_a):
    chief = Position.objects.create(code="doi-truong", name="Đội trưởng", grade=5, is_leadership=True)
    services.add_membership(person=person_a, unit=org.a1, position=chief, valid_from=date(2024, 1, 1))
    page = html(as_user(officer_a).get(reverse("org:person_list")))
    assert "12/04/1985" in page and "A-001" in page and "Đội Nghiệp vụ A1" in page and "Đội trưởng" in page


def test_list_filters_by_unit_subtree_gender_and_birth_year(as_user, officer_a, org, team):
    client = as_user(officer_a)
    in_a1 = html(client.get(reverse("org:person_list"), {"unit": org.a1.pk}))
    assert "Nguyễn Văn An" in in_a1 and "Đặng Thị Đào" in in_a1 and "Lê Văn Cường" not in in_a1
    in_a = html(client.get(reverse("org:person_list"), {"unit": org.a.pk}))
    assert "Nguyễn Văn An" in in_a and "Lê Văn Cường" in in_a  # A1 is under A
    women = html(client.get(reverse("org:person_list"), {"gender": "nu"}))
    assert "Đặng Thị Đào" in women and "Nguyễn Văn An" not in women
    born = html(client.get(reverse("org:person_list"), {"born_from": 1990, "born_to": 1995}))
    assert "Đặng Thị Đào" in born and "Nguyễn Văn An" not in born


def test_typing_updates_only_the_results_fragment(as_user, officer_a, team):
    client = as_user(officer_a)
    full = html(client.get(reverse("org:person_list")))
    assert 'hx-trigger="input changed delay:300ms, search"' in full
    fragment = html(client.get(reverse("org:person_list"), {"q": "cuong"}, **HTMX))
    assert "<html" not in fragment and "Lê Văn Cường" in fragment and "Nguyễn Văn An" not in fragment
    assert reverse("org:person_export") + "?q=cuong" in fragment


def test_list_is_paginated_by_50(as_user, officer_a, org):
    for i in range(55):
        services.create_person(
            family_name="Phạm",
            middle_name="Văn",
            given_name=f"Người{i:02d}",
            gender="nam",
            unit=org.a1,
            since=date(2020, 1, 1),
        )
    client = as_user(officer_a)
    first = html(client.get(reverse("org:person_list")))
    assert (
        len(re.findall(r'href="/people/\d+/"', first)) == 50
        and "Trang 1/2" in first
        and "55 cá nhân" in first
    )
    second = html(client.get(reverse("org:person_list"), {"page": 2}))
    assert len(re.findall(r'href="/people/\d+/"', second)) == 5


def many_people(org, n=35):
    position = Position.objects.create(code="cong-chuc", name="Công chức")
    for i in range(n):
        services.create_person(
            family_name="Trần",
            middle_name="Văn",
            given_name=f"Tên{i:02d}",
            gender="nam",
            staff_code=f"Q-{i:03d}",
            unit=org.a1 if i % 2 else org.a,
            position=position,
            since=date(2020, 1, 1),
        )


def test_person_list_query_count_does_not_grow_with_people(
    as_user, officer_a, org, django_assert_max_num_queries
):
    many_people(org)
    client = as_user(officer_a)
    client.get(reverse("org:person_list"))  # warm caches (content types, sessions)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("org:person_list"))
    assert html(response).count("Công chức") == 35
    with django_assert_max_num_queries(13):
        client.get(reverse("org:person_list"), {"unit": org.a.pk, "q": "tran"})


def test_unit_tree_query_count(as_user, officer_a, org, django_assert_max_num_queries):
    many_people(org)
    for i in range(30):
        services.create_unit(
            code=f"A1-{i:02d}",
            name=f"Tổ {i:02d}",
            kind=UnitKind.GROUP,
            parent=org.a1,
            valid_from=date(2021, 1, 1),
        )
    client = as_user(officer_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("org:unit_tree"))
    assert "Tổ 29" in html(response)


def test_unit_detail_query_count(as_user, officer_a, org, django_assert_max_num_queries):
    many_people(org)
    client = as_user(officer_a)
    client.get(reverse("org:unit_detail", args=[org.a.pk]))
    with django_assert_max_num_queries(19):
        response = client.get(reverse("org:unit_detail", args=[org.a.pk]))
    assert "(35)" in html(response)


# Exports ---------------------------------------------------------------------------------------------


def workbook_rows(response) -> list[tuple]:
    import openpyxl

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = openpyxl.load_workbook(BytesIO(response.content))
    return [tuple(cell for cell in row) for row in book.active.iter_rows(values_only=True)]


def flat(rows) -> str:
    return " | ".join(str(c) for row in rows for c in row if c is not None)


def test_person_export_has_the_filtered_rows(as_user, officer_a, team, person_b):
    client = as_user(officer_a)
    everything = flat(workbook_rows(client.get(reverse("org:person_export"))))
    assert (
        "Nguyễn Văn An" in everything and "Đặng Thị Đào" in everything and "Chi cục Hải quan A" in everything
    )
    assert "Trần Thị Bình" not in everything  # person_b is in unit B
    filtered = flat(workbook_rows(client.get(reverse("org:person_export"), {"q": "dang"})))
    assert "Đặng Thị Đào" in filtered and "Nguyễn Văn An" not in filtered


def test_person_export_stops_at_the_row_limit_and_says_so(as_user, officer_a, team, person_b, monkeypatch):
    """A ministry-wide export would hold a worker for minutes: it stops at the limit, says how many matched and
    asks for a narrower filter; below the limit nothing is said."""
    client = as_user(officer_a)
    full = workbook_rows(client.get(reverse("org:person_export")))
    assert not any("hãy lọc hẹp hơn" in str(c) for row in full for c in row)
    people = [row for row in full if row and isinstance(row[0], int)]
    assert len(people) >= 3
    monkeypatch.setattr("tdkt.core.xlsx.EXPORT_MAX_ROWS", 2)
    cut = workbook_rows(client.get(reverse("org:person_export")))
    assert [row for row in cut if row and isinstance(row[0], int)] == people[:2], (
        "the first rows, in list order"
    )
    assert f"Tệp chỉ gồm 2 trong {len(people)} cá nhân khớp bộ lọc; hãy lọc hẹp hơn để có đủ." in flat(cut)


def test_unit_export_has_the_visible_units(as_user, officer_a, org):
    rows = flat(workbook_rows(as_user(officer_a).get(reverse("org:unit_export"))))
    assert "Chi cục Hải quan A" in rows and "Đội Nghiệp vụ A1" in rows
    assert "Chi cục Hải quan B" not in rows


def test_exports_are_closed_to_anonymous_and_scoped_for_outsiders(client, as_user, outsider_b, org, person_a):
    assert client.get(reverse("org:person_export")).status_code == 302
    rows = flat(workbook_rows(as_user(outsider_b).get(reverse("org:person_export"))))
    assert "Nguyễn Văn An" not in rows


# A person ---------------------------------------------------------------------------------------------


def test_person_detail_shows_data_memberships_with_names_then_and_tabs(as_user, officer_a, org, person_a):
    services.add_membership(person=person_a, unit=org.a, position=None, valid_from=date(2023, 7, 1))
    services.rename_unit(unit=org.a1, name="Đội Kiểm soát A1", on=date(2022, 1, 1))
    page = html(as_user(officer_a).get(reverse("org:person_detail", args=[person_a.pk])))
    assert "Nguyễn Văn An" in page and "12/04/1985" in page and "A-001" in page
    assert "Đội Nghiệp vụ A1" in page and "nay là: Đội Kiểm soát A1" in page  # name at the time, and now
    assert "01/07/2023" in page and "hiện nay" in page
    assert reverse("org:person_audit", args=[person_a.pk]) in page and "Nhật ký" in page


def test_other_apps_can_add_a_person_tab(as_user, officer_a, person_a, monkeypatch):
    from tdkt.org import views

    monkeypatch.setattr(views, "PERSON_TABS", [*views.PERSON_TABS, ("Khen thưởng", "org:person_audit")])
    page = html(as_user(officer_a).get(reverse("org:person_detail", args=[person_a.pk])))
    assert "Khen thưởng" in page


def edit_data(person, **changes):
    data = {
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "gender": person.gender,
        "date_of_birth": "12/04/1985",
        "staff_code": person.staff_code or "",
        "lock_version": person.lock_version,
    }
    return {**data, **changes}


def test_edit_a_person(as_user, officer_a, person_a):
    client = as_user(officer_a)
    form = html(client.get(reverse("org:person_edit", args=[person_a.pk])))
    assert f'name="lock_version" value="{person_a.lock_version}"' in form and 'value="12/04/1985"' in form
    response = client.post(
        reverse("org:person_edit", args=[person_a.pk]),
        edit_data(person_a, given_name="Ân", date_of_birth="13/04/1985"),
    )
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert person_a.full_name == "Nguyễn Văn Ân" and person_a.date_of_birth == date(1985, 4, 13)
    audit = html(client.get(reverse("org:person_audit", args=[person_a.pk]), **HTMX))
    assert "Nguyễn Văn Ân" in audit and "<html" not in audit


def test_concurrent_edit_of_a_person(as_user, officer_a, person_a):
    """Two forms opened with the same lock_version: the second save is refused with a Vietnamese message,
    the first one's data stays, and what the second user typed is still in their form."""
    client = as_user(officer_a)
    url = reverse("org:person_edit", args=[person_a.pk])
    first = client.post(url, edit_data(person_a, middle_name="Văn Thứ Nhất"))
    second = client.post(url, edit_data(person_a, middle_name="Văn Thứ Hai"))
    assert first.status_code == 302
    assert second.status_code == 200
    assert "Dữ liệu đã được người khác sửa sau khi bạn mở trang" in html(second)
    assert 'value="Văn Thứ Hai"' in html(second)  # nothing the user typed is lost
    assert "Nguyễn Văn Thứ Nhất An" in html(second)  # and the saved data is shown
    person_a.refresh_from_db()
    assert person_a.middle_name == "Văn Thứ Nhất"


def test_after_a_conflict_saving_again_is_a_deliberate_overwrite(as_user, officer_a, person_a):
    client = as_user(officer_a)
    url = reverse("org:person_edit", args=[person_a.pk])
    client.post(url, edit_data(person_a, middle_name="Một"))
    second = html(client.post(url, edit_data(person_a, middle_name="Hai")))
    version = re.search(r'name="lock_version" value="(\d+)"', second).group(1)
    again = client.post(url, edit_data(person_a, middle_name="Hai", lock_version=version))
    assert again.status_code == 302
    person_a.refresh_from_db()
    assert person_a.middle_name == "Hai"


def test_person_validation_errors_are_shown(as_user, officer_a, person_a, person_b):
    client = as_user(officer_a)
    url = reverse("org:person_edit", args=[person_a.pk])
    bad_date = html(client.post(url, edit_data(person_a, date_of_birth="31/02/1985")))
    assert "Ngày không hợp lệ" in bad_date
    taken = client.post(url, edit_data(person_a, staff_code="B-001"))
    assert taken.status_code == 200
    person_a.refresh_from_db()
    assert person_a.staff_code == "A-001"
    assert Person.objects.filter(staff_code="B-001").count() == 1
