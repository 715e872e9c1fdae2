"""One organization's records for one year, with the questions every check asks of them answered once."""

from __future__ import annotations

import datetime
from functools import cached_property

from ..config import LedgerSettings
from .dues import paid_by_month
from .items import Item
from .records import Election, Ledger, Member, Organization
from .rules import Rule, RuleSet


_UNKNOWN, _VARIES = object(), object()


class OrgContext:
    def __init__(self, ledger: Ledger, org: Organization, year: int, as_of: datetime.date, rules: RuleSet,
                 settings: LedgerSettings, through: datetime.date | None = None):
        self.ledger, self.org, self.year, self.as_of, self.rules, self.settings = ledger, org, year, as_of, rules, settings
        # Periods are listed up to `through` (later than as_of for a calendar of what is coming); states are as of as_of.
        self.through = max(as_of, through or as_of)
        self.first, self.last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        of = ledger.of
        self.members: list[Member] = of(org.name, "members")
        self.meetings = of(org.name, "meetings")
        self.talks = of(org.name, "talks")
        self.appraisals = of(org.name, "appraisals")
        self.candidates = of(org.name, "candidates")
        self.payments = of(org.name, "payments")
        self.elections: list[Election] = of(org.name, "elections")
        self._groups: dict = {}
        self._base: dict = {}
        self._paid: dict = {}
        self.memo: dict = {}  # what several checks ask of the same records, worked out once

    # -- rules ------------------------------------------------------------------------------------------------
    def rule(self, versions: list[Rule], day: datetime.date) -> Rule | None:
        """The version in force on `day`, with shuzhi.toml's threshold, if it applies to this organization."""
        code = versions[0].code
        base = self._base.get(code, _UNKNOWN)
        if base is _UNKNOWN:  # one version in force all year long: which one does not depend on the day
            year_long = [r for r in versions if r.in_force(self.first) and r.in_force(self.last)]
            base = self._base[code] = self._fit(year_long[0]) if year_long else _VARIES
        if base is not _VARIES and self.first <= day <= self.last:
            rule = base
        else:
            rule = self._fit(next((r for r in versions if r.in_force(day)), None))
        if rule is None or (rule.when and not all(getattr(self, f"_{w}")(day) for w in rule.when)):
            return None
        return rule

    def _fit(self, rule: Rule | None) -> Rule | None:
        """The rule as shuzhi.toml sets it, if it applies to this organization's type and sector."""
        if rule is None or not rule.applies_to(self.org.type, self.org.sector):
            return None
        return self.settings.adjusted(rule)

    def item(self, rule: Rule, status: str, message: str, **kw) -> Item:
        return Item(code=rule.code, kind=rule.kind, status=status, organization=self.org.name, message=message,
                    source=rule.cite, title=rule.title, local=rule.local, **kw)

    @cached_property
    def meetings_by_month(self) -> dict[int, list]:
        """This year's meetings by month (1..12)."""
        out: dict[int, list] = {i: [] for i in range(1, 13)}
        for m in self.meetings:
            if m.date.year == self.year:
                out[m.date.month].append(m)
        return out

    def in_year(self, day: datetime.date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    def paid(self, name: str) -> dict:
        """What each member paid in each month (paid_by_month), worked out once for the dues checks."""
        if not self._paid and self.payments:
            by: dict[str, list] = {}
            for p in self.payments:
                by.setdefault(p.name, []).append(p)
            self._paid = {n: paid_by_month(ps) for n, ps in by.items()}
        return self._paid.get(name, {})

    # -- people -----------------------------------------------------------------------------------------------
    @cached_property
    def by_name(self) -> dict[str, Member]:
        return {m.name: m for m in self.members}

    def roster(self, day: datetime.date) -> list[Member]:
        return [m for m in self.members if m.on_rolls(day)]

    def voters(self, day: datetime.date) -> list[Member]:
        """Members with a vote that day: 正式党员 on the rolls (预备党员 have none)."""
        key = ("voters", day)
        if key not in self.memo:
            self.memo[key] = [m for m in self.members if m.on_rolls(day) and m.full_member(day)]
        return self.memo[key]

    def committee(self, day: datetime.date) -> Election | None:
        """The election in effect that day (the latest one on or before it)."""
        chosen = None
        for e in self.elections:
            if e.date <= day:
                chosen = e
        return chosen

    def committee_size(self, day: datetime.date) -> int | None:
        e = self.committee(day)
        return len(e.members) if e is not None and e.members else None

    def groups(self, first: datetime.date, last: datetime.date) -> list[str]:
        key = (first, last)
        if key not in self._groups:
            if "grouped" not in self.memo:
                self.memo["grouped"] = [m for m in self.members if m.group]
            self._groups[key] = sorted({m.group for m in self.memo["grouped"] if m.on_rolls_between(first, last)})
        return self._groups[key]

    # -- conditions a rule may ask for (applies.when) ---------------------------------------------------------
    def _has_committee(self, day: datetime.date) -> bool:
        """A 支部委员会 exists: the election says it has members, or (not recorded) 7 or more 正式党员 (条例第二十条)."""
        size = self.committee_size(day)
        if size is not None:  # the election names its members: 3 or more is a committee, 1 a secretary alone
            return size >= 3
        return len(self.voters(day)) >= 7  # members not recorded

    def _has_groups(self, day: datetime.date) -> bool:
        return bool(self.groups(self.first, self.last))

    def _has_members(self, day: datetime.date) -> bool:
        return bool(self.members)
