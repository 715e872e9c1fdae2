"""The demo's organization tree and its logins, shared by every app's demo data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from shuzhi.ledger.demo import DEMO_TREE

from .models import Organization, Role

PASSWORD = "shuzhi-demo"
_KINDS = {label: code for code, label in Organization.KINDS}
_SECTORS = {label: code for code, label in Organization.SECTORS}
# (name, kind, sector, parent): the engine's demo tree, which the demo ledger is made for.
TREE = [(name, _KINDS[kind], _SECTORS[sector], parent) for name, kind, sector, parent in DEMO_TREE]
# (username, full name, role, organization)
PEOPLE = [
    ("zuzhibu", "区委组织部审读人", Role.REVIEWER, "中共示范区委员会"),
    ("diyi", "第一党支部书记", Role.SECRETARY, "第一党支部"),
    ("qingshan", "青山镇党委书记", Role.SECRETARY, "青山镇党委"),
    ("qingshan", "青山镇党委书记", Role.REVIEWER, "青山镇党委"),
    ("qingshancun", "青山村党支部组织委员", Role.RECORDER, "青山村党支部"),
]


def load_tree() -> tuple[dict[str, Organization], list[tuple[str, str, str]]]:
    """Create what is missing; returns the organizations by name and (username, password, role) of the logins."""
    users = get_user_model()
    with transaction.atomic():
        orgs: dict[str, Organization] = {}
        for name, kind, sector, parent in TREE:
            org, _ = Organization.objects.get_or_create(name=name, defaults={"kind": kind, "sector": sector, "parent": orgs.get(parent)})
            if org.sector != sector:  # a demo database made before sectors existed
                org.sector = sector
                org.save()
            orgs[name] = org
        logins: dict[str, list[str]] = {}
        for username, full_name, kind, org in PEOPLE:
            user, created = users.objects.get_or_create(username=username, defaults={"first_name": full_name})
            if created:
                user.set_password(PASSWORD)
                user.save()
            Role.objects.get_or_create(user=user, organization=orgs[org], kind=kind)
            logins.setdefault(username, []).append(f"{dict(Role.KINDS)[kind].split('（')[0]} · {org}")
        admin, created = users.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "管理员"})
        if created:
            admin.set_password(PASSWORD)
            admin.save()
        logins["admin"] = ["管理员（Django 管理后台）"]
    return orgs, [(u, PASSWORD, "；".join(r)) for u, r in logins.items()]
