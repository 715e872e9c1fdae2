"""Excel in and out on the web, the blank template, and the calendar feed (a private address per user)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from shuzhi.ledger.digest import calendar, upcoming
from shuzhi.ledger.export import ledger_bytes
from shuzhi.ledger.template import template_bytes
from shuzhi.ledger.workbook import MAX_BYTES, LedgerFileError, read_workbook

from ...orgs import access
from ...orgs.responses import attachment, json_response, page, wants_json
from .. import compute, models as m
from ..engine import key, load, named
from ..importer import match_organizations, store, too_long
from .common import context, organization

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template(request):
    return attachment(template_bytes(), "党支部工作台账（空白）.xlsx", XLSX)


def export(request, pk: int):
    """The organization's records (with those below it) as a workbook in the template's layout."""
    org = organization(request, pk)
    ids = [o.pk for o in access.organizations(request.user).filter(path__startswith=org.path)]
    return attachment(ledger_bytes(named(load(ids, full=True))), f"{org.name}工作台账.xlsx", XLSX)


def draft(request, pk: int):
    """The first draft of the organization's report for the year, from its ledger (and what the user reads below it)."""
    from shuzhi.drafting.draft import draft_bytes
    from shuzhi.ledger.facts import year_facts

    from .common import year

    org = organization(request, pk)
    y = year(request)
    below = list(access.organizations(request.user).filter(path__startswith=org.path))
    facts = year_facts(load([o.pk for o in below]), key(org.pk), y)
    facts.labels = {key(o.pk): o.name for o in below}
    items = [i for r in compute.obligations(below, y).values() for i in r.items]
    return attachment(draft_bytes(facts, items), f"{y}年度{org.name}述职报告初稿.docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def import_form(request, pk: int):
    org = organization(request, pk, write=True)
    ctx = context(request, org, errors=[], warnings=[], result=None)
    if request.method != "POST":
        return page(request, "ledger/import.html", ctx, lambda: {"organization": org.name, "accepts": ".xlsx", "max_mb": MAX_BYTES // 1024 // 1024})
    upload = request.FILES.get("file")
    if upload is None:
        return _refused(request, ctx, [{"sheet": None, "row": None, "column": "", "message": "请选择台账文件（.xlsx）"}])
    if upload.size > MAX_BYTES:
        return _refused(request, ctx, [{"sheet": None, "row": None, "column": "", "message": f"{upload.name}：文件过大（超过 {MAX_BYTES // 1024 // 1024} MB）"}])
    try:
        imported = read_workbook(upload.read(), upload.name)
    except LedgerFileError as exc:
        return _refused(request, ctx, [{"sheet": None, "row": None, "column": "", "message": f"{exc.source}：{exc.message}"}])
    allowed = list(access.writable_organizations(request.user).filter(path__startswith=org.path))
    orgs, org_errors = match_organizations(imported.ledger, allowed)
    errors = imported.errors + org_errors + too_long(imported.ledger)
    if errors:
        return _refused(request, ctx, [e.as_dict() for e in errors], [w.as_dict() for w in imported.warnings])
    result = store(imported.ledger, orgs, request.user)
    if wants_json(request):
        return json_response({"created": dict(result.created), "updated": dict(result.updated), "unchanged": sum(result.unchanged.values()),
                              "warnings": [w.as_dict() for w in imported.warnings], "summary": result.summary})
    messages.success(request, f"{upload.name} 已导入：{result.summary}")
    for w in imported.warnings[:20]:
        messages.warning(request, f"注意：{w}")
    return redirect(reverse("ledger:org", args=[org.pk]))


def _refused(request, ctx, errors, warnings=()):
    """Nothing was stored: every problem is listed, the file is to be mended and sent again."""
    ctx.update(errors=errors, warnings=list(warnings))
    if wants_json(request):
        return json_response({"errors": errors, "warnings": list(warnings)}, status=400)
    return page(request, "ledger/import.html", ctx, dict, status=400)


def calendar_page(request):
    token, _ = m.CalendarToken.objects.get_or_create(user=request.user)
    url = request.build_absolute_uri(reverse("ledger:calendar_feed", args=[token.token]))
    return page(request, "ledger/calendar.html", context(request, url=url), lambda: {"url": url})


def _feed_organizations(user):
    writable = list(access.writable_organizations(user)[:200])
    return writable or list(access.organizations(user)[:200])


@login_not_required
@require_GET
def calendar_feed(request, token: str):
    """The upcoming obligations of the organizations the token's user keeps (or reads): a calendar program fetches
    this address without a session, so the token is the key; renewing it shuts out the old address."""
    found = m.CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    orgs = _feed_organizations(found.user)
    as_of = datetime.date.today()
    ledger = load([o.pk for o in orgs], since=datetime.date(as_of.year - 1, 1, 1), lectures_of=compute.below(orgs))
    digests = upcoming(ledger, as_of, [key(o.pk) for o in orgs], settings=compute.config().ledger)
    names = {key(o.pk): o.name for o in orgs}
    response = HttpResponse(calendar(digests, names=names), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="shuzhi.ics"'
    return response

