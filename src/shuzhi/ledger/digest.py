"""What is coming and what is late, for a person who looks once a week: a digest (text and HTML) and an
iCalendar feed of upcoming obligations, each with the rule and its source. Reminders, never blocks."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from html import escape

from icalendar import Alarm, Calendar, Event

from ..config import LedgerSettings
from .dates import cn_date
from .items import DONE, OPEN, OVERDUE, SOON, Item
from .obligations import evaluate
from .records import Ledger
from .rules import RuleSet

HORIZON = 45  # days ahead an obligation is put into the digest and the calendar


@dataclass
class Digest:
    organization: str
    as_of: datetime.date
    overdue: list[Item] = field(default_factory=list)
    soon: list[Item] = field(default_factory=list)
    coming: list[Item] = field(default_factory=list)  # open, due within the horizon
    done: int = 0

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.soon or self.coming)


def upcoming(ledger: Ledger, as_of: datetime.date, organizations: list[str] | None = None, rules: RuleSet | None = None,
             settings: LedgerSettings | None = None, horizon: int = HORIZON) -> dict[str, Digest]:
    """Per organization: what is late this year, what falls due soon, and what opens within `horizon` days (the next
    year's first periods too, late in December)."""
    through = as_of + datetime.timedelta(days=horizon)
    digests: dict[str, Digest] = {}
    seen: set[str] = set()
    for year in sorted({as_of.year, through.year}):
        for r in evaluate(ledger, year, as_of=as_of, rules=rules, settings=settings, organizations=organizations, through=through):
            d = digests.setdefault(r.organization.name, Digest(r.organization.name, as_of))
            for i in r.items:
                if identity(i) in seen:  # an open item of an earlier year is listed by both years
                    continue
                seen.add(identity(i))
                if i.status == DONE:
                    d.done += year == as_of.year
                elif i.status == OVERDUE and year == as_of.year:
                    d.overdue.append(i)
                elif i.status == SOON:
                    d.soon.append(i)
                elif i.status == OPEN and i.due is not None and as_of <= i.due <= through:
                    d.coming.append(i)
    for d in digests.values():
        for items in (d.overdue, d.soon, d.coming):
            items.sort(key=lambda i: (i.due or datetime.date.max, i.code))
    return digests


def identity(i: Item) -> str:
    return "|".join((i.code, i.organization, i.period, i.person or "", i.group, ",".join(map(str, i.records[:1]))))


def _line(i: Item) -> str:
    due = f"（{cn_date(i.due)}前）" if i.due and i.status != OVERDUE else ""
    return f"{i.message}{due}"


def digest_text(d: Digest) -> str:
    lines = [f"{d.organization} 台账提示（{cn_date(d.as_of)}）", ""]
    for title, items in (("已逾期", d.overdue), ("即将到期", d.soon), (f"{HORIZON}天内要做的", d.coming)):
        if items:
            lines.append(f"{title}（{len(items)}项）：")
            lines += [f"  · {_line(i)}  〔{i.code} {i.source}〕" for i in items]
            lines.append("")
    if d.empty:
        lines.append("没有逾期或即将到期的事项。")
    lines.append(f"本年已完成 {d.done} 项。以上是提示，不是限制；依据写在每条后面。")
    return "\n".join(lines) + "\n"


def digest_html(d: Digest) -> str:
    """A self-contained page (inline styles only: it may be mailed or opened from disk)."""
    colours = {"已逾期": "#c62828", "即将到期": "#ef6c00", f"{HORIZON}天内要做的": "#1565c0"}
    parts = [f'<h2 style="font-family:sans-serif">{escape(d.organization)} 台账提示'
             f'<small style="color:#666;font-weight:normal">（{cn_date(d.as_of)}）</small></h2>']
    for title, items in (("已逾期", d.overdue), ("即将到期", d.soon), (f"{HORIZON}天内要做的", d.coming)):
        if not items:
            continue
        parts.append(f'<h3 style="font-family:sans-serif;color:{colours[title]}">{title}（{len(items)}项）</h3><ul>')
        parts += [f'<li style="margin:.3em 0">{escape(_line(i))}<br><small style="color:#666">{escape(i.code)} · {escape(i.source)}</small></li>'
                  for i in items]
        parts.append("</ul>")
    if d.empty:
        parts.append("<p>没有逾期或即将到期的事项。</p>")
    parts.append(f'<p style="color:#666">本年已完成 {d.done} 项。以上是提示，不是限制；依据写在每条后面。</p>')
    return ('<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>台账提示</title></head><body>'
            + "".join(parts) + "</body></html>")


def calendar(digests: dict[str, Digest], name: str = "党支部工作台账提示", names: dict[str, str] | None = None) -> bytes:
    """An iCalendar feed: one all-day event on each open obligation's due day, with a reminder 3 days before.
    `names` gives the organization's name to show where the ledger keys organizations by id (the UID keeps the id)."""
    names = names or {}
    cal = Calendar()
    cal.add("prodid", "-//shuzhi//台账提示//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    for d in digests.values():
        for i in d.overdue + d.soon + d.coming:
            if i.due is None:
                continue
            ev = Event()
            ev.add("uid", hashlib.sha1(identity(i).encode()).hexdigest() + "@shuzhi")
            ev.add("dtstamp", stamp)
            day = max(i.due, d.as_of) if i.status == OVERDUE else i.due
            ev.add("dtstart", day)
            ev.add("dtend", day + datetime.timedelta(days=1))
            prefix = "【已逾期】" if i.status == OVERDUE else ""
            ev.add("summary", f"{prefix}{names.get(i.organization, i.organization)}：{i.title}" + (f"（{i.person}）" if i.person else ""))
            ev.add("description", f"{i.message}\n依据：{i.source}（{i.code}）\n这是提示，不是限制。")
            ev.add("categories", [i.kind])
            ev.add("transp", "TRANSPARENT")
            if i.status != OVERDUE:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", ev["summary"])
                alarm.add("trigger", datetime.timedelta(days=-3))
                ev.add_component(alarm)
            cal.add_component(ev)
    return cal.to_ical()
