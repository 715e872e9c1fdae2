"""One reporter of a campaign: versions and their 预审, submitting, 退回修改, the rating beside the scorecard's
suggestion, the results of the 民主测评, the 反馈问题清单 and its items, last year's items, the letter."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from shuzhi.campaign.feedback import CATEGORIES
from shuzhi.campaign.states import ACTIONS

from ...orgs.responses import attachment, page
from .. import access, carry, feedback, letters, submission
from ..forms import ProblemForm, RatingForm
from ..models import Problem
from ..voting import results
from ..workflow import NotAllowed, events, move
from .common import campaign_of, done, form_errors, refused, reporter_of, require, transitions, who

# What the campaign's reviewers may do to a reporter from its page (tell has its own view: it opens the items).
REVIEWER_EVENTS = ("send_back", "mark_read")


def _url(reporter) -> str:
    return reverse("campaigns:reporter", args=[reporter.campaign_id, reporter.pk])


def _submission_dict(s) -> dict:
    report = s.report
    return {"version": s.version, "submitted_at": s.submitted_at.isoformat(timespec="minutes"), "by": who(s.submitted_by),
            "file": s.source_file.name, "late": s.late, "flags": s.flags, "report_id": report.pk if report else None,
            "score": report.score if report else None, "rating": report.rating if report else "",
            "errors": report.errors if report else 0, "warnings": report.warnings if report else 0,
            "placeholders": report.placeholders if report else 0, "by_category": report.by_category if report else {}}


def _problem_dict(p: Problem, with_item: bool) -> dict:
    out = {"id": p.pk, "number": p.number, "category": p.category, "text": p.text, "source": p.source,
           "requirement": p.requirement, "deadline": p.deadline.isoformat() if p.deadline else None}
    item = getattr(p, "item", None) if with_item else None
    if item is not None:
        out["item"] = {"id": item.pk, "state": item.get_state_display(), "state_value": item.state, "overdue": item.overdue,
                       "measures": item.measures, "owner": item.owner, "due": item.due.isoformat() if item.due else None}
    return out


def reporter_page(request, pk: int, rid: int):
    campaign = campaign_of(request, pk)
    reporter = reporter_of(request, campaign, rid)
    user = request.user
    manager = access.manages(user, campaign)
    own = access.is_secretary_of(user, reporter)
    feedback_seen = access.sees_feedback(user, reporter)
    subs = list(reporter.submissions.select_related("source_file", "report", "submitted_by"))
    latest = subs[0] if subs else None
    why_not = submission.may_submit(reporter, manager)
    problems = list(reporter.problems.select_related("item")) if feedback_seen else []
    voted = results(campaign, [reporter]).get(reporter.pk) if feedback_seen else None
    last_year = [carry.rect_item(i).as_dict() | {"item_id": i.pk, "campaign_id": i.problem.reporter.campaign_id}
                 for i in carry.items_for(reporter.organization, campaign.year)] if (manager or own or feedback_seen) else []
    suggested = latest.report.rating if latest and latest.report else ""
    rating_form = RatingForm(initial={"reading": reporter.reading or suggested or None, "comment": reporter.comment,
                                      "reason": reporter.reading_reason, "routine": reporter.routine}, suggested=suggested)
    allowed = events(reporter)
    returned = (reporter.transitions.filter(action="send_back").select_related("by").order_by("-at", "-id").first()
                if reporter.state == "returned" else None)
    ctx = {
        "campaign": campaign, "reporter": reporter, "manager": manager, "own": own, "feedback_seen": feedback_seen,
        "submissions": subs, "latest": latest, "can_submit": (own or manager) and why_not is None, "why_not": why_not,
        "problems": problems, "voted": voted, "last_year": last_year, "suggested": suggested, "rating_form": rating_form,
        "actions": [(e, ACTIONS[e]) for e in REVIEWER_EVENTS if e in allowed] if manager else [],
        "can_rate": manager and ("rate" in allowed or reporter.state == "read"), "can_tell": manager and "tell" in allowed and campaign.state in ("feedback", "rectifying"),
        "editable": manager and reporter.state not in ("told", "rectifying", "done"),
        "problem_form": ProblemForm(initial={"deadline": feedback.deadline_for(reporter)}), "categories": CATEGORIES,
        "comments": feedback.ballot_comments(reporter) if manager else [],
        "log": transitions(reporter.transitions.select_related("by")) if (manager or own) else [],
        "campaigns_section": True, "tab": "campaign",
        "returned": {"note": returned.note, "by": who(returned.by), "when": localtime(returned.at)} if returned else None,
    }
    return page(request, "campaigns/reporter.html", ctx, lambda: {
        "campaign": {"id": campaign.pk, "name": campaign.name, "state": campaign.get_state_display()},
        "reporter": {"id": reporter.pk, "organization": reporter.organization.name, "secretary": reporter.secretary,
                     "state": reporter.get_state_display(), "state_value": reporter.state},
        "submissions": [_submission_dict(s) for s in subs], "can_submit": ctx["can_submit"], "why_not": why_not,
        "rating": ({"reading": reporter.reading, "suggested": reporter.suggested, "reason": reporter.reading_reason,
                    "comment": reporter.comment, "routine": float(reporter.routine) if reporter.routine is not None else None,
                    "rated_by": who(reporter.rated_by) if reporter.rated_by_id else None}
                   if feedback_seen else None),
        "results": voted, "problems": [_problem_dict(p, True) for p in problems], "last_year": last_year,
        "events": allowed if manager else [], "log": ctx["log"], "comments": ctx["comments"],
        "returned": {"note": returned.note, "by": who(returned.by), "at": returned.at.isoformat(timespec="minutes")} if returned else None,
    })


@require_POST
def submit(request, pk: int, rid: int):
    campaign = campaign_of(request, pk)
    reporter = reporter_of(request, campaign, rid)
    manager = access.manages(request.user, campaign)
    require(manager or access.is_secretary_of(request.user, reporter))
    upload = request.FILES.get("file")
    if upload is None:
        return refused(request, _url(reporter), "请选择报告文件")
    try:
        sub = submission.submit(reporter, upload.name, upload.read(), request.user, manager=manager)
    except NotAllowed as exc:
        return refused(request, _url(reporter), str(exc))
    note = f"已提交第{sub.version}版" + (f"；预审提示：{'；'.join(sub.flags)}" if sub.flags else "，预审未发现需要先改的问题")
    return done(request, _url(reporter), note, {"version": sub.version, "flags": sub.flags,
                                                "report_id": sub.report_id, "submission": _submission_dict(sub)})


@require_POST
def reporter_move(request, pk: int, rid: int):
    campaign = campaign_of(request, pk, manage=True)
    reporter = reporter_of(request, campaign, rid)
    event = request.POST.get("event", "")
    if event not in REVIEWER_EVENTS:
        return refused(request, _url(reporter), "未知的操作")
    try:
        move(reporter, event, request.user, request.POST.get("note", ""))
    except NotAllowed as exc:
        return refused(request, _url(reporter), str(exc))
    return done(request, _url(reporter), f"{ACTIONS[event]}：{reporter.organization.name}", {"state": reporter.state})


@require_POST
def rate(request, pk: int, rid: int):
    campaign = campaign_of(request, pk, manage=True)
    reporter = reporter_of(request, campaign, rid)
    latest = reporter.latest
    suggested = latest.report.rating if latest and latest.report else ""
    form = RatingForm(request.POST, suggested=suggested)
    if not form.is_valid():
        return refused(request, _url(reporter), form_errors(form))
    if reporter.state == "read" or reporter.state == "rated":
        d = form.cleaned_data
        reporter.reading, reporter.comment, reporter.routine = d["reading"], d["comment"].strip(), d["routine"]
        reporter.suggested = suggested
        reporter.reading_reason = d["reason"].strip() if d["reading"] != suggested else ""
        reporter.rated_by, reporter.rated_at = request.user, timezone.now()
        try:
            move(reporter, "rate", request.user, f"审读等次：{d['reading']}（系统建议：{suggested or '无'}）"
                 + (f"；理由：{reporter.reading_reason}" if reporter.reading_reason else ""),
                 extra_fields=("reading", "comment", "routine", "suggested", "reading_reason", "rated_by", "rated_at"))
        except NotAllowed as exc:
            return refused(request, _url(reporter), str(exc))
        return done(request, _url(reporter), f"已评定：{d['reading']}", {"reading": d["reading"]})
    return refused(request, _url(reporter), "请先完成审读（“审读完成”），再评定等次")


@require_POST
def tell(request, pk: int, rid: int):
    """The problem list goes to the secretary: each problem becomes an item of the 整改台账."""
    campaign = campaign_of(request, pk, manage=True)
    reporter = reporter_of(request, campaign, rid)
    if campaign.state not in ("feedback", "rectifying"):
        return refused(request, _url(reporter), "请在“反馈”阶段反馈问题清单")
    from django.db import transaction

    try:
        with transaction.atomic():
            reporter.told_at = timezone.now()
            move(reporter, "tell", request.user, f"问题{reporter.problems.count()}个", extra_fields=("told_at",))
            n = feedback.open_items(reporter)
    except NotAllowed as exc:
        return refused(request, _url(reporter), str(exc))
    return done(request, _url(reporter), f"已反馈问题清单，生成整改事项{n}项", {"items": n})


@require_POST
def problems(request, pk: int, rid: int):
    """Add a problem by hand, from a ballot comment, or draw them all from the records (action=generate)."""
    campaign = campaign_of(request, pk, manage=True)
    reporter = reporter_of(request, campaign, rid)
    url = _url(reporter) + "#problems"
    if reporter.state in ("told", "rectifying", "done"):
        return refused(request, url, "问题清单已反馈，不能再改")
    if request.POST.get("action") == "generate":
        n = feedback.generate(reporter, request.user)
        return done(request, url, f"从审读结果、台账和点评中新增问题{n}个" if n else "没有新的问题可以加入", {"added": n})
    if request.POST.get("action") == "comment":
        text = (request.POST.get("text") or "").strip()
        if text not in feedback.ballot_comments(reporter):
            return refused(request, url, "没有这条测评意见")
        p = feedback.add(reporter, request.POST.get("category") or "其他", f"测评意见：{text}", "测评意见", request.user)
        return done(request, url, f"已加入问题{p.number}", {"id": p.pk})
    form = ProblemForm(request.POST)
    if not form.is_valid():
        return refused(request, url, form_errors(form))
    d = form.cleaned_data
    p = feedback.add(reporter, d["category"], d["text"].strip(), "手工", request.user, requirement=d["requirement"], deadline=d["deadline"])
    return done(request, url, f"已加入问题{p.number}", {"id": p.pk, "number": p.number})


@require_POST
def problem_edit(request, pk: int, rid: int, problem: int):
    campaign = campaign_of(request, pk, manage=True)
    reporter = reporter_of(request, campaign, rid)
    p = access.get_or_404(reporter.problems.all(), pk=problem)
    url = _url(reporter) + "#problems"
    if reporter.state in ("told", "rectifying", "done"):
        return refused(request, url, "问题清单已反馈，不能再改")
    if request.POST.get("action") == "delete":
        p.delete()
        return done(request, url, f"已删除问题{p.number}")
    form = ProblemForm(request.POST, instance=p)
    if not form.is_valid():
        return refused(request, url, form_errors(form))
    form.save()
    return done(request, url, f"已修改问题{p.number}")


def letter(request, pk: int, rid: int):
    campaign = campaign_of(request, pk)
    reporter = reporter_of(request, campaign, rid)
    require(access.sees_feedback(request.user, reporter))
    return attachment(letters.letter_bytes(reporter), letters.file_name(reporter),
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
