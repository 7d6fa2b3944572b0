"""The initiative council's members by field (issue 16, item 3): members are tagged with the fields they are
expert in, and for an application the council proposes its members of the application's field (members with
no field sit for every field)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import login
from tdkt.initiatives import selectors, services
from tdkt.initiatives.models import MemberField

pytestmark = pytest.mark.django_db


def _seat(council, staff_code):
    return council.members.get(person__staff_code=staff_code)


def test_the_council_proposes_its_members_of_the_applications_field(council, officer_a, team_lead):
    it_expert = _seat(council, "A-021")
    customs_expert = council.members.get(person=team_lead)
    services.set_member_fields(member=it_expert, fields=["cntt"], actor=officer_a)
    services.set_member_fields(member=customs_expert, fields=["nghiep_vu", "chong_buon_lau"], actor=officer_a)
    rows = selectors.members_for_field(council, "nghiep_vu", date(2025, 6, 1))
    proposed = {r["member"].pk: r["matches"] for r in rows if r["proposed"]}
    chair = council.members.get(role="chu_tich")
    assert proposed == {customs_expert.pk: True, chair.pk: False}  # the chair has no field: every field
    assert rows[0]["member"] == customs_expert  # members of the field first
    assert it_expert.pk not in proposed
    # replacing the fields
    services.set_member_fields(member=it_expert, fields=["nghiep_vu"], actor=officer_a)
    assert list(MemberField.objects.filter(member=it_expert).values_list("field", flat=True)) == ["nghiep_vu"]


def test_bad_fields_and_outsiders_are_refused(council, officer_a, outsider_b):
    seat = _seat(council, "A-021")
    with pytest.raises(ValidationError, match="Lĩnh vực không hợp lệ"):
        services.set_member_fields(member=seat, fields=["thien_van"], actor=officer_a)
    with pytest.raises(PermissionDenied):
        services.set_member_fields(member=seat, fields=["cntt"], actor=outsider_b)
    assert not MemberField.objects.exists()


def test_the_application_page_shows_the_proposed_members(client, draft, officer_a, council, team_lead):
    services.set_member_fields(member=council.members.get(person=team_lead), fields=["nghiep_vu"])
    services.set_member_fields(member=_seat(council, "A-021"), fields=["cntt"])
    services.submit(initiative=draft, actor=officer_a)
    services.screen(initiative=draft, actor=officer_a)
    login(client, officer_a)
    page = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    block = page.split(f'id="proposed-{council.pk}"')[1].split("</div>")[0]
    assert team_lead.full_name in block and "đúng lĩnh vực" in block
    assert "Hoàng Văn Em" not in block  # an IT expert is not proposed for a customs application


def test_the_fields_page_tags_a_member_and_is_404_for_outsiders(client, council, officer_a, outsider_b):
    seat = _seat(council, "A-021")
    url = reverse("initiatives:council_fields", args=[council.pk])
    login(client, officer_a)
    assert "Hoàng Văn Em" in client.get(url).content.decode()
    client.post(url, {"member": seat.pk, "fields": ["cntt", "cchc"]})
    assert sorted(MemberField.objects.filter(member=seat).values_list("field", flat=True)) == ["cchc", "cntt"]
    client.logout()
    login(client, outsider_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {"member": seat.pk, "fields": ["khac"]}).status_code == 404
