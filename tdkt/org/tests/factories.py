"""factory_boy factories for the main models, built through the services (so every derived field, event
and constraint is what production writes): `PersonFactory(unit=org.a)`, `AwardFactory(person=p)`,
`ProposalFactory(actor=officer, proposing_unit=org.a)`, `CouncilFactory(unit=org.a, actor=officer)`.

They live with org (the lowest domain app) and import the other apps lazily, so any app's tests may use
them; tests may cross layers (see .importlinter)."""

from __future__ import annotations

from datetime import date, datetime

import factory
from django.utils import timezone


class _ServiceFactory(factory.Factory):
    """A factory whose `_create` calls a service with keyword arguments."""

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("built through the services only: use create()")


class PersonFactory(_ServiceFactory):
    class Meta:
        model = dict

    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Sequence(lambda n: f"Người {n}")
    gender = "nam"
    date_of_birth = date(1985, 1, 1)
    staff_code = factory.Sequence(lambda n: f"F-{n:05d}")
    unit = None
    since = date(2020, 1, 1)

    @classmethod
    def _create(cls, model_class, **kwargs):
        from tdkt.org import services

        return services.create_person(**kwargs)


class AwardFactory(_ServiceFactory):
    """An award in the history (a manual record), Lao động tiên tiến by default."""

    class Meta:
        model = dict

    code = "LDTT"
    year = factory.Sequence(lambda n: 2000 + n % 25)
    person = None
    unit = None
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-F")

    @classmethod
    def _create(cls, model_class, code, **kwargs):
        from tdkt.awards import services
        from tdkt.awards.models import AwardKind

        return services.record_award(kind=AwardKind.objects.get(code=code), **kwargs)


class ProposalFactory(_ServiceFactory):
    """A draft dossier for Lao động tiên tiến; `actor` must be an officer or leader of `proposing_unit`."""

    class Meta:
        model = dict

    actor = None
    proposing_unit = None
    title = factory.Sequence(lambda n: f"Đề nghị khen thưởng số {n}")
    award = "LDTT"
    year = 2025
    deadline = None

    @classmethod
    def _create(cls, model_class, award, **kwargs):
        from tdkt.awards.models import AwardKind
        from tdkt.proposals import services

        return services.create_proposal(award_kind=AwardKind.objects.get(code=award), **kwargs)


class CouncilFactory(_ServiceFactory):
    """A council of `unit` with `members` seats (each with an account and a person) and one planned meeting."""

    class Meta:
        model = dict

    unit = None
    actor = None
    name = factory.Sequence(lambda n: f"Hội đồng Thi đua – Khen thưởng {n}")
    members = 3
    meeting_at = factory.LazyFunction(lambda: timezone.make_aware(datetime(2026, 3, 10, 8, 0)))

    @classmethod
    def _create(cls, model_class, unit, actor, name, members, meeting_at):
        from conftest import make_user
        from tdkt.councils import services

        council = services.create_council(name=name, kind="tdkt", unit=unit, actor=actor)
        for _seat in range(members):
            person = PersonFactory(unit=unit)
            services.add_member(
                council=council,
                person=person,
                role="uy_vien",
                term_from=date(2020, 1, 1),
                user=make_user(f"hd-{council.pk}-{person.pk}"),
            )
        services.schedule_meeting(council=council, title=f"Phiên họp của {name}", held_at=meeting_at)
        return council
