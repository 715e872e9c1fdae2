"""One organization's records for one year, with the questions every check asks of them answered once."""

from __future__ import annotations

import datetime
from functools import cached_property

from ..config import LedgerSettings
from .items import Item
from .records import Election, Ledger, Member, Organization
from .rules import Rule, RuleSet


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

    # -- rules ------------------------------------------------------------------------------------------------
    def rule(self, versions: list[Rule], day: datetime.date) -> Rule | None:
        """The version in force on `day`, with shuzhi.toml's threshold, if it applies to this organization."""
        rule = next((r for r in versions if r.in_force(day)), None)
        if rule is None or not rule.applies_to(self.org.type, self.org.sector):
            return None
        if not all(getattr(self, f"_{w}")(day) for w in rule.when):
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

    # -- people -----------------------------------------------------------------------------------------------
    @cached_property
    def by_name(self) -> dict[str, Member]:
        return {m.name: m for m in self.members}

    def roster(self, day: datetime.date) -> list[Member]:
        return [m for m in self.members if m.on_rolls(day)]

    def voters(self, day: datetime.date) -> list[Member]:
        """Members with a vote that day: 正式党员 on the rolls (预备党员 have none)."""
        return [m for m in self.members if m.on_rolls(day) and m.full_member(day)]

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
        return sorted({m.group for m in self.members if m.group and m.on_rolls_between(first, last)})

    # -- conditions a rule may ask for (applies.when) ---------------------------------------------------------
    def _has_committee(self, day: datetime.date) -> bool:
        """A 支部委员会 exists: the election says it has members, or (not recorded) 7 or more 正式党员 (条例第二十条)."""
        size = self.committee_size(day)
        if size is not None:
            return size >= 3
        if self.committee(day) is not None:  # an election of a secretary alone
            return False
        return len(self.voters(day)) >= 7

    def _has_groups(self, day: datetime.date) -> bool:
        return bool(self.groups(self.first, self.last))

    def _has_members(self, day: datetime.date) -> bool:
        return bool(self.members)
