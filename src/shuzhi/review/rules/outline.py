"""The parts a report of its kind must have: present, in order, not empty; and the right kind of report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import DocKind, Document
from ...document import SectionKind as K
from ...structure.kinds import kinds_in
from ..knowledge import load_knowledge
from ..registry import Rule, implements

_HAN = re.compile(r"[\u4e00-\u9fff]")
_CANONICAL = (K.PERFORMANCE, K.HIGHLIGHTS, K.COMMITMENTS, K.RECTIFICATION, K.PROBLEMS, K.CAUSES, K.PLANS)


@dataclass(frozen=True)
class PartFound:
    kind: str
    start: int  # where the part begins (its heading, or the paragraph that speaks of it)
    end: int
    by_heading: bool


def parts_of(doc: Document) -> dict[str, PartFound]:
    """The first place each kind of part appears: by a heading, else by a paragraph's words."""
    found: dict[str, PartFound] = {}
    for section in doc.walk_sections():
        if section.inline:
            continue
        for kind in set(kinds_in(section.heading)) | {section.kind}:
            if kind != K.OTHER and kind not in found:  # sections come in text order: the first wins
                found[kind] = PartFound(kind, section.start, section.end, True)
    cues = load_knowledge().cues
    text = doc.text
    for start, end in doc.paragraphs[1:]:
        for kind, patterns in cues.items():
            if kind in found:
                continue
            if any(p.search(text, start, end) for p in patterns):
                found[kind] = PartFound(kind, start, end, False)
    return found


def _title_span(doc: Document) -> tuple[int, int]:
    if doc.paragraphs:
        return doc.paragraphs[0]
    return doc.start, min(doc.end, doc.start + 1)


def required_parts(doc: Document, config) -> tuple[str, ...]:
    outline = load_knowledge().outlines.get(doc.kind)
    if outline is None:
        return ()
    required = outline.required
    if config.require_rectification and K.RECTIFICATION not in required:
        required += (K.RECTIFICATION,)
    return required


@implements("missing-part")
class MissingPart(Rule):
    def check(self, doc, ctx):
        required = required_parts(doc, ctx.config)
        if not required:
            return
        found = ctx.cached("outline.parts", lambda: parts_of(doc))
        missing = [k for k in required if k not in found]
        if ctx.rectification:  # RC001 says it with last year's problems
            missing = [k for k in missing if k != K.RECTIFICATION]
        start, end = _title_span(doc)
        for kind in missing:
            yield self.finding(
                doc, start, end,
                message=f"缺少“{kind}”部分（{doc.kind}报告应包括：{'、'.join(required)}）",
            )


@implements("part-order")
class PartOrder(Rule):
    def check(self, doc, ctx):
        required = required_parts(doc, ctx.config)
        found = ctx.cached("outline.parts", lambda: parts_of(doc))
        present = [found[k] for k in _CANONICAL if k in found and k in required and found[k].by_heading]
        for earlier, later in zip(present, present[1:]):
            if later.start < earlier.start:
                line_end = doc.text.find("\n", later.start, later.end)
                yield self.finding(
                    doc, later.start, line_end if line_end != -1 else later.end,
                    message=f"“{later.kind}”出现在“{earlier.kind}”之前，顺序应为：{'、'.join(k for k in _CANONICAL if k in required)}",
                )


@implements("empty-part")
class EmptyPart(Rule):
    def check(self, doc, ctx):
        required = set(required_parts(doc, ctx.config))
        if not required:
            return
        text = doc.text
        for section in doc.walk_sections():
            if section.inline or section.kind not in required or section.children:
                continue
            heading_line_end = text.find("\n", section.start, section.end)
            body = text[heading_line_end:section.end] if heading_line_end != -1 else ""
            # A heading that carries its text on the same line: （一）抓学习。全年学习12次……
            same_line = text[section.start : heading_line_end if heading_line_end != -1 else section.end]
            rest_of_line = same_line[len(section.label) + len(section.heading) :]
            if len(_HAN.findall(body)) + len(_HAN.findall(rest_of_line)) < 4:
                yield self.finding(
                    doc, section.start, min(section.end, section.start + len(section.label) + len(section.heading)),
                    message=f"“{section.kind}”部分只有标题，没有内容",
                )


@implements("wrong-report-kind")
class WrongReportKind(Rule):
    """A personal work report sent in where a Party-building report was asked for."""

    def check(self, doc, ctx):
        if doc.kind == DocKind.PERSONAL and ctx.config.expected_kind == DocKind.PARTY_BUILDING:
            start, end = _title_span(doc)
            yield self.finding(
                doc, start, end,
                message="这是一份个人年度工作述职报告，不是抓基层党建工作述职报告：应围绕履行抓党建第一责任人职责来写",
            )
