"""Setting a campaign up: its reporters from the organization tree (the secretary's name derived, never retyped),
its reviewer, last year's campaign found."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from ..orgs.models import Organization, Role
from .models import Campaign, Membership, Reporter


def secretary_of(org: Organization) -> tuple[str, object]:
    """The secretary's name and account: the user holding the 书记 role, else the 书记 of the latest election in the
    organization's ledger."""
    role = Role.objects.filter(organization=org, kind=Role.SECRETARY).select_related("user").order_by("id").first()
    if role is not None:
        return (role.user.get_full_name() or role.user.username), role.user
    from ..ledger.models import Election

    election = Election.objects.filter(organization=org).exclude(secretary="").order_by("-date").first()
    return (election.secretary if election else ""), None


def add_reporters(campaign: Campaign, kinds: list[str] | None = None, orgs: list[Organization] | None = None) -> int:
    """Everyone of the given kinds in the campaign's scope (or the organizations given) reports; those already
    reporting are left as they are. Returns how many were added."""
    if orgs is None:
        orgs = list(campaign.scope.subtree().filter(kind__in=kinds or []))
    present = set(campaign.reporters.values_list("organization_id", flat=True))
    seq = campaign.reporters.aggregate(n=Max("seq"))["n"] or 0
    added = 0
    with transaction.atomic():
        for org in orgs:
            if org.pk in present or not org.path.startswith(campaign.scope.path):
                continue
            name, user = secretary_of(org)
            seq += 1
            Reporter.objects.create(campaign=campaign, organization=org, seq=seq, secretary=name, user=user)
            added += 1
    return added


def create(form, user) -> Campaign:
    with transaction.atomic():
        campaign = form.save(commit=False)
        campaign.created_by = user
        campaign.previous = (Campaign.objects.filter(scope=campaign.scope, year=campaign.year - 1).order_by("-id").first())
        campaign.save()
        Membership.objects.create(campaign=campaign, user=user, role=Membership.REVIEWER)
        add_reporters(campaign, form.cleaned_data.get("reporter_kinds") or [])
    return campaign
