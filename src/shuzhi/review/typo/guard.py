"""Where the corrector must not touch a character: names of people, places and units.

Names are what a word model knows least about (松南村, 黄建伟, 郦波教授): their characters look like typos
because they form no dictionary word. A character is protected when
- it lies in a dictionary word tagged as a name (jieba's nr, ns, nt, nz and their kinds);
- it is one of the two characters before a place or unit suffix that stands alone (齐圣村, 湾沚镇, 特诊科);
- it is one of the three characters before a title or name marker (郦波教授, 张建伟同志) that form no word;
- it follows a surname that stands alone, up to two characters, where the run ends or a listing comma follows
  (乐韶凤、宋濂).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import load_knowledge
from .lexicon import Lexicon

_NAME_TAGS = ("nr", "ns", "nt", "nz")
# Suffixes of place and unit names; a name is protected only where the suffix does not belong to a word
# with the characters before it (农村, 城镇 and 办公室 are words, not names).
PLACE_SUFFIXES = ("村", "镇", "乡", "县", "旗", "屯", "寨", "苏木", "嘎查", "社区", "街道", "居委会", "居民区",
                  "小区", "科", "局", "所", "站", "队", "厂", "矿", "场", "馆", "园", "港", "桥", "湖", "山", "河")
TITLES = ("同志", "书记", "主任", "局长", "县长", "市长", "镇长", "乡长", "村长", "部长", "处长", "科长", "校长",
          "院长", "所长", "站长", "队长", "厂长", "经理", "董事长", "总经理", "主席", "委员", "代表", "教授",
          "老师", "医生", "医师", "先生", "女士", "烈士", "同学", "等同志", "一行")
_TITLE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(load_knowledge().surnames)


def protected_positions(run: str, bounds: list[int], lex: Lexicon) -> set[int]:
    pieces = list(zip(bounds, bounds[1:]))
    single = {a for a, b in pieces if b - a == 1}
    out: set[int] = set()
    for a, b in pieces:
        if b - a > 1 and lex.tags.get(run[a:b], "").startswith(_NAME_TAGS):
            out.update(range(a, b))
    for suffix in PLACE_SUFFIXES:
        k = run.find(suffix)
        while k != -1:
            if all(p in single for p in range(k, k + len(suffix))) or _piece_is(pieces, k, k + len(suffix)):
                out.update(range(max(0, k - 2), k))
            k = run.find(suffix, k + 1)
    for m in _TITLE.finditer(run):
        k = m.start()
        before = [p for p in range(max(0, k - 3), k) if p in single]
        if len(before) >= 2 or (before and before[-1] == k - 1):
            out.update(range(max(0, k - 3), k))
    surnames = _surnames()
    for a in single:
        if run[a] in surnames:
            for length in (1, 2):
                e = a + 1 + length
                if e <= len(run) and all(p in single for p in range(a + 1, e)) and (e == len(run) or run[e] in "、和与及"):
                    out.update(range(a + 1, e))
    return out


def _piece_is(pieces: list[tuple[int, int]], start: int, end: int) -> bool:
    return (start, end) in pieces


_HAN = re.compile("[\u4e00-\u9fff]")


@lru_cache(maxsize=2)
def _common_pattern(common: frozenset[str]) -> re.Pattern:
    return re.compile("[" + "".join(sorted(common)) + "]")


def unusual_share(text: str, common: frozenset[str]) -> float:
    """The share of Han characters outside the common set: high in traditional, classical or garbled text."""
    han = len(_HAN.findall(text))
    if not han:
        return 0.0
    return 1 - len(_common_pattern(common).findall(text)) / han
