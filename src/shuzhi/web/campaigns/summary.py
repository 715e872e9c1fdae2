"""The figures of a campaign's pages, each from a few aggregate queries (a campaign of 1,000 reporters stays fast):
its reporters' rows, submission progress, ratings, problem categories, rectification progress."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Q

from shuzhi.campaign.states import ItemFlow, ReporterFlow, label_of
from shuzhi.campaign.tally import GRADES

from . import access
from .models import Campaign, Item, Problem, Submission
from .voting import results

ITEM_STATES = [s.value for s in ItemFlow.states]


def reporter_rows(campaign: Campaign, user, reporters=None) -> list[dict]:
    """One row per reporter the user may read; ratings, results and items only where the user may see them."""
    qs = reporters if reporters is not None else access.reporters(user, campaign)
    reporters = list(qs.order_by("seq"))
    # Versions and the latest of each, from one pass over the campaign's submissions (not a subquery per row).
    latest: dict[int, dict] = {}
    versions: Counter = Counter()
    for sub in (Submission.objects.filter(reporter__in=[r.pk for r in reporters]).order_by("reporter_id", "version")
                .values("reporter_id", "version", "submitted_at", "late", "report_id", "report__score", "report__rating")):
        versions[sub["reporter_id"]] += 1
        latest[sub["reporter_id"]] = sub
    items = _items_by_reporter([r.pk for r in reporters])
    problems = dict(Problem.objects.filter(reporter__in=[r.pk for r in reporters]).values("reporter").annotate(n=Count("id"))
                    .values_list("reporter", "n"))
    manager = access.manages(user, campaign)
    voted = results(campaign, reporters) if campaign.results_visible else {}
    out = []
    for r in reporters:
        feedback = manager or r.feedback_visible
        sub = latest.get(r.pk)
        row = {
            "id": r.pk, "seq": r.seq, "organization": r.organization.name, "organization_id": r.organization_id,
            "secretary": r.secretary, "state": r.get_state_display(), "state_value": r.state,
            "versions": versions[r.pk], "submitted_at": sub["submitted_at"].isoformat(timespec="minutes") if sub else None,
            "late": bool(sub and sub["late"]), "report_id": sub["report_id"] if sub else None,
            "score": sub["report__score"] if sub else None, "suggested": (sub["report__rating"] or "") if sub else "",
        }
        if feedback:
            counts = items.get(r.pk, Counter())
            row.update({
                "reading": r.reading, "routine": float(r.routine) if r.routine is not None else None,
                "problems": problems.get(r.pk, 0),
                "items": {"total": sum(v for k, v in counts.items() if k in ITEM_STATES), "closed": counts["closed"],
                          "overdue": counts["overdue"]},
            })
            if r.pk in voted:
                row["ballots"] = voted[r.pk]["ballots"]
                row["combined"] = voted[r.pk]["combined"]
        out.append(row)
    return out


def _items_by_reporter(ids: list[int]) -> dict[int, Counter]:
    today = datetime.date.today()
    out: dict[int, Counter] = {}
    rows = (Item.objects.filter(problem__reporter__in=ids).values("problem__reporter", "state")
            .annotate(n=Count("id"), late=Count("id", filter=Q(due__lt=today, state__in=("drafting", "working")))))
    for row in rows:
        c = out.setdefault(row["problem__reporter"], Counter())
        c[row["state"]] += row["n"]
        c["overdue"] += row["late"]
    return out


def progress(rows: list[dict], campaign: Campaign) -> dict:
    """Submission progress, ratings and rectification in counts (of the rows given: the user's scope)."""
    states = Counter(r["state_value"] for r in rows)
    submitted = sum(1 for r in rows if r["versions"])
    graded = Counter(r["combined"]["grade"] for r in rows if r.get("combined") and r["combined"]["grade"])
    readings = Counter(r["reading"] for r in rows if r.get("reading"))
    items = Counter()
    for r in rows:
        for k, v in (r.get("items") or {}).items():
            items[k] += v
    return {
        "reporters": len(rows), "submitted": submitted, "not_submitted": len(rows) - submitted,
        "late": sum(1 for r in rows if r["late"]),
        "states": [{"state": label_of(ReporterFlow, s.value), "value": s.value, "count": states[s.value]} for s in ReporterFlow.states],
        "readings": {g: readings[g] for g in GRADES},
        "combined": {g: graded[g] for g in GRADES} if campaign.results_visible else None,
        "items": {"total": items["total"], "closed": items["closed"], "overdue": items["overdue"]},
    }


def categories(user, campaign: Campaign) -> list[dict]:
    rows = access.problems(user, campaign).values("category").annotate(n=Count("id")).order_by("-n", "category")
    return [{"category": r["category"], "count": r["n"]} for r in rows]


def item_states(user, campaign: Campaign) -> dict:
    """Rectification progress: items in each state and overdue, overall and for each organization."""
    today = datetime.date.today()
    qs = access.items(user, campaign)
    by_org: dict[int, dict] = {}
    for row in (qs.values("problem__reporter__organization_id", "problem__reporter__organization__name", "state")
                .annotate(n=Count("id"), late=Count("id", filter=Q(due__lt=today, state__in=("drafting", "working"))))):
        o = by_org.setdefault(row["problem__reporter__organization_id"], {
            "organization_id": row["problem__reporter__organization_id"], "organization": row["problem__reporter__organization__name"],
            **{s: 0 for s in ITEM_STATES}, "overdue": 0, "total": 0})
        o[row["state"]] += row["n"]
        o["overdue"] += row["late"]
        o["total"] += row["n"]
    totals = {s: sum(o[s] for o in by_org.values()) for s in (*ITEM_STATES, "overdue", "total")}
    return {"labels": {s: label_of(ItemFlow, s) for s in ITEM_STATES}, "totals": totals,
            "organizations": sorted(by_org.values(), key=lambda o: (-o["overdue"], o["organization"]))}
