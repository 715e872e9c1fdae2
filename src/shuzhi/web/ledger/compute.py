"""The engine's answers for the web: one organization's obligations computed fresh, and each organization's summary
for the board, cached under its revision (so a change to any record is seen at once; nothing stale is ever read).
"""

from __future__ import annotations

import datetime
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache

from shuzhi.config import Config, find_config, load_config
from shuzhi.ledger.items import DONE, OPEN, SEVERITY, STATUSES, Item
from shuzhi.ledger.obligations import OrgObligations, default_as_of, evaluate

from ..orgs.models import Organization
from .engine import key, load
from .models import Revision

CACHE_SECONDS = 7 * 24 * 3600


@lru_cache(maxsize=1)
def config() -> Config:
    """shuzhi.toml for the server: SHUZHI_CONFIG, or one found from the working folder ([ledger] switches rules)."""
    path = os.environ.get("SHUZHI_CONFIG")
    return load_config(Path(path) if path else find_config())


def _settings_tag() -> str:
    return hashlib.sha1(repr(config().ledger).encode()).hexdigest()[:8]


def as_of_for(year: int) -> datetime.date:
    return default_as_of(year)


def below(orgs: list[Organization]) -> list[int]:
    """Everything below the organizations that have something below them (a 党委's rules read its branches' 党课)."""
    tops = [o for o in orgs if o.kind != Organization.BRANCH]
    if not tops:
        return []
    from django.db.models import Q

    q = Q()
    for o in tops:
        q |= Q(path__startswith=o.path)
    return sorted(set(Organization.objects.filter(q).values_list("pk", flat=True)) - {o.pk for o in orgs})


def obligations(orgs: list[Organization], year: int, as_of: datetime.date | None = None) -> dict[int, OrgObligations]:
    """Each organization's items for the year, computed now."""
    as_of = as_of or as_of_for(year)
    if not orgs:
        return {}
    ledger = load([o.pk for o in orgs], since=datetime.date(year - 1, 1, 1), lectures_of=below(orgs))
    results = evaluate(ledger, year, as_of=as_of, settings=config().ledger, organizations=[key(o.pk) for o in orgs])
    return {int(r.organization.name): r for r in results}


def _summary(r: OrgObligations, as_of: datetime.date) -> dict:
    cells: dict[str, dict] = {}
    for i in r.items:
        c = cells.setdefault(i.kind, {"status": DONE, "total": 0, "pending": 0, **{s: 0 for s in STATUSES}})
        c["total"] += 1
        c[i.status] += 1
        # Open and not yet due (a term in progress, a probation not yet over): neither done nor behind. An open
        # item without a due day is data missing (no election date recorded): not pending.
        c["pending"] += i.status == OPEN and i.due is not None and i.due >= as_of
        if SEVERITY[i.status] > SEVERITY[c["status"]]:
            c["status"] = i.status
    return {"counts": r.counts(), "cells": cells, "open": [item_dict(i) for i in r.items if i.status != DONE]}


def item_dict(i: Item) -> dict:
    d = i.as_dict()
    d["organization_id"] = int(i.organization)
    return d


def summaries(orgs: list[Organization], year: int, as_of: datetime.date | None = None, items: bool = False) -> dict[int, dict]:
    """Each organization's board summary (counts and a cell per kind; with `items`, also its open items), from the
    cache where the organization's records have not changed since. The open items are kept apart: the board does not
    need them and reads only the small summaries."""
    as_of = as_of or as_of_for(year)
    revisions = {pk: f"{token}.{n}" for pk, token, n in
                 Revision.objects.filter(organization_id__in=[o.pk for o in orgs]).values_list("organization_id", "token", "number")}
    tag = _settings_tag()
    keys = {o.pk: f"shuzhi:ledger:{o.pk}:{year}:{as_of.isoformat()}:{revisions.get(o.pk, 'none')}:{tag}" for o in orgs}
    wanted = list(keys.values()) + ([k + ":open" for k in keys.values()] if items else [])
    found = cache.get_many(wanted)
    out = {}
    for pk, k in keys.items():
        if k in found and (not items or k + ":open" in found):
            out[pk] = dict(found[k], open=found[k + ":open"]) if items else found[k]
    missing = [o for o in orgs if o.pk not in out]
    if missing:
        fresh = {pk: _summary(r, as_of) for pk, r in obligations(missing, year, as_of).items()}
        stored = {}
        for pk, summary in fresh.items():
            stored[keys[pk] + ":open"] = summary.pop("open")
            stored[keys[pk]] = summary
            out[pk] = dict(summary, open=stored[keys[pk] + ":open"]) if items else summary
        cache.set_many(stored, CACHE_SECONDS)
    return out


def facts_for(org: Organization, year: int, within=None) -> dict | None:
    """The year's facts of an organization (with everything below it that `within` allows: the reader's scope) by
    key, for checking a report's numbers; None when its ledger has no records for that year (then there is nothing
    to check against). Cached under the revisions of the organizations counted, like the board."""
    from shuzhi.ledger.facts import year_facts

    below = Organization.objects.filter(path__startswith=org.path)
    if within is not None:
        below = below.filter(pk__in=within.values("pk"))
    ids = sorted(below.values_list("pk", flat=True))
    if not ids or not has_records(ids, year):
        return None
    revisions = Revision.objects.filter(organization_id__in=ids).values_list("organization_id", "token", "number")
    tag = hashlib.sha1(repr((ids, sorted(revisions), _settings_tag())).encode()).hexdigest()
    cache_key = f"shuzhi:facts:{org.pk}:{year}:{as_of_for(year).isoformat()}:{tag}"
    found = cache.get(cache_key)
    if found is not None:
        return found
    # The year and the one before (a probation, a term, the dues months straddle it); roster and candidates in full.
    facts = year_facts(load(ids, since=datetime.date(year - 1, 1, 1)), key(org.pk), year)
    out = {f.key: f for f in facts.facts}
    cache.set(cache_key, out, CACHE_SECONDS)
    return out


def has_records(ids: list[int], year: int) -> bool:
    """Whether the organizations keep a ledger at all: a member on the roll or a meeting of the year. Without one,
    every obligation would look missed; nothing is judged."""
    from .models import Meeting, Member

    return Meeting.objects.filter(organization_id__in=ids, date__year=year).exists() or Member.objects.filter(organization_id__in=ids).exists()
