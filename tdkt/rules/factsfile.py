"""Read and strictly validate an eligibility facts file (see docs/eligibility.md).

Every problem raises `FactsError(path, message)`, where `path` names the place in the file in the form
`subjects[3].ratings["2024"]`. Fields that the format does not describe are errors; only `expect` and `note`
on a question are ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tdkt.rules.model import (
    AWARD_CODES,
    AWARD_TYPES,
    COLLECTIVE,
    COLLECTIVE_TITLES,
    DISCIPLINE_LEVELS,
    FORMS,
    INDIVIDUAL_TITLES,
    INITIATIVE_KINDS,
    INITIATIVE_SCOPES,
    LEAVE_KINDS,
    MEMBER_COUNT_FIELDS,
    PERSON,
    RATINGS,
    REVIEW_KINDS,
    SUBJECT_KINDS,
    AwardRecord,
    ClusterRecord,
    DisciplineRecord,
    InitiativeRecord,
    LeaveRecord,
    MemberCounts,
    PositionRecord,
    Question,
    ReviewRecord,
    SubjectFacts,
    TitleRecord,
    Vote,
)
from tdkt.rules.rulesets import check_parameter

MIN_YEAR, MAX_YEAR = 1945, 2100
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_POSITION_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_COMMON_SUBJECT_FIELDS = {"id", "kind", "name", "titles", "awards", "votes", "under_review"}
_SUBJECT_FIELDS = {
    PERSON: _COMMON_SUBJECT_FIELDS | {"ratings", "initiatives", "discipline", "positions", "leaves"},
    COLLECTIVE: _COMMON_SUBJECT_FIELDS | {"task_results", "member_counts", "cluster_results"},
}
_TITLES_BY_KIND = {PERSON: INDIVIDUAL_TITLES, COLLECTIVE: COLLECTIVE_TITLES}


class FactsError(ValueError):
    """A problem in a facts file, with the place where it is."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class FactsFile:
    parameters: dict[str, Any]
    subjects: dict[str, SubjectFacts]
    questions: list[Question]


# --- entry points --------------------------------------------------------------------------------------


def load_facts(path: str | Path) -> FactsFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError("", f"không đọc được tệp {path}: {exc}") from exc
    return parse_facts_text(text)


def parse_facts_text(text: str) -> FactsFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FactsError("", f"JSON không hợp lệ tại dòng {exc.lineno}, cột {exc.colno}: {exc.msg}") from exc
    return parse_facts(data)


def parse_facts(data: Any) -> FactsFile:
    root = _object(data, "")
    _fields(root, "", allowed={"parameters", "subjects", "questions"}, required={"subjects", "questions"})
    parameters = _parameters(root.get("parameters", {}), "parameters")
    subjects = _subjects(root["subjects"], "subjects")
    questions = [
        _question(q, f"questions[{i}]", subjects) for i, q in enumerate(_list(root["questions"], "questions"))
    ]
    return FactsFile(parameters, subjects, questions)


# --- generic checks ----------------------------------------------------------------------------------


def _at(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _object(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise FactsError(path, "phải là một đối tượng JSON ({...})")
    return value


def _list(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise FactsError(path, "phải là một danh sách JSON ([...])")
    return value


def _fields(obj: dict, path: str, allowed: set[str], required: set[str]) -> None:
    for name in obj:
        if name not in allowed:
            raise FactsError(_at(path, name), f'trường "{name}" không có trong định dạng tệp dữ kiện')
    for name in sorted(required - obj.keys()):
        raise FactsError(_at(path, name), "thiếu trường bắt buộc")


def _text(value: Any, path: str, allow_empty: bool = True) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise FactsError(path, "phải là một chuỗi ký tự" + ("" if allow_empty else " không rỗng"))
    return value


def _optional_text(value: Any, path: str) -> str | None:
    return None if value is None else _text(value, path)


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise FactsError(path, "phải là true hoặc false")
    return value


def _count(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FactsError(
            path, f"phải là số nguyên không âm, nhận được {json.dumps(value, ensure_ascii=False)}"
        )
    return value


def _year(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FactsError(path, f"năm phải là một số, nhận được {json.dumps(value, ensure_ascii=False)}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise FactsError(path, f"năm {value} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    return value


def _year_key(key: str, path: str) -> int:
    if not key.isdigit():
        raise FactsError(path, f'năm "{key}" không phải là một số')
    return _year(int(key), path)


def _code(value: Any, path: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        shown = json.dumps(value, ensure_ascii=False)
        raise FactsError(path, f"{what} {shown} không hợp lệ; chỉ nhận một trong {', '.join(allowed)}")
    return value


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise FactsError(
            path, f"ngày phải có dạng YYYY-MM-DD, nhận được {json.dumps(value, ensure_ascii=False)}"
        )
    try:
        parsed = date.fromisoformat(value)
    except ValueError as exc:
        raise FactsError(path, f'ngày "{value}" không tồn tại') from exc
    _year(parsed.year, path)
    return parsed


def _by_year(value: Any, path: str, parse) -> dict[int, Any]:
    return {
        _year_key(key, f'{path}["{key}"]'): parse(item, f'{path}["{key}"]')
        for key, item in _object(value, path).items()
    }


def _records(value: Any, path: str, parse) -> tuple:
    return tuple(
        parse(_object(item, f"{path}[{i}]"), f"{path}[{i}]") for i, item in enumerate(_list(value, path))
    )


# --- parameters ------------------------------------------------------------------------------------------


def _parameters(value: Any, path: str) -> dict[str, Any]:
    params = _object(value, path)
    for key, item in params.items():
        problem = check_parameter(key, item)
        if problem:
            raise FactsError(f'{path}["{key}"]', problem)
    return dict(params)


# --- subjects ------------------------------------------------------------------------------------------------


def _subjects(value: Any, path: str) -> dict[str, SubjectFacts]:
    subjects: dict[str, SubjectFacts] = {}
    for i, item in enumerate(_list(value, path)):
        subject = _subject(_object(item, f"{path}[{i}]"), f"{path}[{i}]")
        if subject.id in subjects:
            raise FactsError(f"{path}[{i}].id", f'mã đối tượng "{subject.id}" bị trùng')
        subjects[subject.id] = subject
    return subjects


def _subject(obj: dict, path: str) -> SubjectFacts:
    if "kind" not in obj:
        raise FactsError(_at(path, "kind"), "thiếu trường bắt buộc")
    kind = _code(obj["kind"], _at(path, "kind"), SUBJECT_KINDS, "loại đối tượng")
    _fields(obj, path, allowed=_SUBJECT_FIELDS[kind], required={"id", "kind"})
    titles = _TITLES_BY_KIND[kind]
    return SubjectFacts(
        id=_text(obj["id"], _at(path, "id"), allow_empty=False),
        kind=kind,
        name=_text(obj.get("name", ""), _at(path, "name")),
        ratings=_by_year(obj.get("ratings", {}), _at(path, "ratings"), _rating),
        task_results=_by_year(obj.get("task_results", {}), _at(path, "task_results"), _rating),
        member_counts=_by_year(obj.get("member_counts", {}), _at(path, "member_counts"), _member_counts),
        titles=_records(obj.get("titles", []), _at(path, "titles"), lambda o, p: _title(o, p, titles)),
        awards=_records(obj.get("awards", []), _at(path, "awards"), _award),
        initiatives=_records(obj.get("initiatives", []), _at(path, "initiatives"), _initiative),
        discipline=_records(obj.get("discipline", []), _at(path, "discipline"), _discipline),
        positions=_records(obj.get("positions", []), _at(path, "positions"), _position),
        votes=_votes(obj.get("votes", {}), _at(path, "votes")),
        under_review=_records(obj.get("under_review", []), _at(path, "under_review"), _review),
        leaves=_records(obj.get("leaves", []), _at(path, "leaves"), _leave),
        cluster_results=_by_year(obj.get("cluster_results", {}), _at(path, "cluster_results"), _cluster),
    )


def _rating(value: Any, path: str) -> str:
    return _code(value, path, RATINGS, "xếp loại")


def _member_counts(value: Any, path: str) -> MemberCounts:
    obj = _object(value, path)
    _fields(obj, path, allowed=set(MEMBER_COUNT_FIELDS), required={"total", "LDTT"})
    counts = {name: _count(obj.get(name, 0), _at(path, name)) for name in MEMBER_COUNT_FIELDS}
    if counts["total"] == 0:
        raise FactsError(_at(path, "total"), "tổng số thành viên phải lớn hơn 0")
    for name in MEMBER_COUNT_FIELDS[1:]:
        if counts[name] > counts["total"]:
            raise FactsError(
                _at(path, name), f"{counts[name]} lớn hơn tổng số thành viên ({counts['total']})"
            )
    return MemberCounts(**counts)


def _title(obj: dict, path: str, allowed: tuple[str, ...]) -> TitleRecord:
    _fields(obj, path, allowed={"code", "year", "revoked", "decision", "date"}, required={"code", "year"})
    return TitleRecord(
        code=_code(obj["code"], _at(path, "code"), allowed, "mã danh hiệu"),
        year=_year(obj["year"], _at(path, "year")),
        revoked=_bool(obj.get("revoked", False), _at(path, "revoked")),
        decision=_optional_text(obj.get("decision"), _at(path, "decision")),
        date=None if obj.get("date") is None else _date(obj["date"], _at(path, "date")),
    )


def _award(obj: dict, path: str) -> AwardRecord:
    _fields(
        obj,
        path,
        allowed={"code", "date", "decision", "type", "revoked", "period"},
        required={"code", "date"},
    )
    period_from, period_to = _period(obj.get("period"), _at(path, "period"))
    decided = _date(obj["date"], _at(path, "date"))
    if period_to is not None and period_to > decided.year:
        raise FactsError(
            _at(path, "period"),
            f"thời gian thành tích kết thúc năm {period_to}, sau năm quyết định {decided.year}",
        )
    return AwardRecord(
        code=_code(obj["code"], _at(path, "code"), FORMS, "mã hình thức khen thưởng"),
        date=decided,
        decision=_optional_text(obj.get("decision"), _at(path, "decision")),
        type=_code(obj.get("type", "cong_trang"), _at(path, "type"), AWARD_TYPES, "loại hình khen thưởng"),
        revoked=_bool(obj.get("revoked", False), _at(path, "revoked")),
        period_from=period_from,
        period_to=period_to,
    )


def _period(value: Any, path: str) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    obj = _object(value, path)
    _fields(obj, path, allowed={"from", "to"}, required={"from", "to"})
    first, last = _year(obj["from"], _at(path, "from")), _year(obj["to"], _at(path, "to"))
    if last < first:
        raise FactsError(_at(path, "to"), f"năm kết thúc {last} trước năm bắt đầu {first}")
    return first, last


def _review(obj: dict, path: str) -> ReviewRecord:
    _fields(obj, path, allowed={"from", "to", "kind"}, required={"from", "kind"})
    start = _date(obj["from"], _at(path, "from"))
    end = None if obj.get("to") is None else _date(obj["to"], _at(path, "to"))
    if end is not None and end < start:
        raise FactsError(_at(path, "to"), "ngày kết thúc trước ngày bắt đầu")
    return ReviewRecord(start, end, _code(obj["kind"], _at(path, "kind"), REVIEW_KINDS, "loại xem xét"))


def _leave(obj: dict, path: str) -> LeaveRecord:
    _fields(obj, path, allowed={"from", "to", "kind"}, required={"from", "to", "kind"})
    start, end = _date(obj["from"], _at(path, "from")), _date(obj["to"], _at(path, "to"))
    if end < start:
        raise FactsError(_at(path, "to"), "ngày kết thúc trước ngày bắt đầu")
    return LeaveRecord(start, end, _code(obj["kind"], _at(path, "kind"), LEAVE_KINDS, "loại nghỉ"))


def _cluster(value: Any, path: str) -> ClusterRecord:
    obj = _object(value, path)
    _fields(obj, path, allowed={"cluster", "rank", "members", "leading"}, required={"leading"})
    rank = None if obj.get("rank") is None else _count(obj["rank"], _at(path, "rank"))
    members = None if obj.get("members") is None else _count(obj["members"], _at(path, "members"))
    if rank is not None and members is not None and rank > members:
        raise FactsError(_at(path, "rank"), f"thứ hạng {rank} lớn hơn số thành viên của cụm ({members})")
    return ClusterRecord(
        cluster=_text(obj.get("cluster", ""), _at(path, "cluster")),
        rank=rank,
        members=members,
        leading=_bool(obj["leading"], _at(path, "leading")),
    )


def _initiative(obj: dict, path: str) -> InitiativeRecord:
    _fields(obj, path, allowed={"year", "scope", "kind", "decision", "applied"}, required={"year", "scope"})
    return InitiativeRecord(
        year=_year(obj["year"], _at(path, "year")),
        scope=_code(obj["scope"], _at(path, "scope"), INITIATIVE_SCOPES, "phạm vi"),
        kind=_code(obj.get("kind", "initiative"), _at(path, "kind"), INITIATIVE_KINDS, "loại"),
        decision=_optional_text(obj.get("decision"), _at(path, "decision")),
        applied=_bool(obj.get("applied", True), _at(path, "applied")),
    )


def _discipline(obj: dict, path: str) -> DisciplineRecord:
    _fields(obj, path, allowed={"year", "level", "duty_related", "date", "until"}, required={"year", "level"})
    year = _year(obj["year"], _at(path, "year"))
    start = None if obj.get("date") is None else _date(obj["date"], _at(path, "date"))
    until = None if obj.get("until") is None else _date(obj["until"], _at(path, "until"))
    if start is not None and start.year != year:
        raise FactsError(_at(path, "date"), f"ngày quyết định không thuộc năm {year}")
    if until is not None and until < (start or date(year, 1, 1)):
        raise FactsError(_at(path, "until"), "ngày hết thời hạn kỷ luật trước ngày quyết định")
    return DisciplineRecord(
        year=year,
        level=_code(obj["level"], _at(path, "level"), DISCIPLINE_LEVELS, "hình thức kỷ luật"),
        duty_related=_bool(obj.get("duty_related", False), _at(path, "duty_related")),
        date=start,
        until=until,
    )


def _position(obj: dict, path: str) -> PositionRecord:
    _fields(obj, path, allowed={"code", "from", "to"}, required={"code", "from"})
    code = _text(obj["code"], _at(path, "code"))
    if not _POSITION_RE.match(code):
        raise FactsError(_at(path, "code"), f'mã chức vụ "{code}" phải viết thường, dạng pho_cuc_truong')
    start = _date(obj["from"], _at(path, "from"))
    end = None if obj.get("to") is None else _date(obj["to"], _at(path, "to"))
    if end is not None and end < start:
        raise FactsError(_at(path, "to"), "ngày kết thúc trước ngày bắt đầu")
    return PositionRecord(code, start, end)


def _votes(value: Any, path: str) -> dict[str, Vote]:
    votes = {}
    for award, item in _object(value, path).items():
        where = f'{path}["{award}"]'
        _code(award, where, AWARD_CODES, "mã khen thưởng")
        votes[award] = _vote(_object(item, where), where)
    return votes


def _vote(obj: dict, path: str) -> Vote:
    _fields(obj, path, allowed={"yes", "members", "present"}, required={"yes", "members"})
    yes, members = _count(obj["yes"], _at(path, "yes")), _count(obj["members"], _at(path, "members"))
    present = None if obj.get("present") is None else _count(obj["present"], _at(path, "present"))
    if members == 0:
        raise FactsError(_at(path, "members"), "số thành viên hội đồng phải lớn hơn 0")
    if yes > members:
        raise FactsError(_at(path, "yes"), f"số phiếu đồng ý ({yes}) lớn hơn số thành viên ({members})")
    if present is not None and present > members:
        raise FactsError(_at(path, "present"), f"số có mặt ({present}) lớn hơn số thành viên ({members})")
    return Vote(yes, members, present)


# --- questions -------------------------------------------------------------------------------------------


def _question(value: Any, path: str, subjects: dict[str, SubjectFacts]) -> Question:
    obj = _object(value, path)
    _fields(
        obj,
        path,
        allowed={"subject", "award", "year", "date", "expect", "note"},
        required={"subject", "award", "year"},
    )
    subject = _text(obj["subject"], _at(path, "subject"))
    if subject not in subjects:
        raise FactsError(_at(path, "subject"), f'không có đối tượng "{subject}" trong subjects')
    return Question(
        subject=subject,
        award=_code(obj["award"], _at(path, "award"), AWARD_CODES, "mã khen thưởng"),
        year=_year(obj["year"], _at(path, "year")),
        date=None if obj.get("date") is None else _date(obj["date"], _at(path, "date")),
    )
