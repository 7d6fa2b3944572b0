"""Fixtures of the initiative specs, on the tree of the root conftest (HQ ← A ← A1, and B).

- `author` (person_a, staff of team A1, with the account `staff_a`) and `coauthor` (Lê Văn Cường, A1);
- `team_lead`: Đội trưởng of A1 (the authors' direct superior), who sits on the council;
- the initiative council of A (`council`): chair `chair` (Phạm Thị Dung), members `member` (Hoàng Văn Em)
  and `team_lead`, each with an account;
- `officer_a` is the TĐKT office of A; `officer_hq` is the level above; `union_a` the trade-union observer;
- `outsider_b` sees nothing.
"""

from datetime import date

import pytest

from conftest import make_user
from tdkt.councils import services as council_services
from tdkt.councils.models import Council
from tdkt.initiatives import services
from tdkt.org import services as org_services
from tdkt.org.models import Position

START = date(2020, 1, 1)


def _person(family, middle, given, unit, code, position=None, gender="nam"):
    return org_services.create_person(
        family_name=family,
        middle_name=middle,
        given_name=given,
        gender=gender,
        staff_code=code,
        unit=unit,
        position=position,
        since=START,
    )


@pytest.fixture
def positions(db):
    lead, _ = Position.objects.get_or_create(
        code="doi_truong", defaults={"name": "Đội trưởng", "grade": 40, "is_leadership": True}
    )
    staff, _ = Position.objects.get_or_create(
        code="cong_chuc", defaults={"name": "Công chức", "grade": 10, "is_leadership": False}
    )
    return type("Positions", (), {"lead": lead, "staff": staff})


@pytest.fixture
def author(person_a, staff_a):
    return person_a


@pytest.fixture
def coauthor(org, positions):
    return _person("Lê", "Văn", "Cường", org.a1, "A-002", positions.staff)


@pytest.fixture
def team_lead(org, positions):
    person = _person("Vũ", "Thị", "Giang", org.a1, "A-010", positions.lead, gender="nu")
    person.user = make_user("lead_a1")
    person.save()
    return person


@pytest.fixture
def officer_hq(org):
    return make_user("officer_hq", role="officer", unit=org.root)


@pytest.fixture
def union_a(org):
    return make_user("union_a", role="union", unit=org.a)


@pytest.fixture
def council(org, officer_a, team_lead):
    council = council_services.create_council(
        name="Hội đồng sáng kiến Chi cục A", kind=Council.Kind.INITIATIVE, unit=org.a, actor=officer_a
    )
    chair = _person("Phạm", "Thị", "Dung", org.a, "A-020", gender="nu")
    chair.user = make_user("chair_a")
    chair.save()
    member = _person("Hoàng", "Văn", "Em", org.a, "A-021")
    member.user = make_user("member_a")
    member.save()
    council_services.add_member(council=council, person=chair, role="chu_tich", term_from=START)
    council_services.add_member(council=council, person=member, role="uy_vien", term_from=START)
    council_services.add_member(council=council, person=team_lead, role="uy_vien", term_from=START)
    return council


@pytest.fixture
def chair(council):
    return council.members.get(role="chu_tich").user


@pytest.fixture
def member(council):
    return council.members.get(person__staff_code="A-021").user


FULL = {
    "description": "Lập bảng kiểm tra tự động các trường dữ liệu của tờ khai trước khi phân luồng.",
    "conditions": "Máy tính có kết nối hệ thống VNACCS.",
    "benefits_by_authors": "Giảm 30 % thời gian kiểm tra hồ sơ.",
    "benefits_by_participants": "Công chức Đội A1 xác nhận giảm sai sót.",
    "first_participants": "Đội Nghiệp vụ A1",
    "first_applied_on": date(2025, 3, 1),
}


@pytest.fixture
def draft(org, officer_a, author, coauthor):
    return services.create_initiative(
        actor=officer_a,
        unit=org.a,
        title="Giải pháp kiểm tra tự động tờ khai hải quan trước khi phân luồng",
        field="nghiep_vu",
        authors=[(author, 60), (coauthor, 40)],
        **FULL,
    )


@pytest.fixture
def in_council(draft, officer_a, council):
    services.submit(initiative=draft, actor=officer_a)
    services.screen(initiative=draft, actor=officer_a)
    services.send_to_council(initiative=draft, actor=officer_a, council=council, opened_on=date(2025, 6, 1))
    return draft


GOOD = {"tinh_moi": 8, "kha_nang_ap_dung": 8, "hieu_qua": 7, "pham_vi": 6}


@pytest.fixture
def recognised(in_council, chair, officer_a):
    """The application of `draft`, scored by the chair and recognised by the office of A."""
    review = in_council.reviews.get()
    services.score(review=review, actor=chair, points=GOOD)
    services.close_review(review=review, actor=officer_a)
    return services.recognise(
        initiative=in_council, actor=officer_a, decision_date=date(2025, 7, 1), signer_name="Nguyễn Văn Hùng"
    )
