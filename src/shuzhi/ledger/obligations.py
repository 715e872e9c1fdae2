"""Obligations, computed: for each organization and a year, every rule's items with their state. Nothing here is
stored; the same records always give the same answer for the same day."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from .checks import CHECKS
from ..config import LedgerSettings
from .context import OrgContext
from .items import SEVERITY, STATUSES, Item
from .records import Ledger, Organization
from .rules import RuleSet, default_rules


@dataclass
class OrgObligations:
    organization: Organization
    items: list[Item] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(i.status for i in self.items)
        return {s: c.get(s, 0) for s in STATUSES}

    def by_kind(self) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = {}
        for i in self.items:
            out.setdefault(i.kind, []).append(i)
        return out


def default_as_of(year: int, today: datetime.date | None = None) -> datetime.date:
    """The day states are judged on: today, or for a year already over the day after it ended (so that a past
    year's check gives the same final answer whenever it is run)."""
    today = today or datetime.date.today()
    return min(today, datetime.date(year + 1, 1, 1))


def evaluate(ledger: Ledger, year: int, as_of: datetime.date | None = None, rules: RuleSet | None = None,
             settings: LedgerSettings | None = None, organizations: list[str] | None = None,
             through: datetime.date | None = None) -> list[OrgObligations]:
    """Every active rule applied to each organization (all of the ledger's, or those named), for one year; the
    periods up to `through` are listed (default: as_of), their states judged as of as_of."""
    rules = rules or default_rules()
    settings = settings or LedgerSettings()
    as_of = as_of or default_as_of(year)
    versions: dict[str, list] = {}
    for code in rules.codes():
        vs = [r for r in rules.versions(code) if settings.active(r)]
        if vs:
            versions[code] = vs
    wanted = set(organizations) if organizations is not None else None
    out = []
    for org in ledger.organizations:
        if wanted is not None and org.name not in wanted:
            continue
        ctx = OrgContext(ledger, org, year, as_of, rules, settings, through)
        items: list[Item] = []
        for code, vs in versions.items():
            items += CHECKS[vs[0].check](ctx, vs)
        items.sort(key=lambda i: (-SEVERITY[i.status], i.due or datetime.date.max, i.code))
        out.append(OrgObligations(org, items))
    return out


def as_json(results: list[OrgObligations], errors: list[dict] | None = None, year: int | None = None,
            as_of: datetime.date | None = None) -> dict:
    """The JSON of `shuzhi ledger check`."""
    return {
        "version": 1, "year": year, "as_of": as_of.isoformat() if as_of else None,
        "organizations": [{"name": r.organization.name, "type": r.organization.type, "sector": r.organization.sector,
                           "counts": r.counts(), "items": [i.as_dict() for i in r.items]} for r in results],
        "errors": errors or [],
    }
