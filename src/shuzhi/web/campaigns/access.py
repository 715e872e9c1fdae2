"""Who sees and does what in a campaign, on the shared scope of orgs.

- The campaign's reviewers (Membership REVIEWER; its creator is one) run it: every reporter, every action.
- A 上级 (a reviewer role over part of the scope) reads the reporters of its subtree, read-only.
- A secretary reads and acts for their own organization's reporter only, and sees its rating, 点评 and problems
  once they have been fed back.
- A 评议 member (Membership VOTER) sees the campaign's name and the way to the ballot, nothing else.
- A recorder (组织委员) keeps the ledger; a campaign is not theirs.

Everything out of scope answers 404, as in the other apps.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ..orgs.access import _roles, _scope, get_or_404  # noqa: F401  (get_or_404: for the views)
from ..orgs.models import Organization, Role
from .models import Campaign, Item, Membership, Problem, Reporter


def _memberships(user) -> dict[int, set[str]]:
    cached = getattr(user, "_shuzhi_campaign_roles", None)
    if cached is None:
        cached = {}
        for campaign_id, role in Membership.objects.filter(user=user).values_list("campaign_id", "role"):
            cached.setdefault(campaign_id, set()).add(role)
        user._shuzhi_campaign_roles = cached
    return cached


def reporter_scope(user) -> Q | None:
    """A filter on Organization for the reporters a user may read outside the campaigns they run (a recorder keeps
    the ledger; the campaign is the secretary's); None: all."""
    return _scope(user, own=(Role.SECRETARY,))


def campaigns(user) -> QuerySet[Campaign]:
    """The campaigns a user has any part in."""
    if user.is_superuser:
        return Campaign.objects.all()
    scope = reporter_scope(user)
    return Campaign.objects.filter(
        Q(pk__in=list(_memberships(user))) | Q(reporters__organization__in=Organization.objects.filter(scope))
    ).distinct()


def manages(user, campaign: Campaign) -> bool:
    return user.is_superuser or Membership.REVIEWER in _memberships(user).get(campaign.pk, set())


def only_votes(user, campaign: Campaign) -> bool:
    """A 评议 member with no other part: the ballot is all they see."""
    return (not manages(user, campaign) and Membership.VOTER in _memberships(user).get(campaign.pk, set())
            and not reporters(user, campaign).exists())


def reporters(user, campaign: Campaign) -> QuerySet[Reporter]:
    """The reporters of the campaign the user may read."""
    qs = campaign.reporters.select_related("organization")
    if manages(user, campaign):
        return qs
    return qs.filter(organization__in=Organization.objects.filter(reporter_scope(user)))


def is_secretary_of(user, reporter: Reporter) -> bool:
    """The reporter is the user's own (they report, fill the items, apply to close them)."""
    return user.is_superuser or reporter.user_id == user.pk or any(
        r.kind == Role.SECRETARY and r.organization_id == reporter.organization_id for r in _roles(user))


def sees_feedback(user, reporter: Reporter) -> bool:
    """Rating, 点评, ballots and problems: the campaign's reviewers always; others once fed back (the 上级 too)."""
    return manages(user, reporter.campaign) or reporter.feedback_visible


def problems(user, campaign: Campaign) -> QuerySet[Problem]:
    qs = Problem.objects.filter(reporter__campaign=campaign).select_related("reporter__organization")
    if manages(user, campaign):
        return qs
    return qs.filter(reporter__in=reporters(user, campaign), reporter__state__in=("told", "rectifying", "done"))


def items(user, campaign: Campaign) -> QuerySet[Item]:
    qs = Item.objects.filter(problem__reporter__campaign=campaign).select_related("problem__reporter__organization")
    if manages(user, campaign):
        return qs
    return qs.filter(problem__in=problems(user, campaign))


def creatable_scopes(user) -> QuerySet[Organization]:
    """Where a user may start a campaign: organizations they review (and below); anywhere for an administrator."""
    if user.is_superuser:
        return Organization.objects.all()
    q = Q(pk__in=[])
    for role in _roles(user):
        if role.kind == Role.REVIEWER:
            q |= Q(path__startswith=role.organization.path)
    return Organization.objects.filter(q)
