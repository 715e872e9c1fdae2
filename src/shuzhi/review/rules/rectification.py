"""RC: last year's 述职评议 problems in this year's report. Given the reporter's rectification items (the campaign's
整改台账, as shuzhi.campaign.rectification.RectItem): the report must have a part on 上年度问题整改情况 (RC001), that
part must speak of every item (RC002), and it must not say all is rectified while items are still open (RC003)."""

from __future__ import annotations

import re

from ...campaign.rectification import mentions, open_items
from ...document import SectionKind as K
from ..registry import Rule, implements
from .outline import _title_span, parts_of

# “已全部整改到位”“均已完成整改”“全部销号”: a claim that every problem is solved (基本整改到位 is not).
_ALL_DONE = re.compile(
    r"(?:全部|均已?|都已?|全都|悉数|一一|所有问题)(?:已经?|得到|按期|按时|如期)?(?:全面)?"
    r"(?:整改到位|整改完成|完成整改|完成了整改|整改完毕|整改落实到位|落实到位|销号|整改落实|完成销号|解决)"
)


def _passage(doc, ctx) -> tuple[int, int] | None:
    return passage(doc, ctx.cached("outline.parts", lambda: parts_of(doc)))


def passage(doc, parts=None) -> tuple[int, int] | None:
    """Where the report speaks of last year's problems: the part under such a heading, or from the paragraph that
    speaks of them up to the next part."""
    parts = parts_of(doc) if parts is None else parts
    found = parts.get(K.RECTIFICATION)
    if found is None:
        return None
    if found.by_heading:
        return found.start, found.end
    later = [p.start for p in parts.values() if p.start > found.start]
    return found.start, min(later, default=doc.end)


def _heading_span(doc, start: int) -> tuple[int, int]:
    s, e = doc.line_span(start)
    return s, max(e, s + 1)


@implements("rectification-part-missing")
class PartMissing(Rule):
    def check(self, doc, ctx):
        items = ctx.rectification
        if not items or _passage(doc, ctx) is not None:
            return
        start, end = _title_span(doc)
        still = len(open_items(items))
        yield self.finding(doc, start, end, message=(
            f"上年度述职评议反馈了{len(items)}个问题（{still}个尚未销号），报告没有“上年度问题整改情况”部分；"
            f"请逐条写出整改措施和结果"))


@implements("rectification-item-unmentioned")
class ItemUnmentioned(Rule):
    def check(self, doc, ctx):
        items = ctx.rectification
        span = _passage(doc, ctx) if items else None
        if span is None:
            return
        passage = doc.text[span[0]:span[1]]
        missed = [i for i in items if not mentions(i, passage)]
        if not missed:
            return
        start, end = _heading_span(doc, span[0])
        listed = "；".join(f"{i.number + ' ' if i.number else ''}“{i.short(30)}”（{i.state}）" for i in missed[:5])
        more = f"等{len(missed)}个" if len(missed) > 5 else ""
        # One finding for the part: the items are listed in it (and each in the JSON's rectification.items).
        yield self.finding(doc, start, end, message=(
            f"上年度反馈的{len(items)}个问题中，有{len(missed)}个在整改情况中没有提到：{listed}{more}"))


@implements("rectification-claimed-done")
class ClaimedDone(Rule):
    def check(self, doc, ctx):
        items = ctx.rectification
        still = open_items(items or ())
        if not still:
            return
        span = _passage(doc, ctx)
        where = span or (doc.start, doc.end)
        for m in _ALL_DONE.finditer(doc.text, *where):
            line_start, _ = doc.line_span(m.start())
            before = doc.text[max(line_start, m.start() - 30):m.start()]
            if re.search(r"(?:确保|力争|争取|将|要|务必|推动|限期|计划)[^，。；]*$", before):
                continue  # a promise, not a claim
            if span is None and not re.search(r"问题|反馈|整改", before + doc.text[m.end():m.end() + 10]):
                continue
            listed = "；".join(f"“{i.short()}”（{i.state}）" for i in still[:3]) + ("等" if len(still) > 3 else "")
            yield self.finding(doc, m.start(), m.end(), message=(
                f"报告说上年度问题已全部整改，但整改台账上还有{len(still)}个问题未销号：{listed}"))


def summary(doc, items) -> dict:
    """For the JSON and the pages: whether the report has the part, and for each item whether it is mentioned."""
    span = passage(doc)
    text = doc.text[span[0]:span[1]] if span else ""
    return {"part": span is not None, "part_start": span[0] if span else None,
            "items": [dict(i.as_dict(), mentioned=bool(span) and mentions(i, text)) for i in items]}
