"""The branch work ledger in the database: the same records as shuzhi.ledger.records, each with its history.

Nothing derived is stored: obligations, states, facts are computed by the engine from these rows. The one table
that is not a record, Revision, only says when an organization's records last changed (for the board's cache).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from shuzhi.ledger import development as dev
from shuzhi.ledger.records import APPRAISAL_GRADES, ATTENDANCE, CHANGE_KINDS, DUES_CATEGORIES, MEETING_KINDS, MEMBER_CATEGORIES

from ..orgs.models import Organization


def _token() -> str:
    return secrets.token_hex(16)


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class Member(models.Model):
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="members")
    name = models.CharField("姓名", max_length=50)
    category = models.CharField("类别", max_length=10, choices=_choices(MEMBER_CATEGORIES), default="正式党员")
    joined = models.DateField("入党日期", null=True, blank=True, help_text="支部大会通过其为预备党员的日期")
    confirmed = models.DateField("转正日期", null=True, blank=True)
    birth = models.DateField("出生日期", null=True, blank=True)
    group = models.CharField("党小组", max_length=50, blank=True)
    mobile = models.BooleanField("流动党员", default=False)
    dues_category = models.CharField("人员类别", max_length=10, choices=_choices(DUES_CATEGORIES), default="在职")
    dues_base = models.DecimalField("党费基数（元）", max_digits=10, decimal_places=2, null=True, blank=True,
                                    help_text="每月工资收入中相对固定的、经常性的部分（税后）")
    note = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党员"
        ordering = ["organization__path", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_member_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.joined and self.confirmed and self.confirmed < self.joined:
            raise ValidationError({"confirmed": "转正日期不能早于入党日期"})
        if self.category == "预备党员" and self.confirmed:
            raise ValidationError({"category": "已转正的请选“正式党员”"})


class MemberChange(models.Model):
    """转入、转出、出党、去世……: a member who leaves keeps their row and their records."""

    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("变动", max_length=10, choices=_choices(CHANGE_KINDS))
    date = models.DateField("日期")
    note = models.CharField("说明", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "组织关系变动"
        ordering = ["date"]


class Meeting(models.Model):
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField("日期")
    kinds = models.JSONField("类型", default=list, help_text="一次会议可以同时是几种")
    topic = models.CharField("主题", max_length=200, blank=True)
    host = models.CharField("主持人", max_length=50, blank=True)
    recorder = models.CharField("记录人", max_length=50, blank=True)
    lecturer = models.CharField("主讲人", max_length=50, blank=True, help_text="党课由谁讲")
    group = models.CharField("党小组", max_length=50, blank=True)
    expected = models.PositiveIntegerField("应到", null=True, blank=True)
    present = models.PositiveIntegerField("实到", null=True, blank=True, help_text="有出席名单时按名单计")
    note = models.TextField("备注", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "会议"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organization", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {'、'.join(self.kinds)} {self.topic}"

    def clean(self):
        bad = [k for k in self.kinds if k not in MEETING_KINDS]
        if not self.kinds or bad:
            raise ValidationError({"kinds": "请至少选一种类型" if not self.kinds else f"未知的类型：{'、'.join(bad)}"})
        self.kinds = [k for k in MEETING_KINDS if k in self.kinds]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="attendance")
    name = models.CharField("姓名", max_length=50)
    status = models.CharField("出席情况", max_length=4, choices=_choices(ATTENDANCE), default="出席")
    reason = models.CharField("请假事由", max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "出席情况"


class Resolution(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    title = models.CharField("表决事项", max_length=200, blank=True)
    votes_for = models.PositiveIntegerField("赞成", null=True, blank=True)
    against = models.PositiveIntegerField("反对", null=True, blank=True)
    abstain = models.PositiveIntegerField("弃权", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "表决"


class Talk(models.Model):
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="talks")
    date = models.DateField("日期")
    talker = models.CharField("谈话人", max_length=50)
    talkee = models.CharField("谈话对象", max_length=50)
    note = models.CharField("内容", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "谈心谈话"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organization", "date"])]


class Appraisal(models.Model):
    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.PROTECT, related_name="appraisals")
    year = models.PositiveIntegerField("年度")
    grade = models.CharField("等次", max_length=10, choices=_choices(APPRAISAL_GRADES))
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "民主评议结果"
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="unique_appraisal")]


class Candidate(models.Model):
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="candidates")
    name = models.CharField("姓名", max_length=50)
    birth = models.DateField("出生日期", null=True, blank=True)
    hours = models.DecimalField("培训学时", max_digits=5, decimal_places=1, null=True, blank=True)
    introducers = models.CharField("入党介绍人", max_length=100, blank=True, help_text="两人，用顿号分开")
    extensions = models.CharField("延长预备期（月）", max_length=20, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "发展党员"
        ordering = ["organization__path", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_candidate_name")]

    def __str__(self) -> str:
        return self.name


STEP_CHOICES = _choices(dev.STEP_NAMES + (dev.CONFIRMED,))


class CandidateStep(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField("步骤", max_length=30, choices=STEP_CHOICES)
    date = models.DateField("日期")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "发展步骤"
        constraints = [models.UniqueConstraint(fields=["candidate", "step"], name="unique_candidate_step")]


class Payment(models.Model):
    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.PROTECT, related_name="payments")
    first_month = models.DateField("起始月份")
    last_month = models.DateField("截止月份")
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    paid_on = models.DateField("交纳日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党费交纳"
        ordering = ["-first_month", "member_id"]

    def clean(self):
        if self.first_month and self.last_month and self.last_month < self.first_month:
            raise ValidationError({"last_month": "截止月份不能早于起始月份"})
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "金额不能是负数"})


class Election(models.Model):
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="elections")
    date = models.DateField("选举日期")
    term_years = models.PositiveIntegerField("届期（年）", null=True, blank=True, help_text="空着按规定：村、社区5年，党委5年，总支、支部3年")
    secretary = models.CharField("书记", max_length=50, blank=True)
    members = models.CharField("委员", max_length=300, blank=True, help_text="本届委员（含书记），用顿号分开")
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "换届选举"
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["organization", "date"], name="unique_election")]


class Revision(models.Model):
    """When an organization's records (or those below it) last changed: the key of the board's cache."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="ledger_revision", primary_key=True)
    number = models.PositiveBigIntegerField(default=0)
    # New with the row: an organization made later with a reused id never meets the old one's cache entries.
    token = models.CharField(max_length=32, default=_token)


class CalendarToken(models.Model):
    """A private address for a user's calendar feed (a calendar program cannot log in); it may be renewed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_calendar")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now=True)
