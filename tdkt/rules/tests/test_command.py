"""`tdkt eligibility check` as a Django management command (needs settings, not the database)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

django = pytest.importorskip("django")
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

pytestmark = pytest.mark.skipif(not settings.configured, reason="Django settings are not configured")

FACTS = {
    "subjects": [{"id": "an", "kind": "person", "name": "Nguyễn Văn An", "ratings": {"2024": "HTXS"}}],
    "questions": [{"subject": "an", "award": "CSTDCS", "year": 2024}],
}


def _file(tmp_path: Path, data) -> str:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_check_prints_json(tmp_path):
    out = StringIO()
    call_command("eligibility", "check", "--facts", _file(tmp_path, FACTS), stdout=out)
    assert json.loads(out.getvalue())["results"][0]["verdict"] == "eligible"


def test_check_explain_prints_text(tmp_path):
    out = StringIO()
    call_command("eligibility", "check", "--facts", _file(tmp_path, FACTS), "--explain", stdout=out)
    assert "Chiến sĩ thi đua cơ sở" in out.getvalue()


def test_bad_file_exits_2_on_stderr(tmp_path):
    out, err = StringIO(), StringIO()
    bad = {**FACTS, "questions": [{"subject": "binh", "award": "LDTT", "year": 2024}]}
    with pytest.raises(SystemExit) as exit_info:
        call_command("eligibility", "check", "--facts", _file(tmp_path, bad), stdout=out, stderr=err)
    assert exit_info.value.code == 2
    assert err.getvalue().startswith("questions[0].subject:")
    assert out.getvalue() == ""
