"""The home page and the menu per role: each role sees what it may use, staff reach their own awards in one
click, names read in Vietnamese order."""

import re

import pytest
from django.urls import reverse

from conftest import make_user

pytestmark = pytest.mark.django_db


def _nav(body: str) -> str:
    return body.split('id="nav"', 1)[1].split("</nav>", 1)[0]


def _menu_links(body: str) -> set[str]:
    return set(re.findall(r'class="(?:nav-link|dropdown-item)" href="[^"]*">([^<]+)</a>', _nav(body)))


def test_staff_reach_their_awards_in_one_click_from_home(as_user, staff_a, person_a):
    client = as_user(staff_a)
    body = client.get("/").content.decode()
    mine = reverse("rules:person_awards", args=[person_a.pk])
    assert f'href="{mine}">Xem khen thưởng của tôi</a>' in body
    assert client.get(mine).status_code == 200
    assert "Khen thưởng của tôi" in _menu_links(body)


def test_staff_menu_shows_only_what_staff_may_use(as_user, staff_a):
    links = _menu_links(as_user(staff_a).get("/").content.decode())
    # Their own awards, the initiatives anyone may write and the exemplary models shown to all staff.
    assert links - {"Xác thực hai lớp"} == {
        "Tổng quan",
        "Khen thưởng của tôi",
        "Sáng kiến",
        "Điển hình tiên tiến",
        "Trưng bày điển hình tiên tiến",
    }


def test_council_member_menu_leads_to_ballots_not_to_statistics(as_user, org):
    member = make_user("hoidong", role="council", unit=org.root)
    links = _menu_links(as_user(member).get("/").content.decode())
    assert "Phiếu bầu của tôi" in links and "Hội đồng" in links
    assert not links & {"Thống kê", "Đơn vị", "Cá nhân", "Quyết định", "API"}


def test_officer_menu_has_the_whole_workflow(as_user, officer_a):
    links = _menu_links(as_user(officer_a).get("/").content.decode())
    assert {"Đơn vị", "Cá nhân", "Hồ sơ đề nghị", "Hội đồng", "Quyết định", "Thống kê"} <= links


def test_user_menu_names_the_person_in_vietnamese_order(as_user, staff_a):
    staff_a.first_name, staff_a.last_name = "An", "Nguyễn Văn"
    staff_a.save()
    body = as_user(staff_a).get("/").content.decode()
    assert "Nguyễn Văn An" in _nav(body)
    assert "An Nguyễn Văn" not in body


def test_menu_for_combines_roles():
    from tdkt.portal.context_processors import menu_for

    assert menu_for({"staff"}, has_person=True) == {"mine", "initiatives", "exemplars"}
    assert "reports" in menu_for({"staff", "union"}, has_person=False)
