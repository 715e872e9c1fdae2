"""Empty talk: paragraphs of slogans without a checkable fact, and problems stated only in stock phrases."""

from __future__ import annotations

import re

from ...document import SectionKind as K
from ..concreteness import sentences
from ..knowledge import load_knowledge
from ..registry import Rule, implements

_HAN = re.compile(r"[\u4e00-\u9fff]")
# Parts where facts are expected: what was done, and what was special about it.
_FACTUAL_KINDS = (K.PERFORMANCE, K.HIGHLIGHTS, K.RECTIFICATION, K.COMMITMENTS)


def _sections_of_kind(doc, kinds) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.walk_sections() if s.kind in kinds and not s.inline and s.level == 1] or [
        (s.start, s.end) for s in doc.walk_sections() if s.kind in kinds and not s.inline
    ]


@implements("slogan-paragraph")
class SloganParagraph(Rule):
    def check(self, doc, ctx):
        min_chars = self.options.get("min_chars", 60)
        spans = _sections_of_kind(doc, _FACTUAL_KINDS)
        text = doc.text
        for start, end in doc.paragraphs:
            if not any(a <= start < b for a, b in spans) or len(_HAN.findall(text, start, end)) < min_chars:
                continue
            items = sentences(text, start, end)
            if items and not any(s.fact for s in items) and sum(s.slogan for s in items) * 2 >= len(items):
                yield self.finding(doc, start, end, message=self.message)


@implements("vague-problems")
class VagueProblems(Rule):
    """A 存在问题 part whose every problem is a stock phrase with nothing specific: 问题不具体."""

    def check(self, doc, ctx):
        stock = load_knowledge().problem_stock
        text = doc.text
        for start, end in _sections_of_kind(doc, (K.PROBLEMS,)):
            body_start = text.find("\n", start, end)
            if body_start == -1:
                body_start = start
            items = [s for s in sentences(text, body_start, end) if _HAN.search(text, s.start, s.end)]
            problems = [s for s in items if any(w in text[s.start : s.end] for w in stock)]
            if len(problems) < 2 or any(s.fact for s in items):
                continue
            heading_end = text.find("\n", start, end)
            yield self.finding(
                doc, start, heading_end if heading_end != -1 else min(end, start + 20),
                message=f"“存在问题”部分的{len(problems)}条问题都是套话（如“{_first_stock(text, problems[0], stock)}”），没有具体事例和数据，问题不具体",
            )


def _first_stock(text, sentence, stock) -> str:
    return next(w for w in stock if w in text[sentence.start : sentence.end])
