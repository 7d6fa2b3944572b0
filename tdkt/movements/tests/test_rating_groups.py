"""The HTXS cap per group with similar tasks (NĐ 335/2025: "trong cùng cơ quan và nhóm có chức năng, nhiệm vụ
tương tự") as well as per unit: groups set by the unit's officers, the cap applied inside each group before
the whole unit, warnings naming the group on the ratings page and through the API."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import login
from tdkt.movements import services
from tdkt.movements.models import AnnualRating, RatingGroup, RatingGroupMember
from tdkt.org import services as org_services

pytestmark = pytest.mark.django_db
GIVEN = ["Anh", "Bình", "Chi", "Dũng", "Đào", "Giang", "Hà", "Khánh", "Lan", "Minh"]


@pytest.fixture
def staff(org):
    return [
        org_services.create_person(
            family_name="Lê",
            middle_name="Văn",
            given_name=name,
            gender="nam",
            staff_code=f"G{i:02d}",
            unit=org.a1,
            since=date(2020, 1, 1),
        )  # fmt: skip
        for i, name in enumerate(GIVEN)
    ]


def _scores(org, staff, points):
    for person, p in zip(staff, points, strict=True):
        services.record_period_score(person=person, unit=org.a1, year=2025, period=1, points=p)


def test_the_cap_applies_inside_the_group_before_the_unit(org, staff):
    # ten people at HTT or above: the unit allows 2 HTXS. The five of "Đội kiểm soát" allow 1 (20 % of 5),
    # so of its two at 95 and 92 only the first stays HTXS, although the unit as a whole would allow both.
    _scores(org, staff, [95, 92, 80, 80, 80, 91, 80, 80, 80, 80])
    control = services.create_rating_group(unit=org.a1, name="Đội kiểm soát")
    services.set_rating_group_members(group=control, people=staff[:5])
    rows = {r.person.given_name: r for r in services.roll_up_ratings(unit=org.a1, year=2025)}
    assert rows["Anh"].value == "HTXS" and rows["Anh"].group == control
    assert (rows["Bình"].value, rows["Bình"].capped, rows["Bình"].capped_in) == ("HTT", True, "group")
    assert rows["Giang"].value == "HTXS" and rows["Giang"].group is None  # not in a group: the unit's cap
    # without the group the unit's cap alone keeps both 95 and 92 (and lowers 91)
    services.delete_rating_group(group=control)
    rows = {r.person.given_name: r for r in services.roll_up_ratings(unit=org.a1, year=2025)}
    assert rows["Bình"].value == "HTXS"
    assert (rows["Giang"].value, rows["Giang"].capped_in) == ("HTT", "unit")


def test_the_check_names_the_group_over_its_cap(org, staff):
    _scores(org, staff, [95, 92, 80, 80, 80, 91, 80, 80, 80, 80])
    control = services.create_rating_group(unit=org.a1, name="Đội kiểm soát")
    services.set_rating_group_members(group=control, people=staff[:5])
    checks = services.htxs_cap_check(unit=org.a1, year=2025)
    assert [(c.scope, c.name, c.base, c.allowed, c.excellent, c.over) for c in checks] == [
        ("group", "Đội kiểm soát", 5, 1, 2, 1),
        ("unit", org.a1.name, 10, 2, 3, 1),
    ]
    assert not AnnualRating.objects.exists()  # the check writes nothing


def test_groups_are_checked(org, staff, person_b, officer_a, outsider_b):
    group = services.create_rating_group(unit=org.a1, name="Đội kiểm soát")
    with pytest.raises(ValidationError, match="đã có nhóm"):
        services.create_rating_group(unit=org.a1, name="đội kiểm soát")
    with pytest.raises(ValidationError, match="Nhập tên nhóm"):
        services.create_rating_group(unit=org.a1, name="  ")
    with pytest.raises(ValidationError, match="Không công tác tại đơn vị"):
        services.set_rating_group_members(group=group, people=[staff[0], person_b])
    assert not RatingGroupMember.objects.exists()
    with pytest.raises(PermissionDenied):
        services.create_rating_group(unit=org.a1, name="Nhóm khác", actor=outsider_b)
    # a person moves from one group of the unit to another; the database keeps one group per unit
    other = services.create_rating_group(unit=org.a1, name="Đội nghiệp vụ")
    services.set_rating_group_members(group=group, people=staff[:2])
    services.set_rating_group_members(group=other, people=[staff[1]])
    assert list(group.members.values_list("person_id", flat=True)) == [staff[0].pk]
    assert list(other.members.values_list("person_id", flat=True)) == [staff[1].pk]


def test_members_may_have_left_since_the_year_being_rated(client, org, staff, officer_a, monkeypatch):
    """The year-end roll-up comes in January, when some of the year's staff have left: a person who worked in
    the unit last year, or in the year the page rates, may be put in a group; one who never did may not."""
    leaver = staff[9]
    org_services.end_membership(membership=leaver.memberships.get(), on=date(2025, 10, 1))
    group = services.create_rating_group(unit=org.a1, name="Đội kiểm soát")
    monkeypatch.setattr(services, "_today", lambda: date(2026, 1, 12))
    services.set_rating_group_members(group=group, people=[staff[0], leaver])  # left last year
    assert group.members.count() == 2
    monkeypatch.setattr(services, "_today", lambda: date(2027, 2, 1))
    with pytest.raises(ValidationError, match="Không công tác tại đơn vị trong năm 2026, 2027: Lê Văn Minh"):
        services.set_rating_group_members(group=group, people=[staff[0], leaver])
    assert group.members.count() == 2  # nothing written
    services.set_rating_group_members(group=group, people=[staff[0], leaver], year=2025)  # rating 2025
    assert set(group.members.values_list("person_id", flat=True)) == {staff[0].pk, leaver.pk}
    # the API takes the year being rated too
    login(client, officer_a)
    url = reverse("rating-group-members", args=[group.pk])
    refused = client.post(url, {"members": [leaver.pk]}, content_type="application/json")
    assert refused.status_code == 400 and "Lê Văn Minh" in str(refused.json())
    taken = client.post(url, {"members": [leaver.pk], "year": 2025}, content_type="application/json")
    assert taken.status_code == 200 and [m["person"] for m in taken.json()["members"]] == [leaver.pk]


def test_the_ratings_page_sets_groups_and_warns(client, org, staff, officer_a, outsider_b):
    _scores(org, staff, [95, 92, 80, 80, 80, 91, 80, 80, 80, 80])
    login(client, officer_a)
    url = reverse("movements:ratings", args=[org.a1.pk])
    response = client.post(
        reverse("movements:rating_group_save", args=[org.a1.pk]),
        {"year": 2025, "name": "Đội kiểm soát", "staff_codes": "G00, G01\nG02 G03,G04"},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã lưu nhóm «Đội kiểm soát»" in html
    assert RatingGroup.objects.get(unit=org.a1).members.count() == 5
    assert "Nhóm «Đội kiểm soát»: 2 người đạt HTXS theo điểm, tối đa 1" in html
    bad = client.post(
        reverse("movements:rating_group_save", args=[org.a1.pk]),
        {"year": 2025, "name": "Nhóm lạ", "staff_codes": "G00, KHONG-CO"},
        follow=True,
    ).content.decode()
    assert "Không tìm thấy cán bộ có mã: KHONG-CO" in bad and RatingGroup.objects.count() == 1
    client.post(reverse("movements:ratings_roll_up", args=[org.a1.pk]), {"year": 2025})
    html = client.get(url, {"year": 2025}).content.decode()
    assert "vượt tỷ lệ HTXS của nhóm «Đội kiểm soát»" in html
    login(client, outsider_b)
    assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("movements:rating_group_save", args=[org.a1.pk]), {"name": "X", "staff_codes": ""}
        ).status_code
        == 404
    )


def test_editing_a_group_on_the_page_renames_it_and_replaces_its_members(client, org, staff, officer_a):
    group = services.create_rating_group(unit=org.a1, name="Đội kiểm soát", people=staff[:3])
    services.create_rating_group(unit=org.a1, name="Tổ hồ sơ", people=staff[5:6])
    login(client, officer_a)
    save = reverse("movements:rating_group_save", args=[org.a1.pk])
    html = client.post(
        save,
        {"year": 2025, "group": group.pk, "name": "Đội kiểm soát số 1", "staff_codes": "G03 G04"},
        follow=True,
    ).content.decode()
    group.refresh_from_db()
    assert "Đã lưu nhóm «Đội kiểm soát số 1»" in html and group.name == "Đội kiểm soát số 1"
    assert sorted(m.person.staff_code for m in group.members.all()) == ["G03", "G04"]
    taken = client.post(
        save, {"year": 2025, "group": group.pk, "name": "tổ hồ sơ", "staff_codes": "G03"}, follow=True
    ).content.decode()
    group.refresh_from_db()
    assert "Đơn vị đã có nhóm «tổ hồ sơ»" in taken and group.name == "Đội kiểm soát số 1"
    assert group.members.count() == 2  # nothing half-written


def test_the_api_sets_groups_and_reports_the_cap(client, org, staff, officer_a, outsider_b):
    json = "application/json"
    _scores(org, staff, [95, 92, 80, 80, 80, 91, 80, 80, 80, 80])
    login(client, officer_a)
    created = client.post(
        reverse("rating-group-list"),
        {"unit": org.a1.pk, "name": "Đội kiểm soát", "members": [p.pk for p in staff[:5]]},
        content_type=json,
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["name"] == "Đội kiểm soát" and len(body["members"]) == 5
    checks = client.get(reverse("annual-rating-cap-check"), {"unit": org.a1.pk, "year": 2025}).json()
    assert checks[0] == {
        "scope": "group",
        "name": "Đội kiểm soát",
        "base": 5,
        "allowed": 1,
        "excellent": 2,
        "over": 1,
    }
    moved = client.post(
        reverse("rating-group-members", args=[body["id"]]), {"members": [staff[0].pk]}, content_type=json
    )
    assert moved.status_code == 200 and [m["person"] for m in moved.json()["members"]] == [staff[0].pk]
    rows = client.post(
        reverse("annual-rating-roll-up"), {"unit": org.a1.pk, "year": 2025}, content_type=json
    ).json()
    anh = next(r for r in rows if r["person"] == staff[0].pk)
    # alone in his group: 20 % of one rounds down to none, so the group's cap lowers him (floor rounding)
    assert (anh["group_name"], anh["value"], anh["capped_in"]) == ("Đội kiểm soát", "HTT", "group")
    login(client, outsider_b)
    assert client.get(reverse("rating-group-list")).json()["results"] == []
    assert (
        client.get(reverse("annual-rating-cap-check"), {"unit": org.a1.pk, "year": 2025}).status_code == 404
    )
