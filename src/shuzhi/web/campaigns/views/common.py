"""What every campaign page needs: the campaign within the user's part in it, the reporter within what they may read,
and one way to answer a POST (a redirect with a message, or JSON with the error in Chinese)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.timezone import localtime

from shuzhi.campaign.states import ACTIONS, label_of

from ...orgs.responses import json_response, wants_json
from .. import access
from ..models import Campaign, Reporter
from ..workflow import FLOWS


def campaign_of(request, pk: int, manage: bool = False, voter_ok: bool = False) -> Campaign:
    """The campaign if the user has a part in it (404 otherwise); with `manage`, 403 unless they run it; a 评议
    member who only votes reaches the campaign's front page (`voter_ok`) and nothing else."""
    campaign = access.get_or_404(access.campaigns(request.user).select_related("scope"), pk=pk)
    if manage and not access.manages(request.user, campaign):
        raise PermissionDenied
    if not voter_ok and access.only_votes(request.user, campaign):
        raise PermissionDenied
    return campaign


def reporter_of(request, campaign: Campaign, rid: int) -> Reporter:
    return access.get_or_404(access.reporters(request.user, campaign), pk=rid)


def done(request, url: str, message: str = "", data: dict | None = None):
    """A POST that worked: back to the page with a message, or its JSON."""
    if wants_json(request):
        return json_response({"ok": True, "message": message, **(data or {})})
    if message:
        messages.success(request, message)
    return redirect(url)


def refused(request, url: str, problem: str | list[str], status: int = 400):
    """A POST that could not be done: the reason in Chinese, back on the page or as JSON."""
    problems = [problem] if isinstance(problem, str) else list(problem)
    if wants_json(request):
        return json_response({"ok": False, "errors": problems}, status=status)
    for p in problems:
        messages.error(request, p)
    return redirect(url)


def form_errors(form) -> list[str]:
    out = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        out += [f"{label}：{e}" if label else str(e) for e in errors]
    return out


def who(user) -> str:
    if user is None:
        return "（系统）"
    return user.get_full_name() or user.username


def transitions(rows) -> list[dict]:
    """The transition log as the pages show it: states by their Chinese names."""
    flows = {name: flow for name, flow in FLOWS.values()}
    out = []
    for t in rows:
        flow = flows.get(t.flow)
        name = (lambda v: label_of(flow, v)) if flow else (lambda v: dict(Campaign.VOTING).get(v, v))
        out.append({"at": t.at.isoformat(timespec="seconds"), "when": localtime(t.at).strftime("%Y-%m-%d %H:%M"), "by": who(t.by), "action": ACTIONS.get(t.action, t.action),
                    "from": name(t.source), "to": name(t.target), "note": t.note, "flow": t.flow})
    return out


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied
