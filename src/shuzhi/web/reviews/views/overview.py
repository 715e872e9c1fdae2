"""The reviewer's overview: every report of a subtree for a year, sortable, with charts and an .xlsx export."""

from __future__ import annotations

from collections import Counter

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from shuzhi.document import CATEGORIES, CATEGORY_LABELS
from shuzhi.review.score import RATINGS

from .. import access
from ..export import overview_xlsx
from ...orgs.responses import attachment, page
from ..tables import rows_html
from .upload import default_year

COLUMNS = [
    ("organization", "党组织"), ("kind", "报告类型"), ("errors", "错误"), ("warnings", "警告"),
    ("placeholders", "未填占位符"), ("stale", "陈旧内容"), ("concreteness", "具体程度"), ("score", "得分"), ("rating", "建议等次"),
]
_SORTABLE = {key for key, _ in COLUMNS} | {"title"}
_RATING_RANK = {r: i for i, r in enumerate(RATINGS)}


def home(request):
    return redirect("overview")


def _selection(request):
    """(year, organization or None, the visible reports of that year below it)."""
    reports = access.reports(request.user)
    years = list(reports.order_by("-year").values_list("year", flat=True).distinct())
    try:
        year = int(request.GET.get("year") or (years[0] if years else default_year()))
    except ValueError:
        year = years[0] if years else default_year()
    org = None
    if request.GET.get("org"):
        org = get_object_or_404(access.organizations(request.user), pk=request.GET["org"]) if request.GET["org"].isdigit() else None
    chosen = reports.filter(year=year)
    if org is not None:
        chosen = chosen.filter(organization__path__startswith=org.path)
    return year, years, org, chosen


def rows_of(reports, sort: str = "") -> list[dict]:
    rows = list(reports.values(
        "id", "title", "kind", "errors", "warnings", "placeholders", "stale", "concreteness", "score", "rating",
        "front_matter", "organization__name", "organization__path", "source_file__name", "index", "by_category"))
    for r in rows:
        r["organization"] = r.pop("organization__name")
        r["source"] = r.pop("source_file__name")
    key = sort.lstrip("-")
    if key not in _SORTABLE:
        rows.sort(key=lambda r: (r["organization__path"], r["index"]))
        return rows

    def value(r):
        v = r[key]
        return _RATING_RANK.get(v) if key == "rating" else (None if v == "" else v)

    # Reports without a value (a compilation's cover has no score) stay at the bottom either way.
    present = sorted((r for r in rows if value(r) is not None), key=value, reverse=sort.startswith("-"))
    return present + [r for r in rows if value(r) is None]


def charts_of(rows: list[dict]) -> dict:
    """Findings not dismissed by category, errors and warnings by organization, and the suggested ratings."""
    by_category = Counter()
    for r in rows:
        by_category.update(r["by_category"])
    per_org: dict[str, Counter] = {}
    for r in rows:
        c = per_org.setdefault(r["organization"], Counter())
        c["errors"] += r["errors"]
        c["warnings"] += r["warnings"]
    top = sorted(per_org.items(), key=lambda kv: -(kv[1]["errors"] * 1000 + kv[1]["warnings"]))[:30]
    ratings = Counter(r["rating"] for r in rows if r["rating"])
    return {
        "by_category": [{"category": c, "label": CATEGORY_LABELS[c], "count": by_category[c]} for c in CATEGORIES.values() if by_category.get(c)],
        "by_organization": [{"organization": name, "errors": c["errors"], "warnings": c["warnings"]} for name, c in top],
        "ratings": [{"rating": r, "count": ratings.get(r, 0)} for r in RATINGS],
    }


def overview(request):
    year, years, org, reports = _selection(request)
    sort = request.GET.get("sort", "")
    rows = rows_of(reports, sort)
    charts = charts_of(rows)
    query = {"year": year, **({"org": org.pk} if org else {})}
    report_url = reverse("report", args=[0])[:-2]  # one reverse, not one per row
    context = {
        "year": year, "years": years or [year], "org": org, "rows_html": rows_html(rows, report_url), "count": len(rows),
        "charts": charts, "sort": sort,
        "columns": [(key, label, ("" if sort == f"-{key}" else "-") if sort.lstrip("-") == key else "-") for key, label in COLUMNS],
        "organizations": list(access.organizations(request.user)),
        "query": query,
        "export_url": reverse("overview_xlsx") + "?" + "&".join(f"{k}={v}" for k, v in query.items()),
    }
    return page(request, "reviews/overview.html", context, lambda: {
        "year": year, "years": years, "organization": {"id": org.pk, "name": org.name} if org else None,
        "columns": [{"key": k, "label": label} for k, label in COLUMNS],
        "reports": [dict({k: v for k, v in r.items() if k != "organization__path"}, url=f"{report_url}{r['id']}/") for r in rows],
        "charts": charts,
    })


def overview_export(request):
    year, _, org, reports = _selection(request)
    rows = rows_of(reports, request.GET.get("sort", ""))
    unit = org.name if org else "、".join(o.name for o in access.tops(request.user)) or "全部"
    data = overview_xlsx(rows, year, unit)
    return attachment(data, f"{year}年度述职报告审读汇总表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
