"""The campaigns a user has a part in, starting one, its page (stages, reporters, who has not submitted), its
settings, adding reporters from the tree, and the reminder list."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.views.decorators.http import require_POST

from shuzhi.campaign.states import ACTIONS, CampaignFlow

from ...orgs.models import Organization
from ...orgs.responses import attachment, page
from .. import access, exports, services, summary, tables
from ..forms import CampaignForm
from ..models import Campaign
from ..workflow import NotAllowed, events, move
from .common import campaign_of, done, form_errors, refused, transitions


def _campaign_dict(c: Campaign, user) -> dict:
    return {"id": c.pk, "name": c.name, "year": c.year, "scope": c.scope.name, "scope_id": c.scope_id,
            "report_kind": c.get_report_kind_display(), "deadline": c.deadline.isoformat(),
            "meeting_date": c.meeting_date.isoformat() if c.meeting_date else None, "state": c.get_state_display(),
            "state_value": c.state, "voting": c.get_voting_display(), "manages": access.manages(user, c),
            "only_votes": access.only_votes(user, c), "previous_id": c.previous_id,
            "weights": {"审读": c.weight_reading, "民主测评": c.weight_ballots, "平时考核": c.weight_routine},
            "poor_veto": c.poor_veto}


def campaign_list(request):
    scopes = access.creatable_scopes(request.user)
    form = None
    if scopes.exists():
        today = datetime.date.today()
        year = today.year - 1 if today.month <= 6 else today.year
        form = CampaignForm(request.POST or None, scopes=scopes, initial={
            "year": year, "name": f"{year}年度党组织书记抓基层党建工作述职评议", "reporter_kinds": [Organization.BRANCH],
            "deadline": datetime.date(year + 1, 1, 20) if today.month > 6 else today + datetime.timedelta(days=14),
            "scope": scopes.first()})
        if request.method == "POST":
            if form.is_valid():
                campaign = services.create(form, request.user)
                return done(request, reverse("campaigns:campaign", args=[campaign.pk]),
                            f"已创建“{campaign.name}”，述职人{campaign.reporters.count()}名", {"id": campaign.pk})
            if request.GET.get("format") == "json":
                return refused(request, request.path, form_errors(form))
    elif request.method == "POST":
        return refused(request, request.path, "只有审读人（组织部）可以发起述职评议", status=403)
    rows = list(access.campaigns(request.user).select_related("scope"))
    own = _own_reporters(request.user)
    return page(request, "campaigns/list.html", {"campaigns": rows, "form": form, "own": own, "campaigns_section": True},
                lambda: {"campaigns": [_campaign_dict(c, request.user) for c in rows], "own": own})


def _own_reporters(user) -> list[dict]:
    """A secretary's own reporting, with the deadline: the reminder they see first."""
    from ..models import Reporter

    out = []
    for r in Reporter.objects.filter(user=user).select_related("campaign").exclude(campaign__state="closed"):
        c = r.campaign
        out.append({"campaign_id": c.pk, "reporter_id": r.pk, "campaign": c.name, "state": r.get_state_display(),
                    "deadline": c.deadline.isoformat(), "days_left": c.days_left,
                    "due": r.state in ("pending", "returned") and c.state in ("collecting", "reading")})
    return out


def campaign_page(request, pk: int):
    campaign = campaign_of(request, pk, voter_ok=True)
    user = request.user
    if access.only_votes(user, campaign):
        return page(request, "campaigns/voter.html", {"campaign": campaign, "campaigns_section": True},
                    lambda: {"campaign": _campaign_dict(campaign, user), "vote_url": reverse("vote")})
    rows = summary.reporter_rows(campaign, user)
    progress = summary.progress(rows, campaign)
    manager = access.manages(user, campaign)
    waiting = [r for r in rows if not r["versions"]]
    values = [st.value for st in CampaignFlow.states]
    here = values.index(campaign.state)
    stages = [(st.name, "on" if i == here else "done" if i < here else "") for i, st in enumerate(CampaignFlow.states)]
    ctx = {"campaign": campaign, "rows": rows, "progress": progress, "manager": manager, "waiting": waiting, "stages": stages,
           "kinds": Organization.KINDS, "tab": "campaign", "can_go_back": manager and "go_back" in events(campaign),
           "events": [(e, ACTIONS[e]) for e in events(campaign)] if manager else [], "campaigns_section": True, **tables.context(rows, campaign),
           "log": transitions(campaign.transitions.filter(flow__in=("campaign", "voting")).select_related("by")) if manager else []}
    return page(request, "campaigns/campaign.html", ctx, lambda: {
        "campaign": _campaign_dict(campaign, user), "progress": progress, "reporters": rows,
        "not_submitted": [{"id": r["id"], "organization": r["organization"], "secretary": r["secretary"]} for r in waiting],
        "events": [e for e, _ in ctx["events"]], "log": ctx["log"]})


@require_POST
def campaign_move(request, pk: int):
    campaign = campaign_of(request, pk, manage=True)
    url = reverse("campaigns:campaign", args=[pk])
    event = request.POST.get("event", "")
    if event not in ("advance", "go_back"):
        return refused(request, url, "未知的操作")
    try:
        move(campaign, event, request.user, request.POST.get("note", ""))
    except NotAllowed as exc:
        return refused(request, url, str(exc))
    return done(request, url, f"述职评议进入“{campaign.get_state_display()}”阶段", {"state": campaign.state})


def campaign_edit(request, pk: int):
    campaign = campaign_of(request, pk, manage=True)
    form = CampaignForm(request.POST or None, instance=campaign, scopes=access.creatable_scopes(request.user) | Organization.objects.filter(pk=campaign.scope_id))
    url = reverse("campaigns:campaign", args=[pk])
    if request.method == "POST":
        if form.is_valid():
            form.save()
            return done(request, url, "已保存设置")
        if request.GET.get("format") == "json":
            return refused(request, request.path, form_errors(form))
    return page(request, "campaigns/edit.html", {"campaign": campaign, "form": form, "campaigns_section": True},
                lambda: {"campaign": _campaign_dict(campaign, request.user)})


@require_POST
def add_reporters(request, pk: int):
    campaign = campaign_of(request, pk, manage=True)
    url = reverse("campaigns:campaign", args=[pk])
    if campaign.state not in ("preparing", "collecting"):
        return refused(request, url, "收集报告阶段之后不能再添加述职人")
    kinds = [k for k in request.POST.getlist("kinds") if k in dict(Organization.KINDS)]
    ids = [int(i) for i in request.POST.getlist("organizations") if i.isdigit()]
    orgs = list(campaign.scope.subtree().filter(pk__in=ids)) if ids else None
    if not kinds and not orgs:
        return refused(request, url, "请选择党组织类型或党组织")
    n = services.add_reporters(campaign, kinds, orgs)
    return done(request, url, f"新增述职人{n}名" if n else "没有新的述职人（所选党组织都已在名单中）", {"added": n})


def reminders(request, pk: int):
    """Who has not submitted yet, with the secretary and the days left: an xlsx to send round or print."""
    campaign = campaign_of(request, pk, manage=True)
    rows = [r for r in summary.reporter_rows(campaign, request.user) if not r["versions"] or r["state_value"] == "returned"]
    return attachment(exports.reminders_xlsx(campaign, rows), f"{campaign.name}_未提交名单.xlsx",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
