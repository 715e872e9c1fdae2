"""The campaign's overview: ratings by organization and their distribution, problem categories, rectification and
submission progress (within the user's scope), with its printable workbook and every letter in one zip."""

from __future__ import annotations

from ...orgs.responses import attachment, page
from .. import access, exports, letters, summary, tables
from .common import campaign_of


def overview(request, pk: int):
    campaign = campaign_of(request, pk)
    rows = summary.reporter_rows(campaign, request.user)
    progress = summary.progress(rows, campaign)
    cats = summary.categories(request.user, campaign)
    items = summary.item_states(request.user, campaign)
    chart = {"progress": progress, "categories": cats, "items": items["totals"], "labels": items["labels"]}
    ctx = {"campaign": campaign, "rows": rows, "progress": progress, "categories": cats, "items": items,
           "chart": chart, "campaigns_section": True, **tables.context(rows, campaign), "tab": "overview",
           "manager": access.manages(request.user, campaign)}
    return page(request, "campaigns/overview.html", ctx, lambda: {
        "campaign": {"id": campaign.pk, "name": campaign.name, "state": campaign.get_state_display(),
                     "results_visible": campaign.results_visible},
        "progress": progress, "categories": cats, "rectification": items, "reporters": rows})


def overview_export(request, pk: int):
    campaign = campaign_of(request, pk)
    rows = summary.reporter_rows(campaign, request.user)
    return attachment(exports.overview_xlsx(campaign, rows), f"{campaign.name}_结果汇总.xlsx",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def letters_zip(request, pk: int):
    """Every reporter's 反馈函 (the campaign's reviewers only)."""
    campaign = campaign_of(request, pk, manage=True)
    reporters = list(campaign.reporters.select_related("organization", "campaign__scope").prefetch_related("problems").order_by("seq"))
    return attachment(letters.letters_zip(campaign, reporters), f"{campaign.name}_反馈函{len(reporters)}份.zip", "application/zip")
