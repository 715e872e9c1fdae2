"""The demo: an organization tree, one reviewer and two secretaries, and the example reports checked."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Organization, Role, Upload, UploadedFile
from .processing import process_upload

YEAR = 2023
PASSWORD = "shuzhi-demo"
# (name, kind, parent)
TREE = [
    ("中共示范区委员会", Organization.COMMITTEE, None),
    ("区直机关工委", Organization.COMMITTEE, "中共示范区委员会"),
    ("区财政局机关党支部", Organization.BRANCH, "区直机关工委"),
    ("区教育局机关党支部", Organization.BRANCH, "区直机关工委"),
    ("区卫生健康局机关党支部", Organization.BRANCH, "区直机关工委"),
    ("区税务局机关党总支", Organization.GENERAL_BRANCH, "区直机关工委"),
    ("第一党支部", Organization.BRANCH, "区税务局机关党总支"),
    ("青山镇党委", Organization.COMMITTEE, "中共示范区委员会"),
    ("幸福里社区党委", Organization.COMMITTEE, "中共示范区委员会"),
]
# (username, full name, role, organization)
PEOPLE = [
    ("zuzhibu", "区委组织部审读人", Role.REVIEWER, "中共示范区委员会"),
    ("diyi", "第一党支部书记", Role.SECRETARY, "第一党支部"),
    ("qingshan", "青山镇党委书记", Role.SECRETARY, "青山镇党委"),
]
# Which example report goes to which organization (a compilation to the organization above its parts).
FILES = [
    ("第一党支部书记", "第一党支部"),
    ("青山镇党委书记", "青山镇党委"),
    ("幸福里社区党委书记", "幸福里社区党委"),
    ("区直机关党支部书记述职报告汇编", "区直机关工委"),
]


def load_demo(examples: Path) -> list[tuple[str, str, str]]:
    """Create what is missing and check the examples; returns (username, password, role) of the demo logins."""
    with transaction.atomic():
        orgs: dict[str, Organization] = {}
        for name, kind, parent in TREE:
            orgs[name], _ = Organization.objects.get_or_create(name=name, defaults={"kind": kind, "parent": orgs.get(parent)})
        users = get_user_model()
        logins = []
        for username, full_name, kind, org in PEOPLE:
            user, created = users.objects.get_or_create(username=username, defaults={"first_name": full_name})
            if created:
                user.set_password(PASSWORD)
                user.save()
            Role.objects.get_or_create(user=user, organization=orgs[org], kind=kind)
            logins.append((username, PASSWORD, f"{dict(Role.KINDS)[kind].split('（')[0]} · {org}"))
        admin, created = users.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "管理员"})
        if created:
            admin.set_password(PASSWORD)
            admin.save()
        logins.append(("admin", PASSWORD, "管理员（Django 管理后台）"))
    reviewer = users.objects.get(username="zuzhibu")
    for path in sorted(examples.iterdir()):
        org = next((orgs[o] for needle, o in FILES if needle in path.name), None)
        if org is None or not path.is_file():
            continue
        upload = Upload.objects.create(organization=org, year=YEAR, uploaded_by=reviewer)
        UploadedFile.objects.create(upload=upload, name=path.name, data=path.read_bytes())
        process_upload(upload.pk)
    return logins
