"""The organization tree and who holds which role in it: the shared base of every app (reviews, ledger, campaigns)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.models import HistoricalRecords

from .signals import moved


class Organization(models.Model):
    """A node of the organization tree (党委 → 党总支 → 党支部); `path` makes a subtree one prefix query."""

    COMMITTEE, GENERAL_BRANCH, BRANCH = "committee", "general_branch", "branch"
    KINDS = [(COMMITTEE, "党委"), (GENERAL_BRANCH, "党总支"), (BRANCH, "党支部")]
    # The sectors the rules of the ledger tell apart (term of office, which regulation applies).
    SECTORS = [("organ", "机关"), ("village", "村"), ("community", "社区"), ("soe", "国企"), ("school", "学校"),
               ("hospital", "医院"), ("private", "非公"), ("other", "其他")]

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=KINDS)
    sector = models.CharField("领域", max_length=20, choices=SECTORS, default="other")
    parent = models.ForeignKey("self", verbose_name="上级组织", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField("路径", max_length=400, db_index=True, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["path"])

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
                moved.send(sender=Organization, instance=self, old_path=old, new_path=new)

    def subtree(self):
        return Organization.objects.filter(path__startswith=self.path)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class Role(models.Model):
    """A reviewer reads a subtree; a secretary or a recorder works for one organization. Administrators are superusers."""

    REVIEWER, SECRETARY, RECORDER = "reviewer", "secretary", "recorder"
    KINDS = [(REVIEWER, "审读人（本组织及下级）"), (SECRETARY, "书记（本组织）"), (RECORDER, "组织委员（录入本组织台账）")]
    # Roles that keep their organization's records (the ledger): the 上级 reads them, it does not write them.
    WRITERS = (SECRETARY, RECORDER)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="roles")
    organization = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField("角色", max_length=20, choices=KINDS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["user", "organization", "kind"], name="unique_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.organization}"

    @property
    def label(self) -> str:
        return str(self.get_kind_display()).split("（")[0]
