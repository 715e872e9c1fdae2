"""Facts for a year: what an organization (with everything below it) did, counted from the ledger, each figure with
the records it counts — what a report may claim and a draft may say."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from . import development as dev
from .dates import Month, add_years
from .dues import CENT, monthly_due, paid_by_month
from .records import APPRAISAL_GRADES, MEETING_KINDS, Ledger, Organization
from .rules import RuleSet, default_rules


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: object
    unit: str = ""
    records: tuple[str, ...] = ()
    note: str = ""

    def as_dict(self) -> dict:
        value = self.value
        if isinstance(value, Decimal):
            value = float(value)
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        return {"label": self.label, "value": value, "unit": self.unit, "records": list(self.records), "note": self.note or None}

    @property
    def text(self) -> str:
        v = self.value
        if isinstance(v, datetime.date):
            return f"{v.year}年{v.month}月{v.day}日"
        if isinstance(v, float):
            return f"{v:.1%}" if self.unit == "%" else f"{v:g}"
        return f"{v}{'' if self.unit == '%' else self.unit}"


@dataclass
class Facts:
    organization: Organization
    year: int
    scope: list[str]
    facts: list[Fact] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # the name to show of each organization of the scope

    def add(self, key: str, label: str, value, unit: str = "", records=(), note: str = "") -> None:
        self.facts.append(Fact(key, label, value, unit, tuple(str(r) for r in records if r is not None), note))

    def get(self, key: str) -> Fact | None:
        return next((f for f in self.facts if f.key == key), None)

    def as_dict(self) -> dict:
        return {"version": 1, "organization": self.organization.name, "type": self.organization.type,
                "sector": self.organization.sector, "year": self.year, "scope": self.scope,
                "facts": {f.key: f.as_dict() for f in self.facts}}


def year_facts(ledger: Ledger, name: str, year: int, rules: RuleSet | None = None, as_of: datetime.date | None = None) -> Facts:
    """The facts of `name` and the organizations below it for `year` (dues owed up to as_of, for a year not over);
    KeyError for an unknown organization."""
    org = ledger.organization(name)
    if org is None:
        raise KeyError(name)
    rules = rules or default_rules()
    orgs = ledger.subtree(name)
    names = [o.name for o in orgs]
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    out = Facts(org, year, names, labels={o.name: o.display for o in orgs})

    def records(kind: str):
        return [r for n in names for r in ledger.of(n, kind)]

    branches = [o for o in orgs[1:] if o.type == "党支部"]
    if len(orgs) > 1:
        out.add("organizations.branches", "下属党支部", len(branches), "个", [o.key for o in branches])
        out.add("organizations.total", "下属党组织", len(orgs) - 1, "个", [o.key for o in orgs[1:]])

    members = records("members")
    start = [m for m in members if m.on_rolls(first - datetime.timedelta(days=1))]
    end = [m for m in members if m.on_rolls(last)]
    out.add("members.start", "年初党员", len(start), "名", [m.key for m in start])
    out.add("members.end", "年末党员", len(end), "名", [m.key for m in end])
    full = [m for m in end if m.full_member(last)]
    out.add("members.full", "其中正式党员", len(full), "名", [m.key for m in full])
    out.add("members.probationary", "其中预备党员", len(end) - len(full), "名", [m.key for m in end if not m.full_member(last)])
    joined = [m for m in members if m.joined and first <= m.joined <= last]
    out.add("members.joined", "新入党（支部大会通过为预备党员）", len(joined), "名", [m.key for m in joined])
    for kind, label in (("转入", "转入"), ("转出", "转出"), ("出党", "出党"), ("去世", "去世"), ("停止党籍", "停止党籍")):
        changed = [m for m in members if any(c.kind == kind and first <= c.date <= last for c in m.changes)]
        out.add(f"members.{kind}", label, len(changed), "名", [m.key for m in changed])
    mobile = [m for m in end if m.mobile]
    out.add("members.mobile", "流动党员", len(mobile), "名", [m.key for m in mobile])

    meetings = [m for m in records("meetings") if first <= m.date <= last]
    for kind in MEETING_KINDS:
        held = [m for m in meetings if kind in m.kinds]
        out.add(f"meetings.{kind}", kind, len(held), "次", [m.key for m in held])
    lectures = [m for m in meetings if "党课" in m.kinds and m.lecturer]
    secretary = next((e.secretary for e in reversed(ledger.of(name, "elections")) if e.date <= last and e.secretary), "")
    mine = [m for m in lectures if secretary and m.lecturer == secretary]
    out.add("meetings.党课.secretary", f"书记{secretary}讲党课" if secretary else "书记讲党课", len(mine) if secretary else None, "次",
            [m.key for m in mine], note="" if secretary else "未登记书记姓名")
    by_lecturer = Counter(m.lecturer for m in lectures)
    out.add("meetings.党课.lecturers", "党课主讲人", "、".join(f"{k}{v}次" for k, v in by_lecturer.most_common()) or "（未登记）",
            records=[m.key for m in lectures])
    combined = [m for m in meetings if len(m.kinds) > 1]
    out.add("meetings.combined", "一次会议同时算作几种的", len(combined), "次", [m.key for m in combined],
            note="同一次会议按每种类型各计一次")

    appraisals = [a for a in records("appraisals") if a.year == year]
    grades = Counter(a.grade for a in appraisals)
    out.add("appraisal.total", "参加民主评议党员", len(appraisals), "名", [a.key for a in appraisals])
    for grade in APPRAISAL_GRADES:
        out.add(f"appraisal.{grade}", f"评为{grade}", grades.get(grade, 0), "名", [a.key for a in appraisals if a.grade == grade])

    talks = [t for t in records("talks") if first <= t.date <= last]
    out.add("talks.total", "谈心谈话", len(talks), "人次", sorted({t.key for t in talks}))
    reached = {n for t in talks for n in (t.talker, t.talkee)} & {m.name for m in end}
    out.add("talks.members", "谈过话的党员", len(reached), "名")

    candidates = records("candidates")
    named = {(c.organization, c.name) for c in candidates}
    for key, label, step in (("applied", "递交入党申请书", dev.APPLIED), ("activists", "确定入党积极分子", dev.ACTIVIST),
                             ("targets", "确定发展对象", dev.TARGET), ("admitted", "接收预备党员", dev.ADMITTED),
                             ("confirmed", "预备党员转正", dev.CONFIRMED)):
        keys = [c.key for c in candidates if first <= c.steps.get(step, datetime.date.min) <= last]
        # The roster knows admissions and conversions a development file may not hold.
        if key == "admitted":
            keys += [m.key for m in members if m.joined and first <= m.joined <= last and (m.organization, m.name) not in named]
        if key == "confirmed":
            keys += [m.key for m in members if m.confirmed and first <= m.confirmed <= last and (m.organization, m.name) not in named]
        out.add(f"development.{key}", label, len(keys), "名", keys)
    ends = [(c, dev.probation_end(c.steps)) for c in candidates if c.extensions]  # the year ends: extension decided
    extended = [c for c, end in ends if end is not None and first <= end <= last]
    out.add("development.extended", "延长预备期", len(extended), "名", [c.key for c in extended])

    from .obligations import default_as_of

    _dues(out, ledger, names, year, rules, as_of or default_as_of(year))
    # How many records of each kind the year has at all: a claim about a kind with none cannot be checked.
    for kind, label in (("members", "党员名册"), ("meetings", "会议记录"), ("talks", "谈心谈话记录"), ("candidates", "发展党员记录"),
                        ("payments", "党费记录"), ("appraisals", "民主评议记录")):
        n = len(records(kind)) if kind in ("members", "candidates") else len([r for r in records(kind) if _in_year(r, first, last)])
        out.add(f"records.{kind}", label, n, "条")
    _committee(out, ledger, org, last, rules)
    return out


def _in_year(record, first: datetime.date, last: datetime.date) -> bool:
    if hasattr(record, "date"):
        return first <= record.date <= last
    if hasattr(record, "year") and isinstance(record.year, int):
        return record.year == first.year
    return record.first.first <= last and record.last.last >= first  # a payment's months


def _dues(out: Facts, ledger: Ledger, names: list[str], year: int, rules: RuleSet, as_of: datetime.date) -> None:
    """应交 and 实交 over the months of the year that have begun; 欠交 over those whose quarter has ended (dues may be
    paid by the quarter, as DS001 has it)."""
    rule = rules.in_force("DS001", datetime.date(year, 1, 1))
    params = dict(rule.params) if rule else {}
    months = [Month(year, i) for i in range(1, 13) if Month(year, i).first <= as_of]
    closed = {mo for mo in months if Month(year, (mo.month - 1) // 3 * 3 + 3).last < as_of}
    due_total, paid_total, owing = Decimal(0), Decimal(0), []
    priced = True
    keys = []
    for n in names:
        payments = ledger.of(n, "payments")
        by_person: dict[str, list] = {}
        for p in payments:
            by_person.setdefault(p.name, []).append(p)
            if p.first.year <= year <= p.last.year:
                keys.append(p.key)
        for m in ledger.of(n, "members"):
            owed = [mo for mo in months if m.on_rolls(mo.first) and m.on_rolls(mo.last)]
            if not owed:
                continue
            due = monthly_due(m, params)
            paid = paid_by_month(by_person.get(m.name, []))
            got = sum((paid.get(mo.index, Decimal(0)) for mo in owed), Decimal(0))
            paid_total += got
            if due is None:
                priced = False
                continue
            due_total += due * len(owed)
            ended = [mo for mo in owed if mo in closed]
            paid_ended = sum((paid.get(mo.index, Decimal(0)) for mo in ended), Decimal(0))
            if paid_ended + Decimal("0.1") * len(ended) < due * len(ended):
                owing.append((m, due * len(ended) - paid_ended))
    out.add("dues.due", "党费应交", due_total.quantize(CENT), "元", note="" if priced else "部分党员未登记党费基数，未计入应交")
    out.add("dues.paid", "党费实交", paid_total.quantize(CENT), "元", keys)
    rate = float(min(paid_total, due_total) / due_total) if due_total else None
    out.add("dues.rate", "党费收缴率", rate, "%", note="实交÷应交（超额交纳不计）")
    out.add("dues.arrears.people", "欠交党费的党员", len(owing), "名", [m.key for m, _ in owing])
    out.add("dues.arrears.amount", "欠交金额", sum((a for _, a in owing), Decimal(0)).quantize(CENT), "元")


def _committee(out: Facts, ledger: Ledger, org: Organization, last: datetime.date, rules: RuleSet) -> None:
    from .checks import term_years

    elections = [e for e in ledger.of(org.name, "elections") if e.date <= last]
    if not elections:
        out.add("committee.elected", "本届选举日期", None, note="未登记")
        return
    e = elections[-1]
    rule = rules.in_force("TM001", last)
    years = e.term_years or (term_years(rule, org.type, org.sector) if rule else 3)
    out.add("committee.elected", "本届选举日期", e.date, records=[e.key])
    out.add("committee.term", "任期", years, "年")
    out.add("committee.expires", "任期届满", add_years(e.date, years))
    out.add("committee.members", "委员", "、".join(e.members) or "（未登记）", records=[e.key])
    out.add("committee.secretary", "书记", e.secretary or "（未登记）", records=[e.key])
    out.add("committee.elections", "本年换届", sum(1 for x in elections if x.date.year == last.year), "次",
            [x.key for x in elections if x.date.year == last.year])


def organization_named_in(ledger: Ledger, title: str) -> str | None:
    """The ledger's organization a report's title names (the longest name found in it), if exactly one is the
    longest; None otherwise (then the caller must say which)."""
    names = [o.display for o in ledger.organizations if o.display and o.display in (title or "")]
    if not names:
        return None
    longest = max(map(len, names))
    found = [n for n in names if len(n) == longest]
    if len(found) != 1:
        return None
    return next(o.name for o in ledger.organizations if o.display == found[0])


@dataclass(frozen=True)
class LedgerCheck:
    """A ledger to check reports against (shuzhi check --ledger): the organization given, or the one each report's
    title names."""

    ledger: Ledger
    organization: str | None = None
    source: str = ""

    def facts_for(self, title: str, year: int | None) -> tuple[dict | None, str, str]:
        """(the facts by key, the organization, a note to show when there are none)."""
        name = self.organization or organization_named_in(self.ledger, title)
        if name is None:
            return None, "", f"未能从标题确定报告属于台账中的哪个党组织，没有对照台账（用 --org 指定）"
        if year is None:
            return None, name, "报告没有写明年度，没有对照台账（用 --year 指定）"
        facts = year_facts(self.ledger, name, year)
        return {f.key: f for f in facts.facts}, name, ""
