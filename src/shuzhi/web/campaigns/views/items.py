"""The 整改台账: the progress board of the campaign's items (ECharts), each item's page (整改措施 by the secretary,
evidence, 申请销号, the reviewer's approval or rejection with a reason, 持续整改), its history, and the export."""

from __future__ import annotations

import datetime
from django.urls import reverse
from django.views.decorators.http import require_POST

from shuzhi.campaign.states import ACTIONS, ItemFlow, possible

from ...orgs.responses import attachment, page
from .. import access, exports, summary
from ..forms import EvidenceForm, ItemForm
from ..models import Evidence, Item
from ..workflow import NotAllowed, events, move
from .common import campaign_of, done, form_errors, refused, require, transitions, who

SECRETARY_EVENTS = ("plan", "apply")
REVIEWER_EVENTS = ("approve", "reject", "keep_on", "resume")
MAX_EVIDENCE_MB = 20


def board(request, pk: int):
    campaign = campaign_of(request, pk)
    states = summary.item_states(request.user, campaign)
    state = request.GET.get("state", "")
    qs = access.items(request.user, campaign).select_related("problem__reporter__organization").order_by("problem__reporter__seq", "problem_id")
    if state == "overdue":
        qs = qs.filter(due__lt=datetime.date.today(), state__in=("drafting", "working"))
    elif state in states["labels"]:
        qs = qs.filter(state=state)
    rows = [_item_dict(i) for i in qs[:1000]]
    chart = {"labels": states["labels"], "organizations": states["organizations"][:60]}
    ctx = {"campaign": campaign, "states": states, "rows": rows, "state": state, "chart": chart,
           "campaigns_section": True, "tab": "board", "truncated": qs.count() > 1000 if len(rows) == 1000 else False}
    return page(request, "campaigns/board.html", ctx, lambda: {"campaign": {"id": campaign.pk, "name": campaign.name},
                                                              "progress": states, "items": rows})


def _item_dict(i: Item) -> dict:
    p = i.problem
    return {"id": i.pk, "number": p.number, "organization": p.reporter.organization.name, "reporter_id": p.reporter_id,
            "category": p.category, "problem": p.text, "state": i.get_state_display(), "state_value": i.state,
            "overdue": i.overdue, "review_due": i.review_due, "measures": i.measures, "owner": i.owner,
            "due": i.due.isoformat() if i.due else None, "closed_on": i.closed_on.isoformat() if i.closed_on else None}


def _item_of(request, campaign, iid: int) -> Item:
    return access.get_or_404(access.items(request.user, campaign), pk=iid)


def _url(item: Item) -> str:
    return reverse("campaigns:item", args=[item.problem.reporter.campaign_id, item.pk])


def _ledger_records(item: Item) -> list[tuple[str, str]]:
    """Records of the organization's ledger since the problems were fed back that may show the work was done."""
    from ...ledger.models import Meeting, Talk

    reporter = item.problem.reporter
    since = (reporter.told_at.date() if reporter.told_at else datetime.date(reporter.campaign.year + 1, 1, 1)) - datetime.timedelta(days=31)
    out = []
    for m in Meeting.objects.filter(organization=reporter.organization, date__gte=since).order_by("-date")[:100]:
        out.append((f"meeting:{m.pk}", f"{m.date:%Y-%m-%d} {'、'.join(m.kinds)}{('：' + m.topic) if m.topic else ''}"))
    for t in Talk.objects.filter(organization=reporter.organization, date__gte=since).order_by("-date")[:100]:
        out.append((f"talk:{t.pk}", f"{t.date:%Y-%m-%d} 谈心谈话 {t.talker}—{t.talkee}"))
    return out


def _record_url(record: dict, org_id: int) -> str:
    if record["kind"] == "meeting":
        return reverse("ledger:meeting", args=[org_id, record["id"]])
    return reverse("ledger:record", args=[org_id, "talks", record["id"]])


def item_page(request, pk: int, iid: int):
    campaign = campaign_of(request, pk)
    item = _item_of(request, campaign, iid)
    reporter = item.problem.reporter
    manager = access.manages(request.user, campaign)
    own = access.is_secretary_of(request.user, reporter)
    allowed = events(item)
    editable = own and item.state in ("drafting", "working", "ongoing")
    evidence = [{"id": e.pk, "label": e.label, "note": e.note, "by": who(e.added_by), "at": e.added_at.isoformat(timespec="minutes"),
                 "file": bool(e.name), "records": [dict(r, url=_record_url(r, reporter.organization_id)) for r in e.records]}
                for e in item.evidence.select_related("added_by")]
    history = [{"at": h.history_date.isoformat(timespec="seconds"), "by": who(h.history_user),
                "measures": h.measures, "owner": h.owner, "due": h.due.isoformat() if h.due else None, "state": h.get_state_display()}
               for h in item.history.select_related("history_user").order_by("history_date", "history_id")]
    ctx = {"campaign": campaign, "item": item, "problem": item.problem, "reporter": reporter, "manager": manager, "own": own,
           "form": ItemForm(instance=item) if editable else None,
           "evidence_form": EvidenceForm(records=_ledger_records(item)) if editable else None, "evidence": evidence,
           "secretary_events": [(e, ACTIONS[e]) for e in SECRETARY_EVENTS if own and e in possible(ItemFlow, item.state)],
           "reviewer_events": [(e, ACTIONS[e]) for e in REVIEWER_EVENTS if manager and e in allowed],
           "log": transitions(item.transitions.select_related("by")), "history": history, "campaigns_section": True, "tab": "board"}
    return page(request, "campaigns/item.html", ctx, lambda: dict(_item_dict(item), evidence=evidence, log=ctx["log"],
                                                                 history=history, events=allowed,
                                                                 requirement=item.problem.requirement))


@require_POST
def item_edit(request, pk: int, iid: int):
    campaign = campaign_of(request, pk)
    item = _item_of(request, campaign, iid)
    require(access.is_secretary_of(request.user, item.problem.reporter))
    if item.state not in ("drafting", "working", "ongoing"):
        return refused(request, _url(item), f"“{item.get_state_display()}”的事项不能修改")
    form = ItemForm(request.POST, instance=item)
    if not form.is_valid():
        return refused(request, _url(item), form_errors(form))
    form.save()
    return done(request, _url(item), "已保存整改措施")


@require_POST
def item_move(request, pk: int, iid: int):
    campaign = campaign_of(request, pk)
    item = _item_of(request, campaign, iid)
    reporter = item.problem.reporter
    event = request.POST.get("event", "")
    if event in SECRETARY_EVENTS:
        require(access.is_secretary_of(request.user, reporter))
    elif event in REVIEWER_EVENTS:
        require(access.manages(request.user, campaign))
    else:
        return refused(request, _url(item), "未知的操作")
    try:
        move(item, event, request.user, request.POST.get("note", ""))
    except NotAllowed as exc:
        return refused(request, _url(item), str(exc))
    return done(request, _url(item), f"{ACTIONS[event]}：{item.problem.number}", {"state": item.state})


@require_POST
def evidence_add(request, pk: int, iid: int):
    campaign = campaign_of(request, pk)
    item = _item_of(request, campaign, iid)
    require(access.is_secretary_of(request.user, item.problem.reporter))
    if item.state not in ("working", "ongoing", "drafting"):
        return refused(request, _url(item), f"“{item.get_state_display()}”的事项不能再添加佐证材料")
    choices = _ledger_records(item)
    form = EvidenceForm(request.POST, request.FILES, records=choices)
    if not form.is_valid():
        return refused(request, _url(item), form_errors(form))
    upload = form.cleaned_data.get("file")
    if upload is not None and upload.size > MAX_EVIDENCE_MB * 1024 * 1024:
        return refused(request, _url(item), f"{upload.name}：文件过大（上限 {MAX_EVIDENCE_MB} MB）")
    labels = dict(choices)
    records = [{"kind": v.split(":")[0], "id": int(v.split(":")[1]), "label": labels[v]} for v in form.cleaned_data.get("records") or []]
    Evidence.objects.create(item=item, name=upload.name if upload else "", data=upload.read() if upload else None, records=records,
                            note=form.cleaned_data.get("note") or "", added_by=request.user)
    return done(request, _url(item), "已添加佐证材料")


def evidence_file(request, pk: int, iid: int, eid: int):
    campaign = campaign_of(request, pk)
    item = _item_of(request, campaign, iid)
    e = access.get_or_404(item.evidence.exclude(name=""), pk=eid)
    return attachment(bytes(e.data or b""), e.name, "application/octet-stream")


def export(request, pk: int):
    """The three lists of the campaign (问题清单、责任清单、整改清单) within the user's scope."""
    campaign = campaign_of(request, pk)
    return attachment(exports.lists_xlsx(campaign, access.problems(request.user, campaign)), f"{campaign.name}_三张清单.xlsx",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
