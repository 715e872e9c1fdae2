"""RC: last year's 述职评议 problems in this year's report. Given the reporter's rectification items (the campaign's
整改台账, as shuzhi.campaign.rectification.RectItem): the report must have a part on 上年度问题整改情况 (RC001), that
part must speak of every item (RC002), and it must not say all is rectified while items are still open (RC003)."""

from __future__ import annotations

import re

from ...campaign.rectification import RectItem, open_items
from ...document import SectionKind as K
from ..lexicon import is_word
from ..registry import Rule, implements
from .outline import _title_span, parts_of

# Whether a report "addresses" a problem is judged by the problem's own words: its subject terms (组织生活会, 谈心谈话,
# 党费 …, from a list of the subjects problems are about) and, failing those, its other dictionary words. A problem
# counts as mentioned when the passage holds one of its subject terms or half of its other words; the rules flag
# only what is not mentioned, so a loose match errs towards silence.

# The subjects problems are about: one of these in the passage is a mention of the problem that names it.
SUBJECTS = (
    "三会一课", "支部党员大会", "党员大会", "支部委员会", "支委会", "党小组会", "党小组", "党课", "主题党日", "组织生活会",
    "民主生活会", "民主评议", "谈心谈话", "谈心", "发展党员", "入党积极分子", "积极分子", "发展对象", "预备党员", "转正",
    "党费", "换届", "选举", "理论学习", "学习教育", "政治理论", "意识形态", "阵地", "活动场所", "台账", "档案",
    "流动党员", "党员教育", "党员管理", "作用发挥", "先锋模范", "党建责任", "主体责任", "一岗双责", "书记抓党建",
    "党建品牌", "党建引领", "基层治理", "乡村振兴", "党风廉政", "廉政", "作风", "形式主义", "队伍建设", "后备力量",
    "年轻党员", "老党员", "困难党员", "志愿服务", "数字", "模板", "雷同", "错别字", "提法",
)
# Other names of a subject (a subject is also met by any shorter subject inside it: 谈心 for 谈心谈话).
_ALIASES = {"支部委员会": ("支委会", "支委"), "支委会": ("支部委员会", "支委"), "支部党员大会": ("党员大会",),
            "入党积极分子": ("积极分子",), "主题党日": ("党日",), "党课": ("讲党课", "上党课"), "组织生活会": ("组织生活",)}
_SUBJECT_RE = re.compile("|".join(sorted(map(re.escape, SUBJECTS), key=len, reverse=True)))
# Words of a problem that say nothing of its subject.
_GENERIC = frozenset(
    "问题 整改 存在 不够 不足 不到位 不高 不强 不深 不严 不实 不全 有待 进一步 加强 提高 提升 落实 开展 工作 情况 方面 一些 部分 个别 仍然 还 较 比较 "
    "没有 未 未能 做到 要求 规定 按时 按照 显示 台账显示 报告 中有 处 名 次 个 全年 年度 党员 支部 党支部 党组织 组织 "
    "把 写 成 当年 往年 其他 文件 内容 质量 深入 规范 及时 到位 力度 程度 效果 作用 意识 能力 水平 机制 措施 举措".split())


def _words(text: str) -> list[str]:
    """The dictionary words of a text's Han runs, longest first at each place (four characters down to two)."""
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        i = 0
        while i < len(run):
            for n in (4, 3, 2):
                if i + n <= len(run) and is_word(run[i:i + n]):
                    out.append(run[i:i + n])
                    i += n
                    break
            else:
                i += 1
    return out


def _terms(text: str) -> tuple[set[str], set[str]]:
    """The subject terms of a problem, and its other content words."""
    subjects = set(_SUBJECT_RE.findall(text))
    rest = _SUBJECT_RE.sub(" ", re.sub(r"[（(][^）)]*[）)]", " ", text))
    words = {w for w in _words(rest) if w not in _GENERIC}
    return subjects, words


def mentions(item: RectItem, passage: str) -> bool:
    """Whether the passage speaks of the item's problem."""
    if item.number and re.search(rf"(?<![\d-]){re.escape(item.number)}(?![\d-])", passage):
        return True
    subjects, words = _terms(item.problem)
    if subjects:
        return any(name in passage for s in subjects for name in _names(s))
    if not words:
        return True  # a problem with no words of its own to look for is not flagged
    return sum(w in passage for w in words) * 2 >= len(words)


def _names(subject: str) -> set[str]:
    return {subject, *_ALIASES.get(subject, ()), *(s for s in SUBJECTS if s != subject and s in subject)}


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
