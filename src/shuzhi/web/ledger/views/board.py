"""The 上级's view of its subtree: organizations × obligations (a heat map and a table), the overdue list, and both
as an .xlsx; every figure drills down to the organization's page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from shuzhi.ledger.items import DONE, OPEN, OVERDUE, SOON, STATUSES
from shuzhi.ledger.records import KINDS
from shuzhi.outputs.ledger import obligations_xlsx

from ...orgs import access
from ...orgs.models import Organization
from ...orgs.responses import attachment, page
from .. import compute
from .common import context, year, years_around

SHORT = {"支部党员大会": "党员大会", "支部委员会": "支委会", "民主评议党员": "民主评议"}
STATE_CLASS = {OVERDUE: "st-overdue", SOON: "st-soon", OPEN: "st-open", DONE: "st-done"}


def _scope(request):
    """(the organization chosen or None, the organizations shown: the chosen one and everything below it in view)."""
    visible = access.organizations(request.user)
    root = None
    if (request.GET.get("org") or "").isdigit():
        root = access.get_or_404(visible, pk=int(request.GET["org"]))
        visible = visible.filter(path__startswith=root.path)
    return root, list(visible.order_by("path"))


def _rows(orgs: list[Organization], sums: dict[int, dict]) -> list[dict]:
    top = min((o.depth for o in orgs), default=0)
    return [{"id": o.pk, "name": o.name, "kind": o.get_kind_display(), "sector": o.get_sector_display(), "depth": o.depth - top,
             "counts": sums[o.pk]["counts"], "cells": sums[o.pk]["cells"]} for o in orgs if o.pk in sums]


def _table(rows: list[dict], y: int) -> str:
    base = reverse("ledger:org", args=[0])[:-2]
    out = []
    for r in rows:
        cells = []
        for kind in KINDS:
            c = r["cells"].get(kind)
            if not c:
                cells.append('<td class="na">—</td>')
                continue
            label = "✓" if c["status"] == DONE else f'{c["status"]}{c[c["status"]]}'
            css = STATE_CLASS[c["status"]]
            if c["status"] == OPEN and c[OPEN] == c.get("pending", 0):  # only what is not yet due: a term in progress
                label, css = "未到期", "st-pending"
            title = "，".join(f"{s}{c[s]}" for s in STATUSES if c[s])
            cells.append(f'<td class="{css}" title="{escape(title)}">'
                         f'<a href="{base}{r["id"]}/?year={y}&amp;kind={escape(kind)}">{escape(label)}</a></td>')
        n = r["counts"]
        out.append(f'<tr><td class="org" style="padding-left:{8 + 16 * r["depth"]}px"><a href="{base}{r["id"]}/?year={y}">{escape(r["name"])}</a>'
                   f' <span class="muted">{escape(r["kind"])}</span></td>{"".join(cells)}'
                   f'<td class="num bad">{n[OVERDUE] or ""}</td><td class="num">{n[SOON] or ""}</td><td class="num">{n[DONE]}</td></tr>')
    return mark_safe("\n".join(out))


def _heatmap(rows: list[dict]) -> dict:
    """ECharts heat map data: [kind index, organization index, share done of what is due (0..1; -1 where nothing is
    due yet, as for a term in progress), overdue, due soon, all]."""
    data = []
    for y, r in enumerate(rows):
        for x, kind in enumerate(KINDS):
            c = r["cells"].get(kind)
            if c:
                due = c["total"] - c["pending"]
                data.append([x, y, round(c[DONE] / due, 3) if due else -1, c[OVERDUE], c[SOON], c["total"]])
    return {"kinds": [SHORT.get(k, k) for k in KINDS], "organizations": [r["name"] for r in rows], "ids": [r["id"] for r in rows],
            "data": data, "url": reverse("ledger:org", args=[0])[:-2]}


def board(request):
    y = year(request)
    root, orgs = _scope(request)
    sums = compute.summaries(orgs, y)
    rows = _rows(orgs, sums)
    totals = {s: sum(r["counts"][s] for r in rows) for s in STATUSES}
    query = f"year={y}" + (f"&org={root.pk}" if root else "")
    ctx = context(request, year=y, years=years_around(y), root=root, organizations=list(access.organizations(request.user)),
                  kinds=[SHORT.get(k, k) for k in KINDS], table=_table(rows, y), count=len(rows), totals=totals,
                  heatmap=_heatmap(rows), query=query, as_of=compute.as_of_for(y))
    return page(request, "ledger/board.html", ctx, lambda: {
        "year": y, "as_of": compute.as_of_for(y).isoformat(), "organization": {"id": root.pk, "name": root.name} if root else None,
        "kinds": list(KINDS), "totals": totals,
        "organizations": [{"id": r["id"], "name": r["name"], "type": r["kind"], "sector": r["sector"], "counts": r["counts"],
                           "cells": {k: r["cells"][k] for k in KINDS if k in r["cells"]},
                           "url": reverse("ledger:org", args=[r["id"]]) + f"?year={y}"} for r in rows],
    })


def _open_items(request, statuses) -> tuple[int, object, list[dict]]:
    y = year(request)
    root, orgs = _scope(request)
    sums = compute.summaries(orgs, y, items=True)
    names = {o.pk: o.name for o in orgs}
    kind = request.GET.get("kind") or ""
    items = [dict(i, organization=names[pk]) for o in orgs for pk in [o.pk] if pk in sums for i in sums[pk]["open"]
             if i["status"] in statuses and (not kind or i["kind"] == kind)]
    items.sort(key=lambda i: (i["due"] or "9999", i["organization"], i["code"]))
    return y, root, items


def overdue(request):
    wanted = request.GET.get("status") or OVERDUE
    statuses = (OVERDUE, SOON, OPEN) if wanted == "all" else ((wanted,) if wanted in STATUSES else (OVERDUE,))
    y, root, items = _open_items(request, statuses)
    query = f"year={y}" + (f"&org={root.pk}" if root else "") + f"&status={wanted}"
    ctx = context(request, year=y, years=years_around(y), root=root, organizations=list(access.organizations(request.user)),
                  items=items[:2000], count=len(items), status=wanted, query=query, kinds=list(KINDS), kind=request.GET.get("kind") or "",
                  statuses=[(OVERDUE, "逾期"), (SOON, "即将到期"), (OPEN, "未完成"), ("all", "全部未完成")])
    return page(request, "ledger/overdue.html", ctx, lambda: {"year": y, "status": wanted, "items": items})


def export(request):
    """The items not done (overdue, due soon, open) of the subtree, laid out to print."""
    from shuzhi.ledger.items import Item
    from shuzhi.ledger.obligations import OrgObligations
    from shuzhi.ledger.records import Organization as EngineOrg

    y, root, items = _open_items(request, (OVERDUE, SOON, OPEN))
    by_org: dict[str, OrgObligations] = {}
    for i in items:
        r = by_org.setdefault(i["organization"], OrgObligations(EngineOrg(i["organization"], "", "")))
        r.items.append(Item(code=i["code"], kind=i["kind"], status=i["status"], organization=i["organization"], message=i["message"],
                            source=i["source"], title=i["title"], due=_date(i["due"]), person=i["person"], period=i["period"], group=i["group"] or ""))
    data = obligations_xlsx(list(by_org.values()), y, compute.as_of_for(y))
    unit = root.name if root else "、".join(o.name for o in access.tops(request.user)) or "全部"
    return attachment(data, f"{y}年度台账提示清单（{unit}）.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _date(text):
    import datetime

    return datetime.date.fromisoformat(text) if text else None

