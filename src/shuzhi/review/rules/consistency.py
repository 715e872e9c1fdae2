"""The same name written two ways in one report: the minority form is reported, the majority shown."""

from __future__ import annotations

import re
from collections import defaultdict

from ..knowledge import load_knowledge
from ..registry import Rule, implements
from ..similarity import sounds_alike
from .formulation import one_edit

_QUOTED = re.compile(r"“([^“”\n]{2,20})”|《([^《》\n]{2,40})》")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]{1,8}[）)]$")
_PLACE_SUFFIX = re.compile(r"镇|乡|村|社区|街道|县|局|党委|党支部|党总支")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# 全镇, 各村, 我局, 本县: a pronoun before the suffix is not part of a name.
_NOT_NAME_START = set("全各我本该此每其这那")
_NUMERALS = set("一二三四五六七八九十两百千万零〇0123456789")


def _variants(occurrences: dict[str, list[tuple[int, int]]], accept) -> list[tuple[str, str]]:
    """(minority form, majority form) pairs one edit apart, the majority written at least twice."""
    forms = sorted(occurrences, key=lambda f: (-len(occurrences[f]), f))
    pairs = []
    for minority in forms:
        n = len(occurrences[minority])
        for majority in forms:
            if len(occurrences[majority]) < max(2, n + 1):
                break
            if abs(len(majority) - len(minority)) > 1:
                continue
            edit = one_edit(minority, majority)
            if edit and accept(minority, majority, *edit):
                pairs.append((minority, majority))
                break
    return pairs


def _variants_with_full_title(occurrences: dict[str, list[tuple[int, int]]]) -> list[tuple[str, str]]:
    """《中国共产党支部工作条例》 once and 《中国共产党支部工作条例（试行）》 twice: the full title left short."""
    pairs = []
    for full, spans in occurrences.items():
        short = _TRAILING_NOTE.sub("", full)
        if short != full and short in occurrences and len(spans) > len(occurrences[short]):
            pairs.append((short, full))
    return pairs


def _same_term(minority: str, majority: str, edit: str, i: int) -> bool:
    """Written two ways, rather than two terms: long enough, not a count, no word added at either end.

    报到 and 双报到, 两委 and 两新 are different things; 最强支部 and 最强党支部 one thing.
    """
    if min(len(minority), len(majority)) < 4:
        return False
    if edit in ("ins", "del") and not 0 < i < min(len(minority), len(majority)):
        return False
    return _not_a_count(minority, majority, edit, i)


def _not_a_count(minority: str, majority: str, edit: str, i: int) -> bool:
    """三张清单 and 四张清单 are two different things, not one written two ways."""
    changed = {minority[i]} if edit in ("sub", "ins") and i < len(minority) else set()
    if edit in ("sub", "del") and i < len(majority):
        changed.add(majority[i])
    return not (changed & _NUMERALS)


@implements("inconsistent-quoted-term")
class InconsistentQuotedTerm(Rule):
    """A slogan, activity or document named in quotes or 《》 several times, once written differently."""

    def check(self, doc, ctx):
        occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in _QUOTED.finditer(doc.text, doc.start, doc.end):
            group = 1 if m.group(1) else 2
            occurrences[m.group(group)].append(m.span(group))
        for minority, majority in _variants(occurrences, _same_term) + _variants_with_full_title(occurrences):
            for start, end in occurrences[minority]:
                yield self.finding(
                    doc, start, end,
                    message=f"“{minority}”在本报告其他{len(occurrences[majority])}处写作“{majority}”，前后不一致",
                    suggestions=[majority],
                )


@implements("inconsistent-place-name")
class InconsistentPlaceName(Rule):
    """青山镇 five times and 清山镇 once: a name misspelt by a homophone or a look-alike character."""

    def check(self, doc, ctx):
        knowledge = load_knowledge()

        def misspelt(minority, majority, edit, i):
            if edit != "sub" or not _not_a_count(minority, majority, edit, i):
                return False
            return sounds_alike(minority[i], majority[i]) or knowledge.looks_alike(minority[i], majority[i])

        # Names are cut before each suffix at two, three and four characters; the same name then has
        # the same key however its sentence goes on before it.
        occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
        text = doc.text
        for m in _PLACE_SUFFIX.finditer(text, doc.start, doc.end):
            for k in (2, 3, 4):
                start = m.start() - k
                name = text[start : m.start()]
                if start >= doc.start and _HAN.match(name) and name[0] not in _NOT_NAME_START:
                    occurrences[name + m.group()].append((start, m.end()))
        reported: list[tuple[int, int]] = []
        for minority, majority in sorted(_variants(occurrences, misspelt), key=lambda p: len(p[0])):
            for start, end in occurrences[minority]:
                if any(a >= start and b <= end for a, b in reported):
                    continue  # 在清山镇 after 清山镇: the same misspelling seen with more context
                reported.append((start, end))
                yield self.finding(
                    doc, start, end,
                    message=f"“{minority}”在本报告其他{len(occurrences[majority])}处写作“{majority}”，名称前后不一致",
                    suggestions=[majority],
                )
