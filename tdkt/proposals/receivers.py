"""Signal receivers: council ballots decide candidates; changed facts refresh the verdicts of open dossiers.

Facts (awards, ratings, disciplines, initiative authorship, unit results) change rarely compared to reads,
and most subjects have no open candidacy: each receiver asks one indexed query for the open candidacies
of the subject and returns at once when there are none. The verdicts found are marked stale
(`verdict_at = NULL`) and re-run straight away; if the engine fails they stay marked, and the dossier
page offers "Kiểm tra lại điều kiện".
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save

from tdkt.awards.models import Award, Discipline, Rating, Recognition, RecognitionAuthor, UnitResult
from tdkt.proposals import services
from tdkt.proposals.models import Candidate
from tdkt.proposals.permissions import OPEN_STATUSES

logger = logging.getLogger(__name__)


def on_ballot_closed(sender, ballot, **kwargs) -> None:

    target = getattr(ballot, "target", "") or ""
    if not target.startswith(services.CANDIDATE_TARGET):
        return
    try:
        candidate_id = int(target.removeprefix(services.CANDIDATE_TARGET))
    except ValueError:
        logger.warning("ballot %s has a malformed target %r", ballot.pk, target)
        return
    services.record_ballot_result(candidate_id=candidate_id, passed=bool(ballot.passed))


def refresh_open_candidacies(*, person_ids=(), unit_ids=()) -> int:

    person_ids = [p for p in person_ids if p]
    unit_ids = [u for u in unit_ids if u]
    if not person_ids and not unit_ids:
        return 0
    open_ones = Candidate.objects.filter(proposal__status__in=OPEN_STATUSES)
    found = []
    if person_ids:
        found += list(open_ones.filter(person_id__in=person_ids))
    if unit_ids:
        found += list(open_ones.filter(unit_id__in=unit_ids))
    if not found:
        return 0
    Candidate.objects.filter(pk__in=[c.pk for c in found]).update(verdict_at=None)
    try:
        return services.refresh_candidates(found)
    except Exception:  # a fact write must not fail because a verdict could not be recomputed
        logger.exception("could not refresh the verdicts of candidates %s", [c.pk for c in found])
        return 0


def _on_subject_fact(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    refresh_open_candidacies(
        person_ids=[getattr(instance, "person_id", None)], unit_ids=[getattr(instance, "unit_id", None)]
    )


def _on_person_fact(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    refresh_open_candidacies(person_ids=[instance.person_id])


def _on_recognition(sender, instance, **kwargs) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return

    ids = list(
        RecognitionAuthor.objects.filter(recognition_id=instance.pk).values_list("person_id", flat=True)
    )
    refresh_open_candidacies(person_ids=ids)


def connect() -> None:

    for signal in (post_save, post_delete):
        signal.connect(_on_subject_fact, sender=Award, dispatch_uid=f"proposals-award-{signal is post_save}")
        signal.connect(
            _on_subject_fact, sender=UnitResult, dispatch_uid=f"proposals-unitresult-{signal is post_save}"
        )
        for model in (Rating, Discipline, RecognitionAuthor):
            signal.connect(
                _on_person_fact,
                sender=model,
                dispatch_uid=f"proposals-{model.__name__}-{signal is post_save}",
            )
    post_save.connect(_on_recognition, sender=Recognition, dispatch_uid="proposals-recognition")
    try:
        from tdkt.councils.signals import ballot_closed  # lazy: the councils app may be absent
    except ImportError:  # the councils app is not there yet
        logger.info("tdkt.councils.signals not available; ballots will not decide candidates")
        return
    ballot_closed.connect(on_ballot_closed, dispatch_uid="proposals-ballot-closed")
