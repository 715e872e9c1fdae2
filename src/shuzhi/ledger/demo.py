"""A made-up ledger: believable records for any organization tree, with some obligations left unmet on purpose.

Used by `make demo` (the demo organizations' ledger), by the tests, and at scale by benchmarks/ledger_bench.py.
Every name and number here is invented; the same seed always gives the same ledger.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from . import development as dev
from .dates import Month, add_months
from .records import Appraisal, Attendance, Candidate, Change, Election, Ledger, Meeting, Member, Organization, Payment, Resolution, Talk

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯健俊帆晨阳思雨欣怡佳琪子涵梓轩博雅"
TOPICS = ["学习贯彻党的二十大精神", "学习《中国共产党章程》", "开展“我为群众办实事”", "学习习近平总书记重要讲话精神",
          "研究部署党建重点工作", "学习《中国共产党纪律处分条例》", "组织志愿服务", "重温入党誓词", "专题学习党史",
          "讨论年度工作计划", "学习《中国共产党支部工作条例（试行）》", "廉政警示教育"]


# The demo's organization tree (the web app's demo uses the same): (name, type, sector, parent).
DEMO_TREE = [
    ("中共示范区委员会", "党委", "机关", None),
    ("区直机关工委", "党委", "机关", "中共示范区委员会"),
    ("区财政局机关党支部", "党支部", "机关", "区直机关工委"),
    ("区教育局机关党支部", "党支部", "机关", "区直机关工委"),
    ("区卫生健康局机关党支部", "党支部", "机关", "区直机关工委"),
    ("区税务局机关党总支", "党总支", "机关", "区直机关工委"),
    ("第一党支部", "党支部", "机关", "区税务局机关党总支"),
    ("青山镇党委", "党委", "村", "中共示范区委员会"),
    ("青山村党支部", "党支部", "村", "青山镇党委"),
    ("石桥村党支部", "党支部", "村", "青山镇党委"),
    ("幸福里社区党委", "党委", "社区", "中共示范区委员会"),
    ("幸福里社区第一党支部", "党支部", "社区", "幸福里社区党委"),
]
DEMO_FIRST_YEAR = 2023
DEMO_WEAK = ("区教育局机关党支部", "石桥村党支部")


def demo_ledger(until: datetime.date | None = None, key=lambda name: name) -> Ledger:
    """The demo organizations' records from January 2023 up to `until` (today); `key` names each organization in
    the ledger (the web app keys by id)."""
    orgs = [Organization(key(n), t, s, key(p) if p else None, label=n) for n, t, s, p in DEMO_TREE]
    return synthetic(orgs, DEMO_FIRST_YEAR, until or datetime.date.today(), seed=2023, weak={key(n) for n in DEMO_WEAK})


class _Names:
    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def __call__(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))
            if name not in self.used:
                self.used.add(name)
                return name


def _day(rng: random.Random, year: int, month: int, lo: int = 3, hi: int = 26) -> datetime.date:
    return datetime.date(year, month, rng.randint(lo, hi))


def synthetic(orgs: list[Organization], first_year: int, until: datetime.date, seed: int = 7,
              weak: set[str] = frozenset(), members: tuple[int, int] = (8, 24)) -> Ledger:
    """Records for every 党支部 of `orgs` from January of `first_year` up to `until`. The branches named in `weak`
    miss much more; every branch misses a little, so that the board has something to show."""
    rng = random.Random(seed)
    names = _Names(rng)
    ledger = Ledger(organizations=list(orgs))
    months = []
    m = Month(first_year, 1)
    while m.first <= until:
        months.append(m)
        m = m.plus(1)
    secretaries: dict[str, str] = {}
    for org in orgs:
        if org.type != "党支部":
            secretaries[org.name] = names()
            term = 5
            elected = datetime.date(first_year - rng.choice((1, 2, 3)), rng.randint(1, 12), rng.randint(1, 28))
            ledger.elections.append(Election(org.name, elected, None, (secretaries[org.name], names(), names()), secretaries[org.name],
                                             key=f"E{len(ledger.elections)}"))
            if elected.year + term <= until.year:
                ledger.elections.append(Election(org.name, add_months(elected, term * 12 + rng.randint(-2, 2)), None,
                                                 (secretaries[org.name], names(), names()), secretaries[org.name], key=f"E{len(ledger.elections)}"))
    for org in orgs:
        if org.type != "党支部":
            continue
        poor = org.name in weak
        miss = 0.35 if poor else 0.06
        people = [names() for _ in range(rng.randint(*members))]
        groups = ["第一党小组", "第二党小组"] if len(people) >= 14 else [""]
        roster: list[Member] = []
        for i, name in enumerate(people):
            joined = datetime.date(rng.randint(1975, first_year - 2), rng.randint(1, 12), rng.randint(1, 28))
            dues_category, base = rng.choices([("在职", None), ("离退休", None), ("农民", None)],
                                              weights=(8, 2, 3 if org.sector == "村" else 0))[0]
            if dues_category == "在职":
                base = Decimal(rng.randrange(2600, 14000, 50))
            elif dues_category == "离退休":
                base = Decimal(rng.randrange(2800, 8000, 50))
            member = Member(name, org.name, "正式党员", joined, add_months(joined, 12), datetime.date(joined.year - rng.randint(20, 35), rng.randint(1, 12), rng.randint(1, 28)),
                            groups[i % len(groups)], rng.random() < 0.05, dues_category, base, key=f"M{len(ledger.members)}")
            roster.append(member)
        # Someone left, someone came, one probationer joined during the first year.
        if len(roster) > 10:
            roster[-1].changes.append(Change("转出", _day(rng, first_year, rng.randint(3, 10))))
            newcomer = roster[-2]
            newcomer.changes.append(Change("转入", _day(rng, first_year, rng.randint(2, 6))))
        probationer = Member(names(), org.name, "预备党员", _day(rng, first_year, rng.randint(4, 9)), None,
                             datetime.date(1998 + rng.randint(0, 4), rng.randint(1, 12), rng.randint(1, 28)), groups[0], False, "在职",
                             Decimal(rng.randrange(3000, 6000, 100)), key=f"M{len(ledger.members) + len(roster)}")
        if rng.random() < 0.7:  # most are confirmed when the year is up
            probationer.confirmed = add_months(probationer.joined, 12)
            probationer.category = "正式党员" if probationer.confirmed <= until else "预备党员"
            if probationer.confirmed > until:
                probationer.confirmed = None
        roster.append(probationer)
        ledger.members += roster
        committee = tuple(p.name for p in roster[:3]) if len(roster) >= 7 else (roster[0].name,)
        secretary = committee[0]
        elected = datetime.date(first_year - rng.choice((0, 1, 2, 3, 4)), rng.randint(1, 12), rng.randint(1, 28))
        term = 5 if org.sector in ("村", "社区") else 3
        ledger.elections.append(Election(org.name, elected, None, committee, secretary, key=f"E{len(ledger.elections)}"))
        if add_months(elected, term * 12) < until and rng.random() < 0.6:  # most hold the next election on time
            ledger.elections.append(Election(org.name, add_months(elected, term * 12 - rng.randint(0, 2)), None, committee, secretary,
                                             key=f"E{len(ledger.elections)}"))
        boss = secretaries.get(org.parent or "", "")

        def present(day: datetime.date, share: float = 0.85) -> list[Member]:
            return [p for p in roster if p.on_rolls(day) and rng.random() < share]

        def meeting(day, kinds, topic, **kw):
            if day > until:
                return
            ledger.meetings.append(Meeting(day, org.name, frozenset(kinds), topic, host=secretary, recorder=roster[1].name,
                                           key=f"H{len(ledger.meetings)}", **kw))

        for mo in months:
            y, n = mo.year, mo.month
            # The monthly 支委会, most months also the 主题党日; a quarterly 党课 with it.
            kinds = {"支部委员会"} if len(committee) >= 3 else set()
            if rng.random() > miss:
                kinds.add("主题党日")
            if n % 3 == 0 and rng.random() > miss:
                kinds.add("党课")
            if kinds and rng.random() > miss / 2:
                day = _day(rng, y, n)
                lecturer = (boss if boss and n == 6 else secretary) if "党课" in kinds else ""
                meeting(day, kinds, rng.choice(TOPICS), lecturer=lecturer,
                        attendance=[Attendance(p.name) for p in present(day, 0.95) if p.name in committee or "主题党日" in kinds])
            for g in groups:
                if g and rng.random() > miss:
                    day = _day(rng, y, n)
                    meeting(day, {"党小组会"}, rng.choice(TOPICS), group=g,
                            attendance=[Attendance(p.name) for p in present(day) if p.group == g])
            if n % 3 == 2 and rng.random() > miss:  # the quarterly 党员大会
                day = _day(rng, y, n)
                att = present(day, 0.8 if not poor else 0.45)
                voters = sum(1 for p in att if p.full_member(day))
                resolution = [Resolution("接收预备党员" if n == 5 else "年度工作计划", max(0, voters - 1), 0, 1 if voters else 0)] if n in (2, 5) else []
                meeting(day, {"支部党员大会"}, rng.choice(TOPICS), attendance=[Attendance(p.name) for p in att], resolutions=resolution)
            if n == 12 and rng.random() > miss:  # 组织生活会 and 民主评议 together at the year's end
                day = _day(rng, y, 12, 10, 28)
                meeting(day, {"组织生活会", "民主评议党员"}, f"{y}年度组织生活会和民主评议党员",
                        attendance=[Attendance(p.name) for p in present(day, 0.9)])
                if day <= until:
                    for p in roster:
                        if p.on_rolls(day):
                            grade = rng.choices(("优秀", "合格", "基本合格"), weights=(25, 72, 3))[0]
                            ledger.appraisals.append(Appraisal(p.name, org.name, y, grade, key=f"A{len(ledger.appraisals)}"))
        for y in range(first_year, until.year + 1):
            for p in roster:
                if rng.random() > (miss * 2 if not poor else 0.5) and p.name != secretary:
                    day = _day(rng, y, rng.randint(2, 11))
                    if day <= until and p.on_rolls(day):
                        ledger.talks.append(Talk(day, org.name, secretary, p.name, key=f"T{len(ledger.talks)}"))
            if rng.random() > miss:
                day = _day(rng, y, rng.randint(3, 10))
                if day <= until:
                    ledger.talks.append(Talk(day, org.name, secretary, committee[-1], key=f"T{len(ledger.talks)}"))
        # Dues: most pay by the quarter, some by the month; one stops paying for half a year.
        lapsed = roster[3].name if len(roster) > 5 and rng.random() < 0.5 else None
        for p in roster:
            due = _monthly(p)
            for q in range(0, len(months), 3):
                span = [mo for mo in months[q:q + 3] if p.on_rolls(mo.first) and p.on_rolls(mo.last)]
                if not span or (p.name == lapsed and months[q].year == until.year and months[q].month <= 9):
                    continue
                if rng.random() < miss / 2 or span[-1].last > until:
                    continue
                amount = due * len(span) if due is not None else Decimal("0.6")
                ledger.payments.append(Payment(p.name, org.name, span[0], span[-1], amount, key=f"D{len(ledger.payments)}"))
        # Candidates at every stage.
        for k in range(rng.randint(1, 3)):
            applied = _day(rng, first_year - 1 + k, rng.randint(1, 10))
            steps = {dev.APPLIED: applied}
            talk = applied + datetime.timedelta(days=rng.randint(5, 40 if not poor else 70))
            if talk <= until:
                steps[dev.TALKED] = talk
            activist = add_months(applied, rng.randint(3, 6))
            if activist <= until:
                steps[dev.ACTIVIST] = activist
                target = add_months(activist, rng.randint(12, 15) if not poor else rng.randint(9, 13))
                if target <= until:
                    steps[dev.TARGET] = target
                    admitted = add_months(target, rng.randint(3, 6))
                    if admitted <= until:
                        steps[dev.ADMITTED] = admitted
                        approved = admitted + datetime.timedelta(days=rng.randint(20, 80))
                        if approved <= until:
                            steps[dev.APPROVED] = approved
                        confirmed = add_months(admitted, 12)
                        if confirmed <= until:
                            steps[dev.CONFIRMED] = confirmed
            introducers = tuple(p.name for p in rng.sample(roster[:-1], 2))
            ledger.candidates.append(Candidate(names(), org.name, datetime.date(1995 + rng.randint(0, 8), rng.randint(1, 12), 1),
                                               steps, float(rng.choice((24, 24, 32, 16 if poor else 24))), introducers,
                                               key=f"C{len(ledger.candidates)}"))
    return ledger


def _monthly(member: Member) -> Decimal | None:
    from .dues import monthly_due
    from .rules import default_rules

    rule = default_rules().in_force("DS001", datetime.date.today())
    return monthly_due(member, dict(rule.params)) if rule else None


def main(argv: list[str] | None = None) -> int:
    """python -m shuzhi.ledger.demo 示例台账.xlsx: the demo ledger written as a workbook (for make demo)."""
    import sys
    from pathlib import Path

    from .export import ledger_bytes

    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1 or not args[0].endswith(".xlsx"):
        sys.stderr.write("用法：python -m shuzhi.ledger.demo 输出.xlsx\n")
        return 2
    out = Path(args[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    ledger = demo_ledger()
    for o in ledger.organizations:
        o.label = ""
    out.write_bytes(ledger_bytes(ledger))
    sys.stderr.write(f"示例台账（虚构的记录）已写入 {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
