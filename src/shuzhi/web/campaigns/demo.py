"""The demo campaigns, made through the same services the pages use: the 2023 述职评议 in its 整改 stage (reports in,
ratings with a reason where they differ from the suggestion, a closed 民主测评 with online and paper ballots, problem
lists fed back, items in every state), and the 2024 one collecting reports, where 第一党支部's new report is
checked against last year's items (RC rules)."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..orgs.demo import PASSWORD
from ..orgs.models import Organization
from . import feedback, services, voting
from .models import Campaign, Evidence, Membership, PaperTally
from .submission import submit
from .workflow import move

SCOPE = "中共示范区委员会"
EXAMPLES = {"第一党支部": "第一党支部书记", "青山镇党委": "青山镇党委书记", "幸福里社区党委": "幸福里社区党委书记"}
VOTER = ("pingyi", "评议成员（区委委员）")

# 第一党支部's 2024 report (our own text): it reports on last year's problems, says they are all solved, and leaves
# one out; the RC rules find both against the 2023 整改台账.
REPORT_2024 = """2024年度第一党支部书记抓基层党建工作述职报告

一、上年度问题整改情况
针对2023年度述职评议反馈的问题，支部逐条制定整改措施，已全部整改到位。组织生活会前，支部委员逐一与党员谈心谈话，查摆问题更加具体；党小组会按季度召开，记录完整。
二、履职情况
（一）抓学习。全年召开支部委员会12次、支部党员大会4次，本人讲党课2次，开展主题党日12次。
（二）抓队伍。开展谈心谈话35人次，民主评议党员13名。
三、存在问题
一是理论学习与业务结合不够，二是青年党员作用发挥不充分。
四、原因分析
主要是对党建工作的研究还不够深入。
五、下一步打算
2025年，支部将围绕中心工作开展主题党日，每季度至少讲一次党课。
"""


def load_campaign(orgs: dict[str, Organization], examples: Path) -> str:
    if Campaign.objects.exists():
        return ""
    users = get_user_model()
    reviewer = users.objects.get(username="zuzhibu")
    secretary = users.objects.get(username="diyi")
    voter, created = users.objects.get_or_create(username=VOTER[0], defaults={"first_name": VOTER[1]})
    if created:
        voter.set_password(PASSWORD)
        voter.save()
    with transaction.atomic():
        last = _campaign_2023(orgs, examples, reviewer, secretary, voter)
        this = _campaign_2024(orgs, reviewer, secretary, voter)
    return (f"演示述职评议：《{last.name}》（整改阶段，整改事项{feedback.Item.objects.filter(problem__reporter__campaign=last).count()}项）"
            f"、《{this.name}》（收集报告阶段）\n  {VOTER[0]:<12} 密码 {PASSWORD}   评议成员（只能投票）")


class _Form:
    """What services.create takes from the page's form."""

    def __init__(self, **data):
        self.cleaned_data = {"reporter_kinds": data.pop("kinds")}
        self.data = data

    def save(self, commit=False):
        return Campaign(**self.data)


def _campaign_2023(orgs, examples: Path, reviewer, secretary, voter) -> Campaign:
    today = timezone.localdate()
    c = services.create(_Form(name="2023年度党组织书记抓基层党建工作述职评议", year=2023, scope=orgs[SCOPE],
                              deadline=datetime.date(2024, 1, 20), meeting_date=datetime.date(2024, 2, 2),
                              kinds=[Organization.COMMITTEE, Organization.BRANCH]), reviewer)
    Membership.objects.create(campaign=c, user=voter, role=Membership.VOTER)
    move(c, "advance", reviewer)  # 收集报告
    reporters = {r.organization.name: r for r in c.reporters.select_related("organization")}
    for org, needle in EXAMPLES.items():
        path = next(p for p in sorted(examples.iterdir()) if needle in p.name)
        who = secretary if org == "第一党支部" else reviewer
        submit(reporters[org], path.name, path.read_bytes(), who, manager=True)  # the demo is made after the deadline
    move(c, "advance", reviewer)  # 审读
    for org, grade, comment in (("第一党支部", "较好", "组织生活开展较规范，报告数据具体；党小组会记录不全，个别数字与台账不一致。"),
                                ("青山镇党委", "一般", "报告模板痕迹明显，问题查摆不具体。"),
                                ("幸福里社区党委", "较好", "")):
        r = reporters[org]
        r.refresh_from_db()
        move(r, "mark_read", reviewer)
        suggested = r.latest.report.rating if r.latest.report else ""
        r.reading, r.comment, r.suggested = grade, comment, suggested
        r.reading_reason = "" if grade == suggested else "结合平时掌握情况和述职评议会表现调整"
        r.routine, r.rated_by, r.rated_at = 88, reviewer, timezone.now()
        move(r, "rate", reviewer, f"审读等次：{grade}（系统建议：{suggested or '无'}）",
             extra_fields=("reading", "comment", "suggested", "reading_reason", "routine", "rated_by", "rated_at"))
    move(c, "advance", reviewer)  # 评议
    voting.set_voting(c, "open", reviewer)
    rng = random.Random(2023)
    everyone = list(c.reporters.all())
    for code in voting.make_codes(c, 20)[:15]:
        voting.cast(c, code, {r.pk: rng.choice(("好", "好", "较好", "较好", "一般")) for r in everyone},
                    {reporters["青山镇党委"].pk: "希望多到村里指导组织生活" if rng.random() < 0.3 else ""})
    PaperTally.objects.create(reporter=reporters["幸福里社区党委"], issued=30, recovered=29, valid=28, good=16, fair=9, average=3, poor=0,
                              entered_by=reviewer)
    voting.set_voting(c, "closed", reviewer)
    move(c, "advance", reviewer)  # 反馈
    for org in ("第一党支部", "青山镇党委"):
        r = reporters[org]
        feedback.generate(r, reviewer)
        if org == "第一党支部":
            feedback.add(r, "组织生活", "组织生活会会前谈心谈话不够深入，查摆问题不具体", "手工", reviewer)
            feedback.add(r, "党员教育管理", "青年党员作用发挥不充分，缺少长效机制", "手工", reviewer)
        r.problems.update(deadline=today + datetime.timedelta(days=90))
        r.refresh_from_db()
        r.told_at = timezone.now()
        move(r, "tell", reviewer, f"问题{r.problems.count()}个", extra_fields=("told_at",))
        feedback.open_items(r)
    move(c, "advance", reviewer)  # 整改
    _items_in_every_state(reporters["第一党支部"], secretary, reviewer, orgs)
    return c


def _items_in_every_state(reporter, secretary, reviewer, orgs) -> None:
    """第一党支部's items: one closed on a meeting of its ledger, one waiting for approval on a file, one rejected and
    back in work, one long-term, one overdue, the rest not yet planned."""
    from ..ledger.models import Meeting

    items = list(feedback.Item.objects.filter(problem__reporter=reporter).order_by("problem_id"))
    today = timezone.localdate()
    meeting = Meeting.objects.filter(organization=orgs["第一党支部"]).order_by("-date").first()

    def plan(item, measures, due):
        item.measures, item.owner, item.due = measures, reporter.secretary or "支部书记", due
        item.save()
        move(item, "plan", secretary)

    def evidence(item, **kw):
        Evidence.objects.create(item=item, added_by=secretary, **kw)

    if len(items) < 6:
        return
    plan(items[0], "每次组织生活会前支委逐一与党员谈心谈话，形成问题清单", today + datetime.timedelta(days=30))
    evidence(items[0], records=[{"kind": "meeting", "id": meeting.pk, "label": f"{meeting.date:%Y-%m-%d} {'、'.join(meeting.kinds)}"}],
             note="组织生活会会议记录")
    move(items[0], "apply", secretary)
    move(items[0], "approve", reviewer, "会议记录完整，同意销号")
    plan(items[1], "报告定稿前由支委交叉校对，对照台账核实每个数字", today + datetime.timedelta(days=45))
    evidence(items[1], name="整改说明.txt", data="支部已建立报告交叉校对制度。".encode(), note="整改说明")
    move(items[1], "apply", secretary)
    plan(items[2], "补齐党小组会记录", today + datetime.timedelta(days=60))
    evidence(items[2], name="党小组会记录目录.txt", data="第一季度党小组会记录目录".encode())
    move(items[2], "apply", secretary)
    move(items[2], "reject", reviewer, "只有目录，没有会议记录本身，请补充")
    plan(items[3], "建立青年党员先锋岗，每季度复核", today + datetime.timedelta(days=180))
    move(items[3], "keep_on", reviewer, "长期任务，转为持续整改，每季度复核")
    plan(items[4], "按月核对党费收缴", today - datetime.timedelta(days=10))  # past its time limit: 逾期


def _campaign_2024(orgs, reviewer, secretary, voter) -> Campaign:
    today = timezone.localdate()
    c = services.create(_Form(name="2024年度党组织书记抓基层党建工作述职评议", year=2024, scope=orgs[SCOPE],
                              deadline=max(today + datetime.timedelta(days=14), datetime.date(2025, 1, 20)),
                              kinds=[Organization.COMMITTEE, Organization.BRANCH]), reviewer)
    Membership.objects.create(campaign=c, user=voter, role=Membership.VOTER)
    move(c, "advance", reviewer)
    r = c.reporters.get(organization=orgs["第一党支部"])
    submit(r, "2024年度第一党支部书记抓基层党建工作述职报告.txt", REPORT_2024.encode("utf-8"), secretary)
    return c
