"""A first draft of the report from the year's facts: the parts the review engine expects, every number from the
ledger with a Word comment naming the records it counts, and what the ledger cannot know left as prompts
(【请填写：…】) that the placeholder rule flags, so an unfinished draft never passes review.

The draft invents nothing and holds no stock paragraph: a sentence appears only where the ledger has its figures.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.run import Run

from ..ledger.facts import Fact, Facts
from ..ledger.items import OVERDUE, Item
from ..review.knowledge import load_knowledge
from .layout import BODY_PT, STANDARD, TITLE_PT, Fonts, body_format, page_setup, set_font

AUTHOR = "shuzhi 台账"
INITIALS = "SZ"
NUMERALS = "一二三四五六七八九十"
_SHEETS = {"会议": "会议", "党员": "党员", "党费": "党费", "发展党员": "发展党员", "谈心谈话": "谈心谈话", "民主评议": "民主评议",
           "党组织": "党组织", "换届选举": "换届选举"}
_WEB = {"meeting": "会议记录", "member": "党员", "payment": "党费记录", "candidate": "发展党员", "talk": "谈心谈话记录",
        "appraisal": "民主评议结果", "election": "换届选举", "org": "党组织"}


def describe(refs: tuple[str, ...], limit: int = 12) -> str:
    """The records a figure counts, as a reader finds them: “会议”表第5、9行 / 会议记录 #12、#15."""
    if not refs:
        return "没有对应的记录"
    groups: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        if "!" in ref:
            sheet, row = ref.split("!", 1)
            groups[f"“{_SHEETS.get(sheet, sheet)}”表第"].append(row)
        elif ":" in ref:
            kind, pk = ref.split(":", 1)
            groups[f"{_WEB.get(kind, kind)} #"].append(pk)
        else:
            groups["记录 "].append(ref)
    parts = []
    for head, keys in groups.items():
        shown = "、".join(keys[:limit]) + ("等" if len(keys) > limit else "")
        parts.append(f"{head}{shown}{'行' if head.endswith('第') else ''}")
    return f"共{len(refs)}条：" + "；".join(parts)


@dataclass
class _Piece:
    text: str
    fact: Fact | None = None
    note: str = ""  # a comment of its own (a prompt's guidance, an item's source)


class _Writer:
    def __init__(self, fonts: Fonts):
        self.fonts = fonts
        self.doc = docx.Document()
        page_setup(self.doc)

    def _runs(self, paragraph, pieces: list[_Piece], font: str, size: float, bold: bool = False) -> None:
        for piece in pieces:
            run = paragraph.add_run(piece.text)
            set_font(run, font, self.fonts.latin, size, bold)
            comment = piece.note
            if piece.fact is not None:
                comment = f"来自台账：{piece.fact.label} {piece.fact.text}。{describe(piece.fact.records)}" + (
                    f"。{piece.fact.note}" if piece.fact.note else "")
            if comment:
                self.doc.add_comment([Run(run._r, paragraph)], text=comment, author=AUTHOR, initials=INITIALS)

    def title(self, text: str) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        body_format(p, first_line_indent=False)
        p.paragraph_format.line_spacing = None
        p.paragraph_format.space_after = docx.shared.Pt(BODY_PT * 1.5)
        self._runs(p, [_Piece(text)], self.fonts.title, TITLE_PT)

    def heading(self, level: int, label: str, pieces: list[_Piece]) -> None:
        p = self.doc.add_paragraph()
        body_format(p)
        font = self.fonts.heading1 if level == 1 else self.fonts.heading2
        self._runs(p, [_Piece(label)] + pieces, font, BODY_PT)

    def paragraph(self, pieces: list[_Piece]) -> None:
        p = self.doc.add_paragraph()
        body_format(p)
        self._runs(p, pieces, self.fonts.body, BODY_PT)

    def prompt(self, what: str, guidance: str) -> None:
        self.paragraph([prompt(what, guidance)])

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def prompt(what: str, guidance: str) -> _Piece:
    """【请填写：what】, short enough for the placeholder rule (PH005) to flag; the guidance goes into a comment."""
    if len(what) > 14:
        raise ValueError(f"prompt too long for PH005: {what}")
    return _Piece(f"【请填写：{what}】", note=f"请用本单位的具体做法、事例和数据替换这一处：{guidance}（填好后删去方括号）")


def _num(fact: Fact | None) -> str:
    if fact is None or fact.value is None:
        return ""
    v = fact.value
    if isinstance(v, float) and fact.unit == "%":
        return f"{v * 100:.1f}".rstrip("0").rstrip(".")
    return str(v)


class _Sentence:
    """Clauses joined with 、 or ，, each naming a fact; a clause whose figure is zero or unknown is left out."""

    def __init__(self, facts: Facts):
        self.facts, self.clauses, self._verb = facts, [], ""

    def add(self, before: str, key: str, after: str, keep_zero: bool = False, verb: str = "") -> bool:
        """A clause `verb before N after`; the verb is left out where the clause before had the same one."""
        f = self.facts.get(key)
        if f is None or f.value is None or (not keep_zero and not f.value):
            return False
        said = verb if verb and verb != self._verb else ""
        self._verb = verb or self._verb
        self.clauses.append([_Piece(said + before), _Piece(_num(f), f), _Piece(after)])
        return True

    def pieces(self, head: str = "", sep: str = "，", end: str = "。") -> list[_Piece]:
        if not self.clauses:
            return []
        out = [_Piece(head)] if head else []
        for i, clause in enumerate(self.clauses):
            if i:
                out.append(_Piece(sep))
            out += clause
        out.append(_Piece(end))
        return out


def _who(facts: Facts) -> str:
    org = facts.organization
    if org.type == "党支部":
        return "支部"
    return org.display


def draft_bytes(facts: Facts, items: list[Item] | None = None, fonts: Fonts = STANDARD, kind: str = "党建述职") -> bytes:
    """The draft of `facts.organization`'s report for `facts.year` as .docx bytes; `items` are the year's obligations
    (their overdue ones are listed in the 存在问题 part, as what the ledger shows)."""
    outline = load_knowledge().outlines.get(kind)
    if outline is None:
        raise ValueError(f"未知的报告类型：{kind}")
    org, year = facts.organization, facts.year
    w = _Writer(fonts)
    position = {"党支部": "党支部书记", "党总支": "党总支书记", "党委": "党委书记"}.get(org.type, "书记")
    name = org.display
    title = f"{year}年度{name}{'书记' if name.endswith(('党支部', '党总支', '党委', '党组')) else position}抓基层党建工作述职报告"
    w.title(title)
    w.prompt("开头语", "一两句话说明一年来履行抓基层党建工作第一责任人职责的总体情况；不要照抄套话")
    parts = {"履职情况": lambda n: _performance(w, facts, n), "存在问题": lambda n: _problems(w, facts, items or [], n),
             "原因分析": lambda n: _simple(w, n, "原因分析", "问题的原因分析", "对照存在的问题，从思想认识、工作机制、能力作风等方面剖析原因，实事求是"),
             "下一步打算": lambda n: _simple(w, n, "下一步打算", "下一步工作打算", "针对存在的问题提出具体、可检查的措施和时限"),
             "上年度问题整改": lambda n: _simple(w, n, "上年度问题整改情况", "上年度问题整改情况", "逐条写出上年度述职评议反馈问题的整改措施和结果")}
    order = list(outline.required) + (["上年度问题整改"] if "上年度问题整改" in outline.optional else [])
    for n, part in enumerate(order):
        if part in parts:
            parts[part](n)
    return w.bytes()


def _simple(w: _Writer, n: int, heading: str, what: str, guidance: str) -> None:
    w.heading(1, f"{NUMERALS[n]}、", [_Piece(heading)])
    w.prompt(what, guidance)


def _performance(w: _Writer, facts: Facts, n: int) -> None:
    w.heading(1, f"{NUMERALS[n]}、", [_Piece("履职情况")])
    k = 0

    def sub(heading: str) -> None:
        nonlocal k
        w.heading(2, f"（{NUMERALS[k]}）", [_Piece(heading)])
        k += 1

    who = _who(facts)
    sub("党员队伍和组织建设")
    s = _Sentence(facts)
    if facts.get("organizations.branches") is not None and facts.get("organizations.branches").value:
        s.add("下设党支部", "organizations.branches", "个")
    s.add("共有党员", "members.end", "名", keep_zero=True)
    head = [_Piece(f"截至{facts.year}年12月31日，{who}")]
    pieces = s.pieces()
    if pieces:
        detail = _Sentence(facts)
        detail.add("正式党员", "members.full", "名", keep_zero=True)
        detail.add("预备党员", "members.probationary", "名")
        w.paragraph(head + pieces[:-1] + detail.pieces(head="，其中", sep="、"))
    changes = _Sentence(facts)
    for key, before in (("members.转入", "转入党员"), ("members.转出", "转出党员"), ("members.去世", "党员去世"), ("members.出党", "出党")):
        changes.add(before, key, "名")
    if changes.clauses:
        w.paragraph(changes.pieces(head="全年"))
    elected = facts.get("committee.elected")
    if elected is not None and elected.value is not None:
        label = "支部委员会" if facts.organization.type == "党支部" else "委员会"
        members = facts.get("committee.members")
        count = len([x for x in re.split("[、，,]", str(members.value)) if x and x != "（未登记）"]) if members else 0
        pieces = [_Piece(f"本届{label}自"), _Piece(elected.text, elected), _Piece("选举产生以来")]
        if count:
            pieces += [_Piece(f"，委员{count}名", members)]
        w.paragraph(pieces + [_Piece("。")])
    w.prompt("组织建设的主要做法", "写班子建设、支部标准化规范化建设等方面的具体做法和事例")

    sub("组织生活")
    s = _Sentence(facts)
    for verb, before, key in (("召开", "支部党员大会", "meetings.支部党员大会"), ("召开", "支部委员会会议", "meetings.支部委员会"),
                              ("召开", "党小组会", "meetings.党小组会"), ("上", "党课", "meetings.党课"),
                              ("开展", "主题党日", "meetings.主题党日"), ("召开", "组织生活会", "meetings.组织生活会"),
                              ("开展", "民主评议党员", "meetings.民主评议党员")):
        s.add(before, key, "次", verb=verb)
    if s.clauses:
        w.paragraph(s.pieces(head="全年", sep="、"))
    extra = _Sentence(facts)
    extra.add("书记讲党课", "meetings.党课.secretary", "次")
    extra.add("开展谈心谈话", "talks.total", "人次")
    if extra.clauses:
        w.paragraph(extra.pieces())
    grades = _Sentence(facts)
    for grade in ("优秀", "合格", "基本合格", "不合格"):
        grades.add(grade, f"appraisal.{grade}", "名")
    total = _Sentence(facts)
    if total.add("参加民主评议党员", "appraisal.total", "名"):
        w.paragraph(total.pieces()[:-1] + grades.pieces(head="，评定为", sep="、"))
    w.prompt("组织生活的做法和成效", "写三会一课、主题党日的内容和效果，举一两件具体的事")

    dev = _Sentence(facts)
    for before, key, after in (("收到入党申请书", "development.applied", "份"), ("确定入党积极分子", "development.activists", "名"),
                               ("确定发展对象", "development.targets", "名"), ("接收预备党员", "development.admitted", "名"),
                               ("预备党员按期转正", "development.confirmed", "名"), ("延长预备期", "development.extended", "名")):
        dev.add(before, key, after)
    if dev.clauses:
        sub("发展党员")
        w.paragraph(dev.pieces(head="全年"))
    due, paid = facts.get("dues.due"), facts.get("dues.paid")
    if paid is not None and paid.value:
        sub("党费收缴")
        dues = _Sentence(facts)
        dues.add("应交党费", "dues.due", "元")
        dues.add("实交", "dues.paid", "元", keep_zero=True)
        dues.add("收缴率", "dues.rate", "%")
        pieces = dues.pieces()
        arrears = _Sentence(facts)
        arrears.add("尚有", "dues.arrears.people", "名党员")
        arrears.add("欠交", "dues.arrears.amount", "元")
        if arrears.clauses:
            pieces = pieces[:-1] + [_Piece("；")] + arrears.pieces(sep="")
        w.paragraph(pieces)
        del due
    w.heading(2, f"（{NUMERALS[k]}）", [prompt("其他工作", "写本年度抓党建促业务等其他方面的做法和成效")])


def _problems(w: _Writer, facts: Facts, items: list[Item], n: int) -> None:
    w.heading(1, f"{NUMERALS[n]}、", [_Piece("存在问题")])
    # What the ledger shows was not done. A missing dues book (no payment recorded at all) says nothing of the dues.
    late = [i for i in items if i.status == OVERDUE and not (i.kind == "党费" and i.person is None)]
    if late:
        own = facts.organization.name
        labels = {o: o for o in facts.scope}
        if facts.labels:
            labels.update(facts.labels)
        by_code: dict[tuple[str, str], list[Item]] = defaultdict(list)
        for i in late:
            by_code[(i.organization, i.code)].append(i)
        pieces = [_Piece("台账记录显示：")]
        for k, ((where, code), group) in enumerate(by_code.items()):
            first = group[0]
            what = first.title
            if first.person:  # names stay in the comment: a report speaks of the branch, not of persons
                text = f"{len(group)}名党员{_short(first)}"
            else:
                periods = _periods([i.period for i in group])
                text = f"{'、'.join(periods[:6])}{'等' if len(periods) > 6 else ''}{_short(first)}"
            if where != own:  # a branch's, in its 党委's report
                text = f"{labels.get(where, where)}{text}"
            names = "、".join(i.person or i.period for i in group[:30])
            pieces.append(_Piece(("；" if k else "") + text.rstrip("。"), note=f"{what}（{code}）：{names}。依据：{first.source}"))
        pieces.append(_Piece("。"))
        w.paragraph(pieces)
    w.prompt("存在的主要问题", "对照台账显示的情况和上级要求，写出具体、不遮不掩的问题，避免“还不够”“有待加强”之类的套话")


def _periods(labels: list[str]) -> list[str]:
    """Each period once, the year named once: 2023年1月、3月、第二季度."""
    out, year = [], None
    for label in dict.fromkeys(labels):
        m = re.match(r"(\d{4}年)(.+)", label)
        if m and m[1] == year and not m[2].startswith("度"):
            out.append(m[2])
        else:
            out.append(label)
            year = m[1] if m else None
    return out


def _short(item: Item) -> str:
    """What an item says is missing, without its period or person: 未开展主题党日 / 全年没有谈心谈话记录."""
    from ..ledger.rules import default_rules

    versions = default_rules().versions(item.code)
    rule = versions[0] if versions else None
    check = rule.check if rule else ""
    if check == "frequency":
        return f"未{rule.param('activity', '开展' + item.kind)}"
    return {"coverage": "全年没有谈心谈话记录", "dues": "党费未按月足额交纳", "lapse": "连续六个月以上没有交纳党费记录"}.get(
        check, f"未做到“{item.title}”")
