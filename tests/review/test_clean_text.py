"""A careful report full of constructs that look like defects but are not: no rule may fire on it."""

from __future__ import annotations

from pathlib import Path

import shuzhi

CLEAN = Path(__file__).resolve().parent.parent / "data" / "clean_report.txt"


def test_a_clean_report_has_no_findings():
    text = CLEAN.read_text(encoding="utf-8")
    (checked,) = shuzhi.check(text)
    assert [(f.rule, text[f.start : f.end]) for f in checked.findings] == []
    assert checked.document.year == 2023 and checked.document.kind == "党建述职"
    assert [s.kind for s in checked.document.sections] == ["履职情况", "存在问题", "原因分析", "下一步打算"]
