"""What every ledger page needs: the organization asked for (within the user's scope), the year, and whether the
user may write."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from ...orgs import access
from ...orgs.models import Organization


def organization(request, pk: int, write: bool = False) -> Organization:
    """The organization, if the user may read it (404 otherwise); with `write`, 403 unless they keep its records."""
    org = access.get_or_404(access.organizations(request.user), pk=pk)
    if write and not access.can_write(request.user, org):
        raise PermissionDenied
    return org


def year(request) -> int:
    try:
        value = int(request.GET.get("year") or datetime.date.today().year)
    except ValueError:
        value = datetime.date.today().year
    return min(max(value, 2000), 2100)


def years_around(value: int) -> list[int]:
    this = datetime.date.today().year
    return sorted({this, this - 1, this - 2, this - 3, value}, reverse=True)


def context(request, org: Organization | None = None, **extra) -> dict:
    out = {"ledger_section": True, **extra}
    if org is not None:
        out["org"] = org
        out["can_write"] = access.can_write(request.user, org)
        out["trail"] = list(access.organizations(request.user).filter(pk__in=[int(p) for p in org.path.strip("/").split("/")]))
    return out
