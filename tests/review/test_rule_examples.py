"""Every rule carries its own examples; this runs them all (LanguageTool's and proselint's convention)."""

from __future__ import annotations

import pytest

from shuzhi.config import Config
from shuzhi.document import CATEGORIES
from shuzhi.review.checker import Checker
from shuzhi.review.registry import IMPLEMENTATIONS, default_registry
from tests.conftest import make_document

RULES = list(default_registry())


def test_codes_are_unique_well_formed_and_documented():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(RULES) >= 20
    for rule in RULES:
        assert rule.validate() == [], rule.validate()
        assert rule.code[:2] in CATEGORIES


def test_every_python_implementation_is_bound_to_exactly_one_rule():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for name in IMPLEMENTATIONS:
        assert name in names, f"{name} 没有对应的 YAML 规则条目"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_are_flagged_exactly_where_marked(rule):
    checker = Checker(Config(select=(rule.code,)))
    assert rule.examples.bad, f"{rule.code} 没有应报告的例句"
    for example in rule.examples.bad:
        text, spans = example.unmarked()
        assert spans, f"{rule.code} 的例句没有用 [[ ]] 标出位置：{example.text}"
        findings = checker.check(make_document(text), facts=dict(rule.examples.facts) or None,
                                  rectification=list(rule.examples.rectification) or None)
        got = sorted((f.start, f.end) for f in findings)
        assert got == sorted(spans), f"{rule.code}: {example.text!r} 报告了 {[text[a:b] for a, b in got]}"
        for f in findings:
            assert f.rule == rule.code and f.category == rule.category and f.message
        if example.suggestion is not None:
            assert any(example.suggestion in f.suggestions for f in findings), (rule.code, example.text, [f.suggestions for f in findings])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_are_left_alone(rule):
    checker = Checker(Config(select=(rule.code,)))
    assert rule.examples.good, f"{rule.code} 没有不应报告的例句"
    for text in rule.examples.good:
        findings = checker.check(make_document(text), facts=dict(rule.examples.facts) or None,
                                  rectification=list(rule.examples.rectification) or None)
        assert findings == [], f"{rule.code}: {text!r} 被误报 {[(text[f.start:f.end], f.message) for f in findings]}"


def test_suggestion_safety_is_declared_for_rules_that_suggest():
    checker = Checker()
    for rule in RULES:
        for example in rule.examples.bad:
            text, _ = example.unmarked()
            for f in checker.check(make_document(text)):
                if f.suggestions:
                    assert f.safety in ("safe", "review", "advice"), f.rule
