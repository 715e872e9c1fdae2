"""The heading tree of a report, built from its numbering, and a kind for each section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import DocKind, Document, Section
from ..document import SectionKind as K
from .kinds import PLAIN_HEADING, kind_of, kinds_in
from .numbering import INLINE_SCHEMES, NESTED_INLINE, SCHEMES, Scheme

__all__ = ["Label", "find_labels", "parse_sections", "assign_kinds"]

_HEADING_END = re.compile(r"[。！？；：:]")
# An entry of a 目录: dot leaders or a tab, then a page number. Its label is not a heading.
_TOC_LINE = re.compile(r"(?:[.．…·—\-_]{2,}|\t)\s*\d{1,4}\s*$")
# Unnumbered headings found by their words (存在的主要问题) rank with the top numbered level.
_PLAIN = Scheme("plain", 1, False, re.compile(r"$^"), "")


@dataclass(frozen=True)
class Label:
    scheme: Scheme
    number: int
    start: int  # where the label begins
    end: int  # where the label ends and the heading text begins
    para_start: int
    para_end: int


def find_labels(doc: Document) -> list[Label]:
    """Every numbering label in the document, in text order (the title line excluded)."""
    text = doc.text
    labels: list[Label] = []
    paragraphs = doc.paragraphs
    first = 1 if paragraphs and doc.title and text[paragraphs[0][0] : paragraphs[0][1]].startswith(doc.title[:8]) else 0
    for ps, pe in paragraphs[first:]:
        line = text[ps:pe]
        if _TOC_LINE.search(line):
            continue
        for scheme in SCHEMES:
            m = scheme.pattern.match(line)
            if m:
                n = scheme.number(m)
                if n:
                    labels.append(Label(scheme, n, ps, ps + m.end(), ps, pe))
                break
        else:
            stripped = line.strip()
            if len(stripped) <= 24 and PLAIN_HEADING.match(stripped):
                labels.append(Label(_PLAIN, 0, ps, ps, ps, pe))
        for scheme in INLINE_SCHEMES:
            found = [(m, scheme.number(m)) for m in scheme.pattern.finditer(line)]
            found = [(m, n) for m, n in found if n]
            for k, (m, n) in enumerate(found):
                # A paragraph that opens with 二是 and goes on 一是…三是 holds a nested list; one that
                # opens with 一是 and goes on 二是 is a single list inside the paragraph.
                opens_paragraph = m.start("n") == 0 and not (k + 1 < len(found) and found[k + 1][1] == n + 1)
                used = scheme if opens_paragraph else NESTED_INLINE[scheme.name]
                labels.append(Label(used, n, ps + m.start("n"), ps + m.end(), ps, pe))
    labels.sort(key=lambda label: label.start)
    return labels


def _heading_text(text: str, label: Label) -> str:
    if label.scheme is _PLAIN:
        return text[label.para_start : label.para_end].strip().rstrip("：:")
    rest = text[label.end : label.para_end].lstrip(" \t\u3000")
    m = _HEADING_END.search(rest)
    heading = rest[: m.start()] if m else rest
    return heading[:60]


def parse_sections(doc: Document) -> list[Section]:
    """Build the section tree; a heading closes every open section of the same or a lower rank."""
    text = doc.text
    roots: list[Section] = []
    stack: list[tuple[Section, int]] = []

    def close(section: Section, end: int) -> None:
        while end > section.start and text[end - 1] in " \t\r\n\u3000":
            end -= 1
        section.end = end

    for label in find_labels(doc):
        rank = label.scheme.rank
        while stack and (stack[-1][1] >= rank or (stack[-1][0].inline and stack[-1][0].end <= label.start)):
            section, _ = stack.pop()
            if not section.inline or label.start < section.end:
                close(section, label.start)
        section = Section(
            level=len(stack) + 1,
            label="" if label.scheme is _PLAIN else text[label.start : label.end].strip(),
            heading=_heading_text(text, label),
            kind=K.OTHER,
            start=label.start,
            end=label.para_end if label.scheme.inline else doc.end,
            scheme=label.scheme.name,
            number=label.number,
            label_start=label.start,
            inline=label.scheme.inline,
        )
        (stack[-1][0].children if stack else roots).append(section)
        stack.append((section, rank))
    for section, _ in stack:
        if not section.inline:
            close(section, doc.end)
    assign_kinds(roots, doc.kind)
    return roots


def assign_kinds(roots: list[Section], doc_kind: str) -> None:
    """Give each section a kind: its own heading's, else its parent's."""

    def visit(section: Section, parent_kinds: list[str]) -> None:
        own = kinds_in(section.heading) if not section.inline else []
        if not parent_kinds:
            section.kind = kind_of(section.heading) if own else K.OTHER
        elif len(parent_kinds) > 1 and own and own[0] in parent_kinds:
            section.kind = own[0]
        else:
            section.kind = parent_kinds[0]
        mine = own if (not parent_kinds and len(own) > 1) else [section.kind]
        if section.kind == K.OTHER:
            mine = []
        for child in section.children:
            visit(child, mine)

    for root in roots:
        visit(root, [])
    # Untitled top-level parts before the first 问题/原因/打算 part of a 述职 report are its 履职 part.
    if doc_kind != DocKind.OTHER:
        for root in roots:
            if root.kind in (K.PROBLEMS, K.CAUSES, K.PLANS, K.RECTIFICATION):
                break
            if root.kind == K.OTHER and not root.inline:
                root.kind = K.PERFORMANCE
                for child in root.children:
                    visit(child, [K.PERFORMANCE])
