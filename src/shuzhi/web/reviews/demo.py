"""The reviews app's demo data: the example reports, checked, for the demo organizations."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from ..orgs.models import Organization
from .models import Upload, UploadedFile
from .processing import process_upload

YEAR = 2023
# Which example report goes to which organization (a compilation to the organization above its parts).
FILES = [
    ("第一党支部书记", "第一党支部"),
    ("青山镇党委书记", "青山镇党委"),
    ("幸福里社区党委书记", "幸福里社区党委"),
    ("区直机关党支部书记述职报告汇编", "区直机关工委"),
]


def load_reports(orgs: dict[str, Organization], examples: Path) -> int:
    """Upload and check every example report not yet in the database; returns how many were uploaded."""
    reviewer = get_user_model().objects.get(username="zuzhibu")
    n = 0
    for path in sorted(examples.iterdir()):
        org = next((orgs[o] for needle, o in FILES if needle in path.name), None)
        if org is None or not path.is_file():
            continue
        upload = Upload.objects.create(organization=org, year=YEAR, uploaded_by=reviewer)
        UploadedFile.objects.create(upload=upload, name=path.name, data=path.read_bytes())
        process_upload(upload.pk)
        n += 1
    return n
