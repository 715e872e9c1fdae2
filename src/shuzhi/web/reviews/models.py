"""Organizations, roles, uploads, report files, reports, findings and the decisions taken on them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction


class Organization(models.Model):
    """A node of the organization tree (党委 → 党总支 → 党支部); `path` makes a subtree one prefix query."""

    COMMITTEE, GENERAL_BRANCH, BRANCH = "committee", "general_branch", "branch"
    KINDS = [(COMMITTEE, "党委"), (GENERAL_BRANCH, "党总支"), (BRANCH, "党支部")]

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=KINDS)
    parent = models.ForeignKey("self", verbose_name="上级组织", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField("路径", max_length=400, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = verbose_name_plural = "党组织"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.pk and self.parent and (self.parent_id == self.pk or self.parent.path.startswith(self.path or "\0")):
            raise ValidationError({"parent": "上级组织不能是本组织或其下级组织"})

    def save(self, *args, **kwargs):
        self.clean()
        with transaction.atomic():
            super().save(*args, **kwargs)
            old, new = self.path, (self.parent.path if self.parent else "/") + f"{self.pk}/"
            if new == old:
                return
            Organization.objects.filter(pk=self.pk).update(path=new)
            self.path = new
            if old:  # moved: its whole subtree moves with it
                for child in Organization.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Organization.objects.filter(pk=child.pk).update(path=new + child.path[len(old):])

    def subtree(self):
        return Organization.objects.filter(path__startswith=self.path)


class Role(models.Model):
    """A reviewer reads a subtree; a secretary writes for one organization. Administrators are superusers."""

    REVIEWER, SECRETARY = "reviewer", "secretary"
    KINDS = [(REVIEWER, "审读人（本组织及下级）"), (SECRETARY, "书记（本组织）")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="roles")
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField("角色", max_length=20, choices=KINDS)

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["user", "organization", "kind"], name="unique_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.organization}"


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
