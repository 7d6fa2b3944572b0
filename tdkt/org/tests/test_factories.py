"""The factories build through the services: what they make is what production writes."""

import pytest

from tdkt.org.tests.factories import AwardFactory, CouncilFactory, PersonFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_factories_make_records_as_the_services_do(org, officer_a):
    person = PersonFactory(unit=org.a, family_name="Đặng", given_name="Hoa")
    assert person.full_name == "Đặng Văn Hoa" and person.sort_key and "dang" in person.search_text
    assert person.memberships.get().unit == org.a
    award = AwardFactory(person=person, year=2024)
    assert (award.kind.code, award.year, award.person) == ("LDTT", 2024, person)
    proposal = ProposalFactory(actor=officer_a, proposing_unit=org.a)
    assert proposal.status == "draft" and proposal.receiving_unit == org.root
    assert proposal.events.count() == 1
    council = CouncilFactory(unit=org.a, actor=officer_a, members=2)
    assert council.members.count() == 2 and council.meetings.count() == 1


def test_a_factory_cannot_build_an_unsaved_record():
    with pytest.raises(NotImplementedError):
        PersonFactory.build()
