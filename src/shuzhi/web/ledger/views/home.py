"""The ledger's front door: a secretary goes to their organization's page, the 上级 to the board of its subtree."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

from ...orgs import access


def home(request):
    own = list(access.writable_organizations(request.user)[:2])
    readable = access.organizations(request.user)
    if len(own) == 1 and not readable.exclude(pk=own[0].pk).exists():
        return redirect(reverse("ledger:org", args=[own[0].pk]) + ("?format=json" if request.GET.get("format") == "json" else ""))
    return redirect(reverse("ledger:board") + ("?format=json" if request.GET.get("format") == "json" else ""))
