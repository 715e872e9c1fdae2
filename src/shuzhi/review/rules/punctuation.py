"""Quotes and brackets: unbalanced, pointing the wrong way, or half-width inside Chinese (GB/T 15834)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..registry import Rule, implements
from ..text import HAN

_HAS_HAN = re.compile(f"[{HAN}]")
# 1）, a) and 一) open a list item, at the start of a line or after a clause break.
_LIST_LABEL = re.compile(r"(?:^|[；;。，,：:\s])[\dA-Za-z一二三四五六七八九十]{1,2}$")

_BRACKET_CHARS = re.compile(r"[（(【《〈「『\[）)】》〉」』\]]")
_QUOTE_CHARS = {"double": re.compile("[“”]"), "single": re.compile("[‘’]")}
_OPENERS = {"（": "paren", "(": "paren", "【": "lenticular", "《": "book", "〈": "book1", "「": "corner", "『": "corner2", "[": "square"}
_CLOSERS = {"）": "paren", ")": "paren", "】": "lenticular", "》": "book", "〉": "book1", "」": "corner", "』": "corner2", "]": "square"}
_NAMES = {
    "paren": "括号", "lenticular": "方头括号", "book": "书名号", "book1": "单书名号",
    "corner": "直角引号", "corner2": "直角引号", "square": "方括号", "double": "引号", "single": "单引号",
}


@dataclass(frozen=True)
class Issue:
    code: str
    start: int
    end: int
    message: str
    suggestion: str | None = None


_WRAP_ENDS = tuple("。！？；：”’」』）)…!?;:")
_LABEL_START = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,3}[、.．）)]|[一二三四五六七八九十]是|[①-⑳]")


def _blocks(doc) -> list[tuple[int, int]]:
    """Paragraphs, with lines hard-wrapped inside a sentence (text copied from a PDF) joined again."""
    text = doc.text
    blocks: list[tuple[int, int]] = []
    for s, e in doc.paragraphs:
        if blocks:
            ps, pe = blocks[-1]
            gap = text[pe:s]
            wrapped = gap in ("\n", "\r\n") and pe - ps >= 15 and not text[pe - 1].endswith(_WRAP_ENDS)
            if wrapped and not _LABEL_START.match(text, s):
                blocks[-1] = (ps, e)
                continue
        blocks.append((s, e))
    return blocks


def analyze(doc) -> list[Issue]:
    """Every quote and bracket problem of the document, paragraph by paragraph."""
    text = doc.text
    issues: list[Issue] = []
    paragraphs = _blocks(doc)
    for k, (ps, pe) in enumerate(paragraphs):
        line = text[ps:pe]
        following = text[paragraphs[k + 1][0]] if k + 1 < len(paragraphs) else ""
        _quotes(line, ps, "“", "”", "double", following == "“", issues)
        _quotes(line, ps, "‘", "’", "single", following == "‘", issues)
        _brackets(line, ps, issues)
        _straight_quotes(line, ps, issues)
    return issues


def _quotes(line: str, base: int, left: str, right: str, kind: str, continues: bool, issues: list[Issue]) -> None:
    name = _NAMES[kind]
    seq = [(m.start(), m.group()) for m in _QUOTE_CHARS[kind].finditer(line)]
    seq = [(i, ch) for i, ch in seq if ch == left or not _apostrophe(line, i)]
    open_at = None
    for k, (i, ch) in enumerate(seq):
        nxt = seq[k + 1][1] if k + 1 < len(seq) else None
        if ch == left:
            if open_at is None:
                open_at = i
            elif nxt != right:
                issues.append(Issue("PU002", base + i, base + i + 1, f"{name}方向错误：这里应为右{name}“{right}”", right))
                open_at = None
            else:
                issues.append(Issue("PU001", base + open_at, base + open_at + 1, f"左{name}“{left}”没有配对的右{name}“{right}”"))
                open_at = i
        elif open_at is not None:
            open_at = None
        elif nxt == right:
            issues.append(Issue("PU002", base + i, base + i + 1, f"{name}方向错误：这里应为左{name}“{left}”", left))
            open_at = i
        else:
            issues.append(Issue("PU001", base + i, base + i + 1, f"右{name}“{right}”没有配对的左{name}“{left}”"))
    # A quotation running over several paragraphs opens each of them and closes only the last.
    if open_at is not None and not continues:
        issues.append(Issue("PU001", base + open_at, base + open_at + 1, f"左{name}“{left}”没有配对的右{name}“{right}”"))


def _apostrophe(line: str, i: int) -> bool:
    return 0 < i < len(line) - 1 and line[i - 1].isascii() and line[i - 1].isalpha() and line[i + 1].isascii() and line[i + 1].isalpha()


def _brackets(line: str, base: int, issues: list[Issue]) -> None:
    stack: list[tuple[int, str]] = []
    for m in _BRACKET_CHARS.finditer(line):
        i, ch = m.start(), m.group()
        if ch in _OPENERS:
            stack.append((i, ch))
            continue
        family = _CLOSERS[ch]
        if family == "paren" and _LIST_LABEL.search(line, max(0, i - 4), i) and not any(
            _OPENERS[o] == "paren" for _, o in stack
        ):
            continue  # 1）, a) and 一) are list labels, not closing brackets
        depth = next((d for d in range(len(stack) - 1, -1, -1) if _OPENERS[stack[d][1]] == family), None)
        if depth is None:
            name = _NAMES[family]
            issues.append(Issue("PU001", base + i, base + i + 1, f"右{name}“{ch}”没有配对的左{name}", ""))
            continue
        for j, opener in stack[depth + 1 :]:
            name = _NAMES[_OPENERS[opener]]
            issues.append(Issue("PU001", base + j, base + j + 1, f"左{name}“{opener}”没有配对的右{name}"))
        j, opener = stack[depth]
        del stack[depth:]
        if family == "paren":
            _paren_width(line, base, j, i, opener, ch, issues)
    for j, opener in stack:
        name = _NAMES[_OPENERS[opener]]
        issues.append(Issue("PU001", base + j, base + j + 1, f"左{name}“{opener}”没有配对的右{name}"))


def _paren_width(line: str, base: int, j: int, i: int, opener: str, closer: str, issues: list[Issue]) -> None:
    """Half-width or mixed parentheses around Chinese text should be full-width."""
    if opener == "（" and closer == "）":
        return
    inner = line[j + 1 : i]
    around = line[max(0, j - 1) : j] + line[i + 1 : i + 2]
    if opener == "(" and closer == ")" and not (_HAS_HAN.search(inner) or (_HAS_HAN.search(around) and not inner.isascii())):
        return  # (1), (PPT), (a): ASCII content keeps ASCII brackets
    if (opener == "（") != (closer == "）"):
        message = "括号全角半角混用，应统一为全角括号“（）”"
    else:
        message = "中文里使用了半角括号，应为全角括号“（）”"
    issues.append(Issue("PU004", base + j, base + i + 1, message, f"（{inner}）"))


def _straight_quotes(line: str, base: int, issues: list[Issue]) -> None:
    if '"' not in line or not _HAS_HAN.search(line):
        return
    positions = [i for i, ch in enumerate(line) if ch == '"']
    for a, b in zip(positions[0::2], positions[1::2]):
        inner = line[a + 1 : b]
        if _HAS_HAN.search(inner) or _HAS_HAN.search(line[max(0, a - 1) : a] + line[b + 1 : b + 2]):
            issues.append(Issue("PU005", base + a, base + b + 1, "中文里使用了半角引号，应为“”", f"“{inner}”"))
    if len(positions) % 2:
        last = positions[-1]
        issues.append(Issue("PU001", base + last, base + last + 1, '半角引号"没有配对'))


class _IssueRule(Rule):
    """Reports the issues of its own code from the shared quote-and-bracket analysis."""

    def check(self, doc, ctx):
        for issue in ctx.cached("punctuation.analyze", lambda: analyze(doc)):
            if issue.code == self.code:
                suggestions = [] if issue.suggestion is None else [issue.suggestion]
                yield self.finding(doc, issue.start, issue.end, message=issue.message, suggestions=suggestions)


@implements("unbalanced-pairs")
class UnbalancedPairs(_IssueRule):
    pass


@implements("reversed-quotes")
class ReversedQuotes(_IssueRule):
    pass


@implements("halfwidth-brackets")
class HalfwidthBrackets(_IssueRule):
    pass


@implements("halfwidth-quotes")
class HalfwidthQuotes(_IssueRule):
    pass
