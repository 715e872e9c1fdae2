"""The demo's organization tree and its logins, shared by every app's demo data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Organization, Role

PASSWORD = "shuzhi-demo"
C, G, B = Organization.COMMITTEE, Organization.GENERAL_BRANCH, Organization.BRANCH
# (name, kind, sector, parent)
TREE = [
    ("中共示范区委员会", C, "organ", None),
    ("区直机关工委", C, "organ", "中共示范区委员会"),
    ("区财政局机关党支部", B, "organ", "区直机关工委"),
    ("区教育局机关党支部", B, "organ", "区直机关工委"),
    ("区卫生健康局机关党支部", B, "organ", "区直机关工委"),
    ("区税务局机关党总支", G, "organ", "区直机关工委"),
    ("第一党支部", B, "organ", "区税务局机关党总支"),
    ("青山镇党委", C, "village", "中共示范区委员会"),
    ("青山村党支部", B, "village", "青山镇党委"),
    ("石桥村党支部", B, "village", "青山镇党委"),
    ("幸福里社区党委", C, "community", "中共示范区委员会"),
    ("幸福里社区第一党支部", B, "community", "幸福里社区党委"),
]
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
