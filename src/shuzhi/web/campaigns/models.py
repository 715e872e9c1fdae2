"""The 述职评议 campaign in the database: who reports, what they submitted, how they were rated and voted on, the
problems fed back to them and the rectification of each, with every state change in Transition (who, when, from,
to, why) and every edit of a record in its history.

The 民主测评 is anonymous in the rows themselves: a VotingCode holds only the digest of a printed code and is deleted
when the code is used; a Ballot has a random key and nothing else (no time, no code, no user, no history), so no
row says which code, person or moment a vote came from. See test_campaign_voting.py.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from shuzhi.campaign.feedback import CATEGORIES
from shuzhi.campaign.scheme import Scheme
from shuzhi.campaign.states import CampaignFlow, ItemFlow, ReporterFlow
from shuzhi.campaign.tally import GRADES, PaperTotals

from ..orgs.models import Organization


def _states(flow) -> list[tuple[str, str]]:
    return [(s.value, s.name) for s in flow.states]


GRADE_CHOICES = [(g, g) for g in GRADES]
REPORT_KINDS = [("党建述职", "抓基层党建工作述职报告"), ("述责述廉", "述责述廉报告"), ("个人述职", "个人述职报告")]


class Campaign(models.Model):
    """One year's 述职评议 of a subtree: who reports, by when, how they are rated."""

    VOTING = [("not_open", "未开始"), ("open", "进行中"), ("closed", "已结束")]

    name = models.CharField("名称", max_length=100)
    year = models.PositiveIntegerField("年度", help_text="述职的工作年度（如2025年度述职评议在2026年初进行）")
    scope = models.ForeignKey(Organization, verbose_name="评议范围", on_delete=models.PROTECT, related_name="campaigns",
                              help_text="本组织及其下级")
    report_kind = models.CharField("报告类型", max_length=20, choices=REPORT_KINDS, default="党建述职")
    deadline = models.DateField("报告截止日期")
    meeting_date = models.DateField("述职评议会日期", null=True, blank=True)
    # The rating scheme: the weights of the three parts in percent (no national weights exist; the default is ours).
    weight_reading = models.PositiveSmallIntegerField("审读权重（%）", default=40)
    weight_ballots = models.PositiveSmallIntegerField("民主测评权重（%）", default=40)
    weight_routine = models.PositiveSmallIntegerField("平时考核权重（%）", default=20)
    poor_veto = models.BooleanField("“差”票超过三分之一的最高评为一般", default=True)
    state = models.CharField("阶段", max_length=20, choices=_states(CampaignFlow), default="preparing")
    voting = models.CharField("民主测评", max_length=10, choices=VOTING, default="not_open")
    codes_issued = models.PositiveIntegerField("已发票码", default=0)
    previous = models.ForeignKey("self", verbose_name="上年度述职评议", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="following")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["codes_issued"])

    class Meta:
        verbose_name = verbose_name_plural = "述职评议"
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def scheme(self) -> Scheme:
        return Scheme(reading=self.weight_reading / 100, ballots=self.weight_ballots / 100, routine=self.weight_routine / 100,
                      poor_veto=1 / 3 if self.poor_veto else None)

    @property
    def results_visible(self) -> bool:
        return self.voting == "closed"

    @property
    def days_left(self) -> int:
        return (self.deadline - datetime.date.today()).days


class Membership(models.Model):
    """A person's part in a campaign: a reviewer of the 组织部 runs it; a 评议 member only votes."""

    REVIEWER, VOTER = "reviewer", "voter"
    ROLES = [(REVIEWER, "评议工作人员（组织部）"), (VOTER, "评议成员（只投票）")]

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="campaign_memberships")
    role = models.CharField("职责", max_length=10, choices=ROLES)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "评议人员"
        constraints = [models.UniqueConstraint(fields=["campaign", "user", "role"], name="unique_membership")]


class Reporter(models.Model):
    """One secretary reporting in a campaign, for one organization."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reporters")
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="reporters")
    seq = models.PositiveIntegerField("编号")
    secretary = models.CharField("书记", max_length=50, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="书记账号", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    state = models.CharField("状态", max_length=20, choices=_states(ReporterFlow), default="pending")
    comment = models.TextField("点评", blank=True)
    reading = models.CharField("审读等次", max_length=4, choices=GRADE_CHOICES, blank=True)
    suggested = models.CharField("系统建议等次", max_length=4, blank=True, help_text="评定时报告评分卡的建议")
    reading_reason = models.TextField("与建议不同的理由", blank=True)
    routine = models.DecimalField("平时考核（分）", max_digits=5, decimal_places=1, null=True, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评定人", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    rated_at = models.DateTimeField("评定时间", null=True, blank=True)
    told_at = models.DateTimeField("反馈时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "述职人"
        ordering = ["campaign", "seq"]
        constraints = [models.UniqueConstraint(fields=["campaign", "organization"], name="unique_reporter"),
                       models.UniqueConstraint(fields=["campaign", "seq"], name="unique_reporter_seq")]

    def __str__(self) -> str:
        return f"{self.organization.name}{('·' + self.secretary) if self.secretary else ''}"

    @property
    def all_items_closed(self) -> bool:
        """The condition of finishing (ReporterFlow.finish)."""
        return not Item.objects.filter(problem__reporter=self).exclude(state="closed").exists()

    @property
    def latest(self):
        return self.submissions.order_by("-version").first()

    @property
    def feedback_visible(self) -> bool:
        """The secretary sees rating, 点评 and problems once they have been fed back."""
        return self.state in ("told", "rectifying", "done")


class Submission(models.Model):
    """One version of a reporter's report; every version is kept."""

    reporter = models.ForeignKey(Reporter, on_delete=models.CASCADE, related_name="submissions")
    version = models.PositiveIntegerField("版本")
    source_file = models.ForeignKey("reviews.SourceFile", on_delete=models.PROTECT, related_name="submissions")
    report = models.ForeignKey("reviews.Report", null=True, on_delete=models.SET_NULL, related_name="submissions")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    # What the 预审 said at once: wrong kind of report, unfilled template text … (Chinese sentences).
    flags = models.JSONField("预审提示", default=list, blank=True)
    late = models.BooleanField("逾期提交", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "报告版本"
        ordering = ["reporter", "-version"]
        constraints = [models.UniqueConstraint(fields=["reporter", "version"], name="unique_version")]


class Transition(models.Model):
    """A state change of a campaign, a reporter, its voting or an item: who, when, from, to, and why."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="transitions")
    reporter = models.ForeignKey(Reporter, null=True, blank=True, on_delete=models.CASCADE, related_name="transitions")
    item = models.ForeignKey("Item", null=True, blank=True, on_delete=models.CASCADE, related_name="transitions")
    flow = models.CharField(max_length=10)  # campaign / reporter / voting / item
    action = models.CharField("操作", max_length=30)
    source = models.CharField("原状态", max_length=20)
    target = models.CharField("新状态", max_length=20)
    note = models.TextField("说明", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "流转记录"
        ordering = ["at", "id"]


class PaperTally(models.Model):
    """The tellers' totals from the paper ballots for one reporter."""

    reporter = models.OneToOneField(Reporter, on_delete=models.CASCADE, related_name="paper")
    issued = models.PositiveIntegerField("发出")
    recovered = models.PositiveIntegerField("收回")
    valid = models.PositiveIntegerField("有效")
    good = models.PositiveIntegerField("好", default=0)
    fair = models.PositiveIntegerField("较好", default=0)
    average = models.PositiveIntegerField("一般", default=0)
    poor = models.PositiveIntegerField("差", default=0)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "纸质测评票汇总"

    def totals(self) -> PaperTotals:
        return PaperTotals(self.issued, self.recovered, self.valid,
                           (("好", self.good), ("较好", self.fair), ("一般", self.average), ("差", self.poor)))


def code_digest(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace("-", "").replace(" ", "").encode()).hexdigest()


# Printed codes: no 0/O, 1/I/L to misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


class VotingCode(models.Model):
    """A one-time code printed on a slip: only its digest is stored, and the row is deleted when the code is used."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)


class Ballot(models.Model):
    """One voter's ballot: a random key and the campaign, nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="ballots")


class Vote(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    reporter = models.ForeignKey(Reporter, on_delete=models.CASCADE, related_name="votes")
    grade = models.CharField(max_length=4, choices=GRADE_CHOICES)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "reporter"], name="one_vote_per_reporter")]


class Problem(models.Model):
    """A line of a reporter's 反馈问题清单."""

    SOURCES = [(s, s) for s in ("报告审读", "台账", "点评", "测评意见", "手工")]

    reporter = models.ForeignKey(Reporter, on_delete=models.CASCADE, related_name="problems")
    number = models.CharField("问题编号", max_length=20)
    category = models.CharField("类别", max_length=20, choices=[(c, c) for c in CATEGORIES])
    text = models.TextField("问题")
    source = models.CharField("来源", max_length=10, choices=SOURCES, default="手工")
    refs = models.JSONField(default=list, blank=True)
    requirement = models.TextField("整改要求", blank=True)
    deadline = models.DateField("整改时限", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "反馈问题"
        ordering = ["reporter", "id"]
        constraints = [models.UniqueConstraint(fields=["reporter", "number"], name="unique_problem_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:30]}"


class Item(models.Model):
    """The rectification of one problem (整改台账)."""

    problem = models.OneToOneField(Problem, on_delete=models.CASCADE, related_name="item")
    state = models.CharField("状态", max_length=20, choices=_states(ItemFlow), default="drafting")
    measures = models.TextField("整改措施", blank=True)
    owner = models.CharField("责任人", max_length=50, blank=True)
    due = models.DateField("完成时限", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    reviewed_on = models.DateField("最近复核", null=True, blank=True, help_text="持续整改的事项每季度复核一次")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "整改事项"
        ordering = ["problem__reporter", "problem_id"]

    @property
    def has_measures(self) -> bool:
        """The condition of planning (ItemFlow.plan): 整改措施, 责任人 and 完成时限 filled."""
        return bool(self.measures.strip() and self.owner.strip() and self.due)

    @property
    def has_evidence(self) -> bool:
        """The condition of applying to close (ItemFlow.apply)."""
        return self.pk is not None and self.evidence.exists()

    @property
    def overdue(self) -> bool:
        """逾期: past its time limit and neither closed, waiting for approval, nor long-term."""
        return bool(self.due and self.due < datetime.date.today() and self.state in ("drafting", "working"))

    @property
    def review_due(self) -> bool:
        """A 持续整改 item not reviewed for a quarter."""
        if self.state != "ongoing":
            return False
        return (self.reviewed_on or datetime.date.min) < datetime.date.today() - datetime.timedelta(days=92)


class Evidence(models.Model):
    """What shows an item was done: an uploaded file, or records of the ledger (the meetings that were held)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField("文件名", max_length=255, blank=True)
    data = models.BinaryField(null=True, blank=True)
    # [{"kind": "meeting", "id": 3, "label": "2026-03-05 支部委员会"}]: ledger records, labelled as they were when linked.
    records = models.JSONField("台账记录", default=list, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        ordering = ["item", "id"]

    @property
    def label(self) -> str:
        if self.records:
            return "台账记录：" + "；".join(r["label"] for r in self.records)
        return self.name
