"""The few data types every layer passes along: Document, Section, Finding."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

SEVERITIES = ("error", "warning", "info")

# Two-letter family prefix -> category name used in the JSON output.
CATEGORIES = {
    "PH": "placeholder",
    "AR": "artifact",
    "TY": "typo",
    "FM": "formulation",
    "DU": "duplication",
    "ST": "stale",
    "SC": "structure",
    "PU": "punctuation",
    "CO": "consistency",
    "NU": "numbers",
    "SY": "style",
    "RE": "reuse",
    "LD": "ledger",
    "RC": "rectification",
}

CATEGORY_LABELS = {
    "placeholder": "占位符",
    "artifact": "残留杂质",
    "typo": "错别字",
    "formulation": "规范提法",
    "duplication": "重复",
    "stale": "陈旧内容",
    "structure": "结构",
    "punctuation": "标点",
    "consistency": "前后一致",
    "numbers": "数字",
    "style": "文风",
    "reuse": "雷同",
    "ledger": "与台账不符",
    "rectification": "上年度整改",
}

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

# How safe a suggestion is to apply: only "safe" may ever be applied automatically.
SAFETIES = ("safe", "review", "advice")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    safety: str | None = None


@dataclass(slots=True)
class Section:
    level: int
    label: str
    heading: str
    kind: str
    start: int
    end: int
    scheme: str = ""
    number: int = 0
    label_start: int = 0
    inline: bool = False
    children: list[Section] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class DocKind:
    PARTY_BUILDING = "党建述职"
    DUTY_INTEGRITY = "述责述廉"
    PERSONAL = "个人述职"
    OTHER = "其他"


class SectionKind:
    PERFORMANCE = "履职情况"
    HIGHLIGHTS = "特色亮点"
    COMMITMENTS = "承诺兑现"
    PROBLEMS = "存在问题"
    CAUSES = "原因分析"
    PLANS = "下一步打算"
    RECTIFICATION = "上年度问题整改"
    REFLECTIONS = "认识体会"
    OTHER = "其他"


@dataclass(eq=False)
class Document:
    """One report: a span [start, end) of a source file's decoded text."""

    source: str
    text: str
    start: int = 0
    end: int | None = None
    title: str = ""
    year: int | None = None
    kind: str = DocKind.OTHER
    sections: list[Section] = field(default_factory=list)
    # Offsets where PDF pages begin (empty for other formats).
    pages: tuple[int, ...] = ()
    # The input format: txt, docx, pdf, or the legacy format a .docx was converted from.
    format: str = "txt"
    # The cover and 目录 of a compilation: checked for placeholders and debris, not scored as a report.
    front_matter: bool = False

    def __post_init__(self):
        if self.end is None:
            self.end = len(self.text)

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]

    def walk_sections(self):
        for section in self.sections:
            yield from section.walk()

    @cached_property
    def _line_starts(self) -> list[int]:
        return line_starts(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset into the source text."""
        starts = self._line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start and end (without the line break) of the line holding offset."""
        starts = self._line_starts
        i = bisect.bisect_right(starts, offset) - 1
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
        if end > starts[i] and self.text[end - 1] == "\r":
            end -= 1
        return starts[i], end

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Non-blank lines of this document as (start, end), line breaks excluded."""
        out = []
        text = self.text
        pos = self.start
        while pos < self.end:
            nl = text.find("\n", pos, self.end)
            stop = self.end if nl == -1 else nl
            s, e = pos, stop
            while s < e and text[s] in " \t\r\u3000\ufeff":
                s += 1
            while e > s and text[e - 1] in " \t\r\u3000":
                e -= 1
            if s < e:
                out.append((s, e))
            pos = stop + 1
        return out


def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts
