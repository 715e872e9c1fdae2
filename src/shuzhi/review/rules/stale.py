"""Content that belongs to an earlier year: campaigns, anniversaries, and last year's dates."""

from __future__ import annotations

import re

from ...document import SectionKind
from ..knowledge import load_knowledge
from ..registry import Rule, implements

_CLAUSE_BREAK = re.compile(r"[，。；！？,;!?\n]")
_BOOK_TITLE = re.compile(r"《[^》\n]*》")


def clause_at(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between commas, stops and line breaks) holding text[start:end], within [lo, hi)."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, max(lo, start - 80), start)), default=max(lo, start - 80))
    m = _CLAUSE_BREAK.search(text, end, min(hi, end + 80))
    return left, m.start() if m else min(hi, end + 80)


def in_book_title(text: str, start: int, end: int, lo: int) -> bool:
    """Is this span inside 《…》, the name of a document rather than a statement?"""
    return any(m.start() < start and end < m.end() for m in _BOOK_TITLE.finditer(text, max(lo, start - 60), end + 60))


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
# For anniversaries, 期间 and 之际 mark the time of the celebration (“七一”期间, 建党100周年之际), not history.
_ANNIVERSARY_NOT_HISTORY = {"期间", "之际"}


def written_as_current(text: str, start: int, end: int, lo: int, hi: int, year: int | None = None,
                       verb_needed: bool = True, ignore: set[str] = frozenset()) -> bool:
    """Written as this year's own work: an action verb before it in its clause, no word of history, and no
    other year named in the clause (继续使用2021年庆祝建党100周年时编写的教材)."""
    knowledge = load_knowledge()
    c_start, c_end = clause_at(text, start, end, lo, hi)
    clause = text[c_start:c_end]
    if any(word in clause for word in knowledge.history_words if word not in ignore):
        return False
    if year is not None and any(int(m.group(1)) != year for m in _YEAR.finditer(clause)):
        return False
    # The verb may be part of the mention itself (喜迎二十大).
    return not verb_needed or any(word in text[c_start:end] for word in knowledge.current_words)


@implements("stale-campaign")
class StaleCampaign(Rule):
    def check(self, doc, ctx):
        if doc.year is None:
            return
        text = doc.text
        for campaign in load_knowledge().campaigns:
            first, last = campaign.years
            if doc.year <= last:
                continue
            for pattern in campaign.patterns:
                for m in pattern.finditer(text, doc.start, doc.end):
                    if in_book_title(text, m.start(), m.end(), doc.start):
                        continue
                    if not written_as_current(text, m.start(), m.end(), doc.start, doc.end, doc.year, not campaign.ongoing):
                        continue
                    period = f"{first}年" if first == last else f"{first}—{last}年"
                    unverified = "（日期待核实）" if not campaign.verified else ""
                    yield self.finding(
                        doc, m.start(), m.end(),
                        message=f"{doc.year}年度的报告把“{m.group()}”写成当年工作，但{campaign.name}属于{period}{unverified}；{campaign.instead}",
                    )


@implements("stale-anniversary")
class StaleAnniversary(Rule):
    def check(self, doc, ctx):
        if doc.year is None:
            return
        text = doc.text
        for anniversary in load_knowledge().anniversaries:
            for pattern in anniversary.patterns:
                for m in pattern.finditer(text, doc.start, doc.end):
                    when = anniversary.founded + int(m.group("n"))
                    # The coming year's anniversary may be prepared for (迎接建党100周年 in 2020).
                    if when in (doc.year, doc.year + 1) or in_book_title(text, m.start(), m.end(), doc.start):
                        continue
                    if not written_as_current(text, m.start(), m.end(), doc.start, doc.end, doc.year,
                                              ignore=_ANNIVERSARY_NOT_HISTORY):
                        continue
                    yield self.finding(
                        doc, m.start(), m.end(),
                        message=f"“{m.group()}”是{when}年（{anniversary.event}于{anniversary.founded}年），与报告年度{doc.year}年不符",
                    )


@implements("last-year-as-current")
class LastYearAsCurrent(Rule):
    """A 2023 report saying 2022年以来 in its account of the year: last year's report, copied."""

    def check(self, doc, ctx):
        if doc.year is None:
            return
        text = doc.text
        last = doc.year - 1
        since = re.compile(rf"(?<!\d){last}年度?以来")
        opening = re.compile(rf"{last}年度?(?:，|,|我|党|全年|是|在)")
        flagged = set()
        for m in since.finditer(text, doc.start, doc.end):
            if not in_book_title(text, m.start(), m.end(), doc.start):
                flagged.add(m.start())
                yield self._finding(doc, m.start(), m.end(), last)
        # A paragraph of the opening or of the 履职 part that starts with last year is about last year.
        performance = [(s.start, s.end) for s in doc.walk_sections() if s.kind == SectionKind.PERFORMANCE and not s.inline]
        opening_paragraph = doc.paragraphs[1][0] if len(doc.paragraphs) > 1 else -1
        for start, end in doc.paragraphs:
            if start in flagged or not (start == opening_paragraph or any(a <= start < b for a, b in performance)):
                continue
            m = opening.match(text, start, end)
            if m:
                yield self._finding(doc, start, start + len(str(last)) + 1, last)

    def _finding(self, doc, start, end, last):
        return self.finding(
            doc, start, end,
            message=f"{doc.year}年度的报告写“{doc.text[start:end]}”，像是沿用了{last}年的报告，请核实",
            suggestions=[doc.text[start:end].replace(str(last), str(doc.year), 1)],
        )
