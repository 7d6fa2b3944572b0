"""Bad facts files: each kind of error names its exact place, exits with status 2 and prints no verdicts."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tdkt.rules.check import run_check
from tdkt.rules.factsfile import FactsError, parse_facts, parse_facts_text

GOOD_PERSON = {"id": "an", "kind": "person", "name": "Nguyễn Văn An", "ratings": {"2024": "HTT"}}
GOOD_UNIT = {"id": "doi1", "kind": "collective", "name": "Đội 1", "task_results": {"2024": "HTXS"}}
GOOD_QUESTION = {"subject": "an", "award": "LDTT", "year": 2024}


def facts(subjects=None, questions=None, **top) -> dict:
    return {
        "subjects": subjects or [GOOD_PERSON, GOOD_UNIT],
        "questions": questions or [GOOD_QUESTION],
        **top,
    }


def with_person(**changes) -> dict:
    return facts(subjects=[GOOD_UNIT, {**GOOD_PERSON, **changes}])


BAD_FILES = [
    (
        "unknown_rating",
        with_person(ratings={"2024": "HTX"}),
        'subjects[1].ratings["2024"]: xếp loại "HTX" không hợp lệ; chỉ nhận một trong HTXS, HTT, HT, KHT',
    ),
    (
        "year_key_not_a_number",
        with_person(ratings={"20x4": "HTT"}),
        'subjects[1].ratings["20x4"]: năm "20x4" không phải là một số',
    ),
    (
        "year_value_is_text",
        with_person(titles=[{"code": "CSTDCS", "year": "2024"}]),
        'subjects[1].titles[0].year: năm phải là một số, nhận được "2024"',
    ),
    (
        "unknown_title_code",
        with_person(titles=[{"code": "CSTD", "year": 2024}]),
        'subjects[1].titles[0].code: mã danh hiệu "CSTD" không hợp lệ; chỉ nhận một trong LDTT, CSTDCS, CSTD_BO, CSTD_TQ',
    ),
    (
        "collective_title_for_person",
        with_person(titles=[{"code": "TTLDXS", "year": 2024}]),
        "subjects[1].titles[0].code: mã danh hiệu",
    ),
    (
        "unknown_award_code",
        with_person(awards=[{"code": "BK_XX", "date": "2020-01-01"}]),
        'subjects[1].awards[0].code: mã hình thức khen thưởng "BK_XX" không hợp lệ',
    ),
    (
        "unknown_award_type",
        with_person(awards=[{"code": "BK_BO", "date": "2020-01-01", "type": "other"}]),
        "subjects[1].awards[0].type:",
    ),
    (
        "bad_date",
        with_person(awards=[{"code": "BK_BO", "date": "2020-02-30"}]),
        'subjects[1].awards[0].date: ngày "2020-02-30" không tồn tại',
    ),
    (
        "date_wrong_format",
        with_person(awards=[{"code": "BK_BO", "date": "10/12/2019"}]),
        "subjects[1].awards[0].date: ngày phải có dạng YYYY-MM-DD",
    ),
    (
        "unknown_subject_field",
        with_person(hobby="chess"),
        'subjects[1].hobby: trường "hobby" không có trong định dạng tệp dữ kiện',
    ),
    (
        "ratings_on_collective",
        facts(subjects=[GOOD_PERSON, {**GOOD_UNIT, "ratings": {"2024": "HTT"}}]),
        "subjects[1].ratings: trường",
    ),
    (
        "unknown_scope",
        with_person(initiatives=[{"year": 2024, "scope": "tinh"}]),
        'subjects[1].initiatives[0].scope: phạm vi "tinh" không hợp lệ',
    ),
    (
        "unknown_discipline_level",
        with_person(discipline=[{"year": 2024, "level": "phe_binh"}]),
        "subjects[1].discipline[0].level:",
    ),
    (
        "vote_for_unknown_award",
        with_person(votes={"XYZ": {"yes": 1, "members": 2}}),
        'subjects[1].votes["XYZ"]: mã khen thưởng "XYZ" không hợp lệ',
    ),
    (
        "vote_more_yes_than_members",
        with_person(votes={"CSTDCS": {"yes": 21, "members": 20}}),
        'subjects[1].votes["CSTDCS"].yes:',
    ),
    (
        "member_count_above_total",
        facts(subjects=[GOOD_PERSON, {**GOOD_UNIT, "member_counts": {"2024": {"total": 10, "LDTT": 11}}}]),
        'subjects[1].member_counts["2024"].LDTT: 11 lớn hơn tổng số thành viên (10)',
    ),
    ("missing_kind", facts(subjects=[{"id": "x"}]), "subjects[0].kind: thiếu trường bắt buộc"),
    (
        "duplicate_subject",
        facts(subjects=[GOOD_PERSON, GOOD_PERSON]),
        'subjects[1].id: mã đối tượng "an" bị trùng',
    ),
    (
        "question_unknown_subject",
        facts(questions=[GOOD_QUESTION, {"subject": "binh", "award": "LDTT", "year": 2024}]),
        'questions[1].subject: không có đối tượng "binh" trong subjects',
    ),
    (
        "question_unknown_award",
        facts(questions=[{"subject": "an", "award": "HCLD4", "year": 2024}]),
        'questions[0].award: mã khen thưởng "HCLD4" không hợp lệ',
    ),
    (
        "question_year_not_a_number",
        facts(questions=[{"subject": "an", "award": "LDTT", "year": "năm nay"}]),
        "questions[0].year: năm phải là một số",
    ),
    (
        "question_unknown_field",
        facts(questions=[{**GOOD_QUESTION, "expected": "eligible"}]),
        'questions[0].expected: trường "expected"',
    ),
    ("unknown_top_level_field", facts(version=2), 'version: trường "version"'),
    ("missing_questions", {"subjects": []}, "questions: thiếu trường bắt buộc"),
    (
        "unknown_parameter",
        facts(parameters={"vote_threshold.XYZ": 0.9}),
        'parameters["vote_threshold.XYZ"]: mã khen thưởng "XYZ" không hợp lệ',
    ),
    (
        "parameter_out_of_range",
        facts(parameters={"vote_threshold.CSTD_BO": 90}),
        'parameters["vote_threshold.CSTD_BO"]: phải là số trong khoảng (0, 1]',
    ),
    (
        "parameter_not_known",
        facts(parameters={"ttldtt.share": 0.7}),
        'parameters["ttldtt.share"]: tham số không tồn tại',
    ),
]


def _write(tmp_path: Path, content: str) -> str:
    path = tmp_path / "facts.json"
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("data", "message"), [(d, m) for _, d, m in BAD_FILES], ids=[n for n, _, _ in BAD_FILES]
)
def test_bad_file_exits_2_with_its_place(tmp_path, data, message):
    status, output = run_check(_write(tmp_path, json.dumps(data, ensure_ascii=False)), explain=False)
    assert status == 2
    assert output.startswith(message)
    assert "\n" not in output and "results" not in output


def test_invalid_json_reports_line_and_column(tmp_path):
    status, output = run_check(_write(tmp_path, '{\n  "subjects": [,\n]}'), explain=True)
    assert status == 2
    assert output.startswith("JSON không hợp lệ tại dòng 2, cột 16")


def test_missing_file_exits_2(tmp_path):
    status, output = run_check(str(tmp_path / "none.json"), explain=False)
    assert status == 2 and "không đọc được tệp" in output


def test_expect_and_note_on_questions_are_ignored():
    parsed = parse_facts(facts(questions=[{**GOOD_QUESTION, "expect": "eligible", "note": "ghi chú"}]))
    assert parsed.questions[0].award == "LDTT"


def test_error_carries_path_and_message():
    with pytest.raises(FactsError) as caught:
        parse_facts_text('{"subjects": [{"id": "a", "kind": "robot"}], "questions": []}')
    assert caught.value.path == "subjects[0].kind"
    assert "person, collective" in caught.value.message


def test_good_file_gives_json_in_question_order(tmp_path):
    questions = [{"subject": "doi1", "award": "TTLDTT", "year": 2024}, GOOD_QUESTION]
    status, output = run_check(_write(tmp_path, json.dumps(facts(questions=questions))), explain=False)
    assert status == 0
    results = json.loads(output)["results"]
    assert [r["subject"] for r in results] == ["doi1", "an"]
    assert set(results[1]) == {
        "subject",
        "award",
        "year",
        "rule_set",
        "verdict",
        "criteria",
        "missing",
        "earliest_year",
        "warnings",  # version 2 of the format
    }
    assert set(results[1]["criteria"][0]) == {"id", "status", "text", "basis", "evidence"}
    assert "Lao động tiên tiến" in output  # ensure_ascii=False keeps Vietnamese readable
    assert unicodedata.is_normalized("NFC", output)


def test_explain_is_a_vietnamese_report(tmp_path):
    status, output = run_check(_write(tmp_path, json.dumps(facts())), explain=True)
    assert status == 0
    assert "Nguyễn Văn An (an) — Lao động tiên tiến (LDTT), năm 2024" in output
    assert "Kết luận: ĐỦ ĐIỀU KIỆN đề nghị" in output
    assert "Căn cứ: Luật Thi đua, khen thưởng 2022" in output
