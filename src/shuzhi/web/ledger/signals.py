"""Any change to a record bumps the revision of its organization and of every organization above it (a 党委's
obligations read its branches' meetings), so that the board's cache is never read stale."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save

from ..orgs.models import Organization
from ..orgs.signals import moved
from . import models as m

# model -> how to reach the organization's id from an instance
_ORG = {
    m.Member: lambda o: o.organization_id, m.Meeting: lambda o: o.organization_id, m.Talk: lambda o: o.organization_id,
    m.Candidate: lambda o: o.organization_id, m.Election: lambda o: o.organization_id,
    m.MemberChange: lambda o: m.Member.objects.filter(pk=o.member_id).values_list("organization_id", flat=True).first(),
    m.Appraisal: lambda o: m.Member.objects.filter(pk=o.member_id).values_list("organization_id", flat=True).first(),
    m.Payment: lambda o: m.Member.objects.filter(pk=o.member_id).values_list("organization_id", flat=True).first(),
    m.Attendance: lambda o: m.Meeting.objects.filter(pk=o.meeting_id).values_list("organization_id", flat=True).first(),
    m.Resolution: lambda o: m.Meeting.objects.filter(pk=o.meeting_id).values_list("organization_id", flat=True).first(),
    m.CandidateStep: lambda o: m.Candidate.objects.filter(pk=o.candidate_id).values_list("organization_id", flat=True).first(),
}


def _ids(path: str) -> set[int]:
    return {int(p) for p in path.strip("/").split("/") if p}


def bump(organization_ids, paths=()) -> None:
    """A new revision for these organizations and all above them (and for every organization on `paths`)."""
    ids = set()
    for path in list(Organization.objects.filter(pk__in=set(organization_ids) - {None}).values_list("path", flat=True)) + list(paths):
        ids |= _ids(path)
    if not ids:
        return
    with transaction.atomic():
        have = set(m.Revision.objects.filter(organization_id__in=ids).values_list("organization_id", flat=True))
        m.Revision.objects.bulk_create([m.Revision(organization_id=i, number=1) for i in ids - have], ignore_conflicts=True)
        m.Revision.objects.filter(organization_id__in=have).update(number=F("number") + 1)


def _before(sender, instance, **kwargs):
    """A record moved to another organization changes the old one's obligations too: remember where it was."""
    if instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._ledger_old_org = _ORG[sender](old) if old is not None else None


def _changed(sender, instance, **kwargs):
    try:
        org = _ORG[sender](instance)
    except Exception:  # the parent row is already gone (a cascade): the parent's own signal bumps
        return
    bump([org, getattr(instance, "_ledger_old_org", None)])


def _moved(sender, instance, old_path: str, new_path: str, **kwargs):
    """A moved organization: the old parents lose what it did, the new ones gain it."""
    bump([], paths=[old_path, new_path])


def _organization_changed(sender, instance, created=False, **kwargs):
    """A new, renamed, moved or re-sectored organization: its obligations (and those above it) may change."""
    bump([instance.pk])


post_save.connect(_organization_changed, sender=Organization, dispatch_uid="ledger-rev-organization")
moved.connect(_moved, sender=Organization, dispatch_uid="ledger-rev-organization-moved")

for model in _ORG:
    pre_save.connect(_before, sender=model, dispatch_uid=f"ledger-rev-before-{model.__name__}")
    post_save.connect(_changed, sender=model, dispatch_uid=f"ledger-rev-save-{model.__name__}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"ledger-rev-delete-{model.__name__}")
