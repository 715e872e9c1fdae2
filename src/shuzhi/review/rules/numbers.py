"""Numbers that contradict themselves, dates outside the year, and number forms per GB/T 15835."""

from __future__ import annotations

import re

from ...document import SectionKind as K
from ..registry import Rule, implements
from .stale import in_book_title

_SENTENCE = re.compile(r"[^。！？；\n]+")
_UNITS = "名|人|个|次|项|家|户|村|支|处|篇|场|件"
_PART = re.compile(rf"(\d+)\s*({_UNITS})")
_AMONG = re.compile(rf"(\d+)\s*({_UNITS})[\u4e00-\u9fff]{{1,8}}中[，,]?(?:有)?(\d+)\s*(\2)")
_RATE = re.compile(r"(率|比例|满意度|占比|覆盖面|完成度|知晓度)[^，。；\d%]{0,6}?(\d+(?:\.\d+)?)\s*[%％]")
_GROWTH = re.compile(r"增长|提高|提升|上升|增幅|同比|环比|增加|翻")
_FULLWIDTH_DIGITS = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
_MIXED_YEAR = re.compile(r"[一二][〇零○0Ｏ][一二三四五六七八九〇零○0Ｏ]{2}年")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_HISTORY = re.compile(r"自|从|以来|截至|截止|期间|此前|当时|成立|创建|设立|始于|起")


@implements("part-exceeds-total")
class PartExceedsTotal(Rule):
    """现有党员23名，其中青年党员26名; 26个党支部中28个: a part larger than the whole."""

    def check(self, doc, ctx):
        text = doc.text
        for sentence in _SENTENCE.finditer(text, doc.start, doc.end):
            s, e = sentence.span()
            for part, value, unit in self._parts_over_total(text, s, e):
                yield self.finding(
                    doc, part.start(1), part.end(2),
                    message=f"“其中”的{part.group(1)}{unit}大于总数{value}{unit}，数字相互矛盾",
                )

    @staticmethod
    def _parts_over_total(text: str, s: int, e: int):
        where = text.find("其中", s, e)
        if where != -1:
            # The whole is the last count before 其中 in the same unit as the part.
            before = list(_PART.finditer(text, s, where))
            for part in _PART.finditer(text, where, e):
                total = next((m for m in reversed(before) if m.group(2) == part.group(2)), None)
                if total and int(part.group(1)) > int(total.group(1)):
                    yield part, int(total.group(1)), part.group(2)
        for m in _AMONG.finditer(text, s, e):
            if int(m.group(3)) > int(m.group(1)):
                yield _Shifted(m), int(m.group(1)), m.group(2)


class _Shifted:
    """The part of a 26个党支部中28个 match, shaped like a _PART match."""

    def __init__(self, m: re.Match):
        self.m = m

    def start(self, group: int) -> int:
        return self.m.start(3)

    def end(self, group: int) -> int:
        return self.m.end(4)

    def group(self, n: int) -> str:
        return self.m.group(3) if n == 1 else self.m.group(4)


@implements("rate-over-100")
class RateOver100(Rule):
    def check(self, doc, ctx):
        text = doc.text
        for m in _RATE.finditer(text, doc.start, doc.end):
            value = float(m.group(2))
            if value <= 100:
                continue
            clause_start = max(doc.start, m.start() - 12)
            if _GROWTH.search(text, clause_start, m.start(2)):
                continue  # 增长120% is a growth, not a share
            yield self.finding(
                doc, m.start(2), m.end(),
                message=f"{m.group(1)}为{m.group(2)}%，超过100%，请核实",
            )


@implements("date-outside-year")
class DateOutsideYear(Rule):
    """A date in the account of the year's work that is not in that year (nor the end of the one before)."""

    def check(self, doc, ctx):
        if doc.year is None:
            return
        text = doc.text
        spans = [(s.start, s.end) for s in doc.walk_sections() if s.kind == K.PERFORMANCE and not s.inline]
        for m in _DATE.finditer(text, doc.start, doc.end):
            year, month = int(m.group(1)), int(m.group(2))
            if year == doc.year or (year == doc.year - 1 and month == 12) or not any(a <= m.start() < b for a, b in spans):
                continue
            clause_start = max(doc.start, m.start() - 10)
            if _HISTORY.search(text, clause_start, m.end() + 4) or in_book_title(text, m.start(), m.end(), doc.start):
                continue
            yield self.finding(
                doc, m.start(), m.end(),
                message=f"{doc.year}年度履职情况中出现“{m.group()}”，不在本年度，请核实是否沿用了往年内容",
            )


@implements("number-form")
class NumberForm(Rule):
    """Full-width digits and 二0二三年: GB/T 15835 writes numbers in half-width Arabic digits or in 〇."""

    def check(self, doc, ctx):
        text = doc.text
        for m in _FULLWIDTH_DIGITS.finditer(text, doc.start, doc.end):
            shown = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else "." for c in m.group())
            yield self.finding(doc, m.start(), m.end(), message=f"全角数字“{m.group()}”应写作半角“{shown}”", suggestions=[shown])
        for m in _MIXED_YEAR.finditer(text, doc.start, doc.end):
            fixed = re.sub("[零○0Ｏ]", "〇", m.group())
            if fixed != m.group():
                yield self.finding(doc, m.start(), m.end(), message=f"年份“{m.group()}”中的零应写作“〇”", suggestions=[fixed])
