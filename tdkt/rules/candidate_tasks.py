"""Background job: the whole-agency candidate list (every title and form) as an .xlsx, with progress.

Judging every person of a Cục for every title takes seconds to minutes, too long for a request. The page
starts `build_candidate_list`, which the worker (`tdkt db_worker`, started by `make run`) runs one title or
form at a time, writing its progress after each, then the spreadsheet. Each award's verdicts are stored
as they are judged (`services.refresh_candidates`), so the unit's page for any award answers from them. State lives beside the result in
the default storage (`candidates/<token>.json` and `.xlsx`), so no table is needed; the token is random and
the state names the user who asked, whom alone the progress page serves.
"""

from __future__ import annotations

import json
import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from tdkt.core.xlsx import export_heading, write_table
from tdkt.org.models import Unit
from tdkt.rules import selectors, services
from tdkt.rules.model import PERSON
from tdkt.rules.rulesets import AWARD_NAMES
from tdkt.rules.templatetags.eligibility import VERDICT_LABELS

logger = logging.getLogger(__name__)
FOLDER = "candidates"


def codes() -> list[str]:

    return list(dict.fromkeys(services.PERSON_CODES + services.UNIT_CODES))


def headers() -> list[str]:
    return [
        _("STT"),
        _("Danh hiệu, hình thức"),
        _("Năm xét"),
        _("Đối tượng"),
        _("Họ và tên / tên tập thể"),
        _("Đơn vị"),
        _("Kết quả"),
        _("Còn thiếu"),
        _("Sớm nhất có thể"),
        _("Bộ quy tắc"),
    ]


def rows_of(groups, start: int = 0) -> list[list]:
    """The spreadsheet rows of some candidate groups (numbered from `start` + 1)."""

    rows = []
    for group in groups:
        for candidate in group.candidates:
            verdict = candidate.verdict
            rows.append(
                [
                    start + len(rows) + 1,
                    group.name,
                    group.year,
                    _("Cá nhân") if candidate.kind == PERSON else _("Tập thể"),
                    candidate.name,
                    candidate.unit_name,
                    str(VERDICT_LABELS[verdict.verdict]),
                    "\n".join(verdict.missing),
                    verdict.earliest_year,
                    verdict.rule_set,
                ]
            )
    return rows


def _path(token: str, ext: str) -> str:
    return f"{FOLDER}/{token}.{ext}"


def read_state(token: str) -> dict | None:
    if not token.isalnum() or not default_storage.exists(_path(token, "json")):
        return None
    with default_storage.open(_path(token, "json"), "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


def _write_state(token: str, state: dict) -> None:
    path = _path(token, "json")
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(json.dumps(state, ensure_ascii=False).encode("utf-8")))


def result_file(token: str):
    return default_storage.open(_path(token, "xlsx"), "rb")


@task()
def build_candidate_list(token: str) -> int:
    """Judge every title and form for the unit of the job; returns the number of rows written."""

    state = read_state(token)
    if state is None or state["status"] == "done":
        return 0
    unit = Unit.objects.get(pk=state["unit_id"])
    all_codes = codes()
    state.update(status="running", total=len(all_codes), done=0, error="")
    _write_state(token, state)
    rows: list[list] = []
    try:
        for done, code in enumerate(all_codes, start=1):
            # judged and stored: the unit's page for this award is then served from the stored rows
            snapshot = services.refresh_candidates(unit=unit, year=state["year"], award_code=code)
            group = services.CandidateGroup(code, AWARD_NAMES[code], snapshot.engine_year, snapshot.rule_set)
            group.candidates = selectors.as_candidates(
                snapshot, selectors.candidate_rows(snapshot, state.get("verdict") or None)
            )
            rows.extend(rows_of([group], start=len(rows)))
            state.update(done=done, rows=len(rows))
            _write_state(token, state)
        title = _("Danh sách xét khen thưởng năm %(year)s") % {"year": state["year"]}
        filters = [
            _("Đơn vị: %(unit)s") % {"unit": unit.name},
            _("Năm đánh giá: %(year)s") % {"year": state["year"]},
            _("Tất cả danh hiệu, hình thức"),
        ]
        if state.get("verdict"):
            verdict = state["verdict"]
            filters.append(_("Kết quả: %(verdict)s") % {"verdict": VERDICT_LABELS.get(verdict, verdict)})
        heading = export_heading(title.upper(), filters)
        default_storage.save(
            _path(token, "xlsx"), ContentFile(write_table(headers(), rows, title, heading=heading))
        )
        state.update(status="done")
        _write_state(token, state)
    except Exception as exc:
        logger.exception("Candidate list %s failed", token)
        state.update(status="failed", error=f"{type(exc).__name__}: {exc}"[:500])
        _write_state(token, state)
        raise
    return len(rows)


def start(*, unit, year: int, verdict: str | None, user) -> str:
    """Queue the whole list of `unit` for `year`; returns the job's token."""
    token = secrets.token_hex(16)
    _write_state(
        token,
        {
            "status": "queued",
            "unit_id": unit.pk,
            "unit_name": unit.name,
            "unit_code": unit.code,
            "year": year,
            "verdict": verdict or "",
            "user_id": user.pk,
            "total": len(codes()),
            "done": 0,
            "rows": 0,
            "error": "",
        },
    )

    def send():
        try:
            build_candidate_list.enqueue(token)
        except Exception as exc:  # an immediate backend runs the job here; its failure is in the state
            logger.warning("Candidate list %s: %s", token, exc)

    transaction.on_commit(send)
    return token
