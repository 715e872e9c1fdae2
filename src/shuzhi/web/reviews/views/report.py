"""A report with its findings highlighted, decisions on them, re-checks and downloads."""

from __future__ import annotations

import json

from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuzhi.document import CATEGORIES, CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS
from shuzhi.errors import InputError
from shuzhi.pipeline import annotated_name

from .. import access
from ..highlight import Span, highlighted
from ..models import Decision, Finding, Report
from ..processing import annotated_docx, recheck, refresh_counts
from ...orgs.responses import attachment, json_response, wants_json
from ..rules import explain

CATEGORY_ORDER = {c: i for i, c in enumerate(CATEGORIES.values())}
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
STATUSES = {"open": "待处理", Decision.ACCEPTED: "已采纳", Decision.DISMISSED: "已忽略"}


def _report(request, pk: int) -> Report:
    # The file's bytes are read only for the annotated .docx and re-checks.
    return get_object_or_404(access.reports(request.user).select_related("source_file", "organization").defer("source_file__data"), pk=pk)


def _decisions(report: Report) -> dict[str, Decision]:
    return {d.key: d for d in report.source_file.decisions.select_related("decided_by")}


def _decide_url(report: Report) -> str:
    """The decide URL with {} for the finding: one reverse for a page of hundreds of findings."""
    return reverse("decide", args=[report.pk, 0]).replace("/0/decide/", "/{}/decide/")


def _item(f: Finding, decision: Decision | None, decide_url: str) -> dict:
    rule = explain(f.rule)
    return {
        "id": f.pk, "rule": f.rule, "rule_title": rule["title"], "description": rule["description"], "basis": rule["basis"],
        "category": f.category, "category_label": CATEGORY_LABELS.get(f.category, f.category),
        "severity": f.severity, "severity_label": SEVERITY_LABELS.get(f.severity, f.severity),
        "start": f.start, "end": f.end, "line": f.line, "column": f.column, "text": f.text, "message": f.message,
        "suggestions": f.suggestions, "safety": f.safety or None,
        "status": decision.status if decision else "open",
        "status_label": STATUSES[decision.status if decision else "open"],
        "decided_by": (decision.decided_by.get_full_name() or decision.decided_by.username) if decision and decision.decided_by else None,
        "decided_at": decision.decided_at.isoformat() if decision else None,
        "decided_when": f"{timezone.localtime(decision.decided_at):%Y-%m-%d %H:%M}" if decision else None,
        "decide_url": decide_url.format(f.pk),
    }


def _filters(request) -> dict[str, set[str]]:
    def chosen(name, allowed):
        return {v for v in request.GET.getlist(name) if v in allowed}

    return {"category": chosen("category", CATEGORY_LABELS), "severity": chosen("severity", SEVERITY_LABELS),
            "status": chosen("status", STATUSES)}


def _keep(item: dict, filters: dict) -> bool:
    return all(not chosen or item[name] in chosen for name, chosen in filters.items())


def report_detail(request, pk: int):
    report = _report(request, pk)
    decisions = _decisions(report)
    decide_url = _decide_url(report)
    items = [_item(f, decisions.get(f.key), decide_url) for f in report.findings.all()]
    filters = _filters(request)
    shown = [i for i in items if _keep(i, filters)]
    if wants_json(request):
        return json_response(_report_dict(report, shown, len(items)))
    spans = [Span(i["id"], i["start"], i["end"], i["category"], i["severity"], i["status"] == Decision.DISMISSED) for i in shown]
    context = {
        "report": report,
        "text_html": highlighted(report.source_file.text, report.start, report.end, spans),
        "groups": _groups(shown),
        "total": len(items),
        "shown": len(shown),
        "score": report.result.get("score"),
        "ledger": report.result.get("ledger"),
        "filters": filters,
        "category_choices": [(c, CATEGORY_LABELS[c], sum(i["category"] == c for i in items)) for c in CATEGORY_ORDER if any(i["category"] == c for i in items)],
        "severity_choices": [(s, SEVERITY_LABELS[s]) for s in SEVERITIES],
        "status_choices": list(STATUSES.items()),
        # Other reports of the same compilation, as far as this user may see them.
        "siblings": access.reports(request.user).filter(source_file=report.source_file).exclude(pk=report.pk).only("id", "title", "index"),
    }
    return render(request, "reviews/report.html", context)


def _groups(items: list[dict]) -> list[dict]:
    """The side list: by category, then severity (errors first)."""
    groups: dict[str, dict] = {}
    for i in sorted(items, key=lambda i: (CATEGORY_ORDER.get(i["category"], 99), SEVERITY_ORDER.get(i["severity"], 9), i["start"])):
        g = groups.setdefault(i["category"], {"category": i["category"], "label": i["category_label"], "count": 0, "severities": {}})
        g["count"] += 1
        g["severities"].setdefault(i["severity"], {"severity": i["severity"], "label": i["severity_label"], "items": []})["items"].append(i)
    return [dict(g, severities=list(g["severities"].values())) for g in groups.values()]


def _report_dict(report: Report, items: list[dict], total: int) -> dict:
    return {
        "id": report.pk,
        "organization": {"id": report.organization_id, "name": report.organization.name},
        "year": report.year,
        "title": report.title,
        "kind": report.kind,
        "source": report.source_file.name,
        "format": report.source_file.format,
        "start": report.start,
        "end": report.end,
        "front_matter": report.front_matter,
        "text": report.text,
        "score": report.result.get("score"),
        "counts": {"errors": report.errors, "warnings": report.warnings, "infos": report.infos,
                   "placeholders": report.placeholders, "stale": report.stale},
        "findings_total": total,
        "findings": items,
        "links": {"annotated_docx": reverse("report_docx", args=[report.pk]), "json": reverse("report_result", args=[report.pk])},
    }


@require_POST
def decide(request, pk: int, finding: int):
    report = _report(request, pk)
    f = get_object_or_404(report.findings, pk=finding)
    action = request.POST.get("decision")
    if action not in (Decision.ACCEPTED, Decision.DISMISSED, "open"):
        return HttpResponseBadRequest("处理结果（decision）应为 accepted（采纳）、dismissed（忽略）或 open（撤销）")
    if action == "open":
        Decision.objects.filter(source_file=report.source_file, key=f.key).delete()
        decision = None
    else:
        decision, _ = Decision.objects.update_or_create(
            source_file=report.source_file, key=f.key,
            defaults={"status": action, "decided_by": request.user, "rule": f.rule, "text": f.text})
    refresh_counts(report)
    item = _item(f, decision, _decide_url(report))
    if wants_json(request):
        return json_response(item)
    if request.headers.get("HX-Request"):
        return render(request, "reviews/_finding.html", {"f": item, "report": report})
    return redirect(reverse("report", args=[report.pk]) + f"#item-{f.pk}")


@require_POST
def recheck_report(request, pk: int):
    report = _report(request, pk)
    problem = None
    try:
        recheck(report.source_file)
    except InputError as exc:
        problem = f"{exc.source}：{exc.message}"
    if wants_json(request):
        return json_response({"ok": problem is None, "error": problem}, status=200 if problem is None else 422)
    report = Report.objects.filter(source_file=report.source_file, index=report.index).first() or report
    if problem:
        return render(request, "error.html", {"status": 422, "title": "重新检查失败", "detail": problem}, status=422)
    return redirect("report", report.pk)


def _dismissed_keys(report: Report) -> set[str]:
    return set(report.source_file.decisions.filter(status=Decision.DISMISSED).values_list("key", flat=True))


def report_docx(request, pk: int):
    """The annotated .docx: a Word comment on each finding not dismissed."""
    report = _report(request, pk)
    dismissed = _dismissed_keys(report)
    try:
        data = annotated_docx(report, [f for f in report.findings.all() if f.key not in dismissed])
    except InputError as exc:
        return render(request, "error.html", {"status": 422, "title": "无法生成批注文档", "detail": f"{exc.source}：{exc.message}"}, status=422)
    name = annotated_name(report.source_file.name.split("::")[-1]).split("/")[-1]
    return attachment(data, name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def report_result(request, pk: int):
    """The engine's JSON for this report, in the contract of `shuzhi check --format json`."""
    report = _report(request, pk)
    body = json.dumps({"version": 1, "documents": [report.result], "errors": []}, ensure_ascii=False, indent=1)
    name = report.source_file.name.split("::")[-1].rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".json"
    return attachment(body.encode(), name, "application/json")

