"""The ledger's rule files: valid, cited, versioned without overlap, and documented in docs/ledger-rules.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.ledger.rules import RuleError, default_rules, parse_rules, validate
from shuzhi.ledger.rules.docs import rules_markdown

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
rules:
  - code: XX001
    title: 示例
    check: frequency
    kind: 主题党日
    counts: [主题党日]
    period: month
    source: {document: 某文件, article: 第一条}
"""


def test_every_shipped_rule_is_cited_and_in_force_from_a_date():
    for r in default_rules().rules:
        assert r.source.document and r.effective_from, r.code
        assert r.title and r.kind, r.code
        if r.source.verified and r.source.article:
            assert r.source.quote, f"{r.code}: a verified article should quote its text"


def test_versions_of_one_code_follow_each_other():
    rules = default_rules()
    for code in ("VT005", "DV004", "DV006", "DV007", "DV008", "DV009"):
        old, new = rules.versions(code)
        assert old.effective_until.isoformat() == "2026-05-10" and new.effective_from.isoformat() == "2026-05-11"
        assert "2014" in old.source.document and "2026" in new.source.document


@pytest.mark.parametrize("change, message", [
    (("code: XX001", "code: X001"), "两个大写字母"),
    (("check: frequency", "check: sometimes"), "未知的检查类型"),
    (("kind: 主题党日", "kind: 党日"), "kind 应为"),
    (("period: month", "period: week"), "period 应为"),
    (("    counts: [主题党日]\n", ""), "counts"),
    (("source: {document: 某文件, article: 第一条}", "source: {article: 第一条}"), "document"),
    (("title: 示例", "title: 示例\n    colour: red"), "未知的键"),
])
def test_a_bad_rule_is_refused_naming_file_and_rule(change, message):
    with pytest.raises(RuleError, match=message) as exc:
        parse_rules(GOOD.replace(*change), "bad.yaml")
    assert "bad.yaml" in str(exc.value)


def test_overlapping_versions_are_refused():
    a = parse_rules(GOOD.replace("    source:", "    effective_from: 2020-01-01\n    source:"), "a.yaml")
    b = parse_rules(GOOD.replace("    source:", "    effective_from: 2021-01-01\n    source:"), "b.yaml")
    with pytest.raises(RuleError, match="重叠"):
        validate(a + b)


def test_the_rule_table_in_docs_is_generated_from_the_rules():
    written = (ROOT / "docs" / "ledger-rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(default_rules()), "docs/ledger-rules.md is stale: run `shuzhi ledger rules --format markdown > docs/ledger-rules.md`"


def test_the_workbook_reference_in_docs_is_generated_from_the_sheets():
    from shuzhi.ledger.rules.docs import workbook_markdown

    written = (ROOT / "docs" / "ledger-workbook.md").read_text(encoding="utf-8")
    assert written == workbook_markdown(), "docs/ledger-workbook.md is stale: regenerate it with shuzhi.ledger.rules.docs.workbook_markdown()"
