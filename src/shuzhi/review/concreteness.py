"""How much of a report is checkable fact: numbers with units, dates, documents, named activities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .knowledge import load_knowledge

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_CN_NUMBER = "一二三四五六七八九十两百千万"
# Chinese-numeral counts that are idioms or formulations, not facts: 一是, 两个维护, 四个意识, 进一步.
_NOT_COUNTS = ("个", "是", "要", "方面", "步", "体", "些", "点")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    fact: bool
    slogan: bool


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    knowledge = load_knowledge()
    units = "|".join(re.escape(u) for u in knowledge.fact_units)
    counted = [u for u in knowledge.fact_units if u not in _NOT_COUNTS and u not in ("年", "月", "日")]
    fact = re.compile(
        rf"\d+(?:\.\d+)?\s*(?:%|％|{units})"
        rf"|[{_CN_NUMBER}]+(?:{'|'.join(map(re.escape, counted))})"
        r"|\d{1,2}月(?:\d{1,2}日)?|[一二三四五六七八九十]{1,3}月份?"
        r"|《[^》\n]{2,}》"
    )
    slogan = re.compile("|".join(map(re.escape, knowledge.slogan_markers)))
    # “金牌店小二”技能竞赛, “清廉审批”工作室: a quoted name followed by the kind of thing it names.
    named = re.compile(r"“[^“”\n]{2,15}”[\u4e00-\u9fff]{0,4}?(?:" + "|".join(map(re.escape, knowledge.named_things)) + ")")
    return fact, slogan, named


def sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end], each marked as carrying a fact or being a slogan without one."""
    fact, slogan, named = _patterns()
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.span()
        if len(m.group().strip()) < 4:
            continue
        has_fact = bool(fact.search(text, s, e) or named.search(text, s, e))
        out.append(Sentence(s, e, has_fact, not has_fact and bool(slogan.search(text, s, e))))
    return out


def share_of_facts(items: list[Sentence]) -> float | None:
    return sum(s.fact for s in items) / len(items) if items else None
