"""What the engine answers: obligation items with a state, and the periods they are counted over."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import add_months

DONE, OPEN, SOON, OVERDUE = "已完成", "未完成", "即将到期", "逾期"
STATUSES = (DONE, OPEN, SOON, OVERDUE)
# Worst first: a board cell shows the worst state of its items.
SEVERITY = {OVERDUE: 3, SOON: 2, OPEN: 1, DONE: 0}


@dataclass(slots=True)
class Item:
    """One obligation (or one problem with a record) and its state, with the rule it comes from."""

    code: str
    kind: str
    status: str
    organization: str
    message: str
    source: str
    title: str = ""
    due: datetime.date | None = None
    person: str | None = None
    required: float | None = None
    count: float | None = None
    period: str = ""
    group: str = ""
    local: bool = False
    records: tuple = ()  # the keys of the records that meet it (or that it is about)

    def as_dict(self) -> dict:
        return {
            "code": self.code, "kind": self.kind, "status": self.status, "person": self.person,
            "due": self.due.isoformat() if self.due else None,
            "required": _number(self.required), "count": _number(self.count),
            "message": self.message, "source": self.source,
            "title": self.title, "period": self.period, "group": self.group or None, "local": self.local,
            "records": [str(k) for k in self.records],
        }


def _number(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def state(done: bool, due: datetime.date | None, as_of: datetime.date, remind_days: int) -> str:
    """已完成 when met; otherwise 逾期 after the due day, 即将到期 within `remind_days` of it, else 未完成."""
    if done:
        return DONE
    if due is None:
        return OPEN
    if as_of > due:
        return OVERDUE
    if (due - as_of).days <= remind_days:
        return SOON
    return OPEN


@dataclass(frozen=True)
class Period:
    label: str
    first: datetime.date
    last: datetime.date
    months: tuple[int, ...] = field(default=())  # the months of the year it spans (1..12)


_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


@lru_cache(maxsize=256)
def periods(kind: str, year: int) -> tuple[Period, ...]:
    """The periods of a year for a rule counted by month, quarter, half-year or year."""
    size = {"month": 1, "quarter": 3, "half": 6, "year": 12}[kind]
    out = []
    for i, start in enumerate(range(1, 13, size)):
        first = datetime.date(year, start, 1)
        last = add_months(first, size) - datetime.timedelta(days=1)
        label = {"month": f"{year}年{start}月", "quarter": f"{year}年{_QUARTERS[i] if i < 4 else ''}",
                 "half": f"{year}年{'上' if i == 0 else '下'}半年", "year": f"{year}年度"}[kind]
        out.append(Period(label, first, last, tuple(range(start, start + size))))
    return tuple(out)
