"""How much of a report is checkable fact: numbers with units, dates, documents, named activities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .knowledge import load_knowledge, normalize_term

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
def _patterns() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
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
    terms = frozenset(f.term for f in knowledge.formulations)
    return fact, slogan, terms


_QUOTED = re.compile(r"“([^“”\n]{2,15})”")


def sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end], each marked as carrying a fact or being a slogan without one."""
    fact, slogan, terms = _patterns()
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.span()
        if len(m.group().strip()) < 4:
            continue
        has_fact = bool(fact.search(text, s, e)) or any(
            normalize_term(q.group(1)) not in terms for q in _QUOTED.finditer(text, s, e)
        )
        out.append(Sentence(s, e, has_fact, not has_fact and bool(slogan.search(text, s, e))))
    return out


def share_of_facts(items: list[Sentence]) -> float | None:
    return sum(s.fact for s in items) / len(items) if items else None
