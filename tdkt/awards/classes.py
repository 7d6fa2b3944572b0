"""Who an award went to, as the statistical forms count it (0602/0603.N/BNV-TĐKT).

A collective's award counts as a collective (tập thể) unless recorded otherwise (an enterprise or a
household). A person's award counts by the most senior post the person held in the year of the
achievement: the grade of the post decides the class. The thresholds are a reading of the forms' rows
against this agency's posts, not a text of the law (confidence U): change `GRADE_CLASSES` if the reporting
office classifies otherwise. A person with no membership that year has no class, and the forms list the
award as incomplete rather than guess.

`fill_report_dimensions` works on any pair of Award/Membership model classes, so the data migration that
introduced the fields uses it on the historical models.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q

# (lowest grade, class) for leadership posts, most senior first. See tdkt/demo/org_data.py POSITIONS.
GRADE_CLASSES = [(90, "lanh_dao_bo"), (70, "lanh_dao_vu"), (30, "lanh_dao_khac")]
COLLECTIVE, WORKER = "tap_the", "truc_tiep"
STATE_LEVEL, MINISTRY_BODY = "nha_nuoc", "bo_nganh"
BATCH = 2000


def class_for_post(grade: int | None, is_leadership: bool) -> str:
    if grade is not None and is_leadership:
        for lowest, cls in GRADE_CLASSES:
            if grade >= lowest:
                return cls
    return WORKER


def person_classes(membership_model, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The class of each (person id, year): the most senior post held at any time in that year."""
    wanted: dict[int, set[int]] = {}
    for person_id, year in pairs:
        wanted.setdefault(person_id, set()).add(year)
    best: dict[tuple[int, int], tuple[int, str]] = {}
    ids = list(wanted)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = membership_model.objects.filter(person_id__in=chunk).values_list(
            "person_id", "valid_from", "valid_to", "position__grade", "position__is_leadership"
        )
        for person_id, valid_from, valid_to, grade, leader in rows:
            for year in wanted[person_id]:
                if valid_from > date(year, 12, 31) or (valid_to is not None and valid_to < date(year, 1, 1)):
                    continue
                cls = class_for_post(grade, bool(leader))
                rank = (grade or 0) if leader else -1
                key = (person_id, year)
                if key not in best or rank > best[key][0]:
                    best[key] = (rank, cls)
    return {key: cls for key, (_rank, cls) in best.items()}


def defaults_for(membership_model, *, kind_level: str, person_id: int | None, year: int) -> dict:
    """The report dimensions of a new award, derived from its subject and the catalogue."""
    if person_id is None:
        recipient = COLLECTIVE
    else:
        recipient = person_classes(membership_model, [(person_id, year)]).get((person_id, year), "")
    return {
        "recipient_class": recipient,
        "submitting_body": MINISTRY_BODY if kind_level == STATE_LEVEL else "",
    }


def fill_report_dimensions(award_model, membership_model, awards=None) -> int:
    """Fill the blank dimensions of existing awards where they can be derived; return how many changed.

    Recorded values are never overwritten: only blank fields are filled."""
    awards = award_model.objects.all() if awards is None else awards
    missing = awards.filter(
        Q(recipient_class="") | Q(submitting_body="", kind__level=STATE_LEVEL)
    ).values_list("id", "person_id", "year", "kind__level", "recipient_class", "submitting_body")
    changed = 0
    rows = list(missing.iterator(chunk_size=BATCH))
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        classes = person_classes(membership_model, [(p, y) for _i, p, y, _l, rc, _s in chunk if p and not rc])
        updates = []
        for award_id, person_id, year, level, recipient, body in chunk:
            new_recipient = recipient or (
                COLLECTIVE if person_id is None else classes.get((person_id, year), "")
            )
            new_body = body or (MINISTRY_BODY if level == STATE_LEVEL else "")
            if (new_recipient, new_body) != (recipient, body):
                updates.append(
                    award_model(id=award_id, recipient_class=new_recipient, submitting_body=new_body)
                )
        award_model.objects.bulk_update(updates, ["recipient_class", "submitting_body"], batch_size=500)
        changed += len(updates)
    return changed
