"""bench/reports.py rewrites only its own section of docs/performance.md: its markers are there once, in
order, and replacing the section leaves every other section (the other benchmarks' and the hand-written
ones) exactly as it was."""

from __future__ import annotations

import re
from pathlib import Path

from bench import reports

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def test_every_bench_section_of_the_doc_is_marked_once_and_closed():
    text = DOC.read_text(encoding="utf-8")
    names = re.findall(r"<!-- bench:([\w-]+):start -->", text)
    assert "reports" in names and len(names) == len(set(names))
    for name in names:
        assert text.count(f"<!-- bench:{name}:end -->") == 1
        assert text.index(f"<!-- bench:{name}:start -->") < text.index(f"<!-- bench:{name}:end -->")


def test_a_new_run_replaces_the_reports_section_and_nothing_else(tmp_path):
    doc = tmp_path / "performance.md"
    before = DOC.read_text(encoding="utf-8")
    doc.write_text(before, encoding="utf-8")
    rows = [("Biểu 0602, Bộ Tài chính (dữ liệu quốc gia), năm 2025", 1.5, 1.0)]
    reports.update_doc(str(doc), reports.markdown(rows, 11_250_649, 0))
    after = doc.read_text(encoding="utf-8")
    head, _, rest = before.partition(reports.MARK_START)
    tail = rest.partition(reports.MARK_END)[2]
    assert after.startswith(head) and after.endswith(tail)
    assert "| 1,500 ms | 1,000 ms | 1.50 × |" in after
    assert "12,729 ms" in before and "12,729 ms" not in after  # the old figures went with their section
    assert after.count(reports.MARK_START) == 1 and after.count(reports.MARK_END) == 1
