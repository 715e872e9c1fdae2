"""Uploads, report files, reports, findings and the decisions taken on them; the organization tree is orgs'."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..orgs.models import Organization


class Upload(models.Model):
    """One submission of one or more files, processed in the background."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "排队中"), (RUNNING, "检查中"), (DONE, "已完成"), (FAILED, "失败")]

    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="uploads")
    year = models.PositiveIntegerField("年度")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=QUEUED)
    total = models.PositiveIntegerField("文件数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    # [{"source", "message"}]: files that could not be read, each with its reason.
    errors = models.JSONField("无法读取的文件", default=list, blank=True)
    duplicates = models.JSONField("重复上传的文件", default=list, blank=True)
    skipped = models.JSONField("跳过的文件", default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "上传"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年度 上传#{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)


class UploadedFile(models.Model):
    """A file as received, kept only until the worker has read it."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    data = models.BinaryField()


class SourceFile(models.Model):
    """One report file (a member of a zip counts as one), with its bytes and decoded text; unique by hash."""

    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="files")
    year = models.PositiveIntegerField("年度")
    sha256 = models.CharField(max_length=64)
    name = models.CharField("文件名", max_length=500)
    data = models.BinaryField()
    format = models.CharField("格式", max_length=10)
    encoding = models.CharField(max_length=40, blank=True)
    text = models.TextField()
    warnings = models.JSONField(default=list, blank=True)
    upload = models.ForeignKey(Upload, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_files")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField("检查时间", null=True)

    class Meta:
        verbose_name = verbose_name_plural = "报告文件"
        constraints = [models.UniqueConstraint(fields=["organization", "year", "sha256"], name="unique_file_per_org_year")]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """One report of a file (a compilation holds several), with the engine's result and counts for the overview."""

    source_file = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="reports")
    index = models.PositiveIntegerField()
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveIntegerField("年度", db_index=True)
    title = models.CharField("标题", max_length=500, blank=True)
    kind = models.CharField("类型", max_length=20)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    front_matter = models.BooleanField(default=False)
    # What `shuzhi check --format json` gives for this document: the engine's result is the source of truth.
    result = models.JSONField()
    # Counts of findings not dismissed, kept up to date as decisions are taken; score and rating are the engine's.
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    infos = models.PositiveIntegerField("提示", default=0)
    placeholders = models.PositiveIntegerField("未填占位符", default=0)
    stale = models.PositiveIntegerField("陈旧内容", default=0)
    by_category = models.JSONField("各类问题数", default=dict)
    concreteness = models.FloatField("具体程度", null=True)
    score = models.IntegerField("得分", null=True)
    rating = models.CharField("建议等次", max_length=4, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "述职报告"
        constraints = [models.UniqueConstraint(fields=["source_file", "index"], name="unique_report_in_file")]
        ordering = ["organization__path", "index"]

    def __str__(self) -> str:
        return self.title or self.source_file.name

    @property
    def text(self) -> str:
        return self.source_file.text[self.start:self.end]


class Finding(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(max_length=5)
    category = models.CharField(max_length=20)
    severity = models.CharField(max_length=10)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    line = models.PositiveIntegerField()
    column = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    message = models.TextField()
    suggestions = models.JSONField(default=list)
    safety = models.CharField(max_length=10, blank=True)
    # Stable across re-checks (rule, flagged text, its context, which occurrence): what a decision is keyed on.
    key = models.CharField(max_length=40)

    class Meta:
        ordering = ["start", "end", "rule"]
        indexes = [models.Index(fields=["report", "category"])]


class Decision(models.Model):
    """A reviewer's or secretary's verdict on a finding; it survives re-checks through the finding's key."""

    ACCEPTED, DISMISSED = "accepted", "dismissed"
    STATUSES = [(ACCEPTED, "已采纳"), (DISMISSED, "已忽略")]

    source_file = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="decisions")
    key = models.CharField(max_length=40)
    rule = models.CharField(max_length=5)
    text = models.TextField(blank=True)
    status = models.CharField("处理结果", max_length=10, choices=STATUSES)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField("处理时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "处理记录"
        constraints = [models.UniqueConstraint(fields=["source_file", "key"], name="unique_decision")]
