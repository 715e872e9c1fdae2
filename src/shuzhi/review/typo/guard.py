"""Where the corrector must not touch a character: names of people, places and units.

Names are what a word model knows least about (松南村, 黄建伟, 郦波教授): their characters look like typos
because they form no dictionary word. A character is protected when
- it lies in a dictionary word tagged as a name (jieba's nr, ns, nt, nz and their kinds);
- it is one of the two characters before a place or unit suffix that stands alone (齐圣村, 湾沚镇, 特诊科);
- it is one of the three characters before a title or name marker (郦波教授, 张建伟同志) that form no word;
- it is one of the two characters after a surname that stands alone, where they stand alone too (王建伟,
  乐韶凤), or one of the three after a title (支部书记王建伟).

- it lies in an administrative place name the gazetteer knows (places.py: 义井镇, 鄠邑区, 尤李社区), whole in the
  text.

People's names and the gazetteer's places are the surest of these, and never changed. Place and unit names also catch typos that read
like names (社会冶理处, 驻村工作人队), so the corrector may still change them at a much higher gain; so too the
characters before a title, but only into a word that runs into the title (党祖书记 -> 党组书记, 主冶医师 -> 主治医师):
高建伟同志 is never made 高建立同志. `name_positions` tells the three kinds apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import load_knowledge
from .lexicon import Lexicon
from .places import MAX_LEN, SUFFIXES, gazetteer

_NAME_TAGS = ("nr", "ns", "nt", "nz")
_NAME_PAIR_FREQ = 1000  # a pair at least this frequent is a word, not a surname and a given name
# Suffixes of place and unit names; a name is protected only where the suffix does not belong to a word
# with the characters before it (农村, 城镇 and 办公室 are words, not names).
PLACE_SUFFIXES = ("村", "镇", "乡", "县", "旗", "屯", "寨", "苏木", "嘎查", "社区", "街道", "居委会", "居民区",
                  "小区", "科", "局", "所", "站", "队", "厂", "矿", "场", "馆", "园", "港", "桥", "湖", "山", "河",
                  "合作社", "公司", "集团", "协会", "学会", "研究会", "医院", "中学", "小学", "学院", "银行")
TITLES = ("同志", "书记", "主任", "局长", "县长", "市长", "镇长", "乡长", "村长", "部长", "处长", "科长", "校长",
          "院长", "所长", "站长", "队长", "厂长", "经理", "董事长", "总经理", "主席", "委员", "代表", "教授",
          "老师", "医生", "医师", "先生", "女士", "烈士", "同学", "等同志", "一行")
_TITLE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))


# Surnames that are also common words (和, 高, 成, 全, 方, 常 ...): a lone one starts no name often enough to
# protect what follows it.
_AMBIGUOUS_SURNAMES = set(
    "和时向高成米万曾路应党段连全任边明方常左白师管石文车龙安项古单于余申叶包关华宁尚易平甘史江田程苏丁付"
    "严洪武莫孔汤温康施牛齐乔伍庄章鲁岳殷欧兰焦祝符舒纪梅童凌毕季霍苗谷盛曲蓝游辛柴蒙喻房屈解艾尤阳穆农"
    "司卓吉简麦景宫费卜冷席卫柏宗桂商沙荣桑郎丛仲虞池查麻苑迟金林马钱能"
)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(load_knowledge().surnames + load_knowledge().rare_surnames) - _AMBIGUOUS_SURNAMES


@lru_cache(maxsize=1)
def _rare_surnames() -> frozenset[str]:
    """Surnames seldom written for anything else (訾, 亓, 冼): the surname itself is part of the name."""
    return frozenset(load_knowledge().rare_surnames) - _AMBIGUOUS_SURNAMES


def protected_positions(run: str, bounds: list[int], lex: Lexicon) -> set[int]:
    """Every position the guard sees a name at."""
    people, titled, others = name_positions(run, bounds, lex)
    return people | set(titled) | others


def name_positions(run: str, bounds: list[int], lex: Lexicon) -> tuple[set[int], dict[int, int], set[int]]:
    """(the positions never changed: dictionary person names, given names after a surname or a title, and the
    place names of the gazetteer;
    the characters before a title, each with where its title starts: a name (高建伟同志) or the head of a longer
    title (党组书记, 主治医师); the positions of other names: places and units)."""
    pieces = list(zip(bounds, bounds[1:]))
    single = {a for a, b in pieces if b - a == 1}
    out: set[int] = set()
    people: set[int] = set()
    titled: dict[int, int] = {}
    for a, b in pieces:
        tag = lex.tags.get(run[a:b], "")
        if b - a > 1 and tag.startswith(_NAME_TAGS):
            # 王建 is a name in the dictionary, and 王建伟 a name it does not know: the next lone character too.
            (people if tag.startswith("nr") else out).update(range(a, b + 1 if b in single else b))
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
            titled.update(dict.fromkeys(range(max(0, k - 3), k), k))
        # After a title (支部书记王建伟): the name that follows.
        e = m.end()
        if e < len(run) and run[e] in _surnames():
            people.update(range(e, min(len(run), e + 3)))
    surnames, rare = _surnames(), _rare_surnames()
    starts = {a: b for a, b in pieces}
    for a, b in pieces:
        # A surname beginning a piece that is alone or a rare pair (王/建/伟, 王建/伟): the two characters after
        # it are a given name, unless a frequent word starts right after it (王/国家: not a name).
        # A rare surname (訾/文明) begins a name whatever follows it.
        if run[a] in rare and b - a <= 2:
            people.update(range(a, min(len(run), a + 3)))
            continue
        if run[a] not in surnames or (b - a == 2 and lex.freq.get(run[a:b], 0) >= _NAME_PAIR_FREQ) or b - a > 2:
            continue
        nxt = starts.get(a + 1)
        if b - a == 1 and nxt is not None and nxt - (a + 1) >= 2 and lex.freq.get(run[a + 1 : nxt], 0) >= _NAME_PAIR_FREQ:
            continue
        people.update(range(a + 1, min(len(run), a + 3)))
    people |= place_positions(run)
    titled = {i: k for i, k in titled.items() if i not in people}
    return people, titled, out - people - set(titled)


def place_positions(run: str, suffix: bool = True) -> set[int]:
    """The positions of the administrative place names the gazetteer knows (义井镇, 尤李社区); with suffix=False
    without their suffixes, which words go on from (山西省政府, 柳泉口村委会)."""
    spans = gazetteer().spans(run)
    if not suffix:
        spans = [(a, b - next(len(x) for x in SUFFIXES if run.endswith(x, a, b))) for a, b in spans]
    return {p for a, b in spans for p in range(a, b)}


def in_place_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside a place name the gazetteer knows, as it is officially written (程衕村)."""
    lo = max(0, start - MAX_LEN)
    return any(lo + a <= start and end <= lo + b for a, b in gazetteer().spans(text[lo : end + MAX_LEN]))


def _piece_is(pieces: list[tuple[int, int]], start: int, end: int) -> bool:
    return (start, end) in pieces


_HAN = re.compile("[\u4e00-\u9fff]")


@lru_cache(maxsize=2)
def _deleting(common: frozenset[str]) -> dict[int, None]:
    return dict.fromkeys(map(ord, common))


def unusual_share(text: str, common: frozenset[str]) -> float:
    """The share of Han characters outside the common set: high in traditional, classical or garbled text."""
    han = len(_HAN.findall(text))
    if not han:
        return 0.0
    return len(_HAN.findall(text.translate(_deleting(common)))) / han
