"""A branch's records as plain data: organizations, members, meetings, talks, appraisals, candidates for membership,
dues and elections. One record counts for everything it satisfies: a meeting carries a *set* of kinds."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .dates import Month

ORG_TYPES = ("党委", "党总支", "党支部")
SECTORS = ("机关", "村", "社区", "国企", "学校", "医院", "非公", "其他")
MEETING_KINDS = ("支部党员大会", "支部委员会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员")
# What people write for a kind in a register, and the kind it is.
MEETING_ALIASES = {
    "党员大会": "支部党员大会", "支部大会": "支部党员大会", "全体党员大会": "支部党员大会",
    "支委会": "支部委员会", "支部委员会会议": "支部委员会", "支委会议": "支部委员会",
    "党小组会议": "党小组会", "小组会": "党小组会",
    "专题党课": "党课", "上党课": "党课", "讲党课": "党课",
    "主题党日活动": "主题党日", "党日活动": "主题党日", "固定党日": "主题党日",
    "专题组织生活会": "组织生活会", "组织生活": "组织生活会",
    "民主评议": "民主评议党员", "民主评议党员会议": "民主评议党员",
}
OTHER_KINDS = ("谈心谈话", "发展党员", "党费", "换届")
KINDS = MEETING_KINDS + OTHER_KINDS
MEMBER_CATEGORIES = ("正式党员", "预备党员")
# 人员类别 for dues: the category decides how the amount is worked out (the 2008 dues rules).
DUES_CATEGORIES = ("在职", "离退休", "农民", "学生", "下岗失业", "生活困难", "个体", "免交", "其他")
CHANGE_KINDS = ("转入", "转出", "出党", "去世", "停止党籍", "恢复党籍")
# A change that takes a member off the branch's rolls from its date.
LEAVING = ("转出", "出党", "去世", "停止党籍")
APPRAISAL_GRADES = ("优秀", "合格", "基本合格", "不合格")
ATTENDANCE = ("出席", "请假", "缺席")


def _a_year_after(day: datetime.date) -> datetime.date:
    from .dates import add_years

    return add_years(day, 1)


@dataclass(slots=True)
class Organization:
    name: str
    type: str  # one of ORG_TYPES
    sector: str = "其他"
    parent: str | None = None
    key: object = None  # the caller's own identifier (a database id, a sheet row)
    label: str = ""  # the name to show, where `name` is only a key (the web app keys by id: names may repeat)

    @property
    def display(self) -> str:
        return self.label or self.name


@dataclass(slots=True)
class Change:
    kind: str  # one of CHANGE_KINDS
    date: datetime.date
    note: str = ""


@dataclass(slots=True)
class Member:
    name: str
    organization: str
    category: str = "正式党员"
    joined: datetime.date | None = None  # 入党日期: the 支部大会 that made them a 预备党员
    confirmed: datetime.date | None = None  # 转正日期
    birth: datetime.date | None = None
    group: str = ""  # 党小组
    mobile: bool = False  # 流动党员
    dues_category: str = "在职"
    dues_base: Decimal | None = None  # 党费基数: monthly income the dues are worked out from
    changes: list[Change] = field(default_factory=list)
    key: object = None
    _spans: list | None = field(default=None, repr=False, compare=False)

    def spans(self) -> list[tuple[datetime.date | None, datetime.date | None]]:
        """The stretches of time on this branch's rolls, as (first day, last day); None is open-ended."""
        if self._spans is None:
            changes = sorted(self.changes, key=lambda c: c.date)
            # Someone who joined elsewhere comes onto these rolls when transferred in; someone who joined here,
            # left and came back was here from joining.
            start = changes[0].date if changes and changes[0].kind == "转入" else self.joined
            spans, open_from = [], start
            on = True
            for c in changes:
                if c.kind in LEAVING and on:
                    spans.append((open_from, c.date - datetime.timedelta(days=1)))
                    on = False
                elif c.kind in ("转入", "恢复党籍") and not on:
                    open_from, on = c.date, True
            if on:
                spans.append((open_from, None))
            self._spans = spans
        return self._spans

    def on_rolls(self, day: datetime.date) -> bool:
        """On this branch's rolls that day: came (joined or transferred in) on or before it, not yet gone."""
        return any((a is None or a <= day) and (b is None or day <= b) for a, b in self.spans())

    def on_rolls_between(self, first: datetime.date, last: datetime.date) -> bool:
        """On the rolls on some day of [first, last]."""
        return any((a is None or a <= last) and (b is None or first <= b) for a, b in self.spans())

    def came(self) -> datetime.date | None:
        """The first day on these rolls (None: always, as far as the ledger knows)."""
        return self.spans()[0][0] if self.spans() else None

    def left(self) -> datetime.date | None:
        """The day after the last day on the rolls, for someone no longer on them."""
        spans = self.spans()
        return spans[-1][1] + datetime.timedelta(days=1) if spans and spans[-1][1] is not None else None

    def months_on_rolls(self, first: int, last: int) -> list[int]:
        """The months (Month.index) of [first, last] spent on the rolls from their first day to their last."""
        out: list[int] = []
        for a, b in self.spans():
            lo = first if a is None else max(first, a.year * 12 + a.month - 1 + (a.day > 1))
            hi = last if b is None else min(last, b.year * 12 + b.month - 1 - (b != Month.of(b).last))
            out.extend(range(lo, hi + 1))
        return out

    def full_member(self, day: datetime.date) -> bool:
        """A 正式党员 that day (a 预备党员 has no vote). Without a 转正日期, a 正式党员 admitted less than a year
        before that day was still on probation then (the probation is a year)."""
        if self.confirmed is not None:
            return self.confirmed <= day
        if self.category != "正式党员":
            return False
        return self.joined is None or day >= _a_year_after(self.joined)


@dataclass(slots=True)
class Attendance:
    name: str
    status: str = "出席"  # one of ATTENDANCE
    reason: str = ""


@dataclass(slots=True)
class Resolution:
    title: str = ""
    votes_for: int | None = None
    against: int | None = None
    abstain: int | None = None


@dataclass(slots=True)
class Meeting:
    date: datetime.date
    organization: str
    kinds: frozenset[str]
    topic: str = ""
    host: str = ""
    recorder: str = ""
    lecturer: str = ""  # 党课: who gave it
    group: str = ""  # 党小组会: which group
    expected: int | None = None  # 应到
    present: int | None = None  # 实到
    attendance: list[Attendance] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    key: object = None

    def attended(self) -> list[str]:
        return [a.name for a in self.attendance if a.status == "出席"]

    def present_count(self) -> int | None:
        """实到: counted from the attendance list where there is one, else as typed."""
        return len(self.attended()) if self.attendance else self.present


@dataclass(slots=True)
class Talk:
    date: datetime.date
    organization: str
    talker: str
    talkee: str
    key: object = None


@dataclass(slots=True)
class Appraisal:
    name: str
    organization: str
    year: int
    grade: str
    key: object = None


@dataclass(slots=True)
class Candidate:
    """Someone on the way to membership: each step of the 5 stages / 25 steps with its date (see development.py)."""

    name: str
    organization: str
    birth: datetime.date | None = None
    steps: dict[str, datetime.date] = field(default_factory=dict)
    hours: float | None = None  # 培训学时 of the short training of a 发展对象
    introducers: tuple[str, ...] = ()
    extensions: tuple[int, ...] = ()  # months of each extension of the probation (at most one is allowed)
    key: object = None


@dataclass(slots=True)
class Payment:
    name: str
    organization: str
    first: Month
    last: Month
    amount: Decimal
    key: object = None

    @property
    def months(self) -> int:
        return self.last.index - self.first.index + 1


@dataclass(slots=True)
class Election:
    organization: str
    date: datetime.date
    term_years: int | None = None  # None: the term the rules give for the organization's type and sector
    members: tuple[str, ...] = ()
    secretary: str = ""
    key: object = None


@dataclass
class Ledger:
    """Every record, with indexes by organization built once (`index()`)."""

    organizations: list[Organization] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    talks: list[Talk] = field(default_factory=list)
    appraisals: list[Appraisal] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    _by_org: dict | None = field(default=None, repr=False, compare=False)
    _orgs: dict | None = field(default=None, repr=False, compare=False)
    _kids: dict | None = field(default=None, repr=False, compare=False)

    def index(self) -> dict[str, dict[str, list]]:
        if self._by_org is None:
            by: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
            for name in ("members", "meetings", "talks", "appraisals", "candidates", "payments", "elections"):
                for record in getattr(self, name):
                    by[record.organization][name].append(record)
            for records in by.values():
                records["meetings"].sort(key=lambda m: m.date)
                records["elections"].sort(key=lambda e: e.date)
            self._by_org = by
        return self._by_org

    def of(self, organization: str, kind: str) -> list:
        records = self.index().get(organization)
        return records[kind] if records is not None else []

    def organization(self, name: str) -> Organization | None:
        if self._orgs is None or len(self._orgs) != len(self.organizations):
            self._orgs = {o.name: o for o in self.organizations}
        return self._orgs.get(name)

    def children(self, name: str) -> list[Organization]:
        return [o for o in self.organizations if o.parent == name]

    def subtree(self, name: str) -> list[Organization]:
        """The organization and everything below it, parents before children."""
        if self._kids is None or sum(map(len, self._kids.values())) != len(self.organizations):
            self._kids = defaultdict(list)
            for o in self.organizations:
                self._kids[o.parent].append(o)
        kids = self._kids
        out, todo = [], [o for o in self.organizations if o.name == name]
        while todo:
            o = todo.pop(0)
            out.append(o)
            todo[:0] = kids.get(o.name, [])
        return out
