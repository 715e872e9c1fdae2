"""One organization's ledger page: every obligation of the year with its state and the records that meet it; the
weekly digest; the year's facts."""

from __future__ import annotations

import datetime

from django.urls import reverse

from shuzhi.ledger.digest import digest_html, digest_text, upcoming
from shuzhi.ledger.facts import year_facts
from shuzhi.ledger.items import DONE, OPEN, OVERDUE, SOON, STATUSES
from shuzhi.ledger.records import KINDS

from ...orgs import access
from ...orgs.responses import json_response, page, wants_json
from .. import compute
from ..engine import key, load
from .common import context, organization, year, years_around

SLUGS = {"talk": "talks", "member": "members", "payment": "payments", "election": "elections", "appraisal": "appraisals"}


def record_url(org_pk: int, ref: str) -> str | None:
    """The page of a record an item names (“meeting:12”), if it has one."""
    kind, _, pk = ref.partition(":")
    if not pk.isdigit():
        return None
    if kind in ("meeting", "candidate"):
        return reverse(f"ledger:{kind}", args=[org_pk, int(pk)])
    return reverse("ledger:record", args=[org_pk, SLUGS[kind], int(pk)]) if kind in SLUGS else None


def org_page(request, pk: int):
    org = organization(request, pk)
    y = year(request)
    result = compute.obligations([org], y).get(org.pk)
    items = result.items if result else []
    kind = request.GET.get("kind") or ""
    status = request.GET.get("status") or ""
    shown = [i for i in items if (not kind or i.kind == kind) and (not status or i.status == status)]
    counts = {s: sum(1 for i in items if i.status == s) for s in STATUSES}
    by_kind = []
    for k in KINDS:
        mine = [i for i in items if i.kind == k]
        if mine:
            by_kind.append({"kind": k, "total": len(mine), **{s: sum(1 for i in mine if i.status == s) for s in STATUSES}})
    rows = [dict(i.as_dict(), links=[(ref, record_url(org.pk, ref)) for ref in i.records[:20]]) for i in shown]
    children = list(access.organizations(request.user).filter(parent=org))
    ctx = context(request, org, year=y, years=years_around(y), items=rows, counts=counts, by_kind=by_kind, kind=kind,
                  status=status, kinds=list(KINDS), statuses=STATUSES, as_of=compute.as_of_for(y), children=children,
                  done=DONE, overdue=OVERDUE, soon=SOON, open=OPEN)
    return page(request, "ledger/org.html", ctx, lambda: {
        "organization": {"id": org.pk, "name": org.name, "type": org.get_kind_display(), "sector": org.get_sector_display()},
        "year": y, "as_of": compute.as_of_for(y).isoformat(), "counts": counts,
        "items": [dict(i.as_dict(), records=[{"ref": ref, "url": url} for ref, url in r["links"]]) for i, r in zip(shown, rows)],
    })


def facts_page(request, pk: int):
    org = organization(request, pk)
    y = year(request)
    # The organization and what the user may read below it: a count never carries records the user cannot open.
    ledger = load(list(access.organizations(request.user).filter(path__startswith=org.path).values_list("pk", flat=True)))
    facts = year_facts(ledger, key(org.pk), y)
    if wants_json(request):
        data = facts.as_dict()
        data["organization"], data["scope"] = org.name, [ledger.organization(n).display for n in facts.scope]
        return json_response(data)
    return page(request, "ledger/facts.html", context(request, org, year=y, years=years_around(y), facts=facts.facts), dict)


def digest(request, pk: int):
    """The week's digest: what is late, what falls due soon, what opens within the next weeks."""
    org = organization(request, pk)
    as_of = datetime.date.today()
    ledger = load([org.pk], since=datetime.date(as_of.year - 1, 1, 1), lectures_of=compute.below([org]))
    d = upcoming(ledger, as_of, [key(org.pk)], settings=compute.config().ledger)[key(org.pk)]
    d.organization = org.name
    if request.GET.get("format") == "text":
        from django.http import HttpResponse

        return HttpResponse(digest_text(d), content_type="text/plain; charset=utf-8")
    if request.GET.get("format") == "html":
        from django.http import HttpResponse

        return HttpResponse(digest_html(d), content_type="text/html; charset=utf-8")
    return page(request, "ledger/digest.html", context(request, org, digest=d, as_of=as_of), lambda: {
        "organization": org.name, "as_of": as_of.isoformat(),
        "overdue": [i.as_dict() for i in d.overdue], "soon": [i.as_dict() for i in d.soon], "coming": [i.as_dict() for i in d.coming],
        "done": d.done})
