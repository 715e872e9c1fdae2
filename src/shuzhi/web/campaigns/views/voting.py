"""The 民主测评 of a campaign: printing codes, opening and closing the voting, the tellers' paper totals, the results
after the close; and the ballot page, open without an account: the printed code is the voter's only key."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from shuzhi.campaign.tally import GRADES

from ...orgs.responses import attachment, json_response, page, wants_json
from .. import access, voting
from ..forms import PaperForm
from ..models import PaperTally
from ..workflow import NotAllowed
from .common import campaign_of, done, form_errors, refused


def _url(campaign) -> str:
    return reverse("campaigns:voting", args=[campaign.pk])


def voting_page(request, pk: int):
    campaign = campaign_of(request, pk)
    manager = access.manages(request.user, campaign)
    reporters = list(access.reporters(request.user, campaign))
    if not manager:
        reporters = [r for r in reporters if r.feedback_visible]
    papers = {p.reporter_id: p for p in PaperTally.objects.filter(reporter__in=reporters)} if manager else {}
    shown = voting.results(campaign, reporters)
    fields = [(f.name, f.verbose_name) for f in PaperTally._meta.fields if f.name in PaperForm.Meta.fields]
    rows = [{"reporter": r, "result": shown.get(r.pk),
             "paper_fields": [(f, label, getattr(papers[r.pk], f) if r.pk in papers else "") for f, label in fields]} for r in reporters]
    turnout = voting.turnout(campaign)
    ctx = {"campaign": campaign, "manager": manager, "rows": rows, "turnout": turnout, "grades": GRADES,
           "vote_url": request.build_absolute_uri(reverse("vote")), "campaigns_section": True, "tab": "voting"}
    return page(request, "campaigns/voting.html", ctx, lambda: {
        "campaign": {"id": campaign.pk, "name": campaign.name, "voting": campaign.get_voting_display(), "voting_value": campaign.voting},
        "turnout": turnout, "results_visible": campaign.results_visible,
        "results": [{"reporter_id": r.pk, "organization": r.organization.name, **shown[r.pk]} for r in reporters if r.pk in shown],
    })


@require_POST
def voting_move(request, pk: int):
    campaign = campaign_of(request, pk, manage=True)
    target = {"open": "open", "close": "closed"}.get(request.POST.get("action", ""))
    if target is None:
        return refused(request, _url(campaign), "未知的操作")
    try:
        voting.set_voting(campaign, target, request.user)
    except NotAllowed as exc:
        return refused(request, _url(campaign), str(exc))
    return done(request, _url(campaign), "民主测评已开始" if target == "open" else "民主测评已结束，结果已公布给评议工作人员",
                {"voting": campaign.voting})


@require_POST
def codes(request, pk: int):
    """n new codes as a page of slips to print and cut (.docx); they are shown this once."""
    campaign = campaign_of(request, pk, manage=True)
    try:
        n = int(request.POST.get("n") or 0)
        made = voting.make_codes(campaign, n)
    except ValueError:
        return refused(request, _url(campaign), "请填写票码数量")
    except NotAllowed as exc:
        return refused(request, _url(campaign), str(exc))
    if wants_json(request):
        return json_response({"ok": True, "codes": made})
    url = request.build_absolute_uri(reverse("vote"))
    return attachment(_slips(campaign, made, url), f"{campaign.name}_测评票码{len(made)}张.docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _slips(campaign, made: list[str], url: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from shuzhi.drafting.layout import set_font

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Mm(12)
    table = document.add_table(rows=(len(made) + 2) // 3, cols=3)
    table.style = "Table Grid"
    for i, code in enumerate(made):
        cell = table.cell(i // 3, i % 3)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(cell.paragraphs[0].add_run(campaign.name[:24]), "黑体", "Arial", 9)
        for text, size, bold in (("民主测评票码（一人一码，仅可使用一次）", 8, False), (code, 16, True), (url, 7, False)):
            p = cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run(text), "宋体", "Consolas" if text == code else "Arial", size, bold)
            p.paragraph_format.space_after = Pt(2)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@require_POST
def paper(request, pk: int, rid: int):
    campaign = campaign_of(request, pk, manage=True)
    reporter = access.get_or_404(access.reporters(request.user, campaign), pk=rid)
    if campaign.voting != "open":
        return refused(request, _url(campaign), "纸质票在民主测评进行中录入（结束后结果已公布，不能再改）")
    instance = PaperTally.objects.filter(reporter=reporter).first()
    form = PaperForm(request.POST, instance=instance)
    if not form.is_valid():
        return refused(request, _url(campaign) + f"#r{reporter.pk}", [f"{reporter.organization.name}：{e}" for e in form_errors(form)])
    tally = form.save(commit=False)
    tally.reporter, tally.entered_by = reporter, request.user
    tally.save()
    return done(request, _url(campaign) + f"#r{reporter.pk}", f"已录入{reporter.organization.name}的纸质票")


@login_not_required
def vote(request):
    """The ballot: type the code, then rate every reporter; the code is used up with the ballot."""
    # Only ever POSTed: a code in a URL would sit in the server's access log beside the time and the address.
    code = (request.POST.get("code") or "").strip()
    ctx = {"code": code, "grades": GRADES}
    if not code:
        return render(request, "campaigns/vote.html", ctx)
    campaign = voting.find_campaign(code)
    if campaign is None:
        return _vote_refused(request, ctx, "票码无效或已经使用过")
    if campaign.voting != "open":
        return _vote_refused(request, ctx, "民主测评未开始或已结束")
    reporters = list(campaign.reporters.select_related("organization").order_by("seq"))
    ctx.update(campaign=campaign, reporters=reporters)
    if request.method != "POST" or "ballot" not in request.POST:
        return render(request, "campaigns/vote.html", ctx)
    choices, comments = {}, {}
    for r in reporters:
        grade = request.POST.get(f"g{r.pk}")
        if grade:
            choices[r.pk] = grade
        comments[r.pk] = request.POST.get(f"c{r.pk}", "")
    if len(choices) != len(reporters):
        return _vote_refused(request, ctx, f"还有{len(reporters) - len(choices)}位述职人没有选择等次")
    try:
        voting.cast(campaign, code, choices, comments)
    except NotAllowed as exc:
        return _vote_refused(request, ctx, str(exc))
    if wants_json(request):
        return json_response({"ok": True})
    return render(request, "campaigns/vote.html", {"thanks": True, "campaign": campaign})


def _vote_refused(request, ctx: dict, problem: str):
    if wants_json(request):
        return json_response({"ok": False, "errors": [problem]}, status=400)
    ctx["problem"] = problem
    return render(request, "campaigns/vote.html", ctx, status=400)
