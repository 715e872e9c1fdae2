"""Split a compilation (汇编) into its reports, using the titles listed in its 目录."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOC_HEAD = re.compile(r"^目\s*录$")
# Leading numbering of a table-of-contents entry, trailing dot leaders and page numbers.
_TOC_NUMBER = re.compile(r"^(?:\d{1,3}[.．、]|[（(]?\d{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)])\s*")
_TOC_TAIL = re.compile(r"(?:\s*[.．…·—\-_]{2,}\s*\d*|\s+\d{1,4}|\t+\d{1,4})\s*$")
_SPACE = re.compile(r"[\s\u3000]+")
_REPORT_TITLE = re.compile(r"述职|报告|汇报|发言|材料|总结|讲话")
_COUNT = re.compile(r"[（(]\s*(\d{1,4})\s*篇\s*[）)]")


@dataclass
class Part:
    start: int
    end: int
    title: str


@dataclass
class Split:
    parts: list[Part]
    title: str = ""
    # Where the first report begins: what comes before is the cover and the 目录.
    front_end: int = 0
    # Problems worth telling the user: a 目录 entry with no report, a count that does not match.
    warnings: list[str] = field(default_factory=list)

    @property
    def is_compilation(self) -> bool:
        return len(self.parts) > 1 or bool(self.warnings)


def _lines(text: str):
    pos = 0
    for raw in text.split("\n"):
        yield pos, pos + len(raw), raw.strip(" \t\r\u3000\ufeff")
        pos += len(raw) + 1


def normalize_title(title: str) -> str:
    return _SPACE.sub("", title).replace("（", "(").replace("）", ")")


def toc_title(line: str) -> str:
    line = _TOC_TAIL.sub("", line).strip()
    return _TOC_NUMBER.sub("", line).strip()


def _same_title(toc_entry: str, line: str) -> bool:
    """Is `line` the heading of the report listed in the 目录 as `toc_entry`?"""
    key, candidate = normalize_title(toc_entry), normalize_title(toc_title(line))
    return candidate == key or (len(candidate) <= len(key) + 30 and key in candidate)


def split_compilation(text: str, head_lines: int = 40) -> Split | None:
    """The reports of a compilation, or None when the text has no 目录 near its start."""
    lines = [line for line in _lines(text) if line[2]]
    toc_at = next((i for i, line in enumerate(lines[:head_lines]) if _TOC_HEAD.match(_SPACE.sub("", line[2]))), None)
    if toc_at is None:
        return None
    book_title = "".join(line[2] for line in lines[:toc_at])[:100]
    entries: list[str] = []
    i = toc_at + 1
    while i < len(lines):
        line = lines[i][2]
        title = toc_title(line)
        if entries and _same_title(entries[0], line):
            break  # the first report begins: the 目录 is over
        if len(line) > 80 or line.endswith(("。", "；", "！", "？")) or not title:
            break
        entries.append(title)
        i += 1
    # A single report may have its own 目录 of chapters (履职情况, 存在问题…): only titles of reports split a file.
    if len(entries) < 2 or sum(bool(_REPORT_TITLE.search(e)) for e in entries) * 2 < len(entries):
        return None
    parts: list[Part] = []
    warnings: list[str] = []
    j = i
    for title in entries:
        found = next((k for k in range(j, len(lines)) if _same_title(title, lines[k][2])), None)
        if found is None:
            warnings.append(f"目录中的《{title}》在正文中未找到，已并入前一篇")
            continue
        parts.append(Part(lines[found][0], len(text), title))
        j = found + 1
    for a, b in zip(parts, parts[1:] + [None]):
        if b is not None:
            a.end = b.start
        while a.end > a.start and text[a.end - 1] in "\r\n \t\u3000":
            a.end -= 1
    count = _COUNT.search(book_title)
    if count and int(count.group(1)) != len(entries):
        warnings.append(f"标题称共{count.group(1)}篇，目录列出{len(entries)}篇")
    if not parts:
        return None
    return Split(parts, book_title, front_end=parts[0].start, warnings=warnings)
