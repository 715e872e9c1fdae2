"""The check types the rules are instances of. Each takes one organization's context and the versions of one rule
and returns its items; what the numbers are (how often, how many, how long) is the rule's data."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from . import development as dev
from .context import OrgContext
from .dates import Month, add_months, add_years, age_on, cn_date
from .dues import monthly_due, yuan
from .items import DONE, OPEN, OVERDUE, Item, periods, state
from .records import Candidate, Meeting
from .rules import Rule

Check = Callable[[OrgContext, list[Rule]], list[Item]]
CHECKS: dict[str, Check] = {}


def check(name: str):
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn
    return register


def _n(value: float | None) -> str:
    return "" if value is None else (str(int(value)) if float(value).is_integer() else f"{value:g}")


# -- how often ------------------------------------------------------------------------------------------------

@check("frequency")
def frequency(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    for p in periods(versions[0].period, ctx.year):
        if p.first > ctx.through:
            break
        rule = ctx.rule(versions, p.first) or ctx.rule(versions, p.last)
        if rule is None:
            continue
        counts = set(rule.counts)
        meetings = [m for month in p.months for m in ctx.meetings_by_month[month] if m.kinds & counts]
        done_by_appraisal = rule.param("appraisals") and any(a.year == ctx.year for a in ctx.appraisals)
        if rule.param("per") == "group":
            for g in ctx.groups(p.first, p.last):
                mine = [m for m in meetings if not m.group or m.group == g]
                out.append(_frequency_item(ctx, rule, p, mine, group=g))
        else:
            out.append(_frequency_item(ctx, rule, p, meetings, extra_done=bool(done_by_appraisal)))
    return out


def _frequency_item(ctx: OrgContext, rule: Rule, p, meetings: list[Meeting], group: str = "", extra_done: bool = False) -> Item:
    need = rule.threshold if rule.threshold is not None else 1
    n = len(meetings)
    activity = rule.param("activity", f"召开{rule.kind}")
    who = f"{group}" if group else ""
    status = state(n >= need or extra_done, p.last, ctx.as_of, rule.remind_days)
    if status == DONE:
        message = f"{p.label}{who}{activity}{n}次" if n else f"{p.label}已登记民主评议结果"
    elif n:
        message = f"{p.label}{who}只{activity}{n}次，要求至少{_n(need)}次"
    elif status == OVERDUE:
        message = f"{p.label}{who}未{activity}（要求至少{_n(need)}次）"
    else:
        message = f"{p.label}{who}尚未{activity}，{cn_date(p.last)}前应至少{_n(need)}次"
    return ctx.item(rule, status, message, due=p.last, required=need, count=n, period=p.label, group=group,
                    records=tuple(m.key for m in meetings))


# -- who must be reached --------------------------------------------------------------------------------------

@check("coverage")
def coverage(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    rule = ctx.rule(versions, ctx.first) or ctx.rule(versions, ctx.last)
    if rule is None or ctx.first > ctx.as_of:
        return []
    need = rule.threshold if rule.threshold is not None else 1
    end = min(ctx.last, ctx.as_of)
    cutoff = add_months(ctx.last + datetime.timedelta(days=1), -int(rule.param("grace_months", 3)))
    talked: dict[str, list] = {}
    for t in ctx.talks:
        if ctx.in_year(t.date):
            for name in {t.talker, t.talkee}:
                talked.setdefault(name, []).append(t.key)
    out = []
    for m in ctx.members:
        came = m.came()
        if not m.on_rolls(end) or (came is not None and came >= cutoff):
            continue  # gone, or came too late in the year to be owed a talk
        keys = talked.get(m.name, [])
        status = state(len(keys) >= need, ctx.last, ctx.as_of, rule.remind_days)
        if status == DONE:
            message = f"{ctx.year}年与{m.name}谈心谈话{len(keys)}次"
        else:
            message = f"{ctx.year}年还没有与{m.name}的谈心谈话记录（每年一般不少于{_n(need)}次）"
        out.append(ctx.item(rule, status, message, person=m.name, due=ctx.last, required=need, count=len(keys),
                            period=f"{ctx.year}年度", records=tuple(keys)))
    return out


# -- votes and quorums ----------------------------------------------------------------------------------------

def _voters(ctx: OrgContext, m: Meeting) -> tuple[int | None, int | None, int | None, str]:
    """(有表决权的应到, 有表决权的实到 at least, at most, a note on how they were counted) for a meeting of the members.
    With an attendance list the two bounds are equal; with only a typed 实到 and 预备党员 on the roll, who of those
    present had a vote is not known."""
    key = ("counted", id(m))
    if key not in ctx.memo:
        ctx.memo[key] = _count_voters(ctx, m)
    return ctx.memo[key]


def _count_voters(ctx: OrgContext, m: Meeting) -> tuple[int | None, int | None, int | None, str]:
    voters = ctx.voters(m.date)
    if not voters:  # no roster for this organization: the meeting's own figures
        present = m.present_count()
        return m.expected, present, present, "（按会议记录的应到、实到人数计）"
    names = {v.name for v in voters}
    if m.attendance:
        present = sum(1 for a in m.attended() if a in names)
        strangers = [a for a in m.attended() if a not in ctx.by_name]
        note = f"（出席人中{'、'.join(strangers[:5])}不在党员名册中，未计入）" if strangers else ""
        return len(voters), present, present, note
    if m.present is None:
        return len(voters), None, None, ""
    probationers = len(ctx.roster(m.date)) - len(voters)
    upper = min(m.present, len(voters))
    lower = max(0, m.present - probationers)
    note = f"（没有出席名单；名册中另有{probationers}名预备党员，没有表决权）" if probationers else ""
    return len(voters), lower, upper, note


def _about(rule: Rule, title: str) -> bool:
    """Whether a resolution is of those the rule is about (`topics`: words its title contains; none: every one)."""
    topics = rule.param("topics")
    return not topics or any(t in title for t in topics)


def _votes(ctx: OrgContext, versions: list[Rule]):
    """(rule, meeting) for this year's meetings of the rule's kinds with a vote the rule is about."""
    if "votes" not in ctx.memo:
        ctx.memo["votes"] = [m for m in ctx.meetings if m.resolutions and ctx.in_year(m.date) and m.date <= ctx.as_of]
    for m in ctx.memo["votes"]:
        rule = ctx.rule(versions, m.date)
        if rule is None or not (m.kinds & set(rule.counts or (rule.kind,))):
            continue
        if any(r.votes_for is not None and _about(rule, r.title) for r in m.resolutions):
            yield rule, m


def _more_than(a: int, b: float, strict: bool) -> bool:
    return a > b if strict else a >= b


@check("vote_quorum")
def vote_quorum(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    for rule, m in _votes(ctx, versions):
        required, lower, upper, note = _voters(ctx, m)
        if required is None or upper is None:
            continue
        ratio, strict = float(rule.param("ratio", 0.5)), bool(rule.param("strict", True))
        ok = _more_than(lower, required * ratio, strict)
        if not ok and _more_than(upper, required * ratio, strict):
            continue  # it depends on who of those present had a vote: not judged without an attendance list
        present = lower if ok else upper
        word = "超过" if strict else "达到"
        what = "、".join(r.title for r in m.resolutions if r.title and _about(rule, r.title))
        message = (f"{cn_date(m.date)}{'、'.join(sorted(m.kinds))}表决{('“' + what + '”') if what else ''}：有表决权的党员应到{required}人、实到{present}人"
                   + ("" if ok else f"，未{word}半数，不能进行表决") + note)
        out.append(ctx.item(rule, DONE if ok else OPEN, message, due=m.date, required=required, count=present,
                            period=cn_date(m.date), records=(m.key,)))
    return out


@check("vote_majority")
def vote_majority(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    for rule, m in _votes(ctx, versions):
        required, _, _, note = _voters(ctx, m)
        if required is None:
            continue
        ratio = float(rule.param("ratio", 0.5))
        for r in m.resolutions:
            if r.votes_for is None or not _about(rule, r.title):
                continue
            ok = r.votes_for > required * ratio
            what = f"“{r.title}”" if r.title else "表决事项"
            message = (f"{cn_date(m.date)}{what}赞成{r.votes_for}票、反对{r.against or 0}票、弃权{r.abstain or 0}票，"
                       f"应到会有表决权的党员{required}人，" + ("赞成票超过半数，通过" if ok else "赞成票未超过半数，不能通过"))
            out.append(ctx.item(rule, DONE if ok else OPEN, message + note, due=m.date, required=required,
                                count=r.votes_for, period=cn_date(m.date), records=(m.key,)))
    return out


@check("ballots")
def ballots(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    """Votes cast cannot outnumber those present: a slip in the record, or votes counted from people not there."""
    out = []
    for rule, m in _votes(ctx, versions):
        _, _, present, _ = _voters(ctx, m)
        counted = m.present_count()
        for r in m.resolutions:
            cast = sum(v or 0 for v in (r.votes_for, r.against, r.abstain))
            limit = max(x for x in (present, counted) if x is not None) if (present, counted) != (None, None) else None
            if limit is None:
                continue
            ok = cast <= limit
            message = (f"{cn_date(m.date)}表决共{cast}票，到会{limit}人" + ("" if ok else "：票数多于到会人数，请核对会议记录"))
            out.append(ctx.item(rule, DONE if ok else OPEN, message, due=m.date, required=limit, count=cast,
                                period=cn_date(m.date), records=(m.key,)))
    return out


@check("committee_quorum")
def committee_quorum(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    for m in ctx.meetings:
        if not ctx.in_year(m.date) or m.date > ctx.as_of:
            continue
        rule = ctx.rule(versions, m.date)
        if rule is None or not (m.kinds & set(rule.counts or (rule.kind,))):
            continue
        size, present = ctx.committee_size(m.date), m.present_count()
        if size is None or present is None:
            continue
        ratio, strict = float(rule.param("ratio", 0.5)), bool(rule.param("strict", False))
        ok = _more_than(present, size * ratio, strict)
        message = f"{cn_date(m.date)}支部委员会会议：委员{size}人，到会{present}人" + ("" if ok else "，不到半数，会议不能进行")
        out.append(ctx.item(rule, DONE if ok else OPEN, message, due=m.date, required=size, count=present,
                            period=cn_date(m.date), records=(m.key,)))
    return out


@check("lectures")
def lectures(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    """党课 given by the organization's secretary (the one elected), anywhere in its subtree."""
    rule = ctx.rule(versions, ctx.first) or ctx.rule(versions, ctx.last)
    if rule is None:
        return []
    need = rule.threshold if rule.threshold is not None else 1
    e = ctx.committee(min(ctx.as_of, ctx.last))
    secretary = e.secretary if e is not None else ""
    if not secretary:
        return [ctx.item(rule, OPEN, f"未登记{ctx.org.display}书记的姓名，无法核对书记讲党课的次数", period=f"{ctx.year}年度",
                         due=ctx.last, required=need)]
    given = [m for o in ctx.ledger.subtree(ctx.org.name) for m in ctx.ledger.of(o.name, "meetings")
             if ctx.in_year(m.date) and m.date <= ctx.as_of and "党课" in m.kinds and m.lecturer == secretary]
    status = state(len(given) >= need, ctx.last, ctx.as_of, rule.remind_days)
    where = "、".join(sorted({ctx.ledger.organization(m.organization).display for m in given}))
    message = (f"{ctx.year}年书记{secretary}讲党课{len(given)}次（{where}）" if given else
               f"{ctx.year}年还没有书记{secretary}讲党课的记录（每年至少{_n(need)}次）")
    return [ctx.item(rule, status, message, person=secretary, due=ctx.last, required=need, count=len(given),
                     period=f"{ctx.year}年度", records=tuple(m.key for m in given))]


# -- terms of office ------------------------------------------------------------------------------------------

def term_years(rule: Rule, org_type: str, sector: str) -> int:
    """The term the rule gives an organization of this type and sector (its first matching entry)."""
    for entry in rule.param("terms", []):
        if org_type in entry.get("types", [org_type]) and sector in entry.get("sectors", [sector]):
            return int(entry["years"])
    return int(rule.threshold or 3)


@check("term")
def term(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    rule = ctx.rule(versions, min(ctx.as_of, ctx.last))
    if rule is None:
        return []
    elections = [e for e in ctx.elections if e.date <= ctx.as_of]
    if not elections:
        return [ctx.item(rule, OPEN, "未登记本届委员会（书记）的选举日期，无法提示换届；请在台账“党组织”表中填写本届选举日期",
                         period=f"{ctx.year}年度")]
    out = []
    for i, e in enumerate(elections):
        years = e.term_years or term_years(rule, ctx.org.type, ctx.org.sector)
        expiry = add_years(e.date, years)
        after = elections[i + 1] if i + 1 < len(elections) else None
        if after is not None:
            if ctx.in_year(after.date):
                late = (after.date - expiry).days
                lateness = f"，比任期届满晚{late // 30}个月" if late > 31 else ""
                out.append(ctx.item(rule, DONE, f"已于{cn_date(after.date)}换届（上届{cn_date(e.date)}选举产生，任期{years}年{lateness}）",
                                    due=expiry, required=years, period=f"上届（{e.date.year}年选举）", records=(after.key,)))
            continue
        status = state(False, expiry, ctx.as_of, rule.remind_days)
        message = f"本届于{cn_date(e.date)}选举产生，任期{years}年，{cn_date(expiry)}届满"
        if status == OVERDUE:
            months = (ctx.as_of - expiry).days // 30
            message += f"，已超期{months}个月未换届" + ("；延期换届一般不超过1年，须报上级党组织批准" if months < 12 else "；已超过延期的一般上限1年")
        elif status != DONE and (expiry - ctx.as_of).days <= rule.remind_days:
            message += "，请提前做好换届准备，按程序报上级党组织"
        out.append(ctx.item(rule, status, message, due=expiry, required=years, period=f"本届（{e.date.year}年选举）", records=(e.key,)))
    return out


# -- member development ---------------------------------------------------------------------------------------

def _candidates(ctx: OrgContext, roster: bool = False) -> list[Candidate]:
    """The candidates of the 发展党员 sheet; with `roster`, also the 预备党员 of the roster not in it (so that a
    probation ending is reminded of even when the branch keeps no development file)."""
    if not roster:
        return ctx.candidates
    named = {c.name for c in ctx.candidates}
    extra = []
    for m in ctx.members:
        if m.name in named or m.joined is None or m.joined.year < ctx.year - 2:
            continue
        if not m.on_rolls(min(ctx.as_of, ctx.last)):
            continue  # transferred out: the new branch discusses the conversion
        if m.category == "预备党员" or (m.confirmed is not None and m.confirmed.year >= ctx.year):
            steps = {dev.ADMITTED: m.joined}
            if m.confirmed is not None:
                steps[dev.CONFIRMED] = m.confirmed
            extra.append(Candidate(m.name, m.organization, birth=m.birth, steps=steps, key=m.key))
    return ctx.candidates + extra


def _shown(ctx: OrgContext, start: datetime.date, judged: datetime.date | None, status: str, due: datetime.date | None) -> bool:
    """Whether a development item belongs to this year's list: its step happened this year, its deadline falls in it,
    or it began before the year ends and is still open."""
    if judged is not None:
        return ctx.in_year(judged)
    if start > ctx.last or start > ctx.as_of:
        return False
    return status != DONE and (due is None or due >= ctx.first or status == OVERDUE)


@check("interval")
def interval(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    """Between two steps: at most (`max_months`, a deadline) or at least (`min_months`) so long; `probation` measures
    the probation (a year from the 支部大会, plus any extension) instead of a fixed length."""
    out = []
    frm, to = versions[0].param("from"), versions[0].param("to")
    for c in _candidates(ctx, roster=bool(versions[0].param("probation"))):
        start = c.steps.get(frm)
        if start is None:
            continue
        rule = ctx.rule(versions, start)
        if rule is None:
            continue
        end = c.steps.get(to)
        if rule.param("probation"):
            limit = dev.probation_end(c.steps, c.extensions)
            discussed = c.steps.get(dev.CONFIRM_MEETING) or c.steps.get(dev.CONFIRM_APPROVED)
            ok = end is not None and end >= limit
            if end is None and discussed is not None:
                status, end = DONE, discussed
                message = f"{c.name}的预备期{cn_date(limit)}届满，{cn_date(discussed)}已讨论转正"
            elif end is not None:
                message = (f"{c.name}于{cn_date(end)}转为正式党员（预备期{cn_date(limit)}届满）" if ok else
                           f"{c.name}的转正日期{cn_date(end)}早于预备期届满之日{cn_date(limit)}")
                status = DONE if ok else OPEN
            else:
                status = state(False, limit, ctx.as_of, rule.remind_days)
                message = f"{c.name}的预备期{cn_date(limit)}届满" + ("，尚未讨论转正" if status == OVERDUE else "，届时党支部应及时讨论其能否转正")
            due = limit
        elif rule.param("max_months") is not None:
            due = add_months(start, int(rule.param("max_months")))
            if end is not None:
                ok = end <= due
                status = DONE if ok else OPEN
                message = f"{c.name}：{frm}{cn_date(start)}，{to}{cn_date(end)}" + ("" if ok else f"，超过了{rule.param('max_months')}个月的时限")
            else:
                status = state(False, due, ctx.as_of, rule.remind_days)
                message = f"{c.name}：{frm}{cn_date(start)}，应在{cn_date(due)}前{to}" + ("，已逾期" if status == OVERDUE else "")
        else:
            if end is None:
                continue  # a minimum is judged when the later step is taken
            least = add_months(start, int(rule.param("min_months", 0)))
            ok = end >= least
            status, due = (DONE if ok else OPEN), end
            message = f"{c.name}：{frm}{cn_date(start)}，{to}{cn_date(end)}" + ("" if ok else f"，不满{rule.param('min_months')}个月（最早{cn_date(least)}）")
        if _shown(ctx, start, end, status, due):
            out.append(ctx.item(rule, status, message, person=c.name, due=due, period=f"{ctx.year}年度", records=(c.key,)))
    return out


def _judged_at(ctx: OrgContext, versions: list[Rule], step: str):
    """(candidate, day, rule) for each candidate of the development file whose `step` was taken this year, with the
    version of the rule in force that day."""
    for c in ctx.candidates:
        day = c.steps.get(step)
        if not ctx.in_year(day):
            continue
        rule = ctx.rule(versions, day)
        if rule is not None:
            yield c, day, rule


@check("age")
def age(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    step = versions[0].param("at", dev.APPLIED)
    for c, day, rule in _judged_at(ctx, versions, step):
        if c.birth is None:
            continue
        years = age_on(c.birth, day)
        ok = years >= (rule.threshold or 18)
        message = f"{c.name}于{cn_date(day)}{step}，时年{years}岁" + ("" if ok else f"，未满{_n(rule.threshold or 18)}岁")
        out.append(ctx.item(rule, DONE if ok else OPEN, message, person=c.name, due=day, required=rule.threshold,
                            count=years, period=f"{ctx.year}年度", records=(c.key,)))
    return out


@check("hours")
def hours(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    step = versions[0].param("by", dev.ADMITTED)
    for c, day, rule in _judged_at(ctx, versions, step):
        if dev.TARGET not in c.steps and c.hours is None:
            continue
        need = rule.threshold or 24
        if c.hours is None:
            status, message = OPEN, f"{c.name}已{step}，但没有登记发展对象集中培训的学时（要求不少于{_n(need)}学时）"
        else:
            ok = c.hours >= need
            status = DONE if ok else OPEN
            message = f"{c.name}的集中培训{_n(c.hours)}学时" + ("" if ok else f"，不足{_n(need)}学时（或三天）")
        out.append(ctx.item(rule, status, message, person=c.name, due=day, required=need, count=c.hours,
                            period=f"{ctx.year}年度", records=(c.key,)))
    return out


@check("introducers")
def introducers(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    step = versions[0].param("by", dev.ADMITTED)
    for c, day, rule in _judged_at(ctx, versions, step):
        need = int(rule.threshold or 2)
        problems, unknown = [], []
        if len(c.introducers) != need:
            problems.append(f"登记了{len(c.introducers)}名入党介绍人，应为{need}名" if c.introducers else "没有登记入党介绍人")
        for name in c.introducers:
            m = ctx.by_name.get(name)
            if m is None:
                unknown.append(name)
            elif not m.full_member(day):
                problems.append(f"介绍人{name}在{cn_date(day)}还不是正式党员")
        message = f"{c.name}的入党介绍人：{'、'.join(c.introducers) or '（无）'}"
        if problems:
            message += "；" + "；".join(problems)
        if unknown:
            message += f"（{'、'.join(unknown)}不在本组织的党员名册中，未能核实是否为正式党员）"
        out.append(ctx.item(rule, OPEN if problems else DONE, message, person=c.name, due=day, required=need,
                            count=len(c.introducers), period=f"{ctx.year}年度", records=(c.key,)))
    return out


@check("extension")
def extension(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    out = []
    for c in _candidates(ctx):
        if not c.extensions or dev.ADMITTED not in c.steps:
            continue
        day = add_months(c.steps[dev.ADMITTED], dev.PROBATION_MONTHS)  # the extension is decided when the year ends
        rule = ctx.rule(versions, c.steps[dev.ADMITTED])
        if rule is None or not ctx.in_year(day):
            continue
        least, most = int(rule.param("min_months", 6)), int(rule.param("max_months", 12))
        problems = []
        if len(c.extensions) > int(rule.threshold or 1):
            problems.append(f"延长预备期{len(c.extensions)}次，只能延长一次")
        problems += [f"延长{n}个月，应为{least}至{most}个月" for n in c.extensions if not least <= n <= most]
        message = f"{c.name}延长预备期{'、'.join(f'{n}个月' for n in c.extensions)}" + ("：" + "；".join(problems) if problems else "")
        out.append(ctx.item(rule, OPEN if problems else DONE, message, person=c.name, due=day, count=len(c.extensions),
                            required=rule.threshold or 1, period=f"{ctx.year}年度", records=(c.key,)))
    return out


# -- dues -----------------------------------------------------------------------------------------------------

def _due_months(member, first: int, last: int) -> list[int]:
    """The months (as Month.index) of [first, last] a member owes dues here: on the rolls from the month's first
    day to its last (a month of arrival or departure is left to the branch's own practice)."""
    if last < first:
        return []
    return member.months_on_rolls(first, last)


@lru_cache(maxsize=4096)
def _month(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


@lru_cache(maxsize=4096)
def _quarter_end(index: int) -> datetime.date:
    """The last day of the quarter of a month: a month paid by then is on time (quarterly payment is allowed)."""
    return _month(index - index % 12 % 3 + 2).last


def _year_months(ctx: OrgContext) -> tuple[int, int]:
    """The first and last month (Month.index) of the year up to as_of; last < first before the year begins."""
    first = Month(ctx.year, 1).index
    last = min(Month(ctx.year, 12).index, Month.of(ctx.as_of).index)
    return first, last


_ZERO = Decimal(0)


@check("dues")
def dues(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    first, last = _year_months(ctx)
    rule = ctx.rule(versions, ctx.first)
    if rule is None or last < first:
        return []
    paid_here = [p for p in ctx.payments if p.first.year <= ctx.year <= p.last.year]
    if not paid_here:
        status = state(False, _month(last).last, ctx.as_of, rule.remind_days)
        return [ctx.item(rule, status, f"{ctx.year}年没有党费交纳记录（如在别处登记，可不理会这条提示）", period=f"{ctx.year}年度")]
    params = dict(rule.params)
    tolerance = Decimal(str(params.get("tolerance", "0.1")))
    by_person: dict[str, list] = {}
    for p in ctx.payments:
        by_person.setdefault(p.name, []).append(p.key)
    out = []
    for m in ctx.members:
        owed = _due_months(m, first, last)
        if not owed:
            continue
        paid = ctx.paid(m.name)
        due = monthly_due(m, params)
        floor = None if due is None else due - tolerance
        short, unpaid = [], []
        total_paid = _ZERO
        for mo in owed:
            got = paid.get(mo, _ZERO)
            total_paid += got
            if due == 0:  # 免交 approved: nothing owed
                continue
            if got <= 0:
                unpaid.append(mo)
            elif floor is not None and got < floor:
                short.append(mo)
        # Paid by the quarter with the branch's consent is on time: a month is late once its quarter has ended.
        behind = unpaid + short
        if any(_quarter_end(mo) < ctx.as_of for mo in behind):
            status = OVERDUE
        elif behind:
            status = state(False, min(_quarter_end(mo) for mo in behind), ctx.as_of, rule.remind_days)
        else:
            status = DONE
        full = len(owed) - len(behind)
        message = f"{m.name}：应交{len(owed)}个月" + (f"（每月{yuan(due)}，共{yuan(due * len(owed))}）" if due is not None else "")
        message += f"，实交{yuan(total_paid)}" + (f"，足额{full}个月" if due is not None and full < len(owed) else "")
        if unpaid:
            message += "；未交：" + _months_text(unpaid)
        if short:
            message += "；少交：" + _months_text(short)
        if due is None:
            message += "（未登记党费基数或人员类别，只核对是否按月交纳）"
        out.append(ctx.item(rule, status, message, person=m.name, due=_month(owed[-1]).last, required=len(owed), count=full,
                            period=f"{ctx.year}年度", records=tuple(by_person.get(m.name, ()))))
    return out


def _months_text(months: list[int]) -> str:
    """2023年1—3月、7月，2024年2月: runs of months joined, each year named once."""
    runs: list[list[int]] = []
    for mo in months:
        if runs and mo == runs[-1][-1] + 1 and mo // 12 == runs[-1][0] // 12:
            runs[-1].append(mo)
        else:
            runs.append([mo])
    out, year = [], None
    for run in runs:
        a, b = _month(run[0]), _month(run[-1])
        text = f"{a.month}月" if a == b else f"{a.month}—{b.month}月"
        out.append(text if a.year == year else f"{a.year}年{text}")
        year = a.year
    return "、".join(out)


@check("lapse")
def lapse(ctx: OrgContext, versions: list[Rule]) -> list[Item]:
    """Months on end without dues: flagged for the branch to look into, never decided by the software."""
    rule = ctx.rule(versions, ctx.first)
    first, last = _year_months(ctx)
    if rule is None or last < first or not any(p.first.year <= ctx.year <= p.last.year for p in ctx.payments):
        return []
    need = int(rule.threshold or 6)
    # The run may begin in the year before (10月 to 3月 is six months on end), but not before the dues book in
    # the ledger begins: months before any payment was recorded here are unknown, not unpaid.
    start = max(first - (need - 1), min(p.first.index for p in ctx.payments))
    out = []
    pricing = ctx.rules.in_force("DS001", ctx.first)  # what each member owes is DS001's table
    params = dict(pricing.params) if pricing else {}
    for m in ctx.members:
        if monthly_due(m, params) == 0:  # 免交 approved
            continue
        paid = ctx.paid(m.name)
        run, best = 0, (0, 0)
        previous = None
        for mo in _due_months(m, start, last):
            if paid.get(mo, _ZERO) <= 0 and _month(mo).last < ctx.as_of:
                run = run + 1 if previous == mo - 1 else 1
                if run > best[0]:
                    best = (run, mo)
            else:
                run = 0
            previous = mo
        length, end = best
        if length >= need and end // 12 == ctx.year:
            a, b = _month(end - length + 1), _month(end)
            span = f"{a}至{b.month}月" if a.year == b.year else f"{a}至{b}"
            message = (f"{m.name}已连续{length}个月（{span}）没有交纳党费记录。按党章规定，党员没有正当理由"
                       f"连续六个月不交纳党费的，就被认为是自行脱党；是否属于这种情况、如何处理，由党支部了解情况后研究决定，"
                       f"本系统只作提示，不作认定")
            out.append(ctx.item(rule, OVERDUE, message, person=m.name, due=b.last, required=need, count=length,
                                period=f"{a}至{b}"))
    return out
