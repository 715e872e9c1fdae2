"""Every state change of the campaign app goes through move(): the engine's state machine says whether the event is
allowed now (state and conditions), and the change is saved with a Transition row (who, when, from, to, why) in
one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from shuzhi.campaign.states import ACTIONS, CampaignFlow, ItemFlow, ReporterFlow, TransitionNotAllowed, enabled, label_of

from .models import Campaign, Item, Reporter, Transition

FLOWS = {Campaign: ("campaign", CampaignFlow), Reporter: ("reporter", ReporterFlow), Item: ("item", ItemFlow)}
# Events that need a reason in words (the secretary or the reviewer must know why).
NEEDS_NOTE = {"send_back", "reject", "go_back"}


class NotAllowed(Exception):
    """An event the state or the conditions do not allow: its message is for the user, in Chinese."""


def events(row) -> list[str]:
    _, flow = FLOWS[type(row)]
    return enabled(flow, row)


def _campaign_of(row):
    if isinstance(row, Campaign):
        return row, None, None
    if isinstance(row, Reporter):
        return row.campaign, row, None
    return row.problem.reporter.campaign, row.problem.reporter, row


def move(row, event: str, user, note: str = "", extra_fields: tuple[str, ...] = ()) -> Transition:
    """Apply an event to a campaign, a reporter or an item, and log it."""
    name, flow = FLOWS[type(row)]
    note = (note or "").strip()
    if event in NEEDS_NOTE and not note:
        raise NotAllowed(f"“{ACTIONS[event]}”需要写明理由")
    source = row.state
    try:
        flow(model=row, state_field="state").send(event)
    except TransitionNotAllowed:
        row.state = source
        raise NotAllowed(_refusal(row, event, source, flow)) from None
    campaign, reporter, item = _campaign_of(row)
    with transaction.atomic():
        if isinstance(row, Item) and row.state == "closed":
            row.closed_on = timezone.localdate()
            extra_fields += ("closed_on",)
        if isinstance(row, Item) and row.state == "ongoing":
            row.reviewed_on = timezone.localdate()
            extra_fields += ("reviewed_on",)
        row.save(update_fields=["state", *extra_fields])
        t = Transition.objects.create(campaign=campaign, reporter=reporter, item=item, flow=name, action=event,
                                      source=source, target=row.state, note=note, by=user)
        if item is not None:
            _follow(reporter, user)
        return t


def _follow(reporter: Reporter, user) -> None:
    """A reporter's state follows its items: 整改中 once the first is planned, 已完成 when the last is closed."""
    reporter.refresh_from_db(fields=["state"])
    if reporter.state == "told" and Item.objects.filter(problem__reporter=reporter).exclude(state="drafting").exists():
        move(reporter, "start_rectifying", user, "第一项整改措施已提交")
    if reporter.state in ("told", "rectifying") and reporter.all_items_closed:
        move(reporter, "finish", user, "全部整改事项已销号")


def _refusal(row, event: str, source: str, flow) -> str:
    what = ACTIONS.get(event, event)
    here = label_of(flow, source)
    if event == "plan":
        return "请先填写整改措施、责任人和完成时限，再提交"
    if event == "apply":
        return "申请销号需要佐证材料：上传文件，或关联台账中的记录"
    if event == "finish":
        return "还有整改事项没有销号"
    return f"当前状态“{here}”下不能{what}"


def log_voting(campaign: Campaign, source: str, target: str, user, action: str) -> Transition:
    return Transition.objects.create(campaign=campaign, flow="voting", action=action, source=source, target=target, by=user)
