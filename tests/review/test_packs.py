"""The YAML loader refuses packs that do not describe valid rules, with the file and rule named."""

from __future__ import annotations

import pytest

from shuzhi.review.packs import PackError, load_pack_text

GOOD = """
rules:
  - code: PH901
    type: pattern
    name: test-rule
    title: 测试
    severity: error
    message: 测试“{text}”
    description: 测试用规则
    patterns: ['甲+']
    examples:
      bad: [{text: "[[甲]]"}]
      good: ["乙"]
"""


def test_a_valid_pack_loads():
    (rule,) = load_pack_text(GOOD, "test.yaml")
    assert rule.code == "PH901" and rule.category == "placeholder"


@pytest.mark.parametrize(
    "change, expected",
    [
        (("patterns: ['甲+']", "patterns: ['甲(']"), "正则表达式有误"),
        (("    title: 测试\n", ""), "缺少字段 title"),
        (("    severity: error\n", "    severity: error\n    colour: red\n"), "未知字段 colour"),
        (("type: pattern", "type: spelling"), "未知规则类型"),
        (("type: pattern", "type: python"), "没有名为 test-rule 的Python实现"),
        (("rules:", "regels:"), "顶层应为含 rules 列表的映射"),
        (("      bad: [{text: \"[[甲]]\"}]\n", "      bad: [\"[[甲]]\"]\n"), "examples"),
    ],
)
def test_invalid_packs_are_refused_with_a_reason(change, expected):
    text = GOOD.replace(*change)
    with pytest.raises(PackError) as err:
        load_pack_text(text, "test.yaml")
    assert expected in str(err.value) and "test.yaml" in str(err.value)


def test_broken_yaml_is_reported():
    with pytest.raises(PackError, match="YAML 格式错误"):
        load_pack_text("rules: [", "broken.yaml")


def test_descriptions_have_no_space_where_yaml_folded_a_chinese_line():
    import re

    from shuzhi.review.registry import default_registry

    folded = re.compile(r"[\u4e00-\u9fff，。；：、）”] [\u4e00-\u9fff“（]")
    bad = [r.code for r in default_registry().rules.values() if folded.search(r.description)]
    assert bad == []


def test_a_rule_without_a_description_is_reported_not_crashed():
    from shuzhi.review.registry import Rule

    rule = Rule({"code": "TY099", "name": "x", "title": "x", "severity": "info", "message": "x", "description": None})
    assert any("description" in p for p in rule.validate())
