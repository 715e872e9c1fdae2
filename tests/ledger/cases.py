"""Every ledger rule with a case that meets it and one that does not, at its boundary: as data, so that the
engine's tests and the web app's (the same records stored in the database and read back) run the same cases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from shuzhi.ledger import development as dev
from shuzhi.ledger.dates import Month
from shuzhi.ledger.items import DONE, OPEN, OVERDUE, SOON
from shuzhi.ledger.records import (
    Appraisal,
    Attendance,
    Candidate,
    Change,
    Election,
    Ledger,
    Meeting,
    Member,
    Organization,
    Payment,
    Resolution,
    Talk,
)

D = datetime.date
BRANCH = "测试第一党支部"
TOP = "测试机关党委"
PEOPLE = ["甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七", "辛八", "壬九", "癸十"]


@dataclass
class Case:
    code: str
    name: str
    ledger: Ledger
    year: int
    as_of: datetime.date
    expect: str | None  # the status of the selected item; None: no such item at all
    period: str | None = None  # select the item of this period (or person, or group)
    person: str | None = None
    group: str | None = None
    config: dict = field(default_factory=dict)
    organization: str = BRANCH

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def ledger(members: int = 10, sector: str = "机关", committee: int = 3, **records) -> Ledger:
    """One 党支部 under one 党委, with `members` 正式党员 since 2010 and a committee elected in 2022."""
    led = Ledger(organizations=[Organization(TOP, "党委", sector), Organization(BRANCH, "党支部", sector, TOP)])
    led.members = [Member(n, BRANCH, "正式党员", D(2010, 1, 1), D(2011, 1, 1), D(1980, 1, 1), dues_base=Decimal(3000))
                   for n in PEOPLE[:members]]
    led.elections = [Election(BRANCH, D(2022, 6, 1), None, tuple(PEOPLE[:committee]), PEOPLE[0])]
    for name, values in records.items():
        getattr(led, name).extend(values)
    return led


def meeting(day: datetime.date, *kinds: str, **kw) -> Meeting:
    return Meeting(day, kw.pop("organization", BRANCH), frozenset(kinds), "学习", **kw)


def vote(day, present: int, votes_for: int, against: int = 0, abstain: int = 0, title: str = "年度工作计划") -> Meeting:
    return meeting(day, "支部党员大会", attendance=[Attendance(n) for n in PEOPLE[:present]],
                   resolutions=[Resolution(title, votes_for, against, abstain)])


def candidate(steps: dict, **kw) -> Candidate:
    return Candidate("申请人", BRANCH, kw.pop("birth", D(1995, 5, 5)), steps, **kw)


def pay(first: Month, last: Month, amount: str, name: str = PEOPLE[0]) -> Payment:
    return Payment(name, BRANCH, first, last, Decimal(amount))


def _cases() -> list[Case]:
    c: list[Case] = []
    add = c.append
    # MT001: the quarter ends on 3月31日.
    add(Case("MT001", "第一季度最后一天召开", ledger(meetings=[meeting(D(2023, 3, 31), "支部党员大会")]), 2023, D(2023, 4, 2), DONE, period="2023年第一季度"))
    add(Case("MT001", "4月1日召开不算第一季度", ledger(meetings=[meeting(D(2023, 4, 1), "支部党员大会")]), 2023, D(2023, 4, 2), OVERDUE, period="2023年第一季度"))
    add(Case("MT001", "季度最后半月未开为即将到期", ledger(), 2023, D(2023, 3, 20), SOON, period="2023年第一季度"))
    # MT002: January ends on the 31st; only a branch with a committee.
    add(Case("MT002", "1月31日召开", ledger(meetings=[meeting(D(2023, 1, 31), "支部委员会")]), 2023, D(2023, 2, 2), DONE, period="2023年1月"))
    add(Case("MT002", "2月1日召开不算1月", ledger(meetings=[meeting(D(2023, 2, 1), "支部委员会")]), 2023, D(2023, 2, 2), OVERDUE, period="2023年1月"))
    add(Case("MT002", "只设书记的支部不要求支委会", ledger(committee=1), 2023, D(2023, 2, 2), None, period="2023年1月"))
    unnamed = ledger(members=10)
    unnamed.elections[0].members = ()  # 委员 not recorded: 7 or more 正式党员 means a committee
    add(Case("MT002", "没登记委员的按正式党员7人以上", unnamed, 2023, D(2023, 2, 2), OVERDUE, period="2023年1月"))
    # MT003: each 党小组 by itself.
    grouped = ledger()
    for i, m in enumerate(grouped.members):
        m.group = "第一党小组" if i < 5 else "第二党小组"
    grouped.meetings.append(meeting(D(2023, 1, 31), "党小组会", group="第一党小组"))
    add(Case("MT003", "第一党小组开了", grouped, 2023, D(2023, 2, 1), DONE, period="2023年1月", group="第一党小组"))
    add(Case("MT003", "第二党小组没开", grouped, 2023, D(2023, 2, 1), OVERDUE, period="2023年1月", group="第二党小组"))
    add(Case("MT003", "没有党小组不要求", ledger(), 2023, D(2023, 2, 1), None, period="2023年1月"))
    # MT004: one meeting that is three kinds counts for each.
    combined = ledger(meetings=[meeting(D(2023, 5, 31), "支部委员会", "党课", "主题党日")])
    add(Case("MT004", "支委会兼主题党日只登记一次", combined, 2023, D(2023, 6, 1), DONE, period="2023年5月"))
    add(Case("MT004", "6月没有主题党日", combined, 2023, D(2023, 7, 1), OVERDUE, period="2023年6月"))
    add(Case("MT002", "同一次会议也算支委会", combined, 2023, D(2023, 6, 1), DONE, period="2023年5月"))
    # MT005: a local practice; switched off in shuzhi.toml.
    add(Case("MT005", "第二季度有党课", combined, 2023, D(2023, 7, 1), DONE, period="2023年第二季度"))
    add(Case("MT005", "第一季度没有党课", combined, 2023, D(2023, 7, 1), OVERDUE, period="2023年第一季度"))
    add(Case("MT005", "关闭后不提示", combined, 2023, D(2023, 7, 1), None, period="2023年第一季度", config={"ignore": ["MT005"]}))
    add(Case("MT005", "改为每季度2次", combined, 2023, D(2023, 7, 1), OVERDUE, period="2023年第二季度", config={"threshold": {"MT005": 2}}))
    # MT006: at least once a year, reminded from the fourth quarter.
    add(Case("MT006", "12月31日召开", ledger(meetings=[meeting(D(2023, 12, 31), "组织生活会")]), 2023, D(2024, 1, 1), DONE, period="2023年度"))
    add(Case("MT006", "全年没开", ledger(), 2023, D(2024, 1, 1), OVERDUE, period="2023年度"))
    add(Case("MT006", "第四季度提示", ledger(), 2023, D(2023, 10, 1), SOON, period="2023年度"))
    add(Case("MT006", "年中尚未到期", ledger(), 2023, D(2023, 6, 1), OPEN, period="2023年度"))
    # MT007: the appraisal results count as the appraisal held.
    add(Case("MT007", "登记了评议等次", ledger(appraisals=[Appraisal(PEOPLE[0], BRANCH, 2023, "合格")]), 2023, D(2024, 1, 1), DONE, period="2023年度"))
    add(Case("MT007", "没有评议", ledger(appraisals=[Appraisal(PEOPLE[0], BRANCH, 2022, "合格")]), 2023, D(2024, 1, 1), OVERDUE, period="2023年度"))
    # MT008: the 党委's secretary lectures in a branch below it.
    top = ledger(meetings=[meeting(D(2023, 6, 1), "党课", lecturer="委书记")])
    top.elections.append(Election(TOP, D(2021, 1, 1), None, ("委书记",), "委书记"))
    add(Case("MT008", "党委书记在支部讲了党课", top, 2023, D(2024, 1, 1), DONE, organization=TOP))
    other = ledger(meetings=[meeting(D(2023, 6, 1), "党课", lecturer=PEOPLE[0])])
    other.elections.append(Election(TOP, D(2021, 1, 1), None, ("委书记",), "委书记"))
    add(Case("MT008", "别人讲的不算", other, 2023, D(2024, 1, 1), OVERDUE, organization=TOP))
    # VT001: 半数以上 includes half; 预备党员 have no vote.
    add(Case("VT001", "10名正式党员到会5名", ledger(meetings=[vote(D(2023, 3, 1), 5, 5)]), 2023, D(2023, 4, 1), DONE))
    add(Case("VT001", "10名正式党员到会4名", ledger(meetings=[vote(D(2023, 3, 1), 4, 4)]), 2023, D(2023, 4, 1), OPEN))
    probation = ledger(meetings=[vote(D(2023, 3, 1), 5, 5)])
    for m in probation.members[:2]:
        m.category, m.confirmed = "预备党员", None
    add(Case("VT001", "到会者中有预备党员不计", probation, 2023, D(2023, 4, 1), OPEN))
    late_confirmed = ledger(meetings=[vote(D(2023, 6, 1), 5, 5)])
    for mm in late_confirmed.members[6:]:  # 正式党员 now, admitted in January, 转正日期 not typed: no vote in June
        mm.joined, mm.confirmed = D(2023, 1, 10), None
    add(Case("VT001", "没填转正日期的新党员当时还没有表决权", late_confirmed, 2023, D(2023, 7, 1), DONE))
    typed = ledger(meetings=[meeting(D(2023, 3, 1), "支部党员大会", present=6, resolutions=[Resolution("年度工作计划", 5, 0, 0)])])
    for mm in typed.members[6:]:
        mm.category, mm.confirmed = "预备党员", None
    add(Case("VT001", "只有实到人数又有预备党员时不判断", typed, 2023, D(2023, 4, 1), None))  # 6 present: 2 to 6 voters of 6
    surely = ledger(meetings=[meeting(D(2023, 3, 1), "支部党员大会", present=7, resolutions=[Resolution("年度工作计划", 5, 0, 0)])])
    for mm in surely.members[6:]:
        mm.category, mm.confirmed = "预备党员", None
    add(Case("VT001", "实到人数减去预备党员仍过半", surely, 2023, D(2023, 4, 1), DONE))  # 7 present: at least 3 voters of 6
    # VT002: more than half of those entitled, not of those present.
    add(Case("VT002", "赞成6票超过半数", ledger(meetings=[vote(D(2023, 3, 1), 8, 6, 2)]), 2023, D(2023, 4, 1), DONE))
    add(Case("VT002", "赞成5票不超过半数", ledger(meetings=[vote(D(2023, 3, 1), 8, 5, 3)]), 2023, D(2023, 4, 1), OPEN))
    # VT003: votes cannot outnumber those present.
    add(Case("VT003", "票数等于到会人数", ledger(meetings=[vote(D(2023, 3, 1), 8, 6, 1, 1)]), 2023, D(2023, 4, 1), DONE))
    add(Case("VT003", "票数多于到会人数", ledger(meetings=[vote(D(2023, 3, 1), 8, 6, 2, 1)]), 2023, D(2023, 4, 1), OPEN))
    # VT004: half the committee may meet.
    add(Case("VT004", "4名委员到会2名", ledger(committee=4, meetings=[meeting(D(2023, 3, 1), "支部委员会", present=2)]), 2023, D(2023, 4, 1), DONE))
    add(Case("VT004", "5名委员到会2名", ledger(committee=5, meetings=[meeting(D(2023, 3, 1), "支部委员会", present=2)]), 2023, D(2023, 4, 1), OPEN))
    # VT005: a vote on admitting a member needs more than half present; judged by the 2014 and the 2026 text.
    admit = "接收申请人为预备党员"
    add(Case("VT005", "讨论接收预备党员到会正好半数", ledger(meetings=[vote(D(2023, 3, 1), 5, 5, title=admit)]), 2023, D(2023, 4, 1), OPEN))
    add(Case("VT005", "讨论接收预备党员到会过半数", ledger(meetings=[vote(D(2023, 3, 1), 6, 6, title=admit)]), 2023, D(2023, 4, 1), DONE))
    add(Case("VT005", "2026年修订后同样过半数", ledger(meetings=[vote(D(2026, 6, 1), 5, 5, title=admit)]), 2026, D(2026, 7, 1), OPEN))
    add(Case("VT005", "不是发展党员的表决", ledger(meetings=[vote(D(2023, 3, 1), 5, 5)]), 2023, D(2023, 4, 1), None))
    # TK001: one talk a year for each member; someone who came in the last three months is not owed one.
    talks = ledger(talks=[Talk(D(2023, 12, 31), BRANCH, PEOPLE[0], PEOPLE[1])])
    add(Case("TK001", "12月31日谈了", talks, 2023, D(2024, 1, 1), DONE, person=PEOPLE[1]))
    add(Case("TK001", "全年没谈", talks, 2023, D(2024, 1, 1), OVERDUE, person=PEOPLE[2]))
    late = ledger()
    late.members.append(Member("新来的", BRANCH, "正式党员", D(2023, 11, 1), D(2024, 11, 1)))
    add(Case("TK001", "11月才入党的不计", late, 2023, D(2024, 1, 1), None, person="新来的"))
    october = ledger()
    october.members.append(Member("十月来的", BRANCH, "正式党员", D(2023, 10, 1), D(2024, 10, 1)))
    october.members.append(Member("九月来的", BRANCH, "正式党员", D(2023, 9, 30), D(2024, 9, 30)))
    add(Case("TK001", "10月1日才入党的不计", october, 2023, D(2024, 1, 1), None, person="十月来的"))
    add(Case("TK001", "9月30日入党的要谈", october, 2023, D(2024, 1, 1), OVERDUE, person="九月来的"))
    # TM001: a branch's term is 3 years, a village's 5; reminded from 6 months before.
    add(Case("TM001", "届满当天即将到期", ledger(), 2025, D(2025, 6, 1), SOON))
    add(Case("TM001", "届满次日逾期", ledger(), 2025, D(2025, 6, 2), OVERDUE))
    add(Case("TM001", "届满前半年多尚未到期", ledger(), 2024, D(2024, 11, 29), OPEN))
    add(Case("TM001", "村党支部任期5年", ledger(sector="村"), 2025, D(2025, 6, 2), OPEN))
    renewed = ledger()
    renewed.elections.append(Election(BRANCH, D(2025, 5, 20), None, tuple(PEOPLE[:3]), PEOPLE[0]))
    add(Case("TM001", "按期换届", renewed, 2025, D(2025, 7, 1), DONE, period="上届（2022年选举）"))
    add(Case("TM001", "换届后的本届", renewed, 2025, D(2025, 7, 1), OPEN, period="本届（2025年选举）"))
    # DV001: 18 on the day of the application.
    add(Case("DV001", "十八岁生日当天申请", ledger(candidates=[candidate({dev.APPLIED: D(2023, 5, 5)}, birth=D(2005, 5, 5))]), 2023, D(2023, 6, 1), DONE))
    add(Case("DV001", "差一天十八岁", ledger(candidates=[candidate({dev.APPLIED: D(2023, 5, 4)}, birth=D(2005, 5, 5))]), 2023, D(2023, 6, 1), OPEN))
    # DV002: a month from 1月31日 is 2月28日.
    add(Case("DV002", "1月31日申请2月28日谈话", ledger(candidates=[candidate({dev.APPLIED: D(2023, 1, 31), dev.TALKED: D(2023, 2, 28)})]), 2023, D(2023, 6, 1), DONE))
    add(Case("DV002", "1月31日申请3月1日谈话", ledger(candidates=[candidate({dev.APPLIED: D(2023, 1, 31), dev.TALKED: D(2023, 3, 1)})]), 2023, D(2023, 6, 1), OPEN))
    add(Case("DV002", "一个月过了还没谈", ledger(candidates=[candidate({dev.APPLIED: D(2023, 1, 31)})]), 2023, D(2023, 3, 1), OVERDUE))
    add(Case("DV002", "期限前一周提示", ledger(candidates=[candidate({dev.APPLIED: D(2023, 1, 31)})]), 2023, D(2023, 2, 21), SOON))
    # DV003: a year as an activist, to the day.
    add(Case("DV003", "满一年", ledger(candidates=[candidate({dev.ACTIVIST: D(2022, 3, 1), dev.TARGET: D(2023, 3, 1)})]), 2023, D(2023, 6, 1), DONE))
    add(Case("DV003", "差一天一年", ledger(candidates=[candidate({dev.ACTIVIST: D(2022, 3, 1), dev.TARGET: D(2023, 2, 28)})]), 2023, D(2023, 6, 1), OPEN))
    # DV004: 24 学时.
    trained = {dev.TARGET: D(2022, 6, 1), dev.ADMITTED: D(2023, 3, 1)}
    add(Case("DV004", "24学时", ledger(candidates=[candidate(trained, hours=24)]), 2023, D(2023, 6, 1), DONE))
    add(Case("DV004", "23.5学时", ledger(candidates=[candidate(trained, hours=23.5)]), 2023, D(2023, 6, 1), OPEN))
    add(Case("DV004", "没有登记学时", ledger(candidates=[candidate(trained)]), 2023, D(2023, 6, 1), OPEN))
    # DV005: two introducers, both 正式党员 on the day.
    add(Case("DV005", "两名正式党员", ledger(candidates=[candidate(trained, introducers=(PEOPLE[0], PEOPLE[1]))]), 2023, D(2023, 6, 1), DONE))
    young = ledger(candidates=[candidate(trained, introducers=(PEOPLE[0], "新党员"))])
    young.members.append(Member("新党员", BRANCH, "正式党员", D(2022, 6, 1), D(2023, 6, 1)))
    add(Case("DV005", "介绍人当时还是预备党员", young, 2023, D(2023, 6, 1), OPEN))
    add(Case("DV005", "只有一名介绍人", ledger(candidates=[candidate(trained, introducers=(PEOPLE[0],))]), 2023, D(2023, 6, 1), OPEN))
    # DV006: three months from 1月31日 is 4月30日.
    add(Case("DV006", "4月30日审批", ledger(candidates=[candidate({dev.ADMITTED: D(2023, 1, 31), dev.APPROVED: D(2023, 4, 30)})]), 2023, D(2023, 6, 1), DONE))
    add(Case("DV006", "5月1日审批超时", ledger(candidates=[candidate({dev.ADMITTED: D(2023, 1, 31), dev.APPROVED: D(2023, 5, 1)})]), 2023, D(2023, 6, 1), OPEN))
    add(Case("DV006", "三个月过了还没审批", ledger(candidates=[candidate({dev.ADMITTED: D(2023, 1, 31)})]), 2023, D(2023, 5, 1), OVERDUE))
    # DV007: the probation is a year from the 支部大会; a roster's 预备党员 counts too.
    admitted = {dev.ADMITTED: D(2023, 3, 15)}
    add(Case("DV007", "预备期满当天提示", ledger(candidates=[candidate(dict(admitted))]), 2024, D(2024, 3, 15), SOON))
    add(Case("DV007", "预备期满次日逾期", ledger(candidates=[candidate(dict(admitted))]), 2024, D(2024, 3, 16), OVERDUE))
    add(Case("DV007", "转正日期早于期满", ledger(candidates=[candidate({**admitted, dev.CONFIRMED: D(2024, 3, 14)})]), 2024, D(2024, 4, 1), OPEN))
    add(Case("DV007", "期满之日转正", ledger(candidates=[candidate({**admitted, dev.CONFIRMED: D(2024, 3, 15)})]), 2024, D(2024, 4, 1), DONE))
    roster = ledger()
    roster.members.append(Member("预备甲", BRANCH, "预备党员", D(2023, 3, 15)))
    add(Case("DV007", "名册中的预备党员", roster, 2024, D(2024, 3, 16), OVERDUE, person="预备甲"))
    gone = ledger()
    gone.members.append(Member("预备乙", BRANCH, "预备党员", D(2023, 3, 15), changes=[Change("转出", D(2024, 1, 10))]))
    add(Case("DV007", "转出的预备党员由新支部讨论", gone, 2024, D(2024, 3, 16), None, person="预备乙"))
    add(Case("DV007", "延长6个月后的期满", ledger(candidates=[candidate(dict(admitted), extensions=(6,))]), 2024, D(2024, 3, 16), OPEN))
    # DV008: one extension of 6 to 12 months.
    add(Case("DV008", "延长12个月", ledger(candidates=[candidate(dict(admitted), extensions=(12,))]), 2024, D(2024, 4, 1), DONE))
    add(Case("DV008", "延长13个月", ledger(candidates=[candidate(dict(admitted), extensions=(13,))]), 2024, D(2024, 4, 1), OPEN))
    add(Case("DV008", "延长两次", ledger(candidates=[candidate(dict(admitted), extensions=(6, 6))]), 2024, D(2024, 4, 1), OPEN))
    # DV009: the 党委 approves a conversion within three months.
    add(Case("DV009", "三个月内审批", ledger(candidates=[candidate({dev.CONFIRM_MEETING: D(2024, 3, 20), dev.CONFIRM_APPROVED: D(2024, 6, 20)})]), 2024, D(2024, 7, 1), DONE))
    add(Case("DV009", "超过三个月", ledger(candidates=[candidate({dev.CONFIRM_MEETING: D(2024, 3, 20), dev.CONFIRM_APPROVED: D(2024, 6, 21)})]), 2024, D(2024, 7, 1), OPEN))
    # DV010 and DV011: added by the 2026 revision, not applied to what happened before it.
    add(Case("DV010", "预审后一个月内讨论", ledger(candidates=[candidate({dev.PREVIEWED: D(2026, 6, 10), dev.ADMITTED: D(2026, 7, 10)})]), 2026, D(2026, 8, 1), DONE))
    add(Case("DV010", "预审后超过一个月", ledger(candidates=[candidate({dev.PREVIEWED: D(2026, 6, 10), dev.ADMITTED: D(2026, 7, 11)})]), 2026, D(2026, 8, 1), OPEN))
    add(Case("DV010", "修订前不适用", ledger(candidates=[candidate({dev.PREVIEWED: D(2026, 3, 10), dev.ADMITTED: D(2026, 7, 11)})]), 2026, D(2026, 8, 1), None))
    add(Case("DV011", "批复后一个月内宣誓", ledger(candidates=[candidate({dev.APPROVED: D(2026, 6, 30), dev.SWORN: D(2026, 7, 30)})]), 2026, D(2026, 8, 1), DONE))
    add(Case("DV011", "批复后超过一个月", ledger(candidates=[candidate({dev.APPROVED: D(2026, 6, 30), dev.SWORN: D(2026, 7, 31)})]), 2026, D(2026, 8, 1), OPEN))
    # DS001: 3000元 pays 0.5% (the bracket includes 3000); a month is late when its quarter has ended.
    jan = Month(2023, 1)
    dues = ledger(members=2, payments=[pay(jan, Month(2023, 3), "45"), pay(jan, Month(2023, 3), "44.4", PEOPLE[1])])
    add(Case("DS001", "基数3000元按0.5%交足", dues, 2023, D(2023, 3, 31), DONE, person=PEOPLE[0]))
    add(Case("DS001", "少交", dues, 2023, D(2023, 4, 1), OVERDUE, person=PEOPLE[1]))
    upper = ledger(members=1, payments=[pay(jan, jan, "15")])
    upper.members[0].dues_base = Decimal("3000.01")
    add(Case("DS001", "基数3000.01元按1%", upper, 2023, D(2023, 2, 1), OPEN, person=PEOPLE[0]))
    quarter = ledger(members=1, payments=[pay(Month(2023, 2), Month(2023, 2), "15")])
    add(Case("DS001", "1月未交，季度未完", quarter, 2023, D(2023, 3, 31), SOON, person=PEOPLE[0]))
    add(Case("DS001", "1月未交，季度已过", quarter, 2023, D(2023, 4, 1), OVERDUE, person=PEOPLE[0]))
    excused = ledger(members=2, payments=[pay(jan, Month(2023, 12), "180", PEOPLE[1])])
    excused.members[0].dues_category = "免交"
    add(Case("DS001", "批准免交的不算欠交", excused, 2023, D(2024, 1, 1), DONE, person=PEOPLE[0]))
    add(Case("DS002", "批准免交的不提示", excused, 2023, D(2024, 1, 1), None, person=PEOPLE[0]))
    # DS002: six months on end without dues is flagged (never decided); five is not.
    six = ledger(members=2, payments=[pay(jan, Month(2023, 12), "180", PEOPLE[1]), pay(Month(2023, 7), Month(2023, 7), "15")])
    add(Case("DS002", "1月至6月未交", six, 2023, D(2023, 7, 1), OVERDUE, person=PEOPLE[0]))
    five = ledger(members=2, payments=[pay(jan, Month(2023, 12), "180", PEOPLE[1]), pay(Month(2023, 6), Month(2023, 6), "15")])
    add(Case("DS002", "1月至5月未交", five, 2023, D(2023, 7, 1), None, person=PEOPLE[0]))
    return c


CASES = _cases()
