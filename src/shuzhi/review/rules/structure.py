"""Heading numbering that skips, repeats, runs backwards or restarts; counts announced and not delivered."""

from __future__ import annotations

import re

from ...document import Section
from ...structure.numbering import SCHEME_BY_NAME, SCHEMES, cn_to_int
from ..registry import Rule, implements

# Schemes whose restart at 1 under the same parent is a defect; lower levels often start new lists.
_STRICT_RESTART = {"cn", "cn_paren"}


def _label(section: Section, number: int | None = None) -> str:
    return SCHEME_BY_NAME[section.scheme].label(section.number if number is None else number)


def _parent_example(scheme: str) -> str:
    rank = SCHEME_BY_NAME[scheme].rank
    above = [s for s in SCHEMES if s.rank < rank]
    return above[-1].label(2) if above else ""


@implements("heading-sequence")
class HeadingSequence(Rule):
    def check(self, doc, ctx):
        yield from self._siblings(doc, doc.sections)

    def _siblings(self, doc, children: list[Section]):
        last: dict[str, Section] = {}
        for child in children:
            if child.scheme == "plain":
                continue
            message = self._problem(child, last.get(child.scheme))
            if message:
                yield self.finding(doc, child.label_start, child.label_start + len(child.label), message=message)
            last[child.scheme] = child
            yield from self._siblings(doc, child.children)

    @staticmethod
    def _problem(child: Section, prev: Section | None) -> str | None:
        n = child.number
        here = _label(child)
        if prev is None:
            if n != 1:
                missing = "、".join(f"“{_label(child, k)}”" for k in range(1, min(n, 4)))
                return f"编号从“{here}”开始，缺少{missing}"
            return None
        p = prev.number
        if n == p + 1:
            return None
        if n == p:
            return f"编号“{here}”重复出现"
        if n > p + 1:
            missing = "、".join(f"“{_label(child, k)}”" for k in range(p + 1, min(n, p + 4)))
            return f"编号不连续：“{_label(prev)}”之后直接是“{here}”，缺少{missing}"
        if n == 1:
            if child.inline or child.scheme not in _STRICT_RESTART:
                return None  # a new enumeration (a new paragraph of 一是…, a new numbered list)
            parent = _parent_example(child.scheme)
            hint = f"（如“{parent}”）" if parent else ""
            return f"编号重新从“{here}”开始，但前面没有新的上一级标题{hint}"
        return f"编号顺序颠倒：“{here}”出现在“{_label(prev)}”之后"


_COUNT = r"(?P<n>[一二三四五六七八九十两]|\d{1,2})"
_ANNOUNCE = re.compile(
    r"(?:以下|如下|下列|下面)的?\s*" + _COUNT + r"\s*(?:个|点|条|项|大|类)(?:方面)?"
    r"|(?P<m>[一二三四五六七八九十两])\s*(?:个方面|方面|点|条|项)[^。；\n]{0,12}[：:]"
)
# 办实事15项，主要包括：一是…；意见12条，其中：一是…: what follows is a selection, not the whole count.
_SELECTION = re.compile(r"其中|包括|例如|比如|如：|举例|部分|主要有[^以如]")


@implements("count-mismatch")
class CountMismatch(Rule):
    """存在以下四个方面的问题 followed by 一是…三是: the items right after the announcement are counted."""

    def check(self, doc, ctx):
        text = doc.text
        sections = list(doc.walk_sections())
        for ps, pe in doc.paragraphs:
            for m in _ANNOUNCE.finditer(text, ps, pe):
                group = "n" if m.group("n") else "m"
                raw = m.group(group)
                announced = {"两": 2}.get(raw) or (int(raw) if raw.isdigit() else cn_to_int(raw))
                if not announced or announced < 2:
                    continue
                colon = re.search(r"[：:]", text[m.end() : pe])
                if _SELECTION.search(text, m.start(), m.end() + (colon.end() if colon else 12)):
                    continue
                items = _items_after(doc.sections, sections, m.end(), pe, doc.paragraphs)
                if len(items) < 2 or len(items) == announced:
                    continue
                listed = "、".join(_label(s) for s in items[:6])
                word = "只列出" if len(items) < announced else "却列出了"
                yield self.finding(
                    doc, *m.span(group),
                    message=f"前文说“{m.group(0).rstrip('：:')}”，后面{word}{len(items)}项（{listed}）",
                )


def _items_after(roots: list[Section], sections: list[Section], pos: int, para_end: int, paragraphs) -> list[Section]:
    """The enumeration that starts right after `pos`: in the same paragraph or at the next one."""
    next_para = next((s for s, _ in paragraphs if s > para_end), None)
    first = None
    for section in sections:
        if section.label_start < pos:
            continue
        same_para = section.inline and section.label_start < para_end
        if same_para or section.label_start == next_para:
            first = section
        break
    if first is None:
        return []
    parent_children = next((s.children for s in sections if any(c is first for c in s.children)), roots)
    siblings = [s for s in parent_children if s.scheme == first.scheme and s.start >= first.start]
    run = []
    for s in siblings:
        if run and s.number != run[-1].number + 1:
            break
        run.append(s)
    return run
