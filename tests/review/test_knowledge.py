"""The knowledge base: enough of it, every entry with a source, validated, and quick to load."""

from __future__ import annotations

import time

import pytest

from shuzhi.review import knowledge as kb
from shuzhi.review.knowledge import KnowledgeError, load_knowledge


def test_size_and_sources():
    k = load_knowledge()
    assert len(k.formulations) >= 300
    assert all(f.source and f.cite for f in k.formulations)
    assert len({f.term for f in k.formulations}) == len(k.formulations)
    assert all(c.source and c.instead and c.years[0] <= c.years[1] for c in k.campaigns)
    assert {"党史学习教育", "党纪学习教育", "喜迎党的二十大", "打赢脱贫攻坚战", "常态化疫情防控"} <= {c.name for c in k.campaigns}
    assert k.outlines["党建述职"].required == ("履职情况", "存在问题", "原因分析", "下一步打算")
    assert k.looks_alike("己", "已") and not k.looks_alike("己", "廉")


def test_loads_quickly():
    load_knowledge.cache_clear()
    started = time.perf_counter()
    load_knowledge()
    assert time.perf_counter() - started < 2.0  # the 0.5 s target is measured by benchmarks/check_speed.py


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        ("groups: [{terms: [四个意识]}]", "缺少 source"),
        ("groups: [{source: 党章, cite: 党章, terms: [A1]}]", "提法应为两个以上汉字"),
        ("groups: [{source: 党章, cite: 党章, terms: [四个意识, 四个意识]}]", "重复"),
        ("groups: [{source: 党章, cite: 党章, terms: [{term: 四个意识, colour: red}]}]", "未知字段"),
        ("groups: [{source: 党章, cite: 党章, terms: [{term: 四个意识, wrong: [四个意识]}]}]", "错误写法"),
    ],
)
def test_invalid_formulations_are_refused(monkeypatch, yaml_text, message):
    import yaml

    with pytest.raises(KnowledgeError, match=message):
        kb._formulations(yaml.safe_load(yaml_text))


def test_invalid_timeline_is_refused():
    knowledge = kb.Knowledge()
    with pytest.raises(KnowledgeError, match="years"):
        kb._timeline({"campaigns": [{"name": "x", "patterns": ["x"], "years": [2022], "instead": "y", "source": "z"}]}, knowledge)
    with pytest.raises(KnowledgeError, match="正则表达式有误"):
        kb._timeline({"campaigns": [{"name": "x", "patterns": ["x("], "years": [2021, 2022], "instead": "y", "source": "z"}]}, knowledge)
